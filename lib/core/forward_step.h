// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_FORWARD_STEP_H_
#define BITSTATE_FORWARD_STEP_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_vector.h"
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

// Eq. 1: h_next = H(W [x, h] + b) with W given by its columns. Shared by the
// trainable Model and the C API's inference path.
inline void ForwardStep(const kernels::KernelTable& kernels, const float* columns,
                        size_t column_stride, const float* hidden_bias, size_t m, size_t n,
                        const uint64_t* x, const uint64_t* h, const ForwardScratch& scratch,
                        uint64_t* h_next) {
  CopyBits(x, m, scratch.visible, 0);
  CopyBits(h, n, scratch.visible, m);
  const size_t selected = ListSetBits(scratch.visible, WordsForBits(m + n), 0, scratch.selected);
  kernels.masked_vector_sum(columns, column_stride, scratch.selected, selected, n,
                            scratch.hidden_sum);
  kernels.threshold_pack(scratch.hidden_sum, hidden_bias, n, h_next);
}

}  // namespace bitstate

#endif  // BITSTATE_FORWARD_STEP_H_
