// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Bit vectors packed into 64-bit words (bit_words.h). Invariant: bits at
// positions >= size() are always zero, so whole-word operations (popcount,
// xor, compare) need no tail masks.
#ifndef BITSTATE_BIT_VECTOR_H_
#define BITSTATE_BIT_VECTOR_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_words.h"

namespace bitstate {

class BitVector {
 public:
  BitVector() = default;
  explicit BitVector(size_t size) : size_(size), words_(WordsForBits(size)) {}
  // A vector of `size` bits with the listed positions set.
  BitVector(size_t size, std::initializer_list<size_t> set_positions);

  size_t size() const { return size_; }
  size_t num_words() const { return words_.size(); }
  uint64_t* words() { return words_.data(); }
  const uint64_t* words() const { return words_.data(); }

  bool Get(size_t i) const { return (words_[i / 64] >> (i % 64)) & 1; }
  void Set(size_t i, bool value);
  void ClearAll();
  size_t CountSet() const { return CountSetBits(words_.data(), words_.size()); }

  bool operator==(const BitVector& other) const;
  bool operator!=(const BitVector& other) const { return !(*this == other); }

 private:
  size_t size_ = 0;
  AlignedBuffer<uint64_t> words_;
};

}  // namespace bitstate

#endif  // BITSTATE_BIT_VECTOR_H_
