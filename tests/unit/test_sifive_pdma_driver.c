/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The SiFive PDMA driver and the core's software chaining against a model
 * of the silicon (tests/unit/pdma_silicon.c, written from SiFive's
 * manuals): block lists continued from the done interrupt, status exact
 * at every transaction, bus errors, suspend at any point, stop, restart
 * from a callback: what QEMU's synchronous model cannot show.
 */
#include <string.h>

#include "dma/dma_sifive_pdma.h"
#include "pdma_silicon.h"
#include "dma/dma_mmio.h"
#include "driver_harness.h"
#include "ttest.h"
#include "ttest_host.h"

#define REG_BASE 0x3000000u
/* Where no PDMA answers: the QEMU-quirk instance sits there (only its
 * why-missing answers are used), and its init must refuse the address. */
#define ABSENT_BASE 0x3100000u
#define BUS_SRC 0x80000000ull
#define BUS_DST 0x80100000ull
#define BUS_DST2 0x80200000ull
#define BUF_LEN 16384u
#define GUARD 64u

SIFIVE_PDMA_DEFINE(si_pdma, "pdma_silicon", REG_BASE, 0, NULL);
/* An instance defined for QEMU's model, for its why-missing answers only
 * (it shares the model; nothing runs on it). */
SIFIVE_PDMA_DEFINE(si_pdma_qemu, "pdma_qemu_quirk", ABSENT_BASE, SIFIVE_PDMA_QUIRK_QEMU, NULL);

static const struct device *const dev = &si_pdma;
static uint8_t src_mem[BUF_LEN] __attribute__((aligned(64)));
static uint8_t dst_mem[BUF_LEN + GUARD] __attribute__((aligned(64)));
static uint8_t dst2_mem[BUF_LEN] __attribute__((aligned(64)));

/* The model answers the driver's init, which runs from the host port's
 * constructor: power it on first. */
static void si_write(unsigned ch, uint32_t off, uint32_t v)
{
	dma_mmio_write32(REG_BASE + PDMA_SI_CHANNEL_STRIDE * ch + off, v);
}

__attribute__((constructor(101))) static void model_power_on(void)
{
	pdma_si_reset(REG_BASE);
	pdma_si_add_absent(ABSENT_BASE);
	/* A NextBytes narrower than an address (WARL): the driver probes it. */
	pdma_si_set_bytes_bits(13);
	/* What a boot loader may leave after a warm reset: every channel
	 * claimed, each with a run under way, and one of them done (its
	 * interrupt line high). The driver's init must clear it all. */
	pdma_si_map(BUS_SRC, src_mem, sizeof(src_mem));
	pdma_si_map(BUS_DST, dst_mem, sizeof(dst_mem));
	for (unsigned ch = 0; ch < PDMA_SI_CHANNELS; ch++) {
		si_write(ch, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
		si_write(ch, PDMA_SI_NEXT_CONFIG, PDMA_SI_WSIZE(2) | PDMA_SI_RSIZE(2));
		si_write(ch, PDMA_SI_NEXT_BYTES, ch == 3u ? 16u : 4096u);
		si_write(ch, PDMA_SI_NEXT_DEST, (uint32_t)BUS_DST + 4096u * ch);
		si_write(ch, PDMA_SI_NEXT_SOURCE, (uint32_t)BUS_SRC);
		si_write(ch, PDMA_SI_CONTROL,
			 PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE | PDMA_SI_ERRIE);
		for (unsigned i = 0; i < 4u; i++) {
			(void)pdma_si_step(ch);
		}
	}
}

/* ------------------------------------------------------------ callbacks */

/* The log, the callback, the refusal hook: driver_harness.c. */
#define LOG_MAX HARNESS_LOG_MAX
#define cb harness_cb
#define refusal harness_refusal
#define count harness_count

/* ------------------------------------------------------------ setup */

static struct dma_config cfg, cfg2;
static struct dma_block_config blk[16], blk2[16];

static struct dma_config *make(struct dma_config *c, struct dma_block_config *b, uint32_t nblocks,
			       uint32_t size, uint32_t width, uint32_t burst)
{
	return harness_make(c, b, nblocks, size, width, burst, BUS_SRC, BUS_DST);
}

static void reset(void)
{
	for (uint32_t ch = 0; ch < 4u; ch++) {
		(void)dma_stop(dev, ch);
		dma_release_channel(dev, ch);
	}
	harness_clear();
	for (uint32_t i = 0; i < BUF_LEN; i++) {
		src_mem[i] = (uint8_t)(i * 7u + 1u);
	}
	memset(dst_mem, 0, sizeof(dst_mem));
	memset(dst2_mem, 0, sizeof(dst2_mem));
	last_reason = NULL;
	pdma_si_clear_bus_errors();
}

/* Channel 0 moves @p n transactions (fewer if its run ends). */
static void step_n(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		(void)pdma_si_step(0);
	}
}

/* Channel 0's run goes to its end: done latched, not yet served. */
static void step_to_the_run_end(void)
{
	while ((pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN) != 0u) {
		(void)pdma_si_step(0);
	}
}

