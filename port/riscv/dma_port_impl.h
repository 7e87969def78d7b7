/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bare-metal RISC-V port, machine mode, one hart (RV32 or RV64 with the A
 * extension).
 *
 * The spin lock clears mstatus.MIE (the previous MIE bit is the key): on
 * one hart that makes the critical section exclusive. Atomics are the A
 * extension's AMOs (through the compiler's builtins). RISC-V has no CSR
 * that says "in a trap handler", so the board's trap handler keeps
 * dma_port_riscv_trap_depth (port/riscv/dma_port.c) up to date and the
 * context token is the trap's mcause there, 0 outside.
 */
#ifndef DMA_PORT_IMPL_H_
#define DMA_PORT_IMPL_H_

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint32_t unused;
} dma_port_spinlock_t;

typedef unsigned long dma_port_key_t;

typedef volatile uint32_t dma_port_atomic_t;

/** Traps being served on this hart (the board's trap handler counts). */
extern volatile uint32_t dma_port_riscv_trap_depth;

#define DMA_PORT_MSTATUS_MIE_ 0x8ul

static inline dma_port_key_t dma_port_lock(dma_port_spinlock_t *l)
{
	unsigned long old;

	(void)l;
	__asm__ volatile("csrrc %0, mstatus, %1" : "=r"(old) : "r"(DMA_PORT_MSTATUS_MIE_) : "memory");
	return old & DMA_PORT_MSTATUS_MIE_;
}

static inline void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key)
{
	(void)l;
	if (key != 0u) {
		__asm__ volatile("csrs mstatus, %0" : : "r"(DMA_PORT_MSTATUS_MIE_) : "memory");
	}
}

static inline void dma_port_relax(void)
{
	__asm__ volatile("nop" ::: "memory");
}

static inline uint32_t dma_port_atomic_or(dma_port_atomic_t *a, uint32_t bits)
{
	return __atomic_fetch_or(a, bits, __ATOMIC_SEQ_CST);
}

static inline uint32_t dma_port_atomic_and(dma_port_atomic_t *a, uint32_t bits)
{
	return __atomic_fetch_and(a, bits, __ATOMIC_SEQ_CST);
}

static inline uint32_t dma_port_atomic_add(dma_port_atomic_t *a, uint32_t v)
{
	return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);
}

static inline uint32_t dma_port_atomic_load(const dma_port_atomic_t *a)
{
	return __atomic_load_n(a, __ATOMIC_SEQ_CST);
}

/* Memory and device accesses before it are ordered before those after. */
static inline void dma_port_io_barrier(void)
{
	__asm__ volatile("fence iorw, iorw" ::: "memory");
}

static inline bool dma_port_in_isr(void)
{
	return dma_port_riscv_trap_depth != 0u;
}

static inline uintptr_t dma_port_context(void)
{
	unsigned long cause;

	if (dma_port_riscv_trap_depth == 0u) {
		return 0u;
	}
	__asm__ volatile("csrr %0, mcause" : "=r"(cause));
	return (uintptr_t)cause;
}

#endif /* DMA_PORT_IMPL_H_ */
