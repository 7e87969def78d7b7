/*
 * Host runner: the conformance suite against the emulated controller
 * "dma_emul". Usage: conformance_emul [name-filter]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"
#include "dma_conformance.h"
#include "ttest.h"

static void host_print(const char *s)
{
	fputs(s, stdout);
	fflush(stdout);
}

static uint32_t host_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static void host_relax(void)
{
	struct timespec ts = {0, 50000}; /* 50 us */

	nanosleep(&ts, NULL);
}

static uint8_t pool[1024 * 1024] __attribute__((aligned(64)));

int main(int argc, char **argv)
{
	static const struct ttest_platform plat = {host_print, host_now_ms, host_relax};
	const char *timeout = getenv("DMA_TEST_TIMEOUT_MS");
	struct dma_conformance_target t = {
		.dev = device_get_binding("dma_emul"),
		.pool = pool,
		.pool_len = sizeof(pool),
		.timeout_ms = timeout != NULL ? (uint32_t)strtoul(timeout, NULL, 10) : 5000u,
		.inject_fault = dma_emul_inject_fault,
	};

	ttest_init(&plat);
	if (argc > 1 && strcmp(argv[1], "--bad-inputs") == 0) {
		return dma_conformance_print_bad_inputs(&t);
	}
	if (argc > 1) {
		ttest_set_filter(argv[1]);
	}
	(void)dma_conformance_run(&t);
	return ttest_summary("conformance") == 0 ? 0 : 1;
}
