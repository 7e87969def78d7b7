/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Races between a caller's stop and the controller's own activity, on the
 * emulated controller. Usage: races [tries-per-race] (default 20000).
 *
 * link-after-stop: channel A's completion starts linked channel B
 *   (dest_chaining_en). The caller stops A, then B, at a random moment
 *   or as soon as it sees A finished.
 *   After dma_stop(B) returns, nothing may start B: no callback of B
 *   begins, and B is not running.
 * stop-vs-self-restart: a channel whose callback restarts it (a
 *   self-restarting loop); the caller stops it at a random moment. After
 *   dma_stop returns the channel is not running and no callback begins.
 * release-vs-self-restart: the same with dma_release_channel; afterwards
 *   the channel is UNCONFIGURED (dma_start refused, status all 0) and no
 *   callback begins.
 *
 * Each race prints its tries and violations, PASS when there are none; the
 * closing line is "races: N passed, N failed".
 */
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"

#define LEN 256u

static const struct device *dev;
static uint8_t src[LEN] __attribute__((aligned(64)));
static uint8_t dst[4][LEN] __attribute__((aligned(64)));

/* The try whose stop has returned: a callback of that try must not begin. */
static atomic_ulong stopped_try;
static atomic_ulong late_callbacks;
static atomic_ulong callbacks;

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void spin(uint32_t n)
{
	for (volatile uint32_t i = 0; i < n; i++) {
	}
}

/* Callback of a channel that must be quiet once its try was stopped. */
static void watched_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	unsigned long try_no = (unsigned long)(uintptr_t)user_data;

	(void)d;
	(void)ch;
	(void)status;
	if (atomic_load(&stopped_try) == try_no) {
		atomic_fetch_add(&late_callbacks, 1u);
	}
	atomic_fetch_add(&callbacks, 1u);
}

/* Callback that restarts its own channel (a loop), also watched. */
static void restart_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	watched_cb(d, user_data, ch, status);
	if (status == DMA_STATUS_COMPLETE) {
		(void)dma_start(d, ch); /* refused once a stop is under way */
	}
}

static void make_cfg(struct dma_config *c, struct dma_block_config *b, uint8_t *to,
		     dma_callback_t cb, unsigned long try_no)
{
	memset(c, 0, sizeof(*c));
	memset(b, 0, sizeof(*b));
	b->source_address = (dma_addr_t)(uintptr_t)src;
	b->dest_address = (dma_addr_t)(uintptr_t)to;
	b->block_size = LEN;
	c->channel_direction = MEMORY_TO_MEMORY;
	c->source_data_size = 4;
	c->dest_data_size = 4;
	c->block_count = 1;
	c->head_block = b;
	c->dma_callback = cb;
	c->user_data = (void *)(uintptr_t)try_no;
}

static bool busy(uint32_t ch)
{
	struct dma_status st;

	return dma_get_status(dev, ch, &st) == 0 && st.busy;
}

static unsigned passed, failed;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double t0;

static void verdict(const char *name, unsigned long tries, unsigned long bad)
{
	double t1 = now_s();

	printf("%s %s: %lu tries in %.1f s, %lu violations (expected 0)\n",
	       bad == 0u ? "PASS" : "FAIL", name, tries, t1 - t0, bad);
	t0 = t1;
	if (bad == 0u) {
		passed++;
	} else {
		failed++;
	}
}

static unsigned long try_counter = 1u;
static atomic_uint preempt_seed = 1u;

/*
 * The core is built with DMA_TEST_PREEMPT for this program: at the points
 * where it may be preempted outside its lock (after an event is applied,
 * before its callback), the calling thread sometimes stalls, so the
 * narrow windows there are hit in a fraction of the tries rather than once
 * in millions.
 */
void dma_test_preempt(void);
void dma_test_preempt(void)
{
	uint32_t s = atomic_fetch_add(&preempt_seed, 0x9E3779B9u);

	if ((rnd(&s) & 3u) == 0u) {
		/* As if preempted: another thread on this CPU runs, or this
		 * one stalls for up to a few microseconds. */
		sched_yield();
		spin(rnd(&s) % 5000u);
	}
}

