/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file
 * @brief Emulated peripherals for the emulated DMA controller (host).
 *
 * A peripheral is attached to a request line (dma_slot) of an emulated
 * controller. With hardware handshake (source_handshake/dest_handshake = 0)
 * the controller moves one burst only when the peripheral requests it: when
 * it can give (as a source) or take (as a destination) a whole burst.
 * The peripheral side uses its data register: the block's address on that
 * side is not used. With software handshake the controller does not wait
 * for requests, and the peripheral may overrun or underrun.
 *
 * Attach your own model by filling struct dma_emul_periph; two models are
 * provided: a FIFO serial port and a periodic sampler.
 */
#ifndef DMA_DMA_EMUL_PERIPH_H_
#define DMA_DMA_EMUL_PERIPH_H_

#include <pthread.h>
#include <stddef.h>

#include "dma/dma_emul.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief A peripheral as the emulated controller sees it. Called from the
 *        engine thread (wall-clock mode) or from dma_emul_advance()
 *        (virtual time); the model does its own locking.
 */
struct dma_emul_periph {
	/** Bytes the data register can give now (as a DMA source). */
	uint32_t (*readable)(struct dma_emul_periph *p);
	/** Bytes the data register can take now (as a DMA destination). */
	uint32_t (*writable)(struct dma_emul_periph *p);
	/** The controller reads @p n bytes from the data register. */
	void (*read)(struct dma_emul_periph *p, uint8_t *buf, uint32_t n);
	/** The controller writes @p n bytes to the data register. */
	void (*write)(struct dma_emul_periph *p, const uint8_t *buf, uint32_t n);
	/** A negative errno if the peripheral failed (overrun, underrun) since the
	 *  last call, else 0. */
	int (*take_error)(struct dma_emul_periph *p);
	/** Optional: called by dma_emul_attach() with the controller when it
	 *  runs on virtual time (the model then reads dma_emul_now(@p clock)),
	 *  or NULL for the wall clock. A model whose state depends on time
	 *  implements it; NULL: the model does not keep time. */
	void (*set_clock)(struct dma_emul_periph *p, const struct device *clock);
	/** Optional, for virtual time: when readable() / writable() next grow
	 *  by themselves (the next byte or sample arrives, a FIFO slot frees),
	 *  in the clock's nanoseconds, or UINT64_MAX if nothing will change
	 *  until the program acts. The controller then serves a channel that
	 *  waits for this peripheral at that exact time; NULL: at the next
	 *  dma_emul_advance() call. */
	uint64_t (*ready_at)(struct dma_emul_periph *p);
};

/**
 * @brief Attach @p p to request line @p slot of an emulated controller (NULL
 *        detaches). Configurations that name a line with nothing attached
 *        are refused with -EINVAL.
 * @param dev  An emulated controller.
 * @param slot Request line, 0..DMA_EMUL_REQUEST_LINES-1.
 * @param p    The peripheral (with readable and read, or writable and write,
 *             or all four), or NULL.
 * @retval 0 success. @retval -EINVAL bad argument (nothing changed).
 * @retval -EBUSY a running or suspended transfer uses the model on this
 *         line: stop it first (nothing changed).
 */
int dma_emul_attach(const struct device *dev, uint32_t slot, struct dma_emul_periph *p);

/** Bytes a serial port model keeps: its receive line and transmit output. */
#ifndef DMA_EMUL_SERIAL_BUFFER
#define DMA_EMUL_SERIAL_BUFFER 8192u
#endif

