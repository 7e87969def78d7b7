/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARM PrimeCell PL080/PL081 DMA controller driver (ARM DDI 0196, DDI 0218).
 *
 * A transfer is a list of linked-list items (LLIs): item 0 is written to the
 * channel registers, items 1..n-1 are read by the controller from the
 * channel's pool. A block becomes one item per 4095 source units, split at
 * its midpoint when half-complete callbacks are on.
 *
 * Events are derived from the hardware position, not counted from
 * interrupts: on each interrupt the driver observes the channel once, under
 * the lock (which item it is on, from the LLI register; how far into it,
 * from TransferSize; whether it is still enabled; its TC and error bits,
 * cleared inside the same consistent reading), and reports every half/block
 * end passed since the last observation, with the transfer id captured
 * then. This is right on silicon even if an interrupt is serviced late (TC
 * status is one bit per channel) or an item ends while the handler runs,
 * and right on QEMU 7.2, whose model runs the whole list inside one
 * register write and tests an item's I bit after loading the next item. A
 * ring's position is known only modulo its lap; the TC bit tells a full lap
 * from no progress, so a ring's interrupt must be serviced less than a lap
 * late (later, the ring has overrun anyway).
 *
 * Bus masters and protection (PL080: two AHB masters; PL081: one): every
 * item is fetched and every transfer made through AHB master 1 (LLI.LM = 0,
 * Control.S = D = 0), so one bus path serves memory and peripherals alike
 * and the driver needs no per-board master map; a board whose peripherals
 * sit only behind master 2 would need that map (not provided). Control.Prot
 * is 0: user mode, non-bufferable, non-cacheable accesses (TRM 3.4.18), the
 * safe choice for buffers the CPU also reads, with no claim to privilege.
 *
 * Lock rule: configure/start/stop/suspend/resume/progress run with the core
 * lock held (interrupts masked on one core); pl08x_isr() runs in the
 * interrupt and calls dma_core_report() without the lock.
 */
#include "dma/dma_pl08x.h"

/* Global registers (TRM 3.3). */
#define REG_INT_STATUS 0x000u
#define REG_INT_TC_STATUS 0x004u
#define REG_INT_TC_CLEAR 0x008u
#define REG_INT_ERR_STATUS 0x00Cu
#define REG_INT_ERR_CLEAR 0x010u
#define REG_RAW_INT_TC 0x014u
#define REG_RAW_INT_ERR 0x018u
#define REG_ENABLED_CHANS 0x01Cu
#define REG_CONFIG 0x030u
#define REG_SYNC 0x034u
#define REG_PERIPH_ID0 0xFE0u
#define REG_PERIPH_ID1 0xFE4u

/* Channel registers. */
#define CH_BASE(ch) (0x100u + 0x20u * (ch))
#define CH_SRC 0x00u
#define CH_DST 0x04u
#define CH_LLI 0x08u
#define CH_CTRL 0x0Cu
#define CH_CFG 0x10u

#define CONFIG_E (1u << 0)

/* Channel Control register. */
#define CTRL_SIZE_MASK 0xFFFu
#define CTRL_SBSIZE_SHIFT 12
#define CTRL_DBSIZE_SHIFT 15
#define CTRL_SWIDTH_SHIFT 18
#define CTRL_DWIDTH_SHIFT 21
#define CTRL_SI (1u << 26)
#define CTRL_DI (1u << 27)
#define CTRL_I (1u << 31)

/* Channel Configuration register. */
#define CFG_E (1u << 0)
#define CFG_SRC_PERIPH_SHIFT 1
#define CFG_DST_PERIPH_SHIFT 6
#define CFG_FLOW_SHIFT 11
#define CFG_IE (1u << 14)
#define CFG_ITC (1u << 15)
#define CFG_A (1u << 17)
#define CFG_H (1u << 18)

#define MAX_ITEM_UNITS 4095u

/* What ends with an item (the core's event point flags). */
#define PL08X_END_HALF DMA_POINT_HALF
#define PL08X_END_BLOCK DMA_POINT_BLOCK

/* The features a build may leave out (dma_options.h): constant 0 without them. */
#define CYCLIC(cfg) (DMA_CONFIG_CYCLIC && (cfg)->cyclic)
#define HALF_EN(cfg) (DMA_CONFIG_HALF_COMPLETE && (cfg)->half_complete_callback_en)

