/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Conformance suite. Each case names the rule it checks; a failure says what
 * was expected and what happened. A case that needs a capability the
 * controller lacks is reported skipped, never passed.
 *
 * Buffers come from the target's pool, with guard bytes around every
 * destination; sources are checked unchanged after each transfer.
 */
#include "dma_conformance.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "ttest.h"

#define GUARD 32u
#define GUARD_BYTE 0xA5u
#define LOG_MAX 64u
#define MAX_TEST_BLOCKS 64u
#define NREC 4u

static const struct dma_conformance_target *tgt;
static const struct device *dev;
static struct dma_capabilities caps;
static uint32_t pool_used;

/* ------------------------------------------------------------- buffers */

static uint8_t *pool_alloc(uint32_t len)
{
	uint32_t start = (pool_used + 15u) & ~15u;

	if (start + len > tgt->pool_len) {
		TT_FAIL("test pool exhausted: need %u more bytes", (unsigned)len);
		return NULL;
	}
	pool_used = start + len;
	return tgt->pool + start;
}

/* A region of @p len usable bytes with GUARD guard bytes on each side. */
static uint8_t *guarded(uint32_t len)
{
	uint8_t *raw = pool_alloc(len + 2u * GUARD);

	if (raw == NULL) {
		return NULL;
	}
	memset(raw, GUARD_BYTE, len + 2u * GUARD);
	return raw + GUARD;
}

static uint8_t pattern_byte(uint32_t i, uint32_t seed)
{
	return (uint8_t)(i * 7u + (i >> 8) * 3u + seed * 31u + 1u);
}

static void fill_pattern(uint8_t *p, uint32_t len, uint32_t seed)
{
	for (uint32_t i = 0; i < len; i++) {
		p[i] = pattern_byte(i, seed);
	}
}

/* Check the source is unchanged; reports the first difference. */
static bool check_pattern(const char *what, const uint8_t *p, uint32_t len, uint32_t seed)
{
	for (uint32_t i = 0; i < len; i++) {
		if (p[i] != pattern_byte(i, seed)) {
			TT_FAIL("%s byte %u: expected 0x%02x, got 0x%02x", what, (unsigned)i,
				pattern_byte(i, seed), p[i]);
			return false;
		}
	}
	return true;
}

static bool check_guards(const char *what, const uint8_t *p, uint32_t len)
{
	for (uint32_t i = 1; i <= GUARD; i++) {
		if (p[-(int32_t)i] != GUARD_BYTE) {
			TT_FAIL("%s: byte written %u before the destination (0x%02x)", what,
				(unsigned)i, p[-(int32_t)i]);
			return false;
		}
		if (p[len + i - 1u] != GUARD_BYTE) {
			TT_FAIL("%s: byte written %u after the destination (0x%02x)", what,
				(unsigned)(i - 1u), p[len + i - 1u]);
			return false;
		}
	}
	return true;
}

static bool check_equal(const char *what, const uint8_t *expected, const uint8_t *actual,
			uint32_t len)
{
	for (uint32_t i = 0; i < len; i++) {
		if (expected[i] != actual[i]) {
			TT_FAIL("%s byte %u: expected 0x%02x, got 0x%02x", what, (unsigned)i,
				expected[i], actual[i]);
			return false;
		}
	}
	return true;
}

static dma_addr_t A(const void *p)
{
	return (dma_addr_t)(uintptr_t)p;
}

/* ------------------------------------------------------------- callbacks */

struct rec {
	uint32_t ch;
	atomic_uint total;
	atomic_uint complete;
	atomic_uint block;
	atomic_uint half;
	atomic_uint error;
	atomic_int last_error;
	atomic_uint bad_args;
	atomic_int api_err;
	/* Behaviour: on COMPLETE, while restarts_left > 0, re-config (if
	 * reconf) and restart the channel from the callback. */
	atomic_uint restarts_left;
	struct dma_config *reconf;
	int log[LOG_MAX];
};

static struct rec recs[NREC];

/* Callbacks of rec_cb() running now: a wait for one counter also waits for
 * the callback that moved it to finish updating the others. */
static atomic_uint recs_in_cb;

static void rec_reset(struct rec *r, uint32_t ch)
{
	memset(r, 0, sizeof(*r));
	r->ch = ch;
}

static void rec_cb(const struct device *cb_dev, void *user_data, uint32_t channel, int status)
{
	struct rec *r = user_data;
	unsigned n;

	if (r == NULL) {
		return; /* a configuration nobody records (bad-inputs table) */
	}
	atomic_fetch_add(&recs_in_cb, 1u);
	n = atomic_load(&r->total);
	if (cb_dev != dev || channel != r->ch) {
		atomic_fetch_add(&r->bad_args, 1u);
	}
	if (n < LOG_MAX) {
		r->log[n] = status;
	}
	if (status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&r->complete, 1u);
		if (atomic_load(&r->restarts_left) > 0u) {
			int ret = 0;

			atomic_fetch_sub(&r->restarts_left, 1u);
			if (r->reconf != NULL) {
				ret = dma_config(cb_dev, channel, r->reconf);
			}
			if (ret == 0) {
				ret = dma_start(cb_dev, channel);
			}
			if (ret != 0) {
				atomic_store(&r->api_err, ret);
			}
		}
	} else if (status == DMA_STATUS_BLOCK) {
		atomic_fetch_add(&r->block, 1u);
	} else if (status == DMA_STATUS_HALF_COMPLETE) {
		atomic_fetch_add(&r->half, 1u);
	} else {
		atomic_store(&r->last_error, status);
		atomic_fetch_add(&r->error, 1u);
	}
	atomic_fetch_add(&r->total, 1u); /* last: waiters then see all of it */
	atomic_fetch_sub(&recs_in_cb, 1u);
}

struct ctr_wait {
	atomic_uint *ctr;
	unsigned n;
};

static bool ctr_reached(void *arg)
{
	struct ctr_wait *w = arg;

	return atomic_load(w->ctr) >= w->n;
}

static bool no_callback_running(void *arg)
{
	(void)arg;
	return atomic_load(&recs_in_cb) == 0u;
}

/* Wait until *ctr >= n; fail the case with @p what on timeout. */
static bool wait_ctr(atomic_uint *ctr, unsigned n, const char *what)
{
	struct ctr_wait w = {ctr, n};

	if (!ttest_wait(ctr_reached, &w, tgt->timeout_ms)) {
		TT_FAIL("timeout after %u ms waiting for %s: expected %u, got %u",
			(unsigned)tgt->timeout_ms, what, n, atomic_load(ctr));
		return false;
	}
	/* The callback that counted may still be counting (total last); a
	 * transfer that restarts itself may keep one running: bounded. */
	(void)ttest_wait(no_callback_running, NULL, 100);
	return true;
}

struct idle_wait {
	uint32_t ch;
};

static bool chan_idle(void *arg)
{
	struct dma_status st;

	return dma_get_status(dev, ((struct idle_wait *)arg)->ch, &st) == 0 && !st.busy;
}

