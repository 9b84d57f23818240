// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_classifier.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>
#include <memory>
#include <string>

#include "bitstate/error.h"

namespace bitstate {

using Matrix = Eigen::MatrixXd;

struct RidgeSystem::Normal {
  bool primal = true;
  Matrix x, y, gram;  // centred rows, centred targets, Gram matrix (lower half)
  Eigen::RowVectorXd x_mean, y_mean;
};

void CheckLabels(const std::vector<int>& labels, size_t rows, size_t classes, const char* who) {
  if (labels.size() != rows) {
    throw Error(std::string(who) + ": " + std::to_string(labels.size()) + " labels for " +
                std::to_string(rows) + " rows");
  }
  if (classes < 2) throw Error(std::string(who) + ": need at least 2 classes");
  for (size_t r = 0; r < rows; ++r) {
    if (labels[r] < 0 || static_cast<size_t>(labels[r]) >= classes) {
      throw Error(std::string(who) + ": label " + std::to_string(labels[r]) + " of row " +
                  std::to_string(r) + " is outside 0.." + std::to_string(classes - 1));
    }
  }
}

RidgeSystem::RidgeSystem(const FeatureMatrix& features, const std::vector<int>& labels,
                         size_t classes, const std::vector<size_t>* rows)
    : classes_(classes), dimension_(features.cols), normal_(std::make_unique<Normal>()) {
  const size_t count = rows != nullptr ? rows->size() : features.rows, dim = features.cols;
  if (count == 0 || dim == 0) throw Error("RidgeClassifier::Fit: no training rows or no features");
  CheckLabels(labels, features.rows, classes, "RidgeClassifier::Fit");
  const auto row_at = [&](size_t i) { return rows != nullptr ? (*rows)[i] : i; };
  Normal& n = *normal_;
  n.x.resize(count, dim);
  n.y = Matrix::Constant(count, classes, -1.0);
  for (size_t i = 0; i < count; ++i) {
    const size_t r = row_at(i);
    for (size_t k = 0; k < dim; ++k) n.x(i, k) = features.row(r)[k];
    n.y(i, labels[r]) = 1.0;
  }
  // Centring makes the intercept unpenalised: b = mean(y) - mean(x) . w.
  n.x_mean = n.x.colwise().mean();
  n.y_mean = n.y.colwise().mean();
  n.x.rowwise() -= n.x_mean;
  n.y.rowwise() -= n.y_mean;
  n.primal = dim <= count;
  if (n.primal) {  // (X'X + aI) w = X'y
    n.gram = Matrix::Zero(dim, dim);
    n.gram.selfadjointView<Eigen::Lower>().rankUpdate(n.x.transpose());
  } else {  // w = X' (XX' + aI)^-1 y
    n.gram = Matrix::Zero(count, count);
    n.gram.selfadjointView<Eigen::Lower>().rankUpdate(n.x);
  }
}

RidgeSystem::~RidgeSystem() = default;

void RidgeSystem::Solve(double alpha, std::vector<double>& weights, std::vector<double>& intercepts,
                        Factorisation factorisation) const {
  if (!(alpha > 0.0) || !std::isfinite(alpha))
    throw Error("RidgeClassifier::Fit: alpha must be > 0");
  const Normal& n = *normal_;
  Matrix gram = n.gram;
  gram.diagonal().array() += alpha;
  const auto solve = [&](const Matrix& rhs) -> Matrix {
    if (factorisation == Factorisation::kLlt)
      return gram.selfadjointView<Eigen::Lower>().llt().solve(rhs);
    return gram.selfadjointView<Eigen::Lower>().ldlt().solve(rhs);
  };
  const Matrix w = n.primal ? solve(n.x.transpose() * n.y)
                            : Matrix(n.x.transpose() * solve(n.y));  // dim x classes
  weights.assign(classes_ * dimension_, 0.0);
  intercepts.assign(classes_, 0.0);
  for (size_t c = 0; c < classes_; ++c) {
    for (size_t k = 0; k < dimension_; ++k) weights[c * dimension_ + k] = w(k, c);
    intercepts[c] = n.y_mean(c) - n.x_mean.dot(w.col(c));
  }
}

void RidgeClassifier::Fit(const FeatureMatrix& features, const std::vector<int>& labels,
                          size_t classes, double alpha) {
  Fit(RidgeSystem(features, labels, classes), alpha);
}

void RidgeClassifier::Fit(const RidgeSystem& system, double alpha,
                          RidgeSystem::Factorisation factorisation) {
  system.Solve(alpha, weights_, intercepts_, factorisation);
  dimension_ = system.dimension();
}

ClassifierHead RidgeClassifier::ToHead() const {
  ClassifierHead head;
  head.classes = classes();
  head.dimension = dimension_;
  head.weights.assign(weights_.begin(), weights_.end());
  head.intercepts.assign(intercepts_.begin(), intercepts_.end());
  return head;
}

double RidgeClassifier::Score(const float* feature, size_t c) const {
  const double* w = weights_.data() + c * dimension_;
  double score = intercepts_[c];
  for (size_t k = 0; k < dimension_; ++k) score += w[k] * feature[k];
  return score;
}

int RidgeClassifier::Predict(const float* feature) const {
  return ArgMaxClass(classes(), [&](size_t c) { return Score(feature, c); });
}

double RidgeClassifier::Accuracy(const FeatureMatrix& features,
                                 const std::vector<int>& labels) const {
  if (features.rows == 0 || labels.size() != features.rows || features.cols != dimension_) {
    throw Error("RidgeClassifier::Accuracy: features and labels do not match the classifier");
  }
  size_t correct = 0;
  for (size_t r = 0; r < features.rows; ++r) correct += Predict(features.row(r)) == labels[r];
  return static_cast<double>(correct) / static_cast<double>(features.rows);
}

}  // namespace bitstate
