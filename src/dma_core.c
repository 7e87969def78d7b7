/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The shared channel core: the public API, the state machine of the contract,
 * request/release, status bookkeeping, chaining and callback dispatch. Drivers
 * only program hardware through struct dma_driver_ops.
 *
 * Lock rule: every access to a struct dma_core_chan holds the controller's
 * spin lock (struct dma_core_data::lock). Callbacks and chained starts run
 * after the lock is released.
 */
#include <string.h>

#include "dma/dma_driver.h"
#include "dma_validate.h"

/*
 * Test builds (tests/stress/races.c) define DMA_TEST_PREEMPT to be preempted
 * at the points where the core runs outside its lock between an event and
 * its effects, so that races through those windows show in tests.
 */
#ifdef DMA_TEST_PREEMPT
void dma_test_preempt(void);
#define PREEMPT_POINT() dma_test_preempt()
#else
#define PREEMPT_POINT() ((void)0)
#endif

static inline const struct dma_driver_ops *ops_of(const struct device *dev)
{
	return (const struct dma_driver_ops *)dev->api;
}


/* A device whose init refused it (or never ran) has nothing to act on. */
static inline bool dev_ready(const struct device *dev)
{
	return dev != NULL && dev->state->init_res == 0 && dev->state->initialized;
}

/* The first check of every channel call: a ready device and a channel in range. */
static inline bool chan_valid(const struct device *dev, uint32_t channel)
{
	return dev_ready(dev) && channel < dma_core_ctrl(dev)->caps->channels;
}

/* Why chan_valid() failed, told to the refusal hook; -EINVAL. Not inline:
 * only refused calls pay for it. */
static int bad_channel(const struct device *dev, uint32_t channel)
{
#if DMA_CONFIG_REASONS
	if (dev != NULL && !dev_ready(dev)) {
		const char *why = device_init_failure(dev);

		return DMA_REFUSE(dev, channel, -EINVAL,
				  why != NULL ? why : "dma: the device was not initialised");
	}
	if (dev != NULL) {
		return dma_refusef_(&(const struct dma_refusal_ctx){dev, channel, "dma"},
				    "channel %u is not in 0..%u", channel,
				    dma_core_ctrl(dev)->caps->channels - 1u);
	}
#else
	(void)dev;
	(void)channel;
#endif
	return -EINVAL;
}

static inline bool is_busy(uint8_t state)
{
	return state == DMA_CHAN_RUNNING || state == DMA_CHAN_SUSPENDED;
}

/* What is wrong with an instance, NULL if nothing. */
static const char *instance_fault(const struct dma_controller *ctrl,
				  const struct dma_driver_ops *ops)
{
	const struct dma_capabilities *caps = ctrl->caps;

	if (ops == NULL) {
		return "dma: the instance has no ops table";
	}
	if (ops->start == NULL) {
		return "dma: the driver's ops table has no start (required)";
	}
	if (ops->stop == NULL) {
		return "dma: the driver's ops table has no stop (required)";
	}
	if (ops->progress == NULL) {
		return "dma: the driver's ops table has no progress (required)";
	}
	if ((ops->suspend == NULL) != (ops->resume == NULL)) {
		return "dma: the driver has one of suspend and resume without the other";
	}
	if (caps == NULL || caps->channels == 0u || caps->max_block_count == 0u) {
		return "dma: the capabilities give no channel or no block per channel";
	}
	if (caps->channels > ctrl->nchan_storage || caps->channels > DMA_MAX_CHANNELS) {
		return "dma: capabilities.channels is larger than the nchan the instance was "
		       "defined with (its storage)";
	}
	if (caps->max_block_count > ctrl->nblocks_storage) {
		return "dma: capabilities.max_block_count is larger than the nblocks the "
		       "instance was defined with (its storage)";
	}
	if ((dma_core_caps_features(caps) & DMA_CAP_SUSPEND) != 0u && ops->suspend == NULL) {
		return "dma: the capabilities claim DMA_CAP_SUSPEND but the driver has no suspend";
	}
	return NULL;
}

