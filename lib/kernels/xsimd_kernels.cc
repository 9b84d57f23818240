// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The hot float kernels written with xsimd, the second SIMD backend
// (BITSTATE_XSIMD=ON): one instruction set fixed at compile time by the
// compiler's target flags (xsimd 8.1 has no run-time dispatch of its own
// here), where Highway picks the best one at run time. Same contracts and
// same summation order as the scalar reference, so results are identical.
#include <xsimd/xsimd.hpp>

#include <cstring>

#include "bitstate/bit_vector.h"
#include "kernels/kernel_table.h"
#include "kernels/prefetch.h"
#include "kernels/sparse_update_parts.h"

namespace bitstate {
namespace kernels {
namespace {

using Floats = xsimd::batch<float>;
using Words = xsimd::batch<uint32_t>;
constexpr size_t kLanes = Floats::size;
static_assert(kLanes * sizeof(float) <= kPadBytes, "padding covers one batch");

size_t Padded(size_t length) { return (length + kLanes - 1) / kLanes * kLanes; }

void MaskedVectorSum(const float* matrix, size_t stride, const uint32_t* selected, size_t count,
                     size_t length, float* out) {
  const size_t padded = Padded(length);
  size_t i = 0;
  for (; i + 4 * kLanes <= padded; i += 4 * kLanes) {
    Floats sum0(0.0f), sum1(0.0f), sum2(0.0f), sum3(0.0f);
    for (size_t k = 0; k < count; ++k) {
      const float* v = matrix + selected[k] * stride + i;
      PrefetchNextBlock(v, 4 * kLanes);
      sum0 += Floats::load_aligned(v);
      sum1 += Floats::load_aligned(v + kLanes);
      sum2 += Floats::load_aligned(v + 2 * kLanes);
      sum3 += Floats::load_aligned(v + 3 * kLanes);
    }
    sum0.store_aligned(out + i);
    sum1.store_aligned(out + i + kLanes);
    sum2.store_aligned(out + i + 2 * kLanes);
    sum3.store_aligned(out + i + 3 * kLanes);
  }
  for (; i < padded; i += kLanes) {
    Floats sum(0.0f);
    for (size_t k = 0; k < count; ++k) sum += Floats::load_aligned(matrix + selected[k] * stride + i);
    sum.store_aligned(out + i);
  }
}

void ThresholdPack(const float* acc, const float* bias, size_t length, uint64_t* out) {
  std::memset(out, 0, WordsForBits(length) * sizeof(uint64_t));
  alignas(kPadBytes) float z[kLanes];
  for (size_t i = 0; i < length; i += kLanes) {
    (Floats::load_aligned(acc + i) + Floats::load_aligned(bias + i)).store_aligned(z);
    // xsimd 8.1 has no mask-to-bits: the lanes are packed one by one.
    const size_t lanes = length - i < kLanes ? length - i : kLanes;
    for (size_t l = 0; l < lanes; ++l) {
      if (z[l] > 0.0f) out[(i + l) / 64] |= uint64_t{1} << ((i + l) % 64);
    }
  }
}

void AddToColumns(float* columns, size_t stride, size_t length, const SelectedUnits& rows,
                  const SparseDeltas& deltas, uint32_t* lane_scratch) {
  if (deltas.count == 0) return;
  const size_t padded = Padded(length);
  MarkSelectedLanes(rows, padded, lane_scratch);
  for (size_t k = 0; k < deltas.count; ++k) {
    float* column = columns + deltas.index[k] * stride;
    const Floats delta(deltas.delta[k]);
    for (size_t i = 0; i < padded; i += kLanes) {
      const Floats mask = xsimd::bitwise_cast<Floats>(Words::load_aligned(lane_scratch + i));
      (Floats::load_aligned(column + i) + (delta & mask)).store_aligned(column + i);
    }
  }
}

void BiasDrift(float* bias, const uint64_t* bits, size_t length, float delta_on,
               float delta_off) {
  ScalarReferenceKernels().bias_drift(bias, bits, length, delta_on, delta_off);  // not hot
}

}  // namespace

const KernelTable* XsimdKernels() {
  static const KernelTable kTable = {"xsimd", MaskedVectorSum, ThresholdPack, AddToColumns,
                                     BiasDrift};
  return &kTable;
}

}  // namespace kernels
}  // namespace bitstate
