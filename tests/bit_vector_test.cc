// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/bit_vector.h"

#include <doctest/doctest.h>

#include <vector>

#include "bitstate/error.h"
#include "test_util.h"

namespace bitstate {
namespace {

std::vector<bool> Unpack(const BitVector& v) {
  std::vector<bool> out(v.size());
  for (size_t i = 0; i < v.size(); ++i) out[i] = v.Get(i);
  return out;
}

TEST_CASE("BitVector packs bit i into word i/64 and keeps tail bits zero") {
  BitVector v(130, {0, 63, 64, 129});
  REQUIRE(v.num_words() == 3);
  CHECK(v.words()[0] == ((uint64_t{1} << 63) | 1));
  CHECK(v.words()[1] == 1);
  CHECK(v.words()[2] == 2);
  CHECK(v.CountSet() == 4);
  v.Set(63, false);
  CHECK(v.CountSet() == 3);
  CHECK_THROWS_AS(v.Set(130, true), Error);
}

TEST_CASE("ListSetBits lists set positions in increasing order plus offset") {
  Rng rng(7);
  for (size_t size : test::AwkwardSizes()) {
    const BitVector v = test::RandomBits(size, 0.3, rng);
    std::vector<uint32_t> listed(size);
    const size_t count = ListSetBits(v.words(), v.num_words(), 5, listed.data());
    std::vector<uint32_t> expected;
    for (size_t i = 0; i < size; ++i) {
      if (v.Get(i)) expected.push_back(static_cast<uint32_t>(i + 5));
    }
    REQUIRE(count == expected.size());
    listed.resize(count);
    CHECK(listed == expected);
    CHECK(v.CountSet() == expected.size());
  }
}

TEST_CASE("ExtractBits reads across word boundaries and past the end as zero") {
  const BitVector v(100, {62, 63, 64, 99});
  CHECK(ExtractBits(v.words(), v.num_words(), 62, 3) == 0b111);
  CHECK(ExtractBits(v.words(), v.num_words(), 63, 2) == 0b11);
  CHECK(ExtractBits(v.words(), v.num_words(), 96, 64) == 0b1000);
  CHECK(ExtractBits(v.words(), v.num_words(), 128, 64) == 0);
  CHECK(ExtractBits(v.words(), v.num_words(), 0, 0) == 0);
}

TEST_CASE("CopyBits writes a field at any offset and keeps the other bits") {
  Rng rng(11);
  for (size_t count : test::AwkwardSizes()) {
    for (size_t offset : {0, 1, 63, 64, 96, 130}) {
      const BitVector src = test::RandomBits(count, 0.5, rng);
      BitVector dst = test::RandomBits(offset + count + 70, 0.5, rng);
      std::vector<bool> expected = Unpack(dst);
      for (size_t i = 0; i < count; ++i) expected[offset + i] = src.Get(i);
      CopyBits(src.words(), count, dst.words(), offset);
      CHECK(Unpack(dst) == expected);
    }
  }
}

TEST_CASE("ClearTailBits clears exactly the bits past size") {
  uint64_t words[2] = {~uint64_t{0}, ~uint64_t{0}};
  ClearTailBits(words, 70);
  CHECK(words[0] == ~uint64_t{0});
  CHECK(words[1] == 0x3F);
  ClearTailBits(words, 128);  // a whole number of words: nothing to clear
  CHECK(words[1] == 0x3F);
}

}  // namespace
}  // namespace bitstate
