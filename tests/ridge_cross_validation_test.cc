// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_cross_validation.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "bitstate/error.h"
#include "bitstate/random.h"

namespace bitstate {
namespace {

// Three classes, a few informative features among noisy ones.
FeatureMatrix Problem(size_t rows, size_t cols, std::vector<int>& labels, uint64_t seed) {
  Rng rng(seed);
  FeatureMatrix x(rows, cols);
  labels.resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    labels[r] = static_cast<int>(rng.UniformBelow(3));
    for (size_t k = 0; k < cols; ++k) {
      x.row(r)[k] = rng.UniformFloat() + (k < 3 && labels[r] == static_cast<int>(k) ? 0.4f : 0.0f);
    }
  }
  return x;
}

// Held-out accuracy of RidgeClassifier::Fit on each fold, summed: what
// ChooseAlpha must reproduce with its eigendecompositions.
double FoldAccuracyByHand(const FeatureMatrix& x, const std::vector<int>& labels, double alpha,
                          size_t folds) {
  size_t correct = 0;
  for (size_t f = 0; f < folds; ++f) {
    std::vector<size_t> fit_rows, held_rows;
    for (size_t r = 0; r < x.rows; ++r) (r % folds == f ? held_rows : fit_rows).push_back(r);
    const auto pick = [&](const std::vector<size_t>& rows, std::vector<int>& picked) {
      FeatureMatrix out(rows.size(), x.cols);
      for (size_t i = 0; i < rows.size(); ++i) {
        std::copy_n(x.row(rows[i]), x.cols, out.row(i));
        picked.push_back(labels[rows[i]]);
      }
      return out;
    };
    std::vector<int> fit_labels, held_labels;
    const FeatureMatrix fit = pick(fit_rows, fit_labels), held = pick(held_rows, held_labels);
    RidgeClassifier ridge;
    ridge.Fit(fit, fit_labels, 3, alpha);
    for (size_t i = 0; i < held.rows; ++i) correct += ridge.Predict(held.row(i)) == held_labels[i];
  }
  return static_cast<double>(correct) / static_cast<double>(x.rows);
}

TEST_CASE(
    "cross-validated ridge penalties: each accuracy is the folds fitted by hand, with threads "
    "too") {
  // 90 rows x 20 features: primal folds; 40 x 60: dual folds.
  for (const auto& [rows, cols] : {std::pair<size_t, size_t>{90, 20}, {40, 60}}) {
    CAPTURE(cols);
    std::vector<int> labels;
    const FeatureMatrix x = Problem(rows, cols, labels, 11 + cols);
    const std::vector<double> grid = {1000, 0.01, 1, 30};  // sorted by ChooseAlpha
    const AlphaChoice choice = ChooseAlpha(x, labels, 3, grid, 5);
    CHECK(choice.alphas == std::vector<double>{0.01, 1, 30, 1000});
    CHECK(choice.folds == 5);
    REQUIRE(choice.accuracies.size() == 4);
    for (size_t a = 0; a < 4; ++a) {
      CAPTURE(choice.alphas[a]);
      CHECK(choice.accuracies[a] == FoldAccuracyByHand(x, labels, choice.alphas[a], 5));
    }
    // The best, ties to the larger penalty.
    const double best = *std::max_element(choice.accuracies.begin(), choice.accuracies.end());
    size_t last_best = 0;
    for (size_t a = 0; a < 4; ++a) {
      if (choice.accuracies[a] == best) last_best = a;
    }
    CHECK(choice.alpha == choice.alphas[last_best]);
    // Folds on threads change nothing.
    const AlphaChoice threaded = ChooseAlpha(x, labels, 3, grid, 5, 3);
    CHECK(threaded.accuracies == choice.accuracies);
    CHECK(threaded.alpha == choice.alpha);
  }
}

TEST_CASE("cross-validated ridge penalties: a noisy problem wants a larger penalty") {
  // Few rows, many noise features: the smallest penalty overfits.
  std::vector<int> labels;
  const FeatureMatrix x = Problem(60, 200, labels, 5);
  const AlphaChoice choice = ChooseAlpha(x, labels, 3, {1e-4, 10}, 4);
  CHECK(choice.accuracies[1] > choice.accuracies[0]);
  CHECK(choice.alpha == 10);
}

TEST_CASE("cross-validated ridge penalties reject bad arguments") {
  std::vector<int> labels;
  const FeatureMatrix x = Problem(20, 4, labels, 3);
  CHECK_THROWS_WITH_AS(ChooseAlpha(x, labels, 3, {1}, 1), doctest::Contains("folds"), Error);
  CHECK_THROWS_AS(ChooseAlpha(x, labels, 3, {1}, 11), Error);  // folds of one row
  CHECK_THROWS_AS(ChooseAlpha(x, labels, 3, {}, 4), Error);
  CHECK_THROWS_AS(ChooseAlpha(x, labels, 3, {0.0}, 4), Error);
  // Labels are checked before the fold threads start, with the row named.
  CHECK_THROWS_WITH_AS(ChooseAlpha(x, labels, 2, {1}, 4),
                       doctest::Contains("ChooseAlpha: label 2 of row"), Error);
  std::vector<int> fewer(labels.begin(), labels.end() - 1);
  CHECK_THROWS_WITH_AS(ChooseAlpha(x, fewer, 3, {1}, 4),
                       doctest::Contains("ChooseAlpha: 19 labels for 20 rows"), Error);
  CHECK(DefaultAlphaGrid().front() == doctest::Approx(0.01));
  CHECK(DefaultAlphaGrid().back() == doctest::Approx(1000));
  CHECK(DefaultAlphaGrid().size() == 11);
}

}  // namespace
}  // namespace bitstate
