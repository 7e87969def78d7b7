/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PL330 driver against a model of the silicon (tests/unit/pl330_silicon.c,
 * written from the TRM): the programs it writes for every feature, run one
 * instruction at a time where it matters, including what QEMU's model cannot
 * show (a channel observed mid-loop, bus errors, peripheral request lines,
 * suspend at any instruction).
 */
#include <stdio.h>
#include <string.h>

#include "dma/dma_pl330.h"
#include "pl330_silicon.h"
#include "dma/dma_mmio.h"
#include "driver_harness.h"
#include "ordering.h"
#include "ttest.h"
#include "ttest_host.h"

#define REG_BASE 0x40000000u
#define BUS_SRC 0x10000000u
#define BUS_DST 0x10100000u
#define BUS_DST2 0x10200000u
#define BUS_FIFO 0x10300000u
#define BUF_LEN 16384u
#define GUARD 64u
#define NCH 8u

PL330_DEFINE(si_dma, "pl330_silicon", REG_BASE, NCH, 8u, 0, NULL);

/* The same controller seen as QEMU's (PL330_QUIRK_QEMU: pacing events),
 * used by test_qemu_pacing only, on channels the other instance leaves idle. */
PL330_DEFINE(si_dma_q, "pl330_silicon_q", REG_BASE, NCH, 8u, PL330_QUIRK_QEMU, NULL);

/* Instances for test_init_checks_the_controller only: one like si_dma, one
 * claiming a 16-byte data bus (the model's is 8 bytes: its init fails). */
PL330_DEFINE(si_dma_i, "pl330_silicon_i", REG_BASE, NCH, 8u, 0, NULL);
PL330_DEFINE(si_dma_w, "pl330_silicon_w", REG_BASE, NCH, 16u, 0, NULL);

static const struct device *const dev = &si_dma;
static uint8_t src_mem[BUF_LEN] __attribute__((aligned(16)));
static uint8_t dst_mem[BUF_LEN + GUARD] __attribute__((aligned(16)));
static uint8_t dst2_mem[BUF_LEN] __attribute__((aligned(16)));
static uint8_t fifo_reg[16] __attribute__((aligned(16)));

static const struct pl330_si_params params = {
	.channels = NCH, .events = 16, .periphs = 8, .bus_bytes = 8, .fifo_bytes = 256,
};

/* The model must answer the driver's init, which runs from the host port's
 * constructor: power it on first. */
__attribute__((constructor(101))) static void model_power_on(void)
{
	pl330_si_reset(REG_BASE, &params);
}

