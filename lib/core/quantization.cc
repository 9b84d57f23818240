// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/quantization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "bitstate/enum_words.h"
#include "bitstate/error.h"

namespace bitstate {

namespace {

constexpr EnumWord<ScaleGranularity> kGranularityWords[] = {
    {ScaleGranularity::kTensor, "tensor"},
    {ScaleGranularity::kBlock, "block"},
    {ScaleGranularity::kRow, "row"}};
constexpr EnumWord<StepRule> kStepRuleWords[] = {{StepRule::kMaxAbs, "maxabs"},
                                                 {StepRule::kMinSquaredError, "mse"}};

}  // namespace

const char* GranularityName(ScaleGranularity g) { return WordOf(g, kGranularityWords); }
ScaleGranularity ParseGranularity(const std::string& text) {
  return ParseWord(text, kGranularityWords, "granularity");
}
const char* StepRuleName(StepRule rule) { return WordOf(rule, kStepRuleWords); }
StepRule ParseStepRule(const std::string& text) {
  return ParseWord(text, kStepRuleWords, "step rule");
}

double MinSquaredErrorStep(const float* magnitudes, size_t count, unsigned bits) {
  constexpr int kCandidates = 64;
  CheckWeightBits(bits);
  const double top = MaxLevel(bits);
  double max_abs = 0;
  for (size_t k = 0; k < count; ++k) max_abs = std::max(max_abs, double{magnitudes[k]});
  if (max_abs <= 0) return 0;
  double best_step = max_abs / top, best_error = std::numeric_limits<double>::infinity();
  for (int c = 0; c < kCandidates; ++c) {
    const double step = max_abs / top * std::exp2(-c / 8.0);
    double error = 0;
    for (size_t k = 0; k < count; ++k) {
      const double w = magnitudes[k];
      const double level = std::min(top, std::round(w / step));
      error += (w - step * level) * (w - step * level);
    }
    // Strictly better only: ties keep the larger step (less clipping).
    if (error < best_error) {
      best_error = error;
      best_step = step;
    }
  }
  return best_step;
}

void CheckWeightBits(unsigned bits) {
  if (bits < kMinWeightBits || bits > kMaxWeightBits) {
    throw Error("weight bits: " + std::to_string(bits) + " is outside " +
                std::to_string(kMinWeightBits) + ".." + std::to_string(kMaxWeightBits));
  }
}

}  // namespace bitstate
