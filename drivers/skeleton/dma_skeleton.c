/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The skeleton driver: copy this file to start a driver for a new
 * controller, then replace the software copy with your registers.
 *
 * What a driver does, and nothing more (the core does the rest: validation
 * against the capabilities, the state machine, status, chaining, callbacks):
 *
 *   start()    [locked]  program the channel and let it go; remember seq.
 *   stop()     [locked]  stop it; on return it touches no buffer and has
 *                        nothing latched for the next transfer.
 *   progress() [locked]  bytes moved by the current transfer, at any moment.
 *   kick()               (optional) work to do after the lock is released.
 *   your interrupt handler: for each event, dma_core_report(dev, ch, seq,
 *                        event, status), without the lock; stop at the
 *                        first report that returns false.
 *
 * Here there is no hardware and no interrupt: kick() copies the blocks in
 * the caller's thread and reports from there. The core supports that: a
 * callback that stops or reconfigures its own channel returns at once.
 * Each block is copied under the controller lock, so a dma_stop() from
 * another thread never returns while a block is being written (on
 * hardware, stop() waits for the channel to go idle instead).
 */
#include <string.h>

#include "dma/dma_skeleton.h"

static struct skeleton_chan *chan_of(const struct device *dev, uint32_t channel)
{
	return &((struct skeleton_chan *)dma_core_ctrl(dev)->drv_data)[channel];
}

static int skeleton_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	struct skeleton_chan *c = chan_of(dev, channel);

	c->seq = seq;
	c->block = 0u;
	c->moved = 0u;
	c->pending = true; /* kick() copies it once the lock is released */
	return 0;
}

static void skeleton_stop(const struct device *dev, uint32_t channel)
{
	chan_of(dev, channel)->pending = false;
}

static uint64_t skeleton_progress(const struct device *dev, uint32_t channel)
{
	return chan_of(dev, channel)->moved;
}

/*
 * Copy the next block of a pending channel, under the lock (a stop from
 * another thread waits for the block), and say what it ended and for which
 * transfer. False: nothing left (stopped or finished); the channel is then
 * given up in the same lock hold, so a start after it finds it unclaimed.
 */
static bool copy_next_block(const struct device *dev, uint32_t channel, uint32_t *seq,
			    enum dma_core_event *ev)
{
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	struct skeleton_chan *c = chan_of(dev, channel);
	dma_port_key_t key = dma_core_lock(dev);
	bool copied = c->pending;

	if (copied) {
		const struct dma_block_config *b = &cc->blocks[c->block];

		memcpy((void *)(uintptr_t)b->dest_address, (const void *)(uintptr_t)b->source_address,
		       b->block_size);
		c->moved += b->block_size;
		c->block++;
		*seq = c->seq;
		*ev = c->block < cc->cfg.block_count ? DMA_EV_BLOCK : DMA_EV_DONE;
		c->pending = *ev == DMA_EV_BLOCK;
	} else {
		c->claimed = false;
	}
	dma_core_unlock(dev, key);
	return copied;
}

/*
 * Run a pending channel until nothing is left, reporting as a controller
 * would. One kick() runs a channel at a time: a transfer started meanwhile
 * (by a callback restarting the channel, or by another thread) is run by
 * this loop when the callback returns, not by a nested kick(): a callback
 * that restarts its own channel forever must not grow the stack.
 */
static void run_channel(const struct device *dev, uint32_t channel)
{
	struct skeleton_chan *c = chan_of(dev, channel);
	enum dma_core_event ev;
	uint32_t seq;
	dma_port_key_t key = dma_core_lock(dev);
	bool mine = c->pending && !c->claimed;

	c->claimed |= mine;
	dma_core_unlock(dev, key);
	if (!mine) {
		return;
	}
	while (copy_next_block(dev, channel, &seq, &ev)) {
		/* The callback may stop, reconfigure or restart the channel; a
		 * stale report (stopped or restarted meanwhile) is dropped and
		 * the loop goes on with whatever is pending now. */
		(void)dma_core_report(dev, channel, seq, ev, 0);
	}
}

static void skeleton_kick(const struct device *dev)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;

	for (uint32_t ch = 0u; ch < nchan; ch++) {
		run_channel(dev, ch);
	}
}

const struct dma_driver_ops skeleton_ops = {
	.start = skeleton_start,
	.stop = skeleton_stop,
	.progress = skeleton_progress,
	.kick = skeleton_kick,
	/* Left out, so the core answers for them: init, validate, configure
	 * (nothing to prepare), suspend/resume (-ENOSYS), read_progress,
	 * chan_filter (the core's), chan_release. */
};
