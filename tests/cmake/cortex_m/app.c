/* SPDX-License-Identifier: Apache-2.0 */
/* Compiles against the Cortex-M port and the PL08x driver (not linked). */
#include "dma/dma_pl08x.h"

PL081_DEFINE(app_dma, "app_dma", 0x40000000u, 0, NULL);

int app_start(void);
int app_start(void)
{
	return device_is_ready(&app_dma) ? 0 : -1;
}
