/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V port: the trap nesting count the board's trap handler keeps. */
#include "dma/dma_port.h"

volatile uint32_t dma_port_riscv_trap_depth;
