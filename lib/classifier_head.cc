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
  int best = 0;
  double best_score = Score(features, 0);
  for (size_t c = 1; c < classes; ++c) {
    const double s = Score(features, c);
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(c);
    }
  }
  return best;
}

}  // namespace bitstate
