// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/pipeline.h"

#include <doctest/doctest.h>

#include <fstream>

#include "bitstate/agnews.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

// The pipeline's defaults on text (m = 96) with n = `hidden`.
PipelineOptions TextPipeline(size_t hidden) {
  PipelineOptions options;
  options.model.inputs = kTextSymbols;
  options.model.hidden = hidden;
  return options;
}

TEST_CASE("mean-state features are the fraction of steps each neuron was on") {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 50;
  Model model(config), replay(config);
  const std::vector<uint8_t> row = {3, 9, 27, 81, 0};
  std::vector<float> features(50);
  StateFeatures(50).Compute(model, row.data(), row.size(), Pooling::kMean, features.data());
  std::vector<int> on(50, 0);
  for (uint8_t s : row) {
    replay.InferStepSymbol(s);
    for (size_t i = 0; i < 50; ++i) on[i] += replay.state().Get(i);
  }
  for (size_t i = 0; i < 50; ++i) CHECK(features[i] == static_cast<float>(on[i]) / 5.0f);
  StateFeatures(50).Compute(model, row.data(), row.size(), Pooling::kFinal, features.data());
  for (uint8_t s : row) replay.InferStepSymbol(s);  // the same row again, as model saw it
  for (size_t i = 0; i < 50; ++i) CHECK(features[i] == (replay.state().Get(i) ? 1.0f : 0.0f));
}

TEST_CASE("symbol frequencies sum to one") {
  const std::vector<uint8_t> row = {1, 1, 2, 95};
  std::vector<float> f(96);
  SymbolFrequencies(row.data(), row.size(), 96, f.data());
  CHECK(f[1] == 0.5f);
  CHECK(f[2] == 0.25f);
  CHECK(f[95] == 0.25f);
  CHECK(f[0] == 0.0f);
}

TEST_CASE("whole pipeline at small scale: the model beats the frequency baseline") {
  MarkovDatasetSpec spec;
  spec.seed = 3;
  const Dataset train = MakeMarkovDataset(spec, 120, 1);
  const Dataset fit = MakeMarkovDataset(spec, 120, 2);
  const Dataset test = MakeMarkovDataset(spec, 120, 3);
  const PipelineResult r = RunPipeline(train, fit, test, TextPipeline(256));
  MESSAGE("model ", r.model_accuracy, ", baseline ", r.baseline_accuracy);
  CHECK(r.model_accuracy > r.baseline_accuracy + 0.3);
  CHECK(r.curve.state_error.size() == CountSteps(train));
}

TEST_CASE("whole pipeline on the shared AG News rows, when present: model beats baseline") {
  const std::string dir = BITSTATE_AGNEWS_DIR;
  if (!std::ifstream(dir + "/train.csv").good() || !std::ifstream(dir + "/test.csv").good()) {
    MESSAGE("skipped: AG News not found in ", dir);
    return;
  }
  const Dataset train = LoadAgNewsCsv(dir + "/train.csv").rows;
  const Dataset test = LoadAgNewsCsv(dir + "/test.csv").rows;
  // Rows 582.. of train.csv are a random sample of the original (its README).
  const Dataset unsupervised(train.begin() + 600, train.begin() + 900);
  const Dataset fit(train.begin() + 900, train.begin() + 1900);
  const Dataset evaluation(test.begin(), test.begin() + 1000);
  const PipelineResult r = RunPipeline(unsupervised, fit, evaluation, TextPipeline(256));
  MESSAGE("AG News, n = 256: model ", r.model_accuracy, ", baseline ", r.baseline_accuracy);
  CHECK(r.model_accuracy > r.baseline_accuracy + 0.05);
}

}  // namespace
}  // namespace bitstate
