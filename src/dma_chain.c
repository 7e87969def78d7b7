/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Software chaining for controllers without descriptors (dma_chain.h): the
 * configuration cut into runs, the next run started from the done
 * interrupt, events reported from the runs that ended, status from the
 * runs done and the hardware's residue, suspend as a halt and a remainder.
 */
#include "dma/dma_chain.h"

#include <stddef.h>

/* Index of channel @p ch's first run in the chain's storage. */
static size_t first_of(const struct dma_chain *chain, uint32_t ch)
{
	return (size_t)ch * chain->max_segs;
}

static struct dma_seg *segs_of(const struct dma_chain *chain, uint32_t ch)
{
	return &chain->segs[first_of(chain, ch)];
}

static struct dma_event_points points_of(const struct device *dev,
					 const struct dma_chain *chain, uint32_t ch)
{
	const struct dma_core_chan *cc = dma_core_chan(dev, ch);
	struct dma_event_points pts = {&chain->point_end[first_of(chain, ch)],
				       &chain->point_what[first_of(chain, ch)],
				       chain->chans[ch].npoints, cc->total_len,
				       cc->cfg.cyclic != 0u};

	return pts;
}

/*
 * Cut a configuration into runs: per block, at its midpoint with
 * half-complete callbacks, and every @p max_run bytes (whole beats).
 * With @p out NULL, only counted.
 */
static uint32_t cut(const struct dma_config *cfg, uint32_t max_run, struct dma_seg *out,
		    uint32_t room)
{
	const uint32_t beat = cfg->source_data_size > cfg->dest_data_size ? cfg->source_data_size
									  : cfg->dest_data_size;
	const uint32_t run = max_run - max_run % beat;
	const struct dma_block_config *blk = cfg->head_block;
	uint32_t n = 0u, boff = 0u;

	for (uint32_t k = 0u; k < cfg->block_count; k++, blk = blk->next_block) {
		const uint32_t size = blk->block_size;
		const uint32_t half = cfg->half_complete_callback_en
					      ? dma_core_half_point(size, beat)
					      : size;
		uint32_t pos = 0u;

		while (pos < size) {
			const uint32_t end = pos < half ? half : size;
			uint32_t len = end - pos;

			if (len > run) {
				len = run;
			}
			if (out != NULL && n < room) {
				struct dma_seg *s = &out[n];

				s->src = blk->source_address +
					 (blk->source_addr_adj == DMA_ADDR_ADJ_INCREMENT ? pos : 0u);
				s->dst = blk->dest_address +
					 (blk->dest_addr_adj == DMA_ADDR_ADJ_INCREMENT ? pos : 0u);
				s->len = len;
				s->off = boff + pos;
				s->what = (uint8_t)((pos + len == size ? DMA_POINT_BLOCK : 0u) |
						    (pos < half && pos + len == half && half < size
							     ? DMA_POINT_HALF
							     : 0u));
				s->src_adj = (uint8_t)blk->source_addr_adj;
				s->dst_adj = (uint8_t)blk->dest_addr_adj;
			}
			pos += len;
			n++;
		}
		boff += size;
	}
	return n;
}

uint32_t dma_chain_count(const struct dma_config *cfg, const struct dma_chain *chain)
{
	return cut(cfg, *chain->max_run, NULL, 0u);
}

void dma_chain_limit_run(const struct dma_chain *chain, uint32_t bytes)
{
	if (bytes > 0u && bytes < *chain->max_run) {
		*chain->max_run = bytes;
	}
}

uint32_t dma_chain_take(const struct dma_chain *chain, uint32_t channel, enum dma_run_end end)
{
	struct dma_chain_chan *c = &chain->chans[channel];

	c->taken = (uint8_t)end;
	return c->seq;
}

void dma_chain_configure(const struct device *dev, const struct dma_chain *chain,
			 uint32_t channel)
{
	struct dma_chain_chan *c = &chain->chans[channel];
	struct dma_seg *seg = segs_of(chain, channel);
	uint32_t *pend = &chain->point_end[first_of(chain, channel)];
	uint8_t *pwhat = &chain->point_what[first_of(chain, channel)];
	uint32_t np = 0u;

	c->nseg = (uint16_t)cut(&dma_core_chan(dev, channel)->cfg, *chain->max_run, seg,
				chain->max_segs);
	for (uint32_t i = 0u; i < c->nseg; i++) {
		if (seg[i].what != 0u) {
			pend[np] = seg[i].off + seg[i].len;
			pwhat[np++] = seg[i].what;
		}
	}
	c->npoints = (uint16_t)np;
	c->active = false;
	c->suspended = false;
	c->taken = DMA_RUN_CUT;
	c->final = 0u;
}

