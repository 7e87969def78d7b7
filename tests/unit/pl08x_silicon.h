/* SPDX-License-Identifier: Apache-2.0 */
/*
 * pl08x_silicon: a deterministic, single-threaded, register-level behavioural
 * model of an ARM PrimeCell PL080 (8 channels, two AHB masters) or PL081
 * (2 channels, one AHB master) DMA controller, written from ARM's Technical
 * Reference Manuals (PL080: ARM DDI 0196; PL081: ARM DDI 0218) and not from
 * any driver, so that host unit tests can catch a driver's wrong assumptions.
 *
 * Section references ("TRM 3.4.19") follow the chapter layout of DDI 0196:
 * 3.2 programming the DMAC, 3.3 register summary, 3.4.x register
 * descriptions (3.4.1 IntStatus ... 3.4.15 CxSrcAddr, 3.4.16 CxDestAddr,
 * 3.4.17 CxLLI, 3.4.18 CxControl, 3.4.19 CxConfiguration, 3.4.20 PeriphID,
 * 3.4.21 PCellID), 3.5 address generation, 3.6 scatter/gather, 3.7 interrupt
 * requests, 3.8 data flow, appendix A (signals), B.3 (flow control),
 * C (scatter/gather). DDI 0218 has the same structure for the PL081.
 *
 * Time only passes when the test says so: pl08x_si_run(), run_item(),
 * run_prio() and request() move data; register accesses never do (but the
 * access hook lets a test make the hardware progress at a chosen access).
 *
 * No heap: all state is static. Not thread-safe.
 */
#ifndef PL08X_SILICON_H
#define PL08X_SILICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------- register map (3.3) */
#define PL08X_SI_INTSTATUS      0x000u /* RO  masked TC | masked error       */
#define PL08X_SI_INTTCSTATUS    0x004u /* RO  RawIntTCStatus & ITC masks     */
#define PL08X_SI_INTTCCLEAR     0x008u /* WO  write 1 clears raw TC          */
#define PL08X_SI_INTERRSTATUS   0x00Cu /* RO  RawIntErrorStatus & IE masks   */
#define PL08X_SI_INTERRCLR      0x010u /* WO  write 1 clears raw error       */
#define PL08X_SI_RAWINTTCSTATUS 0x014u /* RO                                 */
#define PL08X_SI_RAWINTERRSTATUS 0x018u /* RO                                */
#define PL08X_SI_ENBLDCHNS      0x01Cu /* RO  channel E bits                 */
#define PL08X_SI_SOFTBREQ       0x020u
#define PL08X_SI_SOFTSREQ       0x024u
#define PL08X_SI_SOFTLBREQ      0x028u
#define PL08X_SI_SOFTLSREQ      0x02Cu
#define PL08X_SI_CONFIG         0x030u /* E [0], M1 [1], M2 [2] (PL080)      */
#define PL08X_SI_SYNC           0x034u
#define PL08X_SI_PERIPHID(i)    (0xFE0u + 4u * (i))
#define PL08X_SI_PCELLID(i)     (0xFF0u + 4u * (i))

/* Channel n registers: PL08X_SI_CH(n) + one of the offsets below. */
#define PL08X_SI_CH(n)          (0x100u + 0x20u * (n))
#define PL08X_SI_CSRC           0x00u
#define PL08X_SI_CDST           0x04u
#define PL08X_SI_CLLI           0x08u
#define PL08X_SI_CCTL           0x0Cu
#define PL08X_SI_CCFG           0x10u

/* DMACConfiguration (3.4.13) */
#define PL08X_SI_CONFIG_E       (1u << 0)
#define PL08X_SI_CONFIG_M1      (1u << 1) /* PL081: "M", its only master */
#define PL08X_SI_CONFIG_M2      (1u << 2) /* PL080 only */

/* DMACCxLLI (3.4.17) */
#define PL08X_SI_LLI_LM         (1u << 0) /* PL080 only: AHB master 2 */

