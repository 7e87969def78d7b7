/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Application code in the style of Zephyr's DMA memory-to-memory tests
 * (channel/burst-length transfers, restart-from-callback loops,
 * scatter-gather), written against Zephyr's DMA API. Compared with a Zephyr
 * build, exactly two lines differ, each marked "CHANGED FROM ZEPHYR": the
 * include line and how the device is obtained. Everything else is Zephyr's
 * API as Zephyr applications use it.
 */
#include "zephyr_kernel_shim.h"
#include "dma/dma.h" /* CHANGED FROM ZEPHYR: was #include <zephyr/drivers/dma.h> */

#include <string.h>

#define XFER_SIZE 256
#define LOOPS 5

static __aligned(32) char tx_data[XFER_SIZE];
static __aligned(32) char rx_data[XFER_SIZE];
static struct k_sem done_sem;
static volatile int last_status;
static int passed, failed;

static const struct device *get_dma(void)
{
	return device_get_binding("dma_emul"); /* CHANGED FROM ZEPHYR: was DEVICE_DT_GET(DT_NODELABEL(dma0)) */
}

static void check(const char *name, int ok)
{
	printk("%s %s\n", ok ? "PASS" : "FAIL", name);
	if (ok) {
		passed++;
	} else {
		failed++;
	}
}

static void dma_user_callback(const struct device *dma_dev, void *arg, uint32_t id, int status)
{
	(void)dma_dev;
	(void)arg;
	(void)id;
	last_status = status;
	k_sem_give(&done_sem);
}

/* One transfer with a given burst length, as Zephyr's chan_blen test does. */
static int test_task(const struct device *dma, uint32_t blen)
{
	struct dma_config dma_cfg = {0};
	struct dma_block_config dma_block_cfg = {0};
	int chan_id;

	for (int i = 0; i < XFER_SIZE; i++) {
		tx_data[i] = (char)(i * 3 + (int)blen);
	}
	memset(rx_data, 0, sizeof(rx_data));

	dma_cfg.channel_direction = MEMORY_TO_MEMORY;
	dma_cfg.source_data_size = 1U;
	dma_cfg.dest_data_size = 1U;
	dma_cfg.source_burst_length = blen;
	dma_cfg.dest_burst_length = blen;
	dma_cfg.dma_callback = dma_user_callback;
	dma_cfg.complete_callback_en = 0U;
	dma_cfg.error_callback_dis = 0U;
	dma_cfg.block_count = 1U;
	dma_cfg.head_block = &dma_block_cfg;

	chan_id = dma_request_channel(dma, NULL);
	if (chan_id < 0) {
		return -1;
	}
	dma_block_cfg.block_size = sizeof(tx_data);
#ifdef CONFIG_DMA_64BIT
	dma_block_cfg.source_address = (uint64_t)tx_data;
	dma_block_cfg.dest_address = (uint64_t)rx_data;
#else
	dma_block_cfg.source_address = (uint32_t)tx_data;
	dma_block_cfg.dest_address = (uint32_t)rx_data;
#endif
	if (dma_config(dma, chan_id, &dma_cfg)) {
		return -1;
	}
	if (dma_start(dma, chan_id)) {
		return -1;
	}
	if (k_sem_take(&done_sem, K_MSEC(2000)) != 0 || last_status != DMA_STATUS_COMPLETE) {
		return -1;
	}
	dma_release_channel(dma, chan_id);
	return memcmp(tx_data, rx_data, sizeof(rx_data)) == 0 ? 0 : -1;
}

/* Restart from the callback, as Zephyr's loop_transfer test does. */
static const struct device *loop_dev;
static uint32_t loop_chan;
static volatile int loop_count;
static struct dma_config loop_cfg;
static struct dma_block_config loop_block;

static void loop_callback(const struct device *dma_dev, void *arg, uint32_t id, int status)
{
	(void)arg;
	if (status < 0) {
		last_status = status;
		k_sem_give(&done_sem);
		return;
	}
	loop_count++;
	if (loop_count < LOOPS) {
		loop_block.source_address = (uintptr_t)&tx_data[loop_count * 16];
		loop_block.dest_address = (uintptr_t)&rx_data[loop_count * 16];
		dma_config(dma_dev, id, &loop_cfg);
		dma_start(dma_dev, id);
	} else {
		k_sem_give(&done_sem);
	}
}

