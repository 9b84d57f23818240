// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace bitstate {
namespace {

TEST_CASE("SplitMix64 matches the reference output for seed 0") {
  SplitMix64 mix(0);
  CHECK(mix.Next() == 0xE220A8397B1DCDAFull);
  CHECK(mix.Next() == 0x6E789E6AA1B965F4ull);
  CHECK(mix.Next() == 0x06C45D188009454Full);
}

TEST_CASE("xoshiro256** matches the reference output for state {1, 2, 3, 4}") {
  Rng rng(1, 2, 3, 4);
  CHECK(rng.Next() == 11520u);
  CHECK(rng.Next() == 0u);
  CHECK(rng.Next() == 1509978240u);
  CHECK(rng.Next() == 1215971899390074240ull);
}

TEST_CASE("UniformFloat is the top 24 bits scaled by 2^-24") {
  Rng a(42), b(42);
  for (int i = 0; i < 1000; ++i) {
    const float expected = static_cast<float>(b.Next() >> 40) / 16777216.0f;
    const float u = a.UniformFloat();
    CHECK(u == expected);
    CHECK(u >= 0.0f);
    CHECK(u < 1.0f);
  }
}

TEST_CASE("UniformSymmetric stays within -range..range and never gives -0") {
  Rng rng(3);
  double sum = 0;
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) {
    const float w = rng.UniformSymmetric(0.25f);
    REQUIRE(w >= -0.25f);
    REQUIRE(w < 0.25f);
    REQUIRE(!(w == 0.0f && std::signbit(w)));
    sum += w;
  }
  CHECK(std::fabs(sum / draws) < 0.002);  // mean 0, sd of the mean ~0.0003
}

TEST_CASE("UniformBelow covers 0..bound-1 evenly") {
  Rng rng(5);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const uint64_t k = rng.UniformBelow(7);
    REQUIRE(k < 7);
    ++counts[k];
  }
  for (int c : counts) CHECK(std::abs(c - 10000) < 500);
}

TEST_CASE("DeriveSeed gives distinct seeds per stream and is deterministic") {
  CHECK(DeriveSeed(1, 0) == DeriveSeed(1, 0));
  CHECK(DeriveSeed(1, 0) != DeriveSeed(1, 1));
  CHECK(DeriveSeed(1, 0) != DeriveSeed(2, 0));
}

}  // namespace
}  // namespace bitstate
