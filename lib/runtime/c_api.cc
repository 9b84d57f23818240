// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The C API (bitstate.h) over the forward kernels: an immutable model plus
// caller-owned state buffers. What every build links, firmware included: no
// heap, no exceptions, no files (the host's openers: c_api_open.cc).
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>

#include "base/fixed_text.h"
#include "bitstate/classifier_head.h"
#include "bitstate/padding.h"
#include "bitstate/text_encoder.h"
#include "core/carry_step.h"
#include "core/forward_step.h"
#include "core/mean_state.h"
#include "format/model_file_view.h"
#include "runtime/c_api_model.h"

using bitstate::PaddedLength;
using bitstate::WordsForBits;
using bitstate::c_api::StateLayout;

namespace {

constexpr uint64_t kStateMagic = 0x6269747374617465ull;  // "bitstate"

// Caller buffer: a header at its start, then kPadBytes-aligned regions.
struct StateHeader {
  uint64_t magic;
  uint64_t inputs, hidden;
  uint64_t aligned_offset;  // where the regions start, from the buffer start
  uint64_t regions;         // StateLayout::end: with or without potentials
  uint64_t steps;           // since the last feature reset
};

size_t Pad(size_t bytes) { return PaddedLength<uint8_t>(bytes); }

StateLayout ComputeStateLayout(size_t m, size_t n, bool carry) {
  StateLayout l{};
  size_t offset = 0;
  auto take = [&offset](size_t bytes) {
    const size_t at = offset;
    offset += Pad(bytes);
    return at;
  };
  l.h = take(8 * WordsForBits(n));
  l.h_next = take(8 * WordsForBits(n));
  l.x = take(8 * WordsForBits(m));
  l.visible = take(8 * WordsForBits(m + n));
  l.selected = take(4 * (m + n));
  l.hidden_sum = take(4 * PaddedLength<float>(n));
  l.counts = take(4 * n);
  l.features = take(4 * n);
  if (carry) l.potential = take(4 * n);
  l.end = offset;
  return l;
}

}  // namespace

