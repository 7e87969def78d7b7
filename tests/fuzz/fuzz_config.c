/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzing of configuration validation alone (libFuzzer): arbitrary
 * configurations (any field values, block lists shorter or longer than
 * block_count, NULL links, loops) against the capabilities of several
 * controllers. dma_validate_config() must agree with the reference model's
 * rules (model.c), report the sum of the block sizes when it accepts, and
 * never read a block past block_count (those are poisoned for ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sanitizer/asan_interface.h>

#include "dma_validate.h"
#include "model.h"

#define MAXB 20

#define CHECK(cond, ...)                                                                       \
	do {                                                                                   \
		if (!(cond)) {                                                                 \
			fprintf(stderr, "fuzz_config: " __VA_ARGS__);                          \
			fprintf(stderr, "\n");                                                 \
			abort();                                                               \
		}                                                                              \
	} while (0)

static const struct dma_capabilities caps_set[] = {
	/* like the emulated controller */
	{.channels = 8, .max_block_count = 16, .max_block_size = UINT32_MAX, .data_sizes = 0xF,
	 .max_burst_length = 256, .directions = 1, .source_addr_adj = 7, .dest_addr_adj = 7,
	 .addr_alignment = 1, .size_alignment = 1, .copy_alignment = 1,
	 .features = 0x3FF},
	/* like a PL081 */
	{.channels = 2, .max_block_count = 16, .max_block_size = 131040, .data_sizes = 0x7,
	 .max_burst_length = 1024, .directions = 0xF, .source_addr_adj = 5, .dest_addr_adj = 5,
	 .addr_alignment = 1, .size_alignment = 1, .copy_alignment = 1, .addr_aligned_to_width = 1,
	 .features = DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD | DMA_CAP_HALF_COMPLETE |
		     DMA_CAP_BLOCK_CALLBACK},
	/* a strict one: alignments, one block, few features */
	{.channels = 4, .max_block_count = 1, .max_block_size = 4096, .data_sizes = 0x4,
	 .max_burst_length = 16, .directions = 0x6, .source_addr_adj = 1, .dest_addr_adj = 4,
	 .addr_alignment = 16, .size_alignment = 8, .copy_alignment = 4, .addr_aligned_to_width = 1,
	 .features = 0},
};

struct in {
	const uint8_t *p;
	size_t n;
};

static uint32_t take(struct in *in, unsigned bytes)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < bytes && in->n > 0u; i++, in->n--) {
		v = (v << 8) | *in->p++;
	}
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dma_block_config blk[MAXB];
	struct in in = {data, size};
	const struct dma_capabilities *caps = &caps_set[take(&in, 1) % 3u];
	struct dma_config cfg;
	uint32_t channel = take(&in, 1) % 10u;
	uint32_t nlist, total = 0xDEADu, want_total = 0;
	int got, want;

	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	cfg.dma_slot = take(&in, 1);
	cfg.channel_direction = take(&in, 1);
	cfg.half_complete_callback_en = take(&in, 1);
	cfg.complete_callback_en = take(&in, 1);
	cfg.cyclic = take(&in, 1);
	cfg.source_chaining_en = take(&in, 1);
	cfg.dest_chaining_en = take(&in, 1);
	cfg.linked_channel = take(&in, 1);
	cfg.source_data_size = take(&in, 2);
	cfg.dest_data_size = take(&in, 2);
	cfg.source_burst_length = take(&in, 2);
	cfg.dest_burst_length = take(&in, 2);
	cfg.block_count = take(&in, 1) % 24u;
	nlist = take(&in, 1) % (MAXB + 1u); /* blocks actually in the list */
	for (uint32_t i = 0; i < nlist; i++) {
		blk[i].source_address = take(&in, 4);
		blk[i].dest_address = take(&in, 4);
		blk[i].block_size = take(&in, 4);
		blk[i].source_addr_adj = take(&in, 1);
		blk[i].dest_addr_adj = take(&in, 1);
		blk[i].source_gather_en = take(&in, 1);
		blk[i].dest_scatter_en = take(&in, 1);
		blk[i].source_gather_count = (uint16_t)take(&in, 1);
		blk[i].dest_scatter_count = (uint16_t)take(&in, 1);
		blk[i].next_block = i + 1u < nlist ? &blk[i + 1u] : NULL;
	}
	if (nlist > 1u && (take(&in, 1) & 1u)) {
		blk[nlist - 1u].next_block = &blk[take(&in, 1) % nlist]; /* a loop */
	}
	cfg.head_block = (take(&in, 1) == 0xFFu) ? NULL : blk;

	/* Blocks past block_count must not be read: poison them. */
	for (uint32_t i = cfg.block_count; i < MAXB; i++) {
		ASAN_POISON_MEMORY_REGION(&blk[i], sizeof(blk[i]));
	}
	want = model_config_check(caps, channel, &cfg);
	got = dma_validate_config(caps, channel, &cfg, &total, NULL);
	for (uint32_t i = cfg.block_count; i < MAXB; i++) {
		ASAN_UNPOISON_MEMORY_REGION(&blk[i], sizeof(blk[i]));
	}
	CHECK(got == want, "dma_validate_config returned %d, the model's rules say %d", got, want);
	if (got == 0) {
		const struct dma_block_config *b = cfg.head_block;

		for (uint32_t i = 0; i < cfg.block_count; i++, b = b->next_block) {
			want_total += b->block_size;
		}
		CHECK(total == want_total, "total_len %u, expected %u", total, want_total);
	} else {
		CHECK(total == 0xDEADu, "total_len written although the configuration was refused");
	}
	return 0;
}
