// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Seeded synthetic sequences for tests, benchmarks and the built-in demo.
#ifndef BITSTATE_SYNTHETIC_H_
#define BITSTATE_SYNTHETIC_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitstate/dataset.h"
#include "bitstate/random.h"

namespace bitstate {

// A first-order Markov source over `symbols` symbols whose transition matrix
// is the average of `branching` random permutations: from symbol s the next
// is sigma_k(s) for a uniform k. Such a matrix is doubly stochastic, so every
// source has the uniform stationary distribution: sources differ in their
// transitions, not in their symbol frequencies (a frequency baseline cannot
// tell them apart in the long run; a model with memory can).
class MarkovSource {
 public:
  MarkovSource(size_t symbols, size_t branching, uint64_t seed);

  size_t symbols() const { return symbols_; }
  // Draws the next symbol after `current` (any symbol < symbols()).
  uint32_t Next(uint32_t current, Rng& rng) const;
  // `length` symbols starting after a uniformly drawn symbol.
  std::vector<uint8_t> Generate(size_t length, Rng& rng) const;

 private:
  size_t symbols_, branching_;
  std::vector<uint32_t> successors_;  // successors_[s * branching_ + k] = sigma_k(s)
};

// A labelled data set: class c is drawn from MarkovSource(symbols, branching,
// DeriveSeed(seed, c)); rows have uniform lengths in [min_length,
// max_length] and cycle through the classes. All classes share the same
// symbol frequencies, so only a model of the order tells them apart.
struct MarkovDatasetSpec {
  size_t classes = 4;
  size_t symbols = 96;
  size_t branching = 3;
  size_t min_length = 100;
  size_t max_length = 300;
  uint64_t seed = 1;
};
Dataset MakeMarkovDataset(const MarkovDatasetSpec& spec, size_t rows, uint64_t row_seed);

}  // namespace bitstate

#endif  // BITSTATE_SYNTHETIC_H_