/* Bounded waits for the controller (register reads). */
#define POLL_LIMIT 100000u

const struct pl08x_variant pl08x_variant_pl080 = {"PL080", 8, 0x080, 2};
const struct pl08x_variant pl08x_variant_pl081 = {"PL081", 2, 0x081, 1};

static const struct pl08x_config *cfg_of(const struct device *dev)
{
	return (const struct pl08x_config *)dma_core_ctrl(dev)->drv_config;
}

static struct pl08x_chan *chan_of(const struct device *dev, uint32_t ch)
{
	return &((struct pl08x_chan *)dma_core_ctrl(dev)->drv_data)[ch];
}

static inline __attribute__((always_inline)) uint32_t rd(const struct device *dev, uint32_t off)
{
	return dma_mmio_read32(cfg_of(dev)->base + off);
}

static inline __attribute__((always_inline)) void wr(const struct device *dev, uint32_t off, uint32_t v)
{
	dma_mmio_write32(cfg_of(dev)->base + off, v);
}

/*
 * QEMU 7.2 updates the interrupt lines only on writes to global registers,
 * not on channel register writes (so a transfer started by writing a
 * channel's Configuration raises nothing). Rewriting DMACSync with its own
 * value makes it re-evaluate them. On silicon this write changes nothing.
 */
static void sync_irq_lines(const struct device *dev)
{
	wr(dev, REG_SYNC, rd(dev, REG_SYNC));
}

/* Bus address of item @p i of a channel's pool, as the controller sees it. */
static uint32_t lli_addr(const struct pl08x_chan *c, uint32_t i)
{
	return (uint32_t)(uintptr_t)&c->lli[i];
}

static uint32_t width_code(uint32_t bytes)
{
	return bytes == 4u ? 2u : (bytes == 2u ? 1u : 0u);
}

/* Burst size code for a burst of @p units (TRM: 1, 4, 8, ... 256); -1 if none. */
static int burst_code(uint32_t units)
{
	static const uint16_t sizes[8] = {1, 4, 8, 16, 32, 64, 128, 256};

	for (int i = 0; i < 8; i++) {
		if (sizes[i] == units) {
			return i;
		}
	}
	return -1;
}

/* Burst code for a burst length in bytes (0: single transfers). */
static int burst_of(uint32_t burst_bytes, uint32_t width)
{
	if (burst_bytes == 0u) {
		return 0;
	}
	if (burst_bytes < width || burst_bytes % width != 0u) {
		return -1;
	}
	return burst_code(burst_bytes / width);
}

static bool side_is_peripheral(const struct dma_config *cfg, bool source)
{
	uint32_t dir = cfg->channel_direction;

	return source ? (dir == PERIPHERAL_TO_MEMORY || dir == PERIPHERAL_TO_PERIPHERAL)
		      : (dir == MEMORY_TO_PERIPHERAL || dir == PERIPHERAL_TO_PERIPHERAL);
}

/* Channel Configuration value (without E) for a configuration. */
static uint32_t chan_cfg_word(const struct dma_config *cfg)
{
	uint32_t src_line = 0u, dst_line = 0u;

	switch (cfg->channel_direction) {
	case MEMORY_TO_PERIPHERAL:
		dst_line = cfg->dma_slot & 0xFu;
		break;
	case PERIPHERAL_TO_MEMORY:
		src_line = cfg->dma_slot & 0xFu;
		break;
	case PERIPHERAL_TO_PERIPHERAL:
		src_line = cfg->dma_slot & 0xFu;
		dst_line = (cfg->dma_slot >> 4) & 0xFu;
		break;
	default:
		break;
	}
	/* FlowCntrl 0..3 = the controller is the flow controller, and equals
	 * the direction's enum value for these four directions. */
	return (src_line << CFG_SRC_PERIPH_SHIFT) | (dst_line << CFG_DST_PERIPH_SHIFT) |
	       ((uint32_t)cfg->channel_direction << CFG_FLOW_SHIFT) | CFG_IE | CFG_ITC;
}

/* Bytes per beat (whole units on both sides) of a configuration. */
static uint32_t beat_of(const struct dma_config *cfg)
{
	return cfg->source_data_size > cfg->dest_data_size ? cfg->source_data_size
							   : cfg->dest_data_size;
}

