/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model-based fuzzing of the API (libFuzzer), in lock-step on virtual time:
 * the input is a sequence of API calls with valid and invalid arguments and
 * of advances of virtual time, run against an emulated controller on
 * virtual time (1 ns per byte) and, in lock-step, against the reference
 * model (model.c) plus a timing model of the transfers written here. The
 * calls land at any position of a transfer: before its first byte, in a
 * block, at a block boundary, after the last byte. After every step the
 * harness checks each channel's busy state, its total_copied to the byte,
 * and the number of COMPLETE callbacks; any difference in a return code,
 * any byte written outside the extent of a started transfer, a changed
 * source, or a sanitizer report is a failure (abort). Source and
 * destination chaining, of one-shot and cyclic transfers, are in: the
 * timing model knows when every block ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "model.h"

/* The controller under test: 8 channels, 16 blocks, 1 ns per byte. */
DMA_EMUL_VIRTUAL_DEFINE(fuzz_dma, "dma_emul_fuzz", 8, 16, 1);

#define NCH 8u
#define ARENA (64u * 1024u)
#define GUARD 256u
#define SLOT 4096u

static uint8_t src_mem[ARENA + 2u * GUARD], dst_mem[ARENA + 2u * GUARD];
static uint8_t src_ref[sizeof(src_mem)], shadow[sizeof(dst_mem)];
/*
 * The destination ranges that started transfers may write, since the last
 * memory check (each channel's ranges once per configuration). The rest of
 * the arena must still equal the shadow.
 */
#define MAXMARK 2048u
static struct {
	uint32_t lo, hi;
} marks[MAXMARK];
static uint32_t nmarks;
static bool marked[NCH];
static struct model model;
static const struct device *dev;

#define CHECK(cond, ...)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz_api: " __VA_ARGS__);                             \
			fprintf(stderr, "\n");                                                 \
			abort();                                                               \
		}                                                                              \
	} while (0)

static struct dma_capabilities caps;

/*
 * Every callback, in order, as the controller gave them and as the models
 * predict them, since the last comparison (after each step). An advance
 * can give at most 2 events per ns on each channel (one-byte blocks with
 * half callbacks).
 */
struct cb_entry {
	uint8_t ch;
	int8_t status;
};
#define MAXLOG (1u << 17)
static struct cb_entry got_log[MAXLOG], want_log[MAXLOG];
static uint32_t got_n, want_n;

static void want_cb(uint32_t ch, int status)
{
	CHECK(want_n < MAXLOG, "harness: more than %u callbacks in one step", MAXLOG);
	want_log[want_n].ch = (uint8_t)ch;
	want_log[want_n].status = (int8_t)status;
	want_n++;
}

/*
 * The timing model of one channel: a running transfer moves one byte per
 * ns in whole beats. Its events (each block's half point when half
 * callbacks are on, each block's end) lie at known offsets of the lap; at a
 * block end a one-shot continues or completes, a cyclic one continues or
 * laps, and chaining starts the link.
 */
enum { EV_HALF, EV_END };
struct timing {
	bool on;            /* running (not suspended) */
	uint64_t t0;        /* bytes moved at time t: (t - t0) / beat * beat */
	uint64_t held;      /* suspended: bytes moved when suspended */
	uint64_t lap_base;  /* bytes since t0 at the start of the current lap */
	uint32_t e;         /* the next event, in the lap */
	uint64_t copied;    /* total_copied of the ended transfers since dma_config */
	uint32_t len, beat, nev, nb;
	uint32_t evoff[34]; /* offset in the lap of each event */
	uint8_t evkind[34]; /* EV_HALF or EV_END */
	uint32_t bsize[17];
	bool cyclic, src_chain, chains, block_cb, has_cb, err_cb;
	uint32_t link;
	/* A fault armed by dma_emul_inject_fault(): where, and with what
	 * error; f_abs: where it fires in the running transfer, in bytes
	 * since t0 (NO_FAULT: not in this transfer). */
	bool f_armed;
	uint32_t f_blk, f_off;
	int f_err;
	uint64_t f_abs;
};
#define NO_FAULT UINT64_MAX
static struct timing tm[NCH];
static uint64_t now_ns;
static bool trace_on;

/* Destination extents of a configuration: per channel (accepted ones) and
 * the one being built. */
