/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Peripheral DMA on the emulated controller: a serial port and a sampler on
 * request lines, transfers paced by their requests, in every direction that
 * involves a peripheral; overruns reported as errors; cyclic receive.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "dma/dma_emul.h"
#include "dma/dma_emul_periph.h"
#include "ttest.h"
#include "ttest_host.h"

#define RX_A 3u
#define TX_A 4u
#define RX_B 5u
#define TX_B 6u
#define ADC 7u

static const struct device *dev;

/* A controller of a single channel, on the wall clock. */
DMA_EMUL_DEFINE(one_chan, "dma_emul_one_channel", 1, 1);

/* A controller shaped like a PL081 (bursts up to 1024 bytes). */
static const struct dma_capabilities pl081_caps = DMA_EMUL_CAPS_PL081;
DMA_EMUL_DEFINE_PROFILE(emul_pl081, "periph_pl081", &pl081_caps, 2, 16);
static struct dma_emul_serial uart_a, uart_b;
static struct dma_emul_sampler adc;
static atomic_uint n_complete, n_half, n_block, n_error;
static atomic_int last_error;

static void on_event(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)ch;
	if (status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&n_complete, 1u);
	} else if (status == DMA_STATUS_HALF_COMPLETE) {
		atomic_fetch_add(&n_half, 1u);
	} else if (status == DMA_STATUS_BLOCK) {
		atomic_fetch_add(&n_block, 1u);
	} else {
		atomic_store(&last_error, status);
		atomic_fetch_add(&n_error, 1u);
	}
}

static void reset_counts(void)
{
	atomic_store(&n_complete, 0u);
	atomic_store(&n_half, 0u);
	atomic_store(&n_block, 0u);
	atomic_store(&n_error, 0u);
	atomic_store(&last_error, 0);
}

struct ctr {
	atomic_uint *c;
	unsigned n;
};

static bool reached(void *arg)
{
	struct ctr *w = arg;

	return atomic_load(w->c) >= w->n;
}

static bool wait_count(atomic_uint *c, unsigned n)
{
	struct ctr w = {c, n};

	return ttest_wait(reached, &w, 5000);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {0, (long)ms * 1000000L};

	nanosleep(&ts, NULL);
}

static struct dma_config cfg;
static struct dma_block_config blk[2];

static struct dma_config *setup(enum dma_channel_direction dir, uint32_t slot, uint32_t width,
				uint32_t burst, void *src, void *dst, uint32_t len)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	cfg.channel_direction = dir;
	cfg.dma_slot = slot;
	cfg.source_data_size = width;
	cfg.dest_data_size = width;
	cfg.source_burst_length = burst;
	cfg.dest_burst_length = burst;
	cfg.block_count = 1;
	cfg.head_block = blk;
	cfg.dma_callback = on_event;
	blk[0].source_address = (uintptr_t)src;
	blk[0].dest_address = (uintptr_t)dst;
	blk[0].block_size = len;
	blk[0].source_addr_adj = dir == PERIPHERAL_TO_MEMORY || dir == PERIPHERAL_TO_PERIPHERAL
					 ? DMA_ADDR_ADJ_NO_CHANGE
					 : DMA_ADDR_ADJ_INCREMENT;
	blk[0].dest_addr_adj = dir == MEMORY_TO_PERIPHERAL || dir == PERIPHERAL_TO_PERIPHERAL
				       ? DMA_ADDR_ADJ_NO_CHANGE
				       : DMA_ADDR_ADJ_INCREMENT;
	return &cfg;
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++) {
		p[i] = (uint8_t)(i * 5u + seed);
	}
}

/* Take @p n bytes of TX output from @p s (waiting for the line to drain). */
static size_t take_tx(struct dma_emul_serial *s, uint8_t *buf, size_t n)
{
	size_t got = 0;

	for (int i = 0; i < 500 && got < n; i++) {
		got += dma_emul_serial_take_tx(s, buf + got, n - got);
		if (got < n) {
			sleep_ms(1);
		}
	}
	return got;
}

static void test_memory_to_uart(void)
{
	static uint8_t data[300], out[300];

	if (!ttest_begin("periph/memory-to-uart-tx-paced-by-requests")) {
		return;
	}
	reset_counts();
	fill(data, sizeof(data), 1);
	EXPECT_EQ(0, dma_config(dev, 0, setup(MEMORY_TO_PERIPHERAL, TX_A, 1, 4, data, NULL, 300)));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_complete, 1), "COMPLETE of the TX transfer");
	EXPECT_EQ(300, take_tx(&uart_a, out, sizeof(out)));
	EXPECT_TRUE(memcmp(data, out, sizeof(out)) == 0, "TX line carries the source bytes in order");
	EXPECT_EQ(0, atomic_load(&n_error));
	ttest_end();
}

