/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mps2-an505 board: semihosting console and exit, SysTick clock, NVIC, and
 * the four PL081 DMA controllers of the IoT subsystem
 * (base 0x50110000 + 0x1000 * n, DMACINTR = IRQ 58, 61, 64, 67).
 */
#include "board.h"

#include "dma/dma_pl08x.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define NVIC_ISER(n) (*(volatile uint32_t *)(0xE000E100u + 4u * (n)))
#define SYSCLK_HZ 20000000u /* QEMU's mps2-an505 system clock */

#define SEMIHOST_WRITE0 0x04
#define SEMIHOST_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static volatile uint32_t ms_ticks;

static int semihost(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void board_puts(const char *s)
{
	(void)semihost(SEMIHOST_WRITE0, s);
}

void board_exit(int code)
{
	const uint32_t args[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};

	for (;;) {
		(void)semihost(SEMIHOST_EXIT_EXTENDED, args);
	}
}

void SysTick_Handler(void);
void SysTick_Handler(void)
{
	ms_ticks++;
}

uint32_t board_ms(void)
{
	if ((SYST_CSR & 1u) == 0u) {
		SYST_RVR = SYSCLK_HZ / 1000u - 1u;
		SYST_CVR = 0u;
		SYST_CSR = 7u; /* processor clock, interrupt, enable */
	}
	return ms_ticks;
}

static void nvic_enable(unsigned irq)
{
	NVIC_ISER(irq / 32u) = 1u << (irq % 32u);
}

#define DMA_IRQ(n, irq)                                                                        \
	static void dma##n##_irq_enable(void)                                                  \
	{                                                                                      \
		nvic_enable(irq);                                                              \
	}                                                                                      \
	PL081_DEFINE(dma_pl081_##n, "dma" #n, 0x50110000u + 0x1000u * (n), PL08X_QUIRK_QEMU,    \
		     dma##n##_irq_enable);                                                     \
	/* Weak: an application may take over a controller's interrupt. */                   \
	void dma##n##_irq(void);                                                               \
	__attribute__((weak)) void dma##n##_irq(void)                                          \
	{                                                                                      \
		pl08x_isr(&dma_pl081_##n);                                                     \
	}

DMA_IRQ(0, 58)
DMA_IRQ(1, 61)
DMA_IRQ(2, 64)
DMA_IRQ(3, 67)
