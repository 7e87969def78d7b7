/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The interface between the shared core and a driver.
 *
 * The interface between the shared core and a DMA controller driver.
 *
 * The core (src/dma_core.c) owns everything the contract describes: argument
 * validation against the driver's capabilities, the channel state machine,
 * request/release, status bookkeeping, chaining and callback dispatch. A
 * driver only programs its hardware: it fills a struct dma_driver_ops, a
 * const struct dma_capabilities, and reports hardware events back with
 * dma_core_report().
 *
 * Lock rule: ops marked "[locked]" are called with the controller's spin lock
 * held (interrupts masked on an MCU). They must not block and must not call
 * back into the public API. dma_core_report() takes the lock itself: never
 * call it with the lock held.
 */
#ifndef DMA_DMA_DRIVER_H_
#define DMA_DMA_DRIVER_H_

#include "dma/dma.h"
#include "dma/dma_port.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Channel states of the contract. */
enum dma_chan_state {
	DMA_CHAN_UNCONFIGURED = 0,
	DMA_CHAN_CONFIGURED,
	DMA_CHAN_RUNNING,
	DMA_CHAN_SUSPENDED,
};

/** Hardware events a driver reports with dma_core_report(). */
enum dma_core_event {
	/** A block reached its midpoint. */
	DMA_EV_HALF,
	/** A block finished and the transfer goes on with the next one. */
	DMA_EV_BLOCK,
	/** The last block finished; the hardware channel is idle now. */
	DMA_EV_DONE,
	/** A cyclic transfer finished a lap and goes on with its first block. */
	DMA_EV_LAP,
	/** The transfer failed (status < 0); the hardware channel is idle now. */
	DMA_EV_ERROR,
};

/**
 * Core bookkeeping of one channel. Drivers read it ([locked] ops, or in their
 * own context while the channel is RUNNING/SUSPENDED, when the core does not
 * change it); only the core writes it.
 */
struct dma_core_chan {
	/** The accepted configuration; head_block points at @ref blocks. */
	struct dma_config cfg;
	/** This channel's copy of the block list (next_block links rewritten). */
	struct dma_block_config *blocks;
	/** Bytes moved by finished or stopped transfers since dma_config(). */
	uint64_t copied;
	/** dma_port_context() of the latest callback committed. */
	uintptr_t cb_ctx;
	/** Sum of the block sizes of the current configuration. */
	uint32_t total_len;
	/** Generation of the current transfer, given to ops->start(). */
	uint32_t seq;
	/** Callbacks of this channel committed and not yet returned. */
	dma_port_atomic_t cb_active;
	/** dma_stop()/dma_release_channel() calls under way: no start wins over them. */
	uint8_t stopping;
	/** enum dma_chan_state. */
	uint8_t state;
};

