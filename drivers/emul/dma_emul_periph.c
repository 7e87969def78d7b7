/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Peripheral models for the emulated controller: a FIFO serial port and a
 * periodic sampler. Both are paced by the monotonic clock: bytes (samples)
 * arrive at their rate, computed when the controller polls the request line.
 */
/* The POSIX clocks and threads this file uses, whatever -std the user builds with. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul_periph.h"

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------------------- serial port */

#define SERIAL(p, side) ((struct dma_emul_serial *)(void *)((char *)(p) - offsetof(struct dma_emul_serial, side)))

/* The time a model runs on: its virtual-time controller's, or the wall clock. */
static uint64_t model_now(const struct device *clock)
{
	return clock != NULL ? dma_emul_now(clock) : mono_ns();
}

/*
 * Move what the line delivered and what the transmitter sent, up to now.
 * A byte is received, or sent, when its frame ends: next_rx_ns / next_tx_ns
 * is when the next one ends. [locked]
 */
static void serial_advance(struct dma_emul_serial *s)
{
	uint64_t now = model_now(s->clock);

	while (s->line_len > 0u && s->next_rx_ns <= now) {
		uint8_t b = s->line[s->line_head];

		s->line_head = (s->line_head + 1u) % DMA_EMUL_SERIAL_BUFFER;
		s->line_len--;
		if (s->rx_count < s->depth) {
			s->rx_fifo[(s->rx_head + s->rx_count) % s->depth] = b;
			s->rx_count++;
			s->rx_bytes++;
		} else {
			s->overruns++;
			s->rx_error = -EIO; /* overrun: the byte is lost */
		}
		s->next_rx_ns += s->byte_ns;
	}
	while (s->tx_count > 0u && s->next_tx_ns <= now) {
		if (s->out_len < DMA_EMUL_SERIAL_BUFFER) {
			s->out[(s->out_head + s->out_len) % DMA_EMUL_SERIAL_BUFFER] = s->tx_fifo[s->tx_head];
			s->out_len++;
		}
		s->tx_head = (s->tx_head + 1u) % s->depth;
		s->tx_count--;
		s->next_tx_ns += s->byte_ns;
	}
}

/*
 * When the first byte given to an idle line or transmitter ends its frame:
 * a frame from now, or @p next_ns if the last frame has not ended yet.
 * [locked]
 */
static uint64_t first_frame_end(const struct dma_emul_serial *s, uint64_t next_ns)
{
	const uint64_t end = model_now(s->clock) + s->byte_ns;

	return next_ns > end ? next_ns : end;
}

static uint32_t serial_readable(struct dma_emul_periph *p)
{
	struct dma_emul_serial *s = SERIAL(p, rx);
	uint32_t n;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	n = s->rx_count;
	pthread_mutex_unlock(&s->lock);
	return n;
}

static void serial_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	struct dma_emul_serial *s = SERIAL(p, rx);

	pthread_mutex_lock(&s->lock);
	for (uint32_t i = 0; i < n; i++) {
		if (s->rx_count == 0u) {
			buf[i] = 0u; /* reading an empty FIFO: underrun */
			s->rx_error = -EIO;
			continue;
		}
		buf[i] = s->rx_fifo[s->rx_head];
		s->rx_head = (s->rx_head + 1u) % s->depth;
		s->rx_count--;
	}
	pthread_mutex_unlock(&s->lock);
}

static int serial_rx_error(struct dma_emul_periph *p)
{
	struct dma_emul_serial *s = SERIAL(p, rx);
	int e;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	e = s->rx_error;
	s->rx_error = 0;
	pthread_mutex_unlock(&s->lock);
	return e;
}

static uint32_t serial_writable(struct dma_emul_periph *p)
{
	struct dma_emul_serial *s = SERIAL(p, tx);
	uint32_t n;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	n = s->depth - s->tx_count;
	pthread_mutex_unlock(&s->lock);
	return n;
}

static void serial_write(struct dma_emul_periph *p, const uint8_t *buf, uint32_t n)
{
	struct dma_emul_serial *s = SERIAL(p, tx);

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	if (s->tx_count == 0u && n > 0u) {
		s->next_tx_ns = first_frame_end(s, s->next_tx_ns); /* an idle transmitter */
	}
	for (uint32_t i = 0; i < n && s->tx_count < s->depth; i++) {
		s->tx_fifo[(s->tx_head + s->tx_count) % s->depth] = buf[i];
		s->tx_count++;
	}
	pthread_mutex_unlock(&s->lock);
}

