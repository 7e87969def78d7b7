/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PL08x driver against a behavioural model of the silicon
 * (pl08x_silicon.c, written from ARM's TRM, not from the driver): real
 * bytes moved through linked-list items the model fetches from memory,
 * TransferSize counting down, TC latched at the end of an item whose I bit
 * is set, the interrupt line raised from the status registers. The test
 * plays time: it lets the channel run N units, and calls the driver's
 * interrupt handler when the line is high, or late, or while the hardware
 * goes on inside the handler (the model's access hook).
 *
 * What QEMU's model cannot run is covered here: rings (cyclic), interrupts
 * serviced late, items ending while the handler runs, bus errors.
 */
#include <string.h>

#include "dma/dma_pl08x.h"
#include "ordering.h"
#include "pl08x_silicon.h"
#include "ttest.h"
#include "ttest_host.h"

#define REG_BASE 0x40000000u
#define BUS_SRC 0x10000000u
#define BUS_DST 0x10100000u
#define BUF_LEN 8192u

PL081_DEFINE(si_dma, "pl081_silicon", REG_BASE, 0, NULL);

static const struct device *const dev = &si_dma;
static uint8_t src_mem[BUF_LEN] __attribute__((aligned(16)));
static uint8_t dst_mem[BUF_LEN] __attribute__((aligned(16)));

/* The model must answer the driver's init, which runs from the host port's
 * start-up constructor: reset it before that. */
static void si_write(uint32_t off, uint32_t v)
{
	dma_mmio_write32(REG_BASE + off, v);
}

/* Channel 0 runs an item of @p units words, source and destination incrementing. */
static void si_program_ch0(uint32_t units)
{
	const uint32_t c0 = PL08X_SI_CH(0);

	si_write(c0 + PL08X_SI_CSRC, BUS_SRC);
	si_write(c0 + PL08X_SI_CDST, BUS_DST);
	si_write(c0 + PL08X_SI_CLLI, 0u);
	si_write(c0 + PL08X_SI_CCTL, units | (PL08X_SI_WIDTH_32 << PL08X_SI_CTL_SW_SHIFT) |
					     (PL08X_SI_WIDTH_32 << PL08X_SI_CTL_DW_SHIFT) |
					     PL08X_SI_CTL_SI | PL08X_SI_CTL_DI | PL08X_SI_CTL_I);
	si_write(c0 + PL08X_SI_CCFG, PL08X_SI_CFG_E | PL08X_SI_CFG_IE | PL08X_SI_CFG_ITC);
}

/*
 * Before the driver's init (which runs from the host port's start-up
 * constructor), the model is reset and left as a boot loader might leave a
 * controller after a warm reset: channel 0 has a bus error and a terminal
 * count latched and is still running a transfer.
 */
__attribute__((constructor(101))) static void model_power_on(void)
{
	pl08x_si_reset(REG_BASE, 0x081u);
	pl08x_si_map(BUS_SRC, src_mem, sizeof(src_mem));
	pl08x_si_map(BUS_DST, dst_mem, sizeof(dst_mem));
	si_write(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E);
	si_program_ch0(4u);
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 4); /* fails: error latched, channel off */
	si_program_ch0(4u);
	(void)pl08x_si_run(0, 4); /* ends: terminal count latched */
	si_program_ch0(1000u);
	(void)pl08x_si_run(0, 10); /* left running */
}

static void map_memory(void)
{
	struct pl08x_chan *pool = dma_core_ctrl(dev)->drv_data;

	pl08x_si_map(BUS_SRC, src_mem, sizeof(src_mem));
	pl08x_si_map(BUS_DST, dst_mem, sizeof(dst_mem));
	/* The driver gives the controller the low 32 bits of its item pool's
	 * address: map them to the pool. */
	pl08x_si_map((uint32_t)(uintptr_t)pool, pool, 2u * sizeof(*pool));
}

/* ------------------------------------------------------------ callbacks */

#define LOG_MAX 64

static struct {
	unsigned n;
	int status[LOG_MAX];
	/* Behaviour: restart with cfg_next at callback number restart_at (1-based). */
	unsigned restart_at;
	struct dma_config *cfg_next;
	int restart_ret;
	/* Behaviour: at the first BLOCK, read the status, or stop. */
	bool status_at_block, stop_at_block;
	/* Behaviour: restart the same configuration from the first error. */
	bool restart_on_error;
	struct dma_status seen;
	/* Behaviour: at the COMPLETE (or the first BLOCK), read the first 64
	 * destination bytes. */
	bool read_at_complete, read_at_block;
	uint8_t read[64];
} cbs;

static void cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	if (cbs.n < LOG_MAX) {
		cbs.status[cbs.n] = status;
	}
	cbs.n++;
	if (status == DMA_STATUS_BLOCK && cbs.n == 1u && cbs.status_at_block) {
		(void)dma_get_status(d, ch, &cbs.seen);
	}
	if (status == DMA_STATUS_BLOCK && cbs.n == 1u && cbs.stop_at_block) {
		(void)dma_stop(d, ch);
	}
	if ((status == DMA_STATUS_COMPLETE && cbs.read_at_complete) ||
	    (status == DMA_STATUS_BLOCK && cbs.n == 1u && cbs.read_at_block)) {
		memcpy(cbs.read, dst_mem, sizeof(cbs.read));
	}
	if (status < 0 && cbs.n == 1u && cbs.restart_on_error) {
		cbs.restart_ret = dma_start(d, ch);
	}
	if (cbs.n == cbs.restart_at && cbs.cfg_next != NULL) {
		(void)dma_stop(d, ch); /* still RUNNING at a BLOCK or lap callback */
		cbs.restart_ret = dma_config(d, ch, cbs.cfg_next);
		if (cbs.restart_ret == 0) {
			cbs.restart_ret = dma_start(d, ch);
		}
	}
}

static unsigned count(int status)
{
	unsigned k = 0;

	for (unsigned i = 0; i < cbs.n && i < LOG_MAX; i++) {
		k += cbs.status[i] == status ? 1u : 0u;
	}
	return k;
}

static const char *last_reason;

static void refusal(const struct device *d, uint32_t ch, int err, const char *reason)
{
	(void)d;
	(void)ch;
	(void)err;
	last_reason = reason;
}

/* ------------------------------------------------------------ setup */

static struct dma_config cfg, cfg2;
static struct dma_block_config blk[4], blk2[4];

static struct dma_config *make(struct dma_config *c, struct dma_block_config *b, uint32_t nblocks,
			       uint32_t size, uint32_t dst_off)
{
	memset(c, 0, sizeof(*c));
	memset(b, 0, 4 * sizeof(*b));
	c->source_data_size = 4;
	c->dest_data_size = 4;
	c->block_count = nblocks;
	c->head_block = b;
	c->dma_callback = cb;
	for (uint32_t i = 0; i < nblocks; i++) {
		b[i].source_address = BUS_SRC + i * size;
		b[i].dest_address = BUS_DST + dst_off + i * size;
		b[i].block_size = size;
		b[i].next_block = i + 1u < nblocks ? &b[i + 1u] : NULL;
	}
	return c;
}

static void reset(void)
{
	for (uint32_t ch = 0; ch < 2u; ch++) {
		dma_release_channel(dev, ch);
	}
	memset(&cbs, 0, sizeof(cbs));
	for (uint32_t i = 0; i < BUF_LEN; i++) {
		src_mem[i] = (uint8_t)(i * 7u + 1u);
	}
	memset(dst_mem, 0, sizeof(dst_mem));
}

/* Call the handler while the interrupt line is high (bounded). */
static void service(void)
{
	for (int i = 0; i < 8 && pl08x_si_irq(); i++) {
		pl08x_isr(dev);
	}
}

static uint64_t total(uint32_t ch)
{
	struct dma_status st;

	(void)dma_get_status(dev, ch, &st);
	return st.total_copied;
}

/* A fresh 64-byte copy on channel 0, started, its first 4 words moved. */
static void start_64_byte_copy_a_quarter_done(void)
{
	reset();
	make(&cfg, blk, 1, 64, 0);
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(4u, pl08x_si_run(0, 4));
}

