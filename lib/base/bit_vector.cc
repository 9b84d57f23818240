// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_vector.h"

#include <cstring>

#include "bitstate/error.h"

namespace bitstate {

BitVector::BitVector(size_t size, std::initializer_list<size_t> set_positions)
    : BitVector(size) {
  for (size_t i : set_positions) Set(i, true);
}

void BitVector::Set(size_t i, bool value) {
  if (i >= size_) {
    throw Error("BitVector::Set: position " + std::to_string(i) +
                " is outside a vector of " + std::to_string(size_) + " bits");
  }
  const uint64_t bit = uint64_t{1} << (i % 64);
  if (value) {
    words_[i / 64] |= bit;
  } else {
    words_[i / 64] &= ~bit;
  }
}

void BitVector::ClearAll() {
  if (num_words() != 0) std::memset(words(), 0, num_words() * sizeof(uint64_t));
}

bool BitVector::operator==(const BitVector& other) const {
  return size_ == other.size_ &&
         (num_words() == 0 ||
          std::memcmp(words(), other.words(), num_words() * sizeof(uint64_t)) == 0);
}

}  // namespace bitstate
