// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "bitstate/model_config.h"

#include <cmath>

#include "bitstate/error.h"

namespace bitstate {

const char* UpdateRowsName(UpdateRows rows) {
  return rows == UpdateRows::kNext ? "next" : "previous";
}

UpdateRows ParseUpdateRows(const std::string& text) {
  if (text == "next") return UpdateRows::kNext;
  if (text == "previous") return UpdateRows::kPrevious;
  throw Error("update_rows: expected 'next' or 'previous', got '" + text + "'");
}

namespace {

void RequireDimension(const char* field, size_t value) {
  if (value == 0 || value > kMaxDimension) {
    throw Error(std::string("ModelConfig.") + field + " = " +
                std::to_string(value) + ": must be in 1.." +
                std::to_string(kMaxDimension));
  }
}

void RequireRate(const char* field, float value) {
  if (!std::isfinite(value) || value < 0.0f) {
    throw Error(std::string("ModelConfig.") + field + " = " +
                std::to_string(value) + ": must be finite and >= 0");
  }
}

}  // namespace

void ModelConfig::Validate() const {
  RequireDimension("inputs", inputs);
  RequireDimension("hidden", hidden);
  RequireRate("rate_input", rate_input);
  RequireRate("rate_hidden", rate_hidden);
  if (!(density > 0.0f && density < 1.0f)) {
    throw Error("ModelConfig.density = " + std::to_string(density) +
                ": must be in (0, 1)");
  }
  if (!std::isfinite(init_range) || init_range < 0.0f) {
    throw Error("ModelConfig.init_range = " + std::to_string(init_range) +
                ": must be finite and >= 0 (0 means 1/(m+n))");
  }
  if (update_rows != UpdateRows::kNext && update_rows != UpdateRows::kPrevious) {
    throw Error("ModelConfig.update_rows: unknown value " +
                std::to_string(static_cast<uint32_t>(update_rows)));
  }
}

}  // namespace bitstate