/* The next byte off the line ends its frame then (none on an idle line). */
static uint64_t serial_rx_ready_at(struct dma_emul_periph *p)
{
	struct dma_emul_serial *s = SERIAL(p, rx);
	uint64_t t;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	t = s->line_len > 0u ? s->next_rx_ns : UINT64_MAX;
	pthread_mutex_unlock(&s->lock);
	return t;
}

/* A transmit FIFO slot frees when the byte being sent ends its frame. */
static uint64_t serial_tx_ready_at(struct dma_emul_periph *p)
{
	struct dma_emul_serial *s = SERIAL(p, tx);
	uint64_t t;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	t = s->tx_count > 0u ? s->next_tx_ns : UINT64_MAX;
	pthread_mutex_unlock(&s->lock);
	return t;
}

static int no_error(struct dma_emul_periph *p)
{
	(void)p;
	return 0;
}

/* Both sides share one clock: the line and the transmitter restart from now. */
static void serial_set_clock(struct dma_emul_serial *s, const struct device *clock)
{
	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	s->clock = clock;
	/* Bytes already on the line or in the transmitter end their frames
	 * one byte time from now. */
	s->next_rx_ns = model_now(clock) + s->byte_ns;
	s->next_tx_ns = s->next_rx_ns;
	pthread_mutex_unlock(&s->lock);
}

static void serial_rx_clock(struct dma_emul_periph *p, const struct device *clock)
{
	serial_set_clock(SERIAL(p, rx), clock);
}

static void serial_tx_clock(struct dma_emul_periph *p, const struct device *clock)
{
	serial_set_clock(SERIAL(p, tx), clock);
}

int dma_emul_serial_init(struct dma_emul_serial *s, uint32_t fifo_depth, uint32_t bytes_per_second)
{
	/* Byte times are whole nanoseconds: at most 10^9 bytes per second. */
	if (s == NULL || fifo_depth == 0u || fifo_depth > sizeof(s->rx_fifo) || bytes_per_second == 0u ||
	    bytes_per_second > 1000000000u) {
		return -EINVAL;
	}
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->depth = fifo_depth;
	s->byte_ns = 1000000000u / bytes_per_second;
	s->next_rx_ns = mono_ns();
	s->next_tx_ns = s->next_rx_ns;
	s->rx.readable = serial_readable;
	s->rx.read = serial_read;
	s->rx.take_error = serial_rx_error;
	s->tx.writable = serial_writable;
	s->tx.write = serial_write;
	s->tx.take_error = no_error;
	s->rx.set_clock = serial_rx_clock;
	s->tx.set_clock = serial_tx_clock;
	s->rx.ready_at = serial_rx_ready_at;
	s->tx.ready_at = serial_tx_ready_at;
	return 0;
}

size_t dma_emul_serial_feed(struct dma_emul_serial *s, const void *data, size_t n)
{
	const uint8_t *b = data;
	size_t i;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	if (s->line_len == 0u && n > 0u) {
		s->next_rx_ns = first_frame_end(s, s->next_rx_ns); /* an idle line */
	}
	for (i = 0; i < n && s->line_len < DMA_EMUL_SERIAL_BUFFER; i++) {
		s->line[(s->line_head + s->line_len) % DMA_EMUL_SERIAL_BUFFER] = b[i];
		s->line_len++;
	}
	pthread_mutex_unlock(&s->lock);
	return i;
}

size_t dma_emul_serial_take_tx(struct dma_emul_serial *s, void *buf, size_t max)
{
	uint8_t *b = buf;
	size_t i;

	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	for (i = 0; i < max && s->out_len > 0u; i++) {
		b[i] = s->out[s->out_head];
		s->out_head = (s->out_head + 1u) % DMA_EMUL_SERIAL_BUFFER;
		s->out_len--;
	}
	pthread_mutex_unlock(&s->lock);
	return i;
}

