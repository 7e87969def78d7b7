/* SPDX-License-Identifier: Apache-2.0 */
/* The host port's state: which threads play interrupt handlers, and the
 * tests' barrier hook. */
#include "dma/dma_port.h"

_Thread_local bool dma_posix_isr_thread;

void (*dma_posix_barrier_hook)(void);

void dma_posix_set_barrier_hook(void (*hook)(void))
{
	__atomic_store_n(&dma_posix_barrier_hook, hook, __ATOMIC_RELAXED);
}