static void map_memory(void)
{
	struct pl330_chan *chans = dma_core_ctrl(dev)->drv_data;

	pl330_si_map(BUS_SRC, src_mem, sizeof(src_mem));
	pl330_si_map(BUS_DST, dst_mem, sizeof(dst_mem));
	pl330_si_map(BUS_DST2, dst2_mem, sizeof(dst2_mem));
	pl330_si_map(BUS_FIFO, fifo_reg, sizeof(fifo_reg));
	/* The driver gives the controller the low 32 bits of its programs'
	 * addresses: map them to the programs. */
	pl330_si_map((uint32_t)(uintptr_t)chans, chans, NCH * sizeof(*chans));
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
	for (uint32_t ch = 0; ch < NCH; ch++) {
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
}

static bool irq_high(void)
{
	for (unsigned ev = 0; ev < NCH; ev++) {
		if (pl330_si_irq(ev)) {
			return true;
		}
	}
	return pl330_si_abort();
}

/* Call the handler while an interrupt line is high (bounded). */
static void service(void)
{
	for (int i = 0; i < 8 && irq_high(); i++) {
		pl330_isr(dev);
	}
}

/* Run the channels to a standstill, serving interrupts as they come. */
static void run_all(void)
{
	for (int i = 0; i < 100000; i++) {
		unsigned ran = pl330_si_run(64);

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

/* The first @p len bytes of the destination are the source's, and the guard after is untouched. */
static bool copied_ok(const char *what, uint32_t len)
{
	if (memcmp(src_mem, dst_mem, len) != 0) {
		for (uint32_t i = 0; i < len; i++) {
			if (src_mem[i] != dst_mem[i]) {
				TT_FAIL("%s: byte %u of %u: expected 0x%02X, got 0x%02X", what, i, len,
					src_mem[i], dst_mem[i]);
				break;
			}
		}
		return false;
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
	const char *m = pl330_si_misuse();

	EXPECT_TRUE(m == NULL, "the model saw the driver misuse the controller: %s", m);
}

/* ------------------------------------------------------------ cases */

/* Channel @p ch copying 1 KiB (16-byte bursts), @p steps instructions in. */
static void start_1k_and_step(uint32_t ch, unsigned steps)
{
	make(&cfg, blk, 1, 1024, 4, 16);
	ASSERT_EQ(0, dma_config(dev, ch, &cfg));
	ASSERT_EQ(0, dma_start(dev, ch));
	for (unsigned i = 0; i < steps; i++) {
		(void)pl330_si_step(ch);
	}
}

static void test_widths_and_bursts(void)
{
	static const uint32_t widths[] = {1, 2, 4, 8};
	static const uint32_t beats[] = {1, 2, 4, 16};
	unsigned runs = 0;

	if (!ttest_begin("pl330-driver/every-width-and-burst-with-a-tail-copies-exactly")) {
		return;
	}
	for (unsigned w = 0; w < 4; w++) {
		for (unsigned b = 0; b < 4; b++) {
			const uint32_t width = widths[w], burst = beats[b] * widths[w];
			/* A length that is not a multiple of the burst: a tail loop. */
			const uint32_t len = burst * 37u + width * (beats[b] > 1u ? 1u : 0u);

			reset();
			make(&cfg, blk, 1, len, width, beats[b] == 1u ? 0u : burst);
			if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
				TT_FAIL("width %u burst %u: refused", width, burst);
				continue;
			}
			run_all();
			if (!copied_ok("copy", len)) {
				TT_FAIL("width %u, burst %u bytes, %u bytes", width, burst, len);
			}
			EXPECT_EQ(len, total(0));
			EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
			EXPECT_TRUE(!busy(0), "width %u burst %u: busy after the end", width, burst);
			runs++;
		}
	}
	EXPECT_EQ(16u, runs);
	no_misuse();
	ttest_end();
}

static void test_mixed_widths(void)
{
	static const struct {
		uint32_t ss, ds, sb, db;
	} cases[] = {{1, 4, 4, 4}, {4, 1, 4, 4}, {8, 2, 64, 32}, {2, 8, 32, 64}, {1, 8, 16, 8}};

	if (!ttest_begin("pl330-driver/mixed-source-and-destination-sizes-and-bursts")) {
		return;
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const uint32_t len = 16u * 131u;

		reset();
		make(&cfg, blk, 2, len / 2u, 1, 0);
		cfg.source_data_size = cases[i].ss;
		cfg.dest_data_size = cases[i].ds;
		cfg.source_burst_length = cases[i].sb;
		cfg.dest_burst_length = cases[i].db;
		if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
			TT_FAIL("case %u: refused", i);
			continue;
		}
		run_all();
		if (!copied_ok("mixed", len)) {
			TT_FAIL("case %u: source %u B bursts of %u, destination %u B bursts of %u", i,
				cases[i].ss, cases[i].sb, cases[i].ds, cases[i].db);
		}
		EXPECT_EQ(len, total(0));
	}
	no_misuse();
	ttest_end();
}

static void test_fixed_addresses(void)
{
	if (!ttest_begin("pl330-driver/fixed-source-and-fixed-destination")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 4, 16);
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	for (uint32_t i = 0; i < 64; i++) {
		if (dst_mem[i] != src_mem[i % 4u]) {
			TT_FAIL("fixed source: byte %u: expected 0x%02X, got 0x%02X", i, src_mem[i % 4u],
				dst_mem[i]);
			break;
		}
	}
	EXPECT_EQ(64u, total(0));
	reset();
	make(&cfg, blk, 1, 64, 4, 0);
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(0, memcmp(&dst_mem[0], &src_mem[60], 4));
	EXPECT_EQ(0u, dst_mem[4]);
	EXPECT_EQ(64u, total(0));
	no_misuse();
	ttest_end();
}

static void test_sixteen_blocks_events(void)
{
	if (!ttest_begin("pl330-driver/16-blocks-half-and-block-events-in-order")) {
		return;
	}
	reset();
	make(&cfg, blk, 16, 96, 4, 16);
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_TRUE(copied_ok("16 blocks", 16u * 96u), "16 blocks");
	ASSERT_EQ(32u, cbs.n);
	for (unsigned i = 0; i < 32u; i++) {
		int want = (i % 2u == 0u) ? DMA_STATUS_HALF_COMPLETE
			   : i == 31u     ? DMA_STATUS_COMPLETE
					  : DMA_STATUS_BLOCK;

		if (cbs.status[i] != want) {
			TT_FAIL("callback %u: expected status %d, got %d", i, want, cbs.status[i]);
			break;
		}
	}
	no_misuse();
	ttest_end();
}

/*
 * The position comes from CPC and the loop counters: stepped one
 * instruction at a time, with the handler served whenever a line is high,
 * total_copied must equal what the channel has stored, at every step.
 */
static void test_progress_at_every_instruction(void)
{
	static const struct {
		uint32_t nblocks, size, ss, ds, burst;
		bool half;
	} cases[] = {
		{3, 200, 4, 4, 16, true},   /* bursts, a tail, half points */
		{2, 1040, 1, 1, 16, false}, /* 65 bursts: a one-level nest of 65 */
		{1, 8192, 1, 1, 0, false},  /* 8192 beats: a two-level nest and a tail */
		{2, 96, 8, 2, 0, true},     /* one load, four stores per beat */
		{1, 600, 1, 1, 0, false},   /* an outer loop of exactly two, then 88 */
		{2, 40, 1, 1, 0, true},     /* one-byte beats, half points */
	};

	if (!ttest_begin("pl330-driver/total_copied-equals-bytes-stored-at-every-instruction")) {
		return;
	}
	/* Read at every instruction, then at every third one from each phase
	 * (a reading that follows another at the next instruction can hide a
	 * wrong one: both give the same count at a loop's end). */
	for (unsigned kp = 0; kp < 4u * sizeof(cases) / sizeof(cases[0]); kp++) {
		const unsigned k = kp / 4u, stride = kp % 4u == 0u ? 1u : 3u, phase = kp % 4u;
		const uint32_t len = cases[k].nblocks * cases[k].size;
		uint64_t base, last = 0;
		unsigned long sevs0;
		unsigned steps = 0;

		reset();
		make(&cfg, blk, cases[k].nblocks, cases[k].size, cases[k].ss, cases[k].burst);
		cfg.dest_data_size = cases[k].ds;
		cfg.dest_burst_length = cases[k].burst;
		cfg.half_complete_callback_en = cases[k].half;
		cfg.complete_callback_en = 1;
		if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
			TT_FAIL("case %u: refused", k);
			continue;
		}
		sevs0 = pl330_si_sevs(0);
		/* TRM 2.3: once ended, the thread's PC means nothing. */
		pl330_si_end_pc_invalid(true);
		base = pl330_si_bytes_written(0);
		while (pl330_si_step(0) != 0u && steps < 200000u) {
			uint64_t t, stored = pl330_si_bytes_written(0) - base;

			steps++;
			/* Before the handler runs, then after. */
			if (stride == 1u && total(0) != stored) {
				TT_FAIL("case %u, step %u, before the handler: total_copied %llu, "
					"bytes stored %llu",
					k, steps, (unsigned long long)total(0),
					(unsigned long long)stored);
				break;
			}
			service();
			/* An event is reported once its DMASEV has run (after the
			 * DMAWMB that completes its writes), not before. */
			if (cbs.n > pl330_si_sevs(0) - sevs0) {
				TT_FAIL("case %u, step %u: %u callbacks, %lu DMASEVs run", k, steps,
					cbs.n, pl330_si_sevs(0) - sevs0);
				break;
			}
			if (steps % stride != phase % stride) {
				continue;
			}
			t = total(0);
			if (t != stored || t < last) {
				TT_FAIL("case %u (every %u instructions), step %u: total_copied %llu, "
					"bytes stored %llu (previous total %llu)",
					k, stride, steps, (unsigned long long)t,
					(unsigned long long)stored, (unsigned long long)last);
				break;
			}
			last = t;
		}
		service();
		pl330_si_end_pc_invalid(false);
		EXPECT_TRUE(copied_ok("stepped", len), "case %u", k);
		EXPECT_EQ(len, total(0));
		EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
		EXPECT_EQ(cases[k].nblocks - 1u, count(DMA_STATUS_BLOCK));
		EXPECT_EQ(cases[k].half ? cases[k].nblocks : 0u, count(DMA_STATUS_HALF_COMPLETE));
	}
	no_misuse();
	ttest_end();
}

/* Every event a transfer raised before the handler ran is reported once, in order. */
static void test_late_interrupt(void)
{
	if (!ttest_begin("pl330-driver/late-interrupt-every-event-once-in-order")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 256, 4, 16);
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	/* (TRM 2.3: the PC of the ended thread means nothing.) */
	pl330_si_end_pc_invalid(true);
	(void)pl330_si_run(1000000);
	EXPECT_EQ(0u, cbs.n);
	/* Ended, not yet served: all of it is counted. */
	EXPECT_EQ(768u, total(0));
	pl330_si_end_pc_invalid(false);
	service();
	ASSERT_EQ(6u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[2]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[3]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[4]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[5]);
	EXPECT_TRUE(copied_ok("late", 768), "late interrupt");
	no_misuse();
	ttest_end();
}

/*
 * The IP has no pause: suspend kills the channel and resume starts a program
 * for the rest. Suspended after every possible number of instructions, the
 * count is frozen and exact, no byte moves, and after resume the copy is
 * whole with exactly one completion.
 */
static void test_suspend_at_every_instruction(void)
{
	static const struct {
		uint32_t size, ss, ds, burst;
	} cases[] = {{136, 4, 4, 16}, {72, 4, 1, 0}, {64, 8, 8, 64}};

	if (!ttest_begin("pl330-driver/suspend-at-every-instruction-frozen-exact-resume-completes")) {
		return;
	}
	for (unsigned k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const uint32_t len = 2u * cases[k].size;
		unsigned n_insns;

		/* How many instructions the whole program takes. */
		reset();
		make(&cfg, blk, 2, cases[k].size, cases[k].ss, cases[k].burst);
		cfg.dest_data_size = cases[k].ds;
		cfg.dest_burst_length = cases[k].burst;
		cfg.half_complete_callback_en = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		for (n_insns = 0; pl330_si_step(0) != 0u && n_insns < 100000u; n_insns++) {
		}
		service();
		/* At every instruction: with the handler run (variant 0), not yet
		 * run (1), not yet run and resumed at once (2). */
		for (unsigned k2 = 0; k2 <= 3u * n_insns + 2u; k2++) {
			const unsigned at = k2 / 3u, variant = k2 % 3u;
			uint64_t base, frozen;
			bool ended;

			reset();
			ASSERT_EQ(0, dma_config(dev, 0, &cfg));
			ASSERT_EQ(0, dma_start(dev, 0));
			base = pl330_si_bytes_written(0);
			for (unsigned i = 0; i < at; i++) {
				(void)pl330_si_step(0);
			}
			if (variant == 0u) {
				service();
			}
			if (count(DMA_STATUS_COMPLETE) == 1u) {
				/* Ended (past its DMASEV) and reported: CONFIGURED,
				 * nothing to suspend. */
				EXPECT_EQ(-EINVAL, dma_suspend(dev, 0));
				EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
				EXPECT_TRUE(copied_ok("ended", len), "case %u", k);
				continue;
			}
			ended = pl330_si_state(0) == PL330_SI_STOPPED;
			if (dma_suspend(dev, 0) != 0) {
				TT_FAIL("case %u, at %u: dma_suspend refused", k, at);
				break;
			}
			frozen = total(0);
			if (frozen != pl330_si_bytes_written(0) - base) {
				TT_FAIL("case %u, suspended at instruction %u: total_copied %llu, "
					"bytes stored %llu",
					k, at, (unsigned long long)frozen,
					(unsigned long long)(pl330_si_bytes_written(0) - base));
				break;
			}
			if (variant == 2u) {
				/* Resumed before the handler ran: goes on (or, ended,
				 * its completion comes) once. */
				if (dma_resume(dev, 0) != 0) {
					TT_FAIL("case %u, at %u: dma_resume at once refused", k, at);
					break;
				}
				run_all();
				if (!copied_ok("resumed at once", len) || total(0) != len ||
				    count(DMA_STATUS_COMPLETE) != 1u || busy(0)) {
					TT_FAIL("case %u, suspended at instruction %u and resumed at "
						"once: total %llu of %u, %u completions, busy %d",
						k, at, (unsigned long long)total(0), len,
						count(DMA_STATUS_COMPLETE), busy(0));
					break;
				}
				continue;
			}
			(void)pl330_si_run(100000);
			service();
			if (total(0) != frozen ||
			    (frozen < len && pl330_si_bytes_written(0) - base != frozen)) {
				TT_FAIL("case %u, at %u: bytes moved while suspended", k, at);
				break;
			}
			/* A transfer that had ended (its thread stopped) before the
			 * suspend completes at its interrupt, suspended or not. */
			if (ended && count(DMA_STATUS_COMPLETE) != 1u) {
				TT_FAIL("case %u, at %u: ended before the suspend, %u completions "
					"after its interrupt", k, at, count(DMA_STATUS_COMPLETE));
				break;
			}
			if (count(DMA_STATUS_COMPLETE) == 1u) {
				/* It had ended: its completion came while suspended
				 * (CONFIGURED now: nothing to resume). */
				if (frozen != len || dma_resume(dev, 0) != -EINVAL ||
				    !copied_ok("ended while suspended", len) || total(0) != len) {
					TT_FAIL("case %u, at %u: completed while suspended with %llu "
						"of %u", k, at, (unsigned long long)frozen, len);
					break;
				}
				continue;
			}
			if (dma_resume(dev, 0) != 0) {
				TT_FAIL("case %u, at %u: dma_resume refused", k, at);
				break;
			}
			run_all();
			if (!copied_ok("resumed", len) || total(0) != len ||
			    count(DMA_STATUS_COMPLETE) != 1u || busy(0)) {
				TT_FAIL("case %u, suspended at instruction %u of %u: total %llu of %u, "
					"%u completions, busy %d",
					k, at, n_insns, (unsigned long long)total(0), len,
					count(DMA_STATUS_COMPLETE), busy(0));
				break;
			}
		}
	}
	no_misuse();
	ttest_end();
}

/*
 * Cyclic: suspended at every instruction of the second lap, resumed with a
 * program for the rest of the lap and then the loop. The count stays
 * exact, and the laps go on with one completion each.
 */
static void test_cyclic_suspend_resume(void)
{
	static const struct {
		uint32_t ss, ds, burst;
	} cases[] = {{4, 4, 16}, {4, 1, 0}, {1, 1, 0}};

	if (!ttest_begin("pl330-driver/cyclic-suspend-at-every-instruction-laps-go-on")) {
		return;
	}
	for (unsigned k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		const uint32_t lap = 2u * 40u;
		unsigned lap_insns = 0;
		uint64_t base;

		reset();
		make(&cfg, blk, 2, 40, cases[k].ss, cases[k].burst);
		cfg.dest_data_size = cases[k].ds;
		cfg.dest_burst_length = cases[k].burst;
		cfg.cyclic = 1;
		cfg.half_complete_callback_en = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		/* Instructions per lap: from one lap end to the next. */
		while (pl330_si_bytes_written(0) - base < lap && lap_insns < 10000u) {
			(void)pl330_si_step(0);
			lap_insns++;
		}
		for (unsigned at = 0; at < lap_insns + 4u; at++) {
			uint64_t frozen, stored, last;
			unsigned laps_before;

			reset();
			ASSERT_EQ(0, dma_config(dev, 0, &cfg));
			ASSERT_EQ(0, dma_start(dev, 0));
			base = pl330_si_bytes_written(0);
			for (unsigned i = 0; i < lap_insns + at; i++) {
				(void)pl330_si_step(0);
				if (i % 3u == 0u) {
					service();
				}
			}
			if (at % 2u == 0u) {
				service();
			}
			ASSERT_EQ(0, dma_suspend(dev, 0));
			stored = pl330_si_bytes_written(0) - base;
			frozen = total(0);
			(void)pl330_si_run(1000);
			service();
			if (frozen != stored || total(0) != frozen) {
				TT_FAIL("case %u, suspended %u instructions into lap 2: total %llu, "
					"stored %llu, after %llu",
					k, at, (unsigned long long)frozen, (unsigned long long)stored,
					(unsigned long long)total(0));
				break;
			}
			ASSERT_EQ(0, dma_resume(dev, 0));
			last = frozen;
			laps_before = count(DMA_STATUS_COMPLETE);
			/* Three more laps, served as they come. */
			for (unsigned i = 0; i < 100000u && count(DMA_STATUS_COMPLETE) < laps_before + 3u;
			     i++) {
				uint64_t t;

				(void)pl330_si_step(0);
				service();
				t = total(0);
				/* Monotonic, and never ahead of the bytes stored (a
				 * resumed beat stored twice counts once). */
				if (t < frozen || t < last || t > pl330_si_bytes_written(0) - base) {
					TT_FAIL("case %u, at %u: total %llu after %llu (suspended at "
						"%llu), %llu stored",
						k, at, (unsigned long long)t, (unsigned long long)last,
						(unsigned long long)frozen,
						(unsigned long long)(pl330_si_bytes_written(0) - base));
					break;
				}
				last = t;
			}
			if (count(DMA_STATUS_COMPLETE) != laps_before + 3u ||
			    total(0) < frozen + 2u * lap || total(0) > frozen + 3u * lap ||
			    memcmp(dst_mem, src_mem, lap) != 0) {
				TT_FAIL("case %u, suspended %u instructions into lap 2: %u laps after "
					"resume, total %llu from %llu",
					k, at, count(DMA_STATUS_COMPLETE) - laps_before,
					(unsigned long long)total(0), (unsigned long long)frozen);
				break;
			}
			(void)dma_stop(dev, 0);
		}
	}
	no_misuse();
	ttest_end();
}

/*
 * Cyclic, 4-byte loads and 1-byte stores: suspended one store into a beat,
 * with the lap end's interrupt pending, so the handler consumes the
 * suspended position. The resume goes on from the start of that beat, a
 * byte behind the last observation: that is no progress, not a lap.
 */
static void test_cyclic_resume_behind_observation(void)
{
	const uint32_t lap = 2u * 40u;
	uint64_t base, frozen;

	if (!ttest_begin("pl330-driver/cyclic-resume-a-byte-behind-the-observation-is-not-a-lap")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 40, 4, 0);
	cfg.dest_data_size = 1;
	cfg.cyclic = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pl330_si_bytes_written(0);
	/* Past the first lap end (its DMASEV raised the line), one store in. */
	while (!pl330_si_irq(0)) {
		(void)pl330_si_step(0);
	}
	while (pl330_si_bytes_written(0) - base < lap + 1u) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	frozen = total(0);
	EXPECT_EQ(lap + 1u, frozen);
	service(); /* the lap end, and the position up to the suspend */
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	ASSERT_EQ(0, dma_resume(dev, 0));
	for (unsigned i = 0; i < 6u; i++) {
		(void)pl330_si_step(0);
		service();
		if (total(0) < frozen || total(0) > frozen + 4u) {
			TT_FAIL("step %u after the resume: total_copied %llu, suspended at %llu", i,
				(unsigned long long)total(0), (unsigned long long)frozen);
			break;
		}
	}
	(void)dma_stop(dev, 0);
	ttest_end();
}

/* A stop mid-transfer: the count is what was stored, and nothing latched reaches the next run. */
static void test_stop_midway(void)
{
	if (!ttest_begin("pl330-driver/stop-midway-count-exact-nothing-latched-restart-clean")) {
		return;
	}
	for (unsigned at = 10; at < 120; at += 7) {
		uint64_t base, stopped;

		reset();
		make(&cfg, blk, 2, 256, 4, 16);
		cfg.complete_callback_en = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		for (unsigned i = 0; i < at; i++) {
			(void)pl330_si_step(0);
		}
		ASSERT_EQ(0, dma_stop(dev, 0));
		stopped = pl330_si_bytes_written(0) - base;
		EXPECT_EQ(stopped, total(0));
		EXPECT_TRUE(!irq_high(), "at %u: an interrupt line still high after the stop", at);
		EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(0));
		cbs.n = 0;
		ASSERT_EQ(0, dma_start(dev, 0));
		run_all();
		EXPECT_EQ(1u, count(DMA_STATUS_BLOCK));
		EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
		/* total_copied counts every transfer since dma_config(). */
		EXPECT_EQ(stopped + 512u, total(0));
		if (ttest_failed()) {
			TT_FAIL("stopped after %u instructions", at);
			break;
		}
	}
	no_misuse();
	ttest_end();
}

/* A stop kills the channel it names (the debug interface's channel field),
 * and no other: channel 3 stops midway, channel 0 runs on to its end. */
