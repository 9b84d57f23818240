// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The ridge penalty chosen by k-fold cross-validation on the fitting rows
// alone (never on the rows a result is reported on). Each fold's Gram
// matrix is built once (RidgeSystem) and factorised once per penalty with
// the blocked Cholesky: ~n^3 / 3 flops at GEMM speed, against ~6 n^3 for the
// eigendecomposition that would serve every penalty at once.
#ifndef BITSTATE_RIDGE_CROSS_VALIDATION_H_
#define BITSTATE_RIDGE_CROSS_VALIDATION_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/ridge_cross_validation.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <vector>

#include "bitstate/ridge_classifier.h"

namespace bitstate {

// 10^-2 .. 10^3 in half decades.
std::vector<double> DefaultAlphaGrid();

struct AlphaChoice {
  double alpha = 0;                // the grid's best; ties go to the larger penalty
  std::vector<double> alphas;      // the grid, ascending
  std::vector<double> accuracies;  // cross-validated accuracy of each
  size_t folds = 0;
};

// Row r is held out in fold r % folds (the rows are a random sample
// already). Folds run on up to `threads` threads; the result does not
// depend on how many. folds >= 2, every fold with rows on both sides.
AlphaChoice ChooseAlpha(const FeatureMatrix& features, const std::vector<int>& labels,
                        size_t classes, const std::vector<double>& alphas, size_t folds,
                        size_t threads = 1);

}  // namespace bitstate

#endif  // BITSTATE_RIDGE_CROSS_VALIDATION_H_
