/* SPDX-License-Identifier: Apache-2.0 */
/*
 * SiFive Platform DMA (PDMA) driver (FU540-C000 / FU740-C000 manuals,
 * chapter "Platform DMA Engine").
 *
 * A channel runs one transfer at a time: claim it, write the Next
 * registers (config, bytes, destination, source), set run; done or error
 * raises the channel's interrupt. Everything beyond one run (block lists,
 * half-complete events, cyclic transfers, suspend/resume, status) is the
 * core's software chaining (dma_chain.h): this driver only loads a run,
 * reads its residue (ExecBytes), halts it (clears run), and tells the chain
 * from its interrupt that the run ended or failed.
 *
 * The 64-bit registers are accessed as two 32-bit halves, low word first
 * (the same code on RV32 and RV64).
 *
 * Lock rule: the chain hooks run with the core lock held;
 * sifive_pdma_isr() reads and clears the status under the lock and calls
 * the chain without it.
 */
#include "dma/dma_sifive_pdma.h"

#define CH_BASE(ch) (0x1000u * (ch))
#define REG_CONTROL 0x000u
#define REG_NEXT_CONFIG 0x004u
#define REG_NEXT_BYTES 0x008u
#define REG_NEXT_DEST 0x010u
#define REG_NEXT_SOURCE 0x018u
#define REG_EXEC_BYTES 0x108u

#define CTRL_CLAIM (1u << 0)
#define CTRL_RUN (1u << 1)
#define CTRL_DONEIE (1u << 14)
#define CTRL_ERRIE (1u << 15)
#define CTRL_DONE (1u << 30)
#define CTRL_ERROR (1u << 31)

#define CFG_WSIZE_SHIFT 24
#define CFG_RSIZE_SHIFT 28

/* Bounded waits (register reads). */
#define POLL_LIMIT 100000u

static const struct sifive_pdma_config *cfg_of(const struct device *dev)
{
	return (const struct sifive_pdma_config *)dma_core_ctrl(dev)->drv_config;
}

static struct sifive_pdma_chan *chan_of(const struct device *dev, uint32_t ch)
{
	return &((struct sifive_pdma_chan *)dma_core_ctrl(dev)->drv_data)[ch];
}

static uint32_t rd(const struct device *dev, uint32_t ch, uint32_t off)
{
	return dma_mmio_read32(cfg_of(dev)->base + CH_BASE(ch) + off);
}

static void wr(const struct device *dev, uint32_t ch, uint32_t off, uint32_t v)
{
	dma_mmio_write32(cfg_of(dev)->base + CH_BASE(ch) + off, v);
}

static void wr64(const struct device *dev, uint32_t ch, uint32_t off, uint64_t v)
{
	wr(dev, ch, off, (uint32_t)v);
	wr(dev, ch, off + 4u, (uint32_t)(v >> 32));
}

static uint32_t log2_of(uint32_t v)
{
	return 31u - (uint32_t)__builtin_clz(v);
}

/* The transaction size of a configuration: its burst, or one beat. */
static uint32_t txn_size(const struct dma_config *cfg)
{
	return cfg->source_burst_length > cfg->source_data_size ? cfg->source_burst_length
								 : cfg->source_data_size;
}

static int sifive_pdma_validate(const struct device *dev, uint32_t channel,
				const struct dma_config *cfg)
{
	const struct dma_block_config *blk = cfg->head_block;
	const uint32_t txn = txn_size(cfg);

	if (cfg->source_burst_length != cfg->dest_burst_length) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "sifive_pdma: one transaction size for both sides (RSIZE = "
				  "WSIZE): source_burst_length and dest_burst_length must be equal");
	}
	for (uint32_t k = 0u; k < cfg->block_count; k++, blk = blk->next_block) {
		if (blk->source_address % txn != 0u || blk->dest_address % txn != 0u) {
			return DMA_REFUSE(dev, channel, -EINVAL,
					  "sifive_pdma: every block's addresses must be aligned "
					  "to the transaction size (the burst length, or the data "
					  "size)");
		}
		/* With half-complete callbacks the block runs in two halves:
		 * the second starts at the midpoint. */
		if (cfg->half_complete_callback_en &&
		    dma_core_half_point(blk->block_size, cfg->source_data_size) % txn != 0u) {
			return DMA_REFUSE(dev, channel, -EINVAL,
					  "sifive_pdma: with half-complete callbacks, a block's "
					  "midpoint must be aligned to the transaction size (a "
					  "smaller burst_length, or a block size of a multiple of "
					  "twice the burst)");
		}
	}
	if (dma_chain_count(cfg, cfg_of(dev)->chain) > cfg_of(dev)->chain->max_segs) {
		return DMA_REFUSE(dev, channel, -EINVAL,
				  "sifive_pdma: more runs than SIFIVE_PDMA_RUNS_ per channel (blocks "
				  "longer than NextBytes holds take several)");
	}
	return 0;
}

