/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ARM CoreLink DMA-330 (PL330) driver (ARM DDI 0424).
 *
 * A channel runs a program. dma_config() writes it once into the channel's
 * static buffer: per block, the addresses (DMAMOV SAR/DAR), then the bytes
 * as loop nests of bursts (DMALP/DMALD/DMAST/DMALPEND, a one-beat tail loop
 * for what is left), then, where the transfer wants an interrupt (a half or
 * block end), DMAWMB (the writes are done) and DMASEV of the channel's event.
 * A cyclic transfer is the same lap inside a forever loop (DMALPFE).
 * dma_start() issues DMAGO through the debug interface and returns: nothing
 * waits for the transfer.
 *
 * Position. While it builds a program the driver records each loop nest
 * (where its instructions are, how many iterations of how many bytes, which
 * offset of the transfer it starts at). The position of a channel is then
 * read from its program counter (CPC) and loop counters (LC0/LC1): which
 * nest, which iteration, how many stores of it done. This needs no address
 * arithmetic, so it is the same for incrementing and fixed addresses. Events
 * are derived from the position, not counted from interrupts (several
 * DMASEVs before the handler runs latch one bit), with the core's
 * dma_core_advance()/dma_core_report_span().
 *
 * Suspend. The IP has no pause: the driver kills the channel (DMAKILL; the
 * registers keep their values; it is Stopped once its outstanding bus
 * transactions are done), reads the bytes written from its position, and
 * resume() writes and starts a program that does the rest of the transfer
 * from there (and, cyclic, goes on with the forever loop). Bytes loaded
 * into the FIFO and not yet stored are read again from the source: right
 * for memory. A peripheral source has already given them, so a transfer
 * from a peripheral cannot be suspended (-ENOTSUP, with the reason).
 *
 * Faults. The abort interrupt: the channel's FTR is decoded into an errno
 * (bus errors -EIO, anything else -EFAULT), the channel is killed (the only
 * way out of the faulting state) and left CONFIGURED.
 *
 * Lock rule: every access to the debug interface (DBGINST/DBGCMD, a
 * sequence of three writes) is made with the core lock held.
 */
#include "dma/dma_pl330.h"

#include "pl330_asm.h"

/* Registers (TRM 3.3). */
#define REG_INTEN 0x020u
#define REG_INTMIS 0x028u
#define REG_INTCLR 0x02Cu
#define REG_FSRD 0x030u
#define REG_FSRC 0x034u
#define REG_FTR(n) (0x040u + 4u * (n))
#define REG_CSR(n) (0x100u + 8u * (n))
#define REG_CPC(n) (0x104u + 8u * (n))
#define REG_LC0(n) (0x40Cu + 0x20u * (n))
#define REG_LC1(n) (0x410u + 0x20u * (n))
#define REG_DBGSTATUS 0xD00u
#define REG_DBGCMD 0xD04u
#define REG_DBGINST0 0xD08u
#define REG_DBGINST1 0xD0Cu
#define REG_CR0 0xE00u
#define REG_CRD 0xE14u
#define REG_PERIPH_ID0 0xFE0u
#define REG_PERIPH_ID1 0xFE4u

/* CSR channel states. */
#define CS_STOPPED 0u
#define CS_WFE 4u
#define CS_FAULT_COMPLETING 14u
#define CS_FAULTING 15u

/* FTR: the bus errors among the fault types. */
#define FTR_INSTR_FETCH_ERR (1u << 16)
#define FTR_DATA_WRITE_ERR (1u << 17)
#define FTR_DATA_READ_ERR (1u << 18)

/* CCR fields. */
#define CCR_SI (1u << 0)
#define CCR_SS_SHIFT 1
#define CCR_SB_SHIFT 4
#define CCR_DI (1u << 14)
#define CCR_DS_SHIFT 15
#define CCR_DB_SHIFT 18

/* Bounded waits for the debug interface (register reads). */
#define POLL_LIMIT 100000u
/* Loop nests a resumed program may need beyond the main one (see resume_room()). */
#define RESUME_EXTRA_GROUPS 3u
/* Pacing events (PL330_QUIRK_QEMU): channel n waits on event n + 8. */
#define PACE_EVENT(ch) ((ch) + 8u)

static const struct pl330_config *cfg_of(const struct device *dev)
{
	return (const struct pl330_config *)dma_core_ctrl(dev)->drv_config;
}

static struct pl330_chan *chan_of(const struct device *dev, uint32_t ch)
{
	return &((struct pl330_chan *)dma_core_ctrl(dev)->drv_data)[ch];
}

static uint32_t rd(const struct device *dev, uint32_t off)
{
	return dma_mmio_read32(cfg_of(dev)->base + off);
}

static void wr(const struct device *dev, uint32_t off, uint32_t v)
{
	dma_mmio_write32(cfg_of(dev)->base + off, v);
}

static bool qemu(const struct device *dev)
{
	return (cfg_of(dev)->quirks & PL330_QUIRK_QEMU) != 0u;
}

/*
 * Issue one instruction through the debug interface. @p to_channel: to
 * channel @p ch's thread (DMAKILL), else to the manager (DMAGO, DMASEV).
 * False if the interface stayed busy. [locked]
 */
static bool dbg_exec(const struct device *dev, uint32_t ch, bool to_channel, uint32_t insn0,
		     uint32_t insn1)
{
	for (uint32_t i = 0u; (rd(dev, REG_DBGSTATUS) & 1u) != 0u; i++) {
		if (i == POLL_LIMIT) {
			return false;
		}
	}
	wr(dev, REG_DBGINST0, insn0 | (ch << 8) | (to_channel ? 1u : 0u));
	wr(dev, REG_DBGINST1, insn1);
	wr(dev, REG_DBGCMD, 0u);
	/* Executed when DBGSTATUS is idle again: only then does CSR show
	 * what DMAGO or DMAKILL did (bounded). */
	for (uint32_t i = 0u; i < POLL_LIMIT && (rd(dev, REG_DBGSTATUS) & 1u) != 0u; i++) {
	}
	return true;
}

