/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Self-test of the SiFive PDMA silicon model (pdma_silicon.c) alone: it is
 * driven through dma_mmio_read32/write32 with register sequences written out
 * here, in the order the FU540-C000 / FU740-C000 manuals give (claim, program
 * the Next registers, set run, watch done/error); no driver is involved. Time
 * passes only through pdma_si_step()/pdma_si_run(). One case per behaviour; a
 * failure prints what was expected and what came.
 */
#include <stdio.h>
#include <string.h>

#include "dma/dma_mmio.h"
#include "pdma_silicon.h"
#include "ttest.h"
#include "ttest_host.h"

#define BASE ((uintptr_t)0x03000000u) /* never dereferenced: decodes mmio only */
#define BUS 0x80000000ull             /* where mem[] appears to the engine */
#define HIGH_BUS 0x100001000ull       /* where hi_mem[] appears (above 4 GiB) */
#define MEMSZ 0x4000u
#define SRC 0x0000u /* offsets in mem[] */
#define DST 0x2000u
#define UNMAPPED 0x10000000ull

static uint8_t mem[MEMSZ];
static uint8_t hi_mem[256];

/* ------------------------------------------------------------ test helpers */

#define EXPECT_X(expected, actual)                                                        \
	do {                                                                              \
		unsigned long long e_ = (unsigned long long)(expected);                   \
		unsigned long long a_ = (unsigned long long)(actual);                     \
		if (e_ != a_)                                                             \
			TT_FAIL("%s: expected 0x%llx, got 0x%llx", #actual, e_, a_);      \
	} while (0)

#define EXPECT_MEM(expected, actual, n)                                                   \
	do {                                                                              \
		size_t i_ = first_diff((expected), (actual), (n));                        \
		if (i_ < (size_t)(n))                                                     \
			TT_FAIL("%s: byte %zu expected 0x%02x, got 0x%02x", #actual, i_,   \
				((const uint8_t *)(expected))[i_],                        \
				((const uint8_t *)(actual))[i_]);                         \
	} while (0)

#define EXPECT_NO_MISUSE()                                                                \
	EXPECT_TRUE(pdma_si_misuse() == NULL, "unexpected misuse: %s", pdma_si_misuse())

#define EXPECT_MISUSE(substring)                                                          \
	EXPECT_TRUE(pdma_si_misuse() != NULL && strstr(pdma_si_misuse(), (substring)),     \
		    "expected a misuse naming \"%s\", got %s", (substring),                \
		    pdma_si_misuse() ? pdma_si_misuse() : "none")

static size_t first_diff(const void *a, const void *b, size_t n)
{
	size_t i;

	for (i = 0; i < n && ((const uint8_t *)a)[i] == ((const uint8_t *)b)[i]; i++)
		;
	return i;
}

static size_t first_nonzero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && p[i] == 0u; i++)
		;
	return i;
}

