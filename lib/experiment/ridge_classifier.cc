// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_classifier.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cmath>
#include <string>

#include "bitstate/error.h"

namespace bitstate {

void RidgeClassifier::Fit(const FeatureMatrix& features, const std::vector<int>& labels,
                          size_t classes, double alpha) {
  const size_t rows = features.rows, dim = features.cols;
  if (rows == 0 || dim == 0) throw Error("RidgeClassifier::Fit: no training rows or no features");
  if (labels.size() != rows) {
    throw Error("RidgeClassifier::Fit: " + std::to_string(labels.size()) + " labels for " +
                std::to_string(rows) + " rows");
  }
  if (classes < 2) throw Error("RidgeClassifier::Fit: need at least 2 classes");
  if (!(alpha > 0.0) || !std::isfinite(alpha)) throw Error("RidgeClassifier::Fit: alpha must be > 0");

  using Matrix = Eigen::MatrixXd;
  Matrix x(rows, dim);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t k = 0; k < dim; ++k) x(r, k) = features.row(r)[k];
  }
  Matrix y = Matrix::Constant(rows, classes, -1.0);
  for (size_t r = 0; r < rows; ++r) {
    if (labels[r] < 0 || static_cast<size_t>(labels[r]) >= classes) {
      throw Error("RidgeClassifier::Fit: label " + std::to_string(labels[r]) + " of row " +
                  std::to_string(r) + " is outside 0.." + std::to_string(classes - 1));
    }
    y(r, labels[r]) = 1.0;
  }
  // Centring makes the intercept unpenalised: b = mean(y) - mean(x) . w.
  const Eigen::RowVectorXd x_mean = x.colwise().mean();
  const Eigen::RowVectorXd y_mean = y.colwise().mean();
  x.rowwise() -= x_mean;
  y.rowwise() -= y_mean;

  Matrix w;  // dim x classes
  if (dim <= rows) {  // primal: (X'X + aI) w = X'y
    Matrix gram = Matrix::Zero(dim, dim);
    gram.selfadjointView<Eigen::Lower>().rankUpdate(x.transpose());
    gram.diagonal().array() += alpha;
    w = gram.selfadjointView<Eigen::Lower>().ldlt().solve(x.transpose() * y);
  } else {  // dual: w = X' (XX' + aI)^-1 y
    Matrix gram = Matrix::Zero(rows, rows);
    gram.selfadjointView<Eigen::Lower>().rankUpdate(x);
    gram.diagonal().array() += alpha;
    w = x.transpose() * gram.selfadjointView<Eigen::Lower>().ldlt().solve(y);
  }
  dimension_ = dim;
  weights_.assign(classes * dim, 0.0);
  intercepts_.assign(classes, 0.0);
  for (size_t c = 0; c < classes; ++c) {
    for (size_t k = 0; k < dim; ++k) weights_[c * dim + k] = w(k, c);
    intercepts_[c] = y_mean(c) - x_mean.dot(w.col(c));
  }
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
