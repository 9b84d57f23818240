/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * Instructions per character step on the target, for the model in flash
 * (model_data.c): run under qemu-system-arm -icount shift=0, where SysTick
 * follows the instruction count (instructions, not cycles: no pipeline,
 * wait states or memory latency). Also the stack's high-water mark of
 * open + steps + classify, measured by painting, and the RAM the runtime
 * takes. Prints key = value lines (bench/firmware/footprint.py reads them).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bitstate/bitstate.h"
#include "board.h"
#include "classify_text.h"
#include "model_data.h"

static uint8_t model_storage[BITSTATE_MODEL_STORAGE_BYTES];
static uint8_t state[BITSTATE_STATE_BYTES(BITSTATE_MODEL_DATA_INPUTS, BITSTATE_MODEL_DATA_HIDDEN)];

/* Filled without printing: printf's own stack must not count. */
static struct {
  double open, steps, classify;
  uint32_t characters, lines;
  int status;
} measured;

static void Measure(void) {
  bitstate_model* model = NULL;
  board_ticks_elapsed();
  measured.status =
      bitstate_model_open_in_place(bitstate_model_data, bitstate_model_data_size, model_storage,
                                   sizeof(model_storage), &model, NULL, 0);
  measured.open = board_ticks_elapsed();
  if (measured.status == BITSTATE_OK) {
    measured.status = bitstate_state_init(model, state, sizeof(state));
  }
  for (size_t k = 0; k < kSampleLineCount && measured.status == BITSTATE_OK; ++k) {
    const size_t length = strlen(kSampleLines[k]);
    int label;
    bitstate_features_reset(model, state);
    board_ticks_elapsed();
    measured.status = bitstate_step_text(model, state, kSampleLines[k], length);
    measured.steps += board_ticks_elapsed();
    if (measured.status == BITSTATE_OK) {
      measured.status = bitstate_classify(model, state, &label, NULL);
    }
    measured.classify += board_ticks_elapsed();
    measured.characters += (uint32_t)length;
    measured.lines += 1;
  }
}

int main(void) {
  board_ticks_start();
  const double per_tick = board_instructions_per_tick();
  board_stack_paint();
  Measure();
  const size_t stack = board_stack_used();
  if (measured.status != BITSTATE_OK) {
    printf("error = %s\n", bitstate_status_message((bitstate_status)measured.status));
    return 1;
  }
  printf("instructions_per_tick = %.3f\n", per_tick);
  printf("model_bytes = %lu\n", (unsigned long)bitstate_model_data_size);
  printf("weight_bits = %u\n", (unsigned)BITSTATE_MODEL_DATA_WEIGHT_BITS);
  printf("hidden = %u\n", (unsigned)BITSTATE_MODEL_DATA_HIDDEN);
  printf("open_instructions = %.0f\n", measured.open * per_tick);
  printf("characters = %lu\n", (unsigned long)measured.characters);
  printf("step_instructions = %.0f\n", measured.steps * per_tick / measured.characters);
  printf("classify_instructions = %.0f\n", measured.classify * per_tick / measured.lines);
  printf("state_bytes = %lu\n", (unsigned long)sizeof(state));
  printf("model_object_bytes = %lu\n", (unsigned long)sizeof(model_storage));
  printf("stack_bytes = %lu\n", (unsigned long)stack);
  return 0;
}
