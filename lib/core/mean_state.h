// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The paper's features: the fraction of a row's steps each unit was on.
// Shared by StateFeatures and the C API, so that both give the same floats.
#ifndef BITSTATE_CORE_MEAN_STATE_H_
#define BITSTATE_CORE_MEAN_STATE_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_words.h"

namespace bitstate {

// ++counts[i] for every set bit i of h (`words` words).
inline void CountActive(const uint64_t* h, size_t words, uint32_t* counts) {
  ForEachSetBit(h, words, [counts](size_t i) { ++counts[i]; });
}

// out[i] = counts[i] * (1 / steps) in float; zeros after no step.
inline void MeanState(const uint32_t* counts, size_t n, uint64_t steps, float* out) {
  const float scale = steps != 0 ? 1.0f / static_cast<float>(steps) : 0.0f;
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<float>(counts[i]) * scale;
}

}  // namespace bitstate

#endif  // BITSTATE_CORE_MEAN_STATE_H_
