/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Self-test of the DMA-330 (PL330) silicon model (pl330_silicon.c) alone: it
 * is driven through dma_mmio_read32/write32 with hand-written register
 * sequences (the debug interface: DBGINST0/1, DBGCMD) and runs microcode
 * assembled by hand, byte by byte, from the instruction encodings of the TRM
 * (ARM DDI 0424 chapter 4); no assembler and no driver is involved. One case
 * per behaviour; a failure prints what was expected and what came.
 */
#include <stdio.h>
#include <string.h>

#include "dma/dma_mmio.h"
#include "pl330_silicon.h"
#include "ttest.h"
#include "ttest_host.h"

#define BASE ((uintptr_t)0xF8003000u) /* never dereferenced: decodes mmio only */
#define BUS 0x20000000u               /* where mem[] appears to the DMAC */
#define MEMSZ 0x10000u
#define PROG 0x0000u /* offsets in mem[]: microcode */
#define PROG2 0x0800u
#define SRC 0x2000u
#define DST 0x6000u
#define UNMAPPED 0x70000000u

static uint8_t mem[MEMSZ];

/* ------------------------------------------------------------ encodings */
/*
 * Instruction bytes as TRM chapter 4 gives them (byte 0 first; immediates
 * little-endian). Only the operand packing is a macro; every opcode byte is
 * written out in the programs below.
 */
#define W32(v)                                                                            \
	(uint8_t)((v) & 0xFFu), (uint8_t)(((v) >> 8) & 0xFFu), (uint8_t)(((v) >> 16) & 0xFFu), \
		(uint8_t)(((uint32_t)(v) >> 24) & 0xFFu)
#define H16(v) (uint8_t)((v) & 0xFFu), (uint8_t)(((v) >> 8) & 0xFFu)
/* byte 1 of DMAWFP/DMALDP/DMASTP/DMAFLUSHP/DMASEV/DMAWFE: number << 3 */
#define NUM(n) (uint8_t)((n) << 3)

/* CCR (TRM ch.3 Channel Control Registers): SI [0], SS [3:1], SB [7:4] =
 * beats-1, DI [14], DS [17:15], DB [21:18] = beats-1. Protection and cache
 * fields 0 (Secure, non-cacheable); ES 0. */
#define CCR(si, ss, sbeats, di, ds, dbeats)                                                \
	((uint32_t)(si) | (uint32_t)(ss) << 1 | (uint32_t)((sbeats) - 1u) << 4 |            \
	 (uint32_t)(di) << 14 | (uint32_t)(ds) << 15 | (uint32_t)((dbeats) - 1u) << 18)

/* Plain 4-byte beats, one beat per burst, both addresses incrementing. */
#define CCR_W1 CCR(1, 2, 1, 1, 2, 1) /* = 0x00014005 */

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
	EXPECT_TRUE(pl330_si_misuse() == NULL, "unexpected misuse: %s", pl330_si_misuse())

static size_t first_diff(const void *a, const void *b, size_t n)
{
	size_t i;

	for (i = 0; i < n && ((const uint8_t *)a)[i] == ((const uint8_t *)b)[i]; i++)
		;
	return i;
}

static uint32_t rd(uint32_t off)
{
	return dma_mmio_read32(BASE + off);
}

static void wr(uint32_t off, uint32_t v)
{
	dma_mmio_write32(BASE + off, v);
}

static uint32_t bus(uint32_t off)
{
	return BUS + off;
}

static void setup_with(unsigned bus_bytes, unsigned fifo_bytes)
{
	const struct pl330_si_params p = {8, 16, 8, bus_bytes, fifo_bytes, false};

	pl330_si_reset(BASE, &p);
	memset(mem, 0, sizeof(mem));
	for (unsigned i = 0; i < 0x2000u; i++)
		mem[SRC + i] = (uint8_t)(i * 7u + 3u);
	pl330_si_map(BUS, mem, sizeof(mem));
}

static void setup(void)
{
	setup_with(8, 256);
}

static void load(uint32_t off, const uint8_t *code, size_t n)
{
	memcpy(&mem[off], code, n);
}

/* Issue one debug instruction (TRM ch.3 debug registers): wait for
 * DBGSTATUS idle, DBGINST0, DBGINST1, then DBGCMD = 0. */
static void debug_insn(uint32_t inst0, uint32_t inst1)
{
	unsigned spins = 0;

	while ((rd(PL330_SI_DBGSTATUS) & 1u) && ++spins < 100u)
		;
	wr(PL330_SI_DBGINST0, inst0);
	wr(PL330_SI_DBGINST1, inst1);
	wr(PL330_SI_DBGCMD, 0);
}

/* DMAGO (TRM 4.3.5) from the manager: byte 0 = 0xA0 (ns = 0), byte 1 = channel,
 * bytes 2..5 = the address of the channel's first instruction. */
static void dbg_go(unsigned ch, uint32_t pc)
{
	debug_insn((uint32_t)ch << 24 | 0xA0u << 16, pc);
}

/* DMAKILL (TRM 4.3.6) to channel thread ch: DBGINST0 [0] = 1, [10:8] = ch. */
static void dbg_kill(unsigned ch)
{
	debug_insn(0x01u << 16 | (uint32_t)ch << 8 | 1u, 0);
}

/* DMASEV (TRM 4.3.15) from the manager: byte 1 = event << 3. */
static void dbg_sev(unsigned ev)
{
	debug_insn((uint32_t)NUM(ev) << 24 | 0x34u << 16, 0);
}

static unsigned csr_state(unsigned ch)
{
	return rd(PL330_SI_CSR(ch)) & 0xFu;
}

/* ------------------------------------------------------------------ tests */

