/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Emulated DMA controller: one engine thread per instance plays the
 * hardware. It serves enabled channels round-robin, moving at most
 * DMA_EMUL_CHUNK_BYTES of one channel at a time, and reports half/block/
 * done/lap/error events to the core as an interrupt handler would.
 *
 * Handshake between API calls (which hold the core lock) and the engine:
 *   - API side writes a channel's position and seq while it is disabled and
 *     the engine is not inside it, then sets EN (seq_cst).
 *   - Engine sets busy, then re-reads ctrl; it moves bytes only if EN is set
 *     and HALT is clear. It clears busy before reporting events.
 *   - stop/suspend clear EN / set HALT, then wait for busy == 0. Both sides
 *     use sequentially consistent accesses, so either the engine sees the
 *     request or the API side sees busy and waits: after the call no byte of
 *     the channel moves.
 * The engine never takes the core lock while busy, so the wait is bounded by
 * one chunk.
 */
/* The POSIX clocks and threads this file uses, whatever -std the user builds with. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include <errno.h>
#include <pthread.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"
#include "dma/dma_emul_periph.h"
#include "dma/dma_emul_trace.h"

#define EMUL_EN 1u
#define EMUL_HALT 2u

/* What engine_service() did with a channel. */
#define SERVED_NONE 0
#define SERVED_WORK 1
#define SERVED_WAIT 2 /* enabled, waiting for a peripheral's request */

/* Bytes moved for one request, at most (a burst is at most 256 bytes). */
#define PERIPH_CHUNK 256u

_Static_assert(DMA_EMUL_CHUNK_BYTES >= 8u && (DMA_EMUL_CHUNK_BYTES & (DMA_EMUL_CHUNK_BYTES - 1u)) == 0u,
	       "DMA_EMUL_CHUNK_BYTES must be a power of two of at least 8");

static struct dma_emul_data *data_of(const struct device *dev)
{
	return (struct dma_emul_data *)dma_core_ctrl(dev)->drv_data;
}

/* Record a trace event if a trace is running. */
static void trace(struct dma_emul_data *d, uint32_t ch, enum dma_emul_trace_kind kind,
		  uint32_t value)
{
	struct dma_emul_trace *t = atomic_load(&d->trace);

	if (t != NULL && d->ns_per_byte != 0u) {
		dma_emul_trace_record_at(t, ch, kind, value,
					 d->advancing ? d->event_ns : d->now_ns);
	} else if (t != NULL) {
		dma_emul_trace_record(t, ch, kind, value);
	}
}

/* Bytes per beat: both sides move whole units in each beat. */
static uint32_t beat_len(const struct dma_config *cfg)
{
	return cfg->source_data_size > cfg->dest_data_size ? cfg->source_data_size
							   : cfg->dest_data_size;
}

static void load_block(struct dma_emul_chan *ec, const struct dma_block_config *blk)
{
	ec->src = (uintptr_t)blk->source_address;
	ec->dst = (uintptr_t)blk->dest_address;
	ec->off = 0u;
	ec->src_run = 0u;
	ec->dst_run = 0u;
	ec->half_done = false;
}

/* Next address after one unit, with the gather/scatter jump at boundaries. */
static uintptr_t step(uintptr_t a, unsigned adj, uint32_t unit, bool boundaries, uint32_t count,
		      uint32_t interval, uint32_t *run)
{
	if (adj == DMA_ADDR_ADJ_INCREMENT) {
		a += unit;
	} else if (adj == DMA_ADDR_ADJ_DECREMENT) {
		a -= unit;
	}
	if (boundaries && ++*run == count) {
		*run = 0u;
		a = (adj == DMA_ADDR_ADJ_DECREMENT) ? a - interval : a + interval;
	}
	return a;
}

/* Read @p n bytes of memory into @p buf along the source's address rules. */
static void mem_gather(struct dma_emul_chan *ec, const struct dma_config *cfg,
		       const struct dma_block_config *blk, uint8_t *buf, uint32_t n)
{
	const uint32_t ss = cfg->source_data_size;

	for (uint32_t k = 0u; k < n; k += ss) {
		memcpy(&buf[k], (const void *)ec->src, ss);
		ec->src = step(ec->src, blk->source_addr_adj, ss, blk->source_gather_en,
			       blk->source_gather_count, blk->source_gather_interval, &ec->src_run);
	}
}

/* Write @p n bytes of @p buf to memory along the destination's address rules. */
static void mem_scatter(struct dma_emul_chan *ec, const struct dma_config *cfg,
			const struct dma_block_config *blk, const uint8_t *buf, uint32_t n)
{
	const uint32_t ds = cfg->dest_data_size;

	for (uint32_t k = 0u; k < n; k += ds) {
		memcpy((void *)ec->dst, &buf[k], ds);
		ec->dst = step(ec->dst, blk->dest_addr_adj, ds, blk->dest_scatter_en,
			       blk->dest_scatter_count, blk->dest_scatter_interval, &ec->dst_run);
	}
}

