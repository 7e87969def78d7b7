/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The emulated DMA controller (host).
 *
 * The emulated DMA controller (host only): a controller whose "hardware"
 * really moves the bytes and reports completions like an interrupt would,
 * and can inject bus errors for tests. In wall-clock mode (DMA_EMUL_DEFINE())
 * an engine thread per instance moves them while the caller goes on; on
 * virtual time (DMA_EMUL_VIRTUAL_DEFINE()) there is no thread and they move
 * when the program lets time pass (dma_emul_advance()).
 *
 * The host build defines a ready instance named "dma_emul"
 * (DMA_EMUL_DEFAULT_CHANNELS channels, DMA_CONFIG_MAX_BLOCKS blocks per
 * transfer); define more with DMA_EMUL_DEFINE().
 */
#ifndef DMA_DMA_EMUL_H_
#define DMA_DMA_EMUL_H_

#include <pthread.h>
#include <semaphore.h>
#ifdef __cplusplus
#include <atomic>
/** @cond INTERNAL_HIDDEN */
#define DMA_EMUL_ATOMIC_(T) std::atomic<T>
/** @endcond */
#else
#include <stdatomic.h>
/** @cond INTERNAL_HIDDEN */
#define DMA_EMUL_ATOMIC_(T) _Atomic(T)
/** @endcond */
#endif

#include "dma/dma_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Request lines (dma_slot values) an emulated controller has for peripherals. */
#define DMA_EMUL_REQUEST_LINES 16u

struct dma_emul_periph;
struct dma_emul_trace;

/** @cond INTERNAL_HIDDEN */
/* "Registers" of one emulated channel. */
struct dma_emul_chan {
	DMA_EMUL_ATOMIC_(unsigned long long) moved;  /* bytes moved by the current transfer */
	/* Virtual time up to which this channel has run (virtual-time mode). */
	uint64_t t_ns;
	/* Position, owned by the engine while enabled. */
	uintptr_t src;
	uintptr_t dst;
	/* Peripheral ends of the current transfer (NULL: memory). */
	struct dma_emul_periph *src_p;
	struct dma_emul_periph *dst_p;
	DMA_EMUL_ATOMIC_(unsigned int) ctrl;     /* DMA_EMUL_EN_ | DMA_EMUL_HALT_, written by API calls */
	DMA_EMUL_ATOMIC_(unsigned int) busy;     /* engine is moving bytes of this channel */
	uint32_t seq;         /* transfer id given by the core at start */
	uint32_t blk;
	uint32_t off;
	uint32_t src_run;
	uint32_t dst_run;
	uint32_t req;         /* bytes per request (one burst) */
	/* Injected fault: armed while fault_err != 0. */
	DMA_EMUL_ATOMIC_(int) fault_err;
	DMA_EMUL_ATOMIC_(unsigned int) fault_blk;
	DMA_EMUL_ATOMIC_(unsigned int) fault_off;
	bool half_done;
	bool src_hw, dst_hw;  /* hardware handshake: wait for requests */
	uint32_t wait_n;      /* virtual time: bytes the last wait was for */
};

/* What an instance is made of (its driver config). */
struct dma_emul_config {
	struct dma_emul_chan *chans;
	/* 0: wall-clock mode (an engine thread); else virtual time, bytes move
	 * at one per this many virtual ns. */
	uint32_t ns_per_byte;
};

struct dma_emul_data {
	struct dma_emul_chan *chans;
	/* Virtual time: now, and the time of the event being reported. */
	uint64_t now_ns;
	uint64_t event_ns;
	uint32_t ns_per_byte;
	bool advancing;
	sem_t doorbell;
	DMA_EMUL_ATOMIC_(unsigned int) doorbell_pending;
	DMA_EMUL_ATOMIC_(unsigned int) rate; /* bytes per second, 0 = as fast as memory */
	uint32_t rr;      /* round-robin start, engine only */
	pthread_t engine;
	struct dma_emul_periph *lines[DMA_EMUL_REQUEST_LINES];
	DMA_EMUL_ATOMIC_(struct dma_emul_trace *) trace;
};

