// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_FORWARD_STEP_H_
#define BITSTATE_FORWARD_STEP_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_words.h"
#include "bitstate/unit_range.h"
#include "core/carry_step.h"
#include "kernels/kernel_table.h"

namespace bitstate {

// Scratch of one forward step, sized for m inputs and n hidden units:
// visible holds WordsForBits(m + n) words, selected m + n entries,
// hidden_sum PaddedLength<float>(n) aligned floats.
struct ForwardScratch {
  uint64_t* visible;
  uint32_t* selected;
  float* hidden_sum;
};

// [x, h] into scratch.visible and its set bits into scratch.selected;
// returns how many are set.
inline size_t ListVisible(const uint64_t* x, size_t m, const uint64_t* h, size_t n,
                          const ForwardScratch& scratch) {
  CopyBits(x, m, scratch.visible, 0);
  CopyBits(h, n, scratch.visible, m);
  return ListSetBits(scratch.visible, WordsForBits(m + n), 0, scratch.selected);
}

// Eq. 1 for the hidden units of `part` only, from the listed set bits of
// [x, h]: their sums into part_sum (PaddedLength<float>(part.size())
// aligned floats for the part's units), their bits of h_next (and their
// potentials, with a carry).
inline void ForwardPart(const kernels::KernelTable& kernels, const float* columns,
                        size_t column_stride, const float* hidden_bias, const uint32_t* selected,
                        size_t count, UnitRange part, FloatCarry carry, float* part_sum,
                        uint64_t* h_next) {
  kernels.masked_vector_sum(columns + part.begin, column_stride, selected, count, part.size(),
                            part_sum);
  if (carry.potential != nullptr) {
    CarryThresholdPack(part_sum, hidden_bias + part.begin, carry.lambda,
                       carry.potential + part.begin, part.size(), h_next + part.begin / 64);
  } else {
    kernels.threshold_pack(part_sum, hidden_bias + part.begin, part.size(),
                           h_next + part.begin / 64);
  }
}

// Eq. 1: h_next = H(W [x, h] + b) with W given by its columns, on one
// thread. Shared by the trainable Model and the C API's inference path.
inline void ForwardStep(const kernels::KernelTable& kernels, const float* columns,
                        size_t column_stride, const float* hidden_bias, size_t m, size_t n,
                        const uint64_t* x, const uint64_t* h, FloatCarry carry,
                        const ForwardScratch& scratch, uint64_t* h_next) {
  const size_t count = ListVisible(x, m, h, n, scratch);
  ForwardPart(kernels, columns, column_stride, hidden_bias, scratch.selected, count, {0, n}, carry,
              scratch.hidden_sum, h_next);
}

}  // namespace bitstate

#endif  // BITSTATE_FORWARD_STEP_H_
