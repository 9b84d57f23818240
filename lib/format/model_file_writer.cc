// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "format/model_file_writer.h"

#include <string>

#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "base/crc32.h"

namespace bitstate {

void CheckHeadFits(const ClassifierHead* head, size_t hidden, const char* who) {
  if (head != nullptr && (head->classes < 2 || head->dimension != hidden ||
                          head->weights.size() != head->classes * head->dimension ||
                          head->intercepts.size() != head->classes)) {
    throw Error(std::string(who) + ": the classifier head does not fit the model (needs >= 2 "
                "classes over n = " + std::to_string(hidden) + " features)");
  }
}

std::vector<uint8_t> StartImage(const ModelConfig& c, uint32_t precision, uint32_t flags,
                                const FileLayout& l, const ClassifierHead* head) {
  std::vector<uint8_t> bytes(static_cast<size_t>(l.end), 0);
  uint8_t* out = bytes.data();
  std::memcpy(out, kMagic, sizeof(kMagic));
  StoreU32(out + 8, kModelFormatVersion);
  StoreU32(out + 12, kByteOrderMark);
  StoreU32(out + 16, kHeaderSize);
  StoreU32(out + 20, precision);
  StoreU32(out + 24, static_cast<uint32_t>(c.update_rows));
  StoreU32(out + 28, flags | (head ? kFlagHead : 0));
  StoreU64(out + 32, c.inputs);
  StoreU64(out + 40, c.hidden);
  StoreF32(out + 48, c.rate_input);
  StoreF32(out + 52, c.rate_hidden);
  StoreF32(out + 56, c.density);
  StoreF32(out + 60, c.init_range);
  StoreU64(out + 64, c.seed);
  StoreU64(out + 72, bytes.size() - kHeaderSize);
  if (head != nullptr) {
    StoreU32(out + l.head_meta, static_cast<uint32_t>(head->classes));
    StoreU32(out + l.head_meta + 4, static_cast<uint32_t>(head->dimension));
    for (size_t k = 0; k < head->classes; ++k) {
      for (size_t i = 0; i < head->dimension; ++i) {
        StoreF32(out + l.head_weights + 4 * (k * l.head_stride + i),
                 head->weights[k * head->dimension + i]);
      }
      StoreF32(out + l.head_intercepts + 4 * k, head->intercepts[k]);
    }
  }
  return bytes;
}

void SealImage(std::vector<uint8_t>& image) {
  uint8_t* out = image.data();
  StoreU32(out + 80, Crc32(out + kHeaderSize, image.size() - kHeaderSize));
  StoreU32(out + 84, Crc32(out, 84));
}

}  // namespace bitstate
