// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#ifndef BITSTATE_CORE_MODEL_CONFIG_CHECK_H_
#define BITSTATE_CORE_MODEL_CONFIG_CHECK_H_

#include "base/fixed_text.h"
#include "bitstate/model_config.h"

namespace bitstate {

// True when `config` is usable; else false with `why` saying which field
// breaks which rule (ModelConfig::Validate throws that text).
bool CheckModelConfig(const ModelConfig& config, FixedText* why);

}  // namespace bitstate

#endif  // BITSTATE_CORE_MODEL_CONFIG_CHECK_H_
