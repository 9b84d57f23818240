// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_TESTS_MODEL_COMPARE_H_
#define BITSTATE_TESTS_MODEL_COMPARE_H_

#include <cstring>

#include "bitstate/model.h"

namespace bitstate {
namespace test {

inline bool SameBits(float a, float b) { return std::memcmp(&a, &b, sizeof(float)) == 0; }

// Every parameter and the state equal bit for bit.
inline bool SameModel(const Model& a, const Model& b) {
  if (a.inputs() != b.inputs() || a.hidden() != b.hidden()) return false;
  bool same = a.state() == b.state();
  for (size_t i = 0; i < a.hidden(); ++i) {
    for (size_t j = 0; j < a.visible(); ++j) same &= SameBits(a.weight(i, j), b.weight(i, j));
    same &= SameBits(a.hidden_bias(i), b.hidden_bias(i));
  }
  for (size_t j = 0; j < a.visible(); ++j) same &= SameBits(a.input_bias(j), b.input_bias(j));
  return same;
}

}  // namespace test
}  // namespace bitstate

#endif  // BITSTATE_TESTS_MODEL_COMPARE_H_
