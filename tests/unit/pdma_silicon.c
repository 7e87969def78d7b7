/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Behavioural model of the SiFive Platform DMA Engine (PDMA) of the
 * FU540-C000 and FU740-C000, written from the chapter "Platform DMA Engine
 * (PDMA)" of SiFive's FU540-C000 Manual and FU740-C000 Manual ("the
 * manual"). The quotations below are checked against the text of that
 * chapter as Microchip's PolarFire SoC MSS Technical Reference Manual
 * (DS60001702, "DMA Engine") reproduces it for the same IP block
 * ("sifive,pdma0"), the SiFive PDFs themselves not being at hand; the
 * register map, bits and sentences are the same. See pdma_silicon.h for the
 * API.
 *
 * What the manual says, and where the model follows it:
 *  - Memory map: 4 channels, channel n at base + 0x1000 * n; Control
 *    0x000 (RW), NextConfig 0x004 (RW), NextBytes 0x008, NextDestination
 *    0x010, NextSource 0x018 (RW, 8 bytes), ExecConfig 0x104, ExecBytes
 *    0x108, ExecDestination 0x110, ExecSource 0x118 (read-only).
 *  - Control.claim: "Indicates that the channel is in use. Setting this bit
 *    clears all of the channel's Next registers (NextConfig, NextBytes,
 *    NextDestination, and NextSource). This bit can only be cleared when run
 *    is low." (The manual writes "run (CR bit 0)"; run is bit 1 in the same
 *    table: the model reads it as the run bit.)  -> control_write()
 *  - Control.run: "Setting this bit starts a DMA transfer by copying the Next
 *    registers into their Exec counterparts."  -> load_exec()
 *  - doneIE / errorIE trigger the channel's Done / Error interrupt "once a
 *    transfer is complete" / "upon receiving a bus error"; done / error (RW)
 *    indicate that a transfer has completed / an error has occurred "since the
 *    channel was claimed". Two interrupt lines per channel. -> the lines are
 *    level: done && doneIE, error && errorIE (pdma_si_done_irq/error_irq).
 *  - NextConfig: wsize [27:24], rsize [31:28] (WARL, log2 of the transaction
 *    size; "an upper bound of 64B on a transaction size"); they "determine the
 *    size and alignment of individual DMA transactions as a single DMA
 *    transfer may require multiple transactions". repeat [2]: "If set, the
 *    Exec registers are reloaded from the Next registers once a transfer is
 *    complete. The repeat bit must be cleared by software for the sequence to
 *    stop." "The Control.run bit remains set during repeated transactions so
 *    that the channel can not be claimed. To stop repeating transfers, a
 *    master can monitor the channel's Done interrupt and lower the repeat bit
 *    accordingly." order [3]: "only allowing one of each transfer type
 *    in-flight at a time".
 *  - NextBytes: "a WARL register with a maximum count that can be much smaller
 *    than the physical address size of the machine".
 *  - Exec registers: read-only, "initialized when the Control.run bit is set";
 *    ExecBytes "the number of bytes remaining in a transfer", ExecSource /
 *    ExecDestination "the current source / destination address".
 *
 * Choices where the manual is silent (each one is repeated where it is
 * implemented):
 *  - Claiming is the 0 -> 1 edge of claim: writing claim = 1 to a channel
 *    already claimed clears nothing (otherwise the documented write of
 *    claim|run would clear the Next registers it is about to copy). The claim
 *    edge also clears done and error ("since the channel was claimed").
 *  - "claim can only be cleared when run is low" uses run as it was before
 *    the write: writing 0 to a running channel stops it (run cleared) and
 *    leaves it claimed; a second write of 0 releases it.
 *  - run is set only on a channel that was claimed before the write and stays
 *    claimed: run on an unclaimed channel, or claim|run written together to
 *    an unclaimed channel (which claims it), leaves run clear, moves nothing,
 *    and is a misuse. A transfer starts on the 0 -> 1 edge of run; writing
 *    run = 1 to a running channel does not restart it.
 *  - A transfer ends (done set) at the transaction that moves its last byte;
 *    run is then cleared by the engine (the manual's "remains set during
 *    repeated transactions" implies it is cleared otherwise). A zero-byte run
 *    completes at its first pdma_si_step(), which moves nothing and sets done.
 *  - The repeat decision at the end of a transfer uses NextConfig.repeat (the
 *    bit the manual describes): repeat cleared while lap k runs makes lap k
 *    the last; cleared from lap k's done interrupt (lap k + 1 is already
 *    loaded by then), it makes lap k + 1 the last. Every lap sets done.
 *  - Clearing run stops the transfer at a transaction boundary (a transaction
 *    is atomic in the model): the Exec registers keep the residue and the
 *    current addresses, done is not set, no interrupt. Setting run again
 *    starts afresh from the Next registers (no resume).
 *  - A bus error (an unmapped address or an injected error) on the read or on
 *    the write of a transaction sets error, clears run (the transfer stops;
 *    done is not set) and leaves the Exec registers at the failed transaction:
 *    ExecBytes counts its bytes as not transferred. A failed read writes
 *    nothing; a failed write writes nothing of that transaction.
 *  - Transactions are naturally aligned powers of two (TileLink): each one is
 *    the largest power of two that is at most min(2^rsize, 2^wsize) and the
 *    bytes remaining, with both ExecSource and ExecDestination aligned to it.
 *    So a length that is not a multiple of the size ends with smaller
 *    transactions (100 bytes at 64: 64, 32, 4), an unaligned start begins with
 *    smaller ones, and addresses misaligned to each other move byte by byte.
 *    With wsize != rsize the smaller size governs both the read and the write
 *    (never larger than either setting; the data are the same as with a
 *    buffering engine).
 *  - wsize/rsize above 6 read back as 6 (WARL: the legal maximum, 64 bytes).
 *    Reserved bits of Control and NextConfig read as 0; writing 1 to them is a
 *    misuse. order is stored and copied to ExecConfig; it has no visible
 *    effect because each transaction completes before the next one starts.
 *  - NextBytes keeps all 64 bits unless a test narrows it
 *    (pdma_si_set_bytes_bits()): the unimplemented high bits read 0.
 *  - Exec registers read 0 before the first run, count down during a run, and
 *    after it keep their last values (ExecBytes 0 and the end addresses after
 *    completion). Claiming does not touch them.
 *  - done and error are RW as the manual's table says: software writes them
 *    with every Control write (a write with done = 0 clears it and lowers the
 *    line; a write with done = 1 keeps or sets it).
 *  - Next registers written while run is set take effect (they are copied
 *    only at the next run edge or repeat reload) but are a misuse, except a
 *    NextConfig write that changes only repeat (the manual's way to stop a
 *    repeating channel). Next registers written on an unclaimed channel are a
 *    misuse (claiming will clear them). A write to an Exec register is
 *    ignored and is a misuse.
 *
 * No heap: all state is static. Not thread-safe.
 */