static void test_uart_to_memory(void)
{
	static uint8_t data[300], buf[300 + 16];
	uint64_t rx, ovr;

	if (!ttest_begin("periph/uart-rx-to-memory-no-overrun")) {
		return;
	}
	reset_counts();
	fill(data, sizeof(data), 2);
	memset(buf, 0xEE, sizeof(buf));
	EXPECT_EQ(0, dma_config(dev, 1, setup(PERIPHERAL_TO_MEMORY, RX_A, 1, 0, NULL, buf, 300)));
	EXPECT_EQ(0, dma_start(dev, 1));
	EXPECT_EQ(300, dma_emul_serial_feed(&uart_a, data, sizeof(data)));
	EXPECT_TRUE(wait_count(&n_complete, 1), "COMPLETE of the RX transfer");
	EXPECT_TRUE(memcmp(data, buf, 300) == 0, "received bytes in order");
	EXPECT_EQ(0xEE, buf[300]); /* nothing after the destination */
	dma_emul_serial_counts(&uart_a, &rx, &ovr);
	EXPECT_EQ(0, ovr);
	EXPECT_EQ(0, atomic_load(&n_error));
	ttest_end();
}

static void test_uart_to_uart(void)
{
	static uint8_t data[128], out[128];

	if (!ttest_begin("periph/uart-rx-to-uart-tx-peripheral-to-peripheral")) {
		return;
	}
	reset_counts();
	fill(data, sizeof(data), 3);
	/* Source line in bits [3:0], destination line in [7:4]. */
	EXPECT_EQ(0, dma_config(dev, 2, setup(PERIPHERAL_TO_PERIPHERAL, RX_B | (TX_A << 4), 1, 0,
					      NULL, NULL, 128)));
	EXPECT_EQ(0, dma_start(dev, 2));
	EXPECT_EQ(128, dma_emul_serial_feed(&uart_b, data, sizeof(data)));
	EXPECT_TRUE(wait_count(&n_complete, 1), "COMPLETE of the P2P transfer");
	EXPECT_EQ(128, take_tx(&uart_a, out, sizeof(out)));
	EXPECT_TRUE(memcmp(data, out, sizeof(out)) == 0, "UART A sends what UART B received");
	ttest_end();
}

static void test_overrun(void)
{
	static uint8_t data[256], buf[256 + 16];
	struct dma_status st;
	uint64_t ovr;

	if (!ttest_begin("periph/rx-overrun-reported-through-callback")) {
		return;
	}
	reset_counts();
	fill(data, sizeof(data), 4);
	memset(buf, 0xEE, sizeof(buf));
	EXPECT_EQ(0, dma_config(dev, 1, setup(PERIPHERAL_TO_MEMORY, RX_B, 1, 0, NULL, buf, 256)));
	EXPECT_EQ(0, dma_start(dev, 1));
	EXPECT_EQ(0, dma_suspend(dev, 1)); /* the DMA stops draining the FIFO ... */
	EXPECT_EQ(256, dma_emul_serial_feed(&uart_b, data, sizeof(data)));
	sleep_ms(60); /* ... while 256 bytes arrive at a 64-byte FIFO (25.6 ms at 10 KB/s) */
	EXPECT_EQ(0, dma_resume(dev, 1));
	EXPECT_TRUE(wait_count(&n_error, 1), "an error callback for the overrun");
	sleep_ms(5);
	EXPECT_EQ(1, atomic_load(&n_error));
	EXPECT_EQ(-EIO, atomic_load(&last_error));
	EXPECT_EQ(0, atomic_load(&n_complete));
	dma_emul_serial_counts(&uart_b, NULL, &ovr);
	EXPECT_TRUE(ovr >= 192u, "overruns: expected >= 192 lost bytes, got %llu",
		    (unsigned long long)ovr);
	EXPECT_EQ(0, dma_get_status(dev, 1, &st));
	EXPECT_EQ(false, st.busy); /* CONFIGURED again */
	for (size_t i = 0; i < sizeof(buf); i++) {
		if (buf[i] != 0xEE) {
			TT_FAIL("byte %u of the destination written before the failure was seen",
				(unsigned)i);
			break;
		}
	}
	/* Drain what is left so later tests start from an empty FIFO. */
	{
		uint8_t junk[64];

		EXPECT_EQ(0, dma_config(dev, 1, setup(PERIPHERAL_TO_MEMORY, RX_B, 1, 0, NULL, junk, 64)));
		EXPECT_EQ(0, dma_start(dev, 1));
		EXPECT_TRUE(wait_count(&n_complete, 1), "draining the FIFO");
	}
	ttest_end();
}