/* Largest item, in source units: whole beats, so whole destination units too. */
static uint32_t max_item_units(const struct dma_config *cfg)
{
	return MAX_ITEM_UNITS - MAX_ITEM_UNITS % (beat_of(cfg) / cfg->source_data_size);
}

/* Items needed for @p bytes at most @p max_bytes each. */
static uint32_t items_for(uint32_t bytes, uint32_t max_bytes)
{
	return (bytes + max_bytes - 1u) / max_bytes;
}

/*
 * Number of items build_items() lays out for @p cfg, computed per block
 * (validation, before anything is written).
 */
static uint32_t count_items(const struct dma_config *cfg)
{
	const uint32_t max_bytes = max_item_units(cfg) * cfg->source_data_size;
	const struct dma_block_config *blk = cfg->head_block;
	uint32_t n = 0u;

	for (uint32_t b = 0u; b < cfg->block_count; b++, blk = blk->next_block) {
		uint32_t size = blk->block_size;

		if (HALF_EN(cfg)) {
			uint32_t half = dma_core_half_point(size, beat_of(cfg));

			n += items_for(half, max_bytes) + items_for(size - half, max_bytes);
		} else {
			n += items_for(size, max_bytes);
		}
	}
	return n;
}

/*
 * Lay out the items of a validated configuration in the channel's pool
 * (count_items() of it fit in the pool).
 */
static void build_items(const struct dma_config *cfg, struct pl08x_chan *c)
{
	const uint32_t sw = cfg->source_data_size;
	const uint32_t dw = cfg->dest_data_size;
	const uint32_t beat = beat_of(cfg);
	const uint32_t max_units = max_item_units(cfg);
	const bool per_block_irq =
		cfg->complete_callback_en || (DMA_CONFIG_CHAINING && cfg->source_chaining_en);
	const bool half_en = HALF_EN(cfg);
	const struct dma_block_config *blk = cfg->head_block;
	uint32_t base_ctrl;
	uint32_t n = 0u, off = 0u, npts = 0u;

	base_ctrl = ((uint32_t)burst_of(cfg->source_burst_length, sw) << CTRL_SBSIZE_SHIFT) |
		    ((uint32_t)burst_of(cfg->dest_burst_length, dw) << CTRL_DBSIZE_SHIFT) |
		    (width_code(sw) << CTRL_SWIDTH_SHIFT) | (width_code(dw) << CTRL_DWIDTH_SHIFT);

	for (uint32_t b = 0u; b < cfg->block_count; b++, blk = blk->next_block) {
		const uint32_t size = blk->block_size;
		const bool si = blk->source_addr_adj == DMA_ADDR_ADJ_INCREMENT;
		const bool di = blk->dest_addr_adj == DMA_ADDR_ADJ_INCREMENT;
		const bool last_block = b + 1u == cfg->block_count;
		const uint32_t half = dma_core_half_point(size, beat);
		uint32_t pos = 0u;

		while (pos < size) {
			/* A span ends at the midpoint (when wanted) or the block end. */
			uint32_t span_end =
				(half_en && pos < half) ? half : size;
			uint32_t units = (span_end - pos) / sw;
			uint8_t end = 0u;

			if (units > max_units) {
				units = max_units;
			}
			if (pos + units * sw == span_end) {
				end = span_end == size ? PL08X_END_BLOCK : 0u;
				if (half_en && span_end >= half &&
				    pos < half) {
					end |= PL08X_END_HALF;
				}
			}
			struct pl08x_lli *it = &c->lli[n];
			bool irq = (end & PL08X_END_HALF) ||
				   ((end & PL08X_END_BLOCK) && (per_block_irq || last_block));

			it->src = (uint32_t)blk->source_address + (si ? pos : 0u);
			it->dst = (uint32_t)blk->dest_address + (di ? pos : 0u);
			it->ctrl = base_ctrl | units | (si ? CTRL_SI : 0u) | (di ? CTRL_DI : 0u) |
				   (irq ? CTRL_I : 0u);
			it->next = 0u;
			if (n > 0u) {
				c->lli[n - 1u].next = lli_addr(c, n);
			}
			c->item_off[n] = off + pos;
			pos += units * sw;
			if (end != 0u) {
				c->point_end[npts] = off + pos;
				c->point_what[npts++] = (uint8_t)(end | (irq ? DMA_POINT_IRQ : 0u));
			}
			n++;
		}
		off += size;
	}
	if (CYCLIC(cfg)) {
		c->lli[n - 1u].next = lli_addr(c, 0u);
	}
	c->nitems = (uint16_t)n;
	c->npoints = (uint16_t)npts;
	c->one_block_size = cfg->block_count == 1u ? cfg->head_block->block_size : 0u;
	c->chan_cfg = chan_cfg_word(cfg);
}

