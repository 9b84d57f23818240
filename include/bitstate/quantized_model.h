// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model with integer weights: k-bit levels (k = 1..16, quantization.h)
// stored in int8 or int16, int32 sums, thresholds decided on integers.
// Made either from a trained float Model (post-training quantisation,
// inference only) or fresh for integer training.
#ifndef BITSTATE_QUANTIZED_MODEL_H_
#define BITSTATE_QUANTIZED_MODEL_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/quantized_model.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/kernel_engine.h"
#include "bitstate/level_matrix.h"
#include "bitstate/model.h"
#include "bitstate/model_config.h"
#include "bitstate/quantization.h"
#include "bitstate/stateful_model.h"

namespace bitstate {

namespace kernels {
struct IntKernelTable;
}  // namespace kernels
struct IntForwardWeights;

// Biases are int32 levels on the state step of their row (a_j: on the step
// of column j), clamped to +-kBiasLimit. They are not cut to k bits: a bias is
// a threshold against a sum of up to m + n weights, and costs 4 bytes per
// unit (16 KB at n = 4000, against 16 MB of int8 weights).

// The steps (TrainStep, InferStep, ...) are StatefulModel's; this class
// supplies eq. 1 (Forward) and eq. 2-5 (Learn) on integer levels. Storage
// and inference: quantized_model.cc; post-training quantisation:
// post_training_quantization.cc; integer training: integer_training.cc.
class QuantizedModel : public StatefulModel<QuantizedModel> {
 public:
  static constexpr const char* kName = "QuantizedModel";
  static constexpr const char* kCannotTrain = "quantised for inference only, it cannot train";

  // Post-training quantisation of `model` (its state is copied too).
  static QuantizedModel Quantize(const Model& model, const QuantizationOptions& options,
                                 KernelEngine engine = KernelEngine::kSimd);

  // A fresh model for integer training: the float initial values of
  // Model(config) (same draws), stochastically rounded onto the grid.
  QuantizedModel(const ModelConfig& config, const IntegerTrainingOptions& options,
                 KernelEngine engine = KernelEngine::kSimd);

  unsigned bits() const { return bits_; }
  LevelStorage storage() const { return levels_.storage(); }
  ScaleGranularity granularity() const { return granularity_; }
  const char* engine_name() const;

  // Weight (i, j) = level(i, j) * step(i, j).
  int32_t level(size_t row, size_t column) const { return levels_.Get(row, column); }
  double step(size_t row, size_t column) const;
  double weight(size_t row, size_t column) const { return level(row, column) * step(row, column); }
  int32_t input_multiplier(size_t row) const { return input_multiplier_[row]; }  // K
  int32_t hidden_bias_level(size_t i) const { return hidden_bias_[i]; }
  int32_t input_bias_level(size_t j) const { return input_bias_[j]; }

  // Bytes of what inference reads: W as stored (int8, int16 or packed),
  // plus per-row biases and multipliers. packed_weight_bytes: W at exactly
  // k bits each.
  size_t weight_bytes() const;
  size_t packed_weight_bytes() const;
  // With a carry (ModelConfig::carry != 0): lambda in units of 2^-16, and
  // the potentials v_t as int32 levels of their row's grid step s_i
  // (saturating at 2^30); null without a carry.
  uint32_t carry_units() const { return carry_units_; }
  const int32_t* potential_levels() const { return potential_.data(); }
  void InferStepBatch(StreamBatch& batch) const override;
  size_t column_bytes() const override;

  // Training updates of W that hit the edge of the grid, so far.
  uint64_t saturated_updates() const { return saturated_updates_; }

 private:
  friend class StatefulModel<QuantizedModel>;
  friend struct QuantizedModelFileCodec;
  QuantizedModel(const ModelConfig& config, unsigned bits, ScaleGranularity granularity,
                 KernelEngine engine, bool trainable, LevelStorage storage);
  void SetLevel(size_t row, size_t column, int32_t level) { levels_.Set(row, column, level); }
  // Checks that no int32 sum can overflow (proof in quantization.h); throws if not.
  void CheckAccumulatorBound() const;
  void SetTrainingDeltas();
  // The rounding noise key of integer training (from the seed).
  static uint64_t TrainingNoiseKey(const ModelConfig& config);

  // Eq. 1 into next_state_; returns its active count.
  size_t Forward(const uint64_t* x);
  // Eq. 2-5 after Forward (integer_training.cc).
  StepStats Learn(const uint64_t* x, size_t active);
  IntForwardWeights forward_weights() const;
  // Sizes the rounding noise and saturation counts for `parts` parts.
  void PrepareParts(size_t parts);
  void ClearPotentials();

  unsigned bits_;
  ScaleGranularity granularity_;
  const kernels::IntKernelTable* kernels_;
  bool any_multiplier_ = false;  // some K != 1

  LevelMatrix levels_;
  std::vector<double> state_step_;             // s_i per row (all equal unless kRow)
  AlignedBuffer<int32_t> input_multiplier_;    // K_i
  AlignedBuffer<int32_t> hidden_bias_;         // b_i / s_i
  AlignedBuffer<int32_t> input_bias_;          // a_j / step of column j (training)
  uint32_t carry_units_ = 0;                   // CarryUnits(config_.carry)
  AlignedBuffer<int32_t> potential_;           // v_i / s_i (with a carry only)

  // Training: changes per error in 2^-24 steps (input and state columns),
  // rounding noise key, step count.
  int64_t input_rate_units_ = 0, state_rate_units_ = 0;
  int64_t bias_units_on_ = 0, bias_units_off_ = 0;
  uint64_t noise_key_ = 0, steps_ = 0, saturated_updates_ = 0;

  // Per-step scratch.
  BitVector visible_;
  AlignedBuffer<uint32_t> list_, hidden_list_, previous_list_, delta_index_;
  AlignedBuffer<int32_t> hidden_sum_, visible_sum_;
  std::vector<int64_t> delta_units_;
  std::vector<int32_t> delta_whole_, delta_fraction_;  // delta_units_ split per column
  AlignedBuffer<uint32_t> noise_, unit_index_;  // rounding noise, per part; 0..n-1 (bias noise)
  size_t noise_stride_ = 0;                      // noise entries per part
  std::vector<uint64_t> part_saturated_;         // saturated_updates_ of each part, one step
};

}  // namespace bitstate

#endif  // BITSTATE_QUANTIZED_MODEL_H_
