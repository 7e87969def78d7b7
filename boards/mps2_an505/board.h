/* SPDX-License-Identifier: Apache-2.0 */
/* QEMU mps2-an505 board support: console, clock, exit. */
#ifndef BOARD_MPS2_AN505_H_
#define BOARD_MPS2_AN505_H_

#include <stdint.h>

#include "dma/device.h"

/** The four PL081 controllers ("dma0".."dma3"). */
extern const struct device dma_pl081_0, dma_pl081_1, dma_pl081_2, dma_pl081_3;

/** Write a string to the host console (semihosting). */
void board_puts(const char *s);
/** Milliseconds since reset (SysTick). */
uint32_t board_ms(void);
/** End the program: QEMU exits with @p code. */
void board_exit(int code) __attribute__((noreturn));

#endif /* BOARD_MPS2_AN505_H_ */
