/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The emulated controller on virtual time: events at exact times, a
 * transfer held RUNNING until time passes, a stop at an exact byte, a
 * restart from a callback starting at its event, and a trace that is the
 * same byte for byte from run to run.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma/dma_emul_periph.h"
#include "dma/dma_emul_trace.h"
#include "dma/dma_port.h"
#include "ttest.h"
#include "ttest_host.h"

/* 2 ns per byte: 500 MB/s on each channel. */
DMA_EMUL_VIRTUAL_DEFINE(vdma, "dma_emul_virtual_unit", 4, 4, 2);
DMA_EMUL_TRACE_DEFINE(vtrace, 256);

/* 1 ns per byte (1 GB/s): the fastest virtual clock. */
DMA_EMUL_VIRTUAL_DEFINE(vdma1ns, "dma_emul_virtual_1ns", 1, 1, 1);

/* 40 channels: channels 32 and up are in a second word of the scheduler's sets. */
DMA_EMUL_VIRTUAL_DEFINE(vdma40, "dma_emul_virtual_40", 40, 2, 2);

static const struct device *const dev = &vdma;
static uint8_t src[4096], dst[4096];

#define LOG_MAX 32

static struct {
	unsigned n;
	int status[LOG_MAX];
	uint64_t t_ns[LOG_MAX];
	unsigned restarts_left;
} log_;

static void cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	if (log_.n < LOG_MAX) {
		log_.status[log_.n] = status;
		log_.t_ns[log_.n] = dma_emul_now(d);
	}
	log_.n++;
	if (status == DMA_STATUS_COMPLETE && log_.restarts_left > 0u) {
		log_.restarts_left--;
		(void)dma_start(d, ch);
	}
}

static struct dma_config cfg;
static struct dma_block_config blk[2];

static void setup(uint32_t nblocks, uint32_t size, uint32_t width)
{
	memset(&log_, 0, sizeof(log_));
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (uint32_t i = 0; i < sizeof(src); i++) {
		src[i] = (uint8_t)(i * 13u + 5u);
	}
	memset(dst, 0, sizeof(dst));
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = (uintptr_t)&src[i * size];
		blk[i].dest_address = (uintptr_t)&dst[i * size];
		blk[i].block_size = size;
		blk[i].next_block = i + 1u < nblocks ? &blk[i + 1u] : NULL;
	}
	cfg.source_data_size = width;
	cfg.dest_data_size = width;
	cfg.block_count = nblocks;
	cfg.head_block = blk;
	cfg.dma_callback = cb;
}

static uint64_t total(uint32_t ch)
{
	struct dma_status st;

	(void)dma_get_status(dev, ch, &st);
	return st.total_copied;
}

/* What channel watch_ch had copied when channel watch_from completed. */
static uint32_t watch_from, watch_ch;
static uint64_t watch_total;

static void watch_other(const struct device *d, void *user_data, uint32_t ch, int status)
{
	if (ch == watch_from && status == DMA_STATUS_COMPLETE) {
		struct dma_status st;

		watch_total = dma_get_status(d, watch_ch, &st) == 0 ? st.total_copied : 0u;
	}
	cb(d, user_data, ch, status);
}

static void test_exact_times(void)
{
	uint64_t t0;

	if (!ttest_begin("emul-virtual/half-block-complete-at-exact-virtual-times")) {
		return;
	}
	setup(2, 1000, 4);
	cfg.complete_callback_en = 1;
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(4u, log_.n);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, log_.status[0]);
	EXPECT_EQ(t0 + 1000u, log_.t_ns[0]); /* 500 bytes at 2 ns */
	EXPECT_EQ(DMA_STATUS_BLOCK, log_.status[1]);
	EXPECT_EQ(t0 + 2000u, log_.t_ns[1]);
	EXPECT_EQ(DMA_STATUS_HALF_COMPLETE, log_.status[2]);
	EXPECT_EQ(t0 + 3000u, log_.t_ns[2]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[3]);
	EXPECT_EQ(t0 + 4000u, log_.t_ns[3]);
	EXPECT_EQ(0, memcmp(src, dst, 2000));
	ttest_end();
}

static void test_held_running(void)
{
	struct dma_status st;

	if (!ttest_begin("emul-virtual/running-until-time-passes-suspend-freezes-stop-at-a-byte")) {
		return;
	}
	setup(1, 4000, 1);
	ASSERT_EQ(0, dma_config(dev, 1, &cfg));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_TRUE(st.busy, "not busy before any time passed");
	EXPECT_EQ(0u, st.total_copied);
	ASSERT_EQ(0, dma_emul_advance(dev, 600u));
	EXPECT_EQ(300u, total(1)); /* 600 ns at 2 ns per byte */
	ASSERT_EQ(0, dma_suspend(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 100000u));
	EXPECT_EQ(300u, total(1));
	ASSERT_EQ(0, dma_resume(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 202u));
	EXPECT_EQ(401u, total(1));
	ASSERT_EQ(0, dma_stop(dev, 1));
	EXPECT_EQ(401u, total(1));
	EXPECT_EQ(0, memcmp(src, dst, 401));
	EXPECT_EQ(0u, dst[401]);
	EXPECT_EQ(0u, log_.n);
	ttest_end();
}

static void test_restart_at_event_time(void)
{
	uint64_t t0;

	if (!ttest_begin("emul-virtual/restart-from-the-callback-starts-at-its-event")) {
		return;
	}
	setup(1, 800, 4);
	log_.restarts_left = 2;
	ASSERT_EQ(0, dma_config(dev, 2, &cfg));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(0, dma_start(dev, 2));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(3u, log_.n);
	EXPECT_EQ(t0 + 1600u, log_.t_ns[0]);
	EXPECT_EQ(t0 + 3200u, log_.t_ns[1]);
	EXPECT_EQ(t0 + 4800u, log_.t_ns[2]);
	ttest_end();
}