int dma_core_device_init(const struct device *dev)
{
	const struct dma_controller *ctrl = dma_core_ctrl(dev);
	const struct dma_capabilities *caps = ctrl->caps;
	const struct dma_driver_ops *ops = ops_of(dev);
	const char *fault = instance_fault(ctrl, ops);

	if (fault != NULL) {
		return dma_core_init_failed(dev, -EINVAL, fault);
	}
	for (uint32_t ch = 0; ch < caps->channels; ch++) {
		struct dma_core_chan *c = &ctrl->chans[ch];

		c->blocks = &ctrl->blocks[(size_t)ch * caps->max_block_count];
		c->state = DMA_CHAN_UNCONFIGURED;
	}
	return ops->init != NULL ? ops->init(dev) : 0;
}

/* Copy a validated configuration into the channel. [locked] */
static void store_config(struct dma_core_chan *c, const struct dma_config *cfg, uint32_t total)
{
	const struct dma_block_config *src = cfg->head_block;

	c->cfg = *cfg;
	for (uint32_t i = 0; i < cfg->block_count; i++) {
		c->blocks[i] = *src;
		c->blocks[i].next_block = (i + 1u < cfg->block_count) ? &c->blocks[i + 1u] : NULL;
		src = src->next_block;
	}
	c->cfg.head_block = c->blocks;
	c->total_len = total;
	c->copied = 0u;
	c->seq++; /* a new configuration: a dma_reload() validated against the old one is refused */
	c->state = DMA_CHAN_CONFIGURED;
}

int dma_config(const struct device *dev, uint32_t channel, struct dma_config *config)
{
	const struct dma_driver_ops *ops;
	struct dma_core_chan *c;
	uint32_t total;
	dma_port_key_t key;
	int ret;

	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	ops = ops_of(dev);
	ret = dma_validate_config(dma_core_ctrl(dev)->caps, channel, config, &total,
				  &(const struct dma_refusal_ctx){dev, channel, "dma_config"});
	if (ret == 0 && ops->validate != NULL) {
		ret = ops->validate(dev, channel, config);
	}
	if (ret != 0) {
		return ret;
	}

	c = dma_core_chan(dev, channel);
	key = dma_core_lock(dev);
	if (is_busy(c->state)) {
		ret = DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					"dma_config: the channel is RUNNING or SUSPENDED "
					"(dma_stop it first)");
	} else {
		store_config(c, config, total);
		if (ops->configure != NULL) {
			ops->configure(dev, channel);
		}
	}
	dma_core_unlock(dev, key);
	return ret;
}

int dma_reload(const struct device *dev, uint32_t channel, dma_addr_t src, dma_addr_t dst,
	       size_t size)
{
	const struct dma_driver_ops *ops;
	struct dma_core_chan *c;
	struct dma_block_config blk;
	struct dma_config cfg;
	uint32_t gen = 0u;
	dma_port_key_t key;
	int ret = 0;

	if (!dev_ready(dev)) {
		return -EINVAL;
	}
	/* An operation the driver leaves out: -ENOSYS first, whatever the
	 * channel and its state (as Zephyr's API wrappers do). */
	if ((dma_core_features(dev) & DMA_CAP_RELOAD) == 0u) {
		return -ENOSYS;
	}
	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	if (size == 0u || size > UINT32_MAX) {
		return DMA_REFUSE(dev, channel, -EINVAL, "dma_reload: size is not in 1..4 GiB - 1");
	}
	ops = ops_of(dev);
	c = dma_core_chan(dev, channel);
	/* Take a copy of the configuration, validate the new block without the
	 * lock (validate() is never called with it: it may tell the refusal
	 * hook), then apply it if nothing changed meanwhile. */
	key = dma_core_lock(dev);
	if (c->state == DMA_CHAN_UNCONFIGURED) {
		ret = DMA_REFUSE_LOCKED(dev, channel, -EINVAL,
					"dma_reload: the channel is UNCONFIGURED (dma_config it first)");
	} else if (is_busy(c->state)) {
		ret = DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					"dma_reload: the channel is RUNNING or SUSPENDED "
					"(dma_stop it first)");
	} else {
		cfg = c->cfg;
		blk = c->blocks[0];
		gen = c->seq;
	}
	dma_core_unlock(dev, key);
	if (ret != 0) {
		return ret;
	}
	blk.source_address = src;
	blk.dest_address = dst;
	blk.block_size = (uint32_t)size;
	blk.next_block = NULL;
	cfg.block_count = 1u;
	cfg.head_block = &blk;
	ret = dma_validate_block(dma_core_ctrl(dev)->caps, &cfg, &blk, 0u,
				 &(const struct dma_refusal_ctx){dev, channel, "dma_reload"});
	if (ret == 0 && ops->validate != NULL) {
		ret = ops->validate(dev, channel, &cfg);
	}
	if (ret != 0) {
		return ret;
	}
	key = dma_core_lock(dev);
	if (c->seq != gen || c->state != DMA_CHAN_CONFIGURED) {
		/* configured, started or released meanwhile */
		ret = DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					"dma_reload: the channel was configured, started or released "
					"by another context meanwhile");
	} else {
		c->blocks[0] = blk;
		c->blocks[0].next_block = NULL;
		c->cfg.block_count = 1u;
		c->total_len = (uint32_t)size;
		if (ops->reload != NULL) {
			ops->reload(dev, channel);
		} else if (ops->configure != NULL) {
			ops->configure(dev, channel);
		}
	}
	dma_core_unlock(dev, key);
	return ret;
}