static bool wait_idle(uint32_t ch)
{
	struct idle_wait w = {ch};

	if (!ttest_wait(chan_idle, &w, tgt->timeout_ms)) {
		TT_FAIL("timeout after %u ms waiting for channel %u to go idle",
			(unsigned)tgt->timeout_ms, (unsigned)ch);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------- configs */

struct xfer {
	struct dma_config cfg;
	struct dma_block_config blk[MAX_TEST_BLOCKS];
};

static struct xfer xf[NREC];

/* A memory-to-memory configuration of @p count blocks (unset addresses). */
static struct dma_config *cfg_init(struct xfer *x, uint32_t count, uint32_t width, struct rec *r)
{
	memset(x, 0, sizeof(*x));
	x->cfg.channel_direction = MEMORY_TO_MEMORY;
	x->cfg.source_data_size = width;
	x->cfg.dest_data_size = width;
	x->cfg.block_count = count;
	x->cfg.head_block = &x->blk[0];
	x->cfg.dma_callback = rec_cb;
	x->cfg.user_data = r;
	for (uint32_t i = 0; i < count && i < MAX_TEST_BLOCKS; i++) {
		x->blk[i].next_block = (i + 1u < count) ? &x->blk[i + 1u] : NULL;
	}
	return &x->cfg;
}

static void blk_set(struct dma_block_config *b, const void *src, void *dst, uint32_t len)
{
	b->source_address = A(src);
	b->dest_address = A(dst);
	b->block_size = len;
}

/*
 * The usual one-block copy of @p len bytes at @p width on channel @p ch:
 * records reset, a patterned source, a guarded destination, xf[0]
 * configured (not yet passed to dma_config). NULL when the pool is full.
 */
static struct dma_config *one_block_copy(struct rec *r, uint32_t ch, uint32_t len, uint32_t width,
					 uint32_t seed, uint8_t **src, uint8_t **dst)
{
	struct dma_config *c;

	rec_reset(r, ch);
	*src = pool_alloc(len);
	*dst = guarded(len);
	if (*src == NULL || *dst == NULL) {
		return NULL;
	}
	fill_pattern(*src, len, seed);
	c = cfg_init(&xf[0], 1, width, r);
	blk_set(&xf[0].blk[0], *src, *dst, len);
	return c;
}

static bool has(uint32_t feature)
{
	return (caps.features & feature) != 0u;
}

static bool width_ok(uint32_t w)
{
	return (caps.data_sizes & w) != 0u;
}

/* Largest supported width not above 4 (the common case). */
static uint32_t common_width(void)
{
	for (uint32_t w = 4u; w >= 1u; w >>= 1) {
		if (width_ok(w)) {
			return w;
		}
	}
	return 1u;
}

static int get_chan(void)
{
	int ch = dma_request_channel(dev, NULL);

	if (ch < 0) {
		TT_FAIL("dma_request_channel: expected a channel, got %d", ch);
	}
	return ch;
}

/* Skip reason for a missing feature: the target's own words if it has them. */
static const char *missing(uint32_t feature, const char *generic)
{
	const char *why = tgt->why_missing != NULL ? tgt->why_missing(dev, feature) : NULL;

	return why != NULL ? why : generic;
}

static bool running_observable(void)
{
	return has(DMA_CAP_CYCLIC) && has(DMA_CAP_OBSERVABLE_RUNNING);
}

static const char *no_running(void)
{
	return !has(DMA_CAP_OBSERVABLE_RUNNING)
		       ? missing(DMA_CAP_OBSERVABLE_RUNNING, "transfers finish inside dma_start()")
		       : missing(DMA_CAP_CYCLIC, "controller has no cyclic mode to hold RUNNING");
}

/* Configure, start and wait for @p completes COMPLETE callbacks. */
static bool run_to_completion(uint32_t ch, struct dma_config *cfg, struct rec *r,
			      unsigned completes)
{
	int ret = dma_config(dev, ch, cfg);

	if (ret != 0) {
		TT_FAIL("dma_config: expected 0, got %d", ret);
		return false;
	}
	ret = dma_start(dev, ch);
	if (ret != 0) {
		TT_FAIL("dma_start: expected 0, got %d", ret);
		return false;
	}
	return wait_ctr(&r->complete, completes, "COMPLETE callbacks") && wait_idle(ch);
}

/* ------------------------------------------------------------- model */

/*
 * Reference model of one block (the contract's address rules, in closed
 * form): unit k of a side is at base + s*(k*step + (k/count)*interval), with
 * s = -1 for DECREMENT, step = 0 for NO_CHANGE, the (k/count) term only with
 * gather/scatter. The byte stream read from the source units is cut into
 * destination units. Writes go to @p shadow, an image of the destination
 * region that starts at address @p region.
 */
static uintptr_t unit_addr(dma_addr_t base, unsigned adj, uint32_t size, bool jumps,
			   uint32_t count, uint32_t interval, uint32_t k)
{
	uintptr_t off = (adj == DMA_ADDR_ADJ_NO_CHANGE ? 0u : (uintptr_t)k * size) +
			(jumps ? (uintptr_t)(k / count) * interval : 0u);

	return adj == DMA_ADDR_ADJ_DECREMENT ? (uintptr_t)base - off : (uintptr_t)base + off;
}

static void model_block(const struct dma_config *c, const struct dma_block_config *b,
			uint8_t *shadow, uintptr_t region)
{
	const uint32_t ss = c->source_data_size;
	const uint32_t ds = c->dest_data_size;

	for (uint32_t q = 0; q < b->block_size; q++) {
		uintptr_t s = unit_addr(b->source_address, b->source_addr_adj, ss,
					b->source_gather_en, b->source_gather_count,
					b->source_gather_interval, q / ss) + q % ss;
		uintptr_t d = unit_addr(b->dest_address, b->dest_addr_adj, ds, b->dest_scatter_en,
					b->dest_scatter_count, b->dest_scatter_interval, q / ds) +
			      q % ds;

		shadow[d - region] = *(const uint8_t *)s;
	}
}

/* ------------------------------------------------------------- teardown */

static void teardown(void)
{
	for (uint32_t ch = 0; ch < caps.channels; ch++) {
		(void)dma_stop(dev, ch);
		dma_release_channel(dev, ch);
	}
	for (uint32_t i = 0; i < NREC; i++) {
		rec_reset(&recs[i], 0);
	}
	pool_used = 0;
}

/* ------------------------------------------------------------- state table */

enum st { ST_U, ST_C, ST_R, ST_S };
static const char *const st_name[] = {"UNCONFIGURED", "CONFIGURED", "RUNNING", "SUSPENDED"};

enum call { C_CONFIG, C_START, C_STOP, C_SUSPEND, C_RESUME, C_RELOAD, C_COUNT };
static const char *const call_name[] = {"dma_config",  "dma_start",  "dma_stop",
					"dma_suspend", "dma_resume", "dma_reload"};

/* The contract's table: result and next state of each call in each state. */
static const struct {
	int ret;
	enum st next;
} table[C_COUNT][4] = {
	[C_CONFIG] = {{0, ST_C}, {0, ST_C}, {-EBUSY, ST_R}, {-EBUSY, ST_S}},
	[C_START] = {{-EINVAL, ST_U}, {0, ST_R}, {0, ST_R}, {-EINVAL, ST_S}},
	[C_STOP] = {{0, ST_U}, {0, ST_C}, {0, ST_C}, {0, ST_C}},
	[C_SUSPEND] = {{-EINVAL, ST_U}, {-EINVAL, ST_C}, {0, ST_S}, {0, ST_S}},
	[C_RESUME] = {{-EINVAL, ST_U}, {-EINVAL, ST_C}, {0, ST_R}, {0, ST_R}},
	[C_RELOAD] = {{-EINVAL, ST_U}, {0, ST_C}, {-EBUSY, ST_R}, {-EBUSY, ST_S}},
};

#define RING_LEN 256u

/* The configuration the state cases use: cyclic when RUNNING is observable. */
static struct dma_config *state_cfg(struct rec *r, uint8_t **dst)
{
	uint8_t *src = pool_alloc(RING_LEN);
	struct dma_config *c = cfg_init(&xf[0], 1, common_width(), r);

	*dst = guarded(RING_LEN);
	if (src == NULL || *dst == NULL) {
		return NULL;
	}
	fill_pattern(src, RING_LEN, 1);
	blk_set(&xf[0].blk[0], src, *dst, RING_LEN);
	c->cyclic = running_observable() ? 1u : 0u;
	return c;
}

static bool enter_state(uint32_t ch, enum st s, struct dma_config *c)
{
	int ret;

	if (s == ST_U) {
		return true;
	}
	ret = dma_config(dev, ch, c);
	if (ret != 0) {
		TT_FAIL("setup dma_config: expected 0, got %d", ret);
		return false;
	}
	if (s == ST_C) {
		return true;
	}
	ret = dma_start(dev, ch);
	if (ret != 0) {
		TT_FAIL("setup dma_start: expected 0, got %d", ret);
		return false;
	}
	if (s == ST_S) {
		ret = dma_suspend(dev, ch);
		if (ret != 0) {
			TT_FAIL("setup dma_suspend: expected 0, got %d", ret);
			return false;
		}
	}
	return true;
}

static int do_call(enum call call, uint32_t ch, struct dma_config *c, uint8_t *dst)
{
	switch (call) {
	case C_CONFIG:
		return dma_config(dev, ch, c);
	case C_START:
		return dma_start(dev, ch);
	case C_STOP:
		return dma_stop(dev, ch);
	case C_SUSPEND:
		return dma_suspend(dev, ch);
	case C_RESUME:
		return dma_resume(dev, ch);
	case C_RELOAD:
	default:
		return dma_reload(dev, ch, c->head_block->source_address, A(dst), RING_LEN);
	}
}

static uint64_t copied_now(uint32_t ch)
{
	struct dma_status st;

	(void)dma_get_status(dev, ch, &st);
	return st.total_copied;
}

struct grow_wait {
	uint32_t ch;
	uint64_t from;
};

static bool copied_grew(void *arg)
{
	struct grow_wait *w = arg;

	return copied_now(w->ch) > w->from;
}

static bool expect_moving(uint32_t ch, const char *when)
{
	struct grow_wait w = {ch, copied_now(ch)};

	if (!ttest_wait(copied_grew, &w, tgt->timeout_ms)) {
		TT_FAIL("%s: expected total_copied to grow (RUNNING), it stayed %llu", when,
			(unsigned long long)w.from);
		return false;
	}
	return true;
}

/* Check, by its observable behaviour, that @p ch is in state @p s. */
/*
 * What an operation the driver leaves out returns (contract: -ENOSYS
 * whatever the channel and state), else @p e.
 */
static int want_suspend(int e)
{
	return has(DMA_CAP_SUSPEND) ? e : -ENOSYS;
}

static int want_reload(int e)
{
	return has(DMA_CAP_RELOAD) ? e : -ENOSYS;
}

static void verify_state(uint32_t ch, enum st s)
{
	struct dma_status a, b;
	int ret;

	ret = dma_get_status(dev, ch, &a);
	if (ret != 0) {
		TT_FAIL("dma_get_status: expected 0, got %d", ret);
		return;
	}
	if (a.busy != (s == ST_R || s == ST_S)) {
		TT_FAIL("state %s: expected busy=%d, got busy=%d", st_name[s],
			s == ST_R || s == ST_S, a.busy);
		return;
	}
	switch (s) {
	case ST_U:
		EXPECT_EQ(want_suspend(-EINVAL), dma_suspend(dev, ch));
		EXPECT_EQ(-EINVAL, dma_start(dev, ch)); /* only UNCONFIGURED refuses */
		break;
	case ST_C:
		EXPECT_EQ(want_suspend(-EINVAL), dma_suspend(dev, ch));
		EXPECT_EQ(0, dma_start(dev, ch)); /* only CONFIGURED starts */
		(void)dma_stop(dev, ch);
		break;
	case ST_R:
		(void)expect_moving(ch, "state RUNNING");
		break;
	case ST_S:
		ttest_sleep_ms(20);
		(void)dma_get_status(dev, ch, &b);
		EXPECT_EQ(a.total_copied, b.total_copied);
		EXPECT_EQ(a.pending_length, b.pending_length);
		EXPECT_EQ(-EINVAL, dma_start(dev, ch)); /* SUSPENDED refuses start */
		EXPECT_EQ(0, dma_resume(dev, ch));
		(void)expect_moving(ch, "after resume from SUSPENDED");
		break;
	}
}

static void state_case(enum call call, enum st s)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status before, after;
	uint8_t *dst;
	int ch, ret;
	enum st next = table[call][s].next;
	int want = table[call][s].ret;

	(void)snprintf(name, sizeof(name), "state/%s/%s", call_name[call], st_name[s]);
	if (!ttest_begin(name)) {
		return;
	}
	if (((call == C_SUSPEND || call == C_RESUME) && !has(DMA_CAP_SUSPEND)) ||
	    (call == C_RELOAD && !has(DMA_CAP_RELOAD))) {
		/* Left out by the driver: -ENOSYS in every state, nothing changes. */
		want = -ENOSYS;
		next = s;
	}
	if ((s == ST_R || s == ST_S) && !running_observable()) {
		ttest_skip(no_running());
	} else if (s == ST_S && !has(DMA_CAP_SUSPEND)) {
		ttest_skip("controller cannot suspend");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		c = state_cfg(r, &dst);
		if (c != NULL && enter_state((uint32_t)ch, s, c)) {
			(void)dma_get_status(dev, (uint32_t)ch, &before);
			ret = do_call(call, (uint32_t)ch, c, dst);
			EXPECT_EQ(want, ret);
			(void)dma_get_status(dev, (uint32_t)ch, &after);
			if (ret != 0) {
				/* A failed call changes nothing. */
				EXPECT_EQ(before.busy, after.busy);
				EXPECT_EQ(before.dir, after.dir);
				if (s != ST_R) {
					EXPECT_EQ(before.total_copied, after.total_copied);
					EXPECT_EQ(before.pending_length, after.pending_length);
				}
			}
			if (next == ST_R && !running_observable()) {
				/* One-shot transfer: RUNNING ends in CONFIGURED. */
				(void)wait_ctr(&r->complete, 1, "COMPLETE callback");
				(void)wait_idle((uint32_t)ch);
				next = ST_C;
			}
			verify_state((uint32_t)ch, next);
		}
	}
	teardown();
	ttest_end();
}

static void status_case(enum st s)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status st;
	uint8_t *dst;
	int ch;

	(void)snprintf(name, sizeof(name), "state/dma_get_status/%s", st_name[s]);
	if (!ttest_begin(name)) {
		return;
	}
	if ((s == ST_R || s == ST_S) && !running_observable()) {
		ttest_skip(no_running());
	} else if (s == ST_S && !has(DMA_CAP_SUSPEND)) {
		ttest_skip("controller cannot suspend");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		c = state_cfg(r, &dst);
		if (c != NULL && enter_state((uint32_t)ch, s, c)) {
			EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
			EXPECT_EQ(s == ST_R || s == ST_S, st.busy);
			if (s != ST_U) {
				EXPECT_EQ(MEMORY_TO_MEMORY, st.dir);
			}
			if (!st.busy) {
				EXPECT_EQ(0, st.pending_length);
			} else {
				EXPECT_TRUE(st.pending_length >= 1u && st.pending_length <= RING_LEN,
					    "pending_length: expected 1..%u, got %u", RING_LEN,
					    (unsigned)st.pending_length);
			}
			if (st.busy && c->cyclic) {
				/* The ring's fields: free + pending = the lap. */
				EXPECT_EQ(RING_LEN, st.free + st.pending_length);
				EXPECT_EQ(st.free, st.write_position);
				EXPECT_TRUE(st.read_position < RING_LEN,
					    "read_position: expected < %u, got %u", RING_LEN,
					    (unsigned)st.read_position);
			} else {
				/* Not a running ring: no ring fields. */
				EXPECT_EQ(0, st.free);
				EXPECT_EQ(0, st.write_position);
				EXPECT_EQ(0, st.read_position);
			}
			if (s == ST_U) {
				EXPECT_EQ(0, st.total_copied);
			}
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- transfers */

static void case_single_block(uint32_t width, uint32_t len)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	(void)snprintf(name, sizeof(name), "m2m/single/width%u/len%u", (unsigned)width,
		       (unsigned)len);
	if (!ttest_begin(name)) {
		return;
	}
	if (!width_ok(width)) {
		ttest_skip("data size not supported by the controller");
	} else if (len > caps.max_block_size) {
		ttest_skip("longer than the controller's largest block");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = guarded(len);
		dst = guarded(len);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, len, len);
			c = cfg_init(&xf[0], 1, width, r);
			blk_set(&xf[0].blk[0], src, dst, len);
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				(void)check_pattern("destination", dst, len, len);
				(void)check_guards("destination", dst, len);
				(void)check_pattern("source (unchanged)", src, len, len);
				(void)check_guards("source", src, len);
				EXPECT_EQ(1, atomic_load(&r->total));
				EXPECT_EQ(0, atomic_load(&r->bad_args));
			}
		}
	}
	teardown();
	ttest_end();
}

/* Multi-block list: block i copies a distinct slice into its own guarded buffer. */
/*
 * Zephyr application code sets source_gather_en / dest_scatter_en on
 * ordinary block lists with the counts (and intervals) left at 0, meaning
 * "no stride": every controller with block lists copies such a list as an
 * ordinary one, gather/scatter capability or not.
 */
