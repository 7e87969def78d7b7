/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The core's software chaining (dma_chain.h) with what the PDMA cannot give
 * it, step by step on the runner (tests/conformance/runner_ip.c, its
 * "runner_manual" instances, whose time moves only when the test says so):
 * blocks many runs long with bytes read and words written, fixed addresses
 * across runs and across a suspend, no byte moved twice by a resume, and
 * paced starts. The runner fails a run that is not whole beats.
 */
#include <string.h>

#include "ordering.h"
#include "runner_ip.h"
#include "ttest.h"
#include "ttest_host.h"

#define LEN 10000u

static uint8_t src[LEN + 64] __attribute__((aligned(16)));
static uint8_t dst[LEN + 64] __attribute__((aligned(16)));

static struct {
	unsigned n;
	int status[64];
	/* Behaviour: at callback number read_at (1-based), read the first
	 * sizeof(read) bytes of dst; at callback number refill_at, write
	 * refill[] over the first sizeof(refill) bytes of src (as the CPU). */
	unsigned read_at, refill_at;
	uint8_t read[256];
	uint8_t refill[128];
} cbs;

static void cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)ch;
	if (cbs.n < 64u) {
		cbs.status[cbs.n] = status;
	}
	cbs.n++;
	if (cbs.n == cbs.read_at) {
		memcpy(cbs.read, dst, sizeof(cbs.read));
	}
	if (cbs.n == cbs.refill_at) {
		ord_cpu_write(src, cbs.refill, sizeof(cbs.refill));
	}
}

static unsigned count(int status)
{
	unsigned k = 0;

	for (unsigned i = 0; i < cbs.n && i < 64u; i++) {
		k += cbs.status[i] == status ? 1u : 0u;
	}
	return k;
}

static const struct device *dev;
static struct dma_config cfg;
static struct dma_block_config blk, blk2;

static struct dma_config *make(uint32_t sw, uint32_t dw, uint32_t size)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(&blk, 0, sizeof(blk));
	cfg.source_data_size = sw;
	cfg.dest_data_size = dw;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.dma_callback = cb;
	blk.source_address = (uintptr_t)src;
	blk.dest_address = (uintptr_t)dst;
	blk.block_size = size;
	return &cfg;
}

static void reset(const char *name)
{
	dev = device_get_binding(name);
	for (uint32_t ch = 0; ch < 4u && dev != NULL; ch++) {
		(void)dma_stop(dev, ch);
		dma_release_channel(dev, ch);
	}
	memset(&cbs, 0, sizeof(cbs));
	for (uint32_t i = 0; i < sizeof(src); i++) {
		src[i] = (uint8_t)(i * 13u + 5u);
	}
	memset(dst, 0, sizeof(dst));
}

/* Move time until the transfer rests: @p step bytes, then the interrupt. */
static void run_all(uint32_t step)
{
	for (int i = 0; i < 100000; i++) {
		unsigned moved = runner_step(dev, 0, step);

		runner_irq(dev);
		if (moved == 0u && !runner_running(dev, 0)) {
			runner_irq(dev);
			if (!runner_running(dev, 0)) {
				return;
			}
		}
	}
	TT_FAIL("the channel never came to rest");
}

static uint64_t total(void)
{
	struct dma_status st;

	(void)dma_get_status(dev, 0, &st);
	return st.total_copied;
}

/* A block of 10000 bytes read and written as words: runs of whole words. */
static void test_bytes_to_words_many_runs(void)
{
	if (!ttest_begin("chain/bytes-to-words-over-runs-of-whole-words")) {
		return;
	}
	reset("runner_manual");
	ASSERT_TRUE(dev != NULL, "runner_manual ready");
	ASSERT_EQ(0, dma_config(dev, 0, make(1, 4, LEN)));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all(512);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0u, count(-EIO));
	EXPECT_EQ(0u, runner_misuse());
	EXPECT_EQ(0, memcmp(src, dst, LEN));
	EXPECT_EQ(0u, dst[LEN]);
	EXPECT_EQ((uint64_t)LEN, runner_written(dev, 0));
	ttest_end();
}

/*
 * Fixed addresses over a block of three runs: a fixed destination (a data
 * register) gets every byte at its one address; a fixed source gives the
 * same byte to the whole destination.
 */
static void test_fixed_addresses_over_runs(void)
{
	uint32_t bad = 0;

	if (!ttest_begin("chain/fixed-addresses-kept-over-runs")) {
		return;
	}
	reset("runner_manual");
	make(1, 1, LEN);
	blk.dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all(1000);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(src[LEN - 1u], dst[0]);
	EXPECT_EQ(0u, dst[1]);

	reset("runner_manual");
	make(1, 1, LEN);
	blk.source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all(1000);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	for (uint32_t i = 0; i < LEN; i++) {
		bad += dst[i] != src[0] ? 1u : 0u;
	}
	EXPECT_EQ(0u, bad);
	EXPECT_EQ(0u, dst[LEN]);
	ttest_end();
}

/*
 * A suspend in the middle of a run and a resume: the rest of the run goes
 * on from where it stopped, a fixed side still at its one address, and no
 * byte is moved twice (a peripheral would receive it twice).
 */
