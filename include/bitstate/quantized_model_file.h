// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// Model files with integer weights: the format of model_file.h with
// precision 1 (int8 levels, k <= 8) or 2 (int16 levels, k <= 16), always
// inference-only. Sections after the header:
//   W by columns: m+n columns of PaddedLength<T>(n) levels (zero padding)
//   quantisation block: u32 k, u32 granularity (0 tensor, 1 block, 2 row)
//   K: n int32 input multipliers     b: n int32 bias levels
//   steps: n float64 state grid steps (weight = level * step, times K for
//     the input columns; used to dequantise, not by inference)
//   h: ceil(n/64) u64 words          optional head, as for float32
// Loading checks what the float loader checks, plus every level on its
// k-bit grid and the int32 sum bound (quantization.h) before any use.
#ifndef BITSTATE_QUANTIZED_MODEL_FILE_H_
#define BITSTATE_QUANTIZED_MODEL_FILE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitstate/classifier_head.h"
#include "bitstate/quantized_model.h"

namespace bitstate {

std::vector<uint8_t> SerializeQuantizedModel(const QuantizedModel& model,
                                             const ClassifierHead* head = nullptr);
// Written to "<path>.tmp", flushed, renamed over <path>.
void SaveQuantizedModel(const QuantizedModel& model, const std::string& path,
                        const ClassifierHead* head = nullptr);

// The loaded model infers (it has no row layout, so it cannot train).
QuantizedModel DeserializeQuantizedModel(const uint8_t* data, size_t size,
                                         const std::string& source,
                                         KernelEngine engine = KernelEngine::kSimd,
                                         ClassifierHead* head = nullptr);
QuantizedModel LoadQuantizedModel(const std::string& path,
                                  KernelEngine engine = KernelEngine::kSimd,
                                  ClassifierHead* head = nullptr);

}  // namespace bitstate

#endif  // BITSTATE_QUANTIZED_MODEL_FILE_H_