static void test_stop_kills_its_own_channel(void)
{
	uint64_t base3;

	if (!ttest_begin("pl330-driver/stop-of-channel-3-kills-channel-3-only")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	harness_make(&cfg2, blk2, 1, 256, 4, 16, BUS_SRC, BUS_DST2);
	ASSERT_EQ(0, dma_config(dev, 3, &cfg2));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_start(dev, 3));
	base3 = pl330_si_bytes_written(3);
	for (unsigned i = 0; i < 20u; i++) {
		(void)pl330_si_step(0);
		(void)pl330_si_step(3);
	}
	ASSERT_EQ(0, dma_stop(dev, 3));
	EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(3));
	EXPECT_TRUE(pl330_si_state(0) != PL330_SI_STOPPED, "channel 0 was stopped by channel 3's stop");
	EXPECT_EQ(pl330_si_bytes_written(3) - base3, total(3));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE)); /* channel 0's */
	EXPECT_TRUE(copied_ok("channel 0 after channel 3's stop", 256), "channel 0's data");
	no_misuse();
	ttest_end();
}

static void test_cyclic_laps(void)
{
	const uint32_t lap = 2u * 128u;

	if (!ttest_begin("pl330-driver/cyclic-laps-counted-with-merged-interrupts")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 128, 4, 16);
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	/* Served at every instruction for two laps, then every 9 (several
	 * events merge in one interrupt bit), for three more. */
	uint64_t base = pl330_si_bytes_written(0), last = 0;

	for (unsigned i = 0; i < 100000u && pl330_si_bytes_written(0) - base < 5u * lap; i++) {
		uint64_t t;

		(void)pl330_si_step(0);
		if (pl330_si_bytes_written(0) - base < 2u * lap || i % 9u == 0u) {
			service();
			t = total(0);
			if (t < last || t != pl330_si_bytes_written(0) - base) {
				TT_FAIL("step %u: total_copied %llu, stored %llu, previous %llu", i,
					(unsigned long long)t,
					(unsigned long long)(pl330_si_bytes_written(0) - base),
					(unsigned long long)last);
				break;
			}
			last = t;
		}
	}
	/* On to the DMASEV of the fifth lap's end. */
	for (unsigned i = 0; i < 8u && !pl330_si_irq(0); i++) {
		(void)pl330_si_step(0);
	}
	service();
	EXPECT_EQ(5u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(10u, count(DMA_STATUS_HALF_COMPLETE));
	EXPECT_TRUE(busy(0), "a cyclic transfer is not busy");
	ASSERT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(pl330_si_bytes_written(0) - base, total(0));
	EXPECT_TRUE(copied_ok("ring", lap), "ring");
	no_misuse();
	ttest_end();
}

static void test_bus_error(void)
{
	if (!ttest_begin("pl330-driver/bus-error-reported-channel-reusable")) {
		return;
	}
	reset();
	pl330_si_inject_bus_error(BUS_SRC + 3000u, 16u, true, false);
	make(&cfg, blk, 3, 1024, 4, 16);
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	ASSERT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[1]);
	EXPECT_EQ(-EIO, cbs.status[2]);
	EXPECT_TRUE(!busy(0), "busy after the error");
	EXPECT_TRUE(total(0) >= 2048u && total(0) <= 3000u,
		    "total_copied %llu after an error at source byte 3000",
		    (unsigned long long)total(0));
	EXPECT_TRUE(!pl330_si_abort(), "the abort line is still high");
	EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(0));
	/* The channel is CONFIGURED and works again (another source). */
	blk[0].source_address = BUS_DST2;
	blk[1].source_address = BUS_DST2 + 1024u;
	blk[2].source_address = BUS_DST2 + 2048u;
	for (uint32_t i = 0; i < 3072u; i++) {
		dst2_mem[i] = src_mem[i];
	}
	cbs.n = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("after the error", 3072u), "after the error");
	no_misuse();
	ttest_end();
}

/* A callback that restarts its channel: events of the old transfer are not given to the new. */
static void test_restart_in_callback(void)
{
	if (!ttest_begin("pl330-driver/restart-in-callback-old-events-not-given-to-new")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 256, 4, 16);
	cfg.complete_callback_en = 1;
	make(&cfg2, blk2, 1, 512, 4, 16);
	blk2[0].dest_address = BUS_DST2;
	cbs.restart_at = 1; /* at the first BLOCK, while blocks 2 and 3 have ended too */
	cbs.cfg_next = &cfg2;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl330_si_run(1000000); /* the whole first transfer ends before the handler */
	service();
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(1u, cbs.n);
	run_all();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(0, memcmp(dst2_mem, src_mem, 512));
	EXPECT_EQ(512u, total(0));
	no_misuse();
	ttest_end();
}

/* Peripheral to memory: the program waits for the peripheral's requests. */
static void test_peripheral_paced(void)
{
	if (!ttest_begin("pl330-driver/peripheral-requests-pace-the-program")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 4, 16);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = 3;
	blk[0].source_address = BUS_FIFO;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	memcpy(fifo_reg, "\x11\x22\x33\x44", 4);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl330_si_run(10000);
	EXPECT_EQ(0u, total(0));
	EXPECT_EQ(PL330_SI_WFP, pl330_si_state(0));
	for (unsigned r = 0; r < 4u; r++) {
		uint64_t before = total(0);

		pl330_si_request(3, true);
		(void)pl330_si_run(10000);
		service();
		EXPECT_EQ(before + 16u, total(0));
	}
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(pl330_si_acks(3) >= 4u, "%u requests acknowledged, expected 4",
		    pl330_si_acks(3));
	EXPECT_EQ(0, memcmp(&dst_mem[60], "\x11\x22\x33\x44", 4));
	/* And a tail with single requests: 64 + 8 bytes. */
	reset();
	make(&cfg, blk, 1, 72, 4, 16);
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	cfg.dma_slot = 2;
	blk[0].dest_address = BUS_FIFO;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	/* Its DMAFLUSHP first: a request the peripheral made before is dropped. */
	(void)pl330_si_run(10000);
	EXPECT_EQ(PL330_SI_WFP, pl330_si_state(0));
	for (unsigned r = 0; r < 4u; r++) {
		pl330_si_request(2, true);
		(void)pl330_si_run(10000);
	}
	EXPECT_EQ(64u, total(0));
	for (unsigned r = 0; r < 2u; r++) {
		pl330_si_request(2, false);
		(void)pl330_si_run(10000);
	}
	service();
	EXPECT_EQ(72u, total(0));
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, memcmp(fifo_reg, &src_mem[68], 4));
	no_misuse();
	ttest_end();
}

/* What the IP cannot do is refused at dma_config with a reason, and nothing changes. */
static void test_refusals(void)
{
	if (!ttest_begin("pl330-driver/refusals-with-a-reason-change-nothing")) {
		return;
	}
	reset();
	dma_set_refusal_hook(refusal);
	make(&cfg2, blk2, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg2));
	/* 32 beats in a burst. */
	make(&cfg, blk, 1, 256, 1, 32);
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "16 beats") != NULL,
		    "burst of 32 beats: reason \"%s\"", last_reason ? last_reason : "(none)");
	/* A program too long for PL330_PROG_BYTES: 16 blocks, half points, tails. */
	last_reason = NULL;
	make(&cfg, blk, 16, 100, 1, 16);
	cfg.half_complete_callback_en = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "PL330_PROG_BYTES") != NULL,
		    "long program: reason \"%s\"", last_reason ? last_reason : "(none)");
	/* A cyclic lap longer than DMALPFE's jump. */
	last_reason = NULL;
	make(&cfg, blk, 8, 100, 4, 64);
	cfg.cyclic = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "255") != NULL,
		    "long lap: reason \"%s\"", last_reason ? last_reason : "(none)");
	/* A request interface the controller lacks (8 here). */
	last_reason = NULL;
	make(&cfg, blk, 1, 64, 4, 0);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = 8;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "dma_slot") != NULL,
		    "dma_slot 8: reason \"%s\"", last_reason ? last_reason : "(none)");
	dma_set_refusal_hook(NULL);
	/* The earlier configuration still runs, unchanged. */
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(256u, total(0));
	EXPECT_TRUE(copied_ok("after refusals", 256u), "after refusals");
	no_misuse();
	ttest_end();
}

/* A busy debug interface: dma_start waits for it, boundedly; past the bound it refuses. */
static void test_debug_interface_busy(void)
{
	if (!ttest_begin("pl330-driver/busy-debug-interface-bounded-wait-then-refusal")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	pl330_si_debug_busy(20);
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(256u, total(0));
	no_misuse();
	/* Busy for longer than the driver waits: refused, nothing started. */
	cbs.n = 0;
	dma_set_refusal_hook(refusal);
	pl330_si_debug_busy(1000000);
	EXPECT_EQ(-EBUSY, dma_start(dev, 0));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "debug interface") != NULL,
		    "reason \"%s\"", last_reason ? last_reason : "(none)");
	EXPECT_TRUE(!busy(0), "busy after a refused start");
	pl330_si_debug_busy(0);
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	ttest_end();
}

/* ------------------------------------------------------------ outside review's cases */


/*
 * Contract: total_copied never decreases while a transfer runs. Suspended in
 * the middle of a beat of the wider side (8-byte loads, 1-byte stores), the
 * driver reports the bytes stored; dma_resume() restarts from the beat's
 * start and total_copied, read just after the resume, drops back.
 */
static void test_total_not_back_after_resume(void)
{
	if (!ttest_begin("pl330-driver/total_copied-does-not-go-back-after-resume")) {
		return;
	}
	for (int cyclic = 0; cyclic < 2; cyclic++) {
		uint64_t base, at_suspend, after_resume;

		reset();
		make(&cfg, blk, 1, 64, 8, 0);
		cfg.dest_data_size = 1;
		cfg.cyclic = (uint32_t)cyclic;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		while (pl330_si_bytes_written(0) - base < 3u) {
			(void)pl330_si_step(0);
		}
		service();
		ASSERT_EQ(0, dma_suspend(dev, 0));
		at_suspend = total(0);
		ASSERT_EQ(0, dma_resume(dev, 0));
		after_resume = total(0);
		EXPECT_TRUE(after_resume >= at_suspend,
			    "%s: total_copied %llu while suspended, %llu just after dma_resume",
			    cyclic ? "cyclic" : "single", (unsigned long long)at_suspend,
			    (unsigned long long)after_resume);
		if (!cyclic) {
			run_all();
			EXPECT_TRUE(copied_ok("resumed", 64), "resumed");
		} else {
			(void)dma_stop(dev, 0);
		}
	}
	no_misuse();
	ttest_end();
}

/*
 * Peripheral handshake: each request a peripheral makes stands for one
 * burst of its side (CCR burst), acknowledged by one DMALDP/DMASTP. A
 * memory burst or beat larger than the peripheral's would move several
 * peripheral bursts per request: refused at dma_config, with the reason.
 * With equal bursts, one request moves one burst, one acknowledgement.
 */
static void test_one_request_one_burst(void)
{
	if (!ttest_begin("pl330-driver/peripheral-one-request-moves-one-peripheral-burst")) {
		return;
	}
	reset();
	dma_set_refusal_hook(refusal);
	for (int dir = 0; dir < 2; dir++) {
		const bool m2p = dir == 0;

		make(&cfg, blk, 1, 128, 4, 16);
		cfg.channel_direction = m2p ? MEMORY_TO_PERIPHERAL : PERIPHERAL_TO_MEMORY;
		cfg.dma_slot = m2p ? 2 : 3;
		if (m2p) {
			cfg.source_burst_length = 64; /* memory bursts 64 B, peripheral 16 B */
			blk[0].dest_address = BUS_FIFO;
			blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		} else {
			cfg.dest_burst_length = 64;
			blk[0].source_address = BUS_FIFO;
			blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		}
		last_reason = NULL;
		EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
		EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "one request") != NULL,
			    "memory burst over the peripheral's: reason \"%s\"",
			    last_reason ? last_reason : "(none)");
		/* A memory beat wider than the peripheral's: refused too. */
		cfg.source_burst_length = 16;
		cfg.dest_burst_length = 16;
		cfg.source_data_size = m2p ? 8 : 4;
		cfg.dest_data_size = m2p ? 4 : 8;
		EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
		/* Equal bursts: one request, one burst, one acknowledgement. */
		cfg.source_data_size = 4;
		cfg.dest_data_size = 4;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		(void)pl330_si_run(10000);
		ASSERT_EQ(PL330_SI_WFP, pl330_si_state(0));
		{
			const uint64_t w0 = pl330_si_bytes_written(0), r0 = pl330_si_bytes_read(0);
			const unsigned a0 = pl330_si_acks(cfg.dma_slot);
			uint64_t moved;

			pl330_si_request(cfg.dma_slot, true);
			(void)pl330_si_run(10000);
			moved = m2p ? pl330_si_bytes_written(0) - w0 : pl330_si_bytes_read(0) - r0;
			EXPECT_TRUE(moved == 16u && pl330_si_acks(cfg.dma_slot) - a0 == 1u,
				    "%s: one burst request: %llu bytes moved, %u acknowledgements "
				    "(expected 16, 1)",
				    m2p ? "M2P" : "P2M", (unsigned long long)moved,
				    pl330_si_acks(cfg.dma_slot) - a0);
		}
		(void)dma_stop(dev, 0);
	}
	dma_set_refusal_hook(NULL);
	no_misuse();
	ttest_end();
}

