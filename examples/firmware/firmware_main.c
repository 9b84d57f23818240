/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * A bitstate firmware: the model is a const array in flash (model_data.c,
 * from `bitstate export-c`), opened in place; model object, state and
 * features are static buffers sized at compile time; nothing is allocated.
 * Classifies the lines of the semihosted file "lines.txt" (the host's file,
 * under qemu) when there is one, else a built-in sample.
 */
#include <stdint.h>
#include <stdio.h>

#include "bitstate/bitstate.h"
#include "classify_text.h"
#include "model_data.h"

static uint8_t model_storage[BITSTATE_MODEL_STORAGE_BYTES];
static uint8_t state[BITSTATE_STATE_BYTES(BITSTATE_MODEL_DATA_INPUTS, BITSTATE_MODEL_DATA_HIDDEN)];
static float features[BITSTATE_MODEL_DATA_HIDDEN];
static char line[8192];

int main(void) {
  char error[160];
  bitstate_model* model = NULL;
  bitstate_status status =
      bitstate_model_open_in_place(bitstate_model_data, bitstate_model_data_size, model_storage,
                                   sizeof(model_storage), &model, error, sizeof(error));
  if (status != BITSTATE_OK) {
    printf("open: %s: %s\n", bitstate_status_message(status), error);
    return 1;
  }
  status = bitstate_state_init(model, state, sizeof(state));
  if (status == BITSTATE_OK) {
    print_model(model, stdout);
    FILE* lines = fopen("lines.txt", "r");
    status = classify_lines(model, state, features, lines, line, sizeof(line), stdout);
    if (lines != NULL) fclose(lines);
  }
  if (status != BITSTATE_OK) printf("error: %s\n", bitstate_status_message(status));
  return status == BITSTATE_OK ? 0 : 1;
}