/* The 64-byte copy (re)started on channel 0 runs to its end: 16 words,
 * one COMPLETE, every byte copied. */
static void expect_whole_64_byte_copy(void)
{
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64));
}

/* ------------------------------------------------------------ cases */

/*
 * On silicon with write buffers, the source the CPU wrote just before
 * dma_start() must be what the channel reads, and the data the channel
 * wrote must be what the completion callback reads: the driver orders both
 * with dma_port_io_barrier(). The model of weakly ordered memory
 * (ordering.h) holds the CPU's writes from the controller, and the
 * controller's from the CPU, until a barrier.
 */
/* Expect the first @p n bytes a callback read to be @p want. */
static void expect_read(const uint8_t *want, size_t n, const char *who)
{
	long at = ord_first_difference(want, cbs.read, n);

	EXPECT_TRUE(at < 0,
		    "%s read 0x%02X at byte %ld, expected 0x%02X (0xEE: the source before "
		    "the CPU's write; 0x00: the destination before the channel's)",
		    who, at < 0 ? 0u : cbs.read[at], at, at < 0 ? 0u : want[at]);
}

static void test_data_ordered_around_the_transfer(void)
{
	uint8_t fresh[64];

	if (!ttest_begin("pl08x-silicon/cpu-writes-reach-the-channel-and-its-writes-the-callback")) {
		return;
	}
	reset();
	memset(src_mem, 0xEE, 64);
	for (uint32_t i = 0; i < 64u; i++) {
		fresh[i] = (uint8_t)(i + 1u);
	}
	ord_set_weak(true);
	ord_cpu_write(src_mem, fresh, sizeof(fresh));
	cbs.read_at_complete = true;
	make(&cfg, blk, 1, 64, 0);
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	ord_set_weak(false);
	EXPECT_EQ(1u, count(DMA_STATUS_COMPLETE));
	expect_read(fresh, sizeof(fresh), "the COMPLETE callback");
	/* A block's end served while the channel goes on (the handler reads
	 * its position): the BLOCK callback reads the block just written. */
	reset();
	memset(src_mem, 0xEE, 64);
	ord_set_weak(true);
	ord_cpu_write(src_mem, fresh, sizeof(fresh));
	cbs.read_at_block = true;
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(8u, pl08x_si_run(0, 8));
	service();
	ord_set_weak(false);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	expect_read(fresh, 32, "the first BLOCK callback");
	EXPECT_EQ(8u, pl08x_si_run(0, 100));
	service();
	ttest_end();
}

/*
 * Defect 1: a ring of one block interrupts only at the end of each lap; the
 * position alone cannot tell a lap from no progress. Each lap must give
 * one COMPLETE and total_copied must count it.
 */
static void test_cyclic_one_block_laps(void)
{
	if (!ttest_begin("pl08x-silicon/cyclic-one-block-one-complete-per-lap")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->cyclic = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	for (unsigned lap = 1; lap <= 5; lap++) {
		EXPECT_EQ(16u, pl08x_si_run(0, 16)); /* one lap: 16 words */
		service();
		EXPECT_EQ(lap, count(DMA_STATUS_COMPLETE));
		EXPECT_EQ(lap * 64u, total(0));
	}
	/* Part of a lap, then the interrupt of the next lap end. */
	EXPECT_EQ(5u, pl08x_si_run(0, 5));
	EXPECT_EQ(5u * 64u + 20u, total(0));
	EXPECT_EQ(11u, pl08x_si_run(0, 11));
	service();
	EXPECT_EQ(6u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(6u * 64u, total(0));
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/* The hardware runs a given number of units at a chosen register access of
 * the interrupt handler. */
static struct {
	unsigned long at;
	unsigned units;
	unsigned ch;
	bool fired;
} inside;

static void run_inside_handler(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)off;
	(void)write;
	(void)arg;
	if (!inside.fired && n == inside.at) {
		inside.fired = true;
		(void)pl08x_si_run(inside.ch, inside.units);
	}
}

/*
 * Defect 1, second half: a lap (or part of one) ends while the handler
 * runs, at every register access of it in turn. Whatever the moment, after
 * the line goes quiet the laps reported equal the laps the hardware ran,
 * and total_copied equals the bytes it moved: no lap lost, none invented
 * (the TC bit latching again for an end already counted).
 */
static void test_cyclic_lap_ends_inside_handler(void)
{
	unsigned fired = 0;

	if (!ttest_begin("pl08x-silicon/cyclic-lap-ending-inside-handler-counted-once")) {
		return;
	}
	/* Up to 15 units more: the handler runs less than a lap after the
	 * observation before it (the start), as a ring's interrupt must. */
	for (unsigned units = 1; units <= 15; units += 7) {
		for (unsigned long at = 1; at <= 40; at++) {
			unsigned long base;
			unsigned moved = 16;

			reset();
			make(&cfg, blk, 1, 64, 0)->cyclic = 1;
			ASSERT_EQ(0, dma_config(dev, 0, &cfg));
			ASSERT_EQ(0, dma_start(dev, 0));
			(void)pl08x_si_run(0, 16); /* lap 1 ends: TC latched */
			/* The hook counts accesses since the model's reset. */
			base = pl08x_si_reads() + pl08x_si_writes();
			inside.at = base + at;
			inside.units = units;
			inside.ch = 0;
			inside.fired = false;
			pl08x_si_set_access_hook(run_inside_handler, NULL);
			pl08x_isr(dev);
			pl08x_si_set_access_hook(NULL, NULL);
			fired += inside.fired ? 1u : 0u;
			moved += inside.fired ? units : 0u;
			service();
			if (count(DMA_STATUS_COMPLETE) != moved / 16u || total(0) != moved * 4u) {
				TT_FAIL("hardware ran %u more units at handler access %lu: expected %u "
					"laps and %u bytes, got %u laps and %llu bytes",
					units, at, moved / 16u, moved * 4u, count(DMA_STATUS_COMPLETE),
					(unsigned long long)total(0));
				break;
			}
			(void)dma_stop(dev, 0);
		}
	}
	/* The handler makes a dozen or so accesses: many of the 40 points hit. */
	EXPECT_TRUE(fired >= 30u, "the hardware ran inside the handler %u times of 120 (expected >= 30)",
		    fired);
	ttest_end();
}

/*
 * Defect 6: between the ring's wrap and the interrupt that reports it,
 * total_copied never goes backwards.
 */
static void test_cyclic_total_monotonic_across_wrap(void)
{
	uint64_t last = 0;
	bool ok = true;

	if (!ttest_begin("pl08x-silicon/cyclic-total_copied-never-decreases")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 32, 0)->cyclic = 1; /* 2 blocks of 8 words */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	for (unsigned step = 0; step < 100 && ok; step++) {
		struct dma_status st;

		(void)pl08x_si_run(0, 3); /* the interrupt is serviced late */
		EXPECT_EQ(0, dma_get_status(dev, 0, &st));
		if (st.total_copied < last || st.total_copied != (step + 1u) * 12u ||
		    st.free + st.pending_length != 64u || st.free != st.write_position) {
			TT_FAIL("step %u: expected total %u (never below %llu), free+pending 64, "
				"free = write_position; got total %llu, free %u, pending %u, write %u",
				step, (step + 1u) * 12u, (unsigned long long)last,
				(unsigned long long)st.total_copied, (unsigned)st.free,
				(unsigned)st.pending_length, (unsigned)st.write_position);
			ok = false;
		}
		last = st.total_copied;
		if (step % 4u == 3u) {
			service();
		}
	}
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(1200u, total(0)); /* what was moved stays counted after the stop */
	ttest_end();
}

/*
 * Defect 2: three blocks end before the interrupt is serviced; the second
 * block's callback reconfigures and restarts the channel. The old
 * transfer's remaining events (block 3, completion) must not reach the new
 * one: the new transfer stays RUNNING, then completes with its own events.
 */
static void test_restart_from_callback_drops_old_events(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/restart-in-callback-old-events-not-given-to-new")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 16, 0)->complete_callback_en = 1;
	make(&cfg2, blk2, 1, 64, 256);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	cbs.restart_at = 2; /* from the second BLOCK callback */
	cbs.cfg_next = &cfg2;
	EXPECT_EQ(12u, pl08x_si_run(0, 12)); /* all three blocks */
	pl08x_isr(dev);
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(2u, cbs.n); /* BLOCK, BLOCK; no DONE of the old transfer */
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(64u, st.pending_length);
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[2]);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(64u, st.total_copied);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem + 256, 64));
	ttest_end();
}

