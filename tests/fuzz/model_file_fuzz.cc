// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes as a model file, through the C++ loaders
// (float32 and integer weights) and through the C API (copied and in place),
// then a few steps on anything that loads. Any crash, sanitizer report or uncaught exception is a bug.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "bitstate/aligned_buffer.h"
#include "bitstate/bitstate.h"
#include "bitstate/error.h"
#include "bitstate/model_file.h"
#include "bitstate/quantized_model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    bitstate::ClassifierHead head;
    bitstate::Model model = bitstate::DeserializeModel(data, size, "fuzz", bitstate::KernelEngine::kSimd, &head);
    for (size_t s = 0; s < 3; ++s) model.InferStepSymbol(s % model.inputs());
    if (model.trainable()) model.TrainStepSymbol(0);
  } catch (const bitstate::Error&) {
    // Rejected with a message: the expected outcome for most inputs.
  }
  try {
    bitstate::QuantizedModel model = bitstate::DeserializeQuantizedModel(data, size, "fuzz");
    for (size_t s = 0; s < 3; ++s) model.InferStepSymbol(s % model.inputs());
  } catch (const bitstate::Error&) {
  }
  bitstate::AlignedBuffer<uint8_t> aligned(size);
  if (size != 0) std::memcpy(aligned.data(), data, size);
  for (int flags : {0, BITSTATE_OPEN_COPY}) {
    bitstate_model* model = nullptr;
    char error[128];
    if (bitstate_model_open_memory(aligned.data(), size, flags, &model, error, sizeof(error)) != BITSTATE_OK) {
      continue;
    }
    bitstate::AlignedBuffer<uint8_t> state(bitstate_state_size(model));
    if (bitstate_state_init(model, state.data(), state.size()) == BITSTATE_OK) {
      bitstate_step_symbol(model, state.data(), 1);
      int label;
      bitstate_classify(model, state.data(), &label, nullptr);
    }
    bitstate_model_close(model);
  }
  return 0;
}
