/* SPDX-License-Identifier: Apache-2.0 */
/*
 * runner: a run-at-a-time DMA controller made in software, for the
 * conformance suite on the core's software chaining (dma_chain.h) with
 * what no hardware driver of the tree gives it: fixed addresses, mixed
 * widths, runs much shorter than a block, and (runner_paced) paced starts.
 *
 * Its "hardware", per channel: one run (source, destination, length, the
 * block's address adjustments and unit sizes) moved a beat at a time by a
 * thread, with a done flag and an error flag that "interrupt" (the thread
 * calls the driver's handler). The driver is what a driver of such an IP
 * is: three chain hooks and an interrupt handler; the chain does the rest.
 * Host only (POSIX threads).
 */
#ifndef RUNNER_IP_H_
#define RUNNER_IP_H_

#include <stdbool.h>

#include "dma/dma.h"

/** Longest run of the runner (odd: a run is cut to whole beats). */
#define RUNNER_MAX_RUN 4095u

/**
 * Arm a bus error on @p channel's transfer at byte @p offset of block
 * @p block (rounded down to a whole beat); as dma_emul_inject_fault():
 * bytes before it move, none after; one-shot; disarmed by the next
 * dma_config() of the channel.
 */
int runner_inject_fault(const struct device *dev, uint32_t channel, uint32_t block,
			uint32_t offset, int error);

/*
 * The "runner_manual" and "runner_manual_paced" instances have no engine
 * thread: the test moves time. runner_step() moves up to @p bytes (whole
 * beats) of the channel's run; runner_irq() serves every latched done or
 * error (the interrupt) and, paced, starts the runs waiting for the pace.
 */
unsigned runner_step(const struct device *dev, uint32_t channel, uint32_t bytes);
void runner_irq(const struct device *dev);
/* The channel's run is moving (not ended, failed, halted or not started). */
bool runner_running(const struct device *dev, uint32_t channel);
/* Bytes the channel's hardware wrote since its configuration (a byte
 * written twice counts twice). */
uint64_t runner_written(const struct device *dev, uint32_t channel);
/* Runs of a part of a beat the IP was given (each fails at once). */
unsigned long runner_misuse(void);

#endif /* RUNNER_IP_H_ */
