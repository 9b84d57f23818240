// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Portable random numbers: the same seed gives the same sequence on every
// compiler, OS and CPU (unlike std::uniform_real_distribution, whose output is
// implementation-defined). Integer generators only; floats are made from the
// top bits with exact power-of-two scaling, so no rounding depends on the
// platform.
#ifndef BITSTATE_RANDOM_H_
#define BITSTATE_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace bitstate {

// SplitMix64 (Steele, Lea, Flood 2014): expands one 64-bit seed into
// well-mixed words; used to seed Rng and to derive independent seeds.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// A seed for stream `stream` of a run seeded with `seed` (e.g. one per trial).
inline uint64_t DeriveSeed(uint64_t seed, uint64_t stream) {
  SplitMix64 mix(seed ^ (stream * 0xD1B54A32D192ED03ull));
  mix.Next();
  return mix.Next();
}

// xoshiro256** (Blackman and Vigna 2018).
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    SplitMix64 mix(seed);
    for (uint64_t& s : s_) s = mix.Next();
  }
  // An explicit state (not all zero), for the reference test vectors.
  Rng(uint64_t s0, uint64_t s1, uint64_t s2, uint64_t s3) : s_{s0, s1, s2, s3} {}

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) on a grid of 2^-24: every value is an exact float.
  float UniformFloat() {
    return static_cast<float>(Next() >> 40) * (1.0f / 16777216.0f);
  }

  // Uniform in [0, 1) on a grid of 2^-53.
  double UniformDouble() {
    return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0);
  }

  // Uniform in [-range, range): (2u - 1) is exact, so one rounding (the
  // product) decides the value. Never returns -0.0, which keeps "w + 0.0 == w"
  // true for every weight (the sparse update relies on it).
  float UniformSymmetric(float range) {
    return (2.0f * UniformFloat() - 1.0f) * range;
  }

  // Uniform integer in [0, bound), bound > 0, without modulo bias (rejection).
  uint64_t UniformBelow(uint64_t bound) {
    const uint64_t limit = ~uint64_t{0} - (~uint64_t{0} % bound);
    uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % bound;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// Fisher-Yates with portable draws: the same permutation on every platform.
template <typename T>
void Shuffle(std::vector<T>& items, Rng& rng) {
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng.UniformBelow(i)]);
}

}  // namespace bitstate

#endif  // BITSTATE_RANDOM_H_