static void test_identification(void)
{
	static const uint32_t pcell[4] = {0x0D, 0xF0, 0x05, 0xB1};

	if (!ttest_begin("pl330-silicon/identification-and-configuration-registers"))
		return;
	setup();
	EXPECT_X(0x30, rd(PL330_SI_PERIPHID(0)));
	EXPECT_X(0x3, rd(PL330_SI_PERIPHID(1)) & 0xFu);
	for (unsigned i = 0; i < 4; i++)
		EXPECT_X(pcell[i], rd(PL330_SI_PCELLID(i)));
	/* 8 channels, 8 peripheral interfaces, 16 events (TRM ch.3 CR0) */
	EXPECT_X(1u | 7u << 4 | 7u << 12 | 15u << 17, rd(PL330_SI_CR0));
	EXPECT_X(3, rd(PL330_SI_CRD) & 7u); /* 64-bit data bus */
	EXPECT_X(256 / 8 - 1, rd(PL330_SI_CRD) >> 20);
	EXPECT_X(0, rd(PL330_SI_DSR));
	EXPECT_X(0, rd(PL330_SI_CSR(7)));
	EXPECT_X(0, rd(PL330_SI_DBGSTATUS));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_plain_copy(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),    /*  0 DMAMOV CCR, 4-byte beats x1 */
		0xBC, 0x00, W32(bus(SRC)),  /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)),  /* 12 DMAMOV DAR */
		0x20, 15,                   /* 18 DMALP LC0, 16 */
		0x04,                       /* 20 DMALD */
		0x08,                       /* 21 DMAST */
		0x38, 2,                    /* 22 DMALPEND LC0 -> 20 */
		0x00,                       /* 24 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/plain-copy"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(PL330_SI_EXECUTING, csr_state(0));
	EXPECT_X(bus(PROG), rd(PL330_SI_CPC(0)));
	EXPECT_X(53, pl330_si_run(1000));
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_X(0, mem[DST + 64]);
	EXPECT_X(64, pl330_si_bytes_read(0));
	EXPECT_X(64, pl330_si_bytes_written(0));
	EXPECT_X(53, pl330_si_insns(0));
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_X(bus(SRC) + 64, rd(PL330_SI_SAR(0)));
	EXPECT_X(bus(DST) + 64, rd(PL330_SI_DAR(0)));
	EXPECT_X(CCR_W1, rd(PL330_SI_CCR(0)));
	EXPECT_X(0, rd(PL330_SI_LC0(0)));
	EXPECT_X(bus(PROG) + 24, rd(PL330_SI_CPC(0)));
	EXPECT_X(0, rd(PL330_SI_FSRC));
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after a clean copy");
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_burst_8_byte_beats(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 3, 4, 1, 3, 4)), /*  0 DMAMOV CCR: 4 x 8 bytes */
		0xBC, 0x00, W32(bus(SRC)),              /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)),              /* 12 DMAMOV DAR */
		0x20, 3,                                /* 18 DMALP LC0, 4 */
		0x04,                                   /* 20 DMALD */
		0x08,                                   /* 21 DMAST */
		0x38, 2,                                /* 22 DMALPEND LC0 -> 20 */
		0x00,                                   /* 24 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/burst-of-4-beats-of-8-bytes"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	for (unsigned i = 0; i < 5; i++) /* three DMAMOVs, DMALP, DMALD */
		EXPECT_X(1, pl330_si_step(0));
	EXPECT_X(32, pl330_si_fifo_bytes(0));
	EXPECT_X(bus(SRC) + 32, rd(PL330_SI_SAR(0)));
	EXPECT_X(1, pl330_si_step(0)); /* DMAST */
	EXPECT_X(0, pl330_si_fifo_bytes(0));
	EXPECT_X(bus(DST) + 32, rd(PL330_SI_DAR(0)));
	pl330_si_run(1000);
	EXPECT_MEM(&mem[SRC], &mem[DST], 128);
	EXPECT_X(0, mem[DST + 128]);
	EXPECT_X(128, pl330_si_bytes_written(0));
	EXPECT_X(PL330_SI_STOPPED, pl330_si_state(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_mixed_beat_sizes(void)
{
	/* 16 one-byte beats in, two bursts of 2 x 4 bytes out per iteration */
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 0, 16, 1, 2, 2)), /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)),               /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)),               /* 12 DMAMOV DAR */
		0x20, 3,                                 /* 18 DMALP LC0, 4 */
		0x04,                                    /* 20 DMALD */
		0x08,                                    /* 21 DMAST */
		0x08,                                    /* 22 DMAST */
		0x38, 3,                                 /* 23 DMALPEND LC0 -> 20 */
		0x00,                                    /* 25 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/mixed-source-and-destination-beat-sizes"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	for (unsigned i = 0; i < 6; i++) /* up to the first DMAST */
		pl330_si_step(0);
	EXPECT_X(8, pl330_si_fifo_bytes(0));
	pl330_si_run(1000);
	EXPECT_MEM(&mem[SRC], &mem[DST], 64);
	EXPECT_X(0, mem[DST + 64]);
	EXPECT_X(64, pl330_si_bytes_read(0));
	EXPECT_X(64, pl330_si_bytes_written(0));
	EXPECT_X(PL330_SI_STOPPED, pl330_si_state(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_nested_loops(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)), /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x22, 2,                   /* 18 DMALP LC1, 3 */
		0x20, 3,                   /* 20 DMALP LC0, 4 */
		0x04,                      /* 22 DMALD */
		0x08,                      /* 23 DMAST */
		0x38, 2,                   /* 24 DMALPEND LC0 -> 22 */
		0x3C, 6,                   /* 26 DMALPEND LC1 -> 20 */
		0x00,                      /* 28 DMAEND */
	};
	uint32_t p = bus(PROG);

	if (!ttest_begin("pl330-silicon/two-level-loop-nest"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(3, p);
	for (unsigned i = 0; i < 4; i++)
		pl330_si_step(3);
	EXPECT_X(2, rd(PL330_SI_LC1(3)));
	EXPECT_X(p + 20, rd(PL330_SI_CPC(3)));
	pl330_si_step(3); /* step 5: DMALP LC0 */
	EXPECT_X(3, rd(PL330_SI_LC0(3)));
	EXPECT_X(p + 22, rd(PL330_SI_CPC(3)));
	for (unsigned i = 0; i < 3; i++) /* steps 6-8: LD, ST, LPEND (jumps) */
		pl330_si_step(3);
	EXPECT_X(2, rd(PL330_SI_LC0(3)));
	EXPECT_X(p + 22, rd(PL330_SI_CPC(3)));
	for (unsigned i = 0; i < 9; i++) /* steps 9-17: the last LPEND falls through */
		pl330_si_step(3);
	EXPECT_X(0, rd(PL330_SI_LC0(3)));
	EXPECT_X(p + 26, rd(PL330_SI_CPC(3)));
	pl330_si_step(3); /* step 18: DMALPEND LC1 jumps to the inner DMALP */
	EXPECT_X(1, rd(PL330_SI_LC1(3)));
	EXPECT_X(p + 20, rd(PL330_SI_CPC(3)));
	pl330_si_step(3); /* step 19: the inner DMALP reloads LC0 */
	EXPECT_X(3, rd(PL330_SI_LC0(3)));
	EXPECT_X(47 - 19, pl330_si_run(1000));
	EXPECT_X(47, pl330_si_insns(3));
	EXPECT_X(0, rd(PL330_SI_LC0(3)));
	EXPECT_X(0, rd(PL330_SI_LC1(3)));
	EXPECT_X(48, pl330_si_bytes_written(3));
	EXPECT_MEM(&mem[SRC], &mem[DST], 48);
	EXPECT_X(0, mem[DST + 48]);
	EXPECT_X(PL330_SI_STOPPED, pl330_si_state(3));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_wfe_and_debug_sev(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)), /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x04,                      /* 18 DMALD */
		0x36, NUM(3),              /* 19 DMAWFE 3 */
		0x08,                      /* 21 DMAST */
		0x00,                      /* 22 DMAEND */
	};
	const uint8_t prog2[] = {
		0x36, NUM(5), /* 0 DMAWFE 5 */
		0x00,         /* 2 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/wfe-stalls-until-a-debug-sev"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(1, bus(PROG));
	EXPECT_X(4, pl330_si_run(1000));
	EXPECT_X(PL330_SI_WFE | 3u << 4, rd(PL330_SI_CSR(1)));
	EXPECT_X(bus(PROG) + 19, rd(PL330_SI_CPC(1)));
	EXPECT_X(0, pl330_si_run(1000));
	EXPECT_X(0, mem[DST]);
	dbg_sev(2); /* another event: still waiting, and event 2 is remembered */
	EXPECT_X(0, pl330_si_run(1000));
	EXPECT_X(1u << 2, rd(PL330_SI_INT_EVENT_RIS));
	dbg_sev(3);
	EXPECT_X(1u << 2, rd(PL330_SI_INT_EVENT_RIS)); /* 3 consumed by the waiter */
	EXPECT_X(1, pl330_si_step(1));                 /* the DMAWFE completes */
	EXPECT_X(PL330_SI_EXECUTING, csr_state(1));
	EXPECT_X(bus(PROG) + 21, rd(PL330_SI_CPC(1)));
	EXPECT_X(2, pl330_si_run(1000));
	EXPECT_MEM(&mem[SRC], &mem[DST], 4);
	EXPECT_X(PL330_SI_STOPPED, csr_state(1));

	/* An event sent while nobody waits stays active (TRM ch.3
	 * INT_EVENT_RIS) and a later DMAWFE consumes it without waiting. */
	dbg_sev(5);
	EXPECT_X(1u << 2 | 1u << 5, rd(PL330_SI_INT_EVENT_RIS));
	load(PROG2, prog2, sizeof(prog2));
	dbg_go(2, bus(PROG2));
	EXPECT_X(2, pl330_si_run(1000));
	EXPECT_X(PL330_SI_STOPPED, csr_state(2));
	EXPECT_X(1u << 2, rd(PL330_SI_INT_EVENT_RIS));
	EXPECT_X(0, rd(PL330_SI_INTMIS));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_sev_interrupt(void)
{
	const uint8_t prog[] = {
		0x34, NUM(2), /* 0 DMASEV 2 */
		0x34, NUM(4), /* 2 DMASEV 4 */
		0x00,         /* 4 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/sev-with-inten-raises-the-interrupt-intclr-clears-it"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	wr(PL330_SI_INTEN, 1u << 2);
	dbg_go(0, bus(PROG));
	EXPECT_X(3, pl330_si_run(100));
	EXPECT_X(1u << 2, rd(PL330_SI_INTMIS));
	EXPECT_TRUE(pl330_si_irq(2), "irq 2 low after DMASEV 2 with INTEN[2] set");
	EXPECT_TRUE(!pl330_si_irq(4), "irq 4 high, but INTEN[4] is clear");
	EXPECT_X(1u << 2 | 1u << 4, rd(PL330_SI_INT_EVENT_RIS));
	wr(PL330_SI_INTCLR, 1u << 4); /* INTEN[4] clear: no effect */
	EXPECT_X(1u << 2 | 1u << 4, rd(PL330_SI_INT_EVENT_RIS));
	wr(PL330_SI_INTCLR, 1u << 2);
	EXPECT_X(0, rd(PL330_SI_INTMIS));
	EXPECT_TRUE(!pl330_si_irq(2), "irq 2 still high after INTCLR");
	EXPECT_X(1u << 4, rd(PL330_SI_INT_EVENT_RIS));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_kill_mid_program(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)), /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x20, 7,                   /* 18 DMALP LC0, 8 */
		0x04,                      /* 20 DMALD */
		0x04,                      /* 21 DMALD */
		0x08,                      /* 22 DMAST */
		0x38, 3,                   /* 23 DMALPEND LC0 -> 20 */
		0x00,                      /* 25 DMAEND */
	};
	uint32_t sar, dar, cpc;

	if (!ttest_begin("pl330-silicon/kill-mid-program-keeps-registers-discards-the-mfifo"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(4, bus(PROG));
	for (unsigned i = 0; i < 9; i++) /* one iteration, then one DMALD */
		pl330_si_step(4);
	EXPECT_X(8, pl330_si_fifo_bytes(4));
	sar = rd(PL330_SI_SAR(4));
	dar = rd(PL330_SI_DAR(4));
	cpc = rd(PL330_SI_CPC(4));
	EXPECT_X(bus(SRC) + 12, sar);
	EXPECT_X(bus(DST) + 4, dar);
	EXPECT_X(bus(PROG) + 21, cpc);
	dbg_kill(4);
	EXPECT_X(PL330_SI_STOPPED, csr_state(4));
	EXPECT_X(sar, rd(PL330_SI_SAR(4)));
	EXPECT_X(dar, rd(PL330_SI_DAR(4)));
	EXPECT_X(cpc, rd(PL330_SI_CPC(4)));
	EXPECT_X(CCR_W1, rd(PL330_SI_CCR(4)));
	EXPECT_X(6, rd(PL330_SI_LC0(4)));
	EXPECT_X(0, pl330_si_fifo_bytes(4));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(4, pl330_si_bytes_written(4));
	EXPECT_X(0, rd(PL330_SI_FSRC));
	/* a killed channel can be started again */
	dbg_go(4, bus(PROG));
	EXPECT_X(PL330_SI_EXECUTING, csr_state(4));
	EXPECT_X(0, rd(PL330_SI_FSRD));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_bus_error_on_read(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(UNMAPPED), /*  6 DMAMOV SAR, unmapped */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x04,                      /* 18 DMALD */
		0x08,                      /* 19 DMAST */
		0x00,                      /* 20 DMAEND */
	};
	const uint8_t prog2[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)), /*  6 DMAMOV SAR, armed for read errors */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x04,                      /* 18 DMALD */
		0x00,                      /* 19 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/bus-error-on-read-faults-the-channel"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(5, bus(PROG));
	EXPECT_X(3, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(5));
	EXPECT_X(PL330_SI_FT_DATA_READ_ERR, rd(PL330_SI_FTR(5)));
	EXPECT_X(1u << 5, rd(PL330_SI_FSRC));
	EXPECT_X(0, rd(PL330_SI_FSRD));
	EXPECT_TRUE(pl330_si_abort(), "abort line low while channel 5 is faulting");
	EXPECT_X(bus(PROG) + 18, rd(PL330_SI_CPC(5)));
	EXPECT_X(UNMAPPED, rd(PL330_SI_SAR(5)));
	EXPECT_X(0, pl330_si_bytes_read(5));
	EXPECT_X(0, pl330_si_run(100)); /* Faulting: nothing runs */
	dbg_kill(5);
	EXPECT_X(PL330_SI_STOPPED, csr_state(5));
	EXPECT_X(0, rd(PL330_SI_FTR(5)));
	EXPECT_X(0, rd(PL330_SI_FSRC));
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after DMAKILL");

	/* an injected error on a mapped range */
	pl330_si_inject_bus_error(bus(SRC), 4, true, false);
	load(PROG2, prog2, sizeof(prog2));
	dbg_go(5, bus(PROG2));
	EXPECT_X(3, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(5));
	EXPECT_X(PL330_SI_FT_DATA_READ_ERR, rd(PL330_SI_FTR(5)));
	EXPECT_X(0, pl330_si_fifo_bytes(5));
	dbg_kill(5);
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after DMAKILL");
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_bus_error_on_write(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),   /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)), /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)), /* 12 DMAMOV DAR */
		0x04,                      /* 18 DMALD */
		0x08,                      /* 19 DMAST */
		0x04,                      /* 20 DMALD */
		0x08,                      /* 21 DMAST: hits the armed range */
		0x00,                      /* 22 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/bus-error-on-write-faults-the-channel"))
		return;
	setup();
	pl330_si_inject_bus_error(bus(DST) + 4, 4, false, true);
	load(PROG, prog, sizeof(prog));
	dbg_go(6, bus(PROG));
	EXPECT_X(6, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(6));
	EXPECT_X(PL330_SI_FT_DATA_WRITE_ERR, rd(PL330_SI_FTR(6)));
	EXPECT_X(1u << 6, rd(PL330_SI_FSRC));
	EXPECT_TRUE(pl330_si_abort(), "abort line low while channel 6 is faulting");
	EXPECT_X(8, pl330_si_bytes_read(6));
	EXPECT_X(4, pl330_si_bytes_written(6)); /* the failed store counts nothing */
	EXPECT_MEM(&mem[SRC], &mem[DST], 4);
	EXPECT_X(0, mem[DST + 4]);
	EXPECT_X(bus(PROG) + 21, rd(PL330_SI_CPC(6)));
	dbg_kill(6);
	EXPECT_X(PL330_SI_STOPPED, csr_state(6));
	EXPECT_X(0, rd(PL330_SI_FSRC));
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after DMAKILL");
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_undefined_opcode(void)
{
	const uint8_t prog[] = {
		0x18, /* 0 DMANOP */
		0xFF, /* 1 undefined */
	};
	const uint8_t prog2[] = {
		0x06, /* 0 DMALD with bs = 1, x = 0: undefined (TRM 4.3.7) */
	};
	const uint8_t prog3[] = {
		0xBC, 0x03, W32(0), /* 0 DMAMOV with rd = 3: invalid operand */
	};

	if (!ttest_begin("pl330-silicon/undefined-opcode-and-invalid-operand-fault"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(1, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(0));
	EXPECT_X(PL330_SI_FT_UNDEF_INSTR, rd(PL330_SI_FTR(0)));
	EXPECT_X(bus(PROG) + 1, rd(PL330_SI_CPC(0)));
	EXPECT_TRUE(pl330_si_abort(), "abort line low");
	load(PROG2, prog2, sizeof(prog2));
	dbg_go(1, bus(PROG2));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_FT_UNDEF_INSTR, rd(PL330_SI_FTR(1)));
	load(PROG2 + 0x100, prog3, sizeof(prog3));
	dbg_go(2, bus(PROG2 + 0x100));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_FT_OPERAND_INVALID, rd(PL330_SI_FTR(2)));
	EXPECT_X(7, rd(PL330_SI_FSRC));
	dbg_kill(0);
	dbg_kill(1);
	dbg_kill(2);
	EXPECT_X(0, rd(PL330_SI_FSRC));
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after the kills");
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_store_without_data(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 2, 1, 1, 2, 2)), /*  0 DMAMOV CCR: load 4, store 8 */
		0xBC, 0x00, W32(bus(SRC)),              /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST)),              /* 12 DMAMOV DAR */
		0x08,                                   /* 18 DMAST: MFIFO empty */
		0x00,                                   /* 19 DMAEND */
	};
	const uint8_t prog2[] = {
		0x04, /* 0 DMALD: 4 bytes */
		0x08, /* 1 DMAST: needs 8 */
		0x00, /* 2 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/store-with-too-little-data-in-the-mfifo-faults"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(3, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(0));
	EXPECT_X(PL330_SI_FT_ST_DATA_UNAVAILABLE, rd(PL330_SI_FTR(0)));
	EXPECT_X(bus(PROG) + 18, rd(PL330_SI_CPC(0)));
	EXPECT_X(0, pl330_si_bytes_written(0));
	dbg_kill(0);
	/* same CCR, SAR and DAR are kept: a 4-byte load cannot feed an 8-byte store */
	load(PROG2, prog2, sizeof(prog2));
	dbg_go(0, bus(PROG2));
	EXPECT_X(1, pl330_si_run(100));
	EXPECT_X(PL330_SI_FT_ST_DATA_UNAVAILABLE, rd(PL330_SI_FTR(0)));
	EXPECT_X(4, pl330_si_fifo_bytes(0));
	dbg_kill(0);
	EXPECT_X(0, pl330_si_fifo_bytes(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_dmago_busy_channel(void)
{
	const uint8_t prog[] = {
		0x36, NUM(1), /* 0 DMAWFE 1 */
		0x00,         /* 2 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/dmago-to-a-busy-channel-is-a-manager-fault"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(2, bus(PROG));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_WFE, csr_state(2));
	dbg_go(2, bus(PROG));
	EXPECT_X(1, rd(PL330_SI_FSRD));
	EXPECT_X(PL330_SI_FT_OPERAND_INVALID | PL330_SI_FT_DBG_INSTR, rd(PL330_SI_FTRD));
	EXPECT_X(PL330_SI_FAULTING, rd(PL330_SI_DSR) & 0xFu);
	EXPECT_TRUE(pl330_si_abort(), "abort line low while the manager is faulting");
	EXPECT_TRUE(pl330_si_misuse() != NULL, "DMAGO to a busy channel not reported");
	EXPECT_X(PL330_SI_WFE, csr_state(2)); /* the channel is untouched */
	EXPECT_X(0, rd(PL330_SI_FSRC));
	dbg_sev(1); /* the faulting manager executes nothing but DMAKILL */
	EXPECT_X(PL330_SI_WFE, csr_state(2));
	EXPECT_X(0, pl330_si_run(100));
	/* DMAKILL to the manager thread: DBGINST0 [0] = 0 */
	debug_insn(0x01u << 16, 0);
	EXPECT_X(0, rd(PL330_SI_FSRD));
	EXPECT_X(0, rd(PL330_SI_FTRD));
	EXPECT_X(PL330_SI_STOPPED, rd(PL330_SI_DSR) & 0xFu);
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after the manager DMAKILL");
	dbg_sev(1);
	EXPECT_X(2, pl330_si_run(100));
	EXPECT_X(PL330_SI_STOPPED, csr_state(2));
	ttest_end();
}

static void test_peripheral_handshake(void)
{
	/* peripheral 3 -> memory, one 4-byte beat per request, 3 requests */
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(0, 2, 1, 1, 2, 1)), /*  0 DMAMOV CCR: fixed source */
		0xBC, 0x00, W32(bus(SRC)),              /*  6 DMAMOV SAR (peripheral FIFO) */
		0xBC, 0x02, W32(bus(DST)),              /* 12 DMAMOV DAR */
		0x35, NUM(3),                           /* 18 DMAFLUSHP 3 */
		0x20, 2,                                /* 20 DMALP LC0, 3 */
		0x30, NUM(3),                           /* 22 DMAWFP 3, single */
		0x25, NUM(3),                           /* 24 DMALDPS 3 */
		0x08,                                   /* 26 DMAST */
		0x38, 5,                                /* 27 DMALPEND LC0 -> 22 */
		0x00,                                   /* 29 DMAEND */
	};
	/* DMAWFPB waits for a burst request; then the B forms run, S forms don't */
	const uint8_t prog2[] = {
		0xBC, 0x01, W32(CCR_W1),           /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)),         /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST) + 0x100), /* 12 DMAMOV DAR */
		0x32, NUM(4),                      /* 18 DMAWFP 4, burst */
		0x05,                              /* 20 DMALDS: flag Burst -> DMANOP */
		0x27, NUM(4),                      /* 21 DMALDPB 4 */
		0x09,                              /* 23 DMASTS: DMANOP */
		0x0B,                              /* 24 DMASTB */
		0x00,                              /* 25 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/peripheral-handshake-wfp-waits-ldp-acknowledges"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(5, pl330_si_run(100)); /* up to the DMAWFP, which waits */
	EXPECT_X(1, pl330_si_acks(3));  /* DMAFLUSHP */
	EXPECT_X(PL330_SI_WFP | 3u << 4, rd(PL330_SI_CSR(0)));
	EXPECT_X(bus(PROG) + 22, rd(PL330_SI_CPC(0)));
	EXPECT_X(0, pl330_si_run(100));
	for (unsigned r = 0; r < 3; r++) {
		pl330_si_request(3, false);
		EXPECT_X(r == 2u ? 5u : 4u, pl330_si_run(100));
		EXPECT_X(2u + r, pl330_si_acks(3));
		EXPECT_X(4u * (r + 1u), pl330_si_bytes_written(0));
	}
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	for (unsigned i = 0; i < 3; i++)
		EXPECT_MEM(&mem[SRC], &mem[DST + 4u * i], 4);

	load(PROG2, prog2, sizeof(prog2));
	dbg_go(1, bus(PROG2));
	EXPECT_X(3, pl330_si_run(100));
	pl330_si_request(4, false); /* a single request does not satisfy DMAWFPB */
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_WFP | 4u << 4 | 1u << 14, rd(PL330_SI_CSR(1)));
	pl330_si_request(4, true);
	EXPECT_X(6, pl330_si_run(100));
	EXPECT_X(1, pl330_si_acks(4));
	EXPECT_X(4, pl330_si_bytes_read(1));
	EXPECT_X(4, pl330_si_bytes_written(1));
	EXPECT_X(PL330_SI_STOPPED, csr_state(1));
	EXPECT_MEM(&mem[SRC], &mem[DST + 0x100], 4);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static unsigned hook_calls, hook_steps;
