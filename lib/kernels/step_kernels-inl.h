// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// SIMD step kernels, compiled once per Highway target by step_kernels.cc:
// the float kernels here, the integer ones in int_kernels-inl.h, both on
// mask_bits-inl.h. Contracts are in kernel_table.h and int_kernel_table.h;
// scalar twins in scalar_reference.cc and int_scalar_reference.cc.
// Lanes run across neurons (or visible units), never across the summed
// vectors, so each output is summed in the same order as the reference.

// Per-target include guard (Highway's idiom): this file is included once per
// target by foreach_target.h.
#if defined(BITSTATE_KERNELS_STEP_KERNELS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef BITSTATE_KERNELS_STEP_KERNELS_INL_H_
#undef BITSTATE_KERNELS_STEP_KERNELS_INL_H_
#else
#define BITSTATE_KERNELS_STEP_KERNELS_INL_H_
#endif

#include <algorithm>
#include <cstring>

#include "bitstate/bit_words.h"
#include "bitstate/packed_shape.h"
#include "bitstate/padding.h"
#include "hwy/highway.h"
#include "kernels/cortex_m_kernels.h"
#include "kernels/int_kernel_table.h"
#include "kernels/kernel_table.h"
#include "kernels/nibble_words.h"
#include "kernels/prefetch.h"
#include "kernels/sparse_update_parts.h"
#include "kernels/stochastic_rounding.h"

HWY_BEFORE_NAMESPACE();
namespace bitstate {
namespace kernels {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#include "kernels/mask_bits-inl.h"  // IWYU pragma: keep (this target's part)

void MaskedVectorSum(const float* HWY_RESTRICT matrix, size_t stride,
                     const uint32_t* HWY_RESTRICT selected, size_t count,
                     size_t length, float* HWY_RESTRICT out) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const size_t padded = hwy::RoundUpTo(length, N);
  size_t i = 0;
  // Four accumulators per pass over the selected vectors: one load and one
  // add per vector, the sums stay in registers.
  for (; i + 4 * N <= padded; i += 4 * N) {
    auto sum0 = hn::Zero(d), sum1 = hn::Zero(d);
    auto sum2 = hn::Zero(d), sum3 = hn::Zero(d);
    for (size_t k = 0; k < count; ++k) {
      const float* HWY_RESTRICT v = matrix + selected[k] * stride + i;
      PrefetchNextBlock(v, 4 * N);
      sum0 = hn::Add(sum0, hn::Load(d, v));
      sum1 = hn::Add(sum1, hn::Load(d, v + N));
      sum2 = hn::Add(sum2, hn::Load(d, v + 2 * N));
      sum3 = hn::Add(sum3, hn::Load(d, v + 3 * N));
    }
    hn::Store(sum0, d, out + i);
    hn::Store(sum1, d, out + i + N);
    hn::Store(sum2, d, out + i + 2 * N);
    hn::Store(sum3, d, out + i + 3 * N);
  }
  for (; i < padded; i += N) {
    auto sum = hn::Zero(d);
    for (size_t k = 0; k < count; ++k) {
      sum = hn::Add(sum, hn::Load(d, matrix + selected[k] * stride + i));
    }
    hn::Store(sum, d, out + i);
  }
}

void ThresholdPack(const float* HWY_RESTRICT acc,
                   const float* HWY_RESTRICT bias, size_t length,
                   uint64_t* HWY_RESTRICT out) {
  const hn::ScalableTag<float> d;
  PackPositive(
      d, length, [&](size_t i) { return hn::Add(hn::Load(d, acc + i), hn::Load(d, bias + i)); },
      out);
}

void AddToColumns(float* HWY_RESTRICT columns, size_t stride, size_t length,
                  const SelectedUnits& rows, const SparseDeltas& deltas,
                  uint32_t* HWY_RESTRICT lane_scratch) {
  if (deltas.count == 0) return;
  // Each listed column streamed once, w += delta & mask.
  const hn::ScalableTag<float> d;
  const hn::RebindToUnsigned<decltype(d)> du;
  const size_t N = hn::Lanes(d);
  const size_t padded = hwy::RoundUpTo(length, N);
  MarkSelectedLanes(rows, padded, lane_scratch);
  for (size_t k = 0; k < deltas.count; ++k) {
    float* HWY_RESTRICT column = columns + deltas.index[k] * stride;
    const auto delta = hn::Set(d, deltas.delta[k]);
    for (size_t i = 0; i < padded; i += N) {
      const auto mask = hn::BitCast(d, hn::Load(du, lane_scratch + i));
      hn::Store(hn::Add(hn::Load(d, column + i), hn::And(delta, mask)), d, column + i);
    }
  }
}

void BiasDrift(float* HWY_RESTRICT bias, const uint64_t* HWY_RESTRICT bits,
               size_t length, float delta_on, float delta_off) {
  const hn::ScalableTag<float> d;
  const size_t N = hn::Lanes(d);
  const size_t num_words = WordsForBits(length);
  const auto on = hn::Set(d, delta_on), off = hn::Set(d, delta_off);
  for (size_t i = 0; i < length; i += N) {
    auto delta = hn::IfThenElse(MaskFromBits(d, bits, num_words, i), on, off);
    // Padding lanes past `length` must stay +0.0f.
    delta = hn::IfThenElseZero(hn::FirstN(d, length - i), delta);
    hn::Store(hn::Add(hn::Load(d, bias + i), delta), d, bias + i);
  }
}

const KernelTable* GetKernelTable() {
  static const KernelTable kTable = {
      hwy::TargetName(HWY_TARGET), MaskedVectorSum, ThresholdPack,
      AddToColumns, BiasDrift};
  return &kTable;
}

#include "kernels/packed_kernels-inl.h"  // IWYU pragma: keep (this target's part)
#include "kernels/int_kernels-inl.h"     // IWYU pragma: keep (this target's part)

// NOLINTNEXTLINE(google-readability-namespace-comments)
}  // namespace HWY_NAMESPACE
}  // namespace kernels
}  // namespace bitstate
HWY_AFTER_NAMESPACE();

#endif  // per-target include guard
