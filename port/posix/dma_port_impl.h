/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host port (POSIX threads, C11 atomics). "Interrupt context" on a host is
 * any other thread, e.g. an emulated controller's engine thread, so the spin
 * lock is a real multi-core lock; there is no interrupt mask to save.
 */
#ifndef DMA_PORT_IMPL_H_
#define DMA_PORT_IMPL_H_

#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct {
	atomic_uint locked;
} dma_port_spinlock_t;

typedef int dma_port_key_t;

typedef atomic_uint dma_port_atomic_t;

static inline void dma_port_relax(void)
{
	/* A yield rather than a pause: a lock holder or engine thread preempted
	 * on a 2-core machine must get the CPU back quickly. */
	sched_yield();
}

/* A full barrier: a sequentially consistent read-modify-write (a fence
 * would do, but ThreadSanitizer does not model fences). */
static inline void dma_port_io_barrier(void)
{
	static _Thread_local atomic_uint word;

	(void)atomic_fetch_add_explicit(&word, 0u, memory_order_seq_cst);
}

static inline dma_port_key_t dma_port_lock(dma_port_spinlock_t *l)
{
	for (;;) {
		if (atomic_exchange_explicit(&l->locked, 1u, memory_order_acquire) == 0u) {
			return 0;
		}
		while (atomic_load_explicit(&l->locked, memory_order_relaxed) != 0u) {
			dma_port_relax();
		}
	}
}

static inline void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key)
{
	(void)key;
	atomic_store_explicit(&l->locked, 0u, memory_order_release);
}

static inline uint32_t dma_port_atomic_or(dma_port_atomic_t *a, uint32_t bits)
{
	return atomic_fetch_or(a, bits);
}

static inline uint32_t dma_port_atomic_and(dma_port_atomic_t *a, uint32_t bits)
{
	return atomic_fetch_and(a, bits);
}

static inline uint32_t dma_port_atomic_add(dma_port_atomic_t *a, uint32_t v)
{
	return atomic_fetch_add(a, v);
}

/* Set by threads that play interrupt handlers (see dma_posix_set_isr_thread). */
extern _Thread_local bool dma_posix_isr_thread;

static inline bool dma_port_in_isr(void)
{
	return dma_posix_isr_thread;
}

/* The context running: the calling thread (the address of its own copy of
 * a thread-local variable). */
static inline uintptr_t dma_port_context(void)
{
	return (uintptr_t)&dma_posix_isr_thread;
}

/** Mark the calling thread as interrupt context (e.g. an engine thread). */
static inline void dma_posix_set_isr_thread(bool isr)
{
	dma_posix_isr_thread = isr;
}

static inline uint32_t dma_port_atomic_load(const dma_port_atomic_t *a)
{
	return atomic_load((dma_port_atomic_t *)a);
}

#endif /* DMA_PORT_IMPL_H_ */
