/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pdma_silicon: a deterministic, single-threaded, register-level behavioural
 * model of the SiFive Platform DMA (PDMA) of the FU540-C000 / FU740-C000
 * (4 channels), written from SiFive's manuals (FU540-C000 and FU740-C000
 * Manual, chapter "Platform DMA Engine (PDMA)") and not from any driver, so
 * that host unit tests can catch a driver's wrong assumptions.
 *
 * The model answers dma_mmio_read32()/dma_mmio_write32() (builds with
 * DMA_MMIO_EXTERNAL) for the register window at the base given to
 * pdma_si_reset() (4 channels, 0x1000 apart); its 64-bit registers are
 * accessed as two 32-bit halves (low word at +0, high word at +4), which
 * works on RV32 and RV64 alike. The engine reaches memory through a bus: bus addresses
 * are 64-bit and mapped to host memory with pdma_si_map(); an access to an
 * unmapped address, or to a range armed with pdma_si_inject_bus_error(),
 * is a bus error (the channel's error flag).
 *
 * Time only passes when the test says so: pdma_si_step() moves one
 * transaction of a running channel; register accesses never do, except
 * through the access hook. A run that ends sets the channel's done flag
 * (and, with NextConfig.repeat, starts the Next registers again at once).
 *
 * No heap: all state is static. Not thread-safe.
 */
#ifndef PDMA_SILICON_H
#define PDMA_SILICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Register offsets within a channel (channel n at base + 0x1000 * n). */
#define PDMA_SI_CONTROL 0x000u
#define PDMA_SI_NEXT_CONFIG 0x004u
#define PDMA_SI_NEXT_BYTES 0x008u
#define PDMA_SI_NEXT_DEST 0x010u
#define PDMA_SI_NEXT_SOURCE 0x018u
#define PDMA_SI_EXEC_CONFIG 0x104u
#define PDMA_SI_EXEC_BYTES 0x108u
#define PDMA_SI_EXEC_DEST 0x110u
#define PDMA_SI_EXEC_SOURCE 0x118u

/* Control bits. */
#define PDMA_SI_CLAIM (1u << 0)
#define PDMA_SI_RUN (1u << 1)
#define PDMA_SI_DONEIE (1u << 14)
#define PDMA_SI_ERRIE (1u << 15)
#define PDMA_SI_DONE (1u << 30)
#define PDMA_SI_ERROR (1u << 31)

/* NextConfig bits. */
#define PDMA_SI_REPEAT (1u << 2)
#define PDMA_SI_ORDER (1u << 3)
#define PDMA_SI_WSIZE_SHIFT 24
#define PDMA_SI_RSIZE_SHIFT 28

/** Power-on reset: registers at @p base, every channel unclaimed, nothing mapped. */
void pdma_si_reset(uintptr_t base);

/** Map @p len bytes of host memory at bus address @p bus. */
void pdma_si_map(uint64_t bus, void *host, size_t len);

/** Accesses (reads if @p reads, writes if @p writes) to [bus, bus+len) fail from now on. */
void pdma_si_inject_bus_error(uint64_t bus, uint64_t len, bool reads, bool writes);

/** The injected bus errors are gone (a transient error, or a new test). */
void pdma_si_clear_bus_errors(void);

/** Move one transaction (at most the configured transaction size) of channel
 *  @p ch if it is running. Returns 1 if it moved one, 0 if not running. */
unsigned pdma_si_step(unsigned ch);

/** Run every running channel round-robin until none runs or @p max
 *  transactions have moved; returns the count. A repeating channel never
 *  stops: bound @p max. */
unsigned pdma_si_run(unsigned max);

/** Bytes channel @p ch has written to the bus since reset. */
uint64_t pdma_si_bytes_written(unsigned ch);

/** Runs (loads of the Next registers into Exec) of channel @p ch since reset. */
unsigned pdma_si_runs(unsigned ch);

/** A channel that stops at a transaction boundary: the next time software
 *  clears run on channel @p ch, run keeps reading 1 for @p reads more
 *  driver reads of Control, the channel moving nothing by itself; then the
 *  transaction in flight completes (it may end the run, setting done, or
 *  fail, setting error) and run clears. 0: at once (the default). */
void pdma_si_set_halt_lag(unsigned ch, unsigned long reads);

/** The done interrupt line of channel @p ch is high (done and doneIE). */
bool pdma_si_done_irq(unsigned ch);

/** The error interrupt line of channel @p ch is high (error and errorIE). */
bool pdma_si_error_irq(unsigned ch);

/** Called before every register access by the driver, with the channel
 *  and offset; a test makes the engine progress there. */
void pdma_si_set_access_hook(void (*hook)(unsigned ch, uint32_t off, bool write, void *arg),
			     void *arg);

/** The first misuse the model saw since reset (a write to a read-only
 *  register, Next registers written while the channel runs, an access of
 *  the wrong width or outside the map...), or NULL. */
const char *pdma_si_misuse(void);
/** A bus region of the PDMA's window size at @p base where no device
 *  answers: reads give 0, writes are lost (an instance defined at a wrong
 *  address). Not a misuse. */
void pdma_si_add_absent(uintptr_t base);

/* ------------------------------------------------ additions (model inspection) */

/* Channels of the FU540-C000 / FU740-C000 PDMA, and the register window. */
#define PDMA_SI_CHANNELS 4u
#define PDMA_SI_CHANNEL_STRIDE 0x1000u

/* NextConfig transaction size fields, log2 of the bytes (0 = 1 byte ... 6 = 64). */
#define PDMA_SI_WSIZE(log2) ((uint32_t)(log2) << PDMA_SI_WSIZE_SHIFT)
#define PDMA_SI_RSIZE(log2) ((uint32_t)(log2) << PDMA_SI_RSIZE_SHIFT)
/* The largest transaction: 2^6 = 64 bytes ("an upper bound of 64B on a
 * transaction size"); wsize/rsize are WARL and read back at most 6. */
#define PDMA_SI_SIZE_MAX_LOG2 6u

/** A register of channel @p ch as a read would return it: no hook, no misuse. */
uint32_t pdma_si_peek(unsigned ch, uint32_t off);

/** Bytes channel @p ch has read from the bus since reset. */
uint64_t pdma_si_bytes_read(unsigned ch);

/** Misuses seen since reset (pdma_si_misuse() names the first one). */
unsigned long pdma_si_misuse_count(void);

/**
 * NextBytes is WARL "with a maximum count that can be much smaller than the
 * physical address size" (the manuals give no width): the model keeps the
 * low @p bits bits of a write (1..64; 64, the default, after reset).
 */
void pdma_si_set_bytes_bits(unsigned bits);

#endif /* PDMA_SILICON_H */