/*
 * Chaining links must end at configured channels and never loop back. Each
 * channel has at most one link, so a walk longer than the channel count is a
 * cycle. [locked]
 */
static int check_chain(const struct dma_controller *ctrl, uint32_t channel)
{
	uint32_t cur = channel;

	for (uint32_t steps = 0;; steps++) {
		const struct dma_config *cfg = &ctrl->chans[cur].cfg;
		uint32_t next;

		if (!cfg->source_chaining_en && !cfg->dest_chaining_en) {
			return 0;
		}
		next = cfg->linked_channel;
		if (next >= ctrl->caps->channels || next == channel || steps >= ctrl->caps->channels ||
		    ctrl->chans[next].state == DMA_CHAN_UNCONFIGURED) {
			return -EINVAL;
		}
		cur = next;
	}
}

/* After a successful start/resume, outside the lock. */
static inline void kick(const struct device *dev)
{
	const struct dma_driver_ops *ops = ops_of(dev);

	if (ops->kick != NULL) {
		ops->kick(dev);
	}
}

/*
 * Start a CONFIGURED channel: 0, or an errno and nothing started. A stop or
 * release under way in another context wins over any start. [locked]
 */
static int start_locked(const struct device *dev, uint32_t channel, struct dma_core_chan *c)
{
	int ret = 0;

	if (c->stopping != 0u) {
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
				  "dma_start: a dma_stop or dma_release_channel of this channel "
				  "is under way in another context");
	}
	if (DMA_CONFIG_CHAINING && (c->cfg.source_chaining_en || c->cfg.dest_chaining_en)) {
		ret = check_chain(dma_core_ctrl(dev), channel);
		if (ret != 0) {
			return DMA_REFUSE_LOCKED(dev, channel, ret,
					  "dma_start: the chain of linked channels loops or "
					  "reaches an unconfigured channel");
		}
	}
	ret = ops_of(dev)->start(dev, channel, c->seq + 1u);
	if (ret == 0) {
		c->seq++;
		c->state = DMA_CHAN_RUNNING;
	}
	return ret;
}

int dma_start(const struct device *dev, uint32_t channel)
{
	struct dma_core_chan *c;
	dma_port_key_t key;
	bool started = false;
	int ret = 0;

	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	c = dma_core_chan(dev, channel);
	key = dma_core_lock(dev);
	if (c->state == DMA_CHAN_CONFIGURED) {
		ret = start_locked(dev, channel, c);
		started = ret == 0;
	} else if (c->state != DMA_CHAN_RUNNING) {
		ret = DMA_REFUSE_LOCKED(dev, channel, -EINVAL,
				 c->state == DMA_CHAN_SUSPENDED
					 ? "dma_start: the channel is SUSPENDED (dma_resume it)"
					 : "dma_start: the channel is UNCONFIGURED (dma_config it first)");
	}
	dma_core_unlock(dev, key);
	if (started) {
		kick(dev);
	}
	return ret;
}

