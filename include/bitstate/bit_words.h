// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Bits packed into 64-bit words: bit i lives in word i / 64 at position
// i % 64. Helpers on raw words, shared by every kernel backend and the
// firmware runtime (no allocation).
#ifndef BITSTATE_BIT_WORDS_H_
#define BITSTATE_BIT_WORDS_H_

#include <cstddef>
#include <cstdint>

namespace bitstate {

constexpr size_t WordsForBits(size_t bits) { return (bits + 63) / 64; }

// Calls visit(i) for each set bit i, in increasing order. Where size_t has
// 32 bits (Cortex-M, armv7) the words are visited in 32-bit halves:
// counting a 64-bit word's trailing zeros takes a library call there.
template <typename Visit>
inline void ForEachSetBit(const uint64_t* words, size_t num_words, Visit visit) {
  for (size_t w = 0; w < num_words; ++w) {
#if SIZE_MAX == 0xFFFFFFFFu
    for (size_t half = 0; half < 2; ++half) {
      const size_t base = 64 * w + 32 * half;
      for (uint32_t bits = static_cast<uint32_t>(words[w] >> (32 * half)); bits != 0;
           bits &= bits - 1) {
        visit(base + static_cast<size_t>(__builtin_ctz(bits)));
      }
    }
#else
    for (uint64_t bits = words[w]; bits != 0; bits &= bits - 1) {
      visit(64 * w + static_cast<size_t>(__builtin_ctzll(bits)));
    }
#endif
  }
}

// Writes offset + (index of each set bit), in increasing order; returns how
// many were written. `out` must have room for every set bit.
size_t ListSetBits(const uint64_t* words, size_t num_words, uint32_t offset, uint32_t* out);

size_t CountSetBits(const uint64_t* words, size_t num_words);

// Bits [start, start + count) as an integer, count <= 64; bits past the last
// word read as zero. Inline: kernels call it once per vector of lanes.
inline uint64_t ExtractBits(const uint64_t* words, size_t num_words, size_t start, size_t count) {
  if (count == 0) return 0;
  const size_t w = start / 64;
  const size_t shift = start % 64;
  uint64_t low = w < num_words ? words[w] >> shift : 0;
  if (shift != 0 && w + 1 < num_words) low |= words[w + 1] << (64 - shift);
  return count == 64 ? low : low & ((uint64_t{1} << count) - 1);
}

// dst bits [dst_offset, dst_offset + count) = src bits [0, count); other dst
// bits are kept.
void CopyBits(const uint64_t* src, size_t count, uint64_t* dst, size_t dst_offset);

// Clears the bits at positions >= size in the last word (restores the
// invariant after a whole-word write).
void ClearTailBits(uint64_t* words, size_t size);

}  // namespace bitstate

#endif  // BITSTATE_BIT_WORDS_H_
