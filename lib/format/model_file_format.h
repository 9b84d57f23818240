// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model file format, written down once: the header's fields (offset and
// type), the constants and the section layout. The writer and the parser
// both address the header through this table only.
//
//   header: the fields below (88 bytes), then zeros up to byte 256
//   sections, each starting at a multiple of 256 bytes, zero padded:
//     float32 (precision 0):
//       W by columns: m+n columns of PaddedLength<float>(n) values (row i of
//         column j at j * stride + i; padding values are +0.0)
//       a (m+n values), b (n values), h (ceil(n/64) u64 words)
//     int8 / int16 levels (precision 1: k <= 8, 2: k <= 16; inference-only):
//       W by columns: m+n columns of PaddedLength<T>(n) levels (zero padding)
//       (packed levels, bitstate/packed_shape.h: precision 3 nibbles, k = 3
//       or 4; 4 one bit plane, k = 1; 5 two bit planes, k = 2; columns of
//       PackedShape::column_bytes, then kPackedSlackBytes zeros)
//       quantisation block: u32 k, u32 granularity (0 tensor, 1 block, 2 row)
//       K: n int32 input multipliers     b: n int32 bias levels
//       steps: n float64 state grid steps (weight = level * step, times K
//         for the input columns; used to dequantise, not by inference)
//       int8 / int16 without the inference-only flag (integer training goes
//         on): a: m+n int32 input bias levels; u64 training steps so far,
//         u64 saturated updates
//       h: ceil(n/64) u64 words
//     with a carry (flag bit 2, ModelConfig::carry != 0): f32 lambda, u32
//       zero, then the n potentials (float32 for float weights, else int32
//       levels of their row's grid step)
//     with a head (flag bit 1): u32 classes, u32 dimension (= n); the
//       weights (classes rows of PaddedLength<float>(n) values); the
//       intercepts
//
// Sections line up with the kernels' padded layout, so a 256-byte-aligned
// image (e.g. mmap) can serve inference without a copy (C API).
#ifndef BITSTATE_FORMAT_MODEL_FILE_FORMAT_H_
#define BITSTATE_FORMAT_MODEL_FILE_FORMAT_H_

#include <cstdint>

#include "base/little_endian.h"
#include "bitstate/packed_shape.h"

namespace bitstate {

// A header field: its byte offset; T is its stored type (and width).
template <typename T>
struct HeaderField {
  uint32_t offset;
};

template <typename T>
T ReadField(const uint8_t* image, HeaderField<T> field) {
  return LoadLittleEndian<T>(image + field.offset);
}
template <typename T>
void WriteField(uint8_t* image, HeaderField<T> field, T value) {
  StoreLittleEndian(image + field.offset, value);
}

namespace header {
// bytes 0..7: the magic "BITSTATE" (kMagic).
inline constexpr HeaderField<uint32_t> kVersion{8};
inline constexpr HeaderField<uint32_t> kByteOrder{12};   // kByteOrderMark
inline constexpr HeaderField<uint32_t> kHeaderBytes{16};  // kHeaderSize
inline constexpr HeaderField<uint32_t> kPrecision{20};    // kPrecision*
inline constexpr HeaderField<uint32_t> kUpdateRows{24};   // 0 next, 1 previous
inline constexpr HeaderField<uint32_t> kFlags{28};        // kFlag*
inline constexpr HeaderField<uint64_t> kInputs{32};       // m
inline constexpr HeaderField<uint64_t> kHidden{40};       // n
inline constexpr HeaderField<float> kRateInput{48};       // r_x
inline constexpr HeaderField<float> kRateHidden{52};      // r_h
inline constexpr HeaderField<float> kDensity{56};         // d
inline constexpr HeaderField<float> kInitRange{60};
inline constexpr HeaderField<uint64_t> kSeed{64};
inline constexpr HeaderField<uint64_t> kPayloadSize{72};  // file size - kHeaderSize
inline constexpr HeaderField<uint32_t> kPayloadCrc{80};   // CRC-32 of the payload
inline constexpr HeaderField<uint32_t> kHeaderCrc{84};    // CRC-32 of bytes 0..83
}  // namespace header

inline constexpr char kMagic[8] = {'B', 'I', 'T', 'S', 'T', 'A', 'T', 'E'};
inline constexpr uint32_t kByteOrderMark = 0x01020304u;
// Everything before the header CRC is covered by it; the payload follows.
inline constexpr uint32_t kHeaderCrcCovers = header::kHeaderCrc.offset;
inline constexpr uint32_t kHeaderSize = header::kHeaderCrc.offset + 4;
static_assert(kHeaderSize == 88, "the header of format version 1");
inline constexpr uint32_t kPrecisionFloat32 = 0;
inline constexpr uint32_t kPrecisionInt8 = 1;   // k <= 8 bit levels
inline constexpr uint32_t kPrecisionInt16 = 2;  // 8 < k <= 16 bit levels
inline constexpr uint32_t kPrecisionNibbles = 3;   // k = 3, 4: two levels per byte
inline constexpr uint32_t kPrecisionBinary = 4;    // k = 1: one bit plane
inline constexpr uint32_t kPrecisionTernary = 5;   // k = 2: two bit planes
inline constexpr uint32_t kMaxPrecision = kPrecisionTernary;
inline constexpr uint32_t kFlagInferenceOnly = 1, kFlagHead = 2, kFlagCarry = 4;
inline constexpr uint64_t kMaxHeadClasses = 1 << 16;

// Byte offsets of the sections; 64-bit arithmetic so that no claimed size
// can overflow it (m, n <= 2^20), even where size_t has 32 bits. Absent
// sections have offset 0.
struct FileLayout {
  uint64_t stride, element_bytes, head_stride;
  uint64_t columns, input_bias, quant_meta, multipliers, hidden_bias, steps, training, state, carry,
      head_meta, head_weights, head_intercepts, end;
};

// `trainable` matters for integer precisions only (float files always hold a).
FileLayout ComputeLayout(uint64_t m, uint64_t n, uint64_t head_classes,
                         uint32_t precision = kPrecisionFloat32, bool trainable = false,
                         bool carry = false);

// The precision code of k-bit levels stored so, and back: the storage and
// the k (or range of k) a precision code holds.
uint32_t PrecisionOf(LevelStorage storage, unsigned bits);
LevelStorage StorageOfPrecision(uint32_t precision);
bool PrecisionHolds(uint32_t precision, unsigned bits);

}  // namespace bitstate

#endif  // BITSTATE_FORMAT_MODEL_FILE_FORMAT_H_
