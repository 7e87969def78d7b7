/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The emulated controller against the best baseline in the same run:
 *
 *   throughput  bytes/s from dma_start to the completion callback, against
 *               memcpy of the same buffers, 64 B .. 16 MiB;
 *   latency     dma_config + dma_start of 64 bytes until the callback has
 *               woken the caller, against the bare hand-off the engine uses
 *               (post a semaphore to another thread, which copies 64 bytes
 *               and posts one back).
 *
 * Thread placement is fixed and the same for the DMA path and its baseline:
 * on a VM, waking a thread on another (idle) vCPU can cost tens of
 * microseconds, and left to the scheduler that cost lands on whichever path
 * it happens to pick. Latency is measured twice: everything on CPU 0, and
 * the engine (and the baseline's worker) on CPU 1 with the caller on CPU 0.
 * Throughput runs with the engine on CPU 1, as a DMA engine runs beside the
 * CPU.
 *
 * Every figure is the median of repeated runs, DMA and baseline runs
 * interleaved so that both see the same machine. Prints CSV rows:
 *   throughput,<bytes>,<dma B/s>,<memcpy B/s>
 *   latency-<placement>,64,<dma ns>,<hand-off ns>
 */
#define _GNU_SOURCE /* pthread_setaffinity_np, CPU_SET */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"

#define MAX_SIZE (16u * 1024u * 1024u)

static uint8_t *src, *dst;
static atomic_ullong done_ns;
static sem_t reply;
static pthread_t engine, worker;
static int ncpu;

static void pin(pthread_t t, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu < ncpu ? cpu : 0, &set);
	if (pthread_setaffinity_np(t, sizeof(set), &set) != 0) {
		fprintf(stderr, "cannot pin a thread to CPU %d\n", cpu);
		exit(1);
	}
}

/* Caller on CPU 0; engine and worker on @p other. */
static void place(int other)
{
	pin(pthread_self(), 0);
	pin(engine, other);
	pin(worker, other);
	sched_yield();
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : (x > y);
}

static uint64_t median(uint64_t *v, unsigned n)
{
	qsort(v, n, sizeof(v[0]), cmp_u64);
	return v[n / 2u];
}

/* Completion callback: timestamp first, then wake the waiter. */
static void on_done(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)dev;
	(void)ch;
	(void)status;
	atomic_store(&done_ns, now_ns());
	(void)user_data;
	sem_post(&reply);
}

static void setup(struct dma_config *cfg, struct dma_block_config *blk, uint32_t size, void *ud)
{
	memset(cfg, 0, sizeof(*cfg));
	memset(blk, 0, sizeof(*blk));
	blk->source_address = (uintptr_t)src;
	blk->dest_address = (uintptr_t)dst;
	blk->block_size = size;
	cfg->channel_direction = MEMORY_TO_MEMORY;
	cfg->source_data_size = 8;
	cfg->dest_data_size = 8;
	cfg->block_count = 1;
	cfg->head_block = blk;
	cfg->dma_callback = on_done;
	cfg->user_data = ud;
}

static void throughput(const struct device *dev, uint32_t ch)
{
	struct dma_config cfg;
	struct dma_block_config blk;

	for (uint32_t size = 64u; size <= MAX_SIZE; size *= 4u) {
		unsigned reps = size >= 4u * 1024u * 1024u ? 15u : (size >= 65536u ? 61u : 201u);
		uint64_t t_dma[201], t_cpy[201];

		setup(&cfg, &blk, size, &reply);
		if (dma_config(dev, ch, &cfg) != 0) {
			fprintf(stderr, "dma_config failed\n");
			exit(1);
		}
		for (unsigned r = 0; r < reps; r++) {
			uint64_t t0 = now_ns();

			if (dma_start(dev, ch) != 0) {
				fprintf(stderr, "dma_start failed\n");
				exit(1);
			}
			sem_wait(&reply); /* the callback time-stamped the end */
			t_dma[r] = atomic_load(&done_ns) - t0;

			t0 = now_ns();
			memcpy(dst, src, size);
			__asm__ volatile("" ::: "memory");
			t_cpy[r] = now_ns() - t0;
		}
		printf("throughput,%u,%.0f,%.0f\n", (unsigned)size,
		       (double)size * 1e9 / (double)median(t_dma, reps),
		       (double)size * 1e9 / (double)median(t_cpy, reps));
		fflush(stdout);
	}
}

/*
 * The bare hand-off, by the engine's own mechanism: a flag the worker polls
 * for DMA_EMUL_IDLE_POLL_US (yielding) before it sleeps on a semaphore; the
 * reply is the semaphore the DMA callback posts too.
 */
static sem_t request;
static atomic_uint pending;

static void *handoff_worker(void *arg)
{
	(void)arg;
	for (;;) {
		uint64_t until = now_ns() + (uint64_t)DMA_EMUL_IDLE_POLL_US * 1000u;

		while (atomic_exchange(&pending, 0u) == 0u) {
			if (now_ns() >= until) {
				sem_wait(&request);
				until = now_ns() + (uint64_t)DMA_EMUL_IDLE_POLL_US * 1000u;
				continue;
			}
			sched_yield();
		}
		memmove(dst, src, 64);
		sem_post(&reply);
	}
	return NULL;
}

static void handoff(void)
{
	atomic_store(&pending, 1u);
	sem_post(&request);
}

static void latency(const struct device *dev, uint32_t ch, const char *placement)
{
	enum { REPS = 2001 };
	static uint64_t t_dma[REPS], t_bare[REPS];
	struct dma_config cfg;
	struct dma_block_config blk;

	for (unsigned r = 0; r < REPS; r++) {
		uint64_t t0 = now_ns();

		setup(&cfg, &blk, 64, &reply);
		if (dma_config(dev, ch, &cfg) != 0 || dma_start(dev, ch) != 0) {
			fprintf(stderr, "dma_config/dma_start failed\n");
			exit(1);
		}
		sem_wait(&reply);
		t_dma[r] = now_ns() - t0;

		t0 = now_ns();
		handoff();
		sem_wait(&reply);
		t_bare[r] = now_ns() - t0;
	}
	printf("latency-%s,64,%llu,%llu\n", placement, (unsigned long long)median(t_dma, REPS),
	       (unsigned long long)median(t_bare, REPS));
}

int main(void)
{
	const struct device *dev = device_get_binding("dma_emul");
	int ch;

	if (dev == NULL || (ch = dma_request_channel(dev, NULL)) < 0) {
		fprintf(stderr, "no emulated controller\n");
		return 1;
	}
	src = aligned_alloc(64, MAX_SIZE);
	dst = aligned_alloc(64, MAX_SIZE);
	if (src == NULL || dst == NULL) {
		return 1;
	}
	memset(src, 0x5A, MAX_SIZE); /* fault every page in before timing */
	memset(dst, 0xA5, MAX_SIZE);
	sem_init(&reply, 0, 0);
	sem_init(&request, 0, 0);
	ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (dma_emul_engine_thread(dev, &engine) != 0 ||
	    pthread_create(&worker, NULL, handoff_worker, NULL) != 0) {
		return 1;
	}
	place(1);
	throughput(dev, (uint32_t)ch);
	place(0);
	latency(dev, (uint32_t)ch, "same-cpu");
	if (ncpu >= 2) {
		place(1);
		latency(dev, (uint32_t)ch, "engine-on-other-cpu");
	}
	return memcmp(src, dst, 64) == 0 ? 0 : 1;
}
