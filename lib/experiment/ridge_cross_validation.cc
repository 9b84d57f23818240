// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_cross_validation.h"

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
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

using Matrix = Eigen::MatrixXd;

// Correct predictions on the held-out rows of `fold`, per alpha.
std::vector<size_t> FoldCorrect(const FeatureMatrix& features, const std::vector<int>& labels,
                                size_t classes, const std::vector<double>& alphas, size_t folds,
                                size_t fold) {
  std::vector<size_t> fit_rows, held_rows;
  for (size_t r = 0; r < features.rows; ++r)
    (r % folds == fold ? held_rows : fit_rows).push_back(r);
  const size_t dim = features.cols, rows = fit_rows.size();
  Matrix x(rows, dim), held(held_rows.size(), dim);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t k = 0; k < dim; ++k) x(i, k) = features.row(fit_rows[i])[k];
  }
  for (size_t i = 0; i < held_rows.size(); ++i) {
    for (size_t k = 0; k < dim; ++k) held(i, k) = features.row(held_rows[i])[k];
  }
  Matrix y = Matrix::Constant(rows, classes, -1.0);
  for (size_t i = 0; i < rows; ++i) y(i, labels[fit_rows[i]]) = 1.0;
  // Centred as RidgeClassifier::Fit does; the held-out rows by the fit rows' means.
  const Eigen::RowVectorXd x_mean = x.colwise().mean(), y_mean = y.colwise().mean();
  x.rowwise() -= x_mean;
  y.rowwise() -= y_mean;
  held.rowwise() -= x_mean;

  // Primal: w = V (S + aI)^-1 V' X'y with X'X = V S V'. Dual: w = X' U
  // (S + aI)^-1 U' y with XX' = U S U'. Whichever Gram matrix is smaller.
  const bool primal = dim <= rows;
  Matrix gram = primal ? Matrix(x.transpose() * x) : Matrix(x * x.transpose());
  const Eigen::SelfAdjointEigenSolver<Matrix> eigen(gram);
  if (eigen.info() != Eigen::Success) throw Error("ChooseAlpha: the eigendecomposition failed");
  const Matrix& v = eigen.eigenvectors();
  const Eigen::VectorXd s = eigen.eigenvalues().cwiseMax(0.0);
  const Matrix projected = v.transpose() * (primal ? Matrix(x.transpose() * y) : y);
  // Held-out scores need held * w: for the dual, held * X' once.
  const Matrix held_basis = primal ? Matrix(held * v) : Matrix(held * x.transpose() * v);

  std::vector<size_t> correct(alphas.size(), 0);
  for (size_t a = 0; a < alphas.size(); ++a) {
    const Eigen::VectorXd inverse = (s.array() + alphas[a]).inverse();
    const Matrix scores = held_basis * (inverse.asDiagonal() * projected);
    for (size_t i = 0; i < held_rows.size(); ++i) {
      Eigen::Index best = 0;
      (scores.row(i) + y_mean).maxCoeff(&best);
      correct[a] += static_cast<int>(best) == labels[held_rows[i]];
    }
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
  if (labels.size() != features.rows) throw Error("ChooseAlpha: labels and rows differ in number");
  if (alphas.empty()) throw Error("ChooseAlpha: no penalties to choose from");
  for (const int label : labels) {
    if (label < 0 || static_cast<size_t>(label) >= classes) {
      throw Error("ChooseAlpha: label " + std::to_string(label) + " is outside 0.." +
                  std::to_string(classes - 1));
    }
  }
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
