// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_INT_FORWARD_STEP_H_
#define BITSTATE_INT_FORWARD_STEP_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "bitstate/bit_words.h"
#include "bitstate/packed_shape.h"
#include "bitstate/padding.h"
#include "bitstate/unit_range.h"
#include "core/carry_step.h"
#include "kernels/int_kernel_table.h"

namespace bitstate {

// W's columns as k-bit levels (int8, int16 or packed: packed_shape.h), K
// per row (the input columns' step multiple) and biases as int32 levels.
struct IntForwardWeights {
  LevelStorage storage;
  const void* columns;
  size_t column_stride;        // elements between columns (packed: bytes)
  size_t plane_bytes, planes;  // kBitPlanes: bytes per plane, planes per column
  const int32_t* multipliers;  // K_i, PaddedLength<int32_t>(n), zero padded
  bool any_multiplier;         // some K_i != 1
  const int32_t* hidden_bias;  // PaddedLength<int32_t>(n), zero padded
};

// Bits each level takes in storage (binary and ternary: one per plane).
inline size_t StorageBits(const IntForwardWeights& w) {
  switch (w.storage) {
    case LevelStorage::kInt8:
      return 8;
    case LevelStorage::kInt16:
      return 16;
    case LevelStorage::kNibbles:
      return 4;
    case LevelStorage::kBitPlanes:
      return w.planes;
  }
  return 16;
}

// Bytes of W's columns as stored (m + n columns of n levels, no padding).
inline size_t ColumnBytes(const IntForwardWeights& w, size_t m, size_t n) {
  return StorageBits(w) * (m + n) * n / 8;
}

// The same weights from hidden unit `begin` on (a multiple of kPartGranule).
inline IntForwardWeights FromUnit(IntForwardWeights w, size_t begin) {
  const auto* bytes = static_cast<const uint8_t*>(w.columns);
  switch (w.storage) {
    case LevelStorage::kInt8: w.columns = bytes + begin; break;
    case LevelStorage::kInt16: w.columns = bytes + 2 * begin; break;
    case LevelStorage::kNibbles: w.columns = bytes + begin / 2; break;
    case LevelStorage::kBitPlanes: w.columns = bytes + begin / 8; break;
  }
  return w;
}

// acc[i] += the sum of the selected columns' levels, i < n.
inline void SumIntColumns(const kernels::IntKernelTable& kernels, const IntForwardWeights& w,
                          const uint32_t* selected, size_t count, size_t n, int32_t* acc) {
  switch (w.storage) {
    case LevelStorage::kInt8:
      MaskedSumAdd(kernels, static_cast<const int8_t*>(w.columns), w.column_stride, selected,
                   count, n, acc);
      return;
    case LevelStorage::kInt16:
      MaskedSumAdd(kernels, static_cast<const int16_t*>(w.columns), w.column_stride, selected,
                   count, n, acc);
      return;
    case LevelStorage::kNibbles:
      kernels.masked_sum_add_i4(static_cast<const uint8_t*>(w.columns), w.column_stride,
                                selected, count, n, acc);
      return;
    case LevelStorage::kBitPlanes: {
      // Binary: sum of (2 * bit - 1). Ternary: plus bits minus minus bits.
      const auto* plus = static_cast<const uint8_t*>(w.columns);
      const int32_t c = static_cast<int32_t>(count);
      if (w.planes == 1) {
        kernels.count_bits_add(plus, w.column_stride, selected, count, n, 2, -c, acc);
      } else {
        kernels.count_bits_add(plus, w.column_stride, selected, count, n, 1, 0, acc);
        kernels.count_bits_add(plus + w.plane_bytes, w.column_stride, selected, count, n, -1, 0,
                               acc);
      }
      return;
    }
  }
}

// The set bits of x (m bits) and then of h (n bits, listed as m + i) into
// `selected` (m + n entries); returns {inputs on, states on}.
struct ActiveVisible {
  size_t inputs_on, states_on;
};
inline ActiveVisible ListActiveVisible(const uint64_t* x, size_t m, const uint64_t* h, size_t n,
                                       uint32_t* selected) {
  const size_t inputs_on = ListSetBits(x, WordsForBits(m), 0, selected);
  const size_t states_on =
      ListSetBits(h, WordsForBits(n), static_cast<uint32_t>(m), selected + inputs_on);
  return {inputs_on, states_on};
}

// x = one-hot(symbol), then the set bits of h (n bits, listed as m + i),
// into `selected`, as ListActiveVisible lists them; returns the count.
inline size_t ListSymbolAndState(uint32_t symbol, const uint64_t* h, size_t m, size_t n,
                                 uint32_t* selected) {
  selected[0] = symbol;
  return 1 + ListSetBits(h, WordsForBits(n), static_cast<uint32_t>(m), selected + 1);
}

// Eq. 1 on integers for the hidden units of `part`: z_i / s_i = K_i * (sum
// of the set inputs' levels) + (sum of the set state bits' levels) + b_i /
// s_i, then their bits of h_next = H(z) (with a carry: H(v), v their
// potentials). `selected` as listed by ListActiveVisible; part_sum:
// PaddedLength<int32_t>(part.size()) aligned int32 for the part's units.
inline void IntForwardPart(const kernels::IntKernelTable& kernels, const IntForwardWeights& w,
                           const uint32_t* selected, ActiveVisible active, UnitRange part,
                           IntCarry carry, int32_t* part_sum, uint64_t* h_next) {
  int32_t* sum = part_sum;
  std::memset(sum, 0, PaddedLength<int32_t>(part.size()) * sizeof(int32_t));
  const IntForwardWeights own = FromUnit(w, part.begin);
  SumIntColumns(kernels, own, selected, active.inputs_on, part.size(), sum);
  if (w.any_multiplier && active.inputs_on != 0) {
    kernels.multiply_i32(sum, w.multipliers + part.begin, part.size());
  }
  SumIntColumns(kernels, own, selected + active.inputs_on, active.states_on, part.size(), sum);
  if (carry.potential != nullptr) {
    CarryThresholdPackInt(sum, w.hidden_bias + part.begin, carry.units,
                          carry.potential + part.begin, part.size(), h_next + part.begin / 64);
  } else {
    kernels.threshold_pack_i32(sum, w.hidden_bias + part.begin, part.size(),
                               h_next + part.begin / 64);
  }
}

// Eq. 1 on integers on one thread. Shared by QuantizedModel and the C API.
// Scratch: `selected` holds m + n entries, `hidden_sum`
// PaddedLength<int32_t>(n) aligned int32.
inline void IntForwardStep(const kernels::IntKernelTable& kernels, const IntForwardWeights& w,
                           size_t m, size_t n, const uint64_t* x, const uint64_t* h, IntCarry carry,
                           uint32_t* selected, int32_t* hidden_sum, uint64_t* h_next) {
  IntForwardPart(kernels, w, selected, ListActiveVisible(x, m, h, n, selected), {0, n}, carry,
                 hidden_sum, h_next);
}

}  // namespace bitstate

#endif  // BITSTATE_INT_FORWARD_STEP_H_