/* Channel 0 runs (bounded) until its injected bus error stops it. */
static void step_until_the_error(void)
{
	for (unsigned i = 0; i < 20u && !pdma_si_error_irq(0); i++) {
		(void)pdma_si_step(0);
	}
}

static bool irq_high(void)
{
	for (unsigned ch = 0; ch < 4u; ch++) {
		if (pdma_si_done_irq(ch) || pdma_si_error_irq(ch)) {
			return true;
		}
	}
	return false;
}

/* Call the handler of each channel whose line is high (bounded). */
static void service(void)
{
	for (int i = 0; i < 8 && irq_high(); i++) {
		for (unsigned ch = 0; ch < 4u; ch++) {
			if (pdma_si_done_irq(ch) || pdma_si_error_irq(ch)) {
				sifive_pdma_isr(dev, ch);
			}
		}
	}
}

static void run_all(void)
{
	for (int i = 0; i < 100000; i++) {
		unsigned ran = pdma_si_run(64);

		service();
		if (ran == 0u && !irq_high()) {
			return;
		}
	}
	TT_FAIL("the channels never came to a standstill");
}

static uint64_t total(uint32_t ch)
{
	return harness_total(dev, ch);
}

static bool busy(uint32_t ch)
{
	return harness_busy(dev, ch);
}

static bool copied_ok(const char *what, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		if (src_mem[i] != dst_mem[i]) {
			TT_FAIL("%s: byte %u of %u: expected 0x%02X, got 0x%02X", what, i, len,
				src_mem[i], dst_mem[i]);
			return false;
		}
	}
	for (uint32_t i = len; i < len + GUARD; i++) {
		if (dst_mem[i] != 0u) {
			TT_FAIL("%s: byte %u past the end of the destination was written", what,
				i - len);
			return false;
		}
	}
	return true;
}

static void no_misuse(void)
{
	const char *m = pdma_si_misuse();

	EXPECT_TRUE(m == NULL, "the model saw the driver misuse the controller: %s", m);
}

/* ------------------------------------------------------------ cases */

static void test_sizes(void)
{
	static const uint32_t widths[] = {1, 2, 4, 8};
	static const uint32_t bursts[] = {0, 16, 64};

	if (!ttest_begin("pdma-driver/every-size-and-burst-and-an-odd-length-copy-exactly")) {
		return;
	}
	for (unsigned w = 0; w < 4; w++) {
		for (unsigned b = 0; b < 3; b++) {
			const uint32_t burst = bursts[b] > widths[w] ? bursts[b] : 0u;
			const uint32_t len = 64u * 13u + widths[w] * 3u; /* not a multiple of 64 */

			reset();
			make(&cfg, blk, 1, len, widths[w], burst);
			if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
				TT_FAIL("width %u burst %u: refused", widths[w], burst);
				continue;
			}
			run_all();
			if (!copied_ok("copy", len) || total(0) != len ||
			    count(DMA_STATUS_COMPLETE) != 1u) {
				TT_FAIL("width %u, burst %u, %u bytes: total %llu, %u completions",
					widths[w], burst, len, (unsigned long long)total(0),
					count(DMA_STATUS_COMPLETE));
			}
		}
	}
	no_misuse();
	ttest_end();
}

/*
 * A block list with half-complete and block callbacks, continued run by run
 * from the done interrupt: each run is loaded by the handler of the one
 * before, and total_copied equals the bytes written at every transaction.
 */
static void test_chain_exact_at_every_transaction(void)
{
	uint64_t base, last = 0;
	unsigned steps = 0, runs0;

	if (!ttest_begin("pdma-driver/16-blocks-chained-events-in-order-status-exact-every-step")) {
		return;
	}
	reset();
	make(&cfg, blk, 16, 520, 4, 0);
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	runs0 = pdma_si_runs(0);
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pdma_si_bytes_written(0);
	for (;;) {
		uint64_t t;

		if (pdma_si_step(0) == 0u) {
			if (!irq_high()) {
				break;
			}
		}
		steps++;
		service();
		t = total(0);
		if (t != pdma_si_bytes_written(0) - base || t < last) {
			TT_FAIL("step %u: total_copied %llu, bytes written %llu, previous %llu", steps,
				(unsigned long long)t,
				(unsigned long long)(pdma_si_bytes_written(0) - base),
				(unsigned long long)last);
			break;
		}
		last = t;
	}
	EXPECT_TRUE(copied_ok("chain", 16u * 520u), "chain");
	ASSERT_EQ(32u, cbs.n);
	for (unsigned i = 0; i < 32u; i++) {
		int want = (i % 2u == 0u) ? DMA_STATUS_HALF_COMPLETE
			   : i == 31u     ? DMA_STATUS_COMPLETE
					  : DMA_STATUS_BLOCK;

		if (cbs.status[i] != want) {
			TT_FAIL("callback %u: expected %d, got %d", i, want, cbs.status[i]);
			break;
		}
	}
	EXPECT_EQ(32u, pdma_si_runs(0) - runs0); /* one run per half block */
	EXPECT_TRUE(!busy(0), "busy after the end");
	no_misuse();
	ttest_end();
}

