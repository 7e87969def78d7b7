/* SPDX-License-Identifier: Apache-2.0 */
/*
 * runner: see runner_ip.h. "runner" starts each run from the done
 * interrupt at once; "runner_paced" is a chain of a model that would run a
 * transfer inside the register write that starts it (QEMU's PDMA): its
 * runs start at the engine's next tick (dma_chain_pace()). The two
 * "runner_manual" instances have no engine thread: a test moves time.
 *
 * Lock order: the core lock, then the hardware lock. The engine thread
 * moves bytes under the hardware lock only, and calls the handler (which
 * takes the core lock first) with no lock held.
 */
#include "runner_ip.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "dma/dma_chain.h"
#include "ordering.h"

#define RUNNER_CHANNELS 4u
#define RUNNER_BLOCKS 16u
/* Runs per channel: 640 KiB transfers of runs of 4095 bytes or less. */
#define RUNNER_RUNS 256u
/* Bytes a channel moves per tick of the engine. */
#define RUNNER_TICK_BYTES 256u

/* One channel's hardware. */
struct runner_hw {
	struct dma_seg run;
	uint32_t done;
	/* Bytes written by the channel since its configuration. */
	uint64_t written;
	uint32_t sw, dw;
	bool running, done_flag, err_flag;
	bool fault_armed;
	uint32_t fault_at;
	int fault_err, err;
};

struct runner_config {
	const struct dma_chain *chain;
	struct runner_hw *hw;
	pthread_mutex_t *lock;
	/* No engine thread: the test moves time (runner_step(), runner_irq()). */
	bool manual;
};

/* Programming the IP rejects: counted, and the run fails. */
static unsigned long misuse_count;

extern const struct dma_driver_ops runner_ops;
static const struct dma_chain_ops runner_chain_ops;

static const struct runner_config *cfg_of(const struct device *dev)
{
	return (const struct runner_config *)dma_core_ctrl(dev)->drv_config;
}

static struct runner_hw *hw_of(const struct device *dev, uint32_t ch)
{
	return &cfg_of(dev)->hw[ch];
}

static void hw_lock(const struct device *dev)
{
	(void)pthread_mutex_lock(cfg_of(dev)->lock);
}

static void hw_unlock(const struct device *dev)
{
	(void)pthread_mutex_unlock(cfg_of(dev)->lock);
}

/* Bytes per beat: the larger unit, so that both sides move whole units. */
static uint32_t beat_of(uint32_t sw, uint32_t dw)
{
	return sw > dw ? sw : dw;
}

/* ------------------------------------------------------------- hardware */

/*
 * Move one beat (the larger unit: whole units on both sides) of the run:
 * the source units read in order into the beat, written out as
 * destination units. A fixed side uses its one address for every unit.
 * [hw locked]
 */
static void move_beat(struct runner_hw *h)
{
	const uint32_t beat = beat_of(h->sw, h->dw);
	const uint32_t at = h->run.off + h->done;
	uint8_t buf[8];

	if (h->fault_armed && h->fault_at >= at && h->fault_at < at + beat) {
		h->fault_armed = false;
		h->running = false;
		h->err_flag = true;
		h->err = h->fault_err;
		return;
	}
	for (uint32_t i = 0u; i < beat; i += h->sw) {
		uintptr_t a = (uintptr_t)h->run.src +
			      (h->run.src_adj == DMA_ADDR_ADJ_INCREMENT ? h->done + i : 0u);

		ord_dma_read(&buf[i], (const void *)a, h->sw);
	}
	for (uint32_t i = 0u; i < beat; i += h->dw) {
		uintptr_t a = (uintptr_t)h->run.dst +
			      (h->run.dst_adj == DMA_ADDR_ADJ_INCREMENT ? h->done + i : 0u);

		ord_dma_write((void *)a, &buf[i], h->dw);
	}
	h->written += beat;
	h->done += beat;
	if (h->done >= h->run.len) {
		h->running = false;
		h->done_flag = true;
	}
}

/* Move whole beats of the run until @p bytes have moved or the run rests
 * (ended, failed); returns the bytes moved. [hw locked] */
static uint32_t move_up_to(struct runner_hw *h, uint32_t bytes)
{
	uint32_t moved = 0u;

	while (h->running && moved < bytes) {
		uint32_t before = h->done;

		move_beat(h);
		moved += h->done - before;
	}
	return moved;
}

/* The channel's interrupt: done or error latched. */
static void runner_isr(const struct device *dev, uint32_t ch)
{
	const struct dma_chain *chain = cfg_of(dev)->chain;
	struct runner_hw *h = hw_of(dev, ch);
	dma_port_key_t key = dma_core_lock(dev);
	bool done, failed;
	uint32_t seq;
	int err;

	hw_lock(dev);
	done = h->done_flag;
	failed = h->err_flag;
	err = h->err;
	h->done_flag = false;
	h->err_flag = false;
	hw_unlock(dev);
	if (!done && !failed) {
		dma_core_unlock(dev, key);
		return;
	}
	seq = dma_chain_take(chain, ch, failed ? DMA_RUN_FAILED : DMA_RUN_ENDED);
	dma_core_unlock(dev, key);
	if (failed) {
		dma_chain_run_failed(dev, chain, ch, seq, err);
	} else {
		dma_chain_run_done(dev, chain, ch, seq);
	}
}