static void test_cyclic_rx(void)
{
	static uint8_t data[200], ring[64];
	struct dma_status st;

	if (!ttest_begin("periph/cyclic-rx-ring-half-complete-and-position")) {
		return;
	}
	reset_counts();
	fill(data, sizeof(data), 5);
	memset(ring, 0, sizeof(ring));
	setup(PERIPHERAL_TO_MEMORY, RX_A, 1, 0, NULL, ring, sizeof(ring));
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 3, &cfg));
	EXPECT_EQ(0, dma_start(dev, 3));
	EXPECT_EQ(200, dma_emul_serial_feed(&uart_a, data, sizeof(data)));
	/* 200 bytes = 3 laps of 64 and 8 more. */
	EXPECT_TRUE(wait_count(&n_complete, 3), "3 laps (COMPLETE)");
	sleep_ms(30);
	EXPECT_EQ(0, dma_get_status(dev, 3, &st));
	EXPECT_EQ(true, st.busy);
	EXPECT_EQ(200, st.total_copied);
	EXPECT_EQ(8, st.write_position);
	EXPECT_EQ(56, st.pending_length);
	EXPECT_EQ(3, atomic_load(&n_complete));
	EXPECT_EQ(3, atomic_load(&n_half)); /* one midpoint per lap passed */
	EXPECT_TRUE(memcmp(ring, &data[192], 8) == 0, "the newest bytes at the ring's start");
	EXPECT_TRUE(memcmp(&ring[8], &data[136], 56) == 0, "the previous lap's bytes after them");
	EXPECT_EQ(0, dma_stop(dev, 3));
	ttest_end();
}

static void test_sampler(void)
{
	static uint16_t samples[100];

	if (!ttest_begin("periph/sampler-to-memory-known-sequence")) {
		return;
	}
	reset_counts();
	EXPECT_EQ(0, dma_config(dev, 4, setup(PERIPHERAL_TO_MEMORY, ADC, 2, 0, NULL, samples,
					      sizeof(samples))));
	dma_emul_sampler_start(&adc);
	EXPECT_EQ(0, dma_start(dev, 4));
	EXPECT_TRUE(wait_count(&n_complete, 1), "COMPLETE of 100 samples");
	EXPECT_EQ(0, dma_stop(dev, 4)); /* nothing writes the buffer while it is read */
	for (uint16_t i = 0; i < 100u; i++) {
		if (samples[i] != i) {
			TT_FAIL("sample %u: expected %u, got %u", i, i, samples[i]);
			break;
		}
	}
	EXPECT_EQ(0, atomic_load(&n_error));
	ttest_end();
}

static void test_refusals(void)
{
	static uint8_t buf[16];

	if (!ttest_begin("periph/refuses-lines-with-nothing-attached")) {
		return;
	}
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, setup(PERIPHERAL_TO_MEMORY, 9, 1, 0, NULL, buf, 16)));
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, setup(MEMORY_TO_PERIPHERAL, 20, 1, 0, buf, NULL, 16)));
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, setup(PERIPHERAL_TO_PERIPHERAL, RX_A | (9u << 4), 1, 0,
						    NULL, NULL, 16)));
	/* A line whose peripheral cannot be read used as a source. */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, setup(PERIPHERAL_TO_MEMORY, TX_A, 1, 0, NULL, buf, 16)));
	EXPECT_EQ(-EINVAL, dma_emul_attach(dev, DMA_EMUL_REQUEST_LINES, &uart_a.rx));
	ttest_end();
}

/* A model that cannot be used is refused; one in use stays attached. */
static void test_attach_rules(void)
{
	static struct dma_emul_periph empty, half_source;
	static uint8_t buf[16];

	if (!ttest_begin("periph/attach-refuses-unusable-models-and-detaching-a-busy-line")) {
		return;
	}
	EXPECT_EQ(-EINVAL, dma_emul_attach(dev, 10, &empty)); /* no hooks at all */
	half_source.read = uart_a.rx.read;                    /* read, but no readable */
	EXPECT_EQ(-EINVAL, dma_emul_attach(dev, 10, &half_source));
	reset_counts();
	setup(PERIPHERAL_TO_MEMORY, RX_A, 1, 0, NULL, buf, sizeof(buf)); /* nothing fed: it waits */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(-EBUSY, dma_emul_attach(dev, RX_A, NULL));
	EXPECT_EQ(-EBUSY, dma_emul_attach(dev, RX_A, &uart_b.rx));
	EXPECT_EQ(0, dma_emul_attach(dev, RX_B, &uart_b.rx)); /* another line: fine */
	EXPECT_EQ(0, dma_stop(dev, 0));
	EXPECT_EQ(0, dma_emul_attach(dev, RX_A, NULL));
	EXPECT_EQ(0, dma_emul_attach(dev, RX_A, &uart_a.rx));
	EXPECT_EQ(0u, atomic_load(&n_error));
	ttest_end();
}

/* A destination that fails (a transmitter underrun, a bus error at the
 * peripheral) after taking 4 bytes: the transfer fails with its error. */
static atomic_uint sink_taken;

static uint32_t sink_writable(struct dma_emul_periph *p)
{
	(void)p;
	return 64u;
}

static void sink_write(struct dma_emul_periph *p, const uint8_t *buf, uint32_t n)
{
	(void)p;
	(void)buf;
	atomic_fetch_add(&sink_taken, n);
}

static int sink_error(struct dma_emul_periph *p)
{
	(void)p;
	return atomic_load(&sink_taken) >= 4u ? -EPIPE : 0;
}

