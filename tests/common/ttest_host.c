/* SPDX-License-Identifier: Apache-2.0 */
/* The ttest platform of host runners: stdout, CLOCK_MONOTONIC, a short sleep. */
#include "ttest_host.h"

#include <stdio.h>
#include <time.h>

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

const struct ttest_platform ttest_host_platform = {host_print, host_now_ms, host_relax};
