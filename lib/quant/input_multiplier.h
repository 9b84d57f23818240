// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_QUANT_INPUT_MULTIPLIER_H_
#define BITSTATE_QUANT_INPUT_MULTIPLIER_H_

#include <algorithm>
#include <cstdint>

#include "bitstate/quantization.h"

namespace bitstate {

// K, the input columns' step as a whole multiple of the state step: at
// least 1, at most kBiasLimit (the int32 sum bound then decides).
inline int32_t ToMultiplier(double ratio) {
  return static_cast<int32_t>(std::max(1.0, std::min(ratio, double{kBiasLimit})));
}

}  // namespace bitstate

#endif  // BITSTATE_QUANT_INPUT_MULTIPLIER_H_
