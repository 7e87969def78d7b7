/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Concurrency stress on the emulated controller. Usage: stress [seconds]
 *
 * Channels 0-3 ("chaos"): two task threads (dma_config, dma_reload and the
 * rest) and two interrupt-like threads (start, stop, suspend, resume,
 * status, fault injection) act on them at random while transfers complete;
 * their callbacks sometimes restart their own channel. Every configuration
 * of a chaos channel copies the same source to the same destination (in
 * different block splits, widths and modes), so any destination byte is
 * either the initial fill or the expected value, whatever interleaving.
 *
 * Channels 4-5 ("loops"): a one-shot transfer whose callback checks the
 * data and restarts it; nobody else touches them, so starts and COMPLETE
 * callbacks must match exactly (no callback lost or duplicated).
 *
 * Channels 6-7 ("churn"): request, configure, run, verify, release.
 *
 * Every return code must be one the contract allows in some state. Closing
 * line: "stress: N passed, N failed" over the invariants checked.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"

#define LEN 4096u
#define GUARD 64u
#define FILL 0xEEu
#define NCHAOS 4u

static const struct device *dev;
static uint8_t src[8][LEN] __attribute__((aligned(64)));
static uint8_t dst[8][LEN + 2u * GUARD] __attribute__((aligned(64)));
static atomic_bool stopping;

/* Counters. */
static atomic_ulong ops, completes, callbacks, errors_reported, faults_injected;
static atomic_ulong bad_codes, corrupt_bytes, loop_starts[8], loop_completes[8];
static atomic_ulong churn_runs;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uint8_t expected(uint32_t ch, uint32_t i)
{
	return (uint8_t)(i * 31u + ch * 7u + 1u);
}

/* Bytes of @p ch's destination that are neither the fill nor expected
 * (@p full: must all be expected); guard bytes must be the fill. */
static unsigned check_dst(uint32_t ch, bool full)
{
	unsigned bad = 0;

	for (uint32_t i = 0; i < GUARD; i++) {
		bad += dst[ch][i] != FILL;
		bad += dst[ch][GUARD + LEN + i] != FILL;
	}
	for (uint32_t i = 0; i < LEN; i++) {
		uint8_t v = dst[ch][GUARD + i];

		bad += v != expected(ch, i) && (full || v != FILL);
	}
	return bad;
}

static void note_code(int got, int a, int b, int c)
{
	if (got != a && got != b && got != c) {
		atomic_fetch_add(&bad_codes, 1u);
		fprintf(stderr, "stress: unexpected return code %d\n", got);
	}
}

/* ------------------------------------------------------------- callbacks */

static void on_chaos(const struct device *d, void *user_data, uint32_t ch, int status)
{
	uintptr_t restart = (uintptr_t)user_data;

	atomic_fetch_add(&callbacks, 1u);
	if (status < 0) {
		atomic_fetch_add(&errors_reported, 1u);
		return;
	}
	if (status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&completes, 1u);
		/* A finished run moved every byte (a cyclic lap too). */
		atomic_fetch_add(&corrupt_bytes, check_dst(ch, true));
		if (restart && !atomic_load(&stopping)) {
			/* -EBUSY: another thread's stop of this channel is under way. */
			note_code(dma_start(d, ch), 0, -EINVAL, -EBUSY);
		}
	}
}

static void on_loop(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	atomic_fetch_add(&callbacks, 1u);
	if (status != DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&bad_codes, 1u); /* no faults are injected here */
		return;
	}
	atomic_fetch_add(&completes, 1u);
	atomic_fetch_add(&loop_completes[ch], 1u);
	atomic_fetch_add(&corrupt_bytes, check_dst(ch, true));
	if (!atomic_load(&stopping)) {
		atomic_fetch_add(&loop_starts[ch], 1u);
		if (dma_start(d, ch) != 0) {
			atomic_fetch_add(&bad_codes, 1u); /* CONFIGURED: must start */
		}
	}
}

/* ------------------------------------------------------------- configs */

/* A configuration of channel @p ch copying src[ch] to dst[ch], variant @p v. */
static void make_config(uint32_t ch, uint32_t v, struct dma_config *cfg,
			struct dma_block_config *blk)
{
	static const uint16_t widths[4] = {1, 2, 4, 8};
	uint32_t nblocks = 1u << (v % 4u); /* 1, 2, 4 or 8 equal blocks: whole units */
	uint32_t part = LEN / nblocks;