/*
 * The same from a cyclic lap's callback, with the interrupt late enough
 * that the next lap's half-block event is pending behind the lap's.
 */
static void test_restart_from_lap_callback(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/restart-in-lap-callback-late-interrupt")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 16, 0)->cyclic = 1;
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	make(&cfg2, blk2, 1, 32, 512);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(6u, pl08x_si_run(0, 6)); /* HALF, BLOCK, HALF */
	service();
	EXPECT_EQ(3u, cbs.n);
	cbs.restart_at = 4; /* the lap's COMPLETE */
	cbs.cfg_next = &cfg2;
	EXPECT_EQ(4u, pl08x_si_run(0, 4)); /* lap end, then the next HALF */
	pl08x_isr(dev);
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(4u, cbs.n); /* no HALF of the old ring after the restart */
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(32u, st.pending_length);
	EXPECT_EQ(8u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(5u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[4]);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem + 512, 32));
	ttest_end();
}

/* Per-block events of a multi-item transfer serviced late: each once, in order. */
static void test_late_interrupt_events_in_order(void)
{
	if (!ttest_begin("pl08x-silicon/late-interrupt-half-block-done-each-once")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 64, 0)->complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(24u, pl08x_si_run(0, 24)); /* half, block 0, half of block 1 */
	service();
	EXPECT_EQ(3u, cbs.n);
	EXPECT_EQ(24u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(6u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[2]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[3]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[4]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[5]);
	EXPECT_EQ(192u, total(0));
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 192));
	ttest_end();
}

/* A bus error: reported once with -EIO, bytes moved counted, channel reusable. */
static void test_bus_error(void)
{
	if (!ttest_begin("pl08x-silicon/bus-error-reported-channel-reusable")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 4);
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 4);
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(-EIO, cbs.status[0]);
	EXPECT_TRUE(total(0) >= 16u && total(0) < 64u, "total after the error: expected 16..63, got %llu",
		    (unsigned long long)total(0));
	EXPECT_EQ(false, pl08x_si_irq());
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	ttest_end();
}

/* A stop leaves nothing latched: no interrupt reaches the next transfer. */
static void test_stop_leaves_nothing_latched(void)
{
	if (!ttest_begin("pl08x-silicon/stop-with-latched-tc-then-restart")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 8); /* block 0 ends: TC latched, not serviced */
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(32u, total(0));
	EXPECT_EQ(false, pl08x_si_irq());
	ASSERT_EQ(0, dma_start(dev, 0));
	service();
	EXPECT_EQ(0u, cbs.n);
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	ttest_end();
}

/*
 * The fast path of a finished transfer (the handler finds the channel off
 * without an error and reports the rest of the transfer without reading
 * its position): a restart after a reload, after a stop that came after the
 * end but before the interrupt, and after an error.
 */
static void test_fast_path_restart_after_reload(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/fast-path/restart-after-reload-moves-the-new-block")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	expect_whole_64_byte_copy();
	ASSERT_EQ(0, dma_reload(dev, 0, BUS_SRC + 128u, BUS_DST + 512u, 32u));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(8u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(0, memcmp(src_mem + 128, dst_mem + 512, 32));
	EXPECT_EQ(0u, dst_mem[512 + 32]);
	EXPECT_EQ(0u, dst_mem[64]); /* nothing of the first block again */
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(0u, st.pending_length);
	ttest_end();
}

/* A reload of the same size (the items' addresses move, nothing else):
 * two items around the half point, both moved. */
static void test_fast_path_reload_same_size(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/reload-same-size-moves-every-item")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	/* (The source pattern repeats every 256 bytes: 100 on is other data.) */
	ASSERT_EQ(0, dma_reload(dev, 0, BUS_SRC + 100u, BUS_DST + 1024u, 64u));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(8u, pl08x_si_run(0, 8));
	service();
	EXPECT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[2]);
	EXPECT_EQ(8u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(4u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[3]);
	EXPECT_EQ(0, memcmp(src_mem + 100, dst_mem + 1024, 64));
	EXPECT_EQ(0u, dst_mem[1024 + 64]);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64)); /* the first transfer's, untouched */
	EXPECT_EQ(0u, dst_mem[64]);
	ttest_end();
}

/* Same-size reloads with a fixed side (a data register): every item keeps
 * reading, or writing, the one address it was given. */
static void test_fast_path_reload_fixed_sides(void)
{
	const unsigned long misuse_before = pl08x_si_misuse();

	if (!ttest_begin("pl08x-silicon/fast-path/reload-same-size-keeps-fixed-addresses")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->half_complete_callback_en = 1;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_reload(dev, 0, BUS_SRC + 100u, BUS_DST + 1024u, 64u));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[cbs.n - 1u]);
	EXPECT_EQ(0, memcmp(src_mem + 100 + 60, dst_mem + 1024, 4)); /* the last word */
	EXPECT_EQ(0u, dst_mem[1024 + 4]);
	EXPECT_EQ(0u, dst_mem[1024 - 1]);
	/* The other side fixed: every word written is the one source word. */
	reset();
	make(&cfg, blk, 1, 64, 0)->half_complete_callback_en = 1;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_reload(dev, 0, BUS_SRC + 100u, BUS_DST + 1024u, 64u));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[cbs.n - 1u]);
	for (unsigned w = 0; w < 16u; w++) {
		EXPECT_EQ(0, memcmp(src_mem + 100, dst_mem + 1024 + 4u * w, 4));
	}
	EXPECT_EQ(misuse_before, pl08x_si_misuse());
	ttest_end();
}

/* A configuration of several blocks reloaded to one byte: one byte moves. */
static void test_fast_path_reload_one_byte_after_blocks(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/reload-of-one-byte-after-two-blocks")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 32, 0);
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_reload(dev, 0, BUS_SRC + 100u, BUS_DST + 1024u, 1u));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(1u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_EQ(src_mem[100], dst_mem[1024]);
	EXPECT_EQ(0u, dst_mem[1025]);
	EXPECT_EQ(0u, dst_mem[0]);
	EXPECT_EQ(1u, total(0));
	ttest_end();
}

/* A chained transfer without a callback (the link is what the block ends
 * are for): its end still returns the channel to CONFIGURED, and the
 * linked channel runs after each block and at the end. */
static void test_fast_path_chained_without_callback(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/fast-path/chained-transfer-without-callback-ends")) {
		return;
	}
	reset();
	make(&cfg2, blk2, 1, 16, 2048);
	ASSERT_EQ(0, dma_config(dev, 1, &cfg2));
	make(&cfg, blk, 2, 32, 0);
	cfg.dma_callback = NULL;
	cfg.source_chaining_en = 1;
	cfg.linked_channel = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(64u, st.total_copied);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64));
	EXPECT_EQ(4u, pl08x_si_run(1, 100)); /* the link was started */
	ttest_end();
}

static void test_fast_path_restart_after_stop_at_the_end(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/stop-after-the-end-then-restart-completes-once")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100)); /* ended: off, TC latched, not served */
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(64u, total(0));
	memset(dst_mem, 0, 64);
	ASSERT_EQ(0, dma_start(dev, 0));
	/* The handler now (the restarted channel runs): the old end is not
	 * the new transfer's. */
	pl08x_isr(dev);
	EXPECT_EQ(0u, cbs.n);
	expect_whole_64_byte_copy();
	ttest_end();
}

/* A finished transfer costs one interrupt: the handler leaves the line low. */
static void test_fast_path_one_interrupt(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/finished-transfer-one-interrupt")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	EXPECT_EQ(true, pl08x_si_irq());
	pl08x_isr(dev);
	EXPECT_EQ(false, pl08x_si_irq());
	EXPECT_EQ(1u, cbs.n);
	ttest_end();
}