static void test_cyclic(void)
{
	const uint32_t lap = 2u * 256u;
	uint64_t base, last = 0;

	if (!ttest_begin("pdma-driver/cyclic-laps-continue-stop-leaves-nothing")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 8, 64);
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pdma_si_bytes_written(0);
	for (unsigned i = 0; i < 10000u && pdma_si_bytes_written(0) - base < 5u * lap; i++) {
		uint64_t t;

		(void)pdma_si_step(0);
		service();
		t = total(0);
		if (t < last || t != pdma_si_bytes_written(0) - base) {
			TT_FAIL("step %u: total %llu, written %llu", i, (unsigned long long)t,
				(unsigned long long)(pdma_si_bytes_written(0) - base));
			break;
		}
		last = t;
	}
	EXPECT_EQ(5u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(10u, count(DMA_STATUS_HALF_COMPLETE));
	EXPECT_TRUE(busy(0), "a cyclic transfer ended by itself");
	ASSERT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(pdma_si_bytes_written(0) - base, total(0));
	EXPECT_TRUE(!irq_high(), "an interrupt line high after the stop");
	EXPECT_EQ(0u, pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN);
	(void)pdma_si_run(1000);
	EXPECT_EQ(pdma_si_bytes_written(0) - base, total(0));
	EXPECT_TRUE(copied_ok("ring", lap), "ring");
	no_misuse();
	ttest_end();
}

static void test_bus_error(void)
{
	if (!ttest_begin("pdma-driver/bus-error-mid-block-reported-channel-reusable")) {
		return;
	}
	reset();
	pdma_si_inject_bus_error(BUS_SRC + 1000u, 8u, true, false);
	make(&cfg, blk, 3, 512, 4, 0);
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	ASSERT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(-EIO, cbs.status[1]);
	EXPECT_EQ(1000u, total(0));
	EXPECT_TRUE(!busy(0), "busy after the error");
	EXPECT_TRUE(!irq_high(), "a line still high after the error");
	/* CONFIGURED, and it works again from another source. */
	for (uint32_t i = 0; i < 1536u; i++) {
		dst2_mem[i] = src_mem[i];
	}
	for (uint32_t i = 0; i < 3u; i++) {
		blk[i].source_address = BUS_DST2 + i * 512u;
	}
	cbs.n = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("after the error", 1536u), "after the error");
	no_misuse();
	ttest_end();
}

/* Suspended after every number of transactions: frozen, exact, and whole after resume. */
static void test_suspend_everywhere(void)
{
	const uint32_t len = 2u * 200u;
	unsigned n_steps = 0;

	if (!ttest_begin("pdma-driver/suspend-at-every-transaction-frozen-exact-resume-completes")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 200, 4, 0);
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	for (; n_steps < 10000u; n_steps++) {
		if (pdma_si_step(0) == 0u && !irq_high()) {
			break;
		}
		service();
	}
	for (unsigned at = 0; at <= n_steps; at++) {
		uint64_t base, frozen;

		reset();
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pdma_si_bytes_written(0);
		for (unsigned i = 0; i < at; i++) {
			(void)pdma_si_step(0);
			if (i % 2u == 0u) {
				service();
			}
		}
		if (count(DMA_STATUS_COMPLETE) == 1u) {
			EXPECT_EQ(-EINVAL, dma_suspend(dev, 0));
			continue;
		}
		if (dma_suspend(dev, 0) != 0) {
			TT_FAIL("at %u: dma_suspend refused", at);
			break;
		}
		frozen = total(0);
		(void)pdma_si_run(1000);
		service();
		if (frozen != pdma_si_bytes_written(0) - base && count(DMA_STATUS_COMPLETE) == 0u) {
			TT_FAIL("at %u: suspended total %llu, written %llu", at,
				(unsigned long long)frozen,
				(unsigned long long)(pdma_si_bytes_written(0) - base));
			break;
		}
		if (count(DMA_STATUS_COMPLETE) == 0u) {
			if (total(0) != frozen) {
				TT_FAIL("at %u: bytes moved while suspended", at);
				break;
			}
			ASSERT_EQ(0, dma_resume(dev, 0));
		}
		run_all();
		if (!copied_ok("resumed", len) || total(0) != len ||
		    count(DMA_STATUS_COMPLETE) != 1u || busy(0)) {
			TT_FAIL("suspended after %u transactions: total %llu of %u, %u completions", at,
				(unsigned long long)total(0), len, count(DMA_STATUS_COMPLETE));
			break;
		}
	}
	no_misuse();
	ttest_end();
}

static void test_stop_and_restart(void)
{
	if (!ttest_begin("pdma-driver/stop-midway-count-exact-nothing-latched-restart-clean")) {
		return;
	}
	for (unsigned at = 1; at < 40; at += 3) {
		uint64_t base, stopped;

		reset();
		make(&cfg, blk, 2, 256, 4, 16);
		cfg.complete_callback_en = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pdma_si_bytes_written(0);
		for (unsigned i = 0; i < at; i++) {
			(void)pdma_si_step(0);
		}
		ASSERT_EQ(0, dma_stop(dev, 0));
		stopped = pdma_si_bytes_written(0) - base;
		EXPECT_EQ(stopped, total(0));
		EXPECT_TRUE(!irq_high(), "at %u: a line high after the stop", at);
		/* The stop releases the channel's claim too. */
		EXPECT_EQ(0u, pdma_si_peek(0, PDMA_SI_CONTROL));
		service();
		EXPECT_EQ(0u, cbs.n);
		ASSERT_EQ(0, dma_start(dev, 0));
		run_all();
		EXPECT_EQ(1u, count(DMA_STATUS_BLOCK));
		EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
		EXPECT_EQ(stopped + 512u, total(0)); /* total_copied: since dma_config */
		if (ttest_failed()) {
			TT_FAIL("stopped after %u transactions", at);
			break;
		}
	}
	no_misuse();
	ttest_end();
}

