// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model file: a versioned binary format, little-endian on every platform.
//
//   header (88 bytes)
//     0  char[8] magic "BITSTATE"      8  u32 format version (1)
//    12  u32 byte-order mark 0x01020304 16 u32 header size (88)
//    20  u32 precision (0 = float32)   24  u32 update_rows (0 next, 1 previous)
//    28  u32 flags (0)                 32  u64 m          40  u64 n
//    48  f32 r_x  52 f32 r_h  56 f32 d  60 f32 init_range  64 u64 seed
//    72  u64 payload size              80  u32 payload CRC-32
//    84  u32 header CRC-32 (bytes 0..83)
//   payload
//     W by columns: m+n columns of n values (column j, then row i)
//     a: m+n values;  b: n values;  h: ceil(n/64) u64 words
//
// Saving writes "<path>.tmp", flushes it to disk and renames it over <path>:
// a crash leaves either the old file or the new one, never half of one.
// Loading checks magic, version, byte order, header CRC, bounded sizes and
// payload size before allocating, and the payload CRC before using it.
#ifndef BITSTATE_MODEL_FILE_H_
#define BITSTATE_MODEL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/model.h"

namespace bitstate {

inline constexpr uint32_t kModelFormatVersion = 1;

std::vector<uint8_t> SerializeModel(const Model& model);
// `source` names the data in error messages (a path, "<memory>").
Model DeserializeModel(const uint8_t* data, size_t size, const std::string& source,
                       KernelEngine engine = KernelEngine::kSimd);

void SaveModel(const Model& model, const std::string& path);
Model LoadModel(const std::string& path, KernelEngine engine = KernelEngine::kSimd);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_H_
