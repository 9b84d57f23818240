// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_config.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "bitstate/enum_words.h"
#include "bitstate/error.h"

namespace bitstate {

namespace {

constexpr EnumWord<UpdateRows> kUpdateRowsWords[] = {{UpdateRows::kNext, "next"},
                                                     {UpdateRows::kPrevious, "previous"}};

std::string FormatFloat(float value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", static_cast<double>(value));
  return text;
}

void RequireDimension(const char* field, size_t value) {
  if (value == 0 || value > kMaxDimension) {
    throw Error(std::string("ModelConfig.") + field + " = " +
                std::to_string(value) + ": must be in 1.." +
                std::to_string(kMaxDimension));
  }
}

void RequireRate(const char* field, float value) {
  if (!std::isfinite(value) || value < 0.0f) {
    throw Error(std::string("ModelConfig.") + field + " = " + FormatFloat(value) +
                ": must be finite and >= 0");
  }
}

}  // namespace

const char* UpdateRowsName(UpdateRows rows) { return WordOf(rows, kUpdateRowsWords); }
UpdateRows ParseUpdateRows(const std::string& text) {
  return ParseWord(text, kUpdateRowsWords, "update_rows");
}

void ModelConfig::Validate() const {
  RequireDimension("inputs", inputs);
  RequireDimension("hidden", hidden);
  RequireRate("rate_input", rate_input);
  RequireRate("rate_hidden", rate_hidden);
  if (!(density > 0.0f && density < 1.0f)) {
    throw Error("ModelConfig.density = " + FormatFloat(density) + ": must be in (0, 1)");
  }
  if (!std::isfinite(init_range) || init_range < 0.0f) {
    throw Error("ModelConfig.init_range = " + FormatFloat(init_range) +
                ": must be finite and >= 0 (0 means 1/(m+n))");
  }
  // Both layouts of W must be addressable: on 32-bit targets size_t bounds
  // the model well below kMaxDimension^2.
  const uint64_t weight_bytes = uint64_t{2} * 4 * (uint64_t{inputs} + hidden) *
                                ((uint64_t{hidden} + 63) / 64 * 64);
  if (weight_bytes > std::numeric_limits<size_t>::max() / 2) {
    throw Error("ModelConfig: m = " + std::to_string(inputs) + ", n = " + std::to_string(hidden) +
                " need " + std::to_string(weight_bytes) + " bytes of weights, more than this "
                "platform can address");
  }
  if (update_rows != UpdateRows::kNext && update_rows != UpdateRows::kPrevious) {
    throw Error("ModelConfig.update_rows: unknown value " +
                std::to_string(static_cast<uint32_t>(update_rows)));
  }
}

}  // namespace bitstate