static void test_restart_in_callback(void)
{
	if (!ttest_begin("pdma-driver/restart-in-block-callback-old-runs-not-continued")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 256, 4, 16);
	cfg.complete_callback_en = 1;
	make(&cfg2, blk2, 1, 512, 4, 16);
	blk2[0].dest_address = BUS_DST2;
	cbs.restart_at = 1;
	cbs.cfg_next = &cfg2;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(0, cbs.restart_ret);
	ASSERT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(0, memcmp(dst2_mem, src_mem, 512));
	/* The first transfer's blocks 2 and 3 never ran. */
	for (uint32_t i = 256; i < 768u; i++) {
		if (dst_mem[i] != 0u) {
			TT_FAIL("byte %u of the stopped transfer's later blocks written", i);
			break;
		}
	}
	no_misuse();
	ttest_end();
}

static void test_refusals(void)
{
	if (!ttest_begin("pdma-driver/refusals-with-a-reason-change-nothing")) {
		return;
	}
	reset();
	dma_set_refusal_hook(refusal);
	make(&cfg2, blk2, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg2));
	make(&cfg, blk, 1, 256, 4, 16);
	cfg.dest_burst_length = 32;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "RSIZE") != NULL,
		    "unequal bursts: reason \"%s\"", last_reason ? last_reason : "(none)");
	last_reason = NULL;
	make(&cfg, blk, 1, 256, 4, 64);
	blk[0].source_address = BUS_SRC + 16u; /* not aligned to 64 */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "aligned") != NULL,
		    "misaligned: reason \"%s\"", last_reason ? last_reason : "(none)");
	last_reason = NULL;
	make(&cfg, blk, 1, 192, 4, 64); /* midpoint 96: not a multiple of 64 */
	cfg.half_complete_callback_en = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "midpoint") != NULL,
		    "midpoint: reason \"%s\"", last_reason ? last_reason : "(none)");
	last_reason = NULL;
	make(&cfg, blk, 1, 256, 4, 0);
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL, "fixed destination refused without a reason");
	dma_set_refusal_hook(NULL);
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(256u, total(0));
	EXPECT_TRUE(copied_ok("after refusals", 256u), "after refusals");
	no_misuse();
	ttest_end();
}

/* ------------------------------------------------------------ outside review's cases */

/* Access hook: at the first write of channel 0's Control, let the engine
 * finish the running run (it ends between the driver's read of Control and
 * its write). */
static struct {
	bool armed;
	unsigned steps;
} race;

static void finish_run_at_control_write(unsigned ch, uint32_t off, bool write, void *arg)
{
	(void)arg;
	if (race.armed && ch == 0u && off == PDMA_SI_CONTROL && write) {
		race.armed = false;
		while ((pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN) != 0u) {
			(void)pdma_si_step(0);
			race.steps++;
		}
	}
}

/*
 * R1. A suspend that lands as a run ends: pdma_halt() reads Control (run
 * set), the run ends (done set), then halt writes back the value it read with
 * run cleared, so done = 0: the done flag (and the interrupt "still owed")
 * is erased. The chain believes the run ended and waits for its interrupt
 * (c->ended), so the resume loads nothing: the transfer never completes.
 */
static void test_review_suspend_as_run_ends(void)
{
	if (!ttest_begin("pdma-driver/suspend-as-run-ends-done-not-erased-transfer-completes")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 4, 16); /* 16 transactions per run */
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	for (unsigned i = 0; i < 15u; i++) {
		(void)pdma_si_step(0); /* one transaction left in run 0 */
	}
	race.armed = true;
	race.steps = 0;
	pdma_si_set_access_hook(finish_run_at_control_write, NULL);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	pdma_si_set_access_hook(NULL, NULL);
	EXPECT_EQ(1u, race.steps);
	EXPECT_TRUE(irq_high(), "the run ended during the halt, but its done interrupt is gone");
	service();
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_BLOCK));
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(512u, total(0));
	EXPECT_TRUE(!busy(0), "still busy: the chain waits for an interrupt that was erased");
	EXPECT_TRUE(copied_ok("suspend as the run ends", 512u), "data");
	ttest_end();
}

/*
 * R2. The same race with dma_stop() followed by a restart: harmless for the
 * stop, shown for completeness (expected to pass).
 */

/*
 * R3. NextBytes is WARL "with a maximum count that can be much smaller than
 * the physical address size"; the driver writes up to 0x80000000 bytes per
 * run and never reads NextBytes back. With a 13-bit NextBytes, a 12000-byte
 * block becomes a 3808-byte run, reported complete with total_copied 12000.
 */
