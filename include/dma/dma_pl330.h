/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief ARM PL330 (DMA-330) driver.
 *
 * ARM CoreLink DMA-330 (PL330) driver (ARM DDI 0424). Each channel runs a
 * program (microcode) that the driver writes at dma_config() into the
 * channel's static buffer (PL330_PROG_BYTES, inside the instance's
 * storage, which must be memory the controller can read: put it there with
 * PL330_STORAGE_ATTR if .bss is not). Channel n signals its interrupts with
 * event n (so a controller needs as many interrupt events as channels) and,
 * with PL330_QUIRK_QEMU, waits on event n + 8 (see pl330_pace()).
 *
 * Instances are defined with PL330_DEFINE(). The board calls pl330_isr()
 * from every interrupt of the controller: the abort interrupt and the event
 * interrupts of the channels used.
 */
#ifndef DMA_DMA_PL330_H_
#define DMA_DMA_PL330_H_

#include "dma/dma_driver.h"
#include "dma/dma_mmio.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Microcode bytes per channel. A transfer takes 25 to 45 bytes per block
 *  (twice that with half-complete callbacks), plus 48 bytes kept for the
 *  program a resume writes; the default holds 16 blocks with half-complete
 *  callbacks. A cyclic one needs room for two laps (a resumed lap and the
 *  loop) and its lap must fit in 255 bytes (DMALPFE's jump). dma_config()
 *  refuses, with a reason, a transfer that does not fit. */
#ifndef PL330_PROG_BYTES
#define PL330_PROG_BYTES 1024
#endif

/** Loop nests a program may hold: one or two per block (or half block). */
#ifndef PL330_GROUPS_PER_CHANNEL
#define PL330_GROUPS_PER_CHANNEL 64
#endif

/** Event points (half and block ends) a transfer may hold. */
#ifndef PL330_POINTS_PER_CHANNEL
#define PL330_POINTS_PER_CHANNEL 34
#endif

/** Attribute for the per-channel program storage (e.g. a section the DMA reads). */
#ifndef PL330_STORAGE_ATTR
#define PL330_STORAGE_ATTR
#endif

/**
 * QEMU's model (hw/dma/pl330.c, 7.2) runs every program inside the register
 * write that starts it, until it ends or waits, so a transfer cannot be seen
 * running and a cyclic program with no wait would never return. With this
 * flag every program first waits on its channel's pacing event (n + 8), and
 * a cyclic one again at the start of each lap; the board's periodic tick
 * calls pl330_pace(), which signals the events of the channels waiting on
 * them. Transfers then run asynchronously as on silicon (finishing at the
 * next tick), which lets the suite hold them RUNNING. Never on silicon.
 */
#define PL330_QUIRK_QEMU 1u

/** @cond INTERNAL_HIDDEN */
/** A loop nest of a program: LP1 outer { LP0 inner { body } } or LP0 inner { body }. */
struct pl330_group {
	/** Offsets in the program: first instruction, LP0, body, LPEND0, end. */
	uint16_t pc0, pc_lp0, pc_body, pc_st, pc_lpend0, pc_end;
	/** Instruction bytes of one load / one store in the body. */
	uint8_t ld_len, st_len;
	/** Iterations: outer (1 for one level) and inner. */
	uint16_t outer, inner;
	/** Bytes per load and per store. */
	uint16_t ld_bytes, st_bytes;
	/** Offset just past the DMASEV that follows the nest (0: none does). */
	uint16_t pc_sev;
	/** Lap offset of the group's first byte. */
	uint32_t off;
	/** Bytes per iteration. */
	uint32_t step;
};

struct pl330_chan {
	uint8_t prog[PL330_PROG_BYTES];
	struct pl330_group group[PL330_GROUPS_PER_CHANNEL];
	/** Event points: lap offset where each ends and what ends there. */
	uint32_t point_end[PL330_POINTS_PER_CHANNEL];
	uint8_t point_what[PL330_POINTS_PER_CHANNEL];
	uint16_t ngroups;
	uint16_t npoints;
	/** The program in prog is the one built at configure (not a resume's). */
	bool prog_is_main;
	bool active;
	bool suspended;
	/** The transfer had ended when the suspend took hold. */
	bool susp_done;
	/** The last reading was outrun: the interrupt bit may stand for an event already counted. */
	bool irq_stale;
	/** The suspend's reading lay between a point's last store and its
	 *  DMASEV: the resumed program starts with that event. */
	bool susp_owed;
	/** A resume went back to the start of the beat it cut: until a
	 *  reading is past resume_cut (the lap offset of the suspend), one
	 *  behind the last observation is that going back, not almost a lap. */
	bool resume_back;
	uint32_t resume_cut;
	/** Transfer id given by the core at start. */
	uint32_t seq;
	/** Last observation: whole laps and the offset in the lap. */
	uint32_t obs_laps;
	uint32_t obs_pos;
	/** Lap offset where the running program started (a resume's). */
	uint32_t from;
	/** Offset of the program's final DMAEND. */
	uint16_t end_pc;
	/** Bytes moved, fixed when the transfer ended (done, stop, error) or paused. */
	uint64_t final;
	/** Progress never reads below this (the count at the last resume). */
	uint64_t floor;
};

struct pl330_config {
	uintptr_t base;
	/** Data bus width in bytes (the largest data size): 4, 8 or 16. */
	uint32_t bus_bytes;
	uint32_t quirks;
	/** Board hook: connect and enable the controller's interrupts. */
	void (*irq_enable)(void);
};

extern const struct dma_driver_ops pl330_ops;

#define PL330_FEATURES_                                                                        \
	(DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD |                \
	 DMA_CAP_MIXED_WIDTHS | DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK |               \
	 DMA_CAP_ERROR_REPORT | DMA_CAP_OBSERVABLE_RUNNING)
#define PL330_QEMU_MISSING_ (DMA_CAP_ERROR_REPORT)
#define PL330_MAX_BLOCKS_ (DMA_CONFIG_MAX_BLOCKS < 16 ? DMA_CONFIG_MAX_BLOCKS : 16)
/** @endcond */

/**
 * @brief Define a PL330 instance.
 * @param sym       C identifier of the `const struct device`.
 * @param dev_name  Name for device_get_binding().
 * @param base_addr Register base address.
 * @param nchan     Channels of the controller (1..8; events 0..nchan-1 must
 *                  reach the CPU as interrupts).
 * @param bus_width Data bus width in bytes (Zynq-7000: 8).
 * @param quirk_flags 0 on silicon, PL330_QUIRK_QEMU on QEMU's model.
 * @param irq_fn    void (*)(void) that enables the controller's interrupts, or NULL.
 */
#define PL330_DEFINE(sym, dev_name, base_addr, nchan, bus_width, quirk_flags, irq_fn)              \
	static PL330_STORAGE_ATTR struct pl330_chan sym##_pl330_chans_[(nchan)]                \
		__attribute__((aligned(8)));                                                   \
	static const struct pl330_config sym##_pl330_cfg_ = {                                  \
		.base = (base_addr),                                                           \
		.bus_bytes = (bus_width),                                                      \
		.quirks = (quirk_flags),                                                            \
		.irq_enable = (irq_fn),                                                        \
	};                                                                                     \
	static const struct dma_capabilities sym##_pl330_caps_ = {                             \
		.channels = (nchan),                                                           \
		.max_block_count = PL330_MAX_BLOCKS_,                                          \
		.max_block_size = 1u << 24,                                                    \
		.data_sizes = ((bus_width) * 2u - 1u) & 0xFFu,                                 \
		.max_burst_length = 16u * (bus_width),                                         \
		.directions = (1u << MEMORY_TO_MEMORY) | (1u << MEMORY_TO_PERIPHERAL) |        \
			      (1u << PERIPHERAL_TO_MEMORY),                                    \
		.source_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE), \
		.dest_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),   \
		.addr_alignment = 1u,                                                          \
		.size_alignment = 1u,                                                          \
		.copy_alignment = 1u,                                                          \
		.addr_aligned_to_width = 1u,                                                   \
		.features = PL330_FEATURES_ &                                                  \
			    ~(((quirk_flags) & PL330_QUIRK_QEMU) ? PL330_QEMU_MISSING_ : 0u),        \
	};                                                                                     \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &pl330_ops, &sym##_pl330_caps_, (nchan),         \
			      PL330_MAX_BLOCKS_, &sym##_pl330_cfg_, sym##_pl330_chans_)