namespace {

// The state's regions, after checking the buffer belongs to this model. The
// header is copied in and out with memcpy: the caller's buffer may have any
// alignment.
struct StateView {
  StateHeader header;
  uint8_t* raw;
  uint8_t* base;
  void SaveHeader() const { std::memcpy(raw, &header, sizeof(header)); }
  StateLayout layout;
  uint64_t* h() const { return reinterpret_cast<uint64_t*>(base + layout.h); }
  uint64_t* h_next() const { return reinterpret_cast<uint64_t*>(base + layout.h_next); }
  uint64_t* x() const { return reinterpret_cast<uint64_t*>(base + layout.x); }
  uint32_t* counts() const { return reinterpret_cast<uint32_t*>(base + layout.counts); }
  float* features() const { return reinterpret_cast<float*>(base + layout.features); }
  void* potential() const { return layout.potential != 0 ? base + layout.potential : nullptr; }
};

size_t AlignedOffset(const void* buffer) {
  const size_t misalignment = reinterpret_cast<uintptr_t>(buffer) % bitstate::kPadBytes;
  return Pad(sizeof(StateHeader)) + (misalignment ? bitstate::kPadBytes - misalignment : 0);
}

bool GetState(const bitstate_model* model, const void* state, StateView* view) {
  if (model == nullptr || state == nullptr) return false;
  StateHeader& header = view->header;
  std::memcpy(&header, state, sizeof(header));
  if (header.magic != kStateMagic || header.inputs != model->config.inputs ||
      header.hidden != model->config.hidden || header.aligned_offset != AlignedOffset(state) ||
      header.regions != model->state_layout.end) {
    return false;
  }
  view->raw = static_cast<uint8_t*>(const_cast<void*>(state));
  view->base = view->raw + header.aligned_offset;
  view->layout = model->state_layout;
  return true;
}

// After eq. 1 into h_next: h <- h_next, the running counts, the step count.
void FinishStep(const bitstate_model* model, StateView& s) {
  const size_t n = model->config.hidden;
  std::memcpy(s.h(), s.h_next(), 8 * WordsForBits(n));
  bitstate::CountActive(s.h(), WordsForBits(n), s.counts());
  ++s.header.steps;
  s.SaveHeader();
}

void Step(const bitstate_model* model, StateView& s, const uint64_t* x) {
  const size_t m = model->config.inputs, n = model->config.hidden;
  if (model->integer) {
    // hidden_sum holds PaddedLength<float>(n) 4-byte lanes: room for int32 too.
    bitstate::IntForwardStep(*model->int_kernels, model->int_weights, m, n, x, s.h(),
                             {model->carry_units, static_cast<int32_t*>(s.potential())},
                             reinterpret_cast<uint32_t*>(s.base + s.layout.selected),
                             reinterpret_cast<int32_t*>(s.base + s.layout.hidden_sum), s.h_next());
  } else {
    bitstate::ForwardStep(*model->kernels, model->columns, model->column_stride, model->hidden_bias,
                          m, n, x, s.h(), {model->config.carry, static_cast<float*>(s.potential())},
                          {reinterpret_cast<uint64_t*>(s.base + s.layout.visible),
                           reinterpret_cast<uint32_t*>(s.base + s.layout.selected),
                           reinterpret_cast<float*>(s.base + s.layout.hidden_sum)},
                          s.h_next());
  }
  FinishStep(model, s);
}

// Eq. 1 for the hidden units of `units` of one state whose [x, h] is listed
// (`listed` entries, one input bit first) in its selected region.
void StepUnits(const bitstate_model* model, const StateView& s, size_t listed,
               bitstate::UnitRange units) {
  const auto* selected = reinterpret_cast<const uint32_t*>(s.base + s.layout.selected);
  if (model->integer) {
    bitstate::IntForwardPart(*model->int_kernels, model->int_weights, selected, {1, listed - 1},
                             units, {model->carry_units, static_cast<int32_t*>(s.potential())},
                             reinterpret_cast<int32_t*>(s.base + s.layout.hidden_sum) + units.begin,
                             s.h_next());
  } else {
    bitstate::ForwardPart(
        *model->kernels, model->columns, model->column_stride, model->hidden_bias, selected, listed,
        units, {model->config.carry, static_cast<float*>(s.potential())},
        reinterpret_cast<float*>(s.base + s.layout.hidden_sum) + units.begin, s.h_next());
  }
}

// W's columns in bytes, as stored: what decides the tiles.
size_t ColumnBytes(const bitstate_model* model) {
  const size_t m = model->config.inputs, n = model->config.hidden;
  return model->integer ? bitstate::ColumnBytes(model->int_weights, m, n)
                        : sizeof(float) * (m + n) * n;
}

void StepSymbol(const bitstate_model* model, StateView& s, unsigned symbol) {
  uint64_t* x = s.x();
  std::memset(x, 0, 8 * WordsForBits(model->config.inputs));
  x[symbol / 64] = uint64_t{1} << (symbol % 64);
  Step(model, s, x);
}

bool LittleEndianHost() {
  const uint32_t probe = 0x01020304u;
  uint8_t first;
  std::memcpy(&first, &probe, 1);
  return first == 0x04;
}

}  // namespace