static void test_review_nextbytes_warl(void)
{
	if (!ttest_begin("pdma-driver/nextbytes-narrower-than-a-block-several-runs-whole-copy")) {
		return;
	}
	/* The model's NextBytes holds 13 bits (set before the driver's init
	 * probed it): a 12000-byte block takes two runs. */
	unsigned runs;
	uint32_t first_run;

	reset();
	make(&cfg, blk, 1, 12000, 8, 64);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	runs = pdma_si_runs(0);
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end(); /* the first run, to its end */
	first_run = (uint32_t)total(0);
	service(); /* its end: the second run starts */
	run_all();
	/* Runs of the longest whole-64-byte length NextBytes holds: 8128
	 * bytes, then the 3872 left (a narrower guess would take more). */
	EXPECT_EQ(2u, pdma_si_runs(0) - runs);
	EXPECT_EQ(8128u, first_run);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(12000u, total(0));
	EXPECT_TRUE(copied_ok("12000 bytes with a 13-bit NextBytes", 12000u), "copy");
	no_misuse();
	ttest_end();
}

/*
 * R4. sifive_pdma_isr() clears done under the lock, releases it, and only
 * then calls dma_chain_run_done(), which takes the lock again and treats
 * whatever run the channel holds then as the one that ended (the chain's
 * run_done has no seq to tell). Another CPU (or any context that runs
 * between the two: a threaded interrupt under an RTOS, the host port's
 * threads) that stops and restarts the channel in that window gets its new
 * transfer's first run declared finished while the engine is still in it.
 * The interleaving, step by step: [hart 0] the ISR's first half, exactly as
 * sifive_pdma_isr() does it; [hart 1] dma_stop + dma_config + dma_start;
 * [hart 0] the ISR's second half.
 */
static void test_review_isr_window_stop_restart(void)
{
	const uintptr_t ctl = REG_BASE + PDMA_SI_CONTROL;
	dma_port_key_t key;
	uint32_t ctrl, seq;

	if (!ttest_begin("pdma-driver/isr-window-stale-done-not-applied-to-the-restarted-transfer")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	cfg.complete_callback_en = 1;
	make(&cfg2, blk2, 1, 1024, 4, 16); /* 64 transactions */
	blk2[0].dest_address = BUS_DST2;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end(); /* run 0 of the first transfer ends */
	ASSERT_TRUE(pdma_si_done_irq(0), "done line");
	/* hart 0: sifive_pdma_isr(), up to its dma_core_unlock() */
	key = dma_core_lock(dev);
	ctrl = dma_mmio_read32(ctl);
	dma_mmio_write32(ctl, PDMA_SI_CLAIM);
	seq = dma_chain_take(&si_pdma_chain_, 0, DMA_RUN_ENDED);
	dma_core_unlock(dev, key);
	ASSERT_TRUE((ctrl & PDMA_SI_DONE) != 0u, "done was set");
	/* hart 1: the application stops the channel and starts something else */
	ASSERT_EQ(0, dma_stop(dev, 0));
	ASSERT_EQ(0, dma_config(dev, 0, &cfg2));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_n(4); /* 64 of its 1024 bytes */
	/* hart 0: the rest of sifive_pdma_isr() */
	dma_chain_run_done(dev, &si_pdma_chain_, 0, seq);
	EXPECT_EQ(0u, cbs.n); /* nothing of the new transfer has ended */
	for (unsigned i = 0; i < cbs.n && i < LOG_MAX; i++) {
	}
	EXPECT_TRUE(busy(0), "the new transfer is reported finished after 64 of 1024 bytes");
	EXPECT_EQ(0, memcmp(dst2_mem, src_mem, (size_t)total(0)));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(dst2_mem, src_mem, 1024u));
	ttest_end();
}

/* Same interleaving with a multi-block transfer: the stale end advances the
 * new transfer past its first run (halting it midway), so its first block is
 * never finished. */
static void test_review_isr_window_multiblock(void)
{
	const uintptr_t ctl = REG_BASE + PDMA_SI_CONTROL;
	dma_port_key_t key;
	uint32_t seq;

	if (!ttest_begin("pdma-driver/isr-window-restarted-chain-not-skipped-ahead")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end();
	key = dma_core_lock(dev);
	(void)dma_mmio_read32(ctl);
	dma_mmio_write32(ctl, PDMA_SI_CLAIM);
	seq = dma_chain_take(&si_pdma_chain_, 0, DMA_RUN_ENDED);
	dma_core_unlock(dev, key);
	ASSERT_EQ(0, dma_stop(dev, 0));
	memset(dst_mem, 0, sizeof(dst_mem));
	ASSERT_EQ(0, dma_start(dev, 0)); /* the same 2 x 256 again */
	step_n(4);
	dma_chain_run_done(dev, &si_pdma_chain_, 0, seq);
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("restarted chain", 512u), "data");
	ttest_end();
}

/*
 * R5. A bus error latched, its interrupt not yet served, and the channel
 * suspended and resumed meanwhile (e.g. from another channel's callback, or
 * with interrupts masked): suspend sees run clear and a residue, takes the
 * failed run for a cut one; resume loads the remainder, and load's write of
 * Control clears error. The bus error is never reported (the error was
 * transient: the retry succeeds, so no -EIO ever reaches the application).
 */
