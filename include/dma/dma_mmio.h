/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Register access of the register-level drivers.
 *
 * Every register-level driver reads and writes its registers through these
 * two functions. By default they are plain 32-bit volatile accesses. A build
 * that defines DMA_MMIO_EXTERNAL provides them itself instead: the host unit
 * tests do, to put a behavioural model of the silicon behind the registers
 * (tests/unit/pl08x_silicon.c).
 */
#ifndef DMA_DMA_MMIO_H_
#define DMA_DMA_MMIO_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef DMA_MMIO_EXTERNAL
uint32_t dma_mmio_read32(uintptr_t addr);
void dma_mmio_write32(uintptr_t addr, uint32_t value);
#else
/**
 * @brief Read a 32-bit device register.
 * @param addr Its address.
 * @return Its value.
 */
static inline uint32_t dma_mmio_read32(uintptr_t addr)
{
	return *(volatile const uint32_t *)addr;
}

/**
 * @brief Write a 32-bit device register.
 * @param addr  Its address.
 * @param value The value.
 */
static inline void dma_mmio_write32(uintptr_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}
#endif

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_MMIO_H_ */