static void test_fast_path_restart_after_stop_mid_transfer(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/stop-mid-transfer-then-restart-completes-once")) {
		return;
	}
	start_64_byte_copy_a_quarter_done();
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(16u, total(0));
	pl08x_isr(dev); /* a handler after the stop reports nothing */
	EXPECT_EQ(0u, cbs.n);
	memset(dst_mem, 0, 64);
	ASSERT_EQ(0, dma_start(dev, 0));
	expect_whole_64_byte_copy();
	ttest_end();
}

/* A last block of one beat has its half point at its end: the finished
 * transfer still gets that HALF_COMPLETE before its COMPLETE. */
static void test_fast_path_half_at_the_last_point(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/half-point-at-the-end-still-reported")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 64, 0)->half_complete_callback_en = 1;
	blk[1].block_size = 4; /* one beat */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 16)); /* block 0: its HALF */
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(1u, pl08x_si_run(0, 100)); /* the last beat: HALF and end at once */
	service();
	ASSERT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[2]);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 68));
	ttest_end();
}

static void test_fast_path_error_at_the_end(void)
{
	if (!ttest_begin("pl08x-silicon/fast-path/error-on-the-last-unit-is-no-completion")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(15u, pl08x_si_run(0, 15));
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 1); /* the last unit fails: off, error latched */
	service();
	ASSERT_EQ(1u, cbs.n);
	EXPECT_EQ(-EIO, cbs.status[0]);
	EXPECT_EQ(0u, count(DMA_STATUS_COMPLETE));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(16u, pl08x_si_run(0, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64));
	ttest_end();
}

/*
 * Every interleaving of the hardware with the handler, over seven block
 * layouts (an outside review's sweep): the channel has run `pre` units when
 * the handler is called, runs `k` more at its register access number `at`,
 * then to its end (or to a bus error at unit `err`), and the line is served
 * until quiet. The callbacks must be exactly the HALF/BLOCK points the
 * destination shows written, then COMPLETE or the error; the channel idle
 * with nothing pending, total_copied the bytes written, the data right, the
 * line low.
 */
struct sweep_layout {
	const char *name;
	uint32_t nblocks, size;
	bool half, blockcb;
};

static const struct sweep_layout sweep_layouts[] = {
	{"1x64", 1, 64, false, false},   {"1x64-half", 1, 64, true, false},
	{"2x32-block", 2, 32, false, true}, {"2x32-half-block", 2, 32, true, true},
	{"2x32-half", 2, 32, true, false},  {"3x4-half-block", 3, 4, true, true},
	{"3x8-half", 3, 8, true, false},
};

/* The events the contract gives when @p written bytes reached the destination. */
static void sweep_expected(const struct sweep_layout *v, uint32_t written, bool failed, char *out)
{
	size_t n = 0;

	for (uint32_t b = 0; b < v->nblocks; b++) {
		const uint32_t off = b * v->size;
		const bool last = b + 1u == v->nblocks;

		if (v->half && off + dma_core_half_point(v->size, 4u) <= written) {
			out[n++] = 'H';
		}
		if (off + v->size <= written && !last && v->blockcb) {
			out[n++] = 'B';
		}
		if (off + v->size <= written && last && !failed) {
			out[n++] = 'C';
		}
	}
	if (failed) {
		out[n++] = 'E';
	}
	out[n] = '\0';
}

static bool sweep_case(const struct sweep_layout *v, unsigned pre, unsigned long at, unsigned k,
		       int err)
{
	const uint32_t total = v->nblocks * v->size;
	const unsigned units = total / 4u;
	char got[LOG_MAX + 1], want[LOG_MAX + 1];
	uint32_t written = 0;
	struct dma_status st;
	unsigned i;

	reset();
	make(&cfg, blk, v->nblocks, v->size, 0)->half_complete_callback_en = v->half;
	cfg.complete_callback_en = v->blockcb;
	if (dma_config(dev, 0, &cfg) != 0 || dma_start(dev, 0) != 0) {
		return false;
	}
	if (err >= 0 && (unsigned)err < pre) {
		(void)pl08x_si_run(0, (unsigned)err);
		pl08x_si_inject_bus_error(0);
		(void)pl08x_si_run(0, units);
	} else {
		(void)pl08x_si_run(0, pre);
	}
	inside.at = pl08x_si_reads() + pl08x_si_writes() + at;
	inside.units = err >= 0 && (unsigned)err >= pre && (unsigned)err - pre < k
			       ? (unsigned)err - pre
			       : k;
	inside.ch = 0;
	inside.fired = false;
	pl08x_si_set_access_hook(run_inside_handler, NULL);
	pl08x_isr(dev);
	pl08x_si_set_access_hook(NULL, NULL);
	if (err >= 0 && (unsigned)err >= pre) {
		(void)pl08x_si_run(0, (unsigned)err - pre - (inside.fired ? inside.units : 0u));
		pl08x_si_inject_bus_error(0);
	}
	(void)pl08x_si_run(0, units);
	service();
	for (i = 0; i < total; i++) {
		written = dst_mem[i] != 0u ? i + 1u : written;
	}
	for (i = 0; i < cbs.n && i < LOG_MAX; i++) {
		got[i] = cbs.status[i] == DMA_STATUS_HALF_COMPLETE ? 'H'
			 : cbs.status[i] == DMA_STATUS_BLOCK	  ? 'B'
			 : cbs.status[i] == DMA_STATUS_COMPLETE	  ? 'C'
								  : 'E';
	}
	got[i] = '\0';
	sweep_expected(v, written, err >= 0, want);
	(void)dma_get_status(dev, 0, &st);
	if (strcmp(got, want) == 0 && !st.busy && st.pending_length == 0u && !pl08x_si_irq() &&
	    st.total_copied == (err >= 0 ? written : total) &&
	    (err >= 0 || memcmp(src_mem, dst_mem, total) == 0)) {
		return true;
	}
	TT_FAIL("%s, %u units before the handler, %u more at its access %lu, bus error at unit "
		"%d: events '%s', expected '%s'; busy %d, pending %u, total_copied %llu, "
		"%u bytes written, line %d",
		v->name, pre, k, at, err, got, want, st.busy, (unsigned)st.pending_length,
		(unsigned long long)st.total_copied, written, pl08x_si_irq());
	return false;
}

static void test_sweep_handler_interleavings(void)
{
	unsigned cases = 0, bad = 0;

	if (!ttest_begin("pl08x-silicon/sweep/every-interleaving-with-the-handler")) {
		return;
	}
	for (size_t vi = 0; vi < sizeof(sweep_layouts) / sizeof(sweep_layouts[0]); vi++) {
		const struct sweep_layout *v = &sweep_layouts[vi];
		const unsigned units = v->nblocks * v->size / 4u;

		for (unsigned pre = 0; pre <= units && bad < 5u; pre++) {
			for (unsigned long at = 1; at <= 30; at++) {
				for (unsigned k = 1; k <= units; k += (k < 3u ? 1u : units)) {
					for (int err = -1; err < (int)units; err++) {
						cases++;
						bad += sweep_case(v, pre, at, k, err) ? 0u : 1u;
					}
				}
			}
		}
	}
	EXPECT_EQ(0u, bad);
	EXPECT_TRUE(cases > 100000u, "expected over 100000 cases, ran %u", cases);
	EXPECT_EQ(0u, pl08x_si_misuse());
	ttest_end();
}

/* Mixed widths: the source is read ahead of what is written (the FIFO). */
static void test_read_position_ahead_of_write(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/cyclic-read-position-from-source-register")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->cyclic = 1;
	cfg.source_data_size = 1;
	cfg.dest_data_size = 4;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 10); /* 10 bytes read, 8 written (two words) */
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(8u, st.write_position);
	EXPECT_EQ(10u, st.read_position); /* the source register: two bytes in the FIFO */
	EXPECT_EQ(st.free, st.write_position);
	EXPECT_EQ(64u, st.free + st.pending_length);
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/*
 * Found by the outside review: a finished 2-block transfer serviced in one
 * interrupt reports BLOCK then COMPLETE; inside the BLOCK callback the
 * status shows the bytes moved (not 0), and a stop from there keeps them
 * counted.
 */
