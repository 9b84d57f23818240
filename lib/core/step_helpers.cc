// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/stateful_model.h"

#include <string>

#include "bitstate/error.h"

namespace bitstate {

void CheckStateSize(const char* who, const BitVector& h, size_t hidden) {
  if (h.size() != hidden) {
    throw Error(std::string(who) + "::SetState: state has " + std::to_string(h.size()) +
                " bits, the model has n = " + std::to_string(hidden));
  }
}

void CheckInputSize(const char* who, const BitVector& x, size_t inputs) {
  if (x.size() != inputs) {
    throw Error(std::string(who) + " step: input has " + std::to_string(x.size()) +
                " bits, the model has m = " + std::to_string(inputs));
  }
}

void CheckSymbolRange(const char* who, size_t symbol, size_t inputs) {
  if (symbol >= inputs) {
    throw Error(std::string(who) + " step: symbol " + std::to_string(symbol) +
                " is not below m = " + std::to_string(inputs));
  }
}

}  // namespace bitstate