static void *engine(void *arg)
{
	const struct device *dev = arg;
	const struct timespec tick = {0, 20000};

	dma_posix_set_isr_thread(true);
	for (;;) {
		hw_lock(dev);
		for (uint32_t ch = 0u; ch < RUNNER_CHANNELS; ch++) {
			(void)move_up_to(hw_of(dev, ch), RUNNER_TICK_BYTES);
		}
		hw_unlock(dev);
		runner_irq(dev); /* the interrupts latched, then (paced) the pace */
		(void)nanosleep(&tick, NULL);
	}
	return NULL;
}

/* ---------------------------------------------------------- chain hooks */

static void runner_load(const struct device *dev, uint32_t ch, const struct dma_seg *seg)
{
	const struct dma_config *cfg = &dma_core_chan(dev, ch)->cfg;
	struct runner_hw *h = hw_of(dev, ch);
	const uint32_t beat = beat_of(cfg->source_data_size, cfg->dest_data_size);

	hw_lock(dev);
	ord_dma_load();
	h->run = *seg;
	h->done = 0u;
	h->sw = cfg->source_data_size;
	h->dw = cfg->dest_data_size;
	h->done_flag = false;
	h->err_flag = false;
	h->running = seg->len > 0u;
	if (seg->len % beat != 0u) {
		/* The IP moves whole beats: a run of a part of one is a
		 * programming error (it fails at once). */
		misuse_count++;
		h->running = false;
		h->err_flag = true;
		h->err = -EIO;
	}
	hw_unlock(dev);
}

static uint32_t runner_residue(const struct device *dev, uint32_t ch)
{
	struct runner_hw *h = hw_of(dev, ch);
	uint32_t left;

	hw_lock(dev);
	left = h->run.len - h->done;
	hw_unlock(dev);
	return left;
}

static enum dma_run_end runner_halt(const struct device *dev, uint32_t ch)
{
	struct runner_hw *h = hw_of(dev, ch);
	enum dma_run_end end = DMA_RUN_CUT;

	hw_lock(dev);
	h->running = false;
	if (h->err_flag) {
		end = DMA_RUN_FAILED;
	} else if (h->done_flag) {
		end = DMA_RUN_ENDED;
	}
	hw_unlock(dev);
	return end;
}

static const struct dma_chain_ops runner_chain_ops = {
	.load = runner_load,
	.residue = runner_residue,
	.halt = runner_halt,
};

/* ------------------------------------------------------------ operations */

static int runner_init(const struct device *dev)
{
	pthread_t t;

	if (cfg_of(dev)->manual) {
		return 0;
	}
	if (pthread_create(&t, NULL, engine, (void *)(uintptr_t)dev) != 0) {
		return dma_core_init_failed(dev, -ENODEV, "runner: no engine thread");
	}
	(void)pthread_detach(t);
	return 0;
}

static int runner_validate(const struct device *dev, uint32_t channel,
			   const struct dma_config *cfg)
{
	if (dma_chain_count(cfg, cfg_of(dev)->chain) > cfg_of(dev)->chain->max_segs) {
		return DMA_REFUSE(dev, channel, -EINVAL, "runner: more runs than the channel holds");
	}
	return 0;
}

static void runner_configure(const struct device *dev, uint32_t channel)
{
	hw_lock(dev);
	hw_of(dev, channel)->fault_armed = false;
	hw_of(dev, channel)->written = 0u;
	hw_unlock(dev);
	dma_chain_configure(dev, cfg_of(dev)->chain, channel);
}

static int runner_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	return dma_chain_start(dev, cfg_of(dev)->chain, channel, seq);
}

static void runner_stop(const struct device *dev, uint32_t channel)
{
	struct runner_hw *h = hw_of(dev, channel);

	dma_chain_stop(dev, cfg_of(dev)->chain, channel);
	/* Nothing the stopped run latched reaches the next transfer. */
	hw_lock(dev);
	h->done_flag = false;
	h->err_flag = false;
	hw_unlock(dev);
}

static int runner_suspend(const struct device *dev, uint32_t channel)
{
	return dma_chain_suspend(dev, cfg_of(dev)->chain, channel);
}

static int runner_resume(const struct device *dev, uint32_t channel)
{
	return dma_chain_resume(dev, cfg_of(dev)->chain, channel);
}

static uint64_t runner_progress(const struct device *dev, uint32_t channel)
{
	return dma_chain_progress(dev, cfg_of(dev)->chain, channel);
}

static void runner_release(const struct device *dev, uint32_t channel)
{
	hw_lock(dev);
	hw_of(dev, channel)->fault_armed = false;
	hw_unlock(dev);
}

