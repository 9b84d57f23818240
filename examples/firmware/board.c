/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0 */
#include "board.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018)

extern uint32_t __StackLimit, __StackTop;

static const uint32_t kPaint = 0xA5A5A5A5u;
static uint32_t last_tick;

void board_ticks_start(void) {
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 5; /* enable, processor clock, no interrupt */
  last_tick = SYST_CVR;
}

uint32_t board_ticks_elapsed(void) {
  const uint32_t now = SYST_CVR;
  const uint32_t elapsed = (last_tick - now) & 0xFFFFFFu; /* it counts down */
  last_tick = now;
  return elapsed;
}

double board_instructions_per_tick(void) {
  /* 4 instructions per iteration: nop, nop, subs, bne. */
  const uint32_t iterations = 250000;
  uint32_t count = iterations;
  board_ticks_elapsed();
  __asm__ volatile(
      "1:\n\t"
      "nop\n\t"
      "nop\n\t"
      "subs %0, %0, #1\n\t"
      "bne 1b"
      : "+r"(count)
      :
      : "cc");
  const uint32_t ticks = board_ticks_elapsed();
  return ticks == 0 ? 0.0 : 4.0 * iterations / ticks;
}

void board_stack_paint(void) {
  uint32_t here;
  /* Leave 64 bytes below this frame for the call's own spill. */
  for (uint32_t* p = &__StackLimit; p < (uint32_t*)((uintptr_t)&here - 64);) *p++ = kPaint;
}

size_t board_stack_used(void) {
  const uint32_t* p = &__StackLimit;
  while (p < &__StackTop && *p == kPaint) ++p;
  return (size_t)((uintptr_t)&__StackTop - (uintptr_t)p);
}
