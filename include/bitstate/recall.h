// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// What the state remembers (the paper's interpretability proposal, Section
// V): eq. 2 applied repeatedly. From h_{t+1} the model reconstructs
// [x~_t, h~_t]; from h~_t it reconstructs [x~_{t-1}, h~_{t-1}]; and so on, k
// steps back. At lag k the reconstructed input is scored against the symbol
// x_{t-k+1} that was really read and the reconstructed state against the
// true h_{t-k+1}.
#ifndef BITSTATE_RECALL_H_
#define BITSTATE_RECALL_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/recall.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/model.h"
#include "bitstate/quantized_model.h"

namespace bitstate::kernels {
struct KernelTable;
struct IntKernelTable;
}  // namespace bitstate::kernels

namespace bitstate {

// Counts per lag k = 1..lags (index k - 1) and, per lag, per input symbol.
struct RecallStats {
  size_t lags = 0, symbols = 0;
  std::vector<uint64_t> steps;         // steps scored at this lag
  std::vector<uint64_t> exact;         // x~ is exactly one-hot(x)
  std::vector<uint64_t> top1;          // the largest input sum is x's
  std::vector<uint64_t> state_errors;  // sum of |h~ - h| (bits)
  std::vector<uint64_t> state_active;  // sum of |h| (bits), for scale
  // Index (k - 1) * symbols + s: steps whose true symbol at that lag was s,
  // and of those the exact recoveries.
  std::vector<uint64_t> symbol_steps, symbol_exact;

  RecallStats() = default;
  RecallStats(size_t lags, size_t symbols);
  void Add(const RecallStats& other);  // the same lags and symbols
  double ExactRate(size_t lag) const;  // lag >= 1
  double Top1Rate(size_t lag) const;
  double StateError(size_t lag) const;  // mean bits
};

// Runs a model over symbols with learning off (as inference does) and
// scores the recall chain after every step. The model's weights are copied
// once into row layout, so inference-only float files work. An integer
// model must hold its input biases a (a trainable file: integer training's
// own); its chain is eq. 2 on integers, as integer training computes it.
class RecallProbe {
 public:
  RecallProbe(const Model& model, size_t lags);
  RecallProbe(const QuantizedModel& model, size_t lags);

  // One inference step of `model` (the one given to the constructor) on
  // `symbol`, then the chain from the new state.
  void Step(SequenceModel& model, uint8_t symbol);
  // Forgets the history (e.g. after the caller reset the state): lags reach
  // back to this point only.
  void ClearHistory() { history_ = 0; }

  const RecallStats& stats() const { return stats_; }
  // The last chain's reconstruction k steps back ([x~, h~] as m + n bits).
  const BitVector& reconstruction(size_t lag) const { return chain_[lag - 1]; }

 private:
  RecallProbe(size_t m, size_t n, size_t lags);
  // chain_[k] = H(W^T from + a): one application of eq. 2; returns the
  // index of the largest input score W^T from + a (the top-1 symbol).
  size_t Reconstruct(const uint64_t* from, size_t k);

  size_t m_, n_, lags_;
  // Float models: W by rows (stride PaddedLength<float>(m + n)), a, sums.
  const kernels::KernelTable* kernels_ = nullptr;  // resolved once, as the models do
  AlignedBuffer<float> rows_;
  AlignedBuffer<float> input_bias_;
  AlignedBuffer<float> sums_;
  // Integer models: levels by rows (stride PaddedLength<int16_t>(m + n)),
  // a as levels, int32 sums.
  const kernels::IntKernelTable* int_kernels_ = nullptr;
  AlignedBuffer<int16_t> int_rows_;
  AlignedBuffer<int32_t> int_input_bias_;
  AlignedBuffer<int32_t> int_sums_;
  std::vector<uint32_t> active_;
  std::vector<BitVector> chain_;  // per lag
  // Ring of the last `lags` inputs and the states before them.
  std::vector<uint8_t> past_symbols_;
  std::vector<BitVector> past_states_;
  BitVector link_;  // h~ of the last reconstruction, the next one's input
  size_t history_ = 0, next_ = 0;
  RecallStats stats_;
};

}  // namespace bitstate

#endif  // BITSTATE_RECALL_H_