/* DBGINST0 carries the instruction's first two bytes in bits 16..31. */
static uint32_t insn01(uint8_t b0, uint8_t b1)
{
	return ((uint32_t)b0 << 16) | ((uint32_t)b1 << 24);
}

/*
 * DMAKILL, then wait (bounded) until the thread is Stopped: it stays in
 * Killing until its outstanding bus transactions are done (TRM: channel
 * thread states), and may write its buffers until then. False if it never
 * stopped. [locked]
 */
static bool kill_channel(const struct device *dev, uint32_t ch)
{
	if (!dbg_exec(dev, ch, true, insn01(0x01u, 0u), 0u)) {
		return false;
	}
	for (uint32_t i = 0u; i < POLL_LIMIT; i++) {
		if ((rd(dev, REG_CSR(ch)) & 0xFu) == CS_STOPPED) {
			return true;
		}
	}
	return false;
}

static uint32_t bus_addr(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static uint32_t log2_of(uint32_t v)
{
	return 31u - (uint32_t)__builtin_clz(v);
}

static bool side_is_peripheral(const struct dma_config *cfg, bool source)
{
	return source ? cfg->channel_direction == PERIPHERAL_TO_MEMORY
		      : cfg->channel_direction == MEMORY_TO_PERIPHERAL;
}

/* Bytes of one burst of a side (a burst length of 0: one beat). */
static uint32_t burst_bytes(uint32_t burst, uint32_t width)
{
	return burst == 0u ? width : burst;
}

/* Bytes per iteration of a transfer's main loop: the larger burst. */
static uint32_t step_of(const struct dma_config *cfg)
{
	uint32_t s = burst_bytes(cfg->source_burst_length, cfg->source_data_size);
	uint32_t d = burst_bytes(cfg->dest_burst_length, cfg->dest_data_size);

	return s > d ? s : d;
}

/* Bytes per beat of both sides: the larger data size. */
static uint32_t beat_of(const struct dma_config *cfg)
{
	return cfg->source_data_size > cfg->dest_data_size ? cfg->source_data_size
							   : cfg->dest_data_size;
}

/* ----------------------------------------------------------- programs */

/* A program being built; with c == NULL, only measured (validation). */
struct builder {
	struct pl330_prog p;
	struct pl330_chan *c;
	const struct dma_config *cfg;
	uint32_t ch;
	uint32_t ngroups;
	uint32_t ccr;
	bool ccr_known;
	/* Lap offset of the next byte emitted (set at each block). */
	uint32_t cursor;
};

static void set_ccr(struct builder *b, uint32_t ccr)
{
	if (!b->ccr_known || b->ccr != ccr) {
		(void)pl330_mov(&b->p, PL330_CCR, ccr);
		b->ccr = ccr;
		b->ccr_known = true;
	}
}

/* CCR of a block: main bursts, or one beat per load/store (@p single). */
static uint32_t ccr_of(const struct dma_config *cfg, const struct dma_block_config *blk,
		       bool single)
{
	const uint32_t ss = cfg->source_data_size, ds = cfg->dest_data_size;
	const uint32_t sb = single ? 1u : burst_bytes(cfg->source_burst_length, ss) / ss;
	const uint32_t db = single ? 1u : burst_bytes(cfg->dest_burst_length, ds) / ds;

	/* Protection and cache fields 0: secure, unprivileged, data,
	 * non-cacheable, non-bufferable accesses. */
	return (blk->source_addr_adj == DMA_ADDR_ADJ_INCREMENT ? CCR_SI : 0u) |
	       (log2_of(ss) << CCR_SS_SHIFT) | ((sb - 1u) << CCR_SB_SHIFT) |
	       (blk->dest_addr_adj == DMA_ADDR_ADJ_INCREMENT ? CCR_DI : 0u) |
	       (log2_of(ds) << CCR_DS_SHIFT) | ((db - 1u) << CCR_DB_SHIFT);
}

/*
 * One loop nest: [LP1 outer] LP0 inner { [WFP] LD x nld; ST x nst }
 * LPEND0 [LPEND1], moving @p step bytes per iteration.
 */
static void emit_group(struct builder *b, uint32_t outer, uint32_t inner, uint32_t step,
		       bool single)
{
	const struct dma_config *cfg = b->cfg;
	const uint32_t ld_bytes = single ? cfg->source_data_size
					 : burst_bytes(cfg->source_burst_length,
						       cfg->source_data_size);
	const uint32_t st_bytes = single ? cfg->dest_data_size
					 : burst_bytes(cfg->dest_burst_length, cfg->dest_data_size);
	const bool psrc = side_is_peripheral(cfg, true), pdst = side_is_peripheral(cfg, false);
	const enum pl330_cond rq = single ? PL330_SINGLE : PL330_BURST;
	const uint32_t periph = cfg->dma_slot;
	struct pl330_group g = {0}; /* pc_sev 0: no event follows (yet) */

	g.pc0 = (uint16_t)b->p.len;
	if (outer > 1u) {
		(void)pl330_lp(&b->p, 1u, outer);
	}
	g.pc_lp0 = (uint16_t)pl330_lp(&b->p, 0u, inner);
	g.pc_body = (uint16_t)b->p.len;
	if (psrc || pdst) {
		(void)pl330_wfp(&b->p, rq, periph);
	}
	for (uint32_t i = 0u; i < step / ld_bytes; i++) {
		(void)(psrc ? pl330_ldp(&b->p, rq, periph) : pl330_ld(&b->p, PL330_ALWAYS));
	}
	g.pc_st = (uint16_t)b->p.len;
	for (uint32_t i = 0u; i < step / st_bytes; i++) {
		(void)(pdst ? pl330_stp(&b->p, rq, periph) : pl330_st(&b->p, PL330_ALWAYS));
	}
	g.pc_lpend0 = (uint16_t)pl330_lpend(&b->p, 0u, g.pc_body, PL330_ALWAYS);
	if (outer > 1u) {
		(void)pl330_lpend(&b->p, 1u, g.pc_lp0, PL330_ALWAYS);
	}
	g.pc_end = (uint16_t)b->p.len;
	g.ld_len = psrc ? 2u : 1u;
	g.st_len = pdst ? 2u : 1u;
	g.outer = (uint16_t)outer;
	g.inner = (uint16_t)inner;
	g.ld_bytes = (uint16_t)ld_bytes;
	g.st_bytes = (uint16_t)st_bytes;
	g.off = b->cursor;
	g.step = step;
	if (b->ngroups >= PL330_GROUPS_PER_CHANNEL) {
		b->p.err = true;
	} else if (b->c != NULL) {
		b->c->group[b->ngroups] = g;
	}
	b->ngroups++;
	b->cursor += outer * inner * step;
}

/* @p n bytes of a block: bursts in loop nests, then a one-beat tail. */
static void emit_bytes(struct builder *b, const struct dma_block_config *blk, uint32_t n)
{
	const uint32_t step = step_of(b->cfg), beat = beat_of(b->cfg);
	uint32_t iters = n / step;
	const uint32_t rem = n % step;

	if (iters > 0u) {
		set_ccr(b, ccr_of(b->cfg, blk, false));
	}
	while (iters > 0u) {
		if (iters >= 65536u) {
			emit_group(b, 256u, 256u, step, false);
			iters -= 65536u;
		} else if (iters >= 256u) {
			emit_group(b, iters / 256u, 256u, step, false);
			iters %= 256u;
		} else {
			emit_group(b, 1u, iters, step, false);
			iters = 0u;
		}
	}
	if (rem > 0u) {
		set_ccr(b, ccr_of(b->cfg, blk, true));
		emit_group(b, 1u, rem / beat, beat, true);
	}
}

static void emit_event(struct builder *b)
{
	(void)pl330_wmb(&b->p);
	(void)pl330_sev(&b->p, b->ch);
	/* The nest just emitted ends at the event's point. */
	if (b->c != NULL && b->ngroups > 0u && b->ngroups <= PL330_GROUPS_PER_CHANNEL) {
		b->c->group[b->ngroups - 1u].pc_sev = (uint16_t)b->p.len;
	}
}

/*
 * The part of the lap from offset @p from to its end: per block, the
 * addresses, then its spans (split at the midpoint with half-complete
 * callbacks), each followed by the event if the transfer wants an
 * interrupt there.
 */
static void emit_lap(struct builder *b, uint32_t from)
{
	const struct dma_config *cfg = b->cfg;
	const bool per_block_irq = cfg->complete_callback_en || cfg->source_chaining_en;
	const struct dma_block_config *blk = cfg->head_block;
	uint32_t boff = 0u;

	for (uint32_t k = 0u; k < cfg->block_count; k++, blk = blk->next_block) {
		const uint32_t size = blk->block_size;
		const bool last = k + 1u == cfg->block_count;
		uint32_t s, cut[2], ncut = 0u;

		if (boff + size <= from) {
			boff += size;
			continue;
		}
		s = from > boff ? from - boff : 0u;
		b->cursor = boff + s;
		(void)pl330_mov(&b->p, PL330_SAR,
				(uint32_t)blk->source_address +
					(blk->source_addr_adj == DMA_ADDR_ADJ_INCREMENT ? s : 0u));
		(void)pl330_mov(&b->p, PL330_DAR,
				(uint32_t)blk->dest_address +
					(blk->dest_addr_adj == DMA_ADDR_ADJ_INCREMENT ? s : 0u));
		if (cfg->half_complete_callback_en) {
			uint32_t h = dma_core_half_point(size, beat_of(cfg));

			if (h > s) {
				cut[ncut++] = h;
			}
		}
		cut[ncut++] = size;
		for (uint32_t i = 0u; i < ncut; i++) {
			const bool at_end = cut[i] == size;

			emit_bytes(b, blk, cut[i] - s);
			if (!at_end || per_block_irq || last) {
				emit_event(b);
			}
			s = cut[i];
		}
		boff += size;
	}
}

/*
 * Build the program that moves the transfer from lap offset @p from: at
 * configure (from 0) and at resume. Returns its length, or 0 if it does not
 * fit (p.err).
 */
static uint32_t build(struct builder *b, struct pl330_chan *c, const struct dma_config *cfg,
		      uint32_t ch, bool is_qemu, uint32_t from, uint32_t lap, bool lead_event)
{
	b->c = c;
	b->cfg = cfg;
	b->ch = ch;
	b->ngroups = 0u;
	b->ccr_known = false;
	pl330_prog_init(&b->p, c != NULL ? c->prog : NULL, PL330_PROG_BYTES);
	if (side_is_peripheral(cfg, true) || side_is_peripheral(cfg, false)) {
		(void)pl330_flushp(&b->p, cfg->dma_slot);
	}
	if (lead_event) {
		/* The DMASEV of the point the suspend cut before it (the
		 * program goes on after that point): the handler reports it. */
		emit_event(b);
	}
	if (is_qemu && (!cfg->cyclic || from > 0u)) {
		(void)pl330_wfe(&b->p, PACE_EVENT(ch), false);
	}
	if (from > 0u || !cfg->cyclic) {
		emit_lap(b, from);
		if (!cfg->cyclic && from >= lap) {
			emit_event(b); /* a resume with nothing left still ends with the event */
		}
	}
	if (cfg->cyclic) {
		const uint32_t loop = b->p.len;

		b->ccr_known = false;
		if (is_qemu) {
			(void)pl330_wfe(&b->p, PACE_EVENT(ch), false);
		}
		emit_lap(b, 0u);
		(void)pl330_lpfe(&b->p, loop);
	}
	if (c != NULL) {
		c->ngroups = (uint16_t)b->ngroups;
		c->from = from;
		c->end_pc = (uint16_t)b->p.len;
	}
	(void)pl330_end(&b->p);
	return b->p.err ? 0u : b->p.len;
}

/* The event points of a configuration (one per half and block end). */
static void build_points(struct pl330_chan *c, const struct dma_config *cfg)
{
	const bool per_block_irq = cfg->complete_callback_en || cfg->source_chaining_en;
	const struct dma_block_config *blk = cfg->head_block;
	uint32_t boff = 0u, n = 0u;

	for (uint32_t k = 0u; k < cfg->block_count; k++, blk = blk->next_block) {
		const bool last = k + 1u == cfg->block_count;

		if (cfg->half_complete_callback_en) {
			c->point_end[n] = boff + dma_core_half_point(blk->block_size, beat_of(cfg));
			c->point_what[n++] = DMA_POINT_HALF | DMA_POINT_IRQ;
		}
		boff += blk->block_size;
		c->point_end[n] = boff;
		c->point_what[n++] =
			DMA_POINT_BLOCK | ((per_block_irq || last) ? DMA_POINT_IRQ : 0u);
	}
	c->npoints = (uint16_t)n;
}

/* Bytes of the MFIFO (CRD: data_buffer_dep + 1 lines of the data bus width). */
static uint32_t mfifo_bytes(const struct device *dev)
{
	const uint32_t crd = rd(dev, REG_CRD);

	return (((crd >> 20) & 0x3FFu) + 1u) << (crd & 7u);
}

/* Instruction bytes of a loop body moving @p bytes: [DMAWFP], loads, stores. */
static uint32_t body_len(const struct dma_config *cfg, uint32_t bytes, uint32_t ld_bytes,
			 uint32_t st_bytes)
{
	const bool psrc = side_is_peripheral(cfg, true), pdst = side_is_peripheral(cfg, false);

	return (psrc || pdst ? 2u : 0u) + bytes / ld_bytes * (psrc ? 2u : 1u) +
	       bytes / st_bytes * (pdst ? 2u : 1u);
}

/*
 * Bytes a resumed program may need beyond the main one. Resuming inside a
 * span re-emits its CCR (+6), may split its main loop nest into up to
 * three (+2 two-level nests) and add a tail nest and its CCR, and the next
 * span may then need its CCR again (+6); plus a DMAWFE (QEMU) and a first
 * and a final event (+8).
 */
static uint32_t resume_room(const struct dma_config *cfg)
{
	const uint32_t ss = cfg->source_data_size, ds = cfg->dest_data_size;
	const uint32_t step = step_of(cfg), beat = beat_of(cfg);
	const uint32_t main_body = body_len(cfg, step, burst_bytes(cfg->source_burst_length, ss),
					    burst_bytes(cfg->dest_burst_length, ds));
	const uint32_t tail_body = body_len(cfg, beat, ss, ds);

	return 6u + 2u * (8u + main_body) + 6u + (4u + tail_body) + 6u + 8u;
}

static int pl330_validate(const struct device *dev, uint32_t channel, const struct dma_config *cfg)
{
	const struct dma_block_config *blk = cfg->head_block;
	const uint32_t ss = cfg->source_data_size, ds = cfg->dest_data_size;
	const uint32_t sb = burst_bytes(cfg->source_burst_length, ss);
	const uint32_t db = burst_bytes(cfg->dest_burst_length, ds);
	uint32_t lap = 0u, len, need;
	struct builder b;

	if (sb < ss || db < ds || sb / ss > 16u || db / ds > 16u) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: a burst must be 1 to 16 beats of its side's data size");
	}
	if ((sb > db ? sb / db : db / sb) > 16u) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: one side's burst may be at most 16 times the other's");
	}
	/* One peripheral request moves one peripheral beat or burst: the
	 * memory side's beat and burst may not be wider than the peripheral's. */
	if ((side_is_peripheral(cfg, false) && (ss > ds || sb > db)) ||
	    (side_is_peripheral(cfg, true) && (ds > ss || db > sb))) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: the memory side's data size and burst may not be larger "
				  "than the peripheral side's (one request moves one peripheral "
				  "burst)");
	}
	if ((sb > db ? sb : db) > mfifo_bytes(dev)) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: a burst is larger than the controller's MFIFO "
				  "(CRD.data_buffer_dep lines of the bus width)");
	}
	if ((side_is_peripheral(cfg, true) && cfg->source_handshake) ||
	    (side_is_peripheral(cfg, false) && cfg->dest_handshake)) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: a peripheral side needs the hardware handshake "
				  "(source_handshake/dest_handshake 0)");
	}
	if ((side_is_peripheral(cfg, true) || side_is_peripheral(cfg, false)) &&
	    cfg->dma_slot >= ((rd(dev, REG_CR0) >> 12) & 0x1Fu) + 1u) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "pl330: dma_slot is not a peripheral request interface of "
				  "this controller (CR0.num_periph_req)");
	}
	for (uint32_t k = 0u; k < cfg->block_count; k++, blk = blk->next_block) {
		if ((uint64_t)blk->source_address + blk->block_size > 0x100000000ull ||
		    (uint64_t)blk->dest_address + blk->block_size > 0x100000000ull) {
			return DMA_REFUSE(dev, channel, -EINVAL,
					  "pl330: a block must lie below 4 GiB (32-bit addresses)");
		}
		lap += blk->block_size;
	}
	len = build(&b, NULL, cfg, channel, qemu(dev), 0u, lap, false);
	/* Room for the program a resume writes: the rest of the transfer
	 * (and, cyclic, the loop after it). */
	need = len + resume_room(cfg) + (cfg->cyclic ? len : 0u);
	if (len == 0u || need > PL330_PROG_BYTES ||
	    b.ngroups * (cfg->cyclic ? 2u : 1u) + RESUME_EXTRA_GROUPS > PL330_GROUPS_PER_CHANNEL) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  cfg->cyclic ? "pl330: the cyclic program does not fit: its lap must "
						"fit DMALPFE's 255-byte jump and two laps "
						"PL330_PROG_BYTES (fewer blocks, or larger "
						"bursts)"
					      : "pl330: the program does not fit PL330_PROG_BYTES "
						"or PL330_GROUPS_PER_CHANNEL (fewer blocks, or "
						"larger bursts)");
	}
	return 0;
}