static void case_zephyr_gather_count_zero(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	const uint32_t w = common_width(), len = 48u * w;
	int ch;

	if (!ttest_begin("zephyr/gather-scatter-enabled-with-count-0-is-a-plain-block-list")) {
		return;
	}
	if (caps.max_block_count < 3u) {
		ttest_skip("needs 3 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(3u * len);
		dst = guarded(3u * len);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 3u * len, 31);
			c = cfg_init(&xf[0], 3, w, r);
			for (uint32_t b = 0; b < 3u; b++) {
				blk_set(&xf[0].blk[b], src + b * len, dst + b * len, len);
				xf[0].blk[b].source_gather_en = 1;
				xf[0].blk[b].dest_scatter_en = 1;
			}
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				(void)check_pattern("destination", dst, 3u * len, 31);
				(void)check_guards("destination", dst, 3u * len);
				EXPECT_EQ(3u * len, copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

/*
 * Gather/scatter counts run per block: each block of a list starts a fresh
 * run of units, whatever the previous block left. Two blocks of 5 units,
 * gathered 3 at a time and scattered 2 at a time (neither divides 5), end to
 * end against the model of each block.
 */
static void case_gather_scatter_runs_restart_at_each_block(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	const uint32_t w = common_width(), len = 5u * w, span = 4u * len;
	uint8_t *src, *dst, *shadow;
	int ch;

	if (!ttest_begin("m2m/gather-scatter-runs-restart-at-each-block")) {
		return;
	}
	if (!has(DMA_CAP_GATHER_SCATTER)) {
		ttest_skip("controller has no gather/scatter");
	} else if (caps.max_block_count < 2u) {
		ttest_skip("needs 2 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = guarded(2u * span);
		dst = guarded(2u * span);
		shadow = pool_alloc(2u * span + 2u * GUARD);
		if (src != NULL && dst != NULL && shadow != NULL) {
			fill_pattern(src, 2u * span, 41);
			c = cfg_init(&xf[0], 2, w, r);
			memcpy(shadow, dst - GUARD, 2u * span + 2u * GUARD);
			for (uint32_t b = 0; b < 2u; b++) {
				struct dma_block_config *k = &xf[0].blk[b];

				blk_set(k, src + b * span, dst + b * span, len);
				k->source_gather_en = 1;
				k->source_gather_count = 3;
				k->source_gather_interval = 2u * w;
				k->dest_scatter_en = 1;
				k->dest_scatter_count = 2;
				k->dest_scatter_interval = 3u * w;
				model_block(c, k, shadow, (uintptr_t)(dst - GUARD));
			}
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				(void)check_equal("destination vs model of each block (guards included)",
						  shadow, dst - GUARD, 2u * span + 2u * GUARD);
				EXPECT_EQ(2u * len, copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

/*
 * dma_config copies the configuration and the block list: the caller may
 * reuse or destroy them as soon as it returns, and dma_start (and a
 * restart) still runs what was configured.
 */
static void case_config_is_copied(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst, *other;
	const uint32_t w = common_width(), len = 32u * w;
	int ch;

	if (!ttest_begin("config/caller-may-reuse-its-config-and-blocks-after-dma_config")) {
		return;
	}
	if (caps.max_block_count < 2u) {
		ttest_skip("needs 2 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(2u * len);
		dst = guarded(2u * len);
		other = guarded(2u * len);
		if (src != NULL && dst != NULL && other != NULL) {
			fill_pattern(src, 2u * len, 41);
			c = cfg_init(&xf[0], 2, w, r);
			blk_set(&xf[0].blk[0], src, dst, len);
			blk_set(&xf[0].blk[1], src + len, dst + len, len);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			/* The caller reuses everything for something else. */
			blk_set(&xf[0].blk[0], src, other, 2u * w);
			xf[0].blk[0].next_block = NULL;
			xf[0].blk[1].block_size = 0;
			c->block_count = 7;
			c->dma_callback = NULL;
			for (int run = 0; run < 2; run++) {
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				if (!wait_ctr(&r->complete, (unsigned)run + 1u, "COMPLETE") ||
				    !wait_idle((uint32_t)ch)) {
					break;
				}
			}
			(void)check_pattern("destination of the configured list", dst, 2u * len, 41);
			(void)check_guards("destination", dst, 2u * len);
			if (has(DMA_CAP_RELOAD)) {
				/* A reload rebuilds from the channel's copy, not the
				 * caller's reused list. */
				uint8_t *dst2 = guarded(len);

				if (dst2 != NULL) {
					EXPECT_EQ(0, dma_reload(dev, (uint32_t)ch, A(src), A(dst2), len));
					EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
					if (wait_ctr(&r->complete, 3, "COMPLETE after the reload") &&
					    wait_idle((uint32_t)ch)) {
						(void)check_pattern("reloaded destination", dst2, len, 41);
						(void)check_guards("reloaded destination", dst2, len);
					}
				}
			}
			(void)check_guards("the caller's reused destination (untouched)", other, 2u * len);
			EXPECT_EQ(GUARD_BYTE, other[0]);
		}
	}
	teardown();
	ttest_end();
}

static void case_chain(uint32_t nblocks)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst[MAX_TEST_BLOCKS];
	uint32_t w = common_width(), off = 0, lens[MAX_TEST_BLOCKS];
	int ch;

	(void)snprintf(name, sizeof(name), "m2m/chain/%u-blocks", (unsigned)nblocks);
	if (!ttest_begin(name)) {
		return;
	}
	if (nblocks > caps.max_block_count || nblocks > MAX_TEST_BLOCKS) {
		ttest_skip("more blocks than the controller's DMA_ATTR_MAX_BLOCK_COUNT");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(nblocks * 64u * w);
		c = cfg_init(&xf[0], nblocks, w, r);
		for (uint32_t i = 0; i < nblocks; i++) {
			lens[i] = w * (4u + (i * 13u) % 60u);
			dst[i] = guarded(lens[i]);
			if (src == NULL || dst[i] == NULL) {
				break;
			}
			blk_set(&xf[0].blk[i], src + off, dst[i], lens[i]);
			off += lens[i];
		}
		if (!ttest_failed()) {
			fill_pattern(src, off, nblocks);
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				off = 0;
				for (uint32_t i = 0; i < nblocks && !ttest_failed(); i++) {
					(void)check_equal("block destination", src + off, dst[i],
							  lens[i]);
					(void)check_guards("block destination", dst[i], lens[i]);
					off += lens[i];
				}
				(void)check_pattern("source (unchanged)", src, off, nblocks);
				EXPECT_EQ(1, atomic_load(&r->total));
				EXPECT_EQ(off, copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

static const char *const adj_name[] = {"inc", "dec", "fixed"};

/*
 * Address adjustment, gather/scatter and mixed widths, against the model.
 * @p gs: 0 plain, 1 gather on the source, 2 scatter on the destination.
 */
static void case_adjust(unsigned sadj, unsigned dadj, uint32_t ss, uint32_t ds, unsigned gs)
{
	char name[80];
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_block_config *b;
	const uint32_t len = 64u;
	const uint32_t span = 3u * len; /* room for jumps */
	uint8_t *src, *dst, *shadow;
	int ch;

	(void)snprintf(name, sizeof(name), "m2m/adjust/src-%s%u/dst-%s%u%s", adj_name[sadj],
		       (unsigned)ss, adj_name[dadj], (unsigned)ds,
		       gs == 1 ? "/gather" : (gs == 2 ? "/scatter" : ""));
	if (!ttest_begin(name)) {
		return;
	}
	if ((caps.source_addr_adj & (1u << sadj)) == 0u || (caps.dest_addr_adj & (1u << dadj)) == 0u) {
		ttest_skip("address adjustment not supported by the controller");
	} else if (!width_ok(ss) || !width_ok(ds)) {
		ttest_skip("data size not supported by the controller");
	} else if (ss != ds && !has(DMA_CAP_MIXED_WIDTHS)) {
		ttest_skip(missing(DMA_CAP_MIXED_WIDTHS,
				   "controller needs equal source and destination widths"));
	} else if (gs != 0u && !has(DMA_CAP_GATHER_SCATTER)) {
		ttest_skip("controller has no gather/scatter");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = guarded(span);
		dst = guarded(span);
		shadow = pool_alloc(span + 2u * GUARD);
		if (src != NULL && dst != NULL && shadow != NULL) {
			fill_pattern(src, span, sadj * 3u + dadj);
			c = cfg_init(&xf[0], 1, ss, r);
			c->dest_data_size = ds;
			b = &xf[0].blk[0];
			b->block_size = len;
			b->source_addr_adj = sadj;
			b->dest_addr_adj = dadj;
			/* DECREMENT: the block address is the first (highest) unit. */
			b->source_address = A(sadj == DMA_ADDR_ADJ_DECREMENT ? src + span - ss : src);
			b->dest_address = A(dadj == DMA_ADDR_ADJ_DECREMENT ? dst + span - ds : dst);
			if (gs == 1u) {
				b->source_gather_en = 1;
				b->source_gather_count = 3;
				b->source_gather_interval = 2u * ss;
			} else if (gs == 2u) {
				b->dest_scatter_en = 1;
				b->dest_scatter_count = 2;
				b->dest_scatter_interval = 3u * ds;
			}
			memcpy(shadow, dst - GUARD, span + 2u * GUARD);
			model_block(c, b, shadow, (uintptr_t)(dst - GUARD));
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				(void)check_equal("destination vs model (guards included)", shadow,
						  dst - GUARD, span + 2u * GUARD);
				(void)check_pattern("source (unchanged)", src, span,
						    sadj * 3u + dadj);
				EXPECT_EQ(len, copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- callbacks */

/*
 * Callback sequence of a 3-block list for complete_callback_en @p per_block
 * and half_complete_callback_en @p half.
 */
static void case_callbacks(bool per_block, bool half)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	const uint32_t len = 128u;
	int expect[9];
	unsigned n = 0;
	int ch;

	(void)snprintf(name, sizeof(name), "callback/complete_en=%d/half_en=%d", per_block, half);
	if (!ttest_begin(name)) {
		return;
	}
	if (per_block && !has(DMA_CAP_BLOCK_CALLBACK)) {
		ttest_skip("controller has no per-block callbacks");
	} else if (half && !has(DMA_CAP_HALF_COMPLETE)) {
		ttest_skip("controller has no half-complete callbacks");
	} else if (3u > caps.max_block_count) {
		ttest_skip("needs 3 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(3u * len);
		dst = guarded(3u * len);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 3u * len, 5);
			c = cfg_init(&xf[0], 3, common_width(), r);
			c->complete_callback_en = per_block;
			c->half_complete_callback_en = half;
			for (uint32_t i = 0; i < 3u; i++) {
				blk_set(&xf[0].blk[i], src + i * len, dst + i * len, len);
				if (half) {
					expect[n++] = DMA_STATUS_HALF_COMPLETE;
				}
				if (i == 2u) {
					expect[n++] = DMA_STATUS_COMPLETE;
				} else if (per_block) {
					expect[n++] = DMA_STATUS_BLOCK;
				}
			}
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				ttest_sleep_ms(5); /* nothing may follow COMPLETE */
				EXPECT_EQ(n, atomic_load(&r->total));
				for (unsigned i = 0; i < n && i < atomic_load(&r->total); i++) {
					if (r->log[i] != expect[i]) {
						TT_FAIL("callback %u: expected status %d, got %d", i,
							expect[i], r->log[i]);
						break;
					}
				}
				(void)check_pattern("destination", dst, 3u * len, 5);
				(void)check_guards("destination", dst, 3u * len);
			}
		}
	}
	teardown();
	ttest_end();
}

/*
 * HALF_COMPLETE of a block of an odd number of units: when the callback
 * runs, the whole first half of the block is in the destination (a reader
 * of a double buffer takes that half then).
 */
static const uint8_t *half_src, *half_dst;
static uint32_t half_need;
static atomic_int half_first_bad = -1;

static void half_cb(const struct device *cb_dev, void *user_data, uint32_t channel, int status)
{
	if (status == DMA_STATUS_HALF_COMPLETE && atomic_load(&half_first_bad) == -1) {
		int bad = 0;

		for (uint32_t i = 0; i < half_need; i++) {
			if (half_dst[i] != half_src[i]) {
				bad = (int)i + 1;
				break;
			}
		}
		atomic_store(&half_first_bad, bad);
	}
	rec_cb(cb_dev, user_data, channel, status);
}

static void case_half_point_has_the_first_half(void)
{
	struct rec *r = &recs[0];
	const uint32_t w = common_width();
	const uint32_t len = 3u * w; /* three units: the midpoint is inside the second */
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch, ret;

	if (!ttest_begin("callback/half-complete-has-the-whole-first-half-written")) {
		return;
	}
	if (!has(DMA_CAP_HALF_COMPLETE)) {
		ttest_skip("controller has no half-complete callbacks");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(len);
		dst = guarded(len);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, len, 9);
			c = cfg_init(&xf[0], 1, w, r);
			c->half_complete_callback_en = 1;
			c->dma_callback = half_cb;
			blk_set(&xf[0].blk[0], src, dst, len);
			half_src = src;
			half_dst = dst;
			half_need = len - len / 2u;
			atomic_store(&half_first_bad, -1);
			ret = dma_config(dev, (uint32_t)ch, c);
			if (ret == -EINVAL) {
				ttest_skip("the controller cannot stop at a beat inside a block of 3 units");
			} else if (ret != 0) {
				TT_FAIL("dma_config: expected 0, got %d", ret);
			} else if (run_to_completion((uint32_t)ch, c, r, 1)) {
				EXPECT_EQ(1u, atomic_load(&r->half));
				EXPECT_TRUE(atomic_load(&half_first_bad) == 0,
					    "at HALF_COMPLETE, byte %d of the first %u was not written yet",
					    atomic_load(&half_first_bad) - 1, (unsigned)half_need);
				(void)check_pattern("destination", dst, len, 9);
				(void)check_guards("destination", dst, len);
			}
		}
	}
	teardown();
	ttest_end();
}

/* No callback at all when none is set, and the transfer still completes. */
/*
 * A callback that stops (then, on a second run, releases) its own channel:
 * the call returns at once, whatever context the driver reported from (an
 * interrupt, an engine thread, or the caller's own thread for a software or
 * polling driver), and no callback follows.
 */
static atomic_uint self_calls;
static atomic_int self_ret;
static atomic_bool self_release;

static void self_stop_cb(const struct device *cb_dev, void *user_data, uint32_t channel, int status)
{
	(void)user_data;
	(void)status;
	if (atomic_fetch_add(&self_calls, 1u) == 0u) {
		if (atomic_load(&self_release)) {
			dma_release_channel(cb_dev, channel);
			atomic_store(&self_ret, 0);
		} else {
			atomic_store(&self_ret, dma_stop(cb_dev, channel));
		}
	}
}

static bool self_called(void *arg)
{
	(void)arg;
	return atomic_load(&self_calls) != 0u;
}

static void case_stop_own_channel_in_callback(void)
{
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("callback/stop-or-release-own-channel-inside-callback-returns")) {
		return;
	}
	if (!has(DMA_CAP_BLOCK_CALLBACK) || caps.max_block_count < 3u) {
		ttest_skip(missing(DMA_CAP_BLOCK_CALLBACK, "needs per-block callbacks and 3 blocks"));
	} else if ((ch = get_chan()) >= 0) {
		src = pool_alloc(3u * 64u);
		dst = guarded(3u * 64u);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 3u * 64u, 12);
			for (int round = 0; round < 2; round++) {
				struct dma_status st;

				c = cfg_init(&xf[0], 3, common_width(), NULL);
				c->dma_callback = self_stop_cb;
				c->complete_callback_en = 1;
				for (uint32_t b = 0; b < 3u; b++) {
					blk_set(&xf[0].blk[b], src + 64u * b, dst + 64u * b, 64);
				}
				atomic_store(&self_calls, 0u);
				atomic_store(&self_ret, 1);
				atomic_store(&self_release, round == 1);
				EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				if (!ttest_wait(self_called, NULL, tgt->timeout_ms)) {
					TT_FAIL("no callback within %u ms", (unsigned)tgt->timeout_ms);
					break;
				}
				(void)wait_idle((uint32_t)ch);
				ttest_sleep_ms(20);
				EXPECT_EQ(0, atomic_load(&self_ret));
				EXPECT_EQ(1, atomic_load(&self_calls)); /* nothing after the stop */
				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(false, st.busy);
				EXPECT_EQ(round == 1 ? -EINVAL : 0, dma_start(dev, (uint32_t)ch));
				(void)dma_stop(dev, (uint32_t)ch);
				(void)wait_idle((uint32_t)ch);
			}
			(void)check_guards("destination", dst, 3u * 64u);
		}
	}
	teardown();
	ttest_end();
}

static void case_no_callback(void)
{
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("callback/none-set-transfer-completes")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		src = pool_alloc(256);
		dst = guarded(256);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 256, 9);
			c = cfg_init(&xf[0], 1, common_width(), NULL);
			c->dma_callback = NULL;
			blk_set(&xf[0].blk[0], src, dst, 256);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			if (wait_idle((uint32_t)ch)) {
				(void)check_pattern("destination", dst, 256, 9);
				(void)check_guards("destination", dst, 256);
			}
		}
	}
	teardown();
	ttest_end();
}

/* Restart (and optionally re-config) from inside the completion callback. */
static void case_restart_from_callback(bool reconfig)
{
	struct rec *r = &recs[0];
	struct dma_config *c, *c2;
	uint8_t *src, *dst, *dst2;
	const unsigned loops = 10u;
	int ch;

	if (!ttest_begin(reconfig ? "callback/reconfig-and-restart-in-callback-x10"
				  : "callback/restart-in-callback-x10")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(512);
		dst = guarded(512);
		dst2 = guarded(512);
		if (src != NULL && dst != NULL && dst2 != NULL) {
			fill_pattern(src, 512, 11);
			c = cfg_init(&xf[0], 1, common_width(), r);
			blk_set(&xf[0].blk[0], src, dst, 512);
			c2 = cfg_init(&xf[1], 1, common_width(), r);
			blk_set(&xf[1].blk[0], src, dst2, 512);
			r->reconf = reconfig ? c2 : NULL;
			atomic_store(&r->restarts_left, loops);
			if (run_to_completion((uint32_t)ch, c, r, loops + 1u)) {
				ttest_sleep_ms(5);
				EXPECT_EQ(loops + 1u, atomic_load(&r->complete));
				EXPECT_EQ(0, atomic_load(&r->api_err));
				EXPECT_EQ(0, atomic_load(&r->error));
				(void)check_pattern("first destination", dst, 512, 11);
				(void)check_guards("first destination", dst, 512);
				if (reconfig) {
					(void)check_pattern("re-configured destination", dst2, 512, 11);
					(void)check_guards("re-configured destination", dst2, 512);
					/* total_copied restarts at each dma_config */
					EXPECT_EQ(512, copied_now((uint32_t)ch));
				} else {
					EXPECT_EQ(512u * (loops + 1u), copied_now((uint32_t)ch));
				}
			}
		}
	}
	teardown();
	ttest_end();
}

/* dma_start on a CONFIGURED channel runs its configuration again. */
static void case_start_reruns(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("lifecycle/start-reruns-configuration")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		c = one_block_copy(r, (uint32_t)ch, 300, 1, 13, &src, &dst);
		if (c != NULL) {
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				memset(dst, 0, 300);
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				if (wait_ctr(&r->complete, 2, "second COMPLETE") &&
				    wait_idle((uint32_t)ch)) {
					(void)check_pattern("destination after re-run", dst, 300, 13);
					(void)check_guards("destination", dst, 300);
					EXPECT_EQ(600, copied_now((uint32_t)ch));
				}
			}
		}
	}
	teardown();
	ttest_end();
}

/* dma_config resets total_copied; pending_length is 0 when idle. */
static void case_status_accounting(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status st;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("status/total_copied-and-pending-accounting")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		c = one_block_copy(r, (uint32_t)ch, 1024, common_width(), 2, &src, &dst);
		if (c != NULL) {
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
			EXPECT_EQ(0, st.total_copied);
			EXPECT_EQ(0, st.pending_length);
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(false, st.busy);
				EXPECT_EQ(1024, st.total_copied);
				EXPECT_EQ(0, st.pending_length);
				EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
				EXPECT_EQ(0, copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

/*
 * A released channel reports what an UNCONFIGURED one does: everything 0,
 * nothing of the previous owner's transfer.
 */
static void case_status_after_release(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status st;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("status/released-channel-reports-zero")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		c = one_block_copy(r, (uint32_t)ch, 256, common_width(), 5, &src, &dst);
		if (c != NULL) {
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				EXPECT_EQ(256, copied_now((uint32_t)ch));
				dma_release_channel(dev, (uint32_t)ch);
				memset(&st, 0xA5, sizeof(st));
				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(false, st.busy);
				EXPECT_EQ(0, st.total_copied);
				EXPECT_EQ(0, st.pending_length);
				EXPECT_EQ(0, st.free);
				EXPECT_EQ(0, st.write_position);
				EXPECT_EQ(0, st.read_position);
				EXPECT_EQ(0, (int)st.dir);
			}
		}
	}
	teardown();
	ttest_end();
}

/*
 * A running ring, sampled many times: free + pending_length is the lap,
 * free is the write position, the positions are offsets in the ring, and
 * total_copied never decreases (across the wrap too).
 */
static void case_cyclic_status(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("status/cyclic-ring-fields-and-monotonic-total")) {
		return;
	}
	if (!has(DMA_CAP_CYCLIC)) {
		ttest_skip(missing(DMA_CAP_CYCLIC, "controller has no cyclic mode"));
	} else if (!running_observable()) {
		ttest_skip(no_running());
	} else if (2u > caps.max_block_count) {
		ttest_skip("needs 2 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(128);
		dst = guarded(128);
		if (src != NULL && dst != NULL) {
			uint64_t last = 0u;
			unsigned bad = 0u, wraps = 0u;
			uint32_t last_pos = 0u;

			fill_pattern(src, 128, 29);
			c = cfg_init(&xf[0], 2, common_width(), r);
			c->cyclic = 1;
			blk_set(&xf[0].blk[0], src, dst, 32);
			blk_set(&xf[0].blk[1], src + 32, dst + 32, 96);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			for (unsigned i = 0; i < 20000u && bad == 0u; i++) {
				struct dma_status st;

				(void)dma_get_status(dev, (uint32_t)ch, &st);
				if (!st.busy || st.free + st.pending_length != 128u ||
				    st.free != st.write_position || st.read_position >= 128u ||
				    st.total_copied < last || st.total_copied % 128u != st.free) {
					TT_FAIL("sample %u: expected busy, free+pending=128, free=write_position, "
						"read_position<128, total_copied>=%llu and total_copied%%128=free; "
						"got busy=%d free=%u pending=%u write=%u read=%u total=%llu",
						i, (unsigned long long)last, st.busy, (unsigned)st.free,
						(unsigned)st.pending_length, (unsigned)st.write_position,
						(unsigned)st.read_position,
						(unsigned long long)st.total_copied);
					bad++;
				}
				wraps += st.write_position < last_pos ? 1u : 0u;
				last_pos = st.write_position;
				last = st.total_copied;
			}
			EXPECT_EQ(0, dma_stop(dev, (uint32_t)ch));
			EXPECT_EQ(0, bad);
			(void)wraps;
		}
	}
	teardown();
	ttest_end();
}

/* Stop a long transfer: nothing is written afterwards, no callback comes; restart works. */
static void case_stop_restart(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status st;
	/* Long enough to be caught midway where a transfer takes time. */
	uint32_t len = 128u * 1024u;
	uint8_t *src, *dst, *snap;
	int ch;

	if (!ttest_begin("lifecycle/stop-midway-then-restart")) {
		return;
	}
	if (len > caps.max_block_size) {
		len = caps.max_block_size / 8u * 8u;
	}
	if (tgt->pool_len < 3u * len + 4u * GUARD) {
		ttest_skip("test pool smaller than 3 x 128 KiB");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(len);
		dst = guarded(len);
		snap = pool_alloc(len);
		if (src != NULL && dst != NULL && snap != NULL) {
			fill_pattern(src, len, 17);
			memset(dst, 0, len);
			c = cfg_init(&xf[0], 1, common_width(), r);
			blk_set(&xf[0].blk[0], src, dst, len);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			EXPECT_EQ(0, dma_stop(dev, (uint32_t)ch));
			EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
			EXPECT_EQ(false, st.busy);
			EXPECT_EQ(0, st.pending_length);
			EXPECT_TRUE(st.total_copied <= len, "total_copied %llu exceeds %u",
				    (unsigned long long)st.total_copied, (unsigned)len);
			memcpy(snap, dst, len);
			ttest_sleep_ms(20);
			(void)check_equal("destination after dma_stop (no late writes)", snap, dst,
					  len);
			/* Stopped before its last byte: no callback ever. Stopped
			 * after it: the COMPLETE may already have been under way. */
			unsigned before = atomic_load(&r->total);

			if (st.total_copied < len) {
				EXPECT_EQ(0, before);
			} else {
				EXPECT_TRUE(before <= 1u, "callbacks after a stop: expected <= 1, got %u",
					    before);
			}
			EXPECT_EQ(0, atomic_load(&r->error));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			if (wait_ctr(&r->complete, before + 1u, "COMPLETE after restart") &&
			    wait_idle((uint32_t)ch)) {
				(void)check_pattern("destination after restart", dst, len, 17);
				(void)check_guards("destination", dst, len);
			}
		}
	}
	teardown();
	ttest_end();
}

/* Suspend a one-shot transfer midway: status frozen; resume finishes it. */
/* Whether one transfer of @p len bytes fits the controller's blocks. */
static bool big_transfer_fits(uint32_t len)
{
	return (uint64_t)caps.max_block_size * caps.max_block_count >= len &&
	       (len + caps.max_block_size - 1u) / caps.max_block_size <= MAX_TEST_BLOCKS;
}

/* One transfer of @p len bytes from @p src to @p dst in as few blocks as allowed. */
static struct dma_config *big_transfer_cfg(struct rec *r, uint32_t len, uint8_t *src, uint8_t *dst)
{
	const uint32_t bsize = len < caps.max_block_size
				       ? len
				       : caps.max_block_size & ~(uint32_t)(common_width() - 1u);
	const uint32_t nb = (len + bsize - 1u) / bsize;
	struct dma_config *c = cfg_init(&xf[0], nb, common_width(), r);

	for (uint32_t b = 0; b < nb; b++) {
		uint32_t at = b * bsize;

		blk_set(&xf[0].blk[b], src + at, dst + at, len - at < bsize ? len - at : bsize);
	}
	return c;
}

/*
 * A controller that claims DMA_CAP_OBSERVABLE_RUNNING shows a long transfer
 * busy when dma_start() returns (at least once in a few tries: a loaded
 * host may deschedule the caller). A synchronous driver must not claim it.
 */
static void case_observable_running_claim(void)
{
	struct rec *r = &recs[0];
	const uint32_t len = 256u * 1024u;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("capabilities/observable-running-claim-holds")) {
		return;
	}
	if (!has(DMA_CAP_OBSERVABLE_RUNNING)) {
		ttest_skip(missing(DMA_CAP_OBSERVABLE_RUNNING, "not claimed"));
	} else if (!big_transfer_fits(len)) {
		ttest_skip("needs 256 KiB in one transfer (blocks x block size)");
	} else if (tgt->pool_len < 2u * len + 4u * GUARD) {
		ttest_skip("test pool smaller than 2 x 256 KiB");
	} else if ((ch = get_chan()) >= 0) {
		src = pool_alloc(len);
		dst = guarded(len);
		if (src != NULL && dst != NULL) {
			bool seen = false;

			fill_pattern(src, len, 21);
			for (int t = 0; t < 5 && !seen; t++) {
				struct dma_status st;

				rec_reset(r, (uint32_t)ch);
				EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, big_transfer_cfg(r, len, src, dst)));
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				(void)dma_get_status(dev, (uint32_t)ch, &st);
				seen = st.busy && st.pending_length > 0u;
				(void)wait_ctr(&r->complete, 1, "COMPLETE");
				(void)wait_idle((uint32_t)ch);
			}
			EXPECT_TRUE(seen, "claims DMA_CAP_OBSERVABLE_RUNNING, but in 5 tries every "
					  "256 KiB transfer had finished when dma_start() returned");
		}
	}
	teardown();
	ttest_end();
}

static void case_suspend_resume(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	struct dma_status a, b;
	const uint32_t len = 256u * 1024u;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("lifecycle/suspend-midway-status-frozen-resume-completes")) {
		return;
	}
	if (!has(DMA_CAP_SUSPEND)) {
		ttest_skip("controller cannot suspend");
	} else if (!has(DMA_CAP_OBSERVABLE_RUNNING)) {
		ttest_skip(missing(DMA_CAP_OBSERVABLE_RUNNING, "transfers finish inside dma_start()"));
	} else if (!big_transfer_fits(len)) {
		ttest_skip("needs 256 KiB in one transfer (blocks x block size)");
	} else if (tgt->pool_len < 2u * len + 4u * GUARD) {
		ttest_skip("test pool smaller than 2 x 256 KiB");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(len);
		dst = guarded(len);
		if (src != NULL && dst != NULL) {
			bool caught = false;

			fill_pattern(src, len, 19);
			/* A few tries: the suspend must land while the transfer
			 * runs at least once (a loaded host may deschedule us). */
			for (int t = 0; t < 5 && !caught && !ttest_failed(); t++) {
				rec_reset(r, (uint32_t)ch);
				c = big_transfer_cfg(r, len, src, dst);
				EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				int sret = dma_suspend(dev, (uint32_t)ch);

				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &a));
				if (sret == 0 && a.busy && a.pending_length > 0u) {
					caught = true;
					ttest_sleep_ms(20);
					EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &b));
					EXPECT_EQ(true, b.busy);
					EXPECT_EQ(a.pending_length, b.pending_length);
					EXPECT_EQ(a.total_copied, b.total_copied);
					EXPECT_EQ(len, b.pending_length + b.total_copied);
					EXPECT_EQ(0, atomic_load(&r->total));
					EXPECT_EQ(0, dma_resume(dev, (uint32_t)ch));
				} else if (sret == 0) {
					/* Every byte had moved before the halt took hold:
					 * the completion still comes, suspended or not. */
					int rret = dma_resume(dev, (uint32_t)ch);

					EXPECT_TRUE(rret == 0 || rret == -EINVAL,
						    "dma_resume after a finished transfer: expected 0 "
						    "or -EINVAL, got %d",
						    rret);
				} else if (sret != -EINVAL || a.busy) {
					/* -EINVAL only for a transfer already finished. */
					TT_FAIL("dma_suspend: expected 0, got %d (busy=%d)", sret, a.busy);
				}
				if (wait_ctr(&r->complete, 1, "COMPLETE after resume") &&
				    wait_idle((uint32_t)ch)) {
					(void)check_pattern("destination", dst, len, 19);
					(void)check_guards("destination", dst, len);
					EXPECT_EQ(len, copied_now((uint32_t)ch));
				}
			}
			EXPECT_TRUE(caught, "in 5 tries, dma_suspend never caught a 256 KiB transfer "
					    "running");
		}
	}
	teardown();
	ttest_end();
}