static void move_bytes(struct dma_emul_chan *ec, const struct dma_config *cfg,
		       const struct dma_block_config *blk, uint32_t n)
{
	const uint32_t beat = beat_len(cfg);
	uint8_t buf[8];

	if (blk->source_addr_adj == DMA_ADDR_ADJ_INCREMENT &&
	    blk->dest_addr_adj == DMA_ADDR_ADJ_INCREMENT && !blk->source_gather_en &&
	    !blk->dest_scatter_en) {
		/* Both sides contiguous: the byte stream is a plain copy whatever
		 * the widths. memmove: overlapping buffers are the caller's
		 * business, not undefined behaviour here. */
		memmove((void *)ec->dst, (const void *)ec->src, n);
		ec->src += n;
		ec->dst += n;
		return;
	}
	/* One beat (whole units on both sides) at a time. */
	for (uint32_t done = 0u; done < n; done += beat) {
		mem_gather(ec, cfg, blk, buf, beat);
		mem_scatter(ec, cfg, blk, buf, beat);
	}
}

/* One request's worth of a transfer with a peripheral end (n <= PERIPH_CHUNK). */
static void move_periph(struct dma_emul_chan *ec, const struct dma_config *cfg,
			const struct dma_block_config *blk, uint32_t n)
{
	uint8_t buf[PERIPH_CHUNK];

	if (ec->src_p != NULL) {
		ec->src_p->read(ec->src_p, buf, n);
	} else {
		mem_gather(ec, cfg, blk, buf, n);
	}
	if (ec->dst_p != NULL) {
		ec->dst_p->write(ec->dst_p, buf, n);
	} else {
		mem_scatter(ec, cfg, blk, buf, n);
	}
}

/*
 * Peripheral handshake for the next @p *n bytes: 0 to go, SERVED_WAIT while
 * a hardware-handshaking end does not request, or a negative errno the
 * peripheral reported (overrun/underrun).
 */
static int periph_ready(struct dma_emul_chan *ec, uint32_t *n)
{
	int err = 0;

	if (*n > ec->req) {
		*n = ec->req; /* one burst per request */
	}
	if (ec->src_p != NULL && ec->src_p->take_error != NULL) {
		err = ec->src_p->take_error(ec->src_p);
	}
	if (err == 0 && ec->dst_p != NULL && ec->dst_p->take_error != NULL) {
		err = ec->dst_p->take_error(ec->dst_p);
	}
	if (err != 0) {
		return err;
	}
	if ((ec->src_p != NULL && ec->src_hw && ec->src_p->readable(ec->src_p) < *n) ||
	    (ec->dst_p != NULL && ec->dst_hw && ec->dst_p->writable(ec->dst_p) < *n)) {
		ec->wait_n = *n;
		return SERVED_WAIT;
	}
	return 0;
}

/*
 * Virtual time: when a channel that waits for its peripheral(s) can go on
 * (the latest of the waiting ends' next change), or UINT64_MAX if an end
 * cannot tell (then: the next advance).
 */
static uint64_t periph_ready_at(struct dma_emul_chan *ec)
{
	uint64_t t = 0u;

	if (ec->src_p != NULL && ec->src_hw && ec->src_p->readable(ec->src_p) < ec->wait_n) {
		if (ec->src_p->ready_at == NULL) {
			return UINT64_MAX;
		}
		t = ec->src_p->ready_at(ec->src_p);
	}
	if (ec->dst_p != NULL && ec->dst_hw && ec->dst_p->writable(ec->dst_p) < ec->wait_n) {
		uint64_t d;

		if (ec->dst_p->ready_at == NULL) {
			return UINT64_MAX;
		}
		d = ec->dst_p->ready_at(ec->dst_p);
		t = d > t ? d : t;
	}
	return t;
}

static void pace(uint32_t rate, uint32_t bytes)
{
	uint64_t ns = (uint64_t)bytes * 1000000000u / rate;
	struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
			      .tv_nsec = (long)(ns % 1000000000u)};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

/*
 * Bytes from a channel's position to its next event: its block's half point
 * (when wanted and not yet passed), the block's end, or an armed fault
 * (@p fault receives its error then, else 0). @p half: a half-complete
 * event is still owed in this block.
 */
