/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The timeline trace: record transfers on the emulated controller, write
 * the VCD, parse it back and check what it says against what happened.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul_periph.h"
#include "dma/dma_emul_trace.h"
#include "ttest.h"
#include "ttest_host.h"

DMA_EMUL_TRACE_DEFINE(trace, 4096);

static const struct device *dev;
static struct dma_emul_serial uart;
static atomic_uint completes;

static void on_event(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)ch;
	if (status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&completes, 1u);
	}
}

static bool two_done(void *arg)
{
	(void)arg;
	return atomic_load(&completes) >= 2u;
}

/* What the parser found for one channel. */
struct chan_vcd {
	char state_seq[32]; /* state values in order, e.g. "010" */
	unsigned rises[6];  /* rising edges of half, block, callback, error, request (index = signal) */
};

enum { S_STATE, S_HALF, S_BLOCK, S_CALLBACK, S_ERROR, S_REQUEST, S_COUNT };
static const char *const names[S_COUNT] = {"state", "half", "block", "callback", "error", "request"};

struct sig {
	char id[32];
	int ch, s;
};

static struct sig sigs[64];
static int nsigs;

static bool parse_vcd(char *text, struct chan_vcd *out, int nch)
{
	int cur_ch = -1;
	long long last_t = -1;
	bool defs_done = false, timescale = false;

	memset(out, 0, sizeof(*out) * (size_t)nch);
	for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		char a[32], b[32], c[32];
		int width;

		if (strncmp(line, "$timescale 1ps", 14) == 0) {
			timescale = true;
		} else if (sscanf(line, "$scope module ch%d", &cur_ch) == 1) {
			continue;
		} else if (sscanf(line, "$var wire %d %31s %31s", &width, a, b) == 3 && nsigs < 64) {
			for (int s = 0; s < S_COUNT; s++) {
				if (strcmp(b, names[s]) == 0) {
					snprintf(sigs[nsigs].id, sizeof(sigs[nsigs].id), "%s", a);
					sigs[nsigs].ch = cur_ch;
					sigs[nsigs].s = s;
					nsigs++;
				}
			}
		} else if (strncmp(line, "$enddefinitions", 15) == 0) {
			defs_done = true;
		} else if (line[0] == '#' && defs_done) {
			long long t = atoll(line + 1);

			if (t <= last_t) {
				TT_FAIL("time %lld after %lld: times must increase", t, last_t);
				return false;
			}
			last_t = t;
		} else if (defs_done && (line[0] == '0' || line[0] == '1' || line[0] == 'b')) {
			bool vec = line[0] == 'b';

			if (vec ? sscanf(line, "b%31s %31s", c, a) != 2 : sscanf(line + 1, "%31s", a) != 1) {
				continue;
			}
			for (int i = 0; i < nsigs; i++) {
				if (strcmp(sigs[i].id, a) != 0 || sigs[i].ch < 0 || sigs[i].ch >= nch) {
					continue;
				}
				struct chan_vcd *cv = &out[sigs[i].ch];

				if (vec) {
					size_t l = strlen(cv->state_seq);

					if (l + 1u < sizeof(cv->state_seq)) {
						cv->state_seq[l] = (char)('0' + strtol(c, NULL, 2));
					}
				} else if (line[0] == '1') {
					cv->rises[sigs[i].s]++;
				}
			}
		}
	}
	if (!timescale || !defs_done || nsigs < S_COUNT * nch) {
		TT_FAIL("header: timescale %d, definitions %d, %d signals", timescale, defs_done, nsigs);
		return false;
	}
	return true;
}