static int pl08x_validate(const struct device *dev, uint32_t channel, const struct dma_config *cfg)
{
	const struct dma_block_config *blk = cfg->head_block;
	const uint32_t dir = cfg->channel_direction;

	if (burst_of(cfg->source_burst_length, cfg->source_data_size) < 0 ||
	    burst_of(cfg->dest_burst_length, cfg->dest_data_size) < 0) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl08x: a burst must be 1, 4, 8, 16, 32, 64, 128 or 256 whole "
				  "units of its side's data size");
	}
	/* No software request call in the API: peripherals must handshake in hardware. */
	if ((side_is_peripheral(cfg, true) && cfg->source_handshake) ||
	    (side_is_peripheral(cfg, false) && cfg->dest_handshake)) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl08x: a peripheral side needs the hardware handshake "
				  "(source_handshake/dest_handshake 0)");
	}
	/* 16 request lines: one per peripheral side, in dma_slot's low nibble,
	 * and for peripheral to peripheral the destination's in the high one
	 * (any 8-bit dma_slot names two lines then). */
	if ((dir == MEMORY_TO_PERIPHERAL || dir == PERIPHERAL_TO_MEMORY) && cfg->dma_slot > 15u) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl08x: dma_slot must be a request line 0..15");
	}
	for (uint32_t b = 0u; b < cfg->block_count; b++, blk = blk->next_block) {
		/* Addresses are 32 bits on this bus. */
		if ((uint64_t)blk->source_address + blk->block_size > 0x100000000ull ||
		    (uint64_t)blk->dest_address + blk->block_size > 0x100000000ull) {
			return DMA_REFUSE(dev, channel, -EINVAL,
					  "pl08x: a block must lie below 4 GiB (32-bit bus)");
		}
	}
	if (count_items(cfg) > PL08X_LLI_PER_CHANNEL) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl08x: the transfer needs more linked-list items than "
				  "PL08X_LLI_PER_CHANNEL (one per 4095 units, two per block "
				  "with half-complete callbacks)");
	}
	return 0;
}

static void pl08x_configure(const struct device *dev, uint32_t channel)
{
	build_items(&dma_core_chan(dev, channel)->cfg, chan_of(dev, channel));
}

/* A reload of one block of the size the items were laid out for: only the
 * items' addresses change (their sizes, flags, links and the event points
 * stay). Else the items are laid out anew. */
static void pl08x_reload(const struct device *dev, uint32_t channel)
{
	const struct dma_config *cfg = &dma_core_chan(dev, channel)->cfg;
	const struct dma_block_config *blk = cfg->head_block;
	struct pl08x_chan *c = chan_of(dev, channel);

	if (c->one_block_size != blk->block_size) {
		build_items(cfg, c);
		return;
	}
	for (uint32_t i = 0u; i < c->nitems; i++) {
		struct pl08x_lli *it = &c->lli[i];

		it->src = (uint32_t)blk->source_address + ((it->ctrl & CTRL_SI) != 0u ? c->item_off[i] : 0u);
		it->dst = (uint32_t)blk->dest_address + ((it->ctrl & CTRL_DI) != 0u ? c->item_off[i] : 0u);
	}
}

/* Wait (bounded) until the bits @p mask of register @p off read 0; false on timeout. */
static bool poll_clear(const struct device *dev, uint32_t off, uint32_t mask)
{
	for (uint32_t i = 0u; i < POLL_LIMIT; i++) {
		if ((rd(dev, off) & mask) == 0u) {
			return true;
		}
	}
	return false;
}