extern const struct dma_driver_ops dma_emul_ops;

#define DMA_EMUL_CAPS_INIT_(nchan, nblocks)                                                    \
	{                                                                                      \
		.channels = (nchan), .max_block_count = (nblocks),                             \
		.max_block_size = UINT32_MAX, .data_sizes = 1u | 2u | 4u | 8u,                 \
		.max_burst_length = 256u,                                                      \
		.directions = (1u << MEMORY_TO_MEMORY) | (1u << MEMORY_TO_PERIPHERAL) |        \
			      (1u << PERIPHERAL_TO_MEMORY) | (1u << PERIPHERAL_TO_PERIPHERAL), \
		.source_addr_adj = 7u, .dest_addr_adj = 7u, .addr_alignment = 1u,              \
		.size_alignment = 1u, .copy_alignment = 1u, .addr_aligned_to_width = 0u,       \
		.features = DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND |              \
			    DMA_CAP_RELOAD | DMA_CAP_GATHER_SCATTER | DMA_CAP_MIXED_WIDTHS |   \
			    DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK |                   \
			    DMA_CAP_ERROR_REPORT | DMA_CAP_OBSERVABLE_RUNNING,                 \
	}
/** @endcond */

/**
 * @brief Define an emulated controller instance.
 * @param sym      C identifier of the `const struct device`.
 * @param dev_name Name for device_get_binding().
 * @param nchan    Channels (1..DMA_MAX_CHANNELS).
 * @param nblocks  Blocks per transfer (descriptors per channel).
 */
#define DMA_EMUL_DEFINE(sym, dev_name, nchan, nblocks)                                         \
	DMA_EMUL_DEFINE_TIMED_(sym, dev_name, nchan, nblocks, 0u)

/** @cond INTERNAL_HIDDEN */
#define DMA_EMUL_DEFINE_TIMED_(sym, dev_name, nchan, nblocks, ns_per_byte_)                    \
	static struct dma_emul_chan sym##_emul_chans_[(nchan)];                                \
	static const struct dma_emul_config sym##_emul_cfg_ = {sym##_emul_chans_,             \
							       (ns_per_byte_)};               \
	static struct dma_emul_data sym##_emul_data_;                                          \
	static const struct dma_capabilities sym##_emul_caps_ =                                \
		DMA_EMUL_CAPS_INIT_((nchan), (nblocks));                                       \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &dma_emul_ops, &sym##_emul_caps_, (nchan),       \
			      (nblocks), &sym##_emul_cfg_, &sym##_emul_data_)
/** @endcond */

/**
 * @brief Define an emulated controller on virtual time.
 *
 * No engine thread: time passes only when the program calls
 * dma_emul_advance() (or dma_emul_run_until_idle()). Bytes move at one per
 * @p ns_per_byte virtual nanoseconds on each channel, in whole beats (a
 * beat is the larger of the two data sizes: status and memory change a beat
 * at a time, and the part of a beat a suspend interrupts is lost); every
 * half, block, completion, lap and error happens at an exact virtual time
 * (dma_emul_now()), and its callback runs inside the advancing call, as an
 * interrupt would. The same program gives the same events at the same
 * times, run after run, and the trace is stamped in virtual time.
 *
 * Channels do not share the bus: each moves at the full rate, and
 * channel_priority changes nothing. Events due at the same instant are
 * given in channel order (lower first); a callback sees every channel as it
 * is at its event's time, one whose own event is due at the same instant
 * with all its bytes moved (that event comes next, like a pending
 * interrupt). The symbol @p sym has external linkage, as a device defined
 * with DMA_CONTROLLER_DEFINE(): one definition per program.
 *
 * @param sym         C identifier of the `const struct device`.
 * @param dev_name    Name for device_get_binding().
 * @param nchan       Channels (1..DMA_MAX_CHANNELS).
 * @param nblocks     Blocks per transfer.
 * @param ns_per_byte Virtual nanoseconds per byte on a channel (1: 1 GB/s).
 */
