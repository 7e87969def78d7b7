/* SPDX-License-Identifier: Apache-2.0 */
/*
 * API call cost in instructions, run under `valgrind --tool=callgrind
 * --collect-atstart=no` (instruction counts are deterministic, unlike time
 * on a shared machine).
 *
 * Each measurement runs a call K times with collection switched on around
 * the call only (set-up such as putting the channel in the right state is
 * not counted), then dumps the counters under the measurement's name.
 * bench/run_calls.sh subtracts the cost of an empty on/off pair and divides
 * by K.
 *
 * The controller is a "null" driver whose operations write one register
 * variable: what is measured is the library (validation, state machine,
 * lock, bookkeeping). Baseline: the same driver operation called directly,
 * i.e. the bare register access without the library.
 *
 * Instances with 2, 32 and 256 channels show that costs do not depend on
 * the channel count; dma_config is measured for 1..16 blocks.
 */
#include <string.h>
#include <valgrind/callgrind.h>

#include "dma/dma_driver.h"

#define K 1000u
#define MAX_BLOCKS 16u

static volatile uint32_t reg;

static int null_start(const struct device *dev, uint32_t ch, uint32_t seq)
{
	(void)dev;
	reg = ch ^ seq;
	return 0;
}

static void null_stop(const struct device *dev, uint32_t ch)
{
	(void)dev;
	reg = ch;
}

static int null_suspend(const struct device *dev, uint32_t ch)
{
	(void)dev;
	reg = ch | 0x100u;
	return 0;
}

static int null_resume(const struct device *dev, uint32_t ch)
{
	(void)dev;
	reg = ch | 0x200u;
	return 0;
}

static uint64_t null_progress(const struct device *dev, uint32_t ch)
{
	(void)dev;
	(void)ch;
	return reg;
}

static void null_configure(const struct device *dev, uint32_t ch)
{
	(void)dev;
	reg = ch | 0x400u;
}

static const struct dma_driver_ops null_ops = {
	.configure = null_configure,
	.start = null_start,
	.stop = null_stop,
	.suspend = null_suspend,
	.resume = null_resume,
	.progress = null_progress,
};

#define CAPS(n)                                                                                \
	{                                                                                      \
		.channels = (n), .max_block_count = MAX_BLOCKS, .max_block_size = UINT32_MAX,  \
		.data_sizes = 0xFu, .max_burst_length = 256u, .directions = 1u,                \
		.source_addr_adj = 7u, .dest_addr_adj = 7u, .addr_alignment = 1u,              \
		.size_alignment = 1u, .copy_alignment = 1u,                                    \
		.features = DMA_CAP_SUSPEND | DMA_CAP_RELOAD | DMA_CAP_BLOCK_CALLBACK |        \
			    DMA_CAP_CHAINING,                                                  \
	}

static const struct dma_capabilities caps2 = CAPS(2u), caps32 = CAPS(32u), caps256 = CAPS(256u);
DMA_CONTROLLER_DEFINE(null2, "null2", &null_ops, &caps2, 2u, MAX_BLOCKS, NULL, NULL);
DMA_CONTROLLER_DEFINE(null32, "null32", &null_ops, &caps32, 32u, MAX_BLOCKS, NULL, NULL);
DMA_CONTROLLER_DEFINE(null256, "null256", &null_ops, &caps256, 256u, MAX_BLOCKS, NULL, NULL);

/* Baselines call the driver through its ops table, as code without the
 * library would call its register routine: not inlined away. */
static const struct dma_driver_ops *volatile bare = &null_ops;

static uint8_t src[MAX_BLOCKS * 64], dst[MAX_BLOCKS * 64];
static struct dma_block_config blocks[MAX_BLOCKS];
static struct dma_config cfg;
static volatile unsigned callbacks;

static void on_done(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)dev;
	(void)user_data;
	(void)ch;
	(void)status;
	callbacks++;
}

static struct dma_config *make_cfg(uint32_t nblocks)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(blocks, 0, sizeof(blocks));
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = nblocks;
	cfg.head_block = blocks;
	cfg.dma_callback = on_done;
	for (uint32_t i = 0; i < nblocks; i++) {
		blocks[i].source_address = (uintptr_t)&src[i * 64u];
		blocks[i].dest_address = (uintptr_t)&dst[i * 64u];
		blocks[i].block_size = 64;
		blocks[i].next_block = i + 1u < nblocks ? &blocks[i + 1u] : NULL;
	}
	return &cfg;
}

static void (*volatile cb_bare)(const struct device *, void *, uint32_t, int) = on_done;

#define ON() CALLGRIND_TOGGLE_COLLECT
#define OFF() CALLGRIND_TOGGLE_COLLECT