/* Disable a channel and wait (bounded) until the controller shows it off. */
static bool disable_channel(const struct device *dev, uint32_t channel)
{
	const uint32_t cb = CH_BASE(channel);

	/* Clearing E stops the channel at once; data in its FIFO is dropped,
	 * which is what a stop asks for (TRM 3.4.x "disabling a channel"). */
	wr(dev, cb + CH_CFG, rd(dev, cb + CH_CFG) & ~(CFG_E | CFG_H));
	return poll_clear(dev, REG_ENABLED_CHANS, 1u << channel);
}

static int pl08x_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	struct pl08x_chan *c = chan_of(dev, channel);
	const uint32_t cb = CH_BASE(channel);
	const uint32_t bit = 1u << channel;

	/* Still enabled: an earlier stop timed out waiting for the controller.
	 * Try again, so that a stuck channel recovers once the bus lets go. */
	if ((rd(dev, REG_ENABLED_CHANS) & bit) != 0u && !disable_channel(dev, channel)) {
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
				  "pl08x: the controller still shows the channel enabled after "
				  "a stop (bus stalled?); dma_start again once it lets go");
	}
	c->seq = seq;
	c->obs_laps = 0u;
	c->obs_pos = 0u;
	c->final = 0u;
	c->tc_owed = false;
	c->active = true;
	/* Items and source data reach memory before the channel reads them. */
	dma_port_io_barrier();
	/* Nothing latched by an earlier transfer may reach this one. */
	wr(dev, REG_INT_TC_CLEAR, bit);
	wr(dev, REG_INT_ERR_CLEAR, bit);
	wr(dev, cb + CH_SRC, c->lli[0].src);
	wr(dev, cb + CH_DST, c->lli[0].dst);
	wr(dev, cb + CH_LLI, c->lli[0].next);
	wr(dev, cb + CH_CTRL, c->lli[0].ctrl);
	wr(dev, cb + CH_CFG, c->chan_cfg | CFG_E);
	sync_irq_lines(dev);
	return 0;
}

/* One consistent reading of a channel's position. */
struct pl08x_pos {
	uint32_t item;
	/* Source units of the item done (TransferSize counted down). */
	uint32_t units;
	/* The source address register. */
	uint32_t src;
	/* An item end with I set came before the position read (TC bits of the
	 * tries before the last, and of the last if it was consistent). */
	bool tc;
	/* The last try, outrun by the channel, read a TC bit that may stand for
	 * an end after its position: owed to the next observation. */
	bool late_tc;
	/* Raw error status of the channel at the reading. */
	bool err;
	bool enabled;
	/* No item ended between the two readings of the position. */
	bool consistent;
};

static uint32_t observe(const struct device *dev, uint32_t channel, struct pl08x_chan *c,
			bool clear_tc, struct pl08x_pos *p);
static uint64_t total_at(const struct pl08x_chan *c, uint32_t lap, uint32_t d);

static void pl08x_stop(const struct device *dev, uint32_t channel)
{
	struct pl08x_chan *c = chan_of(dev, channel);
	const uint32_t bit = 1u << channel;

	(void)disable_channel(dev, channel);
	/* What it moved, counted before its latched interrupt is cleared. */
	if (c->active) {
		struct pl08x_pos p;

		c->final = total_at(c, dma_core_chan(dev, channel)->total_len,
				    observe(dev, channel, c, false, &p));
		c->active = false;
	}
	/* An interrupt the stopped transfer latched must not reach the next. */
	wr(dev, REG_INT_TC_CLEAR, bit);
	wr(dev, REG_INT_ERR_CLEAR, bit);
	sync_irq_lines(dev);
}

static int pl08x_suspend(const struct device *dev, uint32_t channel)
{
	const uint32_t cb = CH_BASE(channel);

	/* H stops new requests; A drops once the FIFO has drained (QEMU never
	 * sets A, so the wait ends at once there). */
	wr(dev, cb + CH_CFG, rd(dev, cb + CH_CFG) | CFG_H);
	(void)poll_clear(dev, cb + CH_CFG, CFG_A);
	return 0;
}

static int pl08x_resume(const struct device *dev, uint32_t channel)
{
	const uint32_t cb = CH_BASE(channel);

	wr(dev, cb + CH_CFG, rd(dev, cb + CH_CFG) & ~CFG_H);
	sync_irq_lines(dev);
	return 0;
}

static uint32_t lap_len(const struct device *dev, uint32_t channel)
{
	return dma_core_chan(dev, channel)->total_len;
}

