/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host runner: the conformance suite against an emulated controller on
 * virtual time ("dma_emul_virtual", 8 channels, 1 ns per byte). The suite's
 * clock is the instance's virtual clock and its waits let virtual time pass
 * (10 us a step): every case runs the same, run after run, whatever the
 * machine's load. Usage: conformance_emul_virtual [name-filter]
 */
#include <stdio.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma_conformance.h"
#include "emul_serial_target.h"
#include "ttest.h"

DMA_EMUL_VIRTUAL_DEFINE(vdma, "dma_emul_virtual", 8, 16, 1);

static uint8_t pool[1024 * 1024] __attribute__((aligned(64)));
static struct dma_emul_serial uart;

static void print(const char *s)
{
	(void)fputs(s, stdout);
	(void)fflush(stdout);
}

static uint32_t virtual_ms(void)
{
	return (uint32_t)(dma_emul_now(&vdma) / 1000000u);
}

static void let_time_pass(void)
{
	(void)dma_emul_advance(&vdma, 10000u);
}

int main(int argc, char **argv)
{
	static const struct ttest_platform plat = {print, virtual_ms, let_time_pass};
	struct dma_conformance_target t = {
		.dev = &vdma,
		.pool = pool,
		.pool_len = sizeof(pool),
		.timeout_ms = 5000u,
		.inject_fault = dma_emul_inject_fault,
	};

	/* The serial port model runs on the instance's virtual clock. */
	t.periph = emul_serial_target(&vdma, &uart);
	if (t.periph == NULL) {
		return 1;
	}

	ttest_init(&plat);
	if (argc > 1) {
		ttest_set_filter(argv[1]);
	}
	(void)dma_conformance_run(&t);
	return ttest_summary("conformance-virtual") == 0 ? 0 : 1;
}