struct extents {
	uint32_t n;
	uint32_t lo[17], hi[17];
};
static struct extents extent[NCH], building;
/* First block and widths of each channel's accepted configuration (reload keeps them). */
static struct dma_block_config first_block[NCH];

static struct dma_config cfgs[NCH];
static struct dma_block_config blocks[NCH][18];


static void on_event(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	CHECK(got_n < MAXLOG, "more than %u callbacks in one step", MAXLOG);
	got_log[got_n].ch = (uint8_t)ch;
	got_log[got_n].status = (int8_t)status;
	got_n++;
}

/* Input reader: zeros once the input is used up. */
struct in {
	const uint8_t *p;
	size_t n;
};

static uint8_t byte(struct in *in)
{
	if (in->n == 0u) {
		return 0u;
	}
	in->n--;
	return *in->p++;
}

/* Lowest and highest byte offset (from the block address) a side touches. */
static void side_span(unsigned adj, uint32_t unit, bool jumps, uint32_t count, uint32_t interval,
		      uint32_t size, int64_t *lo, int64_t *hi)
{
	uint32_t units = size / unit > 0u ? size / unit : 1u; /* invalid sizes: any address */
	int64_t last = (adj == DMA_ADDR_ADJ_NO_CHANGE ? 0 : (int64_t)(units - 1u) * unit) +
		       (jumps && count ? (int64_t)((units - 1u) / count) * interval : 0);

	if (adj == DMA_ADDR_ADJ_DECREMENT) {
		*lo = -last;
		*hi = unit;
	} else {
		*lo = 0;
		*hi = last + unit;
	}
}

/*
 * Place one block: source and destination addresses such that everything
 * the block touches lies in the slots @p slot_s / @p slot_d of the arenas.
 * Records the destination extent in @p ext at index @p i.
 */
static void place(struct dma_block_config *b, uint32_t ss, uint32_t ds, uint32_t slot_s,
		  uint32_t slot_d, struct extents *ext, uint32_t i)
{
	uint32_t size = b->block_size ? b->block_size : 1u;
	int64_t slo, shi, dlo, dhi;

	side_span(b->source_addr_adj, ss, b->source_gather_en, b->source_gather_count,
		  b->source_gather_interval, size, &slo, &shi);
	side_span(b->dest_addr_adj, ds, b->dest_scatter_en, b->dest_scatter_count,
		  b->dest_scatter_interval, size, &dlo, &dhi);
	b->source_address = (uintptr_t)&src_mem[slot_s - slo];
	b->dest_address = (uintptr_t)&dst_mem[slot_d - dlo];
	ext->lo[i] = slot_d;
	ext->hi[i] = (uint32_t)((int64_t)slot_d + dhi - dlo);
	ext->n = i + 1u;
}

/* Build a configuration from the input; addresses keep valid transfers in bounds. */
static struct dma_config *make_config(struct in *in, uint32_t ch, struct dma_config **arg)
{
	static const uint16_t widths[] = {1, 2, 4, 8, 0, 3, 16};
	static const uint16_t bursts[] = {0, 1, 4, 16, 256, 3, 512};
	struct dma_config *c = &cfgs[ch];
	struct dma_block_config *b = blocks[ch];
	uint8_t flags = byte(in);
	uint32_t count = byte(in) % 6u;

