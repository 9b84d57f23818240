// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// A validated model file image: the parsed header and where each section
// lies. Shared by the C++ loader (which copies) and the C API (which may use
// the sections in place).
#ifndef BITSTATE_MODEL_FILE_VIEW_H_
#define BITSTATE_MODEL_FILE_VIEW_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "bitstate/classifier_head.h"
#include "bitstate/model_config.h"

namespace bitstate {

struct ModelFileView {
  ModelConfig config;
  bool inference_only = false;
  size_t column_stride = 0;  // floats between columns
  // Little-endian float32 / uint64 sections inside the image.
  const uint8_t* columns = nullptr;
  const uint8_t* input_bias = nullptr;
  const uint8_t* hidden_bias = nullptr;
  const uint8_t* state = nullptr;
  size_t head_classes = 0;  // 0: no head
  const uint8_t* head_weights = nullptr;
  const uint8_t* head_intercepts = nullptr;
};

// Checks everything (see model_file.h) and throws bitstate::Error
// "<source>: not a usable bitstate model file: <why>" on any problem.
ModelFileView ParseModelFile(const uint8_t* data, size_t size, const std::string& source);

inline float LoadLittleEndianF32(const uint8_t* p) {
  const uint32_t bits = uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 |
                        uint32_t{p[3]} << 24;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

inline uint64_t LoadLittleEndianU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int b = 0; b < 8; ++b) v |= uint64_t{p[b]} << (8 * b);
  return v;
}

// The head stored in the view (the view must have one).
ClassifierHead HeadFromView(const ModelFileView& view);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_VIEW_H_