#define EXPECT_ZERO(p, n)                                                                 \
	do {                                                                              \
		size_t i_ = first_nonzero((p), (n));                                      \
		if (i_ < (size_t)(n))                                                     \
			TT_FAIL("%s: byte %zu expected 0x00, got 0x%02x", #p, i_, (p)[i_]); \
	} while (0)

static uintptr_t reg(unsigned ch, uint32_t off)
{
	return BASE + (uintptr_t)PDMA_SI_CHANNEL_STRIDE * ch + off;
}

static uint32_t rd(unsigned ch, uint32_t off)
{
	return dma_mmio_read32(reg(ch, off));
}

static void wr(unsigned ch, uint32_t off, uint32_t v)
{
	dma_mmio_write32(reg(ch, off), v);
}

/* A 64-bit register: low word at +0, high word at +4. */
static uint64_t rd64(unsigned ch, uint32_t off)
{
	uint64_t lo = rd(ch, off);

	return lo | (uint64_t)rd(ch, off + 4u) << 32;
}

static void wr64(unsigned ch, uint32_t off, uint64_t v)
{
	wr(ch, off, (uint32_t)v);
	wr(ch, off + 4u, (uint32_t)(v >> 32));
}

static uint64_t bus(uint32_t off)
{
	return BUS + off;
}

static void setup(void)
{
	pdma_si_reset(BASE);
	memset(mem, 0, sizeof(mem));
	memset(hi_mem, 0, sizeof(hi_mem));
	for (unsigned i = 0; i < DST; i++)
		mem[SRC + i] = (uint8_t)(i * 13u + 7u);
	pdma_si_map(BUS, mem, sizeof(mem));
}

/* NextConfig: transaction sizes as log2 of the bytes. */
static uint32_t cfg(unsigned wlog, unsigned rlog)
{
	return PDMA_SI_WSIZE(wlog) | PDMA_SI_RSIZE(rlog);
}

/* The Next registers, in the manual's order. */
static void program(unsigned ch, uint32_t config, uint64_t bytes, uint64_t dst, uint64_t src)
{
	wr(ch, PDMA_SI_NEXT_CONFIG, config);
	wr64(ch, PDMA_SI_NEXT_BYTES, bytes);
	wr64(ch, PDMA_SI_NEXT_DEST, dst);
	wr64(ch, PDMA_SI_NEXT_SOURCE, src);
}

/* Claim, program, run: the lifecycle of the manual. */
static void claim_program_run(unsigned ch, uint32_t config, uint64_t bytes, uint64_t dst,
			      uint64_t src, uint32_t ie)
{
	wr(ch, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	program(ch, config, bytes, dst, src);
	wr(ch, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN | ie);
}

/* Step channel @p ch until it stops (at most @p max steps); the count. */
static unsigned steps_until_stopped(unsigned ch, unsigned max)
{
	unsigned n = 0;

	while (n < max && pdma_si_step(ch))
		n++;
	return n;
}

/* ------------------------------------------------------------------ tests */

static void test_reset_state(void)
{
	static const uint32_t offs[] = {
		PDMA_SI_CONTROL,        PDMA_SI_NEXT_CONFIG,    PDMA_SI_NEXT_BYTES,
		PDMA_SI_NEXT_BYTES + 4, PDMA_SI_NEXT_DEST,      PDMA_SI_NEXT_DEST + 4,
		PDMA_SI_NEXT_SOURCE,    PDMA_SI_NEXT_SOURCE + 4, PDMA_SI_EXEC_CONFIG,
		PDMA_SI_EXEC_BYTES,     PDMA_SI_EXEC_BYTES + 4, PDMA_SI_EXEC_DEST,
		PDMA_SI_EXEC_DEST + 4,  PDMA_SI_EXEC_SOURCE,    PDMA_SI_EXEC_SOURCE + 4,
	};

	if (!ttest_begin("pdma-silicon/reset-leaves-every-register-zero"))
		return;
	setup();
	for (unsigned ch = 0; ch < PDMA_SI_CHANNELS; ch++)
		for (size_t i = 0; i < sizeof(offs) / sizeof(offs[0]); i++)
			if (rd(ch, offs[i]) != 0u)
				TT_FAIL("channel %u offset 0x%03X: expected 0, got 0x%08X", ch,
					(unsigned)offs[i], (unsigned)rd(ch, offs[i]));
	EXPECT_X(0, pdma_si_step(0));
	EXPECT_X(0, pdma_si_run(100));
	EXPECT_X(0, pdma_si_runs(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_claim_resets_next(void)
{
	if (!ttest_begin("pdma-silicon/claim-resets-the-next-registers"))
		return;
	setup();
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	program(0, cfg(3, 3) | PDMA_SI_REPEAT | PDMA_SI_ORDER, 0x123456789ull, 0xAABBCCDD11223344ull,
		0x5566778899AABBCCull);
	EXPECT_X(cfg(3, 3) | PDMA_SI_REPEAT | PDMA_SI_ORDER, rd(0, PDMA_SI_NEXT_CONFIG));
	EXPECT_X(0x123456789ull, rd64(0, PDMA_SI_NEXT_BYTES));
	EXPECT_X(0xAABBCCDD11223344ull, rd64(0, PDMA_SI_NEXT_DEST));
	EXPECT_X(0x5566778899AABBCCull, rd64(0, PDMA_SI_NEXT_SOURCE));
	/* claim written again while claimed: not a new claim, nothing cleared */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(0x123456789ull, rd64(0, PDMA_SI_NEXT_BYTES));
	/* release, then claim: every Next register reads 0 */
	wr(0, PDMA_SI_CONTROL, 0);
	EXPECT_X(0, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(0x123456789ull, rd64(0, PDMA_SI_NEXT_BYTES)); /* release clears nothing */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(PDMA_SI_CLAIM, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(0, rd(0, PDMA_SI_NEXT_CONFIG));
	EXPECT_X(0, rd64(0, PDMA_SI_NEXT_BYTES));
	EXPECT_X(0, rd64(0, PDMA_SI_NEXT_DEST));
	EXPECT_X(0, rd64(0, PDMA_SI_NEXT_SOURCE));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_claim_leaves_exec(void)
{
	if (!ttest_begin("pdma-silicon/claim-leaves-the-exec-registers"))
		return;
	setup();
	claim_program_run(0, cfg(2, 2), 16, bus(DST), bus(SRC), 0);
	EXPECT_X(4, steps_until_stopped(0, 100));
	wr(0, PDMA_SI_CONTROL, 0);
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(cfg(2, 2), rd(0, PDMA_SI_EXEC_CONFIG));
	EXPECT_X(0, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(DST + 16), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(bus(SRC + 16), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_copy_only_when_stepped(void)
{
	if (!ttest_begin("pdma-silicon/copy-runs-only-when-stepped-and-exec-bytes-counts-down"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3) | PDMA_SI_ORDER, 64, bus(DST), bus(SRC), 0);
	/* run copied Next into Exec; nothing has moved yet */
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(cfg(3, 3) | PDMA_SI_ORDER, rd(0, PDMA_SI_EXEC_CONFIG));
	EXPECT_X(64, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(DST), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(bus(SRC), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(1, pdma_si_runs(0));
	for (unsigned i = 0; i < 10; i++)
		(void)rd(0, PDMA_SI_CONTROL); /* register accesses do not pass time */
	EXPECT_X(0, pdma_si_bytes_written(0));
	EXPECT_ZERO(&mem[DST], 64);
	for (unsigned i = 1; i <= 8; i++) {
		EXPECT_X(1, pdma_si_step(0));
		EXPECT_X(64 - 8 * i, rd64(0, PDMA_SI_EXEC_BYTES));
		EXPECT_X(bus(SRC + 8 * i), rd64(0, PDMA_SI_EXEC_SOURCE));
		EXPECT_X(bus(DST + 8 * i), rd64(0, PDMA_SI_EXEC_DEST));
		EXPECT_X(8 * i, pdma_si_bytes_written(0));
		EXPECT_X(i < 8 ? PDMA_SI_CLAIM | PDMA_SI_RUN : PDMA_SI_CLAIM | PDMA_SI_DONE,
			 rd(0, PDMA_SI_CONTROL));
	}
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_ZERO(&mem[DST + 64], 64);
	EXPECT_X(0, pdma_si_step(0));
	EXPECT_X(64, pdma_si_bytes_read(0));
	EXPECT_X(1, pdma_si_runs(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_done_line(void)
{
	if (!ttest_begin("pdma-silicon/done-and-doneie-raise-the-done-line-clearing-done-lowers-it"))
		return;
	setup();
	/* without doneIE: done is set, the line stays low */
	claim_program_run(0, cfg(3, 3), 16, bus(DST), bus(SRC), 0);
	EXPECT_X(2, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high without doneIE");
	/* enabling doneIE with done still set raises it (a level) */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_DONE);
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low with done and doneIE");
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONEIE);
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line still high after done was cleared");
	/* a run with doneIE: low while running, high at the end, low once cleared */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE);
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high before the transfer ended");
	EXPECT_X(1, pdma_si_step(0));
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high halfway");
	EXPECT_X(1, pdma_si_step(0));
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low after the last transaction");
	EXPECT_TRUE(!pdma_si_error_irq(0), "error line high after a good transfer");
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONEIE);
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high after clearing done");
	EXPECT_X(2, pdma_si_runs(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_run_without_claim(void)
{
	if (!ttest_begin("pdma-silicon/run-without-claim-does-nothing"))
		return;
	setup();
	wr(1, PDMA_SI_CONTROL, PDMA_SI_RUN | PDMA_SI_DONEIE);
	EXPECT_X(PDMA_SI_DONEIE, rd(1, PDMA_SI_CONTROL));
	EXPECT_X(0, pdma_si_step(1));
	EXPECT_X(0, pdma_si_runs(1));
	EXPECT_X(0, rd64(1, PDMA_SI_EXEC_BYTES));
	EXPECT_MISUSE("not claimed");
	ttest_end();
}

static void test_claim_and_run_together(void)
{
	if (!ttest_begin("pdma-silicon/claim-and-run-in-one-write-only-claims"))
		return;
	setup();
	wr(2, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN);
	EXPECT_X(PDMA_SI_CLAIM, rd(2, PDMA_SI_CONTROL));
	EXPECT_X(0, pdma_si_step(2));
	EXPECT_X(0, pdma_si_runs(2));
	EXPECT_MISUSE("not claimed");
	/* now claimed: the same write starts a transfer */
	program(2, cfg(0, 0), 3, bus(DST), bus(SRC));
	wr(2, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN, rd(2, PDMA_SI_CONTROL));
	EXPECT_X(3, pdma_si_run(100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 3);
	EXPECT_X(1, pdma_si_misuse_count());
	ttest_end();
}

static void test_transaction_sizes(void)
{
	if (!ttest_begin("pdma-silicon/transaction-sizes-1-to-64-bytes"))
		return;
	for (unsigned k = 0; k <= 6; k++) {
		unsigned size = 1u << k;

		setup();
		claim_program_run(0, cfg(k, k), 256, bus(DST), bus(SRC), 0);
		EXPECT_X(1, pdma_si_step(0));
		if (rd64(0, PDMA_SI_EXEC_BYTES) != 256u - size)
			TT_FAIL("%u-byte transactions: ExecBytes after one step: expected %u, got "
				"%llu", size, 256u - size,
				(unsigned long long)rd64(0, PDMA_SI_EXEC_BYTES));
		if (pdma_si_bytes_written(0) != size)
			TT_FAIL("%u-byte transactions: one step wrote %llu bytes", size,
				(unsigned long long)pdma_si_bytes_written(0));
		if (steps_until_stopped(0, 1000) + 1u != 256u / size)
			TT_FAIL("%u-byte transactions: 256 bytes took a wrong number of steps",
				size);
		EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
		EXPECT_X(256, pdma_si_bytes_written(0));
		EXPECT_MEM(&mem[SRC], &mem[DST], 256);
		EXPECT_ZERO(&mem[DST + 256], 16);
		EXPECT_NO_MISUSE();
	}
	ttest_end();
}

static void test_size_warl(void)
{
	if (!ttest_begin("pdma-silicon/wsize-rsize-are-warl-up-to-64-bytes"))
		return;
	setup();
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	wr(0, PDMA_SI_NEXT_CONFIG, 0xFF000008u); /* "as large as allowed", ordered */
	EXPECT_X(cfg(6, 6) | PDMA_SI_ORDER, rd(0, PDMA_SI_NEXT_CONFIG));
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(5, 7));
	EXPECT_X(cfg(5, 6), rd(0, PDMA_SI_NEXT_CONFIG));
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(1, 4) | PDMA_SI_REPEAT);
	EXPECT_X(cfg(1, 4) | PDMA_SI_REPEAT, rd(0, PDMA_SI_NEXT_CONFIG));
	EXPECT_NO_MISUSE();
	/* a 64-byte-capped transfer of 256 bytes: 4 transactions */
	program(0, 0xFF000000u, 256, bus(DST), bus(SRC));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN);
	EXPECT_X(4, pdma_si_run(100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 256);
	/* reserved bits read 0 and are a misuse */
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(2, 2) | 1u << 4);
	EXPECT_X(cfg(2, 2), rd(0, PDMA_SI_NEXT_CONFIG));
	EXPECT_MISUSE("reserved");
	ttest_end();
}

static void test_length_not_multiple(void)
{
	static const unsigned left[] = {36, 4, 0}; /* 64, then 32, then 4 */

	if (!ttest_begin("pdma-silicon/length-not-a-multiple-of-the-size-ends-with-smaller-"
			 "transactions"))
		return;
	setup();
	claim_program_run(0, cfg(6, 6), 100, bus(DST), bus(SRC), 0);
	for (unsigned i = 0; i < 3; i++) {
		EXPECT_X(1, pdma_si_step(0));
		EXPECT_X(left[i], rd64(0, PDMA_SI_EXEC_BYTES));
	}
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_MEM(&mem[SRC], &mem[DST], 100);
	EXPECT_ZERO(&mem[DST + 100], 28);
	EXPECT_X(100, pdma_si_bytes_written(0));
	/* 13 bytes at 4: 4, 4, 4, 1 */
	setup();
	claim_program_run(0, cfg(2, 2), 13, bus(DST), bus(SRC), 0);
	EXPECT_X(4, steps_until_stopped(0, 100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 13);
	EXPECT_ZERO(&mem[DST + 13], 3);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_unaligned(void)
{
	static const unsigned left[] = {19, 17, 13, 5, 1, 0}; /* 1, 2, 4, 8, 4, 1 */

	if (!ttest_begin("pdma-silicon/unaligned-addresses-use-smaller-aligned-transactions"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 20, bus(DST + 1), bus(SRC + 1), 0);
	for (unsigned i = 0; i < 6; i++) {
		EXPECT_X(1, pdma_si_step(0));
		EXPECT_X(left[i], rd64(0, PDMA_SI_EXEC_BYTES));
	}
	EXPECT_X(0, pdma_si_step(0));
	EXPECT_MEM(&mem[SRC + 1], &mem[DST + 1], 20);
	EXPECT_X(0, mem[DST]);
	EXPECT_X(0, mem[DST + 21]);
	/* source and destination misaligned to each other: byte by byte */
	setup();
	claim_program_run(0, cfg(3, 3), 16, bus(DST), bus(SRC + 1), 0);
	EXPECT_X(16, steps_until_stopped(0, 100));
	EXPECT_MEM(&mem[SRC + 1], &mem[DST], 16);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_mixed_sizes(void)
{
	if (!ttest_begin("pdma-silicon/wsize-and-rsize-differ-the-smaller-governs"))
		return;
	setup();
	claim_program_run(0, cfg(6, 2), 64, bus(DST), bus(SRC), 0);
	EXPECT_X(16, steps_until_stopped(0, 100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	setup();
	claim_program_run(0, cfg(1, 5), 64, bus(DST), bus(SRC), 0);
	EXPECT_X(32, steps_until_stopped(0, 100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_read_error(void)
{
	if (!ttest_begin("pdma-silicon/bus-error-on-read-sets-error-and-stops-the-run"))
		return;
	setup();
	pdma_si_inject_bus_error(bus(SRC + 24), 1, true, false);
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC),
			  PDMA_SI_DONEIE | PDMA_SI_ERRIE);
	EXPECT_X(3, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_ERRIE | PDMA_SI_ERROR,
		 rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(pdma_si_error_irq(0), "error line low after a read error");
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high after a read error");
	/* the Exec registers stay at the failed transaction */
	EXPECT_X(40, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(SRC + 24), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(bus(DST + 24), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(24, pdma_si_bytes_written(0));
	EXPECT_MEM(&mem[SRC], &mem[DST], 24);
	EXPECT_ZERO(&mem[DST + 24], 40);
	EXPECT_X(0, pdma_si_step(0));
	/* clearing error (it is RW) lowers the line */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_ERRIE);
	EXPECT_TRUE(!pdma_si_error_irq(0), "error line still high after clearing error");
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_ERRIE, rd(0, PDMA_SI_CONTROL));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_write_error(void)
{
	if (!ttest_begin("pdma-silicon/bus-error-on-write-sets-error-and-stops-the-run"))
		return;
	setup();
	pdma_si_inject_bus_error(bus(DST + 32), 8, false, true);
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), PDMA_SI_ERRIE);
	EXPECT_X(4, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_ERRIE | PDMA_SI_ERROR, rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(pdma_si_error_irq(0), "error line low after a write error");
	EXPECT_X(32, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(40, pdma_si_bytes_read(0)); /* the failed transaction's read went through */
	EXPECT_X(32, pdma_si_bytes_written(0));
	EXPECT_MEM(&mem[SRC], &mem[DST], 32);
	EXPECT_ZERO(&mem[DST + 32], 32);
	/* a read-only error range does not fail writes */
	setup();
	pdma_si_inject_bus_error(bus(DST), 64, true, false);
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), PDMA_SI_ERRIE);
	EXPECT_X(8, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_ERRIE | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	/* an unmapped destination fails at once; without errorIE the line stays low */
	setup();
	claim_program_run(3, cfg(2, 2), 16, UNMAPPED, bus(SRC), 0);
	EXPECT_X(0, pdma_si_step(3));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_ERROR, rd(3, PDMA_SI_CONTROL));
	EXPECT_TRUE(!pdma_si_error_irq(3), "error line high without errorIE");
	EXPECT_X(16, rd64(3, PDMA_SI_EXEC_BYTES));
	EXPECT_X(0, pdma_si_bytes_written(3));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_repeat(void)
{
	if (!ttest_begin("pdma-silicon/repeat-reloads-exec-from-next-at-the-end-and-goes-on"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3) | PDMA_SI_REPEAT, 32, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	EXPECT_X(1, pdma_si_runs(0));
	EXPECT_X(4, pdma_si_run(4));
	/* lap 1 ended: done, and lap 2 already loaded with run still set */
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE | PDMA_SI_DONE,
		 rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low after a lap");
	EXPECT_X(2, pdma_si_runs(0));
	EXPECT_X(32, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(SRC), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(bus(DST), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(cfg(3, 3) | PDMA_SI_REPEAT, rd(0, PDMA_SI_EXEC_CONFIG));
	/* the handler clears done, keeping run: no restart */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE);
	EXPECT_TRUE(!pdma_si_done_irq(0), "done line high after clearing done");
	EXPECT_X(2, pdma_si_runs(0));
	/* the channel cannot be released while it repeats */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_DONEIE | PDMA_SI_RUN);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL));
	/* it goes on lap after lap */
	EXPECT_X(1, pdma_si_step(0));
	memset(&mem[DST], 0, 32);
	EXPECT_X(3 + 4 * 2, pdma_si_run(3 + 4 * 2)); /* the rest of lap 2, laps 3 and 4 */
	EXPECT_X(5, pdma_si_runs(0));
	EXPECT_X(32 * 4, pdma_si_bytes_written(0));
	EXPECT_MEM(&mem[SRC], &mem[DST], 32);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_repeat_cleared(void)
{
	if (!ttest_begin("pdma-silicon/lowering-repeat-from-the-done-interrupt-ends-after-the-"
			 "next-lap"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3) | PDMA_SI_REPEAT, 32, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	EXPECT_X(4, pdma_si_run(4));
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low after lap 1");
	/* the done handler: lower repeat (the manual's way), then clear done */
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(3, 3));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE);
	EXPECT_NO_MISUSE(); /* changing only repeat while running is allowed */
	/* lap 2 was loaded before repeat was lowered: it runs, then the channel stops */
	EXPECT_X(4, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(2, pdma_si_runs(0));
	EXPECT_X(64, pdma_si_bytes_written(0));
	/* lowered while a lap runs: that lap is the last */
	setup();
	claim_program_run(1, cfg(3, 3) | PDMA_SI_REPEAT, 32, bus(DST), bus(SRC), 0);
	EXPECT_X(2, pdma_si_run(2));
	wr(1, PDMA_SI_NEXT_CONFIG, cfg(3, 3));
	EXPECT_X(2, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(1, PDMA_SI_CONTROL));
	EXPECT_X(1, pdma_si_runs(1));
	EXPECT_NO_MISUSE();
	ttest_end();
}

/* The halt lag: clearing run leaves it reading 1, moving nothing, until the
 * transaction in flight completes at the lag's last Control read. */
static void test_halt_lag(void)
{
	if (!ttest_begin("pdma-silicon/halt-lag-run-reads-1-until-the-transaction-in-flight-ends"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	EXPECT_X(3, pdma_si_run(3));
	pdma_si_set_halt_lag(0, 3);
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONEIE);
	EXPECT_X(0, pdma_si_step(0)); /* halting: nothing by itself */
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL)); /* the third */
	EXPECT_X(32, rd64(0, PDMA_SI_EXEC_BYTES)); /* the one in flight completed */
	EXPECT_MEM(&mem[SRC], &mem[DST], 32);
	EXPECT_ZERO(&mem[DST + 32], 32);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_clear_run(void)
{
	if (!ttest_begin("pdma-silicon/clearing-run-stops-the-channel-exec-bytes-shows-the-"
			 "residue"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	EXPECT_X(3, pdma_si_run(3));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONEIE);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(0, pdma_si_step(0));
	EXPECT_X(40, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(SRC + 24), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(bus(DST + 24), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_TRUE(!pdma_si_done_irq(0), "a stopped transfer raised done");
	EXPECT_MEM(&mem[SRC], &mem[DST], 24);
	EXPECT_ZERO(&mem[DST + 24], 40);
	/* setting run again starts afresh from the Next registers */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE);
	EXPECT_X(2, pdma_si_runs(0));
	EXPECT_X(64, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(SRC), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(8, pdma_si_run(100));
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low after the restarted transfer");
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_claim_kept_while_running(void)
{
	if (!ttest_begin("pdma-silicon/claim-can-only-be-cleared-when-run-is-low"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), 0);
	EXPECT_X(1, pdma_si_step(0));
	wr(0, PDMA_SI_CONTROL, 0); /* run was high: claim stays, run clears */
	EXPECT_X(PDMA_SI_CLAIM, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(64, rd64(0, PDMA_SI_NEXT_BYTES));
	EXPECT_X(0, pdma_si_step(0));
	/* still claimed: writing claim is no new claim, the Next registers stay */
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(64, rd64(0, PDMA_SI_NEXT_BYTES));
	wr(0, PDMA_SI_CONTROL, 0); /* run is low now: released */
	EXPECT_X(0, rd(0, PDMA_SI_CONTROL));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_claim_clears_status(void)
{
	if (!ttest_begin("pdma-silicon/claiming-clears-done-and-error"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 8, bus(DST), bus(SRC), 0);
	EXPECT_X(1, pdma_si_run(100));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_DONE); /* release, keeping done (RW) */
	EXPECT_X(PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | PDMA_SI_DONE | PDMA_SI_ERROR);
	EXPECT_X(PDMA_SI_CLAIM, rd(0, PDMA_SI_CONTROL));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_zero_bytes(void)
{
	if (!ttest_begin("pdma-silicon/zero-byte-run-sets-done-at-its-first-step"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 0, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE, rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(!pdma_si_done_irq(0), "done before any step");
	EXPECT_X(1, pdma_si_step(0));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_TRUE(pdma_si_done_irq(0), "done line low after a zero-byte run");
	EXPECT_X(0, pdma_si_bytes_read(0));
	EXPECT_X(0, pdma_si_bytes_written(0));
	EXPECT_X(bus(DST), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(0, pdma_si_step(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_exec_read_only(void)
{
	if (!ttest_begin("pdma-silicon/writes-to-exec-registers-are-ignored-misuse"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), 0);
	EXPECT_X(2, pdma_si_run(2));
	wr(0, PDMA_SI_EXEC_CONFIG, cfg(0, 0));
	wr64(0, PDMA_SI_EXEC_BYTES, 5);
	wr64(0, PDMA_SI_EXEC_DEST, bus(DST + 0x100));
	wr64(0, PDMA_SI_EXEC_SOURCE, bus(SRC + 0x100));
	EXPECT_MISUSE("read-only");
	EXPECT_X(7, pdma_si_misuse_count());
	EXPECT_X(cfg(3, 3), rd(0, PDMA_SI_EXEC_CONFIG));
	EXPECT_X(48, rd64(0, PDMA_SI_EXEC_BYTES));
	EXPECT_X(bus(DST + 16), rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(bus(SRC + 16), rd64(0, PDMA_SI_EXEC_SOURCE));
	EXPECT_X(6, pdma_si_run(100));
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_ZERO(&mem[DST + 0x100], 8);
	ttest_end();
}

static void test_next_while_running(void)
{
	if (!ttest_begin("pdma-silicon/next-written-while-running-is-misuse-and-waits-for-the-"
			 "next-run"))
		return;
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), 0);
	EXPECT_X(1, pdma_si_step(0));
	wr64(0, PDMA_SI_NEXT_BYTES, 8);
	EXPECT_MISUSE("while the channel runs");
	EXPECT_X(8, rd64(0, PDMA_SI_NEXT_BYTES)); /* it took effect in Next ... */
	EXPECT_X(56, rd64(0, PDMA_SI_EXEC_BYTES)); /* ... not in the running transfer */
	EXPECT_X(7, pdma_si_run(100));
	EXPECT_X(64, pdma_si_bytes_written(0));
	/* a NextConfig change other than repeat while running is a misuse too */
	setup();
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), 0);
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(3, 3) | PDMA_SI_REPEAT);
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(3, 3));
	EXPECT_NO_MISUSE();
	wr(0, PDMA_SI_NEXT_CONFIG, cfg(2, 2));
	EXPECT_MISUSE("NextConfig changed");
	EXPECT_X(8, pdma_si_run(100)); /* the running transfer keeps ExecConfig */
	ttest_end();
}

static void test_next_unclaimed(void)
{
	if (!ttest_begin("pdma-silicon/next-written-on-an-unclaimed-channel-is-misuse"))
		return;
	setup();
	wr64(2, PDMA_SI_NEXT_SOURCE, bus(SRC));
	EXPECT_MISUSE("unclaimed");
	EXPECT_X(bus(SRC), rd64(2, PDMA_SI_NEXT_SOURCE));
	wr(2, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(0, rd64(2, PDMA_SI_NEXT_SOURCE)); /* the claim cleared it */
	ttest_end();
}

static void test_bad_accesses(void)
{
	if (!ttest_begin("pdma-silicon/reserved-unaligned-and-outside-accesses-are-misuse"))
		return;
	setup();
	EXPECT_X(0, dma_mmio_read32(BASE + 4u * PDMA_SI_CHANNEL_STRIDE));
	EXPECT_MISUSE("outside");
	setup();
	EXPECT_X(0, rd(1, 0x020));
	EXPECT_MISUSE("reserved");
	setup();
	wr(1, 0x100, 1);
	EXPECT_MISUSE("reserved");
	setup();
	EXPECT_X(0, rd(0, PDMA_SI_NEXT_BYTES + 2));
	EXPECT_MISUSE("unaligned");
	setup();
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM | 1u << 5 | 1u << 29);
	EXPECT_MISUSE("reserved");
	EXPECT_X(PDMA_SI_CLAIM, rd(0, PDMA_SI_CONTROL));
	setup();
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	wr(0, PDMA_SI_EXEC_BYTES + 4, 1);
	EXPECT_MISUSE("read-only");
	ttest_end();
}

struct hook_log {
	unsigned calls, last_ch;
	uint32_t last_off;
	bool last_write;
	unsigned step_ch; /* the channel stepped on each Control read, or ~0 */
};

static void hook(unsigned ch, uint32_t off, bool write, void *arg)
{
	struct hook_log *h = arg;

	h->calls++;
	h->last_ch = ch;
	h->last_off = off;
	h->last_write = write;
	if (!write && off == PDMA_SI_CONTROL && ch == h->step_ch) {
		(void)rd(ch, PDMA_SI_EXEC_BYTES); /* no recursion from inside the hook */
		(void)pdma_si_step(ch);
	}
}

static void test_access_hook(void)
{
	struct hook_log h = {0, 0, 0, false, ~0u};
	unsigned spins = 0;

	if (!ttest_begin("pdma-silicon/the-access-hook-is-called-before-each-access"))
		return;
	setup();
	pdma_si_set_access_hook(hook, &h);
	wr(2, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	EXPECT_X(1, h.calls);
	EXPECT_X(2, h.last_ch);
	EXPECT_X(PDMA_SI_CONTROL, h.last_off);
	EXPECT_TRUE(h.last_write, "the hook saw a read for a write");
	wr(2, PDMA_SI_NEXT_DEST + 4, 0);
	EXPECT_X(2, h.calls);
	EXPECT_X(PDMA_SI_NEXT_DEST + 4, h.last_off);
	(void)rd(2, PDMA_SI_EXEC_SOURCE);
	EXPECT_X(3, h.calls);
	EXPECT_X(PDMA_SI_EXEC_SOURCE, h.last_off);
	EXPECT_TRUE(!h.last_write, "the hook saw a write for a read");
	(void)pdma_si_peek(2, PDMA_SI_CONTROL);
	EXPECT_X(3, h.calls); /* peek is not an access */
	/* the engine progresses at the driver's accesses: a polling loop ends */
	h.step_ch = 0;
	claim_program_run(0, cfg(3, 3), 64, bus(DST), bus(SRC), 0);
	while ((rd(0, PDMA_SI_CONTROL) & PDMA_SI_RUN) && spins < 100)
		spins++;
	EXPECT_X(7, spins);
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(0, PDMA_SI_CONTROL));
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	pdma_si_set_access_hook(NULL, NULL);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_channels_independent(void)
{
	if (!ttest_begin("pdma-silicon/channels-run-independently-round-robin"))
		return;
	setup();
	claim_program_run(1, cfg(2, 2), 16, bus(DST), bus(SRC), PDMA_SI_DONEIE);
	claim_program_run(3, cfg(2, 2), 16, bus(DST + 0x100), bus(SRC + 0x100), 0);
	EXPECT_X(4, pdma_si_run(4));
	EXPECT_X(8, pdma_si_bytes_written(1));
	EXPECT_X(8, pdma_si_bytes_written(3));
	EXPECT_X(0, rd(0, PDMA_SI_CONTROL));
	EXPECT_X(0, rd(2, PDMA_SI_CONTROL));
	EXPECT_X(4, pdma_si_run(100));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONEIE | PDMA_SI_DONE, rd(1, PDMA_SI_CONTROL));
	EXPECT_X(PDMA_SI_CLAIM | PDMA_SI_DONE, rd(3, PDMA_SI_CONTROL));
	EXPECT_TRUE(pdma_si_done_irq(1) && !pdma_si_done_irq(3), "done lines crossed");
	EXPECT_MEM(&mem[SRC], &mem[DST], 16);
	EXPECT_MEM(&mem[SRC + 0x100], &mem[DST + 0x100], 16);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_high_addresses(void)
{
	if (!ttest_begin("pdma-silicon/64-bit-registers-reach-addresses-above-4-gib"))
		return;
	setup();
	pdma_si_map(HIGH_BUS, hi_mem, sizeof(hi_mem));
	claim_program_run(0, cfg(4, 4), 48, HIGH_BUS + 16, bus(SRC), 0);
	EXPECT_X(1, rd(0, PDMA_SI_EXEC_DEST + 4));
	EXPECT_X(3, pdma_si_run(100));
	EXPECT_X(HIGH_BUS + 64, rd64(0, PDMA_SI_EXEC_DEST));
	EXPECT_X(1, rd(0, PDMA_SI_NEXT_DEST + 4));
	EXPECT_MEM(&mem[SRC], &hi_mem[16], 48);
	EXPECT_ZERO(hi_mem, 16);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_bytes_warl(void)
{
	if (!ttest_begin("pdma-silicon/next-bytes-is-warl-to-its-implemented-width"))
		return;
	setup();
	wr(0, PDMA_SI_CONTROL, PDMA_SI_CLAIM);
	wr64(0, PDMA_SI_NEXT_BYTES, ~0ull);
	EXPECT_X(~0ull, rd64(0, PDMA_SI_NEXT_BYTES));
	pdma_si_set_bytes_bits(20);
	wr64(0, PDMA_SI_NEXT_BYTES, ~0ull);
	EXPECT_X(0xFFFFF, rd64(0, PDMA_SI_NEXT_BYTES));
	wr64(0, PDMA_SI_NEXT_BYTES, 0x100040ull);
	EXPECT_X(0x40, rd64(0, PDMA_SI_NEXT_BYTES));
	EXPECT_NO_MISUSE();
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_reset_state();
	test_claim_resets_next();
	test_claim_leaves_exec();
	test_copy_only_when_stepped();
	test_done_line();
	test_run_without_claim();
	test_claim_and_run_together();
	test_transaction_sizes();
	test_size_warl();
	test_length_not_multiple();
	test_unaligned();
	test_mixed_sizes();
	test_read_error();
	test_write_error();
	test_repeat();
	test_repeat_cleared();
	test_clear_run();
	test_halt_lag();
	test_claim_kept_while_running();
	test_claim_clears_status();
	test_zero_bytes();
	test_exec_read_only();
	test_next_while_running();
	test_next_unclaimed();
	test_bad_accesses();
	test_access_hook();
	test_channels_independent();
	test_high_addresses();
	test_bytes_warl();
	return ttest_summary("pdma-silicon") == 0 ? 0 : 1;
}
