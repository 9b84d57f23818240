// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Pieces of a step shared by the float Model and the QuantizedModel: argument
// checks that name the model and the size, and the scan of e = truth xor
// reconstruction (eq. 3 and 4 act only where the two differ).
#ifndef BITSTATE_STEP_HELPERS_H_
#define BITSTATE_STEP_HELPERS_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_vector.h"

namespace bitstate {

// Throw bitstate::Error, naming `who` (e.g. "Model"), when a size is wrong.
void CheckStateSize(const char* who, const BitVector& h, size_t hidden);
void CheckInputSize(const char* who, const BitVector& x, size_t inputs);
void CheckSymbolRange(const char* who, size_t symbol, size_t inputs);

// Calls visit(j, truth_bit) for every j where truth and reconstruction
// differ, in increasing j.
template <class Visit>
void ForEachError(const uint64_t* truth, const uint64_t* reconstruction, size_t num_words,
                  Visit visit) {
  for (size_t w = 0; w < num_words; ++w) {
    uint64_t differ = truth[w] ^ reconstruction[w];
    while (differ != 0) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctzll(differ));
      differ &= differ - 1;
      visit(w * 64 + bit, ((truth[w] >> bit) & 1) != 0);
    }
  }
}

}  // namespace bitstate

#endif  // BITSTATE_STEP_HELPERS_H_
