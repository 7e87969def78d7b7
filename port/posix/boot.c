/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host start-up: initialise every registered device before main(), as a
 * bare-metal board's reset handler does.
 */
#include "dma/device.h"
#include "dma/dma_port.h"

_Thread_local bool dma_posix_isr_thread;

__attribute__((constructor)) static void dma_posix_boot(void)
{
	device_init_all();
}
