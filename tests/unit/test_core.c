/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Unit tests of the shared core against a fake driver that records every
 * hardware operation. They check what the conformance suite cannot see from
 * outside: a failed call performs no hardware operation, stale reports are
 * dropped, callbacks run without the lock, the block list is copied, the
 * device registry, and the index helpers.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dma/dma_driver.h"
#include "ttest.h"
#include "ttest_host.h"

#define NCH 4u
#define NBLK 4u

/* ------------------------------------------------------------- fake driver */

static struct {
	unsigned configure, start, stop, suspend, resume, release;
	uint32_t last_seq[NCH];
	int start_ret;
	uint64_t progress;
	unsigned kick;
	bool kick_lock_free;
} hw;

static unsigned hw_ops(void)
{
	return hw.configure + hw.start + hw.stop + hw.suspend + hw.resume + hw.release;
}

static void fake_configure(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	hw.configure++;
}

static int fake_start(const struct device *dev, uint32_t ch, uint32_t seq)
{
	(void)dev;
	hw.start++;
	hw.last_seq[ch] = seq;
	return hw.start_ret;
}

static void fake_stop(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	hw.stop++;
}

static int fake_suspend(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	hw.suspend++;
	return 0;
}

static int fake_resume(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	hw.resume++;
	return 0;
}

static uint64_t fake_progress(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	return hw.progress;
}

static void fake_release(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	hw.release++;
}

/* The lock must be free when the core kicks (the emulator wakes a thread). */
static void fake_kick(const struct device *dev)
{
	hw.kick++;
	hw.kick_lock_free =
		__atomic_load_n(&((struct dma_core_data *)dev->data)->lock.locked, __ATOMIC_SEQ_CST) == 0u;
}

static const struct dma_driver_ops fake_ops = {
	.configure = fake_configure,
	.start = fake_start,
	.stop = fake_stop,
	.suspend = fake_suspend,
	.resume = fake_resume,
	.progress = fake_progress,
	.kick = fake_kick,
	.chan_release = fake_release,
};

static const struct dma_capabilities fake_caps = {
	.channels = NCH,
	.max_block_count = NBLK,
	.max_block_size = 4096,
	.data_sizes = 1u | 2u | 4u,
	.max_burst_length = 16,
	.directions = 1u << MEMORY_TO_MEMORY,
	.source_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,
	.dest_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),
	.addr_alignment = 4,
	.size_alignment = 4,
	.copy_alignment = 4,
	.addr_aligned_to_width = 1,
	.features = DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD |
		    DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK | DMA_CAP_ERROR_REPORT,
};

DMA_CONTROLLER_DEFINE(fake_dma, "fake_dma", &fake_ops, &fake_caps, NCH, NBLK, NULL, NULL);

/* A controller whose init fails must not be handed out. */
static int failing_init(const struct device *dev)
{
	(void)dev;
	return -5;
}

static const struct dma_driver_ops failing_ops = {
	.init = failing_init,
	.start = fake_start,
	.stop = fake_stop,
	.suspend = fake_suspend,
	.resume = fake_resume,
	.progress = fake_progress,
};

DMA_CONTROLLER_DEFINE(failing_dma, "failing_dma", &failing_ops, &fake_caps, NCH, NBLK, NULL,
		      NULL);

/* Broken instance descriptions: init refuses each, with a reason. */
static const struct dma_driver_ops no_progress_ops = {
	.start = fake_start,
	.stop = fake_stop,
	.suspend = fake_suspend,
	.resume = fake_resume,
};
static const struct dma_driver_ops no_suspend_ops = {
	.start = fake_start,
	.stop = fake_stop,
	.progress = fake_progress,
};
static const struct dma_driver_ops half_pause_ops = {
	.start = fake_start,
	.stop = fake_stop,
	.suspend = fake_suspend,
	.progress = fake_progress,
};
static const struct dma_capabilities zero_chan_caps = {.max_block_count = 1};
DMA_CONTROLLER_DEFINE(no_progress_dma, "no_progress_dma", &no_progress_ops, &fake_caps, NCH, NBLK,
		      NULL, NULL);
/* fake_caps claims DMA_CAP_SUSPEND. */
DMA_CONTROLLER_DEFINE(no_suspend_dma, "no_suspend_dma", &no_suspend_ops, &fake_caps, NCH, NBLK,
		      NULL, NULL);
DMA_CONTROLLER_DEFINE(half_pause_dma, "half_pause_dma", &half_pause_ops, &fake_caps, NCH, NBLK,
		      NULL, NULL);
/* Capabilities for NCH channels over storage for 2, and NBLK blocks over 1. */
DMA_CONTROLLER_DEFINE(short_chans_dma, "short_chans_dma", &fake_ops, &fake_caps, 2, NBLK, NULL,
		      NULL);
DMA_CONTROLLER_DEFINE(short_blocks_dma, "short_blocks_dma", &fake_ops, &fake_caps, NCH, 1, NULL,
		      NULL);
DMA_CONTROLLER_DEFINE(zero_chan_dma, "zero_chan_dma", &fake_ops, &zero_chan_caps, NCH, NBLK, NULL,
		      NULL);

/* A controller with more channels than one word of the request bitmap. */
static const struct dma_capabilities wide_caps = {
	.channels = 40, .max_block_count = 1, .max_block_size = 4096, .data_sizes = 4u,
	.max_burst_length = 16, .directions = 1u << MEMORY_TO_MEMORY,
	.source_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT, .dest_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,
	.addr_alignment = 1, .size_alignment = 1, .copy_alignment = 1,
};
DMA_CONTROLLER_DEFINE(wide_dma, "wide_dma", &fake_ops, &wide_caps, 40, 1, NULL, NULL);

