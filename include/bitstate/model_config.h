// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_MODEL_CONFIG_H_
#define BITSTATE_MODEL_CONFIG_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace bitstate {

// Which rows of W eq. 3 corrects. The paper prints u = h_t (kPrevious); the
// delta-rule reading corrects the rows that produced the reconstruction,
// u = h_{t+1} (kNext). See docs/model.md.
enum class UpdateRows : uint32_t { kNext = 0, kPrevious = 1 };

const char* UpdateRowsName(UpdateRows rows);
// Parses "next" or "previous"; throws bitstate::Error otherwise.
UpdateRows ParseUpdateRows(const std::string& text);

// Largest m or n accepted anywhere (model construction, file loading): keeps
// every index in uint32 and every allocation bounded before it is attempted.
inline constexpr size_t kMaxDimension = size_t{1} << 20;

struct ModelConfig {
  size_t inputs = 96;          // m: input bits per step
  size_t hidden = 4000;        // n: state bits
  float rate_input = 0.01f;    // r_x
  float rate_hidden = 1e-6f;   // r_h
  float density = 0.1f;        // d: target fraction of active state bits
  float init_range = 0.0f;     // weights/biases ~ U[-range, range); 0 = 1/(m+n)
  uint64_t seed = 1;           // initial values
  UpdateRows update_rows = UpdateRows::kNext;
  // lambda of the neurons that keep their value (docs/model.md): each
  // hidden unit carries a potential v_{t+1} = max(0, lambda v_t + W[x, h] +
  // b), h_{t+1} = H(v_{t+1}); 0 is the paper's model, 1 a pure integrator.
  // Integer models use lambda rounded to 1/65536 (CarryUnits).
  float carry = 0.0f;

  size_t visible() const { return inputs + hidden; }  // m + n
  float EffectiveInitRange() const {
    return init_range > 0.0f ? init_range : 1.0f / static_cast<float>(visible());
  }
  // Throws bitstate::Error naming the first invalid field.
  void Validate() const;
};

// Integer models' lambda, in units of 2^-16: round(carry * 2^16).
inline constexpr uint32_t kCarryOne = uint32_t{1} << 16;
inline uint32_t CarryUnits(float carry) {
  return static_cast<uint32_t>(std::lround(static_cast<double>(carry) * kCarryOne));
}

// What one step observed (eq. 2 errors are Hamming distances).
struct StepStats {
  uint32_t input_error = 0;  // |x_t - x~_t|, bits
  uint32_t state_error = 0;  // |h_t - h~_t|, bits
  uint32_t active = 0;       // set bits of h_{t+1}
};

}  // namespace bitstate

#endif  // BITSTATE_MODEL_CONFIG_H_
