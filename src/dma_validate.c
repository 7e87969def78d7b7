/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Argument validation (contract: "Validation in dma_config"). Every rule
 * gives -EINVAL; nothing here has side effects.
 */
#include "dma_validate.h"

static bool is_pow2(uint32_t v)
{
	return v != 0u && (v & (v - 1u)) == 0u;
}

/* A data size is valid when it is a power of two the controller supports. */
static bool data_size_ok(const struct dma_capabilities *caps, uint32_t size)
{
	if (!is_pow2(size) || size > (1u << 31)) {
		return false;
	}
	return (caps->data_sizes & size) != 0u; /* bit n <=> 2^n bytes == size */
}

/* 0 means "the controller's default burst". */
static bool burst_ok(const struct dma_capabilities *caps, uint32_t burst)
{
	return burst == 0u || (is_pow2(burst) && burst <= caps->max_burst_length);
}

static bool adj_ok(uint32_t supported, uint32_t adj)
{
	return adj <= (uint32_t)DMA_ADDR_ADJ_NO_CHANGE && (supported & (1u << adj)) != 0u;
}

/*
 * Whether the bytes a block side touches stay inside the address space
 * (an address register would wrap to 0 past its end, or below 0 when
 * decrementing): the unit at the block address, the steps of the data size
 * over the block, and the gather/scatter jumps.
 */
static bool extent_ok(dma_addr_t addr, uint32_t adj, uint32_t size, uint32_t unit, bool jumps,
		      uint32_t count, uint32_t interval)
{
	const uint64_t max = (uint64_t)(dma_addr_t)-1;
	uint64_t span = 0u;

	if ((uint64_t)addr > max - (unit - 1u)) {
		return false;
	}
	if (adj == DMA_ADDR_ADJ_NO_CHANGE) {
		return true;
	}
	span = size - unit;
	if (jumps && count != 0u) {
		span += (uint64_t)((size / unit - 1u) / count) * interval;
	}
	if (adj == DMA_ADDR_ADJ_DECREMENT) {
		return span <= (uint64_t)addr;
	}
	return span <= max - (unit - 1u) - (uint64_t)addr;
}

static bool aligned(dma_addr_t addr, uint32_t align)
{
	return align <= 1u || (addr % align) == 0u;
}

int dma_validate_block(const struct dma_capabilities *caps, const struct dma_config *cfg,
		       const struct dma_block_config *blk)
{
	const uint32_t ss = cfg->source_data_size;
	const uint32_t ds = cfg->dest_data_size;
	const uint32_t size = blk->block_size;

	if (size == 0u || size > caps->max_block_size) {
		return -EINVAL;
	}
	/* A block is made of whole units on both sides. */
	if ((size % ss) != 0u || (size % ds) != 0u) {
		return -EINVAL;
	}
	if (caps->size_alignment > 1u && (size % caps->size_alignment) != 0u) {
		return -EINVAL;
	}
	if (!adj_ok(caps->source_addr_adj, blk->source_addr_adj) ||
	    !adj_ok(caps->dest_addr_adj, blk->dest_addr_adj)) {
		return -EINVAL;
	}
	if (blk->source_gather_en || blk->dest_scatter_en) {
		if ((caps->features & DMA_CAP_GATHER_SCATTER) == 0u) {
			return -EINVAL;
		}
		if ((blk->source_gather_en && blk->source_gather_count == 0u) ||
		    (blk->dest_scatter_en && blk->dest_scatter_count == 0u)) {
			return -EINVAL;
		}
	}
	if (!extent_ok(blk->source_address, blk->source_addr_adj, size, ss, blk->source_gather_en,
		       blk->source_gather_count, blk->source_gather_interval) ||
	    !extent_ok(blk->dest_address, blk->dest_addr_adj, size, ds, blk->dest_scatter_en,
		       blk->dest_scatter_count, blk->dest_scatter_interval)) {
		return -EINVAL;
	}
	if (!aligned(blk->source_address, caps->addr_alignment) ||
	    !aligned(blk->dest_address, caps->addr_alignment)) {
		return -EINVAL;
	}
	if (caps->addr_aligned_to_width &&
	    (!aligned(blk->source_address, ss) || !aligned(blk->dest_address, ds))) {
		return -EINVAL;
	}
	return 0;
}

int dma_validate_config(const struct dma_capabilities *caps, uint32_t channel,
			const struct dma_config *cfg, uint32_t *total_len)
{
	const struct dma_block_config *blk;
	uint32_t total = 0u;

	if (cfg == NULL || cfg->head_block == NULL) {
		return -EINVAL;
	}
	if (cfg->block_count == 0u || cfg->block_count > caps->max_block_count) {
		return -EINVAL;
	}
	if ((caps->directions & (1u << cfg->channel_direction)) == 0u) {
		return -EINVAL;
	}
	if (!data_size_ok(caps, cfg->source_data_size) ||
	    !data_size_ok(caps, cfg->dest_data_size)) {
		return -EINVAL;
	}
	if (cfg->source_data_size != cfg->dest_data_size &&
	    (caps->features & DMA_CAP_MIXED_WIDTHS) == 0u) {
		return -EINVAL;
	}
	if (!burst_ok(caps, cfg->source_burst_length) || !burst_ok(caps, cfg->dest_burst_length)) {
		return -EINVAL;
	}
	if (cfg->cyclic && (caps->features & DMA_CAP_CYCLIC) == 0u) {
		return -EINVAL;
	}
	if (cfg->half_complete_callback_en && (caps->features & DMA_CAP_HALF_COMPLETE) == 0u) {
		return -EINVAL;
	}
	if (cfg->complete_callback_en && (caps->features & DMA_CAP_BLOCK_CALLBACK) == 0u) {
		return -EINVAL;
	}
	if (cfg->source_chaining_en || cfg->dest_chaining_en) {
		if ((caps->features & DMA_CAP_CHAINING) == 0u ||
		    cfg->linked_channel >= caps->channels || cfg->linked_channel == channel) {
			return -EINVAL;
		}
	}

	blk = cfg->head_block;
	for (uint32_t i = 0u; i < cfg->block_count; i++) {
		if (blk == NULL) {
			return -EINVAL; /* list shorter than block_count */
		}
		if (dma_validate_block(caps, cfg, blk) != 0) {
			return -EINVAL;
		}
		if (blk->block_size > UINT32_MAX - total) {
			return -EINVAL; /* transfer length must fit in 32 bits */
		}
		total += blk->block_size;
		blk = blk->next_block;
	}
	if (total_len != NULL) {
		*total_len = total;
	}
	return 0;
}
