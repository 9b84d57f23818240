// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/classifier_head.h"

namespace bitstate {

double ClassifierHead::Score(const float* features, size_t c) const {
  return LinearScore(weights.data() + c * dimension, intercepts[c], features, dimension);
}

int ClassifierHead::Predict(const float* features) const {
  return ArgMaxClass(classes, [&](size_t c) { return Score(features, c); });
}

}  // namespace bitstate