static void pl330_configure(const struct device *dev, uint32_t channel)
{
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	struct pl330_chan *c = chan_of(dev, channel);
	struct builder b;

	build_points(c, &cc->cfg);
	(void)build(&b, c, &cc->cfg, channel, qemu(dev), 0u, cc->total_len, false);
	c->prog_is_main = true;
	c->active = false;
	c->final = 0u;
}

/* ----------------------------------------------------------- position */

/*
 * The bytes written and read of a reading of CPC and the loop counters, and
 * whether the reading lies at an interrupt point whose DMASEV has not run
 * yet (owed: between the nest's last store and the DMASEV). The point's
 * writes are then not yet known complete (DMAWMB), and the interrupt bit it
 * will set is still to come: the events and the lap count take the reading
 * as a byte short of the point (written - owed); the count of bytes does not.
 */
struct pl330_pos {
	uint32_t written;
	uint32_t read;
	bool owed;
};

/* Where a reading stands for events and laps: a byte short of a point still
 * owed its DMASEV. */
static uint32_t events_at(const struct pl330_pos *p)
{
	return p->written - p->owed;
}

/* The position inside nest @p g (the last that starts at or before @p cpc). */
static void position_in(const struct pl330_group *g, uint32_t cpc, uint32_t lc0, uint32_t lc1,
			struct pl330_pos *p)
{
	uint32_t base, j0, j1;

