/* SPDX-License-Identifier: Apache-2.0 */
/* QEMU xilinx-zynq-a9 board support: console, clock, exit, the PL330. */
#ifndef BOARD_ZYNQ7000_H_
#define BOARD_ZYNQ7000_H_

#include <stdint.h>

#include "dma/device.h"

/** The PL330 of the Zynq-7000 PS ("pl330", 8 channels). */
extern const struct device dma_pl330;

/** Write a string to the host console (semihosting). */
void board_puts(const char *s);
/** Milliseconds since start-up (the A9 private timer's 1 ms tick). */
uint32_t board_ms(void);
/** End the program: QEMU exits with @p code. */
void board_exit(int code) __attribute__((noreturn));

#endif /* BOARD_ZYNQ7000_H_ */
