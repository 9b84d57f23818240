// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The kernels of a step with integer weights (int8 or int16 storage, int32
// sums): one table per compiled SIMD target (int_kernels-inl.h, compiled by step_kernels.cc) and a plain
// scalar reference (int_scalar_reference.cc). Integer sums are exact, so
// every target equals the reference bit for bit in any summation order.
//
// Buffer contract: int32 arrays hold PaddedLength<int32_t>(length) elements,
// kPadBytes-aligned, lanes past `length` zero on input and on output. A
// matrix of T has a stride that is a multiple of PaddedLength<T>(1) and zero
// padding. Bit arrays hold WordsForBits(length) words, tail bits zero.
#ifndef BITSTATE_KERNELS_INT_KERNEL_TABLE_H_
#define BITSTATE_KERNELS_INT_KERNEL_TABLE_H_

#include <cstddef>
#include <cstdint>

namespace bitstate {
namespace kernels {

enum class NoiseLine { kAlongRow, kAlongColumn };

struct IntKernelTable {
  const char* target_name;

  // out[i] += sum over k < count of matrix[selected[k] * stride + i], i < length.
  // The caller guarantees no int32 overflow (QuantizedModel proves the bound).
  void (*masked_sum_add_i8)(const int8_t* matrix, size_t stride, const uint32_t* selected,
                            size_t count, size_t length, int32_t* out);
  void (*masked_sum_add_i16)(const int16_t* matrix, size_t stride, const uint32_t* selected,
                             size_t count, size_t length, int32_t* out);

  // Packed levels (packed_shape.h), columns `stride` bytes apart, each
  // pointer at a unit that is a multiple of 256; length <= its units.
  // Nibbles: out[i] += sum over k < count of level(selected[k], i).
  void (*masked_sum_add_i4)(const uint8_t* matrix, size_t stride, const uint32_t* selected,
                            size_t count, size_t length, int32_t* out);
  // One bit plane: out[i] += weight * (number of k < count whose column
  // selected[k] has bit i set) + offset, i < length. Only lanes < length
  // are touched (another thread may own the next ones).
  void (*count_bits_add)(const uint8_t* planes, size_t stride, const uint32_t* selected,
                         size_t count, size_t length, int32_t weight, int32_t offset,
                         int32_t* out);

  // acc[i] *= factor[i], i < length (the input block's grid multiple).
  void (*multiply_i32)(int32_t* acc, const int32_t* factor, size_t length);

  // Bit i of out = (acc[i] + bias[i] > 0), i < length.
  void (*threshold_pack_i32)(const int32_t* acc, const int32_t* bias, size_t length,
                             uint64_t* out);

  // The rounding noise (stochastic_rounding.h) of weights along one row or
  // one column: noise[k] = RoundingNoise(key, step, row, column) for k <
  // count, where row = fixed and column = list[k] (kAlongRow), or row =
  // list[k] and column = fixed (kAlongColumn).
  void (*rounding_noise)(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed,
                         const uint32_t* list, size_t count, uint32_t* noise);

  // The rounding of the weights of rounding_noise's positions, fused with
  // their noise so the update's scalar loop only adds and clamps:
  // steps[k] = RoundedSteps({whole[k s], fraction[k s]}, noise[k], spacing)
  // (stochastic_rounding.h), s = change_stride: 1, one change per weight
  // (along a row), or 0, one change for all of them (along a column).
  void (*rounding_steps)(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed,
                         const uint32_t* list, size_t count, const int32_t* whole,
                         const int32_t* fraction, size_t change_stride, int32_t spacing,
                         int32_t* steps);
};

// masked_sum_add of the table for int8 or int16 levels, picked by type.
inline void MaskedSumAdd(const IntKernelTable& k, const int8_t* matrix, size_t stride,
                         const uint32_t* selected, size_t count, size_t length, int32_t* out) {
  k.masked_sum_add_i8(matrix, stride, selected, count, length, out);
}
inline void MaskedSumAdd(const IntKernelTable& k, const int16_t* matrix, size_t stride,
                         const uint32_t* selected, size_t count, size_t length, int32_t* out) {
  k.masked_sum_add_i16(matrix, stride, selected, count, length, out);
}

const IntKernelTable& DispatchedIntKernels();
const IntKernelTable& ScalarReferenceIntKernels();

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_INT_KERNEL_TABLE_H_