static void test_suspend_mid_run(void)
{
	static const uint8_t adj[3][2] = {
		{DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_INCREMENT},
		{DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_NO_CHANGE},
		{DMA_ADDR_ADJ_NO_CHANGE, DMA_ADDR_ADJ_INCREMENT},
	};

	if (!ttest_begin("chain/suspend-mid-run-resume-goes-on-no-byte-twice")) {
		return;
	}
	for (unsigned k = 0; k < 3u; k++) {
		uint32_t bad = 0;

		reset("runner_manual");
		make(2, 2, LEN);
		blk.source_addr_adj = adj[k][0];
		blk.dest_addr_adj = adj[k][1];
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		EXPECT_EQ(4094u, runner_step(dev, 0, 5000)); /* the first run: 4095 cut to words */
		runner_irq(dev);                               /* the second starts */
		EXPECT_EQ(906u, runner_step(dev, 0, 906));
		ASSERT_EQ(0, dma_suspend(dev, 0));
		EXPECT_EQ(5000u, total());
		EXPECT_EQ(0u, runner_step(dev, 0, 100)); /* halted: nothing moves */
		ASSERT_EQ(0, dma_resume(dev, 0));
		run_all(700);
		EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
		EXPECT_EQ((uint64_t)LEN, runner_written(dev, 0));
		if (k == 0u) {
			EXPECT_EQ(0, memcmp(src, dst, LEN));
		} else if (k == 1u) {
			EXPECT_EQ(src[LEN - 2u], dst[0]);
			EXPECT_EQ(src[LEN - 1u], dst[1]);
			EXPECT_EQ(0u, dst[2]);
		} else {
			for (uint32_t i = 0; i < LEN; i += 2u) {
				bad += dst[i] != src[0] || dst[i + 1u] != src[1] ? 1u : 0u;
			}
			EXPECT_EQ(0u, bad);
		}
		EXPECT_EQ(0u, dst[LEN]);
	}
	ttest_end();
}

/*
 * Paced starts: a run waits for the pace. Before it, the transfer shows
 * nothing moved and the hardware is idle; a suspend and resume meanwhile
 * keep it waiting; the pace starts it, and each next run, to the end.
 */
