/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief ARM PrimeCell PL080/PL081 driver.
 *
 * ARM PrimeCell PL080 (8 channels) / PL081 (2 channels) DMA controller
 * driver (ARM DDI 0196 / DDI 0218). One driver for both through a const
 * variant table; all channel state lives in the shared core.
 *
 * Instances are defined with PL080_DEFINE() / PL081_DEFINE(). The board calls
 * pl08x_isr() from the controller's combined interrupt (DMACINTR).
 *
 * Linked-list items (LLIs) come from a static pool per channel, inside the
 * instance's storage: that storage must be memory the controller can read
 * (put it there with PL08X_STORAGE_ATTR if .bss is not).
 */
#ifndef DMA_DMA_PL08X_H_
#define DMA_DMA_PL08X_H_

#include "dma/dma_driver.h"
#include "dma/dma_mmio.h"

#ifdef __cplusplus
extern "C" {
#endif

/** LLIs per channel; a transfer needs one per 4095 units of a block (two
 *  per block with half-complete callbacks). */
#ifndef PL08X_LLI_PER_CHANNEL
#define PL08X_LLI_PER_CHANNEL 64
#endif

/** Attribute for the per-channel LLI storage (e.g. a section the DMA sees). */
#ifndef PL08X_STORAGE_ATTR
#define PL08X_STORAGE_ATTR
#endif

/**
 * Quirks of QEMU 7.2's model (hw/dma/pl080.c) that a driver cannot work
 * around, only avoid. With this flag the instance's capabilities leave out:
 * cyclic mode (the model would run the LLI ring forever inside the register
 * write that starts it), mixed source/destination widths (the model advances
 * the destination by the source width), bus-error reporting (never raised)
 * and observable RUNNING (every transfer finishes inside dma_start()).
 * Everything else the driver does is the same on silicon and on QEMU.
 */
#define PL08X_QUIRK_QEMU 1u

/** A PL08x variant: what differs between family members. */
struct pl08x_variant {
	/** Name of the part. */
	const char *name;
	/** Number of channels. */
	uint8_t channels;
	/** Part number in the peripheral ID registers (0x080 / 0x081). */
	uint16_t part_number;
	/** Number of AHB masters. */
	uint8_t masters;
};

/** The PL080: 8 channels, two AHB masters. */
extern const struct pl08x_variant pl08x_variant_pl080;
/** The PL081: 2 channels, one AHB master. */
extern const struct pl08x_variant pl08x_variant_pl081;

/** One linked-list item as the controller reads it (TRM: 4 words). */
struct pl08x_lli {
	/** Source address. */
	uint32_t src;
	/** Destination address. */
	uint32_t dst;
	/** Bus address of the next item, 0 for none. */
	uint32_t next;
	/** Channel Control register value for this item. */
	uint32_t ctrl;
};

/** @cond INTERNAL_HIDDEN */
#define PL08X_MAX_BLOCKS_ (DMA_CONFIG_MAX_BLOCKS < 16 ? DMA_CONFIG_MAX_BLOCKS : 16)
/* Two event points (half, block end) per block, 16 blocks at most. */
#define PL08X_POINTS_PER_CHANNEL_ 32
struct pl08x_chan {
	struct pl08x_lli lli[PL08X_LLI_PER_CHANNEL];
	/** Byte offset of each item in the transfer. */
	uint32_t item_off[PL08X_LLI_PER_CHANNEL];
	/** Event points (half and block ends): where each ends, what ends there. */
	uint32_t point_end[PL08X_POINTS_PER_CHANNEL_];
	uint8_t point_what[PL08X_POINTS_PER_CHANNEL_];
	uint16_t npoints;
	/** The block size the items were laid out for when the transfer is
	 *  one block (0: more), for a reload that only moves it. */
	uint32_t one_block_size;
	/** Channel Configuration register value without E. */
	uint32_t chan_cfg;
	uint16_t nitems;
	/** Transfer id given by the core at start. */
	uint32_t seq;
	/**
	 * The interrupt handler's last observation, as whole laps and an
	 * offset in the lap; the events up to it are reported.
	 */
	uint32_t obs_laps;
	/** Offset in the lap of the last observation. */
	uint32_t obs_pos;
	/** Bytes moved, fixed when the transfer ended (done, stop, error). */
	uint64_t final;
	bool active;
	/**
	 * A TC bit was cleared by a reading the channel outran: an item end
	 * after the last observation is owed to the next one.
	 */
	bool tc_owed;
};

struct pl08x_config {
	uintptr_t base;
	const struct pl08x_variant *variant;
	uint32_t quirks;
	/** Board hook: connect and enable the controller's interrupt. */
	void (*irq_enable)(void);
};

extern const struct dma_driver_ops pl08x_ops;

#define PL08X_FEATURES_                                                                        \
	(DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD |                \
	 DMA_CAP_MIXED_WIDTHS | DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK |               \
	 DMA_CAP_ERROR_REPORT | DMA_CAP_OBSERVABLE_RUNNING)
#define PL08X_QEMU_MISSING_                                                                    \
	(DMA_CAP_CYCLIC | DMA_CAP_MIXED_WIDTHS | DMA_CAP_ERROR_REPORT | DMA_CAP_OBSERVABLE_RUNNING)

#define PL08X_DEFINE_(sym, dev_name, variant_obj, nchan, base_addr, quirk_flags, irq_fn)      \
	static PL08X_STORAGE_ATTR struct pl08x_chan sym##_pl08x_chans_[(nchan)]                \
		__attribute__((aligned(16)));                                                  \
	static const struct pl08x_config sym##_pl08x_cfg_ = {                                  \
		.base = (base_addr),                                                           \
		.variant = &(variant_obj),                                                     \
		.quirks = (quirk_flags),                                                       \
		.irq_enable = (irq_fn),                                                        \
	};                                                                                     \
	static const struct dma_capabilities sym##_pl08x_caps_ = {                             \
		.channels = (nchan),                                                           \
		.max_block_count = PL08X_MAX_BLOCKS_,                                          \
		.max_block_size = 4095u * (PL08X_LLI_PER_CHANNEL / 2u),                        \
		.data_sizes = 1u | 2u | 4u,                                                    \
		.max_burst_length = 1024u,                                                     \
		.directions = (1u << MEMORY_TO_MEMORY) | (1u << MEMORY_TO_PERIPHERAL) |        \
			      (1u << PERIPHERAL_TO_MEMORY) | (1u << PERIPHERAL_TO_PERIPHERAL), \
		.source_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE), \
		.dest_addr_adj = (1u << DMA_ADDR_ADJ_INCREMENT) | (1u << DMA_ADDR_ADJ_NO_CHANGE),   \
		.addr_alignment = 1u,                                                          \
		.size_alignment = 1u,                                                          \
		.copy_alignment = 1u,                                                          \
		.addr_aligned_to_width = 1u,                                                   \
		.features = PL08X_FEATURES_ &                                                  \
			    ~(((quirk_flags) & PL08X_QUIRK_QEMU) ? PL08X_QEMU_MISSING_ : 0u),   \
	};                                                                                     \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &pl08x_ops, &sym##_pl08x_caps_, (nchan),         \
			      PL08X_MAX_BLOCKS_, &sym##_pl08x_cfg_, sym##_pl08x_chans_)
