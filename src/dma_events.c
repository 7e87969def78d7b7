/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Events derived from the hardware's position (dma_driver.h): shared by the
 * register-level drivers whose interrupt handlers observe where a channel is
 * and report every event point passed since the previous observation.
 */
#include "dma/dma_driver.h"

bool dma_core_irq_point_within(const struct dma_event_points *pts, uint32_t from, uint32_t d)
{
	for (uint32_t i = 0u; i < pts->n; i++) {
		if ((pts->what[i] & DMA_POINT_IRQ) != 0u) {
			uint32_t dist = (pts->end[i] % pts->lap + pts->lap - from) % pts->lap;

			if ((dist == 0u ? pts->lap : dist) <= d) {
				return true;
			}
		}
	}
	return false;
}

uint32_t dma_core_advance(const struct dma_event_points *pts, uint32_t from, uint32_t at,
			  bool irq)
{
	uint32_t d;

	if (!DMA_CONFIG_CYCLIC || !pts->cyclic) {
		return at > from ? at - from : 0u;
	}
	d = (at % pts->lap + pts->lap - from) % pts->lap;
	if (irq && !dma_core_irq_point_within(pts, from, d)) {
		d += pts->lap; /* a whole lap, not no progress */
	}
	return d;
}

bool dma_core_event_acts(const struct dma_config *cfg, enum dma_core_event ev)
{
	int cb_status;
	bool chain;
	bool call = dma_core_callback_for(cfg, ev, 0, &cb_status, &chain);

	return call || chain || ev == DMA_EV_DONE || ev == DMA_EV_ERROR;
}

/* Take the lock if transfer @p seq is still current (else leave it free). */
static bool lock_current(const struct device *dev, uint32_t channel, uint32_t seq,
			 dma_port_key_t *key)
{
	*key = dma_core_lock(dev);
	if (!dma_core_current(dev, channel, seq)) {
		dma_core_unlock(dev, *key);
		return false;
	}
	return true;
}

bool dma_core_report_span(const struct device *dev, uint32_t channel, uint32_t seq,
			  const struct dma_event_points *pts, uint32_t from, uint32_t d, bool done)
{
	const struct dma_config *cfg = &dma_core_chan(dev, channel)->cfg;
	const bool cyclic = DMA_CONFIG_CYCLIC && pts->cyclic;
	uint64_t base = 0u;
	uint32_t i = 0u;
	dma_port_key_t key;

	/* The points (the driver's storage, rewritten by a dma_config() once
	 * the transfer is stopped) and the configuration are read under the
	 * lock while the transfer is current; each event is applied in the
	 * same hold, and the points nobody listens to are passed in it. */
	if (!lock_current(dev, channel, seq, &key)) {
		return false;
	}
	while (i < pts->n && pts->end[i] <= from) {
		i++; /* the first point after @p from */
	}
	if (done && !cyclic && i < pts->n &&
	    ((i + 1u == pts->n && (pts->what[i] & DMA_POINT_HALF) == 0u) ||
	     (!dma_core_event_acts(cfg, DMA_EV_HALF) && !dma_core_event_acts(cfg, DMA_EV_BLOCK)))) {
		/* Only the completion is left (no half point with it), or only
		 * it acts: no point to walk. */
		dma_core_report_held(dev, channel, DMA_EV_DONE, 0, key);
		return true;
	}
	for (;;) {
		enum dma_core_event ev = DMA_EV_HALF;
		bool last, end_ev;

		if (i == pts->n && cyclic) {
			i = 0u;
			base += pts->lap;
		}
		if (i == pts->n || base + pts->end[i] - from > d) {
			dma_core_unlock(dev, key);
			return true;
		}
		last = i + 1u == pts->n;
		/* A non-cyclic transfer's last point is its completion only
		 * once it is done. */
		end_ev = (pts->what[i] & DMA_POINT_BLOCK) != 0u && (!last || done || cyclic);
		if (end_ev) {
			ev = !last ? DMA_EV_BLOCK : done ? DMA_EV_DONE : DMA_EV_LAP;
		}
		if ((pts->what[i] & DMA_POINT_HALF) != 0u && dma_core_event_acts(cfg, DMA_EV_HALF)) {
			dma_core_report_held(dev, channel, DMA_EV_HALF, 0, key);
			if (!lock_current(dev, channel, seq, &key)) {
				return false;
			}
		}
		if (end_ev && dma_core_event_acts(cfg, ev)) {
			dma_core_report_held(dev, channel, ev, 0, key);
			if (last && !cyclic) {
				return true;
			}
			if (!lock_current(dev, channel, seq, &key)) {
				return false;
			}
		}
		i++; /* (past a non-ring's last point the head finds none left) */
	}
}