static uint32_t next_event(const struct dma_core_chan *cc, struct dma_emul_chan *ec,
			   uint32_t beat, bool *half, int *fault)
{
	const struct dma_block_config *blk = &cc->blocks[ec->blk];
	const uint32_t hp = dma_core_half_point(blk->block_size, beat);
	const int armed = atomic_load(&ec->fault_err);
	uint32_t n = blk->block_size - ec->off;

	*half = cc->cfg.half_complete_callback_en && !ec->half_done;
	if (*half && hp - ec->off < n) {
		n = hp - ec->off;
	}
	*fault = 0;
	if (armed != 0 && atomic_load(&ec->fault_blk) == ec->blk) {
		const uint32_t at = atomic_load(&ec->fault_off) / beat * beat;

		if (at >= ec->off && at - ec->off <= n) {
			n = at - ec->off;
			*fault = armed;
		}
	}
	return n;
}

/*
 * Serve one chunk of @p ch if it is enabled (SERVED_*), of at most
 * @p budget bytes; @p moved receives the bytes moved. Without @p events
 * (virtual time, bringing a channel up to another's event) the bytes move
 * but an event at the chunk's end stays due: the next chunk, of 0 bytes,
 * gives it. The engine thread
 * (wall-clock mode) or dma_emul_advance() (virtual time, which sets
 * d->event_ns to the chunk's start: it ends, with its events, n bytes of
 * bus time later).
 */
static int engine_service(const struct device *dev, struct dma_emul_data *d, uint32_t ch,
			  uint32_t budget, bool events, uint32_t *moved)
{
	struct dma_emul_chan *ec = &d->chans[ch];
	const struct dma_core_chan *cc = dma_core_chan(dev, ch);
	const struct dma_config *cfg;
	const struct dma_block_config *blk;
	enum dma_core_event ev[2];
	bool cb[2];
	int cb_status[2];
	bool chains;
	uint32_t ev_blk;
	unsigned nev = 0u;
	int err = 0;
	uint32_t beat, n, hp, rate, seq, dist;
	bool want_half;
	int fault;

	if ((atomic_load(&ec->ctrl) & (EMUL_EN | EMUL_HALT)) != EMUL_EN) {
		return SERVED_NONE;
	}
	atomic_store(&ec->busy, 1u);
	if ((atomic_load(&ec->ctrl) & (EMUL_EN | EMUL_HALT)) != EMUL_EN) {
		atomic_store(&ec->busy, 0u);
		return SERVED_NONE;
	}

	cfg = &cc->cfg;
	blk = &cc->blocks[ec->blk];
	beat = beat_len(cfg);
	dist = next_event(cc, ec, beat, &want_half, &fault);
	n = dist;
	if (n > DMA_EMUL_CHUNK_BYTES) {
		n = DMA_EMUL_CHUNK_BYTES;
	}
	rate = atomic_load(&d->rate);
	if (rate != 0u) {
		uint32_t slice = (rate / 100u) / beat * beat; /* ~10 ms of bus time */

		if (slice < beat) {
			slice = beat;
		}
		if (n > slice) {
			n = slice;
		}
	}
	*moved = 0u;
	if (budget < beat) {
		atomic_store(&ec->busy, 0u);
		return SERVED_NONE; /* virtual time: not a whole beat of time left */
	}
	if (n > budget / beat * beat) {
		n = budget / beat * beat;
	}
	if (n < dist) {
		fault = 0; /* the fault lies beyond this chunk */
	}
	hp = dma_core_half_point(blk->block_size, beat);
	if (ec->src_p != NULL || ec->dst_p != NULL) {
		int r = periph_ready(ec, &n);

		if (r == SERVED_WAIT && fault == 0) {
			atomic_store(&ec->busy, 0u);
			return SERVED_WAIT;
		}
		if (r < 0 && fault == 0) {
			fault = r; /* overrun/underrun: fails like a bus error, here */
			n = 0u;
		}
	}

	if (ec->src_p != NULL || ec->dst_p != NULL) {
		move_periph(ec, cfg, blk, n);
		if (n != 0u) {
			trace(d, ch, DMA_EMUL_TRACE_REQUEST, n);
		}
	} else {
		move_bytes(ec, cfg, blk, n);
	}
	ec->off += n;
	atomic_store(&ec->moved, atomic_load(&ec->moved) + n);
	*moved = n;
	d->event_ns += (uint64_t)n * d->ns_per_byte; /* virtual time: the chunk's end */
	seq = ec->seq;
	ev_blk = ec->blk;
	if (!events) {
		atomic_store(&ec->busy, 0u);
		return SERVED_WORK;
	}

	if (fault != 0) {
		atomic_store(&ec->fault_err, 0);
		atomic_store(&ec->ctrl, 0u);
		ev[nev++] = DMA_EV_ERROR;
		err = fault;
	} else {
		if (want_half && ec->off >= hp) {
			ec->half_done = true;
			ev[nev++] = DMA_EV_HALF;
		}
		if (ec->off == blk->block_size) {
			if (ec->blk + 1u < cfg->block_count) {
				ec->blk++;
				load_block(ec, &cc->blocks[ec->blk]);
				ev[nev++] = DMA_EV_BLOCK;
			} else if (cfg->cyclic) {
				ec->blk = 0u;
				load_block(ec, &cc->blocks[0]);
				ev[nev++] = DMA_EV_LAP;
			} else {
				atomic_store(&ec->ctrl, 0u); /* channel idle, like TC */
				ev[nev++] = DMA_EV_DONE;
			}
		}
	}
	for (unsigned i = 0u; i < nev; i++) {
		/* cfg is stable until busy is cleared */
		cb[i] = dma_core_callback_for(cfg, ev[i], err, &cb_status[i], &chains);
	}
	atomic_store(&ec->busy, 0u);
	if (rate != 0u && n != 0u && d->ns_per_byte == 0u) {
		/* Paced: the chunk's bus time passes before its events, so a
		 * transfer of N bytes ends N / rate after it starts. */
		pace(rate, n);
	}

	for (unsigned i = 0u; i < nev; i++) {
		switch (ev[i]) {
		case DMA_EV_HALF:
			trace(d, ch, DMA_EMUL_TRACE_HALF, ev_blk);
			break;
		case DMA_EV_ERROR:
			trace(d, ch, DMA_EMUL_TRACE_ERROR, (uint32_t)err);
			trace(d, ch, DMA_EMUL_TRACE_STATE, 0u);
			break;
		case DMA_EV_DONE:
			trace(d, ch, DMA_EMUL_TRACE_BLOCK, ev_blk);
			trace(d, ch, DMA_EMUL_TRACE_STATE, 0u);
			break;
		default: /* BLOCK, LAP */
			trace(d, ch, DMA_EMUL_TRACE_BLOCK, ev_blk);
			break;
		}
		if (!dma_core_report(dev, ch, seq, ev[i], err)) {
			break; /* stopped or restarted by a callback: the rest is stale */
		}
		if (cb[i]) {
			trace(d, ch, DMA_EMUL_TRACE_CALLBACK, (uint32_t)cb_status[i]);
		}
	}
	return SERVED_WORK;
}

