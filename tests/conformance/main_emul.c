/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host runner: the conformance suite against the emulated controller
 * "dma_emul". Usage: conformance_emul [name-filter]
 */
#include <stdlib.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma_conformance.h"
#include "emul_serial_target.h"
#include "ttest.h"
#include "ttest_host.h"

static uint8_t pool[1024 * 1024] __attribute__((aligned(64)));
static struct dma_emul_serial uart;

int main(int argc, char **argv)
{
	const char *timeout = getenv("DMA_TEST_TIMEOUT_MS");
	struct dma_conformance_target t = {
		.dev = device_get_binding("dma_emul"),
		.pool = pool,
		.pool_len = sizeof(pool),
		.timeout_ms = timeout != NULL ? (uint32_t)strtoul(timeout, NULL, 10) : 5000u,
		.inject_fault = dma_emul_inject_fault,
	};
	if (t.dev == NULL || (t.periph = emul_serial_target(t.dev, &uart)) == NULL) {
		return 1;
	}

	ttest_init(&ttest_host_platform);
	if (argc > 1 && strcmp(argv[1], "--bad-inputs") == 0) {
		return dma_conformance_print_bad_inputs(&t);
	}
	if (argc > 1) {
		ttest_set_filter(argv[1]);
	}
	(void)dma_conformance_run(&t);
	return ttest_summary("conformance") == 0 ? 0 : 1;
}
