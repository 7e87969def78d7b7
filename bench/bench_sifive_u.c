/* SPDX-License-Identifier: Apache-2.0 */
/*
 * On target (QEMU sifive_u, RV64): guest instructions executed by dma_config
 * + dma_start + the completion interrupt(s) (down to the callback) for a
 * 1-block and a 4-block memory-to-memory transfer on the SiFive PDMA, the
 * blocks continued by the core's software chaining, against the minimal
 * hand-written register sequence doing the same on the same board (claim,
 * Next registers, run; its own handler clearing done and starting the next
 * block). Counted as in bench_mps2.c (bench/run_target.sh).
 *
 * The board is built without pacing (BOARD_PDMA_QUIRKS=0) and its tick
 * stopped, so that QEMU runs each transfer inside the write that starts it
 * and no timer interrupt falls into a count. The library runs on channel
 * 0; the baseline owns channel 3.
 */
#include <string.h>

#include "board.h"
#include "dma/dma.h"
#include "dma/dma_sifive_pdma.h"

#define REPS 3
#define BLK 64u

#define PDMA 0x3000000ul
#define CH3 (PDMA + 0x3000ul)
#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define CONTROL 0x000u
#define NEXT_CONFIG 0x004u
#define NEXT_BYTES 0x008u
#define NEXT_DEST 0x010u
#define NEXT_SOURCE 0x018u

static uint32_t src[4 * BLK / 4] __attribute__((aligned(64))), dst[4 * BLK / 4];
static volatile int done;
static volatile uint32_t bare_left, bare_next;

__attribute__((noinline)) void bench_mark_begin(void);
__attribute__((noinline)) void bench_mark_end(void);
void bench_mark_begin(void)
{
	__asm__ volatile("" ::: "memory");
}
void bench_mark_end(void)
{
	__asm__ volatile("" ::: "memory");
}

static void on_done(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)dev;
	(void)user_data;
	(void)ch;
	(void)status;
	done = 1;
}

/* The hand-written run of one block on channel 3. */
static void bare_run(uint32_t i)
{
	REG32(CH3 + CONTROL) = 1u; /* claim, clear done */
	REG32(CH3 + NEXT_CONFIG) = (2u << 24) | (2u << 28);
	REG32(CH3 + NEXT_BYTES) = BLK;
	REG32(CH3 + NEXT_BYTES + 4u) = 0u;
	REG32(CH3 + NEXT_DEST) = (uint32_t)(uintptr_t)&dst[i * BLK / 4u];
	REG32(CH3 + NEXT_DEST + 4u) = 0u;
	REG32(CH3 + NEXT_SOURCE) = (uint32_t)(uintptr_t)&src[i * BLK / 4u];
	REG32(CH3 + NEXT_SOURCE + 4u) = 0u;
	REG32(CH3 + CONTROL) = 1u | 2u | (1u << 14); /* claim, run, doneIE */
}

/* Channel 3 is the baseline's: its handler starts the next block. */
void board_pdma_irq(uint32_t channel);
void board_pdma_irq(uint32_t channel)
{
	if (channel == 3u) {
		REG32(CH3 + CONTROL) = 1u;
		if (--bare_left == 0u) {
			done = 1;
		} else {
			bare_run(bare_next++);
		}
	} else {
		sifive_pdma_isr(&dma_pdma, channel);
	}
}

static void library(const struct device *dma, uint32_t nblocks)
{
	struct dma_block_config blk[4];
	struct dma_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = (uintptr_t)&src[i * BLK / 4u];
		blk[i].dest_address = (uintptr_t)&dst[i * BLK / 4u];
		blk[i].block_size = BLK;
		blk[i].next_block = i + 1u < nblocks ? &blk[i + 1u] : NULL;
	}
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = nblocks;
	cfg.head_block = blk;
	cfg.dma_callback = on_done;
	done = 0;
	bench_mark_begin();
	(void)dma_config(dma, 0, &cfg);
	(void)dma_start(dma, 0);
	while (!done) {
	}
	bench_mark_end();
}

static void library_restart(const struct device *dma)
{
	done = 0;
	bench_mark_begin();
	(void)dma_start(dma, 0);
	while (!done) {
	}
	bench_mark_end();
}

/* Not inlined, so that its code size is the footprint baseline. */
__attribute__((noinline)) static void bare(uint32_t nblocks)
{
	done = 0;
	bench_mark_begin();
	bare_left = nblocks;
	bare_next = 1u;
	bare_run(0u);
	while (!done) {
	}
	bench_mark_end();
}

int main(void)
{
	const struct device *dma = device_get_binding("pdma");
	static const uint32_t sizes[2] = {1, 4};

	if (dma == NULL) {
		return 1;
	}
	__asm__ volatile("csrc mie, %0" : : "r"(1ul << 7)); /* no tick inside a count */
	for (unsigned s = 0; s < 2; s++) {
		for (int r = 0; r < REPS; r++) {
			board_puts(sizes[s] == 1u ? "BENCH library,1\n" : "BENCH library,4\n");
			library(dma, sizes[s]);
		}
		for (int r = 0; r < REPS; r++) {
			board_puts(sizes[s] == 1u ? "BENCH library-restart,1\n"
						  : "BENCH library-restart,4\n");
			library_restart(dma);
		}
		for (int r = 0; r < REPS; r++) {
			board_puts(sizes[s] == 1u ? "BENCH bare,1\n" : "BENCH bare,4\n");
			bare(sizes[s]);
		}
	}
	return memcmp(src, dst, sizeof(src)) == 0 ? 0 : 2;
}
