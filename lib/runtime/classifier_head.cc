// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/classifier_head.h"

namespace bitstate {

double ClassifierHead::Score(const float* features, size_t c) const {
  const float* w = weights.data() + c * dimension;
  double score = intercepts[c];
  for (size_t k = 0; k < dimension; ++k) score += static_cast<double>(w[k]) * features[k];
  return score;
}

int ClassifierHead::Predict(const float* features) const {
  return ArgMaxClass(classes, [&](size_t c) { return Score(features, c); });
}

}  // namespace bitstate
