// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/pipeline.h"

#include <doctest/doctest.h>

#include <fstream>

#include "bitstate/agnews.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model.h"
#include "bitstate/ridge_classifier.h"
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

TEST_CASE(
    "an integer-trained pipeline is the QuantizedModel trained and read by hand, on any threads") {
  MarkovDatasetSpec spec;
  spec.seed = 5;
  const Dataset train = MakeMarkovDataset(spec, 60, 1);
  const Dataset fit = MakeMarkovDataset(spec, 60, 2);
  const Dataset test = MakeMarkovDataset(spec, 60, 3);
  PipelineOptions options = TextPipeline(256);
  options.train_bits = 8;
  const PipelineResult r = RunPipeline(train, fit, test, options);

  IntegerTrainingOptions training;
  training.bits = 8;
  QuantizedModel q(options.model, training);
  TrainingCurve curve;
  TrainUnsupervised(q, train, false, &curve);
  const FeatureMatrix fit_features = ComputeStateFeatures(q, fit, Pooling::kMean, false);
  const FeatureMatrix test_features = ComputeStateFeatures(q, test, Pooling::kMean, false);
  RidgeClassifier classifier;
  classifier.Fit(fit_features, Labels(fit), options.classes, options.alpha);
  CHECK(r.model_accuracy == classifier.Accuracy(test_features, Labels(test)));
  CHECK(r.curve.state_error == curve.state_error);
  CHECK(r.model_accuracy > r.baseline_accuracy + 0.2);

  // The float pipeline is another model.
  PipelineOptions float_options = TextPipeline(256);
  CHECK(RunPipeline(train, fit, test, float_options).curve.state_error != curve.state_error);

  options.threads = 3;  // feature passes in segments
  const PipelineResult threaded = RunPipeline(train, fit, test, options);
  CHECK(threaded.model_accuracy == r.model_accuracy);
  CHECK(threaded.final_state_accuracy == r.final_state_accuracy);
  CHECK(threaded.curve.state_error == r.curve.state_error);

  options.train_bits = 17;
  CHECK_THROWS_AS(RunPipeline(train, fit, test, options), Error);
  options.train_bits = 4;
  options.learning.zero_init = true;
  CHECK_THROWS_WITH_AS(RunPipeline(train, fit, test, options),
                       doctest::Contains("float training only"), Error);
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