/* dma_reload: a new source, destination and size for the next start. */
static void case_reload(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst, *src2, *dst2;
	int ch;

	if (!ttest_begin("lifecycle/reload-new-buffers")) {
		return;
	}
	if (!has(DMA_CAP_RELOAD)) {
		ttest_skip("controller has no reload");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(200);
		dst = guarded(200);
		src2 = pool_alloc(96);
		dst2 = guarded(96);
		if (src != NULL && dst != NULL && src2 != NULL && dst2 != NULL) {
			fill_pattern(src, 200, 21);
			fill_pattern(src2, 96, 22);
			c = cfg_init(&xf[0], 1, common_width(), r);
			blk_set(&xf[0].blk[0], src, dst, 200);
			if (run_to_completion((uint32_t)ch, c, r, 1)) {
				EXPECT_EQ(0, dma_reload(dev, (uint32_t)ch, A(src2), A(dst2), 96));
				EXPECT_EQ(-EINVAL, dma_reload(dev, (uint32_t)ch, A(src2), A(dst2), 0));
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				if (wait_ctr(&r->complete, 2, "COMPLETE after reload") &&
				    wait_idle((uint32_t)ch)) {
					(void)check_pattern("reloaded destination", dst2, 96, 22);
					(void)check_guards("reloaded destination", dst2, 96);
					(void)check_pattern("first destination untouched", dst, 200,
							    21);
					EXPECT_EQ(296, copied_now((uint32_t)ch));
				}
			}
		}
	}
	teardown();
	ttest_end();
}