#include "pdma_silicon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma/dma_mmio.h"
#include "ordering.h"

#define NCH PDMA_SI_CHANNELS
#define STRIDE PDMA_SI_CHANNEL_STRIDE
#define WINDOW (NCH * STRIDE)
#define MAX_MAPS 32u
#define MAX_ERRS 16u
#define MAX_TXN (1u << PDMA_SI_SIZE_MAX_LOG2)

/* Control: the implemented bits (claim [0], run [1], doneIE [14], errorIE
 * [15], done [30], error [31]); the others are reserved. */
#define CTRL_BITS                                                                         \
	(PDMA_SI_CLAIM | PDMA_SI_RUN | PDMA_SI_DONEIE | PDMA_SI_ERRIE | PDMA_SI_DONE |     \
	 PDMA_SI_ERROR)
/* NextConfig: repeat [2], order [3], wsize [27:24], rsize [31:28]. */
#define SIZE_FIELD 0xFu
#define CFG_BITS                                                                          \
	(PDMA_SI_REPEAT | PDMA_SI_ORDER | SIZE_FIELD << PDMA_SI_WSIZE_SHIFT |               \
	 SIZE_FIELD << PDMA_SI_RSIZE_SHIFT)

struct chan {
	uint32_t control;
	uint32_t next_config;
	uint64_t next_bytes, next_dst, next_src;
	uint32_t exec_config;
	uint64_t exec_bytes, exec_dst, exec_src;
	uint64_t rd, wr;
	unsigned runs;
	/* Halting: run cleared by software, the transaction in flight not yet
	 * complete; run reads 1 for this many more reads of Control. */
	unsigned long halting;
	/* The lag the next software clear of run takes (pdma_si_set_halt_lag). */
	unsigned long lag_next;
};

