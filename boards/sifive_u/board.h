/* SPDX-License-Identifier: Apache-2.0 */
/* QEMU sifive_u board support: console, clock, exit, the PDMA. */
#ifndef BOARD_SIFIVE_U_H_
#define BOARD_SIFIVE_U_H_

#include <stdint.h>

#include "dma/device.h"

/** The PDMA of the FU540 ("pdma", 4 channels). */
extern const struct device dma_pdma;

/** Write a string to the host console (semihosting). */
void board_puts(const char *s);
/** Milliseconds since start-up (the CLINT's 1 ms tick). */
uint32_t board_ms(void);
/** End the program: QEMU exits with @p code. */
void board_exit(int code) __attribute__((noreturn));

#endif /* BOARD_SIFIVE_U_H_ */
