/* SPDX-License-Identifier: Apache-2.0 */
/* The host port's one piece of state: which threads play interrupt handlers. */
#include "dma/dma_port.h"

_Thread_local bool dma_posix_isr_thread;