/*
 * A transfer from a peripheral cannot be suspended: DMAKILL would drop what
 * the MFIFO holds, which the peripheral has already given (acknowledged).
 * Caught after a DMALDP and before its DMAST, dma_suspend refuses with a
 * reason and changes nothing: the transfer goes on, every word in place.
 */
static void test_p2m_suspend_refused(void)
{
	uint32_t words[16];
	unsigned r = 0;

	if (!ttest_begin("pl330-driver/peripheral-to-memory-suspend-refused-every-word-kept")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 4, 16);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = 3;
	blk[0].source_address = BUS_FIFO;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl330_si_run(10000);
	/* Request 0: run up to the load (data in the MFIFO, not stored). */
	memset(fifo_reg, 0, 4);
	pl330_si_request(3, true);
	r++;
	for (int i = 0; i < 100 && pl330_si_fifo_bytes(0) == 0u; i++) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(16u, pl330_si_fifo_bytes(0));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	EXPECT_EQ(-ENOTSUP, dma_suspend(dev, 0));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "peripheral") != NULL,
		    "reason \"%s\"", last_reason ? last_reason : "(none)");
	EXPECT_EQ(16u, pl330_si_fifo_bytes(0));
	EXPECT_TRUE(busy(0), "not busy after a refused suspend");
	EXPECT_EQ(0, dma_resume(dev, 0)); /* still RUNNING: 0, stays (the contract) */
	for (int i = 0; i < 10 && busy(0); i++) {
		(void)pl330_si_run(10000);
		if (pl330_si_state(0) == PL330_SI_WFP) {
			memset(fifo_reg, (int)r, 4);
			pl330_si_request(3, true);
			r++;
		}
		(void)pl330_si_run(10000);
		service();
	}
	memcpy(words, dst_mem, sizeof(words));
	for (unsigned w = 0; w < 16u; w++) {
		uint32_t want = 0x01010101u * (w / 4u);

		if (words[w] != want) {
			TT_FAIL("destination word %u: 0x%08X, expected 0x%08X (%u requests)", w,
				words[w], want, r);
			break;
		}
	}
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	no_misuse();
	ttest_end();
}

/*
 * dma_config() keeps room for the program a resume writes. A resume one
 * beat into a block whose main program is one two-level nest needs three
 * nests and CCR changes more, with long peripheral loop bodies (DMAWFP,
 * DMASTP are 2 bytes): the longest program dma_config() accepts must still
 * resume.
 */
static void set_resume_shape(uint32_t nb, uint32_t extra)
{
	/* Memory to memory at fixed addresses (no buffers needed): 16-byte
	 * loads, 1-byte stores (the longest loop body, 17 instructions), each
	 * half block 65536 iterations (one nest of 256 x 256). One store in,
	 * a resume splits that nest into three and adds a tail. */
	make(&cfg, blk, nb, 2u * 16u * 65536u, 1, 16);
	cfg.dest_burst_length = 0;
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	for (unsigned i = 0; i < nb; i++) {
		blk[i].source_address = BUS_SRC;
		blk[i].dest_address = BUS_DST;
		blk[i].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		blk[i].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	}
	blk[nb - 1u].block_size += extra;
}

static void test_resume_fits(void)
{
	struct pl330_chan *chans = dma_core_ctrl(dev)->drv_data;
	uint32_t best_nb = 0, best_extra = 0, best_len = 0;
	uint64_t wbase;
	int ret;

	if (!ttest_begin("pl330-driver/the-longest-accepted-program-can-be-resumed")) {
		return;
	}
	/* The longest program dma_config() accepts among these shapes. */
	for (uint32_t nb = 1; nb <= 16u; nb++) {
		for (uint32_t extra = 0; extra < 48u; extra++) {
			reset();
			set_resume_shape(nb, extra);
			if (dma_config(dev, 0, &cfg) == 0 && chans[0].end_pc > best_len) {
				best_len = chans[0].end_pc;
				best_nb = nb;
				best_extra = extra;
			}
		}
	}
	ASSERT_TRUE(best_len > 0u, "no configuration accepted");
	reset();
	set_resume_shape(best_nb, best_extra);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	/* One store into the first block, then suspend and resume. */
	wbase = pl330_si_bytes_written(0);
	while (pl330_si_bytes_written(0) - wbase < 1u) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	ret = dma_resume(dev, 0);
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(ret == 0, "dma_resume of a %u-byte program (%u blocks): %d (%s)",
		    best_len + 1u, best_nb, ret, last_reason ? last_reason : "no reason");
	if (ret != 0) {
		EXPECT_EQ(-EINVAL, dma_start(dev, 0)); /* still SUSPENDED: nothing changed */
		EXPECT_TRUE(busy(0), "a refused resume left the channel not busy");
	}
	(void)dma_stop(dev, 0);
	ttest_end();
}


/*
 * The handler's observation loop gives up after 8 readings that disagree
 * (the channel moves between them, as a fast one does on silicon) and then
 * keeps the cleared interrupt bit as "owed" while it has already counted,
 * from the position, the event that bit stood for; or, with no agreeing
 * reading, ignores the bit for this observation. Here the channel moves one
 * instruction at each register access the handler makes (model access
 * hook): a cyclic ring of 1-byte beats, lap-end interrupts only.
 */
static bool hook_steps;

static void step_hook(uint32_t off, bool write, void *arg)
{
	(void)off;
	(void)write;
	(void)arg;
	if (hook_steps) {
		(void)pl330_si_step(0);
	}
}

static void test_moving_channel_laps(void)
{
	if (!ttest_begin("pl330-driver/cyclic-laps-exact-when-the-channel-moves-during-the-handler")) {
		return;
	}
	pl330_si_set_access_hook(step_hook, NULL);
	for (int variant = 0; variant < 2; variant++) {
		uint64_t base, written, t;
		unsigned laps_done;

		reset();
		make(&cfg, blk, 1, 256, 1, 0);
		cfg.cyclic = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		if (variant == 1) {
			/* An observation near the lap's end first (a status read). */
			while (pl330_si_bytes_written(0) - base < 250u) {
				(void)pl330_si_step(0);
			}
			pl330_isr(dev); /* no line high: observes nothing new */
			(void)total(0);
		}
		/* Run to the lap-end DMASEV, then serve it while the channel moves. */
		while (!pl330_si_irq(0)) {
			(void)pl330_si_step(0);
		}
		hook_steps = true;
		pl330_isr(dev);
		hook_steps = false;
		/* Three more laps, each served on time. */
		for (unsigned lap = 0; lap < 3u; lap++) {
			while (!pl330_si_irq(0)) {
				(void)pl330_si_step(0);
			}
			service();
		}
		for (unsigned i = 0; i < 20u; i++) {
			(void)pl330_si_step(0);
		}
		written = pl330_si_bytes_written(0) - base;
		t = total(0);
		laps_done = (unsigned)(written / 256u);
		EXPECT_TRUE(t == written && count(DMA_STATUS_COMPLETE) == laps_done,
			    "variant %d: %llu bytes stored (%u laps), total_copied %llu, %u lap "
			    "callbacks",
			    variant, (unsigned long long)written, laps_done, (unsigned long long)t,
			    count(DMA_STATUS_COMPLETE));
		(void)dma_stop(dev, 0);
	}
	pl330_si_set_access_hook(NULL, NULL);
	ttest_end();
}

/*
 * TRM 2.3: a killed thread is in Killing until its outstanding AXI
 * transactions are done, then Stopped. The driver kills and goes on: stop
 * returns with the thread still Killing (it may still write the buffers),
 * a start right after refuses, and a resume right after a suspend issues
 * DMAGO to a thread that is not Stopped (a manager fault: the transfer
 * never resumes). Modelled with a Killing state lasting 400 register
 * accesses (the driver makes ~20 of its own after its DMAKILL: it must
 * wait).
 */
static void test_kill_takes_time(void)
{
	int ret;

	if (!ttest_begin("pl330-driver/stop-suspend-resume-wait-for-the-killed-thread")) {
		return;
	}
	reset();
	start_1k_and_step(0, 20);
	pl330_si_kill_latency(400); /* far more accesses than the driver makes after its DMAKILL */
	ASSERT_EQ(0, dma_stop(dev, 0));
	EXPECT_TRUE(pl330_si_state(0) == PL330_SI_STOPPED,
		    "dma_stop returned with the thread in state %u (8 = Killing)", pl330_si_state(0));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	ret = dma_start(dev, 0);
	EXPECT_TRUE(ret == 0, "dma_start right after dma_stop: %d (%s)", ret,
		    last_reason ? last_reason : "");
	(void)dma_stop(dev, 0);
	for (unsigned i = 0; i < 100u && pl330_si_state(0) != PL330_SI_STOPPED; i++) {
		(void)dma_mmio_read32(REG_BASE); /* time passes: DSR reads */
	}
	/* Suspend, then resume at once. */
	ASSERT_EQ(0, dma_start(dev, 0));
	for (unsigned i = 0; i < 20u; i++) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ret = dma_resume(dev, 0);
	EXPECT_TRUE(ret == 0 && pl330_si_misuse() == NULL,
		    "dma_resume right after dma_suspend: %d; model: %s", ret,
		    pl330_si_misuse() ? pl330_si_misuse() : "-");
	run_all();
	EXPECT_TRUE(count(DMA_STATUS_COMPLETE) == 1u,
		    "the resumed transfer completed %u times (busy %d, total %llu of 1024)",
		    count(DMA_STATUS_COMPLETE), busy(0), (unsigned long long)total(0));
	dma_set_refusal_hook(NULL);
	pl330_si_kill_latency(0);
	(void)dma_stop(dev, 0);
	/* On every channel: dma_stop() returns once the thread is Stopped. */
	for (uint32_t ch = 1; ch < NCH; ch++) {
		reset();
		start_1k_and_step(ch, 20);
		pl330_si_kill_latency(400);
		ASSERT_EQ(0, dma_stop(dev, ch));
		EXPECT_TRUE(pl330_si_state(ch) == PL330_SI_STOPPED,
			    "channel %u: dma_stop returned with the thread in state %u (8 = Killing)",
			    ch, pl330_si_state(ch));
		pl330_si_kill_latency(0);
	}
	ttest_end();
}

/*
 * The MFIFO depth is a configuration parameter of the IP (CRD
 * data_buffer_dep). A loop body that loads a 128-byte burst before its
 * store needs 128 bytes of it; dma_config() does not read CRD and accepts
 * the configuration on a controller with a 64-byte MFIFO, which then
 * faults (FTR mfifo_err) at run time. (Run last: re-powers the model.)
 */
static void test_mfifo_depth(void)
{
	static const struct pl330_si_params small = {
		.channels = NCH, .events = 16, .periphs = 8, .bus_bytes = 8, .fifo_bytes = 64,
	};
	int ret;

	if (!ttest_begin("pl330-driver/a-burst-larger-than-the-mfifo-is-refused-at-dma_config")) {
		return;
	}
	reset();
	pl330_si_reset(REG_BASE, &small);
	map_memory();
	dma_mmio_write32(REG_BASE + PL330_SI_INTEN, (1u << NCH) - 1u);
	make(&cfg, blk, 1, 1024, 8, 128);
	ret = dma_config(dev, 0, &cfg);
	if (ret == 0) {
		ASSERT_EQ(0, dma_start(dev, 0));
		run_all();
	}
	EXPECT_TRUE(ret != 0, "accepted; then: %u callbacks, first status %d, total %llu",
		    cbs.n, cbs.n ? cbs.status[0] : 0, (unsigned long long)total(0));
	/* The larger burst decides, on either side: 128-byte loads into
	 * single 8-byte stores, and the other way round. */
	for (int side = 0; side < 2; side++) {
		make(&cfg, blk, 1, 1024, 8, 128);
		if (side == 0) {
			cfg.dest_burst_length = 0;
		} else {
			cfg.source_burst_length = 0;
		}
		ret = dma_config(dev, 0, &cfg);
		EXPECT_TRUE(ret == -EINVAL, "%s burst of 128 bytes, 64-byte MFIFO: %d",
			    side == 0 ? "source" : "destination", ret);
	}
	/* At the depth: a burst as large as the MFIFO is accepted and runs;
	 * with one line (data_buffer_dep 0), two lines are refused. */
	{
		struct pl330_si_params depth = small;
		static const struct {
			unsigned fifo;
			uint32_t width, burst;
			int want;
		} edge[] = {{128, 8, 128, 0}, {8, 8, 8, 0}, {8, 8, 16, -EINVAL}};

		for (unsigned e = 0; e < sizeof(edge) / sizeof(edge[0]); e++) {
			reset();
			depth.fifo_bytes = edge[e].fifo;
			pl330_si_reset(REG_BASE, &depth);
			map_memory();
			dma_mmio_write32(REG_BASE + PL330_SI_INTEN, (1u << NCH) - 1u);
			make(&cfg, blk, 1, 1024, edge[e].width, edge[e].burst);
			ret = dma_config(dev, 0, &cfg);
			EXPECT_TRUE(ret == edge[e].want, "%u-byte bursts, %u-byte MFIFO: %d, expected %d",
				    edge[e].burst, edge[e].fifo, ret, edge[e].want);
			if (ret == 0) {
				ASSERT_EQ(0, dma_start(dev, 0));
				run_all();
				EXPECT_TRUE(copied_ok("burst at the MFIFO's depth", 1024),
					    "%u-byte MFIFO", edge[e].fifo);
			}
		}
	}
	ttest_end();
}