static int test_loop(const struct device *dma)
{
	uint32_t chan = 2;
	int ch = dma_request_channel(dma, &chan);

	if (ch < 0) {
		return -1;
	}
	loop_dev = dma;
	loop_chan = (uint32_t)ch;
	memset(rx_data, 0, sizeof(rx_data));
	loop_cfg.channel_direction = MEMORY_TO_MEMORY;
	loop_cfg.source_data_size = 4;
	loop_cfg.dest_data_size = 4;
	loop_cfg.source_burst_length = 4;
	loop_cfg.dest_burst_length = 4;
	loop_cfg.dma_callback = loop_callback;
	loop_cfg.block_count = 1;
	loop_cfg.head_block = &loop_block;
	loop_block.block_size = 16;
	loop_block.source_address = (uintptr_t)tx_data;
	loop_block.dest_address = (uintptr_t)rx_data;
	if (dma_config(dma, loop_chan, &loop_cfg) || dma_start(dma, loop_chan)) {
		return -1;
	}
	if (k_sem_take(&done_sem, K_MSEC(2000)) != 0) {
		return -1;
	}
	dma_stop(dma, loop_chan);
	dma_release_channel(dma, loop_chan);
	return loop_count == LOOPS && memcmp(tx_data, rx_data, LOOPS * 16) == 0 ? 0 : -1;
}

/* A scatter-gather list of blocks, as Zephyr's scatter_gather test does. */
static int test_sg(const struct device *dma)
{
	struct dma_config cfg = {0};
	struct dma_block_config blocks[4];
	uint32_t max_blocks = 0;
	int ch = dma_request_channel(dma, NULL);

	if (ch < 0 || dma_get_attribute(dma, DMA_ATTR_MAX_BLOCK_COUNT, &max_blocks) || max_blocks < 4) {
		return -1;
	}
	memset(blocks, 0, sizeof(blocks));
	memset(rx_data, 0, sizeof(rx_data));
	for (int i = 0; i < 4; i++) {
		blocks[i].source_address = (uintptr_t)&tx_data[i * 64];
		blocks[i].dest_address = (uintptr_t)&rx_data[(3 - i) * 64];
		blocks[i].block_size = 64;
		blocks[i].next_block = i < 3 ? &blocks[i + 1] : NULL;
	}
	cfg.channel_direction = MEMORY_TO_MEMORY;
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 4;
	cfg.head_block = blocks;
	cfg.complete_callback_en = 1;
	cfg.dma_callback = dma_user_callback;
	if (dma_config(dma, ch, &cfg) || dma_start(dma, ch)) {
		return -1;
	}
	for (int i = 0; i < 4; i++) { /* 3 BLOCK callbacks and 1 COMPLETE */
		if (k_sem_take(&done_sem, K_MSEC(2000)) != 0) {
			return -1;
		}
	}
	if (last_status != DMA_STATUS_COMPLETE) {
		return -1;
	}
	dma_release_channel(dma, ch);
	for (int i = 0; i < 4; i++) {
		if (memcmp(&tx_data[i * 64], &rx_data[(3 - i) * 64], 64) != 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * Driver-side names of Zephyr's dma.h, as code that keeps the API in a
 * table or a variable uses them (a mock, a dispatch table).
 */
static int test_api_table(void)
{
	const struct dma_driver_api *api = &dma_api_functions;
	dma_api_start start = dma_start;
	struct dma_context ctx = {.magic = DMA_MAGIC, .dma_channels = 8, .atomic = NULL};

	return api->start == start && api->stop == dma_stop && api->config == dma_config &&
		       api->get_status == dma_get_status && ctx.magic == 0x47494749 ? 0 : -1;
}

int main(void)
{
	const struct device *dma = get_dma();

	k_sem_init(&done_sem, 0, 1);
	check("zephyr-compat/device_is_ready", dma != NULL && device_is_ready(dma));
	if (dma == NULL) {
		printk("zephyr-compat: %d passed, %d failed\n", passed, failed);
		return 1;
	}
	check("zephyr-compat/chan_blen_transfer/blen1", test_task(dma, 1) == 0);
	check("zephyr-compat/chan_blen_transfer/blen8", test_task(dma, 8) == 0);
	check("zephyr-compat/chan_blen_transfer/blen16", test_task(dma, 16) == 0);
	check("zephyr-compat/loop_transfer/restart-in-callback", test_loop(dma) == 0);
	check("zephyr-compat/scatter_gather/4-blocks", test_sg(dma) == 0);
	check("zephyr-compat/api-table-and-context-names", test_api_table() == 0);
	printk("zephyr-compat: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