/* Two channels, a callback restarting one, a suspend: written as VCD. */
static size_t scenario_vcd(char *out, size_t room)
{
	FILE *f;
	size_t n;

	setup(2, 512, 4);
	cfg.complete_callback_en = 1;
	log_.restarts_left = 1;
	(void)dma_config(dev, 0, &cfg);
	(void)dma_emul_trace_start(dev, &vtrace);
	(void)dma_start(dev, 0);
	(void)dma_emul_advance(dev, 700u);
	(void)dma_config(dev, 3, &cfg);
	(void)dma_start(dev, 3);
	(void)dma_emul_advance(dev, 900u);
	(void)dma_suspend(dev, 3);
	(void)dma_emul_advance(dev, 1000u);
	(void)dma_resume(dev, 3);
	(void)dma_emul_run_until_idle(dev, 1000000u);
	(void)dma_emul_trace_start(dev, NULL);
	f = tmpfile();
	if (f == NULL) {
		return 0;
	}
	(void)dma_emul_trace_write_vcd(&vtrace, 4, f);
	rewind(f);
	n = fread(out, 1, room, f);
	(void)fclose(f);
	return n;
}

static void test_identical_traces(void)
{
	static char a[65536], b[65536];
	size_t na, nb;

	if (!ttest_begin("emul-virtual/the-same-program-writes-a-byte-identical-vcd")) {
		return;
	}
	na = scenario_vcd(a, sizeof(a));
	nb = scenario_vcd(b, sizeof(b));
	EXPECT_TRUE(na > 200u, "the VCD has %zu bytes", na);
	EXPECT_EQ(na, nb);
	EXPECT_TRUE(na == nb && memcmp(a, b, na) == 0, "the two VCD files differ");
	/* Channel 0's 512 bytes end 1024 ns after the trace starts: the VCD
	 * (in ps) has its block event at exactly that time. */
	a[na < sizeof(a) ? na : sizeof(a) - 1u] = '\0';
	EXPECT_TRUE(strstr(a, "\n#1024000\n") != NULL, "no VCD time #1024000 (1024 ns)");
	ttest_end();
}

/* A callback sees every other channel as it is at the callback's time. */
static uint64_t seen_other;
static bool seen_other_busy;

static void look_at_channel_0(const struct device *d, void *user_data, uint32_t ch, int status)
{
	struct dma_status st;

	(void)user_data;
	(void)ch;
	if (status == DMA_STATUS_COMPLETE) {
		(void)dma_get_status(d, 0, &st);
		seen_other = st.total_copied;
		seen_other_busy = st.busy;
	}
}

static void test_time_order_across_channels(void)
{
	static struct dma_config cfg1;
	static struct dma_block_config blk1;

	if (!ttest_begin("emul-virtual/a-callback-sees-other-channels-at-its-own-time")) {
		return;
	}
	setup(1, 1000, 4); /* channel 0: 1000 bytes, done at 2000 ns */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	cfg1 = cfg;
	blk1 = blk[0];
	blk1.source_address = (uintptr_t)&src[2000];
	blk1.dest_address = (uintptr_t)&dst[2000];
	blk1.block_size = 400; /* channel 1: 400 bytes, done at 800 ns */
	cfg1.head_block = &blk1;
	cfg1.dma_callback = look_at_channel_0;
	ASSERT_EQ(0, dma_config(dev, 1, &cfg1));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 5000u)); /* both end within this one advance */
	EXPECT_EQ(400u, seen_other);                /* channel 0 at 800 ns */
	EXPECT_TRUE(seen_other_busy, "channel 0 was not running at 800 ns");
	EXPECT_EQ(1000u, total(0));
	ttest_end();
}

/* Channel 1's transfer ends at the same instant as channel 0's. */
static uint64_t seen_1_total;
static uint32_t seen_1_pending;
static int stop_1_ret = 1;

static void stop_channel_1(const struct device *d, void *user_data, uint32_t ch, int status)
{
	struct dma_status st;

	(void)user_data;
	if (ch == 0u && status == DMA_STATUS_COMPLETE) {
		(void)dma_get_status(d, 1, &st);
		seen_1_total = st.total_copied;
		seen_1_pending = st.pending_length;
		stop_1_ret = dma_stop(d, 1);
	}
}

static void test_same_instant(void)
{
	static struct dma_config cfg1;
	static struct dma_block_config blk1;

	if (!ttest_begin("emul-virtual/a-callback-sees-a-channel-whose-event-is-due-at-the-same-instant")) {
		return;
	}
	setup(1, 400, 4); /* channels 0 and 1: 400 bytes each, both done at 800 ns */
	cfg.dma_callback = stop_channel_1;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	cfg1 = cfg;
	blk1 = blk[0];
	blk1.source_address = (uintptr_t)&src[2000];
	blk1.dest_address = (uintptr_t)&dst[2000];
	cfg1.head_block = &blk1;
	ASSERT_EQ(0, dma_config(dev, 1, &cfg1));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 800u));
	/* At 800 ns channel 1 has moved all its bytes; its completion is due
	 * next, like a pending interrupt. Stopped then, it keeps them all. */
	EXPECT_EQ(400u, seen_1_total);
	EXPECT_EQ(0u, seen_1_pending);
	EXPECT_EQ(0, stop_1_ret);
	EXPECT_EQ(400u, total(1));
	EXPECT_EQ(0, memcmp(&src[2000], &dst[2000], 400));
	ttest_end();
}