	if (cpc >= g->pc_end || cpc < g->pc_lp0) {
		/* After the nest, or at its LP1 (not yet run). */
		p->written = p->read = g->off + (cpc >= g->pc_end ? g->outer * g->inner * g->step : 0u);
		return;
	}
	/* The loop counters count down from iterations - 1. */
	j1 = g->outer > 1u && lc1 < g->outer ? g->outer - 1u - lc1 : 0u;
	if (cpc < g->pc_body) {
		p->written = p->read = g->off + j1 * g->inner * g->step;
		return;
	}
	if (cpc > g->pc_lpend0) {
		/* At LPEND1: the inner loop of outer iteration j1 is done. */
		p->written = p->read = g->off + (j1 + 1u) * g->inner * g->step;
		return;
	}
	j0 = lc0 < g->inner ? g->inner - 1u - lc0 : 0u;
	base = g->off + (j1 * g->inner + j0) * g->step;
	if (cpc == g->pc_lpend0) {
		p->written = p->read = base + g->step; /* the iteration is done */
	} else if (cpc >= g->pc_st) {
		p->written = base + (cpc - g->pc_st) / g->st_len * g->st_bytes;
		p->read = base + g->step;
	} else {
		const uint32_t first_ld = g->pc_st - (g->step / g->ld_bytes) * g->ld_len;

		p->written = base;
		p->read = base + (cpc > first_ld ? (cpc - first_ld) / g->ld_len * g->ld_bytes : 0u);
	}
}

