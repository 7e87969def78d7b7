/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fault injection on the emulated controller. Usage: faults [iterations] [seed]
 *
 * Each iteration picks a transfer kind (single block, multi-block chain,
 * cyclic, linked pair), error_callback_dis, and a bus-error position, then
 * checks: exactly one error callback (none with error_callback_dis) and no
 * COMPLETE; the bytes before the fault were copied and none after it; a
 * linked channel is not started by an error; the channel is CONFIGURED
 * again (dma_start accepted) and the restarted transfer is correct; no
 * error reaches a later transfer. Closing line "faults: N passed, N failed".
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"

#define BLK 256u
#define MAXB 4u
#define FILL 0xEEu

enum kind { SINGLE, CHAINED, CYCLIC, LINKED, KINDS };
static const char *const kind_name[] = {"single", "chained", "cyclic", "linked"};

static const struct device *dev;
static uint8_t src[2][MAXB * BLK], dst[2][MAXB * BLK];
static atomic_uint errors[2], completes[2], blocks_cb[2];
static atomic_int last_status[2];
static unsigned failures_this;

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void on_event(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	if (status < 0) {
		atomic_store(&last_status[ch], status);
		atomic_fetch_add(&errors[ch], 1u);
	} else if (status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&completes[ch], 1u);
	} else {
		atomic_fetch_add(&blocks_cb[ch], 1u);
	}
}

static void fail(unsigned it, enum kind k, const char *what, long expected, long got)
{
	if (failures_this++ == 0u) {
		printf("FAIL faults/%u/%s\n", it, kind_name[k]);
	}
	printf("     %s: expected %ld, got %ld\n", what, expected, got);
}

static bool idle(uint32_t ch)
{
	struct dma_status st;

	return dma_get_status(dev, ch, &st) == 0 && !st.busy;
}

/* Wait (bounded) until @p pred holds. */
static bool wait_for(bool (*pred)(uint32_t), uint32_t ch)
{
	struct timespec ts = {0, 20000};

	for (int i = 0; i < 100000; i++) {
		if (pred(ch)) {
			return true;
		}
		nanosleep(&ts, NULL);
	}
	return pred(ch);
}

static bool has_complete(uint32_t ch)
{
	return atomic_load(&completes[ch]) > 0u;
}

static void configure(uint32_t ch, uint32_t nblocks, bool cyclic, bool dis, int link,
		      struct dma_config *cfg, struct dma_block_config *blk)
{
	memset(cfg, 0, sizeof(*cfg));
	memset(blk, 0, MAXB * sizeof(*blk));
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = (uintptr_t)&src[ch][i * BLK];
		blk[i].dest_address = (uintptr_t)&dst[ch][i * BLK];
		blk[i].block_size = BLK;
		blk[i].next_block = i + 1u < nblocks ? &blk[i + 1u] : NULL;
	}
	cfg->source_data_size = 4;
	cfg->dest_data_size = 4;
	cfg->block_count = nblocks;
	cfg->head_block = blk;
	cfg->cyclic = cyclic;
	cfg->error_callback_dis = dis;
	cfg->complete_callback_en = 1;
	cfg->dma_callback = on_event;
	if (link >= 0) {
		cfg->dest_chaining_en = 1;
		cfg->linked_channel = (uint32_t)link;
	}
}