	memset(c, 0, sizeof(*c));
	memset(b, 0, sizeof(blocks[ch]));
	if (flags & 0x80u) {
		count = 17u; /* one over the emulated controller's maximum */
	}
	c->source_data_size = widths[byte(in) % 7u];
	c->dest_data_size = (flags & 0x01u) ? widths[byte(in) % 7u] : c->source_data_size;
	c->source_burst_length = bursts[byte(in) % 7u];
	c->dest_burst_length = bursts[byte(in) % 7u];
	c->channel_direction = (flags & 0x02u) ? byte(in) % 8u : MEMORY_TO_MEMORY;
	c->cyclic = (flags & 0x04u) != 0u;
	c->complete_callback_en = (flags & 0x08u) != 0u;
	c->half_complete_callback_en = (flags & 0x10u) != 0u;
	c->error_callback_dis = byte(in) & 1u;
	if (flags & 0x20u) {
		uint8_t how = byte(in);

		c->dest_chaining_en = (how & 1u) != 0u;
		c->source_chaining_en = (how & 2u) != 0u || !c->dest_chaining_en;
		c->linked_channel = byte(in) % (NCH + 2u);
	}
	c->block_count = count;
	c->head_block = (flags & 0x40u) && byte(in) < 16u ? NULL : b;
	c->dma_callback = on_event;
	building.n = 0;
	for (uint32_t i = 0; i < count && i < 17u; i++) {
		uint8_t bf = byte(in);
		uint32_t ss = c->source_data_size ? c->source_data_size : 1u;
		uint32_t ds = c->dest_data_size ? c->dest_data_size : 1u;
		uint32_t unit = ss > ds ? ss : ds;
		uint32_t slot_s, slot_d;

		b[i].block_size = (bf & 0x80u) ? byte(in) % 64u : ((byte(in) % 32u) + 1u) * unit;
		if (unit > 16u || b[i].block_size > 512u) {
			b[i].block_size %= 512u;
		}
		b[i].source_addr_adj = (bf >> 0) & 3u;
		b[i].dest_addr_adj = (bf >> 2) & 3u;
		if (bf & 0x10u) {
			b[i].source_gather_en = 1;
			b[i].source_gather_count = byte(in) % 4u;
			b[i].source_gather_interval = byte(in) % 17u;
		}
		if (bf & 0x20u) {
			b[i].dest_scatter_en = 1;
			b[i].dest_scatter_count = byte(in) % 4u;
			b[i].dest_scatter_interval = byte(in) % 17u;
		}
		slot_s = GUARD + (byte(in) % (ARENA / SLOT - 2u)) * SLOT;
		slot_d = GUARD + (byte(in) % (ARENA / SLOT - 2u)) * SLOT;
		place(&b[i], ss, ds, slot_s, slot_d, &building, i);
		b[i].next_block = &b[i + 1u];
	}
	if (count > 0u && count <= 17u) {
		/* A list one block short of block_count when asked to. */
		uint32_t last = (flags & 0x40u) && count > 1u ? count - 2u : count - 1u;

		b[last].next_block = NULL;
	}
	*arg = (flags & 0x40u) && byte(in) < 8u ? NULL : c;
	return c;
}

static void mark_may_write(uint32_t ch)
{
	if (marked[ch]) {
		return;
	}
	marked[ch] = true;
	for (uint32_t i = 0; i < extent[ch].n; i++) {
		CHECK(nmarks < MAXMARK, "harness: more than %u marked ranges", MAXMARK);
		marks[nmarks].lo = extent[ch].lo[i];
		marks[nmarks].hi = extent[ch].hi[i];
		nmarks++;
	}
}

/* Bytes a channel's current transfer has moved at time @p t. */
static uint64_t moved_at(const struct timing *c, uint64_t t)
{
	uint64_t q;

	if (!c->on) {
		return c->held;
	}
	q = (t - c->t0) / c->beat * c->beat;
	return !c->cyclic && q > c->len ? c->len : q;
}

/* The events of a lap of @p c whose blocks have the sizes @p size. */
static void timing_events(struct timing *c, const uint32_t *size, uint32_t nb, bool half)
{
	uint32_t off = 0u;

	c->nev = 0u;
	c->nb = nb;
	for (uint32_t i = 0; i < nb; i++) {
		c->bsize[i] = size[i];
		if (half) {
			/* The first beat boundary that has the whole first
			 * half written (worked out here, not taken from the
			 * library). */
			uint32_t hp = c->beat;

			while (2u * hp < size[i]) {
				hp += c->beat;
			}
			c->evoff[c->nev] = off + hp;
			c->evkind[c->nev++] = EV_HALF;
		}
		off += size[i];
		c->evoff[c->nev] = off;
		c->evkind[c->nev++] = EV_END;
	}
	c->len = off;
}

