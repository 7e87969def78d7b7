/* SPDX-License-Identifier: Apache-2.0 */
/* An application built with the README's CMake recipe: one copy, checked. */
#include <stdio.h>
#include <string.h>

#include "dma/dma.h"

static volatile int done;

static void on_done(const struct device *dev, void *user_data, uint32_t channel, int status)
{
	(void)dev;
	(void)user_data;
	(void)channel;
	done = status == DMA_STATUS_COMPLETE ? 1 : -1;
}

int main(void)
{
	static char src[64] = "copied by the emulated controller", dst[64];
	const struct device *dma = device_get_binding("dma_emul");
	struct dma_block_config blk = {.source_address = (uintptr_t)src,
				       .dest_address = (uintptr_t)dst,
				       .block_size = sizeof(src)};
	struct dma_config cfg = {.source_data_size = 4, .dest_data_size = 4, .block_count = 1,
				 .head_block = &blk, .dma_callback = on_done};

	if (dma == NULL || dma_config(dma, 0, &cfg) != 0 || dma_start(dma, 0) != 0) {
		printf("cmake app: setup failed: %s\n",
		       dma == NULL ? device_not_ready_reason("dma_emul") : "refused");
		return 1;
	}
	for (long i = 0; i < 2000000000L && done == 0; i++) {
	}
	printf("cmake app: %s\n", done == 1 && strcmp(src, dst) == 0 ? dst : "FAILED");
	return done == 1 && strcmp(src, dst) == 0 ? 0 : 1;
}