/** Operations a driver provides (dev->api). */
struct dma_driver_ops {
	/** Bring the hardware up (once, at start-up). May be NULL. */
	int (*init)(const struct device *dev);
	/**
	 * Hardware-specific checks of a configuration the core already found
	 * valid against the capabilities; 0 or -EINVAL (with DMA_REFUSE()).
	 * Must change nothing. Never called with the lock held. May be NULL.
	 */
	int (*validate)(const struct device *dev, uint32_t channel, const struct dma_config *cfg);
	/**
	 * [locked] The channel (idle) got a new configuration or reload:
	 * prepare descriptors. Cannot fail (validate() refuses what it cannot
	 * prepare). May be NULL.
	 */
	void (*configure)(const struct device *dev, uint32_t channel);
	/**
	 * [locked] dma_reload() gave the channel's one block new addresses
	 * and size (the rest of the configuration is unchanged): update what
	 * changes of what configure() prepared. May be NULL: configure() is
	 * called instead.
	 */
	void (*reload)(const struct device *dev, uint32_t channel);
	/**
	 * [locked] Start the channel's transfer from its first block. @p seq
	 * identifies this transfer in later dma_core_report() calls.
	 * 0 or a negative errno (nothing started).
	 */
	int (*start)(const struct device *dev, uint32_t channel, uint32_t seq);
	/**
	 * [locked] Stop the transfer. On return the hardware no longer accesses
	 * its buffers and nothing it latched reaches the next transfer.
	 */
	void (*stop)(const struct device *dev, uint32_t channel);
	/** [locked] Pause; on return no more bytes move. NULL: not supported. */
	int (*suspend)(const struct device *dev, uint32_t channel);
	/** [locked] Continue after suspend(). NULL: not supported. */
	int (*resume)(const struct device *dev, uint32_t channel);
	/**
	 * [locked] Bytes moved by the current transfer since start() (cyclic:
	 * since start(), across laps). Accurate at any moment.
	 */
	uint64_t (*progress)(const struct device *dev, uint32_t channel);
	/**
	 * [locked] Bytes read from the source by the current transfer since
	 * start(), for hardware that reads ahead of what it has written (a
	 * FIFO). NULL: the same as progress().
	 */
	uint64_t (*read_progress)(const struct device *dev, uint32_t channel);
	/**
	 * Called without the lock after start() or resume() succeeded, for
	 * hardware that must be notified outside the critical section (the
	 * emulated controller wakes its engine thread here: waking a thread
	 * while holding a spin lock lets it preempt the holder). May be NULL.
	 */
	void (*kick)(const struct device *dev);
	/** Driver filter for dma_request_channel(); NULL: the core's default. */
	bool (*chan_filter)(const struct device *dev, int channel, void *filter_param);
	/** Called by dma_release_channel() after the core stopped the channel. May be NULL. */
	void (*chan_release)(const struct device *dev, uint32_t channel);
	/**
	 * Why this instance lacks a feature (a DMA_CAP_* flag), for the reason
	 * of a refusal that asks for it (e.g. a model's limitation); NULL, or
	 * a NULL result: the core's generic reason. Not locked. May be NULL.
	 */
	const char *(*why_missing)(const struct device *dev, uint32_t feature);
};

/** Mutable core data of a controller (dev->data). */
struct dma_core_data {
	/** Guards every dma_core_chan of the controller. */
	dma_port_spinlock_t lock;
#if DMA_CONFIG_REASONS
	/** A refusal made under the lock, told after it is released. */
	const char *why;
	/** Its channel. */
	uint32_t why_channel;
	/** Its error. */
	int why_err;
#endif
};

/** @cond INTERNAL_HIDDEN */
void dma_core_unlock_and_tell_(const struct device *dev, dma_port_key_t key);
/** @endcond */

/** Const description of a controller instance (dev->config). */
struct dma_controller {
	/** What the hardware can do; the core validates against it. */
	const struct dma_capabilities *caps;
	/** Per-channel core state, caps->channels entries. */
	struct dma_core_chan *chans;
	/** Block descriptors, caps->max_block_count per channel. */
	struct dma_block_config *blocks;
	/** Request bitmap, one bit per channel. */
	dma_port_atomic_t *alloc_map;
	/** Channels @ref chans has storage for (set by DMA_CONTROLLER_DEFINE()). */
	uint32_t nchan_storage;
	/** Blocks per channel @ref blocks has storage for. */
	uint32_t nblocks_storage;
	/** Driver's own const configuration (registers, IRQs...). */
	const void *drv_config;
	/** Driver's own mutable data. */
	void *drv_data;
};

/**
 * Most channels one controller may have. Channels from 128 up exist but
 * cannot be chaining targets (linked_channel is a 7-bit field).
 */
#define DMA_MAX_CHANNELS 1024u

/** Number of 32-bit words a request bitmap of @p n channels needs. */
#define DMA_ALLOC_WORDS(n) (((n) + 31u) / 32u)

/**
 * @brief Capabilities of the smallest useful controller: memory to memory,
 *        incrementing addresses, 1/2/4-byte units aligned to their size,
 *        blocks up to 64 KiB with per-block callbacks, and @p extra features.
 *        The skeleton driver's shape, and the emulated minimal profile's.
 * @param nchan   Channels.
 * @param nblocks Blocks per transfer.
 * @param extra   More DMA_CAP_* flags (0 for none).
 */
