/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host runner: the conformance suite against the emulated controller
 * "dma_emul". Usage: conformance_emul [name-filter]
 */
#include <stdlib.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma/dma_emul_periph.h"
#include "dma_conformance.h"
#include "ttest.h"
#include "ttest_host.h"

static uint8_t pool[1024 * 1024] __attribute__((aligned(64)));
static struct dma_emul_serial uart;

static size_t uart_feed(void *ctx, const void *data, size_t n)
{
	return dma_emul_serial_feed(ctx, data, n);
}

static size_t uart_take(void *ctx, void *buf, size_t max)
{
	return dma_emul_serial_take_tx(ctx, buf, max);
}

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
	/* An emulated serial port on request lines 14 (RX) and 15 (TX), with
	 * 256-byte FIFOs at 10 KB/s: 25 ms before an overrun, for a loaded
	 * machine running sanitizers (16 bytes at 20 KB/s, 0.8 ms, overran
	 * about one run in eight there). */
	static const struct dma_conformance_periph periph = {
		.rx_slot = 14, .tx_slot = 15, .fifo_depth = 256,
		.feed = uart_feed, .take = uart_take, .ctx = &uart,
	};

	if (t.dev == NULL || dma_emul_serial_init(&uart, 256, 10000) != 0 ||
	    dma_emul_attach(t.dev, 14, &uart.rx) != 0 || dma_emul_attach(t.dev, 15, &uart.tx) != 0) {
		return 1;
	}
	t.periph = &periph;

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
