/* SPDX-License-Identifier: Apache-2.0 */
#include "emul_serial_target.h"

static size_t uart_feed(void *ctx, const void *data, size_t n)
{
	return dma_emul_serial_feed(ctx, data, n);
}

static size_t uart_take(void *ctx, void *buf, size_t max)
{
	return dma_emul_serial_take_tx(ctx, buf, max);
}

const struct dma_conformance_periph *emul_serial_target(const struct device *dev,
							 struct dma_emul_serial *uart)
{
	static struct dma_conformance_periph periph;

	if (dma_emul_serial_init(uart, 256, 10000) != 0 || dma_emul_attach(dev, 14, &uart->rx) != 0 ||
	    dma_emul_attach(dev, 15, &uart->tx) != 0) {
		return NULL;
	}
	periph = (struct dma_conformance_periph){
		.rx_slot = 14, .tx_slot = 15, .fifo_depth = 256,
		.feed = uart_feed, .take = uart_take, .ctx = uart,
	};
	return &periph;
}