const struct dma_driver_ops runner_ops = {
	.init = runner_init,
	.validate = runner_validate,
	.configure = runner_configure,
	.start = runner_start,
	.stop = runner_stop,
	.suspend = runner_suspend,
	.resume = runner_resume,
	.progress = runner_progress,
	.chan_release = runner_release,
};

int runner_inject_fault(const struct device *dev, uint32_t channel, uint32_t block,
			uint32_t offset, int error)
{
	const struct dma_block_config *blk;
	const struct dma_config *cfg;
	uint32_t at = 0u, beat;
	dma_port_key_t key;

	if (dev == NULL || dev->api != &runner_ops || channel >= RUNNER_CHANNELS || error >= 0) {
		return -EINVAL;
	}
	key = dma_core_lock(dev);
	cfg = &dma_core_chan(dev, channel)->cfg;
	blk = cfg->head_block;
	if (block >= cfg->block_count) {
		dma_core_unlock(dev, key);
		return -EINVAL;
	}
	for (uint32_t b = 0u; b < block; b++, blk = blk->next_block) {
		at += blk->block_size;
	}
	if (offset >= blk->block_size) {
		dma_core_unlock(dev, key);
		return -EINVAL;
	}
	beat = beat_of(cfg->source_data_size, cfg->dest_data_size);
	hw_lock(dev);
	hw_of(dev, channel)->fault_armed = true;
	hw_of(dev, channel)->fault_at = at + offset - offset % beat;
	hw_of(dev, channel)->fault_err = error;
	hw_unlock(dev);
	dma_core_unlock(dev, key);
	return 0;
}

unsigned runner_step(const struct device *dev, uint32_t channel, uint32_t bytes)
{
	struct runner_hw *h = hw_of(dev, channel);
	uint32_t moved;

	hw_lock(dev);
	moved = move_up_to(h, bytes);
	hw_unlock(dev);
	return moved;
}

void runner_irq(const struct device *dev)
{
	for (uint32_t ch = 0u; ch < RUNNER_CHANNELS; ch++) {
		bool flagged;

		hw_lock(dev);
		flagged = hw_of(dev, ch)->done_flag || hw_of(dev, ch)->err_flag;
		hw_unlock(dev);
		if (flagged) {
			runner_isr(dev, ch);
		}
	}
	if (cfg_of(dev)->chain->paced) {
		dma_chain_pace(dev, cfg_of(dev)->chain);
	}
}

bool runner_running(const struct device *dev, uint32_t channel)
{
	bool r;

	hw_lock(dev);
	r = hw_of(dev, channel)->running;
	hw_unlock(dev);
	return r;
}

uint64_t runner_written(const struct device *dev, uint32_t channel)
{
	uint64_t w;

	hw_lock(dev);
	w = hw_of(dev, channel)->written;
	hw_unlock(dev);
	return w;
}

unsigned long runner_misuse(void)
{
	return misuse_count;
}

/* ------------------------------------------------------------- instances */

static const struct dma_capabilities runner_caps = {
	.channels = RUNNER_CHANNELS,
	.max_block_count = RUNNER_BLOCKS,
	.max_block_size = 1024u * 1024u,
	.data_sizes = 1u | 2u | 4u | 8u,
	.max_burst_length = 64u,
	.directions = 1u << MEMORY_TO_MEMORY,
	.source_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),
	.dest_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),
	.addr_alignment = 1u,
	.size_alignment = 1u,
	.copy_alignment = 1u,
	.addr_aligned_to_width = 1u,
	.features = DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD |
		    DMA_CAP_MIXED_WIDTHS | DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK |
		    DMA_CAP_ERROR_REPORT | DMA_CAP_OBSERVABLE_RUNNING,
};

#define RUNNER_DEFINE(sym, name, paced, manual)                                                \
	DMA_CHAIN_DEFINE(sym##_chain_, &runner_chain_ops, RUNNER_CHANNELS, RUNNER_RUNS,        \
			 RUNNER_MAX_RUN, (paced));                                             \
	static struct runner_hw sym##_hw_[RUNNER_CHANNELS];                                    \
	static pthread_mutex_t sym##_lock_ = PTHREAD_MUTEX_INITIALIZER;                        \
	static const struct runner_config sym##_cfg_ = {&sym##_chain_, sym##_hw_, &sym##_lock_, \
							 (manual)};                             \
	DMA_CONTROLLER_DEFINE(sym, name, &runner_ops, &runner_caps, RUNNER_CHANNELS,          \
			      RUNNER_BLOCKS, &sym##_cfg_, NULL)

RUNNER_DEFINE(runner_dma, "runner", false, false);
RUNNER_DEFINE(runner_paced_dma, "runner_paced", true, false);
/* For deterministic tests: time moves only when the test says so. */
RUNNER_DEFINE(runner_manual_dma, "runner_manual", false, true);
RUNNER_DEFINE(runner_manual_paced_dma, "runner_manual_paced", true, true);
