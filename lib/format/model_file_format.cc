// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
#include "format/model_file_format.h"

#include "bitstate/bit_words.h"
#include "bitstate/padding.h"

namespace bitstate {
namespace {

uint64_t RoundUpToPad(uint64_t bytes) { return (bytes + kPadBytes - 1) / kPadBytes * kPadBytes; }

}  // namespace

FileLayout ComputeLayout(uint64_t m, uint64_t n, uint64_t head_classes, uint32_t precision,
                         bool trainable, bool carry) {
  FileLayout l{};
  const bool packed = precision >= kPrecisionNibbles;
  l.element_bytes = precision == kPrecisionInt16 ? 2 : precision == kPrecisionFloat32 ? 4 : 1;
  l.stride = precision == kPrecisionInt8    ? PaddedLength<int8_t>(n)
             : precision == kPrecisionInt16 ? PaddedLength<int16_t>(n)
             : packed ? PackedShapeFor(precision == kPrecisionBinary    ? 1
                                       : precision == kPrecisionTernary ? 2
                                                                        : 4,
                                       n)
                            .column_bytes
                      : PaddedLength<float>(n);
  l.head_stride = PaddedLength<float>(n);
  uint64_t offset = kPadBytes;  // the header block
  const auto take = [&offset](uint64_t bytes) {
    const uint64_t at = offset;
    offset += RoundUpToPad(bytes);
    return at;
  };
  l.columns = take((m + n) * l.stride * l.element_bytes + (packed ? kPackedSlackBytes : 0));
  if (precision == kPrecisionFloat32) {
    l.input_bias = take((m + n) * 4);
    l.hidden_bias = take(n * 4);
  } else {
    l.quant_meta = take(8);
    l.multipliers = take(n * 4);
    l.hidden_bias = take(n * 4);
    l.steps = take(n * 8);
    if (trainable) {
      l.input_bias = take((m + n) * 4);
      l.training = take(16);
    }
  }
  l.state = take(WordsForBits(n) * 8);
  if (carry) l.carry = take(8 + 4 * n);
  l.head_meta = offset;
  if (head_classes != 0) {
    offset += kPadBytes;
    l.head_weights = take(head_classes * l.head_stride * 4);
    l.head_intercepts = take(head_classes * 4);
  }
  l.end = offset;
  return l;
}

uint32_t PrecisionOf(LevelStorage storage, unsigned bits) {
  switch (storage) {
    case LevelStorage::kInt8: return kPrecisionInt8;
    case LevelStorage::kInt16: return kPrecisionInt16;
    case LevelStorage::kNibbles: return kPrecisionNibbles;
    case LevelStorage::kBitPlanes: return bits == 1 ? kPrecisionBinary : kPrecisionTernary;
  }
  return kPrecisionInt8;
}

LevelStorage StorageOfPrecision(uint32_t precision) {
  return precision == kPrecisionInt16     ? LevelStorage::kInt16
         : precision == kPrecisionNibbles ? LevelStorage::kNibbles
         : precision >= kPrecisionBinary  ? LevelStorage::kBitPlanes
                                          : LevelStorage::kInt8;
}

bool PrecisionHolds(uint32_t precision, unsigned bits) {
  switch (precision) {
    case kPrecisionInt8: return bits >= 1 && bits <= 8;
    case kPrecisionInt16: return bits >= 9 && bits <= 16;
    case kPrecisionNibbles: return bits == 3 || bits == 4;
    case kPrecisionBinary: return bits == 1;
    case kPrecisionTernary: return bits == 2;
    default: return false;
  }
}

}  // namespace bitstate