static uint64_t mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/*
 * Idle: poll the doorbell for DMA_EMUL_IDLE_POLL_US, then sleep on it.
 * Returns when a start or resume may have enabled a channel.
 */
static void engine_idle(struct dma_emul_data *d)
{
	if (DMA_EMUL_IDLE_POLL_US > 0) {
		const uint64_t until = mono_us() + DMA_EMUL_IDLE_POLL_US;

		do {
			for (int i = 0; i < 64; i++) {
				if (atomic_load(&d->doorbell_pending) != 0u) {
					return;
				}
				dma_port_relax();
			}
		} while (mono_us() < until);
	}
	if (atomic_load(&d->doorbell_pending) == 0u) {
		while (sem_wait(&d->doorbell) != 0 && errno == EINTR) {
		}
	}
}

static void *engine_main(void *arg)
{
	const struct device *dev = arg;
	struct dma_emul_data *d = data_of(dev);
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;

	if (nchan == 0u) {
		return NULL; /* refused by the core's init; never started */
	}
	dma_posix_set_isr_thread(true); /* this thread is the controller's interrupt */
#ifdef __linux__
	/* Poll request lines every ~10 us, not every 50 us of default timer
	 * slack: a 16-byte FIFO at 200 KB/s fills in 80 us. */
	(void)prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif
	for (;;) {
		bool worked = false, waiting = false;

		atomic_store(&d->doorbell_pending, 0u);
		for (uint32_t i = 0u; i < nchan; i++) {
			uint32_t moved;
			int r = engine_service(dev, d, (d->rr + i) % nchan, UINT32_MAX, true, &moved);

			worked |= r == SERVED_WORK;
			waiting |= r == SERVED_WAIT;
		}
		d->rr = (d->rr + 1u) % nchan;
		if (!worked && waiting) {
			/* A peripheral will request later: poll it, like hardware
			 * sampling its request lines. */
			struct timespec ts = {0, 10000};

			nanosleep(&ts, NULL);
		} else if (!worked) {
			engine_idle(d);
		}
	}
	return NULL;
}

static void ring_doorbell(struct dma_emul_data *d)
{
	if (atomic_exchange(&d->doorbell_pending, 1u) == 0u) {
		(void)sem_post(&d->doorbell);
	}
}

/* Wait until the engine is out of the channel. Bounded by one chunk. */
static void wait_idle(struct dma_emul_chan *ec)
{
	while (atomic_load(&ec->busy) != 0u) {
		dma_port_relax();
	}
}