/* ------------------------------------------------------------ boundaries and races */

/* dma_config's rules at their edges: refused with the reason just outside,
 * accepted (and copying) just inside. */
static void test_validation_boundaries(void)
{
	if (!ttest_begin("pl330-driver/validation-refuses-just-outside-accepts-just-inside")) {
		return;
	}
	reset();
	dma_set_refusal_hook(refusal);
	/* One side's burst 128 times the other's, either way: refused. */
	for (int side = 0; side < 2; side++) {
		last_reason = NULL;
		make(&cfg, blk, 1, 256, 8, 128);
		if (side == 0) {
			cfg.dest_data_size = 1;
			cfg.dest_burst_length = 0;
		} else {
			cfg.source_data_size = 1;
			cfg.source_burst_length = 0;
		}
		EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
		EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "16 times") != NULL,
			    "%s burst 128 times the other's: reason \"%s\"",
			    side == 0 ? "source" : "destination", last_reason ? last_reason : "(none)");
	}
	/* 16 times (128-byte source bursts, single 8-byte stores): accepted. */
	make(&cfg, blk, 1, 256, 8, 128);
	cfg.dest_burst_length = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_TRUE(copied_ok("bursts 16 times the stores", 256), "16 times");
	/* 32-bit addresses: a block may end at 4 GiB, not one byte past it,
	 * on either side and in any block of the list. */
	for (int side = 0; side < 2; side++) {
		for (uint32_t k = 0; k < 2u; k++) {
			const uint64_t at[2] = {0xFFFFFF00u, 0xFFFFFF01u}; /* ends at 4 GiB, 4 GiB + 1 */

			for (int past = 0; past < 2; past++) {
				int ret;

				make(&cfg, blk, 2, 256, 1, 0);
				if (side == 0) {
					blk[k].source_address = at[past];
				} else {
					blk[k].dest_address = at[past];
				}
				last_reason = NULL;
				ret = dma_config(dev, 0, &cfg);
				EXPECT_TRUE(past ? ret == -EINVAL && last_reason != NULL &&
							   strstr(last_reason, "4 GiB") != NULL
						 : ret == 0,
					    "block %u's %s ending at 4 GiB%s: %d (\"%s\")", k,
					    side == 0 ? "source" : "destination", past ? " + 1" : "",
					    ret, last_reason ? last_reason : "");
			}
		}
	}
	/* A cyclic ring of 22 nests of 64 Ki iterations (1.4 MB of one-byte
	 * beats): its lap fits DMALPFE's jump, and two laps the program. */
	make(&cfg, blk, 1, 22u * 65536u, 1, 0);
	cfg.cyclic = 1;
	last_reason = NULL;
	EXPECT_TRUE(dma_config(dev, 0, &cfg) == 0, "a 1.4 MB ring of 22 nests refused: \"%s\"",
		    last_reason ? last_reason : "");
	dma_set_refusal_hook(NULL);
	no_misuse();
	ttest_end();
}

/*
 * Cyclic status: write_position and read_position are where the channel has
 * stored to and loaded from in the ring, at every instruction. Sixteen
 * one-byte loads per 16-byte store burst (and a tail of four loads per
 * 4-byte store): the channel reads ahead of what it has written.
 */
static void test_cyclic_read_position(void)
{
	const uint32_t lap = 2u * 72u;
	uint64_t wbase, rbase;
	struct dma_status st;

	if (!ttest_begin("pl330-driver/cyclic-read-and-write-position-at-every-instruction")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 72, 1, 0);
	cfg.dest_data_size = 4;
	cfg.dest_burst_length = 16;
	cfg.cyclic = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	wbase = pl330_si_bytes_written(0);
	rbase = pl330_si_bytes_read(0);
	for (unsigned i = 0; i < 100000u && pl330_si_bytes_written(0) - wbase < 3u * lap; i++) {
		uint32_t w, r;

		(void)pl330_si_step(0);
		service();
		ASSERT_EQ(0, dma_get_status(dev, 0, &st));
		w = (uint32_t)((pl330_si_bytes_written(0) - wbase) % lap);
		r = (uint32_t)((pl330_si_bytes_read(0) - rbase) % lap);
		if (st.write_position != w || st.read_position != r) {
			TT_FAIL("step %u: write_position %u, read_position %u; the channel has "
				"stored to %u and loaded from %u",
				i, st.write_position, st.read_position, w, r);
			break;
		}
	}
	/* Suspended between a burst's loads and its store: what was loaded
	 * and not stored is dropped (read again at the resume). */
	while (pl330_si_bytes_read(0) - rbase == (pl330_si_bytes_written(0) - wbase) ||
	       pl330_si_bytes_read(0) - rbase < 3u * lap + 40u) {
		(void)pl330_si_step(0);
		service();
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ASSERT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_TRUE(st.read_position == st.write_position &&
			    st.write_position ==
				    (uint32_t)((pl330_si_bytes_written(0) - wbase) % lap),
		    "suspended: read_position %u, write_position %u, stored to %u",
		    st.read_position, st.write_position,
		    (uint32_t)((pl330_si_bytes_written(0) - wbase) % lap));
	(void)dma_stop(dev, 0);
	no_misuse();
	ttest_end();
}

/* The half-complete callback comes when the half is written, not with the
 * block's end, also when the transfer asks for no per-block callbacks. */
static void test_half_callback_at_the_half(void)
{
	uint64_t base;

	if (!ttest_begin("pl330-driver/half-complete-callback-at-the-half-without-block-callbacks")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	cfg.half_complete_callback_en = 1;
	cfg.complete_callback_en = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pl330_si_bytes_written(0);
	while (pl330_si_bytes_written(0) - base < 192u && pl330_si_step(0) != 0u) {
		service();
	}
	EXPECT_TRUE(count(DMA_STATUS_HALF_COMPLETE) == 1u,
		    "three quarters into block 0: %u half-complete callbacks, expected 1",
		    count(DMA_STATUS_HALF_COMPLETE));
	run_all();
	EXPECT_EQ(2u, count(DMA_STATUS_HALF_COMPLETE));
	EXPECT_EQ(0u, count(DMA_STATUS_BLOCK));
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("half callbacks", 512), "half callbacks");
	no_misuse();
	ttest_end();
}

/*
 * dma_resume() refused because the hardware is not ready (the killed thread
 * still Killing past the driver's bounded wait; the debug interface busy):
 * -EBUSY with the reason, still SUSPENDED with the count frozen; once the
 * hardware is ready a second dma_resume() goes on and the transfer
 * completes once, whole.
 */
static void test_resume_refused_then_goes_on(void)
{
	if (!ttest_begin("pl330-driver/resume-refused-busy-stays-suspended-then-completes")) {
		return;
	}
	for (int why = 0; why < 2; why++) {
		uint64_t frozen;

		reset();
		start_1k_and_step(0, 20);
		if (why == 0) {
			pl330_si_kill_latency(250000); /* longer than the driver waits */
		}
		ASSERT_EQ(0, dma_suspend(dev, 0));
		frozen = total(0);
		if (why == 1) {
			pl330_si_debug_busy(1000000);
		}
		last_reason = NULL;
		dma_set_refusal_hook(refusal);
		EXPECT_EQ(-EBUSY, dma_resume(dev, 0));
		dma_set_refusal_hook(NULL);
		EXPECT_TRUE(last_reason != NULL &&
				    strstr(last_reason, why == 0 ? "not stopped" : "debug interface") !=
					    NULL,
			    "%s: reason \"%s\"", why == 0 ? "thread killing" : "debug busy",
			    last_reason ? last_reason : "(none)");
		EXPECT_EQ(frozen, total(0));
		/* The hardware becomes ready. */
		pl330_si_debug_busy(0);
		pl330_si_kill_latency(0);
		for (unsigned i = 0; i < 1000000u && pl330_si_state(0) != PL330_SI_STOPPED; i++) {
			(void)dma_mmio_read32(REG_BASE); /* time passes: DSR reads */
		}
		(void)pl330_si_run(1000);
		EXPECT_EQ(frozen, total(0));
		EXPECT_EQ(0, dma_resume(dev, 0));
		run_all();
		EXPECT_TRUE(count(DMA_STATUS_COMPLETE) == 1u && total(0) == 1024u && !busy(0),
			    "%s: %u completions, total %llu of 1024, busy %d",
			    why == 0 ? "thread killing" : "debug busy", count(DMA_STATUS_COMPLETE),
			    (unsigned long long)total(0), busy(0));
		EXPECT_TRUE(copied_ok("resumed after a refusal", 1024), "why %d", why);
		/* Started again: the whole transfer again, not what the resume ran. */
		memset(dst_mem, 0, sizeof(dst_mem));
		ASSERT_EQ(0, dma_start(dev, 0));
		run_all();
		EXPECT_EQ(2u, count(DMA_STATUS_COMPLETE));
		EXPECT_TRUE(copied_ok("started again after a resumed transfer", 1024), "why %d", why);
	}
	/* A start after a stop whose DMAKILL outlasts the driver's wait. */
	reset();
	start_1k_and_step(0, 20);
	pl330_si_kill_latency(250000);
	ASSERT_EQ(0, dma_stop(dev, 0));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	EXPECT_EQ(-EBUSY, dma_start(dev, 0));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "did not stop") != NULL,
		    "start while the thread is still killing: reason \"%s\"",
		    last_reason ? last_reason : "(none)");
	pl330_si_kill_latency(0);
	for (unsigned i = 0; i < 1000000u && pl330_si_state(0) != PL330_SI_STOPPED; i++) {
		(void)dma_mmio_read32(REG_BASE);
	}
	memset(dst_mem, 0, sizeof(dst_mem));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_TRUE(copied_ok("started once the thread stopped", 1024), "start after the kill");
	no_misuse();
	ttest_end();
}

/* The callback of test_data_ordered: what a completion callback reads. */
static uint8_t read_at_complete[128];

static void ordered_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	if (status == DMA_STATUS_COMPLETE) {
		memcpy(read_at_complete, dst_mem, sizeof(read_at_complete));
	}
	harness_cb(d, user_data, ch, status);
}

/*
 * On silicon with write buffers, the source the CPU wrote before dma_start()
 * (and, for the rest, before dma_resume()) must be what the channel reads,
 * and what the channel wrote must be what the completion callback reads. The
 * model of weakly ordered memory (ordering.h) holds the CPU's writes from the
 * controller, and the controller's from the CPU, until a barrier.
 */
