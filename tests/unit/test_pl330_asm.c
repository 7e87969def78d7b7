/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The PL330 microcode assembler, instruction by instruction, against the
 * encodings of ARM DDI 0424 (chapter 4, "Instruction Set"), written out here
 * as bytes; and its refusals: operands out of range, a loop body too long
 * for the 8-bit jump, a program that overruns its buffer.
 */
#include <string.h>

#include "pl330_asm.h"
#include "ttest.h"
#include "ttest_host.h"

static uint8_t buf[64];
static struct pl330_prog p;

static void fresh(void)
{
	memset(buf, 0xEE, sizeof(buf));
	pl330_prog_init(&p, buf, sizeof(buf));
}

/* The program written so far is exactly @p want (n bytes), without error. */
static void expect_bytes(const char *what, const uint8_t *want, uint32_t n)
{
	EXPECT_TRUE(!p.err, "%s: the assembler reported an error", what);
	EXPECT_EQ(n, p.len);
	for (uint32_t i = 0; i < n && i < p.len; i++) {
		if (buf[i] != want[i]) {
			TT_FAIL("%s: byte %u: expected 0x%02X, got 0x%02X", what, i, want[i], buf[i]);
			return;
		}
	}
}

#define ENCODES(what, call, ...)                                                          \
	do {                                                                              \
		static const uint8_t want_[] = {__VA_ARGS__};                             \
		fresh();                                                                  \
		(void)(call);                                                             \
		expect_bytes(what, want_, sizeof(want_));                                 \
		EXPECT_EQ(sizeof(want_), pl330_insn_len(want_[0]));                       \
	} while (0)

static void test_single_byte_instructions(void)
{
	if (!ttest_begin("pl330-asm/one-byte-instructions-match-the-trm")) {
		return;
	}
	ENCODES("DMAEND", pl330_end(&p), 0x00);
	ENCODES("DMAKILL", pl330_kill(&p), 0x01);
	ENCODES("DMANOP", pl330_nop(&p), 0x18);
	ENCODES("DMARMB", pl330_rmb(&p), 0x12);
	ENCODES("DMAWMB", pl330_wmb(&p), 0x13);
	ENCODES("DMASTZ", pl330_stz(&p), 0x0C);
	ENCODES("DMALD", pl330_ld(&p, PL330_ALWAYS), 0x04);
	ENCODES("DMALDS", pl330_ld(&p, PL330_SINGLE), 0x05);
	ENCODES("DMALDB", pl330_ld(&p, PL330_BURST), 0x07);
	ENCODES("DMAST", pl330_st(&p, PL330_ALWAYS), 0x08);
	ENCODES("DMASTS", pl330_st(&p, PL330_SINGLE), 0x09);
	ENCODES("DMASTB", pl330_st(&p, PL330_BURST), 0x0B);
	ttest_end();
}

static void test_mov_and_go(void)
{
	if (!ttest_begin("pl330-asm/dmamov-and-dmago-carry-a-little-endian-immediate")) {
		return;
	}
	ENCODES("DMAMOV SAR", pl330_mov(&p, PL330_SAR, 0x12345678u), 0xBC, 0x00, 0x78, 0x56, 0x34,
		0x12);
	ENCODES("DMAMOV CCR", pl330_mov(&p, PL330_CCR, 0x00014005u), 0xBC, 0x01, 0x05, 0x40, 0x01,
		0x00);
	ENCODES("DMAMOV DAR", pl330_mov(&p, PL330_DAR, 0xFFFC0000u), 0xBC, 0x02, 0x00, 0x00, 0xFC,
		0xFF);
	ENCODES("DMAGO ch3 secure", pl330_go(&p, 3, false, 0x00100040u), 0xA0, 0x03, 0x40, 0x00,
		0x10, 0x00);
	ENCODES("DMAGO ch7 non-secure", pl330_go(&p, 7, true, 0x1u), 0xA2, 0x07, 0x01, 0x00, 0x00,
		0x00);
	ttest_end();
}

static void test_events_and_peripherals(void)
{
	if (!ttest_begin("pl330-asm/events-and-peripheral-handshake-operands")) {
		return;
	}
	ENCODES("DMASEV 0", pl330_sev(&p, 0), 0x34, 0x00);
	ENCODES("DMASEV 31", pl330_sev(&p, 31), 0x34, 0xF8);
	ENCODES("DMAWFE 9", pl330_wfe(&p, 9, false), 0x36, 0x48);
	ENCODES("DMAWFE 9, invalid", pl330_wfe(&p, 9, true), 0x36, 0x4A);
	ENCODES("DMAFLUSHP 5", pl330_flushp(&p, 5), 0x35, 0x28);
	ENCODES("DMAWFPS 2", pl330_wfp(&p, PL330_SINGLE, 2), 0x30, 0x10);
	ENCODES("DMAWFPP 2", pl330_wfp(&p, PL330_PERIPH, 2), 0x31, 0x10);
	ENCODES("DMAWFPB 2", pl330_wfp(&p, PL330_BURST, 2), 0x32, 0x10);
	ENCODES("DMALDPS 4", pl330_ldp(&p, PL330_SINGLE, 4), 0x25, 0x20);
	ENCODES("DMALDPB 4", pl330_ldp(&p, PL330_BURST, 4), 0x27, 0x20);
	ENCODES("DMASTPS 31", pl330_stp(&p, PL330_SINGLE, 31), 0x29, 0xF8);
	ENCODES("DMASTPB 31", pl330_stp(&p, PL330_BURST, 31), 0x2B, 0xF8);
	ttest_end();
}

