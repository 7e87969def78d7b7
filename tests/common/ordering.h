/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A model of weakly ordered memory between the CPU and a DMA master, for the
 * silicon models and the software controller of the tests.
 *
 * On silicon with write buffers (or caches kept coherent only at barriers),
 * what the CPU wrote may not yet be what the controller reads when the
 * channel is enabled, and what the controller wrote may not yet be what the
 * CPU reads when it takes the interrupt. A driver issues
 * dma_port_io_barrier() between the two. With the model on:
 *   - a CPU write made with ord_cpu_write() stays invisible to the models'
 *     bus reads (ord_dma_read) until the next barrier;
 *   - a model's bus write (ord_dma_write) stays invisible to the CPU (plain
 *     memory) until the next barrier; the models' own reads see it;
 *   - a run started (ord_dma_load) while CPU writes are held reads the old
 *     bytes there for as long as it runs, even after a later barrier (the
 *     models read memory when the test moves time, silicon at once).
 * Off (the default), every call is a plain copy.
 */
#ifndef ORDERING_H_
#define ORDERING_H_

#include <stdbool.h>
#include <stddef.h>

/** Turn the model on or off; off commits everything still held. */
void ord_set_weak(bool on);
/** The CPU writes @p n bytes of @p src at @p dst (held until a barrier). */
void ord_cpu_write(void *dst, const void *src, size_t n);
/** A DMA master writes (held from the CPU until a barrier). */
void ord_dma_write(void *dst, const void *src, size_t n);
/** A DMA master reads: memory, under its own writes still held. */
void ord_dma_read(void *dst, const void *src, size_t n);
/** The index of the first byte where @p a and @p b differ, -1 if none. */
long ord_first_difference(const void *a, const void *b, size_t n);
/** A DMA master starts a run (a channel enabled, a run loaded). */
void ord_dma_load(void);
/** Barriers issued so far (dma_port_io_barrier() calls while on). */
unsigned ord_barriers(void);

#endif /* ORDERING_H_ */