struct map {
	uint64_t bus;
	uint8_t *host;
	size_t len;
};

struct err {
	uint64_t bus, len;
	bool reads, writes;
};

static struct {
	bool up;
	uintptr_t base;
	struct chan ch[NCH];
	uint64_t bytes_mask; /* implemented bits of NextBytes */
	struct map maps[MAX_MAPS];
	unsigned nmaps;
	struct err errs[MAX_ERRS];
	unsigned nerrs;
	void (*hook)(unsigned ch, uint32_t off, bool write, void *arg);
	void *hook_arg;
	bool in_hook;
	unsigned rr; /* the channel pdma_si_run() serves first */
	unsigned long misuses;
	bool verbose;
	char what[240];
} si;

/* ------------------------------------------------------------------ misuse */

__attribute__((format(printf, 1, 2))) static void misuse(const char *fmt, ...)
{
	char msg[sizeof(si.what)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (si.misuses++ == 0u)
		memcpy(si.what, msg, sizeof(msg));
	if (si.verbose)
		fprintf(stderr, "pdma-silicon: misuse: %s\n", msg);
}

static void die(const char *what, unsigned long long v)
{
	fprintf(stderr, "pdma-silicon: %s (%llu)\n", what, v);
	abort();
}

static struct chan *chan_of(unsigned n)
{
	if (!si.up || n >= NCH)
		die("no such channel (or pdma_si_reset not called)", n);
	return &si.ch[n];
}

/* ---------------------------------------------------------------- the bus */

static const struct map *bus_find(uint64_t addr, uint64_t len)
{
	for (unsigned i = si.nmaps; i-- > 0;) {
		const struct map *m = &si.maps[i];

		if (addr >= m->bus && addr - m->bus <= m->len && len <= m->len - (addr - m->bus))
			return m;
	}
	return NULL;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	if (alen == 0u || blen == 0u)
		return false;
	return a >= b ? a - b < blen : b - a < alen;
}

static bool bus_armed(uint64_t addr, uint64_t len, bool write)
{
	for (unsigned i = 0; i < si.nerrs; i++) {
		const struct err *e = &si.errs[i];

		if ((write ? e->writes : e->reads) && overlaps(addr, len, e->bus, e->len))
			return true;
	}
	return false;
}

/* Does a transaction on [addr, addr+len) get a good response? */
static bool bus_ok(uint64_t addr, unsigned len, bool write)
{
	return bus_find(addr, len) != NULL && !bus_armed(addr, len, write);
}

static void bus_copy(uint64_t addr, uint8_t *buf, unsigned len, bool write)
{
	const struct map *m = bus_find(addr, len);

	if (write)
		ord_dma_write(m->host + (addr - m->bus), buf, len);
	else
		ord_dma_read(buf, m->host + (addr - m->bus), len);
}

/* ---------------------------------------------------------------- engine */

static bool running(const struct chan *c)
{
	return (c->control & PDMA_SI_RUN) != 0u;
}

static unsigned cfg_wsize(uint32_t cfg)
{
	return (cfg >> PDMA_SI_WSIZE_SHIFT) & SIZE_FIELD;
}

static unsigned cfg_rsize(uint32_t cfg)
{
	return (cfg >> PDMA_SI_RSIZE_SHIFT) & SIZE_FIELD;
}

/* NextConfig as the WARL fields hold a write: reserved bits 0, sizes above
 * the 64-byte bound read back as the bound. */
static uint32_t cfg_legal(uint32_t v)
{
	unsigned w = cfg_wsize(v), r = cfg_rsize(v);

	if (w > PDMA_SI_SIZE_MAX_LOG2)
		w = PDMA_SI_SIZE_MAX_LOG2;
	if (r > PDMA_SI_SIZE_MAX_LOG2)
		r = PDMA_SI_SIZE_MAX_LOG2;
	return (v & (PDMA_SI_REPEAT | PDMA_SI_ORDER)) | PDMA_SI_WSIZE(w) | PDMA_SI_RSIZE(r);
}

/* Control.run set, or a repeat reload: "the Next registers are copied into
 * their Exec counterparts" and a transfer begins. */
static void load_exec(struct chan *c)
{
	c->exec_config = c->next_config;
	c->exec_bytes = c->next_bytes;
	c->exec_dst = c->next_dst;
	c->exec_src = c->next_src;
	c->runs++;
}

/* The transfer has moved its last byte (or had none): done is set; with
 * NextConfig.repeat the Exec registers are reloaded from Next at once and run
 * stays set, otherwise the engine clears run. Choice: the repeat decision
 * uses NextConfig.repeat, the bit the manual describes ("If set, the Exec
 * registers are reloaded from the Next registers once a transfer is
 * complete"). */
static void transfer_complete(struct chan *c)
{
	c->control |= PDMA_SI_DONE;
	if (c->next_config & PDMA_SI_REPEAT)
		load_exec(c);
	else
		c->control &= ~PDMA_SI_RUN;
}

/* A bus error: error is set and the transfer stops (run cleared, done not
 * set). Choice: the Exec registers stay at the failed transaction, whose
 * bytes ExecBytes still counts. */
static void transfer_error(struct chan *c)
{
	c->control |= PDMA_SI_ERROR;
	c->control &= ~PDMA_SI_RUN;
}

/*
 * The next transaction's length. Choice (the manual only says that wsize and
 * rsize "determine the size and alignment of individual DMA transactions"):
 * TileLink transactions are naturally aligned powers of two, so the length is
 * the largest power of two that is at most min(2^rsize, 2^wsize) and the bytes
 * remaining, with ExecSource and ExecDestination both aligned to it.
 */
static unsigned txn_len(const struct chan *c)
{
	unsigned w = cfg_wsize(c->exec_config), r = cfg_rsize(c->exec_config);
	unsigned len = 1u << (w < r ? w : r);

	while (len > 1u && (len > c->exec_bytes || (c->exec_src & (len - 1u)) ||
			    (c->exec_dst & (len - 1u))))
		len >>= 1;
	return len;
}

unsigned pdma_si_step(unsigned ch)
{
	struct chan *c = chan_of(ch);
	uint8_t buf[MAX_TXN];
	unsigned len;

	if (!running(c) || c->halting != 0u)
		return 0;
	if (c->exec_bytes == 0u) {
		/* Choice: a zero-byte run completes (done set) at its first step,
		 * with no bus access. */
		transfer_complete(c);
		return 1;
	}
	len = txn_len(c);
	/* The read transaction, then the write transaction. */
	if (!bus_ok(c->exec_src, len, false)) {
		transfer_error(c);
		return 0;
	}
	bus_copy(c->exec_src, buf, len, false);
	c->rd += len;
	if (!bus_ok(c->exec_dst, len, true)) {
		transfer_error(c);
		return 0;
	}
	bus_copy(c->exec_dst, buf, len, true);
	c->wr += len;
	c->exec_src += len;
	c->exec_dst += len;
	c->exec_bytes -= len;
	if (c->exec_bytes == 0u)
		transfer_complete(c);
	return 1;
}

unsigned pdma_si_run(unsigned max)
{
	unsigned done = 0;
	bool progress = true;

	if (!si.up)
		die("pdma_si_run before pdma_si_reset", 0);
	while (done < max && progress) {
		progress = false;
		for (unsigned k = 0; k < NCH && done < max; k++) {
			if (pdma_si_step((si.rr + k) % NCH)) {
				done++;
				progress = true;
			}
		}
		si.rr = (si.rr + 1u) % NCH;
	}
	return done;
}

/* --------------------------------------------------------------- registers */

static void set_half(uint64_t *r, bool high, uint32_t v)
{
	if (high)
		*r = (*r & 0xFFFFFFFFull) | (uint64_t)v << 32;
	else
		*r = (*r & 0xFFFFFFFF00000000ull) | v;
}

static uint32_t get_half(uint64_t r, bool high)
{
	return (uint32_t)(high ? r >> 32 : r);
}

/*
 * Control write. Choices: claiming is the 0 -> 1 edge of claim (it clears the
 * Next registers, and done and error: "since the channel was claimed"); claim
 * can be cleared only if run was low before this write; run can be set only
 * on a channel claimed before the write that stays claimed, and a transfer
 * starts on the 0 -> 1 edge of run.
 */
static void control_write(unsigned n, struct chan *c, uint32_t v)
{
	bool was_claimed = (c->control & PDMA_SI_CLAIM) != 0u;
	bool was_running = running(c);
	bool claim = (v & PDMA_SI_CLAIM) != 0u;
	bool run = (v & PDMA_SI_RUN) != 0u;
	uint32_t keep = v & (PDMA_SI_DONEIE | PDMA_SI_ERRIE | PDMA_SI_DONE | PDMA_SI_ERROR);

	if (v & ~CTRL_BITS)
		misuse("channel %u: Control 0x%08X sets reserved bits (0x%08X)", n, (unsigned)v,
		       (unsigned)(v & ~CTRL_BITS));
	if (!claim && was_running)
		claim = true; /* "can only be cleared when run is low" */
	if (claim && !was_claimed) {
		c->next_config = 0;
		c->next_bytes = 0;
		c->next_dst = 0;
		c->next_src = 0;
		keep &= ~(PDMA_SI_DONE | PDMA_SI_ERROR);
	}
	if (run && !(was_claimed && claim)) {
		misuse("channel %u: Control 0x%08X sets run on a channel that is not claimed "
		       "(claim first, then program Next, then run); run stays clear",
		       n, (unsigned)v);
		run = false;
	}
	if (c->halting != 0u) {
		/* Still finishing the transaction in flight: run stays. */
		c->control = keep | PDMA_SI_CLAIM | PDMA_SI_RUN;
		return;
	}
	if (was_running && !run && c->lag_next != 0u) {
		/* The engine stops at a transaction boundary: the one in
		 * flight completes first (pdma_si_set_halt_lag). */
		c->halting = c->lag_next;
		c->lag_next = 0u;
		c->control = keep | PDMA_SI_CLAIM | PDMA_SI_RUN;
		return;
	}
	c->control = keep | (claim ? PDMA_SI_CLAIM : 0u) | (run ? PDMA_SI_RUN : 0u);
	if (run && !was_running) {
		ord_dma_load();
		load_exec(c);
	}
}

/* A driver read of Control: time passes for a halting channel; at the end
 * of its lag the transaction in flight completes (it may end the run, or
 * fail), and run clears. */
static void halt_tick(unsigned n, struct chan *c)
{
	if (c->halting == 0u || --c->halting != 0u)
		return;
	(void)pdma_si_step(n);
	c->control &= ~PDMA_SI_RUN;
}

static const char *next_name(uint32_t off)
{
	switch (off & ~7u) {
	case PDMA_SI_NEXT_BYTES: return "NextBytes";
	case PDMA_SI_NEXT_DEST: return "NextDestination";
	default: return "NextSource";
	}
}

/* A Next register write: checks (misuse), then it takes effect. */
static void next_write(unsigned n, struct chan *c, uint32_t off, uint32_t v)
{
	bool high = (off & 4u) != 0u;

	if (!(c->control & PDMA_SI_CLAIM))
		misuse("channel %u: %s written on an unclaimed channel (claiming clears the "
		       "Next registers)", n, off == PDMA_SI_NEXT_CONFIG ? "NextConfig" : next_name(off));
	if (off == PDMA_SI_NEXT_CONFIG) {
		uint32_t legal = cfg_legal(v);

		if (v & ~CFG_BITS)
			misuse("channel %u: NextConfig 0x%08X sets reserved bits (0x%08X)", n,
			       (unsigned)v, (unsigned)(v & ~CFG_BITS));
		/* Lowering (or raising) repeat while running is the manual's way
		 * to stop a repeating channel; any other change is a misuse. */
		if (running(c) && ((legal ^ c->next_config) & ~PDMA_SI_REPEAT))
			misuse("channel %u: NextConfig changed (0x%08X -> 0x%08X) while the "
			       "channel runs (only repeat may change)", n,
			       (unsigned)c->next_config, (unsigned)legal);
		c->next_config = legal;
		return;
	}
	if (running(c))
		misuse("channel %u: %s written while the channel runs (a repeat reload may "
		       "copy it half-written)", n, next_name(off));
	switch (off & ~7u) {
	case PDMA_SI_NEXT_BYTES:
		set_half(&c->next_bytes, high, v);
		c->next_bytes &= si.bytes_mask;
		break;
	case PDMA_SI_NEXT_DEST:
		set_half(&c->next_dst, high, v);
		break;
	default:
		set_half(&c->next_src, high, v);
		break;
	}
}

/* Which register @p off (within a channel, 4-aligned) is: 0 reserved,
 * 1 writable, 2 read-only. */
static unsigned reg_kind(uint32_t off)
{
	switch (off) {
	case PDMA_SI_CONTROL:
	case PDMA_SI_NEXT_CONFIG:
	case PDMA_SI_NEXT_BYTES:
	case PDMA_SI_NEXT_BYTES + 4u:
	case PDMA_SI_NEXT_DEST:
	case PDMA_SI_NEXT_DEST + 4u:
	case PDMA_SI_NEXT_SOURCE:
	case PDMA_SI_NEXT_SOURCE + 4u:
		return 1;
	case PDMA_SI_EXEC_CONFIG:
	case PDMA_SI_EXEC_BYTES:
	case PDMA_SI_EXEC_BYTES + 4u:
	case PDMA_SI_EXEC_DEST:
	case PDMA_SI_EXEC_DEST + 4u:
	case PDMA_SI_EXEC_SOURCE:
	case PDMA_SI_EXEC_SOURCE + 4u:
		return 2;
	default:
		return 0;
	}
}

static uint32_t reg_read(const struct chan *c, uint32_t off)
{
	bool high = (off & 4u) != 0u;

	switch (off) {
	case PDMA_SI_CONTROL: return c->control;
	case PDMA_SI_NEXT_CONFIG: return c->next_config;
	case PDMA_SI_EXEC_CONFIG: return c->exec_config;
	default: break;
	}
	switch (off & ~7u) {
	case PDMA_SI_NEXT_BYTES: return get_half(c->next_bytes, high);
	case PDMA_SI_NEXT_DEST: return get_half(c->next_dst, high);
	case PDMA_SI_NEXT_SOURCE: return get_half(c->next_src, high);
	case PDMA_SI_EXEC_BYTES: return get_half(c->exec_bytes, high);
	case PDMA_SI_EXEC_DEST: return get_half(c->exec_dst, high);
	case PDMA_SI_EXEC_SOURCE: return get_half(c->exec_src, high);
	default: return 0;
	}
}

/* ------------------------------------------------------------ mmio entry */

/* Decode @p addr into channel and offset; false (a misuse) outside the window. */
/* A window where nothing answers (pdma_si_add_absent): reads 0, writes are lost. */
static uintptr_t absent_base;

static bool decode(uintptr_t addr, bool write, unsigned *ch, uint32_t *off)
{
	if (absent_base != 0u && addr >= absent_base && addr - absent_base < WINDOW)
		return false;
	if (!si.up || addr < si.base || addr - si.base >= WINDOW) {
		misuse("register %s at %#lx, outside the PDMA's window (4 channels x 0x1000)",
		       write ? "write" : "read", (unsigned long)addr);
		return false;
	}
	*ch = (unsigned)((addr - si.base) / STRIDE);
	*off = (uint32_t)((addr - si.base) % STRIDE);
	return true;
}

static void access_hook(unsigned ch, uint32_t off, bool write)
{
	if (si.in_hook || !si.hook)
		return;
	si.in_hook = true;
	si.hook(ch, off, write, si.hook_arg);
	si.in_hook = false;
}

uint32_t dma_mmio_read32(uintptr_t addr)
{
	unsigned ch;
	uint32_t off;

	if (!decode(addr, false, &ch, &off))
		return 0;
	access_hook(ch, off, false);
	if (off & 3u) {
		misuse("channel %u: unaligned register read at offset 0x%03X", ch, (unsigned)off);
		return 0;
	}
	if (reg_kind(off) == 0u) {
		misuse("channel %u: read of reserved offset 0x%03X", ch, (unsigned)off);
		return 0;
	}
	if (off == PDMA_SI_CONTROL)
		halt_tick(ch, &si.ch[ch]);
	return reg_read(&si.ch[ch], off);
}

void pdma_si_set_halt_lag(unsigned ch, unsigned long reads)
{
	chan_of(ch)->lag_next = reads;
}

void dma_mmio_write32(uintptr_t addr, uint32_t value)
{
	unsigned ch;
	uint32_t off;
	struct chan *c;

	if (!decode(addr, true, &ch, &off))
		return;
	access_hook(ch, off, true);
	c = &si.ch[ch];
	if (off & 3u) {
		misuse("channel %u: unaligned register write at offset 0x%03X", ch, (unsigned)off);
		return;
	}
	switch (reg_kind(off)) {
	case 0:
		misuse("channel %u: write 0x%08X to reserved offset 0x%03X", ch, (unsigned)value,
		       (unsigned)off);
		return;
	case 2:
		misuse("channel %u: write 0x%08X to read-only Exec register 0x%03X (ignored; "
		       "the Exec registers are loaded from Next when run is set)",
		       ch, (unsigned)value, (unsigned)off);
		return;
	default:
		break;
	}
	if (off == PDMA_SI_CONTROL)
		control_write(ch, c, value);
	else
		next_write(ch, c, off, value);
}

/* ------------------------------------------------------------ model control */

void pdma_si_reset(uintptr_t base)
{
	const char *env = getenv("PDMA_SI_VERBOSE");

	memset(&si, 0, sizeof(si));
	si.up = true;
	si.base = base;
	si.bytes_mask = ~0ull;
	si.verbose = env && env[0] && strcmp(env, "0") != 0;
}

void pdma_si_add_absent(uintptr_t base)
{
	absent_base = base;
}

void pdma_si_map(uint64_t bus, void *host, size_t len)
{
	if (!si.up || si.nmaps >= MAX_MAPS || !host || (len && bus + (len - 1u) < bus))
		die("cannot map (no reset, too many maps, NULL, or past 2^64)", si.nmaps);
	si.maps[si.nmaps++] = (struct map){bus, (uint8_t *)host, len};
}

void pdma_si_inject_bus_error(uint64_t bus, uint64_t len, bool reads, bool writes)
{
	if (!si.up || si.nerrs >= MAX_ERRS)
		die("too many injected bus errors (or no reset)", si.nerrs);
	si.errs[si.nerrs++] = (struct err){bus, len, reads, writes};
}

void pdma_si_clear_bus_errors(void)
{
	si.nerrs = 0u;
}

uint64_t pdma_si_bytes_written(unsigned ch)
{
	return chan_of(ch)->wr;
}

uint64_t pdma_si_bytes_read(unsigned ch)
{
	return chan_of(ch)->rd;
}

unsigned pdma_si_runs(unsigned ch)
{
	return chan_of(ch)->runs;
}

bool pdma_si_done_irq(unsigned ch)
{
	uint32_t v = chan_of(ch)->control;

	return (v & PDMA_SI_DONE) && (v & PDMA_SI_DONEIE);
}

bool pdma_si_error_irq(unsigned ch)
{
	uint32_t v = chan_of(ch)->control;

	return (v & PDMA_SI_ERROR) && (v & PDMA_SI_ERRIE);
}

void pdma_si_set_access_hook(void (*hook)(unsigned ch, uint32_t off, bool write, void *arg),
			     void *arg)
{
	si.hook = hook;
	si.hook_arg = arg;
}

const char *pdma_si_misuse(void)
{
	return si.misuses ? si.what : NULL;
}

unsigned long pdma_si_misuse_count(void)
{
	return si.misuses;
}

uint32_t pdma_si_peek(unsigned ch, uint32_t off)
{
	if (!si.up || ch >= NCH || (off & 3u) || reg_kind(off) == 0u)
		return 0;
	return reg_read(&si.ch[ch], off);
}

void pdma_si_set_bytes_bits(unsigned bits)
{
	if (bits < 1u || bits > 64u)
		die("NextBytes width must be 1..64 bits", bits);
	si.bytes_mask = bits == 64u ? ~0ull : (1ull << bits) - 1u;
}