	memset(cfg, 0, sizeof(*cfg));
	memset(blk, 0, 8 * sizeof(*blk));
	for (uint32_t i = 0; i < nblocks; i++) {
		uint32_t off = i * part;

		blk[i].source_address = (uintptr_t)&src[ch][off];
		blk[i].dest_address = (uintptr_t)&dst[ch][GUARD + off];
		blk[i].block_size = i + 1u == nblocks ? LEN - off : part;
		blk[i].next_block = i + 1u < nblocks ? &blk[i + 1u] : NULL;
	}
	cfg->source_data_size = widths[(v >> 2) % 4u];
	cfg->dest_data_size = widths[(v >> 4) % 4u];
	cfg->block_count = nblocks;
	cfg->head_block = blk;
	cfg->cyclic = (v >> 6) % 5u == 0u;
	cfg->complete_callback_en = (v >> 7) & 1u;
	cfg->half_complete_callback_en = (v >> 8) & 1u;
	cfg->error_callback_dis = (v >> 9) % 7u == 0u;
	cfg->dma_callback = ch < NCHAOS ? on_chaos : on_loop;
	cfg->user_data = (void *)(uintptr_t)((v >> 10) & 1u); /* restart from the callback */
}

/* ------------------------------------------------------------- threads */

struct worker {
	uint32_t seed;
	bool task; /* may call dma_config / dma_reload */
};

static void *chaos_thread(void *arg)
{
	struct worker *w = arg;
	struct dma_config cfg;
	struct dma_block_config blk[8];
	struct dma_status st;

	while (!atomic_load(&stopping)) {
		uint32_t r = rnd(&w->seed);
		uint32_t ch = r % NCHAOS;

		atomic_fetch_add(&ops, 1u);
		switch ((r >> 8) % (w->task ? 9u : 7u)) {
		case 0:
			note_code(dma_start(dev, ch), 0, -EINVAL, -EBUSY);
			break;
		case 1:
			note_code(dma_stop(dev, ch), 0, 0, 0);
			break;
		case 2:
			note_code(dma_suspend(dev, ch), 0, -EINVAL, 0);
			break;
		case 3:
			note_code(dma_resume(dev, ch), 0, -EINVAL, 0);
			break;
		case 4:
			note_code(dma_get_status(dev, ch, &st), 0, 0, 0);
			if (st.pending_length > LEN) {
				atomic_fetch_add(&bad_codes, 1u);
			}
			break;
		case 5:
			if (dma_emul_inject_fault(dev, ch, 0, (r >> 16) % LEN, -EIO) == 0) {
				atomic_fetch_add(&faults_injected, 1u);
			}
			break;
		case 6:
			/* -EBUSY: another thread's dma_stop is waiting out a
			 * callback of this channel (a stop wins over a start). */
			note_code(dma_start(dev, ch), 0, -EINVAL, -EBUSY);
			break;
		case 7:
			make_config(ch, r >> 12, &cfg, blk);
			note_code(dma_config(dev, ch, &cfg), 0, -EBUSY, 0);
			break;
		default:
			note_code(dma_reload(dev, ch, (uintptr_t)src[ch], (uintptr_t)&dst[ch][GUARD], LEN),
				  0, -EBUSY, -EINVAL);
			break;
		}
	}
	return NULL;
}

/* Request a free channel, run one transfer on it, check it, release it. */
static void *churn_thread(void *arg)
{
	struct worker *w = arg;
	struct dma_config cfg;
	struct dma_block_config blk[8];

	while (!atomic_load(&stopping)) {
		int ch = dma_request_channel(dev, NULL);
		uint64_t deadline;
		struct dma_status st;

		atomic_fetch_add(&ops, 1u);
		if (ch < 0) {
			continue; /* the other churn thread holds both */
		}
		if (ch < 6) {
			atomic_fetch_add(&bad_codes, 1u); /* 0-5 are held by this test */
			continue;
		}
		make_config((uint32_t)ch, rnd(&w->seed) & ~((1u << 6) | (1u << 10) | (7u << 9)), &cfg, blk);
		cfg.cyclic = 0;
		cfg.dma_callback = NULL;
		note_code(dma_config(dev, (uint32_t)ch, &cfg), 0, 0, 0);
		note_code(dma_start(dev, (uint32_t)ch), 0, 0, 0);
		deadline = now_ns() + 2000000000u;
		do {
			(void)dma_get_status(dev, (uint32_t)ch, &st);
		} while (st.busy && now_ns() < deadline);
		if (st.busy) {
			atomic_fetch_add(&bad_codes, 1u); /* a transfer that never ends */
		}
		atomic_fetch_add(&corrupt_bytes, check_dst((uint32_t)ch, true));
		atomic_fetch_add(&churn_runs, 1u);
		dma_release_channel(dev, (uint32_t)ch);
	}
	return NULL;
}

/* ------------------------------------------------------------- main */

static unsigned passed, failed;

