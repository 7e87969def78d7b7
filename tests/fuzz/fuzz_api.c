/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Model-based fuzzing of the API (libFuzzer): the input is a sequence of API
 * calls with valid and invalid arguments, run against the emulated controller
 * and, in lock-step, against the reference model (model.c). Any difference
 * in a return code or in a channel's busy state, any byte written outside the
 * extent of a started transfer, a changed source, or a sanitizer report is a
 * failure (abort).
 *
 * After each call the harness waits for one-shot transfers to finish (and
 * their COMPLETE callbacks, which come after a chained start), so RUNNING
 * and SUSPENDED are held only by cyclic transfers and every result is
 * determined. Races between calls and completions are the stress test's job.
 * Only dest_chaining_en is used: source chaining restarts the link after
 * every block, at times the model cannot know.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"
#include "model.h"

#define NCH 8u
#define ARENA (64u * 1024u)
#define GUARD 256u
#define SLOT 4096u

static uint8_t src_mem[ARENA + 2u * GUARD], dst_mem[ARENA + 2u * GUARD];
static uint8_t src_ref[sizeof(src_mem)], shadow[sizeof(dst_mem)];
static uint8_t may_write[sizeof(dst_mem)];
static struct model model;
static const struct device *dev;

static atomic_uint completes[NCH];
static unsigned expected[NCH]; /* COMPLETE count that ends the current one-shot run */
static unsigned base[NCH];     /* COMPLETE count before the current call */
static struct dma_capabilities caps;

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

#define CHECK(cond, ...)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz_api: " __VA_ARGS__);                             \
			fprintf(stderr, "\n");                                                 \
			abort();                                                               \
		}                                                                              \
	} while (0)

static void on_event(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	if (status == DMA_STATUS_COMPLETE && ch < NCH) {
		atomic_fetch_add(&completes[ch], 1u);
	}
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

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
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
	if ((flags & 0x20u) && !c->cyclic) {
		c->dest_chaining_en = 1;
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
	for (uint32_t i = 0; i < extent[ch].n; i++) {
		memset(&may_write[extent[ch].lo[i]], 1, extent[ch].hi[i] - extent[ch].lo[i]);
	}
}

/* Wait for every one-shot transfer the model has running to complete. */
static void quiesce(void)
{
	uint64_t deadline = now_ms() + 5000u;

	for (;;) {
		bool waiting = false;

		for (uint32_t ch = 0; ch < NCH; ch++) {
			if (model.ch[ch].state != M_RUNNING || model.ch[ch].cyclic) {
				continue;
			}
			waiting = true;
			if (atomic_load(&completes[ch]) >= expected[ch]) {
				uint32_t l = model.ch[ch].link;
				bool was_idle = model.ch[l].state == M_CONFIGURED;

				model_complete(&model, ch);
				/* dest chaining started the link before this COMPLETE */
				if (model.ch[ch].chains && was_idle && model.ch[l].state == M_RUNNING) {
					mark_may_write(l);
					if (!model.ch[l].cyclic) {
						expected[l] = base[l] + 1u;
					}
				}
			}
		}
		if (!waiting) {
			return;
		}
		CHECK(now_ms() < deadline, "transfers did not complete within 5 s");
		struct timespec ts = {0, 20000};
		nanosleep(&ts, NULL);
	}
}

static void check_memory(void)
{
	bool idle = true;

	CHECK(memcmp(src_mem, src_ref, sizeof(src_mem)) == 0, "a source byte changed");
	for (size_t i = 0; i < sizeof(dst_mem); i++) {
		CHECK(may_write[i] || dst_mem[i] == shadow[i],
		      "byte %zu of the destination arena written outside every transfer", i);
	}
	for (uint32_t ch = 0; ch < NCH; ch++) {
		struct dma_status st;
		bool busy = model.ch[ch].state == M_RUNNING || model.ch[ch].state == M_SUSPENDED;

		CHECK(dma_get_status(dev, ch, &st) == 0, "dma_get_status failed");
		CHECK(st.busy == busy, "channel %u: busy %d, model says %d", ch, st.busy, busy);
		idle = idle && !busy;
	}
	if (idle) {
		memcpy(shadow, dst_mem, sizeof(shadow));
		memset(may_write, 0, sizeof(may_write));
	}
}

static void reset_all(void)
{
	for (uint32_t ch = 0; ch < NCH; ch++) {
		dma_release_channel(dev, ch);
		atomic_store(&completes[ch], 0u);
		expected[ch] = 0u;
	}
	model_init(&model, &caps);
	for (size_t i = 0; i < sizeof(src_mem); i++) {
		src_mem[i] = (uint8_t)(i * 13u + 7u);
	}
	memcpy(src_ref, src_mem, sizeof(src_mem));
	memset(dst_mem, 0x5A, sizeof(dst_mem));
	memcpy(shadow, dst_mem, sizeof(shadow));
	memset(may_write, 0, sizeof(may_write));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = {data, size};

	if (dev == NULL) {
		dev = device_get_binding("dma_emul");
		CHECK(dev != NULL && dma_get_capabilities(dev, &caps) == 0, "no dma_emul");
		CHECK(caps.channels == NCH, "dma_emul must have %u channels", NCH);
	}
	reset_all();
	for (unsigned step = 0; step < 64u && in.n > 0u; step++) {
		uint8_t op = byte(&in) % 9u;
		uint32_t ch = byte(&in) % (NCH + 2u); /* 8 and 9 are invalid */
		bool idle_before = ch < NCH && model.ch[ch].state == M_CONFIGURED;
		int got = 0, want = 0;

		for (uint32_t i = 0; i < NCH; i++) {
			base[i] = atomic_load(&completes[i]); /* one-shots are all idle here */
		}
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
				first_block[ch] = arg->head_block[0];
			}
			break;
		}
		case 1:
			want = model_start(&model, ch);
			if (want == 0 && ch < NCH && model.ch[ch].state == M_RUNNING) {
				mark_may_write(ch);
			}
			got = dma_start(dev, ch);
			if (want == 0 && idle_before && !model.ch[ch].cyclic) {
				expected[ch] = base[ch] + 1u; /* this run's COMPLETE */
			}
			break;
		case 2:
			want = model_stop(&model, ch);
			got = dma_stop(dev, ch);
			break;
		case 3:
			want = model_suspend(&model, ch);
			got = dma_suspend(dev, ch);
			break;
		case 4:
			want = model_resume(&model, ch);
			got = dma_resume(dev, ch);
			break;
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
			model_release(&model, ch);
			dma_release_channel(dev, ch);
			break;
		}
		CHECK(got == want, "step %u: op %u on channel %u returned %d, the model expects %d",
		      step, op, ch, got, want);
		quiesce();
		check_memory();
	}
	return 0;
}