static void test_finished_transfer_status_inside_block_callback(void)
{
	if (!ttest_begin("pl08x-silicon/finished-transfer-status-and-stop-inside-block-callback")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	cbs.status_at_block = true;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 100);
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(true, cbs.seen.busy);
	EXPECT_TRUE(cbs.seen.total_copied >= 32u, "total_copied in the BLOCK callback: expected >= 32, got %llu",
		    (unsigned long long)cbs.seen.total_copied);
	reset();
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	cbs.stop_at_block = true;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 100);
	service();
	EXPECT_EQ(1u, cbs.n); /* the stop drops the completion */
	EXPECT_EQ(64u, total(0)); /* but not the bytes that moved */
	ttest_end();
}

/* The hardware fails at a chosen register access of the handler. */
static struct {
	unsigned long at;
	bool fired;
} fault_inside;

static void fail_inside_handler(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)off;
	(void)write;
	(void)arg;
	if (!fault_inside.fired && n == fault_inside.at) {
		fault_inside.fired = true;
		pl08x_si_inject_bus_error(0);
		(void)pl08x_si_run(0, 1);
	}
}

/*
 * Found by the outside review: a bus error while the handler runs, at each
 * of its register accesses in turn, is reported as an error (never as a
 * completion); a BLOCK that ended before the error comes first; a transfer
 * restarted from the error callback that fails at once is not left RUNNING.
 */
static void test_errors_around_the_handler(void)
{
	struct dma_status st;

	unsigned fired = 0;

	if (!ttest_begin("pl08x-silicon/bus-errors-during-handler-and-after-block")) {
		return;
	}
	for (unsigned long at = 1; at <= 16; at++) {
		bool err = false, done = false;

		reset();
		make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		(void)pl08x_si_run(0, 8); /* block 0 ends: TC latched */
		fault_inside.at = pl08x_si_reads() + pl08x_si_writes() + at;
		fault_inside.fired = false;
		pl08x_si_set_access_hook(fail_inside_handler, NULL);
		pl08x_isr(dev);
		pl08x_si_set_access_hook(NULL, NULL);
		service();
		for (unsigned i = 0; i < cbs.n; i++) {
			err |= cbs.status[i] < 0;
			done |= cbs.status[i] == DMA_STATUS_COMPLETE;
		}
		fired += fault_inside.fired ? 1u : 0u;
		if (fault_inside.fired && (!err || done || total(0) > 36u)) {
			TT_FAIL("bus error at handler access %lu: expected an error callback, no "
				"COMPLETE and total_copied <= 36; got error=%d complete=%d total=%llu",
				at, err, done, (unsigned long long)total(0));
			break;
		}
	}
	EXPECT_TRUE(fired >= 3u, "the error hit inside the handler %u times of 16 (expected >= 3)",
		    fired);
	/* BLOCK, then an error, both before the interrupt is serviced. */
	reset();
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 8);
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 4);
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(-EIO, cbs.status[1]);
	/* Restarted from the error callback, and failing at once again. */
	reset();
	make(&cfg, blk, 1, 64, 0);
	cbs.restart_on_error = true;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	(void)pl08x_si_run(0, 2);
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 2); /* fails; the callback restarts ... */
	pl08x_si_inject_bus_error(0);
	pl08x_isr(dev);
	(void)pl08x_si_run(0, 2); /* ... and the restarted transfer fails too */
	service();
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(-EIO, cbs.status[1]);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(false, pl08x_si_irq());
	ttest_end();
}

/* The hardware moves a unit every @c every register accesses of the handler. */
static struct {
	unsigned every, budget, moved;
} racing;

static void run_while_handling(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)off;
	(void)write;
	(void)arg;
	if (racing.budget != 0u && n % racing.every == 0u) {
		racing.moved += pl08x_si_run(0, 1);
		racing.budget--;
	}
}

/*
 * Found by the outside review: items (one word each) ending faster than the
 * handler can read a consistent position. Every item end is one event,
 * reported by the time the line is quiet, none invented; total_copied
 * equals the bytes moved.
 */
static void test_items_ending_faster_than_the_handler(void)
{
	static struct dma_block_config ring[16];

	if (!ttest_begin("pl08x-silicon/items-ending-during-every-register-read")) {
		return;
	}
	for (unsigned every = 1; every <= 8; every++) {
		for (unsigned pre = 1; pre <= 20; pre++) {
			unsigned long items0;
			unsigned moved;

			reset();
			make(&cfg, blk, 1, 8, 0)->cyclic = 1;
			cfg.complete_callback_en = 1;
			cfg.half_complete_callback_en = 1;
			/* 16 blocks of 8 bytes: 32 one-word items per lap. */
			for (uint32_t b = 0; b < 16u; b++) {
				ring[b] = blk[0];
				ring[b].source_address = BUS_SRC + 8u * b;
				ring[b].dest_address = BUS_DST + 8u * b;
				ring[b].next_block = b + 1u < 16u ? &ring[b + 1u] : NULL;
			}
			cfg.block_count = 16;
			cfg.head_block = ring;
			ASSERT_EQ(0, dma_config(dev, 0, &cfg));
			ASSERT_EQ(0, dma_start(dev, 0));
			items0 = pl08x_si_items(0);
			moved = pl08x_si_run(0, pre);
			racing.every = every;
			racing.budget = 10; /* with pre, well under a lap (32 units) late */
			racing.moved = 0;
			pl08x_si_set_access_hook(run_while_handling, NULL);
			pl08x_isr(dev);
			pl08x_si_set_access_hook(NULL, NULL);
			moved += racing.moved;
			service();
			if (cbs.n != pl08x_si_items(0) - items0 || total(0) != moved * 4u) {
				TT_FAIL("a unit every %u accesses, %u before: expected %lu events and %u "
					"bytes, got %u and %llu",
					every, pre, pl08x_si_items(0) - items0, moved * 4u, cbs.n,
					(unsigned long long)total(0));
				every = 9;
				break;
			}
			(void)dma_stop(dev, 0);
		}
	}
	ttest_end();
}

/*
 * Items of unequal sizes (a block longer than one item's 4095 units): each
 * block end is reported once, in order, in one-shot and cyclic transfers,
 * serviced late or on time.
 */
static void test_unequal_items(void)
{
	if (!ttest_begin("pl08x-silicon/blocks-split-in-unequal-items")) {
		return;
	}
	for (int cyclic = 0; cyclic <= 1; cyclic++) {
		reset();
		make(&cfg, blk, 2, 8, 0)->complete_callback_en = 1;
		cfg.source_data_size = 1;
		cfg.dest_data_size = 1;
		cfg.cyclic = (uint32_t)cyclic;
		blk[0].block_size = 4100; /* items of 4095 and 5 bytes */
		blk[1].source_address = BUS_SRC + 4100u;
		blk[1].dest_address = BUS_DST + 4100u;
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		(void)pl08x_si_run(0, 4096); /* into the 5-byte item: nothing ended yet but item 0 */
		service();
		EXPECT_EQ(0u, cbs.n);
		(void)pl08x_si_run(0, 4); /* block 0 ends */
		service();
		EXPECT_EQ(1u, cbs.n);
		(void)pl08x_si_run(0, 8); /* block 1 ends: done, or a lap */
		service();
		EXPECT_EQ(2u, cbs.n);
		EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
		EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
		EXPECT_EQ(4108u, total(0));
		if (cyclic) {
			(void)pl08x_si_run(0, 4108); /* a whole lap, serviced late */
			service();
			EXPECT_EQ(4u, cbs.n);
			EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[2]);
			EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[3]);
			EXPECT_EQ(2u * 4108u, total(0));
			(void)dma_stop(dev, 0);
		}
		EXPECT_EQ(0, memcmp(src_mem, dst_mem, 4108));
	}
	ttest_end();
}

/* The hardware moves a unit before each second LLI read of the handler. */
static struct {
	unsigned lli_reads, budget, moved;
} outrun;

