// Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
// The C API's model object, shared by the part every build links (c_api.cc:
// no heap, no exceptions) and the host's file and copy openers
// (c_api_open.cc).
#ifndef BITSTATE_RUNTIME_C_API_MODEL_H_
#define BITSTATE_RUNTIME_C_API_MODEL_H_

#include <cstddef>
#include <cstdint>

#include "bitstate/bitstate.h"
#include "bitstate/model_config.h"
#include "core/int_forward_step.h"
#include "kernels/int_kernel_table.h"
#include "kernels/kernel_table.h"

namespace bitstate {
namespace c_api {

// Byte offsets of the regions of a state buffer (after its header).
struct StateLayout {
  size_t h, h_next, x, visible, selected, hidden_sum, counts, features;
  size_t potential;  // with a carry: n float32 or int32 potentials; else 0
  size_t end;
};

// The classifier head, read in place from the image.
struct HeadView {
  size_t classes = 0;  // 0: no head
  size_t stride = 0;   // floats between rows
  const float* weights = nullptr;
  const float* intercepts = nullptr;
};

}  // namespace c_api
}  // namespace bitstate

struct bitstate_model {
  bitstate::ModelConfig config;
  const bitstate::kernels::KernelTable* kernels = nullptr;
  bool zero_copy = false;
  const float* columns = nullptr;  // in the image: aligned, padded, little-endian
  const float* hidden_bias = nullptr;
  // Integer weights (int8, int16 or packed), also used in place.
  bool integer = false;
  const bitstate::kernels::IntKernelTable* int_kernels = nullptr;
  bitstate::IntForwardWeights int_weights{};
  unsigned int_weights_bits = 0;
  const uint8_t* stored_state = nullptr;
  // With a carry (lambda in config.carry): its 2^-16 units for integer
  // weights, and the potentials stored in the file (little-endian, 4 bytes
  // each).
  uint32_t carry_units = 0;
  const uint8_t* stored_potentials = nullptr;
  size_t column_stride = 0;
  bitstate::c_api::HeadView head;
  bitstate::c_api::StateLayout state_layout;  // of every state buffer of this model
  // Frees what the opener allocated; null for a model in caller storage.
  void (*release)(bitstate_model* model) = nullptr;
};

namespace bitstate {
namespace c_api {

// Fills `model` over `data` after checking the image; on failure `error`
// receives "<source>: not a usable bitstate model file: <why>".
bitstate_status OpenImage(const uint8_t* data, size_t size, const char* source,
                          bitstate_model* model, char* error, size_t error_size);

// Writes the concatenated parts into the caller's buffer, cut to fit.
void WriteMessage(char* error, size_t error_size, const char* first, const char* second = "",
                  const char* third = "");

}  // namespace c_api
}  // namespace bitstate

#endif  // BITSTATE_RUNTIME_C_API_MODEL_H_
