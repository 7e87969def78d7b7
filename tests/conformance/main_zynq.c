/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Target runner: the conformance suite on the Cortex-A9 of QEMU's
 * xilinx-zynq-a9, against the PL330 of the Zynq-7000 (8 channels), with
 * interrupts delivered through the GIC. The exit code is the number of
 * failed cases.
 */
#include "board.h"
#include "dma/dma_pl330.h"
#include "dma_conformance.h"
#include "ttest.h"

static uint8_t pool[640 * 1024] __attribute__((aligned(16)));

static void relax(void)
{
	__asm__ volatile("nop");
}

int main(void)
{
	static const struct ttest_platform plat = {board_puts, board_ms, relax};
	struct dma_conformance_target t = {
		.dev = device_get_binding("pl330"),
		.pool = pool,
		.pool_len = sizeof(pool),
		.timeout_ms = 2000u,
		.inject_fault = NULL,
		.why_missing = pl330_why_missing,
		.no_periph_reason = "QEMU 7.2's Zynq board connects no peripheral request lines "
				    "to the PL330 (its DMAWFP never waits; peripheral programs "
				    "are unit-tested on the host)",
	};
	int failed;

	ttest_init(&plat);
	(void)dma_conformance_run(&t);
	failed = ttest_summary("conformance-zynq7000");
	return failed > 255 ? 255 : failed;
}