static void outrun_every_try(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)n;
	(void)arg;
	if (!write && off == PL08X_SI_CH(0) + PL08X_SI_CLLI && ++outrun.lli_reads % 2u == 0u &&
	    outrun.budget != 0u) {
		outrun.budget--;
		outrun.moved += pl08x_si_run(0, 1);
	}
}

/*
 * Second outside review: a ring whose only interrupting item is the lap's
 * last, with the hardware moving inside every try of the handler's
 * position reading (less than a lap late in all). The lap is counted once:
 * a TC bit already explained by the observation must not be owed to the
 * next one (it invented a second lap).
 */
static void test_outrun_reading_no_invented_lap(void)
{
	static struct dma_block_config ring[16];
	unsigned moved;

	if (!ttest_begin("pl08x-silicon/outrun-in-every-try-no-invented-lap")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 4, 0)->cyclic = 1; /* per-block callbacks off: I on the lap end only */
	for (uint32_t b = 0; b < 16u; b++) {
		ring[b] = blk[0];
		ring[b].source_address = BUS_SRC + 4u * b;
		ring[b].dest_address = BUS_DST + 4u * b;
		ring[b].next_block = b + 1u < 16u ? &ring[b + 1u] : NULL;
	}
	cfg.block_count = 16;
	cfg.head_block = ring;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	moved = pl08x_si_run(0, 17); /* the lap end (TC), and one unit */
	outrun.lli_reads = 0;
	outrun.budget = 8;
	outrun.moved = 0;
	pl08x_si_set_access_hook(outrun_every_try, NULL);
	pl08x_isr(dev);
	pl08x_si_set_access_hook(NULL, NULL);
	moved += outrun.moved;
	service();
	EXPECT_EQ(moved / 16u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(moved * 4u, total(0));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/* From channel 0's completion callback: recover channel 1 and run it again. */
static bool restart_other_on_complete;

static void multi_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	cb(d, user_data, ch, status);
	if (restart_other_on_complete && ch == 0u && status == DMA_STATUS_COMPLETE) {
		(void)dma_stop(d, 1);
		cbs.restart_ret = dma_start(d, 1);
	}
}

/*
 * Second outside review: channel 1 fails and channel 0 completes before one
 * interrupt; channel 0's callback restarts channel 1. The old error must not
 * reach the new transfer (the handler read the error status once at its top
 * and gave it to the restarted channel, which then finished silently).
 */
static void test_error_of_a_restarted_channel(void)
{
	static struct dma_config c1;
	static struct dma_block_config b1[4];
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/old-error-not-given-to-a-channel-restarted-meanwhile")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->dma_callback = multi_cb;
	make(&c1, b1, 1, 64, 1024)->dma_callback = multi_cb;
	b1[0].source_address = BUS_SRC + 1024u;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_config(dev, 1, &c1));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_start(dev, 1));
	(void)pl08x_si_run(0, 100); /* channel 0 done: TC */
	(void)pl08x_si_run(1, 2);
	pl08x_si_inject_bus_error(1);
	(void)pl08x_si_run(1, 2); /* channel 1 fails */
	restart_other_on_complete = true;
	pl08x_isr(dev); /* one interrupt for both */
	restart_other_on_complete = false;
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(1u, cbs.n); /* channel 0's COMPLETE only: channel 1 was stopped */
	EXPECT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_EQ(true, st.busy); /* the restarted transfer runs */
	EXPECT_EQ(16u, pl08x_si_run(1, 100));
	service();
	EXPECT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	(void)dma_stop(dev, 0);
	(void)dma_stop(dev, 1);
	ttest_end();
}

/*
 * The item pool's boundary: blocks that need exactly PL08X_LLI_PER_CHANNEL
 * items of 4095 units are accepted; one unit more in the last block needs
 * one more item (of a single unit) and is refused, so the driver never lays
 * items past its pool.
 */
static void test_item_pool_boundary(void)
{
	const uint32_t sizes[3] = {4095u * (PL08X_LLI_PER_CHANNEL / 2u),
				   4095u * (PL08X_LLI_PER_CHANNEL / 2u - 1u), 4095u};

	if (!ttest_begin("pl08x-silicon/item-pool-boundary-one-unit-past-refused")) {
		return;
	}
	reset();
	make(&cfg, blk, 3, 64, 0);
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	for (uint32_t i = 0, at = 0; i < 3u; at += sizes[i], i++) {
		blk[i].source_address = BUS_SRC + at;
		blk[i].dest_address = BUS_DST + at;
		blk[i].block_size = sizes[i];
	}
	EXPECT_EQ(0, dma_config(dev, 0, &cfg)); /* 32 + 31 + 1 items */
	blk[2].block_size = 4096u;                /* 32 + 31 + 2 */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	ttest_end();
}

/* Defect 5: a request line above 15 is refused, with the driver's reason. */
static void test_slot_out_of_range(void)
{
	if (!ttest_begin("pl08x-silicon/dma_slot-above-15-refused-with-reason")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.dma_slot = 16;
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "dma_slot") != NULL,
		    "reason: expected one naming dma_slot, got %s",
		    last_reason != NULL ? last_reason : "(none)");
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_INCREMENT;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.dma_slot = 31;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	cfg.dma_slot = 15;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	dma_set_refusal_hook(NULL);
	ttest_end();
}

/*
 * A block longer than one item (4095 source units) with bytes read and
 * words written: every item must end on a whole destination word, or the
 * FIFO is left holding bytes that no item writes (the TRM calls that
 * undefined). The copy is exact and completes once.
 */
static void test_mixed_widths_over_many_items(void)
{
	if (!ttest_begin("pl08x-silicon/bytes-to-words-over-several-items-exact")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 5000, 0);
	cfg.source_data_size = 1;
	cfg.dest_data_size = 4;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(5000u, pl08x_si_run(0, 6000));
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_TRUE(memcmp(src_mem, dst_mem, 5000) == 0, "destination: expected the 5000 source bytes");
	EXPECT_EQ(0u, dst_mem[5000]);
	ttest_end();
}

/*
 * A fixed address stays fixed over every item of a long block: a fixed
 * destination (a data register) receives every unit at its one address, a
 * fixed source (a fill pattern) gives the same unit to every destination.
 */
static void test_fixed_addresses_over_many_items(void)
{
	uint32_t bad = 0;

	if (!ttest_begin("pl08x-silicon/fixed-address-kept-across-items")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 4100, 0); /* two items: 4095 + 5 units */
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(4100u, pl08x_si_run(0, 5000));
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(src_mem[4099], dst_mem[0]);
	EXPECT_EQ(0u, dst_mem[1]);

	reset();
	make(&cfg, blk, 1, 4100, 0);
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(4100u, pl08x_si_run(0, 5000));
	service();
	EXPECT_EQ(1u, cbs.n);
	for (uint32_t i = 0; i < 4100u; i++) {
		bad += dst_mem[i] != src_mem[0] ? 1u : 0u;
	}
	EXPECT_EQ(0u, bad);
	ttest_end();
}

/*
 * Half-complete callbacks on a block list without per-block callbacks:
 * one HALF_COMPLETE at each block's midpoint, the COMPLETE at the end, and
 * nothing at the end of the first block.
 */
static void test_half_points_without_block_callbacks(void)
{
	if (!ttest_begin("pl08x-silicon/half-per-block-no-block-callbacks")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 64, 0)->half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	for (int i = 0; i < 8; i++) {
		(void)pl08x_si_run(0, 4); /* 16 bytes a step, the handler after each */
		service();
	}
	ASSERT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[2]);
	ttest_end();
}

/*
 * A bus error latched and not yet served when the transfer is stopped: the
 * stop clears it (the interrupt line falls) and the next transfer on the
 * channel neither hears it nor fails.
 */
static void test_stop_clears_a_latched_error(void)
{
	if (!ttest_begin("pl08x-silicon/stop-with-latched-error-then-restart")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 4);
	EXPECT_EQ(true, pl08x_si_irq_err());
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(false, pl08x_si_irq());
	ASSERT_EQ(0, dma_start(dev, 0));
	service();
	EXPECT_EQ(0u, cbs.n);
	expect_whole_64_byte_copy();
	ttest_end();
}