static void sifive_pdma_configure(const struct device *dev, uint32_t channel)
{
	const struct dma_config *cfg = &dma_core_chan(dev, channel)->cfg;
	const uint32_t size = log2_of(txn_size(cfg));

	chan_of(dev, channel)->next_config = (size << CFG_WSIZE_SHIFT) | (size << CFG_RSIZE_SHIFT);
	dma_chain_configure(dev, cfg_of(dev)->chain, channel);
}

/* ----------------------------------------------------------- chain hooks */

static void pdma_load(const struct device *dev, uint32_t ch, const struct dma_seg *seg)
{
	/* Claim (keeping the claim clears done and error), then the run (the
	 * chain has issued the barrier for the data before it). */
	wr(dev, ch, REG_CONTROL, CTRL_CLAIM);
	wr(dev, ch, REG_NEXT_CONFIG, chan_of(dev, ch)->next_config);
	wr64(dev, ch, REG_NEXT_BYTES, seg->len);
	wr64(dev, ch, REG_NEXT_DEST, (uint64_t)seg->dst);
	wr64(dev, ch, REG_NEXT_SOURCE, (uint64_t)seg->src);
	wr(dev, ch, REG_CONTROL, CTRL_CLAIM | CTRL_RUN | CTRL_DONEIE | CTRL_ERRIE);
}

static uint32_t pdma_residue(const struct device *dev, uint32_t ch)
{
	uint32_t lo = rd(dev, ch, REG_EXEC_BYTES);
	uint32_t hi = rd(dev, ch, REG_EXEC_BYTES + 4u);

	return hi != 0u ? UINT32_MAX : lo;
}

/*
 * Clear run: the channel stops at a transaction boundary. Control's done
 * and error are read-write bits, so the write that clears run also writes
 * them: a run that ends between the read and the write would lose its
 * done. So the status is read again once the channel is stopped, and a run
 * that ended (done, or nothing left) or failed gets its done or error
 * written back: its interrupt stays owed, as the chain expects. One case
 * stays out of reach: an error in the few bus cycles between the read and
 * the write is cleared by the write and cannot be told from a cut (the
 * channel stops where the error stopped it). The run then counts as cut:
 * the resume retries the rest, which reports the error again if it lasts.
 */
static enum dma_run_end pdma_halt(const struct device *dev, uint32_t ch)
{
	const uint32_t ie = CTRL_DONEIE | CTRL_ERRIE;
	uint32_t ctrl = rd(dev, ch, REG_CONTROL);

	if ((ctrl & CTRL_RUN) != 0u) {
		wr(dev, ch, REG_CONTROL, CTRL_CLAIM | (ctrl & ie));
		for (uint32_t i = 0u; i < POLL_LIMIT && (rd(dev, ch, REG_CONTROL) & CTRL_RUN) != 0u;
		     i++) {
		}
		ctrl |= rd(dev, ch, REG_CONTROL);
		if ((ctrl & (CTRL_DONE | CTRL_ERROR)) == 0u && pdma_residue(dev, ch) == 0u) {
			ctrl |= CTRL_DONE; /* the last transaction made it */
		}
	}
	if ((ctrl & CTRL_ERROR) != 0u) {
		wr(dev, ch, REG_CONTROL, CTRL_CLAIM | ie | CTRL_ERROR);
		return DMA_RUN_FAILED;
	}
	if ((ctrl & CTRL_DONE) != 0u) {
		wr(dev, ch, REG_CONTROL, CTRL_CLAIM | ie | CTRL_DONE);
		return DMA_RUN_ENDED;
	}
	return DMA_RUN_CUT;
}

const struct dma_chain_ops sifive_pdma_chain_ops = {
	.load = pdma_load,
	.residue = pdma_residue,
	.halt = pdma_halt,
};

/* ----------------------------------------------------------- operations */

static int sifive_pdma_start(const struct device *dev, uint32_t channel, uint32_t seq)
{
	return dma_chain_start(dev, cfg_of(dev)->chain, channel, seq);
}

static void sifive_pdma_stop(const struct device *dev, uint32_t channel)
{
	dma_chain_stop(dev, cfg_of(dev)->chain, channel);
	/* Release the claim: done and error drop, nothing latched reaches
	 * the next transfer. */
	wr(dev, channel, REG_CONTROL, 0u);
}

