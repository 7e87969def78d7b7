/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief The skeleton driver: the smallest complete driver, to copy for a
 *        new DMA controller.
 *
 * It "moves" bytes in software, in the caller's thread, from kick(): start()
 * only marks the channel pending under the lock, kick() (called by the core
 * after the lock is released) copies each block and reports its events. It
 * has memory-to-memory transfers with block lists and per-block callbacks;
 * everything else is absent, so the conformance suite checks that each
 * absent feature is refused as the contract says (-ENOSYS for suspend,
 * resume and reload, -EINVAL inside dma_config for the rest).
 *
 * docs/writing-a-driver.md walks through it.
 */
#ifndef DMA_DMA_SKELETON_H_
#define DMA_DMA_SKELETON_H_

#include "dma/dma_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL_HIDDEN */
/* Per-channel driver state ("the hardware registers" of this driver). */
struct skeleton_chan {
	uint32_t seq;     /* the transfer's id, from start() */
	uint32_t block;   /* next block to copy */
	uint64_t moved;   /* bytes copied by this transfer */
	bool pending;     /* started and not finished or stopped */
	bool claimed;     /* a kick() is copying it */
};

extern const struct dma_driver_ops skeleton_ops;

#define SKELETON_CAPS_(nchan, nblocks) DMA_CAPS_MINIMAL((nchan), (nblocks), 0u)
/** @endcond */

/**
 * @brief Define a skeleton controller instance.
 * @param sym      C identifier of the `const struct device`.
 * @param dev_name Name for device_get_binding().
 * @param nchan    Channels.
 * @param nblocks  Blocks per transfer.
 */
#define SKELETON_DMA_DEFINE(sym, dev_name, nchan, nblocks)                                     \
	static struct skeleton_chan sym##_skel_chans_[(nchan)];                                \
	static const struct dma_capabilities sym##_skel_caps_ =                                \
		SKELETON_CAPS_((nchan), (nblocks));                                            \
	DMA_CONTROLLER_DEFINE(sym, dev_name, &skeleton_ops, &sym##_skel_caps_, (nchan),       \
			      (nblocks), NULL, sym##_skel_chans_)

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_SKELETON_H_ */