static uint32_t hook_last_off;
static bool hook_last_write;

static void hook(uint32_t off, bool write, void *arg)
{
	hook_calls++;
	hook_last_off = off;
	hook_last_write = write;
	(void)rd(PL330_SI_CR0); /* accesses from the hook do not call it again */
	if (arg && off == PL330_SI_CPC(0))
		hook_steps += pl330_si_step(0); /* the hardware progresses here */
}

static void test_access_hook(void)
{
	const uint8_t prog[] = {
		0x18, /* 0 DMANOP */
		0x18, /* 1 DMANOP */
		0x00, /* 2 DMAEND */
	};
	int token = 1;

	if (!ttest_begin("pl330-silicon/access-hook-runs-before-every-register-access"))
		return;
	setup();
	hook_calls = 0;
	hook_steps = 0;
	pl330_si_set_access_hook(hook, NULL);
	(void)rd(PL330_SI_CR0);
	wr(PL330_SI_INTEN, 1);
	EXPECT_X(2, hook_calls);
	EXPECT_X(PL330_SI_INTEN, hook_last_off);
	EXPECT_X(1, hook_last_write);
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG)); /* DBGSTATUS read, DBGINST0, DBGINST1, DBGCMD */
	EXPECT_X(6, hook_calls);
	EXPECT_X(PL330_SI_DBGCMD, hook_last_off);
	pl330_si_set_access_hook(hook, &token);
	/* the step happens before the read takes effect: it sees the new CPC */
	EXPECT_X(bus(PROG) + 1, rd(PL330_SI_CPC(0)));
	EXPECT_X(bus(PROG) + 2, rd(PL330_SI_CPC(0)));
	EXPECT_X(2, hook_steps);
	pl330_si_set_access_hook(NULL, NULL);
	(void)rd(PL330_SI_CPC(0));
	EXPECT_X(8, hook_calls);
	EXPECT_X(2, pl330_si_insns(0));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_misuse(void)
{
	const uint8_t prog[] = {
		0x00, /* 0 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/misuse-is-recorded"))
		return;
	setup();
	EXPECT_NO_MISUSE();
	wr(PL330_SI_SAR(0), 0x1234); /* read-only */
	EXPECT_TRUE(pl330_si_misuse() != NULL, "write to SAR0 not reported");
	EXPECT_X(0, rd(PL330_SI_SAR(0)));
	EXPECT_X(1, pl330_si_misuse_count());
	wr(PL330_SI_CR0, 0);
	EXPECT_X(2, pl330_si_misuse_count());

	/* a debug command while DBGSTATUS is busy is ignored */
	setup();
	load(PROG, prog, sizeof(prog));
	pl330_si_debug_busy(4);
	EXPECT_X(1, rd(PL330_SI_DBGSTATUS));
	wr(PL330_SI_DBGINST0, 0xA0u << 16);
	wr(PL330_SI_DBGINST1, bus(PROG));
	wr(PL330_SI_DBGCMD, 0);
	EXPECT_X(3, pl330_si_misuse_count());
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_X(0, rd(PL330_SI_DBGSTATUS));
	dbg_go(0, bus(PROG));
	EXPECT_X(PL330_SI_EXECUTING, csr_state(0));

	/* outside the window; channel registers of a channel the DMAC lacks */
	setup();
	EXPECT_X(0, dma_mmio_read32(BASE + 0x1000u));
	EXPECT_TRUE(pl330_si_misuse() != NULL, "access outside the window not reported");
	{
		const struct pl330_si_params p = {2, 4, 0, 4, 64, false};

		pl330_si_reset(BASE, &p);
	}
	EXPECT_X(0, rd(PL330_SI_CSR(2)));
	EXPECT_X(1, pl330_si_misuse_count());
	EXPECT_X(1u << 4 | 3u << 17, rd(PL330_SI_CR0)); /* no peripheral interface */
	ttest_end();
}

static void test_instruction_fetch_error(void)
{
	if (!ttest_begin("pl330-silicon/instruction-fetch-from-unmapped-memory-faults"))
		return;
	setup();
	dbg_go(7, UNMAPPED);
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(7));
	EXPECT_X(PL330_SI_FT_INSTR_FETCH_ERR, rd(PL330_SI_FTR(7)));
	EXPECT_X(UNMAPPED, rd(PL330_SI_CPC(7)));
	EXPECT_X(1u << 7, rd(PL330_SI_FSRC));
	dbg_kill(7);
	EXPECT_TRUE(!pl330_si_abort(), "abort line high after DMAKILL");
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_conditional_forms_and_add(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR_W1),          /*  0 DMAMOV CCR */
		0xBC, 0x00, W32(bus(SRC)),        /*  6 DMAMOV SAR */
		0xBC, 0x02, W32(bus(DST) + 0x20), /* 12 DMAMOV DAR */
		0x54, H16(0x100),                 /* 18 DMAADDH SAR, 0x100 */
		0x5E, H16(0xFFF0),                /* 21 DMAADNH DAR, -0x10 */
		0x07,                             /* 24 DMALDB: flag Single -> DMANOP */
		0x05,                             /* 25 DMALDS: loads */
		0x0B,                             /* 26 DMASTB: DMANOP */
		0x09,                             /* 27 DMASTS: stores */
		0x39, 0,                          /* 28 DMALPENDS LC0 (0): falls through */
		0x3B, 30,                         /* 30 DMALPENDB: DMANOP, no jump */
		0x00,                             /* 32 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/conditional-forms-follow-the-request-flag"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(12, pl330_si_run(100));
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_X(4, pl330_si_bytes_read(0));
	EXPECT_X(4, pl330_si_bytes_written(0));
	EXPECT_X(bus(SRC) + 0x104, rd(PL330_SI_SAR(0)));
	EXPECT_X(bus(DST) + 0x14, rd(PL330_SI_DAR(0)));
	EXPECT_MEM(&mem[SRC + 0x100], &mem[DST + 0x10], 4);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_loop_forever_and_stz(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 2, 1, 0, 2, 2)), /*  0 DMAMOV CCR: fixed dst, 2 beats */
		0xBC, 0x02, W32(bus(DST)),              /*  6 DMAMOV DAR */
		0x0C,                                   /* 12 DMASTZ */
		0x28, 1,                                /* 13 DMALPFE -> 12 */
		0x00,                                   /* 15 DMAEND (never reached) */
	};

	if (!ttest_begin("pl330-silicon/loop-forever-runs-until-killed"))
		return;
	setup();
	memset(&mem[DST], 0xEE, 16);
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(100, pl330_si_run(100));
	EXPECT_X(PL330_SI_EXECUTING, csr_state(0));
	EXPECT_X(49u * 8u, pl330_si_bytes_written(0)); /* 2 x 4-byte beats, same address */
	EXPECT_X(0, mem[DST + 3]);
	EXPECT_X(0xEE, mem[DST + 4]);
	dbg_kill(0);
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_mfifo_overflow(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 2, 8, 1, 2, 8)), /*  0 DMAMOV CCR: 32-byte bursts */
		0xBC, 0x00, W32(bus(SRC)),              /*  6 DMAMOV SAR */
		0x04,                                   /* 12 DMALD */
		0x04,                                   /* 13 DMALD: 64 bytes held */
		0x04,                                   /* 14 DMALD: does not fit */
		0x00,                                   /* 15 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/mfifo-overflow-faults"))
		return;
	setup_with(4, 64);
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(4, pl330_si_run(100));
	EXPECT_X(PL330_SI_FAULTING, csr_state(0));
	EXPECT_X(PL330_SI_FT_MFIFO_ERR, rd(PL330_SI_FTR(0)));
	EXPECT_X(64, pl330_si_fifo_bytes(0));
	EXPECT_X(64, pl330_si_bytes_read(0));
	dbg_kill(0);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_unaligned_first_beat(void)
{
	const uint8_t prog[] = {
		0xBC, 0x01, W32(CCR(1, 2, 4, 1, 0, 15)), /*  0 DMAMOV CCR: 4 x 4 in, 15 x 1 out */
		0xBC, 0x00, W32(bus(SRC) + 1),           /*  6 DMAMOV SAR, unaligned */
		0xBC, 0x02, W32(bus(DST) + 3),           /* 12 DMAMOV DAR */
		0x04,                                    /* 18 DMALD: 3 + 4 + 4 + 4 bytes */
		0x08,                                    /* 19 DMAST */
		0x00,                                    /* 20 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/unaligned-burst-shortens-its-first-beat"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(0, bus(PROG));
	EXPECT_X(6, pl330_si_run(100));
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_X(15, pl330_si_bytes_read(0));
	EXPECT_X(15, pl330_si_bytes_written(0));
	EXPECT_X(bus(SRC) + 16, rd(PL330_SI_SAR(0)));
	EXPECT_X(bus(DST) + 18, rd(PL330_SI_DAR(0)));
	EXPECT_MEM(&mem[SRC + 1], &mem[DST + 3], 15);
	EXPECT_X(0, mem[DST + 2]);
	EXPECT_X(0, mem[DST + 18]);
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_round_robin(void)
{
	const uint8_t prog[] = {
		0x18, 0x18, 0x18, 0x18, /* 0 DMANOP x4 */
		0x00,                   /* 4 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/run-serves-channels-round-robin"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	dbg_go(2, bus(PROG));
	dbg_go(5, bus(PROG));
	EXPECT_X(4, pl330_si_run(4));
	EXPECT_X(2, pl330_si_insns(2));
	EXPECT_X(2, pl330_si_insns(5));
	EXPECT_X(6, pl330_si_run(100));
	EXPECT_X(PL330_SI_STOPPED, csr_state(2));
	EXPECT_X(PL330_SI_STOPPED, csr_state(5));
	EXPECT_NO_MISUSE();
	ttest_end();
}

static void test_nonsecure_channel(void)
{
	const uint8_t prog[] = {
		0x34, NUM(0), /* 0 DMASEV 0: event 0 is Secure (CR3 = 0) */
		0x00,         /* 2 DMAEND */
	};

	if (!ttest_begin("pl330-silicon/non-secure-channel-faults-on-a-secure-event"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	debug_insn(0u << 24 | 0xA2u << 16, bus(PROG)); /* DMAGO ns = 1, channel 0 */
	EXPECT_X(PL330_SI_EXECUTING | 1u << 21, rd(PL330_SI_CSR(0)));
	EXPECT_X(0, pl330_si_run(100));
	EXPECT_X(PL330_SI_FT_EVENT_ERR, rd(PL330_SI_FTR(0)));
	EXPECT_X(0, rd(PL330_SI_INT_EVENT_RIS));
	dbg_kill(0);
	EXPECT_NO_MISUSE();
	ttest_end();
}

/* TRM ch.3 Debug Status Register: busy while the debug instruction executes.
 * With a latency, DMAGO takes effect only once DBGSTATUS reads idle again,
 * and the interface refuses new debug writes meanwhile. */
static void test_debug_latency(void)
{
	const uint8_t prog[] = {0x00}; /* DMAEND */
	unsigned busy_reads = 0;

	if (!ttest_begin("pl330-silicon/debug-instruction-takes-effect-when-dbgstatus-goes-idle"))
		return;
	setup();
	load(PROG, prog, sizeof(prog));
	pl330_si_debug_latency(3);
	dbg_go(1, bus(PROG));
	EXPECT_X(PL330_SI_STOPPED, pl330_si_peek(PL330_SI_CSR(1)) & 0xFu);
	while ((rd(PL330_SI_DBGSTATUS) & 1u) && busy_reads < 100u)
		busy_reads++;
	EXPECT_X(3, busy_reads);
	EXPECT_X(PL330_SI_EXECUTING, csr_state(1));
	EXPECT_TRUE(pl330_si_misuse() == NULL, "misuse: %s", pl330_si_misuse());
	pl330_si_debug_latency(0);
	ttest_end();
}

/* TRM 4.3.5: a manager in the Non-secure state (CR0 mgr_ns_at_rst, DSR DNS)
 * aborts a DMAGO with ns = 0 (FTRD dmago_err) and starts nothing; ns = 1 runs. */
static void test_nonsecure_manager_dmago(void)
{
	const struct pl330_si_params p = {8, 16, 8, 8, 256, true};
	const uint8_t prog[] = {0x00}; /* DMAEND */

	if (!ttest_begin("pl330-silicon/nonsecure-manager-faults-a-secure-dmago"))
		return;
	setup();
	pl330_si_reset(BASE, &p);
	pl330_si_map(BUS, mem, sizeof(mem));
	load(PROG, prog, sizeof(prog));
	EXPECT_X(1u << 2, rd(PL330_SI_CR0) & (1u << 2));
	EXPECT_X(1u << 9, rd(PL330_SI_DSR) & (1u << 9));
	dbg_go(0, bus(PROG));
	EXPECT_X(1, rd(PL330_SI_FSRD));
	EXPECT_X(PL330_SI_FT_DMAGO_ERR | PL330_SI_FT_DBG_INSTR, rd(PL330_SI_FTRD));
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	EXPECT_TRUE(pl330_si_abort(), "abort line low while the manager is faulting");
	debug_insn(0x01u << 16, 0); /* DMAKILL to the manager */
	EXPECT_X(0, rd(PL330_SI_FSRD));
	debug_insn((uint32_t)0 << 24 | 0xA2u << 16, bus(PROG)); /* DMAGO ns = 1 */
	EXPECT_X(0, rd(PL330_SI_FSRD));
	EXPECT_X(1, pl330_si_run(100));
	EXPECT_X(PL330_SI_STOPPED, csr_state(0));
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_identification();
	test_plain_copy();
	test_burst_8_byte_beats();
	test_mixed_beat_sizes();
	test_nested_loops();
	test_wfe_and_debug_sev();
	test_sev_interrupt();
	test_kill_mid_program();
	test_bus_error_on_read();
	test_bus_error_on_write();
	test_undefined_opcode();
	test_store_without_data();
	test_dmago_busy_channel();
	test_peripheral_handshake();
	test_access_hook();
	test_misuse();
	test_instruction_fetch_error();
	test_conditional_forms_and_add();
	test_loop_forever_and_stz();
	test_mfifo_overflow();
	test_unaligned_first_beat();
	test_round_robin();
	test_nonsecure_channel();
	test_debug_latency();
	test_nonsecure_manager_dmago();
	return ttest_summary("pl330-silicon") == 0 ? 0 : 1;
}
