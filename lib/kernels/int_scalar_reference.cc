// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Scalar reference of the integer step kernels (contracts in
// int_kernel_table.h). Tests compare every SIMD target against these.
#include "bitstate/packed_shape.h"
#include "kernels/int_kernel_table.h"
#include "kernels/stochastic_rounding.h"

namespace bitstate {
namespace kernels {
namespace {

template <typename T>
void MaskedSumAdd(const T* matrix, size_t stride, const uint32_t* selected, size_t count,
                  size_t length, int32_t* out) {
  for (size_t k = 0; k < count; ++k) {
    const T* vector = matrix + selected[k] * stride;
    for (size_t i = 0; i < length; ++i) out[i] += vector[i];
  }
}

// Straight from the layout's definition (packed_shape.h), one level at a time.
void MaskedSumAddI4(const uint8_t* matrix, size_t stride, const uint32_t* selected,
                    size_t count, size_t length, int32_t* out) {
  const PackedShape shape{LevelStorage::kNibbles, 1, stride, stride};
  for (size_t k = 0; k < count; ++k) {
    const uint8_t* column = matrix + selected[k] * stride;
    for (size_t i = 0; i < length; ++i) out[i] += GetPackedLevel(column, shape, i);
  }
}

void CountBitsAdd(const uint8_t* planes, size_t stride, const uint32_t* selected, size_t count,
                  size_t length, int32_t weight, int32_t offset, int32_t* out) {
  for (size_t i = 0; i < length; ++i) {
    int32_t set = 0;
    for (size_t k = 0; k < count; ++k) set += (planes[selected[k] * stride + i / 8] >> (i % 8)) & 1;
    out[i] += weight * set + offset;
  }
}

void Multiply(int32_t* acc, const int32_t* factor, size_t length) {
  for (size_t i = 0; i < length; ++i) acc[i] *= factor[i];
}

void ThresholdPack(const int32_t* acc, const int32_t* bias, size_t length, uint64_t* out) {
  for (size_t w = 0; w < (length + 63) / 64; ++w) out[w] = 0;
  for (size_t i = 0; i < length; ++i) {
    if (acc[i] + bias[i] > 0) out[i / 64] |= uint64_t{1} << (i % 64);
  }
}

void Noise(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed, const uint32_t* list,
           size_t count, uint32_t* noise) {
  for (size_t k = 0; k < count; ++k) {
    noise[k] = line == NoiseLine::kAlongRow ? RoundingNoise(key, step, fixed, list[k])
                                            : RoundingNoise(key, step, list[k], fixed);
  }
}

void Steps(uint64_t key, uint64_t step, NoiseLine line, uint32_t fixed, const uint32_t* list,
           size_t count, const int32_t* whole, const int32_t* fraction, size_t change_stride,
           int32_t spacing, int32_t* steps) {
  for (size_t k = 0; k < count; ++k) {
    const uint32_t noise = line == NoiseLine::kAlongRow ? RoundingNoise(key, step, fixed, list[k])
                                                        : RoundingNoise(key, step, list[k], fixed);
    const size_t c = k * change_stride;
    steps[k] = RoundedSteps({whole[c], fraction[c]}, noise, spacing);
  }
}

constexpr IntKernelTable kScalarReference = {"scalar reference",
                                             MaskedSumAdd<int8_t>,
                                             MaskedSumAdd<int16_t>,
                                             MaskedSumAddI4,
                                             CountBitsAdd,
                                             Multiply,
                                             ThresholdPack,
                                             Noise,
                                             Steps};

}  // namespace

const IntKernelTable& ScalarReferenceIntKernels() { return kScalarReference; }

}  // namespace kernels
}  // namespace bitstate