static void test_destination_error(void)
{
	static struct dma_emul_periph sink = {.writable = sink_writable, .write = sink_write,
					      .take_error = sink_error};
	static uint8_t data[64];
	struct dma_status st;

	if (!ttest_begin("periph/a-destination-peripheral-error-fails-the-transfer")) {
		return;
	}
	reset_counts();
	atomic_store(&sink_taken, 0u);
	EXPECT_EQ(0, dma_emul_attach(dev, 11, &sink));
	setup(MEMORY_TO_PERIPHERAL, 11, 1, 4, data, NULL, sizeof(data)); /* 4 bytes a request */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_error, 1), "the error callback");
	EXPECT_EQ(-EPIPE, atomic_load(&last_error));
	EXPECT_EQ(0u, atomic_load(&n_complete));
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_TRUE(!st.busy, "the failed channel is still busy");
	EXPECT_EQ(4u, st.total_copied); /* the request before the error */
	EXPECT_EQ(0, dma_emul_attach(dev, 11, NULL));
	ttest_end();
}

/* dma_emul_set_rate() paces memory-to-memory transfers: 2000 bytes at
 * 100 KB/s cannot take less than 20 ms (a loaded machine only adds). */
static uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void test_set_rate_paces(void)
{
	static uint8_t a[2000], b[2000];
	uint64_t t0, took;

	if (!ttest_begin("periph/set-rate-paces-memory-to-memory")) {
		return;
	}
	reset_counts();
	fill(a, sizeof(a), 3);
	EXPECT_EQ(0, dma_emul_set_rate(dev, 100000u));
	setup(MEMORY_TO_MEMORY, 0, 4, 0, a, b, sizeof(a));
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	t0 = mono_ms();
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_complete, 1), "the completion");
	took = mono_ms() - t0;
	EXPECT_TRUE(took >= 18u, "2000 bytes at 100 KB/s took %llu ms, at least 20 expected",
		    (unsigned long long)took);
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	EXPECT_EQ(0, dma_emul_set_rate(dev, 0u));
	ttest_end();
}

static void on_alarm(int sig)
{
	(void)sig;
}

/*
 * The pacing holds when signals interrupt the engine's sleeps (an
 * application with a profiler's or a timer's signals): a timer signal
 * every millisecond, delivered to the engine thread only, does not make
 * 2000 bytes at 100 KB/s arrive faster than 20 ms.
 */
static void test_set_rate_paces_through_signals(void)
{
	static uint8_t a[2000], b[2000];
	struct sigaction sa, old_sa;
	struct itimerval every_ms = {{0, 1000}, {0, 1000}}, off = {{0, 0}, {0, 0}};
	sigset_t alrm, old_mask;
	uint64_t t0, took;

	if (!ttest_begin("periph/set-rate-paces-through-signals")) {
		return;
	}
	reset_counts();
	fill(a, sizeof(a), 5);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	(void)sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGALRM, &sa, &old_sa);
	/* This thread blocks it: the signal goes to the engine thread. */
	(void)sigemptyset(&alrm);
	(void)sigaddset(&alrm, SIGALRM);
	(void)pthread_sigmask(SIG_BLOCK, &alrm, &old_mask);
	EXPECT_EQ(0, dma_emul_set_rate(dev, 100000u));
	setup(MEMORY_TO_MEMORY, 0, 4, 0, a, b, sizeof(a));
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	(void)setitimer(ITIMER_REAL, &every_ms, NULL);
	t0 = mono_ms();
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_complete, 1), "the completion");
	took = mono_ms() - t0;
	(void)setitimer(ITIMER_REAL, &off, NULL);
	EXPECT_TRUE(took >= 18u,
		    "2000 bytes at 100 KB/s with a signal every ms took %llu ms, at least 20 "
		    "expected",
		    (unsigned long long)took);
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	EXPECT_EQ(0, dma_emul_set_rate(dev, 0u));
	(void)pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	(void)sigaction(SIGALRM, &old_sa, NULL);
	ttest_end();
}

/*
 * Rates slower than one beat per 10 ms slice: the slice is a whole beat, so
 * 8 bytes of 4-byte beats at 200 B/s still arrive, in no less than 40 ms;
 * 3 bytes of 1-byte beats at 100 B/s (slices of one byte) in no less than
 * 30 ms; and one byte at 1 B/s (a slice of a second) in no less than 1 s.
 */