static void test_review_error_erased_by_suspend_resume(void)
{
	if (!ttest_begin("pdma-driver/bus-error-latched-before-suspend-resume-still-reported")) {
		return;
	}
	reset();
	pdma_si_inject_bus_error(BUS_SRC + 128u, 4u, true, false);
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_until_the_error();
	ASSERT_TRUE(pdma_si_error_irq(0), "the bus error happened");
	pdma_si_clear_bus_errors(); /* transient */
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	EXPECT_TRUE(pdma_si_error_irq(0), "the error line was lowered by resume's load");
	run_all();
	EXPECT_EQ(1u, count(-EIO));
	ttest_end();
}

/*
 * R5b. An error landing between pdma_halt()'s read and write of Control:
 * done and error are read-write bits of the register that stops the
 * channel, so the write clears an error the read did not see, and the run
 * looks cut where the error stopped it. Nothing tells it apart: the driver
 * documents it. The resume retries the rest from there, so the copy is
 * still whole (the error here is transient), and a lasting error is
 * reported by the retry (the next case).
 */
static void finish_with_error_at_control_write(unsigned ch, uint32_t off, bool write, void *arg)
{
	(void)arg;
	if (race.armed && ch == 0u && off == PDMA_SI_CONTROL && write) {
		race.armed = false;
		while ((pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN) != 0u) {
			(void)pdma_si_step(0);
			race.steps++;
		}
	}
}

static void test_review_error_erased_by_halt(void)
{
	if (!ttest_begin("pdma-driver/bus-error-during-halt-retried-or-reported-never-lost-data")) {
		return;
	}
	for (int lasting = 0; lasting < 2; lasting++) {
		reset();
		pdma_si_inject_bus_error(BUS_SRC + 128u, 4u, true, false);
		make(&cfg, blk, 1, 512, 4, 16);
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		for (unsigned i = 0; i < 8u; i++) {
			(void)pdma_si_step(0); /* the 9th transaction fails */
		}
		race.armed = true;
		race.steps = 0;
		pdma_si_set_access_hook(finish_with_error_at_control_write, NULL);
		ASSERT_EQ(0, dma_suspend(dev, 0));
		pdma_si_set_access_hook(NULL, NULL);
		EXPECT_EQ(128u, total(0));
		if (!lasting) {
			pdma_si_clear_bus_errors();
		}
		service();
		(void)dma_resume(dev, 0);
		run_all();
		if (lasting) {
			EXPECT_EQ(1u, count(-EIO));
			EXPECT_EQ(128u, total(0));
		} else {
			EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
			EXPECT_TRUE(copied_ok("retried after a transient error", 512u), "copy");
		}
		EXPECT_TRUE(!busy(0), "busy at the end (lasting error: %d)", lasting);
	}
	ttest_end();
}

/*
 * R6. dma_reload() bypasses the driver's validate(): a reload whose size
 * puts the midpoint off the transaction size (refused by dma_config with
 * "midpoint must be aligned") is accepted.
 */
static void test_review_reload_skips_validate(void)
{
	int r1, r2;

	if (!ttest_begin("pdma-driver/reload-gets-the-same-refusals-as-config")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 192, 4, 64);
	cfg.half_complete_callback_en = 1;
	r1 = dma_config(dev, 0, &cfg); /* midpoint 96: refused */
	make(&cfg, blk, 1, 256, 4, 64);
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	r2 = dma_reload(dev, 0, BUS_SRC, BUS_DST, 192);
	EXPECT_EQ(r1, r2);
	r2 = dma_reload(dev, 0, BUS_SRC + 8u, BUS_DST, 256); /* not aligned to 64 */
	EXPECT_EQ(-EINVAL, r2);
	ttest_end();
}

/*
 * Third review: a suspend and a resume between the handler's two halves
 * (another hart, or a higher priority interrupt, after the handler cleared
 * the done or error status and before it gave the run's end to the
 * chain). The suspend must take the run for ended (or failed), not cut
 * with nothing left: else the resume loads an empty remainder, the run's
 * end is taken for stale, and the transfer never finishes (or, failed, the
 * rest past the fault is run after the error).
 */
static void isr_first_half(uint32_t *seq_out)
{
	const uintptr_t ctl = REG_BASE + PDMA_SI_CONTROL;
	dma_port_key_t key = dma_core_lock(dev);
	uint32_t ctrl = dma_mmio_read32(ctl);

	dma_mmio_write32(ctl, PDMA_SI_CLAIM);
	*seq_out = dma_chain_take(&si_pdma_chain_, 0,
				  (ctrl & PDMA_SI_ERROR) != 0u ? DMA_RUN_FAILED : DMA_RUN_ENDED);
	dma_core_unlock(dev, key);
}

