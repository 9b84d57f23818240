// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>

#include "bitstate/quantization.h"
#include "kernels/stochastic_rounding.h"

namespace bitstate {
namespace {

constexpr int64_t kOneStep = int64_t{1} << kFractionBits;
constexpr int kTrials = 200000;

// Mean change over many noise draws of adding `steps` to `level`.
double MeanChange(int32_t level, double steps, int32_t spacing, int32_t limit) {
  const int64_t change = std::llround(steps * kOneStep);
  int64_t total = 0;
  for (int t = 0; t < kTrials; ++t) {
    total += AddRounded(level, change, RoundingNoise(42, t, 3, 7), spacing, limit) - level;
  }
  return static_cast<double>(total) / kTrials;
}

TEST_CASE("stochastic rounding is unbiased away from the grid's edge") {
  // Changes far below one step (r_h = 1e-6 against a step of ~1e-5) still
  // move the weight on average by exactly the change.
  // Tolerance: 5 standard deviations of the mean of the Bernoulli draws.
  const auto tolerance = [](double p, double spacing) {
    return 5.0 * spacing * std::sqrt(p * (1.0 - p) / kTrials) + 1e-6;
  };
  for (double steps : {0.05, -0.05, 0.5, 2.3, -7.75, 0.001}) {
    INFO("steps ", steps);
    const double p = steps - std::floor(steps);
    CHECK(std::fabs(MeanChange(0, steps, 1, 127) - steps) <= tolerance(p, 1));
  }
  // Binary levels: -1 moves to +1 with probability change / 2.
  CHECK(std::fabs(MeanChange(-1, 0.5, 2, 1) - 0.5) <= tolerance(0.25, 2));
}

TEST_CASE("stochastic rounding: whole steps are exact, the edge clamps, binary stays odd") {
  CHECK(AddRounded(5, 3 * kOneStep, 0, 1, 127) == 8);
  CHECK(AddRounded(5, -3 * kOneStep, 0xFFFFFF, 1, 127) == 2);
  CHECK(AddRounded(120, 20 * kOneStep, 0, 1, 127) == 127);
  CHECK(AddRounded(-120, -20 * kOneStep, 0, 1, 127) == -127);
  for (uint32_t noise : {0u, 1u << 23, 0xFFFFFFu}) {
    const int32_t up = AddRounded(-1, kOneStep / 3, noise, 2, 1);
    CHECK((up == -1 || up == 1));
    CHECK(AddRounded(1, kOneStep / 3, noise, 2, 1) == 1);
  }
  // The noise is a pure function of its key and counters.
  CHECK(RoundingNoise(1, 2, 3, 4) == RoundingNoise(1, 2, 3, 4));
  CHECK(RoundingNoise(1, 2, 3, 4) != RoundingNoise(1, 2, 4, 3));
  CHECK(RoundingNoise(1, 2, 3, 4) < (1u << kFractionBits));
}

TEST_CASE("the int32 level update equals the int64 one on every level, change and noise") {
  // Changes from a fraction of a step to far past the grid, both signs.
  const int64_t unit = int64_t{1} << kFractionBits;
  const int64_t changes[] = {0,        1,         unit / 3,       unit - 1,      unit,
                             unit + 1, 5 * unit,  37 * unit + 11, int64_t{1} << 40,
                             int64_t{1} << 62};
  const uint32_t noises[] = {0, 1, 1u << 23, (1u << kFractionBits) - 1, 12345};
  size_t checked = 0;
  for (unsigned bits : {1u, 2u, 4u, 8u, 12u, 16u}) {
    const int32_t top = MaxLevel(bits), spacing = LevelSpacing(bits);
    for (int64_t magnitude : changes) {
      for (int64_t change : {magnitude, -magnitude}) {
        const SplitChange split = Split(change, spacing);
        const LevelChange narrow = ForLevels(split, top);
        for (int32_t level = -top; level <= top; level += bits > 8 ? 97 : spacing) {
          for (uint32_t noise : noises) {
            REQUIRE(AddLevelChange(level, narrow, noise, spacing, top) ==
                    AddSplit(level, split, noise, spacing, top));
            ++checked;
          }
        }
      }
    }
  }
  CHECK(checked > 10000);
}

}  // namespace
}  // namespace bitstate
