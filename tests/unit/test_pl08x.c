/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PL08x driver against a register file: the register programming of every
 * feature (including peripheral transfers, which QEMU's model cannot run),
 * the events the interrupt handler derives from the hardware position, and
 * a stop with an interrupt already latched. The "hardware" here is a plain
 * array: the test plays the controller by setting status registers.
 */
#include <stdio.h>
#include <string.h>

#include "dma/dma_pl08x.h"
#include "ttest.h"
#include "ttest_host.h"

#define R(off) regs[(off) / 4u]
#define CH(n, off) R(0x100u + 0x20u * (n) + (off))
#define SRC 0x00u
#define DST 0x04u
#define LLI 0x08u
#define CTRL 0x0Cu
#define CFG 0x10u
#define INT_TC_STATUS 0x004u
#define INT_TC_CLEAR 0x008u
#define INT_ERR_STATUS 0x00Cu
#define INT_ERR_CLEAR 0x010u
#define RAW_INT_ERR 0x018u
#define ENABLED 0x01Cu
#define CONFIG 0x030u

#define C_SI (1u << 26)
#define C_DI (1u << 27)
#define C_I (1u << 31)
#define SW(code) ((code) << 18)
#define DW(code) ((code) << 21)
#define SB(code) ((code) << 12)
#define DB(code) ((code) << 15)
#define CF_E 1u
#define CF_IE (1u << 14)
#define CF_ITC (1u << 15)
#define CF_H (1u << 18)
#define FLOW(f) ((f) << 11)

/* A PL081's peripheral ID: part number 0x081. */
static uint32_t regs[1024] __attribute__((aligned(16))) = {[0xFE0 / 4] = 0x81, [0xFE4 / 4] = 0x10};
static uint32_t wrong_regs[1024] = {[0xFE0 / 4] = 0x81, [0xFE4 / 4] = 0x10};

PL081_DEFINE(pl081_fake, "pl081_fake", (uintptr_t)regs, 0, NULL);
/* Defined as a PL080 on a PL081's registers: init must refuse it. */
PL080_DEFINE(pl080_wrong, "pl080_wrong", (uintptr_t)wrong_regs, 0, NULL);
/* A PL080 (8 channels, part 0x080). */
static uint32_t pl080_regs[1024] __attribute__((aligned(16))) = {[0xFE0 / 4] = 0x80,
								  [0xFE4 / 4] = 0x10};
PL080_DEFINE(pl080_fake, "pl080_fake", (uintptr_t)pl080_regs, 0, NULL);
/* A PL081 as QEMU 7.2 models it: what the model cannot do is left out. */
static uint32_t qemu_regs[1024] = {[0xFE0 / 4] = 0x81, [0xFE4 / 4] = 0x10};
PL081_DEFINE(pl081_qemu, "pl081_qemu", (uintptr_t)qemu_regs, PL08X_QUIRK_QEMU, NULL);

static const struct device *const dev = &pl081_fake;

static struct {
	unsigned n;
	int status[16];
} cbs;

static void cb(const struct device *d, void *user_data, uint32_t ch, int status)
{
	(void)d;
	(void)user_data;
	(void)ch;
	if (cbs.n < 16u) {
		cbs.status[cbs.n] = status;
	}
	cbs.n++;
}

static struct dma_config cfg;
static struct dma_block_config blk[4];

static struct dma_config *make(uint32_t nblocks, uint32_t width, uint32_t size)
{
	memset(&cfg, 0, sizeof(cfg));
	memset(blk, 0, sizeof(blk));
	cfg.source_data_size = width;
	cfg.dest_data_size = width;
	cfg.block_count = nblocks;
	cfg.head_block = blk;
	cfg.dma_callback = cb;
	for (uint32_t i = 0; i < nblocks; i++) {
		blk[i].source_address = 0x38000000u + i * 0x10000u;
		blk[i].dest_address = 0x38100000u + i * 0x10000u;
		blk[i].block_size = size;
		blk[i].next_block = i + 1u < nblocks ? &blk[i + 1u] : NULL;
	}
	return &cfg;
}

static struct pl08x_chan *chan(uint32_t ch)
{
	return &((struct pl08x_chan *)dma_core_ctrl(dev)->drv_data)[ch];
}

static uint32_t addr_of_item(uint32_t ch, uint32_t i)
{
	return (uint32_t)(uintptr_t)&chan(ch)->lli[i];
}

static void reset(void)
{
	R(ENABLED) = 0;
	R(INT_TC_STATUS) = 0;
	R(INT_ERR_STATUS) = 0;
	R(RAW_INT_ERR) = 0;
	for (uint32_t ch = 0; ch < 2u; ch++) {
		dma_release_channel(dev, ch);
	}
	memset(&cbs, 0, sizeof(cbs));
}

/* The controller finished what it was given: E clears, TC latches. */
static void hw_complete(uint32_t ch)
{
	R(ENABLED) &= ~(1u << ch);
	CH(ch, LLI) = 0;
	CH(ch, CTRL) &= ~0xFFFu;
	R(INT_TC_STATUS) |= 1u << ch;
}

static void test_init(void)
{
	if (!ttest_begin("pl08x/init-checks-part-number-and-enables")) {
		return;
	}
	EXPECT_EQ(true, device_is_ready(&pl081_fake));
	EXPECT_EQ(CF_E, R(CONFIG));
	EXPECT_EQ(false, device_is_ready(&pl080_wrong));
	EXPECT_EQ(-ENODEV, pl080_wrong.state->init_res);
	ttest_end();
}

static void test_single_block(void)
{
	if (!ttest_begin("pl08x/m2m-single-block-registers")) {
		return;
	}
	reset();
	EXPECT_EQ(0, dma_config(dev, 0, make(1, 4, 64)));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(0x38000000u, CH(0, SRC));
	EXPECT_EQ(0x38100000u, CH(0, DST));
	EXPECT_EQ(0, CH(0, LLI));
	EXPECT_EQ(16u | SW(2u) | DW(2u) | C_SI | C_DI | C_I, CH(0, CTRL));
	EXPECT_EQ(CF_E | CF_IE | CF_ITC | FLOW(0u), CH(0, CFG));
	EXPECT_EQ(1u, R(INT_TC_CLEAR)); /* stale TC of channel 0 cleared first */
	hw_complete(0);
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[0]);
	EXPECT_EQ(1u, R(INT_TC_CLEAR));
	ttest_end();
}