/* Stop the hardware and account for what it moved. [locked] */
static void halt_transfer(const struct device *dev, uint32_t channel, struct dma_core_chan *c)
{
	const struct dma_driver_ops *ops = ops_of(dev);

	ops->stop(dev, channel);
	c->copied += ops->progress(dev, channel);
	c->seq++; /* reports still in flight for the old transfer are dropped */
}

/*
 * After a stop, a callback the controller committed to before it may still be
 * running. The caller waits for it to return, so that it may reuse user_data
 * and buffers at once, except where waiting could deadlock: from inside that
 * callback (same context, whether the driver reported from an interrupt or
 * from the caller's own thread), and from interrupt context (a callback it
 * preempted cannot finish); there the guarantee is that no callback begins
 * after the stop. [locked]
 */
static bool must_wait(const struct dma_core_chan *c)
{
	return dma_port_atomic_load(&c->cb_active) != 0u && c->cb_ctx != dma_port_context() &&
	       !dma_port_in_isr();
}

/*
 * Wait out the running callbacks of a channel whose stop or release is under
 * way (c->stopping counts it, so the callbacks cannot start it again).
 * Not locked.
 */
static void wait_callbacks(struct dma_core_chan *c)
{
	while (dma_port_atomic_load(&c->cb_active) != 0u) {
		dma_port_relax();
	}
}

int dma_stop(const struct device *dev, uint32_t channel)
{
	struct dma_core_chan *c;
	dma_port_key_t key;
	bool wait;

	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	c = dma_core_chan(dev, channel);
	key = dma_core_lock(dev);
	if (is_busy(c->state)) {
		halt_transfer(dev, channel, c);
		c->state = DMA_CHAN_CONFIGURED;
	}
	wait = must_wait(c);
	c->stopping += wait ? 1u : 0u;
	dma_core_unlock(dev, key);
	PREEMPT_POINT();
	if (wait) {
		wait_callbacks(c);
		key = dma_core_lock(dev);
		c->stopping--;
		dma_core_unlock(dev, key);
	}
	return 0;
}

/*
 * Shared by suspend and resume: @p from -> @p to through @p op; already in
 * @p to: 0; any other state: -EINVAL.
 */
static int pause_transition(const struct device *dev, uint32_t channel,
			    int (*op)(const struct device *, uint32_t), uint8_t from, uint8_t to)
{
	struct dma_core_chan *c;
	dma_port_key_t key;
	bool moved = false;
	int ret = 0;

	if (!dev_ready(dev)) {
		return -EINVAL;
	}
	/* An operation the driver leaves out: -ENOSYS first, whatever the
	 * channel and its state. */
	if (op == NULL || (dma_core_features(dev) & DMA_CAP_SUSPEND) == 0u) {
		return -ENOSYS;
	}
	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	c = dma_core_chan(dev, channel);
	key = dma_core_lock(dev);
	if (c->state == from) {
		ret = op(dev, channel);
		if (ret == 0) {
			c->state = to;
			moved = true;
		}
	} else if (c->state != to) {
		ret = DMA_REFUSE_LOCKED(dev, channel, -EINVAL,
					to == DMA_CHAN_SUSPENDED
						? "dma_suspend: the channel is not RUNNING"
						: "dma_resume: the channel is not SUSPENDED");
	}
	dma_core_unlock(dev, key);
	if (moved && to == DMA_CHAN_RUNNING) {
		kick(dev);
	}
	return ret;
}

int dma_suspend(const struct device *dev, uint32_t channel)
{
	return pause_transition(dev, channel, dev != NULL ? ops_of(dev)->suspend : NULL,
				DMA_CHAN_RUNNING, DMA_CHAN_SUSPENDED);
}

int dma_resume(const struct device *dev, uint32_t channel)
{
	return pause_transition(dev, channel, dev != NULL ? ops_of(dev)->resume : NULL,
				DMA_CHAN_SUSPENDED, DMA_CHAN_RUNNING);
}

