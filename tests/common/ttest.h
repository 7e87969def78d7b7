/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small test framework that runs on a host and on a microcontroller: no
 * heap, no host-only calls. The runner supplies output, a millisecond clock
 * and a relax function through struct ttest_platform.
 *
 * Output: one line per case ("PASS name", "FAIL name: file:line: what was
 * expected, what happened", "SKIP name: reason") and a closing line
 * "suite: N passed, N failed, N skipped".
 */
#ifndef TTEST_H_
#define TTEST_H_

#include <stdbool.h>
#include <stdint.h>

struct ttest_platform {
	/** Write a NUL-terminated string (no newline added). */
	void (*print)(const char *s);
	/** A monotonic millisecond clock. */
	uint32_t (*now_ms)(void);
	/** Let other threads/interrupts run while waiting. */
	void (*relax)(void);
};

void ttest_init(const struct ttest_platform *platform);
void ttest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** Start a case; returns false when a name filter excludes it. */
bool ttest_begin(const char *name);
/** End the current case and print its verdict. */
void ttest_end(void);
/** Mark the current case skipped (never counted as passed). */
void ttest_skip(const char *reason);
bool ttest_skipped(void);
/** Record a failure of the current case. */
void ttest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** True once the current case has failed. */
bool ttest_failed(void);

/** Print the closing line; returns the number of failed cases. */
int ttest_summary(const char *suite);
/** Totals so far. */
void ttest_counts(unsigned *passed, unsigned *failed, unsigned *skipped);

/** Print @p prefix and ": " before case names (NULL: none). */
void ttest_set_prefix(const char *prefix);

/** Only cases whose name contains @p substring run (NULL: all). */
void ttest_set_filter(const char *substring);

/** Poll @p pred until true or @p timeout_ms passes; true if it became true. */
bool ttest_wait(bool (*pred)(void *arg), void *arg, uint32_t timeout_ms);
/** Wait @p ms milliseconds (relaxing). */
void ttest_sleep_ms(uint32_t ms);
uint32_t ttest_now_ms(void);

#define TT_FAIL(...) ttest_fail(__FILE__, __LINE__, __VA_ARGS__)

/** Check equality of two integer expressions; on failure record and go on. */
#define EXPECT_EQ(expected, actual)                                                       \
	do {                                                                              \
		long long e_ = (long long)(expected);                                     \
		long long a_ = (long long)(actual);                                       \
		if (e_ != a_) {                                                           \
			TT_FAIL("%s: expected %lld, got %lld", #actual, e_, a_);          \
		}                                                                         \
	} while (0)

/** Like EXPECT_EQ but leaves the (void) test function on failure. */
#define ASSERT_EQ(expected, actual)                                                       \
	do {                                                                              \
		long long e_ = (long long)(expected);                                     \
		long long a_ = (long long)(actual);                                       \
		if (e_ != a_) {                                                           \
			TT_FAIL("%s: expected %lld, got %lld", #actual, e_, a_);          \
			return;                                                           \
		}                                                                         \
	} while (0)

#define EXPECT_TRUE(cond, ...)                                                            \
	do {                                                                              \
		if (!(cond)) {                                                            \
			TT_FAIL(__VA_ARGS__);                                             \
		}                                                                         \
	} while (0)

#define ASSERT_TRUE(cond, ...)                                                            \
	do {                                                                              \
		if (!(cond)) {                                                            \
			TT_FAIL(__VA_ARGS__);                                             \
			return;                                                           \
		}                                                                         \
	} while (0)

#endif /* TTEST_H_ */