#define DMA_CAPS_MINIMAL(nchan, nblocks, extra)                                                \
	{                                                                                      \
		.channels = (nchan), .max_block_count = (nblocks),                             \
		.max_block_size = 65536u, .data_sizes = 1u | 2u | 4u,                          \
		.max_burst_length = 16u, .directions = 1u << MEMORY_TO_MEMORY,                 \
		.source_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,                               \
		.dest_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT, .addr_alignment = 1u,           \
		.size_alignment = 1u, .copy_alignment = 1u, .addr_aligned_to_width = 1u,       \
		.features = DMA_CAP_BLOCK_CALLBACK | (extra),                                  \
	}

/** @cond INTERNAL_HIDDEN */
#ifdef __cplusplus
#define DMA_STATIC_ASSERT_(cond, msg) static_assert(cond, msg)
#else
#define DMA_STATIC_ASSERT_(cond, msg) _Static_assert(cond, msg)
#endif
/** @endcond */

/**
 * @brief Define a controller instance: its core storage and its device.
 *
 * @param sym       C identifier of the `const struct device`.
 * @param dev_name  Name for device_get_binding().
 * @param ops_ptr   const struct dma_driver_ops *.
 * @param caps_ptr  const struct dma_capabilities * of the instance; its
 *                  .channels and .max_block_count must not exceed @p nchan
 *                  and @p nblocks (checked at init, which refuses the
 *                  instance with a reason otherwise: see
 *                  device_init_failure()).
 * @param nchan     Number of channels (integer constant expression).
 * @param nblocks   Blocks per channel (integer constant expression).
 * @param drv_cfg   Driver const config pointer.
 * @param drv_dat   Driver mutable data pointer.
 */
#define DMA_CONTROLLER_DEFINE(sym, dev_name, ops_ptr, caps_ptr, nchan, nblocks, drv_cfg,      \
			      drv_dat)                                                     \
	DMA_STATIC_ASSERT_((nchan) >= 1 && (nchan) <= DMA_MAX_CHANNELS,                      \
			   "1..DMA_MAX_CHANNELS channels");                                 \
	DMA_STATIC_ASSERT_((nblocks) >= 1, "at least one block per channel");               \
	static struct dma_core_chan sym##_chans_[(nchan)];                                   \
	static struct dma_block_config sym##_blocks_[(nchan) * (nblocks)];                   \
	static dma_port_atomic_t sym##_alloc_[DMA_ALLOC_WORDS(nchan)];                       \
	static struct dma_core_data sym##_core_;                                             \
	static const struct dma_controller sym##_ctrl_ = {                                   \
		.caps = (caps_ptr),                                                          \
		.chans = sym##_chans_,                                                       \
		.blocks = sym##_blocks_,                                                     \
		.alloc_map = sym##_alloc_,                                                   \
		.nchan_storage = (nchan),                                                    \
		.nblocks_storage = (nblocks),                                                \
		.drv_config = (drv_cfg),                                                     \
		.drv_data = (drv_dat),                                                       \
	};                                                                                   \
	DEVICE_DEFINE_STATIC(sym, dev_name, dma_core_device_init, &sym##_core_, &sym##_ctrl_, \
			     (ops_ptr))

/**
 * @brief Init function of every controller: checks the instance, then ops->init.
 *
 * Refuses (-EINVAL, with the reason readable through device_init_failure())
 * an instance without the required ops (start, stop, progress), with
 * suspend without resume or the reverse, whose capabilities claim a feature
 * whose op is missing (DMA_CAP_SUSPEND), or whose capabilities ask for more
 * channels or blocks than its storage holds.
 * @param dev The controller.
 * @return 0, -EINVAL for an inconsistent instance, or ops->init's error.
 */
int dma_core_device_init(const struct device *dev);

/**
 * @brief Fail a driver's init with a reason the application can read
 *        (device_init_failure(), device_not_ready_reason()).
 * @param dev    The controller.
 * @param err    The negative errno init returns.
 * @param reason Static text naming what is wrong.
 * @return @p err.
 */