static void dump(const char *what, const char *dev_name)
{
	char name[96];
	size_t n = strlen(what);

	memcpy(name, what, n);
	name[n] = '@';
	strcpy(&name[n + 1u], dev_name);
	CALLGRIND_DUMP_STATS_AT(name);
}

static void measure_device(const struct device *dev)
{
	const uint32_t ch = dma_core_ctrl(dev)->caps->channels - 1u; /* the last channel */
	struct dma_status st;
	uint32_t want = ch;

	CALLGRIND_ZERO_STATS;
	for (unsigned i = 0; i < K; i++) {
		ON();
		OFF();
	}
	dump("empty", dev->name);

	(void)dma_config(dev, ch, make_cfg(1));
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)dma_start(dev, ch);
		OFF();
		(void)dma_stop(dev, ch);
	}
	dump("dma_start", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)bare->start(dev, ch, i);
		OFF();
	}
	dump("bare:start", dev->name);

	for (unsigned i = 0; i < K; i++) {
		(void)dma_start(dev, ch);
		ON();
		(void)dma_stop(dev, ch);
		OFF();
	}
	dump("dma_stop", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		bare->stop(dev, ch);
		OFF();
	}
	dump("bare:stop", dev->name);

	for (unsigned i = 0; i < K; i++) {
		(void)dma_start(dev, ch);
		ON();
		(void)dma_suspend(dev, ch);
		OFF();
		(void)dma_stop(dev, ch);
	}
	dump("dma_suspend", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)bare->suspend(dev, ch);
		OFF();
	}
	dump("bare:suspend", dev->name);

	for (unsigned i = 0; i < K; i++) {
		(void)dma_start(dev, ch);
		(void)dma_suspend(dev, ch);
		ON();
		(void)dma_resume(dev, ch);
		OFF();
		(void)dma_stop(dev, ch);
	}
	dump("dma_resume", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)bare->resume(dev, ch);
		OFF();
	}
	dump("bare:resume", dev->name);

	(void)dma_start(dev, ch);
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)dma_get_status(dev, ch, &st);
		OFF();
	}
	dump("dma_get_status", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)bare->progress(dev, ch);
		OFF();
	}
	dump("bare:get_status", dev->name);

	/* The completion interrupt path: the driver reports DONE, the core
	 * makes the channel CONFIGURED and calls the callback. */
	for (unsigned i = 0; i < K; i++) {
		uint32_t seq = dma_core_chan(dev, ch)->seq;

		ON();
		(void)dma_core_report(dev, ch, seq, DMA_EV_DONE, 0);
		OFF();
		(void)dma_start(dev, ch);
	}
	dump("irq:done+callback", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		cb_bare(dev, NULL, ch, 0);
		OFF();
	}
	dump("bare:callback", dev->name);
	(void)dma_stop(dev, ch);

	for (unsigned i = 0; i < K; i++) {
		ON();
		(void)dma_reload(dev, ch, (uintptr_t)src, (uintptr_t)dst, 64);
		OFF();
	}
	dump("dma_reload", dev->name);
	for (unsigned i = 0; i < K; i++) {
		ON();
		bare->configure(dev, ch);
		OFF();
	}
	dump("bare:reload", dev->name);

	for (unsigned i = 0; i < K; i++) {
		ON();
		int got = dma_request_channel(dev, &want);

		OFF();
		(void)got;
		dma_release_channel(dev, ch);
	}
	dump("dma_request_channel", dev->name);
	for (unsigned i = 0; i < K; i++) {
		(void)dma_request_channel(dev, &want);
		ON();
		dma_release_channel(dev, ch);
		OFF();
	}
	dump("dma_release_channel", dev->name);

	for (uint32_t nb = 1; nb <= MAX_BLOCKS; nb++) {
		char what[32] = "dma_config/blocks=";
		size_t len = strlen(what);

		if (nb >= 10u) {
			what[len++] = (char)('0' + nb / 10u);
		}
		what[len++] = (char)('0' + nb % 10u);
		what[len] = '\0';
		make_cfg(nb);
		for (unsigned i = 0; i < K; i++) {
			ON();
			(void)dma_config(dev, ch, &cfg);
			OFF();
		}
		dump(what, dev->name);
	}
	for (unsigned i = 0; i < K; i++) {
		ON();
		bare->configure(dev, ch);
		OFF();
	}
	dump("bare:config", dev->name);
}

int main(void)
{
	measure_device(&null2);
	measure_device(&null32);
	measure_device(&null256);
	return callbacks == 6u * K ? 0 : 1; /* report path + bare callback, 3 devices */
}