void dma_emul_serial_counts(struct dma_emul_serial *s, uint64_t *received, uint64_t *overruns)
{
	pthread_mutex_lock(&s->lock);
	serial_advance(s);
	if (received != NULL) {
		*received = s->rx_bytes;
	}
	if (overruns != NULL) {
		*overruns = s->overruns;
	}
	pthread_mutex_unlock(&s->lock);
}

/* ------------------------------------------------------------- sampler */

#define SAMPLER(p) ((struct dma_emul_sampler *)(void *)((char *)(p) - offsetof(struct dma_emul_sampler, periph)))

/* Account for samples produced up to now; lost ones are an overrun. [locked] */
static void sampler_advance(struct dma_emul_sampler *s)
{
	if (!s->running) {
		return;
	}
	s->produced = (model_now(s->clock) - s->start_ns) / s->period_ns;
	if (s->produced - s->consumed > s->depth) {
		s->lost += s->produced - s->consumed - s->depth;
		s->consumed = s->produced - s->depth;
		s->error = -EIO;
	}
}

static uint32_t sampler_readable(struct dma_emul_periph *p)
{
	struct dma_emul_sampler *s = SAMPLER(p);
	uint32_t n;

	pthread_mutex_lock(&s->lock);
	sampler_advance(s);
	n = (uint32_t)(s->produced - s->consumed) * 2u;
	pthread_mutex_unlock(&s->lock);
	return n;
}

/* Samples are 16-bit little-endian: sample k has the value k (mod 65536). */
static void sampler_read(struct dma_emul_periph *p, uint8_t *buf, uint32_t n)
{
	struct dma_emul_sampler *s = SAMPLER(p);

	pthread_mutex_lock(&s->lock);
	for (uint32_t i = 0; i + 1u < n; i += 2u) {
		uint16_t v = (uint16_t)s->consumed;

		if (s->consumed >= s->produced) {
			s->error = -EIO; /* reading ahead of the converter: underrun */
		} else {
			s->consumed++;
		}
		buf[i] = (uint8_t)v;
		buf[i + 1u] = (uint8_t)(v >> 8);
	}
	pthread_mutex_unlock(&s->lock);
}

static int sampler_error(struct dma_emul_periph *p)
{
	struct dma_emul_sampler *s = SAMPLER(p);
	int e;

	pthread_mutex_lock(&s->lock);
	sampler_advance(s);
	e = s->error;
	s->error = 0;
	pthread_mutex_unlock(&s->lock);
	return e;
}

/* The next sample is converted then. */
static uint64_t sampler_ready_at(struct dma_emul_periph *p)
{
	struct dma_emul_sampler *s = SAMPLER(p);
	uint64_t t;

	pthread_mutex_lock(&s->lock);
	sampler_advance(s);
	t = s->running ? s->start_ns + (s->produced + 1u) * s->period_ns : UINT64_MAX;
	pthread_mutex_unlock(&s->lock);
	return t;
}

static void sampler_set_clock(struct dma_emul_periph *p, const struct device *clock)
{
	struct dma_emul_sampler *s = SAMPLER(p);

	pthread_mutex_lock(&s->lock);
	s->clock = clock;
	s->start_ns = model_now(clock); /* a running sampler starts over */
	s->produced = 0;
	s->consumed = 0;
	pthread_mutex_unlock(&s->lock);
}

int dma_emul_sampler_init(struct dma_emul_sampler *s, uint32_t fifo_samples,
			  uint32_t samples_per_second)
{
	/* Sample periods are whole nanoseconds: at most 10^9 samples per second. */
	if (s == NULL || fifo_samples == 0u || fifo_samples > 1024u || samples_per_second == 0u ||
	    samples_per_second > 1000000000u) {
		return -EINVAL;
	}
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->depth = fifo_samples;
	s->period_ns = 1000000000u / samples_per_second;
	s->periph.readable = sampler_readable;
	s->periph.read = sampler_read;
	s->periph.take_error = sampler_error;
	s->periph.set_clock = sampler_set_clock;
	s->periph.ready_at = sampler_ready_at;
	return 0;
}

void dma_emul_sampler_start(struct dma_emul_sampler *s)
{
	pthread_mutex_lock(&s->lock);
	s->start_ns = model_now(s->clock);
	s->produced = 0;
	s->consumed = 0;
	s->running = true;
	pthread_mutex_unlock(&s->lock);
}
