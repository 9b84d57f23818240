// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Neurons that keep their value (docs/model.md): the threshold of eq. 1
// with a potential carried across steps,
//   v_{t+1} = max(0, lambda v_t + W[x_t, h_t] + b),  h_{t+1} = H(v_{t+1}).
// O(n) per step against the O(n * active) column sums, so plain loops: one
// code for every target, and integer results identical everywhere.
#ifndef BITSTATE_CORE_CARRY_STEP_H_
#define BITSTATE_CORE_CARRY_STEP_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/model_config.h"

namespace bitstate {

// Integer potentials saturate here (in units of their row's grid step), so
// that lambda_units * v fits int64 and v fits int32.
inline constexpr int32_t kPotentialLimit = int32_t{1} << 30;

// The potentials of a part of the hidden units and what the threshold
// writes: null potential means no carry (lambda = 0, the paper's model).
struct FloatCarry {
  float lambda = 0.0f;
  float* potential = nullptr;  // v, n floats >= 0
};
struct IntCarry {
  uint32_t units = 0;            // lambda * 2^16
  int32_t* potential = nullptr;  // v, n int32 in 0..kPotentialLimit
};

// z = (sum + b) + lambda v: at lambda = 0 the bits are exactly
// threshold_pack's, H(sum + b). Bits of `out` past `length` are zero, as
// threshold_pack leaves them.
inline void CarryThresholdPack(const float* sum, const float* bias, float lambda, float* potential,
                               size_t length, uint64_t* out) {
  for (size_t w = 0; w < (length + 63) / 64; ++w) out[w] = 0;
  for (size_t i = 0; i < length; ++i) {
    const float z = (sum[i] + bias[i]) + lambda * potential[i];
    potential[i] = z > 0.0f ? z : 0.0f;
    if (z > 0.0f) out[i / 64] |= uint64_t{1} << (i % 64);
  }
}

// The same on integers: z = sum + b + floor(lambda_units * v / 2^16), v
// saturated at kPotentialLimit. `sum + b` is bounded as for threshold_pack_i32.
inline void CarryThresholdPackInt(const int32_t* sum, const int32_t* bias, uint32_t units,
                                  int32_t* potential, size_t length, uint64_t* out) {
  for (size_t w = 0; w < (length + 63) / 64; ++w) out[w] = 0;
  for (size_t i = 0; i < length; ++i) {
    const int64_t carried = (int64_t{units} * potential[i]) >> 16;  // v >= 0: a floor
    const int64_t z = int64_t{sum[i]} + bias[i] + carried;
    potential[i] = static_cast<int32_t>(z <= 0 ? 0 : z > kPotentialLimit ? kPotentialLimit : z);
    if (z > 0) out[i / 64] |= uint64_t{1} << (i % 64);
  }
}

}  // namespace bitstate

#endif  // BITSTATE_CORE_CARRY_STEP_H_