static void test_data_ordered(void)
{
	uint8_t fresh[128];
	uint64_t base;
	long at;

	if (!ttest_begin("pl330-driver/cpu-writes-reach-the-channel-and-its-writes-the-callback")) {
		return;
	}
	reset();
	memset(src_mem, 0xEE, sizeof(fresh));
	memset(read_at_complete, 0, sizeof(read_at_complete));
	for (uint32_t i = 0; i < sizeof(fresh); i++) {
		fresh[i] = (uint8_t)(i + 1u);
	}
	make(&cfg, blk, 1, 128, 4, 16);
	cfg.dma_callback = ordered_cb;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ord_set_weak(true);
	ord_cpu_write(src_mem, fresh, 64);
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pl330_si_bytes_written(0);
	while (pl330_si_bytes_written(0) - base < 64u && pl330_si_step(0) != 0u) {
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ord_cpu_write(src_mem + 64, fresh + 64, 64); /* the rest, written while suspended */
	ASSERT_EQ(0, dma_resume(dev, 0));
	run_all();
	ord_set_weak(false);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	at = ord_first_difference(fresh, read_at_complete, sizeof(fresh));
	EXPECT_TRUE(at < 0,
		    "the COMPLETE callback read 0x%02X at byte %ld, expected 0x%02X (0xEE: the "
		    "source before the CPU's write; 0x00: the destination before the channel's)",
		    at < 0 ? 0u : read_at_complete[at], at, at < 0 ? 0u : fresh[at]);
	no_misuse();
	ttest_end();
}

/*
 * A manager that refuses DMAGO (here one in the Non-secure state: a DMAGO
 * for a Secure thread aborts with dmago_err, TRM 4.3.5), with debug
 * instructions that take time: dma_start() waits for the DMAGO to execute,
 * refuses with -EIO and the reason, and takes the manager out of its fault
 * (no abort interrupt left high). A manager fault the driver did not cause
 * (another agent's debug instruction) is cleared by the interrupt handler.
 */
static void test_manager_fault(void)
{
	struct pl330_si_params ns = params;
	int ret;

	if (!ttest_begin("pl330-driver/manager-fault-refused-start-and-handler-clear-it")) {
		return;
	}
	reset();
	ns.mgr_ns = true;
	pl330_si_reset(REG_BASE, &ns);
	map_memory();
	dma_mmio_write32(REG_BASE + PL330_SI_INTEN, (1u << NCH) - 1u);
	pl330_si_debug_latency(5);
	make(&cfg, blk, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	ret = dma_start(dev, 0);
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(ret == -EIO && last_reason != NULL && strstr(last_reason, "manager") != NULL,
		    "dma_start with a Non-secure manager: %d (\"%s\")", ret,
		    last_reason ? last_reason : "");
	EXPECT_TRUE(!pl330_si_abort(), "the abort line is high after the refused start");
	EXPECT_EQ(0u, pl330_si_peek(PL330_SI_FSRD));
	EXPECT_TRUE(!busy(0), "busy after a refused start");
	/* Another agent's undefined debug instruction faults the manager. */
	dma_mmio_write32(REG_BASE + PL330_SI_DBGINST0, 0xFFu << 16);
	dma_mmio_write32(REG_BASE + PL330_SI_DBGINST1, 0u);
	dma_mmio_write32(REG_BASE + PL330_SI_DBGCMD, 0u);
	for (unsigned i = 0; i < 100u && (dma_mmio_read32(REG_BASE + PL330_SI_DBGSTATUS) & 1u); i++) {
	}
	EXPECT_TRUE(pl330_si_abort(), "the model's manager did not fault");
	pl330_isr(dev);
	EXPECT_TRUE(!pl330_si_abort(), "the abort line is still high after the handler ran");
	EXPECT_EQ(0u, pl330_si_peek(PL330_SI_FSRD));
	/* Back to a Secure manager: the same configuration runs. */
	pl330_si_debug_latency(0);
	pl330_si_reset(REG_BASE, &params);
	map_memory();
	dma_mmio_write32(REG_BASE + PL330_SI_INTEN, (1u << NCH) - 1u);
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_TRUE(copied_ok("after the manager faults", 256), "after the manager faults");
	ttest_end();
}

/* The channel moves by one instruction at every hook_every-th register access. */
static unsigned hook_every, hook_count;

static void every_hook(uint32_t off, bool write, void *arg)
{
	(void)off;
	(void)write;
	(void)arg;
	if (hook_every != 0u && ++hook_count % hook_every == 0u) {
		(void)pl330_si_step(0);
	}
}

/*
 * A channel that moves while the driver reads its position (an instruction
 * every few register accesses): total_copied lies between the bytes stored
 * before and after the dma_get_status() call, across the loop ends of a
 * two-level nest (1024 iterations of 16 bytes). The driver reads CPC and
 * the loop counters again until two readings agree.
 */
static void test_position_read_while_moving(void)
{
	static const unsigned every[] = {6, 7, 9, 13};

	if (!ttest_begin("pl330-driver/position-read-while-the-channel-moves-is-a-true-reading")) {
		return;
	}
	pl330_si_set_access_hook(every_hook, NULL);
	for (unsigned v = 0; v < sizeof(every) / sizeof(every[0]); v++) {
		uint64_t base;
		unsigned reads = 0;

		reset();
		/* From dst2 (the source's bytes 3000.. carry test_bus_error's fault). */
		memcpy(dst2_mem, src_mem, sizeof(dst2_mem));
		make(&cfg, blk, 1, 16384, 4, 16);
		blk[0].source_address = BUS_DST2;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		hook_count = 0;
		hook_every = every[v];
		while (pl330_si_state(0) != PL330_SI_STOPPED && reads < 100000u) {
			uint64_t before = pl330_si_bytes_written(0) - base, t, after;

			t = total(0);
			after = pl330_si_bytes_written(0) - base;
			reads++;
			if (t < before || t > after) {
				TT_FAIL("an instruction every %u accesses, reading %u: total_copied "
					"%llu, bytes stored %llu before the call and %llu after",
					every[v], reads, (unsigned long long)t,
					(unsigned long long)before, (unsigned long long)after);
				break;
			}
		}
		hook_every = 0;
		run_all();
		EXPECT_EQ(16384u, total(0));
		EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
		EXPECT_EQ(0, memcmp(dst_mem, dst2_mem, 16384));
	}
	pl330_si_set_access_hook(NULL, NULL);
	no_misuse();
	ttest_end();
}

static unsigned laps_called, halves_called, calls_called;

static void lap_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)ch;
	laps_called += status == DMA_STATUS_COMPLETE;
	halves_called += status == DMA_STATUS_HALF_COMPLETE;
	calls_called++;
}

/*
 * Cyclic, with an interrupt point every 32 bytes, the channel moving at
 * every few register accesses while the handler and status reads run: the
 * laps are counted exactly (one callback each), and total_copied is what
 * was stored, whatever a reading caught between two register reads; a
 * status read never shows more than was stored.
 */
static void test_cyclic_moving_laps_exact(void)
{
	static const unsigned every[] = {4, 5, 7, 11};
	const uint32_t lap = 4u * 64u;

	if (!ttest_begin("pl330-driver/cyclic-laps-exact-while-the-channel-moves-at-every-read")) {
		return;
	}
	pl330_si_set_access_hook(every_hook, NULL);
	for (unsigned v = 0; v < sizeof(every) / sizeof(every[0]); v++) {
		uint64_t base, written, t;

		reset();
		make(&cfg, blk, 4, 64, 4, 16);
		cfg.cyclic = 1;
		cfg.half_complete_callback_en = 1;
		cfg.complete_callback_en = 1;
		cfg.dma_callback = lap_cb;
		laps_called = halves_called = 0;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		hook_count = 0;
		hook_every = every[v];
		for (unsigned i = 0; i < 3000u; i++) {
			if (i % 2u == 0u) {
				pl330_isr(dev);
			} else {
				t = total(0);
				written = pl330_si_bytes_written(0) - base;
				if (t > written) {
					TT_FAIL("an instruction every %u accesses, status read %u: "
						"total_copied %llu, %llu stored",
						every[v], i, (unsigned long long)t,
						(unsigned long long)written);
					break;
				}
			}
		}
		hook_every = 0;
		/* Then past the next lap end and its DMASEV, served on time. */
		while ((pl330_si_bytes_written(0) - base) % lap != 0u) {
			(void)pl330_si_step(0);
			service();
		}
		for (unsigned i = 0; i < 4u; i++) {
			(void)pl330_si_step(0);
			service();
		}
		written = pl330_si_bytes_written(0) - base;
		t = total(0);
		EXPECT_TRUE(t == written && laps_called == written / lap &&
				    halves_called == 4u * (written / lap),
			    "an instruction every %u accesses: %llu bytes stored (%llu laps), "
			    "total_copied %llu, %u lap and %u half callbacks",
			    every[v], (unsigned long long)written, (unsigned long long)(written / lap),
			    (unsigned long long)t, laps_called, halves_called);
		(void)dma_stop(dev, 0);
	}
	pl330_si_set_access_hook(NULL, NULL);
	ttest_end();
}

/*
 * A transfer started from the completion callback of the previous one (here
 * a cyclic one after a single one): the previous transfer's interrupt, still
 * latched, is not taken for a lap of the new one; nor are the events the
 * previous transfer had reported before a dma_stop() taken as reported for
 * the next.
 */
static void test_restart_starts_clean(void)
{
	uint64_t base;

	if (!ttest_begin("pl330-driver/restart-after-completion-or-stop-starts-clean")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 256, 4, 16);
	make(&cfg2, blk2, 2, 128, 4, 16);
	cfg2.cyclic = 1;
	cbs.restart_at = 1;
	cbs.cfg_next = &cfg2;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl330_si_run(1000000); /* to its end: the line is high */
	service();                   /* the callback starts the cyclic one */
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE)); /* the single transfer's */
	base = pl330_si_bytes_written(0);
	for (unsigned i = 0; i < 20u; i++) {
		(void)pl330_si_step(0);
		service();
	}
	EXPECT_TRUE(count(DMA_STATUS_COMPLETE) == 1u &&
			    total(0) == pl330_si_bytes_written(0) - base,
		    "20 instructions into the cyclic transfer: %u completions (expected 1), "
		    "total_copied %llu, stored %llu",
		    count(DMA_STATUS_COMPLETE), (unsigned long long)total(0),
		    (unsigned long long)(pl330_si_bytes_written(0) - base));
	(void)dma_stop(dev, 0);
	cbs.restart_at = 0;
	cbs.cfg_next = NULL;
	/* Stopped after its first block's event was reported, then started again. */
	reset();
	make(&cfg, blk, 2, 256, 4, 16);
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	while (count(DMA_STATUS_BLOCK) == 0u && pl330_si_step(0) != 0u) {
		service();
	}
	for (unsigned i = 0; i < 10u; i++) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_stop(dev, 0));
	harness_clear();
	memset(dst_mem, 0, sizeof(dst_mem));
	ASSERT_EQ(0, dma_start(dev, 0));
	run_all();
	EXPECT_TRUE(count(DMA_STATUS_BLOCK) == 1u && count(DMA_STATUS_COMPLETE) == 1u,
		    "restart after a stop: %u block and %u complete callbacks (expected 1 and 1)",
		    count(DMA_STATUS_BLOCK), count(DMA_STATUS_COMPLETE));
	EXPECT_TRUE(copied_ok("restarted after a stop", 512), "restart after a stop");
	no_misuse();
	ttest_end();
}

/*
 * An abort from a channel the library runs nothing on (another agent
 * started it with a bad program): the handler kills it, so the abort line
 * does not stay high (an interrupt storm).
 */
static void test_foreign_channel_fault_cleared(void)
{
	static uint8_t bad_prog[4] __attribute__((aligned(4))) = {0xFFu, 0xFFu, 0xFFu, 0xFFu};

	if (!ttest_begin("pl330-driver/fault-of-a-channel-without-transfer-is-cleared")) {
		return;
	}
	reset();
	pl330_si_map((uint32_t)(uintptr_t)bad_prog, bad_prog, sizeof(bad_prog));
	dma_mmio_write32(REG_BASE + PL330_SI_DBGINST0, (5u << 24) | (0xA0u << 16));
	dma_mmio_write32(REG_BASE + PL330_SI_DBGINST1, (uint32_t)(uintptr_t)bad_prog);
	dma_mmio_write32(REG_BASE + PL330_SI_DBGCMD, 0u);
	(void)pl330_si_run(10);
	EXPECT_TRUE(pl330_si_abort() && pl330_si_state(5) == PL330_SI_FAULTING,
		    "the model's channel 5 did not fault (state %u)", pl330_si_state(5));
	pl330_isr(dev);
	EXPECT_TRUE(!pl330_si_abort(), "the abort line is still high after the handler ran");
	EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(5));
	EXPECT_EQ(0u, cbs.n);
	ttest_end();
}

/*
 * PL330_QUIRK_QEMU: every program waits for its channel's pacing event
 * before it moves a byte, a cyclic one again at each lap, and
 * pl330_pace() lets a waiting channel go on: one pace, one lap. A resumed
 * program waits for a pace too, also when it goes on from the lap's second
 * byte.
 */
static void test_qemu_pacing(void)
{
	const struct device *q = &si_dma_q;
	const uint32_t lap = 2u * 32u;
	uint64_t base;

	if (!ttest_begin("pl330-driver/qemu-quirk-a-pace-per-run-and-per-lap")) {
		return;
	}
	reset();
	pl330_si_map((uint32_t)(uintptr_t)dma_core_ctrl(q)->drv_data, dma_core_ctrl(q)->drv_data,
		     NCH * sizeof(struct pl330_chan));
	make(&cfg, blk, 1, 256, 4, 16);
	ASSERT_EQ(0, dma_config(q, 0, &cfg));
	ASSERT_EQ(0, dma_start(q, 0));
	base = pl330_si_bytes_written(0);
	(void)pl330_si_run(10000);
	EXPECT_EQ(0u, pl330_si_bytes_written(0) - base);
	pl330_pace(q);
	(void)pl330_si_run(10000);
	EXPECT_EQ(256u, pl330_si_bytes_written(0) - base);
	(void)dma_stop(q, 0);
	/* Cyclic, one-byte beats: one lap per pace. */
	make(&cfg, blk, 2, 32, 1, 0);
	cfg.cyclic = 1;
	ASSERT_EQ(0, dma_config(q, 0, &cfg));
	ASSERT_EQ(0, dma_start(q, 0));
	base = pl330_si_bytes_written(0);
	(void)pl330_si_run(10000);
	EXPECT_EQ(0u, pl330_si_bytes_written(0) - base);
	for (unsigned n = 1; n <= 2u; n++) {
		pl330_pace(q);
		(void)pl330_si_run(10000);
		EXPECT_TRUE(pl330_si_bytes_written(0) - base == n * lap,
			    "after %u paces: %llu bytes, expected %u laps of %u", n,
			    (unsigned long long)(pl330_si_bytes_written(0) - base), n, lap);
	}
	/* One byte into the third lap: suspended, resumed; the rest of the
	 * lap waits for the next pace. */
	pl330_pace(q);
	for (unsigned i = 0; i < 10000u && pl330_si_bytes_written(0) - base < 2u * lap + 1u; i++) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_suspend(q, 0));
	ASSERT_EQ(0, dma_resume(q, 0));
	(void)pl330_si_run(10000);
	EXPECT_TRUE(pl330_si_bytes_written(0) - base == 2u * lap + 1u,
		    "resumed, before a pace: %llu bytes, expected %u",
		    (unsigned long long)(pl330_si_bytes_written(0) - base), 2u * lap + 1u);
	pl330_pace(q);
	(void)pl330_si_run(10000);
	EXPECT_TRUE(pl330_si_bytes_written(0) - base == 3u * lap,
		    "resumed, after a pace: %llu bytes, expected %u",
		    (unsigned long long)(pl330_si_bytes_written(0) - base), 3u * lap);
	(void)dma_stop(q, 0);
	dma_release_channel(q, 0);
	no_misuse();
	ttest_end();
}

