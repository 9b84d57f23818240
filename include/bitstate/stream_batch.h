// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Many independent streams of one model, stepped together.
//
// One stream's inference step reads every active column of W from memory
// (~6 MB at n = 4000 in float), so a feature pass is memory-bound. A batch
// steps B streams in lockstep and walks W tile by tile: a tile is a range of
// hidden units whose slices of all m + n columns fit in cache, and every
// stream's active columns are summed within the tile before the next one,
// so each weight byte brought from memory serves B streams. A unit's sum is
// still the one-stream sum over the same columns in the same order, so every
// state equals a one-stream run bit for bit (tests/stream_batch_test.cc).
//
// Use: SetInput for the streams that have a symbol this step, then
// model.InferStepBatch(batch); streams without an input keep their state.
// The model is only read, so threads may each step their own batch of one
// shared model. Nothing allocates per step.
#ifndef BITSTATE_STREAM_BATCH_H_
#define BITSTATE_STREAM_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/unit_range.h"

namespace bitstate {

class SequenceModel;

class StreamBatch {
 public:
  // `streams` streams for models of `model`'s shape (inputs, hidden units,
  // carry), all in the zero state. tile_units: hidden units per tile, a
  // multiple of kPartGranule; 0: the model picks (a cache budget).
  StreamBatch(const SequenceModel& model, size_t streams, size_t tile_units = 0);

  size_t streams() const { return streams_; }
  size_t inputs() const { return inputs_; }
  size_t hidden() const { return hidden_; }
  size_t tile_units() const { return tile_units_; }

  // Stream s reads `symbol` (< inputs) at the next step.
  void SetInput(size_t stream, size_t symbol);
  // h of stream s (WordsForBits(hidden) words), and its active count.
  const uint64_t* state(size_t stream) const { return state_.data() + stream * words_; }
  size_t active(size_t stream) const;
  // The zero state (and zero potentials), as SequenceModel::ResetState.
  void Reset(size_t stream);
  // h = `h` (hidden bits), potentials zero, as SequenceModel::SetState.
  void SetState(size_t stream, const BitVector& h);

  // For the models' InferStepBatch: lists [x, h] of every stream with an
  // input (its symbol, then m + each set bit of h), then for each tile of
  // `tile` hidden units and each such stream calls part(stream, units),
  // which writes the units' bits of next_state(stream); then h <- h_next
  // for those streams, and no stream has an input.
  template <class Part>
  void Step(size_t tile, Part&& part) {
    ListLive();
    ForEachTile(hidden_, tile, [&](UnitRange units) {
      for (uint32_t s : live_) part(s, units);
    });
    Advance();
  }
  const uint32_t* selected(size_t stream) const { return selected_.data() + stream * visible_; }
  size_t listed(size_t stream) const { return listed_[stream]; }
  uint64_t* next_state(size_t stream) { return next_.data() + stream * words_; }
  // Potentials of stream s (padded hidden entries; nullptr without a carry).
  float* float_potential(size_t stream);
  int32_t* int_potential(size_t stream);
  // One tile's sums (PaddedLength(hidden) entries).
  float* float_sum() { return float_sum_.data(); }
  int32_t* int_sum() { return int_sum_.data(); }
  // Hidden units per tile for a model whose columns hold `column_bytes`:
  // tile_units(), else TileUnitsFor (unit_range.h).
  size_t TileFor(size_t column_bytes) const;
  // Throws bitstate::Error naming `who` unless the batch fits `model`.
  void CheckFits(const char* who, const SequenceModel& model) const;

 private:
  void ListLive();
  void Advance();

  size_t streams_, inputs_, hidden_, visible_, words_, padded_, tile_units_;
  bool carry_;
  std::vector<uint32_t> input_;           // per stream: its symbol, or kNoInput
  std::vector<uint32_t> live_;            // the streams with an input
  std::vector<uint32_t> selected_;        // visible_ per stream
  std::vector<size_t> listed_;            // per stream
  std::vector<uint64_t> state_, next_;    // words_ per stream
  AlignedBuffer<float> float_potential_;  // padded_ per stream, with a carry
  AlignedBuffer<int32_t> int_potential_;
  AlignedBuffer<float> float_sum_;  // one tile
  AlignedBuffer<int32_t> int_sum_;
};

}  // namespace bitstate

#endif  // BITSTATE_STREAM_BATCH_H_