static int emul_init(const struct device *dev)
{
	struct dma_emul_data *d = data_of(dev);
	pthread_attr_t attr;
	int ret;

	const struct dma_emul_config *cfg = dma_core_ctrl(dev)->drv_config;

	/* The instance macro hands over its channel storage and mode as the
	 * driver's config (a zero-initialised data struct then needs no
	 * initialiser, which keeps the macro usable from C++). */
	d->chans = cfg->chans;
	d->ns_per_byte = cfg->ns_per_byte;
	if (d->ns_per_byte != 0u) {
		return 0; /* virtual time: no engine thread */
	}
	if (sem_init(&d->doorbell, 0, 0u) != 0) {
		return dma_core_init_failed(dev, -errno,
					    "dma_emul: the system refused the engine's semaphore "
					    "(sem_init)");
	}
	ret = pthread_attr_init(&attr);
	if (ret != 0) {
		(void)sem_destroy(&d->doorbell);
		return dma_core_init_failed(dev, -ret,
					    "dma_emul: the system refused the engine thread's "
					    "attributes (pthread_attr_init)");
	}
	ret = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (ret == 0) {
		ret = pthread_create(&d->engine, &attr, engine_main, (void *)dev);
	}
	(void)pthread_attr_destroy(&attr);
	if (ret != 0) {
		(void)sem_destroy(&d->doorbell);
		return dma_core_init_failed(dev, -ret,
					    "dma_emul: the system refused the engine thread "
					    "(pthread_create)");
	}
	return 0;
}

/* Request lines of a configuration's peripheral ends (-1: memory). */
static void periph_lines(const struct dma_config *cfg, int *src_line, int *dst_line)
{
	*src_line = -1;
	*dst_line = -1;
	switch (cfg->channel_direction) {
	case MEMORY_TO_PERIPHERAL:
		*dst_line = (int)cfg->dma_slot;
		break;
	case PERIPHERAL_TO_MEMORY:
		*src_line = (int)cfg->dma_slot;
		break;
	case PERIPHERAL_TO_PERIPHERAL: /* two lines: source in [3:0], destination in [7:4] */
		*src_line = (int)(cfg->dma_slot & 0xFu);
		*dst_line = (int)(cfg->dma_slot >> 4);
		break;
	default:
		break;
	}
}

/* Peripheral directions need a peripheral on each line they name. */
static int emul_validate(const struct device *dev, uint32_t channel, const struct dma_config *cfg)
{
	struct dma_emul_data *d = data_of(dev);
	int src_line, dst_line;

	(void)channel;
	periph_lines(cfg, &src_line, &dst_line);
	if (src_line >= (int)DMA_EMUL_REQUEST_LINES || dst_line >= (int)DMA_EMUL_REQUEST_LINES) {
		return -EINVAL;
	}
	if (src_line >= 0 && (d->lines[src_line] == NULL || d->lines[src_line]->readable == NULL)) {
		return -EINVAL;
	}
	if (dst_line >= 0 && (d->lines[dst_line] == NULL || d->lines[dst_line]->writable == NULL)) {
		return -EINVAL;
	}
	return 0;
}

/* A fault armed by dma_emul_inject_fault() belongs to its configuration. */
static void emul_disarm(const struct device *dev, uint32_t channel)
{
	atomic_store(&data_of(dev)->chans[channel].fault_err, 0);
}

static int emul_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	struct dma_emul_data *d = data_of(dev);
	struct dma_emul_chan *ec = &d->chans[channel];
	const struct dma_config *cfg = &dma_core_chan(dev, channel)->cfg;
	uint32_t beat = beat_len(cfg);
	uint32_t burst = cfg->source_burst_length > cfg->dest_burst_length ? cfg->source_burst_length
									     : cfg->dest_burst_length;
	int src_line, dst_line;

	periph_lines(cfg, &src_line, &dst_line);
	ec->src_p = src_line >= 0 ? d->lines[src_line] : NULL;
	ec->dst_p = dst_line >= 0 ? d->lines[dst_line] : NULL;
	ec->src_hw = !cfg->source_handshake;
	ec->dst_hw = !cfg->dest_handshake;
	ec->req = burst / beat * beat;
	if (ec->req < beat) {
		ec->req = beat;
	}
	if (ec->req > PERIPH_CHUNK) {
		ec->req = PERIPH_CHUNK;
	}
	/* A transfer reports the peripheral errors that happen while it runs. */
	if (ec->src_p != NULL && ec->src_p->take_error != NULL) {
		(void)ec->src_p->take_error(ec->src_p);
	}
	if (ec->dst_p != NULL && ec->dst_p->take_error != NULL) {
		(void)ec->dst_p->take_error(ec->dst_p);
	}
	ec->seq = seq;
	/* Virtual time: it starts now (inside a callback: at its event). */
	ec->t_ns = d->advancing ? d->event_ns : d->now_ns;
	trace(d, channel, DMA_EMUL_TRACE_STATE, 1u);
	ec->blk = 0u;
	load_block(ec, &dma_core_chan(dev, channel)->blocks[0]);
	atomic_store(&ec->moved, 0u);
	atomic_store(&ec->ctrl, EMUL_EN); /* the engine is woken by emul_kick() */
	return 0;
}

