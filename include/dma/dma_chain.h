/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Software chaining, for controllers without descriptors.
 *
 * Many DMA controllers run one transfer at a time: source, destination,
 * length, go, and an interrupt at the end (SiFive's PDMA; STM32's classic
 * DMA; most MCU DMAs). A block list, half-complete events and cyclic
 * transfers are then the software's job: this core mechanism cuts the
 * configuration into runs (a block, or half a block with half-complete
 * callbacks, or less if the hardware's run is shorter) and, from the
 * driver's done interrupt, starts the next run at once and reports the
 * events of the one that ended. It also gives such drivers status
 * (bytes done from the hardware's residue), stop, and suspend/resume (halt
 * the run, start its remainder later) without code of their own.
 *
 * A driver provides three [locked] hooks (struct dma_chain_ops): load a run
 * and start it, read the running run's residue, halt it. Its struct
 * dma_driver_ops points configure/start/progress at the dma_chain_*
 * functions below (or wraps them), and its interrupt handler takes the
 * run's end with dma_chain_take() under the lock and calls
 * dma_chain_run_done() or dma_chain_run_failed() without it.
 *
 * The chain orders memory for the driver: it calls dma_port_io_barrier()
 * before every load (so the data the CPU wrote, also a ring's block a
 * callback refilled, reaches memory before the run reads it) and before it
 * reports a run's end (the callbacks read what the run wrote).
 */
#ifndef DMA_DMA_CHAIN_H_
#define DMA_DMA_CHAIN_H_

#include "dma/dma_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One run of the hardware: a contiguous piece of a block. */
struct dma_seg {
	/** Address of its first source byte. */
	dma_addr_t src;
	/** Address of its first destination byte. */
	dma_addr_t dst;
	/** Bytes. */
	uint32_t len;
	/** Offset of its first byte in the transfer (the lap). */
	uint32_t off;
	/** DMA_POINT_HALF / DMA_POINT_BLOCK: what ends with this run. */
	uint8_t what;
	/** The block's address adjustments (DMA_ADDR_ADJ_*). */
	uint8_t src_adj;
	/** See @ref src_adj. */
	uint8_t dst_adj;
};

/** How a run stood when halt() stopped it. */
enum dma_run_end {
	/** Stopped before its end: residue() bytes were not written. */
	DMA_RUN_CUT,
	/** It had ended (or ended as it was stopped): its done interrupt is
	 *  owed, and the driver keeps it owed. */
	DMA_RUN_ENDED,
	/** It had failed: its error interrupt is owed, and the driver keeps it owed. */
	DMA_RUN_FAILED,
};

/** The hooks a driver gives the chain. All [locked]. */
struct dma_chain_ops {
	/** Program @p seg on the channel's hardware and start it; anything
	 *  the previous run latched (done, error) is cleared first. */
	void (*load)(const struct device *dev, uint32_t channel, const struct dma_seg *seg);
	/** Bytes of the running (or last) run not yet written. */
	uint32_t (*residue)(const struct device *dev, uint32_t channel);
	/**
	 * Stop the running run: on return nothing more moves. Say how it
	 * stood: a run that ended or failed, even in the instant of the stop,
	 * must leave its interrupt owed (its status latched, or latched
	 * again), since the chain then waits for that interrupt.
	 */
	enum dma_run_end (*halt)(const struct device *dev, uint32_t channel);
};

/** @cond INTERNAL_HIDDEN */
/** Per-channel state of the chain (in the driver's storage). */
struct dma_chain_chan {
	/** The rest of a run a suspend cut (run by resume). */
	struct dma_seg partial;
	uint16_t nseg;
	uint16_t npoints;
	/** Index of the run on the hardware (or, paced, waiting for the pace). */
	uint16_t cur;
	bool active;
	bool suspended;
	/** The run on the hardware is @ref partial, not seg[cur]. */
	bool in_partial;
	/** The run ended before the suspend took hold: its interrupt comes. */
	bool ended;
	/** Paced: loaded at the next dma_chain_pace(). */
	bool armed;
	/** A run end the handler took (dma_chain_take()) and has not yet
	 *  given to dma_chain_run_done()/run_failed(); DMA_RUN_CUT: none. */
	uint8_t taken;
	uint32_t seq;
	uint32_t laps;
	/** Bytes moved, fixed when the transfer ended (done, stop, error) or paused. */
	uint64_t final;
};
/** @endcond */

/** A controller's chain: its hooks and storage (DMA_CHAIN_DEFINE()). */
struct dma_chain {
	/** The driver's hooks. */
	const struct dma_chain_ops *ops;
	/** One per channel. */
	struct dma_chain_chan *chans;
	/** @ref max_segs runs per channel, channel after channel. */
	struct dma_seg *segs;
	/** Event points (where a run with a HALF or BLOCK end ends), as segs. */
	uint32_t *point_end;
	/** What ends at each point. */
	uint8_t *point_what;
	/** Runs each channel has room for. */
	uint32_t max_segs;
	/** Longest run of the hardware, in bytes (dma_chain_limit_run() may
	 *  lower it at init, e.g. from a register's probed width). */
	uint32_t *max_run;
	/** Runs start at dma_chain_pace() only (a model that runs a transfer
	 *  inside the register write that starts it, e.g. QEMU's). */
	bool paced;
};

/**
 * @brief Define the chain storage of a controller.
 * @param sym      Name of the `const struct dma_chain` defined.
 * @param ops_ptr  const struct dma_chain_ops *.
 * @param nchan    Channels.
 * @param nsegs    Runs per channel (two per block with half-complete
 *                 callbacks, more if a block is longer than @p max_run).
 * @param max_run_ Longest run of the hardware, in bytes.
 * @param paced_   true on a model that runs a transfer synchronously.
 */
#define DMA_CHAIN_DEFINE(sym, ops_ptr, nchan, nsegs, max_run_, paced_)                        \
	static struct dma_seg sym##_segs_[(nchan) * (nsegs)];                                  \
	static uint32_t sym##_pend_[(nchan) * (nsegs)];                                        \
	static uint8_t sym##_pwhat_[(nchan) * (nsegs)];                                        \
	static struct dma_chain_chan sym##_chans_[(nchan)];                                    \
	static uint32_t sym##_max_run_ = (max_run_);                                           \
	static const struct dma_chain sym = {                                                  \
		.ops = (ops_ptr),                                                              \
		.chans = sym##_chans_,                                                         \
		.segs = sym##_segs_,                                                           \
		.point_end = sym##_pend_,                                                      \
		.point_what = sym##_pwhat_,                                                    \
		.max_segs = (nsegs),                                                           \
		.max_run = &sym##_max_run_,                                                    \
		.paced = (paced_),                                                             \
	}

/**
 * @brief Runs a configuration needs (validation, before dma_config()
 *        changes anything).
 * @param cfg   A configuration the core found valid.
 * @param chain The controller's chain.
 * @return The number of runs.
 */
uint32_t dma_chain_count(const struct dma_config *cfg, const struct dma_chain *chain);

/**
 * @brief Lower the longest run (at init, before any configuration), e.g.
 *        to what a length register holds once probed.
 * @param chain The controller's chain.
 * @param bytes The longest run the hardware does.
 */
void dma_chain_limit_run(const struct dma_chain *chain, uint32_t bytes);

/**
 * @brief Take a run's end from the hardware: in the interrupt handler,
 *        under the lock, in the same hold as the read and clear of the
 *        channel's done or error status. [locked]
 *
 * Returns the id of the channel's current transfer, for
 * dma_chain_run_done() or dma_chain_run_failed(), which the handler calls
 * next, without the lock. Until then the chain knows that run's end is
 * owed: a dma_suspend() in between (from another core, or a higher
 * priority interrupt) takes the run for ended or failed, not cut, although
 * the hardware's status no longer shows it.
 * @param chain   The controller's chain.
 * @param channel The channel.
 * @param end     DMA_RUN_ENDED (done) or DMA_RUN_FAILED (error).
 * @return The transfer id.
 */
uint32_t dma_chain_take(const struct dma_chain *chain, uint32_t channel, enum dma_run_end end);

/**
 * @brief ops->configure: cut the channel's configuration into runs. [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 */
void dma_chain_configure(const struct device *dev, const struct dma_chain *chain,
			 uint32_t channel);
/**
 * @brief ops->start: load the first run (paced: arm it). [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @param seq     The transfer's id, as given to ops->start().
 * @return 0.
 */
int dma_chain_start(const struct device *dev, const struct dma_chain *chain, uint32_t channel,
		    uint32_t seq);
/**
 * @brief ops->stop: halt the run and fix what moved. [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 */
void dma_chain_stop(const struct device *dev, const struct dma_chain *chain, uint32_t channel);
/**
 * @brief ops->suspend: halt the run, keep its remainder. [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @return 0.
 */
int dma_chain_suspend(const struct device *dev, const struct dma_chain *chain, uint32_t channel);
/**
 * @brief ops->resume: load the remainder of the cut run. [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @return 0.
 */
int dma_chain_resume(const struct device *dev, const struct dma_chain *chain, uint32_t channel);
/**
 * @brief ops->progress: bytes moved, from the runs done and the residue. [locked]
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @return Bytes moved by the transfer since start (across laps).
 */
uint64_t dma_chain_progress(const struct device *dev, const struct dma_chain *chain,
			    uint32_t channel);

/**
 * @brief The run on @p channel ended without error (the driver's done
 *        interrupt, its status already cleared). Starts the next run at
 *        once and reports the events of the one that ended. Without the lock.
 *        Ignored if the transfer @p seq was stopped or replaced since (a
 *        stale interrupt).
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @param seq     dma_chain_take(), with the status the handler cleared.
 */
void dma_chain_run_done(const struct device *dev, const struct dma_chain *chain,
			uint32_t channel, uint32_t seq);

/**
 * @brief The run on @p channel failed (the driver's error interrupt): the
 *        transfer ends with @p err (negative) after the events of the
 *        bytes written before. Without the lock. Ignored if stale.
 * @param dev     The controller.
 * @param chain   Its chain (DMA_CHAIN_DEFINE()).
 * @param channel The channel.
 * @param seq     dma_chain_take(), with the status the handler cleared.
 * @param err     The error (negative errno; -EIO for a bus error).
 */
void dma_chain_run_failed(const struct device *dev, const struct dma_chain *chain,
			  uint32_t channel, uint32_t seq, int err);

/**
 * @brief With a paced chain: load every armed run. Call it from a periodic
 *        tick. Takes the lock.
 * @param dev     The controller.
 * @param chain   Its chain.
 */
void dma_chain_pace(const struct device *dev, const struct dma_chain *chain);

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_CHAIN_H_ */