static void position_at(const struct pl330_chan *c, uint32_t cpc, uint32_t lc0, uint32_t lc1,
			struct pl330_pos *p)
{
	const struct pl330_group *g = NULL;

	for (uint32_t i = c->ngroups; i > 0u; i--) {
		if (c->group[i - 1u].pc0 <= cpc) {
			g = &c->group[i - 1u];
			break;
		}
	}
	if (g == NULL) {
		p->written = p->read = c->from; /* before the first nest */
		p->owed = false;
		return;
	}
	position_in(g, cpc, lc0, lc1, p);
	/* All of the nest written (its last LPEND, or after it), and the
	 * DMASEV that follows it not yet run. */
	p->owed = cpc < g->pc_sev && p->written == g->off + g->outer * g->inner * g->step;
}

/*
 * Read the channel's position: CPC and the loop counters, again until two
 * readings agree (the channel may move between the reads). [locked]
 */
static void read_pos(const struct device *dev, uint32_t ch, const struct pl330_chan *c,
		     struct pl330_pos *p)
{
	const uint32_t prog = bus_addr(c->prog);
	uint32_t cpc = rd(dev, REG_CPC(ch)), lc0, lc1;

	for (unsigned tries = 0u;; tries++) {
		uint32_t again;

		lc0 = rd(dev, REG_LC0(ch)) & 0xFFu;
		lc1 = rd(dev, REG_LC1(ch)) & 0xFFu;
		again = rd(dev, REG_CPC(ch));
		if ((again == cpc && (rd(dev, REG_LC0(ch)) & 0xFFu) == lc0) || tries >= 7u) {
			break;
		}
		cpc = again;
	}
	position_at(c, cpc - prog <= PL330_PROG_BYTES ? cpc - prog : 0u, lc0, lc1, p);
}

static struct dma_event_points points_of(const struct device *dev, uint32_t ch,
					 const struct pl330_chan *c)
{
	const struct dma_core_chan *cc = dma_core_chan(dev, ch);
	struct dma_event_points pts = {c->point_end, c->point_what, c->npoints, cc->total_len,
				       cc->cfg.cyclic != 0u};

	return pts;
}

static uint64_t total_at(const struct pl330_chan *c, uint32_t lap, uint32_t d)
{
	return (uint64_t)c->obs_laps * lap + c->obs_pos + d;
}

/* An observation of a running channel. */
struct pl330_obs {
	/* Bytes moved since the previous observation. */
	uint32_t d;
	uint32_t state;
	/* Not yet stopped, but at the final DMAEND: ended. */
	bool at_end;
	/* Bytes read ahead of those written. */
	uint32_t ahead;
	/* The reading lies at a point whose DMASEV is still to run (d
	 * counts the point's last byte; its event waits for that DMASEV). */
	bool owed;
};

