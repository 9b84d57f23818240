// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model of Grushin (arXiv 2312.14359), eq. 1-5, on packed bits.
#ifndef BITSTATE_MODEL_H_
#define BITSTATE_MODEL_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/model.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <utility>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/model_config.h"
#include "bitstate/sequence_model.h"

namespace bitstate {

namespace kernels {
struct KernelTable;
}  // namespace kernels

// Which implementation of the step kernels a model runs.
enum class KernelEngine {
  kSimd,             // best Highway target of this CPU (the default)
  kScalarReference,  // plain loops; bit-identical results, for tests/benches
  kXsimd,            // float kernels written with xsimd (built with BITSTATE_XSIMD=ON)
};

// One recurrent layer: W (n x (m+n)), input biases a (m+n), hidden biases b
// (n), state h (n bits, h_0 = 0).
//
// Initialisation (portable, see random.h): Rng(config.seed) draws
// U[-range, range) for W in row-major order (i = 0..n-1, j = 0..m+n-1), then
// a (j = 0..m+n-1), then b (i = 0..n-1).
//
// Steps allocate nothing: every scratch buffer is sized at construction.
class Model : public SequenceModel {
 public:
  explicit Model(const ModelConfig& config,
                 KernelEngine engine = KernelEngine::kSimd);

  const ModelConfig& config() const { return config_; }
  size_t inputs() const override { return config_.inputs; }
  size_t hidden() const override { return config_.hidden; }
  size_t visible() const { return config_.visible(); }
  // "scalar reference" or the Highway target, e.g. "AVX3".
  const char* engine_name() const;

  // False for a model loaded from an inference-only file (no row layout).
  bool trainable() const { return trainable_; }

  // One training step on input x (m bits): forward (eq. 1), reconstruction
  // (eq. 2), then updates (eq. 3, 4, 5), then h_t <- h_{t+1}.
  StepStats TrainStep(const BitVector& x);
  // The same with x = one-hot(symbol), symbol < m.
  StepStats TrainStepSymbol(size_t symbol) override;

  // Forward only (eq. 1), learning off; returns the active count of h_{t+1}.
  uint32_t InferStep(const BitVector& x);
  uint32_t InferStepSymbol(size_t symbol) override;

  const BitVector& state() const override { return state_; }
  void SetState(const BitVector& h);
  void ResetState() override { state_.ClearAll(); }
  // [x~, h~] of the last training step.
  const BitVector& reconstruction() const { return reconstruction_; }

  // Parameters. Setters keep both layouts of W in sync.
  float weight(size_t row, size_t column) const;
  void SetWeight(size_t row, size_t column, float value);
  float input_bias(size_t j) const { return input_bias_[j]; }  // a, m+n
  void SetInputBias(size_t j, float value);
  float hidden_bias(size_t i) const { return hidden_bias_[i]; }  // b, n
  void SetHiddenBias(size_t i, float value);

 private:
  friend struct ModelFileCodec;
  // Allocates everything, parameters zero (the file loader fills them);
  // without `trainable`, no row layout and no training scratch.
  struct Uninitialized {};
  Model(const ModelConfig& config, KernelEngine engine, Uninitialized, bool trainable);
  void CheckTrainable() const;

  void CheckInput(const BitVector& x) const;
  void CheckSymbol(size_t symbol) const;
  void SetOneHot(size_t symbol);
  // Eq. 1 from x (m bits) and state_ into next_state_; returns its active
  // count (hidden_list_ holds the active units).
  size_t Forward(const uint64_t* x);
  // Eq. 2-5 after Forward, then h_t <- h_{t+1}.
  StepStats LearnAndAdvance(size_t active);
  void Advance() { std::swap(state_, next_state_); }

  ModelConfig config_;
  const kernels::KernelTable* kernels_;
  bool trainable_;
  // Eq. 5 increments for an on / off hidden unit: r_h (d - 1), r_h d.
  float bias_delta_on_, bias_delta_off_;

  size_t column_stride_, row_stride_;
  AlignedBuffer<float> columns_;      // W column j at columns_[j * column_stride_]
  AlignedBuffer<float> rows_;         // W row i at rows_[i * row_stride_]
  AlignedBuffer<float> input_bias_;   // a
  AlignedBuffer<float> hidden_bias_;  // b
  BitVector state_;                   // h_t

  // Per-step scratch.
  BitVector input_;                   // x_t (one-hot steps)
  BitVector visible_;                 // [x_t, h_t]
  BitVector next_state_;              // h_{t+1}
  BitVector reconstruction_;          // [x~_t, h~_t]
  AlignedBuffer<uint32_t> visible_list_, hidden_list_, previous_list_;
  AlignedBuffer<float> hidden_sum_, visible_sum_;
  AlignedBuffer<uint32_t> delta_index_, update_lanes_;
  AlignedBuffer<float> delta_value_;
};

}  // namespace bitstate

#endif  // BITSTATE_MODEL_H_
