// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// One-vs-rest ridge classification, as scikit-learn's RidgeClassifier:
// targets +1 / -1 per class, an unpenalised intercept (features and targets
// are centred before solving), penalty alpha * |w|^2, prediction = the class
// with the highest score.
#ifndef BITSTATE_RIDGE_CLASSIFIER_H_
#define BITSTATE_RIDGE_CLASSIFIER_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/ridge_classifier.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <memory>
#include <vector>

#include "bitstate/classifier_head.h"

namespace bitstate {

// Row-major feature vectors, one row per sequence.
struct FeatureMatrix {
  FeatureMatrix() = default;
  FeatureMatrix(size_t rows, size_t cols) : rows(rows), cols(cols), values(rows * cols) {}
  float* row(size_t r) { return values.data() + r * cols; }
  const float* row(size_t r) const { return values.data() + r * cols; }

  size_t rows = 0, cols = 0;
  std::vector<float> values;
};

// Throws an Error naming `who` unless there is one label per row, each in
// 0..classes-1, and classes >= 2.
void CheckLabels(const std::vector<int>& labels, size_t rows, size_t classes, const char* who);

// The centred normal equations of some rows of a feature matrix, set up
// once (the Gram matrix, in double precision, in the primal form cols x cols
// or the dual form rows x rows, whichever is smaller) and solved for any
// penalty with a Cholesky (LDLT) factorisation: what Fit does once and
// cross-validation once per penalty.
class RidgeSystem {
 public:
  // labels[r] in 0..classes-1 for the rows used; `rows` lists them (null:
  // every row of `features`).
  RidgeSystem(const FeatureMatrix& features, const std::vector<int>& labels, size_t classes,
              const std::vector<size_t>* rows = nullptr);
  ~RidgeSystem();

  size_t classes() const { return classes_; }
  size_t dimension() const { return dimension_; }
  // How Solve factorises: LDLT (unblocked; what every published result
  // used) or Cholesky LLT (blocked, several times faster on thousands of
  // rows: cross-validation's many solves). The same solution up to rounding.
  enum class Factorisation { kLdlt, kLlt };
  // alpha > 0. weights: classes x dimension, row-major.
  void Solve(double alpha, std::vector<double>& weights, std::vector<double>& intercepts,
             Factorisation factorisation = Factorisation::kLdlt) const;

 private:
  struct Normal;
  size_t classes_ = 0, dimension_ = 0;
  std::unique_ptr<Normal> normal_;
};

class RidgeClassifier {
 public:
  // labels[r] in 0..classes-1; alpha > 0 (RidgeSystem of every row).
  void Fit(const FeatureMatrix& features, const std::vector<int>& labels, size_t classes,
           double alpha);
  void Fit(const RidgeSystem& system, double alpha,
           RidgeSystem::Factorisation factorisation = RidgeSystem::Factorisation::kLdlt);

  size_t classes() const { return intercepts_.size(); }
  size_t dimension() const { return dimension_; }
  // weight(c, k): coefficient of feature k in the score of class c.
  double weight(size_t c, size_t k) const { return weights_[c * dimension_ + k]; }
  double intercept(size_t c) const { return intercepts_[c]; }

  // The fitted classifier in float32, to store in a model file.
  ClassifierHead ToHead() const;

  double Score(const float* feature, size_t c) const;
  int Predict(const float* feature) const;
  // Fraction of rows whose predicted class equals the label.
  double Accuracy(const FeatureMatrix& features, const std::vector<int>& labels) const;

 private:
  size_t dimension_ = 0;
  std::vector<double> weights_;     // classes x dimension
  std::vector<double> intercepts_;  // classes
};

}  // namespace bitstate

#endif  // BITSTATE_RIDGE_CLASSIFIER_H_
