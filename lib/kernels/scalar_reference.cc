// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The scalar reference of every step kernel: the plainest loops that meet the
// contracts in kernel_table.h. Tests compare each SIMD target against these;
// nothing in the fast path calls them.
#include "kernels/kernel_table.h"

namespace bitstate {
namespace kernels {
namespace {

void MaskedVectorSum(const float* matrix, size_t stride,
                     const uint32_t* selected, size_t count, size_t length,
                     float* out) {
  for (size_t i = 0; i < length; ++i) out[i] = 0.0f;
  for (size_t k = 0; k < count; ++k) {
    const float* vector = matrix + selected[k] * stride;
    for (size_t i = 0; i < length; ++i) out[i] += vector[i];
  }
}

void ThresholdPack(const float* acc, const float* bias, size_t length,
                   uint64_t* out) {
  for (size_t w = 0; w < (length + 63) / 64; ++w) out[w] = 0;
  for (size_t i = 0; i < length; ++i) {
    if (acc[i] + bias[i] > 0.0f) out[i / 64] |= uint64_t{1} << (i % 64);
  }
}

void AddToColumns(float* columns, size_t stride, size_t /*length*/, const SelectedUnits& rows,
                  const SparseDeltas& deltas, uint32_t* /*lane_scratch*/) {
  for (size_t r = 0; r < rows.count; ++r) {
    const size_t i = rows.list[r];
    for (size_t k = 0; k < deltas.count; ++k) {
      columns[deltas.index[k] * stride + i] += deltas.delta[k];
    }
  }
}

void BiasDrift(float* bias, const uint64_t* bits, size_t length,
               float delta_on, float delta_off) {
  for (size_t i = 0; i < length; ++i) {
    const bool on = (bits[i / 64] >> (i % 64)) & 1;
    bias[i] += on ? delta_on : delta_off;
  }
}

constexpr KernelTable kScalarReference = {
    "scalar reference", MaskedVectorSum, ThresholdPack, AddToColumns,
    BiasDrift};

}  // namespace

const KernelTable& ScalarReferenceKernels() { return kScalarReference; }

}  // namespace kernels
}  // namespace bitstate