/* The configuration of @p ch was accepted: its blocks, callbacks and chaining. */
static void timing_config(uint32_t ch, const struct dma_config *cfg)
{
	struct timing *c = &tm[ch];
	const struct dma_block_config *b = cfg->head_block;
	uint32_t size[17];

	c->on = false;
	c->held = 0u;
	c->copied = 0u;
	for (uint32_t i = 0; i < cfg->block_count; i++, b = b->next_block) {
		size[i] = b->block_size;
	}
	c->beat = cfg->source_data_size > cfg->dest_data_size ? cfg->source_data_size
							      : cfg->dest_data_size;
	timing_events(c, size, cfg->block_count, cfg->half_complete_callback_en != 0u);
	c->cyclic = cfg->cyclic != 0u;
	c->src_chain = cfg->source_chaining_en != 0u;
	c->chains = cfg->source_chaining_en || cfg->dest_chaining_en;
	c->block_cb = cfg->complete_callback_en != 0u;
	c->has_cb = cfg->dma_callback != NULL;
	c->err_cb = c->has_cb && !cfg->error_callback_dis;
	c->link = cfg->linked_channel;
	c->f_armed = false; /* a new configuration disarms */
}

/*
 * Where @p c's armed fault lies in a lap of its configuration (the engine
 * rounds the offset down to a whole beat; an offset at the block's end
 * fires there, instead of the block end; beyond it, never), or NO_FAULT.
 */
static uint64_t fault_lap_pos(const struct timing *c)
{
	uint32_t at, start = 0u;

	if (!c->f_armed || c->f_blk >= c->nb) {
		return NO_FAULT;
	}
	at = c->f_off / c->beat * c->beat;
	if (at > c->bsize[c->f_blk]) {
		return NO_FAULT;
	}
	for (uint32_t i = 0; i < c->f_blk; i++) {
		start += c->bsize[i];
	}
	return start + at;
}

/* A transfer of @p ch starts at time @p t. */
static void timing_start(uint32_t ch, uint64_t t)
{
	struct timing *c = &tm[ch];

	c->on = true;
	c->t0 = t;
	c->held = 0u;
	c->lap_base = 0u;
	c->e = 0u;
	c->f_abs = fault_lap_pos(c);
	mark_may_write(ch);
}

/* The model's start of @p ch's link by chaining, at time @p t. */
static void chain_start(uint32_t ch, uint64_t t)
{
	uint32_t l = tm[ch].link;

	if (l < NCH && model.ch[l].state == M_CONFIGURED && model_start(&model, l) == 0) {
		timing_start(l, t);
	}
}

/*
 * Does @p c's fault come before its next event? Yes when it lies before
 * it, or at the same byte as a half point inside the fault's block; a
 * block's end (and a half point at its end) comes before a fault at the
 * next block's (or lap's) first byte.
 */
static bool fault_first(const struct timing *c)
{
	const uint64_t at = c->lap_base + c->evoff[c->e];

	return c->f_abs < at || (c->f_abs == at && c->evkind[c->e] == EV_HALF &&
				 c->evoff[c->e] < c->evoff[c->e + 1u]);
}

/*
 * Let @p dt ns pass in the model: every event of every running transfer up
 * to then, in time order (ties: the lower channel first, as the engine
 * serves them; a channel's own events in lap order).
 */
static void timing_advance(uint64_t dt)
{
	const uint64_t target = now_ns + dt;

	for (;;) {
		uint64_t best_t = UINT64_MAX;
		uint32_t ch = NCH;

		for (uint32_t i = 0; i < NCH; i++) {
			const struct timing *c = &tm[i];
			uint64_t at = c->lap_base + c->evoff[c->e];

			if (c->f_abs != NO_FAULT && fault_first(c)) {
				at = c->f_abs;
			}
			if (c->on && model.ch[i].state == M_RUNNING && c->t0 + at < best_t) {
				best_t = c->t0 + at;
				ch = i;
			}
		}
		if (ch == NCH || best_t > target) {
			break;
		}
		struct timing *c = &tm[ch];
		const bool last = c->e + 1u == c->nev;

		if (c->f_abs != NO_FAULT && c->t0 + c->f_abs == best_t && fault_first(c)) {
			/* The fault: the bytes before it count; CONFIGURED, no
			 * chaining, the error callback unless disabled. */
			c->on = false;
			c->held = 0u;
			c->copied += c->f_abs;
			c->f_armed = false;
			c->f_abs = NO_FAULT;
			model.ch[ch].state = M_CONFIGURED;
			if (c->err_cb) {
				want_cb(ch, c->f_err);
			}
			continue;
		}

		if (c->evkind[c->e] == EV_HALF) {
			if (c->has_cb) {
				want_cb(ch, DMA_STATUS_HALF_COMPLETE);
			}
			c->e++;
			continue;
		}
		if (last && !c->cyclic) {
			/* DONE: CONFIGURED before the callback, the whole length
			 * counted, the link started. */
			c->on = false;
			c->held = 0u;
			c->copied += c->len;
			model.ch[ch].state = M_CONFIGURED;
			if (c->chains) {
				chain_start(ch, best_t);
			}
			if (c->has_cb) {
				want_cb(ch, DMA_STATUS_COMPLETE);
			}
			continue;
		}
		if (last) {
			/* A lap. */
			if (c->chains) {
				chain_start(ch, best_t);
			}
			if (c->has_cb) {
				want_cb(ch, DMA_STATUS_COMPLETE);
			}
			c->e = 0u;
			c->lap_base += c->len;
		} else {
			if (c->src_chain) {
				chain_start(ch, best_t);
			}
			if (c->has_cb && c->block_cb) {
				want_cb(ch, DMA_STATUS_BLOCK);
			}
			c->e++;
		}
	}
	now_ns = target;
}

