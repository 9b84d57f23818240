// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The int8 masked column sum on Cortex-M cores, where Highway has no target
// (firmware builds run its SCALAR one): with the DSP extension (M4, M7: two
// int16 lanes per 32-bit register, SXTAB16 sign-extends and adds two bytes
// in one instruction) and with Helium (M55: MVE, eight int16 lanes). Same
// contract as IntKernelTable::masked_sum_add_i8; integer sums are exact, so
// each equals the scalar reference bit for bit (tests/firmware).
#ifndef BITSTATE_KERNELS_CORTEX_M_KERNELS_H_
#define BITSTATE_KERNELS_CORTEX_M_KERNELS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M' && defined(__ARM_FEATURE_MVE)
#define BITSTATE_CORTEX_M_INT8 1
#define BITSTATE_CORTEX_M_INT8_NAME "SCALAR+MVE"
#include <arm_mve.h>
#elif defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M' && defined(__ARM_FEATURE_DSP)
#define BITSTATE_CORTEX_M_INT8 1
#define BITSTATE_CORTEX_M_INT8_NAME "SCALAR+DSP"
#include <arm_acle.h>
#endif

#if BITSTATE_CORTEX_M_INT8
namespace bitstate {
namespace kernels {

// Sums of up to this many int8 columns fit int16 (|level| <= 127 for k <= 8).
inline constexpr size_t kCortexMInt16Chunk = 256;

// The end of the chunk of columns that starts at `begin`.
inline size_t ChunkEnd(size_t begin, size_t count) {
  return begin + kCortexMInt16Chunk < count ? begin + kCortexMInt16Chunk : count;
}

// Units [i, length) one at a time: the tail a vector pass leaves.
inline void AddTailUnits(const int8_t* matrix, size_t stride, const uint32_t* selected,
                         size_t count, size_t i, size_t length, int32_t* out) {
  for (; i < length; ++i) {
    for (size_t k = 0; k < count; ++k) out[i] += matrix[selected[k] * stride + i];
  }
}

#if defined(__ARM_FEATURE_MVE)
// 16 units per pass over the columns: two vectors of 8 int16 sums, each
// load widening 8 bytes; the sums are widened to int32 once per chunk.
inline void MaskedSumAddI8CortexM(const int8_t* matrix, size_t stride, const uint32_t* selected,
                                  size_t count, size_t length, int32_t* out) {
  size_t i = 0;
  for (; i + 16 <= length; i += 16) {
    for (size_t begin = 0; begin < count; begin += kCortexMInt16Chunk) {
      const size_t end = ChunkEnd(begin, count);
      int16x8_t low = vdupq_n_s16(0), high = vdupq_n_s16(0);
      for (size_t k = begin; k < end; ++k) {
        const int8_t* column = matrix + selected[k] * stride + i;
        low = vaddq_s16(low, vldrbq_s16(column));
        high = vaddq_s16(high, vldrbq_s16(column + 8));
      }
      int16_t sums[16];
      vst1q_s16(sums, low);
      vst1q_s16(sums + 8, high);
      for (size_t q = 0; q < 16; q += 4) {
        vst1q_s32(out + i + q, vaddq_s32(vld1q_s32(out + i + q), vldrhq_s32(sums + q)));
      }
    }
  }
  AddTailUnits(matrix, stride, selected, count, i, length, out);
}
#else
// Bytes 1 and 3 of `word` sign-extended and added to the two int16 halves
// of `sum` (SXTAB16 with its rotation; GCC does not fold a ROR into it).
inline uint32_t AddOddBytes(uint32_t sum, uint32_t word) {
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(sum) : "r"(sum), "r"(word));
  return sum;
}

inline int32_t Half(uint32_t pair, int high) {
  return static_cast<int16_t>(static_cast<uint16_t>(high ? pair >> 16 : pair));
}

// Adds the eight int16 sums of `even` (units 0 2, 4 6, ...) and `odd`
// (units 1 3, 5 7, ...) of one word pair each to out[0..7].
inline void WidenEight(const uint32_t* even, const uint32_t* odd, int32_t* out) {
  for (size_t w = 0; w < 2; ++w) {
    out[4 * w + 0] += Half(even[w], 0);
    out[4 * w + 1] += Half(odd[w], 0);
    out[4 * w + 2] += Half(even[w], 1);
    out[4 * w + 3] += Half(odd[w], 1);
  }
}

// 16 units per pass over the columns: four words of 4 bytes, eight
// registers of two int16 sums, so a column's address is computed once per
// 16 units (about 1.4 instructions per level on M4, address and loop
// included).
inline void MaskedSumAddI8CortexM(const int8_t* matrix, size_t stride, const uint32_t* selected,
                                  size_t count, size_t length, int32_t* out) {
  size_t i = 0;
  for (; i + 16 <= length; i += 16) {
    for (size_t begin = 0; begin < count; begin += kCortexMInt16Chunk) {
      const size_t end = ChunkEnd(begin, count);
      uint32_t even[4] = {0, 0, 0, 0}, odd[4] = {0, 0, 0, 0};
      for (size_t k = begin; k < end; ++k) {
        const int8_t* column = matrix + selected[k] * stride + i;
        for (size_t w = 0; w < 4; ++w) {
          uint32_t word;  // aligned: columns start on 256 bytes, i % 16 == 0
          std::memcpy(&word, column + 4 * w, 4);
          even[w] = static_cast<uint32_t>(__sxtab16(static_cast<int32_t>(even[w]), word));
          odd[w] = AddOddBytes(odd[w], word);
        }
      }
      WidenEight(even, odd, out + i);
      WidenEight(even + 2, odd + 2, out + i + 8);
    }
  }
  AddTailUnits(matrix, stride, selected, count, i, length, out);
}
#endif

}  // namespace kernels
}  // namespace bitstate
#endif  // BITSTATE_CORTEX_M_INT8

#endif  // BITSTATE_KERNELS_CORTEX_M_KERNELS_H_