static void test_paced(void)
{
	if (!ttest_begin("chain/paced-runs-start-at-the-pace")) {
		return;
	}
	reset("runner_manual_paced");
	ASSERT_TRUE(dev != NULL, "runner_manual_paced ready");
	ASSERT_EQ(0, dma_config(dev, 0, make(4, 4, LEN)));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(false, runner_running(dev, 0));
	EXPECT_EQ(0u, runner_step(dev, 0, 100));
	EXPECT_EQ(0u, total());
	ASSERT_EQ(0, dma_suspend(dev, 0));
	runner_irq(dev); /* the pace, suspended: still waiting */
	EXPECT_EQ(false, runner_running(dev, 0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	runner_irq(dev); /* the pace: the first run starts */
	EXPECT_EQ(true, runner_running(dev, 0));
	run_all(1000);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(src, dst, LEN));
	EXPECT_EQ((uint64_t)LEN, runner_written(dev, 0));
	ttest_end();
}

/*
 * Half-complete callbacks on a block of several runs: one HALF_COMPLETE
 * at its midpoint (its first half is itself two runs), then the COMPLETE;
 * the runs in between end without an event.
 */
static void test_half_over_runs(void)
{
	if (!ttest_begin("chain/one-half-event-per-block-of-several-runs")) {
		return;
	}
	reset("runner_manual");
	make(1, 1, LEN)->half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all(1000);
	ASSERT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(0, memcmp(src, dst, LEN));
	ttest_end();
}

/*
 * A suspend as the last run ends: the transfer completes (its end was on
 * the way). Started again, it is a fresh transfer: its status counts from
 * 0, and a suspend of it holds the hardware.
 */
static void test_restart_after_completing_while_suspended(void)
{
	struct dma_status st;

	if (!ttest_begin("chain/completed-while-suspended-then-restarted-fresh")) {
		return;
	}
	reset("runner_manual");
	ASSERT_EQ(0, dma_config(dev, 0, make(1, 1, 1000)));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(1000u, runner_step(dev, 0, 1000)); /* the only run ends */
	ASSERT_EQ(0, dma_suspend(dev, 0));
	runner_irq(dev); /* its end: the transfer completes */
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	memset(dst, 0, sizeof(dst));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(300u, runner_step(dev, 0, 300));
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(700u, st.pending_length);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	EXPECT_EQ(0u, runner_step(dev, 0, 100));
	EXPECT_EQ(300u, total() - 1000u);
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all(100);
	EXPECT_EQ(2u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(src, dst, 1000));
	ttest_end();
}

/*
 * A run fails with the error the hardware gave (here -EFAULT, not the
 * generic -EIO): the error callback gets that error, the bytes before the
 * fault are counted and copied, none after it.
 */
static void test_failure_keeps_its_error(void)
{
	struct dma_status st;

	if (!ttest_begin("chain/failure-reports-the-hardware-error")) {
		return;
	}
	reset("runner_manual");
	ASSERT_EQ(0, dma_config(dev, 0, make(1, 1, LEN)));
	ASSERT_EQ(0, runner_inject_fault(dev, 0, 0, 5000, -EFAULT));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all(1000);
	ASSERT_EQ(1u, cbs.n);
	EXPECT_EQ(-EFAULT, cbs.status[0]);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(5000u, st.total_copied);
	EXPECT_EQ(0, memcmp(src, dst, 5000));
	EXPECT_EQ(0u, dst[5000]);
	ttest_end();
}

/* Move time, 16 bytes at a step, until @p n callbacks came (bounded). */
static void run_to_callback(unsigned n)
{
	for (int i = 0; i < 10000 && cbs.n < n; i++) {
		(void)runner_step(dev, 0, 16);
		runner_irq(dev);
	}
	EXPECT_TRUE(cbs.n >= n, "expected %u callbacks, %u came", n, cbs.n);
}

/* Expect the @p n bytes a callback read to be @p want (what was expected,
 * what was read and where, when not). */
static void expect_read(const uint8_t *want, size_t n, const char *what)
{
	long at = ord_first_difference(want, cbs.read, n);

	EXPECT_TRUE(at < 0, "%s: byte %ld read 0x%02X, expected 0x%02X", what, at,
		    at < 0 ? 0u : cbs.read[at], at < 0 ? 0u : want[at]);
}

/*
 * Memory ordering (ordering.h: the CPU's writes and the controller's held
 * apart until a barrier, as write buffers do on silicon). The chain issues
 * the barriers for every driver on it: the source the CPU wrote before
 * dma_start() is what the runs read, and what they wrote is what the
 * COMPLETE callback reads.
 */
static void test_ordering_start_and_complete(void)
{
	uint8_t want[256];

	if (!ttest_begin("chain/cpu-writes-reach-the-runs-and-their-writes-the-callback")) {
		return;
	}
	reset("runner_manual");
	for (uint32_t i = 0; i < sizeof(want); i++) {
		want[i] = (uint8_t)(0xA0u ^ i);
	}
	ord_set_weak(true);
	ord_cpu_write(src, want, sizeof(want));
	cbs.read_at = 1;
	ASSERT_EQ(0, dma_config(dev, 0, make(4, 4, sizeof(want))));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_to_callback(1);
	ord_set_weak(false);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	expect_read(want, sizeof(want), "the COMPLETE callback's read of the destination");
	ttest_end();
}

/* The same for a failed transfer: the bytes before the fault are what the
 * error callback reads. */
static void test_ordering_error(void)
{
	uint8_t want[256];

	if (!ttest_begin("chain/bytes-before-a-fault-reach-the-error-callback")) {
		return;
	}
	reset("runner_manual");
	memcpy(want, src, sizeof(want));
	memset(want + 128, 0, sizeof(want) - 128u); /* not written: the fault */
	ord_set_weak(true);
	cbs.read_at = 1;
	ASSERT_EQ(0, dma_config(dev, 0, make(4, 4, sizeof(want))));
	ASSERT_EQ(0, runner_inject_fault(dev, 0, 0, 128, -EIO));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_to_callback(1);
	ord_set_weak(false);
	EXPECT_EQ(-EIO, cbs.status[0]);
	expect_read(want, sizeof(want), "the error callback's read of the destination");
	ttest_end();
}

/*
 * A ring refilled from its callbacks (double buffering): what the BLOCK
 * callback of block 0 writes into block 0's source is what block 0 moves in
 * the next lap, read by its next BLOCK callback.
 */
static void test_ordering_ring_refill(void)
{
	if (!ttest_begin("chain/ring-block-refilled-in-its-callback-moves-next-lap")) {
		return;
	}
	reset("runner_manual");
	for (uint32_t i = 0; i < sizeof(cbs.refill); i++) {
		cbs.refill[i] = (uint8_t)(0x5Au + i);
	}
	ord_set_weak(true);
	make(4, 4, 128);
	cfg.cyclic = 1;
	cfg.complete_callback_en = 1;
	cfg.block_count = 2;
	blk.next_block = &blk2;
	blk2 = blk;
	blk2.source_address = (uintptr_t)&src[128];
	blk2.dest_address = (uintptr_t)&dst[128];
	blk2.next_block = NULL;
	cbs.refill_at = 1; /* block 0's end, lap 1 */
	cbs.read_at = 3;   /* block 0's end, lap 2 */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_to_callback(3);
	EXPECT_EQ(0, dma_stop(dev, 0));
	ord_set_weak(false);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[2]);
	expect_read(cbs.refill, sizeof(cbs.refill), "block 0 in lap 2, after its refill");
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_bytes_to_words_many_runs();
	test_fixed_addresses_over_runs();
	test_suspend_mid_run();
	test_paced();
	test_half_over_runs();
	test_restart_after_completing_while_suspended();
	test_failure_keeps_its_error();
	test_ordering_start_and_complete();
	test_ordering_error();
	test_ordering_ring_refill();
	return ttest_summary("unit-chain") == 0 ? 0 : 1;
}
