// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Writing model file images (layout in model_file.h): little-endian stores,
// the header, the classifier head and the checksums, shared by the float and
// the integer models' writers.
#ifndef BITSTATE_MODEL_FILE_WRITER_H_
#define BITSTATE_MODEL_FILE_WRITER_H_

#include <cstdint>
#include <cstring>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/model_config.h"
#include "format/model_file_view.h"

namespace bitstate {

inline void StoreU32(uint8_t* p, uint32_t v) {
  for (int b = 0; b < 4; ++b) p[b] = static_cast<uint8_t>(v >> (8 * b));
}
inline void StoreU64(uint8_t* p, uint64_t v) {
  for (int b = 0; b < 8; ++b) p[b] = static_cast<uint8_t>(v >> (8 * b));
}
inline void StoreF32(uint8_t* p, float f) {
  uint32_t v;
  std::memcpy(&v, &f, 4);
  StoreU32(p, v);
}
inline void StoreF64(uint8_t* p, double f) {
  uint64_t v;
  std::memcpy(&v, &f, 8);
  StoreU64(p, v);
}

// Throws unless `head` (if given) is a head over n features.
void CheckHeadFits(const ClassifierHead* head, size_t hidden, const char* who);

// A zeroed image of the layout's size with the header (but not its
// checksums) and the head (if any) written.
std::vector<uint8_t> StartImage(const ModelConfig& config, uint32_t precision, uint32_t flags,
                                const FileLayout& layout, const ClassifierHead* head);

// Writes the payload and header CRC-32s; the last step of every writer.
void SealImage(std::vector<uint8_t>& image);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_WRITER_H_
