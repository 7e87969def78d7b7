/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The conformance suite's peripheral for an emulated controller: a serial
 * port on request lines 14 (RX) and 15 (TX), 256-byte FIFOs at 10 KB/s
 * (25 ms before an overrun, for a loaded machine running sanitizers).
 */
#ifndef EMUL_SERIAL_TARGET_H_
#define EMUL_SERIAL_TARGET_H_

#include "dma/dma_emul_periph.h"
#include "dma_conformance.h"

/**
 * Initialise @p uart, attach it to @p dev's lines 14 and 15, and return the
 * suite's description of it; NULL if that failed.
 */
const struct dma_conformance_periph *emul_serial_target(const struct device *dev,
							 struct dma_emul_serial *uart);

#endif /* EMUL_SERIAL_TARGET_H_ */
