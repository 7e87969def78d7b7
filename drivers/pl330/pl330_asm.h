/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A microcode assembler for the ARM PL330 (DMA-330), ARM DDI 0424 chapter 4.
 *
 * Each pl330_* call appends one instruction to a program buffer and returns
 * the offset it was written at. A program that would overrun its buffer, or
 * a loop whose body is too long for the 8-bit backward jump, or an operand
 * out of range, marks the program failed (p->err) and writes nothing more:
 * the caller checks once, at the end. A program with a NULL buffer is only
 * measured.
 */
#ifndef DMA_PL330_ASM_H_
#define DMA_PL330_ASM_H_

#include <stdbool.h>
#include <stdint.h>

/** A program being written. */
struct pl330_prog {
	uint8_t *buf;
	uint32_t cap;
	uint32_t len;
	bool err;
};

/** DMAMOV destination registers. */
enum pl330_reg {
	PL330_SAR = 0,
	PL330_CCR = 1,
	PL330_DAR = 2,
};

/** Condition of DMALD/DMAST/DMALPEND (the S/B suffix), or the P form of DMAWFP. */
enum pl330_cond {
	PL330_ALWAYS = 0, /* no suffix */
	PL330_SINGLE = 1, /* S: only when the request flag is single */
	PL330_BURST = 3,  /* B: only when it is burst */
	PL330_PERIPH = 2, /* DMAWFP only: P, the peripheral decides */
};

void pl330_prog_init(struct pl330_prog *p, uint8_t *buf, uint32_t cap);

uint32_t pl330_end(struct pl330_prog *p);
uint32_t pl330_kill(struct pl330_prog *p);
uint32_t pl330_nop(struct pl330_prog *p);
uint32_t pl330_rmb(struct pl330_prog *p);
uint32_t pl330_wmb(struct pl330_prog *p);
uint32_t pl330_mov(struct pl330_prog *p, enum pl330_reg rd, uint32_t imm);
/** DMALP: loop counter @p lc (0/1) loaded for @p iterations (1..256). */
uint32_t pl330_lp(struct pl330_prog *p, unsigned lc, uint32_t iterations);
/** DMALPEND of counter @p lc back to @p body (offset of the body's first instruction). */
uint32_t pl330_lpend(struct pl330_prog *p, unsigned lc, uint32_t body, enum pl330_cond cond);
/** DMALPFE: the end of a loop without a counter (forever) back to @p body. */
uint32_t pl330_lpfe(struct pl330_prog *p, uint32_t body);
uint32_t pl330_ld(struct pl330_prog *p, enum pl330_cond cond);
uint32_t pl330_st(struct pl330_prog *p, enum pl330_cond cond);
/** DMASTZ: store zeros. */
uint32_t pl330_stz(struct pl330_prog *p);
/** DMALDP<S|B> from peripheral @p periph (0..31). */
uint32_t pl330_ldp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph);
/** DMASTP<S|B> to peripheral @p periph. */
uint32_t pl330_stp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph);
/** DMAWFP<S|B|P>: wait for a request of peripheral @p periph. */
uint32_t pl330_wfp(struct pl330_prog *p, enum pl330_cond cond, uint32_t periph);
uint32_t pl330_flushp(struct pl330_prog *p, uint32_t periph);
/** DMASEV of event @p ev (0..31). */
uint32_t pl330_sev(struct pl330_prog *p, uint32_t ev);
/** DMAWFE of event @p ev; @p invalidate the instruction cache first. */
uint32_t pl330_wfe(struct pl330_prog *p, uint32_t ev, bool invalidate);
/** DMAGO (manager only): start channel @p ch at @p addr, secure unless @p ns. */
uint32_t pl330_go(struct pl330_prog *p, uint32_t ch, bool ns, uint32_t addr);

/** Length in bytes of the instruction whose first byte is @p opcode (0: undefined). */
uint32_t pl330_insn_len(uint8_t opcode);

#endif /* DMA_PL330_ASM_H_ */
