// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "format/model_file_writer.h"

#include <cstring>

#include "base/crc32.h"
#include "bitstate/atomic_file.h"
#include "bitstate/error.h"
#include "format/model_file_view.h"

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
  WriteField(out, header::kVersion, kModelFormatVersion);
  WriteField(out, header::kByteOrder, kByteOrderMark);
  WriteField(out, header::kHeaderBytes, kHeaderSize);
  WriteField(out, header::kPrecision, precision);
  WriteField(out, header::kUpdateRows, static_cast<uint32_t>(c.update_rows));
  WriteField(out, header::kFlags,
             flags | (head ? kFlagHead : 0) | (c.carry != 0.0f ? kFlagCarry : 0));
  WriteField(out, header::kInputs, uint64_t{c.inputs});
  WriteField(out, header::kHidden, uint64_t{c.hidden});
  WriteField(out, header::kRateInput, c.rate_input);
  WriteField(out, header::kRateHidden, c.rate_hidden);
  WriteField(out, header::kDensity, c.density);
  WriteField(out, header::kInitRange, c.init_range);
  WriteField(out, header::kSeed, c.seed);
  WriteField(out, header::kPayloadSize, uint64_t{bytes.size() - kHeaderSize});
  if (c.carry != 0.0f) StoreLittleEndian(out + l.carry, c.carry);
  if (head != nullptr) {
    StoreLittleEndian(out + l.head_meta, static_cast<uint32_t>(head->classes));
    StoreLittleEndian(out + l.head_meta + 4, static_cast<uint32_t>(head->dimension));
    for (size_t k = 0; k < head->classes; ++k) {
      for (size_t i = 0; i < head->dimension; ++i) {
        StoreLittleEndian(out + l.head_weights + 4 * (k * l.head_stride + i),
                          head->weights[k * head->dimension + i]);
      }
      StoreLittleEndian(out + l.head_intercepts + 4 * k, head->intercepts[k]);
    }
  }
  return bytes;
}

void SealImage(std::vector<uint8_t>& image) {
  uint8_t* out = image.data();
  WriteField(out, header::kPayloadCrc, Crc32(out + kHeaderSize, image.size() - kHeaderSize));
  WriteField(out, header::kHeaderCrc, Crc32(out, kHeaderCrcCovers));
}

void SaveImageAtomically(const std::vector<uint8_t>& image, const std::string& path) {
  AtomicFileWriter writer(path);
  writer.Write(image.data(), image.size());
  writer.Commit();
}

}  // namespace bitstate
