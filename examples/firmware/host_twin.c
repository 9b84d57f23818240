/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * The firmware example on the host: the same classification through the
 * same C API, from a model file; its output must equal the firmware's byte
 * for byte (.ci/firmware-test).
 *
 *   firmware_host_twin MODEL.bsm [LINES.txt]
 */
#include <stdio.h>
#include <stdlib.h>

#include "bitstate/bitstate.h"
#include "classify_text.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s MODEL.bsm [LINES.txt]\n", argv[0]);
    return 2;
  }
  char error[512];
  bitstate_model* model = NULL;
  bitstate_status status = bitstate_model_open_file(argv[1], &model, error, sizeof(error));
  if (status != BITSTATE_OK) {
    fprintf(stderr, "firmware_host_twin: %s\n", error);
    return 1;
  }
  FILE* lines = NULL;
  if (argc == 3 && (lines = fopen(argv[2], "r")) == NULL) {
    fprintf(stderr, "firmware_host_twin: cannot open %s\n", argv[2]);
    bitstate_model_close(model);
    return 1;
  }
  const size_t state_size = bitstate_state_size(model);
  void* state = malloc(state_size);
  float* features = malloc(bitstate_model_hidden(model) * sizeof(float));
  static char line[8192];
  status =
      state && features ? bitstate_state_init(model, state, state_size) : BITSTATE_ERROR_NO_MEMORY;
  if (status == BITSTATE_OK) {
    print_model(model, stdout);
    status = classify_lines(model, state, features, lines, line, sizeof(line), stdout);
  }
  if (status != BITSTATE_OK) printf("error: %s\n", bitstate_status_message(status));
  if (lines != NULL) fclose(lines);
  free(features);
  free(state);
  bitstate_model_close(model);
  return status == BITSTATE_OK ? 0 : 1;
}
