/* SPDX-License-Identifier: Apache-2.0 */
#include "ordering.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma/dma_port.h"

#define ORD_ENTRIES 1024u
#define ORD_BYTES 64u

/* A write held in a buffer: the CPU's (on its way to memory) or a DMA
 * master's (not yet seen by the CPU). */
struct held {
	uint8_t *dst;
	uint8_t n;
	bool by_dma;
	uint8_t data[ORD_BYTES];
};

static struct held held[ORD_ENTRIES];
static unsigned nheld;
/* The bytes under the CPU's writes held when the last run started: what
 * that run reads there. */
static struct held stale[ORD_ENTRIES];
static unsigned nstale;
static bool weak;
static unsigned barriers;

static void commit(void)
{
	for (unsigned i = 0; i < nheld; i++) {
		memcpy(held[i].dst, held[i].data, held[i].n);
	}
	nheld = 0;
}

static void on_barrier(void)
{
	barriers++;
	commit();
}

void ord_set_weak(bool on)
{
	commit();
	nstale = 0;
	weak = on;
	dma_posix_set_barrier_hook(on ? on_barrier : NULL);
}

static void hold(void *dst, const void *src, size_t n, bool by_dma)
{
	for (size_t off = 0; off < n; off += ORD_BYTES) {
		size_t k = n - off < ORD_BYTES ? n - off : ORD_BYTES;

		if (nheld == ORD_ENTRIES) {
			fprintf(stderr, "ordering: more than %u writes held between barriers\n",
				ORD_ENTRIES);
			abort();
		}
		held[nheld].dst = (uint8_t *)dst + off;
		held[nheld].n = (uint8_t)k;
		held[nheld].by_dma = by_dma;
		memcpy(held[nheld].data, (const uint8_t *)src + off, k);
		nheld++;
	}
}

void ord_cpu_write(void *dst, const void *src, size_t n)
{
	if (weak) {
		hold(dst, src, n, false);
	} else {
		memcpy(dst, src, n);
	}
}

void ord_dma_write(void *dst, const void *src, size_t n)
{
	if (weak) {
		hold(dst, src, n, true);
	} else {
		memcpy(dst, src, n);
	}
}

void ord_dma_load(void)
{
	nstale = 0;
	for (unsigned i = 0; weak && i < nheld; i++) {
		if (!held[i].by_dma) {
			stale[nstale] = held[i];
			memcpy(stale[nstale].data, held[i].dst, held[i].n);
			nstale++;
		}
	}
}

/* Lay the entries of @p list that overlap [src, src + n) over @p dst. */
static void overlay(const struct held *list, unsigned count, bool by_dma, uint8_t *dst,
		    const void *src, size_t n)
{
	const uintptr_t lo = (uintptr_t)src;

	for (unsigned i = 0; i < count; i++) {
		if (list[i].by_dma != by_dma) {
			continue;
		}
		for (unsigned b = 0; b < list[i].n; b++) {
			const uintptr_t p = (uintptr_t)list[i].dst + b;

			if (p >= lo && p - lo < n) {
				dst[p - lo] = list[i].data[b];
			}
		}
	}
}

void ord_dma_read(void *dst, const void *src, size_t n)
{
	memcpy(dst, src, n);
	if (!weak) {
		return;
	}
	/* The run reads the old bytes under the CPU's writes held at its
	 * start, and the master sees its own writes, in order. */
	overlay(stale, nstale, false, dst, src, n);
	overlay(held, nheld, true, dst, src, n);
}

unsigned ord_barriers(void)
{
	return barriers;
}

long ord_first_difference(const void *a, const void *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (((const uint8_t *)a)[i] != ((const uint8_t *)b)[i]) {
			return (long)i;
		}
	}
	return -1;
}