/* The calls that would make time wrong are refused. */
static int nested_ret = 1, nested_idle_ret[2] = {1, 1};
static uint64_t nested_now;
static bool nested_in_isr[2];

static void advance_from_callback(const struct device *d, void *user_data, uint32_t ch, int status)
{
	const unsigned i = status == DMA_STATUS_HALF_COMPLETE ? 0u : 1u;

	(void)user_data;
	(void)ch;
	if (status == DMA_STATUS_HALF_COMPLETE) {
		nested_ret = dma_emul_advance(d, 100u);
		nested_now = dma_emul_now(d);
	}
	/* At the half point the channel runs; at the completion none does. */
	nested_idle_ret[i] = dma_emul_run_until_idle(d, 100u);
	nested_in_isr[i] = dma_port_in_isr();
	cb(d, user_data, ch, status);
}

static void test_time_rules(void)
{
	uint64_t t0;

	if (!ttest_begin("emul-virtual/run-until-idle-stops-at-the-end-and-time-never-goes-back")) {
		return;
	}
	setup(1, 1000, 4); /* 2000 ns */
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(-EBUSY, dma_emul_run_until_idle(dev, 1500u));
	EXPECT_EQ(t0 + 1500u, dma_emul_now(dev));
	EXPECT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	EXPECT_EQ(t0 + 2000u, dma_emul_now(dev)); /* the completion, not a slice later */
	EXPECT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	EXPECT_EQ(t0 + 2000u, dma_emul_now(dev)); /* idle: no time passes */
	/* An advance that would wrap virtual time: refused, nothing changes. */
	EXPECT_EQ(-EINVAL, dma_emul_advance(dev, UINT64_MAX));
	EXPECT_EQ(t0 + 2000u, dma_emul_now(dev));
	/* run_until_idle's bound is a most: UINT64_MAX is "no bound", at any time. */
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(0, dma_emul_run_until_idle(dev, UINT64_MAX));
	EXPECT_EQ(t0 + 4000u, dma_emul_now(dev));
	EXPECT_EQ(2u, log_.n);
	/* From a callback: refused; time passes in the outer call only. */
	setup(1, 1000, 4);
	cfg.half_complete_callback_en = 1;
	cfg.dma_callback = advance_from_callback;
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	EXPECT_EQ(-EBUSY, nested_ret);
	EXPECT_EQ(-EBUSY, nested_idle_ret[0]);
	EXPECT_EQ(-EBUSY, nested_idle_ret[1]);
	EXPECT_EQ(t0 + 1000u, nested_now);
	/* Callbacks run as from the controller's interrupt, and the caller's
	 * context is its own again after the advance. */
	EXPECT_TRUE(nested_in_isr[0] && nested_in_isr[1],
		    "dma_port_in_isr() in the callbacks: %d and %d, expected true", nested_in_isr[0],
		    nested_in_isr[1]);
	EXPECT_TRUE(!dma_port_in_isr(), "dma_port_in_isr() true after the advance");
	ASSERT_EQ(2u, log_.n);
	EXPECT_EQ(t0 + 2000u, log_.t_ns[1]);
	/* A fault where the transfer stands is due now: advance(0) gives it. */
	setup(1, 1000, 4);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_emul_advance(dev, 200u));
	ASSERT_EQ(0, dma_emul_inject_fault(dev, 0, 0, 100, -EIO));
	ASSERT_EQ(0, dma_emul_advance(dev, 0u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(-EIO, log_.status[0]);
	EXPECT_EQ(100u, total(0));
	ttest_end();
}

/* Advances shorter than a beat add up: no time is lost between them. */
static void test_small_advances_add_up(void)
{
	if (!ttest_begin("emul-virtual/advances-shorter-than-a-beat-add-up")) {
		return;
	}
	setup(1, 800, 8); /* 8-byte beats: 16 ns each at 2 ns per byte */
	ASSERT_EQ(0, dma_config(dev, 3, &cfg));
	ASSERT_EQ(0, dma_start(dev, 3));
	for (unsigned i = 0; i < 100u; i++) {
		ASSERT_EQ(0, dma_emul_advance(dev, 3u)); /* 300 ns in 3 ns steps */
	}
	EXPECT_EQ(144u, total(3)); /* 18 whole beats of 16 ns in 300 ns */
	ASSERT_EQ(0, dma_stop(dev, 3));
	ttest_end();
}

static void test_fault_at_exact_byte_and_disarm(void)
{
	uint64_t t0;

	if (!ttest_begin("emul-virtual/fault-at-an-exact-byte-and-disarmed-by-a-new-config")) {
		return;
	}
	setup(2, 400, 4);
	ASSERT_EQ(0, dma_config(dev, 2, &cfg));
	ASSERT_EQ(0, dma_emul_inject_fault(dev, 2, 1, 100, -EIO));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(0, dma_start(dev, 2));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(-EIO, log_.status[0]);
	EXPECT_EQ(t0 + 1000u, log_.t_ns[0]); /* 500 bytes at 2 ns */
	EXPECT_EQ(500u, total(2)); /* block 0 and 100 bytes of block 1 */
	EXPECT_EQ(0, memcmp(src, dst, 500));
	EXPECT_EQ(0u, dst[500]);
	/* Armed, then a new configuration: the fault belonged to the old one. */
	ASSERT_EQ(0, dma_emul_inject_fault(dev, 2, 0, 8, -EIO));
	ASSERT_EQ(0, dma_config(dev, 2, &cfg));
	log_.n = 0u;
	ASSERT_EQ(0, dma_start(dev, 2));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[0]);
	EXPECT_EQ(800u, total(2));
	/* Armed, then released and configured again: disarmed too. */
	ASSERT_EQ(0, dma_emul_inject_fault(dev, 2, 0, 8, -EIO));
	dma_release_channel(dev, 2);
	ASSERT_EQ(0, dma_config(dev, 2, &cfg));
	log_.n = 0u;
	ASSERT_EQ(0, dma_start(dev, 2));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[0]);
	ttest_end();
}

