/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The classic UART receive ring with idle detection, on the emulated
 * controller and its emulated serial port:
 *
 *   - a cyclic peripheral-to-memory transfer fills a 64-byte ring forever;
 *   - half-complete and complete callbacks say a half of the ring is full;
 *   - between callbacks, the main loop watches dma_get_status()'s write
 *     position: when it has not moved for 3 ms (the line went idle) the
 *     bytes received so far are handled at once, not when a half fills;
 *   - the reader consumes from its read position up to the write position,
 *     across the ring's end.
 *
 * The stream is sent in two bursts with a pause between them; the example
 * prints what it received, checks it against what was sent, and writes the
 * DMA's timeline to uart_rx_ring.vcd (open it with GTKWave).
 *
 * With --virtual [file.vcd] the same program runs on an emulated controller
 * on virtual time: its clock and its waits are the controller's, so every
 * run prints the same lines and writes the same VCD file, byte for byte,
 * and the idle line is detected at a time it predicts to the nanosecond.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dma/dma_emul.h"
#include "dma/dma_emul_periph.h"
#include "dma/dma_emul_trace.h"

#define RING 64u
#define RX_LINE 1u
#define IDLE_MS 3u
#define LINE_NS 100000u /* a byte time at 10 KB/s */
#define BUS_NS 10u      /* the virtual controller: 10 ns per byte */

DMA_EMUL_TRACE_DEFINE(timeline, 8192);
/* The virtual-time twin of "dma_emul": 10 ns per byte. */
DMA_EMUL_VIRTUAL_DEFINE(vdma, "dma_emul_virtual", 8, 16, BUS_NS);

static uint8_t ring[RING];
static atomic_uint halves_filled;
/* The controller the example runs on, when it is on virtual time. */
static const struct device *virtual_dma;

