/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reference model of the contract (api-contract.md), independent of src/:
 * validation as a list of rules, the state table as a table.
 */
#include "model.h"

#include <string.h>

static bool pow2(uint32_t v)
{
	return v != 0u && (v & (v - 1u)) == 0u;
}

/*
 * The block side stays inside the address space: walked as the hardware
 * would, in 128-bit arithmetic, from the first unit to the last.
 */
static bool side_fits(dma_addr_t addr, uint32_t adj, uint32_t size, uint32_t unit, bool jumps,
		      uint32_t count, uint32_t interval)
{
	typedef unsigned __int128 u128;
	const u128 top = (u128)(dma_addr_t)-1;
	u128 units = size / unit, dist;

	if ((u128)addr + unit - 1u > top) return false;      /* the first unit itself */
	if (adj == DMA_ADDR_ADJ_NO_CHANGE) return true;
	dist = (units - 1u) * unit + (jumps && count ? (units - 1u) / count * (u128)interval : 0u);
	if (adj == DMA_ADDR_ADJ_DECREMENT) return dist <= (u128)addr; /* lowest unit >= 0 */
	return (u128)addr + dist + unit - 1u <= top;            /* highest byte */
}

/* One rule per line, in the contract's words. */
static bool block_ok(const struct dma_capabilities *caps, const struct dma_config *cfg,
		     const struct dma_block_config *b)
{
	const uint32_t ss = cfg->source_data_size, ds = cfg->dest_data_size;

	if (b->block_size == 0u) return false;                               /* block_size 0 */
	if (b->block_size > caps->max_block_size) return false;              /* too long */
	if (b->block_size % ss != 0u || b->block_size % ds != 0u) return false; /* whole units */
	if (caps->size_alignment > 1u && b->block_size % caps->size_alignment) return false;
	if (b->source_addr_adj > 2u || !(caps->source_addr_adj >> b->source_addr_adj & 1u)) return false;
	if (b->dest_addr_adj > 2u || !(caps->dest_addr_adj >> b->dest_addr_adj & 1u)) return false;
	/* gather/scatter with a count of 0: "no stride" (Zephyr's reading) */
	if (((b->source_gather_en && b->source_gather_count) ||
	     (b->dest_scatter_en && b->dest_scatter_count)) &&
	    !(caps->features & DMA_CAP_GATHER_SCATTER)) return false;
	if (caps->addr_alignment > 1u && (b->source_address % caps->addr_alignment ||
					  b->dest_address % caps->addr_alignment)) return false;
	if (caps->addr_aligned_to_width && (b->source_address % ss || b->dest_address % ds))
		return false;
	if (!side_fits(b->source_address, b->source_addr_adj, b->block_size, ss, b->source_gather_en,
		       b->source_gather_count, b->source_gather_interval)) return false;
	if (!side_fits(b->dest_address, b->dest_addr_adj, b->block_size, ds, b->dest_scatter_en,
		       b->dest_scatter_count, b->dest_scatter_interval)) return false;
	return true;
}

int model_config_check(const struct dma_capabilities *caps, uint32_t channel,
		       const struct dma_config *cfg)
{
	const struct dma_block_config *b;
	uint64_t total = 0u;

	if (cfg == NULL || cfg->head_block == NULL) return -EINVAL;
	if (cfg->block_count < 1u || cfg->block_count > caps->max_block_count) return -EINVAL;
	if (!(caps->directions >> cfg->channel_direction & 1u)) return -EINVAL;
	if (!pow2(cfg->source_data_size) || !(caps->data_sizes & cfg->source_data_size)) return -EINVAL;
	if (!pow2(cfg->dest_data_size) || !(caps->data_sizes & cfg->dest_data_size)) return -EINVAL;
	if (cfg->source_data_size != cfg->dest_data_size &&
	    !(caps->features & DMA_CAP_MIXED_WIDTHS)) return -EINVAL;
	if (cfg->source_burst_length != 0u &&
	    (!pow2(cfg->source_burst_length) || cfg->source_burst_length > caps->max_burst_length))
		return -EINVAL;
	if (cfg->dest_burst_length != 0u &&
	    (!pow2(cfg->dest_burst_length) || cfg->dest_burst_length > caps->max_burst_length))
		return -EINVAL;
	if (cfg->cyclic && !(caps->features & DMA_CAP_CYCLIC)) return -EINVAL;
	if (cfg->half_complete_callback_en && !(caps->features & DMA_CAP_HALF_COMPLETE)) return -EINVAL;
	if (cfg->complete_callback_en && !(caps->features & DMA_CAP_BLOCK_CALLBACK)) return -EINVAL;
	if ((cfg->source_chaining_en || cfg->dest_chaining_en) &&
	    (!(caps->features & DMA_CAP_CHAINING) || cfg->linked_channel >= caps->channels ||
	     cfg->linked_channel == channel)) return -EINVAL;
	b = cfg->head_block;
	for (uint32_t i = 0; i < cfg->block_count; i++, b = b->next_block) {
		if (b == NULL || !block_ok(caps, cfg, b)) return -EINVAL;
		total += b->block_size;
	}
	return total > UINT32_MAX ? -EINVAL : 0;
}