/*
 * Observe the channel: its state, and the bytes moved since the last
 * observation. With @p consume (the interrupt handler), the channel's
 * interrupt bit is read and cleared inside two agreeing readings of the
 * position, so that it stands for event points up to that position.
 * @p killed: the driver stopped the channel (DMAKILL), so a stopped
 * channel has not necessarily ended. [locked]
 */
static void observe(const struct device *dev, uint32_t ch, struct pl330_chan *c, bool consume,
		    bool killed, struct pl330_obs *o)
{
	const struct dma_event_points pts = points_of(dev, ch, c);
	const uint32_t bit = 1u << ch;
	struct pl330_pos p, q;
	bool irq = false, consistent = true, going_back;

	o->state = rd(dev, REG_CSR(ch)) & 0xFu;
	o->at_end = false;
	read_pos(dev, ch, c, &p);
	/* Cyclic, the interrupt bit tells a whole lap from no progress. It is
	 * read (and cleared) between two readings of the position: its events
	 * came before the second. The reading is consistent when no interrupt
	 * point lies between the two positions (a fast channel always moves
	 * between register reads): then no event set the bit again after it
	 * was cleared. Else a later bit may stand for an event already
	 * counted from the position (stale): the next observation ignores its
	 * first reading of the bit. */
	for (unsigned tries = 0u; pts.cyclic; tries++) {
		bool bit_set = (rd(dev, REG_INTMIS) & bit) != 0u;
		uint32_t moved;

		if (consume && bit_set) {
			wr(dev, REG_INTCLR, bit);
		}
		read_pos(dev, ch, c, &q);
		irq |= bit_set && !(tries == 0u && c->irq_stale);
		/* (A point whose DMASEV was owed at the first reading and has
		 * run by the second lies between them: it may have set the bit
		 * again after it was cleared.) */
		moved = (events_at(&q) % pts.lap + pts.lap - events_at(&p) % pts.lap) % pts.lap;
		consistent = !dma_core_irq_point_within(&pts, events_at(&p) % pts.lap, moved);
		p = q;
		if (consistent || tries >= 7u) {
			break;
		}
	}
	if (consume) {
		c->irq_stale = !consistent;
	}
	/* Gone back into the beat a suspend cut, and not yet past it (the
	 * first reading past it ends the window; the next lap's is no
	 * resume's). */
	going_back = c->resume_back && events_at(&p) < c->resume_cut;
	c->resume_back = going_back;
	if (!pts.cyclic && !killed &&
	    (o->state == CS_STOPPED ||
	     rd(dev, REG_CPC(ch)) - bus_addr(c->prog) == c->end_pc)) {
		/* Ended: stopped, or at the final DMAEND, past the DMAWMB
		 * (every write done) and the DMASEV that raised this
		 * interrupt. DMAEND alone would raise no other. */
		o->at_end = o->state != CS_STOPPED;
		p.written = p.read = pts.lap; /* (not owed: past the last DMASEV) */
	} else if (pts.cyclic && going_back &&
		   (c->obs_pos + pts.lap - events_at(&p) % pts.lap) % pts.lap <
			   beat_of(&dma_core_chan(dev, ch)->cfg)) {
		/* A resume went on from the start of the beat it was cut in:
		 * behind the last observation by less than a beat is no
		 * progress, not almost a lap. (Not owed: no nest of the
		 * resumed program ends inside that beat or at its start.) */
		p.written = c->obs_pos;
	}
	o->owed = p.owed;
	/* Gone back into the beat the suspend cut and not yet past it, the
	 * channel has not gone round: a bit is no lap. */
	o->d = pts.cyclic ? dma_core_advance(&pts, c->obs_pos, events_at(&p),
					     irq && !going_back) +
				    p.owed
			  : dma_core_advance(&pts, c->obs_pos, p.written, false);
	if (total_at(c, pts.lap, o->d) < c->floor) {
		/* A resume went on from the start of the beat its suspend cut:
		 * the bytes it writes again count once. */
		o->d = (uint32_t)(c->floor - total_at(c, pts.lap, 0u));
		/* (Not owed: points are whole beats, none lies inside the
		 * beat the resume went back to.) */
	}
	o->ahead = p.read > p.written ? p.read - p.written : 0u;
}

/* ----------------------------------------------------------- operations */

static int pl330_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	struct pl330_chan *c = chan_of(dev, channel);
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);

	if ((rd(dev, REG_CSR(channel)) & 0xFu) != CS_STOPPED && !kill_channel(dev, channel)) {
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					 "pl330: the channel thread did not stop after DMAKILL "
					 "(bus stalled?); dma_start again once it has");
	}
	if (!c->prog_is_main) {
		struct builder b;

		(void)build(&b, c, &cc->cfg, channel, qemu(dev), 0u, cc->total_len, false);
		c->prog_is_main = true;
	}
	/* (final, suspended and susp_done are set before they are read: by
	 * the halt, suspend or completion that ends this transfer.) */
	c->seq = seq;
	c->obs_laps = 0u;
	c->obs_pos = 0u;
	c->irq_stale = false;
	c->resume_back = false;
	c->floor = 0u;
	/* Nothing latched by an earlier transfer may reach this one. */
	wr(dev, REG_INTCLR, 1u << channel);
	/* The program and the source data reach memory before DMAGO. */
	dma_port_io_barrier();
	if (!dbg_exec(dev, 0u, false, insn01(0xA0u, (uint8_t)channel), bus_addr(c->prog))) {
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					 "pl330: the debug interface stayed busy; DMAGO not issued");
	}
	if ((rd(dev, REG_FSRD) & 1u) != 0u) {
		/* The manager refused the DMAGO (FTRD says why): clear its
		 * fault, nothing started. */
		(void)dbg_exec(dev, 0u, false, insn01(0x01u, 0u), 0u);
		return DMA_REFUSE_LOCKED(dev, channel, -EIO,
					 "pl330: the manager thread faulted on DMAGO (see FTRD); "
					 "nothing started");
	}
	c->active = true;
	return 0;
}

