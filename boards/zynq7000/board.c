/* SPDX-License-Identifier: Apache-2.0 */
/*
 * xilinx-zynq-a9 board (QEMU): semihosting console and exit, the GIC
 * (PL390, distributor 0xF8F01000, CPU interface 0xF8F00100), a 1 ms tick
 * from the Cortex-A9 private timer (0xF8F00600, PPI 29), and the PL330 of
 * the processing system (0xF8003000): abort = GIC ID 45, events 0-3 = 46-49,
 * events 4-7 = 72-75.
 */
#include "board.h"

#include "dma/dma_pl330.h"

#define GICD 0xF8F01000u
#define GICC 0xF8F00100u
#define GICD_CTLR (GICD + 0x000u)
#define GICD_ISENABLER(n) (GICD + 0x100u + 4u * (n))
#define GICD_IPRIORITYR(id) (GICD + 0x400u + (id))
#define GICD_ITARGETSR(id) (GICD + 0x800u + (id))
#define GICC_CTLR (GICC + 0x000u)
#define GICC_PMR (GICC + 0x004u)
#define GICC_IAR (GICC + 0x00Cu)
#define GICC_EOIR (GICC + 0x010u)

#define PTIMER 0xF8F00600u
#define PTIMER_LOAD (PTIMER + 0x00u)
#define PTIMER_CTRL (PTIMER + 0x08u)
#define PTIMER_ISR (PTIMER + 0x0Cu)
#define PTIMER_IRQ 29u
/* QEMU's model of the private timer counts at 100 MHz (prescaler 0). */
#define PTIMER_HZ 100000000u

#define DMA_IRQ_ABORT 45u

#define SEMIHOST_WRITE0 0x04
#define SEMIHOST_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

#define REG8(a) (*(volatile uint8_t *)(uintptr_t)(a))
#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

static const uint8_t dma_event_irqs[8] = {46, 47, 48, 49, 72, 73, 74, 75};
static volatile uint32_t ms_ticks;

void board_start(void);
void board_irq(void);
void board_fatal(int what);
int main(void);

static int semihost(int op, const void *arg)
{
	register int r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
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

uint32_t board_ms(void)
{
	return ms_ticks;
}

static void gic_enable(uint32_t id)
{
	REG8(GICD_IPRIORITYR(id)) = 0x80u;
	REG8(GICD_ITARGETSR(id)) = 1u; /* CPU 0 (ignored for PPIs) */
	REG32(GICD_ISENABLER(id / 32u)) = 1u << (id % 32u);
}

static void dma_irq_enable(void)
{
	gic_enable(DMA_IRQ_ABORT);
	for (unsigned i = 0; i < sizeof(dma_event_irqs); i++) {
		gic_enable(dma_event_irqs[i]);
	}
}

/* Built with BOARD_PL330_QUIRKS=0 (the benchmark), programs run inside the
 * register write that starts them, as QEMU's model does without pacing. */
#ifndef BOARD_PL330_QUIRKS
#define BOARD_PL330_QUIRKS PL330_QUIRK_QEMU
#endif
PL330_DEFINE(dma_pl330, "pl330", 0xF8003000u, 8u, 8u, BOARD_PL330_QUIRKS, dma_irq_enable);

/* Weak: an application may take over some of the controller's interrupts
 * (the benchmark's hand-written baseline does). */
void board_dma_irq(uint32_t id);
__attribute__((weak)) void board_dma_irq(uint32_t id)
{
	(void)id;
	pl330_isr(&dma_pl330);
}

void board_irq(void)
{
	const uint32_t id = REG32(GICC_IAR) & 0x3FFu;

	if (id >= 1020u) {
		return; /* spurious */
	}
	if (id == PTIMER_IRQ) {
		REG32(PTIMER_ISR) = 1u;
		ms_ticks++;
		pl330_pace(&dma_pl330);
	} else if (id == DMA_IRQ_ABORT || (id >= 46u && id <= 49u) || (id >= 72u && id <= 75u)) {
		board_dma_irq(id);
	}
	REG32(GICC_EOIR) = id;
}

void board_fatal(int what)
{
	static const char *const names[] = {"", "undefined instruction", "SVC", "prefetch abort",
					    "data abort", "FIQ"};

	board_puts("unexpected exception: ");
	board_puts(names[what]);
	board_puts("\n");
	board_exit(98);
}

void board_start(void)
{
	REG32(GICD_CTLR) = 1u;
	REG32(GICC_PMR) = 0xFFu;
	REG32(GICC_CTLR) = 1u;
	gic_enable(PTIMER_IRQ);
	REG32(PTIMER_LOAD) = PTIMER_HZ / 1000u - 1u;
	REG32(PTIMER_CTRL) = 7u; /* enable, auto-reload, interrupt; prescaler 0 */
	device_init_all();
	__asm__ volatile("cpsie i" ::: "memory");
	board_exit(main());
}
