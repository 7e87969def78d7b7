/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Reset and vector table for the Cortex-M33 of mps2-an505: copy .data, clear
 * .bss, initialise every device (as the host port's constructor does), run
 * main() and exit QEMU with its return value.
 */
#include <stdint.h>
#include <string.h>

#include "board.h"

extern uint32_t __data_start[], __data_end[], __data_load[], __bss_start[], __bss_end[];
extern uint32_t __stack_top[];

int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void SysTick_Handler(void);
void dma0_irq(void);
void dma1_irq(void);
void dma2_irq(void);
void dma3_irq(void);

#define NUM_IRQS 96
#define IRQ(n) [16 + (n)]

__attribute__((section(".vectors"), used)) static void (*const vectors[16 + NUM_IRQS])(void) = {
	[0] = (void (*)(void))(uintptr_t)__stack_top,
	[1] = Reset_Handler,
	[2] = Default_Handler, /* NMI */
	[3] = HardFault_Handler,
	[4] = Default_Handler, /* MemManage */
	[5] = Default_Handler, /* BusFault */
	[6] = Default_Handler, /* UsageFault */
	[7] = Default_Handler, /* SecureFault */
	[11] = Default_Handler, /* SVC */
	[12] = Default_Handler, /* DebugMon */
	[14] = Default_Handler, /* PendSV */
	[15] = SysTick_Handler,
	/* The PL081s' combined lines (DMACINTR); ERR/TC lines stay disabled. */
	IRQ(58) = dma0_irq,
	IRQ(61) = dma1_irq,
	IRQ(64) = dma2_irq,
	IRQ(67) = dma3_irq,
};

void Reset_Handler(void)
{
	memcpy(__data_start, __data_load, (size_t)((char *)__data_end - (char *)__data_start));
	memset(__bss_start, 0, (size_t)((char *)__bss_end - (char *)__bss_start));
	device_init_all();
	board_exit(main());
}

void Default_Handler(void)
{
	board_puts("unexpected exception\n");
	board_exit(98);
}

void HardFault_Handler(void)
{
	board_puts("HardFault\n");
	board_exit(99);
}