/*
 * Cyclic, the handler late: the interrupt of one point is served only once
 * the channel has stored the last byte of the next point and not yet run
 * its DMASEV (the DMAWMB between). For each point of the lap in turn, then
 * served on time for two laps: every point reported once, the laps
 * counted exactly.
 */
static void test_cyclic_handler_late_at_each_point(void)
{
	const uint32_t lap = 2u * 64u;
	static const uint32_t point[] = {32u, 64u, 96u, 128u}; /* half, end, half, end */

	if (!ttest_begin("pl330-driver/cyclic-handler-late-by-one-point-at-each-point")) {
		return;
	}
	for (unsigned a = 0; a < 4u; a++) {
		const uint32_t b = point[(a + 1u) % 4u] + (a == 3u ? lap : 0u);
		uint64_t base;

		reset();
		make(&cfg, blk, 2, 64, 4, 16);
		cfg.cyclic = 1;
		cfg.half_complete_callback_en = 1;
		cfg.complete_callback_en = 1;
		cfg.dma_callback = lap_cb;
		laps_called = halves_called = 0;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		/* Served on time up to point a, then its DMASEV runs unserved. */
		while (pl330_si_bytes_written(0) - base < point[a]) {
			(void)pl330_si_step(0);
			service();
		}
		while (!pl330_si_irq(0)) {
			(void)pl330_si_step(0);
		}
		/* On to the last store of point b; the handler runs there. */
		while (pl330_si_bytes_written(0) - base < b) {
			(void)pl330_si_step(0);
		}
		service();
		/* Then on time, to the end of the second lap after this one. */
		while (pl330_si_bytes_written(0) - base < 3u * lap + 8u) {
			(void)pl330_si_step(0);
			service();
		}
		EXPECT_TRUE(laps_called == 3u && halves_called == 6u &&
				    total(0) == pl330_si_bytes_written(0) - base,
			    "late at point %u: %u lap and %u half callbacks (expected 3 and 6), "
			    "total_copied %llu, %llu stored",
			    point[a], laps_called, halves_called, (unsigned long long)total(0),
			    (unsigned long long)(pl330_si_bytes_written(0) - base));
		(void)dma_stop(dev, 0);
	}
	no_misuse();
	ttest_end();
}

/* After each clear of the interrupt bit, at the next read of the channel's
 * PC, the channel runs outrun_steps instructions on. */
static unsigned outrun_steps, outrun_times;
static bool outrun_armed;

static void intmis_hook(uint32_t off, bool write, void *arg)
{
	(void)arg;
	if (write && off == PL330_SI_INTCLR) {
		outrun_armed = true;
	} else if (!write && off == PL330_SI_CPC(0) && outrun_armed) {
		outrun_armed = false;
		if (outrun_times > 0u && --outrun_times == 0u) {
			return;
		}
		for (unsigned i = 0; i < outrun_steps; i++) {
			(void)pl330_si_step(0);
		}
	}
}

/*
 * Cyclic, a handler run that the channel outruns at every try: between
 * each clear of the interrupt bit and the reading of the position after it,
 * the channel passes an interrupt point and runs its DMASEV, so the bit is
 * set again for a point the reading counts: the handler cannot tell whether
 * the bit it sees next stands for a point it has counted. It takes its last
 * reading and the next observation ignores the first bit it sees; served on
 * time from then on, every lap and half is reported once and
 * total_copied is what was stored. Then a restart: nothing of that
 * carries over.
 */
static void test_cyclic_outrun_handler(void)
{
	const uint32_t lap = 8u * 64u;

	if (!ttest_begin("pl330-driver/cyclic-handler-outrun-at-every-try-laps-exact")) {
		return;
	}
	for (int round = 0; round < 2; round++) {
		uint64_t base, written, before;

		if (round == 0) {
			reset();
			make(&cfg, blk, 8, 64, 4, 16);
			cfg.cyclic = 1;
			cfg.half_complete_callback_en = 1;
			cfg.complete_callback_en = 1;
			cfg.dma_callback = lap_cb;
			ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		} else {
			ASSERT_EQ(0, dma_stop(dev, 0));
		}
		before = total(0); /* (total_copied counts every run since dma_config) */
		laps_called = halves_called = 0;
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		while (!pl330_si_irq(0)) {
			(void)pl330_si_step(0);
		}
		if (round == 0) {
			pl330_si_set_access_hook(intmis_hook, NULL);
			outrun_steps = 10;
			pl330_isr(dev);
			outrun_steps = 0;
			pl330_si_set_access_hook(NULL, NULL);
		}
		while (pl330_si_bytes_written(0) - base < 3u * lap) {
			(void)pl330_si_step(0);
			service();
		}
		for (unsigned i = 0; i < 4u; i++) {
			(void)pl330_si_step(0);
			service();
		}
		written = pl330_si_bytes_written(0) - base;
		EXPECT_TRUE(laps_called == 3u && halves_called == 24u && total(0) - before == written,
			    "round %d: %u lap and %u half callbacks (expected 3 and 24), "
			    "total_copied %llu, %llu stored",
			    round, laps_called, halves_called, (unsigned long long)(total(0) - before),
			    (unsigned long long)written);
	}
	/* Stopped while a bit is in doubt (just after such a handler run),
	 * then started again and served late by exactly one lap: that lap
	 * counts (the doubt belonged to the stopped transfer). */
	{
		uint64_t base, before;

		ASSERT_EQ(0, dma_stop(dev, 0));
		ASSERT_EQ(0, dma_start(dev, 0));
		while (!pl330_si_irq(0)) {
			(void)pl330_si_step(0);
		}
		pl330_si_set_access_hook(intmis_hook, NULL);
		outrun_steps = 10;
		pl330_isr(dev);
		outrun_steps = 0;
		pl330_si_set_access_hook(NULL, NULL);
		ASSERT_EQ(0, dma_stop(dev, 0));
		before = total(0);
		laps_called = halves_called = 0;
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		while (pl330_si_bytes_written(0) - base < lap) {
			(void)pl330_si_step(0);
		}
		while (!pl330_si_irq(0) || pl330_si_step(0) == 0u) {
			(void)pl330_si_step(0);
		}
		/* Past the lap end's DMASEV, not yet at the next store. */
		for (unsigned i = 0; i < 2u; i++) {
			(void)pl330_si_step(0);
		}
		EXPECT_EQ(lap, pl330_si_bytes_written(0) - base);
		service();
		EXPECT_TRUE(laps_called == 1u && halves_called == 8u && total(0) - before == lap,
			    "served a lap late after a restart: %u lap and %u half callbacks "
			    "(expected 1 and 8), total_copied %llu of %u",
			    laps_called, halves_called, (unsigned long long)(total(0) - before), lap);
	}
	/* Outrun at the first try only: the second reading agrees, nothing is
	 * in doubt, and a lap served exactly one lap later counts. */
	{
		uint64_t base, before, at;

		ASSERT_EQ(0, dma_stop(dev, 0));
		before = total(0);
		laps_called = halves_called = 0;
		ASSERT_EQ(0, dma_start(dev, 0));
		base = pl330_si_bytes_written(0);
		while (!pl330_si_irq(0)) {
			(void)pl330_si_step(0);
		}
		pl330_si_set_access_hook(intmis_hook, NULL);
		outrun_steps = 10;
		outrun_times = 2; /* the first clear moves the channel, the second not */
		pl330_isr(dev);
		outrun_steps = 0;
		outrun_times = 0;
		pl330_si_set_access_hook(NULL, NULL);
		at = pl330_si_bytes_written(0) - base;
		while (pl330_si_bytes_written(0) - base < at + lap) {
			(void)pl330_si_step(0);
		}
		service();
		EXPECT_TRUE(total(0) - before == at + lap,
			    "served a lap after an outrun try: total_copied %llu, %llu stored",
			    (unsigned long long)(total(0) - before), (unsigned long long)(at + lap));
		EXPECT_TRUE(laps_called >= 1u, "served a lap after an outrun try: %u lap callbacks",
			    laps_called);
	}
	(void)dma_stop(dev, 0);
	no_misuse();
	ttest_end();
}

/*
 * Init reads the controller: fewer channels or events than the instance
 * needs (one event per channel) or a narrower data bus is refused with
 * the reason; what a boot loader left (a thread running, an interrupt
 * pending) is stopped and cleared. (Run last: re-powers the model.)
 */
static void test_init_checks_the_controller(void)
{
	static const struct {
		unsigned channels, events;
		int want;
	} shape[] = {{8, 8, 0}, {8, 7, -EINVAL}, {7, 16, -EINVAL}};
	static uint8_t wait_prog[4] __attribute__((aligned(4))) = {0x36u, 2u << 3, 0x00u, 0x00u};
	struct pl330_si_params p = params;
	const struct device *i = &si_dma_i;

	if (!ttest_begin("pl330-driver/init-checks-the-controller-and-clears-a-boot-loaders-state")) {
		return;
	}
	for (unsigned k = 0; k < sizeof(shape) / sizeof(shape[0]); k++) {
		int ret;

		p.channels = shape[k].channels;
		p.events = shape[k].events;
		pl330_si_reset(REG_BASE, &p);
		ret = pl330_ops.init(i);
		EXPECT_TRUE(ret == shape[k].want, "%u channels, %u events: init %d, expected %d",
			    shape[k].channels, shape[k].events, ret, shape[k].want);
	}
	/* The instance claiming a 16-byte bus on an 8-byte one. */
	pl330_si_reset(REG_BASE, &params);
	EXPECT_EQ(-EINVAL, pl330_ops.init(&si_dma_w));
	/* A boot loader's channels 0 and 2 waiting for event 2, and the
	 * interrupts of events 0 and 3 pending. */
	pl330_si_map((uint32_t)(uintptr_t)wait_prog, wait_prog, sizeof(wait_prog));
	for (uint32_t ch = 0; ch <= 2u; ch += 2u) {
		dma_mmio_write32(REG_BASE + PL330_SI_DBGINST0, (ch << 24) | (0xA0u << 16));
		dma_mmio_write32(REG_BASE + PL330_SI_DBGINST1, (uint32_t)(uintptr_t)wait_prog);
		dma_mmio_write32(REG_BASE + PL330_SI_DBGCMD, 0u);
	}
	(void)pl330_si_run(10);
	dma_mmio_write32(REG_BASE + PL330_SI_INTEN, (1u << 3) | 1u);
	for (uint32_t ev = 0; ev <= 3u; ev += 3u) {
		dma_mmio_write32(REG_BASE + PL330_SI_DBGINST0, (ev << 3) << 24 | (0x34u << 16));
		dma_mmio_write32(REG_BASE + PL330_SI_DBGINST1, 0u);
		dma_mmio_write32(REG_BASE + PL330_SI_DBGCMD, 0u);
	}
	ASSERT_TRUE(pl330_si_state(0) == PL330_SI_WFE && pl330_si_state(2) == PL330_SI_WFE &&
			    pl330_si_irq(0) && pl330_si_irq(3),
		    "the boot loader's state was not set up (channel 0 state %u, 2 state %u)",
		    pl330_si_state(0), pl330_si_state(2));
	EXPECT_EQ(0, pl330_ops.init(i));
	EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(0));
	EXPECT_EQ(PL330_SI_STOPPED, pl330_si_state(2));
	EXPECT_TRUE(!pl330_si_irq(0) && !pl330_si_irq(3),
		    "an interrupt still pending after init (event 0: %d, event 3: %d)",
		    pl330_si_irq(0), pl330_si_irq(3));
	EXPECT_EQ((1u << NCH) - 1u, pl330_si_peek(PL330_SI_INTEN));
	/* Why an instance lacks a feature: only QEMU's, only error reports. */
	EXPECT_TRUE(pl330_why_missing(&si_dma_q, DMA_CAP_ERROR_REPORT) != NULL,
		    "no reason given for the QEMU instance's missing error reports");
	EXPECT_TRUE(pl330_why_missing(&si_dma_q, DMA_CAP_SUSPEND) == NULL, "a reason for suspend");
	EXPECT_TRUE(pl330_why_missing(dev, DMA_CAP_ERROR_REPORT) == NULL, "a reason on silicon");
	EXPECT_TRUE(pl330_why_missing(NULL, DMA_CAP_ERROR_REPORT) == NULL, "a reason for NULL");
	pl330_si_reset(REG_BASE, &params);
	map_memory();
	ttest_end();
}