static void race_link_after_stop(unsigned long tries, uint32_t *seed)
{
	const uint32_t a = 0u, b = 1u;
	unsigned long bad = 0u;

	for (unsigned long t = 0; t < tries; t++) {
		unsigned long try_no = try_counter++;
		struct dma_config ca, cb;
		struct dma_block_config ba, bb;

		bool a_finished = (t & 1u) == 0u;

		atomic_store(&late_callbacks, 0u);
		make_cfg(&cb, &bb, dst[1], watched_cb, try_no);
		/* A has no callback: a stop of A does not wait for one, so the caller's
		 * stops can fall between A's completion and the start it causes. */
		make_cfg(&ca, &ba, dst[0], NULL, 0u);
		ca.dest_chaining_en = 1;
		ca.linked_channel = b;
		if (dma_config(dev, b, &cb) != 0 || dma_config(dev, a, &ca) != 0 ||
		    dma_start(dev, a) != 0) {
			bad++; /* B still running from the previous try */
			(void)dma_stop(dev, b);
			continue;
		}
		if (!a_finished) {
			spin(rnd(seed) % 4000u);
		} else {
			/* Stop as soon as A is seen finished: the moment its
			 * completion is about to start B. */
			while (busy(a)) {
				sched_yield(); /* the engine may be queued on this CPU */
			}
		}
		(void)dma_stop(dev, a);
		(void)dma_stop(dev, b);
		atomic_store(&stopped_try, try_no);
		if (a_finished) {
			/* Give whatever A's completion started time to show. */
			struct timespec ts = {0, 30000};

			nanosleep(&ts, NULL);
		}
		spin(rnd(seed) % 4000u);
		if (busy(b) || atomic_load(&late_callbacks) != 0u) {
			bad++;
		}
		(void)dma_stop(dev, b);
	}
	verdict("link-after-stop", tries, bad);
}

static void race_stop_self_restart(unsigned long tries, uint32_t *seed, bool release)
{
	const uint32_t ch = 2u;
	unsigned long bad = 0u;

	for (unsigned long t = 0; t < tries; t++) {
		unsigned long try_no = try_counter++;
		struct dma_config c;
		struct dma_block_config blk;
		struct dma_status st;

		atomic_store(&late_callbacks, 0u);
		if (release && dma_request_channel(dev, &(uint32_t){ch}) != (int)ch) {
			bad++;
			dma_release_channel(dev, ch);
			continue;
		}
		make_cfg(&c, &blk, dst[2], restart_cb, try_no);
		if (dma_config(dev, ch, &c) != 0 || dma_start(dev, ch) != 0) {
			bad++;
			(void)dma_stop(dev, ch);
			continue;
		}
		spin(rnd(seed) % 20000u);
		if (release) {
			dma_release_channel(dev, ch);
		} else {
			(void)dma_stop(dev, ch);
		}
		atomic_store(&stopped_try, try_no);
		if (busy(ch)) {
			bad++;
		}
		spin(rnd(seed) % 4000u);
		if (busy(ch) || atomic_load(&late_callbacks) != 0u) {
			bad++;
		}
		if (release && (dma_start(dev, ch) != -EINVAL || dma_get_status(dev, ch, &st) != 0 ||
				st.total_copied != 0u || st.busy)) {
			bad++; /* a callback configured it again after the release */
		}
		(void)dma_stop(dev, ch);
		if (release) {
			dma_release_channel(dev, ch);
		}
	}
	verdict(release ? "release-vs-self-restart" : "stop-vs-self-restart", tries, bad);
}

int main(int argc, char **argv)
{
	unsigned long tries = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000u;
	uint32_t seed = 0x2545F491u;

	dev = device_get_binding("dma_emul");
	if (dev == NULL) {
		printf("FAIL setup: dma_emul not ready\nraces: 0 passed, 1 failed\n");
		return 1;
	}
	for (uint32_t i = 0; i < LEN; i++) {
		src[i] = (uint8_t)i;
	}
	t0 = now_s();
	race_link_after_stop(tries, &seed);
	race_stop_self_restart(tries, &seed, false);
	race_stop_self_restart(tries, &seed, true);
	printf("races: %u passed, %u failed\n", passed, failed);
	return failed == 0u ? 0 : 1;
}
