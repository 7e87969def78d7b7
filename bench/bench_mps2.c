/* SPDX-License-Identifier: Apache-2.0 */
/*
 * On target (QEMU mps2-an505, Cortex-M33): guest instructions executed by
 * dma_config + dma_start + the completion interrupt (down to the callback)
 * for a 1-block and a 4-block memory-to-memory transfer on a PL081, against
 * the minimal hand-written register sequence doing the same transfer on the
 * same board, with its own minimal interrupt handler; and the per-call cost
 * of dma_get_status, dma_suspend, dma_resume and dma_stop on a running
 * channel against the register accesses doing the same by hand.
 *
 * Counting: QEMU runs with -singlestep -d exec,nochain, which logs every
 * executed guest instruction (interrupt handlers included). Each measurement
 * sits between bench_mark_begin() and bench_mark_end(); bench/run_mps2.sh
 * counts the instructions between them. The order of the measurements is
 * printed on the console.
 *
 * The library runs on dma0; the baseline owns dma3 (its interrupt handler
 * overrides the board's weak one).
 */
#include <string.h>

#include "board.h"
#include "dma/dma.h"

#define REPS 3
#define BLK 64u

#define PL_INT_TC_STATUS 0x004u
#define PL_INT_TC_CLEAR 0x008u
#define PL_SYNC 0x034u
#define PL_CH0 0x100u
#define DMA3_BASE 0x50113000u
#define REG(off) (*(volatile uint32_t *)(DMA3_BASE + (off)))

struct lli {
	uint32_t src, dst, next, ctrl;
};

static uint32_t src[4 * BLK / 4], dst[4 * BLK / 4];
static struct lli llis[3];
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

