/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sifive_u board (QEMU, FU540, RV64, machine mode on hart 0): semihosting
 * console and exit, the PLIC (0x0C000000; the PDMA's channel n raises
 * source 23 + 2n when done and 24 + 2n on an error), a 1 ms tick from the
 * CLINT's timer (mtime 0x0200BFF8, mtimecmp of hart 0 0x02004000), and the
 * PDMA instance (0x3000000).
 */
#include "board.h"

#include "dma/dma_sifive_pdma.h"

#define PLIC 0x0C000000ul
#define PLIC_PRIORITY(s) (PLIC + 4ul * (s))
#define PLIC_ENABLE_CTX0 (PLIC + 0x2000ul)
#define PLIC_THRESHOLD_CTX0 (PLIC + 0x200000ul)
#define PLIC_CLAIM_CTX0 (PLIC + 0x200004ul)
#define PDMA_FIRST_SOURCE 23u
#define PDMA_LAST_SOURCE 30u

#define CLINT_MTIMECMP0 0x02004000ul
#define CLINT_MTIME 0x0200BFF8ul
/* QEMU's sifive_u CLINT counts at 1 MHz (measured: 9.55 M ticks in 9.9 s). */
#define MTIME_HZ 1000000ul
#define TICK (MTIME_HZ / 1000ul)

#define MIE_MTIE (1ul << 7)
#define MIE_MEIE (1ul << 11)
#define MSTATUS_MIE (1ul << 3)
#define MCAUSE_INTERRUPT (1ul << (sizeof(unsigned long) * 8u - 1u))
#define IRQ_M_TIMER 7ul
#define IRQ_M_EXT 11ul

#define SEMIHOST_WRITE0 0x04
/* SYS_EXIT: on a 64-bit target its argument is the block {reason, code}. */
#define SEMIHOST_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define REG64(a) (*(volatile uint64_t *)(uintptr_t)(a))

static volatile uint32_t ms_ticks;

void board_start(void);
void board_trap(void);
int main(void);

/* The RISC-V semihosting call: an ebreak between two marker instructions,
 * uncompressed and within one page. */
static long semihost(long op, const void *arg)
{
	register long a0 __asm__("a0") = op;
	register const void *a1 __asm__("a1") = arg;

	__asm__ volatile(".option push\n\t.option norvc\n\t.balign 16\n\t"
			 "slli x0, x0, 0x1f\n\tebreak\n\tsrai x0, x0, 7\n\t.option pop"
			 : "+r"(a0)
			 : "r"(a1)
			 : "memory");
	return a0;
}

void board_puts(const char *s)
{
	(void)semihost(SEMIHOST_WRITE0, s);
}

void board_exit(int code)
{
	static unsigned long args[2];

	args[0] = ADP_STOPPED_APPLICATION_EXIT;
	args[1] = (unsigned long)(unsigned)code;
	for (;;) {
		(void)semihost(SEMIHOST_EXIT, args);
	}
}

uint32_t board_ms(void)
{
	return ms_ticks;
}

static void pdma_irq_enable(void)
{
	for (uint32_t s = PDMA_FIRST_SOURCE; s <= PDMA_LAST_SOURCE; s++) {
		REG32(PLIC_PRIORITY(s)) = 1u;
	}
	REG32(PLIC_ENABLE_CTX0) |= ((1u << (PDMA_LAST_SOURCE + 1u)) - 1u) &
				   ~((1u << PDMA_FIRST_SOURCE) - 1u);
}

/* Built with BOARD_PDMA_QUIRKS=0 (the benchmark), runs start at once and
 * QEMU's model runs them inside the register write. */
#ifndef BOARD_PDMA_QUIRKS
#define BOARD_PDMA_QUIRKS SIFIVE_PDMA_QUIRK_QEMU
#endif
SIFIVE_PDMA_DEFINE(dma_pdma, "pdma", 0x3000000u, BOARD_PDMA_QUIRKS, pdma_irq_enable);

/* Weak: an application may take over a channel's interrupts. */
void board_pdma_irq(uint32_t channel);
__attribute__((weak)) void board_pdma_irq(uint32_t channel)
{
	sifive_pdma_isr(&dma_pdma, channel);
}

void board_trap(void)
{
	unsigned long cause, epc;

	__asm__ volatile("csrr %0, mcause" : "=r"(cause));
	dma_port_riscv_trap_depth++;
	if (cause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
		REG64(CLINT_MTIMECMP0) = REG64(CLINT_MTIMECMP0) + TICK;
		ms_ticks++;
		sifive_pdma_pace(&dma_pdma);
	} else if (cause == (MCAUSE_INTERRUPT | IRQ_M_EXT)) {
		uint32_t src = REG32(PLIC_CLAIM_CTX0);

		if (src >= PDMA_FIRST_SOURCE && src <= PDMA_LAST_SOURCE) {
			board_pdma_irq((src - PDMA_FIRST_SOURCE) / 2u);
		}
		if (src != 0u) {
			REG32(PLIC_CLAIM_CTX0) = src;
		}
	} else {
		static const char hex[] = "0123456789abcdef";
		char line[64] = "unexpected trap: mcause 0x__, mepc 0x________\n";

		__asm__ volatile("csrr %0, mepc" : "=r"(epc));
		line[26] = hex[(cause >> 4) & 15u];
		line[27] = hex[cause & 15u];
		for (unsigned i = 0; i < 8u; i++) {
			line[36 + i] = hex[(epc >> (28u - 4u * i)) & 15u];
		}
		board_puts(line);
		board_exit(98);
	}
	dma_port_riscv_trap_depth--;
}

void board_start(void)
{
	REG32(PLIC_THRESHOLD_CTX0) = 0u;
	REG64(CLINT_MTIMECMP0) = REG64(CLINT_MTIME) + TICK;
	__asm__ volatile("csrs mie, %0" : : "r"(MIE_MTIE | MIE_MEIE));
	device_init_all();
	__asm__ volatile("csrs mstatus, %0" : : "r"(MSTATUS_MIE) : "memory");
	board_exit(main());
}
