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
#include "bitstate/aligned_buffer.h"
#include "bitstate/bit_vector.h"
#include "bitstate/model_config.h"

namespace bitstate {

struct ModelFileView {
  ModelConfig config;
  bool inference_only = false;
  uint32_t precision = 0;    // kPrecision*
  size_t column_stride = 0;  // elements (float, int8 or int16) between columns
  size_t head_stride = 0;    // floats between head rows
  // Little-endian sections inside the image. float32: W, a, b as float32.
  // int8 / int16: W as levels, b as int32 levels, plus per-row input
  // multipliers (int32) and state steps (float64); no a (inference only).
  const uint8_t* columns = nullptr;
  const uint8_t* input_bias = nullptr;
  const uint8_t* hidden_bias = nullptr;
  const uint8_t* state = nullptr;
  unsigned bits = 32;        // integer precisions: k
  uint32_t granularity = 0;  // integer precisions: ScaleGranularity
  const uint8_t* multipliers = nullptr;
  const uint8_t* steps = nullptr;
  size_t head_classes = 0;  // 0: no head
  const uint8_t* head_weights = nullptr;
  const uint8_t* head_intercepts = nullptr;
};

// Format constants and the section layout, shared by writer and parser.
inline constexpr char kMagic[8] = {'B', 'I', 'T', 'S', 'T', 'A', 'T', 'E'};
inline constexpr uint32_t kByteOrderMark = 0x01020304u;
inline constexpr uint32_t kHeaderSize = 88;
inline constexpr uint32_t kPrecisionFloat32 = 0;
inline constexpr uint32_t kPrecisionInt8 = 1;   // k <= 8 bit levels
inline constexpr uint32_t kPrecisionInt16 = 2;  // 8 < k <= 16 bit levels
inline constexpr uint32_t kFlagInferenceOnly = 1, kFlagHead = 2;
inline constexpr uint64_t kMaxHeadClasses = 1 << 16;


// Byte offsets of the sections; 64-bit arithmetic so that no claimed size
// can overflow it (m, n <= 2^20), even where size_t has 32 bits.
// float32: columns, a, b, state, head. Integer: columns, quantisation
// block (u32 bits, u32 granularity), multipliers, b, steps, state, head.
// Absent sections have offset 0.
struct FileLayout {
  uint64_t stride, element_bytes, head_stride;
  uint64_t columns, input_bias, quant_meta, multipliers, hidden_bias, steps, state, head_meta,
      head_weights, head_intercepts, end;
};

FileLayout ComputeLayout(uint64_t m, uint64_t n, uint64_t head_classes,
                         uint32_t precision = kPrecisionFloat32);

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

inline uint32_t LoadLittleEndianU32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

inline uint64_t LoadLittleEndianU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int b = 0; b < 8; ++b) v |= uint64_t{p[b]} << (8 * b);
  return v;
}

// One stored integer weight level (int8 or int16, little-endian).
inline int32_t LoadLittleEndianLevel(const uint8_t* p, uint32_t precision) {
  if (precision == kPrecisionInt8) return static_cast<int8_t>(p[0]);
  return static_cast<int16_t>(static_cast<uint16_t>(p[0] | p[1] << 8));
}

// The head stored in the view (the view must have one).
ClassifierHead HeadFromView(const ModelFileView& view);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_VIEW_H_