/* Blocks of whole 16-bit halfwords, whatever the data size. */
static const struct dma_capabilities halfword_caps = {
	.channels = NCH, .max_block_count = NBLK, .max_block_size = 4096, .data_sizes = 1u,
	.max_burst_length = 16, .directions = 1u << MEMORY_TO_MEMORY,
	.source_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,
	.dest_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,
	.addr_alignment = 1, .size_alignment = 2, .copy_alignment = 1,
	.addr_aligned_to_width = 1, .features = DMA_CAP_BLOCK_CALLBACK,
};
DMA_CONTROLLER_DEFINE(halfword_dma, "halfword_dma", &fake_ops, &halfword_caps, NCH, NBLK, NULL,
		      NULL);

/*
 * A driver with its own filter: its filter_param is a request-line group
 * (channel % 4), not a channel number, so the core must ask the filter
 * about every channel instead of reading the parameter as one.
 */
static bool group_filter(const struct device *dev, int channel, void *filter_param)
{
	(void)dev;
	return filter_param == NULL || (uint32_t)channel % 4u == *(const uint32_t *)filter_param;
}

static const struct dma_driver_ops grouped_ops = {
	.configure = fake_configure,
	.start = fake_start,
	.stop = fake_stop,
	.progress = fake_progress,
	.chan_filter = group_filter,
};

DMA_CONTROLLER_DEFINE(grouped_dma, "grouped_dma", &grouped_ops, &wide_caps, 40, 1, NULL, NULL);

/*
 * A driver whose validate() lets another context act on the channel while
 * dma_reload() checks its new block without the lock (what an interrupt or
 * another thread may do at that moment on a real system).
 */
static void (*meanwhile)(const struct device *dev, uint32_t ch);

static int meanwhile_validate(const struct device *dev, uint32_t ch, const struct dma_config *cfg)
{
	void (*act)(const struct device *, uint32_t) = meanwhile;

	(void)cfg;
	meanwhile = NULL; /* once: the act itself may validate */
	if (act != NULL) {
		act(dev, ch);
	}
	return 0;
}

static const struct dma_driver_ops meanwhile_ops = {
	.validate = meanwhile_validate,
	.configure = fake_configure,
	.start = fake_start,
	.stop = fake_stop,
	.suspend = fake_suspend,
	.resume = fake_resume,
	.progress = fake_progress,
};

DMA_CONTROLLER_DEFINE(meanwhile_dma, "meanwhile_dma", &meanwhile_ops, &fake_caps, NCH, NBLK, NULL,
		      NULL);

/* ------------------------------------------------------------- helpers */

static const struct device *const dev = &fake_dma;
static uint32_t mem[64];

static struct {
	unsigned n;
	int status[16];
	bool lock_free[16];
	struct dma_status st;
	int st_ret;
} cbs;

static void cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	(void)ch;
	if (cbs.n < 16u) {
		/* The lock must not be held: taking it here would spin forever,
		 * so look at it instead, then prove an API call works. */
		cbs.lock_free[cbs.n] =
			__atomic_load_n(&((struct dma_core_data *)d->data)->lock.locked, __ATOMIC_SEQ_CST) == 0u;
		cbs.status[cbs.n] = status;
	}
	cbs.n++;
	cbs.st_ret = dma_get_status(d, ch, &cbs.st);
}

static struct dma_config cfg;
static struct dma_block_config blk[NBLK + 1];

static struct dma_config *make_cfg(uint32_t nblocks)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = nblocks;
	cfg.head_block = blk;
	cfg.dma_callback = cb;
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = (dma_addr_t)(uintptr_t)&mem[i * 8u];
		blk[i].dest_address = (dma_addr_t)(uintptr_t)&mem[32u + i * 8u];
		blk[i].block_size = 16;
		blk[i].next_block = (i + 1u < nblocks) ? &blk[i + 1u] : NULL;
	}
	return &cfg;
}

static void reset(void)
{
	for (uint32_t ch = 0; ch < NCH; ch++) {
		dma_release_channel(dev, ch);
	}
	memset(&hw, 0, sizeof(hw));
	memset(&cbs, 0, sizeof(cbs));
}

static uint32_t seq_of(uint32_t ch)
{
	return hw.last_seq[ch];
}

/* ------------------------------------------------------------- cases */

static void test_failed_calls_touch_no_hardware(void)
{
	struct dma_config *c;

	if (!ttest_begin("core/failed-calls-perform-no-hardware-operation")) {
		return;
	}
	reset();
	c = make_cfg(2);
	blk[1].dest_address += 2; /* misaligned for 4-byte units */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	EXPECT_EQ(-EINVAL, dma_start(dev, 0));
	EXPECT_EQ(-EINVAL, dma_suspend(dev, 0));
	EXPECT_EQ(-EINVAL, dma_resume(dev, 0));
	EXPECT_EQ(-EINVAL, dma_reload(dev, 0, 0, 0, 16));
	EXPECT_EQ(0, dma_stop(dev, 0)); /* stop of an idle channel: nothing to do */
	EXPECT_EQ(0, hw_ops());
	/* A start the hardware refuses leaves the channel CONFIGURED. */
	c = make_cfg(1);
	EXPECT_EQ(0, dma_config(dev, 0, c));
	hw.start_ret = -EIO;
	EXPECT_EQ(-EIO, dma_start(dev, 0));
	hw.start_ret = 0;
	EXPECT_EQ(-EINVAL, dma_suspend(dev, 0));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(-EBUSY, dma_config(dev, 0, c));
	EXPECT_EQ(-EBUSY, dma_reload(dev, 0, 0, 0, 16));
	EXPECT_EQ(1, hw.configure);
	ttest_end();
}

static char why_copy[256];

/* A refusal's reason lives while the hook runs: keep a copy. */
static void copy_hook(const struct device *d, uint32_t ch, int err, const char *reason)
{
	(void)d;
	(void)ch;
	(void)err;
	(void)snprintf(why_copy, sizeof(why_copy), "%s", reason);
}

