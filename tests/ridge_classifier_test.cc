// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/ridge_classifier.h"

#include <doctest/doctest.h>

#include "bitstate/error.h"
#include "bitstate/random.h"

namespace bitstate {
namespace {

FeatureMatrix Column(std::initializer_list<float> values) {
  FeatureMatrix x(values.size(), 1);
  size_t r = 0;
  for (float v : values) x.row(r++)[0] = v;
  return x;
}

TEST_CASE("ridge on a case solved by hand") {
  // x = 0, 1, 2, 3 with labels 0, 0, 1, 1, alpha = 1. For class 1 the
  // targets are y = -1, -1, +1, +1. Centred: x - 1.5 = -1.5, -0.5, 0.5, 1.5
  // (sum of squares 5), y has mean 0, sum (x - 1.5) y = 4.
  // w = 4 / (5 + alpha) = 2/3, intercept = 0 - 1.5 * 2/3 = -1.
  // Class 0 has the opposite targets: w = -2/3, intercept = +1.
  const FeatureMatrix x = Column({0, 1, 2, 3});
  RidgeClassifier ridge;
  ridge.Fit(x, {0, 0, 1, 1}, 2, 1.0);
  CHECK(ridge.weight(1, 0) == doctest::Approx(2.0 / 3.0).epsilon(1e-12));
  CHECK(ridge.intercept(1) == doctest::Approx(-1.0).epsilon(1e-12));
  CHECK(ridge.weight(0, 0) == doctest::Approx(-2.0 / 3.0).epsilon(1e-12));
  CHECK(ridge.intercept(0) == doctest::Approx(1.0).epsilon(1e-12));
  const float zero = 0.0f, three = 3.0f;
  CHECK(ridge.Predict(&zero) == 0);
  CHECK(ridge.Predict(&three) == 1);
  CHECK(ridge.Accuracy(x, {0, 0, 1, 1}) == 1.0);
  // A larger alpha shrinks the weight: 4 / (5 + 3) = 0.5.
  ridge.Fit(x, {0, 0, 1, 1}, 2, 3.0);
  CHECK(ridge.weight(1, 0) == doctest::Approx(0.5).epsilon(1e-12));
}

TEST_CASE("primal and dual solutions agree") {
  Rng rng(9);
  // 6 rows x 10 features takes the dual path, 12 x 10 the primal one; both
  // must satisfy the normal equations.
  for (size_t rows : {6, 12}) {
    FeatureMatrix x(rows, 10);
    std::vector<int> labels(rows);
    for (size_t r = 0; r < rows; ++r) {
      for (size_t k = 0; k < 10; ++k) x.row(r)[k] = rng.UniformFloat();
      labels[r] = static_cast<int>(r % 3);
    }
    RidgeClassifier ridge;
    ridge.Fit(x, labels, 3, 0.5);
    // Gradient of |y - Xw - b|^2 + alpha |w|^2 vanishes at the solution:
    // X'(y - Xw - b) = alpha w for every class.
    for (size_t c = 0; c < 3; ++c) {
      for (size_t k = 0; k < 10; ++k) {
        double g = 0;
        for (size_t r = 0; r < rows; ++r) {
          const double y = labels[r] == static_cast<int>(c) ? 1.0 : -1.0;
          g += x.row(r)[k] * (y - ridge.Score(x.row(r), c));
        }
        CHECK(g == doctest::Approx(0.5 * ridge.weight(c, k)).epsilon(1e-9).scale(1.0));
      }
    }
  }
}

TEST_CASE("ridge rejects bad arguments") {
  RidgeClassifier ridge;
  CHECK_THROWS_AS(ridge.Fit(FeatureMatrix(), {}, 2, 1.0), Error);
  CHECK_THROWS_AS(ridge.Fit(Column({1, 2}), {0}, 2, 1.0), Error);
  CHECK_THROWS_AS(ridge.Fit(Column({1, 2}), {0, 5}, 2, 1.0), Error);
  CHECK_THROWS_AS(ridge.Fit(Column({1, 2}), {0, 1}, 2, 0.0), Error);
}

}  // namespace
}  // namespace bitstate