static void test_split_and_chain(void)
{
	struct pl08x_chan *c = chan(1);

	if (!ttest_begin("pl08x/blocks-split-at-4095-units-and-linked")) {
		return;
	}
	reset();
	/* 5000 bytes of 1-byte units: 4095 + 905; then a second block of 8. */
	EXPECT_EQ(0, dma_config(dev, 1, make(2, 1, 5000)));
	blk[1].block_size = 8;
	EXPECT_EQ(0, dma_config(dev, 1, &cfg));
	EXPECT_EQ(3, c->nitems);
	EXPECT_EQ(4095u | SW(0u) | DW(0u) | C_SI | C_DI, c->lli[0].ctrl);
	EXPECT_EQ(905u | SW(0u) | DW(0u) | C_SI | C_DI, c->lli[1].ctrl);
	EXPECT_EQ(8u | C_SI | C_DI | C_I, c->lli[2].ctrl); /* only the end interrupts */
	EXPECT_EQ(0x38000000u + 4095u, c->lli[1].src);
	EXPECT_EQ(0x38100000u + 4095u, c->lli[1].dst);
	EXPECT_EQ(addr_of_item(1, 1), c->lli[0].next);
	EXPECT_EQ(addr_of_item(1, 2), c->lli[1].next);
	EXPECT_EQ(0, c->lli[2].next);
	EXPECT_EQ(0, dma_start(dev, 1));
	EXPECT_EQ(addr_of_item(1, 1), CH(1, LLI));
	ttest_end();
}