/* Byte offset where item @p i ends (the next item's offset; the lap for the last). */
static uint32_t item_stop(const struct pl08x_chan *c, uint32_t i, uint32_t lap)
{
	return i + 1u < c->nitems ? c->item_off[i + 1u] : lap;
}

/*
 * Index of the item the channel is on, from its LLI register (which holds
 * the next item's address): arithmetic on the pool, no search.
 */
static uint32_t current_item(const struct pl08x_chan *c, uint32_t lli_reg)
{
	uint32_t next = (lli_reg - lli_addr(c, 0u)) / (uint32_t)sizeof(struct pl08x_lli);

	if (lli_reg == 0u || next == 0u || next > c->nitems) {
		return c->nitems - 1u; /* the last item: no successor, or the ring's first */
	}
	return next - 1u;
}


/*
 * Read the position: item (LLI), units left (TransferSize), twice, until
 * no item ended between the two readings, so that the position and the TC
 * bit read (and cleared, with @p clear_tc) between them agree: an item end
 * before the reading is in the TC bit read, one after it latches anew.
 * The controller takes a few bus cycles per unit, so a second try is rare.
 */
static void read_pos(const struct device *dev, uint32_t channel, const struct pl08x_chan *c,
		     bool clear_tc, struct pl08x_pos *p)
{
	const uint32_t cb = CH_BASE(channel);
	const uint32_t bit = 1u << channel;

	p->tc = false;
	p->late_tc = false;
	for (unsigned tries = 0u;; tries++) {
		uint32_t lli = rd(dev, cb + CH_LLI);
		uint32_t left = rd(dev, cb + CH_CTRL) & CTRL_SIZE_MASK;
		bool tc;

		p->src = rd(dev, cb + CH_SRC);
		tc = (rd(dev, REG_RAW_INT_TC) & bit) != 0u;
		if (clear_tc && tc) {
			wr(dev, REG_INT_TC_CLEAR, bit);
		}
		/* Enabled, then error: a channel found off because of an error
		 * shows the error bit by the time it is read. */
		p->enabled = (rd(dev, REG_ENABLED_CHANS) & bit) != 0u;
		p->err = (rd(dev, REG_RAW_INT_ERR) & bit) != 0u;
		p->consistent =
			rd(dev, cb + CH_LLI) == lli && (rd(dev, cb + CH_CTRL) & CTRL_SIZE_MASK) <= left;
		if (!p->consistent && tries >= 7u) {
			p->late_tc = tc; /* maybe after the position: not counted here */
		} else {
			/* No end in the window (before this position), or read
			 * before the next try's position. */
			p->tc |= tc;
		}
		if (p->consistent || tries >= 7u) {
			uint32_t units;

			p->item = current_item(c, lli);
			units = c->lli[p->item].ctrl & CTRL_SIZE_MASK;
			p->units = units - (left > units ? units : left);
			return;
		}
	}
}

/* The transfer's event points, for the core's position-derived events. */
static struct dma_event_points points_of(const struct pl08x_chan *c, const struct dma_core_chan *cc)
{
	struct dma_event_points pts = {c->point_end, c->point_what, c->npoints, cc->total_len,
				       CYCLIC(&cc->cfg)};

	return pts;
}

/*
 * Bytes moved since the last observation, to the position read now (@p p
 * receives the reading). Non-cyclic, the position says it (a finished
 * channel shows its last item with nothing left). Cyclic, the position is
 * only known modulo the lap; the TC bit says whether an item with I set
 * ended since the last observation, which tells a full lap from no progress
 * (the interrupt is assumed less than a lap late). With @p clear_tc (the
 * interrupt handler) the TC bit is consumed. Less than two laps. [locked]
 */
static uint32_t observe(const struct device *dev, uint32_t channel, struct pl08x_chan *c,
			bool clear_tc, struct pl08x_pos *p)
{
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	const struct dma_event_points pts = points_of(c, cc);
	uint32_t at;

	read_pos(dev, channel, c, clear_tc, p);
	/* Outrun by the channel: a TC bit cleared by an earlier try may stand
	 * for an item end after this reading; the next observation owns it.
	 * (Never assume it ended here: that could count an end twice.) */
	p->tc |= c->tc_owed;
	if (clear_tc) {
		c->tc_owed = p->late_tc;
	}
	at = c->item_off[p->item] + p->units * cc->cfg.source_data_size;
	return dma_core_advance(&pts, c->obs_pos, at, p->tc);
}