#define DMA_EMUL_VIRTUAL_DEFINE(sym, dev_name, nchan, nblocks, ns_per_byte)                    \
	DMA_EMUL_DEFINE_TIMED_(sym, dev_name, nchan, nblocks, ns_per_byte)

/**
 * @brief Let @p ns of virtual time pass on a virtual-time instance: every
 *        running channel moves its bytes, events happen at their times and
 *        their callbacks run, in this call. Callbacks may call the API
 *        (restart, stop, start another channel), as from an interrupt, but
 *        not let time pass themselves. An event due at the current time
 *        (a fault injected where a transfer stands) is given by an advance
 *        of 0 ns.
 * @param dev A virtual-time emulated controller.
 * @param ns  Virtual nanoseconds.
 * @retval 0 success. @retval -EINVAL not a virtual-time emulated controller,
 *         or virtual time would pass 2^64 - 1 ns (nothing changes).
 * @retval -EBUSY called from a callback of this controller (nothing changes).
 */
int dma_emul_advance(const struct device *dev, uint64_t ns);

/**
 * @brief Advance until no channel runs (bounded by @p max_ns): time stops
 *        at the last channel's completion (or error), so dma_emul_now() is
 *        then that event's time. A suspended channel counts as running.
 * @param dev    A virtual-time emulated controller.
 * @param max_ns The most virtual time to let pass.
 * @retval 0 idle (no time passes if nothing ran). @retval -EBUSY still
 *         running after exactly @p max_ns (e.g. a cyclic transfer), or
 *         called from a callback. @retval -EINVAL not a virtual-time
 *         instance.
 */
int dma_emul_run_until_idle(const struct device *dev, uint64_t max_ns);

/**
 * @brief The virtual time of a virtual-time instance, in ns: inside a
 *        callback, the time of its event; elsewhere, now.
 * @param dev A virtual-time emulated controller.
 * @return The time, or 0 for another device.
 */
uint64_t dma_emul_now(const struct device *dev);

/**
 * @brief Define an emulated controller shaped like another controller: it
 *        moves bytes like any emulated instance, but its capabilities are
 *        @p caps_ptr's, so the core refuses what that controller refuses
 *        and the suite skips what it lacks (-ENOSYS for suspend/resume or
 *        reload when its features leave them out).
 *
 * Ready profiles: DMA_EMUL_CAPS_MINIMAL() (the skeleton driver's shape) and
 * DMA_EMUL_CAPS_PL081 (a PL081's limits). @p caps_ptr's channels and
 * max_block_count must not exceed @p nchan and @p nblocks (init refuses the
 * instance with a reason otherwise).
 *
 * @param sym      C identifier of the `const struct device`.
 * @param dev_name Name for device_get_binding().
 * @param caps_ptr const struct dma_capabilities * (static storage).
 * @param nchan    Channels of storage.
 * @param nblocks  Blocks per channel of storage.
 */
#define DMA_EMUL_DEFINE_PROFILE(sym, dev_name, caps_ptr, nchan, nblocks)                       \
	static struct dma_emul_chan sym##_emul_chans_[(nchan)];                                \
	static const struct dma_emul_config sym##_emul_cfg_ = {sym##_emul_chans_, 0u};        \
	static struct dma_emul_data sym##_emul_data_;                                          \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &dma_emul_ops, (caps_ptr), (nchan), (nblocks),   \
			      &sym##_emul_cfg_, &sym##_emul_data_)