void model_init(struct model *m, const struct dma_capabilities *caps)
{
	memset(m, 0, sizeof(*m));
	m->caps = *caps;
}

static bool valid(const struct model *m, uint32_t ch)
{
	return ch < m->caps.channels;
}

int model_config(struct model *m, uint32_t ch, const struct dma_config *cfg)
{
	struct model_chan *c = &m->ch[ch];

	if (!valid(m, ch) || model_config_check(&m->caps, ch, cfg) != 0) return -EINVAL;
	if (c->state == M_RUNNING || c->state == M_SUSPENDED) return -EBUSY;
	c->state = M_CONFIGURED;
	c->cyclic = cfg->cyclic;
	c->chains = cfg->source_chaining_en || cfg->dest_chaining_en;
	c->link = cfg->linked_channel;
	c->blocks = cfg->block_count;
	c->ss = cfg->source_data_size;
	c->ds = cfg->dest_data_size;
	return 0;
}

/* Links from @p ch end at configured channels and never loop. */
static bool chain_ok(const struct model *m, uint32_t ch)
{
	uint32_t cur = ch;

	for (uint32_t steps = 0; m->ch[cur].chains; steps++) {
		uint32_t next = m->ch[cur].link;

		if (next == ch || steps > m->caps.channels || m->ch[next].state == M_UNCONFIGURED) {
			return false;
		}
		cur = next;
	}
	return true;
}

int model_start(struct model *m, uint32_t ch)
{
	struct model_chan *c = &m->ch[ch];

	if (!valid(m, ch)) return -EINVAL;
	switch (c->state) {
	case M_CONFIGURED:
		if (!chain_ok(m, ch)) return -EINVAL;
		c->state = M_RUNNING;
		return 0;
	case M_RUNNING:
		return 0;
	default:
		return -EINVAL;
	}
}

int model_stop(struct model *m, uint32_t ch)
{
	if (!valid(m, ch)) return -EINVAL;
	if (m->ch[ch].state == M_RUNNING || m->ch[ch].state == M_SUSPENDED) {
		m->ch[ch].state = M_CONFIGURED;
	}
	return 0;
}

int model_suspend(struct model *m, uint32_t ch)
{
	if (!valid(m, ch)) return -EINVAL;
	if (!(m->caps.features & DMA_CAP_SUSPEND)) return -ENOSYS;
	if (m->ch[ch].state == M_RUNNING) m->ch[ch].state = M_SUSPENDED;
	return m->ch[ch].state == M_SUSPENDED ? 0 : -EINVAL;
}

int model_resume(struct model *m, uint32_t ch)
{
	if (!valid(m, ch)) return -EINVAL;
	if (!(m->caps.features & DMA_CAP_SUSPEND)) return -ENOSYS;
	if (m->ch[ch].state == M_SUSPENDED) m->ch[ch].state = M_RUNNING;
	return m->ch[ch].state == M_RUNNING ? 0 : -EINVAL;
}

int model_reload(struct model *m, uint32_t ch, uint32_t size)
{
	struct model_chan *c = &m->ch[ch];

	if (!valid(m, ch)) return -EINVAL;
	if (!(m->caps.features & DMA_CAP_RELOAD)) return -ENOSYS;
	if (size == 0u) return -EINVAL;
	if (c->state == M_UNCONFIGURED) return -EINVAL;
	if (c->state != M_CONFIGURED) return -EBUSY;
	if (size % c->ss != 0u || size % c->ds != 0u || size > m->caps.max_block_size) return -EINVAL;
	c->blocks = 1u;
	return 0;
}

void model_release(struct model *m, uint32_t ch)
{
	if (valid(m, ch)) {
		m->ch[ch].state = M_UNCONFIGURED;
		m->ch[ch].requested = false;
	}
}

int model_request(struct model *m, const uint32_t *want)
{
	uint32_t first = 0u, last = m->caps.channels;

	if (want != NULL) {
		if (*want >= last) return -EINVAL;
		first = *want;
		last = first + 1u;
	}
	for (uint32_t ch = first; ch < last; ch++) {
		if (!m->ch[ch].requested) {
			m->ch[ch].requested = true;
			return (int)ch;
		}
	}
	return -EINVAL;
}

void model_complete(struct model *m, uint32_t ch)
{
	m->ch[ch].state = M_CONFIGURED;
	if (m->ch[ch].chains) {
		(void)model_start(m, m->ch[ch].link);
	}
}