/* Bytes moved by the transfer: the last observation, plus @p d. */
static uint64_t total_at(const struct pl08x_chan *c, uint32_t lap, uint32_t d)
{
	return (uint64_t)c->obs_laps * lap + c->obs_pos + d;
}

static uint64_t pl08x_progress(const struct device *dev, uint32_t channel)
{
	struct pl08x_chan *c = chan_of(dev, channel);
	struct pl08x_pos p;

	if (!c->active || c->nitems == 0u) {
		return c->final;
	}
	return total_at(c, lap_len(dev, channel), observe(dev, channel, c, false, &p));
}

/* Bytes read from the source: ahead of those written by what the FIFO holds. */
static uint64_t pl08x_read_progress(const struct device *dev, uint32_t channel)
{
	struct pl08x_chan *c = chan_of(dev, channel);
	uint64_t written = pl08x_progress(dev, channel);
	uint32_t cur, sw, done;
	struct pl08x_pos p;

	if (!c->active || c->nitems == 0u) {
		return written;
	}
	read_pos(dev, channel, c, false, &p);
	cur = p.item;
	sw = dma_core_chan(dev, channel)->cfg.source_data_size;
	done = p.units * sw;
	if ((c->lli[cur].ctrl & CTRL_SI) != 0u && p.src - c->lli[cur].src > done &&
	    p.src - c->lli[cur].src <= item_stop(c, cur, lap_len(dev, channel)) - c->item_off[cur]) {
		return written + (p.src - c->lli[cur].src - done);
	}
	return written;
}

/*
 * Serve one channel's interrupt: observe it once under the lock (position,
 * TC and error bits read and cleared together), then report what the
 * observation covers. Returns true if an item end is still owed (the
 * channel outran the reading): serve it again.
 */
static bool service_channel(const struct device *dev, uint32_t channel)
{
	struct pl08x_chan *c = chan_of(dev, channel);
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	const uint32_t bit = 1u << channel;
	struct dma_event_points pts;
	struct pl08x_pos p;
	uint32_t seq, lap, from, d, pos;
	bool done = false, failed, owed;
	dma_port_key_t key;

	key = dma_core_lock(dev);
	if (!c->active || c->nitems == 0u) {
		/* Stopped: whatever it latched is stale. */
		wr(dev, REG_INT_TC_CLEAR, bit);
		wr(dev, REG_INT_ERR_CLEAR, bit);
		dma_core_unlock(dev, key);
		return false;
	}
	seq = c->seq;
	lap = cc->total_len;
	from = c->obs_pos;
	pts = points_of(c, cc);
	if (!CYCLIC(&cc->cfg) && (rd(dev, REG_ENABLED_CHANS) & bit) == 0u &&
	    (rd(dev, REG_RAW_INT_ERR) & bit) == 0u) {
		/* The fast path of a finished transfer: off without an error
		 * (enabled read first: a channel off because of an error shows
		 * the error by then), so every item ended and nothing more
		 * comes. No position to read: its events are the rest of the
		 * table. */
		wr(dev, REG_INT_TC_CLEAR, bit);
		c->final = lap;
		c->obs_pos = lap;
		c->active = false; /* before the callback, which may restart */
		c->tc_owed = false;
		dma_core_unlock(dev, key);
		dma_port_io_barrier();
		(void)dma_core_report_span(dev, channel, seq, &pts, from, lap - from, true);
		return false;
	}
	d = observe(dev, channel, c, true, &p);
	/* The error bit read with the observation, not the one the handler
	 * read at its top: a callback of another channel may have restarted
	 * this one since (its start cleared the old bit). */
	failed = p.err;
	if (failed) {
		/* The controller disabled the channel (TRM: error -> E cleared).
		 * Cleared here, before any callback: a transfer the error
		 * callback starts keeps its own error bit. */
		wr(dev, REG_INT_ERR_CLEAR, bit);
		c->final = total_at(c, lap, d);
		c->active = false;
	} else if (!CYCLIC(&cc->cfg) && !p.enabled) {
		done = true; /* off without an error: everything moved */
		d = lap - from;
		c->final = lap;
		c->active = false; /* before the callback, which may restart */
	}
	if (!CYCLIC(&cc->cfg) && !done && from + d >= lap) {
		/* At the very end but not yet off (or failed there): the
		 * completion is the channel turning off without an error. */
		d = lap - 1u - from;
	}
	pos = from + d;
	if (CYCLIC(&cc->cfg)) {
		c->obs_laps += pos / lap;
		pos %= lap;
	}
	c->obs_pos = pos;
	owed = c->tc_owed && c->active;
	dma_core_unlock(dev, key);
	/* Data the controller wrote is read after this. */
	dma_port_io_barrier();
	/* Item ends before an error are reported before it, as they would be
	 * had the interrupt come between them. */
	if (dma_core_report_span(dev, channel, seq, &pts, from, d, done) && failed) {
		(void)dma_core_report(dev, channel, seq, DMA_EV_ERROR, -EIO);
	}
	return owed;
}