/* A receive of @p len bytes from @p uart (1000 ns a byte) on request line 3,
 * started on channel @p ch. */
static bool start_serial_rx(struct dma_emul_serial *uart, uint32_t ch, uint32_t len)
{
	setup(1, len, 1);
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = 3;
	return dma_emul_serial_init(uart, 16, 1000000u) == 0 &&
	       dma_emul_attach(dev, 3, &uart->rx) == 0 && dma_config(dev, ch, &cfg) == 0 &&
	       dma_start(dev, ch) == 0;
}

static void test_serial_bytes_move_as_they_arrive(void)
{
	static struct dma_emul_serial uart;
	uint64_t t0;

	if (!ttest_begin("emul-virtual/serial-bytes-move-when-their-frames-end")) {
		return;
	}
	ASSERT_TRUE(start_serial_rx(&uart, 0, 5), "receive of 5 bytes on channel 0 not started");
	ASSERT_EQ(0, dma_emul_advance(dev, 777u)); /* an idle line: nothing moves */
	EXPECT_EQ(0u, total(0));
	t0 = dma_emul_now(dev);
	ASSERT_EQ(5u, dma_emul_serial_feed(&uart, "abcde", 5));
	/* Byte k ends its frame at t0 + (k + 1) us and is in memory 2 ns later,
	 * whatever the steps time is advanced in. */
	ASSERT_EQ(0, dma_emul_advance(dev, 1001u));
	EXPECT_EQ(0u, total(0));
	ASSERT_EQ(0, dma_emul_advance(dev, 1u));
	EXPECT_EQ(1u, total(0));
	ASSERT_EQ(0, dma_emul_advance(dev, 1500u));
	EXPECT_EQ(2u, total(0));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[0]);
	EXPECT_EQ(t0 + 5000u + 2u, log_.t_ns[0]);
	EXPECT_EQ(0, memcmp(dst, "abcde", 5));
	(void)dma_emul_attach(dev, 3, NULL);
	ttest_end();
}

/*
 * An event at the instant a received byte lands sees it landed: a byte fed
 * at t0 ends its frame at t0 + 1000 ns and is in memory 2 ns later, on
 * channel 3; a 501-byte copy on channel 1 started at t0 ends at that same
 * instant (t0 + 1002), and its callback sees the byte moved, as a pending
 * interrupt of the same instant would.
 */
static void test_serial_byte_seen_at_the_instant_it_lands(void)
{
	static struct dma_emul_serial uart;
	uint64_t t0;

	if (!ttest_begin("emul-virtual/serial-byte-seen-by-an-event-at-the-instant-it-lands")) {
		return;
	}
	ASSERT_TRUE(start_serial_rx(&uart, 3, 2), "receive of 2 bytes on channel 3 not started");
	ASSERT_EQ(0, dma_emul_advance(dev, 100u)); /* an idle line: it waits */
	setup(1, 501, 1);
	blk[0].source_address = (uintptr_t)&src[1000];
	blk[0].dest_address = (uintptr_t)&dst[1000]; /* apart from channel 3's bytes */
	cfg.dma_callback = watch_other;
	ASSERT_EQ(0, dma_config(dev, 1, &cfg));
	watch_from = 1u;
	watch_ch = 3u;
	watch_total = 99u;
	t0 = dma_emul_now(dev);
	ASSERT_EQ(1u, dma_emul_serial_feed(&uart, "z", 1));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 2000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(t0 + 1002u, log_.t_ns[0]);
	EXPECT_TRUE(watch_total == 1u,
		    "at the copy's completion (t0 + 1002 ns) the receive channel had %llu bytes, "
		    "expected 1 (its byte landed at that instant)",
		    (unsigned long long)watch_total);
	EXPECT_EQ(1u, total(3));
	(void)dma_stop(dev, 3);
	(void)dma_emul_attach(dev, 3, NULL);
	ttest_end();
}

/*
 * Transmit: a transfer to a serial port whose FIFO fills waits for each
 * slot to free and goes on at that exact time (the port's ready_at), so its
 * completion time is the same whatever steps time is advanced in, and no
 * earlier than the frames that had to leave first.
 */
static uint64_t tx_completion_time(uint64_t step_ns, uint64_t *t0)
{
	static struct dma_emul_serial uart;
	uint64_t t = 0;

	setup(1, 20, 1);
	if (dma_emul_serial_init(&uart, 16, 1000000u) != 0 || /* 1000 ns per byte */
	    dma_emul_attach(dev, 4, &uart.tx) != 0) {
		return 0;
	}
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	cfg.dma_slot = 4;
	if (dma_config(dev, 2, &cfg) != 0) {
		return 0;
	}
	*t0 = dma_emul_now(dev);
	if (dma_start(dev, 2) != 0) {
		return 0;
	}
	for (int i = 0; i < 100000 && log_.n == 0u; i++) {
		(void)dma_emul_advance(dev, step_ns);
	}
	if (log_.n == 1u && log_.status[0] == DMA_STATUS_COMPLETE) {
		t = log_.t_ns[0] - *t0;
	}
	(void)dma_emul_attach(dev, 4, NULL);
	return t;
}

