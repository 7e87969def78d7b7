/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The porting contract.
 *
 * The porting contract: everything the library needs from an OS or an
 * architecture. A port is a directory port/NAME/ holding dma_port_impl.h
 * (put it on the include path); it defines the types and functions below,
 * usually as static inline functions.
 *
 * Types
 *   dma_port_spinlock_t  A spin lock. Zero-initialised storage must be a
 *                        valid unlocked lock.
 *   dma_port_key_t       What dma_port_lock() returns for dma_port_unlock()
 *                        (e.g. the saved interrupt mask).
 *   dma_port_atomic_t    A 32-bit word that the functions below update
 *                        atomically with respect to threads, interrupts and
 *                        other cores.
 *
 * Functions (all callable from interrupt context, none may block or sleep)
 *   dma_port_key_t dma_port_lock(dma_port_spinlock_t *l);
 *       Mask what could preempt the caller on this core (interrupts on an
 *       MCU) and take the lock. Not recursive. Held only for a bounded,
 *       short time by the library.
 *   void dma_port_unlock(dma_port_spinlock_t *l, dma_port_key_t key);
 *       Release the lock and restore what dma_port_lock() masked.
 *   uint32_t dma_port_atomic_or(dma_port_atomic_t *a, uint32_t bits);
 *   uint32_t dma_port_atomic_and(dma_port_atomic_t *a, uint32_t bits);
 *       Atomic read-modify-write, return the previous value. Sequentially
 *       consistent.
 *   uint32_t dma_port_atomic_add(dma_port_atomic_t *a, uint32_t v);
 *       Atomic add (subtract with a negated v), returns the previous value.
 *   uint32_t dma_port_atomic_load(const dma_port_atomic_t *a);
 *   bool dma_port_in_isr(void);
 *       True in interrupt context: an interrupt handler on an MCU; on a host
 *       a thread marked as one (an emulated controller's engine thread).
 *       dma_stop() waits for a running callback only outside it.
 *   uintptr_t dma_port_context(void);
 *       A token that identifies the context running now, the same for the
 *       whole of one interrupt handler or thread and different for any
 *       context that can run at the same time or preempt it: the thread on
 *       a host, the active exception number on Cortex-M (0 in thread mode;
 *       under an RTOS, the running thread). The core records it when it
 *       calls a channel's callback, so that a dma_stop(),
 *       dma_release_channel() or dma_config() made from inside that
 *       callback, even when the driver reported the event from the
 *       caller's own thread (a polling or software driver), returns at
 *       once instead of waiting for the callback it is part of.
 *   void dma_port_io_barrier(void);
 *       Order memory and device accesses for a DMA hand-over: every write
 *       to memory before it (descriptors, source data) is visible to a bus
 *       master before any device register write after it, and memory read
 *       after it (data the controller wrote) is not read earlier. A driver
 *       calls it before enabling a channel and in its interrupt handler
 *       before it reports completed data. DSB on Arm; a full fence on a
 *       host.
 *   void dma_port_relax(void);
 *       Called in bounded busy-wait loops (e.g. waiting for a channel to go
 *       idle): a pause instruction or a yield to the scheduler.
 *
 * Start-up
 *   The board makes sure device_init_all() runs once before the application
 *   uses a device: the host board (boards/host/startup.c) does it from a
 *   constructor; bare-metal boards call it from their reset handler before
 *   main().
 */
#ifndef DMA_PORT_H_
#define DMA_PORT_H_

#include <stdbool.h>
#include <stdint.h>

#include "dma_port_impl.h"

#endif /* DMA_PORT_H_ */
