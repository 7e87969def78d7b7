/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief SiFive Platform DMA (PDMA) driver.
 *
 * The PDMA of the FU540/FU740 (and PolarFire SoC): 4 channels, each
 * running one memory-to-memory transfer at a time (no descriptors). Block
 * lists, half-complete events and cyclic transfers are continued from the
 * done interrupt by the core's software chaining (dma_chain.h).
 *
 * Instances are defined with SIFIVE_PDMA_DEFINE(). The board calls
 * sifive_pdma_isr(dev, channel) from the channel's done and error
 * interrupts (PLIC sources 23 + 2n and 24 + 2n on the FU540), and, on
 * QEMU's model (SIFIVE_PDMA_QUIRK_QEMU), sifive_pdma_pace(dev) from a
 * periodic tick.
 */
#ifndef DMA_DMA_SIFIVE_PDMA_H_
#define DMA_DMA_SIFIVE_PDMA_H_

#include "dma/dma_chain.h"
#include "dma/dma_mmio.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * QEMU's model (hw/dma/sifive_pdma.c, 7.2) runs a transfer inside the
 * register write that starts it, and a continued chain would keep the CPU
 * in the done interrupt. With this flag each run starts at the next
 * sifive_pdma_pace() (the board's tick), as a run on silicon ends some time
 * after it starts. It also leaves out bus-error reporting (not modelled).
 */
#define SIFIVE_PDMA_QUIRK_QEMU 1u

/** Runs per channel: one per block, two with half-complete callbacks. */
#define SIFIVE_PDMA_RUNS_ 32u

/** @cond INTERNAL_HIDDEN */
struct sifive_pdma_config {
	uintptr_t base;
	uint32_t quirks;
	/** Board hook: connect and enable the controller's interrupts. */
	void (*irq_enable)(void);
	const struct dma_chain *chain;
};

/** Per-channel data of the driver. */
struct sifive_pdma_chan {
	/** NextConfig of the configured transfer. */
	uint32_t next_config;
};

extern const struct dma_driver_ops sifive_pdma_ops;
extern const struct dma_chain_ops sifive_pdma_chain_ops;

#define SIFIVE_PDMA_FEATURES_                                                                  \
	(DMA_CAP_CYCLIC | DMA_CAP_CHAINING | DMA_CAP_SUSPEND | DMA_CAP_RELOAD |                \
	 DMA_CAP_HALF_COMPLETE | DMA_CAP_BLOCK_CALLBACK | DMA_CAP_ERROR_REPORT |               \
	 DMA_CAP_OBSERVABLE_RUNNING)
#define SIFIVE_PDMA_MAX_BLOCKS_ (DMA_CONFIG_MAX_BLOCKS < 16 ? DMA_CONFIG_MAX_BLOCKS : 16)
/** @endcond */

/**
 * @brief Define a PDMA instance (4 channels).
 * @param sym         C identifier of the `const struct device`.
 * @param dev_name    Name for device_get_binding().
 * @param base_addr   Register base address (FU540: 0x3000000).
 * @param quirk_flags 0 on silicon, SIFIVE_PDMA_QUIRK_QEMU on QEMU's model.
 * @param irq_fn      void (*)(void) that enables the interrupts, or NULL.
 */
#define SIFIVE_PDMA_DEFINE(sym, dev_name, base_addr, quirk_flags, irq_fn)                      \
	DMA_CHAIN_DEFINE(sym##_chain_, &sifive_pdma_chain_ops, 4u, SIFIVE_PDMA_RUNS_,           \
			 0x80000000u, ((quirk_flags) & SIFIVE_PDMA_QUIRK_QEMU) != 0u);          \
	static struct sifive_pdma_chan sym##_pdma_chans_[4];                                    \
	static const struct sifive_pdma_config sym##_pdma_cfg_ = {                              \
		.base = (base_addr),                                                           \
		.quirks = (quirk_flags),                                                       \
		.irq_enable = (irq_fn),                                                        \
		.chain = &sym##_chain_,                                                        \
	};                                                                                     \
	static const struct dma_capabilities sym##_pdma_caps_ = {                              \
		.channels = 4u,                                                                \
		.max_block_count = SIFIVE_PDMA_MAX_BLOCKS_,                                    \
		.max_block_size = 0x80000000u,                                                 \
		.data_sizes = 1u | 2u | 4u | 8u,                                               \
		.max_burst_length = 64u,                                                       \
		.directions = 1u << MEMORY_TO_MEMORY,                                          \
		.source_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,                               \
		.dest_addr_adj = 1u << DMA_ADDR_ADJ_INCREMENT,                                 \
		.addr_alignment = 1u,                                                          \
		.size_alignment = 1u,                                                          \
		.copy_alignment = 1u,                                                          \
		.addr_aligned_to_width = 1u,                                                   \
		.features = SIFIVE_PDMA_FEATURES_ &                                            \
			    ~(((quirk_flags) & SIFIVE_PDMA_QUIRK_QEMU) ? DMA_CAP_ERROR_REPORT : 0u), \
	};                                                                                     \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &sifive_pdma_ops, &sym##_pdma_caps_, 4u,          \
			      SIFIVE_PDMA_MAX_BLOCKS_, &sym##_pdma_cfg_, sym##_pdma_chans_)

/**
 * @brief Interrupt handler of one channel: call it from the channel's done
 *        and error interrupts. Continues the chain, reports its events.
 * @param dev     The controller.
 * @param channel The channel whose interrupt fired.
 */
void sifive_pdma_isr(const struct device *dev, uint32_t channel);

/**
 * @brief With SIFIVE_PDMA_QUIRK_QEMU: start the runs waiting for it (call
 *        from a periodic tick). Does nothing on an instance without it.
 * @param dev The controller.
 */
void sifive_pdma_pace(const struct device *dev);

/**
 * @brief Why an instance lacks a DMA_CAP_* feature the IP has (a quirk of
 *        the platform). For diagnostics and test reports.
 * @param dev     A PDMA controller.
 * @param feature A DMA_CAP_* flag.
 * @return The reason, or NULL when there is none to give.
 */
const char *sifive_pdma_why_missing(const struct device *dev, uint32_t feature);

/*
 * What the IP allows, beyond the capabilities (refused at dma_config() with
 * the reason): memory to memory only, both addresses incrementing (the
 * PDMA has no fixed-address mode and no peripheral requests); the same data
 * size and burst length on both sides (one transaction size, up to 64
 * bytes, RSIZE = WSIZE); every block's addresses aligned to that size, and,
 * with half-complete callbacks, every block's midpoint too (a block of a
 * multiple of twice the transaction size). A block longer than NextBytes
 * holds (probed at init) takes several runs, up to SIFIVE_PDMA_RUNS_ per
 * channel. Cyclic transfers are continued in software: there is a short
 * gap at each lap while the interrupt starts the next run.
 */

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_SIFIVE_PDMA_H_ */
