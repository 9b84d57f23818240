/* Copyright bitstate authors. SPDX-License-Identifier: Apache-2.0
 *
 * Reset for a bare-metal Cortex-M firmware under newlib and semihosting: the
 * vector table (initial stack pointer, reset handler, faults), .data copied
 * from flash, .bss zeroed, the FPU enabled where there is one, then main().
 * A fault ends the run with exit code 3 instead of hanging.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __StackTop;
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

void Reset_Handler(void);
void Fault_Handler(void);

/* -nostartfiles: newlib's __libc_init_array calls these. */
void _init(void) {}
void _fini(void) {}

/* Initial stack pointer, reset, then the fault vectors (NMI, HardFault,
 * MemManage, BusFault, UsageFault; SVCall, PendSV, SysTick; 0: reserved or unused). */
#define FAULT ((const void*)Fault_Handler)
__attribute__((section(".isr_vector"), used)) const void* const kVectorTable[16] = {
    &__StackTop, (const void*)Reset_Handler, FAULT, FAULT, FAULT, FAULT, FAULT, 0, 0, 0, 0,
    FAULT,       0,                          0,     FAULT, FAULT};

void Fault_Handler(void) { _exit(3); }

void Reset_Handler(void) {
  for (uint32_t *from = &__data_load, *to = &__data_start; to < &__data_end;) *to++ = *from++;
  for (uint32_t* p = &__bss_start; p < &__bss_end;) *p++ = 0;
#if defined(__ARM_FP)
  /* CPACR: full access to coprocessors 10 and 11 (the FPU). */
  *(volatile uint32_t*)0xE000ED88 |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb");
#endif
  initialise_monitor_handles();
  __libc_init_array();
  exit(main());
}