/** @endcond */

/**
 * @brief Define a PL080 instance (8 channels).
 * @param sym       C identifier of the `const struct device`.
 * @param dev_name  Name for device_get_binding().
 * @param base_addr Register base address.
 * @param quirks    0 on silicon, PL08X_QUIRK_QEMU on QEMU's model.
 * @param irq_fn    void (*)(void) that enables the combined interrupt, or NULL.
 */
#define PL080_DEFINE(sym, dev_name, base_addr, quirks, irq_fn)                                 \
	PL08X_DEFINE_(sym, dev_name, pl08x_variant_pl080, 8u, base_addr, quirks, irq_fn)

/** @brief Define a PL081 instance (2 channels); parameters as PL080_DEFINE(). */
#define PL081_DEFINE(sym, dev_name, base_addr, quirks, irq_fn)                                 \
	PL08X_DEFINE_(sym, dev_name, pl08x_variant_pl081, 2u, base_addr, quirks, irq_fn)

/**
 * @brief Why an instance lacks a DMA_CAP_* feature the IP has (a quirk of
 *        the platform). For diagnostics and test reports.
 * @param dev     A PL08x controller.
 * @param feature A DMA_CAP_* flag.
 * @return The reason, or NULL when there is none to give.
 */
const char *pl08x_why_missing(const struct device *dev, uint32_t feature);

/**
 * @brief Interrupt handler of the combined line (DMACINTR): clears the
 *        latched status and reports completions, blocks and errors.
 * @param dev The controller whose line fired.
 */
void pl08x_isr(const struct device *dev);

/**
 * @name Peripheral transfers
 * MEMORY_TO_PERIPHERAL and PERIPHERAL_TO_MEMORY use dma_slot (0..15) as the
 * peripheral's request line. PERIPHERAL_TO_PERIPHERAL needs two lines: the
 * source's in dma_slot bits [3:0], the destination's in bits [7:4]. The
 * controller is the flow controller (FlowCntrl 1..3); the peripheral side
 * must use hardware handshake (source_handshake/dest_handshake = 0), as the
 * API has no call to issue software requests.
 */

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_PL08X_H_ */
