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

// The hash's constants (splitmix64's finaliser on a mixed position); the
// SIMD noise kernel (kernels/int_kernels-inl.h) computes the same function.
inline constexpr uint64_t kNoiseStepFactor = 0x9E3779B97F4A7C15ull;
inline constexpr uint64_t kNoisePositionFactor = 0xD1B54A32D192ED03ull;
inline constexpr uint64_t kNoiseMix1 = 0xBF58476D1CE4E5B9ull;
inline constexpr uint64_t kNoiseMix2 = 0x94D049BB133111EBull;

// 24 uniform bits for (key, step, row, column).
inline uint32_t RoundingNoise(uint64_t key, uint64_t step, uint32_t row, uint32_t column) {
  uint64_t z = key ^ (step * kNoiseStepFactor) ^
               (((uint64_t{row} << 32) | column) * kNoisePositionFactor);
  z = (z ^ (z >> 30)) * kNoiseMix1;
  z = (z ^ (z >> 27)) * kNoiseMix2;
  z ^= z >> 31;
  return static_cast<uint32_t>(z >> (64 - kFractionBits));
}

// A change (in steps, 2^-24 fixed point) split once into the whole levels it
// moves and the fraction that decides, against the noise, one more spacing.
// Splitting per change, not per weight, keeps the division out of the
// update's inner loop.
struct SplitChange {
  int64_t whole;     // spacing * floor(change / unit)
  int64_t fraction;  // change - floor(change / unit) * unit, in [0, unit)
};

inline SplitChange Split(int64_t change, int32_t spacing) {
  const int64_t unit = int64_t{spacing} << kFractionBits;
  int64_t whole = change / unit;
  int64_t fraction = change - whole * unit;
  if (fraction < 0) {
    fraction += unit;
    --whole;
  }
  return {spacing * whole, fraction};
}

// level + change moved to one of the two neighbouring levels `spacing` apart
// with probabilities that make the expected result exact; then clamped to
// [-limit, limit].
inline int32_t AddSplit(int32_t level, const SplitChange& change, uint32_t noise,
                        int32_t spacing, int32_t limit) {
  const int64_t up = change.fraction > int64_t{noise} * spacing ? spacing : 0;
  int64_t result = level + change.whole + up;
  if (result > limit) result = limit;
  if (result < -limit) result = -limit;
  return static_cast<int32_t>(result);
}

// A split change for weight levels, in int32, so the update's inner loop is
// int32 and branch-free. Levels lie in [-top, top] (top < 2^15): a whole part
// beyond +-(2 top + 2) lands on the edge either way, so it is cut there; the
// fraction is < spacing * 2^24 <= 2^25. AddLevelChange equals AddSplit for
// every level on the grid (stochastic_rounding_test.cc).
struct LevelChange {
  int32_t whole, fraction;
};

inline LevelChange ForLevels(const SplitChange& change, int32_t top) {
  const int64_t edge = 2 * int64_t{top} + 2;
  const int64_t whole = change.whole > edge ? edge : change.whole < -edge ? -edge : change.whole;
  return {static_cast<int32_t>(whole), static_cast<int32_t>(change.fraction)};
}

// The whole levels a change moves one weight with this noise: its whole
// part and, when the fraction beats the noise, one spacing more. The SIMD
// rounding_steps kernel (kernels/int_kernels-inl.h) computes the same.
inline int32_t RoundedSteps(const LevelChange& change, uint32_t noise, int32_t spacing) {
  return change.whole + (change.fraction > static_cast<int32_t>(noise) * spacing ? spacing : 0);
}

// level + steps kept on the grid [-top, top].
inline int32_t ClampToLevels(int32_t result, int32_t top) {
  return result > top ? top : result < -top ? -top : result;
}

inline int32_t AddLevelChange(int32_t level, const LevelChange& change, uint32_t noise,
                              int32_t spacing, int32_t top) {
  return ClampToLevels(level + RoundedSteps(change, noise, spacing), top);
}

inline int32_t AddRounded(int32_t level, int64_t change, uint32_t noise, int32_t spacing,
                          int32_t limit) {
  return AddSplit(level, Split(change, spacing), noise, spacing, limit);
}

}  // namespace bitstate

#endif  // BITSTATE_STOCHASTIC_ROUNDING_H_