static void verdict(const char *what, bool ok, unsigned long got)
{
	printf("%s %s (%lu)\n", ok ? "PASS" : "FAIL", what, got);
	if (ok) {
		passed++;
	} else {
		failed++;
	}
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? atof(argv[1]) : 5.0;
	struct worker workers[6] = {{0x1234567u, true}, {0x89ABCDEu, true}, {0x2468ACEu, false},
				    {0x13579BDu, false}, {0xFEDCBA9u, true}, {0x7654321u, true}};
	pthread_t threads[6];
	struct dma_config cfg;
	struct dma_block_config blk[8];
	unsigned long lost = 0, duplicated = 0, corrupt_end = 0;
	bool stopped_ok = true;

	dev = device_get_binding("dma_emul");
	if (dev == NULL) {
		return 1;
	}
	for (uint32_t ch = 0; ch < 8u; ch++) {
		uint32_t want = ch;

		for (uint32_t i = 0; i < LEN; i++) {
			src[ch][i] = expected(ch, i);
		}
		memset(dst[ch], FILL, sizeof(dst[ch]));
		if (ch < 6u && dma_request_channel(dev, &want) != (int)ch) {
			return 1;
		}
	}
	/* Loop channels: one-shot, restarted by their callback. */
	for (uint32_t ch = 4; ch < 6u; ch++) {
		make_config(ch, ch * 5u, &cfg, blk);
		cfg.cyclic = 0;
		cfg.error_callback_dis = 0;
		cfg.dma_callback = on_loop;
		atomic_store(&loop_starts[ch], 1u);
		if (dma_config(dev, ch, &cfg) != 0 || dma_start(dev, ch) != 0) {
			return 1;
		}
	}
	for (int i = 0; i < 4; i++) {
		pthread_create(&threads[i], NULL, chaos_thread, &workers[i]);
	}
	for (int i = 4; i < 6; i++) {
		pthread_create(&threads[i], NULL, churn_thread, &workers[i]);
	}
	struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};

	nanosleep(&ts, NULL);
	atomic_store(&stopping, true);
	for (int i = 0; i < 6; i++) {
		pthread_join(threads[i], NULL);
	}
	/* Let the loops finish their last run, then stop everything. */
	for (uint32_t ch = 4; ch < 6u; ch++) {
		uint64_t deadline = now_ns() + 2000000000u;
		struct dma_status st;

		do {
			(void)dma_get_status(dev, ch, &st);
		} while (st.busy && now_ns() < deadline);
		stopped_ok = stopped_ok && !st.busy;
	}
	for (uint32_t ch = 0; ch < 8u; ch++) {
		struct dma_status st;

		stopped_ok = stopped_ok && dma_stop(dev, ch) == 0 &&
			     dma_get_status(dev, ch, &st) == 0 && !st.busy;
		corrupt_end += check_dst(ch, false);
		if (memcmp(src[ch], src[ch], LEN) != 0) {
			corrupt_end++;
		}
		for (uint32_t i = 0; i < LEN; i++) {
			corrupt_end += src[ch][i] != expected(ch, i);
		}
	}
	for (uint32_t ch = 4; ch < 6u; ch++) {
		unsigned long s = atomic_load(&loop_starts[ch]), c = atomic_load(&loop_completes[ch]);

		lost += s > c ? s - c : 0u;
		duplicated += c > s ? c - s : 0u;
	}
	printf("stress: %.1f s, 6 threads + the engine, %lu API calls, %lu transfers completed,"
	       " %lu callbacks, %lu faults injected, %lu errors reported, %lu churn runs\n",
	       seconds, atomic_load(&ops), atomic_load(&completes), atomic_load(&callbacks),
	       atomic_load(&faults_injected), atomic_load(&errors_reported), atomic_load(&churn_runs));
	verdict("every return code is one the contract allows", atomic_load(&bad_codes) == 0u,
		atomic_load(&bad_codes));
	verdict("no byte corrupted (checked at every COMPLETE)", atomic_load(&corrupt_bytes) == 0u,
		atomic_load(&corrupt_bytes));
	verdict("no byte corrupted, guards and sources intact at the end", corrupt_end == 0u,
		corrupt_end);
	verdict("no callback lost (loop channels)", lost == 0u, lost);
	verdict("no callback duplicated (loop channels)", duplicated == 0u, duplicated);
	verdict("error callbacks <= faults injected",
		atomic_load(&errors_reported) <= atomic_load(&faults_injected),
		atomic_load(&errors_reported));
	verdict("every channel stops and is idle at the end", stopped_ok, 0);
	verdict("transfers completed", atomic_load(&completes) > 0u, atomic_load(&completes));
	printf("stress: %u passed, %u failed\n", passed, failed);
	return failed == 0u ? 0 : 1;
}
