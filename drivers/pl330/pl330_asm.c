/* SPDX-License-Identifier: Apache-2.0 */
/* PL330 microcode assembler: encodings of ARM DDI 0424, chapter 4. */
#include "pl330_asm.h"

#include <stddef.h>

void pl330_prog_init(struct pl330_prog *p, uint8_t *buf, uint32_t cap)
{
	p->buf = buf;
	p->cap = cap;
	p->len = 0u;
	p->err = false;
}

/* Append @p n bytes; returns the offset they start at. */
static uint32_t emit(struct pl330_prog *p, const uint8_t *b, uint32_t n)
{
	uint32_t at = p->len;

	if (p->err || p->cap - p->len < n) {
		p->err = true;
		return at;
	}
	for (uint32_t i = 0u; i < n; i++) {
		if (p->buf != NULL) {
			p->buf[p->len] = b[i];
		}
		p->len++;
	}
	return at;
}

static uint32_t emit1(struct pl330_prog *p, uint8_t op)
{
	return emit(p, &op, 1u);
}

static uint32_t emit2(struct pl330_prog *p, uint8_t op, uint8_t arg)
{
	const uint8_t b[2] = {op, arg};

	return emit(p, b, 2u);
}

static uint32_t emit6(struct pl330_prog *p, uint8_t op, uint8_t arg, uint32_t imm)
{
	const uint8_t b[6] = {op,
			      arg,
			      (uint8_t)imm,
			      (uint8_t)(imm >> 8),
			      (uint8_t)(imm >> 16),
			      (uint8_t)(imm >> 24)};

	return emit(p, b, 6u);
}

static bool bad(struct pl330_prog *p)
{
	p->err = true;
	return true;
}

uint32_t pl330_end(struct pl330_prog *p)
{
	return emit1(p, 0x00u);
}

uint32_t pl330_kill(struct pl330_prog *p)
{
	return emit1(p, 0x01u);
}

uint32_t pl330_nop(struct pl330_prog *p)
{
	return emit1(p, 0x18u);
}

uint32_t pl330_rmb(struct pl330_prog *p)
{
	return emit1(p, 0x12u);
}

uint32_t pl330_wmb(struct pl330_prog *p)
{
	return emit1(p, 0x13u);
}

uint32_t pl330_mov(struct pl330_prog *p, enum pl330_reg rd, uint32_t imm)
{
	if ((unsigned)rd > 2u && bad(p)) {
		return p->len;
	}
	return emit6(p, 0xBCu, (uint8_t)rd, imm);
}

uint32_t pl330_lp(struct pl330_prog *p, unsigned lc, uint32_t iterations)
{
	if ((lc > 1u || iterations < 1u || iterations > 256u) && bad(p)) {
		return p->len;
	}
	return emit2(p, (uint8_t)(0x20u | (lc << 1)), (uint8_t)(iterations - 1u));
}

/* DMALPEND: 0b001 nf 1 lc bs x, then the backward jump to the body. */
static uint32_t lpend(struct pl330_prog *p, bool nf, unsigned lc, uint32_t body,
		      enum pl330_cond cond)
{
	uint32_t jump = p->len - body;

	if ((body > p->len || jump > 255u || lc > 1u || cond == PL330_PERIPH) && bad(p)) {
		return p->len;
	}
	return emit2(p, (uint8_t)(0x28u | (nf ? 0x10u : 0u) | (lc << 2) | (uint32_t)cond),
		     (uint8_t)jump);
}

uint32_t pl330_lpend(struct pl330_prog *p, unsigned lc, uint32_t body, enum pl330_cond cond)
{
	return lpend(p, true, lc, body, cond);
}

uint32_t pl330_lpfe(struct pl330_prog *p, uint32_t body)
{
	return lpend(p, false, 0u, body, PL330_ALWAYS);
}

uint32_t pl330_ld(struct pl330_prog *p, enum pl330_cond cond)
{
	if (cond == PL330_PERIPH && bad(p)) {
		return p->len;
	}
	return emit1(p, (uint8_t)(0x04u | (uint32_t)cond));
}

uint32_t pl330_st(struct pl330_prog *p, enum pl330_cond cond)
{
	if (cond == PL330_PERIPH && bad(p)) {
		return p->len;
	}
	return emit1(p, (uint8_t)(0x08u | (uint32_t)cond));
}

uint32_t pl330_stz(struct pl330_prog *p)
{
	return emit1(p, 0x0Cu);
}

/* The peripheral forms take S or B only (bs = 0 / 1 in bit 1). */
static uint32_t periph_op(struct pl330_prog *p, uint8_t base, enum pl330_cond cond,
			  uint32_t periph)
{
	if ((periph > 31u || (cond != PL330_SINGLE && cond != PL330_BURST)) && bad(p)) {
		return p->len;
	}
	return emit2(p, (uint8_t)(base | (cond == PL330_BURST ? 2u : 0u)), (uint8_t)(periph << 3));
}

uint32_t pl330_ldp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph)
{
	return periph_op(p, 0x25u, cond, periph);
}

uint32_t pl330_stp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph)
{
	return periph_op(p, 0x29u, cond, periph);
}

uint32_t pl330_wfp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph)
{
	/* 0b001100 bs p: S = 00, P = 01, B = 10. */
	static const uint8_t code[4] = {0xFFu, 0x30u, 0x31u, 0x32u};

	if ((periph > 31u || cond == PL330_ALWAYS) && bad(p)) {
		return p->len;
	}
	return emit2(p, code[cond], (uint8_t)(periph << 3));
}

uint32_t pl330_flushp(struct pl330_prog *p, uint32_t periph)
{
	if (periph > 31u && bad(p)) {
		return p->len;
	}
	return emit2(p, 0x35u, (uint8_t)(periph << 3));
}

uint32_t pl330_sev(struct pl330_prog *p, uint32_t ev)
{
	if (ev > 31u && bad(p)) {
		return p->len;
	}
	return emit2(p, 0x34u, (uint8_t)(ev << 3));
}

uint32_t pl330_wfe(struct pl330_prog *p, uint32_t ev, bool invalidate)
{
	if (ev > 31u && bad(p)) {
		return p->len;
	}
	return emit2(p, 0x36u, (uint8_t)((ev << 3) | (invalidate ? 2u : 0u)));
}

uint32_t pl330_go(struct pl330_prog *p, uint32_t ch, bool ns, uint32_t addr)
{
	if (ch > 7u && bad(p)) {
		return p->len;
	}
	return emit6(p, (uint8_t)(0xA0u | (ns ? 2u : 0u)), (uint8_t)ch, addr);
}

uint32_t pl330_insn_len(uint8_t op)
{
	if (op == 0xBCu || (op & 0xFDu) == 0xA0u) {
		return 6u; /* DMAMOV, DMAGO */
	}
	if ((op & 0xFDu) == 0x54u) {
		return 3u; /* DMAADDH */
	}
	if ((op & 0xFDu) == 0x20u || (op & 0xE8u) == 0x28u || op == 0x34u || op == 0x35u ||
	    op == 0x36u || (op & 0xFCu) == 0x30u || (op & 0xFDu) == 0x25u) {
		return 2u; /* LP, LPEND/LPFE, STP, SEV, FLUSHP, WFE, WFP, LDP */
	}
	if (op == 0x00u || op == 0x01u || op == 0x18u || op == 0x12u || op == 0x13u ||
	    op == 0x0Cu || (op & 0xFCu) == 0x04u || (op & 0xFCu) == 0x08u) {
		return 1u;
	}
	return 0u;
}