/* The arenas: the source unchanged, nothing written outside an extent. */
static void check_memory(void)
{
	CHECK(memcmp(src_mem, src_ref, sizeof(src_mem)) == 0, "a source byte changed");
	/* What transfers may write is taken into the shadow; the rest must match. */
	for (uint32_t m = 0; m < nmarks; m++) {
		memcpy(&shadow[marks[m].lo], &dst_mem[marks[m].lo], marks[m].hi - marks[m].lo);
	}
	if (memcmp(shadow, dst_mem, sizeof(shadow)) != 0) {
		size_t i = 0;

		while (shadow[i] == dst_mem[i]) {
			i++;
		}
		CHECK(false, "byte %zu of the destination arena written outside every transfer", i);
	}
	nmarks = 0u;
	memset(marked, 0, sizeof(marked));
}

/*
 * After every step: every callback since the last step, in order; each
 * channel's status (busy, total_copied to the byte, pending_length and the
 * ring fields) against the models; the arenas when every channel is idle
 * (a stray write stays until then).
 */
static void check_state(void)
{
	bool idle = true;

	for (uint32_t i = 0; trace_on && (i < got_n || i < want_n); i++) {
		fprintf(stderr, "  callback %u: channel %d status %d, model: channel %d status %d\n", i,
			i < got_n ? got_log[i].ch : -1, i < got_n ? got_log[i].status : 99,
			i < want_n ? want_log[i].ch : -1, i < want_n ? want_log[i].status : 99);
	}
	for (uint32_t i = 0; i < got_n || i < want_n; i++) {
		CHECK(i < got_n && i < want_n && got_log[i].ch == want_log[i].ch &&
			      got_log[i].status == want_log[i].status,
		      "callback %u of the step at %llu ns: got channel %d status %d, the model "
		      "expects channel %d status %d (%u callbacks, %u expected)",
		      i, (unsigned long long)now_ns, i < got_n ? got_log[i].ch : -1,
		      i < got_n ? got_log[i].status : 99, i < want_n ? want_log[i].ch : -1,
		      i < want_n ? want_log[i].status : 99, got_n, want_n);
	}
	got_n = 0u;
	want_n = 0u;
	for (uint32_t ch = 0; ch < NCH; ch++) {
		struct dma_status st;
		const struct timing *c = &tm[ch];
		bool busy = model.ch[ch].state == M_RUNNING || model.ch[ch].state == M_SUSPENDED;
		uint64_t moved = busy ? moved_at(c, now_ns) : 0u;
		uint32_t wp = busy && c->cyclic ? (uint32_t)(moved % c->len) : 0u;
		uint32_t pending = !busy ? 0u : c->cyclic ? c->len - wp : c->len - (uint32_t)moved;

		CHECK(dma_get_status(dev, ch, &st) == 0, "dma_get_status failed");
		CHECK(st.busy == busy, "channel %u: busy %d, model says %d", ch, st.busy, busy);
		CHECK(st.total_copied == c->copied + moved,
		      "channel %u at %llu ns: total_copied %llu, model says %llu", ch,
		      (unsigned long long)now_ns, (unsigned long long)st.total_copied,
		      (unsigned long long)(c->copied + moved));
		CHECK(st.pending_length == pending,
		      "channel %u at %llu ns: pending_length %u, model says %u", ch,
		      (unsigned long long)now_ns, st.pending_length, pending);
		CHECK(st.free == wp && st.write_position == wp && st.read_position == wp,
		      "channel %u at %llu ns: free %u, write_position %u, read_position %u, model "
		      "says %u for each",
		      ch, (unsigned long long)now_ns, st.free, st.write_position, st.read_position,
		      wp);
		idle = idle && !busy;
	}
	if (idle && nmarks > 0u) {
		check_memory();
	}
}

