/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the register-level driver tests share (against a model of the
 * silicon): a callback that logs every status (and, on request, stops and
 * restarts its channel with another configuration), the refusal hook's
 * last reason, status helpers, and a block list laid out at bus addresses.
 */
#ifndef DRIVER_HARNESS_H_
#define DRIVER_HARNESS_H_

#include <stdbool.h>
#include <stdint.h>

#include "dma/dma.h"

#define HARNESS_LOG_MAX 256

/** The callback's log and behaviour. */
struct harness_log {
	unsigned n;
	int status[HARNESS_LOG_MAX];
	/** Behaviour: at callback number restart_at (1-based), stop the
	 *  channel, configure it with cfg_next and start it. */
	unsigned restart_at;
	struct dma_config *cfg_next;
	int restart_ret;
};

extern struct harness_log cbs;
/** The last reason the refusal hook heard (NULL: none). */
extern const char *last_reason;

/** The callback every configuration of the tests uses. */
void harness_cb(const struct device *d, void *user_data, uint32_t ch, int status);
/** The refusal hook (dma_set_refusal_hook()) that records last_reason. */
void harness_refusal(const struct device *d, uint32_t ch, int err, const char *reason);
/** How many callbacks had @p status. */
unsigned harness_count(int status);
/** Forget the log and the last reason. */
void harness_clear(void);
/** total_copied and busy of dma_get_status(). */
uint64_t harness_total(const struct device *dev, uint32_t ch);
bool harness_busy(const struct device *dev, uint32_t ch);

/**
 * Fill @p c and @p b (16 entries) with @p nblocks blocks of @p size bytes
 * from @p src to @p dst (contiguous), @p width-byte units, bursts of
 * @p burst bytes (0: one unit), harness_cb as the callback.
 */
struct dma_config *harness_make(struct dma_config *c, struct dma_block_config *b,
				uint32_t nblocks, uint32_t size, uint32_t width, uint32_t burst,
				uint64_t src, uint64_t dst);

#endif /* DRIVER_HARNESS_H_ */