/* Load the channel's next run. What the CPU wrote before (the source data,
 * and in a ring the blocks a callback refilled) reaches memory before the
 * controller reads it. [locked] */
static void load(const struct device *dev, const struct dma_chain *chain, uint32_t ch)
{
	struct dma_chain_chan *c = &chain->chans[ch];

	c->armed = false;
	dma_port_io_barrier();
	chain->ops->load(dev, ch, c->in_partial ? &c->partial : &segs_of(chain, ch)[c->cur]);
}

/* Start (or, paced, arm) the run the channel is at. [locked] */
static void go(const struct device *dev, const struct dma_chain *chain, uint32_t ch)
{
	if (chain->paced) {
		chain->chans[ch].armed = true;
		return;
	}
	load(dev, chain, ch);
}

int dma_chain_start(const struct device *dev, const struct dma_chain *chain, uint32_t channel,
		    uint32_t seq)
{
	struct dma_chain_chan *c = &chain->chans[channel];

	c->seq = seq;
	c->cur = 0u;
	c->laps = 0u;
	c->final = 0u;
	c->suspended = false;
	c->in_partial = false;
	c->ended = false;
	c->taken = DMA_RUN_CUT;
	c->active = true;
	go(dev, chain, channel);
	return 0;
}

/* The run on the hardware (or armed). */
static const struct dma_seg *running(const struct dma_chain *chain, uint32_t ch)
{
	const struct dma_chain_chan *c = &chain->chans[ch];

	return c->in_partial ? &c->partial : &segs_of(chain, ch)[c->cur];
}

/* Bytes of the transfer moved up to now. [locked] */
static uint64_t moved(const struct device *dev, const struct dma_chain *chain, uint32_t ch)
{
	const struct dma_chain_chan *c = &chain->chans[ch];
	const struct dma_seg *s = running(chain, ch);
	uint32_t left = c->armed ? s->len : chain->ops->residue(dev, ch);

	if (left > s->len) {
		left = s->len;
	}
	return (uint64_t)c->laps * dma_core_chan(dev, ch)->total_len + s->off + (s->len - left);
}

void dma_chain_stop(const struct device *dev, const struct dma_chain *chain, uint32_t channel)
{
	struct dma_chain_chan *c = &chain->chans[channel];

	(void)chain->ops->halt(dev, channel);
	if (c->active && !c->suspended) {
		c->final = moved(dev, chain, channel);
	}
	c->active = false;
	c->suspended = false;
	c->armed = false;
}

int dma_chain_suspend(const struct device *dev, const struct dma_chain *chain, uint32_t channel)
{
	struct dma_chain_chan *c = &chain->chans[channel];
	const struct dma_seg *s;
	uint32_t done;

	if (!c->active || c->suspended) {
		return 0;
	}
	enum dma_run_end end = c->armed ? DMA_RUN_CUT : chain->ops->halt(dev, channel);

	if (end == DMA_RUN_CUT && c->taken != DMA_RUN_CUT) {
		/* The handler took this run's end from the hardware and has
		 * not given it to the chain yet: ended (or failed), not cut. */
		end = (enum dma_run_end)c->taken;
	}

	c->final = moved(dev, chain, channel);
	s = running(chain, channel);
	done = (uint32_t)(c->final - (uint64_t)c->laps * dma_core_chan(dev, channel)->total_len -
			  s->off);
	/* An armed run has not started. A run that ended or failed has its
	 * interrupt on the way: the chain goes on (or fails) from there,
	 * suspended or not, and resume loads nothing until then. */
	c->ended = end != DMA_RUN_CUT;
	if (end == DMA_RUN_ENDED) {
		c->final += s->len - done;
		done = s->len;
	}
	if (!c->ended) {
		struct dma_seg rest = *s;

		rest.src += rest.src_adj == DMA_ADDR_ADJ_INCREMENT ? done : 0u;
		rest.dst += rest.dst_adj == DMA_ADDR_ADJ_INCREMENT ? done : 0u;
		rest.off += done;
		rest.len -= done;
		c->partial = rest;
		c->in_partial = true;
	}
	c->armed = false;
	c->suspended = true;
	return 0;
}