/* Kill the channel and fix what it moved. [locked] */
static void halt(const struct device *dev, uint32_t channel, struct pl330_chan *c)
{
	const bool ended = (rd(dev, REG_CSR(channel)) & 0xFu) == CS_STOPPED;

	(void)kill_channel(dev, channel);
	if (c->active && !c->suspended) {
		struct pl330_obs o;

		observe(dev, channel, c, false, !ended, &o);
		c->final = total_at(c, dma_core_chan(dev, channel)->total_len, o.d);
	}
}

static void pl330_stop(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);

	halt(dev, channel, c);
	c->active = false;
	c->suspended = false;
	/* An interrupt the stopped transfer latched must not reach the next. */
	wr(dev, REG_INTCLR, 1u << channel);
}

static int pl330_suspend(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	struct pl330_obs o;

	bool ended;

	if (!c->active || c->suspended) {
		return 0;
	}
	if (side_is_peripheral(&cc->cfg, true)) {
		return DMA_REFUSE_LOCKED(dev, channel, -ENOTSUP,
					 "pl330: a transfer from a peripheral cannot be suspended: "
					 "the IP has no pause, and DMAKILL drops what its FIFO holds, "
					 "which the peripheral has already given");
	}
	ended = (rd(dev, REG_CSR(channel)) & 0xFu) == CS_STOPPED;
	(void)kill_channel(dev, channel);
	/* Killed, it keeps its registers: the position is read after. */
	observe(dev, channel, c, false, !ended, &o);
	c->final = total_at(c, cc->total_len, o.d);
	c->susp_done = !cc->cfg.cyclic && ended;
	c->susp_owed = o.owed;
	c->suspended = true;
	return 0;
}

static int pl330_resume(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	const uint32_t lap = cc->total_len;
	struct builder b;
	uint32_t at, cut;

	if (!c->active || !c->suspended) {
		return 0;
	}
	c->suspended = false;
	if (c->susp_done) {
		return 0; /* it had ended: its completion is on its way */
	}
	/* Go on from the first whole beat not yet written (a store cut in
	 * the middle of a beat of the wider side is done again). Cyclic:
	 * final % lap; single: final, below 2^32 - 1. */
	cut = (uint32_t)(c->final % (cc->cfg.cyclic ? lap : 0xFFFFFFFFu));
	at = cut - cut % beat_of(&cc->cfg);
	if ((rd(dev, REG_CSR(channel)) & 0xFu) != CS_STOPPED && !kill_channel(dev, channel)) {
		c->suspended = true;
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					 "pl330: the channel thread has not stopped since the "
					 "suspend's DMAKILL (bus stalled?); dma_resume again later");
	}
	c->prog_is_main = false;
	if (build(&b, c, &cc->cfg, channel, qemu(dev), at, lap, c->susp_owed) == 0u) {
		c->suspended = true; /* nothing changes: still SUSPENDED */
		return DMA_REFUSE_LOCKED(dev, channel, -EIO,
					 "pl330: the resumed program did not fit (a bug: "
					 "dma_config checks the room)");
	}
	c->floor = c->final;
	c->resume_cut = cut;
	c->resume_back = at < cut;
	dma_port_io_barrier();
	if (!dbg_exec(dev, 0u, false, insn01(0xA0u, (uint8_t)channel), bus_addr(c->prog))) {
		c->suspended = true;
		return DMA_REFUSE_LOCKED(dev, channel, -EBUSY,
					 "pl330: the debug interface stayed busy; DMAGO not issued");
	}
	return 0;
}

static uint64_t pl330_progress(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);
	struct pl330_obs o;

	if (!c->active || c->suspended) {
		return c->final;
	}
	observe(dev, channel, c, false, false, &o);
	return total_at(c, dma_core_chan(dev, channel)->total_len, o.d);
}

static uint64_t pl330_read_progress(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);
	struct pl330_obs o;

	if (!c->active || c->suspended) {
		return c->final;
	}
	observe(dev, channel, c, false, false, &o);
	return total_at(c, dma_core_chan(dev, channel)->total_len, o.d) + o.ahead;
}

/* ----------------------------------------------------------- interrupts */

static int fault_errno(uint32_t ftr)
{
	return (ftr & (FTR_INSTR_FETCH_ERR | FTR_DATA_WRITE_ERR | FTR_DATA_READ_ERR)) != 0u
		       ? -EIO
		       : -EFAULT;
}

/*
 * Serve one channel: observe it under the lock (position, interrupt bit,
 * fault), then report what the observation covers without it.
 */