void pl08x_isr(const struct device *dev)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	uint32_t tc = rd(dev, REG_INT_TC_STATUS);
	uint32_t err = rd(dev, REG_INT_ERR_STATUS);

	/* Each channel's TC and error bits are cleared by its observation. */
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		uint32_t bit = 1u << ch;

		if (((tc | err) & bit) != 0u) {
			/* A channel that outran the reading is served again
			 * (bounded), so its events do not wait for the next
			 * interrupt. */
			for (unsigned n = 0u; n < 4u && service_channel(dev, ch); n++) {
			}
		}
	}
	sync_irq_lines(dev);
}

static int pl08x_init(const struct device *dev)
{
	const struct pl08x_config *pc = cfg_of(dev);
	uint32_t part = (rd(dev, REG_PERIPH_ID0) & 0xFFu) | ((rd(dev, REG_PERIPH_ID1) & 0xFu) << 8);
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;

	if (part != pc->variant->part_number || nchan != pc->variant->channels) {
		return dma_core_init_failed(dev, -ENODEV,
					    "pl08x: the peripheral ID registers do not show the "
					    "variant (PL080/PL081) this instance was defined as");
	}
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		wr(dev, CH_BASE(ch) + CH_CFG, 0u);
	}
	/* Only the bits of channels the variant has (the others are reserved). */
	wr(dev, REG_INT_TC_CLEAR, (1u << nchan) - 1u);
	wr(dev, REG_INT_ERR_CLEAR, (1u << nchan) - 1u);
	wr(dev, REG_CONFIG, CONFIG_E); /* enabled, both masters little-endian */
	if (pc->irq_enable != NULL) {
		pc->irq_enable();
	}
	return 0;
}

const char *pl08x_why_missing(const struct device *dev, uint32_t feature)
{
	if (dev == NULL || dev->api != &pl08x_ops || (cfg_of(dev)->quirks & PL08X_QUIRK_QEMU) == 0u) {
		return NULL;
	}
	switch (feature) {
	case DMA_CAP_CYCLIC:
		return "QEMU 7.2's PL08x model would run an LLI ring forever inside the "
		       "register write that starts it";
	case DMA_CAP_MIXED_WIDTHS:
		return "QEMU 7.2's PL08x model advances the destination by the source width";
	case DMA_CAP_ERROR_REPORT:
		return "QEMU 7.2's PL08x model never raises a bus error";
	case DMA_CAP_OBSERVABLE_RUNNING:
		return "QEMU 7.2's PL08x model runs every transfer to its end inside the "
		       "register write that starts it, so RUNNING cannot be held";
	default:
		return NULL;
	}
}

const struct dma_driver_ops pl08x_ops = {
	.init = pl08x_init,
	.validate = pl08x_validate,
	.configure = pl08x_configure,
	.reload = DMA_CONFIG_RELOAD ? pl08x_reload : NULL,
	.start = pl08x_start,
	.stop = pl08x_stop,
	.suspend = DMA_CONFIG_SUSPEND ? pl08x_suspend : NULL,
	.resume = DMA_CONFIG_SUSPEND ? pl08x_resume : NULL,
	.progress = pl08x_progress,
	.read_progress = DMA_CONFIG_CYCLIC ? pl08x_read_progress : NULL,
	.why_missing = pl08x_why_missing,
};