static void test_half_and_block_irqs(void)
{
	struct pl08x_chan *c = chan(0);

	if (!ttest_begin("pl08x/half-and-block-callbacks-split-items")) {
		return;
	}
	reset();
	make(2, 4, 100);
	cfg.half_complete_callback_en = 1;
	cfg.complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(4, c->nitems);
	/* 100 bytes of 4-byte units: the half point is after 52 bytes, the
	 * first beat boundary with the whole first half (50 bytes) written. */
	EXPECT_EQ(13u | SW(2u) | DW(2u) | C_SI | C_DI | C_I, c->lli[0].ctrl); /* 52 bytes */
	EXPECT_EQ(12u | SW(2u) | DW(2u) | C_SI | C_DI | C_I, c->lli[1].ctrl); /* 48 bytes */
	EXPECT_EQ(0x38000000u + 52u, c->lli[1].src);
	ttest_end();
}

static void test_mixed_widths_and_bursts(void)
{
	if (!ttest_begin("pl08x/mixed-widths-and-burst-codes")) {
		return;
	}
	reset();
	make(1, 1, 12);
	cfg.dest_data_size = 4;
	cfg.source_burst_length = 4;  /* 4 units of 1 byte: code 1 */
	cfg.dest_burst_length = 32;   /* 8 units of 4 bytes: code 2 */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(12u | SW(0u) | DW(2u) | SB(1u) | DB(2u) | C_SI | C_DI | C_I, CH(0, CTRL));
	ttest_end();
}

/*
 * Every burst size the IP has (TRM: 1, 4, 8, 16, 32, 64, 128, 256 units) is
 * programmed with its code on both sides, and the masters and protection
 * stay as documented (master 1: S = D = 0 and LLI.LM = 0; Prot 0).
 */
static void test_every_burst_code(void)
{
	static const uint32_t units[8] = {1, 4, 8, 16, 32, 64, 128, 256};

	if (!ttest_begin("pl08x/every-burst-size-code-and-master-1")) {
		return;
	}
	for (uint32_t code = 0; code < 8u; code++) {
		reset();
		make(2, 1, 512);
		cfg.source_burst_length = units[code]; /* bytes = units at width 1 */
		cfg.dest_burst_length = units[7u - code];
		ASSERT_EQ(0, dma_config(dev, 0, &cfg));
		ASSERT_EQ(0, dma_start(dev, 0));
		EXPECT_EQ(code, (CH(0, CTRL) >> 12) & 7u);
		EXPECT_EQ(7u - code, (CH(0, CTRL) >> 15) & 7u);
		EXPECT_EQ(0u, CH(0, CTRL) & ((1u << 24) | (1u << 25) | (7u << 28))); /* S, D, Prot */
		EXPECT_EQ(0u, CH(0, LLI) & 1u);                                    /* LM */
		EXPECT_EQ(0, dma_stop(dev, 0));
	}
	ttest_end();
}

/* The PL080 variant: 8 channels, each at its own register offset. */
static void test_pl080_variant(void)
{
	const struct device *d80 = &pl080_fake;

	if (!ttest_begin("pl08x/pl080-eight-channels-at-their-offsets")) {
		return;
	}
	EXPECT_EQ(true, device_is_ready(d80));
	EXPECT_EQ(-EINVAL, dma_request_channel(d80, &(uint32_t){8})); /* channels 0..7 */
	for (uint32_t ch = 0; ch < 8u; ch++) {
		make(1, 4, 64);
		blk[0].source_address += ch * 0x100u;
		ASSERT_EQ(0, dma_config(d80, ch, &cfg));
		ASSERT_EQ(0, dma_start(d80, ch));
		EXPECT_EQ(0x38000000u + ch * 0x100u, pl080_regs[(0x100u + 0x20u * ch + SRC) / 4u]);
		EXPECT_EQ(CF_E | CF_IE | CF_ITC, pl080_regs[(0x100u + 0x20u * ch + CFG) / 4u]);
		pl080_regs[0x01C / 4] &= ~(1u << ch); /* the register file's channel goes idle */
		EXPECT_EQ(0, dma_stop(d80, ch));
	}
	EXPECT_EQ(-EINVAL, dma_config(d80, 8, &cfg));
	ttest_end();
}

