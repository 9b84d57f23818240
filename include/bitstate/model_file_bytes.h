// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Reading a model file's bytes, for either precision and for the C API:
// part of the inference library (no trainable model needed).
#ifndef BITSTATE_MODEL_FILE_BYTES_H_
#define BITSTATE_MODEL_FILE_BYTES_H_

#include <cstdint>
#include <string>

#include "bitstate/aligned_buffer.h"

namespace bitstate {

// The whole file, in a kPadBytes-aligned buffer. Throws bitstate::Error
// naming the path when it is not a regular file or cannot be read.
AlignedBuffer<uint8_t> ReadModelFileBytes(const std::string& path);

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_BYTES_H_