/* ------------------------------------------------------------ outside review (cyclic accounting) */

/* Bytes stored by channel 0 since r_base. */
static uint64_t r_base;

static uint64_t stored(void)
{
	return pl330_si_bytes_written(0) - r_base;
}

/* Configure and start channel 0 with cfg, its callbacks counted by lap_cb
 * from 0, and the bytes stored counted from the start. */
static bool start_counted(void)
{
	cfg.dma_callback = lap_cb;
	laps_called = halves_called = calls_called = 0;
	if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
		return false;
	}
	r_base = pl330_si_bytes_written(0);
	return true;
}

static void step_to(uint64_t n, bool serve)
{
	for (unsigned i = 0; i < 1000000u && stored() < n; i++) {
		(void)pl330_si_step(0);
		if (serve) {
			service();
		}
	}
}

/* Cyclic, source 4-byte units, destination 1-byte units (beat 4, one byte
 * per store): the handler served the half (32), then runs late, at 31 bytes
 * into the next lap (less than a lap after the lap end's DMASEV). */
static void review_mixed_width_handler_one_byte_behind(void)
{
	const uint32_t lap = 64u;

	if (!ttest_begin("pl330-driver/review-cyclic-mixed-width-handler-late-lands-a-byte-behind-obs")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, lap, 4, 0);
	cfg.dest_data_size = 1;
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	cfg.complete_callback_en = 1;
	ASSERT_TRUE(start_counted(), "config and start of channel 0 refused");
	step_to(32, true);
	while (!pl330_si_irq(0)) {
		(void)pl330_si_step(0);
	}
	service(); /* the half, on time */
	step_to(lap + 31u, false);
	service();
	EXPECT_TRUE(total(0) <= stored() && laps_called == 1u && halves_called == 1u,
		    "stored %llu: total_copied %llu, %u lap and %u half callbacks "
		    "(expected 1 and 1)",
		    (unsigned long long)stored(), (unsigned long long)total(0), laps_called, halves_called);
	(void)dma_stop(dev, 0);
	ttest_end();
}

/* Cyclic, beat 4, one-byte stores, only the lap end as a point: served on
 * time at the lap end, then status read at every store up to a byte short of
 * the next lap end. */
static void review_mixed_width_status_near_lap(void)
{
	const uint32_t lap = 64u;
	uint64_t last = 0;
	unsigned bad = 0;

	if (!ttest_begin("pl330-driver/review-cyclic-mixed-width-status-a-byte-short-of-a-lap")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, lap, 4, 0);
	cfg.dest_data_size = 1;
	cfg.cyclic = 1;
	ASSERT_TRUE(start_counted(), "config and start of channel 0 refused");
	step_to(lap, true);
	for (int i = 0; i < 4; i++) {
		(void)pl330_si_step(0);
		service();
	}
	for (unsigned i = 0; i < 2000u && stored() < 2u * lap - 1u; i++) {
		struct dma_status st;

		(void)pl330_si_step(0);
		ASSERT_EQ(0, dma_get_status(dev, 0, &st));
		if ((st.total_copied != stored() || st.write_position != stored() % lap ||
		     st.total_copied < last) && bad++ < 4u) {
			TT_FAIL("stored %llu: total_copied %llu (previous %llu), write_position %u",
				(unsigned long long)stored(), (unsigned long long)st.total_copied,
				(unsigned long long)last, st.write_position);
		}
		last = st.total_copied;
	}
	(void)dma_stop(dev, 0);
	ttest_end();
}

/* Cyclic, one 64-byte block, only the lap end as a point, served on time:
 * suspended after the lap's last store, before its DMAWMB/DMASEV (owed),
 * resumed, run past the next lap end's DMASEV and served. */
static void review_suspend_at_owed_lap_end(void)
{
	const uint32_t lap = 64u;

	if (!ttest_begin("pl330-driver/review-cyclic-suspend-between-last-store-and-dmasev-of-the-lap-end")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, lap, 4, 16);
	cfg.cyclic = 1;
	ASSERT_TRUE(start_counted(), "config and start of channel 0 refused");
	step_to(lap, true);
	for (int i = 0; i < 4; i++) {
		(void)pl330_si_step(0);
		service();
	}
	ASSERT_EQ(1u, laps_called);
	step_to(2u * lap, true); /* the last store of lap 2: its DMASEV not yet run */
	ASSERT_TRUE(!pl330_si_irq(0), "irq already high");
	ASSERT_EQ(0, dma_suspend(dev, 0));
	service();
	{
		struct dma_status st;

		ASSERT_EQ(0, dma_get_status(dev, 0, &st));
		EXPECT_TRUE(st.total_copied == 2u * lap, "suspended: total_copied %llu, stored %llu",
			    (unsigned long long)st.total_copied, (unsigned long long)stored());
	}
	ASSERT_EQ(0, dma_resume(dev, 0));
	step_to(3u * lap, true);
	for (int i = 0; i < 4; i++) {
		(void)pl330_si_step(0);
		service();
	}
	EXPECT_TRUE(total(0) == stored() && laps_called == 3u,
		    "stored %llu (3 laps): total_copied %llu, %u lap callbacks (expected 3)",
		    (unsigned long long)stored(), (unsigned long long)total(0), laps_called);
	(void)dma_stop(dev, 0);
	ttest_end();
}

/* Cyclic, one 64-byte block (4-byte units, 16-byte bursts), only the lap
 * end as a point, served on time: a status read after the second lap's
 * last store, before its DMASEV. */
static void review_status_at_owed_lap_end(void)
{
	const uint32_t lap = 64u;
	struct dma_status st;

	if (!ttest_begin("pl330-driver/review-cyclic-status-between-last-store-and-dmasev-of-the-lap-end")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, lap, 4, 16);
	cfg.cyclic = 1;
	ASSERT_TRUE(start_counted(), "config and start of channel 0 refused");
	step_to(lap, true);
	for (int i = 0; i < 4; i++) {
		(void)pl330_si_step(0);
		service();
	}
	step_to(2u * lap - 16u, true);
	ASSERT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_TRUE(st.total_copied == stored(), "stored %llu: total_copied %llu",
		    (unsigned long long)stored(), (unsigned long long)st.total_copied);
	step_to(2u * lap, true); /* last store of lap 2, DMASEV not yet run */
	ASSERT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_TRUE(st.total_copied == stored() && st.pending_length == 0u + lap - st.write_position,
		    "stored %llu (DMASEV owed): total_copied %llu, write_position %u, pending %u",
		    (unsigned long long)stored(), (unsigned long long)st.total_copied,
		    st.write_position, st.pending_length);
	(void)dma_stop(dev, 0);
	ttest_end();
}


/* Cyclic 2 x 64 B (4-byte units, 16-byte bursts), half + block callbacks
 * (points 32 64 96 128 per lap). Served on time to the lap end's last store
 * (128), then the handler is late: it runs at the last store of 224 (DMASEV
 * of 224 not yet run; 96 bytes after the first unserved DMASEV). */
static void review_late_handler_at_owed_point_a_lap_after_obs(void)
{
	const uint32_t lap = 128u;
	uint64_t sev0;

	if (!ttest_begin("pl330-driver/review-cyclic-late-handler-at-owed-point-one-lap-after-last-obs")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 64, 4, 16);
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	cfg.complete_callback_en = 1;
	cfg.dma_callback = lap_cb;
	laps_called = halves_called = calls_called = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	sev0 = pl330_si_sevs(0);
	ASSERT_EQ(0, dma_start(dev, 0));
	r_base = pl330_si_bytes_written(0);
	step_to(lap, true);   /* on time: obs at 96 */
	step_to(224u, false); /* unserved: DMASEVs of 128, 160, 192 run */
	pl330_isr(dev);
	EXPECT_TRUE(calls_called == 6u,
		    "stored %llu, %llu DMASEVs run: %u callbacks (expected 6: 32..192), "
		    "total_copied %llu",
		    (unsigned long long)stored(), (unsigned long long)(pl330_si_sevs(0) - sev0),
		    calls_called, (unsigned long long)total(0));
	step_to(3u * lap, true);
	for (int i = 0; i < 4; i++) {
		(void)pl330_si_step(0);
		service();
	}
	EXPECT_TRUE(total(0) == stored() && laps_called == 3u && halves_called == 6u,
		    "stored %llu: total_copied %llu, %u lap and %u half callbacks (expected 3, 6)",
		    (unsigned long long)stored(), (unsigned long long)total(0), laps_called, halves_called);
	(void)dma_stop(dev, 0);
	ttest_end();
}

/*
 * Cyclic, 4-byte loads and 1-byte stores: suspended one byte into a lap,
 * resumed (back to the beat's start), served on time to the lap end; then
 * a whole lap unserved, to just past the next lap end's DMASEV: a status
 * read there counts that lap (the resume's going back was over a lap ago).
 */
static void test_resume_window_closes(void)
{
	const uint32_t lap = 64u;
	uint64_t base;
	struct dma_status st;

	if (!ttest_begin("pl330-driver/cyclic-resume-window-closes-a-lap-later-counts")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, lap, 4, 0);
	cfg.dest_data_size = 1;
	cfg.cyclic = 1;
	cfg.dma_callback = lap_cb;
	laps_called = halves_called = 0;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	base = pl330_si_bytes_written(0);
	while (pl330_si_bytes_written(0) - base < 1u) {
		(void)pl330_si_step(0);
	}
	ASSERT_EQ(0, dma_suspend(dev, 0));
	ASSERT_EQ(0, dma_resume(dev, 0));
	/* On time to the lap end and past its DMASEV. */
	while (laps_called == 0u && pl330_si_step(0) != 0u) {
		service();
	}
	ASSERT_EQ(1u, laps_called);
	/* A whole lap unserved, to just past the next DMASEV. */
	while (pl330_si_bytes_written(0) - base < 2u * lap) {
		(void)pl330_si_step(0);
	}
	for (unsigned i = 0; i < 8u && !pl330_si_irq(0); i++) {
		(void)pl330_si_step(0);
	}
	(void)pl330_si_step(0); /* DMALPFE: back at the lap's start, nothing stored yet */
	ASSERT_EQ(2u * lap + 1u, pl330_si_bytes_written(0) - base);
	ASSERT_EQ(0, dma_get_status(dev, 0, &st));
	/* (The resume stored byte 0 a second time.) */
	EXPECT_TRUE(st.total_copied == pl330_si_bytes_written(0) - base - 1u,
		    "a lap after the resume's window: total_copied %llu, %llu stored (one twice)",
		    (unsigned long long)st.total_copied,
		    (unsigned long long)(pl330_si_bytes_written(0) - base));
	(void)dma_stop(dev, 0);
	no_misuse();
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	map_memory();
	test_widths_and_bursts();
	test_mixed_widths();
	test_fixed_addresses();
	test_sixteen_blocks_events();
	test_progress_at_every_instruction();
	test_late_interrupt();
	test_suspend_at_every_instruction();
	test_cyclic_suspend_resume();
	test_cyclic_resume_behind_observation();
	test_stop_midway();
	test_stop_kills_its_own_channel();
	test_cyclic_laps();
	test_bus_error();
	test_restart_in_callback();
	test_peripheral_paced();
	test_refusals();
	test_debug_interface_busy();
	test_total_not_back_after_resume();
	test_one_request_one_burst();
	test_p2m_suspend_refused();
	test_resume_fits();
	test_moving_channel_laps();
	test_kill_takes_time();
	test_validation_boundaries();
	test_cyclic_read_position();
	test_half_callback_at_the_half();
	test_resume_refused_then_goes_on();
	test_data_ordered();
	test_position_read_while_moving();
	test_cyclic_moving_laps_exact();
	test_cyclic_handler_late_at_each_point();
	test_cyclic_outrun_handler();
	test_restart_starts_clean();
	test_foreign_channel_fault_cleared();
	test_qemu_pacing();
	test_manager_fault(); /* re-powers the model */
	review_mixed_width_handler_one_byte_behind();
	review_mixed_width_status_near_lap();
	review_suspend_at_owed_lap_end();
	review_status_at_owed_lap_end();
	review_late_handler_at_owed_point_a_lap_after_obs();
	test_resume_window_closes();
	test_mfifo_depth(); /* re-powers the model */
	test_init_checks_the_controller(); /* re-powers the model */
	return ttest_summary("unit-pl330-driver") == 0 ? 0 : 1;
}