static void test_loops(void)
{
	if (!ttest_begin("pl330-asm/loops-count-minus-one-and-jump-back-to-the-body")) {
		return;
	}
	ENCODES("DMALP lc0 256", pl330_lp(&p, 0, 256), 0x20, 0xFF);
	ENCODES("DMALP lc1 1", pl330_lp(&p, 1, 1), 0x22, 0x00);
	{
		/* LP0 16 { LD; ST } LPEND0: the jump is from LPEND back to LD. */
		static const uint8_t want[] = {0x20, 0x0F, 0x04, 0x08, 0x38, 0x02};
		uint32_t body;

		fresh();
		(void)pl330_lp(&p, 0, 16);
		body = pl330_ld(&p, PL330_ALWAYS);
		(void)pl330_st(&p, PL330_ALWAYS);
		EXPECT_EQ(4u, pl330_lpend(&p, 0, body, PL330_ALWAYS));
		expect_bytes("LP0 16 {LD ST} LPEND0", want, sizeof(want));
	}
	{
		/* LP1 3 { LP0 4 { LDB STB } LPEND0 } LPEND1, and the S/B forms. */
		static const uint8_t want[] = {0x22, 0x02, 0x20, 0x03, 0x07, 0x0B,
					       0x3B, 0x02, 0x3D, 0x06};
		uint32_t outer, inner;

		fresh();
		(void)pl330_lp(&p, 1, 3);
		outer = pl330_lp(&p, 0, 4);
		inner = pl330_ld(&p, PL330_BURST);
		(void)pl330_st(&p, PL330_BURST);
		(void)pl330_lpend(&p, 0, inner, PL330_BURST);
		(void)pl330_lpend(&p, 1, outer, PL330_SINGLE);
		expect_bytes("two-level nest", want, sizeof(want));
	}
	{
		/* DMALPFE: no loop counter, nf = 0. */
		static const uint8_t want[] = {0x34, 0x00, 0x28, 0x02};

		fresh();
		(void)pl330_sev(&p, 0);
		(void)pl330_lpfe(&p, 0);
		expect_bytes("DMALPFE", want, sizeof(want));
	}
	ttest_end();
}

static void test_refusals(void)
{
	if (!ttest_begin("pl330-asm/out-of-range-operands-fail-the-program")) {
		return;
	}
	fresh();
	(void)pl330_lp(&p, 0, 0);
	EXPECT_TRUE(p.err, "DMALP of 0 iterations accepted");
	fresh();
	(void)pl330_lp(&p, 0, 257);
	EXPECT_TRUE(p.err, "DMALP of 257 iterations accepted");
	fresh();
	(void)pl330_lp(&p, 2, 4);
	EXPECT_TRUE(p.err, "loop counter 2 accepted");
	fresh();
	(void)pl330_sev(&p, 32);
	EXPECT_TRUE(p.err, "event 32 accepted");
	fresh();
	(void)pl330_wfp(&p, PL330_ALWAYS, 0);
	EXPECT_TRUE(p.err, "DMAWFP without S/B/P accepted");
	fresh();
	(void)pl330_ldp(&p, PL330_ALWAYS, 0);
	EXPECT_TRUE(p.err, "DMALDP without S/B accepted");
	fresh();
	(void)pl330_go(&p, 8, false, 0);
	EXPECT_TRUE(p.err, "DMAGO to channel 8 accepted");
	EXPECT_EQ(0u, p.len);
	ttest_end();
}

static void test_long_jump_and_overflow(void)
{
	static uint8_t big[400];

	if (!ttest_begin("pl330-asm/jump-over-255-bytes-and-buffer-overrun-refused")) {
		return;
	}
	pl330_prog_init(&p, big, sizeof(big));
	for (int i = 0; i < 256; i++) {
		(void)pl330_nop(&p);
	}
	(void)pl330_lpfe(&p, 0);
	EXPECT_TRUE(p.err, "a 256-byte backward jump accepted");
	pl330_prog_init(&p, big, sizeof(big));
	for (int i = 0; i < 255; i++) {
		(void)pl330_nop(&p);
	}
	(void)pl330_lpfe(&p, 0);
	EXPECT_TRUE(!p.err, "a 255-byte backward jump refused");
	EXPECT_EQ(255u, big[256]);

	/* Overrun: nothing is written past the buffer, and the error sticks. */
	memset(buf, 0xEE, sizeof(buf));
	pl330_prog_init(&p, buf, 10);
	(void)pl330_mov(&p, PL330_SAR, 1);
	(void)pl330_mov(&p, PL330_DAR, 2);
	(void)pl330_end(&p);
	EXPECT_TRUE(p.err, "a 13-byte program fitted a 10-byte buffer");
	EXPECT_EQ(6u, p.len);
	EXPECT_EQ(0xEE, buf[6]);
	EXPECT_EQ(0xEE, buf[10]);
	ttest_end();
}

