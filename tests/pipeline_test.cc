// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/pipeline.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <tuple>

#include "bitstate/agnews.h"
#include "bitstate/error.h"
#include "bitstate/quantized_model.h"
#include "bitstate/ridge_classifier.h"
#include "bitstate/ridge_cross_validation.h"
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

// Unsupervised, classifier and test rows of one Markov source.
std::tuple<Dataset, Dataset, Dataset> MarkovSets(uint64_t seed, size_t train, size_t fit,
                                                 size_t test) {
  MarkovDatasetSpec spec;
  spec.seed = seed;
  return {MakeMarkovDataset(spec, train, 1), MakeMarkovDataset(spec, fit, 2),
          MakeMarkovDataset(spec, test, 3)};
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

TEST_CASE("late-mean pooling is the mean of the second half, mean+final the two side by side") {
  ModelConfig config;
  config.inputs = kTextSymbols;
  config.hidden = 70;
  Model model(config), replay(config);
  const std::vector<uint8_t> row = {3, 9, 27, 81, 0, 5, 7};  // 7 steps: the last 4 count
  std::vector<float> late(70), both(140);
  StateFeatures pool(70);
  pool.Compute(model, row.data(), row.size(), Pooling::kLateMean, late.data());
  std::vector<int> on(70, 0);
  for (size_t t = 0; t < row.size(); ++t) {
    replay.InferStepSymbol(row[t]);
    for (size_t i = 0; i < 70 && t >= 3; ++i) on[i] += replay.state().Get(i);
  }
  size_t differs = 0;
  for (size_t i = 0; i < 70; ++i) {
    CHECK(late[i] == static_cast<float>(on[i]) * (1.0f / 4.0f));
    on[i] = 0;
  }
  pool.Compute(model, row.data(), row.size(), Pooling::kMeanFinal, both.data());
  for (uint8_t s : row) {
    replay.InferStepSymbol(s);
    for (size_t i = 0; i < 70; ++i) on[i] += replay.state().Get(i);
  }
  for (size_t i = 0; i < 70; ++i) {
    CHECK(both[i] == static_cast<float>(on[i]) * (1.0f / 7.0f));
    CHECK(both[70 + i] == (replay.state().Get(i) ? 1.0f : 0.0f));
    differs += both[i] != late[i];
  }
  CHECK(differs > 0);  // the second half is not the whole row
  CHECK(PooledWidth(Pooling::kMeanFinal, 70) == 140);
  CHECK(ParsePooling("late-mean") == Pooling::kLateMean);
  CHECK(std::string(PoolingName(Pooling::kMeanFinal)) == "mean+final");
  CHECK_THROWS_AS(ParsePooling("median"), Error);
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
  const auto [train, fit, test] = MarkovSets(3, 120, 120, 120);
  const PipelineResult r = RunPipeline(train, fit, test, TextPipeline(256));
  MESSAGE("model ", r.model_accuracy, ", baseline ", r.baseline_accuracy);
  CHECK(r.model_accuracy > r.baseline_accuracy + 0.3);
  CHECK(r.curve.state_error.size() == CountSteps(train));
}

TEST_CASE(
    "an integer-trained pipeline is the QuantizedModel trained and read by hand, with threads "
    "too") {
  const auto [train, fit, test] = MarkovSets(5, 60, 60, 60);
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

// The ensemble's model accuracy computed by hand: each member of
// EnsembleMember trained and read alone, their features joined, one ridge.
double HandEnsembleAccuracy(const PipelineOptions& options, const Dataset& train,
                            const Dataset& fit, const Dataset& test, TrainingCurve* first_curve) {
  std::vector<FeatureMatrix> fit_parts, test_parts;
  for (size_t k = 0; k < options.models; ++k) {
    Model member(EnsembleMember(options, k));
    TrainUnsupervised(member, train, false, k == 0 ? first_curve : nullptr);
    fit_parts.push_back(ComputeStateFeatures(member, fit, options.pooling, false));
    test_parts.push_back(ComputeStateFeatures(member, test, options.pooling, false));
  }
  CHECK(fit_parts[0].values != fit_parts[1].values);  // the members differ
  const auto joined = [&](const std::vector<FeatureMatrix>& parts) {
    FeatureMatrix out(parts[0].rows, options.models * parts[0].cols);
    for (size_t r = 0; r < out.rows; ++r) {
      for (size_t k = 0; k < options.models; ++k) {
        std::copy_n(parts[k].row(r), parts[k].cols, out.row(r) + k * parts[k].cols);
      }
    }
    return out;
  };
  RidgeClassifier classifier;
  classifier.Fit(joined(fit_parts), Labels(fit), options.classes, options.alpha);
  return classifier.Accuracy(joined(test_parts), Labels(test));
}

TEST_CASE("an ensemble pipeline is its members trained and read by hand, with threads too") {
  const auto [train, fit, test] = MarkovSets(6, 40, 60, 60);
  PipelineOptions options = TextPipeline(64);
  options.models = 3;
  options.pooling = Pooling::kMeanFinal;
  const PipelineResult r = RunPipeline(train, fit, test, options);
  TrainingCurve first_curve;
  CHECK(r.model_accuracy == HandEnsembleAccuracy(options, train, fit, test, &first_curve));
  CHECK(r.curve.state_error == first_curve.state_error);
  CHECK(EnsembleMember(options, 0).seed == options.model.seed);

  options.threads = 2;  // members side by side
  const PipelineResult threaded = RunPipeline(train, fit, test, options);
  CHECK(threaded.model_accuracy == r.model_accuracy);
  CHECK(threaded.final_state_accuracy == r.final_state_accuracy);
  options.threads = 4;  // and each with threads of its own
  CHECK(RunPipeline(train, fit, test, options).model_accuracy == r.model_accuracy);

  options.models = 0;
  CHECK_THROWS_AS(RunPipeline(train, fit, test, options), Error);
}

TEST_CASE("a mixed ensemble's members take every density x carry pair in order, with threads too") {
  const auto [train, fit, test] = MarkovSets(8, 40, 60, 60);
  PipelineOptions options = TextPipeline(64);
  options.models = 4;
  options.member_densities = {0.05f, 0.2f};
  options.member_carries = {0.0f, 0.9f};
  const float density[] = {0.05f, 0.2f, 0.05f, 0.2f}, carry[] = {0.0f, 0.0f, 0.9f, 0.9f};
  for (size_t k = 0; k < 4; ++k) {
    const ModelConfig member = EnsembleMember(options, k);
    CHECK(member.density == density[k]);
    CHECK(member.carry == carry[k]);
    CHECK(member.seed == EnsembleMember(TextPipeline(64), k).seed);  // the seeds of a plain one
    CHECK(member.hidden == options.model.hidden);
  }
  options.member_carries.clear();  // densities only: the model's carry for all
  CHECK(EnsembleMember(options, 3).density == 0.2f);
  CHECK(EnsembleMember(options, 3).carry == options.model.carry);

  options.member_carries = {0.0f, 0.9f};
  const PipelineResult r = RunPipeline(train, fit, test, options);
  CHECK(r.model_accuracy == HandEnsembleAccuracy(options, train, fit, test, nullptr));
  options.threads = 2;
  CHECK(RunPipeline(train, fit, test, options).model_accuracy == r.model_accuracy);

  options.models = 6;  // 3 of one pair, 1 of another: refused before training
  CHECK_THROWS_WITH_AS(RunPipeline(train, fit, test, options), doctest::Contains("multiple of 4"),
                       Error);
}

TEST_CASE("a pipeline with cross-validated penalties reports the penalties chosen") {
  const auto [train, fit, test] = MarkovSets(7, 40, 80, 60);
  PipelineOptions options = TextPipeline(64);
  options.alpha_folds = 4;
  options.alpha_grid = {0.001, 3, 1e6};
  options.ngram_buckets = 256;
  const PipelineResult r = RunPipeline(train, fit, test, options);
  for (double alpha : {r.model_alpha, r.final_state_alpha}) {
    CHECK((alpha == 0.001 || alpha == 3 || alpha == 1e6));
  }
  // The peers choose from the default grid, whatever the model's.
  const std::vector<double> defaults = DefaultAlphaGrid();
  for (double alpha : {r.baseline_alpha, r.ngram_alpha}) {
    CHECK(std::find(defaults.begin(), defaults.end(), alpha) != defaults.end());
  }
  // The same as fixing the chosen penalty by hand.
  PipelineOptions fixed = TextPipeline(64);
  fixed.alpha = r.model_alpha;
  CHECK(RunPipeline(train, fit, test, fixed).model_accuracy == r.model_accuracy);
  options.alpha_folds = 1;
  CHECK_THROWS_WITH_AS(RunPipeline(train, fit, test, options), doctest::Contains("folds"), Error);
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