static inline int dma_core_init_failed(const struct device *dev, int err, const char *reason)
{
	dev->state->init_reason = reason;
	return err;
}

/**
 * @brief Report a hardware event of transfer @p seq on @p channel.
 *
 * Call without the lock, from any context: the driver's interrupt handler
 * (host: engine thread), kick() in the caller's thread, or a polling loop. Applies the contract: state change (DONE/ERROR: -> CONFIGURED before
 * the callback), byte accounting, chaining, callback dispatch per the
 * configuration's flags. Reports of a transfer that was stopped or replaced
 * (stale @p seq) are dropped.
 *
 * @param dev     The controller.
 * @param channel The channel.
 * @param seq     The transfer's id, as given to ops->start().
 * @param ev      What happened.
 * @param status  For DMA_EV_ERROR, a negative errno (e.g. -EIO); else 0.
 * @return true if the report was applied, false if it was stale.
 */
bool dma_core_report(const struct device *dev, uint32_t channel, uint32_t seq,
		     enum dma_core_event ev, int status);

/**
 * @brief dma_core_report() from inside a lock hold that found the transfer
 *        current (dma_core_current()): applies @p ev and releases the lock.
 *
 * For a driver (or dma_core_report_span()) that reads what it reports
 * under the lock: one hold instead of two. [locked; returns unlocked]
 * @param dev     The controller.
 * @param channel The channel.
 * @param ev      What happened.
 * @param status  For DMA_EV_ERROR, a negative errno; else 0.
 * @param key     The lock's key, from dma_core_lock().
 */
void dma_core_report_held(const struct device *dev, uint32_t channel, enum dma_core_event ev,
			  int status, dma_port_key_t key);

/**
 * @brief Whether transfer @p seq is still the channel's, running (not
 *        stopped, released, ended or replaced since). [locked]
 * @param dev     The controller.
 * @param channel The channel.
 * @param seq     The transfer's id, as given to ops->start().
 * @return true while reports of @p seq would be applied.
 */
bool dma_core_current(const struct device *dev, uint32_t channel, uint32_t seq);

/**
 * @name Events derived from the hardware's position
 * For drivers that learn what happened from where the channel is (its
 * descriptor or program counter), not from counting interrupts: a late or
 * merged interrupt then loses nothing. The driver lists the transfer's
 * event points once, at configure; its interrupt handler observes the
 * position under the lock, works out the bytes moved since the previous
 * observation (dma_core_advance()) and, without the lock, reports every
 * point passed (dma_core_report_span()).
 * @{
 */
/** A block's midpoint ends at this point. */
#define DMA_POINT_HALF 1u
/** A block ends at this point. */
#define DMA_POINT_BLOCK 2u
/** The hardware raises an interrupt at this point. */
#define DMA_POINT_IRQ 4u

/** The event points of a transfer, in the order the hardware passes them. */
struct dma_event_points {
	/** Offset in the lap (transfer) where each point is: increasing, the last = @ref lap. */
	const uint32_t *end;
	/** DMA_POINT_* flags of each point. */
	const uint8_t *what;
	/** Number of points. */
	uint32_t n;
	/** Bytes of the transfer (one lap of a cyclic one). */
	uint32_t lap;
	/** The transfer wraps around from its end to its start. */
	bool cyclic;
};

/**
 * @brief Whether a point where the hardware raises an interrupt
 *        (DMA_POINT_IRQ) lies in (@p from, @p from + @p d], wrapping
 *        around the lap (less than a lap: @p d < lap).
 * @param pts  The transfer's points.
 * @param from An offset in the lap (0..lap-1).
 * @param d    Bytes after it.
 * @return true if an interrupt point is passed in that span.
 */
bool dma_core_irq_point_within(const struct dma_event_points *pts, uint32_t from, uint32_t d);

/**
 * @brief Bytes moved from offset @p from to offset @p at of the lap.
 *
 * Non-cyclic, the offsets say it. Cyclic, an offset is only known modulo
 * the lap: @p irq (an interrupt was latched since the observation at
 * @p from) tells a full lap from no progress, assuming the interrupt is
 * served less than a lap late.
 * @param pts  The transfer's points.
 * @param from The previous observation's offset (0..lap-1).
 * @param at   The offset observed now (0..lap).
 * @param irq  An interrupt of the channel was latched since @p from.
 * @return Bytes moved, less than two laps.
 */
