/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The skeleton driver reports from the caller's thread. A callback that
 * restarts its own channel must not nest a new transfer inside the old one's
 * report: on a microcontroller's small stack a self-restarting loop would
 * overflow it within a few restarts. Run here on a thread with a 64 KiB
 * stack, 100000 restarts.
 */
#include <pthread.h>
#include <string.h>

#include "dma/dma_skeleton.h"
#include "ttest.h"
#include "ttest_host.h"

SKELETON_DMA_DEFINE(skel, "skeleton_unit", 2, 4);

#define RESTARTS 100000u

static uint8_t src[256], dst[256];
static unsigned completes, restart_errors;

static void restart_cb(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)user_data;
	if (status != DMA_STATUS_COMPLETE) {
		restart_errors++;
		return;
	}
	if (++completes < RESTARTS && dma_start(dev, ch) != 0) {
		restart_errors++;
	}
}

static void *run(void *arg)
{
	struct dma_block_config blk = {
		.source_address = (uintptr_t)src,
		.dest_address = (uintptr_t)dst,
		.block_size = sizeof(src),
	};
	struct dma_config cfg = {
		.source_data_size = 4,
		.dest_data_size = 4,
		.block_count = 1,
		.head_block = &blk,
		.dma_callback = restart_cb,
	};
	int *ret = arg;

	*ret = dma_config(&skel, 0, &cfg);
	if (*ret == 0) {
		*ret = dma_start(&skel, 0); /* all the restarts run inside this call */
	}
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	pthread_t t;
	int ret = -1;

	ttest_init(&ttest_host_platform);
	if (ttest_begin("skeleton/self-restarting-callback-does-not-grow-the-stack")) {
		for (unsigned i = 0; i < sizeof(src); i++) {
			src[i] = (uint8_t)(i * 3u + 1u);
		}
		(void)pthread_attr_init(&attr);
		(void)pthread_attr_setstacksize(&attr, 64u * 1024u);
		EXPECT_EQ(0, pthread_create(&t, &attr, run, &ret));
		(void)pthread_join(t, NULL);
		EXPECT_EQ(0, ret);
		EXPECT_EQ(RESTARTS, completes);
		EXPECT_EQ(0u, restart_errors);
		EXPECT_EQ(0, memcmp(src, dst, sizeof(src)));
		ttest_end();
	}
	return ttest_summary("unit-skeleton") == 0 ? 0 : 1;
}
