/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Target runner: the conformance suite on hart 0 (RV64, machine mode) of
 * QEMU's sifive_u, against the PDMA of the FU540 (4 channels), with
 * interrupts delivered through the PLIC. The exit code is the number of
 * failed cases.
 */
#include "board.h"
#include "dma/dma_sifive_pdma.h"
#include "dma_conformance.h"
#include "ttest.h"

static uint8_t pool[640 * 1024] __attribute__((aligned(64)));

static void relax(void)
{
	__asm__ volatile("nop");
}

int main(void)
{
	static const struct ttest_platform plat = {board_puts, board_ms, relax};
	struct dma_conformance_target t = {
		.dev = device_get_binding("pdma"),
		.pool = pool,
		.pool_len = sizeof(pool),
		.timeout_ms = 2000u,
		.inject_fault = NULL,
		.why_missing = sifive_pdma_why_missing,
		.no_periph_reason = "the PDMA has no peripheral request lines (memory to memory only)",
	};
	int failed;

	ttest_init(&plat);
	(void)dma_conformance_run(&t);
	failed = ttest_summary("conformance-sifive_u");
	return failed > 255 ? 255 : failed;
}