static void emul_stop(const struct device *dev, uint32_t channel)
{
	struct dma_emul_chan *ec = &data_of(dev)->chans[channel];

	atomic_store(&ec->ctrl, 0u);
	wait_idle(ec);
	trace(data_of(dev), channel, DMA_EMUL_TRACE_STATE, 0u);
}

static int emul_suspend(const struct device *dev, uint32_t channel)
{
	struct dma_emul_chan *ec = &data_of(dev)->chans[channel];

	atomic_fetch_or(&ec->ctrl, EMUL_HALT);
	wait_idle(ec);
	trace(data_of(dev), channel, DMA_EMUL_TRACE_STATE, 2u);
	return 0;
}

static int emul_resume(const struct device *dev, uint32_t channel)
{
	struct dma_emul_data *d = data_of(dev);

	d->chans[channel].t_ns = d->advancing ? d->event_ns : d->now_ns;
	atomic_fetch_and(&data_of(dev)->chans[channel].ctrl, ~EMUL_HALT);
	trace(data_of(dev), channel, DMA_EMUL_TRACE_STATE, 1u);
	return 0;
}

/* Outside the core lock: wake the engine for the channels just enabled. */
static void emul_kick(const struct device *dev)
{
	if (data_of(dev)->ns_per_byte == 0u) {
		ring_doorbell(data_of(dev));
	}
}

static uint64_t emul_progress(const struct device *dev, uint32_t channel)
{
	return atomic_load(&data_of(dev)->chans[channel].moved);
}

const struct dma_driver_ops dma_emul_ops = {
	.init = emul_init,
	.validate = emul_validate,
	.configure = emul_disarm,
	.start = emul_start,
	.stop = emul_stop,
	.suspend = emul_suspend,
	.resume = emul_resume,
	.progress = emul_progress,
	.kick = emul_kick,
	.chan_release = emul_disarm,
};

int dma_emul_inject_fault(const struct device *dev, uint32_t channel, uint32_t block,
			  uint32_t offset, int error)
{
	const struct dma_core_chan *cc;
	struct dma_emul_chan *ec;
	dma_port_key_t key;
	int ret = -EINVAL;

	if (dev == NULL || dev->api != &dma_emul_ops || error >= 0 ||
	    channel >= dma_core_ctrl(dev)->caps->channels) {
		return -EINVAL;
	}
	cc = dma_core_chan(dev, channel);
	ec = &data_of(dev)->chans[channel];
	key = dma_core_lock(dev);
	if (cc->state != DMA_CHAN_UNCONFIGURED && block < cc->cfg.block_count &&
	    offset < cc->blocks[block].block_size) {
		atomic_store(&ec->fault_blk, block);
		atomic_store(&ec->fault_off, offset);
		atomic_store(&ec->fault_err, error);
		ret = 0;
	}
	dma_core_unlock(dev, key);
	return ret;
}

static bool is_virtual(const struct device *dev);

int dma_emul_attach(const struct device *dev, uint32_t slot, struct dma_emul_periph *p)
{
	struct dma_emul_data *d;
	dma_port_key_t key;
	int ret = 0;

	if (dev == NULL || dev->api != &dma_emul_ops || slot >= DMA_EMUL_REQUEST_LINES) {
		return -EINVAL;
	}
	/* A model must be usable as a source or as a destination, in full. */
	if (p != NULL && !(p->readable != NULL && p->read != NULL) &&
	    !(p->writable != NULL && p->write != NULL)) {
		return -EINVAL;
	}
	d = data_of(dev);
	key = dma_core_lock(dev);
	/* The model on a line a channel is using (running, or suspended)
	 * stays until that transfer ends. */
	for (uint32_t ch = 0u; ch < dma_core_ctrl(dev)->caps->channels; ch++) {
		const struct dma_emul_chan *ec = &d->chans[ch];

		if ((atomic_load(&ec->ctrl) & EMUL_EN) != 0u && d->lines[slot] != NULL &&
		    (ec->src_p == d->lines[slot] || ec->dst_p == d->lines[slot])) {
			ret = -EBUSY;
		}
	}
	if (ret == 0) {
		d->lines[slot] = p;
	}
	dma_core_unlock(dev, key);
	/* A model on a virtual-time controller runs on its clock. */
	if (ret == 0 && p != NULL && p->set_clock != NULL) {
		p->set_clock(p, is_virtual(dev) ? dev : NULL);
	}
	return ret;
}

