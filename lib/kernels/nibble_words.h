// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The nibble masked sum (IntKernelTable::masked_sum_add_i4) in plain 32-bit
// words, for CPUs without vector lanes (Highway's scalar target: Cortex-M
// firmware). A word holds four bytes of a column; their low and their high
// nibbles XOR 8 are offset-binary levels 0..15, which add in byte lanes
// without carries for 17 columns (17 * 15 = 255); the bytes are then widened
// into out, less 8 per column. About one instruction per level instead of a
// dozen for one level at a time. Integer sums: equal to the reference.
#ifndef BITSTATE_KERNELS_NIBBLE_WORDS_H_
#define BITSTATE_KERNELS_NIBBLE_WORDS_H_

#include <cstddef>
#include <cstdint>

#include "base/little_endian.h"

namespace bitstate {
namespace kernels {

// out[unit + r] += byte r of `sums` - offset, for the units below length.
inline void AddByteSums(uint32_t sums, int32_t offset, size_t unit, size_t length, int32_t* out) {
  for (size_t r = 0; r < 4 && unit + r < length; ++r) {
    out[unit + r] += static_cast<int32_t>((sums >> (8 * r)) & 0xFFu) - offset;
  }
}

inline void MaskedSumAddI4Words(const uint8_t* matrix, size_t stride, const uint32_t* selected,
                                size_t count, size_t length, int32_t* out) {
  constexpr size_t kByteColumns = 17;
  constexpr uint32_t kLow = 0x0F0F0F0Fu, kOffset = 0x08080808u;
  // Bytes 16g + 8h .. + 7: units 32g + 8h .. + 7 (low) and 16 above (high).
  for (size_t byte = 0; 2 * byte - byte % 16 < length; byte += 8) {
    const size_t low_unit = 2 * byte - byte % 16, high_unit = low_unit + 16;
    for (size_t begin = 0; begin < count; begin += kByteColumns) {
      const size_t end = begin + kByteColumns < count ? begin + kByteColumns : count;
      uint32_t low0 = 0, low1 = 0, high0 = 0, high1 = 0;
      for (size_t k = begin; k < end; ++k) {
        const uint8_t* column = matrix + selected[k] * stride + byte;
        const uint32_t word0 = LoadLittleEndian<uint32_t>(column);
        const uint32_t word1 = LoadLittleEndian<uint32_t>(column + 4);
        low0 += (word0 & kLow) ^ kOffset;
        high0 += ((word0 >> 4) & kLow) ^ kOffset;
        low1 += (word1 & kLow) ^ kOffset;
        high1 += ((word1 >> 4) & kLow) ^ kOffset;
      }
      const int32_t offset = static_cast<int32_t>(8 * (end - begin));
      AddByteSums(low0, offset, low_unit, length, out);
      AddByteSums(low1, offset, low_unit + 4, length, out);
      AddByteSums(high0, offset, high_unit, length, out);
      AddByteSums(high1, offset, high_unit + 4, length, out);
    }
  }
}

}  // namespace kernels
}  // namespace bitstate

#endif  // BITSTATE_KERNELS_NIBBLE_WORDS_H_