uint32_t dma_core_advance(const struct dma_event_points *pts, uint32_t from, uint32_t at,
			  bool irq);

/**
 * @brief Report, for transfer @p seq, every point in (@p from, @p from + @p d].
 *
 * The last point ends the transfer: DMA_EV_DONE with @p done, else
 * DMA_EV_LAP for a cyclic transfer (a non-cyclic one stops before it).
 * Call without the lock. Each point is read under the lock while the
 * transfer is current (dma_core_current()): a dma_config() made from
 * another context after a stop may rewrite the points while this runs.
 * Stops as soon as the transfer is not current (a callback or another
 * context stopped or restarted the channel).
 * @param dev     The controller.
 * @param channel The channel.
 * @param seq     The transfer's id, captured with the observation.
 * @param pts     The transfer's points.
 * @param from    The previous observation's offset (0..lap-1).
 * @param d       Bytes moved since (dma_core_advance()).
 * @param done    The transfer has ended (the last point is its completion).
 * @return false if it stopped because the transfer was no longer current.
 */
bool dma_core_report_span(const struct device *dev, uint32_t channel, uint32_t seq,
			  const struct dma_event_points *pts, uint32_t from, uint32_t d, bool done);
/** @} */

/** @cond INTERNAL_HIDDEN */
int dma_core_refused_(const struct device *dev, uint32_t channel, int err, const char *reason);
/** @endcond */

/** @cond INTERNAL_HIDDEN */
int dma_core_refused_locked_(const struct device *dev, uint32_t channel, int err,
			     const char *reason);
/** @endcond */

/**
 * @brief Refuse a call with @p err, telling the refusal hook why.
 *
 * For code that does not hold the controller lock (validate(), an init
 * function). With DMA_CONFIG_REASONS=0 the reason is not compiled in.
 * @param dev     The controller.
 * @param channel The channel.
 * @param err     The negative errno returned.
 * @param reason  A string literal naming the rule broken.
 * @return @p err.
 */
#if DMA_CONFIG_REASONS
#define DMA_REFUSE(dev, channel, err, reason) dma_core_refused_((dev), (channel), (err), (reason))
#else
#define DMA_REFUSE(dev, channel, err, reason) ((void)(dev), (void)(channel), (err))
#endif

/**
 * @brief DMA_REFUSE() for code that holds the controller lock ([locked]
 *        ops such as start()): the reason is kept and told to the hook
 *        once the lock is released, so the hook may call the API.
 * @param dev     The controller.
 * @param channel The channel.
 * @param err     The negative errno returned.
 * @param reason  A string literal naming the rule broken.
 * @return @p err.
 */
#if DMA_CONFIG_REASONS
#define DMA_REFUSE_LOCKED(dev, channel, err, reason)                                           \
	dma_core_refused_locked_((dev), (channel), (err), (reason))
#else
#define DMA_REFUSE_LOCKED(dev, channel, err, reason) ((void)(dev), (void)(channel), (err))
#endif

/**
 * @brief The contract's rules for an event: whether dma_core_report() of
 *        @p ev calls the callback under @p cfg, with which status, and
 *        whether it starts the linked channel.
 * @param cfg       The channel's configuration.
 * @param ev        The event.
 * @param status    For DMA_EV_ERROR, the error reported (non-negative: -EIO).
 * @param cb_status Receives the callback's status.
 * @param chain     Receives whether linked_channel is started.
 * @return true if the callback is called.
 */