static void iteration(unsigned it, uint32_t *seed, unsigned *injected)
{
	enum kind k = (enum kind)(rnd(seed) % KINDS);
	bool dis = rnd(seed) % 4u == 0u;
	uint32_t nblocks = k == SINGLE ? 1u : 2u + rnd(seed) % (MAXB - 1u);
	uint32_t victim = k == LINKED ? rnd(seed) % 2u : 0u; /* channel that faults */
	uint32_t vblocks = (k == LINKED && victim == 1u) ? 1u : nblocks;
	uint32_t fblock = rnd(seed) % vblocks;
	uint32_t foff = (rnd(seed) % BLK) / 4u * 4u;
	uint32_t at = fblock * BLK + foff; /* bytes moved before the fault */
	struct dma_config cfg[2];
	struct dma_block_config blk[2][MAXB];

	failures_this = 0;
	for (uint32_t ch = 0; ch < 2u; ch++) {
		for (uint32_t i = 0; i < MAXB * BLK; i++) {
			src[ch][i] = (uint8_t)(i * 7u + it + ch);
		}
		memset(dst[ch], FILL, sizeof(dst[ch]));
		atomic_store(&errors[ch], 0u);
		atomic_store(&completes[ch], 0u);
		atomic_store(&blocks_cb[ch], 0u);
	}
	configure(0, nblocks, k == CYCLIC, dis, k == LINKED ? 1 : -1, &cfg[0], blk[0]);
	if (dma_config(dev, 0, &cfg[0]) != 0) {
		fail(it, k, "dma_config channel 0", 0, -1);
		return;
	}
	if (k == LINKED) {
		configure(1, 1, false, dis, -1, &cfg[1], blk[1]);
		if (dma_config(dev, 1, &cfg[1]) != 0) {
			fail(it, k, "dma_config channel 1", 0, -1);
			return;
		}
	}
	if (dma_emul_inject_fault(dev, victim, fblock, foff, -EIO) != 0) {
		fail(it, k, "dma_emul_inject_fault", 0, -1);
		return;
	}
	(*injected)++;
	if (dma_start(dev, 0) != 0) {
		fail(it, k, "dma_start", 0, -1);
		return;
	}
	/* The victim ends in error; with a link, channel 0 completes first. */
	if (k == LINKED && victim == 1u && !wait_for(has_complete, 0)) {
		fail(it, k, "COMPLETE of channel 0 before the link's fault", 1, 0);
	}
	if (!wait_for(idle, victim) || !wait_for(idle, 0)) {
		fail(it, k, "channel idle after the fault", 1, 0);
		return;
	}
	{
		struct timespec ts = {0, 2000000};

		nanosleep(&ts, NULL); /* let any wrong extra callback arrive */
	}
	if (atomic_load(&errors[victim]) != (dis ? 0u : 1u)) {
		fail(it, k, "error callbacks", dis ? 0 : 1, atomic_load(&errors[victim]));
	}
	if (!dis && atomic_load(&last_status[victim]) != -EIO) {
		fail(it, k, "error status", -EIO, atomic_load(&last_status[victim]));
	}
	if (atomic_load(&completes[victim]) != 0u) {
		fail(it, k, "COMPLETE callbacks of the failed transfer", 0, atomic_load(&completes[victim]));
	}
	if (memcmp(dst[victim], src[victim], at) != 0) {
		fail(it, k, "bytes before the fault copied", 1, 0);
	}
	for (uint32_t i = at; i < MAXB * BLK; i++) {
		if (dst[victim][i] != FILL) {
			fail(it, k, "first byte written at or after the fault", -1, (long)i);
			break;
		}
	}
	if (k == LINKED && victim == 0u &&
	    (atomic_load(&completes[1]) != 0u || dst[1][0] != FILL)) {
		fail(it, k, "linked channel started by an error", 0, 1);
	}
	/* CONFIGURED again: the same configuration restarts and runs clean. */
	memset(dst[victim], FILL, sizeof(dst[victim]));
	atomic_store(&completes[victim], 0u);
	if (dma_start(dev, victim) != 0) {
		fail(it, k, "dma_start after the fault (CONFIGURED)", 0, -1);
		return;
	}
	if (!wait_for(has_complete, victim)) {
		fail(it, k, "COMPLETE of the restarted transfer", 1, 0);
	}
	if (k == CYCLIC) {
		(void)dma_stop(dev, victim);
	}
	(void)wait_for(idle, victim);
	if (k == LINKED && victim == 0u) {
		(void)wait_for(idle, 1);
	}
	if (memcmp(dst[victim], src[victim], vblocks * BLK) != 0) {
		fail(it, k, "restarted transfer's data correct", 1, 0);
	}
	if (atomic_load(&errors[victim]) != (dis ? 0u : 1u)) {
		fail(it, k, "no error reaches the restarted transfer", dis ? 0 : 1,
		     atomic_load(&errors[victim]));
	}
	(void)dma_stop(dev, 0);
	(void)dma_stop(dev, 1);
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 500u;
	uint32_t seed = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 0xC0FFEEu;
	unsigned passed = 0, failed = 0, injected = 0;
	uint32_t want0 = 0, want1 = 1;

	dev = device_get_binding("dma_emul");
	if (dev == NULL || dma_request_channel(dev, &want0) != 0 ||
	    dma_request_channel(dev, &want1) != 1) {
		return 1;
	}
	for (unsigned it = 0; it < n; it++) {
		iteration(it, &seed, &injected);
		if (failures_this == 0u) {
			passed++;
		} else {
			failed++;
		}
	}
	printf("faults: %u injected over single, chained, cyclic and linked transfers (seed %u)\n",
	       injected, (unsigned)(argc > 2 ? strtoul(argv[2], NULL, 10) : 0xC0FFEEu));
	printf("faults: %u passed, %u failed\n", passed, failed);
	return failed == 0u ? 0 : 1;
}
