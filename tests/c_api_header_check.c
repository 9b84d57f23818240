/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 * Compiled as strict C99: the C API header must be usable from C firmware. */
#include "bitstate/bitstate.h"

size_t bitstate_header_check(const bitstate_model* model) {
  bitstate_status status = BITSTATE_OK;
  return bitstate_state_size(model) + (size_t)status;
}