static void test_serial_tx_waits_for_free_slots(void)
{
	uint64_t t0, one_step, small_steps;

	if (!ttest_begin("emul-virtual/serial-tx-goes-on-when-a-fifo-slot-frees")) {
		return;
	}
	one_step = tx_completion_time(1000000u, &t0);
	small_steps = tx_completion_time(7u, &t0);
	/* 16 bytes fill the FIFO at once; the last 4 wait for 4 frames to leave. */
	EXPECT_TRUE(one_step >= 4000u && one_step < 5000u,
		    "completion %llu ns after the start, expected 4000..4999 (four frames)",
		    (unsigned long long)one_step);
	EXPECT_EQ(one_step, small_steps);
	ttest_end();
}

/* A model without ready_at: its data becomes readable when the test says. */
static uint32_t gate_bytes;

static uint32_t gate_readable(struct dma_emul_periph *p)
{
	(void)p;
	return gate_bytes;
}

static void gate_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	(void)p;
	memset(buf, 0xA5, n);
	gate_bytes -= n < gate_bytes ? n : gate_bytes;
}

/*
 * A waiting channel sits advances out and goes on, from the time its data
 * comes, at the next advance: on channel 1 from request line 6, and on
 * channel 0 from request line 0 (the first of each: a line like any other,
 * a channel whose waiting time passes like any other's).
 */
static void test_waiting_without_ready_at(void)
{
	static struct dma_emul_periph gate = {.readable = gate_readable, .read = gate_read};
	static const uint32_t cases[2][2] = {{1, 6}, {0, 0}}; /* channel, request line */

	if (!ttest_begin("emul-virtual/a-model-without-ready-at-goes-on-at-the-next-advance")) {
		return;
	}
	for (unsigned k = 0; k < 2u; k++) {
		const uint32_t ch = cases[k][0], line = cases[k][1];
		uint64_t t1;

		setup(1, 4, 1);
		gate_bytes = 0u;
		ASSERT_EQ(0, dma_emul_attach(dev, line, &gate));
		blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		cfg.channel_direction = PERIPHERAL_TO_MEMORY;
		cfg.dma_slot = line;
		ASSERT_EQ(0, dma_config(dev, ch, &cfg));
		ASSERT_EQ(0, dma_start(dev, ch));
		ASSERT_EQ(0, dma_emul_advance(dev, 5000u)); /* nothing to read: it waits */
		EXPECT_TRUE(total(ch) == 0u, "channel %u, line %u: %llu bytes moved with none to "
			    "read, expected 0", ch, line, (unsigned long long)total(ch));
		gate_bytes = 4u;
		t1 = dma_emul_now(dev);
		ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
		/* The waiting time is not owed: the 4 bytes take 8 ns from now. */
		ASSERT_EQ(1u, log_.n);
		EXPECT_TRUE(log_.t_ns[0] == t1 + 8u, "channel %u, line %u: completion at %+lld ns "
			    "from when the data came, expected +8", ch, line,
			    (long long)(log_.t_ns[0] - t1));
		EXPECT_EQ(0xA5u, dst[3]);
		(void)dma_emul_attach(dev, line, NULL);
	}
	ttest_end();
}

/* The kinds and values of the trace, in order, of channel @p ch. */
static unsigned trace_of(uint32_t ch, char *kinds, uint32_t *values, unsigned room)
{
	static const char letter[] = "SHBCER"; /* state half block callback error request */
	unsigned n = 0;
	uint32_t claimed = atomic_load(&vtrace.claimed);

	for (uint32_t i = 0; i < claimed && i < vtrace.capacity && n + 1u < room; i++) {
		const struct dma_emul_trace_event *e = &vtrace.events[i];

		if (e->channel == ch && e->kind != DMA_EMUL_TRACE_CALLBACK) {
			kinds[n] = letter[e->kind];
			values[n] = e->value;
			n++;
		}
	}
	kinds[n] = '\0';
	return n;
}

/*
 * A destination model on request line 0 with an error left from before the
 * start (an overrun while no transfer ran): the transfer is not failed by
 * it, and writes its bytes to the model one request at a time (1-byte
 * requests, each in the trace).
 */
static uint8_t sink_bytes[16];
static uint32_t sink_n;
static int sink_err;

static uint32_t sink_writable(struct dma_emul_periph *p)
{
	(void)p;
	return 16u;
}

static void sink_write(struct dma_emul_periph *p, const uint8_t *buf, uint32_t n)
{
	(void)p;
	for (uint32_t i = 0; i < n && sink_n < sizeof(sink_bytes); i++) {
		sink_bytes[sink_n++] = buf[i];
	}
}

static int sink_take_error(struct dma_emul_periph *p)
{
	const int e = sink_err;

	(void)p;
	sink_err = 0;
	return e;
}