/*
 * The handler's reading outrun in all its tries, the last one by a lap's
 * end: the terminal count it read stands for an end after the position it
 * kept, and is owed to the next observation. Channel 0 moves a unit inside
 * each of the first tries (their TC read); then, before the re-served
 * reading, @p then_units more (none crossing a lap end).
 */
static struct {
	unsigned src_reads, lli_reads, then_units;
} owe;

static void outrun_to_the_lap_end(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)n;
	(void)arg;
	if (write) {
		return;
	}
	if (off == PL08X_SI_CH(0) + PL08X_SI_CSRC && ++owe.src_reads <= 8u) {
		(void)pl08x_si_run(0, 1);
	}
	if (off == PL08X_SI_CH(0) + PL08X_SI_CLLI && ++owe.lli_reads == 17u) {
		(void)pl08x_si_run(0, owe.then_units);
	}
}

/* A ring of 16 one-word blocks, I on the lap end only, 24 units moved. */
static void start_owed_lap_ring(struct dma_config *c, struct dma_block_config *ring)
{
	make(c, blk, 1, 4, 0)->cyclic = 1;
	for (uint32_t b = 0; b < 16u; b++) {
		ring[b] = blk[0];
		ring[b].source_address = BUS_SRC + 4u * b;
		ring[b].dest_address = BUS_DST + 4u * b;
		ring[b].next_block = b + 1u < 16u ? &ring[b + 1u] : NULL;
	}
	c->block_count = 16;
	c->head_block = ring;
	ASSERT_EQ(0, dma_config(dev, 0, c));
	ASSERT_EQ(0, dma_start(dev, 0));
	/* A lap and half the next: TC latched; the tries then reach the lap end. */
	EXPECT_EQ(24u, pl08x_si_run(0, 24));
	memset(&owe, 0, sizeof(owe));
}

/*
 * The owed lap end is counted by the next observation even when that one
 * finds the channel exactly where the last was, a lap on, with no terminal
 * count of its own (the bit was cleared by the outrun try): 47 units moved,
 * two laps ended, and total_copied and the lap callbacks say so.
 */
