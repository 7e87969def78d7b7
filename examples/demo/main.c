/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Demo: the DMA library at work on the emulated controller.
 *
 *   1. Scatter-gather: three fragments gathered into one buffer, then the
 *      left channel pulled out of interleaved stereo samples with a source
 *      gather (every other 16-bit unit).
 *   2. Cyclic ping-pong: a two-half ring refilled forever, paced like a slow
 *      bus; suspended and resumed with status read-outs.
 *   3. An injected bus error reported through the callback, and a restart.
 *
 * Callbacks run on the controller's engine thread, as they would run in an
 * interrupt handler on a microcontroller; lines they print start with "[irq]".
 */
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dma/dma.h"
#include "dma/dma_emul.h"

static sem_t done;

static const char *status_name(int status)
{
	switch (status) {
	case DMA_STATUS_COMPLETE:
		return "COMPLETE";
	case DMA_STATUS_BLOCK:
		return "BLOCK";
	case DMA_STATUS_HALF_COMPLETE:
		return "HALF_COMPLETE";
	default:
		return "ERROR";
	}
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};

	nanosleep(&ts, NULL);
}

static bool wait_done(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	return sem_timedwait(&done, &ts) == 0;
}

static void on_event(const struct device *dev, void *user_data, uint32_t channel, int status)
{
	(void)dev;
	printf("  [irq] %s: channel %u -> %s", (const char *)user_data, (unsigned)channel,
	       status_name(status));
	if (status < 0) {
		printf(" (%d)", status);
	}
	printf("\n");
	if (status != DMA_STATUS_BLOCK && status != DMA_STATUS_HALF_COMPLETE) {
		sem_post(&done);
	}
}

static void print_status(const struct device *dev, uint32_t ch, const char *when)
{
	struct dma_status st;

	if (dma_get_status(dev, ch, &st) == 0) {
		printf("  status %-16s busy=%d pending=%u write_position=%u total_copied=%llu\n",
		       when, st.busy, (unsigned)st.pending_length, (unsigned)st.write_position,
		       (unsigned long long)st.total_copied);
	}
}

