// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_cross_validation.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "bitstate/error.h"
#include "bitstate/pipeline.h"

namespace bitstate {

std::vector<double> DefaultAlphaGrid() {
  std::vector<double> grid;
  for (int half_decades = -4; half_decades <= 6; ++half_decades) {
    grid.push_back(std::pow(10.0, half_decades / 2.0));
  }
  return grid;
}

namespace {

// Correct predictions on the held-out rows of `fold`, per alpha.
std::vector<size_t> FoldCorrect(const FeatureMatrix& features, const std::vector<int>& labels,
                                size_t classes, const std::vector<double>& alphas, size_t folds,
                                size_t fold) {
  std::vector<size_t> fit_rows, held_rows;
  for (size_t r = 0; r < features.rows; ++r)
    (r % folds == fold ? held_rows : fit_rows).push_back(r);
  const RidgeSystem system(features, labels, classes, &fit_rows);
  std::vector<size_t> correct(alphas.size(), 0);
  RidgeClassifier classifier;
  for (size_t a = 0; a < alphas.size(); ++a) {
    classifier.Fit(system, alphas[a], RidgeSystem::Factorisation::kLlt);
    for (const size_t r : held_rows) correct[a] += classifier.Predict(features.row(r)) == labels[r];
  }
  return correct;
}

}  // namespace

AlphaChoice ChooseAlpha(const FeatureMatrix& features, const std::vector<int>& labels,
                        size_t classes, const std::vector<double>& alphas, size_t folds,
                        size_t threads) {
  if (folds < 2 || features.rows < 2 * folds) {
    throw Error("ChooseAlpha: " + std::to_string(folds) + " folds need >= 2 folds and >= " +
                std::to_string(2 * folds) + " rows (have " + std::to_string(features.rows) + ")");
  }
  if (alphas.empty()) throw Error("ChooseAlpha: no penalties to choose from");
  // Checked before the fold threads start, so that the error names ChooseAlpha.
  CheckLabels(labels, features.rows, classes, "ChooseAlpha");
  AlphaChoice choice;
  choice.alphas = alphas;
  std::sort(choice.alphas.begin(), choice.alphas.end());
  for (const double a : choice.alphas) {
    if (!(a > 0.0) || !std::isfinite(a)) throw Error("ChooseAlpha: every alpha must be > 0");
  }
  choice.folds = folds;
  std::vector<std::vector<size_t>> correct(folds);
  RunConcurrently(folds, threads, [&](size_t f) {
    correct[f] = FoldCorrect(features, labels, classes, choice.alphas, folds, f);
  });
  size_t best = 0, best_correct = 0;
  for (size_t a = 0; a < choice.alphas.size(); ++a) {
    size_t total = 0;
    for (const std::vector<size_t>& fold : correct) total += fold[a];
    choice.accuracies.push_back(static_cast<double>(total) / static_cast<double>(features.rows));
    if (total >= best_correct) {
      best = a;
      best_correct = total;
    }
  }
  choice.alpha = choice.alphas[best];
  return choice;
}

}  // namespace bitstate