int dma_get_status(const struct device *dev, uint32_t channel, struct dma_status *stat)
{
	const struct dma_driver_ops *ops;
	struct dma_core_chan *c;
	dma_port_key_t key;

	if (!chan_valid(dev, channel)) {
		return bad_channel(dev, channel);
	}
	if (stat == NULL) {
		return DMA_REFUSE(dev, channel, -EINVAL, "dma_get_status: stat is NULL");
	}
	ops = ops_of(dev);
	c = dma_core_chan(dev, channel);
	/* Field by field: -Os makes a memset call of a struct assignment. */
	stat->pending_length = 0u;
	stat->free = 0u;
	stat->write_position = 0u;
	stat->read_position = 0u;
	key = dma_core_lock(dev);
	stat->busy = is_busy(c->state);
	stat->dir = (enum dma_channel_direction)c->cfg.channel_direction;
	stat->total_copied = c->copied;
	if (stat->busy) {
		uint64_t moved = ops->progress(dev, channel);

		stat->total_copied += moved;
		if (DMA_CONFIG_CYCLIC && c->cfg.cyclic) {
			/* Offsets in the ring; free = the part of this lap written. */
			uint64_t rd = ops->read_progress != NULL ? ops->read_progress(dev, channel)
								 : moved;

			stat->write_position = (uint32_t)(moved % c->total_len);
			stat->read_position = (uint32_t)(rd % c->total_len);
			stat->free = stat->write_position;
			stat->pending_length = c->total_len - stat->write_position;
		} else {
			stat->pending_length =
				moved >= c->total_len ? 0u : c->total_len - (uint32_t)moved;
		}
	}
	dma_core_unlock(dev, key);
	return 0;
}

int dma_get_attribute(const struct device *dev, uint32_t type, uint32_t *value)
{
	const struct dma_capabilities *caps;

	if (!dev_ready(dev)) {
		return bad_channel(dev, 0u);
	}
	if (value == NULL) {
		return DMA_REFUSE(dev, type, -EINVAL, "dma_get_attribute: value is NULL");
	}
	caps = dma_core_ctrl(dev)->caps;
	switch (type) {
	case DMA_ATTR_BUFFER_ADDRESS_ALIGNMENT:
		*value = caps->addr_alignment;
		return 0;
	case DMA_ATTR_BUFFER_SIZE_ALIGNMENT:
		*value = caps->size_alignment;
		return 0;
	case DMA_ATTR_COPY_ALIGNMENT:
		*value = caps->copy_alignment;
		return 0;
	case DMA_ATTR_MAX_BLOCK_COUNT:
		*value = caps->max_block_count;
		return 0;
	default:
		return DMA_REFUSE(dev, type, -EINVAL,
				  "dma_get_attribute: unknown attribute type (the channel "
				  "argument of this reason is the type)");
	}
}

int dma_get_capabilities(const struct device *dev, struct dma_capabilities *caps)
{
	if (!dev_ready(dev)) {
		return bad_channel(dev, 0u);
	}
	if (caps == NULL) {
		return DMA_REFUSE(dev, 0u, -EINVAL, "dma_get_capabilities: caps is NULL");
	}
	*caps = *dma_core_ctrl(dev)->caps;
	caps->features = dma_core_caps_features(caps);
	return 0;
}

/* Default filter: NULL matches all, else a uint32_t channel number. */
static bool filter_match(const struct device *dev, uint32_t channel, void *filter_param)
{
	const struct dma_driver_ops *ops = ops_of(dev);

	if (ops->chan_filter != NULL) {
		return ops->chan_filter(dev, (int)channel, filter_param);
	}
	return filter_param == NULL || *(const uint32_t *)filter_param == channel;
}

int dma_chan_filter(const struct device *dev, int channel, void *filter_param)
{
	if (channel < 0 || !chan_valid(dev, (uint32_t)channel)) {
		return bad_channel(dev, (uint32_t)channel);
	}
	return filter_match(dev, (uint32_t)channel, filter_param) ? 1 : 0;
}

