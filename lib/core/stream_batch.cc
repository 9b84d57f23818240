// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/stream_batch.h"

#include <algorithm>
#include <string>

#include "bitstate/bit_words.h"
#include "bitstate/error.h"
#include "bitstate/padding.h"
#include "bitstate/sequence_model.h"
#include "core/int_forward_step.h"

namespace bitstate {
namespace {

constexpr uint32_t kNoInput = UINT32_MAX;

}  // namespace

StreamBatch::StreamBatch(const SequenceModel& model, size_t streams, size_t tile_units)
    : streams_(streams),
      inputs_(model.inputs()),
      hidden_(model.hidden()),
      visible_(model.inputs() + model.hidden()),
      words_(WordsForBits(model.hidden())),
      padded_(PaddedLength<float>(model.hidden())),
      tile_units_(tile_units),
      carry_(model.config().carry != 0.0f),
      input_(streams, kNoInput),
      selected_(streams * visible_),
      listed_(streams, 0),
      state_(streams * words_, 0),
      next_(streams * words_, 0),
      float_potential_(carry_ ? streams * padded_ : 0),
      int_potential_(carry_ ? streams * padded_ : 0),
      float_sum_(padded_),
      int_sum_(PaddedLength<int32_t>(hidden_)) {
  if (streams == 0) throw Error("StreamBatch: needs at least one stream");
  if (tile_units % kPartGranule != 0) {
    throw Error("StreamBatch: tile_units " + std::to_string(tile_units) + " is not a multiple of " +
                std::to_string(kPartGranule));
  }
  live_.reserve(streams);
}

void StreamBatch::SetInput(size_t stream, size_t symbol) {
  if (stream >= streams_ || symbol >= inputs_) {
    throw Error("StreamBatch: stream " + std::to_string(stream) + " of " +
                std::to_string(streams_) + ", symbol " + std::to_string(symbol) + " of " +
                std::to_string(inputs_) + ": out of range");
  }
  input_[stream] = static_cast<uint32_t>(symbol);
}

size_t StreamBatch::active(size_t stream) const { return CountSetBits(state(stream), words_); }

void StreamBatch::Reset(size_t stream) {
  std::fill_n(state_.data() + stream * words_, words_, 0);
  if (carry_) {
    std::fill_n(float_potential(stream), padded_, 0.0f);
    std::fill_n(int_potential(stream), padded_, 0);
  }
}

void StreamBatch::SetState(size_t stream, const BitVector& h) {
  if (h.size() != hidden_) {
    throw Error("StreamBatch: a state of " + std::to_string(h.size()) + " bits for " +
                std::to_string(hidden_) + " hidden units");
  }
  Reset(stream);
  std::copy_n(h.words(), words_, state_.data() + stream * words_);
}

float* StreamBatch::float_potential(size_t stream) {
  return carry_ ? float_potential_.data() + stream * padded_ : nullptr;
}

int32_t* StreamBatch::int_potential(size_t stream) {
  return carry_ ? int_potential_.data() + stream * padded_ : nullptr;
}

size_t StreamBatch::TileFor(size_t column_bytes) const {
  return tile_units_ != 0 ? tile_units_ : TileUnitsFor(hidden_, column_bytes);
}

void StreamBatch::CheckFits(const char* who, const SequenceModel& model) const {
  if (model.inputs() != inputs_ || model.hidden() != hidden_ ||
      (model.config().carry != 0.0f) != carry_) {
    throw Error(std::string(who) + ": the stream batch was made for " + std::to_string(inputs_) +
                " inputs and " + std::to_string(hidden_) + " hidden units" +
                (carry_ ? " with a carry" : "") + ", not for this model");
  }
}

void StreamBatch::ListLive() {
  live_.clear();
  for (size_t s = 0; s < streams_; ++s) {
    if (input_[s] == kNoInput) continue;
    live_.push_back(static_cast<uint32_t>(s));
    listed_[s] =
        ListSymbolAndState(input_[s], state(s), inputs_, hidden_, selected_.data() + s * visible_);
  }
}

void StreamBatch::Advance() {
  for (uint32_t s : live_) {
    std::copy_n(next_.data() + s * words_, words_, state_.data() + s * words_);
    input_[s] = kNoInput;
  }
}

}  // namespace bitstate
