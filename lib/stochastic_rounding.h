// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Unbiased stochastic rounding onto integer levels, with counter-based noise:
// the noise of weight (i, j) at step t is a hash of (key, t, i, j), so the
// two stored layouts of W round every weight the same way in any order, and
// a run is reproducible from its seed.
#ifndef BITSTATE_STOCHASTIC_ROUNDING_H_
#define BITSTATE_STOCHASTIC_ROUNDING_H_

#include <cstdint>

namespace bitstate {

// Changes are fixed-point numbers of grid steps with this many fraction bits.
inline constexpr int kFractionBits = 24;

// 24 uniform bits for (key, step, row, column).
inline uint32_t RoundingNoise(uint64_t key, uint64_t step, uint32_t row, uint32_t column) {
  uint64_t z = key ^ (step * 0x9E3779B97F4A7C15ull) ^
               (((uint64_t{row} << 32) | column) * 0xD1B54A32D192ED03ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<uint32_t>(z >> (64 - kFractionBits));
}

// level + change (in steps, 2^-24 fixed point), moved to one of the two
// neighbouring levels `spacing` apart with probabilities that make the
// expected result exact; then clamped to [-limit, limit].
inline int32_t AddRounded(int32_t level, int64_t change, uint32_t noise, int32_t spacing,
                          int32_t limit) {
  const int64_t unit = int64_t{spacing} << kFractionBits;
  int64_t whole = change / unit;
  int64_t fraction = change - whole * unit;
  if (fraction < 0) {
    fraction += unit;
    --whole;
  }
  const int64_t up = fraction > int64_t{noise} * spacing ? 1 : 0;
  int64_t result = level + spacing * (whole + up);
  if (result > limit) result = limit;
  if (result < -limit) result = -limit;
  return static_cast<int32_t>(result);
}

}  // namespace bitstate

#endif  // BITSTATE_STOCHASTIC_ROUNDING_H_