/* Cyclic: laps go on until dma_stop, with per-block callbacks; none after stop. */
static void case_cyclic(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	int ch;

	if (!ttest_begin("cyclic/laps-until-stop")) {
		return;
	}
	if (!has(DMA_CAP_CYCLIC)) {
		ttest_skip(missing(DMA_CAP_CYCLIC, "controller has no cyclic mode"));
	} else if (2u > caps.max_block_count) {
		ttest_skip("needs 2 blocks per transfer");
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(128);
		dst = guarded(128);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 128, 23);
			c = cfg_init(&xf[0], 2, common_width(), r);
			c->cyclic = 1;
			c->complete_callback_en = has(DMA_CAP_BLOCK_CALLBACK);
			blk_set(&xf[0].blk[0], src, dst, 64);
			blk_set(&xf[0].blk[1], src + 64, dst + 64, 64);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			if (wait_ctr(&r->complete, 3, "3 laps (COMPLETE callbacks)")) {
				struct dma_status st;

				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(true, st.busy); /* never completes by itself */
				EXPECT_EQ(0, dma_stop(dev, (uint32_t)ch));
				unsigned after = atomic_load(&r->total);

				ttest_sleep_ms(20);
				EXPECT_EQ(after, atomic_load(&r->total));
				EXPECT_EQ(0, atomic_load(&r->error));
				if (has(DMA_CAP_BLOCK_CALLBACK)) {
					unsigned blocks = atomic_load(&r->block);
					unsigned laps = atomic_load(&r->complete);

					EXPECT_TRUE(blocks == laps || blocks == laps + 1u,
						    "BLOCK callbacks: expected one per lap (%u), got %u",
						    laps, blocks);
				}
				(void)check_pattern("ring destination", dst, 128, 23);
				(void)check_guards("ring destination", dst, 128);
			}
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- chaining */

static void case_link_runs(void)
{
	struct rec *ra = &recs[0], *rb = &recs[1];
	struct dma_config *ca, *cb;
	uint8_t *src, *da, *db;
	int a, b;

	if (!ttest_begin("chaining/dest_chaining-starts-linked-channel")) {
		return;
	}
	if (!has(DMA_CAP_CHAINING) || caps.channels < 2u) {
		ttest_skip("controller has no channel chaining");
	} else if ((a = get_chan()) >= 0 && (b = get_chan()) >= 0) {
		rec_reset(ra, (uint32_t)a);
		rec_reset(rb, (uint32_t)b);
		src = pool_alloc(256);
		da = guarded(128);
		db = guarded(128);
		if (src != NULL && da != NULL && db != NULL) {
			fill_pattern(src, 256, 25);
			ca = cfg_init(&xf[0], 1, common_width(), ra);
			blk_set(&xf[0].blk[0], src, da, 128);
			ca->dest_chaining_en = 1;
			ca->linked_channel = (uint32_t)b;
			cb = cfg_init(&xf[1], 1, common_width(), rb);
			blk_set(&xf[1].blk[0], src + 128, db, 128);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)b, cb));
			if (run_to_completion((uint32_t)a, ca, ra, 1) &&
			    wait_ctr(&rb->complete, 1, "linked channel COMPLETE") &&
			    wait_idle((uint32_t)b)) {
				(void)check_equal("first channel destination", src, da, 128);
				(void)check_equal("linked channel destination", src + 128, db, 128);
				(void)check_guards("first channel destination", da, 128);
				(void)check_guards("linked channel destination", db, 128);
			}
		}
	}
	teardown();
	ttest_end();
}

