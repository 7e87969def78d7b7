/* SPDX-License-Identifier: Apache-2.0 */
/* The ready-made emulated controller of the host build: "dma_emul". */
#include "dma/dma_emul.h"

#if DMA_EMUL_DEFAULT_INSTANCE
DMA_EMUL_DEFINE(dma_emul_0, "dma_emul", DMA_EMUL_DEFAULT_CHANNELS, DMA_CONFIG_MAX_BLOCKS);
#endif