static void test_stale_destination_error_and_requests(void)
{
	static struct dma_emul_periph sink = {
		.writable = sink_writable, .write = sink_write, .take_error = sink_take_error};
	static uint8_t unused[8];
	char kinds[32];
	uint32_t values[32];

	if (!ttest_begin("emul-virtual/destination-on-line-0-old-error-not-the-transfers")) {
		return;
	}
	setup(1, 6, 1);
	sink_n = 0u;
	sink_err = -EPIPE; /* happened before the transfer */
	memset(unused, 0, sizeof(unused));
	ASSERT_EQ(0, dma_emul_attach(dev, 0, &sink));
	blk[0].dest_address = (uintptr_t)unused; /* a peripheral's register: not memory */
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	cfg.dma_slot = 0;
	cfg.source_burst_length = 1;
	cfg.dest_burst_length = 1;
	ASSERT_EQ(0, dma_config(dev, 2, &cfg));
	ASSERT_EQ(0, dma_emul_trace_start(dev, &vtrace));
	ASSERT_EQ(0, dma_start(dev, 2));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	ASSERT_EQ(1u, log_.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[0]);
	EXPECT_EQ(6u, sink_n);
	EXPECT_EQ(0, memcmp(src, sink_bytes, 6));
	EXPECT_EQ(0u, unused[0]);
	(void)trace_of(2, kinds, values, sizeof(kinds));
	EXPECT_TRUE(strcmp(kinds, "SRRRRRRBS") == 0,
		    "trace \"%s\", expected \"SRRRRRRBS\" (start, six 1-byte requests, end)", kinds);
	EXPECT_EQ(1u, values[1]);
	(void)dma_emul_trace_start(dev, NULL);
	(void)dma_emul_attach(dev, 0, NULL);
	ttest_end();
}

/*
 * A peripheral channel moves at its own pace between another channel's
 * events: at the completion of 400 bytes of memory on channel 1 (800 ns,
 * in requests of 256 bytes), a channel reading from an always-ready model
 * (channel 0), or writing to one (channel 2), in requests of 1 byte, has
 * moved 400 bytes too, not a request or two.
 */
static uint32_t fountain_readable(struct dma_emul_periph *p)
{
	(void)p;
	return 16u;
}

static void fountain_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	(void)p;
	memset(buf, 0x5A, n);
}

static void test_peripheral_channels_keep_pace_with_others(void)
{
	static struct dma_emul_periph sink = {.writable = sink_writable, .write = sink_write};
	static struct dma_emul_periph fountain = {.readable = fountain_readable,
						  .read = fountain_read};

	if (!ttest_begin("emul-virtual/peripheral-channel-at-its-pace-seen-from-another-event")) {
		return;
	}
	ASSERT_EQ(0, dma_emul_attach(dev, 8, &fountain));
	ASSERT_EQ(0, dma_emul_attach(dev, 9, &sink));
	for (unsigned k = 0; k < 2u; k++) {
		const uint32_t periph_chan = k * 2u;
		uint64_t t0;

		setup(1, 1000, 1);
		if (k == 0u) {
			blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
			cfg.channel_direction = PERIPHERAL_TO_MEMORY;
			cfg.dma_slot = 8;
		} else {
			blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
			cfg.channel_direction = MEMORY_TO_PERIPHERAL;
			cfg.dma_slot = 9;
		}
		cfg.source_burst_length = 1;
		cfg.dest_burst_length = 1;
		ASSERT_EQ(0, dma_config(dev, periph_chan, &cfg));
		setup(1, 400, 4);
		blk[0].source_address = (uintptr_t)&src[2000];
		blk[0].dest_address = (uintptr_t)&dst[2000];
		cfg.source_burst_length = 256;
		cfg.dest_burst_length = 256;
		cfg.dma_callback = watch_other;
		ASSERT_EQ(0, dma_config(dev, 1, &cfg));
		watch_from = 1u;
		watch_ch = periph_chan;
		watch_total = 0u;
		t0 = dma_emul_now(dev);
		ASSERT_EQ(0, dma_start(dev, periph_chan));
		ASSERT_EQ(0, dma_start(dev, 1));
		ASSERT_EQ(0, dma_emul_advance(dev, 1000u));
		ASSERT_EQ(1u, log_.n);
		EXPECT_EQ(t0 + 800u, log_.t_ns[0]);
		EXPECT_TRUE(watch_total == 400u,
			    "at channel 1's completion (800 ns): channel %u (%s a peripheral) %llu "
			    "bytes, expected 400",
			    periph_chan, k == 0u ? "from" : "to",
			    (unsigned long long)watch_total);
		EXPECT_EQ(500u, total(periph_chan));
		if (k == 0u) {
			EXPECT_EQ(0x5Au, dst[499]); /* the model's bytes */
		}
		(void)dma_stop(dev, periph_chan);
	}
	(void)dma_emul_attach(dev, 8, NULL);
	(void)dma_emul_attach(dev, 9, NULL);
	ttest_end();
}

static void test_wall_clock_calls_refused(void)
{
	if (!ttest_begin("emul-virtual/advance-refused-on-a-wall-clock-instance")) {
		return;
	}
	EXPECT_EQ(-EINVAL, dma_emul_advance(device_get_binding("dma_emul"), 10u));
	EXPECT_EQ(-EINVAL, dma_emul_run_until_idle(device_get_binding("dma_emul"), 10u));
	EXPECT_EQ(-EINVAL, dma_emul_set_rate(dev, 1000u));
	EXPECT_EQ(0u, dma_emul_now(device_get_binding("dma_emul")));
	ttest_end();
}

/*
 * The trace records what happened, in order: a start (state 1), a half
 * point, a suspend (2) and resume (1), the block end, a stop (0); a fault
 * (its error, then state 0).
 */
