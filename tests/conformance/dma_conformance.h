/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The conformance suite: the contract (docs/contract), checked through the
 * public API only, against any controller instance. Runs on a host and on a
 * microcontroller; every wait is bounded.
 */
#ifndef DMA_CONFORMANCE_H_
#define DMA_CONFORMANCE_H_

#include "dma/dma.h"

/** A peripheral pair on the target's request lines, for the peripheral cases. */
struct dma_conformance_periph {
	/** Request line of a receiver (a DMA source that paces the transfer). */
	uint32_t rx_slot;
	/** Request line of a transmitter (a DMA destination that paces it). */
	uint32_t tx_slot;
	/** Bytes the receiver's FIFO holds. */
	uint32_t fifo_depth;
	/** The outside world sends @p n bytes to the receiver; returns bytes accepted. */
	size_t (*feed)(void *ctx, const void *data, size_t n);
	/** Take up to @p max bytes the transmitter has sent (non-blocking). */
	size_t (*take)(void *ctx, void *buf, size_t max);
	/** Passed to feed and take. */
	void *ctx;
};

struct dma_conformance_target {
	/** Controller under test. All its channels must be free. */
	const struct device *dev;
	/** Memory the controller can read and write, for the test buffers. */
	uint8_t *pool;
	/** Size of @ref pool; 640 KiB runs every case (the long ones skip below). */
	uint32_t pool_len;
	/** Upper bound of every wait, in milliseconds. */
	uint32_t timeout_ms;
	/**
	 * Arm a bus error (see dma_emul_inject_fault()); NULL when the
	 * controller cannot inject one: the fault cases are skipped.
	 */
	int (*inject_fault)(const struct device *dev, uint32_t channel, uint32_t block,
			    uint32_t offset, int error);
	/**
	 * Why the controller lacks a DMA_CAP_* feature, for skip messages
	 * (e.g. a model's limitation); NULL or a NULL result: a generic text.
	 */
	const char *(*why_missing)(const struct device *dev, uint32_t feature);
	/** Peripherals for the peripheral cases; NULL: they are skipped. */
	const struct dma_conformance_periph *periph;
	/** Why there is no peripheral (skip reason) when @ref periph is NULL. */
	const char *no_periph_reason;
};

/**
 * Run every case against @p target (ttest_init() done by the caller; the
 * caller prints the closing line with ttest_summary()). Case names start
 * with the device name.
 * @return the number of cases of this run that failed.
 */
int dma_conformance_run(const struct dma_conformance_target *target);

/**
 * Print, as a Markdown table, every invalid argument and refused state
 * transition the suite checks, with the contract's error and the one
 * @p target returns (run on it now).
 * @return 0, or 1 if the device is not ready.
 */
int dma_conformance_print_bad_inputs(const struct dma_conformance_target *target);

#endif /* DMA_CONFORMANCE_H_ */
