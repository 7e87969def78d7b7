/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Public DMA API, source-compatible with Zephyr's dma.h.
 *
 * Public DMA API, source-compatible with Zephyr's <zephyr/drivers/dma.h>
 * (API version 1.1): the same names, argument orders, types, field widths and
 * constant values. Behaviour follows the project's contract
 * (docs: channel states, callbacks, status, validation), which every driver
 * obeys because one shared core implements it.
 *
 * Channel states: UNCONFIGURED (initial), CONFIGURED, RUNNING, SUSPENDED.
 * A call that fails changes nothing: not the state, not the hardware, not any
 * buffer. Every call may be made from a DMA callback, and every call but
 * dma_config() and dma_reload() from any interrupt handler.
 */
#ifndef DMA_DMA_H_
#define DMA_DMA_H_

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dma/device.h"
#include "dma/dma_options.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup dma_interface DMA
 * @brief Interfaces for DMA (Direct Memory Access) controllers.
 * @{
 */

/** @brief DMA channel direction. */
enum dma_channel_direction {
	/** Memory to memory */
	MEMORY_TO_MEMORY = 0x0,
	/** Memory to peripheral */
	MEMORY_TO_PERIPHERAL,
	/** Peripheral to memory */
	PERIPHERAL_TO_MEMORY,
	/** Peripheral to peripheral */
	PERIPHERAL_TO_PERIPHERAL,
	/** Host to memory */
	HOST_TO_MEMORY,
	/** Memory to host */
	MEMORY_TO_HOST,
	/** Number of all common channel directions. */
	DMA_CHANNEL_DIRECTION_COMMON_COUNT,
	/** This and higher values are controller specific. */
	DMA_CHANNEL_DIRECTION_PRIV_START = DMA_CHANNEL_DIRECTION_COMMON_COUNT,
	/** Maximum allowed value (3-bit field). */
	DMA_CHANNEL_DIRECTION_MAX = 0x7
};

/** @brief Address adjustment, for source_addr_adj and dest_addr_adj. */
enum dma_addr_adj {
	/** The block address is the lowest; step up by the data size per unit. */
	DMA_ADDR_ADJ_INCREMENT,
	/** The block address is the first unit; step down by the data size per unit. */
	DMA_ADDR_ADJ_DECREMENT,
	/** Every unit uses the block address (a data register, a fill pattern). */
	DMA_ADDR_ADJ_NO_CHANGE,
};

/** @brief Channel kinds a filter may ask for. */
enum dma_channel_filter {
	/** Normal DMA channel. */
	DMA_CHANNEL_NORMAL,
	/** Channel that can be triggered by periodic sources. */
	DMA_CHANNEL_PERIODIC,
};

/** @brief Attributes readable with dma_get_attribute(). */
enum dma_attribute_type {
	/** Required alignment of buffer addresses, in bytes. */
	DMA_ATTR_BUFFER_ADDRESS_ALIGNMENT,
	/** Required alignment of buffer sizes, in bytes. */
	DMA_ATTR_BUFFER_SIZE_ALIGNMENT,
	/** Smallest chunk the controller can copy, in bytes. */
	DMA_ATTR_COPY_ALIGNMENT,
	/** Largest block_count dma_config() accepts. */
	DMA_ATTR_MAX_BLOCK_COUNT,
};

/** @brief An address as the controller sees it (32 or 64 bits, see DMA_CONFIG_64BIT). */
#if DMA_CONFIG_64BIT
typedef uint64_t dma_addr_t;
#else
typedef uint32_t dma_addr_t;
#endif

/**
 * @brief One block of a transfer.
 *
 * Aside from the addresses and size, most fields are hardware dependent; a
 * controller that cannot honour a field's value refuses it in dma_config().
 */
struct dma_block_config {
	/** Block starting address at the source. */
	dma_addr_t source_address;
	/** Block starting address at the destination. */
	dma_addr_t dest_address;
	/** Extra address step, in bytes, at each gather boundary. */
	uint32_t source_gather_interval;
	/** Extra address step, in bytes, at each scatter boundary. */
	uint32_t dest_scatter_interval;
	/** Units written between scatter boundaries. */
	uint16_t dest_scatter_count;
	/** Units read between gather boundaries. */
	uint16_t source_gather_count;
	/** Number of bytes to transfer in this block. */
	uint32_t block_size;
	/** Next block of the list, or NULL. */
	struct dma_block_config *next_block;
	/** Enable source gathering when set to 1. */
	uint16_t source_gather_en : 1;
	/** Enable destination scattering when set to 1. */
	uint16_t dest_scatter_en : 1;
	/** Source address adjustment (enum dma_addr_adj). */
	uint16_t source_addr_adj : 2;
	/** Destination address adjustment (enum dma_addr_adj). */
	uint16_t dest_addr_adj : 2;
	/** Reload the source address at the end of the block. */
	uint16_t source_reload_en : 1;
	/** Reload the destination address at the end of the block. */
	uint16_t dest_reload_en : 1;
	/** FIFO fill before starting the transfer, hardware specific. */
	uint16_t fifo_mode_control : 4;
	/** Flow control: 0 source served on availability, 1 postponed to destination request. */
	uint16_t flow_control_mode : 1;
	/** Reserved. */
	uint16_t _reserved : 3;
};

/** Callback status: the whole block list finished (or a cyclic lap ended). */
#define DMA_STATUS_COMPLETE 0
/** Callback status: one block of the list finished. */
#define DMA_STATUS_BLOCK 1
/** Callback status: a block reached its midpoint. */
#define DMA_STATUS_HALF_COMPLETE 2

/**
 * @brief Transfer callback.
 *
 * Runs where the driver reports the event: in interrupt context for a
 * hardware controller (on a host: the emulated controller's engine thread);
 * for a software or polling driver (e.g. drivers/skeleton), in the caller's
 * thread, inside the dma_start() or dma_resume() that ran the transfer.
 * Never with a library lock held; may call any API function on any
 * channel, including dma_config()/dma_reload()/dma_start() on its own channel
 * after DMA_STATUS_COMPLETE (the channel is already CONFIGURED then), and
 * dma_stop()/dma_release_channel() of its own channel, which return at once.
 *
 * @param dev       The controller.
 * @param user_data dma_config::user_data.
 * @param channel   The channel.
 * @param status    DMA_STATUS_COMPLETE, DMA_STATUS_BLOCK,
 *                  DMA_STATUS_HALF_COMPLETE, or a negative errno when the
 *                  transfer failed (e.g. -EIO for a bus error; the channel is
 *                  CONFIGURED again).
 */
typedef void (*dma_callback_t)(const struct device *dev, void *user_data, uint32_t channel,
			       int status);

/** @brief Channel configuration, passed to dma_config(). */
struct dma_config {
	/** Peripheral request line, hardware specific. */
	uint32_t dma_slot : 8;
	/** Direction (enum dma_channel_direction). */
	uint32_t channel_direction : 3;
	/** 1: also call back with DMA_STATUS_HALF_COMPLETE at each block's midpoint:
	 *  at the first beat boundary where the whole first half of the block is
	 *  written (a block of 3 beats: after the second). */
	uint32_t half_complete_callback_en : 1;
	/** 0: callback at the end of the list only; 1: also after each block. */
	uint32_t complete_callback_en : 1;
	/** 1: no callback on errors. */
	uint32_t error_callback_dis : 1;
	/** Source handshake: 0 hardware, 1 software. */
	uint32_t source_handshake : 1;
	/** Destination handshake: 0 hardware, 1 software. */
	uint32_t dest_handshake : 1;
	/** Channel priority for arbitration, hardware specific. */
	uint32_t channel_priority : 4;
	/** 1: start linked_channel after each block of this channel. */
	uint32_t source_chaining_en : 1;
	/** 1: start linked_channel when this channel's transfer completes. */
	uint32_t dest_chaining_en : 1;
	/** Channel started by chaining (same controller). */
	uint32_t linked_channel : 7;
	/** 1: loop over the block list until dma_stop(). */
	uint32_t cyclic : 1;
	/** Reserved. */
	uint32_t _reserved : 2;
	/** Width of one source unit, in bytes. */
	uint32_t source_data_size : 16;
	/** Width of one destination unit, in bytes. */
	uint32_t dest_data_size : 16;
	/** Source burst length in bytes (0: the controller's default). */
	uint32_t source_burst_length : 16;
	/** Destination burst length in bytes (0: the controller's default). */
	uint32_t dest_burst_length : 16;
	/** Number of blocks in the list. */
	uint32_t block_count;
	/** First block of the list. */
	struct dma_block_config *head_block;
	/** Passed to the callback. */
	void *user_data;
	/** Callback for completion and error events, or NULL. */
	dma_callback_t dma_callback;
};

/** @brief Run-time status of a channel, filled by dma_get_status(). */
struct dma_status {
	/** true while RUNNING or SUSPENDED. */
	bool busy;
	/** Configured direction. */
	enum dma_channel_direction dir;
	/** Bytes still to move in the current transfer (cyclic: in the current lap); 0 when idle. */
	uint32_t pending_length;
	/** Cyclic transfers: bytes of the lap already written (free space for a reader). */
	uint32_t free;
	/** Cyclic transfers: offset in the lap where the controller writes next. */
	uint32_t write_position;
	/** Cyclic transfers: offset in the lap where the controller reads next. */
	uint32_t read_position;
	/** Bytes moved since the last dma_config(). */
	uint64_t total_copied;
};

/**
 * @brief Configure a channel.
 *
 * Valid in UNCONFIGURED and CONFIGURED (-> CONFIGURED, total_copied reset to
 * 0); -EBUSY in RUNNING and SUSPENDED. The block list is copied: the caller's
 * structs may be reused once the call returns. Blocks past block_count in
 * the list are not read (as in Zephyr). Callable from a DMA callback (e.g.
 * to chain transfers from a completion); not from other interrupt handlers
 * (Zephyr's rule: it validates and copies the whole list).
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel, NULL config or head_block, block_count 0 or
 *         above DMA_ATTR_MAX_BLOCK_COUNT, list shorter than block_count,
 *         block_size 0, unsupported data size, burst, direction or address
 *         adjustment, misaligned address or size, linked_channel out of range
 *         or equal to @p channel.
 * @retval -EBUSY the channel is RUNNING or SUSPENDED.
 * @param dev     Controller.
 * @param channel Channel number.
 * @param config  The configuration (copied; may be reused after the call).
 */
int dma_config(const struct device *dev, uint32_t channel, struct dma_config *config);

/**
 * @brief Give a CONFIGURED channel a new source, destination and size.
 *
 * The transfer becomes one block with those values (the other block settings
 * of the first block are kept) and runs at the next dma_start().
 * Not callable from an interrupt handler, except from a DMA callback.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel, UNCONFIGURED channel, size 0 or unsupported.
 * @retval -EBUSY the channel is RUNNING or SUSPENDED.
 * @param dev     Controller.
 * @param channel Channel number.
 * @param src     New source address.
 * @param dst     New destination address.
 * @param size    New size in bytes.
 */
int dma_reload(const struct device *dev, uint32_t channel, dma_addr_t src, dma_addr_t dst,
	       size_t size);

/**
 * @brief Start the configured transfer.
 *
 * CONFIGURED -> RUNNING, running the configuration from its first block (a
 * finished transfer is run again). RUNNING: 0, nothing changes.
 * ISR-safe.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel; UNCONFIGURED or SUSPENDED channel; a
 *         chaining link that is unconfigured or forms a cycle.
 * @retval -EBUSY a dma_stop() or dma_release_channel() of this channel is
 *         under way in another context, waiting for a callback of the
 *         channel to return (typically the callback itself restarting the
 *         channel): the stop wins, the channel stays stopped.
 * @param dev     Controller.
 * @param channel Channel number.
 */
int dma_start(const struct device *dev, uint32_t channel);

/**
 * @brief Stop a transfer.
 *
 * RUNNING/SUSPENDED -> CONFIGURED; otherwise 0 and nothing changes. When it
 * returns, the controller no longer accesses the transfer's buffers, no
 * callback for it begins any more, nothing latched by it reaches the next
 * transfer, and nothing starts the channel again but a later call of the
 * caller's: a linked channel's completion that was about to start it either
 * did so before the stop (and was stopped) or does not.
 *
 * Called outside interrupt context and outside the channel's own callback,
 * it also waits for a callback of the channel that had already begun to
 * return (so do not call it while holding a lock that callback takes); a
 * dma_start() that callback makes meanwhile is refused (-EBUSY), so the
 * channel is stopped when dma_stop() returns. From inside the channel's own
 * callback (whether the driver reported from an interrupt or from the
 * caller's thread) and from interrupt context it returns at once: no
 * callback begins after it. ISR-safe.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel.
 * @param dev     Controller.
 * @param channel Channel number.
 */
int dma_stop(const struct device *dev, uint32_t channel);

/**
 * @brief Pause a running transfer where it is.
 *
 * RUNNING -> SUSPENDED; SUSPENDED: 0, nothing changes. When it returns, no
 * more bytes move until dma_resume(). A transfer whose last byte had already
 * moved when the halt took hold (pending_length 0) still completes: its
 * COMPLETE callback comes and the channel becomes CONFIGURED, as a halt on
 * hardware does not cancel a terminal-count interrupt. ISR-safe.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel, UNCONFIGURED or CONFIGURED channel.
 * @retval -ENOSYS the controller cannot suspend.
 * @param dev     Controller.
 * @param channel Channel number.
 */
int dma_suspend(const struct device *dev, uint32_t channel);

/**
 * @brief Continue a suspended transfer where it stopped.
 *
 * SUSPENDED -> RUNNING; RUNNING: 0, nothing changes. ISR-safe.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel, UNCONFIGURED or CONFIGURED channel.
 * @retval -ENOSYS the controller cannot suspend.
 * @param dev     Controller.
 * @param channel Channel number.
 */
int dma_resume(const struct device *dev, uint32_t channel);

/**
 * @brief Read a channel's status. Accurate at any moment, ISR-safe.
 *
 * total_copied never decreases while a transfer runs (cyclic ones across
 * their wrap too). A running cyclic transfer: free + pending_length = one
 * lap, free = write_position = the bytes of the lap written, read_position
 * = where the source is read next (ahead of the write position on a
 * controller whose FIFO reads ahead). Not a running ring: free and both
 * positions 0. An UNCONFIGURED channel (never configured, or released):
 * every field 0.
 *
 * @retval 0 success.
 * @retval -EINVAL invalid channel or NULL @p stat.
 * @param dev     Controller.
 * @param channel Channel number.
 * @param stat    Filled with the status.
 */
int dma_get_status(const struct device *dev, uint32_t channel, struct dma_status *stat);

/**
 * @brief Read a controller attribute (enum dma_attribute_type). ISR-safe.
 *
 * @retval 0 success.
 * @retval -EINVAL unknown @p type or NULL @p value.
 * @param dev   Controller.
 * @param type  An enum dma_attribute_type value.
 * @param value Receives the attribute.
 */
int dma_get_attribute(const struct device *dev, uint32_t type, uint32_t *value);

/**
 * @brief Tell whether a channel matches a filter parameter. ISR-safe.
 *
 * Without a driver filter: NULL matches every channel; otherwise
 * @p filter_param points at a uint32_t channel number that must equal
 * @p channel.
 *
 * @retval 1 match. @retval 0 no match. @retval -EINVAL invalid channel.
 * @param dev          Controller.
 * @param channel      Channel number.
 * @param filter_param Filter parameter, or NULL.
 */
int dma_chan_filter(const struct device *dev, int channel, void *filter_param);

/**
 * @brief Reserve a free channel. ISR-safe (atomic bitmap).
 *
 * Requesting is optional, as in Zephyr: every call works on a channel that
 * was never requested. Code that uses fixed channels without requesting
 * them must not mix with code that requests: dma_request_channel() may hand
 * out a channel that is in use but was never requested.
 *
 * @param filter_param NULL for any free channel, or (without a driver
 *        filter) a pointer to a uint32_t channel number to reserve exactly
 *        that channel. A driver with its own filter (ops->chan_filter)
 *        gives filter_param its own meaning, as in Zephyr.
 * @return the channel number, or -EINVAL when no matching channel is free.
 * @param dev Controller.
 */
int dma_request_channel(const struct device *dev, void *filter_param);

/**
 * @brief Return a reserved channel. ISR-safe.
 *
 * Stops its transfer if any (as dma_stop(), including the wait for a running
 * callback, during which the callback's dma_start() is refused) and returns
 * it to UNCONFIGURED, even if that callback configured it again: after the
 * call, no callback of the channel arrives and its status reads all 0. An
 * out-of-range channel is ignored.
 * @param dev     Controller.
 * @param channel Channel number.
 */
void dma_release_channel(const struct device *dev, uint32_t channel);

/**
 * @brief Common register index for a bus width in bytes (Zephyr's values).
 * @return 1 + log2(@p size) for a power of two from 1 to 32, else 0.
 * @param size Bus width in bytes.
 */
static inline uint32_t dma_width_index(uint32_t size)
{
	if (size < 1u || size > 32u || (size & (size - 1u)) != 0u) {
		return 0u;
	}
	return 32u - (uint32_t)__builtin_clz(size);
}

/**
 * @brief Common register index for a burst length in bytes.
 *
 * Zephyr's version rejects powers of two (an inverted test); this one does
 * what its documentation says.
 * @return 1 + log2(@p burst) for a power of two from 1 to 256, else 0.
 * @param burst Burst length in bytes.
 */
static inline uint32_t dma_burst_index(uint32_t burst)
{
	if (burst < 1u || burst > 256u || (burst & (burst - 1u)) != 0u) {
		return 0u;
	}
	return 32u - (uint32_t)__builtin_clz(burst);
}

/** @} */

/**
 * @defgroup dma_capabilities DMA capabilities (extension)
 * @brief What a controller instance can do, so that code and test suites can
 * adapt (report unsupported cases as skipped) instead of guessing.
 * @{
 */

/** Feature: cyclic transfers. */
#define DMA_CAP_CYCLIC BIT_DMA_(0)
/** Feature: channel chaining (source/dest_chaining_en, linked_channel). */
#define DMA_CAP_CHAINING BIT_DMA_(1)
/** Feature: dma_suspend()/dma_resume(). */
#define DMA_CAP_SUSPEND BIT_DMA_(2)
/** Feature: dma_reload(). */
#define DMA_CAP_RELOAD BIT_DMA_(3)
/** Feature: source gather / destination scatter. */
#define DMA_CAP_GATHER_SCATTER BIT_DMA_(4)
/** Feature: different source and destination data sizes in one transfer. */
#define DMA_CAP_MIXED_WIDTHS BIT_DMA_(5)
/** Feature: DMA_STATUS_HALF_COMPLETE callbacks. */
#define DMA_CAP_HALF_COMPLETE BIT_DMA_(6)
/** Feature: per-block DMA_STATUS_BLOCK callbacks. */
#define DMA_CAP_BLOCK_CALLBACK BIT_DMA_(7)
/** Feature: transfers can fail (bus errors are detected and reported). */
#define DMA_CAP_ERROR_REPORT BIT_DMA_(8)
/** Feature: a started transfer can be observed RUNNING (it is not finished
 *  inside dma_start()). */
#define DMA_CAP_OBSERVABLE_RUNNING BIT_DMA_(9)

/** The DMA_CAP_* features this build leaves out (the DMA_CONFIG_CYCLIC,
 *  DMA_CONFIG_CHAINING, DMA_CONFIG_HALF_COMPLETE, DMA_CONFIG_SUSPEND and
 *  DMA_CONFIG_RELOAD options set to 0): no controller has them here. */
#define DMA_FEATURES_DROPPED                                                                   \
	((DMA_CONFIG_CYCLIC ? 0u : DMA_CAP_CYCLIC) | (DMA_CONFIG_CHAINING ? 0u : DMA_CAP_CHAINING) | \
	 (DMA_CONFIG_HALF_COMPLETE ? 0u : DMA_CAP_HALF_COMPLETE) |                               \
	 (DMA_CONFIG_SUSPEND ? 0u : DMA_CAP_SUSPEND) | (DMA_CONFIG_RELOAD ? 0u : DMA_CAP_RELOAD))

/** @cond INTERNAL_HIDDEN */
#define BIT_DMA_(n) (1u << (n))
/** @endcond */

/** @brief Capabilities of a controller instance. */
struct dma_capabilities {
	/** Number of channels. */
	uint32_t channels;
	/** Largest block_count. */
	uint32_t max_block_count;
	/** Largest block_size, in bytes. */
	uint32_t max_block_size;
	/** Supported data sizes: bit n set means 2^n bytes. */
	uint32_t data_sizes;
	/** Largest burst length, in bytes. */
	uint32_t max_burst_length;
	/** Supported directions: bit n set means enum value n. */
	uint32_t directions;
	/** Supported source address adjustments: bit n set means enum value n. */
	uint32_t source_addr_adj;
	/** Supported destination address adjustments: bit n set means enum value n. */
	uint32_t dest_addr_adj;
	/** DMA_ATTR_BUFFER_ADDRESS_ALIGNMENT. */
	uint32_t addr_alignment;
	/** DMA_ATTR_BUFFER_SIZE_ALIGNMENT. */
	uint32_t size_alignment;
	/** DMA_ATTR_COPY_ALIGNMENT. */
	uint32_t copy_alignment;
	/** 1: each address must also be aligned to its data size. */
	uint32_t addr_aligned_to_width;
	/** DMA_CAP_* flags. */
	uint32_t features;
};

/**
 * @brief Read a controller's capabilities. ISR-safe.
 * @retval 0 success. @retval -EINVAL NULL argument.
 * @param dev  Controller.
 * @param caps Filled with the capabilities.
 */
int dma_get_capabilities(const struct device *dev, struct dma_capabilities *caps);

/**
 * @name Zephyr's driver-side names
 * Zephyr's dma.h also declares the function types of a driver's API table,
 * the table itself and a per-driver context. Here drivers implement
 * struct dma_driver_ops (dma_driver.h) and the core does what the context
 * was for, so these exist for source compatibility: code that stores DMA
 * functions in variables of these types, or mocks the API with a table,
 * compiles unchanged. dma_api_functions is the library's own table.
 * @{
 */
/** Type of dma_config(). */
typedef int (*dma_api_config)(const struct device *dev, uint32_t channel,
			      struct dma_config *config);
/** Type of dma_reload(). */
typedef int (*dma_api_reload)(const struct device *dev, uint32_t channel, dma_addr_t src,
			      dma_addr_t dst, size_t size);
/** Type of dma_start(). */
typedef int (*dma_api_start)(const struct device *dev, uint32_t channel);
/** Type of dma_stop(). */
typedef int (*dma_api_stop)(const struct device *dev, uint32_t channel);
/** Type of dma_suspend(). */
typedef int (*dma_api_suspend)(const struct device *dev, uint32_t channel);
/** Type of dma_resume(). */
typedef int (*dma_api_resume)(const struct device *dev, uint32_t channel);
/** Type of dma_get_status(). */
typedef int (*dma_api_get_status)(const struct device *dev, uint32_t channel,
				  struct dma_status *status);
/** Type of dma_get_attribute(). */
typedef int (*dma_api_get_attribute)(const struct device *dev, uint32_t type, uint32_t *value);
/** Type of a channel filter (Zephyr's returns bool; dma_chan_filter() returns 1/0/-EINVAL). */
typedef bool (*dma_api_chan_filter)(const struct device *dev, int channel, void *filter_param);
/** Type of dma_release_channel(). */
typedef void (*dma_api_chan_release)(const struct device *dev, uint32_t channel);

/** Zephyr's API table of a DMA driver, with the same members. */
struct dma_driver_api {
	/** dma_config(). */
	dma_api_config config;
	/** dma_reload(). */
	dma_api_reload reload;
	/** dma_start(). */
	dma_api_start start;
	/** dma_stop(). */
	dma_api_stop stop;
	/** dma_suspend(). */
	dma_api_suspend suspend;
	/** dma_resume(). */
	dma_api_resume resume;
	/** dma_get_status(). */
	dma_api_get_status get_status;
	/** dma_get_attribute(). */
	dma_api_get_attribute get_attribute;
	/** A filter: NULL in dma_api_functions (dma_chan_filter() asks the driver). */
	dma_api_chan_filter chan_filter;
	/** dma_release_channel(). */
	dma_api_chan_release chan_release;
};

/** The library's public functions as a Zephyr API table (for mocks and tables). */
extern const struct dma_driver_api dma_api_functions;

/** Zephyr's marker of an initialised struct dma_context. */
#define DMA_MAGIC 0x47494749

/**
 * Zephyr's per-driver context (first member of a Zephyr driver's data).
 * Not used here: the core keeps each controller's request bitmap.
 */
struct dma_context {
	/** DMA_MAGIC once initialised. */
	int32_t magic;
	/** Number of channels. */
	int dma_channels;
	/** Channel request bitmap (Zephyr's atomic_t is a long). */
	long *atomic;
};
/** @} */

/**
 * @brief Receives the reason of a refused call (extension).
 * @param dev     The controller.
 * @param channel The channel the call named.
 * @param err     The negative errno the call returns.
 * @param reason  A sentence naming the rule the call broke. Valid while the
 *                hook runs (a reason with values in it is formatted on the
 *                refusing call's stack): copy it to keep it.
 */
typedef void (*dma_refusal_hook_t)(const struct device *dev, uint32_t channel, int err,
				   const char *reason);

/**
 * @brief Be told why calls are refused (extension).
 *
 * The hook is called, in the refusing call's context (possibly an interrupt
 * handler), before the call returns its error, never with a library lock
 * held: it may call the API (a refusal of a call it makes is not told to
 * it again). Built with
 * DMA_CONFIG_REASONS=0, no reason is compiled in and the hook is never
 * called. Set it once, before the controllers are used.
 * @param hook The hook, or NULL for none.
 */
void dma_set_refusal_hook(dma_refusal_hook_t hook);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_H_ */
