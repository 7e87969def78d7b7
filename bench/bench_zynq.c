/* SPDX-License-Identifier: Apache-2.0 */
/*
 * On target (QEMU xilinx-zynq-a9, Cortex-A9): guest instructions executed by
 * dma_config + dma_start + the completion interrupt (down to the callback)
 * for a 1-block and a 4-block memory-to-memory transfer on the PL330,
 * against a hand-written microcode copy doing the same transfer on the same
 * board, with its own minimal interrupt handler. Counted as in
 * bench_mps2.c (bench/run_target.sh).
 *
 * The board is built without the pacing quirk (BOARD_PL330_QUIRKS=0) and its
 * tick stopped, so that QEMU runs each program inside the DMAGO that starts
 * it, as it runs the PL081's, and no timer interrupt falls into a count.
 * The library runs on channel 0; the baseline owns channel 7 and its event
 * interrupt (GIC ID 75).
 */
#include <string.h>

#include "board.h"
#include "dma/dma.h"
#include "dma/dma_pl330.h"

#define REPS 3
#define BLK 64u

#define DMAC 0xF8003000u
#define REG(off) (*(volatile uint32_t *)(DMAC + (off)))
#define INTCLR 0x02Cu
#define DBGSTATUS 0xD00u
#define DBGCMD 0xD04u
#define DBGINST0 0xD08u
#define DBGINST1 0xD0Cu
#define PTIMER_CTRL (*(volatile uint32_t *)0xF8F00608u)
#define BARE_CH 7u
#define BARE_IRQ 75u

static uint32_t src[4 * BLK / 4] __attribute__((aligned(8))), dst[4 * BLK / 4];
static uint8_t prog[128] __attribute__((aligned(8)));
static volatile int done;

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

/* The baseline's interrupt (event 7); every other goes to the driver. */
void board_dma_irq(uint32_t id);
void board_dma_irq(uint32_t id)
{
	if (id == BARE_IRQ) {
		REG(INTCLR) = 1u << BARE_CH;
		done = 1;
	} else {
		pl330_isr(&dma_pl330);
	}
}

static void library(const struct device *dma, uint32_t nblocks)
{
	struct dma_block_config blk[4];
	struct dma_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = (uint32_t)(uintptr_t)&src[i * BLK / 4u];
		blk[i].dest_address = (uint32_t)(uintptr_t)&dst[i * BLK / 4u];
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

/* A configured channel run again: dma_start + completion interrupt. */
static void library_restart(const struct device *dma)
{
	done = 0;
	bench_mark_begin();
	(void)dma_start(dma, 0);
	while (!done) {
	}
	bench_mark_end();
}

static unsigned put_mov(unsigned at, uint8_t reg, uint32_t v)
{
	prog[at] = 0xBC;
	prog[at + 1u] = reg;
	for (unsigned i = 0; i < 4u; i++) {
		prog[at + 2u + i] = (uint8_t)(v >> (8u * i));
	}
	return at + 6u;
}

/* What a hand-written driver does: write the microcode (per block: the
 * addresses and a loop of 16 single-beat word copies; then the event),
 * start it with DMAGO. Not inlined, so that its code size is the footprint
 * baseline. */
__attribute__((noinline)) static void bare(uint32_t nblocks)
{
	unsigned at = 0;

	done = 0;
	bench_mark_begin();
	at = put_mov(at, 1, 0x00014005u); /* CCR: 4-byte beats, SI, DI */
	for (uint32_t i = 0; i < nblocks; i++) {
		at = put_mov(at, 0, (uint32_t)(uintptr_t)&src[i * BLK / 4u]);
		at = put_mov(at, 2, (uint32_t)(uintptr_t)&dst[i * BLK / 4u]);
		prog[at++] = 0x20; /* DMALP lc0, 16 */
		prog[at++] = BLK / 4u - 1u;
		prog[at++] = 0x04; /* DMALD */
		prog[at++] = 0x08; /* DMAST */
		prog[at++] = 0x38; /* DMALPEND lc0, back 2 */
		prog[at++] = 2;
	}
	prog[at++] = 0x13; /* DMAWMB */
	prog[at++] = 0x34; /* DMASEV 7 */
	prog[at++] = BARE_CH << 3;
	prog[at++] = 0x00; /* DMAEND */
	__asm__ volatile("dsb" ::: "memory");
	while (REG(DBGSTATUS) & 1u) {
	}
	REG(DBGINST0) = (0xA0u << 16) | (BARE_CH << 24);
	REG(DBGINST1) = (uint32_t)(uintptr_t)prog;
	REG(DBGCMD) = 0;
	while (!done) {
	}
	bench_mark_end();
}

int main(void)
{
	const struct device *dma = device_get_binding("pl330");
	static const uint32_t sizes[2] = {1, 4};

	if (dma == NULL) {
		return 1;
	}
	PTIMER_CTRL = 0; /* no tick inside a count */
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