static void test_trace_records_each_change(void)
{
	char kinds[32];
	uint32_t values[32];

	if (!ttest_begin("emul-virtual/trace-records-state-half-block-error-in-order")) {
		return;
	}
	setup(2, 400, 4);
	cfg.half_complete_callback_en = 1;
	ASSERT_EQ(0, dma_config(dev, 1, &cfg));
	ASSERT_EQ(0, dma_emul_trace_start(dev, &vtrace));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 500u)); /* 250 bytes: past block 0's half */
	ASSERT_EQ(0, dma_suspend(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 500u));
	ASSERT_EQ(0, dma_resume(dev, 1));
	ASSERT_EQ(0, dma_emul_advance(dev, 400u)); /* to byte 450: past block 0's end */
	ASSERT_EQ(0, dma_stop(dev, 1));
	(void)trace_of(1, kinds, values, sizeof(kinds));
	EXPECT_TRUE(strcmp(kinds, "SHSSBS") == 0, "trace of start, half, suspend, resume, block, "
		    "stop: \"%s\", expected \"SHSSBS\"", kinds);
	if (strcmp(kinds, "SHSSBS") == 0) {
		EXPECT_EQ(1u, values[0]);
		EXPECT_EQ(0u, values[1]); /* block 0's half */
		EXPECT_EQ(2u, values[2]);
		EXPECT_EQ(1u, values[3]);
		EXPECT_EQ(0u, values[4]); /* block 0's end */
		EXPECT_EQ(0u, values[5]);
	}
	/* A fault: its error, then the channel idle. */
	ASSERT_EQ(0, dma_emul_trace_start(dev, &vtrace));
	ASSERT_EQ(0, dma_config(dev, 1, &cfg));
	ASSERT_EQ(0, dma_emul_inject_fault(dev, 1, 0, 40, -EIO));
	ASSERT_EQ(0, dma_start(dev, 1));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	(void)trace_of(1, kinds, values, sizeof(kinds));
	EXPECT_TRUE(strcmp(kinds, "SES") == 0, "trace of a fault: \"%s\", expected \"SES\"", kinds);
	if (strcmp(kinds, "SES") == 0) {
		EXPECT_EQ((uint32_t)-EIO, values[1]);
		EXPECT_EQ(0u, values[2]);
	}
	(void)dma_emul_trace_start(dev, NULL);
	ttest_end();
}

/*
 * A trace counts from its start in virtual time, at any clock rate: on a
 * 1 ns-per-byte instance whose clock has run 1000 ns, a trace started then
 * records the start at 0 ns and the end of 100 bytes at 100 ns.
 */
static void test_trace_counts_from_its_start(void)
{
	const struct device *d1 = &vdma1ns;
	uint64_t t[3] = {1, 1, 1};

	if (!ttest_begin("emul-virtual/trace-started-late-counts-from-its-start")) {
		return;
	}
	setup(1, 100, 4);
	ASSERT_EQ(0, dma_config(d1, 0, &cfg));
	ASSERT_EQ(0, dma_emul_advance(d1, 1000u));
	ASSERT_EQ(0, dma_emul_trace_start(d1, &vtrace));
	ASSERT_EQ(0, dma_start(d1, 0));
	ASSERT_EQ(0, dma_emul_run_until_idle(d1, 1000000u));
	(void)dma_emul_trace_start(d1, NULL);
	ASSERT_TRUE(atomic_load(&vtrace.claimed) >= 3u, "%u trace events, expected 3 or more",
		    (unsigned)atomic_load(&vtrace.claimed));
	for (unsigned i = 0; i < 3u; i++) {
		t[i] = vtrace.events[i].t_ns;
	}
	EXPECT_TRUE(t[0] == 0u && t[1] == 100u && t[2] == 100u,
		    "trace times %llu, %llu, %llu ns, expected 0, 100, 100 (start, block, idle)",
		    (unsigned long long)t[0], (unsigned long long)t[1], (unsigned long long)t[2]);
	ttest_end();
}

/* The emulator's own helpers refuse what they cannot do, and change nothing. */
static void test_helpers_refuse(void)
{
	const struct device *wall = device_get_binding("dma_emul");
	pthread_t t;

	if (!ttest_begin("emul-virtual/helpers-refuse-bad-arguments")) {
		return;
	}
	EXPECT_EQ(-EINVAL, dma_emul_trace_start(NULL, &vtrace));
	/* No engine thread on virtual time; none to give without a place. */
	EXPECT_EQ(-EINVAL, dma_emul_engine_thread(dev, &t));
	EXPECT_EQ(-EINVAL, dma_emul_engine_thread(wall, NULL));
	EXPECT_EQ(-EINVAL, dma_emul_engine_thread(NULL, &t));
	ASSERT_EQ(0, dma_emul_engine_thread(wall, &t));
	EXPECT_EQ(0, pthread_kill(t, 0)); /* a live thread */
	/* A fault is a negative errno. */
	setup(1, 64, 4);
	ASSERT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(-EINVAL, dma_emul_inject_fault(dev, 0, 0, 8, 0));
	EXPECT_EQ(-EINVAL, dma_emul_inject_fault(dev, 0, 0, 8, 5));
	ASSERT_EQ(0, dma_start(dev, 0));
	ASSERT_EQ(0, dma_emul_run_until_idle(dev, 1000000u));
	EXPECT_EQ(1u, log_.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, log_.status[0]);
	ttest_end();
}

/*
 * A controller of 40 channels: one channel waiting for a peripheral sits the
 * advance out, and no other channel with it, in the same word of channels
 * or the next (channels 0, 1 and 32, then 32, 0 and 33): each copy ends at
 * its exact time.
 */