/* DMACCxControl (3.4.18) */
#define PL08X_SI_CTL_TS_MASK    0xFFFu
#define PL08X_SI_CTL_SB_SHIFT   12u
#define PL08X_SI_CTL_DB_SHIFT   15u
#define PL08X_SI_CTL_SW_SHIFT   18u
#define PL08X_SI_CTL_DW_SHIFT   21u
#define PL08X_SI_CTL_S          (1u << 24) /* PL080 only */
#define PL08X_SI_CTL_D          (1u << 25) /* PL080 only */
#define PL08X_SI_CTL_SI         (1u << 26)
#define PL08X_SI_CTL_DI         (1u << 27)
#define PL08X_SI_CTL_PROT_SHIFT 28u
#define PL08X_SI_CTL_I          (1u << 31)
#define PL08X_SI_WIDTH_8        0u
#define PL08X_SI_WIDTH_16       1u
#define PL08X_SI_WIDTH_32       2u

/* DMACCxConfiguration (3.4.19) */
#define PL08X_SI_CFG_E          (1u << 0)
#define PL08X_SI_CFG_SRCP_SHIFT 1u
#define PL08X_SI_CFG_DSTP_SHIFT 6u
#define PL08X_SI_CFG_FLOW_SHIFT 11u
#define PL08X_SI_CFG_IE         (1u << 14)
#define PL08X_SI_CFG_ITC        (1u << 15)
#define PL08X_SI_CFG_L          (1u << 16)
#define PL08X_SI_CFG_A          (1u << 17) /* read-only */
#define PL08X_SI_CFG_H          (1u << 18)
/* FlowCntrl encodings (3.4.19, table "flow control and transfer type") */
#define PL08X_SI_FLOW_M2M       0u /* DMAC is flow controller */
#define PL08X_SI_FLOW_M2P       1u
#define PL08X_SI_FLOW_P2M       2u
#define PL08X_SI_FLOW_P2P       3u
#define PL08X_SI_FLOW_P2P_DSTP  4u /* destination peripheral controls flow */
#define PL08X_SI_FLOW_M2P_PER   5u
#define PL08X_SI_FLOW_P2M_PER   6u
#define PL08X_SI_FLOW_P2P_SRCP  7u /* source peripheral controls flow */

/* ------------------------------------------------ register access (driver) */
/*
 * The drivers' only way to the registers in the test build. An address inside
 * the model's 4 KiB window is forwarded to the model; anything else aborts.
 * Before every access (made outside the hook) the access hook runs.
 */
uint32_t dma_mmio_read32(uintptr_t addr);
void dma_mmio_write32(uintptr_t addr, uint32_t value);

/* ------------------------------------------------------------ model control */
/*
 * Reset the model: a PL080 (part 0x080, 8 channels) or PL081 (0x081,
 * 2 channels), registers at host address `base` (any value; it only decodes
 * dma_mmio_* addresses, window 4 KiB). All registers take their reset value
 * (0), bus mappings, hooks, injected errors and counters are cleared. Any
 * other part number aborts. Verbose misuse reports are on when the
 * environment variable PL08X_SI_VERBOSE is set (non-empty, not "0").
 */
void pl08x_si_reset(uintptr_t base, unsigned part);

/*
 * Bus-address translation. The DMA masters see 32-bit bus addresses; the test
 * maps bus ranges onto host memory. Data and LLIs are accessed through the
 * maps; an access (whole unit) outside every map reachable from the master
 * used gets an AHB ERROR response: the channel is disabled and its error
 * status latches (TRM 3.4.7, 3.4.19). pl08x_si_map() maps for both AHB masters;
 * pl08x_si_map_masters() takes a mask: bit 0 = AHB master 1, bit 1 = AHB
 * master 2 (PL081: only master 1 exists). Later maps take precedence.
 * Up to PL08X_SI_MAX_MAPS maps; more aborts.
 */
#define PL08X_SI_MAX_MAPS 64u
void pl08x_si_map(uint32_t bus, void *host, size_t len);
void pl08x_si_map_masters(unsigned masters, uint32_t bus, void *host, size_t len);
/* The bus address of a host pointer inside a mapped range (abort() if none). */
uint32_t pl08x_si_bus_of(const void *host);

/*
 * Let channel `ch` run with the DMAC as flow controller and memory-to-memory
 * flow (FlowCntrl 0): move up to `units` source transfers (units of SWidth),
 * following the linked list. Returns the source units actually read: 0 if the
 * channel is disabled, halted (H set) or the controller is disabled. Stops
 * early when the channel finishes (last LLI done) or takes a bus error. An
 * item whose last unit is moved here completes here (TC latch, next LLI
 * load or channel disable). A channel with FlowCntrl != 0 moves nothing here;
 * see pl08x_si_request(). ch beyond the variant's channels aborts.
 */
