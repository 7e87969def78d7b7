/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host port (POSIX threads). "Interrupt context" on a host is any other
 * thread, e.g. an emulated controller's engine thread, so the spin lock is a
 * real multi-core lock; there is no interrupt mask to save.
 *
 * Atomics are the compiler's __atomic built-ins on plain 32-bit words (GCC
 * and Clang, understood by ThreadSanitizer), so that this header, and every
 * library header that includes it, compiles as C11 and as C++ (a test
 * written with GoogleTest or Catch2 can drive the emulated controller).
 */
#ifndef DMA_PORT_IMPL_H_
#define DMA_PORT_IMPL_H_

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
#define DMA_POSIX_TLS_ thread_local
#else
#define DMA_POSIX_TLS_ _Thread_local
#endif

typedef struct {
	uint32_t locked;
} dma_port_spinlock_t;

typedef int dma_port_key_t;

typedef uint32_t dma_port_atomic_t;

static inline void dma_port_relax(void)
{
	/* A yield rather than a pause: a lock holder or engine thread preempted
	 * on a 2-core machine must get the CPU back quickly. */
	sched_yield();
}

/* Tests: a function every barrier calls (NULL: none), set with
 * dma_posix_set_barrier_hook(); the model of weakly ordered memory of the
 * tests (tests/common/ordering.c) commits the writes it holds there. */
extern void (*dma_posix_barrier_hook)(void);
void dma_posix_set_barrier_hook(void (*hook)(void));

/* A full barrier: a sequentially consistent read-modify-write (a fence
 * would do, but ThreadSanitizer does not model fences). */
static inline void dma_port_io_barrier(void)
{
	static DMA_POSIX_TLS_ uint32_t word;
	void (*hook)(void);

	(void)__atomic_fetch_add(&word, 0u, __ATOMIC_SEQ_CST);
	hook = __atomic_load_n(&dma_posix_barrier_hook, __ATOMIC_RELAXED);
	if (hook != NULL) {
		hook();
	}
}

static inline dma_port_key_t dma_port_lock(dma_port_spinlock_t *l)
{
	for (;;) {
		if (__atomic_exchange_n(&l->locked, 1u, __ATOMIC_ACQUIRE) == 0u) {
			return 0;
		}
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0u) {
			dma_port_relax();
		}
	}
}

static inline void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key)
{
	(void)key;
	__atomic_store_n(&l->locked, 0u, __ATOMIC_RELEASE);
}

/* *a is written by the __atomic built-in, which clang-tidy does not see. */
static inline uint32_t dma_port_atomic_or(dma_port_atomic_t *a, uint32_t bits) /* NOLINT(readability-non-const-parameter) */
{
	return __atomic_fetch_or(a, bits, __ATOMIC_SEQ_CST);
}

/* *a is written by the __atomic built-in, which clang-tidy does not see. */
static inline uint32_t dma_port_atomic_and(dma_port_atomic_t *a, uint32_t bits) /* NOLINT(readability-non-const-parameter) */
{
	return __atomic_fetch_and(a, bits, __ATOMIC_SEQ_CST);
}

/* *a is written by the __atomic built-in, which clang-tidy does not see. */
static inline uint32_t dma_port_atomic_add(dma_port_atomic_t *a, uint32_t v) /* NOLINT(readability-non-const-parameter) */
{
	return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);
}

/* Set by threads that play interrupt handlers (see dma_posix_set_isr_thread). */
#ifdef __cplusplus
extern "C" {
#endif
extern DMA_POSIX_TLS_ bool dma_posix_isr_thread;
#ifdef __cplusplus
}
#endif

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
	return __atomic_load_n(a, __ATOMIC_SEQ_CST);
}

#endif /* DMA_PORT_IMPL_H_ */
