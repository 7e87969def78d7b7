/* SPDX-License-Identifier: Apache-2.0 */
/* The register-level driver tests' shared harness (driver_harness.h). */
#include "driver_harness.h"

#include <string.h>

struct harness_log cbs;
const char *last_reason;

void harness_cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	if (cbs.n < HARNESS_LOG_MAX) {
		cbs.status[cbs.n] = status;
	}
	cbs.n++;
	if (cbs.n == cbs.restart_at && cbs.cfg_next != NULL) {
		(void)dma_stop(d, ch);
		cbs.restart_ret = dma_config(d, ch, cbs.cfg_next);
		if (cbs.restart_ret == 0) {
			cbs.restart_ret = dma_start(d, ch);
		}
	}
}

void harness_refusal(const struct device *d, uint32_t ch, int err, const char *reason)
{
	(void)d;
	(void)ch;
	(void)err;
	last_reason = reason;
}

unsigned harness_count(int status)
{
	unsigned k = 0;

	for (unsigned i = 0; i < cbs.n && i < HARNESS_LOG_MAX; i++) {
		k += cbs.status[i] == status ? 1u : 0u;
	}
	return k;
}

void harness_clear(void)
{
	memset(&cbs, 0, sizeof(cbs));
	last_reason = NULL;
}

uint64_t harness_total(const struct device *dev, uint32_t ch)
{
	struct dma_status st;

	(void)dma_get_status(dev, ch, &st);
	return st.total_copied;
}

bool harness_busy(const struct device *dev, uint32_t ch)
{
	struct dma_status st;

	(void)dma_get_status(dev, ch, &st);
	return st.busy;
}

struct dma_config *harness_make(struct dma_config *c, struct dma_block_config *b,
				uint32_t nblocks, uint32_t size, uint32_t width, uint32_t burst,
				uint64_t src, uint64_t dst)
{
	memset(c, 0, sizeof(*c));
	memset(b, 0, 16 * sizeof(*b));
	c->source_data_size = width;
	c->dest_data_size = width;
	c->source_burst_length = burst;
	c->dest_burst_length = burst;
	c->block_count = nblocks;
	c->head_block = b;
	c->dma_callback = harness_cb;
	for (uint32_t i = 0; i < nblocks; i++) {
		b[i].source_address = (dma_addr_t)(src + (uint64_t)i * size);
		b[i].dest_address = (dma_addr_t)(dst + (uint64_t)i * size);
		b[i].block_size = size;
		b[i].next_block = i + 1u < nblocks ? &b[i + 1u] : NULL;
	}
	return c;
}
