/* SPDX-License-Identifier: Apache-2.0 */
#include "ttest.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct ttest_platform *plat;
static const char *filter;
static const char *prefix;
static const char *cur_name;
static bool cur_failed;
static const char *cur_skip;
static unsigned n_pass, n_fail, n_skip;

void ttest_init(const struct ttest_platform *platform)
{
	plat = platform;
}

static void vprint(const char *fmt, va_list ap)
{
	char line[256];

	(void)vsnprintf(line, sizeof(line), fmt, ap);
	plat->print(line);
}

void ttest_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void ttest_set_prefix(const char *p)
{
	prefix = p;
}

static void print_verdict(const char *verdict, const char *tail)
{
	ttest_printf("%s %s%s%s%s\n", verdict, prefix != NULL ? prefix : "",
		     prefix != NULL ? ": " : "", cur_name, tail);
}

void ttest_set_filter(const char *substring)
{
	filter = substring;
}

/* A case an ASSERT_* left (a return before ttest_end()) is closed, and
 * its failure counted, by the next ttest_begin() or by ttest_summary(). */
static void close_open_case(void)
{
	if (cur_name != NULL) {
		ttest_end();
	}
}

bool ttest_begin(const char *name)
{
	close_open_case();
	if (filter != NULL && strstr(name, filter) == NULL) {
		return false;
	}
	cur_name = name;
	cur_failed = false;
	cur_skip = NULL;
	return true;
}

void ttest_skip(const char *reason)
{
	cur_skip = reason;
}

bool ttest_skipped(void)
{
	return cur_skip != NULL;
}

bool ttest_failed(void)
{
	return cur_failed;
}

void ttest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	const char *base = strrchr(file, '/');

	/* Only the first failure of a case prints its header. */
	if (!cur_failed) {
		print_verdict("FAIL", "");
	}
	cur_failed = true;
	ttest_printf("     %s:%d: ", base != NULL ? base + 1 : file, line);
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	plat->print("\n");
}

void ttest_end(void)
{
	if (cur_failed) {
		n_fail++;
	} else if (cur_skip != NULL) {
		n_skip++;
		ttest_printf("SKIP %s%s%s: %s\n", prefix != NULL ? prefix : "",
			     prefix != NULL ? ": " : "", cur_name, cur_skip);
	} else {
		n_pass++;
		print_verdict("PASS", "");
	}
	cur_name = NULL;
}

int ttest_summary(const char *suite)
{
	close_open_case();
	if (n_pass + n_fail + n_skip == 0u) {
		/* A filter that matches nothing must not look like a pass. */
		ttest_printf("FAIL %s: no case ran (does the name filter match any case?)\n", suite);
		n_fail = 1u;
	}
	ttest_printf("%s: %u passed, %u failed, %u skipped\n", suite, n_pass, n_fail, n_skip);
	return (int)n_fail;
}

void ttest_counts(unsigned *passed, unsigned *failed, unsigned *skipped)
{
	*passed = n_pass;
	*failed = n_fail;
	*skipped = n_skip;
}

uint32_t ttest_now_ms(void)
{
	return plat->now_ms();
}

bool ttest_wait(bool (*pred)(void *arg), void *arg, uint32_t timeout_ms)
{
	uint32_t start = plat->now_ms();

	for (;;) {
		if (pred(arg)) {
			return true;
		}
		if ((uint32_t)(plat->now_ms() - start) >= timeout_ms) {
			return pred(arg);
		}
		plat->relax();
	}
}

void ttest_sleep_ms(uint32_t ms)
{
	uint32_t start = plat->now_ms();

	while ((uint32_t)(plat->now_ms() - start) < ms) {
		plat->relax();
	}
}