/*
 * The filter is a predicate, so it is asked before a bit is taken: a search
 * never sets, even briefly, the bit of a channel it does not return.
 */
int dma_request_channel(const struct device *dev, void *filter_param)
{
	const struct dma_controller *ctrl;
	uint32_t first = 0u;
	uint32_t last;

	if (!dev_ready(dev)) {
		return -EINVAL;
	}
	ctrl = dma_core_ctrl(dev);
	last = ctrl->caps->channels;
	if (filter_param != NULL && ops_of(dev)->chan_filter == NULL) {
		first = *(const uint32_t *)filter_param; /* exactly that channel */
		if (first >= last) {
			return DMA_REFUSE(dev, first, -EINVAL,
					  "dma_request_channel: the channel asked for is out of range");
		}
		last = first + 1u;
	}
	for (uint32_t ch = first; ch < last; ch++) {
		uint32_t bit = 1u << (ch % 32u);

		if (!filter_match(dev, ch, filter_param)) {
			continue;
		}
		if ((dma_port_atomic_or(&ctrl->alloc_map[ch / 32u], bit) & bit) == 0u) {
			return (int)ch;
		}
	}
	return DMA_REFUSE(dev, first, -EINVAL,
			  "dma_request_channel: no free channel matches the filter");
}

/* Back to UNCONFIGURED, reporting nothing of the previous owner. [locked] */
static void unconfigure(struct dma_core_chan *c)
{
	memset(&c->cfg, 0, sizeof(c->cfg));
	c->copied = 0u;
	c->total_len = 0u;
	c->state = DMA_CHAN_UNCONFIGURED;
}

void dma_release_channel(const struct device *dev, uint32_t channel)
{
	const struct dma_driver_ops *ops;
	struct dma_core_chan *c;
	dma_port_key_t key;
	bool wait;

	if (!chan_valid(dev, channel)) {
		return;
	}
	ops = ops_of(dev);
	c = dma_core_chan(dev, channel);
	key = dma_core_lock(dev);
	if (is_busy(c->state)) {
		halt_transfer(dev, channel, c);
	}
	unconfigure(c);
	wait = must_wait(c);
	c->stopping += wait ? 1u : 0u;
	dma_core_unlock(dev, key);
	if (wait) {
		wait_callbacks(c);
		/* The callbacks may have configured the channel again (a start
		 * was refused): released means UNCONFIGURED. */
		key = dma_core_lock(dev);
		unconfigure(c);
		c->stopping--;
		dma_core_unlock(dev, key);
	}
	if (ops->chan_release != NULL) {
		ops->chan_release(dev, channel);
	}
	dma_port_atomic_and(&dma_core_ctrl(dev)->alloc_map[channel / 32u],
			    ~(1u << (channel % 32u)));
}

bool dma_core_current(const struct device *dev, uint32_t channel, uint32_t seq)
{
	const struct dma_core_chan *c = dma_core_chan(dev, channel);

	return c->seq == seq && is_busy(c->state);
}

/* One body for two entries: inlined in each where the compiler optimises
 * for speed, shared where it optimises for size (-Os). */
#if defined(__OPTIMIZE_SIZE__)
#define SHARED_BODY_ static
#else
#define SHARED_BODY_ static inline __attribute__((always_inline))
#endif

/* Apply event @p ev of the current transfer, then release the lock.
 * [locked; returns unlocked] */