static void test_peripheral_programming(void)
{
	if (!ttest_begin("pl08x/peripheral-flow-control-and-request-lines")) {
		return;
	}
	reset();
	/* Memory to peripheral: request line 5, fixed data register. */
	make(1, 4, 64);
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	cfg.dma_slot = 5;
	cfg.dest_burst_length = 16;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(CF_E | CF_IE | CF_ITC | FLOW(1u) | (5u << 6), CH(0, CFG));
	EXPECT_EQ(16u | SW(2u) | DW(2u) | DB(1u) | C_SI | C_I, CH(0, CTRL));
	EXPECT_EQ(0, dma_stop(dev, 0));

	/* Peripheral to memory: request line 7, fixed source. */
	make(1, 2, 32);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = 7;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(CF_E | CF_IE | CF_ITC | FLOW(2u) | (7u << 1), CH(0, CFG));
	EXPECT_EQ(16u | SW(1u) | DW(1u) | C_DI | C_I, CH(0, CTRL));
	EXPECT_EQ(0, dma_stop(dev, 0));

	/* Peripheral to peripheral: source line 3, destination line 9. */
	make(1, 4, 16);
	cfg.channel_direction = PERIPHERAL_TO_PERIPHERAL;
	cfg.dma_slot = 0x93;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	EXPECT_EQ(CF_E | CF_IE | CF_ITC | FLOW(3u) | (3u << 1) | (9u << 6), CH(0, CFG));
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

static const char *heard;

static void hear(const struct device *d, uint32_t ch, int err, const char *reason)
{
	static char copy[256];

	(void)d;
	(void)ch;
	(void)err;
	(void)snprintf(copy, sizeof(copy), "%s", reason);
	heard = copy;
}

/*
 * A feature the instance lacks because of QEMU's model is refused with the
 * model's reason (the driver's why_missing), not only "the controller
 * lacks it".
 */
static void test_qemu_refusal_reasons(void)
{
	if (!ttest_begin("pl08x/qemu-instance-refusals-name-the-model")) {
		return;
	}
	make(1, 4, 64)->cyclic = 1;
	heard = NULL;
	dma_set_refusal_hook(hear);
	EXPECT_EQ(-EINVAL, dma_config(&pl081_qemu, 0, &cfg));
	dma_set_refusal_hook(NULL);
	EXPECT_TRUE(heard != NULL && strstr(heard, "cyclic") != NULL && strstr(heard, "QEMU") != NULL,
		    "reason: expected one naming cyclic and QEMU's model, got %s",
		    heard != NULL ? heard : "(none)");
	ttest_end();
}

static void test_refusals(void)
{
	if (!ttest_begin("pl08x/refuses-what-the-ip-cannot-do")) {
		return;
	}
	reset();
	make(1, 4, 64);
	cfg.source_burst_length = 8; /* 2 units: no such burst size */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 4, 64);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.source_handshake = 1; /* software requests: no API to issue them */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 4, 64);
	blk[0].source_addr_adj = DMA_ADDR_ADJ_DECREMENT;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 8, 64); /* 64-bit units on a 32-bit bus */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 4, 64);
	blk[0].dest_address = 0x38100002u; /* not aligned to the width */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(2, 1, 4095u * 32u); /* 2 x 32 items: fills the 64-item pool exactly */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	make(3, 1, 4095u * 32u); /* 96 items: more than the pool */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
#if DMA_CONFIG_64BIT
	make(1, 4, 64);
	blk[0].source_address = 0x100000000ull; /* beyond the 32-bit bus */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
#endif
	EXPECT_EQ(0, cbs.n);
	ttest_end();
}

