/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Test-only stand-ins for the few Zephyr kernel calls the application below
 * uses (k_sem, k_sleep, printk, __aligned). They are not part of the DMA API
 * and not part of the library.
 */
#ifndef ZEPHYR_KERNEL_SHIM_H_
#define ZEPHYR_KERNEL_SHIM_H_

#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

#define printk printf
#define __aligned(x) __attribute__((aligned(x)))

typedef struct {
	int ms;
} k_timeout_t;
#define K_MSEC(ms) ((k_timeout_t){(ms)})

struct k_sem {
	sem_t s;
};

static inline void k_sem_init(struct k_sem *sem, unsigned initial, unsigned limit)
{
	(void)limit;
	sem_init(&sem->s, 0, initial);
}

static inline void k_sem_give(struct k_sem *sem)
{
	sem_post(&sem->s);
}

static inline int k_sem_take(struct k_sem *sem, k_timeout_t t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += t.ms / 1000;
	ts.tv_nsec += (long)(t.ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	while (sem_timedwait(&sem->s, &ts) != 0) {
		if (errno != EINTR) {
			return -EAGAIN;
		}
	}
	return 0;
}

static inline void k_sleep(k_timeout_t t)
{
	struct timespec ts = {t.ms / 1000, (long)(t.ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

#endif /* ZEPHYR_KERNEL_SHIM_H_ */