namespace bitstate {
namespace c_api {

void WriteMessage(char* error, size_t error_size, const char* first, const char* second,
                  const char* third) {
  if (error == nullptr || error_size == 0) return;
  size_t length = 0;
  for (const char* part : {first, second, third}) {
    while (*part != '\0' && length + 1 < error_size) error[length++] = *part++;
  }
  error[length] = '\0';
}

// Builds the model over `data` (validated first), which it then borrows.
bitstate_status OpenImage(const uint8_t* data, size_t size, const char* source,
                          bitstate_model* model, char* error, size_t error_size) {
  ModelFileView view;
  FixedText why;
  if (!LittleEndianHost()) {
    why << "this build reads little-endian images only, the host is big-endian";
    WriteMessage(error, error_size, source, ": ", why.c_str());
    return BITSTATE_ERROR_FORMAT;
  }
  if (!ParseModelImage(data, size, &view, &why)) {
    WriteMessage(error, error_size, source, ": not a usable bitstate model file: ", why.c_str());
    return BITSTATE_ERROR_FORMAT;
  }
  model->config = view.config;
  model->kernels = &kernels::DispatchedKernels();
  model->integer = view.precision != kPrecisionFloat32;
  if (model->integer) {
    model->int_kernels = &kernels::DispatchedIntKernels();
    model->int_weights_bits = view.bits;
    const auto* multipliers = reinterpret_cast<const int32_t*>(view.multipliers);
    bool any_multiplier = false;
    for (size_t i = 0; i < view.config.hidden; ++i) any_multiplier |= multipliers[i] != 1;
    IntForwardWeights& w = model->int_weights;
    w.storage = StorageOfPrecision(view.precision);
    w.columns = view.columns;
    w.column_stride = view.column_stride;
    if (IsPacked(w.storage)) {
      const PackedShape shape = PackedShapeFor(view.bits, view.config.hidden);
      w.plane_bytes = shape.plane_bytes;
      w.planes = shape.planes;
    }
    w.multipliers = multipliers;
    w.any_multiplier = any_multiplier;
    w.hidden_bias = reinterpret_cast<const int32_t*>(view.hidden_bias);
  } else {
    model->columns = reinterpret_cast<const float*>(view.columns);
    model->hidden_bias = reinterpret_cast<const float*>(view.hidden_bias);
  }
  model->stored_state = view.state;
  model->column_stride = view.column_stride;
  if (view.config.carry != 0.0f) {
    model->carry_units = CarryUnits(view.config.carry);
    model->stored_potentials = view.potentials;
  }
  model->state_layout =
      ComputeStateLayout(view.config.inputs, view.config.hidden, view.config.carry != 0.0f);
  if (view.head_classes != 0) {
    model->head = {view.head_classes, view.head_stride,
                   reinterpret_cast<const float*>(view.head_weights),
                   reinterpret_cast<const float*>(view.head_intercepts)};
  }
  return BITSTATE_OK;
}

}  // namespace c_api
}  // namespace bitstate

