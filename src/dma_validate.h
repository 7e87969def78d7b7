/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Argument validation of the contract, against a controller's capabilities.
 * Pure functions: they read their arguments and change nothing, except
 * that a refusal tells its reason to the refusal hook (dma_set_refusal_hook())
 * when @p who is given.
 */
#ifndef DMA_VALIDATE_H_
#define DMA_VALIDATE_H_

#include "dma/dma.h"

/** Who is refused: the reason names this device and channel. */
struct dma_refusal_ctx {
	/** The controller (the hook's first argument). */
	const struct device *dev;
	/** The channel the call named. */
	uint32_t channel;
	/** The call refused (its name starts the reason). */
	const char *call;
};

#if DMA_CONFIG_REASONS
/**
 * Tell the refusal hook a reason formatted from @p fmt ("%u": uint32_t,
 * "%s": string), after "<call>: ". Returns -EINVAL.
 */
int dma_refusef_(const struct dma_refusal_ctx *who, const char *fmt, ...);
#endif

/**
 * Check a configuration for @p channel of a controller with @p caps.
 * Reads at most caps->max_block_count blocks of the list.
 * @retval 0 valid. @retval -EINVAL invalid (see dma_config()); the reason
 * names the field, the block and the limit, told to the hook if @p who.
 * On success *total_len (if non-NULL) is the sum of the block sizes.
 */
int dma_validate_config(const struct dma_capabilities *caps, uint32_t channel,
			const struct dma_config *cfg, uint32_t *total_len,
			const struct dma_refusal_ctx *who);

/**
 * Check block number @p index against @p caps and the data sizes of @p cfg.
 * @retval 0 valid. @retval -EINVAL invalid (reason as above).
 */
int dma_validate_block(const struct dma_capabilities *caps, const struct dma_config *cfg,
		       const struct dma_block_config *blk, uint32_t index,
		       const struct dma_refusal_ctx *who);

#endif /* DMA_VALIDATE_H_ */
