/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * Reads lines from stdin and prints the predicted class of each, using only
 * the C API: the model (with its classifier head, see `bitstate train
 * --classifier-csv`) is the whole pipeline. The state carries over from line
 * to line, as in the paper's protocol; each line is its own feature window.
 *
 *   classify_lines MODEL.bsm < lines.txt
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitstate/bitstate.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s MODEL.bsm < lines\n", argv[0]);
    return 2;
  }
  char error[512];
  bitstate_model* model = NULL;
  bitstate_status status = bitstate_model_open_file(argv[1], &model, error, sizeof(error));
  if (status != BITSTATE_OK) {
    fprintf(stderr, "classify_lines: %s\n", error);
    return 1;
  }
  if (bitstate_model_classes(model) == 0) {
    fprintf(stderr, "classify_lines: %s: %s\n", argv[1], bitstate_status_message(BITSTATE_ERROR_NO_HEAD));
    bitstate_model_close(model);
    return 1;
  }
  /* The only allocation: the state, once. */
  const size_t state_size = bitstate_state_size(model);
  void* state = malloc(state_size);
  if (state == NULL || bitstate_state_init(model, state, state_size) != BITSTATE_OK) {
    fprintf(stderr, "classify_lines: cannot allocate the state\n");
    bitstate_model_close(model);
    free(state);
    return 1;
  }
  char line[65536];
  while (fgets(line, sizeof(line), stdin) != NULL) {
    size_t length = strcspn(line, "\r\n");
    int label = -1;
    bitstate_features_reset(model, state);
    status = bitstate_step_text(model, state, line, length);
    if (status == BITSTATE_OK) status = bitstate_classify(model, state, &label, NULL);
    if (status != BITSTATE_OK) {
      fprintf(stderr, "classify_lines: %s\n", bitstate_status_message(status));
      break;
    }
    printf("%d\n", label + 1); /* classes are printed 1-based, as in AG News */
  }
  free(state);
  bitstate_model_close(model);
  return status == BITSTATE_OK ? 0 : 1;
}