extern "C" {

const char* bitstate_status_message(bitstate_status status) {
  switch (status) {
    case BITSTATE_OK: return "ok";
    case BITSTATE_ERROR_ARGUMENT: return "invalid argument (null pointer, wrong size or symbol >= m)";
    case BITSTATE_ERROR_IO: return "the model file cannot be opened or read";
    case BITSTATE_ERROR_FORMAT: return "not a valid bitstate model file";
    case BITSTATE_ERROR_NO_MEMORY: return "out of memory";
    case BITSTATE_ERROR_NO_HEAD: return "the model has no classifier head";
    case BITSTATE_ERROR_STATE: return "state buffer not initialised for this model, or moved";
  }
  return "unknown status";
}

bitstate_status bitstate_model_open_in_place(const void* image, size_t size, void* storage,
                                             size_t storage_size, bitstate_model** model,
                                             char* error, size_t error_size) {
  if (model == nullptr) return BITSTATE_ERROR_ARGUMENT;
  *model = nullptr;
  void* place = storage;
  size_t space = storage_size;
  if (image == nullptr || storage == nullptr || storage_size < BITSTATE_MODEL_STORAGE_BYTES ||
      std::align(alignof(bitstate_model), sizeof(bitstate_model), place, space) == nullptr) {
    return BITSTATE_ERROR_ARGUMENT;
  }
  if (reinterpret_cast<uintptr_t>(image) % bitstate::kPadBytes != 0) {
    bitstate::c_api::WriteMessage(error, error_size,
                                  "<in place>: the image must start on a 256-byte boundary");
    return BITSTATE_ERROR_ARGUMENT;
  }
  bitstate_model* opened = new (place) bitstate_model;
  opened->zero_copy = true;
  const bitstate_status status = bitstate::c_api::OpenImage(
      static_cast<const uint8_t*>(image), size, "<in place>", opened, error, error_size);
  if (status != BITSTATE_OK) {
    opened->~bitstate_model();
    return status;
  }
  *model = opened;
  return BITSTATE_OK;
}

void bitstate_model_close(bitstate_model* model) {
  if (model != nullptr && model->release != nullptr) model->release(model);
}

size_t bitstate_model_inputs(const bitstate_model* model) { return model ? model->config.inputs : 0; }
size_t bitstate_model_hidden(const bitstate_model* model) { return model ? model->config.hidden : 0; }
size_t bitstate_model_classes(const bitstate_model* model) { return model ? model->head.classes : 0; }
int bitstate_model_is_zero_copy(const bitstate_model* model) { return model && model->zero_copy; }
const char* bitstate_model_kernels(const bitstate_model* model) {
  if (model == nullptr) return "";
  return model->integer ? model->int_kernels->target_name : model->kernels->target_name;
}
unsigned bitstate_model_weight_bits(const bitstate_model* model) {
  return model == nullptr ? 0 : model->integer ? model->int_weights_bits : 32;
}
float bitstate_model_carry(const bitstate_model* model) {
  return model ? model->config.carry : 0.0f;
}

size_t bitstate_state_size(const bitstate_model* model) {
  if (model == nullptr) return 0;
  // Header, worst-case alignment slack, regions.
  return Pad(sizeof(StateHeader)) + bitstate::kPadBytes +
         model->state_layout.end;
}

static_assert(sizeof(bitstate_model) + alignof(bitstate_model) <= BITSTATE_MODEL_STORAGE_BYTES,
              "BITSTATE_MODEL_STORAGE_BYTES must hold the model object");

size_t bitstate_state_size_for(size_t inputs, size_t hidden) {
  if (inputs == 0 || hidden == 0) return 0;
  return Pad(sizeof(StateHeader)) + bitstate::kPadBytes +
         ComputeStateLayout(inputs, hidden, false).end;
}

bitstate_status bitstate_state_init(const bitstate_model* model, void* state, size_t size) {
  if (model == nullptr || state == nullptr || size < bitstate_state_size(model)) {
    return BITSTATE_ERROR_ARGUMENT;
  }
  const StateHeader header = {kStateMagic,          model->config.inputs,    model->config.hidden,
                              AlignedOffset(state), model->state_layout.end, 0};
  std::memcpy(state, &header, sizeof(header));
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;  // cannot happen: just written
  std::memset(s.base, 0, s.layout.end);
  for (size_t w = 0; w < WordsForBits(model->config.hidden); ++w) {
    s.h()[w] = bitstate::LoadLittleEndian<uint64_t>(model->stored_state + 8 * w);
  }
  if (model->stored_potentials != nullptr) {  // float32 or int32, little-endian like the host
    std::memcpy(s.potential(), model->stored_potentials, 4 * model->config.hidden);
  }
  return BITSTATE_OK;
}

bitstate_status bitstate_state_clear(const bitstate_model* model, void* state) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  std::memset(s.h(), 0, 8 * WordsForBits(model->config.hidden));
  if (s.potential() != nullptr) std::memset(s.potential(), 0, 4 * model->config.hidden);
  return BITSTATE_OK;
}

bitstate_status bitstate_features_reset(const bitstate_model* model, void* state) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  std::memset(s.counts(), 0, 4 * model->config.hidden);
  s.header.steps = 0;
  s.SaveHeader();
  return BITSTATE_OK;
}

bitstate_status bitstate_step_symbol(const bitstate_model* model, void* state, unsigned symbol) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  if (symbol >= model->config.inputs) return BITSTATE_ERROR_ARGUMENT;
  StepSymbol(model, s, symbol);
  return BITSTATE_OK;
}

