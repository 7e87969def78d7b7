/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bare-metal ARMv7-A port (Cortex-A5/A7/A9/A15, ARM or Thumb-2 state, one
 * core).
 *
 * The spin lock masks IRQ and FIQ in CPSR (the previous mask bits are the
 * key): on one core that makes the critical section exclusive. Atomics use
 * the exclusive monitor (LDREX/STREX, through the compiler's builtins).
 * The context token is the processor mode (CPSR[4:0]): SVC or System mode is
 * the application, IRQ or FIQ mode an interrupt handler. An SMP port would
 * add a real spin lock on top of the mask; a kernel port would return the
 * running thread in thread context.
 */
#ifndef DMA_PORT_IMPL_H_
#define DMA_PORT_IMPL_H_

#include <stdbool.h>
#include <stdint.h>

typedef struct {
	uint32_t unused;
} dma_port_spinlock_t;

typedef uint32_t dma_port_key_t;

typedef volatile uint32_t dma_port_atomic_t;

#define DMA_PORT_CPSR_IF_ (0xC0u)
#define DMA_PORT_MODE_IRQ_ 0x12u
#define DMA_PORT_MODE_FIQ_ 0x11u

static inline uint32_t dma_port_cpsr_(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr) : : "memory");
	return cpsr;
}

static inline dma_port_key_t dma_port_lock(dma_port_spinlock_t *l)
{
	uint32_t cpsr = dma_port_cpsr_();

	(void)l;
	__asm__ volatile("cpsid if" ::: "memory");
	return cpsr & DMA_PORT_CPSR_IF_;
}

static inline void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key)
{
	(void)l;
	/* Unmask only what the matching lock found unmasked. */
	if ((key & 0x80u) == 0u) {
		__asm__ volatile("cpsie i" ::: "memory");
	}
	if ((key & 0x40u) == 0u) {
		__asm__ volatile("cpsie f" ::: "memory");
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

/* DSB: every memory access before it completes before the next
 * instruction, so descriptors and data reach memory before the register
 * write that starts the controller, and data it wrote is read after. (With
 * the data cache on, the buffers also need cache maintenance: see
 * docs/cache-coherence.md.) */
static inline void dma_port_io_barrier(void)
{
	__asm__ volatile("dsb" ::: "memory");
}

static inline bool dma_port_in_isr(void)
{
	uint32_t mode = dma_port_cpsr_() & 0x1Fu;

	return mode == DMA_PORT_MODE_IRQ_ || mode == DMA_PORT_MODE_FIQ_;
}

static inline uintptr_t dma_port_context(void)
{
	return (uintptr_t)(dma_port_cpsr_() & 0x1Fu);
}

#endif /* DMA_PORT_IMPL_H_ */
