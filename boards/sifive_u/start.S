/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reset and trap entry for QEMU's sifive_u with -bios none (RV64, machine
 * mode): every hart starts at 0x80000000; all but hart 0 are parked. Hart 0
 * gets its stack and trap vector, clears .bss and goes on in C
 * (board_start). Traps are served one at a time by board_trap() with the
 * caller-saved registers saved here.
 */
	.section .text.start, "ax"
	.global _start
_start:
	csrr	t0, mhartid
	bnez	t0, park
	/* gp for the linker's gp-relative accesses (not relaxed itself). */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	la	t0, trap_entry
	csrw	mtvec, t0
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	call	board_start
park:
	wfi
	j	park

	.text
	.balign 4
trap_entry:
	addi	sp, sp, -16 * 8
	sd	ra, 0 * 8(sp)
	sd	t0, 1 * 8(sp)
	sd	t1, 2 * 8(sp)
	sd	t2, 3 * 8(sp)
	sd	t3, 4 * 8(sp)
	sd	t4, 5 * 8(sp)
	sd	t5, 6 * 8(sp)
	sd	t6, 7 * 8(sp)
	sd	a0, 8 * 8(sp)
	sd	a1, 9 * 8(sp)
	sd	a2, 10 * 8(sp)
	sd	a3, 11 * 8(sp)
	sd	a4, 12 * 8(sp)
	sd	a5, 13 * 8(sp)
	sd	a6, 14 * 8(sp)
	sd	a7, 15 * 8(sp)
	call	board_trap
	ld	ra, 0 * 8(sp)
	ld	t0, 1 * 8(sp)
	ld	t1, 2 * 8(sp)
	ld	t2, 3 * 8(sp)
	ld	t3, 4 * 8(sp)
	ld	t4, 5 * 8(sp)
	ld	t5, 6 * 8(sp)
	ld	t6, 7 * 8(sp)
	ld	a0, 8 * 8(sp)
	ld	a1, 9 * 8(sp)
	ld	a2, 10 * 8(sp)
	ld	a3, 11 * 8(sp)
	ld	a4, 12 * 8(sp)
	ld	a5, 13 * 8(sp)
	ld	a6, 14 * 8(sp)
	ld	a7, 15 * 8(sp)
	addi	sp, sp, 16 * 8
	mret
