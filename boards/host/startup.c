/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The host board's start-up: initialise every registered device before
 * main(), as a bare-metal board's reset handler does
 * (boards/mps2_an505/startup.c).
 */
#include "dma/device.h"

__attribute__((constructor)) static void dma_host_startup(void)
{
	device_init_all();
}