static int scatter_gather(const struct device *dev)
{
	static const char part1[] = "Direct ", part2[] = "memory ", part3[] = "access!";
	static char joined[32];
	static int16_t stereo[16], left[8];
	struct dma_block_config blk[3];
	struct dma_config cfg;
	int ch = dma_request_channel(dev, NULL);

	printf("\n1. Scatter-gather\n");
	if (ch < 0) {
		return -1;
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	const char *parts[3] = {part1, part2, part3};
	size_t at = 0;

	for (int i = 0; i < 3; i++) {
		blk[i].source_address = (uintptr_t)parts[i];
		blk[i].dest_address = (uintptr_t)&joined[at];
		blk[i].block_size = (uint32_t)strlen(parts[i]);
		blk[i].next_block = i < 2 ? &blk[i + 1] : NULL;
		at += strlen(parts[i]);
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	cfg.block_count = 3;
	cfg.head_block = blk;
	cfg.complete_callback_en = 1; /* a callback per block */
	cfg.dma_callback = on_event;
	cfg.user_data = "gather";
	if (dma_config(dev, (uint32_t)ch, &cfg) != 0 || dma_start(dev, (uint32_t)ch) != 0 ||
	    !wait_done()) {
		return -1;
	}
	printf("  three fragments gathered: \"%s\"\n", joined);

	/* Left channel of interleaved L/R samples: read one 16-bit unit, skip
	 * the next (gather count 1, interval 2 bytes). */
	for (int i = 0; i < 16; i++) {
		stereo[i] = (int16_t)((i % 2) ? -(i * 100) : i * 100);
	}
	memset(&blk[0], 0, sizeof(blk[0]));
	blk[0].source_address = (uintptr_t)stereo;
	blk[0].dest_address = (uintptr_t)left;
	blk[0].block_size = sizeof(left);
	blk[0].source_gather_en = 1;
	blk[0].source_gather_count = 1;
	blk[0].source_gather_interval = 2;
	cfg.source_data_size = 2;
	cfg.dest_data_size = 2;
	cfg.block_count = 1;
	cfg.complete_callback_en = 0;
	cfg.user_data = "deinterleave";
	if (dma_config(dev, (uint32_t)ch, &cfg) != 0 || dma_start(dev, (uint32_t)ch) != 0 ||
	    !wait_done()) {
		return -1;
	}
	printf("  left channel of");
	for (int i = 0; i < 16; i++) {
		printf(" %d", stereo[i]);
	}
	printf("\n             is");
	for (int i = 0; i < 8; i++) {
		printf(" %d", left[i]);
	}
	printf("\n");
	dma_release_channel(dev, (uint32_t)ch);
	return 0;
}

static int ping_pong(const struct device *dev)
{
	static uint8_t source[256], ring[256];
	struct dma_block_config blk[2];
	struct dma_config cfg;
	int ch = dma_request_channel(dev, NULL);

	printf("\n2. Cyclic ping-pong (paced at 2 KiB/s)\n");
	if (ch < 0) {
		return -1;
	}
	for (unsigned i = 0; i < sizeof(source); i++) {
		source[i] = (uint8_t)i;
	}
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	for (int i = 0; i < 2; i++) {
		blk[i].source_address = (uintptr_t)&source[i * 128];
		blk[i].dest_address = (uintptr_t)&ring[i * 128];
		blk[i].block_size = 128;
		blk[i].next_block = i == 0 ? &blk[1] : NULL;
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 2;
	cfg.head_block = blk;
	cfg.cyclic = 1;
	cfg.complete_callback_en = 1; /* BLOCK = ping half full, COMPLETE = pong half full */
	cfg.dma_callback = on_event;
	cfg.user_data = "ping-pong";
	dma_emul_set_rate(dev, 2048);
	if (dma_config(dev, (uint32_t)ch, &cfg) != 0 || dma_start(dev, (uint32_t)ch) != 0) {
		return -1;
	}
	sleep_ms(180);
	print_status(dev, (uint32_t)ch, "running");
	if (dma_suspend(dev, (uint32_t)ch) != 0) {
		return -1;
	}
	print_status(dev, (uint32_t)ch, "suspended");
	sleep_ms(150);
	print_status(dev, (uint32_t)ch, "still suspended");
	if (dma_resume(dev, (uint32_t)ch) != 0) {
		return -1;
	}
	printf("  resumed\n");
	sleep_ms(200);
	print_status(dev, (uint32_t)ch, "running again");
	dma_stop(dev, (uint32_t)ch);
	print_status(dev, (uint32_t)ch, "stopped");
	dma_emul_set_rate(dev, 0);
	dma_release_channel(dev, (uint32_t)ch);
	/* The stop may have come between callbacks: drain their posts. */
	while (sem_trywait(&done) == 0) {
	}
	return 0;
}

static int bus_error(const struct device *dev)
{
	static uint8_t src[1024], dst[1024];
	struct dma_block_config blk;
	struct dma_config cfg;
	int ch = dma_request_channel(dev, NULL);

	printf("\n3. A bus error, reported and recovered\n");
	if (ch < 0) {
		return -1;
	}
	memset(src, 0x5A, sizeof(src));
	memset(&cfg, 0, sizeof(cfg));
	memset(&blk, 0, sizeof(blk));
	blk.source_address = (uintptr_t)src;
	blk.dest_address = (uintptr_t)dst;
	blk.block_size = sizeof(src);
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.dma_callback = on_event;
	cfg.user_data = "copy";
	if (dma_config(dev, (uint32_t)ch, &cfg) != 0 ||
	    dma_emul_inject_fault(dev, (uint32_t)ch, 0, 600, -EIO) != 0) {
		return -1;
	}
	printf("  bus error armed at byte 600 of 1024\n");
	if (dma_start(dev, (uint32_t)ch) != 0 || !wait_done()) {
		return -1;
	}
	print_status(dev, (uint32_t)ch, "after the error");
	printf("  restarting the same configuration\n");
	if (dma_start(dev, (uint32_t)ch) != 0 || !wait_done()) {
		return -1;
	}
	print_status(dev, (uint32_t)ch, "after restart");
	printf("  destination %s the source\n",
	       memcmp(src, dst, sizeof(src)) == 0 ? "matches" : "DOES NOT match");
	dma_release_channel(dev, (uint32_t)ch);
	return memcmp(src, dst, sizeof(src)) == 0 ? 0 : -1;
}

int main(void)
{
	const struct device *dev = device_get_binding("dma_emul");
	struct dma_capabilities caps;

	if (dev == NULL || dma_get_capabilities(dev, &caps) != 0) {
		fprintf(stderr, "no dma_emul controller\n");
		return 1;
	}
	sem_init(&done, 0, 0);
	printf("Emulated DMA controller \"%s\": %u channels, up to %u blocks per transfer\n",
	       dev->name, (unsigned)caps.channels, (unsigned)caps.max_block_count);
	if (scatter_gather(dev) != 0 || ping_pong(dev) != 0 || bus_error(dev) != 0) {
		fprintf(stderr, "demo failed\n");
		return 1;
	}
	printf("\nDemo finished.\n");
	return 0;
}
