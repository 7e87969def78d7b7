/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reset and exception vectors for the Cortex-A9 of QEMU's xilinx-zynq-a9
 * (ARM state). The CPU starts in Secure SVC mode with the MMU and caches
 * off: set the vector base, give IRQ and SVC mode their stacks, clear .bss
 * and go on in C (board_start). IRQs are served one at a time in IRQ mode
 * by board_irq(); the other exceptions end the program with a message.
 */
	.syntax unified
	.arm

	.section .vectors, "ax"
	.balign 32
	.global vectors
vectors:
	b	reset
	b	undef_entry
	b	svc_entry
	b	pabt_entry
	b	dabt_entry
	b	.
	b	irq_entry
	b	fiq_entry

	.text
reset:
	/* Low vectors off the table above: SCTLR.V = 0, VBAR = vectors. */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #(1 << 13)
	mcr	p15, 0, r0, c1, c0, 0
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0
	isb
	cps	#0x12			/* IRQ mode */
	ldr	sp, =__irq_stack_top
	cps	#0x13			/* SVC mode: the application */
	ldr	sp, =__stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	board_start
2:	b	2b

/* IRQ: save the return state on the IRQ stack (8 words, 8-byte aligned). */
irq_entry:
	sub	lr, lr, #4
	srsdb	sp!, #0x12
	push	{r0-r3, r12, lr}
	bl	board_irq
	pop	{r0-r3, r12, lr}
	rfeia	sp!

undef_entry:
	mov	r0, #1
	b	board_fatal
svc_entry:
	mov	r0, #2
	b	board_fatal
pabt_entry:
	mov	r0, #3
	b	board_fatal
dabt_entry:
	mov	r0, #4
	b	board_fatal
fiq_entry:
	mov	r0, #5
	b	board_fatal