static void case_link_validation(void)
{
	struct rec *r = &recs[0];
	struct dma_config *ca, *cb;
	uint8_t *src, *dst;
	int a, b;

	if (!ttest_begin("chaining/validation-self-cycle-unconfigured-range")) {
		return;
	}
	if (!has(DMA_CAP_CHAINING) || caps.channels < 2u) {
		ttest_skip("controller has no channel chaining");
	} else if ((a = get_chan()) >= 0 && (b = get_chan()) >= 0) {
		src = pool_alloc(64);
		dst = guarded(64);
		if (src != NULL && dst != NULL) {
			ca = cfg_init(&xf[0], 1, common_width(), r);
			blk_set(&xf[0].blk[0], src, dst, 64);
			ca->dest_chaining_en = 1;
			/* linked to itself: refused by dma_config */
			ca->linked_channel = (uint32_t)a;
			EXPECT_EQ(-EINVAL, dma_config(dev, (uint32_t)a, ca));
			/* out of range */
			if (caps.channels < 128u) {
				ca->linked_channel = caps.channels;
				EXPECT_EQ(-EINVAL, dma_config(dev, (uint32_t)a, ca));
			}
			/* linked to an unconfigured channel: refused by dma_start */
			ca->linked_channel = (uint32_t)b;
			EXPECT_EQ(0, dma_config(dev, (uint32_t)a, ca));
			EXPECT_EQ(-EINVAL, dma_start(dev, (uint32_t)a));
			EXPECT_TRUE(chan_idle(&(struct idle_wait){(uint32_t)a}),
				    "refused start: expected the channel idle");
			/* a -> b -> a: a cycle, refused by dma_start */
			cb = cfg_init(&xf[1], 1, common_width(), r);
			blk_set(&xf[1].blk[0], src, dst, 64);
			cb->dest_chaining_en = 1;
			cb->linked_channel = (uint32_t)a;
			EXPECT_EQ(0, dma_config(dev, (uint32_t)b, cb));
			EXPECT_EQ(-EINVAL, dma_start(dev, (uint32_t)a));
			EXPECT_EQ(-EINVAL, dma_start(dev, (uint32_t)b));
			EXPECT_TRUE(chan_idle(&(struct idle_wait){(uint32_t)a}) &&
					    chan_idle(&(struct idle_wait){(uint32_t)b}),
				    "refused starts: expected both channels idle");
			(void)check_guards("destination", dst, 64);
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- request/release */

static void case_request_release(void)
{
	static uint32_t seen[1024 / 32];
	const uint32_t n = caps.channels;
	uint32_t want;

	if (!ttest_begin("channels/request-release-filter")) {
		return;
	}
	memset(seen, 0, sizeof(seen));
	for (uint32_t i = 0; i < n; i++) {
		int got = dma_request_channel(dev, NULL);

		if (got < 0 || (uint32_t)got >= n || (uint32_t)got >= 1024u) {
			TT_FAIL("request %u: expected a channel, got %d", (unsigned)i, got);
			break;
		}
		if ((seen[got / 32] & (1u << (got % 32))) != 0u) {
			TT_FAIL("channel %d handed out twice", got);
			break;
		}
		seen[got / 32] |= 1u << (got % 32);
	}
	EXPECT_EQ(-EINVAL, dma_request_channel(dev, NULL)); /* all taken */
	want = n - 1u;
	EXPECT_EQ(-EINVAL, dma_request_channel(dev, &want)); /* taken */
	dma_release_channel(dev, want);
	EXPECT_EQ((int)want, dma_request_channel(dev, &want));
	dma_release_channel(dev, want);
	dma_release_channel(dev, caps.channels); /* out of range: ignored */
	want = caps.channels;
	EXPECT_EQ(-EINVAL, dma_request_channel(dev, &want));
	EXPECT_EQ(1, dma_chan_filter(dev, 0, NULL));
	want = 0;
	EXPECT_EQ(1, dma_chan_filter(dev, 0, &want));
	if (caps.channels > 1u) {
		EXPECT_EQ(0, dma_chan_filter(dev, 1, &want));
	}
	EXPECT_EQ(-EINVAL, dma_chan_filter(dev, (int)caps.channels, NULL));
	EXPECT_EQ(-EINVAL, dma_chan_filter(dev, -1, NULL));
	teardown();
	ttest_end();
}

/* Releasing a running channel stops it and makes it UNCONFIGURED. */
static void case_release_running(void)
{
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *dst;
	int ch;

	if (!ttest_begin("channels/release-stops-and-unconfigures")) {
		return;
	}
	if (!running_observable()) {
		ttest_skip(no_running());
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		c = state_cfg(r, &dst);
		if (c != NULL && enter_state((uint32_t)ch, ST_R, c)) {
			dma_release_channel(dev, (uint32_t)ch);
			unsigned n = atomic_load(&r->total);

			verify_state((uint32_t)ch, ST_U);
			ttest_sleep_ms(10);
			EXPECT_EQ(n, atomic_load(&r->total));
			(void)check_guards("ring destination", dst, RING_LEN);
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- invalid input */

enum bad {
	BAD_NULL_CONFIG,
	BAD_NULL_HEAD,
	BAD_COUNT_ZERO,
	BAD_COUNT_OVER_MAX,
	BAD_LIST_SHORT,
	BAD_SIZE_ZERO,
	BAD_SRC_WIDTH_3,
	BAD_DST_WIDTH_0,
	BAD_WIDTH_UNSUPPORTED,
	BAD_BURST_NOT_POW2,
	BAD_BURST_TOO_LONG,
	BAD_DIRECTION,
	BAD_ADJ_VALUE,
	BAD_SIZE_NOT_WHOLE_UNITS,
	BAD_LINK_RANGE,
	BAD_LINK_SELF,
	BAD_DEST_PAST_END_OF_ADDRESS_SPACE,
	BAD_UNCLAIMED_CYCLIC,
	BAD_UNCLAIMED_HALF_COMPLETE,
	BAD_UNCLAIMED_BLOCK_CALLBACK,
	BAD_UNCLAIMED_CHAINING,
	BAD_UNCLAIMED_MIXED_WIDTHS,
	BAD_COUNT
};

static const char *const bad_name[] = {
	"null-config",      "null-head_block",     "block_count-0",
	"block_count-over-max", "list-shorter-than-block_count", "block_size-0",
	"source_data_size-3", "dest_data_size-0", "data-size-unsupported",
	"burst-not-power-of-two", "burst-too-long", "direction-unsupported",
	"addr_adj-3",       "block_size-not-whole-units", "linked_channel-out-of-range",
	"linked_channel-self", "dest-block-past-end-of-address-space",
	"cyclic-not-claimed", "half_complete_callback_en-not-claimed",
	"complete_callback_en-not-claimed", "chaining-not-claimed", "mixed-widths-not-claimed",
};
_Static_assert(sizeof(bad_name) / sizeof(bad_name[0]) == BAD_COUNT, "a name for every bad input");

/* Apply defect @p bad to @p c (a valid 2-block config); false: not applicable. */
static bool make_bad(enum bad bad, struct dma_config *c, uint32_t ch, struct dma_config **arg)
{
	*arg = c;
	switch (bad) {
	case BAD_NULL_CONFIG:
		*arg = NULL;
		return true;
	case BAD_NULL_HEAD:
		c->head_block = NULL;
		return true;
	case BAD_COUNT_ZERO:
		c->block_count = 0;
		return true;
	case BAD_COUNT_OVER_MAX: {
		struct dma_block_config *b = c->head_block;
		uint32_t n = caps.max_block_count + 1u;

		if (n > MAX_TEST_BLOCKS) {
			return false;
		}
		for (uint32_t i = 1; i < n; i++) {
			b[i] = b[0];
			b[i - 1u].next_block = &b[i];
		}
		b[n - 1u].next_block = NULL;
		c->block_count = n; /* a complete, valid list, one block too long */
		return true;
	}
	case BAD_LIST_SHORT:
		c->block_count = 2;
		c->head_block->next_block = NULL;
		return caps.max_block_count >= 2u;
	case BAD_SIZE_ZERO:
		c->head_block->block_size = 0;
		return true;
	case BAD_SRC_WIDTH_3:
		c->source_data_size = 3;
		return true;
	case BAD_DST_WIDTH_0:
		c->dest_data_size = 0;
		return true;
	case BAD_WIDTH_UNSUPPORTED:
		for (uint32_t w = 1u; w <= 32768u; w <<= 1) {
			if (!width_ok(w)) {
				c->source_data_size = w;
				c->dest_data_size = w;
				return true;
			}
		}
		return false;
	case BAD_BURST_NOT_POW2:
		c->source_burst_length = 12;
		return true;
	case BAD_BURST_TOO_LONG:
		c->dest_burst_length = caps.max_burst_length * 2u;
		return caps.max_burst_length * 2u <= 0xFFFFu;
	case BAD_DIRECTION:
		for (uint32_t d = 0; d <= 7u; d++) {
			if ((caps.directions & (1u << d)) == 0u) {
				c->channel_direction = d;
				return true;
			}
		}
		return false;
	case BAD_ADJ_VALUE:
		c->head_block->dest_addr_adj = 3;
		return true;
	case BAD_SIZE_NOT_WHOLE_UNITS:
		c->head_block->block_size += 1u;
		return common_width() > 1u;
	case BAD_LINK_RANGE:
		c->dest_chaining_en = 1;
		c->linked_channel = caps.channels;
		return has(DMA_CAP_CHAINING) && caps.channels < 128u;
	case BAD_DEST_PAST_END_OF_ADDRESS_SPACE:
		/* The block's last byte would be past the highest address: an
		 * address register would wrap to 0. */
		c->head_block->dest_address =
			(dma_addr_t)0 - (dma_addr_t)(c->head_block->block_size / 2u);
		return true;
	/* A feature the controller does not claim (the contract: refused at
	 * dma_config with -EINVAL). Applicable only where it is not claimed. */
	case BAD_UNCLAIMED_CYCLIC:
		c->cyclic = 1;
		return !has(DMA_CAP_CYCLIC);
	case BAD_UNCLAIMED_HALF_COMPLETE:
		c->half_complete_callback_en = 1;
		return !has(DMA_CAP_HALF_COMPLETE);
	case BAD_UNCLAIMED_BLOCK_CALLBACK:
		c->complete_callback_en = 1;
		return !has(DMA_CAP_BLOCK_CALLBACK);
	case BAD_UNCLAIMED_CHAINING:
		c->dest_chaining_en = 1;
		c->linked_channel = ch + 1u < caps.channels ? ch + 1u : 0u;
		return !has(DMA_CAP_CHAINING) && caps.channels >= 2u;
	case BAD_UNCLAIMED_MIXED_WIDTHS:
		for (uint32_t w = 1u; w <= 32768u; w <<= 1) {
			if (width_ok(w) && w != c->source_data_size) {
				c->dest_data_size = w;
				return !has(DMA_CAP_MIXED_WIDTHS) &&
				       c->head_block->block_size % w == 0u;
			}
		}
		return false;
	case BAD_LINK_SELF:
	default:
		c->source_chaining_en = 1;
		c->linked_channel = ch;
		return has(DMA_CAP_CHAINING);
	}
}

/*
 * An invalid dma_config on a CONFIGURED channel gives -EINVAL and changes
 * nothing: the previous configuration still runs, unchanged.
 */
static void case_bad_config(enum bad bad)
{
	char name[80];
	struct rec *r = &recs[0];
	struct dma_config *good, *badc, *arg;
	uint8_t *src, *dst, *src2, *dst2;
	uint32_t w = common_width();
	int ch;

	(void)snprintf(name, sizeof(name), "invalid/dma_config/%s", bad_name[bad]);
	if (!ttest_begin(name)) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(64u * w);
		dst = guarded(64u * w);
		src2 = pool_alloc(64u * w);
		dst2 = guarded(64u * w);
		if (src != NULL && dst != NULL && src2 != NULL && dst2 != NULL) {
			fill_pattern(src, 64u * w, 27);
			fill_pattern(src2, 64u * w, 28);
			good = cfg_init(&xf[0], 1, w, r);
			blk_set(&xf[0].blk[0], src, dst, 64u * w);
			badc = cfg_init(&xf[1], 1, w, r);
			blk_set(&xf[1].blk[0], src2, dst2, 32u * w);
			if (!make_bad(bad, badc, (uint32_t)ch, &arg)) {
				ttest_skip("not applicable to this controller's capabilities");
			} else {
				EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, good));
				EXPECT_EQ(-EINVAL, dma_config(dev, (uint32_t)ch, arg));
				/* also refused on an UNCONFIGURED channel (a link to
				 * the first channel is only "self" for the first) */
				int other = bad == BAD_LINK_SELF ? -1 : dma_request_channel(dev, NULL);

				if (other >= 0) {
					EXPECT_EQ(-EINVAL, dma_config(dev, (uint32_t)other, arg));
					verify_state((uint32_t)other, ST_U);
				}
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				if (wait_ctr(&r->complete, 1, "COMPLETE of the previous configuration") &&
				    wait_idle((uint32_t)ch)) {
					(void)check_pattern("previous configuration's destination", dst,
							    64u * w, 27);
					(void)check_guards("previous destination", dst, 64u * w);
					(void)check_guards("refused configuration's destination",
							   dst2, 64u * w);
					EXPECT_EQ(GUARD_BYTE, dst2[0]);
				}
			}
		}
	}
	teardown();
	ttest_end();
}

/* Every call with an invalid channel number gives -EINVAL. */
static void case_bad_channel(void)
{
	struct dma_config *c;
	struct dma_status st;
	uint8_t buf[8];
	const uint32_t bad[] = {caps.channels, caps.channels + 1u, 0x7Fu, UINT32_MAX};

	if (!ttest_begin("invalid/channel-number-every-call")) {
		return;
	}
	c = cfg_init(&xf[0], 1, 1, &recs[0]);
	blk_set(&xf[0].blk[0], buf, buf + 4, 4);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t ch = bad[i];

		if (ch < caps.channels) {
			continue;
		}
		EXPECT_EQ(-EINVAL, dma_config(dev, ch, c));
		EXPECT_EQ(-EINVAL, dma_start(dev, ch));
		EXPECT_EQ(-EINVAL, dma_stop(dev, ch));
		EXPECT_EQ(want_suspend(-EINVAL), dma_suspend(dev, ch));
		EXPECT_EQ(want_suspend(-EINVAL), dma_resume(dev, ch));
		EXPECT_EQ(want_reload(-EINVAL), dma_reload(dev, ch, A(buf), A(buf + 4), 4));
		EXPECT_EQ(-EINVAL, dma_get_status(dev, ch, &st));
		dma_release_channel(dev, ch); /* ignored, must not crash */
	}
	teardown();
	ttest_end();
}

static void case_bad_misc(void)
{
	uint32_t v = 0x12345678u;
	int ch;

	if (!ttest_begin("invalid/null-status-null-attribute-unknown-attribute")) {
		return;
	}
	if ((ch = get_chan()) >= 0) {
		EXPECT_EQ(-EINVAL, dma_get_status(dev, (uint32_t)ch, NULL));
		EXPECT_EQ(-EINVAL, dma_get_attribute(dev, DMA_ATTR_MAX_BLOCK_COUNT, NULL));
		EXPECT_EQ(-EINVAL, dma_get_attribute(dev, 0x7777u, &v));
		EXPECT_EQ(0x12345678u, v);
		EXPECT_EQ(want_reload(-EINVAL), dma_reload(dev, (uint32_t)ch, 0, 0, 16)); /* UNCONFIGURED */
		verify_state((uint32_t)ch, ST_U);
	}
	teardown();
	ttest_end();
}

static void case_attributes(void)
{
	uint32_t v;

	if (!ttest_begin("attributes/match-capabilities")) {
		return;
	}
	EXPECT_EQ(0, dma_get_attribute(dev, DMA_ATTR_MAX_BLOCK_COUNT, &v));
	EXPECT_EQ(caps.max_block_count, v);
	EXPECT_TRUE(v >= 1u, "DMA_ATTR_MAX_BLOCK_COUNT: expected >= 1, got %u", (unsigned)v);
	EXPECT_EQ(0, dma_get_attribute(dev, DMA_ATTR_BUFFER_ADDRESS_ALIGNMENT, &v));
	EXPECT_EQ(caps.addr_alignment, v);
	EXPECT_EQ(0, dma_get_attribute(dev, DMA_ATTR_BUFFER_SIZE_ALIGNMENT, &v));
	EXPECT_EQ(caps.size_alignment, v);
	EXPECT_EQ(0, dma_get_attribute(dev, DMA_ATTR_COPY_ALIGNMENT, &v));
	EXPECT_EQ(caps.copy_alignment, v);
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- faults */

/* A bus error midway: one error callback (or none), CONFIGURED, restartable. */
static void case_fault(bool cb_disabled, bool cyclic)
{
	char name[64];
	struct rec *r = &recs[0];
	struct dma_config *c;
	uint8_t *src, *dst;
	const uint32_t len = 256u;
	const uint32_t fault_at = 100u / common_width() * common_width();
	int ch;

	(void)snprintf(name, sizeof(name), "fault/bus-error%s%s", cyclic ? "/cyclic" : "",
		       cb_disabled ? "/error_callback_dis" : "");
	if (!ttest_begin(name)) {
		return;
	}
	if (!has(DMA_CAP_ERROR_REPORT)) {
		ttest_skip(missing(DMA_CAP_ERROR_REPORT, "controller reports no bus errors"));
	} else if (tgt->inject_fault == NULL) {
		ttest_skip("no way to inject a bus error on this target");
	} else if (cyclic && !has(DMA_CAP_CYCLIC)) {
		ttest_skip(missing(DMA_CAP_CYCLIC, "controller has no cyclic mode"));
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(2u * len);
		dst = guarded(2u * len);
		if (src != NULL && dst != NULL) {
			fill_pattern(src, 2u * len, 29);
			c = cfg_init(&xf[0], 2, common_width(), r);
			c->error_callback_dis = cb_disabled;
			c->cyclic = cyclic;
			blk_set(&xf[0].blk[0], src, dst, len);
			blk_set(&xf[0].blk[1], src + len, dst + len, len);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, tgt->inject_fault(dev, (uint32_t)ch, 1, 100, -EIO));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			if (cb_disabled) {
				(void)wait_idle((uint32_t)ch);
				ttest_sleep_ms(5);
				EXPECT_EQ(0, atomic_load(&r->error));
			} else if (wait_ctr(&r->error, 1, "error callback")) {
				(void)wait_idle((uint32_t)ch);
				ttest_sleep_ms(5);
				EXPECT_EQ(1, atomic_load(&r->error));
				EXPECT_EQ(-EIO, atomic_load(&r->last_error));
			}
			if (!cyclic) {
				EXPECT_EQ(0, atomic_load(&r->complete));
				/* bytes before the fault moved, none at or after it */
				(void)check_equal("bytes before the fault", src, dst, len + fault_at);
				for (uint32_t i = len + fault_at; i < 2u * len; i++) {
					if (dst[i] != GUARD_BYTE) {
						TT_FAIL("byte %u after the fault written (0x%02x)",
							(unsigned)i, dst[i]);
						break;
					}
				}
			}
			EXPECT_EQ(len + fault_at, copied_now((uint32_t)ch) % (2u * len));
			(void)check_guards("destination", dst, 2u * len);
			if (cyclic) {
				verify_state((uint32_t)ch, ST_C);
			} else {
				/* CONFIGURED again, and the restart is clean */
				EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
				(void)wait_ctr(&r->complete, 1, "COMPLETE of the restarted transfer");
				(void)wait_idle((uint32_t)ch);
				(void)check_pattern("destination after restart", dst, 2u * len, 29);
				EXPECT_EQ(cb_disabled ? 0 : 1, atomic_load(&r->error));
			}
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- concurrency */

/* Every channel at once: all complete with their own data. */
static void case_all_channels(void)
{
	struct rec *r = &recs[0];
	const uint32_t len = 4096u;
	uint32_t n = caps.channels < NREC ? caps.channels : NREC;
	uint8_t *src[NREC], *dst[NREC];
	int ch[NREC];

	if (!ttest_begin("concurrency/channels-in-parallel")) {
		return;
	}
	for (uint32_t i = 0; i < n && !ttest_failed(); i++) {
		ch[i] = get_chan();
		if (ch[i] < 0) {
			break;
		}
		r = &recs[i];
		rec_reset(r, (uint32_t)ch[i]);
		src[i] = pool_alloc(len);
		dst[i] = guarded(len);
		if (src[i] == NULL || dst[i] == NULL) {
			break;
		}
		fill_pattern(src[i], len, 40u + i);
		(void)cfg_init(&xf[i], 1, common_width(), r);
		blk_set(&xf[i].blk[0], src[i], dst[i], len);
		EXPECT_EQ(0, dma_config(dev, (uint32_t)ch[i], &xf[i].cfg));
	}
	for (uint32_t i = 0; i < n && !ttest_failed(); i++) {
		EXPECT_EQ(0, dma_start(dev, (uint32_t)ch[i]));
	}
	for (uint32_t i = 0; i < n && !ttest_failed(); i++) {
		if (wait_ctr(&recs[i].complete, 1, "COMPLETE on every channel")) {
			(void)check_pattern("destination", dst[i], len, 40u + i);
			(void)check_guards("destination", dst[i], len);
			EXPECT_EQ(0, atomic_load(&recs[i].bad_args));
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- peripherals */

static const char *periph_skip(uint32_t need_direction)
{
	if (tgt->periph == NULL) {
		return tgt->no_periph_reason != NULL ? tgt->no_periph_reason
						     : "no peripheral attached to this controller";
	}
	if ((caps.directions & (1u << need_direction)) == 0u) {
		return "direction not supported by the controller";
	}
	return NULL;
}

/* A one-block peripheral transfer of @p len bytes of 1-byte units. */
static struct dma_config *periph_cfg(struct xfer *x, struct rec *r, enum dma_channel_direction dir,
				     uint32_t slot, void *src, void *dst, uint32_t len)
{
	struct dma_config *c = cfg_init(x, 1, 1, r);

	c->channel_direction = dir;
	c->dma_slot = slot;
	blk_set(&x->blk[0], src, dst, len);
	x->blk[0].source_addr_adj = (dir == PERIPHERAL_TO_MEMORY || dir == PERIPHERAL_TO_PERIPHERAL)
					    ? DMA_ADDR_ADJ_NO_CHANGE
					    : DMA_ADDR_ADJ_INCREMENT;
	x->blk[0].dest_addr_adj = (dir == MEMORY_TO_PERIPHERAL || dir == PERIPHERAL_TO_PERIPHERAL)
					  ? DMA_ADDR_ADJ_NO_CHANGE
					  : DMA_ADDR_ADJ_INCREMENT;
	return c;
}

struct take_wait {
	uint8_t *buf;
	size_t want, got;
};

static bool took_all(void *arg)
{
	struct take_wait *w = arg;

	w->got += tgt->periph->take(tgt->periph->ctx, w->buf + w->got, w->want - w->got);
	return w->got >= w->want;
}

/* Collect @p n bytes from the transmitter; fails the case on timeout. */
static bool take_tx(uint8_t *buf, size_t n)
{
	struct take_wait w = {buf, n, 0};

	if (!ttest_wait(took_all, &w, tgt->timeout_ms)) {
		TT_FAIL("transmitter sent %u of %u bytes", (unsigned)w.got, (unsigned)n);
		return false;
	}
	return true;
}

static void case_periph_m2p(void)
{
	struct rec *r = &recs[0];
	uint8_t *src, *out;
	const char *skip;
	int ch;

	if (!ttest_begin("periph/memory-to-peripheral-paced-by-requests")) {
		return;
	}
	if ((skip = periph_skip(MEMORY_TO_PERIPHERAL)) != NULL) {
		ttest_skip(skip);
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		src = pool_alloc(100);
		out = pool_alloc(100);
		if (src != NULL && out != NULL) {
			fill_pattern(src, 100, 51);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch,
						periph_cfg(&xf[0], r, MEMORY_TO_PERIPHERAL,
							   tgt->periph->tx_slot, src, NULL, 100)));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			if (wait_ctr(&r->complete, 1, "COMPLETE") && take_tx(out, 100)) {
				(void)check_pattern("transmitted bytes", out, 100, 51);
			}
		}
	}
	teardown();
	ttest_end();
}

static void case_periph_p2m(void)
{
	struct rec *r = &recs[0];
	uint8_t *data, *dst;
	const char *skip;
	int ch;

	if (!ttest_begin("periph/peripheral-to-memory-paced-by-requests")) {
		return;
	}
	if ((skip = periph_skip(PERIPHERAL_TO_MEMORY)) != NULL) {
		ttest_skip(skip);
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		data = pool_alloc(100);
		dst = guarded(100);
		if (data != NULL && dst != NULL) {
			fill_pattern(data, 100, 52);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch,
						periph_cfg(&xf[0], r, PERIPHERAL_TO_MEMORY,
							   tgt->periph->rx_slot, NULL, dst, 100)));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			EXPECT_EQ(100, tgt->periph->feed(tgt->periph->ctx, data, 100));
			if (wait_ctr(&r->complete, 1, "COMPLETE")) {
				(void)check_pattern("received bytes", dst, 100, 52);
				(void)check_guards("destination", dst, 100);
				EXPECT_EQ(0, atomic_load(&r->error));
			}
		}
	}
	teardown();
	ttest_end();
}

static void case_periph_p2p(void)
{
	struct rec *r = &recs[0];
	uint8_t *data, *out;
	const char *skip;
	int ch;

	if (!ttest_begin("periph/peripheral-to-peripheral")) {
		return;
	}
	if ((skip = periph_skip(PERIPHERAL_TO_PERIPHERAL)) != NULL) {
		ttest_skip(skip);
	} else if ((ch = get_chan()) >= 0) {
		rec_reset(r, (uint32_t)ch);
		data = pool_alloc(60);
		out = pool_alloc(60);
		if (data != NULL && out != NULL) {
			fill_pattern(data, 60, 53);
			/* Two request lines: the source's in [3:0], the destination's in [7:4]. */
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch,
						periph_cfg(&xf[0], r, PERIPHERAL_TO_PERIPHERAL,
							   tgt->periph->rx_slot | (tgt->periph->tx_slot << 4),
							   NULL, NULL, 60)));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			EXPECT_EQ(60, tgt->periph->feed(tgt->periph->ctx, data, 60));
			if (wait_ctr(&r->complete, 1, "COMPLETE") && take_tx(out, 60)) {
				(void)check_pattern("bytes passed from receiver to transmitter", out, 60, 53);
			}
		}
	}
	teardown();
	ttest_end();
}

struct copied_wait {
	uint32_t ch;
	uint64_t n;
};

static bool copied_reached(void *arg)
{
	struct copied_wait *w = arg;

	return copied_now(w->ch) >= w->n;
}

static void case_periph_cyclic_rx(void)
{
	struct rec *r = &recs[0];
	uint8_t *data, *ring;
	struct dma_status st;
	const char *skip;
	int ch;

	if (!ttest_begin("periph/cyclic-receive-callbacks-and-write-position")) {
		return;
	}
	if ((skip = periph_skip(PERIPHERAL_TO_MEMORY)) != NULL) {
		ttest_skip(skip);
	} else if (!has(DMA_CAP_CYCLIC) || !has(DMA_CAP_HALF_COMPLETE)) {
		ttest_skip(missing(DMA_CAP_CYCLIC, "controller has no cyclic mode"));
	} else if ((ch = get_chan()) >= 0) {
		struct dma_config *c;
		struct copied_wait w = {(uint32_t)ch, 80};

		rec_reset(r, (uint32_t)ch);
		data = pool_alloc(80);
		ring = guarded(32);
		if (data != NULL && ring != NULL) {
			fill_pattern(data, 80, 54);
			c = periph_cfg(&xf[0], r, PERIPHERAL_TO_MEMORY, tgt->periph->rx_slot, NULL, ring, 32);
			c->cyclic = 1;
			c->half_complete_callback_en = 1;
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch, c));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			EXPECT_EQ(80, tgt->periph->feed(tgt->periph->ctx, data, 80));
			/* 80 bytes = 2 laps of 32 and 16 more */
			if (ttest_wait(copied_reached, &w, tgt->timeout_ms) &&
			    wait_ctr(&r->complete, 2, "2 laps (COMPLETE)")) {
				ttest_sleep_ms(5);
				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(true, st.busy);
				EXPECT_EQ(80, st.total_copied);
				EXPECT_EQ(16, st.write_position);
				EXPECT_EQ(16, st.pending_length);
				EXPECT_EQ(2, atomic_load(&r->complete));
				EXPECT_EQ(3, atomic_load(&r->half)); /* midpoints at 16, 48, 80 */
				(void)check_equal("newest bytes at the ring's start", data + 64, ring, 16);
				(void)check_equal("previous lap after them", data + 48, ring + 16, 16);
				(void)check_guards("ring", ring, 32);
			} else {
				TT_FAIL("ring received %llu of 80 bytes",
					(unsigned long long)copied_now((uint32_t)ch));
			}
		}
	}
	teardown();
	ttest_end();
}