static void service_channel(const struct device *dev, uint32_t channel)
{
	struct pl330_chan *c = chan_of(dev, channel);
	const struct dma_core_chan *cc = dma_core_chan(dev, channel);
	const uint32_t bit = 1u << channel;
	struct dma_event_points pts;
	uint32_t seq, from, d, lap, state;
	bool done = false;
	int err = 0;
	struct pl330_obs o;
	dma_port_key_t key;

	key = dma_core_lock(dev);
	state = rd(dev, REG_CSR(channel)) & 0xFu;
	if (!c->active) {
		/* Stopped: whatever it latched is stale. */
		wr(dev, REG_INTCLR, bit);
		if (state == CS_FAULTING || state == CS_FAULT_COMPLETING) {
			(void)kill_channel(dev, channel);
		}
		dma_core_unlock(dev, key);
		return;
	}
	seq = c->seq;
	lap = cc->total_len;
	from = c->obs_pos;
	pts = points_of(dev, channel, c);
	if (c->suspended) {
		/* Frozen at the suspend: report what it moved up to there. */
		wr(dev, REG_INTCLR, bit);
		d = (uint32_t)(c->final - total_at(c, lap, 0u));
		done = c->susp_done;
		if (done) {
			c->active = false;
			c->suspended = false;
		}
	} else {
		observe(dev, channel, c, true, false, &o);
		d = o.d;
		if (o.state == CS_FAULTING || o.state == CS_FAULT_COMPLETING) {
			err = fault_errno(rd(dev, REG_FTR(channel)));
			(void)kill_channel(dev, channel);
			c->final = total_at(c, lap, d);
			c->active = false;
		} else if (!pts.cyclic && (o.state == CS_STOPPED || o.at_end)) {
			/* At the final DMAEND the thread stops within a few
			 * cycles (nothing is outstanding after DMAWMB); wait
			 * for it (bounded), so that a callback's restart finds
			 * it stopped. dma_start() kills one that never did. */
			for (uint32_t i = 0u; o.at_end && i < POLL_LIMIT &&
					      (rd(dev, REG_CSR(channel)) & 0xFu) != CS_STOPPED;
			     i++) {
			}
			done = true;
			d = lap - from;
			c->final = lap;
			c->active = false; /* before the callback, which may restart */
		} else if (d > 0u) {
			/* A point whose DMASEV is still to run: its event (and the
			 * lap it may end) comes with that DMASEV's interrupt. */
			d -= o.owed;
		}
	}
	if (!pts.cyclic && !done && from + d >= lap) {
		d = lap - 1u - from; /* the completion is the channel ending */
	}
	c->obs_laps += (from + d) / lap;
	c->obs_pos = (from + d) % lap;
	dma_core_unlock(dev, key);
	/* Data the controller wrote is read after this. */
	dma_port_io_barrier();
	if (dma_core_report_span(dev, channel, seq, &pts, from, d, done) && err != 0) {
		(void)dma_core_report(dev, channel, seq, DMA_EV_ERROR, err);
	}
}

void pl330_isr(const struct device *dev)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	uint32_t pending;
	dma_port_key_t key = dma_core_lock(dev);

	pending = rd(dev, REG_INTMIS) | rd(dev, REG_FSRC);
	if ((rd(dev, REG_FSRD) & 1u) != 0u) {
		/* A manager fault (a DMAGO the driver never issues wrongly):
		 * only a DMAKILL to the manager clears it. */
		(void)dbg_exec(dev, 0u, false, insn01(0x01u, 0u), 0u);
	}
	dma_core_unlock(dev, key);
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		if ((pending & (1u << ch)) != 0u) {
			service_channel(dev, ch);
		}
	}
}

void pl330_pace(const struct device *dev)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	dma_port_key_t key;

	if (dev == NULL || dev->api != &pl330_ops || !qemu(dev)) {
		return;
	}
	key = dma_core_lock(dev);
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		uint32_t csr = rd(dev, REG_CSR(ch));

		/* Only a channel waiting on its own pacing event: an event
		 * signalled to no one would be latched for a later wait. */
		if ((csr & 0xFu) == CS_WFE && ((csr >> 4) & 0x1Fu) == PACE_EVENT(ch)) {
			(void)dbg_exec(dev, 0u, false, insn01(0x34u, (uint8_t)(PACE_EVENT(ch) << 3)),
				       0u);
		}
	}
	dma_core_unlock(dev, key);
}

static int pl330_init(const struct device *dev)
{
	const struct pl330_config *pc = cfg_of(dev);
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	const uint32_t part =
		(rd(dev, REG_PERIPH_ID0) & 0xFFu) | ((rd(dev, REG_PERIPH_ID1) & 0xFu) << 8);
	const uint32_t cr0 = rd(dev, REG_CR0);
	const uint32_t events = ((cr0 >> 17) & 0x1Fu) + 1u;

	if (part != 0x330u) {
		return dma_core_init_failed(dev, -ENODEV,
					    "pl330: the peripheral ID registers do not show a PL330");
	}
	if (nchan > ((cr0 >> 4) & 7u) + 1u || nchan > 8u ||
	    events < (pc->quirks & PL330_QUIRK_QEMU ? PACE_EVENT(nchan) : nchan)) {
		return dma_core_init_failed(dev, -EINVAL,
					    "pl330: the controller has fewer channels or events "
					    "than the instance needs (one event per channel, two "
					    "with PL330_QUIRK_QEMU)");
	}
	if (pc->bus_bytes > (1u << (rd(dev, REG_CRD) & 7u))) {
		return dma_core_init_failed(dev, -EINVAL,
					    "pl330: bus_width is wider than the controller's data "
					    "bus (CRD.data_width)");
	}
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		if ((rd(dev, REG_CSR(ch)) & 0xFu) != CS_STOPPED) {
			(void)kill_channel(dev, ch);
		}
	}
	/* Events 0..nchan-1 are interrupts; the rest stay events. */
	wr(dev, REG_INTEN, (1u << nchan) - 1u);
	wr(dev, REG_INTCLR, (1u << nchan) - 1u);
	if (pc->irq_enable != NULL) {
		pc->irq_enable();
	}
	return 0;
}

const char *pl330_why_missing(const struct device *dev, uint32_t feature)
{
	if (dev == NULL || dev->api != &pl330_ops || !qemu(dev)) {
		return NULL;
	}
	if (feature == DMA_CAP_ERROR_REPORT) {
		return "QEMU 7.2's PL330 model raises no bus errors (reads of unmapped "
		       "addresses return 0)";
	}
	return NULL;
}

const struct dma_driver_ops pl330_ops = {
	.init = pl330_init,
	.validate = pl330_validate,
	.configure = pl330_configure,
	.start = pl330_start,
	.stop = pl330_stop,
	.suspend = pl330_suspend,
	.resume = pl330_resume,
	.progress = pl330_progress,
	.read_progress = pl330_read_progress,
	.why_missing = pl330_why_missing,
};
