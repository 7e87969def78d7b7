/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Host runner: the conformance suite on the smallest controllers.
 *
 *   skeleton       the skeleton driver (drivers/skeleton): copies in
 *                  software from kick(), reporting from the caller's thread;
 *                  suspend/resume and reload left out.
 *   emul_minimal   an emulated controller with the same capabilities
 *                  (DMA_EMUL_CAPS_MINIMAL): every absent feature refused as
 *                  the contract says, with RUNNING observable.
 *   emul_pl081     an emulated controller shaped like a PL081
 *                  (DMA_EMUL_CAPS_PL081): host tests refuse what the target
 *                  refuses.
 *   runner         a run-at-a-time controller made in software
 *                  (runner_ip.c), driven by the core's software chaining:
 *                  the chain with fixed addresses, mixed widths and runs
 *                  shorter than a block, which no hardware driver gives it.
 *   runner_paced   the same with paced starts (dma_chain_pace()).
 *
 * Usage: conformance_profiles [name-filter]
 */
#include <stdlib.h>
#include <string.h>

#include "dma/dma_emul.h"
#include "dma/dma_skeleton.h"
#include "dma_conformance.h"
#include "emul_serial_target.h"
#include "runner_ip.h"
#include "ttest.h"
#include "ttest_host.h"

SKELETON_DMA_DEFINE(skeleton_dma, "skeleton", 4, 8);

static const struct dma_capabilities minimal_caps = DMA_EMUL_CAPS_MINIMAL(4, 8);
DMA_EMUL_DEFINE_PROFILE(emul_minimal, "emul_minimal", &minimal_caps, 4, 8);

static const struct dma_capabilities pl081_caps = DMA_EMUL_CAPS_PL081;
DMA_EMUL_DEFINE_PROFILE(emul_pl081, "emul_pl081", &pl081_caps, 2, 16);

static uint8_t pool[1024 * 1024] __attribute__((aligned(64)));

/* A serial port on the PL081-shaped instance's request lines 14 (RX) and
 * 15 (TX), so that its peripheral cases run as they would on a PL081 with
 * a UART (QEMU's model drives no request lines). */
static struct dma_emul_serial uart;

int main(int argc, char **argv)
{
	static const char *const names[] = {"skeleton", "emul_minimal", "emul_pl081", "runner",
					    "runner_paced"};
	const char *timeout = getenv("DMA_TEST_TIMEOUT_MS");

	ttest_init(&ttest_host_platform);
	if (argc > 1) {
		ttest_set_filter(argv[1]);
	}
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct dma_conformance_target t = {
			.dev = device_get_binding(names[i]),
			.pool = pool,
			.pool_len = sizeof(pool),
			.timeout_ms = timeout != NULL ? (uint32_t)strtoul(timeout, NULL, 10) : 5000u,
		};

		if (t.dev == NULL) {
			ttest_printf("FAIL %s: not ready: %s\n", names[i],
				     device_not_ready_reason(names[i]));
			return 1;
		}
		if (strncmp(names[i], "runner", 6) == 0) {
			t.inject_fault = runner_inject_fault;
		} else if (strcmp(names[i], "skeleton") != 0) {
			t.inject_fault = dma_emul_inject_fault;
		}
		if (strcmp(names[i], "emul_pl081") == 0) {
			t.periph = emul_serial_target(t.dev, &uart);
			if (t.periph == NULL) {
				ttest_printf("FAIL emul_pl081: serial port not attached\n");
				return 1;
			}
		}
		(void)dma_conformance_run(&t);
	}
	return ttest_summary("conformance-profiles") == 0 ? 0 : 1;
}
