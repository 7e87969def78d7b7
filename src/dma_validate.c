/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Argument validation (contract: "Validation in dma_config"). Every rule
 * gives -EINVAL and a reason that names the field, the block and the limit
 * (e.g. "dma_config: block 2: block_size 63 is not a multiple of
 * source_data_size 4"); nothing here has side effects. With
 * DMA_CONFIG_REASONS=0 the reasons and their formatting are not compiled.
 */
#include <stdarg.h>

#include "dma/dma_driver.h"
#include "dma_validate.h"

#if DMA_CONFIG_REASONS
/* Longest reason; longer ones are cut. */
#define WHY_LEN 160u

/* Append @p s to @p buf (of WHY_LEN) at *n. */
static void put_str(char *buf, uint32_t *n, const char *s)
{
	while (*s != '\0' && *n + 1u < WHY_LEN) {
		buf[(*n)++] = *s++;
	}
}

/* Append @p v in decimal. */
static void put_u32(char *buf, uint32_t *n, uint32_t v)
{
	char digits[10];
	uint32_t k = 0u;

	do {
		digits[k++] = (char)('0' + v % 10u);
		v /= 10u;
	} while (v != 0u);
	while (k > 0u && *n + 1u < WHY_LEN) {
		buf[(*n)++] = digits[--k];
	}
}

/*
 * Refuse with a reason formatted from @p fmt: "%u" takes a uint32_t, "%s" a
 * string; nothing else. Told to the hook at once (validation never runs
 * under the controller lock). Returns -EINVAL.
 */
int dma_refusef_(const struct dma_refusal_ctx *who, const char *fmt, ...)
{
	char buf[WHY_LEN];
	uint32_t n = 0u;
	va_list ap;

	if (who == NULL) {
		return -EINVAL;
	}
	put_str(buf, &n, who->call);
	put_str(buf, &n, ": ");
	va_start(ap, fmt);
	for (const char *p = fmt; *p != '\0' && n + 1u < WHY_LEN; p++) {
		if (p[0] == '%' && p[1] == 'u') {
			put_u32(buf, &n, va_arg(ap, uint32_t));
			p++;
		} else if (p[0] == '%' && p[1] == 's') {
			put_str(buf, &n, va_arg(ap, const char *));
			p++;
		} else {
			buf[n++] = *p;
		}
	}
	va_end(ap);
	buf[n] = '\0';
	return DMA_REFUSE(who->dev, who->channel, -EINVAL, buf);
}
#define REFUSE(who, ...) dma_refusef_((who), __VA_ARGS__)

/* The option that leaves @p feature out of this build (NULL: none does). */
static const char *dropped_by(uint32_t feature)
{
	/* Only the options at 0 are listed: nothing is compiled in for the
	 * others. */
	static const struct {
		uint32_t feature;
		const char *option;
	} options[] = {
#if !DMA_CONFIG_CYCLIC
		{DMA_CAP_CYCLIC, "DMA_CONFIG_CYCLIC"},
#endif
#if !DMA_CONFIG_CHAINING
		{DMA_CAP_CHAINING, "DMA_CONFIG_CHAINING"},
#endif
#if !DMA_CONFIG_HALF_COMPLETE
		{DMA_CAP_HALF_COMPLETE, "DMA_CONFIG_HALF_COMPLETE"},
#endif
#if !DMA_CONFIG_SUSPEND
		{DMA_CAP_SUSPEND, "DMA_CONFIG_SUSPEND"},
#endif
#if !DMA_CONFIG_RELOAD
		{DMA_CAP_RELOAD, "DMA_CONFIG_RELOAD"},
#endif
		{0u, NULL},
	};

	for (size_t i = 0; options[i].feature != 0u; i++) {
		if (options[i].feature == feature) {
			return options[i].option;
		}
	}
	return NULL;
}

/* A feature the instance lacks: the build's option that dropped it, or the
 * driver's own reason if it has one. */
static int missing(const struct dma_refusal_ctx *who, uint32_t feature, const char *what)
{
	const struct dma_driver_ops *ops = who != NULL ? who->dev->api : NULL;
	const char *option = dropped_by(feature);
	const char *why = ops != NULL && ops->why_missing != NULL
				  ? ops->why_missing(who->dev, feature)
				  : NULL;

	if (option != NULL) {
		return dma_refusef_(who, "%s, which this build leaves out (%s is 0)", what, option);
	}

	return why != NULL ? dma_refusef_(who, "%s, which this controller lacks: %s", what, why)
			   : dma_refusef_(who, "%s, which the controller lacks", what);
}
#define MISSING(who, feature, what) missing((who), (feature), (what))
#else
#define REFUSE(who, ...) ((void)(who), -EINVAL)
#define MISSING(who, feature, what) ((void)(who), -EINVAL)
#endif

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
		       const struct dma_block_config *blk, uint32_t index,
		       const struct dma_refusal_ctx *who)
{
	const uint32_t ss = cfg->source_data_size;
	const uint32_t ds = cfg->dest_data_size;
	const uint32_t size = blk->block_size;

	(void)index; /* only in reasons */
	if (size == 0u || size > caps->max_block_size) {
		return REFUSE(who, "block %u: block_size %u is not in 1..%u", index, size,
			      caps->max_block_size);
	}
	/* A block is made of whole units on both sides. */
	if ((size % ss) != 0u) {
		return REFUSE(who, "block %u: block_size %u is not a multiple of source_data_size %u",
			      index, size, ss);
	}
	if ((size % ds) != 0u) {
		return REFUSE(who, "block %u: block_size %u is not a multiple of dest_data_size %u",
			      index, size, ds);
	}
	if (caps->size_alignment > 1u && (size % caps->size_alignment) != 0u) {
		return REFUSE(who, "block %u: block_size %u is not a multiple of %u "
			      "(DMA_ATTR_BUFFER_SIZE_ALIGNMENT)", index, size, caps->size_alignment);
	}
	if (!adj_ok(caps->source_addr_adj, blk->source_addr_adj)) {
		return REFUSE(who, "block %u: source_addr_adj %u is not one the controller has", index,
			      (uint32_t)blk->source_addr_adj);
	}
	if (!adj_ok(caps->dest_addr_adj, blk->dest_addr_adj)) {
		return REFUSE(who, "block %u: dest_addr_adj %u is not one the controller has", index,
			      (uint32_t)blk->dest_addr_adj);
	}
	/* Gather/scatter enabled with a count of 0 means "no stride", as
	 * Zephyr's drivers read it: an ordinary block, on any controller. */
	if (((blk->source_gather_en && blk->source_gather_count != 0u) ||
	     (blk->dest_scatter_en && blk->dest_scatter_count != 0u)) &&
	    (dma_core_caps_features(caps) & DMA_CAP_GATHER_SCATTER) == 0u) {
		return MISSING(who, DMA_CAP_GATHER_SCATTER,
			       "gather/scatter is enabled with a count above 0");
	}
	if (!extent_ok(blk->source_address, blk->source_addr_adj, size, ss, blk->source_gather_en,
		       blk->source_gather_count, blk->source_gather_interval)) {
		return REFUSE(who, "block %u: the source's %u bytes run past the end of the address "
			      "space (or below 0 when decrementing)", index, size);
	}
	if (!extent_ok(blk->dest_address, blk->dest_addr_adj, size, ds, blk->dest_scatter_en,
		       blk->dest_scatter_count, blk->dest_scatter_interval)) {
		return REFUSE(who, "block %u: the destination's %u bytes run past the end of the "
			      "address space (or below 0 when decrementing)", index, size);
	}
	if (!aligned(blk->source_address, caps->addr_alignment) ||
	    !aligned(blk->dest_address, caps->addr_alignment)) {
		return REFUSE(who, "block %u: an address is not a multiple of %u "
			      "(DMA_ATTR_BUFFER_ADDRESS_ALIGNMENT)", index, caps->addr_alignment);
	}
	if (caps->addr_aligned_to_width && !aligned(blk->source_address, ss)) {
		return REFUSE(who, "block %u: source_address is not a multiple of source_data_size %u",
			      index, ss);
	}
	if (caps->addr_aligned_to_width && !aligned(blk->dest_address, ds)) {
		return REFUSE(who, "block %u: dest_address is not a multiple of dest_data_size %u",
			      index, ds);
	}
	return 0;
}

