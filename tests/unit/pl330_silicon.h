/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pl330_silicon: a deterministic, single-threaded, register-level
 * behavioural model of an ARM CoreLink DMA-330 (PL330) DMA controller,
 * written from ARM's Technical Reference Manual (ARM DDI 0424) and not from
 * any driver, so that host unit tests can catch a driver's wrong
 * assumptions about the silicon.
 *
 * The model answers dma_mmio_read32()/dma_mmio_write32() (builds with
 * DMA_MMIO_EXTERNAL) for the 4 KiB register window at the base given to
 * pl330_si_reset(). The controller reaches memory through a bus: bus
 * addresses are 32-bit and mapped to host memory with pl330_si_map(); an
 * access to an unmapped address, or to a range armed with
 * pl330_si_inject_bus_error(), is a bus error (an AXI error response).
 *
 * Time only passes when the test says so: pl330_si_step() and
 * pl330_si_run() execute channel instructions; register accesses never do,
 * except through the access hook, with which a test makes the hardware
 * progress at a chosen register access. Debug instructions (DBGCMD) take
 * effect at once (DMAGO makes the channel executing at the given address,
 * without running it; DMAKILL stops it; DMASEV signals the event).
 *
 * No heap: all state is static. Not thread-safe.
 */
#ifndef PL330_SILICON_H
#define PL330_SILICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Channel thread states (CSR[3:0], TRM 3.3.x). */
#define PL330_SI_STOPPED 0u
#define PL330_SI_EXECUTING 1u
#define PL330_SI_WFE 4u
#define PL330_SI_AT_BARRIER 5u
#define PL330_SI_WFP 7u
#define PL330_SI_KILLING 8u
#define PL330_SI_COMPLETING 9u
#define PL330_SI_FAULT_COMPLETING 14u
#define PL330_SI_FAULTING 15u

/* Fault types (FTRn bits). */
#define PL330_SI_FT_UNDEF_INSTR (1u << 0)
#define PL330_SI_FT_OPERAND_INVALID (1u << 1)
#define PL330_SI_FT_EVENT_ERR (1u << 5)
#define PL330_SI_FT_PERIPH_ERR (1u << 6)
#define PL330_SI_FT_RDWR_ERR (1u << 7)
#define PL330_SI_FT_MFIFO_ERR (1u << 12)
#define PL330_SI_FT_ST_DATA_UNAVAILABLE (1u << 13)
#define PL330_SI_FT_INSTR_FETCH_ERR (1u << 16)
#define PL330_SI_FT_DATA_WRITE_ERR (1u << 17)
#define PL330_SI_FT_DATA_READ_ERR (1u << 18)

/** What the controller is configured with (its CR0/CRD values follow). */
struct pl330_si_params {
	unsigned channels;    /* 1..8 */
	unsigned events;      /* 1..32 (interrupt/event lines) */
	unsigned periphs;     /* 0..32 peripheral request interfaces */
	unsigned bus_bytes;   /* data bus width: 4, 8 or 16 */
	unsigned fifo_bytes;  /* MFIFO depth per channel, in bytes (e.g. 256) */
	bool mgr_ns;          /* the manager boots Non-secure (CR0 mgr_ns_at_rst, DSR DNS) */
};

/** Power-on reset: registers at @p base, every channel stopped, nothing mapped. */
void pl330_si_reset(uintptr_t base, const struct pl330_si_params *p);

/** Map @p len bytes of host memory at bus address @p bus (also for programs). */
void pl330_si_map(uint32_t bus, void *host, size_t len);

/** Accesses (reads if @p reads, writes if @p writes) to [bus, bus+len) fail from now on. */
void pl330_si_inject_bus_error(uint32_t bus, uint32_t len, bool reads, bool writes);

/**
 * Execute one instruction of channel @p ch if it can run (executing, or
 * waiting for an event/peripheral that has come). Returns 1 if an
 * instruction completed (the PC moved or a loop jumped), 0 if the channel
 * is stopped, faulting, or still waiting.
 */
unsigned pl330_si_step(unsigned ch);

/**
 * Run the channels round-robin, one instruction each in turn, until none
 * can run or @p max instructions have completed. Returns the count.
 */
unsigned pl330_si_run(unsigned max);

/** A peripheral raises a request: a burst request if @p burst, else a single one. */
void pl330_si_request(unsigned periph, bool burst);

/** Requests of peripheral @p periph acknowledged so far (DMALDP/DMASTP/DMAFLUSHP). */
unsigned pl330_si_acks(unsigned periph);

/** Bytes channel @p ch has stored to the bus / loaded from it since reset. */
uint64_t pl330_si_bytes_written(unsigned ch);
uint64_t pl330_si_bytes_read(unsigned ch);

/** Instructions channel @p ch has completed since reset. */
uint64_t pl330_si_insns(unsigned ch);

