// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/learning_options.h"

#include <cmath>
#include <cstdio>

#include "bitstate/error.h"

namespace bitstate {

void LearningOptions::Validate() const {
  if (!(adaptive_tau >= 0.0f) || std::isinf(adaptive_tau)) {
    throw Error("adaptive_tau must be 0 (off) or a positive finite number of errors");
  }
  if (!(flip_probability >= 0.0 && flip_probability <= 0.5)) {
    throw Error("flip_probability must be in [0, 0.5]");
  }
  if (flip_probability != 0.0 && FlipLevel(flip_probability) == 0) {
    throw Error("flip_probability must be 0 or at least 2^-17 (it is kept in units of 2^-16)");
  }
}

uint32_t FlipLevel(double flip_probability) {
  return static_cast<uint32_t>(std::lround(flip_probability * 65536.0));
}

std::string LearningName(const LearningOptions& o) {
  if (!o.any()) return "paper";
  std::string name;
  const auto add = [&name](const std::string& part) { name += (name.empty() ? "" : ", ") + part; };
  char text[64];
  if (o.freeze_weights) add("frozen weights (eq. 5 only)");
  if (o.zero_init) add("zero-init");
  if (o.adaptive_tau != 0.0f) {
    std::snprintf(text, sizeof(text), "adaptive tau %g", o.adaptive_tau);
    add(text);
  }
  if (o.flip_probability != 0.0) {
    std::snprintf(text, sizeof(text), "flip %g", o.flip_probability);
    add(text);
  }
  return name;
}

}  // namespace bitstate