/* The reason of an unsupported data size, for @p field. */
static int bad_size(const struct dma_refusal_ctx *who, const struct dma_capabilities *caps,
		    const char *field, uint32_t size)
{
	(void)caps;
	(void)field;
	(void)size;
	return REFUSE(who, "%s %u is not a power of two the controller supports (its data_sizes "
		      "mask is %u: bit n for 2^n bytes)", field, size, caps->data_sizes);
}

static int bad_burst(const struct dma_refusal_ctx *who, const struct dma_capabilities *caps,
		     const char *field, uint32_t burst)
{
	(void)caps;
	(void)field;
	(void)burst;
	return REFUSE(who, "%s %u is not 0 or a power of two up to %u bytes", field, burst,
		      caps->max_burst_length);
}

int dma_validate_config(const struct dma_capabilities *caps, uint32_t channel,
			const struct dma_config *cfg, uint32_t *total_len,
			const struct dma_refusal_ctx *who)
{
	const uint32_t features = dma_core_caps_features(caps);
	const struct dma_block_config *blk;
	uint32_t total = 0u;

	if (cfg == NULL) {
		return REFUSE(who, "config is NULL");
	}
	if (cfg->head_block == NULL) {
		return REFUSE(who, "head_block is NULL");
	}
	if (cfg->block_count == 0u || cfg->block_count > caps->max_block_count) {
		return REFUSE(who, "block_count %u is not in 1..%u (DMA_ATTR_MAX_BLOCK_COUNT)",
			      cfg->block_count, caps->max_block_count);
	}
	if ((caps->directions & (1u << cfg->channel_direction)) == 0u) {
		return REFUSE(who, "channel_direction %u is not one the controller has",
			      (uint32_t)cfg->channel_direction);
	}
	if (!data_size_ok(caps, cfg->source_data_size)) {
		return bad_size(who, caps, "source_data_size", cfg->source_data_size);
	}
	if (!data_size_ok(caps, cfg->dest_data_size)) {
		return bad_size(who, caps, "dest_data_size", cfg->dest_data_size);
	}
	if (cfg->source_data_size != cfg->dest_data_size &&
	    (features & DMA_CAP_MIXED_WIDTHS) == 0u) {
		return MISSING(who, DMA_CAP_MIXED_WIDTHS,
			       "source_data_size and dest_data_size differ (mixed widths)");
	}
	if (!burst_ok(caps, cfg->source_burst_length)) {
		return bad_burst(who, caps, "source_burst_length", cfg->source_burst_length);
	}
	if (!burst_ok(caps, cfg->dest_burst_length)) {
		return bad_burst(who, caps, "dest_burst_length", cfg->dest_burst_length);
	}
	if (cfg->cyclic && (features & DMA_CAP_CYCLIC) == 0u) {
		return MISSING(who, DMA_CAP_CYCLIC, "cyclic is set (a cyclic mode)");
	}
	if (cfg->half_complete_callback_en && (features & DMA_CAP_HALF_COMPLETE) == 0u) {
		return MISSING(who, DMA_CAP_HALF_COMPLETE,
			       "half_complete_callback_en is set (half-complete callbacks)");
	}
	if (cfg->complete_callback_en && (features & DMA_CAP_BLOCK_CALLBACK) == 0u) {
		return MISSING(who, DMA_CAP_BLOCK_CALLBACK,
			       "complete_callback_en is set (per-block callbacks)");
	}
	if (cfg->source_chaining_en || cfg->dest_chaining_en) {
		if ((features & DMA_CAP_CHAINING) == 0u) {
			return MISSING(who, DMA_CAP_CHAINING, "chaining is enabled (channel chaining)");
		}
		if (cfg->linked_channel >= caps->channels) {
			return REFUSE(who, "linked_channel %u is not in 0..%u",
				      (uint32_t)cfg->linked_channel, caps->channels - 1u);
		}
		if (cfg->linked_channel == channel) {
			return REFUSE(who, "linked_channel %u is the channel itself",
				      (uint32_t)cfg->linked_channel);
		}
	}

	blk = cfg->head_block;
	for (uint32_t i = 0u; i < cfg->block_count; i++) {
		int ret;

		if (blk == NULL) {
			return REFUSE(who, "the block list ends after %u blocks, block_count is %u", i,
				      cfg->block_count);
		}
		ret = dma_validate_block(caps, cfg, blk, i, who);
		if (ret != 0) {
			return ret;
		}
		if (blk->block_size > UINT32_MAX - total) {
			return REFUSE(who, "the blocks add up to more than 4 GiB - 1 bytes");
		}
		total += blk->block_size;
		blk = blk->next_block;
	}
	if (total_len != NULL) {
		*total_len = total;
	}
	return 0;
}