static void test_slow_rates_pace_whole_beats(void)
{
	static const struct {
		uint32_t rate, width, len, min_ms;
	} cases[] = {{200u, 4u, 8u, 40u}, {100u, 1u, 3u, 30u}, {1u, 1u, 1u, 1000u}};
	static uint8_t a[8], b[8];

	if (!ttest_begin("periph/set-rate-below-a-beat-per-slice-still-paces-and-completes")) {
		return;
	}
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t t0, took;

		reset_counts();
		fill(a, sizeof(a), (uint8_t)(9u + i));
		memset(b, 0, sizeof(b));
		EXPECT_EQ(0, dma_emul_set_rate(dev, cases[i].rate));
		setup(MEMORY_TO_MEMORY, 0, cases[i].width, 0, a, b, cases[i].len);
		EXPECT_EQ(0, dma_config(dev, 0, &cfg));
		t0 = mono_ms();
		EXPECT_EQ(0, dma_start(dev, 0));
		EXPECT_TRUE(wait_count(&n_complete, 1), "completion of %u bytes at %u B/s",
			    (unsigned)cases[i].len, (unsigned)cases[i].rate);
		took = mono_ms() - t0;
		EXPECT_TRUE(took + 2u >= cases[i].min_ms,
			    "%u bytes of %u-byte beats at %u B/s took %llu ms, at least %u expected",
			    (unsigned)cases[i].len, (unsigned)cases[i].width,
			    (unsigned)cases[i].rate, (unsigned long long)took,
			    (unsigned)cases[i].min_ms);
		EXPECT_EQ(0, memcmp(a, b, cases[i].len));
		(void)dma_stop(dev, 0);
	}
	EXPECT_EQ(0, dma_emul_set_rate(dev, 0u));
	ttest_end();
}

/*
 * A paced transfer moves its bytes over its time, as its status shows: 100
 * bytes at 100 B/s take a second, in slices of one byte (10 ms), and a poll
 * every millisecond sees the count of bytes copied between 0 and 100 while
 * the channel is busy (for most of that second), not all of them at the
 * start.
 */
static void test_paced_progress_is_visible(void)
{
	static uint8_t a[100], b[100];
	struct dma_status st;
	unsigned partial = 0, polls = 0;

	if (!ttest_begin("periph/set-rate-status-shows-progress-while-paced")) {
		return;
	}
	reset_counts();
	fill(a, sizeof(a), 21);
	EXPECT_EQ(0, dma_emul_set_rate(dev, 100u));
	setup(MEMORY_TO_MEMORY, 0, 1, 0, a, b, sizeof(a));
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	while (atomic_load(&n_complete) == 0u && polls < 5000u) {
		if (dma_get_status(dev, 0, &st) == 0 && st.busy && st.total_copied > 0u &&
		    st.total_copied < sizeof(a)) {
			partial++;
		}
		polls++;
		sleep_ms(1);
	}
	EXPECT_TRUE(atomic_load(&n_complete) == 1u, "the completion (after %u polls)", polls);
	EXPECT_TRUE(partial > 0u,
		    "no poll of %u saw part of the 100 bytes copied while busy: a paced transfer "
		    "moved them all at once",
		    polls);
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	EXPECT_EQ(0, dma_emul_set_rate(dev, 0u));
	ttest_end();
}

/*
 * Signals that interrupt the engine's idle wait (an application's timer or
 * profiler signals) lose no start: after signals delivered to the idle
 * engine thread, a transfer started next still completes.
 */
static void test_signals_while_idle_lose_no_start(void)
{
	static uint8_t a[64], b[64];
	struct sigaction sa, old_sa;
	pthread_t engine;

	if (!ttest_begin("periph/signals-to-the-idle-engine-lose-no-start")) {
		return;
	}
	reset_counts();
	fill(a, sizeof(a), 17);
	memset(b, 0, sizeof(b));
	ASSERT_EQ(0, dma_emul_engine_thread(dev, &engine));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	(void)sigemptyset(&sa.sa_mask);
	(void)sigaction(SIGUSR1, &sa, &old_sa);
	for (int i = 0; i < 3; i++) {
		sleep_ms(20); /* past the idle poll: the engine sleeps on its doorbell */
		EXPECT_EQ(0, pthread_kill(engine, SIGUSR1));
	}
	sleep_ms(20);
	setup(MEMORY_TO_MEMORY, 0, 4, 0, a, b, sizeof(a));
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_complete, 1), "completion of a transfer started after signals");
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	(void)sigaction(SIGUSR1, &old_sa, NULL);
	ttest_end();
}

/*
 * A stop or a suspend that lands while the engine moves a chunk waits for
 * that chunk. A source model holds the engine inside its second request
 * (16 bytes a request) until the test lets it go; a second thread calls
 * dma_stop() or dma_suspend() meanwhile: the call has not returned 20 ms
 * later, returns once the chunk is let go, and then the count and the
 * destination agree (after the stop: 32 bytes counted and written, nothing
 * after; while suspended: both stand still until the resume).
 */
static atomic_uint gate_reads, gate_hold_at;
static atomic_bool gate_entered, gate_open;

static uint32_t gate_readable(struct dma_emul_periph *p)
{
	(void)p;
	return 4096u;
}

static void gate_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	const unsigned k = atomic_fetch_add(&gate_reads, 1u);

	(void)p;
	if (k + 1u == atomic_load(&gate_hold_at)) {
		atomic_store(&gate_entered, true);
		while (!atomic_load(&gate_open)) {
			sleep_ms(1);
		}
	}
	for (uint32_t i = 0; i < n; i++) {
		buf[i] = (uint8_t)(k * n + i + 1u); /* never 0 in the first 255 bytes */
	}
}

struct gated_call {
	int (*call)(const struct device *dev, uint32_t channel);
	atomic_bool called, returned;
	int ret;
};