static void test_validation_against_caps(void)
{
	struct dma_config *c;

	if (!ttest_begin("core/validation-follows-capabilities")) {
		return;
	}
	reset();
	c = make_cfg(1);
	c->source_data_size = 8; /* not in data_sizes */
	c->dest_data_size = 8;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	c->dest_data_size = 2; /* mixed widths without the capability */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].block_size = 4100; /* above max_block_size */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].source_addr_adj = DMA_ADDR_ADJ_DECREMENT; /* not supported */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].source_gather_en = 1; /* no gather capability */
	blk[0].source_gather_count = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	c->source_burst_length = 32; /* above max_burst_length */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	c->channel_direction = PERIPHERAL_TO_MEMORY;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].block_size = 18; /* not a multiple of size_alignment */
	why_copy[0] = '\0';
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	dma_set_refusal_hook(NULL);
	/* The reason names the call, the block, the field and the values, in
	 * decimal, and nothing else. */
	EXPECT_TRUE(strcmp(why_copy, "dma_config: block 0: block_size 18 is not a multiple of "
				     "source_data_size 4") == 0,
		    "reason: expected the call, the block, its size and the data size, got \"%s\"",
		    why_copy);
	c = make_cfg(1);
	blk[0].block_size = 4100;
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(strcmp(why_copy, "dma_config: block 0: block_size 4100 is not in 1..4096") == 0,
		    "reason: expected the size and the range in decimal, got \"%s\"", why_copy);
	/* A reload's new block is refused like a configuration's block 0. */
	c = make_cfg(1);
	EXPECT_EQ(0, dma_config(dev, 0, c));
	why_copy[0] = '\0';
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_reload(dev, 0, 0x1000u, 0x2000u, 18u));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(strstr(why_copy, "block 0: block_size 18 is not a multiple") != NULL,
		    "reason: expected block 0 and its size, got \"%s\"", why_copy);
	/* A suspend or resume in the wrong state says which state it needs. */
	why_copy[0] = '\0';
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_resume(dev, 0)); /* CONFIGURED */
	EXPECT_TRUE(strstr(why_copy, "dma_resume: the channel is not SUSPENDED") != NULL,
		    "reason: expected the state resume needs, got \"%s\"", why_copy);
	EXPECT_EQ(-EINVAL, dma_suspend(dev, 0));
	EXPECT_TRUE(strstr(why_copy, "dma_suspend: the channel is not RUNNING") != NULL,
		    "reason: expected the state suspend needs, got \"%s\"", why_copy);
	dma_set_refusal_hook(NULL);
	/* The top of the address space: a block whose last byte is the highest
	 * address is accepted, one byte further is refused (the address
	 * register would wrap), and so is a fixed address whose one unit
	 * does. */
	c = make_cfg(1);
	blk[0].dest_address = (dma_addr_t)0 - (dma_addr_t)blk[0].block_size;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].dest_address = (dma_addr_t)0 - (dma_addr_t)blk[0].block_size + 4u;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	c = make_cfg(1);
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	blk[0].dest_address = (dma_addr_t)0 - 4u;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	/* On a controller without alignment rules: a block (of one word)
	 * whose first word would wrap. */
	c = make_cfg(1);
	blk[0].block_size = 4;
	blk[0].dest_address = (dma_addr_t)0 - 2u;
	EXPECT_EQ(-EINVAL, dma_config(&wide_dma, 0, c));
	blk[0].dest_address = (dma_addr_t)0 - 4u;
	EXPECT_EQ(0, dma_config(&wide_dma, 0, c));
	blk[0].block_size = 16; /* its last byte one past the highest address */
	blk[0].dest_address = (dma_addr_t)0 - 15u;
	EXPECT_EQ(-EINVAL, dma_config(&wide_dma, 0, c));
	blk[0].dest_address = (dma_addr_t)0 - 16u;
	EXPECT_EQ(0, dma_config(&wide_dma, 0, c));
	dma_release_channel(&wide_dma, 0);
	/* A link out of range: the reason gives the valid range. */
	c = make_cfg(1);
	c->dest_chaining_en = 1;
	c->linked_channel = 9;
	why_copy[0] = '\0';
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, c));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(strcmp(why_copy, "dma_config: linked_channel 9 is not in 0..3") == 0,
		    "reason: expected the link and the range, got \"%s\"", why_copy);
	/* A channel out of range: the reason gives the valid range. */
	why_copy[0] = '\0';
	dma_set_refusal_hook(copy_hook);
	EXPECT_EQ(-EINVAL, dma_start(dev, 99));
	dma_set_refusal_hook(NULL);
	{
		char want[48];

		(void)snprintf(want, sizeof(want), "channel 99 is not in 0..%u",
			       (unsigned)NCH - 1u); /* the instance has NCH channels */
		EXPECT_TRUE(strstr(why_copy, want) != NULL, "reason: expected \"%s\", got \"%s\"",
			    want, why_copy);
	}
	c = make_cfg(1);
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	c->source_burst_length = 16;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	EXPECT_EQ(0, hw.start);
	/* A size alignment of 2 (bytes moved in halfwords): 3 bytes refused,
	 * 4 accepted. */
	c = make_cfg(1);
	c->source_data_size = 1;
	c->dest_data_size = 1;
	c->source_burst_length = 0;
	c->dest_burst_length = 0;
	blk[0].block_size = 3;
	EXPECT_EQ(-EINVAL, dma_config(&halfword_dma, 0, c));
	blk[0].block_size = 4;
	EXPECT_EQ(0, dma_config(&halfword_dma, 0, c));
	dma_release_channel(&halfword_dma, 0);
	ttest_end();
}

static void test_block_list_copied(void)
{
	struct dma_config *c;
	const struct dma_core_chan *cc = dma_core_chan(dev, 1);

	if (!ttest_begin("core/block-list-is-copied-at-config")) {
		return;
	}
	reset();
	c = make_cfg(3);
	EXPECT_EQ(0, dma_config(dev, 1, c));
	blk[1].block_size = 4000; /* caller reuses its structs */
	blk[0].next_block = NULL;
	EXPECT_EQ(3, cc->cfg.block_count);
	EXPECT_EQ(16, cc->blocks[1].block_size);
	EXPECT_TRUE(cc->blocks[0].next_block == &cc->blocks[1], "block 0 must link to the copy");
	EXPECT_TRUE(cc->blocks[2].next_block == NULL, "last block must end the list");
	EXPECT_EQ(48, cc->total_len);
	ttest_end();
}

