// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Helpers shared by the test files.
#ifndef BITSTATE_TESTS_TEST_UTIL_H_
#define BITSTATE_TESTS_TEST_UTIL_H_

#include <cstdint>
#include <cstring>
#include <vector>

#include <doctest/doctest.h>

#include "bitstate/bit_vector.h"
#include "bitstate/random.h"
#include "bitstate/synthetic.h"
#include "bitstate/text_encoder.h"
#include "base/crc32.h"
#include "hwy/highway.h"
#include "hwy/targets.h"

namespace bitstate {
namespace test {

// Runs body() once per SIMD target compiled into the library that this CPU
// can run, with dispatch pinned to that target; returns how many ran.
template <class Body>
size_t ForEachTarget(Body body) {
#if BITSTATE_HWY_STATIC
  body(hwy::TargetName(HWY_STATIC_TARGET));  // the only target compiled
  return 1;
#endif
  size_t count = 0;
  for (const int64_t target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(target);
    body(hwy::TargetName(target));
    ++count;
  }
  hwy::SetSupportedTargetsForTest(0);  // back to the CPU's own choice
  return count;
}

// Text-like symbols from a seeded order-3 Markov source over the text alphabet.
inline std::vector<uint8_t> MarkovText(size_t length, uint64_t seed) {
  const MarkovSource source(kTextSymbols, 3, seed);
  Rng rng(seed + 1);
  return source.Generate(length, rng);
}

// A threshold_pack kernel's bits against the reference's: equal, no bit past
// `length`, and every third unit off (its sum was made exactly zero: H(0) = 0).
inline void CheckThresholdBits(const std::vector<uint64_t>& fast, const std::vector<uint64_t>& slow,
                               size_t length) {
  INFO("length ", length);
  CHECK(fast == slow);
  CHECK(ExtractBits(fast.data(), fast.size(), length, 64) == 0);  // tail bits zero
  for (size_t i = 0; i < length; i += 3) CHECK(((slow[i / 64] >> (i % 64)) & 1) == 0);
}

inline BitVector RandomBits(size_t size, double density, Rng& rng) {
  BitVector bits(size);
  for (size_t i = 0; i < size; ++i) bits.Set(i, rng.UniformDouble() < density);
  return bits;
}

inline bool SameFloats(const float* a, const float* b, size_t count) {
  return std::memcmp(a, b, count * sizeof(float)) == 0;
}

// Rewrites both checksums of a model file image, as a writer with a bug (not
// a bit flip) would: what is left to catch a bad value is the validation.
inline void Reseal(std::vector<uint8_t>& bytes) {
  const uint32_t payload = Crc32(bytes.data() + 88, bytes.size() - 88);
  for (int b = 0; b < 4; ++b) bytes[80 + b] = static_cast<uint8_t>(payload >> (8 * b));
  const uint32_t header = Crc32(bytes.data(), 84);
  for (int b = 0; b < 4; ++b) bytes[84 + b] = static_cast<uint8_t>(header >> (8 * b));
}

// Odd sizes on purpose: 1, around vector widths, around 64-bit words.
inline std::vector<size_t> AwkwardSizes() {
  return {1, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65, 100, 127, 129, 255, 257, 1000};
}

}  // namespace test
}  // namespace bitstate

#endif  // BITSTATE_TESTS_TEST_UTIL_H_