static void *gated_caller(void *arg)
{
	struct gated_call *g = arg;

	atomic_store(&g->called, true);
	g->ret = g->call(dev, 1);
	atomic_store(&g->returned, true);
	return NULL;
}

static bool flag_set(void *arg)
{
	return atomic_load((atomic_bool *)arg);
}

static int stop_call(const struct device *d, uint32_t ch)
{
	return dma_stop(d, ch);
}

/* Written bytes of @p b from its start (nonzero), or -1 if a zero byte is
 * followed by a written one. */
static long written_prefix(const uint8_t *b, uint32_t len)
{
	uint32_t n = 0;

	while (n < len && b[n] != 0u) {
		n++;
	}
	for (uint32_t i = n; i < len; i++) {
		if (b[i] != 0u) {
			return -1;
		}
	}
	return (long)n;
}

static void test_stop_and_suspend_wait_for_the_chunk(void)
{
	static struct dma_emul_periph gate = {.readable = gate_readable, .read = gate_read};
	static uint8_t buf[64];

	if (!ttest_begin("periph/stop-and-suspend-mid-chunk-leave-status-and-memory-agreeing")) {
		return;
	}
	ASSERT_EQ(0, dma_emul_attach(dev, 12, &gate));
	for (int suspend = 0; suspend <= 1; suspend++) {
		struct gated_call g = {.call = suspend ? dma_suspend : stop_call};
		const char *what = suspend ? "dma_suspend" : "dma_stop";
		struct dma_status st;
		pthread_t t;
		long written;

		reset_counts();
		memset(buf, 0, sizeof(buf));
		atomic_store(&gate_reads, 0u);
		atomic_store(&gate_hold_at, 2u);
		atomic_store(&gate_entered, false);
		atomic_store(&gate_open, false);
		setup(PERIPHERAL_TO_MEMORY, 12, 1, 16, NULL, buf, sizeof(buf));
		ASSERT_EQ(0, dma_config(dev, 1, &cfg));
		ASSERT_EQ(0, dma_start(dev, 1));
		ASSERT_TRUE(ttest_wait(flag_set, &gate_entered, 5000),
			    "the engine did not reach the second request within 5 s");
		ASSERT_EQ(0, pthread_create(&t, NULL, gated_caller, &g));
		EXPECT_TRUE(ttest_wait(flag_set, &g.called, 5000), "the caller thread did not start");
		sleep_ms(20);
		EXPECT_TRUE(!atomic_load(&g.returned),
			    "%s returned while the engine was inside a chunk, expected it to wait",
			    what);
		atomic_store(&gate_open, true);
		EXPECT_EQ(0, pthread_join(t, NULL));
		EXPECT_EQ(0, g.ret);
		EXPECT_EQ(0, dma_get_status(dev, 1, &st));
		sleep_ms(5);
		written = written_prefix(buf, sizeof(buf));
		EXPECT_TRUE(st.total_copied == 32u && written == 32,
			    "after %s: total_copied %llu, destination written %ld bytes (-1: beyond a "
			    "prefix), expected 32 and 32",
			    what, (unsigned long long)st.total_copied, written);
		if (suspend) {
			EXPECT_EQ(0, dma_get_status(dev, 1, &st));
			EXPECT_EQ(32u, st.total_copied);
			EXPECT_EQ(0, dma_resume(dev, 1));
			EXPECT_TRUE(wait_count(&n_complete, 1), "completion after the resume");
			EXPECT_EQ(64, written_prefix(buf, sizeof(buf)));
		} else {
			EXPECT_EQ(0u, atomic_load(&n_complete));
		}
	}
	EXPECT_EQ(0, dma_emul_attach(dev, 12, NULL));
	ttest_end();
}

/*
 * Channels share the engine chunk by chunk: a 64-byte copy started together
 * with a 4 MiB one (both from a callback, so in the same round of the
 * engine) completes first, whichever the round serves first.
 */
static atomic_uint order_n;
static atomic_uint order[2];
static struct dma_config fair_cfg[3];
static struct dma_block_config fair_blk[3];

static atomic_int fair_error;

static void fair_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	if (status < 0) {
		atomic_store(&fair_error, status);
		atomic_fetch_add(&order_n, 2u); /* ends the wait */
		return;
	}
	if (status != DMA_STATUS_COMPLETE) {
		return;
	}
	if (ch == 2u) {
		(void)dma_start(d, 0);
		(void)dma_start(d, 1);
	} else {
		unsigned i = atomic_fetch_add(&order_n, 1u);

		if (i < 2u) {
			atomic_store(&order[i], ch);
		}
	}
}

static bool both_done(void *arg)
{
	(void)arg;
	return atomic_load(&order_n) >= 2u;
}

