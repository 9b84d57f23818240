// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_DATASET_H_
#define BITSTATE_DATASET_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitstate {

// One labelled sequence: a text row as symbols (text_encoder.h) or any other
// sequence of symbols < m, with its class in 0..classes-1.
struct LabelledSequence {
  int label = 0;
  std::vector<uint8_t> symbols;
};

using Dataset = std::vector<LabelledSequence>;

}  // namespace bitstate

#endif  // BITSTATE_DATASET_H_