int main(void)
{
	static uint8_t src[192], dst[192], rx[64], vcd[65536];
	static const uint8_t line[64] = "sixty-four bytes through the emulated serial port, traced!!!!!";
	struct dma_block_config blk[3], rblk;
	struct dma_config cfg, rcfg;
	struct chan_vcd ch[2];
	FILE *f;

	ttest_init(&ttest_host_platform);
	dev = device_get_binding("dma_emul");
	if (!ttest_begin("trace/vcd-of-a-block-list-and-a-paced-receive")) {
		return 1;
	}
	if (dev == NULL || dma_emul_serial_init(&uart, 64, 10000) != 0 ||
	    dma_emul_attach(dev, 2, &uart.rx) != 0) {
		TT_FAIL("setup");
	}
	/* Channel 0: three blocks, a callback per block. */
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 3; i++) {
		blk[i].source_address = (uintptr_t)&src[i * 64];
		blk[i].dest_address = (uintptr_t)&dst[i * 64];
		blk[i].block_size = 64;
		blk[i].next_block = i < 2 ? &blk[i + 1] : NULL;
	}
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 3;
	cfg.head_block = blk;
	cfg.complete_callback_en = 1;
	cfg.dma_callback = on_event;
	/* Channel 1: 64 bytes from the serial port, 4 bytes per request. */
	memset(&rcfg, 0, sizeof(rcfg));
	memset(&rblk, 0, sizeof(rblk));
	rblk.dest_address = (uintptr_t)rx;
	rblk.block_size = 64;
	rblk.source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	rcfg.channel_direction = PERIPHERAL_TO_MEMORY;
	rcfg.dma_slot = 2;
	rcfg.source_data_size = 1;
	rcfg.dest_data_size = 1;
	rcfg.source_burst_length = 4;
	rcfg.block_count = 1;
	rcfg.head_block = &rblk;
	rcfg.dma_callback = on_event;

	EXPECT_EQ(0, dma_emul_trace_start(dev, &trace));
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_config(dev, 1, &rcfg));
	EXPECT_EQ(0, dma_start(dev, 1));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(64, dma_emul_serial_feed(&uart, line, sizeof(line)));
	EXPECT_TRUE(ttest_wait(two_done, NULL, 5000), "both transfers complete");
	EXPECT_EQ(0, dma_emul_trace_start(dev, NULL));
	EXPECT_TRUE(memcmp(rx, line, 64) == 0, "received data");

	f = fmemopen(vcd, sizeof(vcd) - 1u, "w");
	EXPECT_TRUE(f != NULL, "fmemopen");
	if (f != NULL) {
		EXPECT_EQ(0, dma_emul_trace_write_vcd(&trace, 2, f));
		fclose(f);
		if (parse_vcd((char *)vcd, ch, 2)) {
			EXPECT_TRUE(strcmp(ch[0].state_seq, "010") == 0,
				    "channel 0 states: expected idle, running, idle (010), got %s",
				    ch[0].state_seq);
			EXPECT_TRUE(strcmp(ch[1].state_seq, "010") == 0,
				    "channel 1 states: expected 010, got %s", ch[1].state_seq);
			EXPECT_EQ(3, ch[0].rises[S_BLOCK]);
			EXPECT_EQ(3, ch[0].rises[S_CALLBACK]); /* BLOCK, BLOCK, COMPLETE */
			EXPECT_EQ(0, ch[0].rises[S_REQUEST]);
			EXPECT_EQ(16, ch[1].rises[S_REQUEST]); /* 64 bytes, 4 per request */
			EXPECT_EQ(1, ch[1].rises[S_CALLBACK]);
			EXPECT_EQ(0, ch[1].rises[S_ERROR]);
		}
	}
	ttest_end();

	/* A new recording starts empty, and a suspend shows as state 2. */
	if (ttest_begin("trace/a-new-recording-starts-empty-and-shows-a-suspend")) {
		static uint8_t big[1 << 16], out[1 << 16];
		const struct dma_emul_trace_event *e;
		bool suspended = false;

		EXPECT_TRUE(dma_emul_trace_count(&trace, NULL) > 0u, "the first recording is empty");
		EXPECT_EQ(0, dma_emul_trace_start(dev, &trace));
		EXPECT_EQ(0u, dma_emul_trace_count(&trace, NULL));
		EXPECT_EQ(0, dma_emul_set_rate(dev, 1000000u)); /* 64 KiB: about 65 ms */
		memset(&blk[0], 0, sizeof(blk[0]));
		blk[0].source_address = (uintptr_t)big;
		blk[0].dest_address = (uintptr_t)out;
		blk[0].block_size = sizeof(big);
		cfg.block_count = 1;
		EXPECT_EQ(0, dma_config(dev, 0, &cfg));
		EXPECT_EQ(0, dma_start(dev, 0));
		EXPECT_EQ(0, dma_suspend(dev, 0));
		EXPECT_EQ(0, dma_stop(dev, 0));
		EXPECT_EQ(0, dma_emul_set_rate(dev, 0u));
		EXPECT_EQ(0, dma_emul_trace_start(dev, NULL));
		for (uint32_t i = 0; i < dma_emul_trace_count(&trace, NULL); i++) {
			e = &trace.events[i];
			suspended |= e->channel == 0u && e->kind == DMA_EMUL_TRACE_STATE && e->value == 2u;
		}
		EXPECT_TRUE(suspended, "no SUSPENDED state (2) recorded for the suspend");
		ttest_end();
	}
	return ttest_summary("unit-trace") == 0 ? 0 : 1;
}