static void on_rx(const struct device *dev, void *user_data, uint32_t ch, int status)
{
	(void)dev;
	(void)user_data;
	(void)ch;
	if (status == DMA_STATUS_HALF_COMPLETE || status == DMA_STATUS_COMPLETE) {
		atomic_fetch_add(&halves_filled, 1u); /* interrupt context: just note it */
	} else if (status < 0) {
		printf("[irq] receive error %d (overrun)\n", status);
	}
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	if (virtual_dma != NULL) {
		return dma_emul_now(virtual_dma) / 1000000u;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {0, (long)ms * 1000000L};

	if (virtual_dma != NULL) {
		(void)dma_emul_advance(virtual_dma, (uint64_t)ms * 1000000u);
		return;
	}
	nanosleep(&ts, NULL);
}

/* Consume ring[read_pos .. write_pos), wrapping; returns bytes taken. */
static size_t consume(uint32_t *read_pos, uint32_t write_pos, char *out, size_t room)
{
	size_t n = 0;

	while (*read_pos != write_pos && n < room) {
		out[n++] = (char)ring[*read_pos];
		*read_pos = (*read_pos + 1u) % RING;
	}
	return n;
}

int main(int argc, char **argv)
{
	const char *vcd_path = "uart_rx_ring.vcd";
	static const char part1[] = "Hello from the emulated UART! This line is longer than the ring, ";
	static const char part2[] = "and this one arrives after an idle pause.";
	static char received[256];
	static struct dma_emul_serial uart;
	const struct device *dma = device_get_binding("dma_emul");
	struct dma_block_config blk;
	struct dma_config cfg;
	uint32_t read_pos = 0, last_write = 0, seen_halves = 0;
	uint64_t last_move, start;
	size_t got = 0, expect = strlen(part1) + strlen(part2);
	bool sent2 = false;
	uint64_t sent2_ns = 0u, idle_seen_ns = 0u;
	int ch;
	FILE *vcd;

	if (argc > 1 && strcmp(argv[1], "--virtual") == 0) {
		dma = virtual_dma = &vdma;
		if (argc > 2) {
			vcd_path = argv[2];
		}
	}
	last_move = now_ms();
	if (dma == NULL || dma_emul_serial_init(&uart, 256, 1000000000u / LINE_NS) != 0 ||
	    dma_emul_attach(dma, RX_LINE, &uart.rx) != 0 || (ch = dma_request_channel(dma, NULL)) < 0) {
		return 1;
	}
	memset(&blk, 0, sizeof(blk));
	memset(&cfg, 0, sizeof(cfg));
	blk.dest_address = (uintptr_t)ring;
	blk.block_size = RING;
	blk.source_addr_adj = DMA_ADDR_ADJ_NO_CHANGE; /* the UART's data register */
	cfg.channel_direction = PERIPHERAL_TO_MEMORY;
	cfg.dma_slot = RX_LINE;
	cfg.source_data_size = 1;
	cfg.dest_data_size = 1;
	cfg.block_count = 1;
	cfg.head_block = &blk;
	cfg.cyclic = 1;
	cfg.half_complete_callback_en = 1;
	cfg.dma_callback = on_rx;

	dma_emul_trace_start(dma, &timeline);
	if (dma_config(dma, (uint32_t)ch, &cfg) != 0 || dma_start(dma, (uint32_t)ch) != 0) {
		return 1;
	}
	printf("UART RX ring: %u-byte ring, 10 KB/s line, idle after %u ms\n", RING, IDLE_MS);
	dma_emul_serial_feed(&uart, part1, strlen(part1));
	start = now_ms();
	while (got < expect && now_ms() - start < 3000u) {
		struct dma_status st;
		uint32_t halves;

		sleep_ms(1);
		halves = atomic_load(&halves_filled);
		dma_get_status(dma, (uint32_t)ch, &st);
		if (st.total_copied - got > RING) {
			printf("ring overrun: the DMA wrote over %llu unread bytes\n",
			       (unsigned long long)(st.total_copied - got - RING));
			break;
		}
		if (st.write_position != last_write) {
			last_write = st.write_position;
			last_move = now_ms();
		}
		if (halves != seen_halves) {
			size_t n = consume(&read_pos, st.write_position, &received[got], sizeof(received) - got);

			printf("  half of the ring filled: took %zu bytes\n", n);
			got += n;
			seen_halves = halves;
		} else if (read_pos != st.write_position && now_ms() - last_move >= IDLE_MS) {
			size_t n = consume(&read_pos, st.write_position, &received[got], sizeof(received) - got);

			printf("  line idle for %u ms: took %zu bytes\n", IDLE_MS, n);
			got += n;
			if (virtual_dma != NULL && sent2) {
				idle_seen_ns = dma_emul_now(virtual_dma);
			}
		}
		if (!sent2 && got == strlen(part1) && now_ms() - last_move >= IDLE_MS) {
			printf("  (the sender pauses, then sends the second burst)\n");
			sleep_ms(10);
			dma_emul_serial_feed(&uart, part2, strlen(part2));
			sent2 = true;
			sent2_ns = virtual_dma != NULL ? dma_emul_now(virtual_dma) : 0u;
		}
	}
	dma_stop(dma, (uint32_t)ch);
	dma_emul_trace_start(dma, NULL);
	received[got] = '\0';
	printf("received: \"%s\"\n", received);

	vcd = fopen(vcd_path, "w");
	if (vcd != NULL) {
		dma_emul_trace_write_vcd(&timeline, dma_core_ctrl(dma)->caps->channels, vcd);
		fclose(vcd);
		printf("timeline: %u events written to %s\n",
		       (unsigned)dma_emul_trace_count(&timeline, NULL), vcd_path);
	}
	if (got != expect || strncmp(received, part1, strlen(part1)) != 0 ||
	    strcmp(&received[strlen(part1)], part2) != 0) {
		printf("MISMATCH: expected \"%s%s\"\n", part1, part2);
		return 1;
	}
	if (virtual_dma != NULL) {
		/*
		 * On virtual time the idle detection happens at an exact time,
		 * from first principles: the second burst's last byte ends its
		 * frame LINE_NS * its length after the feed, the DMA has it in
		 * the ring one byte time of the bus later, the next 1 ms poll
		 * sees the ring move, and IDLE_MS polls later the line is idle.
		 */
		const uint64_t in_ring = sent2_ns + LINE_NS * strlen(part2) + BUS_NS;
		const uint64_t seen = (in_ring + 999999u) / 1000000u * 1000000u;
		const uint64_t expect_ns = seen + IDLE_MS * 1000000u;

		printf("idle detected at %llu ns (the last byte in the ring at %llu ns): %s\n",
		       (unsigned long long)idle_seen_ns, (unsigned long long)in_ring,
		       idle_seen_ns == expect_ns ? "as predicted" : "NOT as predicted");
		if (idle_seen_ns != expect_ns) {
			printf("MISMATCH: idle expected at %llu ns\n", (unsigned long long)expect_ns);
			return 1;
		}
	}
	printf("the stream came back intact\n");
	return 0;
}
