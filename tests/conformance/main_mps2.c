/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Target runner: the conformance suite on the Cortex-M33 of QEMU's
 * mps2-an505, against its four PL081 controllers, with interrupts delivered
 * through the NVIC. The exit code is the number of failed cases.
 */
#include "board.h"
#include "dma/dma_pl08x.h"
#include "dma_conformance.h"
#include "ttest.h"

/* In the DMA-reachable SRAM (.bss at 0x38000000). */
static uint8_t pool[640 * 1024] __attribute__((aligned(16)));

static void relax(void)
{
	__asm__ volatile("nop");
}

int main(void)
{
	static const struct ttest_platform plat = {board_puts, board_ms, relax};
	static const char *const names[] = {"dma0", "dma1", "dma2", "dma3"};
	int failed;

	ttest_init(&plat);
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct dma_conformance_target t = {
			.dev = device_get_binding(names[i]),
			.pool = pool,
			.pool_len = sizeof(pool),
			.timeout_ms = 2000u,
			.inject_fault = NULL, /* QEMU's model raises no bus errors */
			.why_missing = pl08x_why_missing,
			.no_periph_reason = "QEMU 7.2's PL08x model drives no request lines "
					    "(peripheral register programming is unit-tested on the host)",
		};

		(void)dma_conformance_run(&t);
	}
	failed = ttest_summary("conformance-mps2-an505");
	return failed > 255 ? 255 : failed;
}
