// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Random bits that are 1 with probability level / 2^16, 64 at a time, from
// integer operations only (so every target draws the same bits).
#ifndef BITSTATE_MODEL_BERNOULLI_BITS_H_
#define BITSTATE_MODEL_BERNOULLI_BITS_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/random.h"

namespace bitstate {

// 64 lanes, each a uniform 16-bit number U built from one bit of each of up
// to 16 draws (most significant first); lane bit = U < level. Bit-sliced
// comparison: `less` gathers lanes decided below, `equal` those still tied;
// it stops once no lane is tied, so a small level costs few draws.
inline uint64_t BernoulliWord(Rng& rng, uint32_t level) {
  uint64_t less = 0, equal = ~uint64_t{0};
  for (int b = 15; b >= 0 && equal != 0; --b) {
    const uint64_t u = rng.Next();
    const uint64_t p = ((level >> b) & 1) != 0 ? ~uint64_t{0} : 0;
    less |= equal & ~u & p;
    equal &= ~(u ^ p);
  }
  return less;
}

// Flips each of the first `bits` bits of `words` with probability
// level / 2^16; bits past `bits` stay as they are.
inline void FlipRandomBits(uint64_t* words, size_t bits, uint32_t level, Rng& rng) {
  for (size_t w = 0; w * 64 < bits; ++w) {
    uint64_t flips = BernoulliWord(rng, level);
    if (bits - w * 64 < 64) flips &= (uint64_t{1} << (bits - w * 64)) - 1;
    words[w] ^= flips;
  }
}

}  // namespace bitstate

#endif  // BITSTATE_MODEL_BERNOULLI_BITS_H_