static void test_report_dispatch(void)
{
	struct dma_config *c;
	struct dma_status st;
	uint32_t s;

	if (!ttest_begin("core/report-events-and-callback-rules")) {
		return;
	}
	reset();
	c = make_cfg(2);
	c->complete_callback_en = 0;
	c->half_complete_callback_en = 0;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	s = seq_of(0);
	/* Without complete_callback_en/half: HALF and BLOCK give no callback. */
	EXPECT_EQ(true, dma_core_report(dev, 0, s, DMA_EV_HALF, 0));
	EXPECT_EQ(true, dma_core_report(dev, 0, s, DMA_EV_BLOCK, 0));
	EXPECT_EQ(0, cbs.n);
	hw.progress = 32;
	EXPECT_EQ(true, dma_core_report(dev, 0, s, DMA_EV_DONE, 0));
	EXPECT_EQ(1, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_EQ(true, cbs.lock_free[0]);
	/* CONFIGURED before the callback ran: status from inside it. */
	EXPECT_EQ(0, cbs.st_ret);
	EXPECT_EQ(false, cbs.st.busy);
	EXPECT_EQ(32, cbs.st.total_copied);
	/* A report after completion is stale. */
	EXPECT_EQ(false, dma_core_report(dev, 0, s, DMA_EV_DONE, 0));
	EXPECT_EQ(1, cbs.n);

	/* With both flags: HALF, BLOCK callbacks; errors as given. */
	c = make_cfg(2);
	c->complete_callback_en = 1;
	c->half_complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	s = seq_of(0);
	dma_core_report(dev, 0, s, DMA_EV_HALF, 0);
	dma_core_report(dev, 0, s, DMA_EV_BLOCK, 0);
	hw.progress = 20;
	dma_core_report(dev, 0, s, DMA_EV_ERROR, -EIO);
	EXPECT_EQ(4, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[2]);
	EXPECT_EQ(-EIO, cbs.status[3]);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(20, st.total_copied);

	/* error_callback_dis: no callback, still CONFIGURED. */
	c->error_callback_dis = 1;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	dma_core_report(dev, 0, seq_of(0), DMA_EV_ERROR, -EIO);
	EXPECT_EQ(4, cbs.n);
	EXPECT_EQ(0, dma_start(dev, 0)); /* restartable */
	ttest_end();
}

static void test_stale_reports_dropped(void)
{
	struct dma_config *c;
	uint32_t old;

	if (!ttest_begin("core/reports-of-stopped-transfers-are-dropped")) {
		return;
	}
	reset();
	c = make_cfg(1);
	EXPECT_EQ(0, dma_config(dev, 2, c));
	EXPECT_EQ(0, dma_start(dev, 2));
	old = seq_of(2);
	EXPECT_EQ(0, dma_stop(dev, 2));
	EXPECT_EQ(1, hw.stop);
	/* The interrupt of the stopped transfer arrives late. */
	EXPECT_EQ(false, dma_core_report(dev, 2, old, DMA_EV_DONE, 0));
	EXPECT_EQ(0, dma_start(dev, 2));
	EXPECT_TRUE(seq_of(2) != old, "a new transfer must get a new seq");
	EXPECT_EQ(false, dma_core_report(dev, 2, old, DMA_EV_DONE, 0));
	EXPECT_EQ(0, cbs.n);
	EXPECT_EQ(true, dma_core_report(dev, 2, seq_of(2), DMA_EV_DONE, 0));
	EXPECT_EQ(1, cbs.n);
	ttest_end();
}

static void test_cyclic_status(void)
{
	struct dma_config *c;
	struct dma_status st;

	if (!ttest_begin("core/cyclic-status-positions")) {
		return;
	}
	reset();
	c = make_cfg(2);
	c->cyclic = 1;
	EXPECT_EQ(0, dma_config(dev, 3, c));
	EXPECT_EQ(0, dma_start(dev, 3));
	hw.progress = 32 * 5 + 20; /* 5 laps of 32 bytes and 20 more */
	EXPECT_EQ(0, dma_get_status(dev, 3, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(12, st.pending_length);
	EXPECT_EQ(20, st.write_position);
	EXPECT_EQ(180, st.total_copied);
	EXPECT_EQ(true, dma_core_report(dev, 3, seq_of(3), DMA_EV_LAP, 0));
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_EQ(0, dma_get_status(dev, 3, &st));
	EXPECT_EQ(true, st.busy); /* a lap does not end a cyclic transfer */
	ttest_end();
}

/*
 * A one-shot transfer whose bytes have all moved but whose completion is
 * not reported yet is still busy, with nothing pending (never a negative
 * or wrapped length, even if the hardware counts past the end).
 */
static void test_status_all_moved_not_reported(void)
{
	struct dma_config *c;
	struct dma_status st;

	if (!ttest_begin("core/status-all-moved-before-the-report")) {
		return;
	}
	reset();
	c = make_cfg(2);
	EXPECT_EQ(0, dma_config(dev, 1, c));
	EXPECT_EQ(0, dma_start(dev, 1));
	hw.progress = 31;
	EXPECT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_EQ(1, st.pending_length);
	hw.progress = 32;
	EXPECT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(0, st.pending_length);
	EXPECT_EQ(32, st.total_copied);
	hw.progress = 36; /* a counter that overshoots */
	EXPECT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_EQ(0, st.pending_length);
	EXPECT_EQ(0, dma_stop(dev, 1));
	ttest_end();
}

/* A chain through every channel (the longest that has no loop) starts,
 * and each end starts the next link. */
static void test_chain_through_every_channel(void)
{
	struct dma_config *c;

	if (!ttest_begin("core/chain-through-every-channel-starts")) {
		return;
	}
	reset();
	c = make_cfg(1);
	c->dest_chaining_en = 1;
	for (uint32_t ch = 0; ch + 1u < NCH; ch++) {
		c->linked_channel = ch + 1u;
		EXPECT_EQ(0, dma_config(dev, ch, c));
	}
	c->dest_chaining_en = 0;
	EXPECT_EQ(0, dma_config(dev, NCH - 1u, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	for (uint32_t ch = 0; ch + 1u < NCH; ch++) {
		dma_core_report(dev, ch, seq_of(ch), DMA_EV_DONE, 0);
	}
	EXPECT_EQ((int)NCH, hw.start);
	ttest_end();
}

static void test_chain_cycle_not_through_start(void)
{
	struct dma_config *c;

	if (!ttest_begin("core/chain-cycle-behind-the-first-link-refused")) {
		return;
	}
	reset();
	/* 0 -> 1 -> 2 -> 1: the loop does not pass through 0. */
	c = make_cfg(1);
	c->dest_chaining_en = 1;
	c->linked_channel = 1;
	EXPECT_EQ(0, dma_config(dev, 0, c));
	c->linked_channel = 2;
	EXPECT_EQ(0, dma_config(dev, 1, c));
	c->linked_channel = 1;
	EXPECT_EQ(0, dma_config(dev, 2, c));
	EXPECT_EQ(-EINVAL, dma_start(dev, 0));
	EXPECT_EQ(0, hw.start);
	/* 0 -> 1 -> 2 (ends): accepted; DONE of 0 starts 1. */
	c->dest_chaining_en = 0;
	EXPECT_EQ(0, dma_config(dev, 2, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(1, hw.start);
	EXPECT_EQ(1, hw.kick);
	/* The chained start is kicked too, after the lock is let go: a driver
	 * whose engine waits for the kick would otherwise never run link 1. */
	hw.kick_lock_free = false;
	dma_core_report(dev, 0, seq_of(0), DMA_EV_DONE, 0);
	EXPECT_EQ(2, hw.start);
	EXPECT_EQ(2, hw.kick);
	EXPECT_EQ(true, hw.kick_lock_free);
	/* A link released meanwhile is not started, and nothing is kicked. */
	dma_release_channel(dev, 1);
	EXPECT_EQ(0, dma_config(dev, 1, c));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(3, hw.start);
	EXPECT_EQ(3, hw.kick);
	dma_release_channel(dev, 1);
	dma_core_report(dev, 0, seq_of(0), DMA_EV_DONE, 0);
	EXPECT_EQ(3, hw.start);
	EXPECT_EQ(3, hw.kick);
	ttest_end();
}

static void test_release(void)
{
	struct dma_config *c;
	uint32_t want = 1;

	if (!ttest_begin("core/release-stops-unconfigures-and-frees")) {
		return;
	}
	reset();
	EXPECT_EQ(1, dma_request_channel(dev, &want));
	c = make_cfg(1);
	EXPECT_EQ(0, dma_config(dev, 1, c));
	EXPECT_EQ(0, dma_start(dev, 1));
	dma_release_channel(dev, 1);
	EXPECT_EQ(1, hw.stop);
	EXPECT_EQ(1, hw.release);
	EXPECT_EQ(-EINVAL, dma_start(dev, 1)); /* UNCONFIGURED */
	EXPECT_EQ(1, dma_request_channel(dev, &want));
	ttest_end();
}

static const char *hook_reason;
static int hook_status_ret = 1;

/* A refusal hook that uses the API (as a logging hook that reads the status would). */
static void status_reading_hook(const struct device *d, uint32_t ch, int err, const char *reason)
{
	struct dma_status st;

	(void)err;
	hook_reason = reason;
	hook_status_ret = dma_get_status(d, ch, &st);
}

static void expect_refused(const struct device *d, const char *name, const char *words)
{
	const char *why = device_not_ready_reason(name);

	EXPECT_EQ(false, device_is_ready(d));
	EXPECT_EQ(-EINVAL, d->state->init_res);
	EXPECT_TRUE(device_get_binding(name) == NULL, "%s: refused, must not be handed out", name);
	EXPECT_TRUE(why != NULL && strstr(why, words) != NULL,
		    "%s: expected a reason mentioning \"%s\", got \"%s\"", name, words,
		    why != NULL ? why : "(none)");
}

/*
 * A driver description that cannot work is refused at init with a reason
 * the application can read; calls on it refuse too, never touching storage
 * it does not have.
 */
static void test_broken_instances(void)
{
	struct dma_block_config one = {.source_address = 0x1000, .dest_address = 0x2000,
				       .block_size = 64};
	struct dma_config bad_dev_cfg = {.source_data_size = 4, .dest_data_size = 4, .block_count = 1,
					 .head_block = &one};

	if (!ttest_begin("device/broken-instances-refused-with-a-reason")) {
		return;
	}
	expect_refused(&no_progress_dma, "no_progress_dma", "no progress");
	expect_refused(&no_suspend_dma, "no_suspend_dma", "DMA_CAP_SUSPEND");
	expect_refused(&half_pause_dma, "half_pause_dma", "suspend and resume");
	expect_refused(&short_chans_dma, "short_chans_dma", "capabilities.channels");
	expect_refused(&short_blocks_dma, "short_blocks_dma", "capabilities.max_block_count");
	expect_refused(&zero_chan_dma, "zero_chan_dma", "no channel");
	/* The channel past the storage of 2: refused, nothing written, and the
	 * refusal hook hears why (the instance's own reason). */
	hook_reason = NULL;
	dma_set_refusal_hook(status_reading_hook);
	EXPECT_EQ(-EINVAL, dma_config(&short_chans_dma, NCH - 1u, &bad_dev_cfg));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(hook_reason != NULL && strstr(hook_reason, "capabilities.channels") != NULL,
		    "hook on a call to a refused instance: expected its init reason, got %s",
		    hook_reason != NULL ? hook_reason : "(none)");
	EXPECT_EQ(-EINVAL, dma_start(&short_chans_dma, 0));
	EXPECT_EQ(-EINVAL, dma_request_channel(&short_chans_dma, NULL));
	{
		uint32_t v = 0xA5A5u;

		/* Every call refuses a refused instance, the attribute query too. */
		EXPECT_EQ(-EINVAL, dma_get_attribute(&short_chans_dma, DMA_ATTR_MAX_BLOCK_COUNT, &v));
		EXPECT_EQ(0xA5A5u, v);
	}
	/* A driver init that fails without a reason still says something. */
	EXPECT_TRUE(device_init_failure(&failing_dma) != NULL, "failing_dma: expected a reason");
	EXPECT_TRUE(device_not_ready_reason("fake_dma") == NULL, "fake_dma is ready: no reason");
	EXPECT_TRUE(device_not_ready_reason("not_linked") != NULL &&
			    strstr(device_not_ready_reason("not_linked"), "linked") != NULL,
		    "an unknown name: expected the not-linked reason");
	ttest_end();
}

/*
 * The refusal hook is told after the controller lock is released, so it may
 * call the API (a hook run under the lock deadlocked on its first call).
 */
static void test_refusal_hook_may_call_the_api(void)
{
	if (!ttest_begin("reasons/hook-runs-outside-the-lock-and-may-call-the-api")) {
		return;
	}
	dma_set_refusal_hook(status_reading_hook);
	dma_release_channel(&fake_dma, 1);
	EXPECT_EQ(-EINVAL, dma_start(&fake_dma, 1)); /* UNCONFIGURED: refused under the lock */
	dma_set_refusal_hook(NULL);
	EXPECT_EQ(0, hook_status_ret);
	EXPECT_TRUE(hook_reason != NULL && strstr(hook_reason, "UNCONFIGURED") != NULL,
		    "reason: expected one naming UNCONFIGURED, got %s",
		    hook_reason != NULL ? hook_reason : "(none)");
	ttest_end();
}

/*
 * Requesting and releasing on a controller of 40 channels: the bitmap's
 * second word serves channels 32..39 like the first serves 0..31.
 */
static void test_request_past_32_channels(void)
{
	uint32_t want = 35;

	if (!ttest_begin("channels/request-and-release-past-32-channels")) {
		return;
	}
	for (int ch = 0; ch < 40; ch++) {
		EXPECT_EQ(ch, dma_request_channel(&wide_dma, NULL));
	}
	EXPECT_EQ(-EINVAL, dma_request_channel(&wide_dma, NULL)); /* all taken */
	/* The first channel of the second word: released there, not in the first. */
	dma_release_channel(&wide_dma, 32);
	EXPECT_EQ(32, dma_request_channel(&wide_dma, NULL));
	EXPECT_EQ(-EINVAL, dma_request_channel(&wide_dma, NULL));
	dma_release_channel(&wide_dma, 35);
	dma_release_channel(&wide_dma, 3);
	EXPECT_EQ(3, dma_request_channel(&wide_dma, NULL));  /* the lowest free */
	EXPECT_EQ(35, dma_request_channel(&wide_dma, NULL)); /* then the one past 32 */
	dma_release_channel(&wide_dma, 35);
	EXPECT_EQ(35, dma_request_channel(&wide_dma, &want));
	EXPECT_EQ(-EINVAL, dma_request_channel(&wide_dma, &want)); /* taken now */
	for (uint32_t ch = 0; ch < 40u; ch++) {
		dma_release_channel(&wide_dma, ch);
	}
	ttest_end();
}

/*
 * A driver's own chan_filter decides which channels a request may take:
 * the parameter means what the driver says (here a group), and the lowest
 * free channel the filter accepts is handed out.
 */
static void test_driver_filter(void)
{
	uint32_t group = 2;
	uint32_t nine = 9;

	if (!ttest_begin("channels/driver-filter-decides-what-a-request-takes")) {
		return;
	}
	EXPECT_EQ(2, dma_request_channel(&grouped_dma, &group));
	EXPECT_EQ(6, dma_request_channel(&grouped_dma, &group)); /* 2 is taken */
	EXPECT_EQ(1, dma_chan_filter(&grouped_dma, 10, &group));
	EXPECT_EQ(0, dma_chan_filter(&grouped_dma, 3, &group));
	/* Not a channel number: 9 matches no group, although channel 9 is free. */
	EXPECT_EQ(-EINVAL, dma_request_channel(&grouped_dma, &nine));
	EXPECT_EQ(0, dma_request_channel(&grouped_dma, NULL)); /* NULL: any channel */
	dma_release_channel(&grouped_dma, 0);
	dma_release_channel(&grouped_dma, 2);
	dma_release_channel(&grouped_dma, 6);
	ttest_end();
}

/* The configuration another context applies during a dma_reload(). */
static struct dma_block_config newer_blk;

static void reconfigure_meanwhile(const struct device *d, uint32_t ch)
{
	struct dma_config c = {.source_data_size = 4, .dest_data_size = 4, .block_count = 1,
			       .head_block = &newer_blk};

	EXPECT_EQ(0, dma_config(d, ch, &c));
}

static void run_meanwhile(const struct device *d, uint32_t ch)
{
	EXPECT_EQ(0, dma_start(d, ch));
	hw.progress = 16;
	EXPECT_EQ(true, dma_core_report(d, ch, hw.last_seq[ch], DMA_EV_DONE, 0));
}

/*
 * A dma_reload() that another context overtook (a new dma_config, or a
 * start that ran to completion, while the reload checked its block) is
 * refused with -EBUSY and leaves the newer configuration as it is.
 */
static void test_reload_overtaken(void)
{
	const struct device *d = &meanwhile_dma;
	struct dma_config *c;
	struct dma_status st;

	if (!ttest_begin("reload/overtaken-by-another-context-refused")) {
		return;
	}
	reset();
	newer_blk.source_address = (dma_addr_t)(uintptr_t)&mem[0];
	newer_blk.dest_address = (dma_addr_t)(uintptr_t)&mem[40];
	newer_blk.block_size = 24;
	c = make_cfg(1);
	c->dma_callback = NULL;
	EXPECT_EQ(0, dma_config(d, 0, c));
	meanwhile = reconfigure_meanwhile;
	EXPECT_EQ(-EBUSY, dma_reload(d, 0, (dma_addr_t)(uintptr_t)&mem[8],
				     (dma_addr_t)(uintptr_t)&mem[48], 8));
	/* The newer configuration stands: its 24 bytes, not the reload's 8. */
	EXPECT_EQ(0, dma_start(d, 0));
	EXPECT_EQ(0, dma_get_status(d, 0, &st));
	EXPECT_EQ(24, st.pending_length);
	EXPECT_EQ(0, dma_stop(d, 0));
	/* Started and completed meanwhile: CONFIGURED again, still overtaken. */
	meanwhile = run_meanwhile;
	EXPECT_EQ(-EBUSY, dma_reload(d, 0, (dma_addr_t)(uintptr_t)&mem[8],
				     (dma_addr_t)(uintptr_t)&mem[48], 8));
	/* Nothing meanwhile: the reload applies. */
	EXPECT_EQ(0, dma_reload(d, 0, (dma_addr_t)(uintptr_t)&mem[8],
				(dma_addr_t)(uintptr_t)&mem[48], 8));
	hw.progress = 0;
	EXPECT_EQ(0, dma_start(d, 0));
	EXPECT_EQ(0, dma_get_status(d, 0, &st));
	EXPECT_EQ(8, st.pending_length);
	EXPECT_EQ(0, dma_stop(d, 0));
	dma_release_channel(d, 0);
	ttest_end();
}

/* The release-vs-callback case: the callback runs on its own thread. */
static atomic_int rel_in_cb;
static struct dma_config *rel_cfg;

static bool release_waits(uint32_t ch)
{
	dma_port_key_t key = dma_core_lock(dev);
	bool waiting = dma_core_chan(dev, ch)->stopping != 0u;

	dma_core_unlock(dev, key);
	return waiting;
}

/*
 * In a callback: say it runs, then wait (bounded) until a stop or release
 * of @p ch from the other thread waits for it. False if none ever did.
 */
static bool hold_until_waited_for(uint32_t ch)
{
	atomic_store(&rel_in_cb, 1);
	for (long spins = 0; !release_waits(ch); spins++) {
		if (spins > 200000000L) { /* seconds: nobody waited */
			TT_FAIL("the stop or release did not wait for the running callback");
			return false;
		}
		dma_port_relax();
	}
	return true;
}

static void configuring_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	(void)status;
	if (hold_until_waited_for(ch)) {
		/* Configured again while the release waits: allowed, yet released. */
		EXPECT_EQ(0, dma_config(d, ch, rel_cfg));
	}
}

static void *report_thread(void *arg)
{
	uint32_t ch = (uint32_t)(uintptr_t)arg;

	dma_posix_set_isr_thread(true);
	EXPECT_EQ(true, dma_core_report(dev, ch, seq_of(ch), DMA_EV_DONE, 0));
	return NULL;
}

/*
 * Channel 2 configured with @p callback and started; its DONE reported from
 * thread @p t (an interrupt), returning once the callback runs there.
 * False if the channel or the thread could not be had.
 */
static bool start_callback_on_a_thread(dma_callback_t callback, pthread_t *t)
{
	struct dma_config *c = make_cfg(1);

	c->dma_callback = callback;
	rel_cfg = c;
	atomic_store(&rel_in_cb, 0);
	if (dma_request_channel(dev, &(uint32_t){2}) != 2) {
		return false;
	}
	EXPECT_EQ(0, dma_config(dev, 2, c));
	EXPECT_EQ(0, dma_start(dev, 2));
	if (pthread_create(t, NULL, report_thread, (void *)(uintptr_t)2u) != 0) {
		return false;
	}
	for (long spins = 0; atomic_load(&rel_in_cb) == 0; spins++) {
		if (spins > 200000000L) { /* seconds: DONE never called back */
			TT_FAIL("the DONE report never ran the callback");
			break;
		}
		dma_port_relax();
	}
	return true;
}

/*
 * A dma_release_channel() that waits for a running callback, which
 * configures the channel again meanwhile, still leaves it released:
 * UNCONFIGURED and free to request.
 */
static void test_release_waits_for_a_configuring_callback(void)
{
	pthread_t t;

	if (!ttest_begin("release/callback-that-configures-meanwhile-still-released")) {
		return;
	}
	reset();
	ASSERT_TRUE(start_callback_on_a_thread(configuring_cb, &t),
		    "channel 2 requested and its report thread created");
	dma_release_channel(dev, 2); /* returns once the callback has */
	EXPECT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(-EINVAL, dma_start(dev, 2)); /* UNCONFIGURED */
	EXPECT_EQ(2, dma_request_channel(dev, &(uint32_t){2})); /* free */
	dma_release_channel(dev, 2);
	ttest_end();
}

/* Holds the DONE callback open until a stop or release waits for it. */
static void holding_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)status;
	(void)hold_until_waited_for(ch);
}

/*
 * A dma_stop() from another context that waited for a running callback
 * leaves the channel as any stop does: CONFIGURED, and startable again
 * (the stop under way no longer refuses starts once it returned).
 */
static void test_stop_that_waited_leaves_the_channel_startable(void)
{
	pthread_t t;

	if (!ttest_begin("stop/that-waited-for-a-callback-then-start-works")) {
		return;
	}
	reset();
	ASSERT_TRUE(start_callback_on_a_thread(holding_cb, &t),
		    "channel 2 requested and its report thread created");
	EXPECT_EQ(0, dma_stop(dev, 2)); /* returns once the callback has */
	EXPECT_EQ(0, pthread_join(t, NULL));
	EXPECT_EQ(false, release_waits(2));
	EXPECT_EQ(0, dma_start(dev, 2));
	EXPECT_EQ(0, dma_stop(dev, 2));
	dma_release_channel(dev, 2);
	ttest_end();
}

/*
 * A block may end at the very last address (the whole address space is
 * usable); one byte further is refused.
 */
static void test_block_at_the_top_of_the_address_space(void)
{
	struct dma_block_config top = {.block_size = 64};
	struct dma_config c = {.source_data_size = 4, .dest_data_size = 4, .block_count = 1,
			       .head_block = &top};

	if (!ttest_begin("validation/block-ending-at-the-last-address-accepted")) {
		return;
	}
	top.source_address = 0x1000;
	top.dest_address = (dma_addr_t)0 - 64u; /* last byte at the top address */
	EXPECT_EQ(0, dma_config(&wide_dma, 0, &c));
	top.dest_address = (dma_addr_t)0 - 60u; /* four bytes past it */
	EXPECT_EQ(-EINVAL, dma_config(&wide_dma, 0, &c));
	top.dest_address = 0x2000;
	top.source_address = (dma_addr_t)0 - 64u;
	EXPECT_EQ(0, dma_config(&wide_dma, 0, &c));
	dma_release_channel(&wide_dma, 0);
	ttest_end();
}

static void test_devices(void)
{
	if (!ttest_begin("device/binding-and-readiness")) {
		return;
	}
	EXPECT_TRUE(device_get_binding("fake_dma") == &fake_dma, "fake_dma must be found");
	EXPECT_TRUE(device_get_binding("failing_dma") == NULL,
		    "a device whose init failed must not be handed out");
	EXPECT_EQ(false, device_is_ready(&failing_dma));
	EXPECT_EQ(-5, failing_dma.state->init_res);
	EXPECT_TRUE(device_get_binding("nope") == NULL, "unknown name must give NULL");
	EXPECT_TRUE(device_get_binding(NULL) == NULL, "NULL name must give NULL");
	EXPECT_EQ(false, device_is_ready(NULL));
	EXPECT_EQ(-EINVAL, dma_start(NULL, 0));
	EXPECT_EQ(-EINVAL, dma_request_channel(NULL, NULL));
	/* Every call on a device whose init failed is refused, reload too
	 * (its capabilities claim it). */
	EXPECT_EQ(-EINVAL, dma_reload(&failing_dma, 0, 0x1000u, 0x2000u, 16u));
	{
		struct dma_capabilities caps;

		EXPECT_EQ(-EINVAL, dma_get_capabilities(&failing_dma, &caps));
	}
	EXPECT_EQ(-EINVAL, dma_reload(NULL, 0, 0x1000u, 0x2000u, 16u));
	EXPECT_EQ(-EINVAL, dma_suspend(&failing_dma, 0));
	EXPECT_EQ(-EINVAL, dma_resume(&failing_dma, 0));
	ttest_end();
}

static void test_index_helpers(void)
{
	if (!ttest_begin("api/width-and-burst-index")) {
		return;
	}
	EXPECT_EQ(1, dma_width_index(1));
	EXPECT_EQ(3, dma_width_index(4));
	EXPECT_EQ(6, dma_width_index(32));
	EXPECT_EQ(0, dma_width_index(0));
	EXPECT_EQ(0, dma_width_index(3));
	EXPECT_EQ(0, dma_width_index(64));
	/* Zephyr's version returns 0 for every power of two: not here. */
	EXPECT_EQ(1, dma_burst_index(1));
	EXPECT_EQ(5, dma_burst_index(16));
	EXPECT_EQ(9, dma_burst_index(256));
	EXPECT_EQ(0, dma_burst_index(12));
	EXPECT_EQ(0, dma_burst_index(512));
	EXPECT_EQ(0, dma_burst_index(0));
	ttest_end();
}

static void test_layout_matches_zephyr(void)
{
	if (!ttest_begin("api/struct-layout-zephyr-widths")) {
		return;
	}
	struct dma_config c;

	/* Zephyr's layout: the bitfields pack into the same words. */
	EXPECT_EQ(12, offsetof(struct dma_config, block_count));
	EXPECT_EQ(sizeof(void *) == 8u ? 40 : 28, sizeof(struct dma_config));
	EXPECT_EQ(DMA_CONFIG_64BIT ? 28 : 20, offsetof(struct dma_block_config, block_size));
	EXPECT_EQ(sizeof(void *) == 8u ? 48 : 32, sizeof(struct dma_block_config));

	memset(&c, 0, sizeof(c));
	c.linked_channel = 127;
	EXPECT_EQ(127, c.linked_channel);
	c.channel_direction = 7;
	EXPECT_EQ(7, c.channel_direction);
	c.source_data_size = 0xFFFF;
	EXPECT_EQ(0xFFFF, c.source_data_size);
	EXPECT_EQ(0, DMA_STATUS_COMPLETE);
	EXPECT_EQ(1, DMA_STATUS_BLOCK);
	EXPECT_EQ(2, DMA_STATUS_HALF_COMPLETE);
	EXPECT_EQ(5, MEMORY_TO_HOST);
	EXPECT_EQ(3, DMA_ATTR_MAX_BLOCK_COUNT);
	EXPECT_EQ(2, DMA_ADDR_ADJ_NO_CHANGE);
	ttest_end();
}

/* ------------------------------------------------------------- main */

int main(void)
{

	ttest_init(&ttest_host_platform);
	test_failed_calls_touch_no_hardware();
	test_validation_against_caps();
	test_block_list_copied();
	test_report_dispatch();
	test_stale_reports_dropped();
	test_cyclic_status();
	test_status_all_moved_not_reported();
	test_chain_cycle_not_through_start();
	test_release();
	test_devices();
	test_index_helpers();
	test_layout_matches_zephyr();
	test_broken_instances();
	test_chain_through_every_channel();
	test_refusal_hook_may_call_the_api();
	test_request_past_32_channels();
	test_driver_filter();
	test_reload_overtaken();
	test_release_waits_for_a_configuring_callback();
	test_stop_that_waited_leaves_the_channel_startable();
	test_block_at_the_top_of_the_address_space();
	return ttest_summary("unit-core") == 0 ? 0 : 1;
}