/*
 * The limits of what the IP accepts, each side of the line: a burst must be
 * whole units of its side (not shorter than one, not a fraction over); only
 * a peripheral side needs the hardware handshake (a memory side's handshake
 * field means nothing and is accepted); a block may end exactly at 4 GiB,
 * not a byte beyond (it would wrap to address 0 on the 32-bit bus).
 */
static void test_refusal_boundaries(void)
{
	if (!ttest_begin("pl08x/refusal-boundaries-bursts-handshakes-4gib")) {
		return;
	}
	reset();
	make(1, 4, 64);
	cfg.source_burst_length = 2; /* half a unit */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 4, 64);
	cfg.dest_burst_length = 18; /* four units and a half */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 4, 64);
	cfg.dest_burst_length = 16; /* four units */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));

	/* Memory to peripheral: the destination is the peripheral. */
	make(1, 4, 64);
	cfg.channel_direction = MEMORY_TO_PERIPHERAL;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.dest_handshake = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	cfg.dest_handshake = 0;
	cfg.source_handshake = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	/* Peripheral to memory: the source is. */
	make(1, 4, 64);
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.dest_handshake = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	/* Peripheral to peripheral: both are. */
	make(1, 4, 64);
	cfg.channel_direction = PERIPHERAL_TO_PERIPHERAL;
	blk[0].source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	blk[0].dest_addr_adj = DMA_ADDR_ADJ_NO_CHANGE;
	cfg.dest_handshake = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	cfg.dest_handshake = 0;
	cfg.source_handshake = 1;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	cfg.source_handshake = 0;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
#if DMA_CONFIG_64BIT
	make(1, 1, 64);
	blk[0].source_address = 0xFFFFFFC0u; /* its last byte is the bus's last */
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	blk[0].source_address = 0xFFFFFFC1u; /* one byte beyond */
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
	make(1, 1, 64);
	blk[0].dest_address = 0xFFFFFFC0u;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	blk[0].dest_address = 0xFFFFFFC1u;
	EXPECT_EQ(-EINVAL, dma_config(dev, 0, &cfg));
#endif
	EXPECT_EQ(0, cbs.n);
	ttest_end();
}

static void test_events_from_position(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x/isr-derives-block-events-from-position")) {
		return;
	}
	reset();
	make(3, 4, 64);
	cfg.complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(0, dma_start(dev, 0));
	R(ENABLED) = 1;
	/* Item 1 running (LLI holds item 2), 10 of 16 units left. */
	CH(0, LLI) = addr_of_item(0, 2);
	CH(0, CTRL) = (chan(0)->lli[1].ctrl & ~0xFFFu) | 10u;
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(192u - 64u - 24u, st.pending_length);
	R(INT_TC_STATUS) = 1;
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	/* A second interrupt at the same position reports nothing new. */
	R(INT_TC_STATUS) = 1;
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	/* Then the end, with item 1's TC merged into it. */
	hw_complete(0);
	pl08x_isr(dev);
	EXPECT_EQ(3, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[1]);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[2]);
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	EXPECT_EQ(192, st.total_copied);
	ttest_end();
}

static void test_stop_with_latched_irq(void)
{
	if (!ttest_begin("pl08x/stop-with-interrupt-latched-does-not-leak")) {
		return;
	}
	reset();
	EXPECT_EQ(0, dma_config(dev, 1, make(1, 4, 64)));
	EXPECT_EQ(0, dma_start(dev, 1));
	R(INT_TC_CLEAR) = 0;
	hw_complete(1); /* finished, TC latched, interrupt not yet taken */
	EXPECT_EQ(0, dma_stop(dev, 1));
	EXPECT_EQ(0u, CH(1, CFG) & CF_E);
	EXPECT_EQ(2u, R(INT_TC_CLEAR)); /* the latched TC was cleared */
	/* The interrupt is taken late: nothing reaches the caller ... */
	pl08x_isr(dev);
	EXPECT_EQ(0, cbs.n);
	/* ... nor the next transfer, which gets its own completion only. */
	R(INT_TC_STATUS) = 0;
	EXPECT_EQ(0, dma_start(dev, 1));
	R(ENABLED) = 2;
	R(INT_TC_STATUS) = 2; /* a stale latch seen while the new one runs */
	CH(1, LLI) = 0;
	CH(1, CTRL) = (CH(1, CTRL) & ~0xFFFu) | 16u;
	pl08x_isr(dev);
	EXPECT_EQ(0, cbs.n);
	hw_complete(1);
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	ttest_end();
}