static void test_owed_lap_end_counted_next(void)
{
	static struct dma_block_config ring[16];

	if (!ttest_begin("pl08x-silicon/lap-end-read-by-an-outrun-try-counted-next")) {
		return;
	}
	reset();
	start_owed_lap_ring(&cfg, ring);
	owe.then_units = 15; /* to unit 15 of the third lap: the position kept */
	pl08x_si_set_access_hook(outrun_to_the_lap_end, NULL);
	pl08x_isr(dev);
	pl08x_si_set_access_hook(NULL, NULL);
	EXPECT_EQ(47u * 4u, total(0));
	EXPECT_EQ(2u, count(DMA_STATUS_COMPLETE));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/*
 * The same outrun reading, and the lap's callback restarts the channel: the
 * lap end owed to the old transfer is not given to the new one (which has
 * moved nothing, so nothing is counted).
 */
static void test_owed_lap_end_not_given_to_a_restart(void)
{
	static struct dma_block_config ring[16];
	static struct dma_block_config ring2[16];

	if (!ttest_begin("pl08x-silicon/lap-end-owed-to-a-stopped-ring-not-given-to-the-next")) {
		return;
	}
	reset();
	start_owed_lap_ring(&cfg, ring);
	/* The restart configuration: the same ring, its own block list. */
	memcpy(&cfg2, &cfg, sizeof(cfg2));
	memcpy(ring2, ring, sizeof(ring2));
	for (uint32_t b = 0; b + 1u < 16u; b++) {
		ring2[b].next_block = &ring2[b + 1u];
	}
	cfg2.head_block = ring2;
	cbs.restart_at = 1; /* the first lap's COMPLETE */
	cbs.cfg_next = &cfg2;
	pl08x_si_set_access_hook(outrun_to_the_lap_end, NULL);
	pl08x_isr(dev);
	pl08x_si_set_access_hook(NULL, NULL);
	EXPECT_EQ(0, cbs.restart_ret);
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(0u, total(0));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/*
 * A slow bus (the model's disable lag): a stop returns only once the
 * controller shows the channel off (after it, the channel touches nothing
 * and its registers may be written), and the next start works at once.
 */
static void test_stop_waits_for_the_channel_to_turn_off(void)
{
	if (!ttest_begin("pl08x-silicon/stop-returns-once-the-channel-shows-off")) {
		return;
	}
	start_64_byte_copy_a_quarter_done();
	pl08x_si_set_disable_lag(0, 50);
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(0u, pl08x_si_peek(PL08X_SI_ENBLDCHNS));
	EXPECT_EQ(16u, total(0));
	ASSERT_EQ(0, dma_start(dev, 0));
	expect_whole_64_byte_copy();
	ttest_end();
}

/*
 * A bus stalled longer than the driver waits: the stop gives up (it cannot
 * fail), and a start while the controller still shows the channel enabled
 * is refused with -EBUSY and a reason, writing none of the channel's
 * registers; once the bus lets go, a start runs the transfer whole.
 */
static void test_start_refused_while_a_stalled_stop_lasts(void)
{
	if (!ttest_begin("pl08x-silicon/start-after-a-stalled-stop-ebusy-then-runs")) {
		return;
	}
	start_64_byte_copy_a_quarter_done();
	pl08x_si_set_disable_lag(0, 250000);
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(1u, pl08x_si_peek(PL08X_SI_ENBLDCHNS));
	last_reason = NULL;
	dma_set_refusal_hook(refusal);
	EXPECT_EQ(-EBUSY, dma_start(dev, 0));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(last_reason != NULL && strstr(last_reason, "enabled") != NULL,
		    "reason: expected one saying the channel still shows enabled, got %s",
		    last_reason != NULL ? last_reason : "(none)");
	EXPECT_EQ(0u, pl08x_si_misuse());
	ASSERT_EQ(0, dma_start(dev, 0)); /* the bus has let go meanwhile */
	expect_whole_64_byte_copy();
	ttest_end();
}

/*
 * The read position of a ring whose source and destination units are the
 * same size (nothing waits in the FIFO: read = write), and of a ring with a
 * fixed source (a peripheral's data register: no address to read it from,
 * so the written position stands for it).
 */
static void test_read_position_equal_widths_and_fixed_source(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/cyclic-read-position-equal-widths-fixed-source")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 64, 0)->cyclic = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(10u, pl08x_si_run(0, 10));
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(40u, st.write_position);
	EXPECT_EQ(40u, st.read_position);
	EXPECT_EQ(0, dma_stop(dev, 0));

	reset();
	make(&cfg, blk, 1, 64, 0)->cyclic = 1;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(6u, pl08x_si_run(0, 6));
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(24u, st.write_position);
	EXPECT_EQ(24u, st.read_position);
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/*
 * A ring fails in its second block, and the handler reports the first
 * block's end before the error: inside that BLOCK callback the channel is
 * still busy, and its status shows the bytes the ring moved, read and
 * written alike (the hardware has stopped; its last reading stands).
 */
static void test_ring_status_inside_the_callback_before_an_error(void)
{
	if (!ttest_begin("pl08x-silicon/ring-status-in-block-callback-before-its-error")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 16, 0)->cyclic = 1;
	cfg.complete_callback_en = 1;
	cbs.status_at_block = true;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(5u, pl08x_si_run(0, 5)); /* block 0, and a word of block 1 */
	pl08x_si_inject_bus_error(0);
	(void)pl08x_si_run(0, 4);
	service();
	ASSERT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(-EIO, cbs.status[1]);
	EXPECT_EQ(true, cbs.seen.busy);
	EXPECT_EQ(cbs.seen.write_position, cbs.seen.read_position);
	EXPECT_TRUE(cbs.seen.write_position >= 16u,
		    "write position in the BLOCK callback: expected the first block's 16 "
		    "bytes or more, got %u",
		    (unsigned)cbs.seen.write_position);
	ttest_end();
}

/* The transfer ends between the handler's TC read and its enabled read. */
static void end_before_the_enabled_read(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)n;
	(void)arg;
	if (!write && off == PL08X_SI_ENBLDCHNS) {
		(void)pl08x_si_run(0, 100);
	}
}

/*
 * The last item ends inside the handler's reading, after it read (and
 * cleared) the TC bit and before it saw the channel off: the completion is
 * reported once, with every byte counted, and the TC bit latched by the end
 * does not keep the interrupt line high (the next entry of the handler
 * finds a finished channel and clears it, reporting nothing).
 */
static void test_end_inside_the_reading(void)
{
	if (!ttest_begin("pl08x-silicon/end-between-tc-read-and-enabled-read")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 32, 0)->complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(10u, pl08x_si_run(0, 10)); /* block 0 and two words of block 1 */
	pl08x_si_set_access_hook(end_before_the_enabled_read, NULL);
	pl08x_isr(dev);
	pl08x_si_set_access_hook(NULL, NULL);
	service();
	EXPECT_EQ(false, pl08x_si_irq());
	ASSERT_EQ(2u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(64u, total(0));
	EXPECT_EQ(0, memcmp(src_mem, dst_mem, 64));
	ttest_end();
}

/*
 * The hardware ends an item inside every try of the read position's reading
 * (before its source address read), the last time going a byte into the
 * next item: the reading gives up with an item from before and a source
 * address from after. The read position must not take that address for
 * the item's (17 bytes "read ahead" of a write position that a 4-byte
 * destination unit keeps at most 3 behind).
 */
static unsigned src_reads;

static void outrun_the_source_read(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)n;
	(void)arg;
	if (write || off != PL08X_SI_CH(0) + PL08X_SI_CSRC) {
		return;
	}
	src_reads++;
	/* #1, #2: the written count's readings; #3..#10: the tries. */
	if (src_reads >= 3u && src_reads <= 10u) {
		(void)pl08x_si_run_item(0);
	}
	if (src_reads == 10u) {
		(void)pl08x_si_run(0, 1);
	}
}

static void test_read_position_outrun_reading(void)
{
	static struct dma_block_config ring[9];
	struct dma_status st;

	if (!ttest_begin("pl08x-silicon/read-position-of-an-outrun-reading-within-the-fifo")) {
		return;
	}
	reset();
	make(&cfg, blk, 1, 16, 0)->cyclic = 1;
	cfg.source_data_size = 1;
	cfg.dest_data_size = 4;
	for (uint32_t b = 0; b < 9u; b++) {
		ring[b] = blk[0];
		ring[b].source_address = BUS_SRC + 16u * b;
		ring[b].dest_address = BUS_DST + 16u * b;
		ring[b].next_block = b + 1u < 9u ? &ring[b + 1u] : NULL;
	}
	cfg.block_count = 9;
	cfg.head_block = ring;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(3u, pl08x_si_run(0, 3));
	src_reads = 0;
	pl08x_si_set_access_hook(outrun_the_source_read, NULL);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	pl08x_si_set_access_hook(NULL, NULL);
	EXPECT_EQ(10u, src_reads);
	EXPECT_TRUE((st.read_position + 144u - st.write_position) % 144u < 4u,
		    "read position: expected at most 3 bytes ahead of the write position %u, "
		    "got %u",
		    (unsigned)st.write_position, (unsigned)st.read_position);
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

/*
 * A ring's interrupt served late (less than a lap, as the driver requires):
 * one observation spans the lap's end and reports the events after it
 * too, in order: the lap's COMPLETE, then the next lap's BLOCK.
 */
static void test_late_ring_events_across_the_lap_end(void)
{
	if (!ttest_begin("pl08x-silicon/late-ring-interrupt-events-after-the-lap-end-too")) {
		return;
	}
	reset();
	make(&cfg, blk, 2, 16, 0)->cyclic = 1;
	cfg.complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(6u, pl08x_si_run(0, 6)); /* block 0 and half of block 1 */
	service();
	EXPECT_EQ(1u, cbs.n);
	EXPECT_EQ(7u, pl08x_si_run(0, 7)); /* the lap's end, block 0 of the next lap, a word */
	service();
	ASSERT_EQ(3u, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[2]);
	EXPECT_EQ(52u, total(0));
	EXPECT_EQ(0, dma_stop(dev, 0));

	/* With half points too, served at 20 bytes then at 48: after the
	 * lap's end, the next lap's points from its first (HALF at 8, BLOCK
	 * at 16), none skipped for lying before 20 in the lap. */
	reset();
	make(&cfg, blk, 2, 16, 0)->cyclic = 1;
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(5u, pl08x_si_run(0, 5));
	service();
	EXPECT_EQ(2u, cbs.n); /* HALF, BLOCK */
	EXPECT_EQ(7u, pl08x_si_run(0, 7));
	service();
	ASSERT_EQ(6u, cbs.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[2]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[3]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, cbs.status[4]);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[5]);
	EXPECT_EQ(48u, total(0));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	if (ttest_begin("pl08x-silicon/device-ready-on-the-model")) {
		EXPECT_EQ(true, device_is_ready(dev));
		ttest_end();
	}
	/* What the boot loader left (model_power_on) is stopped and cleared by
	 * init: no channel runs on, no stale interrupt reaches the application. */
	if (ttest_begin("pl08x-silicon/init-stops-and-clears-what-a-boot-loader-left")) {
		EXPECT_EQ(0u, pl08x_si_peek(PL08X_SI_ENBLDCHNS));
		EXPECT_EQ(0u, pl08x_si_peek(PL08X_SI_RAWINTTCSTATUS));
		EXPECT_EQ(0u, pl08x_si_peek(PL08X_SI_RAWINTERRSTATUS));
		EXPECT_EQ(false, pl08x_si_irq());
		EXPECT_EQ(0u, pl08x_si_run(0, 100));
		ttest_end();
	}
	map_memory();
	test_data_ordered_around_the_transfer();
	test_fast_path_restart_after_reload();
	test_fast_path_reload_same_size();
	test_fast_path_reload_fixed_sides();
	test_fast_path_reload_one_byte_after_blocks();
	test_fast_path_chained_without_callback();
	test_fast_path_restart_after_stop_at_the_end();
	test_fast_path_restart_after_stop_mid_transfer();
	test_fast_path_one_interrupt();
	test_fast_path_half_at_the_last_point();
	test_sweep_handler_interleavings();
	test_fast_path_error_at_the_end();
	test_cyclic_one_block_laps();
	test_cyclic_lap_ends_inside_handler();
	test_cyclic_total_monotonic_across_wrap();
	test_restart_from_callback_drops_old_events();
	test_restart_from_lap_callback();
	test_late_interrupt_events_in_order();
	test_bus_error();
	test_stop_leaves_nothing_latched();
	test_read_position_ahead_of_write();
	test_slot_out_of_range();
	test_unequal_items();
	test_item_pool_boundary();
	test_outrun_reading_no_invented_lap();
	test_error_of_a_restarted_channel();
	test_finished_transfer_status_inside_block_callback();
	test_errors_around_the_handler();
	test_items_ending_faster_than_the_handler();
	test_mixed_widths_over_many_items();
	test_fixed_addresses_over_many_items();
	test_half_points_without_block_callbacks();
	test_stop_clears_a_latched_error();
	test_owed_lap_end_counted_next();
	test_owed_lap_end_not_given_to_a_restart();
	test_stop_waits_for_the_channel_to_turn_off();
	test_start_refused_while_a_stalled_stop_lasts();
	test_read_position_equal_widths_and_fixed_source();
	test_ring_status_inside_the_callback_before_an_error();
	test_end_inside_the_reading();
	test_read_position_outrun_reading();
	test_late_ring_events_across_the_lap_end();
	/* Over every case above, init included: nothing the TRM calls
	 * undefined, unpredictable or reserved. */
	if (ttest_begin("pl08x-silicon/no-register-misuse-in-any-case")) {
		EXPECT_TRUE(pl08x_si_misuse() == 0u,
			    "misuse of the controller: expected none, got %lu (last: %s)",
			    pl08x_si_misuse(), pl08x_si_misuse_what());
		ttest_end();
	}
	return ttest_summary("unit-pl08x-silicon") == 0 ? 0 : 1;
}