static void test_forty_channels(void)
{
	static struct dma_emul_periph gate = {.readable = gate_readable, .read = gate_read};
	static const uint32_t cases[2][3] = {{0, 1, 32}, {32, 0, 33}}; /* waiting, copying */
	const struct device *d40 = &vdma40;

	if (!ttest_begin("emul-virtual/forty-channels-a-waiting-channel-holds-back-no-other")) {
		return;
	}
	for (unsigned k = 0; k < 2u; k++) {
		uint64_t t0;

		gate_bytes = 0u;
		ASSERT_EQ(0, dma_emul_attach(d40, 6, &gate));
		setup(1, 4, 1);
		blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		cfg.channel_direction = PERIPHERAL_TO_MEMORY;
		cfg.dma_slot = 6;
		ASSERT_EQ(0, dma_config(d40, cases[k][0], &cfg));
		for (unsigned c = 1; c < 3u; c++) {
			setup(1, 400, 4);
			blk[0].source_address = (uintptr_t)&src[c * 1000u];
			blk[0].dest_address = (uintptr_t)&dst[c * 1000u];
			ASSERT_EQ(0, dma_config(d40, cases[k][c], &cfg));
		}
		memset(&log_, 0, sizeof(log_));
		t0 = dma_emul_now(d40);
		for (unsigned c = 0; c < 3u; c++) {
			ASSERT_EQ(0, dma_start(d40, cases[k][c]));
		}
		ASSERT_EQ(0, dma_emul_advance(d40, 2000u)); /* one channel waits on */
		EXPECT_TRUE(log_.n == 2u && log_.t_ns[0] == t0 + 800u && log_.t_ns[1] == t0 + 800u,
			    "channel %u waiting: %u completions (expected 2, at +800 ns), at +%lld "
			    "and +%lld ns",
			    cases[k][0], log_.n, (long long)(log_.t_ns[0] - t0),
			    (long long)(log_.t_ns[1] - t0));
		EXPECT_EQ(0, memcmp(&src[1000], &dst[1000], 400));
		EXPECT_EQ(0, memcmp(&src[2000], &dst[2000], 400));
		(void)dma_stop(d40, cases[k][0]);
		(void)dma_emul_attach(d40, 6, NULL);
	}
	ttest_end();
}

/*
 * At one channel's event, every other running channel has been brought up
 * to its time, beside a channel that sits the advance out waiting for a
 * peripheral, whatever word of the scheduler's sets each is in: with
 * channel 0, 1, 32 or 33 waiting, a 400-byte copy on channel 1, 2, 0 or 1
 * ends at 800 ns and its callback sees the long copy on channel 32, 0, 33
 * or 32 at 400 bytes.
 */
static void test_forty_channels_caught_up_beside_a_waiting_one(void)
{
	static struct dma_emul_periph gate = {.readable = gate_readable, .read = gate_read};
	static const uint32_t cases[4][3] = {
		{0, 32, 1}, {1, 0, 2}, {32, 33, 0}, {33, 32, 1}}; /* waiting, long, short */
	const struct device *d40 = &vdma40;

	if (!ttest_begin("emul-virtual/forty-channels-all-caught-up-beside-a-waiting-one")) {
		return;
	}
	for (unsigned k = 0; k < 4u; k++) {
		const uint32_t waiting = cases[k][0], long_ch = cases[k][1], short_ch = cases[k][2];
		uint64_t t0;

		gate_bytes = 0u;
		ASSERT_EQ(0, dma_emul_attach(d40, 6, &gate));
		setup(1, 4, 1);
		blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
		cfg.channel_direction = PERIPHERAL_TO_MEMORY;
		cfg.dma_slot = 6;
		ASSERT_EQ(0, dma_config(d40, waiting, &cfg));
		setup(1, 1000, 4);
		blk[0].source_address = (uintptr_t)&src[1000];
		blk[0].dest_address = (uintptr_t)&dst[1000];
		ASSERT_EQ(0, dma_config(d40, long_ch, &cfg));
		setup(1, 400, 4);
		blk[0].source_address = (uintptr_t)&src[3000];
		blk[0].dest_address = (uintptr_t)&dst[3000];
		cfg.dma_callback = watch_other;
		ASSERT_EQ(0, dma_config(d40, short_ch, &cfg));
		memset(&log_, 0, sizeof(log_));
		watch_from = short_ch;
		watch_ch = long_ch;
		watch_total = 0u;
		t0 = dma_emul_now(d40);
		ASSERT_EQ(0, dma_start(d40, waiting));
		ASSERT_EQ(0, dma_start(d40, long_ch));
		ASSERT_EQ(0, dma_start(d40, short_ch));
		ASSERT_EQ(0, dma_emul_advance(d40, 1000u));
		EXPECT_TRUE(log_.n == 1u && log_.t_ns[0] == t0 + 800u,
			    "%u completions (expected 1, at +800 ns), the first at +%lld", log_.n,
			    (long long)(log_.t_ns[0] - t0));
		EXPECT_TRUE(watch_total == 400u,
			    "channel %u waiting: at channel %u's completion channel %u had %llu bytes, "
			    "expected 400",
			    waiting, short_ch, long_ch, (unsigned long long)watch_total);
		(void)dma_stop(d40, waiting);
		(void)dma_stop(d40, long_ch);
		(void)dma_emul_attach(d40, 6, NULL);
	}
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_exact_times();
	test_held_running();
	test_restart_at_event_time();
	test_identical_traces();
	test_small_advances_add_up();
	test_time_order_across_channels();
	test_same_instant();
	test_time_rules();
	test_fault_at_exact_byte_and_disarm();
	test_serial_bytes_move_as_they_arrive();
	test_serial_byte_seen_at_the_instant_it_lands();
	test_waiting_without_ready_at();
	test_serial_tx_waits_for_free_slots();
	test_stale_destination_error_and_requests();
	test_peripheral_channels_keep_pace_with_others();
	test_wall_clock_calls_refused();
	test_trace_records_each_change();
	test_trace_counts_from_its_start();
	test_helpers_refuse();
	test_forty_channels();
	test_forty_channels_caught_up_beside_a_waiting_one();
	return ttest_summary("unit-emul-virtual") == 0 ? 0 : 1;
}
