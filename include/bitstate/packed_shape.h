// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Weight levels below a byte, packed (inference only): the layout shared by
// memory, model files and the kernels, so an image runs in place. No
// allocation here (firmware includes it); PackedLevels (packed_levels.h)
// owns such levels in memory.
//
// Both layouts keep W by columns: a step reads only the columns its set bits
// pick, as the int8 path does, but moves 2x (nibbles) or 8x / 4x (bit planes)
// fewer bytes.
//   kNibbles (k = 3, 4): two 4-bit two's-complement levels per byte. Units go
//     in groups of 32 per 16 bytes: byte 16g + r holds unit 32g + r in its low
//     nibble and unit 32g + 16 + r in its high one (r < 16), so a 16-byte
//     load gives two vectors of 16 consecutive units on every target.
//   kBitPlanes (k = 1, 2): one bit per unit and plane, little-endian 64-bit
//     words. k = 1: one plane, level = 2 * bit - 1. k = 2 (ternary): a "+1"
//     plane then a "-1" plane, level = plus - minus, never both set.
// Units past n are zero: level 0 (nibbles) or no bit set (planes).
#ifndef BITSTATE_PACKED_SHAPE_H_
#define BITSTATE_PACKED_SHAPE_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bit_words.h"

namespace bitstate {

enum class LevelStorage { kInt8, kInt16, kNibbles, kBitPlanes };

// Where k-bit levels live: packed (k <= 4) when `packed`, else int8 / int16.
constexpr LevelStorage StorageFor(unsigned bits, bool packed) {
  return packed && bits <= 2   ? LevelStorage::kBitPlanes
         : packed && bits <= 4 ? LevelStorage::kNibbles
         : bits <= 8           ? LevelStorage::kInt8
                               : LevelStorage::kInt16;
}

constexpr bool IsPacked(LevelStorage s) {
  return s == LevelStorage::kNibbles || s == LevelStorage::kBitPlanes;
}

// Readable bytes past the last column: the widest load a packed kernel
// makes (64 bytes) may start inside it.
inline constexpr size_t kPackedSlackBytes = 64;
inline constexpr size_t kNibbleGroup = 32;  // units per 16 bytes

struct PackedShape {
  LevelStorage storage;
  size_t planes;        // bit planes per column (1 for nibbles)
  size_t plane_bytes;   // bytes of one plane of one column
  size_t column_bytes;  // planes * plane_bytes: the distance between columns
};

inline PackedShape PackedShapeFor(unsigned bits, size_t n) {
  if (bits <= 2) {
    const size_t plane = 8 * WordsForBits(n);
    return {LevelStorage::kBitPlanes, bits, plane, bits * plane};
  }
  const size_t bytes = (n + kNibbleGroup - 1) / kNibbleGroup * (kNibbleGroup / 2);
  return {LevelStorage::kNibbles, 1, bytes, bytes};
}

// Level of unit i in one packed column.
inline int32_t GetPackedLevel(const uint8_t* column, const PackedShape& s, size_t i) {
  if (s.storage == LevelStorage::kNibbles) {
    const size_t r = i % kNibbleGroup;
    const uint8_t byte = column[i / kNibbleGroup * 16 + r % 16];
    const int32_t nibble = r < 16 ? (byte & 15) : (byte >> 4);
    return nibble >= 8 ? nibble - 16 : nibble;
  }
  const auto bit = [&](size_t plane) {
    return (column[plane * s.plane_bytes + i / 8] >> (i % 8)) & 1;
  };
  return s.planes == 1 ? 2 * bit(0) - 1 : bit(0) - bit(1);
}

// Sets unit i's level (the caller keeps it on the k-bit grid).
inline void SetPackedLevel(uint8_t* column, const PackedShape& s, size_t i, int32_t level) {
  if (s.storage == LevelStorage::kNibbles) {
    const size_t r = i % kNibbleGroup;
    uint8_t& byte = column[i / kNibbleGroup * 16 + r % 16];
    const uint8_t nibble = static_cast<uint8_t>(level) & 15;
    byte = r < 16 ? static_cast<uint8_t>((byte & 0xF0) | nibble)
                  : static_cast<uint8_t>((byte & 0x0F) | (nibble << 4));
    return;
  }
  const auto put = [&](size_t plane, bool on) {
    uint8_t& byte = column[plane * s.plane_bytes + i / 8];
    const uint8_t bit = static_cast<uint8_t>(1u << (i % 8));
    byte = on ? static_cast<uint8_t>(byte | bit) : static_cast<uint8_t>(byte & ~bit);
  };
  if (s.planes == 1) {
    put(0, level > 0);
  } else {
    put(0, level > 0);
    put(1, level < 0);
  }
}

}  // namespace bitstate

#endif  // BITSTATE_PACKED_SHAPE_H_
