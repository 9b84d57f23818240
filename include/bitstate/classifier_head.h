// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_CLASSIFIER_HEAD_H_
#define BITSTATE_CLASSIFIER_HEAD_H_

#include <cstddef>
#include <vector>

namespace bitstate {

// The class with the highest score(c), c < classes; the lowest index on ties.
template <class ScoreFn>
int ArgMaxClass(size_t classes, ScoreFn score) {
  int best = 0;
  double best_score = score(0);
  for (size_t c = 1; c < classes; ++c) {
    const double s = score(c);
    if (s > best_score) {
      best_score = s;
      best = static_cast<int>(c);
    }
  }
  return best;
}

// intercept + w . features, summed in double in index order: the same
// score from a ClassifierHead and from a head read in place (C API).
inline double LinearScore(const float* w, float intercept, const float* features,
                          size_t dimension) {
  double score = intercept;
  for (size_t k = 0; k < dimension; ++k) score += static_cast<double>(w[k]) * features[k];
  return score;
}

// A linear classifier over state features (e.g. a fitted RidgeClassifier),
// in float32 as model files store it: score_c = intercept_c + w_c . f, the
// class is the arg-max (lowest index on ties).
struct ClassifierHead {
  size_t classes = 0, dimension = 0;
  std::vector<float> weights;     // classes x dimension, one row per class
  std::vector<float> intercepts;  // classes

  double Score(const float* features, size_t c) const;
  int Predict(const float* features) const;
};

}  // namespace bitstate

#endif  // BITSTATE_CLASSIFIER_HEAD_H_