/**
 * @brief Capabilities of the smallest useful controller (the skeleton
 *        driver's): memory to memory, incrementing addresses, 1/2/4-byte
 *        units aligned to their size, block lists with per-block callbacks,
 *        nothing else (DMA_CAPS_MINIMAL()), and RUNNING observable.
 * @param nchan   Channels.
 * @param nblocks Blocks per transfer.
 */
#define DMA_EMUL_CAPS_MINIMAL(nchan, nblocks)                                                  \
	DMA_CAPS_MINIMAL((nchan), (nblocks), DMA_CAP_OBSERVABLE_RUNNING)

/**
 * @brief Capabilities of a PL081 (drivers/pl08x, silicon, not QEMU's model):
 *        2 channels, 16 blocks, 1/2/4-byte units aligned to their size,
 *        incrementing or fixed addresses, every direction, no gather/scatter.
 */
#define DMA_EMUL_CAPS_PL081                                                                    \
	{                                                                                      \
		.channels = 2u, .max_block_count = 16u, .max_block_size = 4095u * 32u,         \
		.data_sizes = 1u | 2u | 4u, .max_burst_length = 1024u,                         \
		.directions = (1u << MEMORY_TO_MEMORY) | (1u << MEMORY_TO_PERIPHERAL) |        \
			      (1u << PERIPHERAL_TO_MEMORY) | (1u << PERIPHERAL_TO_PERIPHERAL), \
		.source_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE), \
		.dest_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),   \
		.addr_alignment = 1u, .size_alignment = 1u, .copy_alignment = 1u,              \
		.addr_aligned_to_width = 1u,                                                   \
		.features = DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND |              \
			    DMA_CAP_RELOAD | DMA_CAP_MIXED_WIDTHS | DMA_CAP_HALF_COMPLETE |    \
			    DMA_CAP_BLOCK_CALLBACK | DMA_CAP_ERROR_REPORT |                    \
			    DMA_CAP_OBSERVABLE_RUNNING,                                        \
	}

#if DMA_EMUL_DEFAULT_INSTANCE
/** The ready-made instance, also found as device_get_binding("dma_emul"). */
extern const struct device dma_emul_0;
#endif

/**
 * @brief Arm a bus error on @p channel's next transfer that reaches byte
 *        @p offset of block @p block.
 *
 * Bytes before the offset are moved, none after it; then the transfer fails
 * with @p error (a negative errno, e.g. -EIO) through the core's error path.
 * One-shot. The channel must be configured and the position inside the
 * current configuration; a fault that has not fired yet is disarmed by the
 * next dma_config() or dma_reload() of the channel and by its release.
 *
 * @param dev     An emulated controller.
 * @param channel The channel.
 * @param block   Index of the block in the configuration.
 * @param offset  Byte offset in that block (rounded down to a whole beat).
 * @param error   The status the transfer fails with (< 0).
 * @retval 0 armed. @retval -EINVAL bad channel, position or error value.
 */
int dma_emul_inject_fault(const struct device *dev, uint32_t channel, uint32_t block,
			  uint32_t offset, int error);

/**
 * @brief Pace the engine at @p bytes_per_second (0: as fast as memory).
 *
 * Makes transfers take observable time, as on a slow bus.
 * @param dev              An emulated controller.
 * @param bytes_per_second The pace, or 0.
 * @retval 0 success. @retval -EINVAL NULL device, not an emulated
 *         controller, or one on virtual time (its rate is fixed by
 *         DMA_EMUL_VIRTUAL_DEFINE()).
 */
int dma_emul_set_rate(const struct device *dev, uint32_t bytes_per_second);

/**
 * @brief The engine thread of an emulated controller (its "hardware"), e.g.
 *        to pin it to a CPU or give it a priority.
 * @param dev    An emulated controller.
 * @param thread Receives the thread.
 * @retval 0 success. @retval -EINVAL NULL argument, not an emulated
 *         controller, or one on virtual time (it has no thread).
 */
int dma_emul_engine_thread(const struct device *dev, pthread_t *thread);

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_EMUL_H_ */
