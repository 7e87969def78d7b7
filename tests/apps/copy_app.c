/* SPDX-License-Identifier: Apache-2.0 */
/* An application outside the tree, built by each recipe the docs give
 * (against the source tree with CMake, against an installed copy with
 * pkg-config and find_package): one copy on the emulated controller,
 * checked. */
#include <stdio.h>
#include <string.h>

#include "dma/dma.h"
#include "dma/dma_version.h"

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

	if (dma == NULL) {
		printf("app: %s\n", device_not_ready_reason("dma_emul"));
		return 1;
	}
	if (dma_config(dma, 0, &cfg) != 0 || dma_start(dma, 0) != 0) {
		printf("app: refused\n");
		return 1;
	}
	for (long i = 0; i < 2000000000L && done == 0; i++) {
	}
	printf("app (library %s): %s\n", DMA_VERSION_STRING,
	       done == 1 && strcmp(src, dst) == 0 ? dst : "FAILED");
	return done == 1 && strcmp(src, dst) == 0 ? 0 : 1;
}
