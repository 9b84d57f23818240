// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Model files with integer weights: the format of model_file.h with
// precision 1 (int8 levels, k <= 8), 2 (int16 levels, k <= 16) or packed
// levels (3, 4, 5: packed_shape.h; sections: lib/format/model_file_format.h).
// A model in integer training is saved trainable (its input biases and
// step count too: training resumes bit for bit), else inference-only.
// Loading checks what the float loader checks, plus every level on its
// k-bit grid and the int32 sum bound (quantization.h) before any use.
#ifndef BITSTATE_QUANTIZED_MODEL_FILE_H_
#define BITSTATE_QUANTIZED_MODEL_FILE_H_

#ifdef BITSTATE_INFERENCE_LIBRARY
#error "bitstate/quantized_model_file.h belongs to the full library, not to bitstate_inference"
#endif

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/model.h"
#include "bitstate/quantized_model.h"

namespace bitstate {

std::vector<uint8_t> SerializeQuantizedModel(const QuantizedModel& model,
                                             const ClassifierHead* head = nullptr,
                                             bool inference_only = false);
// Written to "<path>.tmp", flushed, renamed over <path>.
void SaveQuantizedModel(const QuantizedModel& model, const std::string& path,
                        const ClassifierHead* head = nullptr, bool inference_only = false);

// The loaded model trains on when the file is trainable, else infers.
QuantizedModel DeserializeQuantizedModel(const uint8_t* data, size_t size,
                                         const std::string& source,
                                         KernelEngine engine = KernelEngine::kSimd,
                                         ClassifierHead* head = nullptr);
QuantizedModel LoadQuantizedModel(const std::string& path,
                                  KernelEngine engine = KernelEngine::kSimd,
                                  ClassifierHead* head = nullptr);

// Bytes of the inference-only file of a model of these dimensions with
// k-bit weights as `bitstate quantize` writes them (packed for k <= 4; 32:
// float32), with a head of `head_classes` classes (0: none).
size_t InferenceFileBytes(size_t inputs, size_t hidden, unsigned bits, size_t head_classes);

// A file of any precision, parsed and checked once: what every command
// that reads a model uses (`features`, `train --resume`, `info`, ...).
struct AnyModel {
  unsigned weight_bits = 32;                    // 32: float32, else k
  std::optional<Model> float_model;             // weight_bits == 32
  std::optional<QuantizedModel> integer_model;  // weight_bits < 32
  ClassifierHead head;                          // classes == 0: none stored
  size_t file_bytes = 0;                        // LoadAnyModel: the file's size

  // Whichever model the file holds, as the pipeline runs it.
  SequenceModel& model();
  const SequenceModel& model() const;
  bool trainable() const;
  // "float32", "int8 (5-bit levels)", "4-bit nibbles", ...
  std::string precision_name() const;
};
AnyModel DeserializeAnyModel(const uint8_t* data, size_t size, const std::string& source,
                             KernelEngine engine = KernelEngine::kSimd);
AnyModel LoadAnyModel(const std::string& path, KernelEngine engine = KernelEngine::kSimd);

}  // namespace bitstate

#endif  // BITSTATE_QUANTIZED_MODEL_FILE_H_