int dma_emul_trace_start(const struct device *dev, struct dma_emul_trace *trace)
{
	if (dev == NULL || dev->api != &dma_emul_ops) {
		return -EINVAL;
	}
	if (trace != NULL && data_of(dev)->ns_per_byte != 0u) {
		dma_emul_trace_reset_at_(trace, data_of(dev)->now_ns); /* virtual time */
	} else if (trace != NULL) {
		dma_emul_trace_reset_(trace);
	}
	atomic_store(&data_of(dev)->trace, trace);
	return 0;
}

int dma_emul_engine_thread(const struct device *dev, pthread_t *thread)
{
	if (dev == NULL || dev->api != &dma_emul_ops || thread == NULL ||
	    data_of(dev)->ns_per_byte != 0u) {
		return -EINVAL;
	}
	*thread = data_of(dev)->engine;
	return 0;
}

int dma_emul_set_rate(const struct device *dev, uint32_t bytes_per_second)
{
	if (dev == NULL || dev->api != &dma_emul_ops || data_of(dev)->ns_per_byte != 0u) {
		return -EINVAL;
	}
	atomic_store(&data_of(dev)->rate, bytes_per_second);
	return 0;
}

/* ----------------------------------------------------------- virtual time */

static bool is_virtual(const struct device *dev)
{
	return dev != NULL && dev->api == &dma_emul_ops && data_of(dev)->ns_per_byte != 0u;
}

/*
 * Before channel @p first's event at @p t, move every other running channel
 * up to @p t, so that the event's callback sees every channel as it is
 * then. Their events stay due: one that falls at @p t too has its bytes
 * moved and is given after this one (lower channels first), as a pending
 * interrupt would be.
 */
static void catch_up(const struct device *dev, struct dma_emul_data *d, uint32_t first,
		     uint64_t t, const uint32_t *out_words)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;

	for (uint32_t ch = 0u; ch < nchan; ch++) {
		struct dma_emul_chan *ec = &d->chans[ch];
		const uint32_t beat = beat_len(&dma_core_chan(dev, ch)->cfg);
		uint64_t budget;
		uint32_t dist, moved = 0u;
		bool half;
		int fault;

		if (ch == first || (out_words[ch / 32u] & (1u << (ch % 32u))) != 0u || ec->t_ns >= t ||
		    (atomic_load(&ec->ctrl) & (EMUL_EN | EMUL_HALT)) != EMUL_EN) {
			continue;
		}
		dist = next_event(dma_core_chan(dev, ch), ec, beat, &half, &fault);
		budget = (t - ec->t_ns) / d->ns_per_byte;
		if (budget > dist) {
			budget = dist;
		}
		if (budget < beat) {
			continue;
		}
		d->event_ns = ec->t_ns;
		if (engine_service(dev, d, ch, (uint32_t)budget, false, &moved) == SERVED_WORK) {
			ec->t_ns += (uint64_t)moved * d->ns_per_byte;
		}
	}
}

/*
 * Run every channel up to @p target, events in time order: each step serves
 * the channel whose next event (half point, block end, fault) comes first,
 * up to that event, so that a callback sees every other channel as it is at
 * its event's time (ties: the lower channel first). Each channel keeps the
 * virtual time up to which it has run; a transfer started by a callback
 * starts at that callback's event. One byte per ns_per_byte on each
 * channel. A channel waiting for a peripheral, or with less than a beat of
 * time left, sits the rest of this advance out.
 */
static bool any_enabled(const struct dma_emul_data *d, uint32_t nchan)
{
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		if ((atomic_load(&d->chans[ch].ctrl) & EMUL_EN) != 0u) {
			return true;
		}
	}
	return false;
}