static void test_review_suspend_inside_the_isr_window(void)
{
	uint32_t seq;

	if (!ttest_begin("pdma-driver/suspend-resume-between-the-isr-halves-run-end-kept")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end(); /* block 0's run ends */
	isr_first_half(&seq);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	EXPECT_EQ(256u, total(0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	dma_chain_run_done(dev, &si_pdma_chain_, 0, seq);
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_BLOCK));
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("suspended inside the handler", 512u), "data");

	/* The same with a bus error: reported once, nothing run past it. */
	reset();
	pdma_si_inject_bus_error(BUS_SRC + 128u, 4u, true, false);
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_until_the_error();
	ASSERT_TRUE(pdma_si_error_irq(0), "the bus error happened");
	pdma_si_clear_bus_errors(); /* a resumed remainder would now copy */
	isr_first_half(&seq);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	dma_chain_run_failed(dev, &si_pdma_chain_, 0, seq, -EIO);
	run_all();
	EXPECT_EQ(1u, count(-EIO));
	EXPECT_EQ(0u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0u, dst_mem[511]); /* the rest past the fault never ran */

	/* A bus error taken, then the transfer stopped before the handler's
	 * second half: the error belongs to a stopped transfer and is not
	 * reported; the channel works on. */
	reset();
	pdma_si_inject_bus_error(BUS_SRC + 128u, 4u, true, false);
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_until_the_error();
	isr_first_half(&seq);
	ASSERT_EQ(0, dma_stop(dev, 0));
	dma_chain_run_failed(dev, &si_pdma_chain_, 0, seq, -EIO);
	EXPECT_EQ(0u, cbs.n);
	pdma_si_clear_bus_errors();
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0u, count(-EIO));

	/* A run end taken, then the transfer stopped (not restarted) before
	 * the handler's second half: the chain stays stopped, no next run
	 * touches the buffers after dma_stop returned. */
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end();
	isr_first_half(&seq);
	ASSERT_EQ(0, dma_stop(dev, 0));
	dma_chain_run_done(dev, &si_pdma_chain_, 0, seq);
	EXPECT_EQ(0u, pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN);
	EXPECT_EQ(0u, pdma_si_step(0));
	EXPECT_EQ(0u, cbs.n);
	EXPECT_EQ(0u, dst_mem[256]);

	/* A run end taken, then the transfer stopped and started again before
	 * the handler's second half: the new transfer owes nothing, so its
	 * suspend cuts its run and its resume goes on. */
	reset();
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_to_the_run_end();
	isr_first_half(&seq);
	ASSERT_EQ(0, dma_stop(dev, 0));
	memset(dst_mem, 0, sizeof(dst_mem));
	ASSERT_EQ(0, dma_start(dev, 0));
	dma_chain_run_done(dev, &si_pdma_chain_, 0, seq); /* stale now */
	step_n(4);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	EXPECT_EQ(512u + 64u, total(0)); /* the stopped transfer's 512, then 64 */
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("restarted after a taken end", 512u), "data");
	ttest_end();
}

/*
 * The board-facing helpers take any device: NULL or a device of another
 * driver is ignored (no crash), an instance without the QEMU quirk neither
 * paces (its runs start from the interrupt) nor names a missing feature.
 */
static void test_helpers_on_other_devices(void)
{
	static const struct device not_pdma = {"not_pdma", NULL, NULL, NULL, NULL, NULL};

	if (!ttest_begin("pdma-driver/pace-and-why-missing-ignore-other-devices")) {
		return;
	}
	reset();
	sifive_pdma_pace(NULL);
	sifive_pdma_pace(&not_pdma);
	sifive_pdma_pace(dev);
	/* A spurious (or shared) interrupt of an idle channel does nothing,
	 * and leaves the channel usable. */
	sifive_pdma_isr(dev, 1);
	make(&cfg, blk, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 1, &cfg));
	ASSERT_EQ(0, dma_start(dev, 1));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	harness_clear();
	EXPECT_TRUE(sifive_pdma_why_missing(NULL, DMA_CAP_ERROR_REPORT) == NULL, "NULL device");
	EXPECT_TRUE(sifive_pdma_why_missing(&not_pdma, DMA_CAP_ERROR_REPORT) == NULL,
		    "another driver's device");
	EXPECT_TRUE(sifive_pdma_why_missing(dev, DMA_CAP_ERROR_REPORT) == NULL,
		    "the silicon instance lacks nothing for a platform reason");
	EXPECT_TRUE(sifive_pdma_why_missing(&si_pdma_qemu, DMA_CAP_ERROR_REPORT) != NULL &&
			    strstr(sifive_pdma_why_missing(&si_pdma_qemu, DMA_CAP_ERROR_REPORT),
				   "QEMU") != NULL,
		    "the QEMU instance names QEMU's model for the bus errors it lacks");
	EXPECT_TRUE(sifive_pdma_why_missing(&si_pdma_qemu, DMA_CAP_CYCLIC) == NULL,
		    "the QEMU instance lacks nothing else for a platform reason");
	EXPECT_EQ(0u, cbs.n);
	ttest_end();
}

/* Addresses above 4 GiB (the FU740's memory can be): both halves of the
 * 64-bit Next registers are written. */
#define BUS_HIGH 0x120000000ull

static void test_addresses_above_4gib(void)
{
	if (!ttest_begin("pdma-driver/copy-to-and-from-above-4gib")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 1024, 4, 16);
	blk[0].dest_address = BUS_HIGH; /* dst2_mem, mapped there too */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(src_mem, dst2_mem, 1024));
	EXPECT_EQ(0u, dst_mem[0]);
	memset(dst_mem, 0, sizeof(dst_mem));
	harness_clear();
	make(&cfg, blk, 1, 1024, 4, 16);
	blk[0].source_address = BUS_HIGH; /* back from there */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("from above 4 GiB", 1024u), "data");
	ttest_end();
}