static void case_periph_overrun(void)
{
	struct rec *r = &recs[0];
	uint8_t *data, *dst;
	struct dma_status st;
	const char *skip;
	uint32_t depth;
	int ch;

	if (!ttest_begin("periph/receiver-overrun-reported-as-error")) {
		return;
	}
	if ((skip = periph_skip(PERIPHERAL_TO_MEMORY)) != NULL) {
		ttest_skip(skip);
	} else if (!has(DMA_CAP_SUSPEND) || !has(DMA_CAP_ERROR_REPORT)) {
		ttest_skip("needs suspend and error reporting");
	} else if ((ch = get_chan()) >= 0) {
		depth = tgt->periph->fifo_depth;
		rec_reset(r, (uint32_t)ch);
		data = pool_alloc(4u * depth);
		dst = guarded(4u * depth);
		if (data != NULL && dst != NULL) {
			fill_pattern(data, 4u * depth, 55);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch,
						periph_cfg(&xf[0], r, PERIPHERAL_TO_MEMORY,
							   tgt->periph->rx_slot, NULL, dst, 4u * depth)));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			EXPECT_EQ(0, dma_suspend(dev, (uint32_t)ch)); /* nobody drains the FIFO */
			EXPECT_EQ(4u * depth, tgt->periph->feed(tgt->periph->ctx, data, 4u * depth));
			ttest_sleep_ms(150); /* more than the FIFO arrives meanwhile */
			EXPECT_EQ(0, dma_resume(dev, (uint32_t)ch));
			if (wait_ctr(&r->error, 1, "error callback for the overrun")) {
				ttest_sleep_ms(5);
				EXPECT_EQ(1, atomic_load(&r->error));
				EXPECT_EQ(-EIO, atomic_load(&r->last_error));
				EXPECT_EQ(0, atomic_load(&r->complete));
				EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
				EXPECT_EQ(false, st.busy); /* CONFIGURED again */
				(void)check_guards("destination", dst, 4u * depth);
			}
			/* Drain what the FIFO kept, for the cases that follow. */
			rec_reset(r, (uint32_t)ch);
			EXPECT_EQ(0, dma_config(dev, (uint32_t)ch,
						periph_cfg(&xf[0], r, PERIPHERAL_TO_MEMORY,
							   tgt->periph->rx_slot, NULL, dst, depth)));
			EXPECT_EQ(0, dma_start(dev, (uint32_t)ch));
			(void)wait_ctr(&r->complete, 1, "draining the receiver's FIFO");
		}
	}
	teardown();
	ttest_end();
}

/* ------------------------------------------------------------- bad inputs table */

static const char *errname(int e)
{
	switch (e) {
	case 0:
		return "0";
	case -EINVAL:
		return "-EINVAL";
	case -EBUSY:
		return "-EBUSY";
	case -ENOSYS:
		return "-ENOSYS";
	default:
		return "other";
	}
}