static void test_measure_only(void)
{
	struct pl330_prog m;

	if (!ttest_begin("pl330-asm/a-program-without-buffer-is-measured-only")) {
		return;
	}
	pl330_prog_init(&m, NULL, 64);
	(void)pl330_mov(&m, PL330_CCR, 5);
	(void)pl330_lp(&m, 0, 8);
	(void)pl330_ld(&m, PL330_ALWAYS);
	(void)pl330_st(&m, PL330_ALWAYS);
	(void)pl330_lpend(&m, 0, 8, PL330_ALWAYS);
	(void)pl330_end(&m);
	EXPECT_TRUE(!m.err, "measuring failed");
	EXPECT_EQ(13u, m.len);
	pl330_prog_init(&m, NULL, 12);
	(void)pl330_mov(&m, PL330_CCR, 5);
	(void)pl330_mov(&m, PL330_SAR, 5);
	(void)pl330_end(&m);
	EXPECT_TRUE(m.err, "a 13-byte program measured as fitting 12 bytes");
	ttest_end();
}

/* A refused instruction fails the program and writes nothing: it returns
 * where it would have gone, the length and the bytes stay as they were. */
#define REFUSED(what, call)                                                               \
	do {                                                                              \
		uint32_t at_;                                                             \
		fresh();                                                                  \
		(void)pl330_nop(&p);                                                      \
		at_ = (call);                                                             \
		EXPECT_TRUE(p.err, "%s accepted", what);                                  \
		EXPECT_TRUE(at_ == 1u && p.len == 1u && buf[1] == 0xEEu,                  \
			    "%s: returned %u, length %u, byte 1 0x%02X (expected 1, 1, 0xEE)", \
			    what, at_, p.len, buf[1]);                                    \
	} while (0)

static void test_refusals_at_the_limits(void)
{
	if (!ttest_begin("pl330-asm/operands-one-past-the-limit-refused-writing-nothing")) {
		return;
	}
	REFUSED("DMAMOV to register 3", pl330_mov(&p, (enum pl330_reg)3, 0));
	REFUSED("DMALP of loop counter 2", pl330_lp(&p, 2, 4));
	REFUSED("DMALP of 0 iterations", pl330_lp(&p, 0, 0));
	REFUSED("DMALPEND of loop counter 2", pl330_lpend(&p, 2, 0, PL330_ALWAYS));
	REFUSED("DMALPEND with the P condition", pl330_lpend(&p, 0, 0, PL330_PERIPH));
	REFUSED("DMALD with the P condition", pl330_ld(&p, PL330_PERIPH));
	REFUSED("DMAST with the P condition", pl330_st(&p, PL330_PERIPH));
	REFUSED("DMALDP of peripheral 32", pl330_ldp(&p, PL330_SINGLE, 32));
	REFUSED("DMASTP of peripheral 32", pl330_stp(&p, PL330_BURST, 32));
	REFUSED("DMAWFP of peripheral 32", pl330_wfp(&p, PL330_SINGLE, 32));
	REFUSED("DMAFLUSHP of peripheral 32", pl330_flushp(&p, 32));
	REFUSED("DMASEV of event 32", pl330_sev(&p, 32));
	REFUSED("DMAWFE of event 32", pl330_wfe(&p, 32, false));
	REFUSED("DMAGO to channel 8", pl330_go(&p, 8, false, 0));
	/* Just inside: accepted. */
	ENCODES("DMAWFE 31", pl330_wfe(&p, 31, false), 0x36, 0xF8);
	ENCODES("DMAFLUSHP 31", pl330_flushp(&p, 31), 0x35, 0xF8);
	ENCODES("DMAWFPB 31", pl330_wfp(&p, PL330_BURST, 31), 0x32, 0xF8);
	ENCODES("DMAMOV DAR", pl330_mov(&p, PL330_DAR, 0x11223344u), 0xBC, 0x02, 0x44, 0x33, 0x22,
		0x11);
	/* Instruction lengths the decoder gives for what the assembler does not
	 * write: DMAADDH (3 bytes, either register), an undefined opcode (0). */
	EXPECT_EQ(3u, pl330_insn_len(0x54));
	EXPECT_EQ(3u, pl330_insn_len(0x56));
	EXPECT_EQ(0u, pl330_insn_len(0xFF));
	EXPECT_EQ(0u, pl330_insn_len(0x14));
	ttest_end();
}

int main(void)
{
	ttest_init(&ttest_host_platform);
	test_single_byte_instructions();
	test_mov_and_go();
	test_events_and_peripherals();
	test_loops();
	test_refusals();
	test_refusals_at_the_limits();
	test_long_jump_and_overflow();
	test_measure_only();
	return ttest_summary("unit-pl330-asm") == 0 ? 0 : 1;
}
