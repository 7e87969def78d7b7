/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Example on QEMU's xilinx-zynq-a9: the PL330 of the Zynq-7000 copies a
 * four-block list (8-byte beats, 16-beat bursts, a length that is not a
 * multiple of the burst) with a callback per block, then runs a cyclic
 * transfer into a two-block ring for three laps, then stops it. The
 * callbacks run in the PL330's interrupt handler, behind the GIC.
 *
 *   make run-zynq-example
 */
#include <stdio.h>
#include <string.h>

#include "board.h"
#include "dma/dma.h"

static char src[200] __attribute__((aligned(8))) =
	"The PL330 ran a program the driver wrote: DMAMOV, DMALP, DMALD, DMAST, "
	"DMALPEND, DMASEV. The CPU wrote the program once, started it with DMAGO "
	"and got its interrupts through the GIC. ";
static char dst[200] __attribute__((aligned(8)));
static uint8_t ring_src[64] __attribute__((aligned(8)));
static uint8_t ring[64] __attribute__((aligned(8)));
static volatile int blocks, completes, laps, halves;

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
		say("  [irq] channel %u: block %u done\n", (unsigned)channel, (unsigned)blocks);
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
	if (status == DMA_STATUS_HALF_COMPLETE) {
		halves++;
	} else if (status == DMA_STATUS_COMPLETE) {
		laps++;
		say("  [irq] ring lap %u done (%u half-block callbacks so far)\n", (unsigned)laps,
		    (unsigned)halves);
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
	static const uint32_t sizes[4] = {56, 48, 40, 56}; /* 200 bytes */
	struct dma_block_config blk[4];
	struct dma_config cfg;
	struct dma_status st;
	uint32_t off = 0;

	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 4; i++) {
		blk[i].source_address = (uint32_t)(uintptr_t)&src[off];
		blk[i].dest_address = (uint32_t)(uintptr_t)&dst[off];
		blk[i].block_size = sizes[i];
		blk[i].next_block = i < 3 ? &blk[i + 1] : NULL;
		off += sizes[i];
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 8;
	cfg.dest_data_size = 8;
	cfg.source_burst_length = 32; /* 4 beats of 8 bytes; each block ends with a tail */
	cfg.dest_burst_length = 32;
	cfg.block_count = 4;
	cfg.head_block = blk;
	cfg.complete_callback_en = 1;
	cfg.dma_callback = on_copy;
	board_puts("1. a 4-block copy on channel 0 (8-byte beats, 32-byte bursts)\n");
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
	board_puts("  destination: \"");
	board_puts(dst);
	board_puts("\"\n");
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

	for (unsigned i = 0; i < sizeof(ring_src); i++) {
		ring_src[i] = (uint8_t)(i * 3u + 1u);
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 2; i++) {
		blk[i].source_address = (uint32_t)(uintptr_t)&ring_src[i * 32];
		blk[i].dest_address = (uint32_t)(uintptr_t)&ring[i * 32];
		blk[i].block_size = 32;
		blk[i].next_block = i == 0 ? &blk[1] : NULL;
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 2;
	cfg.head_block = blk;
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
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
	(void)dma_stop(dma, 1);
	(void)dma_get_status(dma, 1, &st);
	say("  stopped after %u laps: busy=%u\n", (unsigned)laps, st.busy);
	say("  total_copied=%u bytes (%u per lap)\n", (unsigned)st.total_copied,
	    (unsigned)sizeof(ring));
	if (memcmp(ring, ring_src, sizeof(ring)) != 0 || st.total_copied < 3u * sizeof(ring)) {
		board_puts("  MISMATCH\n");
		return 1;
	}
	board_puts("  the ring holds the source\n");
	return 0;
}

int main(void)
{
	const struct device *dma = device_get_binding("pl330");

	if (dma == NULL) {
		board_puts("pl330 not ready\n");
		return 1;
	}
	board_puts("PL330 \"pl330\" on xilinx-zynq-a9 (Cortex-A9, GIC)\n");
	if (copy_blocks(dma) != 0 || cyclic_ring(dma) != 0) {
		return 1;
	}
	board_puts("done\n");
	return 0;
}