bitstate_status bitstate_step_symbols(const bitstate_model* model, void* const* states,
                                      const unsigned* symbols, size_t count) {
  if (model == nullptr || (count != 0 && (states == nullptr || symbols == nullptr))) {
    return BITSTATE_ERROR_ARGUMENT;
  }
  // Everything is checked before any state changes.
  StateView s;
  for (size_t k = 0; k < count; ++k) {
    if (!GetState(model, states[k], &s)) return BITSTATE_ERROR_STATE;
    if (symbols[k] >= model->config.inputs) return BITSTATE_ERROR_ARGUMENT;
    for (size_t j = 0; j < k; ++j) {
      if (states[j] == states[k]) return BITSTATE_ERROR_ARGUMENT;  // one stream, two steps
    }
  }
  const size_t m = model->config.inputs, n = model->config.hidden;
  // [x, h] of every state listed first: h stays as it is until every tile is done.
  for (size_t k = 0; k < count; ++k) {
    GetState(model, states[k], &s);
    bitstate::ListSymbolAndState(symbols[k], s.h(), m, n,
                                 reinterpret_cast<uint32_t*>(s.base + s.layout.selected));
  }
  // Tile by tile, every state: a weight line read once serves them all.
  bitstate::ForEachTile(
      n, bitstate::TileUnitsFor(n, ColumnBytes(model)), [&](bitstate::UnitRange units) {
        for (size_t k = 0; k < count; ++k) {
          GetState(model, states[k], &s);
          StepUnits(model, s, 1 + bitstate::CountSetBits(s.h(), WordsForBits(n)), units);
        }
      });
  for (size_t k = 0; k < count; ++k) {
    GetState(model, states[k], &s);
    FinishStep(model, s);
  }
  return BITSTATE_OK;
}

bitstate_status bitstate_step_text(const bitstate_model* model, void* state, const char* text,
                                   size_t length) {
  if (model == nullptr || (text == nullptr && length != 0)) return BITSTATE_ERROR_ARGUMENT;
  if (model->config.inputs != bitstate::kTextSymbols) return BITSTATE_ERROR_ARGUMENT;
  if (length == 0) return BITSTATE_OK;
  StateView s;  // checked once for the whole text
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  for (size_t i = 0; i < length; ++i) {
    StepSymbol(model, s, bitstate::SymbolOfByte(static_cast<unsigned char>(text[i])));
  }
  return BITSTATE_OK;
}

bitstate_status bitstate_step_bits(const bitstate_model* model, void* state, const uint64_t* x,
                                   size_t x_words) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  const size_t m = model->config.inputs;
  if (x == nullptr || x_words != WordsForBits(m)) return BITSTATE_ERROR_ARGUMENT;
  if (m % 64 != 0 && (x[m / 64] >> (m % 64)) != 0) return BITSTATE_ERROR_ARGUMENT;  // bits >= m
  Step(model, s, x);
  return BITSTATE_OK;
}

bitstate_status bitstate_state_bits(const bitstate_model* model, const void* state, uint64_t* out,
                                    size_t out_words) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  if (out == nullptr || out_words != WordsForBits(model->config.hidden)) return BITSTATE_ERROR_ARGUMENT;
  std::memcpy(out, s.h(), 8 * out_words);
  return BITSTATE_OK;
}

bitstate_status bitstate_features(const bitstate_model* model, const void* state, float* out,
                                  size_t count) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  if (out == nullptr || count != model->config.hidden) return BITSTATE_ERROR_ARGUMENT;
  bitstate::MeanState(s.counts(), count, s.header.steps, out);
  return BITSTATE_OK;
}

bitstate_status bitstate_classify(const bitstate_model* model, const void* state, int* label,
                                  float* scores) {
  StateView s;
  if (!GetState(model, state, &s)) return BITSTATE_ERROR_STATE;
  if (label == nullptr) return BITSTATE_ERROR_ARGUMENT;
  const bitstate::c_api::HeadView& head = model->head;
  if (head.classes == 0) return BITSTATE_ERROR_NO_HEAD;
  float* features = s.features();
  bitstate_features(model, state, features, model->config.hidden);
  const auto score = [&](size_t c) {
    return bitstate::LinearScore(head.weights + c * head.stride, head.intercepts[c], features,
                                 model->config.hidden);
  };
  *label = bitstate::ArgMaxClass(head.classes, score);
  if (scores != nullptr) {
    for (size_t c = 0; c < head.classes; ++c) scores[c] = static_cast<float>(score(c));
  }
  return BITSTATE_OK;
}

}  // extern "C"
