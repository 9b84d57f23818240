// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Integer weight grids: k-bit levels, how scales are shared, and the options
// of post-training quantisation and of integer training.
//
// A k-bit weight is an integer level q times a grid step s. Levels are
// symmetric, -(2^(k-1) - 1) .. 2^(k-1) - 1 (k = 2 is ternary), except k = 1,
// whose levels are -1 and +1 (binary weights). Levels are stored in int8 for
// k <= 8 and int16 above.
//
// Input columns (j < m) and state columns (j >= m) of W have very different
// magnitudes after training (input weights move by r_x = 0.01 per error,
// state weights by r_h = 1e-6), so a grid shared by both spends almost all
// its levels on the input weights. `kBlock` gives the input columns a grid
// step that is an integer multiple K of the state columns' step: the
// pre-activation divided by the state step stays an integer,
//   z_i / s = K * sum_x q + sum_h q + round(b_i / s),
// and the threshold is decided in the integer domain.
#ifndef BITSTATE_QUANTIZATION_H_
#define BITSTATE_QUANTIZATION_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace bitstate {

enum class ScaleGranularity {
  kTensor,  // one grid step for all of W (K = 1)
  kBlock,   // one step for the state columns, K times it for the input columns
  kRow,     // kBlock per hidden unit (row of W): a step and a K per row
};

const char* GranularityName(ScaleGranularity granularity);
// Parses "tensor", "block" or "row"; throws bitstate::Error otherwise.
ScaleGranularity ParseGranularity(const std::string& text);

inline constexpr unsigned kMinWeightBits = 1;
inline constexpr unsigned kMaxWeightBits = 16;

// Largest level of a k-bit grid (1 for k = 1 and k = 2).
constexpr int32_t MaxLevel(unsigned bits) {
  return bits <= 1 ? 1 : (int32_t{1} << (bits - 1)) - 1;
}
// Distance between neighbouring levels: 2 for binary (-1, +1), else 1.
constexpr int32_t LevelSpacing(unsigned bits) { return bits <= 1 ? 2 : 1; }
// Levels live in int8 up to 8 bits, in int16 above.
constexpr bool StoredInInt8(unsigned bits) { return bits <= 8; }

// Throws bitstate::Error unless kMinWeightBits <= bits <= kMaxWeightBits.
void CheckWeightBits(unsigned bits);

// Biases are int32 levels clamped to +-kBiasLimit (see QuantizedModel).
inline constexpr int32_t kBiasLimit = int32_t{1} << 29;

// The largest magnitude any int32 sum of a step can reach, and whether it
// fits int32. Proof: the input columns' sum is at most MaxLevel * m (at most
// m set inputs), times the input multiplier K; each of at most n state
// columns moves it by at most MaxLevel; the bias adds at most kBiasLimit.
// Every partial sum is bounded by the total. The reconstruction sum (n rows
// plus an input bias) is bounded by the same expression with K = 0.
// Inline: the firmware's loader checks it too.
constexpr uint64_t IntegerSumBound(unsigned bits, size_t inputs, size_t hidden,
                                   uint64_t max_multiplier) {
  return max_multiplier * static_cast<uint64_t>(MaxLevel(bits)) * inputs +
         static_cast<uint64_t>(MaxLevel(bits)) * hidden + uint64_t{kBiasLimit};
}
constexpr bool IntegerSumsFit(unsigned bits, size_t inputs, size_t hidden,
                              uint64_t max_multiplier) {
  return max_multiplier <= uint64_t{INT32_MAX} &&
         IntegerSumBound(bits, inputs, hidden, max_multiplier) <= uint64_t{INT32_MAX};
}

// How post-training quantisation picks a group's grid step for k >= 2
// (k = 1 always takes mean |w|, the least-squares scale of sign(w)).
enum class StepRule {
  kMaxAbs,           // max |w| / MaxLevel: nothing clips (the default)
  kMinSquaredError,  // least squared rounding error: the largest weights clip
};
const char* StepRuleName(StepRule rule);  // "maxabs", "mse"
// Parses "maxabs" or "mse"; throws bitstate::Error otherwise.
StepRule ParseStepRule(const std::string& text);

// The step s with the least sum over the group of
// (|w| - s * min(MaxLevel, round(|w| / s)))^2, among s = 2^(-c/8) times
// max |w| / MaxLevel, c = 0..63 (c = 0: the max-abs step). With few levels
// the max-abs step rounds most weights to zero when a few are large (at
// k = 2, every weight under half the largest); a smaller step clips those
// few and keeps the rest. 0 for an empty or all-zero group.
double MinSquaredErrorStep(const float* magnitudes, size_t count, unsigned bits);

// Post-training quantisation of a float model, round to nearest, with the
// step of `step_rule` per group (see ScaleGranularity). Biases go on the
// state step of their row, in int32 (see QuantizedModel).
// k <= 4 is stored packed (packed_shape.h) unless `packed` is false (the
// int8 path on the same levels, e.g. to compare the two).
struct QuantizationOptions {
  unsigned bits = 8;
  ScaleGranularity granularity = ScaleGranularity::kBlock;
  StepRule step_rule = StepRule::kMaxAbs;
  bool packed = true;
};

// Training with integer weights from the start. The grid is fixed before
// training, from ranges: the state step is state_range / MaxLevel(bits) and
// the input step K times it, K = max(1, round(input_range / state_range))
// (kBlock), or one step max(ranges) / MaxLevel(bits) (kTensor). Updates r*e
// are added in units of the step and rounded stochastically (seeded,
// reproducible), so an update far below one step still moves a weight with
// the right probability. Defaults (0): state_range = 2 * init range,
// input_range = 5 * r_x, about the largest magnitudes float training reaches
// (measured in docs/results.md). kRow is not allowed: eq. 2 sums a column
// over rows, which needs one step per column.
struct IntegerTrainingOptions {
  unsigned bits = 8;
  ScaleGranularity granularity = ScaleGranularity::kBlock;
  float state_range = 0.0f;
  float input_range = 0.0f;
};

}  // namespace bitstate

#endif  // BITSTATE_QUANTIZATION_H_
