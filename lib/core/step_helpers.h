// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The scan of e = truth xor reconstruction shared by the float Model and the
// QuantizedModel: eq. 3 and 4 act only where the two differ.
#ifndef BITSTATE_CORE_STEP_HELPERS_H_
#define BITSTATE_CORE_STEP_HELPERS_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_vector.h"
#include "bitstate/model_config.h"

namespace bitstate {

// Lists every j where truth ([x_t, h_t]) and reconstruction differ, in
// increasing j, with r_j e_j: +rate where the true bit is 1, -rate where it
// is 0 (input_rate for j < m, state_rate above). Counts the input and state
// errors into `stats`; returns how many were listed.
template <typename Rate>
size_t ListErrors(const BitVector& truth, const BitVector& reconstruction, size_t m,
                  Rate input_rate, Rate state_rate, uint32_t* index, Rate* signed_rate,
                  StepStats& stats) {
  size_t count = 0;
  for (size_t w = 0; w < truth.num_words(); ++w) {
    const uint64_t true_bits = truth.words()[w];
    for (uint64_t differ = true_bits ^ reconstruction.words()[w]; differ != 0;
         differ &= differ - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctzll(differ));
      const size_t j = w * 64 + bit;
      const Rate rate = j < m ? input_rate : state_rate;
      index[count] = static_cast<uint32_t>(j);
      signed_rate[count] = ((true_bits >> bit) & 1) != 0 ? rate : -rate;
      ++count;
      ++(j < m ? stats.input_error : stats.state_error);
    }
  }
  return count;
}

}  // namespace bitstate

#endif  // BITSTATE_CORE_STEP_HELPERS_H_
