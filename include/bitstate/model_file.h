// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Saving and loading the float model. The format (versioned, little-endian
// on every platform, 256-byte aligned sections that the C API can use in
// place) is written down once, in lib/format/model_file_format.h.
//
// W is stored once: the row layout for training is rebuilt on load; an
// inference-only model is never given one.
//
// Saving writes "<path>.tmp", flushes it to disk and renames it over <path>:
// a crash leaves either the old file or the new one, never half of one.
// Loading checks magic, version, byte order, header CRC, bounded sizes and
// payload size before allocating, then the payload CRC, zero padding and
// finite values before using anything.
#ifndef BITSTATE_MODEL_FILE_H_
#define BITSTATE_MODEL_FILE_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/model_file.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/model.h"
#include "bitstate/model_file_bytes.h"

namespace bitstate {

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

// A file of either precision, parsed once: LoadAnyModel (quantized_model_file.h).

}  // namespace bitstate

#endif  // BITSTATE_MODEL_FILE_H_