static int sifive_pdma_suspend(const struct device *dev, uint32_t channel)
{
	return dma_chain_suspend(dev, cfg_of(dev)->chain, channel);
}

static int sifive_pdma_resume(const struct device *dev, uint32_t channel)
{
	return dma_chain_resume(dev, cfg_of(dev)->chain, channel);
}

static uint64_t sifive_pdma_progress(const struct device *dev, uint32_t channel)
{
	return dma_chain_progress(dev, cfg_of(dev)->chain, channel);
}

void sifive_pdma_isr(const struct device *dev, uint32_t channel)
{
	const struct dma_chain *chain = cfg_of(dev)->chain;
	dma_port_key_t key = dma_core_lock(dev);
	uint32_t ctrl = rd(dev, channel, REG_CONTROL);
	uint32_t seq;

	if ((ctrl & (CTRL_DONE | CTRL_ERROR)) == 0u) {
		dma_core_unlock(dev, key); /* nothing latched (a stop cleared it) */
		return;
	}
	/* Clear done and error (keeping the claim, run off: QEMU's model
	 * leaves run set after an error); the interrupt lines drop. The
	 * transfer they belong to is the one running now: its id goes with
	 * them, so that a stop and restart before the chain runs makes them
	 * stale. */
	wr(dev, channel, REG_CONTROL, CTRL_CLAIM);
	seq = dma_chain_take(chain, channel,
			     (ctrl & CTRL_ERROR) != 0u ? DMA_RUN_FAILED : DMA_RUN_ENDED);
	dma_core_unlock(dev, key);
	if ((ctrl & CTRL_ERROR) != 0u) {
		dma_chain_run_failed(dev, chain, channel, seq, -EIO);
	} else {
		dma_chain_run_done(dev, chain, channel, seq);
	}
}

void sifive_pdma_pace(const struct device *dev)
{
	if (dev == NULL || dev->api != &sifive_pdma_ops || !cfg_of(dev)->chain->paced) {
		return;
	}
	dma_chain_pace(dev, cfg_of(dev)->chain);
}

static int sifive_pdma_init(const struct device *dev)
{
	const struct sifive_pdma_config *pc = cfg_of(dev);
	uint32_t lo, hi;

	for (uint32_t ch = 0u; ch < dma_core_ctrl(dev)->caps->channels; ch++) {
		/* Stop and release whatever an earlier program left. */
		wr(dev, ch, REG_CONTROL, CTRL_CLAIM);
		wr(dev, ch, REG_CONTROL, 0u);
	}
	/* NextBytes is WARL: its width may be much smaller than an address.
	 * Write all ones and read back the longest run it holds. */
	wr(dev, 0u, REG_CONTROL, CTRL_CLAIM);
	wr64(dev, 0u, REG_NEXT_BYTES, UINT64_MAX);
	lo = rd(dev, 0u, REG_NEXT_BYTES);
	hi = rd(dev, 0u, REG_NEXT_BYTES + 4u);
	wr(dev, 0u, REG_CONTROL, 0u);
	if (lo == 0u && hi == 0u) {
		return dma_core_init_failed(dev, -ENODEV,
					    "sifive_pdma: NextBytes reads back 0 (no PDMA at this "
					    "address?)");
	}
	if (hi == 0u) {
		/* A run of whole 64-byte transactions at most. */
		dma_chain_limit_run(pc->chain, lo - lo % 64u);
	}
	if (pc->irq_enable != NULL) {
		pc->irq_enable();
	}
	return 0;
}

const char *sifive_pdma_why_missing(const struct device *dev, uint32_t feature)
{
	if (dev == NULL || dev->api != &sifive_pdma_ops ||
	    (cfg_of(dev)->quirks & SIFIVE_PDMA_QUIRK_QEMU) == 0u) {
		return NULL;
	}
	if (feature == DMA_CAP_ERROR_REPORT) {
		return "QEMU 7.2's PDMA model raises no bus errors (an unmapped address copies "
		       "nothing and reports nothing)";
	}
	return NULL;
}

const struct dma_driver_ops sifive_pdma_ops = {
	.init = sifive_pdma_init,
	.validate = sifive_pdma_validate,
	.configure = sifive_pdma_configure,
	.start = sifive_pdma_start,
	.stop = sifive_pdma_stop,
	.suspend = sifive_pdma_suspend,
	.resume = sifive_pdma_resume,
	.progress = sifive_pdma_progress,
	.why_missing = sifive_pdma_why_missing,
};