/* The reason of the latest refusal (copied: reasons may be built on the stack). */
static char last_reason[200];
static unsigned refusals_without_reason;

static void capture_reason(const struct device *d, uint32_t channel, int err, const char *reason)
{
	(void)d;
	(void)channel;
	(void)err;
	(void)snprintf(last_reason, sizeof(last_reason), "%s", reason);
}

static void row(const char *call, const char *input, int want, int got)
{
	if (got != 0 && last_reason[0] == '\0') {
		refusals_without_reason++;
	}
	ttest_printf("| %s | %s | %s | %s | %s |\n", call, input, errname(want),
		     got == want ? "same" : errname(got),
		     last_reason[0] != '\0' ? last_reason : "(none)");
	last_reason[0] = '\0';
}

/* The defect descriptions of the invalid-configuration cases, for the table. */
static const char *const bad_text[] = {
	"config is NULL", "head_block is NULL", "block_count is 0",
	"block_count above DMA_ATTR_MAX_BLOCK_COUNT", "block list shorter than block_count",
	"a block_size of 0", "source_data_size 3 (not a power of two)", "dest_data_size 0",
	"a data size the controller lacks", "burst length 12 (not a power of two)",
	"burst length above the controller's limit", "a direction the controller lacks",
	"dest_addr_adj 3 (no such adjustment)", "block_size not a whole number of units",
	"linked_channel out of range", "linked_channel is the channel itself",
	"a destination block past the end of the address space",
	"cyclic, on a controller without cyclic transfers",
	"half_complete_callback_en, on a controller without half-complete callbacks",
	"complete_callback_en, on a controller without per-block callbacks",
	"channel chaining, on a controller without it",
	"different source and destination data sizes, on a controller without mixed widths",
};
_Static_assert(sizeof(bad_text) / sizeof(bad_text[0]) == BAD_COUNT, "a text for every bad input");

int dma_conformance_print_bad_inputs(const struct dma_conformance_target *target)
{
	struct dma_status st;
	uint32_t v;
	uint8_t *src, *dst;
	int ch, other;

	tgt = target;
	dev = target->dev;
	if (!device_is_ready(dev) || dma_get_capabilities(dev, &caps) != 0) {
		return 1;
	}
	teardown();
	dma_set_refusal_hook(capture_reason);
	last_reason[0] = '\0';
	refusals_without_reason = 0;
	ttest_printf("| call | input or state | contract | observed on %s | reason told to the "
		     "refusal hook |\n", dev->name);
	ttest_printf("|---|---|---|---|---|\n");
	/* Invalid configurations, on a CONFIGURED channel. */
	for (int b = 0; b < BAD_COUNT; b++) {
		struct dma_config *good, *bad, *arg;

		teardown();
		ch = dma_request_channel(dev, NULL);
		src = pool_alloc(256);
		dst = pool_alloc(256);
		good = cfg_init(&xf[0], 1, common_width(), NULL);
		blk_set(&xf[0].blk[0], src, dst, 64u * common_width());
		bad = cfg_init(&xf[1], 1, common_width(), NULL);
		blk_set(&xf[1].blk[0], src, dst, 32u * common_width());
		if (ch < 0 || !make_bad((enum bad)b, bad, (uint32_t)ch, &arg)) {
			continue;
		}
		(void)dma_config(dev, (uint32_t)ch, good);
		row("dma_config", bad_text[b], -EINVAL, dma_config(dev, (uint32_t)ch, arg));
	}
	/* Calls refused in a state (the contract's table). */
	for (int call = 0; call < C_COUNT; call++) {
		for (int s0 = ST_U; s0 <= ST_S; s0++) {
			char what[48];
			struct dma_config *c;

			if (table[call][s0].ret == 0) {
				continue;
			}
			teardown();
			(void)snprintf(what, sizeof(what), "channel %s", st_name[s0]);
			if ((s0 == ST_R || s0 == ST_S) && !running_observable()) {
				ttest_printf("| %s | %s | %s | not observable: %s | |\n",
					     call_name[call], what, errname(table[call][s0].ret),
					     no_running());
				continue;
			}
			ch = dma_request_channel(dev, NULL);
			c = state_cfg(NULL, &dst);
			if (ch < 0 || c == NULL || !enter_state((uint32_t)ch, (enum st)s0, c)) {
				continue;
			}
			row(call_name[call], what, table[call][s0].ret,
			    do_call((enum call)call, (uint32_t)ch, c, dst));
		}
	}
	teardown();
	/* Invalid channel numbers, NULL pointers, other refusals. */
	v = caps.channels;
	row("every channel call", "channel number >= the controller's channels", -EINVAL,
	    dma_start(dev, v));
	ch = dma_request_channel(dev, NULL);
	row("dma_get_status", "stat is NULL", -EINVAL, dma_get_status(dev, (uint32_t)ch, NULL));
	row("dma_get_attribute", "value is NULL", -EINVAL,
	    dma_get_attribute(dev, DMA_ATTR_MAX_BLOCK_COUNT, NULL));
	row("dma_get_attribute", "unknown attribute type", -EINVAL, dma_get_attribute(dev, 99u, &v));
	row("dma_get_capabilities", "caps is NULL", -EINVAL, dma_get_capabilities(dev, NULL));
	row("dma_chan_filter", "channel out of range, or negative", -EINVAL,
	    dma_chan_filter(dev, -1, NULL));
	v = (uint32_t)ch;
	row("dma_request_channel", "a channel already taken", -EINVAL, dma_request_channel(dev, &v));
	v = caps.channels;
	row("dma_request_channel", "a channel out of range", -EINVAL, dma_request_channel(dev, &v));
	{
		struct dma_config *c = state_cfg(NULL, &dst);

		(void)dma_config(dev, (uint32_t)ch, c);
		row("dma_reload", "size 0", has(DMA_CAP_RELOAD) ? -EINVAL : -ENOSYS,
		    dma_reload(dev, (uint32_t)ch, 0, 0, 0));
		if (has(DMA_CAP_RELOAD) && common_width() > 1u) {
			row("dma_reload", "size not a whole number of units", -EINVAL,
			    dma_reload(dev, (uint32_t)ch, c->head_block->source_address,
				       c->head_block->dest_address, 4u * common_width() + 1u));
		}
	}
	if (has(DMA_CAP_CHAINING) && caps.channels >= 2u) {
		struct dma_config *a, *b;

		other = dma_request_channel(dev, NULL);
		a = cfg_init(&xf[0], 1, common_width(), NULL);
		blk_set(&xf[0].blk[0], pool_alloc(64), pool_alloc(64), 64);
		a->dest_chaining_en = 1;
		a->linked_channel = (uint32_t)other;
		(void)dma_config(dev, (uint32_t)ch, a);
		row("dma_start", "linked_channel not configured", -EINVAL, dma_start(dev, (uint32_t)ch));
		b = cfg_init(&xf[1], 1, common_width(), NULL);
		blk_set(&xf[1].blk[0], pool_alloc(64), pool_alloc(64), 64);
		b->dest_chaining_en = 1;
		b->linked_channel = (uint32_t)ch;
		(void)dma_config(dev, (uint32_t)other, b);
		row("dma_start", "links forming a cycle", -EINVAL, dma_start(dev, (uint32_t)ch));
	}
	(void)st;
	teardown();
	dma_set_refusal_hook(NULL);
	if (refusals_without_reason != 0u) {
		ttest_printf("\n%u refusals above gave no reason\n", refusals_without_reason);
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------- runner */

/* Counted by told_hook; it refuses once more from inside the first call. */
static unsigned told_count, told_empty;
static int told_err[8];

static void told_hook(const struct device *d, uint32_t channel, int err, const char *reason)
{
	struct dma_status st;

	(void)channel;
	if (told_count < 8u) {
		told_err[told_count] = err;
	}
	if (reason == NULL || reason[0] == '\0') {
		told_empty++;
	}
	if (told_count++ == 0u) {
		/* A refusal made by the hook itself is not told (no recursion). */
		(void)dma_get_status(d, caps.channels, &st);
	}
}

/*
 * Every refusal is told to the refusal hook with a reason, the second and
 * third as well as the first (in thread mode on a target as on the host);
 * one made from inside the hook is not; without a hook nothing is told.
 */
static void case_every_refusal_told(void)
{
	struct dma_status st;
	int ch;

	if (!ttest_begin("reasons/every-refusal-told-once-with-a-reason")) {
		return;
	}
	teardown();
	told_count = 0;
	told_empty = 0;
	ch = dma_request_channel(dev, NULL);
	ASSERT_TRUE(ch >= 0, "no free channel");
	dma_set_refusal_hook(told_hook);
	EXPECT_EQ(-EINVAL, dma_start(dev, caps.channels));
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, NULL));
	EXPECT_EQ(-EINVAL, dma_stop(dev, caps.channels));
	/* Refused under the lock (the state decides), then a call that
	 * succeeds under the lock: only the refusal is told. */
	EXPECT_EQ(-EINVAL, dma_start(dev, (uint32_t)ch)); /* UNCONFIGURED */
	EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
	EXPECT_EQ(0, dma_get_status(dev, (uint32_t)ch, &st));
	dma_set_refusal_hook(NULL);
	EXPECT_EQ(-EINVAL, dma_start(dev, caps.channels));
	EXPECT_EQ(4, told_count);
	EXPECT_EQ(0, told_empty);
	for (unsigned i = 0; i < 4u && i < told_count; i++) {
		EXPECT_EQ(-EINVAL, told_err[i]);
	}
	teardown();
	ttest_end();
}

int dma_conformance_run(const struct dma_conformance_target *target)
{
	/* 0 and 1 stand for one and three units of the data size */
	static const uint32_t lens[] = {0, 1, 64, 1000, 4096, 65536 + 24};
	unsigned p, f0, f, s;

	tgt = target;
	dev = target->dev;
	ttest_counts(&p, &f0, &s);
	ttest_set_prefix(dev != NULL ? dev->name : "(null)");
	if (!device_is_ready(dev) || dma_get_capabilities(dev, &caps) != 0) {
		ttest_begin("setup/device-ready");
		TT_FAIL("device not ready or no capabilities");
		ttest_end();
		return 1;
	}
	ttest_printf("conformance: %s, %u channels, %u blocks, features 0x%x\n", dev->name,
		     (unsigned)caps.channels, (unsigned)caps.max_block_count,
		     (unsigned)caps.features);
	teardown();

	for (int call = 0; call < C_COUNT; call++) {
		for (int s0 = ST_U; s0 <= ST_S; s0++) {
			state_case((enum call)call, (enum st)s0);
		}
	}
	for (int s0 = ST_U; s0 <= ST_S; s0++) {
		status_case((enum st)s0);
	}
	for (uint32_t w = 1u; w <= 8u; w <<= 1) {
		for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			case_single_block(w, i == 0 ? w : (i == 1 ? 3u * w : lens[i]));
		}
	}
	case_chain(2);
	case_chain(caps.max_block_count < MAX_TEST_BLOCKS ? caps.max_block_count : MAX_TEST_BLOCKS);
	for (unsigned sa = 0; sa < 3u; sa++) {
		for (unsigned da = 0; da < 3u; da++) {
			case_adjust(sa, da, 4, 4, 0);
		}
	}
	case_adjust(DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_INCREMENT, 4, 4, 1);
	case_adjust(DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_INCREMENT, 4, 4, 2);
	case_adjust(DMA_ADDR_ADJ_DECREMENT, DMA_ADDR_ADJ_INCREMENT, 2, 2, 1);
	case_adjust(DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_DECREMENT, 1, 1, 2);
	case_adjust(DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_INCREMENT, 1, 4, 0);
	case_adjust(DMA_ADDR_ADJ_INCREMENT, DMA_ADDR_ADJ_DECREMENT, 4, 2, 0);
	case_adjust(DMA_ADDR_ADJ_NO_CHANGE, DMA_ADDR_ADJ_INCREMENT, 2, 8, 0);
	for (int pb = 0; pb <= 1; pb++) {
		for (int h = 0; h <= 1; h++) {
			case_callbacks(pb != 0, h != 0);
		}
	}
	case_half_point_has_the_first_half();
	case_no_callback();
	case_stop_own_channel_in_callback();
	case_zephyr_gather_count_zero();
	case_gather_scatter_runs_restart_at_each_block();
	case_config_is_copied();
	case_observable_running_claim();
	case_restart_from_callback(false);
	case_restart_from_callback(true);
	case_start_reruns();
	case_status_accounting();
	case_stop_restart();
	case_suspend_resume();
	case_reload();
	case_cyclic();
	case_cyclic_status();
	case_link_runs();
	case_link_validation();
	case_request_release();
	case_release_running();
	case_status_after_release();
	for (int b = 0; b < BAD_COUNT; b++) {
		case_bad_config((enum bad)b);
	}
	case_bad_channel();
	case_bad_misc();
	case_every_refusal_told();
	case_attributes();
	case_fault(false, false);
	case_fault(true, false);
	case_fault(false, true);
	case_all_channels();
	case_periph_m2p();
	case_periph_p2m();
	case_periph_p2p();
	case_periph_cyclic_rx();
	case_periph_overrun();

	ttest_counts(&p, &f, &s);
	ttest_set_prefix(NULL);
	return (int)(f - f0);
}