/*
 * An engine that stops at a transaction boundary (the model's halt lag: run
 * reads 1 until the transaction in flight completes). A suspend returns
 * once run reads 0, with that transaction counted; the resume loads the
 * rest (no Next register written while the channel still runs) and the
 * copy completes. A bus error of that last transaction is reported, not
 * taken for a cut and retried (here the error is transient: a retry would
 * have hidden it).
 */
static void test_suspend_waits_for_the_transaction_in_flight(void)
{
	uint64_t base;

	if (!ttest_begin("pdma-driver/suspend-waits-for-the-transaction-in-flight")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pdma_si_bytes_written(0);
	step_n(4);
	pdma_si_set_halt_lag(0, 10);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	EXPECT_EQ(0u, pdma_si_peek(0, PDMA_SI_CONTROL) & PDMA_SI_RUN);
	EXPECT_EQ(80u, pdma_si_bytes_written(0) - base); /* 4 + the one in flight */
	EXPECT_EQ(80u, total(0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("suspended on a slow halt", 512u), "data");
	no_misuse();

	reset();
	make(&cfg, blk, 1, 512, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	step_n(4);
	pdma_si_inject_bus_error(BUS_SRC + 64u, 16u, true, false);
	pdma_si_set_halt_lag(0, 10);
	ASSERT_EQ(0, dma_suspend(dev, 0));
	pdma_si_clear_bus_errors();
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(-EIO));
	EXPECT_EQ(0u, count(DMA_STATUS_COMPLETE));
	no_misuse();
	ttest_end();
}

/*
 * A channel whose run storage is exactly full (16 blocks with half-complete
 * callbacks: 32 runs, each ending at an event point) next to another
 * channel: each keeps to its own storage, and the other channel's transfer
 * reports its half point and its completion.
 */
static void test_full_run_storage_beside_another_channel(void)
{
	if (!ttest_begin("pdma-driver/full-run-storage-stays-in-its-channel")) {
		return;
	}
	reset();
	make(&cfg, blk, 16, 64, 4, 16)->half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	make(&cfg2, blk2, 1, 256, 4, 16)->half_complete_callback_en = 1;
	blk2[0].dest_address = BUS_DST2;
	ASSERT_EQ(0, dma_config(dev, 1, &cfg2));
	ASSERT_EQ(0, dma_start(dev, 1));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_HALF_COMPLETE)); /* its own points, intact */
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(src_mem, dst2_mem, 256));
	harness_clear();
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(16u, count(DMA_STATUS_HALF_COMPLETE));
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("16 blocks in 32 runs", 1024u), "data");
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	pdma_si_map(BUS_SRC, src_mem, sizeof(src_mem));
	pdma_si_map(BUS_DST, dst_mem, sizeof(dst_mem));
	pdma_si_map(BUS_DST2, dst2_mem, sizeof(dst2_mem));
	pdma_si_map(BUS_HIGH, dst2_mem, sizeof(dst2_mem));
	/* What the boot loader left (model_power_on) is stopped and released
	 * by init: no channel runs on, none stays claimed, no line is high. */
	if (ttest_begin("pdma-driver/init-stops-and-releases-what-a-boot-loader-left")) {
		for (unsigned ch = 0; ch < PDMA_SI_CHANNELS; ch++) {
			EXPECT_EQ(0u, pdma_si_peek(ch, PDMA_SI_CONTROL));
			EXPECT_EQ(0u, pdma_si_step(ch));
			EXPECT_EQ(false, pdma_si_done_irq(ch));
		}
		ttest_end();
	}
	/* An instance defined where no PDMA answers is not ready, and says why. */
	if (ttest_begin("pdma-driver/init-refuses-an-address-where-nothing-answers")) {
		const char *why = device_not_ready_reason("pdma_qemu_quirk");

		EXPECT_EQ(false, device_is_ready(&si_pdma_qemu));
		EXPECT_TRUE(why != NULL && strstr(why, "NextBytes reads back 0") != NULL,
			    "the reason names NextBytes reading back 0, got \"%s\"",
			    why != NULL ? why : "(none)");
		EXPECT_EQ(true, device_is_ready(&si_pdma));
		ttest_end();
	}
	test_sizes();
	test_chain_exact_at_every_transaction();
	test_cyclic();
	test_bus_error();
	test_suspend_everywhere();
	test_stop_and_restart();
	test_restart_in_callback();
	test_refusals();
	test_review_suspend_as_run_ends();
	test_review_nextbytes_warl();
	test_review_isr_window_stop_restart();
	test_review_isr_window_multiblock();
	test_review_error_erased_by_suspend_resume();
	test_review_error_erased_by_halt();
	test_review_reload_skips_validate();
	test_review_suspend_inside_the_isr_window();
	test_helpers_on_other_devices();
	test_addresses_above_4gib();
	test_suspend_waits_for_the_transaction_in_flight();
	test_full_run_storage_beside_another_channel();
	return ttest_summary("unit-pdma-driver") == 0 ? 0 : 1;
}
