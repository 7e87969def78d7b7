/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Example on QEMU's sifive_u (RISC-V, RV64): the SiFive PDMA, which runs
 * one transfer at a time, copies a four-block list with 64-byte
 * transactions: the core's software chaining starts each block from the
 * done interrupt of the one before. Then a cyclic transfer into a two-block
 * ring runs lap after lap, is suspended and resumed, and stopped. The
 * callbacks run in the PDMA's interrupt handler, behind the PLIC.
 *
 *   make run-riscv-example
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "dma/dma.h"

static char src[512] __attribute__((aligned(64)));
static char dst[512] __attribute__((aligned(64)));
static uint8_t ring_src[256] __attribute__((aligned(64)));
static uint8_t ring[256] __attribute__((aligned(64)));
static volatile int blocks, completes, laps;

static void say(const char *fmt, unsigned a, unsigned b)
{
	char line[128];

	(void)snprintf(line, sizeof(line), fmt, a, b);
	board_puts(line);
}

static void on_copy(const struct device *dev, void *user_data, uint32_t channel, int status)
{
	(void)dev;
	(void)user_data;
	if (status == DMA_STATUS_BLOCK) {
		blocks++;
		say("  [irq] channel %u: block %u done, the next one started\n", (unsigned)channel,
		    (unsigned)blocks);
	} else if (status == DMA_STATUS_COMPLETE) {
		completes++;
		say("  [irq] channel %u: transfer complete after %u block callbacks\n",
		    (unsigned)channel, (unsigned)blocks);
	} else {
		say("  [irq] channel %u: error -%u\n", (unsigned)channel, (unsigned)-status);
	}
}

static void on_ring(const struct device *dev, void *user_data, uint32_t channel, int status)
{
	(void)dev;
	(void)user_data;
	(void)channel;
	if (status == DMA_STATUS_COMPLETE) {
		laps++;
	}
}

static bool wait_for(volatile int *ctr, int n)
{
	const uint32_t t0 = board_ms();

	while (*ctr < n && board_ms() - t0 < 2000u) {
	}
	return *ctr >= n;
}

static int copy_blocks(const struct device *dma)
{
	static const uint32_t sizes[4] = {128, 64, 192, 128}; /* 512 bytes */
	struct dma_block_config blk[4];
	struct dma_config cfg;
	struct dma_status st;
	uint32_t off = 0;

	for (unsigned i = 0; i < sizeof(src); i++) {
		src[i] = (char)('A' + i % 26u);
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 4; i++) {
		blk[i].source_address = (uintptr_t)&src[off];
		blk[i].dest_address = (uintptr_t)&dst[off];
		blk[i].block_size = sizes[i];
		blk[i].next_block = i < 3 ? &blk[i + 1] : NULL;
		off += sizes[i];
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 8;
	cfg.dest_data_size = 8;
	cfg.source_burst_length = 64; /* 64-byte transactions */
	cfg.dest_burst_length = 64;
	cfg.block_count = 4;
	cfg.head_block = blk;
	cfg.complete_callback_en = 1;
	cfg.dma_callback = on_copy;
	board_puts("1. a 4-block copy on channel 0 (64-byte transactions)\n");
	if (dma_config(dma, 0, &cfg) != 0 || dma_start(dma, 0) != 0) {
		board_puts("  configuration refused\n");
		return 1;
	}
	if (!wait_for(&completes, 1)) {
		board_puts("  timed out waiting for the interrupts\n");
		return 1;
	}
	(void)dma_get_status(dma, 0, &st);
	say("  channel 0: busy=%u total_copied=%u\n", st.busy, (unsigned)st.total_copied);
	if (memcmp(src, dst, sizeof(src)) != 0) {
		board_puts("  MISMATCH\n");
		return 1;
	}
	board_puts("  the copy matches the source\n");
	return 0;
}

static int cyclic_ring(const struct device *dma)
{
	struct dma_block_config blk[2];
	struct dma_config cfg;
	struct dma_status st;
	uint64_t frozen;

	for (unsigned i = 0; i < sizeof(ring_src); i++) {
		ring_src[i] = (uint8_t)(i * 5u + 3u);
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 2; i++) {
		blk[i].source_address = (uintptr_t)&ring_src[i * 128];
		blk[i].dest_address = (uintptr_t)&ring[i * 128];
		blk[i].block_size = 128;
		blk[i].next_block = i == 0 ? &blk[1] : NULL;
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 2;
	cfg.head_block = blk;
	cfg.cyclic = 1;
	cfg.dma_callback = on_ring;
	board_puts("2. a cyclic transfer on channel 1: a 2-block ring, lap after lap\n");
	if (dma_config(dma, 1, &cfg) != 0 || dma_start(dma, 1) != 0) {
		board_puts("  configuration refused\n");
		return 1;
	}
	if (!wait_for(&laps, 3)) {
		board_puts("  timed out waiting for three laps\n");
		return 1;
	}
	(void)dma_suspend(dma, 1);
	(void)dma_get_status(dma, 1, &st);
	frozen = st.total_copied;
	say("  suspended after %u laps: total_copied=%u\n", (unsigned)laps, (unsigned)frozen);
	{
		const uint32_t t0 = board_ms();

		while (board_ms() - t0 < 20u) {
		}
	}
	(void)dma_get_status(dma, 1, &st);
	say("  20 ms later, still suspended: total_copied=%u\n", (unsigned)st.total_copied, 0u);
	if (st.total_copied != frozen) {
		board_puts("  MOVED WHILE SUSPENDED\n");
		return 1;
	}
	(void)dma_resume(dma, 1);
	if (!wait_for(&laps, laps + 2)) {
		board_puts("  timed out after the resume\n");
		return 1;
	}
	(void)dma_stop(dma, 1);
	(void)dma_get_status(dma, 1, &st);
	say("  resumed, then stopped after %u laps: total_copied=%u\n", (unsigned)laps,
	    (unsigned)st.total_copied);
	if (memcmp(ring, ring_src, sizeof(ring)) != 0) {
		board_puts("  MISMATCH\n");
		return 1;
	}
	board_puts("  the ring holds the source\n");
	return 0;
}

int main(void)
{
	const struct device *dma = device_get_binding("pdma");

	if (dma == NULL) {
		board_puts("pdma not ready\n");
		return 1;
	}
	board_puts("SiFive PDMA \"pdma\" on sifive_u (RV64, PLIC)\n");
	if (copy_blocks(dma) != 0 || cyclic_ring(dma) != 0) {
		return 1;
	}
	board_puts("done\n");
	return 0;
}
