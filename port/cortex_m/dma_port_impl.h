/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Bare-metal Cortex-M port (single core).
 *
 * The spin lock masks interrupts with PRIMASK: on one core that alone makes
 * the critical section exclusive, so the lock word is not needed. Atomics use
 * the exclusive monitor (LDREX/STREX, through the compiler's builtins) on
 * ARMv7-M and ARMv8-M Mainline; ARMv6-M and ARMv8-M Baseline have no
 * exclusives, so there they run with interrupts masked.
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

static inline uint32_t dma_port_irq_save_(void)
{
	uint32_t primask;

	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) : : "memory");
	return primask;
}

static inline void dma_port_irq_restore_(uint32_t primask)
{
	__asm__ volatile("msr primask, %0" : : "r"(primask) : "memory");
}

static inline dma_port_key_t dma_port_lock(dma_port_spinlock_t *l)
{
	(void)l;
	return dma_port_irq_save_();
}

static inline void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key)
{
	(void)l;
	dma_port_irq_restore_(key);
}

static inline void dma_port_relax(void)
{
	__asm__ volatile("nop" ::: "memory");
}

#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
static inline uint32_t dma_port_atomic_or(dma_port_atomic_t *a, uint32_t bits)
{
	uint32_t key = dma_port_irq_save_();
	uint32_t old = *a;

	*a = old | bits;
	dma_port_irq_restore_(key);
	return old;
}

static inline uint32_t dma_port_atomic_and(dma_port_atomic_t *a, uint32_t bits)
{
	uint32_t key = dma_port_irq_save_();
	uint32_t old = *a;

	*a = old & bits;
	dma_port_irq_restore_(key);
	return old;
}

static inline uint32_t dma_port_atomic_add(dma_port_atomic_t *a, uint32_t v)
{
	uint32_t key = dma_port_irq_save_();
	uint32_t old = *a;

	*a = old + v;
	dma_port_irq_restore_(key);
	return old;
}
#else
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
#endif

/* DSB: completes every memory access before the next instruction (and
 * therefore before the device register write that follows). */
static inline void dma_port_io_barrier(void)
{
	__asm__ volatile("dsb" ::: "memory");
}

static inline bool dma_port_in_isr(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	return ipsr != 0u;
}

/* The context running: the active exception number (IPSR), 0 in thread
 * mode. Under an RTOS with several threads, a port should return the
 * running thread's identity in thread mode instead. */
static inline uintptr_t dma_port_context(void)
{
	uint32_t ipsr;

	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	return (uintptr_t)ipsr;
}

static inline uint32_t dma_port_atomic_load(const dma_port_atomic_t *a)
{
	return __atomic_load_n(a, __ATOMIC_SEQ_CST);
}

#endif /* DMA_PORT_IMPL_H_ */