static void test_channels_share_the_engine_by_chunks(void)
{
	static uint8_t small_src[2][64], small_dst[2][64];
	static uint8_t big_src[4u * 1024u * 1024u], big_dst[4u * 1024u * 1024u];
	unsigned long_first = 0;

	if (!ttest_begin("periph/short-copy-not-held-back-by-a-long-one-on-another-channel")) {
		return;
	}
	fill(big_src, sizeof(big_src), 37);
	fill(small_src[0], sizeof(small_src[0]), 41);
	fill(small_src[1], sizeof(small_src[1]), 43);
	atomic_store(&fair_error, 0);
	for (int trial = 0; trial < 10; trial++) {
		for (uint32_t ch = 0; ch < 3u; ch++) {
			void *from = ch == 0u ? (void *)big_src : (void *)small_src[ch - 1u];
			void *to = ch == 0u ? (void *)big_dst : (void *)small_dst[ch - 1u];

			fair_blk[ch] = (struct dma_block_config){
				.source_address = (uintptr_t)from,
				.dest_address = (uintptr_t)to,
				.block_size = ch == 0u ? 4u * 1024u * 1024u : 64u};
			fair_cfg[ch] = (struct dma_config){.source_data_size = 4,
							  .dest_data_size = 4,
							  .block_count = 1,
							  .head_block = &fair_blk[ch],
							  .dma_callback = fair_cb};
			ASSERT_EQ(0, dma_config(dev, ch, &fair_cfg[ch]));
		}
		atomic_store(&order_n, 0u);
		ASSERT_EQ(0, dma_start(dev, 2));
		ASSERT_TRUE(ttest_wait(both_done, NULL, 5000), "both copies within 5 s");
		ASSERT_EQ(0, atomic_load(&fair_error));
		long_first += atomic_load(&order[0]) == 0u ? 1u : 0u;
	}
	EXPECT_EQ(0, memcmp(big_src, big_dst, sizeof(big_src)));
	EXPECT_EQ(0, memcmp(small_src, small_dst, sizeof(small_src)));
	EXPECT_TRUE(long_first == 0u,
		    "the 4 MiB copy completed before the 64-byte one in %u of 10 trials, expected 0",
		    long_first);
	ttest_end();
}

/* A channel's total_copied, and a wait for it to reach a count. */
static uint64_t copied_of(const struct device *d, uint32_t ch)
{
	struct dma_status st;

	return dma_get_status(d, ch, &st) == 0 ? st.total_copied : 0u;
}

struct copied_at_least {
	const struct device *dev;
	uint32_t ch;
	uint32_t bytes;
};

static bool copied_reached(void *arg)
{
	const struct copied_at_least *w = arg;

	return copied_of(w->dev, w->ch) >= w->bytes;
}

/*
 * A controller of one channel runs it, on its own engine: a copy of several
 * chunks (the engine goes on while its only channel has work), and a
 * receive whose bytes arrive 4 at a time, 20 ms apart (the engine polls its
 * only channel, waiting for a request, instead of sleeping until a call).
 */
static void test_single_channel_controller(void)
{
	static uint8_t a[4u * DMA_EMUL_CHUNK_BYTES], b[4u * DMA_EMUL_CHUNK_BYTES], rx[16];
	static struct dma_emul_serial uart;
	const struct device *one = device_get_binding("dma_emul_one_channel");

	if (!ttest_begin("periph/single-channel-controller-runs-its-channel")) {
		return;
	}
	ASSERT_TRUE(one != NULL, "device dma_emul_one_channel not found");
	reset_counts();
	fill(a, sizeof(a), 29);
	setup(MEMORY_TO_MEMORY, 0, 4, 0, a, b, sizeof(a));
	EXPECT_EQ(0, dma_config(one, 0, &cfg));
	EXPECT_EQ(0, dma_start(one, 0));
	EXPECT_TRUE(wait_count(&n_complete, 1), "completion of a copy of 4 chunks");
	EXPECT_EQ(0, memcmp(a, b, sizeof(a)));
	ASSERT_EQ(0, dma_emul_serial_init(&uart, 64, 10000));
	ASSERT_EQ(0, dma_emul_attach(one, 0, &uart.rx));
	fill(a, sizeof(rx), 31);
	reset_counts();
	EXPECT_EQ(0, dma_config(one, 0, setup(PERIPHERAL_TO_MEMORY, 0, 1, 0, NULL, rx, sizeof(rx))));
	EXPECT_EQ(0, dma_start(one, 0));
	for (uint32_t k = 0; k < 4u; k++) {
		struct copied_at_least w = {one, 0, 4u * (k + 1u)};

		sleep_ms(20);
		EXPECT_EQ(4, dma_emul_serial_feed(&uart, &a[4u * k], 4));
		EXPECT_TRUE(ttest_wait(copied_reached, &w, 5000),
			    "4 bytes fed 20 ms after the previous ones: %u received, expected %u",
			    (unsigned)copied_of(one, 0), (unsigned)w.bytes);
	}
	EXPECT_TRUE(wait_count(&n_complete, 1), "completion of a receive whose bytes came later");
	EXPECT_EQ(0, memcmp(a, rx, sizeof(rx)));
	EXPECT_EQ(0, dma_emul_attach(one, 0, NULL));
	ttest_end();
}

