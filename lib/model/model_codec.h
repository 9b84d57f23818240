// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The float model built from a checked file image, for the loaders that
// parse a file once and then decide what it holds.
#ifndef BITSTATE_MODEL_MODEL_CODEC_H_
#define BITSTATE_MODEL_MODEL_CODEC_H_

#include "bitstate/model.h"
#include "format/model_file_view.h"

namespace bitstate {

// `view` must hold float32 weights.
Model ModelFromView(const ModelFileView& view, KernelEngine engine);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_MODEL_CODEC_H_