/* Baseline interrupt handler: acknowledge the terminal count, flag it. */
void dma3_irq(void);
void dma3_irq(void)
{
	uint32_t tc = REG(PL_INT_TC_STATUS);

	REG(PL_INT_TC_CLEAR) = tc;
	done = 1;
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

/* A configured channel reloaded with the same block and run again:
 * dma_reload + dma_start + completion interrupt. */
static void library_reload(const struct device *dma)
{
	done = 0;
	bench_mark_begin();
	(void)dma_reload(dma, 0, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, BLK);
	(void)dma_start(dma, 0);
	while (!done) {
	}
	bench_mark_end();
}

/* What a hand-written driver does: LLIs, channel registers, enable.
 * Not inlined, so that its code size is the footprint baseline. */
__attribute__((noinline)) static void bare(uint32_t nblocks)
{
	/* 16 words of 32 bits, SWidth = DWidth = 32 bits, SI, DI, I on the last. */
	const uint32_t ctrl = (BLK / 4u) | (2u << 18) | (2u << 21) | (1u << 26) | (1u << 27);

	done = 0;
	bench_mark_begin();
	for (uint32_t i = 1; i < nblocks; i++) {
		llis[i - 1u].src = (uint32_t)(uintptr_t)&src[i * BLK / 4u];
		llis[i - 1u].dst = (uint32_t)(uintptr_t)&dst[i * BLK / 4u];
		llis[i - 1u].next = i + 1u < nblocks ? (uint32_t)(uintptr_t)&llis[i] : 0u;
		llis[i - 1u].ctrl = ctrl | (i + 1u == nblocks ? (1u << 31) : 0u);
	}
	REG(PL_CH0 + 0x00u) = (uint32_t)(uintptr_t)src;
	REG(PL_CH0 + 0x04u) = (uint32_t)(uintptr_t)dst;
	REG(PL_CH0 + 0x08u) = nblocks > 1u ? (uint32_t)(uintptr_t)&llis[0] : 0u;
	REG(PL_CH0 + 0x0Cu) = ctrl | (nblocks == 1u ? (1u << 31) : 0u);
	REG(PL_CH0 + 0x10u) = (1u << 15) | (1u << 14) | 1u; /* ITC, IE, E */
	REG(PL_SYNC) = REG(PL_SYNC); /* QEMU: make the model raise its line */
	while (!done) {
	}
	bench_mark_end();
}

/*
 * Per-call cost of the calls a running transfer gets, on a channel that
 * stays running: memory to a peripheral whose request line nothing drives
 * (QEMU's model then waits for ever, note 7 of the board's notes).
 */
static uint32_t periph_reg;

static void measure(const char *what, int (*op)(const struct device *, uint32_t),
		    const struct device *dma)
{
	board_puts(what);
	bench_mark_begin();
	(void)op(dma, 0);
	bench_mark_end();
}

static struct dma_status status_seen;

static int get_status(const struct device *dma, uint32_t ch)
{
	return dma_get_status(dma, ch, &status_seen);
}

static void library_calls(const struct device *dma)
{
	struct dma_block_config blk;
	struct dma_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	memset(&blk, 0, sizeof(blk));
	blk.source_address = (uint32_t)(uintptr_t)src;
	blk.dest_address = (uint32_t)(uintptr_t)&periph_reg;
	blk.dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	blk.block_size = BLK;
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.dma_callback = on_done;
	for (int r = 0; r < REPS; r++) {
		(void)dma_config(dma, 0, &cfg);
		(void)dma_start(dma, 0);
		measure("BENCH call-get_status,1\n", get_status, dma);
		measure("BENCH call-suspend,1\n", dma_suspend, dma);
		measure("BENCH call-resume,1\n", dma_resume, dma);
		measure("BENCH call-stop,1\n", dma_stop, dma);
	}
}

/* The same by hand on dma3: the bytes left from TransferSize, the halt bit
 * set and cleared, the channel disabled and waited for. */
static volatile uint32_t bare_left;

static void bare_calls(void)
{
	const uint32_t ctrl = (BLK / 4u) | (2u << 18) | (2u << 21) | (1u << 26);

	for (int r = 0; r < REPS; r++) {
		REG(PL_CH0 + 0x00u) = (uint32_t)(uintptr_t)src;
		REG(PL_CH0 + 0x04u) = (uint32_t)(uintptr_t)&periph_reg;
		REG(PL_CH0 + 0x08u) = 0u;
		REG(PL_CH0 + 0x0Cu) = ctrl;
		REG(PL_CH0 + 0x10u) = (1u << 11) | 1u; /* memory to peripheral, E */
		board_puts("BENCH bare-get_status,1\n");
		bench_mark_begin();
		bare_left = (BLK / 4u - (REG(PL_CH0 + 0x0Cu) & 0xFFFu)) * 4u;
		bench_mark_end();
		board_puts("BENCH bare-suspend,1\n");
		bench_mark_begin();
		REG(PL_CH0 + 0x10u) |= 1u << 18; /* H */
		bench_mark_end();
		board_puts("BENCH bare-resume,1\n");
		bench_mark_begin();
		REG(PL_CH0 + 0x10u) &= ~(1u << 18);
		bench_mark_end();
		board_puts("BENCH bare-stop,1\n");
		bench_mark_begin();
		REG(PL_CH0 + 0x10u) &= ~1u;
		while ((REG(0x01Cu) & 1u) != 0u) { /* EnbldChns */
		}
		bench_mark_end();
	}
}

int main(void)
{
	const struct device *dma = device_get_binding("dma0");
	static const uint32_t sizes[2] = {1, 4};

	if (dma == NULL) {
		return 1;
	}
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
		for (int r = 0; r < REPS && sizes[s] == 1u; r++) {
			board_puts("BENCH library-reload,1\n");
			library_reload(dma);
		}
		for (int r = 0; r < REPS; r++) {
			board_puts(sizes[s] == 1u ? "BENCH bare,1\n" : "BENCH bare,4\n");
			bare(sizes[s]);
		}
	}
	library_calls(dma);
	bare_calls();
	return memcmp(src, dst, sizeof(src)) == 0 ? 0 : 2;
}
