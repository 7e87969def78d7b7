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

	if (!pts->cyclic) {
		return at > from ? at - from : 0u;
	}
	d = (at % pts->lap + pts->lap - from) % pts->lap;
	if (irq && !dma_core_irq_point_within(pts, from, d)) {
		d += pts->lap; /* a whole lap, not no progress */
	}
	return d;
}

bool dma_core_report_span(const struct device *dev, uint32_t channel, uint32_t seq,
			  const struct dma_event_points *pts, uint32_t from, uint32_t d, bool done)
{
	const struct dma_config *cfg = &dma_core_chan(dev, channel)->cfg;
	uint64_t base = 0u;
	uint32_t i = 0u;
	dma_port_key_t key = dma_core_lock(dev);

	/* The points (the driver's storage, rewritten by a dma_config() once
	 * the transfer is stopped) and the configuration are read under the
	 * lock while the transfer is current; each event is applied in the
	 * same hold, and the points nobody listens to are passed in it. */
	if (!dma_core_current(dev, channel, seq)) {
		dma_core_unlock(dev, key);
		return false;
	}
	while (i < pts->n && pts->end[i] <= from) {
		i++; /* the first point after @p from */
	}
	for (;;) {
		enum dma_core_event ev = DMA_EV_HALF;
		bool last, half, end_ev, half_acts, end_acts;

		if (i == pts->n && pts->cyclic) {
			i = 0u;
			base += pts->lap;
		}
		if (i == pts->n || base + pts->end[i] - from > d) {
			dma_core_unlock(dev, key);
			return true;
		}
		last = i + 1u == pts->n;
		half = (pts->what[i] & DMA_POINT_HALF) != 0u;
		/* A non-cyclic transfer's last point is its completion only
		 * once it is done. */
		end_ev = (pts->what[i] & DMA_POINT_BLOCK) != 0u && (!last || done || pts->cyclic);
		if (end_ev) {
			ev = !last ? DMA_EV_BLOCK : done ? DMA_EV_DONE : DMA_EV_LAP;
		}
		half_acts = half && dma_core_event_acts(cfg, DMA_EV_HALF);
		end_acts = end_ev && dma_core_event_acts(cfg, ev);
		if (half_acts) {
			dma_core_report_held(dev, channel, DMA_EV_HALF, 0, key);
			key = dma_core_lock(dev);
			if (!dma_core_current(dev, channel, seq)) {
				dma_core_unlock(dev, key);
				return false;
			}
		}
		if (end_acts) {
			dma_core_report_held(dev, channel, ev, 0, key);
		}
		if (last && !pts->cyclic) {
			if (!end_acts) {
				dma_core_unlock(dev, key);
			}
			return true;
		}
		i++;
		if (end_acts) {
			key = dma_core_lock(dev);
			if (!dma_core_current(dev, channel, seq)) {
				dma_core_unlock(dev, key);
				return false;
			}
		}
	}
}
