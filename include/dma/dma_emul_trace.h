/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Timeline trace of an emulated controller, exported as VCD.
 *
 * Opt-in: give an emulated controller a trace buffer with
 * dma_emul_trace_start() and it records, with nanosecond timestamps, each
 * channel's state changes, half/block/lap/done/error events, the callbacks
 * it delivers and the requests its peripherals make. dma_emul_trace_write_vcd()
 * writes a Value Change Dump that GTKWave opens. The buffer is the caller's
 * (no heap); events past its capacity are counted and dropped.
 */
#ifndef DMA_DMA_EMUL_TRACE_H_
#define DMA_DMA_EMUL_TRACE_H_

#include <stdio.h>

#include "dma/dma_emul.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a trace event records. */
enum dma_emul_trace_kind {
	/** The channel's state: value 0 idle, 1 running, 2 suspended. */
	DMA_EMUL_TRACE_STATE,
	/** A block reached its midpoint. */
	DMA_EMUL_TRACE_HALF,
	/** A block ended (value: block index). */
	DMA_EMUL_TRACE_BLOCK,
	/** A callback was delivered (value: its status, as an int32). */
	DMA_EMUL_TRACE_CALLBACK,
	/** The transfer failed (value: the error, as an int32). */
	DMA_EMUL_TRACE_ERROR,
	/** A peripheral request was served (value: bytes moved). */
	DMA_EMUL_TRACE_REQUEST,
};

/** One recorded event. */
struct dma_emul_trace_event {
	/** Nanoseconds since dma_emul_trace_start(). */
	uint64_t t_ns;
	/** Kind-specific value. */
	uint32_t value;
	/** Channel. */
	uint16_t channel;
	/** enum dma_emul_trace_kind. */
	uint8_t kind;
	/** Set (release) once the event is complete. */
	DMA_EMUL_ATOMIC_(unsigned char) valid;
};

/** A trace buffer. Define one with DMA_EMUL_TRACE_DEFINE(). */
struct dma_emul_trace {
	/** Storage. */
	struct dma_emul_trace_event *events;
	/** Number of events @ref events holds. */
	uint32_t capacity;
	/** Events claimed so far (may exceed capacity: the rest were dropped). */
	DMA_EMUL_ATOMIC_(unsigned int) claimed;
	/** Monotonic time of dma_emul_trace_start(), in ns. */
	uint64_t t0_ns;
};

/**
 * @brief Define a static trace buffer @p name of @p n events.
 * @param name Identifier of the struct dma_emul_trace.
 * @param n    Capacity in events.
 */
#define DMA_EMUL_TRACE_DEFINE(name, n)                                                         \
	static struct dma_emul_trace_event name##_events_[(n)];                                \
	static struct dma_emul_trace name = {.events = name##_events_, .capacity = (n)}

/**
 * @brief Start recording into @p trace (cleared first); NULL stops recording.
 * @param dev   An emulated controller.
 * @param trace The buffer, or NULL.
 * @retval 0 success. @retval -EINVAL not an emulated controller.
 */
int dma_emul_trace_start(const struct device *dev, struct dma_emul_trace *trace);

/**
 * @brief Events recorded and events dropped for lack of room.
 * @param trace   The buffer.
 * @param dropped Receives the number dropped (may be NULL).
 * @return Events recorded.
 */
uint32_t dma_emul_trace_count(const struct dma_emul_trace *trace, uint32_t *dropped);

/**
 * @brief Write a stopped trace as a VCD file: per channel a 2-bit state and
 *        one-bit pulses for half, block, callback, error and request events.
 *        Sorts the buffer by time.
 * @param trace    The buffer (recording stopped).
 * @param channels How many channels to describe (0..channels-1).
 * @param out      Where to write.
 * @retval 0 success. @retval -EINVAL bad argument. @retval -EIO write error.
 */
int dma_emul_trace_write_vcd(struct dma_emul_trace *trace, uint32_t channels, FILE *out);

/** @cond INTERNAL_HIDDEN */
/* Clear a buffer and restart its clock (dma_emul_trace_start). */
void dma_emul_trace_reset_(struct dma_emul_trace *trace);
/* Record an event (engine and driver ops). */
void dma_emul_trace_record(struct dma_emul_trace *trace, uint32_t channel,
			   enum dma_emul_trace_kind kind, uint32_t value);
/* Virtual time: restart the clock at @p t0_ns; record at @p t_ns. */
void dma_emul_trace_reset_at_(struct dma_emul_trace *trace, uint64_t t0_ns);
void dma_emul_trace_record_at(struct dma_emul_trace *trace, uint32_t channel,
			      enum dma_emul_trace_kind kind, uint32_t value, uint64_t t_ns);
/** @endcond */

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_EMUL_TRACE_H_ */
