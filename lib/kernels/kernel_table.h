// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The kernels of one training step (eq. 1-5), as a table of function pointers:
// one table per compiled SIMD target (step_kernels-inl.h) and one plain scalar
// reference (scalar_reference.cc). The model resolves its table once, at
// construction, so dispatch costs nothing per step.
//
// Buffer contract (all kernels): every float array holds
// PaddedLength<float>(length) elements and is kPadBytes-aligned; matrix
// strides are multiples of PaddedLength<float>(1)'s lane count; lanes past
// `length` hold +0.0f on input and are +0.0f on output. Bit arrays hold
// WordsForBits(length) words with tail bits zero.
#ifndef BITSTATE_KERNELS_KERNEL_TABLE_H_
#define BITSTATE_KERNELS_KERNEL_TABLE_H_

#include <cstddef>
#include <cstdint>

namespace bitstate {
namespace kernels {

// A set of hidden units as the increasing list of their indices.
struct SelectedUnits {
  const uint32_t* list;
  size_t count;
};

// Nonzero entries of r * e: visible index and the value added (+-r_j).
struct SparseDeltas {
  const uint32_t* index;
  const float* delta;
  size_t count;
};

struct KernelTable {
  const char* target_name;

  // out[i] = sum over k = 0..count-1 of matrix[selected[k] * stride + i] for
  // i < length, summed from +0.0f in the listed order (fixed order: results
  // are bit-identical on every target). Eq. 1 over `columns` (selected =
  // set bits of [x, h]) and eq. 2 over `rows` (selected = set bits of h').
  void (*masked_vector_sum)(const float* matrix, size_t stride,
                            const uint32_t* selected, size_t count,
                            size_t length, float* out);

  // Bit i of out = H(acc[i] + bias[i]) with H(z) = 1 iff z > 0 (H(0) = 0).
  void (*threshold_pack)(const float* acc, const float* bias, size_t length,
                         uint64_t* out);

  // Eq. 3 on the column layout (W stored as m+n columns of `length` units):
  // columns[j * stride + i] += delta_j for every listed column j and every
  // selected unit i < length. Each weight gets one addition, so the order of
  // updates cannot change any result. The row layout's twin is a plain
  // scatter, AddDeltasToRows (sparse_update_parts.h). lane_scratch:
  // PaddedLength<float>(length) aligned words the kernel may overwrite.
  void (*add_to_columns)(float* columns, size_t stride, size_t length, const SelectedUnits& rows,
                         const SparseDeltas& deltas, uint32_t* lane_scratch);

  // Eq. 5: bias[i] += bit i ? delta_on : delta_off, for i < length.
  void (*bias_drift)(float* bias, const uint64_t* bits, size_t length,
                     float delta_on, float delta_off);
};

// The table of the best target this CPU supports (Highway dynamic dispatch;
// tests may narrow the choice with hwy::SetSupportedTargetsForTest).
const KernelTable& DispatchedKernels();

// Plain loops, the definition the SIMD tables are tested against.
const KernelTable& ScalarReferenceKernels();

// The xsimd backend (one instruction set, fixed at compile time), or nullptr
// when built without it (BITSTATE_XSIMD=OFF).
const KernelTable* XsimdKernels();

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_KERNEL_TABLE_H_
