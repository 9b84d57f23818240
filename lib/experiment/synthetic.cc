// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/synthetic.h"

#include <numeric>

#include "bitstate/error.h"

namespace bitstate {

MarkovSource::MarkovSource(size_t symbols, size_t branching, uint64_t seed)
    : symbols_(symbols), branching_(branching), successors_(symbols * branching) {
  if (symbols == 0 || symbols > 256 || branching == 0) {
    throw Error("MarkovSource: need 1..256 symbols and branching >= 1");
  }
  Rng rng(seed);
  std::vector<uint32_t> permutation(symbols);
  for (size_t k = 0; k < branching; ++k) {
    std::iota(permutation.begin(), permutation.end(), 0u);
    Shuffle(permutation, rng);
    for (size_t s = 0; s < symbols; ++s) successors_[s * branching + k] = permutation[s];
  }
}

uint32_t MarkovSource::Next(uint32_t current, Rng& rng) const {
  return successors_[current * branching_ + rng.UniformBelow(branching_)];
}

std::vector<uint8_t> MarkovSource::Generate(size_t length, Rng& rng) const {
  std::vector<uint8_t> out(length);
  uint32_t s = static_cast<uint32_t>(rng.UniformBelow(symbols_));
  for (uint8_t& symbol : out) {
    s = Next(s, rng);
    symbol = static_cast<uint8_t>(s);
  }
  return out;
}

Dataset MakeMarkovDataset(const MarkovDatasetSpec& spec, size_t rows, uint64_t row_seed) {
  if (spec.classes == 0 || spec.min_length == 0 || spec.max_length < spec.min_length) {
    throw Error("MakeMarkovDataset: need classes >= 1 and 1 <= min_length <= max_length");
  }
  std::vector<MarkovSource> sources;
  for (size_t c = 0; c < spec.classes; ++c) {
    sources.emplace_back(spec.symbols, spec.branching, DeriveSeed(spec.seed, c));
  }
  Rng rng(row_seed);
  Dataset data(rows);
  for (size_t r = 0; r < rows; ++r) {
    data[r].label = static_cast<int>(r % spec.classes);
    const size_t length =
        spec.min_length + rng.UniformBelow(spec.max_length - spec.min_length + 1);
    data[r].symbols = sources[data[r].label].Generate(length, rng);
  }
  return data;
}

}  // namespace bitstate
