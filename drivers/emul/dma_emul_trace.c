/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Timeline trace of the emulated controller and its VCD export.
 */
/* The POSIX clocks and threads this file uses, whatever -std the user builds with. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul_trace.h"

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void dma_emul_trace_record(struct dma_emul_trace *trace, uint32_t channel,
			   enum dma_emul_trace_kind kind, uint32_t value)
{
	dma_emul_trace_record_at(trace, channel, kind, value, mono_ns());
}

void dma_emul_trace_record_at(struct dma_emul_trace *trace, uint32_t channel,
			      enum dma_emul_trace_kind kind, uint32_t value, uint64_t t_ns)
{
	uint32_t i = atomic_fetch_add(&trace->claimed, 1u);
	struct dma_emul_trace_event *ev;

	if (i >= trace->capacity) {
		return; /* full: counted as dropped */
	}
	ev = &trace->events[i];
	ev->t_ns = t_ns - trace->t0_ns;
	ev->channel = (uint16_t)channel;
	ev->kind = (uint8_t)kind;
	ev->value = value;
	atomic_store_explicit(&ev->valid, 1u, memory_order_release);
}

void dma_emul_trace_reset_at_(struct dma_emul_trace *trace, uint64_t t0_ns)
{
	for (uint32_t i = 0; i < trace->capacity; i++) {
		atomic_store(&trace->events[i].valid, 0u);
	}
	atomic_store(&trace->claimed, 0u);
	trace->t0_ns = t0_ns;
}

void dma_emul_trace_reset_(struct dma_emul_trace *trace)
{
	dma_emul_trace_reset_at_(trace, mono_ns());
}

uint32_t dma_emul_trace_count(const struct dma_emul_trace *trace, uint32_t *dropped)
{
	uint32_t n = atomic_load(&((struct dma_emul_trace *)trace)->claimed);

	if (dropped != NULL) {
		*dropped = n > trace->capacity ? n - trace->capacity : 0u;
	}
	return n > trace->capacity ? trace->capacity : n;
}

/* VCD identifier of signal @p k: printable characters '!'..'~', base 94. */
static void vcd_id(uint32_t k, char id[8])
{
	int n = 0;

	do {
		id[n++] = (char)('!' + k % 94u);
		k /= 94u;
	} while (k > 0u && n < 7);
	id[n] = '\0';
}

enum { SIG_STATE, SIG_HALF, SIG_BLOCK, SIG_CALLBACK, SIG_ERROR, SIG_REQUEST, SIGS };
static const char *const sig_name[SIGS] = {"state", "half", "block", "callback", "error", "request"};

static int sig_of(uint8_t kind)
{
	switch (kind) {
	case DMA_EMUL_TRACE_STATE:
		return SIG_STATE;
	case DMA_EMUL_TRACE_HALF:
		return SIG_HALF;
	case DMA_EMUL_TRACE_BLOCK:
		return SIG_BLOCK;
	case DMA_EMUL_TRACE_CALLBACK:
		return SIG_CALLBACK;
	case DMA_EMUL_TRACE_ERROR:
		return SIG_ERROR;
	default:
		return SIG_REQUEST;
	}
}

/* Sort by time (insertion sort: traces are nearly sorted already). */
static void sort_events(struct dma_emul_trace_event *ev, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		struct dma_emul_trace_event e = ev[i];
		uint32_t j = i;

		while (j > 0u && ev[j - 1u].t_ns > e.t_ns) {
			ev[j] = ev[j - 1u];
			j--;
		}
		ev[j] = e;
	}
}

int dma_emul_trace_write_vcd(struct dma_emul_trace *trace, uint32_t channels, FILE *out)
{
	uint32_t n, kept = 0;
	char id[8];
	uint64_t now = 0;

	if (trace == NULL || out == NULL || channels == 0u || channels > 1024u) {
		return -EINVAL;
	}
	n = dma_emul_trace_count(trace, NULL);
	for (uint32_t i = 0; i < n; i++) { /* keep complete events only */
		if (atomic_load_explicit(&trace->events[i].valid, memory_order_acquire) != 0u) {
			trace->events[kept++] = trace->events[i];
		}
	}
	sort_events(trace->events, kept);

	fprintf(out, "$comment dma emulated controller trace $end\n$timescale 1ps $end\n");
	fprintf(out, "$scope module dma $end\n");
	for (uint32_t c = 0; c < channels; c++) {
		fprintf(out, "$scope module ch%u $end\n", (unsigned)c);
		for (int s = 0; s < SIGS; s++) {
			vcd_id(c * SIGS + (uint32_t)s, id);
			fprintf(out, "$var wire %d %s %s $end\n", s == SIG_STATE ? 2 : 1, id, sig_name[s]);
		}
		fprintf(out, "$upscope $end\n");
	}
	fprintf(out, "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n");
	for (uint32_t c = 0; c < channels; c++) {
		for (int s = 0; s < SIGS; s++) {
			vcd_id(c * SIGS + (uint32_t)s, id);
			fprintf(out, s == SIG_STATE ? "b00 %s\n" : "0%s\n", id);
		}
	}
	fprintf(out, "$end\n");

	/* In picoseconds: each event at its nanosecond, and strictly after the
	 * previous one (events recorded in the same nanosecond are spread by
	 * 1 ps, so a viewer shows each); a pulse is high at its event and low
	 * 1 ps later. */
	for (uint32_t i = 0; i < kept; i++) {
		const struct dma_emul_trace_event *e = &trace->events[i];
		uint64_t t = e->t_ns * 1000u;
		int s = sig_of(e->kind);

		if (e->channel >= channels) {
			continue;
		}
		if (t <= now) {
			t = now + 1u;
		}
		now = t;
		vcd_id(e->channel * SIGS + (uint32_t)s, id);
		if (s == SIG_STATE) {
			fprintf(out, "#%" PRIu64 "\nb%u%u %s\n", now, (e->value >> 1) & 1u,
				e->value & 1u, id);
		} else {
			uint64_t low = now + 1u;

			fprintf(out, "#%" PRIu64 "\n1%s\n#%" PRIu64 "\n0%s\n", now, id, low, id);
			now = low;
		}
	}
	return ferror(out) ? -EIO : 0;
}