static inline bool dma_core_callback_for(const struct dma_config *cfg, enum dma_core_event ev,
					 int status, int *cb_status, bool *chain)
{
	bool on;

	*chain = false;
	switch (ev) {
	case DMA_EV_HALF:
		*cb_status = DMA_STATUS_HALF_COMPLETE;
		on = DMA_CONFIG_HALF_COMPLETE && cfg->half_complete_callback_en;
		break;
	case DMA_EV_BLOCK:
		*cb_status = DMA_STATUS_BLOCK;
		*chain = DMA_CONFIG_CHAINING && cfg->source_chaining_en;
		on = cfg->complete_callback_en;
		break;
	case DMA_EV_ERROR:
		*cb_status = status < 0 ? status : -EIO;
		on = !cfg->error_callback_dis;
		break;
	default: /* DONE, LAP: the end of the list */
		*cb_status = DMA_STATUS_COMPLETE;
		*chain = DMA_CONFIG_CHAINING && (cfg->source_chaining_en || cfg->dest_chaining_en);
		on = true;
		break;
	}
	return on && cfg->dma_callback != NULL;
}

/**
 * @brief Whether event @p ev does anything for a transfer configured with
 *        @p cfg: a callback, a chained start, or the end of the transfer
 *        (DONE, ERROR). A HALF or BLOCK event nobody listens to does not.
 * @param cfg The transfer's configuration.
 * @param ev  The event.
 * @return true if reporting it changes anything.
 */
bool dma_core_event_acts(const struct dma_config *cfg, enum dma_core_event ev);

/**
 * @brief Where a block's HALF_COMPLETE event falls: the first beat boundary
 *        at or after its midpoint, so that the whole first half of the block
 *        is written when the callback runs (a block of 3 beats of 4 bytes:
 *        after 8 bytes; of 1 beat: at its end). Every driver uses this
 *        definition.
 * @param size Block size in bytes (below 2^32 - 2 * beat).
 * @param beat Bytes per beat (the larger of the two data sizes).
 * @return Byte offset of the half point.
 */
static inline uint32_t dma_core_half_point(uint32_t size, uint32_t beat)
{
	return ((size - size / 2u) + beat - 1u) / beat * beat;
}

/**
 * @brief Take the controller's spin lock (for driver code outside [locked] ops).
 * @param dev The controller.
 * @return The key for dma_core_unlock().
 */
static inline dma_port_key_t dma_core_lock(const struct device *dev)
{
	struct dma_core_data *d = (struct dma_core_data *)dev->data;
	dma_port_key_t key = dma_port_lock(&d->lock);

	return key;
}

/**
 * @brief Release the lock taken with dma_core_lock().
 * @param dev The controller.
 * @param key What dma_core_lock() returned.
 */
static inline void dma_core_unlock(const struct device *dev, dma_port_key_t key)
{
	struct dma_core_data *d = (struct dma_core_data *)dev->data;

#if DMA_CONFIG_REASONS
	/* A refusal made under the lock reaches the hook only once it is
	 * released, so the hook may call the API. */
	if (d->why != NULL) {
		dma_core_unlock_and_tell_(dev, key);
		return;
	}
#endif
	dma_port_unlock(&d->lock, key);
}

/**
 * @brief The controller description of a device.
 * @param dev The controller.
 * @return Its const description (dev->config).
 */
static inline const struct dma_controller *dma_core_ctrl(const struct device *dev)
{
	return (const struct dma_controller *)dev->config;
}

/**
 * @brief The DMA_CAP_* features of capabilities @p caps in this build
 *        (less DMA_FEATURES_DROPPED).
 * @param caps The capabilities.
 * @return DMA_CAP_* flags.
 */
static inline uint32_t dma_core_caps_features(const struct dma_capabilities *caps)
{
	return caps->features & ~(uint32_t)DMA_FEATURES_DROPPED;
}

/**
 * @brief The instance's DMA_CAP_* features in this build.
 * @param dev The controller.
 * @return DMA_CAP_* flags.
 */
static inline uint32_t dma_core_features(const struct device *dev)
{
	return dma_core_caps_features(dma_core_ctrl(dev)->caps);
}

/**
 * @brief The core state of a channel.
 * @param dev     The controller.
 * @param channel A valid channel number.
 * @return The channel's core state.
 */
static inline struct dma_core_chan *dma_core_chan(const struct device *dev, uint32_t channel)
{
	return &dma_core_ctrl(dev)->chans[channel];
}

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_DRIVER_H_ */
