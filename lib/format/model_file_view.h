// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A validated model file image: the parsed header and where each section
// lies. Shared by the C++ loader (which copies) and the C API (which may use
// the sections in place).
#ifndef BITSTATE_MODEL_FILE_VIEW_H_
#define BITSTATE_MODEL_FILE_VIEW_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/fixed_text.h"
#include "bitstate/classifier_head.h"
#include "bitstate/model_config.h"
#include "format/model_file_format.h"

namespace bitstate {

struct ModelFileView {
  ModelConfig config;
  bool inference_only = false;
  uint32_t precision = 0;    // kPrecision*
  size_t column_stride = 0;  // elements (float, int8 or int16) between columns
  size_t head_stride = 0;    // floats between head rows
  // Little-endian sections inside the image. float32: W, a, b as float32.
  // int8 / int16 / packed: W as levels, b as int32 levels, plus per-row
  // input multipliers (int32) and state steps (float64); a only when
  // trainable (int8 / int16).
  const uint8_t* columns = nullptr;
  const uint8_t* input_bias = nullptr;
  const uint8_t* hidden_bias = nullptr;
  const uint8_t* state = nullptr;
  unsigned bits = 32;        // integer precisions: k
  uint32_t granularity = 0;  // integer precisions: ScaleGranularity
  const uint8_t* multipliers = nullptr;
  const uint8_t* steps = nullptr;
  // Trainable integer files: a as int32 levels (input_bias), and u64
  // training steps, u64 saturated updates.
  const uint8_t* training = nullptr;
  // With a carry: the n stored potentials (float32, or int32 for integer
  // precisions); config.carry holds lambda.
  const uint8_t* potentials = nullptr;
  size_t head_classes = 0;  // 0: no head
  const uint8_t* head_weights = nullptr;
  const uint8_t* head_intercepts = nullptr;
};

// The format version this build reads and writes.
inline constexpr uint32_t kModelFormatVersion = 1;

// Checks everything (see model_file.h) and fills *view, or returns false
// with `why` saying what is wrong. No exceptions and no heap: the firmware
// runtime's loader (model_file_view.cc).
bool ParseModelImage(const uint8_t* data, size_t size, ModelFileView* view, FixedText* why);

// The same, throwing bitstate::Error "<source>: not a usable bitstate model
// file: <why>" (host only, model_file_load.cc).
ModelFileView ParseModelFile(const uint8_t* data, size_t size, const std::string& source);

// One stored integer weight level (int8 or int16, little-endian).
inline int32_t LoadLevel(const uint8_t* p, uint32_t precision) {
  return precision == kPrecisionInt8 ? LoadLittleEndian<int8_t>(p) : LoadLittleEndian<int16_t>(p);
}

// The head stored in the view, copied (the view must have one; host only).
ClassifierHead HeadFromView(const ModelFileView& view);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_VIEW_H_
