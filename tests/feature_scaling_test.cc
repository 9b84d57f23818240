// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/feature_scaling.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "bitstate/error.h"
#include "bitstate/pipeline.h"
#include "bitstate/random.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"

namespace bitstate {
namespace {

FeatureMatrix Matrix(size_t rows, size_t cols, const std::vector<float>& values) {
  FeatureMatrix m(rows, cols);
  m.values = values;
  return m;
}

TEST_CASE("standard scaling takes mean and sd from the fit rows and applies them to others") {
  // Column 0: {0, 2} (mean 1, sd 1); column 1: constant 5; column 2: {1, 4} (mean 2.5, sd 1.5).
  FeatureMatrix fit = Matrix(2, 3, {0, 5, 1, 2, 5, 4});
  FeatureMatrix other = Matrix(1, 3, {3, 7, 1});
  const FeatureScaler scaler(FeatureScaling::kStandard, fit);
  scaler.Apply(fit);
  scaler.Apply(other);
  CHECK(fit.values == std::vector<float>{-1, 0, -1, 1, 0, 1});
  CHECK(other.values[0] == doctest::Approx(2.0));
  CHECK(other.values[1] == 0.0f);  // a constant feature carries nothing
  CHECK(other.values[2] == doctest::Approx(-1.0));
}

TEST_CASE("standardised fit rows have mean 0 and sd 1 per feature") {
  FeatureMatrix fit(200, 17);
  Rng rng(3);
  for (size_t r = 0; r < fit.rows; ++r) {
    for (size_t k = 0; k < fit.cols; ++k) {
      fit.row(r)[k] = static_cast<float>(k + 1) * rng.UniformFloat() * rng.UniformFloat();
    }
  }
  FeatureMatrix root = fit;
  for (float& x : root.values) x = std::sqrt(x);
  FeatureMatrix both = fit;
  FeatureScaler(FeatureScaling::kStandard, root).Apply(root);
  FeatureScaler(FeatureScaling::kSqrtStandard, both).Apply(both);
  for (size_t k = 0; k < fit.cols; ++k) {
    double sum = 0, squares = 0;
    for (size_t r = 0; r < fit.rows; ++r) sum += root.row(r)[k];
    for (size_t r = 0; r < fit.rows; ++r) squares += root.row(r)[k] * root.row(r)[k];
    CHECK(sum / fit.rows == doctest::Approx(0.0).epsilon(1e-5));
    CHECK(squares / fit.rows == doctest::Approx(1.0).epsilon(1e-5));
  }
  // sqrt+standard is the square root, then standardised.
  for (size_t i = 0; i < fit.values.size(); ++i) {
    CHECK(both.values[i] == doctest::Approx(root.values[i]).epsilon(1e-5));
  }
}

TEST_CASE("sqrt scaling roots each feature and names a negative one") {
  FeatureMatrix fit = Matrix(2, 2, {0, 0.25f, 4, 1});
  const FeatureScaler scaler(FeatureScaling::kSqrt, fit);
  scaler.Apply(fit);
  CHECK(fit.values == std::vector<float>{0, 0.5f, 2, 1});
  FeatureMatrix bad = Matrix(2, 2, {0, 1, 1, -1});
  CHECK_THROWS_WITH_AS(scaler.Apply(bad), doctest::Contains("feature 1 of row 1 is negative"),
                       Error);
  CHECK_THROWS_WITH_AS(FeatureScaler(FeatureScaling::kSqrtStandard, bad),
                       doctest::Contains("feature 1 of row 1"), Error);
  FeatureMatrix wide(1, 3);
  CHECK_THROWS_WITH_AS(scaler.Apply(wide), doctest::Contains("3 features, fit on 2"), Error);
  // none leaves everything, any width.
  FeatureMatrix untouched = Matrix(1, 2, {-3, 9});
  FeatureScaler(FeatureScaling::kNone, fit).Apply(untouched);
  CHECK(untouched.values == std::vector<float>{-3, 9});
}

TEST_CASE("feature scaling words name each scaling and reject others") {
  for (FeatureScaling s : {FeatureScaling::kNone, FeatureScaling::kStandard, FeatureScaling::kSqrt,
                           FeatureScaling::kSqrtStandard}) {
    CHECK(ParseFeatureScaling(FeatureScalingName(s)) == s);
  }
  CHECK_THROWS_WITH_AS(ParseFeatureScaling("zscore"), doctest::Contains("got 'zscore'"), Error);
}

TEST_CASE("a pipeline scales the state features only: the baseline and peer are unchanged") {
  MarkovDatasetSpec spec;
  spec.seed = 8;
  const Dataset train = MakeMarkovDataset(spec, 40, 1), fit = MakeMarkovDataset(spec, 80, 2),
                test = MakeMarkovDataset(spec, 60, 3);
  PipelineOptions options;
  options.model.inputs = kTextSymbols;
  options.model.hidden = 64;
  options.ngram_buckets = 128;
  const PipelineResult plain = RunPipeline(train, fit, test, options);
  options.feature_scaling = FeatureScaling::kSqrtStandard;
  const PipelineResult scaled = RunPipeline(train, fit, test, options);
  CHECK(scaled.baseline_accuracy == plain.baseline_accuracy);
  CHECK(scaled.ngram_accuracy == plain.ngram_accuracy);
  CHECK(scaled.curve.state_error == plain.curve.state_error);
  // The same as scaling the same model's features by hand.
  Model model(options.model);
  TrainUnsupervised(model, train, false, nullptr);
  FeatureMatrix fit_features = ComputeStateFeatures(model, fit, Pooling::kMean, false);
  FeatureMatrix test_features = ComputeStateFeatures(model, test, Pooling::kMean, false);
  const FeatureScaler scaler(FeatureScaling::kSqrtStandard, fit_features);
  scaler.Apply(fit_features);
  scaler.Apply(test_features);
  RidgeClassifier classifier;
  classifier.Fit(fit_features, Labels(fit), options.classes, options.alpha);
  CHECK(scaled.model_accuracy == classifier.Accuracy(test_features, Labels(test)));
  // On these rows the scaled features classify differently (0.5 against 0.65).
  CHECK(scaled.model_accuracy != plain.model_accuracy);
}

}  // namespace
}  // namespace bitstate
