/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Build-time options and their defaults.
 *
 * Build-time options of the DMA library.
 *
 * Every option has a default here. Override any of them by defining it on the
 * compiler command line, or by pointing DMA_USER_CONFIG_FILE at a header of
 * your own (e.g. -DDMA_USER_CONFIG_FILE='"my_dma_config.h"'), which is
 * included first. Nothing in the library allocates memory at run time: these
 * options size its static storage.
 */
#ifndef DMA_OPTIONS_H_
#define DMA_OPTIONS_H_

#include <stdint.h>

#ifdef DMA_USER_CONFIG_FILE
#include DMA_USER_CONFIG_FILE
#endif

/**
 * Default number of block descriptors each channel owns (the largest
 * block_count a dma_config may use). A controller instance may choose its own
 * number in its definition macro. Each descriptor costs
 * sizeof(struct dma_block_config) bytes of RAM per channel.
 */
#ifndef DMA_CONFIG_MAX_BLOCKS
#define DMA_CONFIG_MAX_BLOCKS 16
#endif

/**
 * 1: block addresses are 64 bits wide (Zephyr's CONFIG_DMA_64BIT).
 * Defaults to 1 where a pointer is wider than 32 bits, so that any pointer
 * fits in an address field.
 */
#ifndef DMA_CONFIG_64BIT
#if UINTPTR_MAX > 0xFFFFFFFFu
#define DMA_CONFIG_64BIT 1
#else
#define DMA_CONFIG_64BIT 0
#endif
#endif

#if DMA_CONFIG_64BIT && !defined(CONFIG_DMA_64BIT)
/* Zephyr's name, for application code that tests it. */
#define CONFIG_DMA_64BIT 1
#endif

#if !DMA_CONFIG_64BIT && UINTPTR_MAX > 0xFFFFFFFFu
#error "DMA_CONFIG_64BIT=0 on a 64-bit target: pointers would not fit in DMA addresses"
#endif

/**
 * 1: a refused call tells why. The core and the drivers pass a sentence
 * naming the rule that was broken to the hook set with
 * dma_set_refusal_hook(). 0: the sentences are not compiled in and a
 * refusal costs nothing more than its error code.
 */
#ifndef DMA_CONFIG_REASONS
#define DMA_CONFIG_REASONS 1
#endif

/**
 * @name Features a build can leave out
 * Each is 1 (compiled in) by default. 0 leaves the feature's code out of
 * the core and the PL08x driver (docs/footprint.md gives the bytes saved;
 * the other drivers keep theirs, unused), and takes its DMA_CAP_* flag out
 * of every controller's capabilities
 * (dma_get_capabilities()), so a build without it behaves as a controller
 * without it: dma_config() of a configuration asking for it is refused with
 * -EINVAL (the reason names the option), and dma_suspend()/dma_resume() or
 * dma_reload() answer -ENOSYS.
 * @{
 */
/** Cyclic transfers (rings) and the ring fields of dma_get_status(). */
#ifndef DMA_CONFIG_CYCLIC
#define DMA_CONFIG_CYCLIC 1
#endif
/** Channel chaining (source_chaining_en, dest_chaining_en, linked_channel). */
#ifndef DMA_CONFIG_CHAINING
#define DMA_CONFIG_CHAINING 1
#endif
/** DMA_STATUS_HALF_COMPLETE callbacks (half_complete_callback_en). */
#ifndef DMA_CONFIG_HALF_COMPLETE
#define DMA_CONFIG_HALF_COMPLETE 1
#endif
/** dma_suspend() and dma_resume(). */
#ifndef DMA_CONFIG_SUSPEND
#define DMA_CONFIG_SUSPEND 1
#endif
/** dma_reload(). */
#ifndef DMA_CONFIG_RELOAD
#define DMA_CONFIG_RELOAD 1
#endif
/** @} */

/**
 * Emulated controller: the largest number of bytes the engine moves for one
 * channel before it looks at stop/suspend requests and serves the next
 * channel. Bounds the time dma_stop and dma_suspend wait for the engine.
 */
#ifndef DMA_EMUL_CHUNK_BYTES
#define DMA_EMUL_CHUNK_BYTES (64u * 1024u)
#endif

/**
 * Emulated controller: how long the engine keeps polling for new work after
 * its last transfer before it sleeps, in microseconds (0: sleep at once).
 * Real DMA hardware is always ready; a sleeping engine thread pays a thread
 * wake-up (on a VM, tens of microseconds across CPUs) for every start.
 */
#ifndef DMA_EMUL_IDLE_POLL_US
#define DMA_EMUL_IDLE_POLL_US 200
#endif

/** Emulated controller: channels of the ready-made "dma_emul" instance. */
#ifndef DMA_EMUL_DEFAULT_CHANNELS
#define DMA_EMUL_DEFAULT_CHANNELS 8
#endif

/** 1: the host build defines the ready-made "dma_emul" instance. */
#ifndef DMA_EMUL_DEFAULT_INSTANCE
#define DMA_EMUL_DEFAULT_INSTANCE 1
#endif

#if DMA_CONFIG_MAX_BLOCKS < 1
#error "DMA_CONFIG_MAX_BLOCKS must be at least 1"
#endif

#endif /* DMA_OPTIONS_H_ */
