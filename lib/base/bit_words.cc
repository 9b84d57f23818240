// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_words.h"

namespace bitstate {

size_t ListSetBits(const uint64_t* words, size_t num_words, uint32_t offset, uint32_t* out) {
  size_t count = 0;
  ForEachSetBit(words, num_words,
                [&](size_t i) { out[count++] = offset + static_cast<uint32_t>(i); });
  return count;
}

size_t CountSetBits(const uint64_t* words, size_t num_words) {
  size_t count = 0;
  for (size_t w = 0; w < num_words; ++w) {
    count += static_cast<size_t>(__builtin_popcountll(words[w]));
  }
  return count;
}

void CopyBits(const uint64_t* src, size_t count, uint64_t* dst, size_t dst_offset) {
  for (size_t done = 0; done < count;) {
    const size_t pos = dst_offset + done;
    const size_t shift = pos % 64;
    // Fill the destination word from `pos` up to its end, at most 64 bits.
    size_t chunk = 64 - shift;
    if (chunk > count - done) chunk = count - done;
    const uint64_t bits = ExtractBits(src, WordsForBits(count), done, chunk);
    const uint64_t field = chunk == 64 ? ~uint64_t{0} : ((uint64_t{1} << chunk) - 1);
    uint64_t& word = dst[pos / 64];
    word = (word & ~(field << shift)) | (bits << shift);
    done += chunk;
  }
}

void ClearTailBits(uint64_t* words, size_t size) {
  if (size % 64 != 0) words[size / 64] &= (uint64_t{1} << (size % 64)) - 1;
}

}  // namespace bitstate
