/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Argument validation of the contract, against a controller's capabilities.
 * Pure functions: they read their arguments and change nothing.
 */
#ifndef DMA_VALIDATE_H_
#define DMA_VALIDATE_H_

#include "dma/dma.h"

/**
 * Check a configuration for @p channel of a controller with @p caps.
 * Reads at most caps->max_block_count blocks of the list.
 * @retval 0 valid. @retval -EINVAL invalid (see dma_config()).
 * On success *total_len (if non-NULL) is the sum of the block sizes.
 */
int dma_validate_config(const struct dma_capabilities *caps, uint32_t channel,
			const struct dma_config *cfg, uint32_t *total_len);

/**
 * Check one block against @p caps and the data sizes of @p cfg.
 * @retval 0 valid. @retval -EINVAL invalid.
 */
int dma_validate_block(const struct dma_capabilities *caps, const struct dma_config *cfg,
		       const struct dma_block_config *blk);

#endif /* DMA_VALIDATE_H_ */
