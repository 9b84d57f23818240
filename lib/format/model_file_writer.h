// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Writing model file images (format in model_file_format.h): the header,
// the classifier head and the checksums, shared by the float and the
// integer models' codecs, and the atomic save of a finished image.
#ifndef BITSTATE_FORMAT_MODEL_FILE_WRITER_H_
#define BITSTATE_FORMAT_MODEL_FILE_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/model_config.h"
#include "format/model_file_format.h"

namespace bitstate {

// Throws unless `head` (if given) is a head over n features.
void CheckHeadFits(const ClassifierHead* head, size_t hidden, const char* who);

// A zeroed image of the layout's size with the header (but not its
// checksums) and the head (if any) written.
std::vector<uint8_t> StartImage(const ModelConfig& config, uint32_t precision, uint32_t flags,
                                const FileLayout& layout, const ClassifierHead* head);

// Writes the payload and header CRC-32s; the last step of every writer.
void SealImage(std::vector<uint8_t>& image);

// Writes "<path>.tmp", flushes it to disk and renames it over <path>: a
// crash leaves either the old file or the new one, never half of one.
void SaveImageAtomically(const std::vector<uint8_t>& image, const std::string& path);

}  // namespace bitstate

#endif  // BITSTATE_FORMAT_MODEL_FILE_WRITER_H_
