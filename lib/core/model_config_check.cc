// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// What a usable ModelConfig is, without exceptions: the firmware loader and
// ModelConfig::Validate both ask this.
#include "core/model_config_check.h"

#include <cmath>
#include <cstdint>

namespace bitstate {

namespace {

bool DimensionOk(const char* field, size_t value, FixedText* why) {
  if (value != 0 && value <= kMaxDimension) return true;
  why->Clear() << "ModelConfig." << field << " = " << value << ": must be in 1.." << kMaxDimension;
  return false;
}

bool RateOk(const char* field, float value, FixedText* why) {
  if (std::isfinite(value) && value >= 0.0f) return true;
  why->Clear() << "ModelConfig." << field << " = " << value << ": must be finite and >= 0";
  return false;
}

}  // namespace

bool CheckModelConfig(const ModelConfig& config, FixedText* why) {
  if (!DimensionOk("inputs", config.inputs, why) || !DimensionOk("hidden", config.hidden, why) ||
      !RateOk("rate_input", config.rate_input, why) ||
      !RateOk("rate_hidden", config.rate_hidden, why)) {
    return false;
  }
  if (!(config.density > 0.0f && config.density < 1.0f)) {
    why->Clear() << "ModelConfig.density = " << config.density << ": must be in (0, 1)";
    return false;
  }
  if (!std::isfinite(config.init_range) || config.init_range < 0.0f) {
    why->Clear() << "ModelConfig.init_range = " << config.init_range
                 << ": must be finite and >= 0 (0 means 1/(m+n))";
    return false;
  }
  if (!(config.carry >= 0.0f && config.carry <= 1.0f)) {
    why->Clear() << "ModelConfig.carry = " << config.carry << ": must be in [0, 1]";
    return false;
  }
  // Both layouts of W must be addressable: on 32-bit targets size_t bounds
  // the model well below kMaxDimension^2.
  const uint64_t weight_bytes = uint64_t{2} * 4 * (uint64_t{config.inputs} + config.hidden) *
                                ((uint64_t{config.hidden} + 63) / 64 * 64);
  if (weight_bytes > SIZE_MAX / 2) {
    why->Clear() << "ModelConfig: m = " << config.inputs << ", n = " << config.hidden << " need "
                 << weight_bytes << " bytes of weights, more than this platform can address";
    return false;
  }
  if (config.update_rows != UpdateRows::kNext && config.update_rows != UpdateRows::kPrevious) {
    why->Clear() << "ModelConfig.update_rows: unknown value "
                 << static_cast<uint32_t>(config.update_rows);
    return false;
  }
  return true;
}

}  // namespace bitstate