/** @brief A FIFO serial port (UART-like): RX and TX, each on its own request line. */
struct dma_emul_serial {
	/** Receive side: the DMA reads received bytes (attach as a source). */
	struct dma_emul_periph rx;
	/** Transmit side: the DMA writes bytes to send (attach as a destination). */
	struct dma_emul_periph tx;
	/** @cond INTERNAL_HIDDEN */
	pthread_mutex_t lock;
	uint32_t depth;
	uint64_t byte_ns;
	uint8_t line[DMA_EMUL_SERIAL_BUFFER]; /* fed by the test, arriving one byte per byte_ns */
	size_t line_head, line_len;
	uint64_t next_rx_ns;
	uint8_t rx_fifo[256];
	uint32_t rx_head, rx_count;
	uint8_t tx_fifo[256];
	uint32_t tx_head, tx_count;
	uint64_t next_tx_ns;
	uint8_t out[DMA_EMUL_SERIAL_BUFFER]; /* sent bytes, for the test */
	size_t out_head, out_len;
	int rx_error;
	uint64_t rx_bytes, overruns;
	const struct device *clock; /* a virtual-time controller, or NULL */
	/** @endcond */
};

/**
 * @brief Initialise a serial port model.
 * @param s                The port.
 * @param fifo_depth       Bytes in each FIFO (1..256).
 * @param bytes_per_second Line rate (bytes arrive and leave at this pace),
 *                         1..10^9 (a byte time is a whole nanosecond).
 * @retval 0 success. @retval -EINVAL bad argument, nothing changed.
 */
int dma_emul_serial_init(struct dma_emul_serial *s, uint32_t fifo_depth, uint32_t bytes_per_second);

/**
 * @brief Send bytes to the port from the outside: they arrive in its RX FIFO
 *        at the line rate, each when its frame ends (on an idle line, byte
 *        k of the feed at feed time + (k + 1) byte times); a byte arriving at
 *        a full FIFO is lost (overrun, reported to the DMA transfer reading
 *        it as -EIO).
 * @param s    The port.
 * @param data Bytes.
 * @param n    How many.
 * @return Bytes accepted (the line buffer holds DMA_EMUL_SERIAL_BUFFER).
 */
size_t dma_emul_serial_feed(struct dma_emul_serial *s, const void *data, size_t n);

/**
 * @brief Take bytes the port has sent (written by the DMA to TX, drained at
 *        the line rate: a byte written to an idle transmitter is sent one
 *        byte time later).
 * @param s   The port.
 * @param buf Destination.
 * @param max Room in @p buf.
 * @return Bytes copied.
 */
size_t dma_emul_serial_take_tx(struct dma_emul_serial *s, void *buf, size_t max);

/**
 * @brief Bytes received so far and overruns.
 * @param s        The port.
 * @param received Bytes that reached the RX FIFO (may be NULL).
 * @param overruns Bytes lost to a full FIFO (may be NULL).
 */
void dma_emul_serial_counts(struct dma_emul_serial *s, uint64_t *received, uint64_t *overruns);

/**
 * @brief A periodic sampler (ADC-like): 16-bit samples 0, 1, 2, ... produced
 *        at a fixed rate into a FIFO; a sample produced when the FIFO is full
 *        is lost (overrun, -EIO).
 */
struct dma_emul_sampler {
	/** The data register (attach as a source). */
	struct dma_emul_periph periph;
	/** @cond INTERNAL_HIDDEN */
	pthread_mutex_t lock;
	uint64_t start_ns, period_ns;
	uint64_t produced, consumed, lost;
	uint32_t depth;
	int error;
	bool running;
	const struct device *clock; /* a virtual-time controller, or NULL */
	/** @endcond */
};

/**
 * @brief Initialise a sampler.
 * @param s                  The sampler.
 * @param fifo_samples       FIFO depth in samples (1..1024).
 * @param samples_per_second Rate, 1..10^9 (a sample period is a whole
 *                           nanosecond).
 * @retval 0 success. @retval -EINVAL bad argument, nothing changed.
 */
int dma_emul_sampler_init(struct dma_emul_sampler *s, uint32_t fifo_samples,
			  uint32_t samples_per_second);

/**
 * @brief Start producing samples (the count starts at 0).
 * @param s The sampler.
 */
void dma_emul_sampler_start(struct dma_emul_sampler *s);

#ifdef __cplusplus
}
#endif

#endif /* DMA_DMA_EMUL_PERIPH_H_ */
