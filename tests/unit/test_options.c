/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A build without the features dma_options.h lets a product leave out
 * (make builds this file with DMA_CONFIG_CYCLIC, _CHAINING,
 * _HALF_COMPLETE, _SUSPEND and _RELOAD at 0): it behaves as a controller
 * without them, whatever the driver claims. The emulated controller here
 * claims them all; on virtual time a started transfer stays RUNNING until
 * the test advances time, so every state is reached.
 */
#include <string.h>

#include "dma/dma_emul.h"
#include "ttest.h"
#include "ttest_host.h"

#if DMA_CONFIG_CYCLIC || DMA_CONFIG_CHAINING || DMA_CONFIG_HALF_COMPLETE || DMA_CONFIG_SUSPEND || \
	DMA_CONFIG_RELOAD
#error "test_options is built with every droppable feature at 0"
#endif

DMA_EMUL_VIRTUAL_DEFINE(odma, "dma_emul_options", 4, 4, 1);

static const struct device *const dev = &odma;
static uint8_t src[256], dst[256];
static struct dma_block_config blk;
static struct dma_config cfg;
static char why[256];

static void hook(const struct device *d, uint32_t ch, int err, const char *reason)
{
	(void)d;
	(void)ch;
	(void)err;
	(void)strncpy(why, reason, sizeof(why) - 1u);
}

static struct dma_config *make(void)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(&blk, 0, sizeof(blk));
	blk.source_address = (uintptr_t)src;
	blk.dest_address = (uintptr_t)dst;
	blk.block_size = sizeof(src);
	cfg.source_data_size = 4;
	cfg.dest_data_size = 4;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	return &cfg;
}

/* A configuration asking for a left-out feature is refused, its reason
 * naming the option. */
static void expect_refused(const char *what, const char *option)
{
	why[0] = '\0';
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	EXPECT_TRUE(strstr(why, "which this build leaves out") != NULL && strstr(why, option) != NULL,
		    "%s: expected a reason naming %s, got \"%s\"", what, option, why);
}

static void test_capabilities(void)
{
	struct dma_capabilities caps;

	if (!ttest_begin("options/capabilities-lose-what-the-build-leaves-out")) {
		return;
	}
	ASSERT_EQ(0, dma_get_capabilities(dev, &caps));
	EXPECT_EQ(0u, caps.features & (DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_HALF_COMPLETE |
				       DMA_CAP_SUSPEND | DMA_CAP_RELOAD));
	EXPECT_TRUE((caps.features & DMA_CAP_BLOCK_CALLBACK) != 0u,
		    "a feature no option covers stays: features 0x%x", caps.features);
	ttest_end();
}

static void test_refused_with_option(void)
{
	if (!ttest_begin("options/config-asking-for-a-left-out-feature-refused-with-its-option")) {
		return;
	}
	make()->cyclic = 1;
	expect_refused("cyclic", "(DMA_CONFIG_CYCLIC is 0)");
	make()->half_complete_callback_en = 1;
	expect_refused("half_complete_callback_en", "(DMA_CONFIG_HALF_COMPLETE is 0)");
	make()->dest_chaining_en = 1;
	cfg.linked_channel = 1;
	expect_refused("chaining", "(DMA_CONFIG_CHAINING is 0)");
	ttest_end();
}

static void test_enosys_in_every_state(void)
{
	if (!ttest_begin("options/left-out-calls-answer-enosys-in-every-state")) {
		return;
	}
	EXPECT_EQ(-ENOSYS, dma_suspend(dev, 0)); /* UNCONFIGURED */
	EXPECT_EQ(-ENOSYS, dma_reload(dev, 0, (uintptr_t)src, (uintptr_t)dst, 16));
	for (uint32_t i = 0; i < sizeof(src); i++) {
		src[i] = (uint8_t)(i * 3u + 1u);
	}
	ASSERT_EQ(0, dma_config(dev, 0, make()));
	EXPECT_EQ(-ENOSYS, dma_resume(dev, 0)); /* CONFIGURED */
	EXPECT_EQ(-ENOSYS, dma_reload(dev, 0, (uintptr_t)src, (uintptr_t)dst, 16));
	ASSERT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(-ENOSYS, dma_suspend(dev, 0)); /* RUNNING */
	EXPECT_EQ(-ENOSYS, dma_reload(dev, 0, (uintptr_t)src, (uintptr_t)dst, 16));
	EXPECT_EQ(-ENOSYS, dma_suspend(dev, 99)); /* whatever the channel */
	dma_emul_advance(dev, 1000000u);
	EXPECT_EQ(0, memcmp(src, dst, sizeof(src)));
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	dma_set_refusal_hook(hook);
	test_capabilities();
	test_refused_with_option();
	test_enosys_in_every_state();
	return ttest_summary("options") == 0 ? 0 : 1;
}