/*
 * A controller shaped like a PL081 takes bursts of 1024 bytes; a peripheral
 * transfer with such a burst moves it in requests the emulator can serve,
 * and completes with every byte.
 */
static uint32_t always_readable(struct dma_emul_periph *p)
{
	(void)p;
	return 4096u;
}

static atomic_uint counter_reads;

static void counter_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	(void)p;
	for (uint32_t i = 0; i < n; i++) {
		buf[i] = (uint8_t)atomic_fetch_add(&counter_reads, 1u);
	}
}

static void test_pl081_profile_large_burst(void)
{
	static struct dma_emul_periph counter = {.readable = always_readable, .read = counter_read};
	static _Alignas(4) uint8_t buf[4096];
	const struct device *pl = device_get_binding("periph_pl081");

	if (!ttest_begin("periph/pl081-profile-burst-of-1024-bytes-from-a-peripheral")) {
		return;
	}
	ASSERT_TRUE(pl != NULL, "device periph_pl081 not found");
	reset_counts();
	atomic_store(&counter_reads, 0u);
	ASSERT_EQ(0, dma_emul_attach(pl, 2, &counter));
	setup(PERIPHERAL_TO_MEMORY, 2, 4, 1024, NULL, buf, sizeof(buf));
	EXPECT_EQ(0, dma_config(pl, 1, &cfg));
	EXPECT_EQ(0, dma_start(pl, 1));
	EXPECT_TRUE(wait_count(&n_complete, 1), "completion of 4096 bytes in bursts of 1024");
	for (uint32_t i = 0; i < sizeof(buf); i++) {
		if (buf[i] != (uint8_t)i) {
			TT_FAIL("byte %u: expected 0x%02x, got 0x%02x", (unsigned)i,
				(unsigned)(uint8_t)i, buf[i]);
			break;
		}
	}
	EXPECT_EQ(0, dma_emul_attach(pl, 2, NULL));
	ttest_end();
}

/* Rates whose period is under a nanosecond cannot be paced: refused. */
static void test_impossible_rates(void)
{
	static struct dma_emul_sampler sampler;
	static struct dma_emul_serial serial;

	if (!ttest_begin("periph/models-refuse-rates-above-one-per-nanosecond")) {
		return;
	}
	EXPECT_EQ(-EINVAL, dma_emul_sampler_init(&sampler, 16, 1000000001u));
	EXPECT_EQ(-EINVAL, dma_emul_sampler_init(&sampler, 16, UINT32_MAX));
	EXPECT_EQ(0, dma_emul_sampler_init(&sampler, 16, 1000000000u));
	EXPECT_EQ(-EINVAL, dma_emul_serial_init(&serial, 16, 1000000001u));
	EXPECT_EQ(0, dma_emul_serial_init(&serial, 16, 1000000000u));
	ttest_end();
}

static void test_software_handshake_underrun(void)
{
	static uint8_t buf[32];

	if (!ttest_begin("periph/software-handshake-does-not-wait-underrun")) {
		return;
	}
	reset_counts();
	setup(PERIPHERAL_TO_MEMORY, RX_A, 1, 0, NULL, buf, sizeof(buf));
	cfg.source_handshake = 1; /* no requests: read the empty FIFO at once */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_TRUE(wait_count(&n_error, 1), "an underrun error");
	EXPECT_EQ(-EIO, atomic_load(&last_error));
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	dev = device_get_binding("dma_emul");
	/* Margins before a FIFO overruns, for a loaded machine running
	 * sanitizers: 6.4 ms for the serial ports (64 bytes at 10 KB/s), 12.8 ms
	 * for the sampler (64 samples at 5 k/s). */
	if (dev == NULL || dma_emul_serial_init(&uart_a, 64, 10000) != 0 ||
	    dma_emul_serial_init(&uart_b, 64, 10000) != 0 ||
	    dma_emul_sampler_init(&adc, 64, 5000) != 0) {
		return 1;
	}
	dma_emul_attach(dev, RX_A, &uart_a.rx);
	dma_emul_attach(dev, TX_A, &uart_a.tx);
	dma_emul_attach(dev, RX_B, &uart_b.rx);
	dma_emul_attach(dev, TX_B, &uart_b.tx);
	dma_emul_attach(dev, ADC, &adc.periph);
	test_refusals();
	test_attach_rules();
	test_memory_to_uart();
	test_uart_to_memory();
	test_uart_to_uart();
	test_overrun();
	test_cyclic_rx();
	test_sampler();
	test_impossible_rates();
	test_destination_error();
	test_set_rate_paces();
	test_set_rate_paces_through_signals();
	test_slow_rates_pace_whole_beats();
	test_paced_progress_is_visible();
	test_signals_while_idle_lose_no_start();
	test_single_channel_controller();
	test_pl081_profile_large_burst();
	test_stop_and_suspend_wait_for_the_chunk();
	test_channels_share_the_engine_by_chunks();
	test_software_handshake_underrun();
	return ttest_summary("unit-periph") == 0 ? 0 : 1;
}
