/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * What the firmware programs measure on the board: instructions by SysTick
 * (under qemu-system-arm -icount shift=0 the tick follows the instruction
 * count, not time: these are instructions, not cycles) and the stack's
 * high-water mark by painting it.
 */
#ifndef BITSTATE_FIRMWARE_BOARD_H_
#define BITSTATE_FIRMWARE_BOARD_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Starts SysTick (processor clock, 24-bit, free running). */
void board_ticks_start(void);
/* SysTick ticks since the last call (< 2^24 apart). */
uint32_t board_ticks_elapsed(void);
/* Instructions per SysTick tick, measured with a loop of known length. */
double board_instructions_per_tick(void);

/* Fills the free stack below the caller's frame with a pattern; the bytes
 * used since then are those no longer holding it. */
void board_stack_paint(void);
size_t board_stack_used(void);

#ifdef __cplusplus
}
#endif

#endif /* BITSTATE_FIRMWARE_BOARD_H_ */
