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
	uint64_t base = 0u;
	uint32_t i = 0u;
	bool first = true;

	for (;;) {
		dma_port_key_t key = dma_core_lock(dev);
		uint32_t end;
		uint8_t what;

		/* The points are the driver's storage, rewritten by a
		 * dma_config() once the transfer is stopped: read them under
		 * the lock, while it is current. */
		if (!dma_core_current(dev, channel, seq)) {
			dma_core_unlock(dev, key);
			return false;
		}
		if (first) {
			while (i < pts->n && pts->end[i] <= from) {
				i++; /* the first point after @p from */
			}
			first = false;
		}
		if (i == pts->n && pts->cyclic) {
			i = 0u;
			base += pts->lap;
		}
		end = i < pts->n ? pts->end[i] : 0u;
		what = i < pts->n ? pts->what[i] : 0u;
		dma_core_unlock(dev, key);
		if (i == pts->n || base + end - from > d) {
			break;
		}
		const bool last = i + 1u == pts->n;

		if ((what & DMA_POINT_HALF) != 0u &&
		    !dma_core_report(dev, channel, seq, DMA_EV_HALF, 0)) {
			return false;
		}
		if ((what & DMA_POINT_BLOCK) != 0u) {
			enum dma_core_event ev = !last ? DMA_EV_BLOCK
					       : done  ? DMA_EV_DONE
						       : DMA_EV_LAP;

			if (!last || done || pts->cyclic) {
				if (!dma_core_report(dev, channel, seq, ev, 0)) {
					return false;
				}
			}
		}
		if (last && !pts->cyclic) {
			break;
		}
		i++;
	}
	return true;
}