int dma_chain_resume(const struct device *dev, const struct dma_chain *chain, uint32_t channel)
{
	struct dma_chain_chan *c = &chain->chans[channel];

	if (!c->active || !c->suspended) {
		return 0;
	}
	c->suspended = false;
	if (!c->ended) {
		go(dev, chain, channel);
	}
	return 0;
}

uint64_t dma_chain_progress(const struct device *dev, const struct dma_chain *chain,
			    uint32_t channel)
{
	const struct dma_chain_chan *c = &chain->chans[channel];

	if (!c->active || c->suspended) {
		return c->final;
	}
	return moved(dev, chain, channel);
}

void dma_chain_run_done(const struct device *dev, const struct dma_chain *chain,
			uint32_t channel, uint32_t seq)
{
	struct dma_chain_chan *c = &chain->chans[channel];
	struct dma_event_points pts;
	struct dma_seg ended;
	bool done = false;
	dma_port_key_t key = dma_core_lock(dev);

	if (seq == c->seq) {
		c->taken = DMA_RUN_CUT; /* given to the chain now */
	}
	if (!c->active || c->armed || seq != c->seq) {
		/* Stopped or replaced since the handler read the status, or
		 * nothing ran: a stale interrupt. */
		dma_core_unlock(dev, key);
		return;
	}
	pts = points_of(dev, chain, channel);
	ended = *running(chain, channel);
	c->in_partial = false;
	c->ended = false;
	if (c->cur + 1u < c->nseg) {
		c->cur++;
	} else if (pts.cyclic) {
		c->cur = 0u;
		c->laps++;
	} else {
		done = true;
		c->final = (uint64_t)pts.lap;
		c->active = false; /* before the callback, which may restart */
	}
	if (!done) {
		if (c->suspended) {
			/* Ended as the suspend took hold: the next run waits for
			 * the resume, from its start. */
			c->partial = segs_of(chain, channel)[c->cur];
			c->in_partial = true;
			c->final = (uint64_t)c->laps * pts.lap + c->partial.off;
		} else {
			go(dev, chain, channel); /* at once: the gap is this handler */
		}
	}
	dma_core_unlock(dev, key);
	/* Data the controller wrote is read after this. */
	dma_port_io_barrier();
	(void)dma_core_report_span(dev, channel, seq, &pts, ended.off, ended.len, done);
}

void dma_chain_run_failed(const struct device *dev, const struct dma_chain *chain,
			  uint32_t channel, uint32_t seq, int err)
{
	struct dma_chain_chan *c = &chain->chans[channel];
	struct dma_event_points pts;
	uint32_t from, d;
	dma_port_key_t key = dma_core_lock(dev);

	if (seq == c->seq) {
		c->taken = DMA_RUN_CUT;
	}
	if (!c->active || seq != c->seq) {
		dma_core_unlock(dev, key);
		return;
	}
	pts = points_of(dev, chain, channel);
	from = running(chain, channel)->off;
	c->final = moved(dev, chain, channel);
	d = (uint32_t)(c->final - (uint64_t)c->laps * pts.lap - from);
	if (!pts.cyclic && from + d >= pts.lap) {
		d = pts.lap - 1u - from; /* the end is an error, not a completion */
	}
	c->active = false;
	c->suspended = false;
	c->armed = false;
	dma_core_unlock(dev, key);
	dma_port_io_barrier();
	/* Block and half ends written before the error are reported before it. */
	if (dma_core_report_span(dev, channel, seq, &pts, from, d, false)) {
		(void)dma_core_report(dev, channel, seq, DMA_EV_ERROR, err < 0 ? err : -EIO);
	}
}

void dma_chain_pace(const struct device *dev, const struct dma_chain *chain)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	dma_port_key_t key = dma_core_lock(dev);

	for (uint32_t ch = 0u; ch < nchan; ch++) {
		struct dma_chain_chan *c = &chain->chans[ch];

		if (c->armed && c->active && !c->suspended) {
			load(dev, chain, ch);
		}
	}
	dma_core_unlock(dev, key);
}