unsigned pl08x_si_run(unsigned ch, unsigned units);
/* Run until the channel completes its current LLI (item); returns units moved. */
unsigned pl08x_si_run_item(unsigned ch);
/*
 * Move up to `units` units in total across all runnable memory-to-memory
 * channels, always serving the lowest-numbered (highest priority, TRM 3.2)
 * runnable channel first. Returns units moved.
 */
unsigned pl08x_si_run_prio(unsigned units);
/*
 * Peripheral side (optional model of appendix B): the channel's request
 * peripheral asks for `units` source units (a single request = 1, a burst =
 * the programmed burst in source units); `last` marks a last (LBREQ/LSREQ)
 * request. Only for FlowCntrl != 0. With the DMAC as flow controller
 * (FlowCntrl 1..3) TransferSize limits the movement and `last` is ignored; with a
 * peripheral as flow controller (4..7) TransferSize is not used and the item
 * ends after a `last` request. Halted (H), disabled or M2M channels move
 * nothing. Returns units moved.
 */
unsigned pl08x_si_request(unsigned ch, unsigned units, bool last);

/* The next data access (source read or destination write) of channel `ch`
 * gets an AHB ERROR response. LLI fetches are not data accesses. */
void pl08x_si_inject_bus_error(unsigned ch);

/*
 * A slow bus: the next time software clears channel `ch`'s E bit, its
 * current AHB transfer takes `reads` driver reads of DMACEnbldChns or of the
 * channel's Configuration to complete (TRM 3.4.19 E: the transfer in
 * progress completes, then the channel is disabled). Meanwhile the channel
 * moves nothing, still shows enabled, and its registers are those of an
 * enabled channel (writes to them are misuse). 0: at once (the default).
 */
void pl08x_si_set_disable_lag(unsigned ch, unsigned long reads);

/* Levels of the interrupt outputs DMACINTTC / DMACINTERR / DMACINTR
 * (TRM 3.7, A.1): OR of IntTCStatus, of IntErrorStatus, and of both. */
bool pl08x_si_irq_tc(void);
bool pl08x_si_irq_err(void);
bool pl08x_si_irq(void);

/*
 * Called before every register access the driver makes (read or write), with
 * `n` the running count of driver accesses since reset including this one
 * (1 for the first), `off` the register offset in the window, and whether it
 * is a write. The hook may run channels (pl08x_si_run...) to make the hardware
 * progress at that moment. Register accesses the hook itself makes through
 * dma_mmio_* do not call the hook again and are not counted. NULL removes it.
 */
void pl08x_si_set_access_hook(void (*fn)(unsigned long n, uint32_t off, bool write,
					 void *arg),
			      void *arg);

/* Driver register reads / writes since reset (hook-made accesses excluded). */
unsigned long pl08x_si_reads(void);
unsigned long pl08x_si_writes(void);

/*
 * Misuse: accesses and programming the TRM calls undefined, unpredictable,
 * reserved or forbidden ("must"). The model keeps going with a documented
 * choice (e.g. a write to an enabled channel's Control keeps the last value)
 * and counts each occurrence. pl08x_si_misuse_what() describes the last one
 * ("" if none).
 */
unsigned long pl08x_si_misuse(void);
const char *pl08x_si_misuse_what(void);
/* Print every misuse on stderr as it happens (also set by PL08X_SI_VERBOSE). */
void pl08x_si_set_verbose(bool on);

/* ------------------------------------------------------- test inspection */
/* A register as a read would return it; no hook, no counting, no misuse. */
uint32_t pl08x_si_peek(uint32_t off);
unsigned pl08x_si_channels(void);
/* Bytes held in channel ch's FIFO (the A bit is this != 0 on an enabled channel). */
unsigned pl08x_si_fifo_bytes(unsigned ch);
/* Items (LLIs, the software-written first one included) completed by ch. */
unsigned long pl08x_si_items(unsigned ch);

#endif /* PL08X_SILICON_H */
