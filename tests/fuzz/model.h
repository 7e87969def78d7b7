/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A reference model of the contract, written independently of the core
 * (src/): the validation rules of dma_config() and the channel state table.
 * The fuzz targets run it in lock-step with a real controller.
 */
#ifndef DMA_FUZZ_MODEL_H_
#define DMA_FUZZ_MODEL_H_

#include "dma/dma.h"

enum model_state { M_UNCONFIGURED, M_CONFIGURED, M_RUNNING, M_SUSPENDED };

struct model_chan {
	enum model_state state;
	bool requested;
	bool cyclic;
	bool chains;      /* source_ or dest_chaining_en */
	uint32_t link;
	uint32_t blocks;
	uint32_t ss;
	uint32_t ds;
};

struct model {
	struct dma_capabilities caps;
	struct model_chan ch[32];
};

/** Is @p cfg valid for @p channel of a controller with @p caps? (-EINVAL or 0) */
int model_config_check(const struct dma_capabilities *caps, uint32_t channel,
		       const struct dma_config *cfg);

void model_init(struct model *m, const struct dma_capabilities *caps);

/* Expected result of each call; the model's state follows. */
int model_config(struct model *m, uint32_t ch, const struct dma_config *cfg);
int model_start(struct model *m, uint32_t ch);
int model_stop(struct model *m, uint32_t ch);
int model_suspend(struct model *m, uint32_t ch);
int model_resume(struct model *m, uint32_t ch);
int model_reload(struct model *m, uint32_t ch, uint32_t size);
void model_release(struct model *m, uint32_t ch);
int model_request(struct model *m, const uint32_t *want);

/** A RUNNING one-shot transfer finished (chaining included). */
void model_complete(struct model *m, uint32_t ch);

#endif /* DMA_FUZZ_MODEL_H_ */