static void test_error_irq(void)
{
	struct dma_status st;

	if (!ttest_begin("pl08x/error-interrupt-reports-eio")) {
		return;
	}
	reset();
	EXPECT_EQ(0, dma_config(dev, 0, make(1, 4, 64)));
	EXPECT_EQ(0, dma_start(dev, 0));
	R(ENABLED) = 0;
	R(INT_ERR_STATUS) = 1; /* the masked status, and the raw one beneath it */
	R(RAW_INT_ERR) = 1;
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	EXPECT_EQ(-EIO, cbs.status[0]);
	EXPECT_EQ(1u, R(INT_ERR_CLEAR));
	EXPECT_EQ(0, dma_get_status(dev, 0, &st));
	EXPECT_EQ(false, st.busy);
	ttest_end();
}

static void test_suspend_resume_halt(void)
{
	if (!ttest_begin("pl08x/suspend-resume-use-halt-bit")) {
		return;
	}
	reset();
	EXPECT_EQ(0, dma_config(dev, 0, make(1, 4, 64)));
	EXPECT_EQ(0, dma_start(dev, 0));
	R(ENABLED) = 1;
	EXPECT_EQ(0, dma_suspend(dev, 0));
	EXPECT_EQ(CF_H, CH(0, CFG) & CF_H);
	EXPECT_EQ(CF_E, CH(0, CFG) & CF_E);
	EXPECT_EQ(0, dma_resume(dev, 0));
	EXPECT_EQ(0u, CH(0, CFG) & CF_H);
	R(ENABLED) = 0;
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

static void test_cyclic_ring(void)
{
	struct pl08x_chan *c = chan(0);

	if (!ttest_begin("pl08x/cyclic-ring-and-lap-events")) {
		return;
	}
	reset();
	make(2, 4, 32);
	cfg.cyclic = 1;
	cfg.complete_callback_en = 1;
	EXPECT_EQ(0, dma_config(dev, 0, &cfg));
	EXPECT_EQ(addr_of_item(0, 0), c->lli[1].next); /* ring */
	EXPECT_EQ(0, dma_start(dev, 0));
	R(ENABLED) = 1;
	/* Item 1 running: block 0 done. */
	CH(0, LLI) = addr_of_item(0, 0);
	R(INT_TC_STATUS) = 1;
	pl08x_isr(dev);
	EXPECT_EQ(1, cbs.n);
	EXPECT_EQ(DMA_STATUS_BLOCK, cbs.status[0]);
	/* Wrapped to item 0: the lap ended. */
	CH(0, LLI) = addr_of_item(0, 1);
	R(INT_TC_STATUS) = 1;
	pl08x_isr(dev);
	EXPECT_EQ(2, cbs.n);
	EXPECT_EQ(DMA_STATUS_COMPLETE, cbs.status[1]);
	R(ENABLED) = 0;
	EXPECT_EQ(0, dma_stop(dev, 0));
	ttest_end();
}

int main(void)
{

	ttest_init(&ttest_host_platform);
	test_init();
	test_single_block();
	test_split_and_chain();
	test_half_and_block_irqs();
	test_mixed_widths_and_bursts();
	test_peripheral_programming();
	test_refusals();
	test_refusal_boundaries();
	test_qemu_refusal_reasons();
	test_every_burst_code();
	test_pl080_variant();
	test_events_from_position();
	test_stop_with_latched_irq();
	test_error_irq();
	test_suspend_resume_halt();
	test_cyclic_ring();
	return ttest_summary("unit-pl08x") == 0 ? 0 : 1;
}