/**
 * @brief Interrupt handler: call it from the controller's abort interrupt
 *        and from each channel's event interrupt. Reports completions,
 *        blocks, half-completes and faults of every channel it finds.
 * @param dev The controller.
 */
void pl330_isr(const struct device *dev);

/**
 * @brief With PL330_QUIRK_QEMU: let every channel waiting on its pacing
 *        event go on (call it from a periodic tick, e.g. every millisecond).
 *        Does nothing on an instance without the quirk.
 * @param dev The controller.
 */
void pl330_pace(const struct device *dev);

/**
 * @brief Why an instance lacks a DMA_CAP_* feature the IP has (a quirk of
 *        the platform). For diagnostics and test reports.
 * @param dev     A PL330 controller.
 * @param feature A DMA_CAP_* flag.
 * @return The reason, or NULL when there is none to give.
 */
const char *pl330_why_missing(const struct device *dev, uint32_t feature);

/*
 * What the IP allows, beyond the capabilities (refused at dma_config() with
 * the reason, or at dma_suspend()):
 *
 * - A burst is 1 to 16 beats of its side's data size (16 bytes with 1-byte
 *   beats, 128 with 8-byte ones); max_burst_length is the largest over
 *   every data size. One side's burst may be at most 16 times the other's,
 *   and no larger than the MFIFO (CRD).
 * - Peripheral transfers (MEMORY_TO_PERIPHERAL, PERIPHERAL_TO_MEMORY) use
 *   dma_slot (below CR0's number of request interfaces) as the peripheral
 *   request interface. The program waits for each request (DMAWFP) and
 *   moves exactly one peripheral burst (or, for the tail, one beat) per
 *   request, acknowledged with DMALDP/DMASTP: the memory side's data size
 *   and burst may not be larger than the peripheral's, and the peripheral
 *   side must use the hardware handshake.
 * - A transfer from a peripheral cannot be suspended (-ENOTSUP): the IP has
 *   no pause, and DMAKILL drops what the FIFO holds, which the peripheral
 *   has already handed over. Other transfers are suspended by DMAKILL and
 *   resumed by a program for the rest.
 * - The program must fit PL330_PROG_BYTES (with room for a resume's) and,
 *   for a cyclic transfer, its lap DMALPFE's 255-byte jump.
 */

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_PL330_H_ */