/** CSR[3:0] of channel @p ch. */
unsigned pl330_si_state(unsigned ch);

/** The interrupt line of event @p ev is high (INTEN set and INTMIS set). */
bool pl330_si_irq(unsigned ev);

/** The abort interrupt is high (a channel or the manager is faulting). */
bool pl330_si_abort(void);

/**
 * Called before every register access by the driver (after the model
 * decoded it, before it takes effect): @p off is the register offset. A
 * test makes the hardware progress there (e.g. pl330_si_step()).
 */
void pl330_si_set_access_hook(void (*hook)(uint32_t off, bool write, void *arg), void *arg);

/**
 * The first misuse the model saw since reset (a write to a read-only
 * register, a debug instruction while DBGSTATUS was busy, DMAGO to a
 * channel not stopped, an access outside the register map...), or NULL.
 */
const char *pl330_si_misuse(void);

/* ------------------------------------------------ additions (model inspection) */

/* Register offsets (TRM 3.2 register summary). n = channel. */
#define PL330_SI_DSR 0x000u
#define PL330_SI_DPC 0x004u
#define PL330_SI_INTEN 0x020u
#define PL330_SI_INT_EVENT_RIS 0x024u
#define PL330_SI_INTMIS 0x028u
#define PL330_SI_INTCLR 0x02Cu
#define PL330_SI_FSRD 0x030u
#define PL330_SI_FSRC 0x034u
#define PL330_SI_FTRD 0x038u
#define PL330_SI_FTR(n) (0x040u + 4u * (n))
#define PL330_SI_CSR(n) (0x100u + 8u * (n))
#define PL330_SI_CPC(n) (0x104u + 8u * (n))
#define PL330_SI_SAR(n) (0x400u + 0x20u * (n))
#define PL330_SI_DAR(n) (0x404u + 0x20u * (n))
#define PL330_SI_CCR(n) (0x408u + 0x20u * (n))
#define PL330_SI_LC0(n) (0x40Cu + 0x20u * (n))
#define PL330_SI_LC1(n) (0x410u + 0x20u * (n))
#define PL330_SI_DBGSTATUS 0xD00u
#define PL330_SI_DBGCMD 0xD04u
#define PL330_SI_DBGINST0 0xD08u
#define PL330_SI_DBGINST1 0xD0Cu
#define PL330_SI_CR0 0xE00u
#define PL330_SI_CR1 0xE04u
#define PL330_SI_CR2 0xE08u
#define PL330_SI_CR3 0xE0Cu
#define PL330_SI_CR4 0xE10u
#define PL330_SI_CRD 0xE14u
#define PL330_SI_WD 0xE80u
#define PL330_SI_PERIPHID(i) (0xFE0u + 4u * (i))
#define PL330_SI_PCELLID(i) (0xFF0u + 4u * (i))

/* FTRn / FTRD bit 30: the faulting instruction came from the debug interface. */
#define PL330_SI_FT_DBG_INSTR (1u << 30)
/* FTRD bit 4: DMAGO with inappropriate security (manager only). */
#define PL330_SI_FT_DMAGO_ERR (1u << 4)

/** A register as a read would return it: no hook, no misuse, no side effect. */
uint32_t pl330_si_peek(uint32_t off);

/** Bytes held in channel @p ch's MFIFO (loaded, not yet stored). */
unsigned pl330_si_fifo_bytes(unsigned ch);

/** Misuses seen since reset (pl330_si_misuse() names the first one). */
unsigned long pl330_si_misuse_count(void);

/**
 * The debug interface stays busy (DBGSTATUS reads 1) for the next @p accesses
 * register accesses, as if a previous debug instruction were still being
 * executed; a DBGINST0/DBGINST1/DBGCMD write meanwhile is a misuse and is
 * ignored. 0 (the default) makes it idle at once.
 */
void pl330_si_debug_busy(unsigned accesses);

/**
 * Each debug instruction takes time: after the DBGCMD write, DBGSTATUS reads
 * busy for the next @p accesses register accesses, and the instruction takes
 * effect when it goes idle (0, the default: at once).
 */
void pl330_si_debug_latency(unsigned accesses);

/** Events @p ev signalled (DMASEV, by a thread or the debug interface) since reset. */
unsigned long pl330_si_sevs(unsigned ev);

/**
 * TRM 2.3: the PC of a Stopped thread is not valid. On (off by default: CPC
 * stays at the DMAEND), CPC of a thread that ended with DMAEND reads 0 until
 * its next DMAGO (a debug DMAKILL still leaves it where it was).
 */
void pl330_si_end_pc_invalid(bool on);

/** Review addition: after a DMAKILL the thread reads Killing for @p accesses
 *  register accesses, then Stopped (0, the default: Stopped at once). */
void pl330_si_kill_latency(unsigned accesses);

#endif /* PL330_SILICON_H */