SHARED_BODY_ void apply_event(const struct device *dev, uint32_t channel, enum dma_core_event ev,
			int status, dma_port_key_t key)
{
	struct dma_core_chan *c = dma_core_chan(dev, channel);
	dma_callback_t cb;
	void *user_data;
	bool call;
	bool chain;
	bool kicked = false;
	int cb_status;

	cb = c->cfg.dma_callback;
	user_data = c->cfg.user_data;
	call = dma_core_callback_for(&c->cfg, ev, status, &cb_status, &chain);
	if (ev == DMA_EV_DONE) {
		c->copied += c->total_len;
		c->state = DMA_CHAN_CONFIGURED; /* before the callback */
	} else if (ev == DMA_EV_ERROR) {
		c->copied += ops_of(dev)->progress(dev, channel);
		c->state = DMA_CHAN_CONFIGURED;
	}
	if (chain) {
		/* Under the same lock hold as the event: a dma_stop() of the
		 * link that returned before this report keeps it stopped, and
		 * one that comes after stops what this started. Validated when
		 * this transfer started; a link released since then is not
		 * CONFIGURED and has nothing to run. */
		uint32_t link = c->cfg.linked_channel;
		struct dma_core_chan *l = dma_core_chan(dev, link);

		kicked = l->state == DMA_CHAN_CONFIGURED && start_locked(dev, link, l) == 0;
	}
	if (call) {
		(void)dma_port_atomic_add(&c->cb_active, 1u); /* committed under the lock */
		c->cb_ctx = dma_port_context();
	}
	dma_core_unlock(dev, key);
	PREEMPT_POINT();

	if (kicked) {
		kick(dev);
	}
	if (call) {
		cb(dev, user_data, channel, cb_status);
		(void)dma_port_atomic_add(&c->cb_active, (uint32_t)-1);
	}
}

bool dma_core_report(const struct device *dev, uint32_t channel, uint32_t seq,
		     enum dma_core_event ev, int status)
{
	dma_port_key_t key = dma_core_lock(dev);

	if (!dma_core_current(dev, channel, seq)) {
		dma_core_unlock(dev, key);
		return false; /* stopped, released or restarted since: stale */
	}
	apply_event(dev, channel, ev, status, key);
	return true;
}

void dma_core_report_held(const struct device *dev, uint32_t channel, enum dma_core_event ev,
			  int status, dma_port_key_t key)
{
	apply_event(dev, channel, ev, status, key);
}

#if DMA_CONFIG_REASONS
static dma_refusal_hook_t refusal_hook;

void dma_set_refusal_hook(dma_refusal_hook_t hook)
{
	refusal_hook = hook;
}

/* The context running the hook (its token, odd so never 0), 0 for none. */
static dma_port_atomic_t hook_runner;

/*
 * Tell the hook. A refusal made by a call from inside the hook, in the same
 * context, is not told: a hook that reads a refused channel's status would
 * otherwise recurse without end.
 */
int dma_core_refused_(const struct device *dev, uint32_t channel, int err, const char *reason)
{
	dma_refusal_hook_t hook = refusal_hook;
	const uint32_t me = (uint32_t)dma_port_context() * 2u + 1u;

	if (hook == NULL || dma_port_atomic_load(&hook_runner) == me) {
		return err;
	}
	(void)dma_port_atomic_and(&hook_runner, 0u);
	(void)dma_port_atomic_or(&hook_runner, me);
	hook(dev, channel, err, reason);
	if (dma_port_atomic_load(&hook_runner) == me) {
		(void)dma_port_atomic_and(&hook_runner, 0u);
	}
	return err;
}

/* dma_core_unlock() with a refusal made under the lock: release, then tell. */
void dma_core_unlock_and_tell_(const struct device *dev, dma_port_key_t key)
{
	struct dma_core_data *d = dev->data;
	const char *why = d->why;
	uint32_t channel = d->why_channel;
	int err = d->why_err;

	d->why = NULL;
	dma_port_unlock(&d->lock, key);
	(void)dma_core_refused_(dev, channel, err, why);
}

/* Under the lock: the reason waits for dma_core_unlock(), which tells it. */
int dma_core_refused_locked_(const struct device *dev, uint32_t channel, int err,
			     const char *reason)
{
	struct dma_core_data *d = dev->data;

	if (d->why == NULL) {
		d->why = reason;
		d->why_channel = channel;
		d->why_err = err;
	}
	return err;
}
#else
void dma_set_refusal_hook(dma_refusal_hook_t hook)
{
	(void)hook;
}
#endif

const struct dma_driver_api dma_api_functions = {
	.config = dma_config,
	.reload = dma_reload,
	.start = dma_start,
	.stop = dma_stop,
	.suspend = dma_suspend,
	.resume = dma_resume,
	.get_status = dma_get_status,
	.get_attribute = dma_get_attribute,
	.chan_filter = NULL,
	.chan_release = dma_release_channel,
};
