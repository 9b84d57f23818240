// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Per-feature transforms of pooled states before the ridge classifier, fit on
// the classifier rows only and applied unchanged to the evaluation rows. A
// shared ridge penalty shrinks every feature alike; standardising gives a
// rarely-on unit the weight of a busy one (what idf does for n-grams), and
// the square root is the variance-stabilising map of a rate in [0, 1].
#ifndef BITSTATE_FEATURE_SCALING_H_
#define BITSTATE_FEATURE_SCALING_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/feature_scaling.h belongs to the full library, not to bitstate_inference"
#endif

#include <string>
#include <vector>

#include "bitstate/ridge_classifier.h"

namespace bitstate {

enum class FeatureScaling {
  kNone,          // the paper: pooled states as they are
  kStandard,      // (x - mean) / sd per feature; a constant feature becomes 0
  kSqrt,          // sqrt(x) (features >= 0, as pooled states are)
  kSqrtStandard,  // sqrt, then standardised
};

const char* FeatureScalingName(FeatureScaling scaling);
// "none", "standard", "sqrt" or "sqrt+standard".
FeatureScaling ParseFeatureScaling(const std::string& text);

// The transform, with its statistics taken from the rows it was fit on.
class FeatureScaler {
 public:
  // Throws an Error if kSqrt* meets a negative feature.
  FeatureScaler(FeatureScaling scaling, const FeatureMatrix& fit_rows);
  // In place; features.cols must be the fit rows' width.
  void Apply(FeatureMatrix& features) const;

 private:
  FeatureScaling scaling_;
  size_t cols_;
  std::vector<float> mean_, inverse_sd_;  // of the (square-rooted) fit rows; kStandard*
};

}  // namespace bitstate

#endif  // BITSTATE_FEATURE_SCALING_H_