static void reset_all(void)
{
	for (uint32_t ch = 0; ch < NCH; ch++) {
		dma_release_channel(dev, ch);
	}
	memset(tm, 0, sizeof(tm));
	got_n = 0u;
	want_n = 0u;
	now_ns = dma_emul_now(dev);
	model_init(&model, &caps);
	/* The arenas are as the last check left them: the source as made,
	 * the destination equal to its shadow. */
	nmarks = 0u;
	memset(marked, 0, sizeof(marked));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};
	static bool inited;

	if (!inited) {
		/* FUZZ_API_TRACE=1: each step on stderr, to read a failing input. */
		trace_on = getenv("FUZZ_API_TRACE") != NULL;
		inited = true;
	}

	if (dev == NULL) {
		dev = &fuzz_dma;
		CHECK(dma_get_capabilities(dev, &caps) == 0, "no dma_emul_fuzz");
		CHECK(caps.channels == NCH, "dma_emul_fuzz must have %u channels", NCH);
		for (size_t i = 0; i < sizeof(src_mem); i++) {
			src_mem[i] = (uint8_t)(i * 13u + 7u);
		}
		memcpy(src_ref, src_mem, sizeof(src_mem));
		memset(dst_mem, 0x5A, sizeof(dst_mem));
		memcpy(shadow, dst_mem, sizeof(shadow));
	}
	reset_all();
	for (unsigned step = 0; step < 64u && in.n > 0u; step++) {
		uint8_t op = byte(&in) % 11u;
		uint32_t ch = byte(&in) % (NCH + 2u); /* 8 and 9 are invalid */
		int got = 0, want = 0;

		switch (op) {
		case 0: {
			struct dma_config *arg;

			make_config(&in, ch < NCH ? ch : 0u, &arg);
			if (arg != NULL && arg->channel_direction != MEMORY_TO_MEMORY &&
			    model_config_check(&caps, ch, arg) == 0) {
				/* valid for the core, but this harness attaches no
				 * peripheral: the driver refuses, nothing changes */
				want = -EINVAL;
			} else {
				want = model_config(&model, ch, arg);
			}
			got = dma_config(dev, ch, arg);
			if (got == 0 && ch < NCH) {
				extent[ch] = building;
				marked[ch] = false;
				first_block[ch] = arg->head_block[0];
				timing_config(ch, arg);
			}
			break;
		}
		case 1: {
			bool idle_before = ch < NCH && model.ch[ch].state == M_CONFIGURED;

			want = model_start(&model, ch);
			if (want == 0 && idle_before) {
				timing_start(ch, now_ns);
			}
			got = dma_start(dev, ch);
			break;
		}
		case 2:
			if (ch < NCH && (model.ch[ch].state == M_RUNNING ||
					 model.ch[ch].state == M_SUSPENDED)) {
				tm[ch].copied += moved_at(&tm[ch], now_ns);
				tm[ch].on = false;
				tm[ch].held = 0u;
			}
			want = model_stop(&model, ch);
			got = dma_stop(dev, ch);
			break;
		case 3:
			want = model_suspend(&model, ch);
			if (want == 0 && tm[ch].on) {
				tm[ch].held = moved_at(&tm[ch], now_ns);
				tm[ch].on = false;
			}
			got = dma_suspend(dev, ch);
			break;
		case 4: {
			bool was_suspended = ch < NCH && model.ch[ch].state == M_SUSPENDED;

			want = model_resume(&model, ch);
			if (want == 0 && was_suspended) {
				/* Whole beats held: the next beat starts now. */
				tm[ch].t0 = now_ns - tm[ch].held;
				tm[ch].on = true;
			}
			got = dma_resume(dev, ch);
			break;
		}
		case 9: {
			/* Let virtual time pass: a few ns up to a few transfers. */
			uint64_t dt = byte(&in);

			dt = (byte(&in) & 3u) == 0u ? dt * 16u : dt;
			if (trace_on) {
				for (uint32_t i = 0; i < NCH; i++) {
					if (tm[i].on) {
						fprintf(stderr,
							"  channel %u: t0 %llu, lap_base %llu, next "
							"event %u at %u, fault at %lld, %u callbacks\n",
							i, (unsigned long long)tm[i].t0,
							(unsigned long long)tm[i].lap_base, tm[i].e,
							tm[i].evoff[tm[i].e], (long long)tm[i].f_abs,
							tm[i].has_cb);
					}
				}
			}
			timing_advance(dt);
			got = dma_emul_advance(dev, dt);
			break;
		}
		case 5: {
			struct dma_block_config rb;
			struct extents ext = {0};
			uint32_t c = ch < NCH ? ch : 0u;

			rb = first_block[c];
			rb.block_size = byte(&in) % 80u;
			place(&rb, model.ch[c].ss ? model.ch[c].ss : 1u, model.ch[c].ds ? model.ch[c].ds : 1u,
			      GUARD + 14u * SLOT, GUARD + 14u * SLOT, &ext, 0);
			want = model_reload(&model, ch, rb.block_size);
			got = dma_reload(dev, ch, rb.source_address, rb.dest_address, rb.block_size);
			if (got == 0) {
				extent[ch] = ext;
				marked[ch] = false;
				timing_events(&tm[ch], &rb.block_size, 1u,
					      tm[ch].nev > 0u && tm[ch].evkind[0] == EV_HALF);
				tm[ch].f_armed = false; /* a reload disarms */
				/* total_copied counts since dma_config: a reload keeps it. */
			}
			break;
		}
		case 10: {
			/* Arm a fault at a block and offset (valid or not). */
			uint32_t blk = byte(&in) % 6u;
			uint32_t off = byte(&in) * ((byte(&in) & 1u) + 1u);
			int err = -(int)(byte(&in) % 100u) - 1;
			struct timing *c = &tm[ch < NCH ? ch : 0u];

			want = ch < NCH && model.ch[ch].state != M_UNCONFIGURED && blk < c->nb &&
					       off < c->bsize[blk]
				       ? 0
				       : -EINVAL;
			got = dma_emul_inject_fault(dev, ch, blk, off, err);
			if (trace_on) {
				fprintf(stderr, "  fault at block %u offset %u error %d\n", blk, off, err);
			}
			if (want == 0) {
				uint64_t lp;

				c->f_armed = true;
				c->f_blk = blk;
				c->f_off = off;
				c->f_err = err;
				c->f_abs = NO_FAULT; /* idle: set at the next start */
				lp = fault_lap_pos(c);
				if (lp != NO_FAULT && (model.ch[ch].state == M_RUNNING ||
						       model.ch[ch].state == M_SUSPENDED)) {
					/* Fires when the transfer gets there: in this
					 * pass if it has not passed it yet, else in the
					 * next lap (a ring) or transfer. */
					const uint64_t pos = moved_at(c, now_ns);

					c->f_abs = c->lap_base + lp >= pos ? c->lap_base + lp
						   : c->cyclic		    ? c->lap_base + c->len + lp
									    : NO_FAULT;
				}
			}
			break;
		}
		case 6: {
			struct dma_status st;
			bool null = (byte(&in) & 7u) == 0u;

			want = ch < NCH && !null ? 0 : -EINVAL;
			got = dma_get_status(dev, ch, null ? NULL : &st);
			break;
		}
		case 7: {
			uint32_t w = byte(&in) % (NCH + 2u);
			bool exact = byte(&in) & 1u;

			want = model_request(&model, exact ? &w : NULL);
			got = dma_request_channel(dev, exact ? &w : NULL);
			break;
		}
		default:
			if (ch < NCH) {
				memset(&tm[ch], 0, sizeof(tm[ch]));
			}
			model_release(&model, ch);
			dma_release_channel(dev, ch);
			break;
		}
		if (trace_on) {
			fprintf(stderr, "step %u: op %u ch %u -> %d (model %d), t=%llu\n", step, op, ch,
				got, want, (unsigned long long)now_ns);
		}
		CHECK(got == want, "step %u: op %u on channel %u returned %d, the model expects %d",
		      step, op, ch, got, want);
		check_state();
	}
	check_memory();
	return 0;
}