static void run_to(const struct device *dev, struct dma_emul_data *d, uint64_t target,
		   bool until_idle)
{
	const uint32_t nchan = dma_core_ctrl(dev)->caps->channels;
	uint32_t out_words[DMA_ALLOC_WORDS(DMA_MAX_CHANNELS)] = {0};

	for (;;) {
		uint64_t best_t = UINT64_MAX;
		uint32_t best = nchan, best_dist = 0u;

		for (uint32_t ch = 0u; ch < nchan; ch++) {
			struct dma_emul_chan *ec = &d->chans[ch];
			bool half;
			int fault;
			uint32_t dist;
			uint64_t t;

			if ((out_words[ch / 32u] & (1u << (ch % 32u))) != 0u || ec->t_ns > target ||
			    (atomic_load(&ec->ctrl) & (EMUL_EN | EMUL_HALT)) != EMUL_EN) {
				continue;
			}
			dist = next_event(dma_core_chan(dev, ch), ec,
					  beat_len(&dma_core_chan(dev, ch)->cfg), &half, &fault);
			if ((ec->src_p != NULL || ec->dst_p != NULL) && dist > ec->req) {
				dist = ec->req; /* a peripheral's pace: one request at a time */
			}
			t = ec->t_ns + (uint64_t)dist * d->ns_per_byte;
			if (t < best_t) {
				best_t = t;
				best = ch;
				best_dist = dist;
			}
		}
		if (best == nchan) {
			break;
		}
		if (best_t <= target) {
			catch_up(dev, d, best, best_t, out_words);
		}
		{
			struct dma_emul_chan *ec = &d->chans[best];
			const uint32_t beat = beat_len(&dma_core_chan(dev, best)->cfg);
			const uint64_t room = (target - ec->t_ns) / d->ns_per_byte;
			const uint64_t before = ec->t_ns;
			uint64_t budget = best_dist < room ? best_dist : room;
			uint32_t moved = 0u;
			int r;

			if (best_dist == 0u) {
				budget = beat; /* an event at the position itself (a fault) */
			}
			d->event_ns = before;
			r = engine_service(dev, d, best,
					   budget > UINT32_MAX ? UINT32_MAX : (uint32_t)budget, true,
					   &moved);
			if (r == SERVED_WAIT) {
				/* Waiting for a peripheral: on at the time it
				 * says it can go on, if that comes in this
				 * advance. */
				const uint64_t at = periph_ready_at(ec);

				if (at > ec->t_ns && at <= target) {
					ec->t_ns = at;
					continue;
				}
			}
			if (r != SERVED_WORK) {
				/* Waiting, or less than a beat of time left. */
				out_words[best / 32u] |= 1u << (best % 32u);
				continue;
			}
			/* A callback that restarted or resumed the channel set
			 * its clock to the event's time: keep that. */
			if (ec->t_ns == before) {
				ec->t_ns = before + (uint64_t)moved * d->ns_per_byte;
			}
			if (until_idle && !any_enabled(d, nchan)) {
				target = before + (uint64_t)moved * d->ns_per_byte; /* the last event */
				break;
			}
		}
	}
	/* Time passes for idle, halted and waiting channels; a running one
	 * keeps its clock where its last whole beat ended (the part of a
	 * beat left counts in the next advance). */
	for (uint32_t ch = 0u; ch < nchan; ch++) {
		struct dma_emul_chan *ec = &d->chans[ch];

		if (ec->t_ns < target &&
		    ((atomic_load(&ec->ctrl) & (EMUL_EN | EMUL_HALT)) != EMUL_EN ||
		     target - ec->t_ns >= (uint64_t)beat_len(&dma_core_chan(dev, ch)->cfg) *
						  d->ns_per_byte)) {
			ec->t_ns = target; /* not moving: idle, halted, or waiting */
		}
	}
	d->now_ns = target;
}

/* Run to now + @p ns (until_idle: or to when the last channel stops). */
static int advance(const struct device *dev, uint64_t ns, bool until_idle)
{
	struct dma_emul_data *d;
	bool was_isr;

	if (!is_virtual(dev)) {
		return -EINVAL;
	}
	d = data_of(dev);
	if (d->advancing) {
		return -EBUSY; /* from a callback: time passes in the outer call */
	}
	if (ns > UINT64_MAX - d->now_ns) {
		if (!until_idle) {
			return -EINVAL; /* virtual time would wrap */
		}
		ns = UINT64_MAX - d->now_ns;
	}
	/* Callbacks run in here, as from the controller's interrupt. */
	was_isr = dma_port_in_isr();
	dma_posix_set_isr_thread(true);
	d->advancing = true;
	run_to(dev, d, d->now_ns + ns, until_idle);
	d->advancing = false;
	dma_posix_set_isr_thread(was_isr);
	return 0;
}

int dma_emul_advance(const struct device *dev, uint64_t ns)
{
	return advance(dev, ns, false);
}

int dma_emul_run_until_idle(const struct device *dev, uint64_t max_ns)
{
	int ret;

	if (!is_virtual(dev)) {
		return -EINVAL;
	}
	if (!any_enabled(data_of(dev), dma_core_ctrl(dev)->caps->channels)) {
		return data_of(dev)->advancing ? -EBUSY : 0;
	}
	ret = advance(dev, max_ns, true);
	if (ret != 0) {
		return ret;
	}
	return any_enabled(data_of(dev), dma_core_ctrl(dev)->caps->channels) ? -EBUSY : 0;
}

uint64_t dma_emul_now(const struct device *dev)
{
	const struct dma_emul_data *d;

	if (!is_virtual(dev)) {
		return 0u;
	}
	d = data_of(dev);
	return d->advancing ? d->event_ns : d->now_ns;
}
