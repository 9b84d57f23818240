// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The model file: a versioned binary format, little-endian on every platform.
//
//   header (88 bytes, then zeros up to byte 256)
//     0  char[8] magic "BITSTATE"      8  u32 format version (1)
//    12  u32 byte-order mark 0x01020304 16 u32 header size (88)
//    20  u32 precision (0 = float32)   24  u32 update_rows (0 next, 1 previous)
//    28  u32 flags: bit 0 inference-only, bit 1 classifier head present
//    32  u64 m          40  u64 n
//    48  f32 r_x  52 f32 r_h  56 f32 d  60 f32 init_range  64 u64 seed
//    72  u64 payload size (file size - 88)
//    80  u32 payload CRC-32 (bytes 88 to the end)
//    84  u32 header CRC-32 (bytes 0..83)
//   sections, each starting at a multiple of 256 bytes, zero padded:
//     W by columns: m+n columns, each PaddedLength<float>(n) values (row i
//       of column j at j * stride + i; padding values are +0.0)
//     a (m+n values), b (n values), h (ceil(n/64) u64 words)
//     with a head: u32 classes, u32 dimension (= n); the weights (classes
//       rows of PaddedLength<float>(n) values); the intercepts
//
// Sections line up with the kernels' padded layout, so a 256-byte-aligned
// file image (e.g. mmap) can serve inference without a copy (C API). W is
// stored once: the row layout for training is rebuilt on load; an
// inference-only model is never given one.
//
// Saving writes "<path>.tmp", flushes it to disk and renames it over <path>:
// a crash leaves either the old file or the new one, never half of one.
// Loading checks magic, version, byte order, header CRC, bounded sizes and
// payload size before allocating, then the payload CRC, zero padding and
// finite values before using anything.
#ifndef BITSTATE_MODEL_FILE_H_
#define BITSTATE_MODEL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/model.h"

namespace bitstate {

inline constexpr uint32_t kModelFormatVersion = 1;

struct SaveOptions {
  bool inference_only = false;           // loads as a model that cannot train
  const ClassifierHead* head = nullptr;  // stored with the model if given
};

std::vector<uint8_t> SerializeModel(const Model& model, const SaveOptions& options = {});
void SaveModel(const Model& model, const std::string& path, const SaveOptions& options = {});

// `source` names the data in error messages (a path, "<memory>"). A stored
// classifier head goes to *head when head is not null.
Model DeserializeModel(const uint8_t* data, size_t size, const std::string& source,
                       KernelEngine engine = KernelEngine::kSimd, ClassifierHead* head = nullptr);
Model LoadModel(const std::string& path, KernelEngine engine = KernelEngine::kSimd,
                ClassifierHead* head = nullptr);

// 32 for a file of float32 weights, k for k-bit integer weights (load those
// with LoadQuantizedModel); the whole file is validated first.
unsigned ModelFileWeightBits(const uint8_t* data, size_t size, const std::string& source);

// The whole file, in a kPadBytes-aligned buffer.
AlignedBuffer<uint8_t> ReadModelFileBytes(const std::string& path);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_H_
