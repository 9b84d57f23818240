// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model of Grushin (arXiv 2312.14359), eq. 1-5, on packed bits.
#ifndef BITSTATE_MODEL_H_
#define BITSTATE_MODEL_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/model.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/kernel_engine.h"
#include "bitstate/learning_options.h"
#include "bitstate/model_config.h"
#include "bitstate/random.h"
#include "bitstate/stateful_model.h"

namespace bitstate {

namespace kernels {
struct KernelTable;
}  // namespace kernels

// One recurrent layer: W (n x (m+n)), input biases a (m+n), hidden biases b
// (n), state h (n bits, h_0 = 0). The steps (TrainStep, InferStep, ...) are
// StatefulModel's; this class supplies eq. 1 (Forward) and eq. 2-5 (Learn)
// on float weights.
//
// Initialisation (portable, see random.h): Rng(config.seed) draws
// U[-range, range) for W in row-major order (i = 0..n-1, j = 0..m+n-1), then
// a (j = 0..m+n-1), then b (i = 0..n-1).
class Model : public StatefulModel<Model> {
 public:
  static constexpr const char* kName = "Model";
  static constexpr const char* kCannotTrain =
      "loaded from an inference-only file (no row layout), it cannot train";

  explicit Model(const ModelConfig& config,
                 KernelEngine engine = KernelEngine::kSimd);
  // With the paper's convergence proposals: zero parameters if asked, then
  // SetLearningOptions(learning).
  Model(const ModelConfig& config, const LearningOptions& learning,
        KernelEngine engine = KernelEngine::kSimd);

  // The proposals of learning_options.h for the training steps from now on
  // (validated; the adaptive rates' error counts start at zero, the flips'
  // stream at its seed). zero_init is for construction only: ignored here.
  // Not kept in model files: a resumed run starts them afresh.
  void SetLearningOptions(const LearningOptions& learning);
  const LearningOptions& learning_options() const { return learning_; }
  // W, a and b all zero (the zero-initialisation proposal).
  void ZeroParameters();
  // E_j of the adaptive rates: errors of state element j so far (n values;
  // empty when the adaptive rates are off).
  const std::vector<uint32_t>& state_error_counts() const { return state_error_count_; }
  void InferStepBatch(StreamBatch& batch) const override;
  size_t column_bytes() const override { return sizeof(float) * visible() * hidden(); }

  // "scalar reference" or the Highway target, e.g. "AVX3".
  const char* engine_name() const;

  // The carried potentials v_t (n values >= 0), with a carry
  // (ModelConfig::carry != 0); null without.
  const float* potentials() const { return potential_.data(); }
  void SetPotential(size_t i, float value);

  // Parameters. Setters keep both layouts of W in sync.
  float weight(size_t row, size_t column) const;
  void SetWeight(size_t row, size_t column, float value);
  float input_bias(size_t j) const { return input_bias_[j]; }  // a, m+n
  void SetInputBias(size_t j, float value);
  float hidden_bias(size_t i) const { return hidden_bias_[i]; }  // b, n
  void SetHiddenBias(size_t i, float value);

 private:
  friend class StatefulModel<Model>;
  friend struct ModelFileCodec;
  // Allocates everything, parameters zero (the file loader fills them);
  // without `trainable`, no row layout and no training scratch.
  struct Uninitialized {};
  Model(const ModelConfig& config, KernelEngine engine, Uninitialized, bool trainable);

  // Eq. 1 from x (m bits) and state_ into next_state_; returns its active
  // count (hidden_list_ holds the active units).
  size_t Forward(const uint64_t* x);
  // Eq. 2-5 after Forward.
  StepStats Learn(const uint64_t* x, size_t active);
  void PrepareParts(size_t parts);
  void ClearPotentials();

  // The adaptive rates, after ListErrors: each listed state error's rate
  // from its element's error count, which then counts it.
  void AdaptStateRates(size_t nonzero);

  const kernels::KernelTable* kernels_;
  LearningOptions learning_;
  uint32_t flip_level_ = 0;  // FlipLevel(learning_.flip_probability)
  Rng flip_rng_{0};
  std::vector<uint32_t> state_error_count_;  // E_j, j < n (adaptive rates only)
  // Eq. 5 increments for an on / off hidden unit: r_h (d - 1), r_h d.
  float bias_delta_on_, bias_delta_off_;

  size_t column_stride_, row_stride_;
  AlignedBuffer<float> columns_;      // W column j at columns_[j * column_stride_]
  AlignedBuffer<float> rows_;         // W row i at rows_[i * row_stride_]
  AlignedBuffer<float> input_bias_;   // a
  AlignedBuffer<float> hidden_bias_;  // b
  AlignedBuffer<float> potential_;    // v, n (with a carry only)

  // Per-step scratch.
  BitVector visible_;                 // [x_t, h_t]
  AlignedBuffer<uint32_t> visible_list_, hidden_list_, previous_list_;
  AlignedBuffer<uint32_t> shifted_list_;  // each part's rows, from its first unit
  AlignedBuffer<float> hidden_sum_, visible_sum_;
  AlignedBuffer<uint32_t> delta_index_, update_lanes_;
  AlignedBuffer<float> delta_value_;
};

}  // namespace bitstate

#endif  // BITSTATE_MODEL_H_
