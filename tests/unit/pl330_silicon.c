/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Behavioural model of the ARM CoreLink DMA-330 (PL330) DMA controller,
 * written from ARM's Technical Reference Manual, ARM DDI 0424 ("the TRM").
 * See pl330_silicon.h for the API.
 *
 * References: "TRM 2.3" is the operating-states section (thread state
 * diagram); "TRM ch.3 <name>" a register description of the programmers
 * model; "TRM 4.3.n" an instruction of chapter 4 (4.3.1 DMAADDH, 4.3.2
 * DMAADNH, 4.3.3 DMAEND, 4.3.4 DMAFLUSHP, 4.3.5 DMAGO, 4.3.6 DMAKILL, 4.3.7
 * DMALD, 4.3.8 DMALDP, 4.3.9 DMALP, 4.3.10 DMALPEND, 4.3.11 DMALPFE, 4.3.12
 * DMAMOV, 4.3.13 DMANOP, 4.3.14 DMARMB, 4.3.15 DMASEV, 4.3.16 DMAST, 4.3.17
 * DMASTP, 4.3.18 DMASTZ, 4.3.19 DMAWFE, 4.3.20 DMAWFP, 4.3.21 DMAWMB); "TRM
 * peripheral request interface" the chapter 2 section of that name.
 *
 * Model granularity: one instruction per pl330_si_step(). A DMALD or DMAST
 * moves its whole AXI burst inside the instruction, so the read and write
 * queues are always empty between instructions: barriers (DMARMB, DMAWMB)
 * never wait, DMAEND never waits in Completing, DMAKILL never waits in
 * Killing, and a fault never waits in Faulting completing. The transient
 * states (Cache miss, Updating PC, At barrier, Killing, Completing, Faulting
 * completing) are therefore never visible in CSR.
 *
 * Choices where the TRM was not explicit (each one is repeated where it is
 * implemented):
 *  - request_flag before the first DMAWFP of a thread is Single (DMAGO sets
 *    it; CSR dmawfp_b_ns reads 0 = single at reset too).
 *  - DMALDS/DMASTS/DMALDPS/DMASTPS move a whole CCR burst (SB+1 / DB+1 beats),
 *    like the unconditional forms; the S/B suffix only decides whether the
 *    instruction executes or is a DMANOP.
 *  - DMAWFPS accepts a single or a burst request (a burst level request
 *    implies a single one), DMAWFPB waits for a burst request, DMAWFPP
 *    accepts either and copies its type into request_flag.
 *  - Opcodes 0x29/0x2B decode as DMASTPS/DMASTPB; the DMALPFE encodings that
 *    would collide with them (nf=0, lc=0, x=1) are therefore not available.
 *  - Non-zero should-be-zero bits in an operand byte fault with
 *    operand_invalid.
 *  - After any fault CPC keeps the address of the faulting instruction and
 *    SAR/DAR are not updated by it.
 *  - A stopped thread has an invalid PC (TRM 2.3); the model leaves CPC at
 *    the DMAEND/DMAKILL that stopped it (pl330_si_end_pc_invalid() makes it
 *    read 0 after a DMAEND), and a debug DMAKILL leaves every
 *    register as it was (the TRM says nothing about them): only the MFIFO
 *    contents and the fault type are discarded.
 *  - Unaligned addresses follow AXI: the first beat of an incrementing burst
 *    only covers the bytes up to the next beat-size boundary, the others are
 *    aligned; every beat of a fixed-address burst covers the same bytes.
 *  - A beat size (SS/DS) above the data bus width, or a reserved one, is
 *    recorded as a misuse and faults the channel with operand_invalid.
 *  - A thread in DMAWFE/DMAWFP whose event or request has come still reads
 *    Waiting in CSR until its next pl330_si_step(), which completes the
 *    instruction (the event itself is consumed when it is sent).
 *  - DBGSTATUS reads idle (debug instructions take effect at once) unless a
 *    test makes it busy with pl330_si_debug_busy(), or makes each debug
 *    instruction take time with pl330_si_debug_latency() (busy after the
 *    DBGCMD write, the instruction executed when it goes idle).
 *  - Bus accesses go through the memory-ordering model (ordering.h): a run
 *    started by DMAGO reads what the CPU wrote before the last barrier.
 *
 * No heap: all state is static. Not thread-safe.
 */
#include "pl330_silicon.h"

#include "ordering.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dma/dma_mmio.h"

#define WINDOW 0x1000u
#define MAX_CH 8u
#define MAX_EV 32u
#define MAX_PERIPH 32u
#define MAX_FIFO 4096u
#define MAX_MAPS 64u
#define MAX_ERRS 16u
#define MAX_BEAT 16u   /* 128-bit data bus */
#define MAX_BURST 256u /* 16 beats of 16 bytes */

/* CCR fields (TRM ch.3 Channel Control Registers) */
#define CCR_SI(c) ((c) & 1u)
#define CCR_SS(c) (((c) >> 1) & 7u)
#define CCR_SB(c) (((c) >> 4) & 15u)
#define CCR_SP(c) (((c) >> 8) & 7u)
#define CCR_SC(c) (((c) >> 11) & 7u)
#define CCR_DI(c) (((c) >> 14) & 1u)
#define CCR_DS(c) (((c) >> 15) & 7u)
#define CCR_DB(c) (((c) >> 18) & 15u)
#define CCR_DP(c) (((c) >> 22) & 7u)
#define CCR_DC(c) (((c) >> 25) & 7u)
#define CCR_ES(c) (((c) >> 28) & 7u)

/* CSR bits (TRM ch.3 Channel Status Registers) */
#define CSR_DMAWFP_B_NS (1u << 14)
#define CSR_DMAWFP_PERIPH (1u << 15)
#define CSR_CNS (1u << 21)

/* What one instruction did. */
enum outcome { DONE, WAIT, FAULT };

struct chan {
	uint32_t sar, dar, ccr, cpc;
	uint8_t lc[2];
	unsigned state;     /* PL330_SI_* (CSR[3:0]) */
	bool ns;            /* CSR cns: started by DMAGO with ns=1 */
	bool pc_invalid;    /* stopped by DMAEND with pl330_si_end_pc_invalid() on */
	uint32_t ftr;       /* FTRn */
	unsigned wakeup;    /* CSR wakeup_number: event or peripheral waited for */
	bool woken;         /* Waiting for event: the event has come */
	bool flag_burst;    /* request_flag: Burst (true) or Single */
	uint32_t wfp_bits;  /* CSR dmawfp_b_ns / dmawfp_periph of the last DMAWFP */
	unsigned wfp_mode;  /* 0 single, 1 periph, 2 burst (DMAWFP bits [1:0]) */
	uint8_t fifo[MAX_FIFO];
	unsigned fifo_head, fifo_n;
	uint64_t rd, wr, insns;
	unsigned kill_left; /* review: accesses left in Killing */
};

struct map {
	uint32_t bus;
	uint8_t *host;
	size_t len;
};

struct err {
	uint32_t bus, len;
	bool reads, writes;
};

static struct {
	bool up;
	uintptr_t base;
	struct pl330_si_params p;
	struct chan ch[MAX_CH];
	/* manager thread (TRM 2.3: only Stopped / Faulting are visible here) */
	unsigned mgr_state;
	uint32_t ftrd;
	/* events and interrupts (TRM ch.3 INTEN, INT_EVENT_RIS, INTMIS, INTCLR) */
	uint32_t inten, ev_active, irq_high;
	/* debug interface (TRM ch.3 DBGSTATUS, DBGCMD, DBGINST0, DBGINST1) */
	uint32_t dbginst0, dbginst1;
	unsigned dbg_busy;
	unsigned dbg_latency; /* accesses a debug instruction takes */
	bool dbg_pending;     /* DBGCMD written, executed when DBGSTATUS goes idle */
	bool end_pc_invalid;
	unsigned kill_latency; /* review: accesses a DMAKILL spends in Killing */
	uint32_t wd;
	/* peripheral request interfaces: one outstanding request each */
	bool req_pending[MAX_PERIPH];
	bool req_burst[MAX_PERIPH];
	unsigned acks[MAX_PERIPH];
	unsigned long sevs[MAX_EV]; /* DMASEVs of each event since reset */
	/* the bus */
	struct map maps[MAX_MAPS];
	unsigned nmaps;
	struct err errs[MAX_ERRS];
	unsigned nerrs;
	/* test plumbing */
	void (*hook)(uint32_t off, bool write, void *arg);
	void *hook_arg;
	bool in_hook;
	unsigned rr; /* next channel pl330_si_run() serves first */
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
		fprintf(stderr, "pl330-silicon: misuse: %s\n", msg);
}

static void die(const char *what, unsigned v)
{
	fprintf(stderr, "pl330-silicon: %s (%u)\n", what, v);
	abort();
}

static struct chan *chan_of(unsigned n)
{
	if (!si.up || n >= si.p.channels)
		die("no such channel", n);
	return &si.ch[n];
}

/* ---------------------------------------------------------------- the bus */

static const struct map *bus_find(uint32_t addr, unsigned len)
{
	for (unsigned i = si.nmaps; i-- > 0;) {
		const struct map *m = &si.maps[i];

		if (addr >= m->bus && (uint64_t)(addr - m->bus) + len <= m->len)
			return m;
	}
	return NULL;
}

static bool bus_armed(uint32_t addr, unsigned len, bool write)
{
	for (unsigned i = 0; i < si.nerrs; i++) {
		const struct err *e = &si.errs[i];

		if (!(write ? e->writes : e->reads))
			continue;
		if ((uint64_t)addr < (uint64_t)e->bus + e->len && (uint64_t)addr + len > e->bus)
			return true;
	}
	return false;
}

/* Can [addr, addr+len) be read (or written) without an AXI error response? */
static bool bus_ok(uint32_t addr, unsigned len, bool write)
{
	return bus_find(addr, len) != NULL && !bus_armed(addr, len, write);
}

static void bus_copy(uint32_t addr, uint8_t *buf, unsigned len, bool write)
{
	const struct map *m = bus_find(addr, len);

	if (write)
		ord_dma_write(m->host + (addr - m->bus), buf, len);
	else
		ord_dma_read(buf, m->host + (addr - m->bus), len);
}

/* ------------------------------------------------------------ small helpers */

static bool ch_faulting(const struct chan *c)
{
	return c->state == PL330_SI_FAULTING || c->state == PL330_SI_FAULT_COMPLETING;
}

static uint32_t fsrc(void)
{
	uint32_t v = 0;

	for (unsigned n = 0; n < si.p.channels; n++)
		if (ch_faulting(&si.ch[n]))
			v |= 1u << n;
	return v;
}

static uint32_t ev_mask(void)
{
	return si.p.events >= 32u ? 0xFFFFFFFFu : (1u << si.p.events) - 1u;
}

static unsigned fifo_cap(void)
{
	return si.p.fifo_bytes;
}

static void fifo_push(struct chan *c, const uint8_t *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		c->fifo[(c->fifo_head + c->fifo_n + i) % MAX_FIFO] = b[i];
	c->fifo_n += n;
}

static void fifo_peek(const struct chan *c, uint8_t *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		b[i] = c->fifo[(c->fifo_head + i) % MAX_FIFO];
}

static void fifo_drop(struct chan *c, unsigned n)
{
	c->fifo_head = (c->fifo_head + n) % MAX_FIFO;
	c->fifo_n -= n;
}

static void fifo_clear(struct chan *c)
{
	c->fifo_head = 0;
	c->fifo_n = 0;
}

/* A channel thread enters Faulting (TRM 2.3): FSRC bit set, FTRn says why,
 * irq_abort goes HIGH. Only DMAKILL leaves it. */
static enum outcome ch_fault(struct chan *c, uint32_t type)
{
	c->ftr |= type;
	c->state = PL330_SI_FAULTING;
	c->woken = false;
	return FAULT;
}

static void mgr_fault(uint32_t type)
{
	si.ftrd |= type;
	si.mgr_state = PL330_SI_FAULTING;
}

/* DMAKILL (TRM 4.3.6) of a channel thread: Killing, then Stopped once its
 * AXI transactions are done (here: at once). The MFIFO contents of the
 * channel are discarded; the fault (if any) is cleared. The TRM says nothing
 * about SAR/DAR/CCR/CPC/LCn after a kill: they keep their values. */
static void ch_kill(struct chan *c)
{
	fifo_clear(c);
	c->ftr = 0;
	c->woken = false;
	c->state = PL330_SI_STOPPED;
	if (si.kill_latency) { /* review: outstanding AXI transactions */
		c->state = PL330_SI_KILLING;
		c->kill_left = si.kill_latency;
	}
}

/* ------------------------------------------------------------------ events */

/*
 * DMASEV (TRM 4.3.15) of event-interrupt resource e. TRM ch.3 Interrupt
 * Enable Register: with INTEN[e] = 1 the DMAC sets irq[e] HIGH; with
 * INTEN[e] = 0 it signals event e to all of the threads. TRM ch.3
 * Event-Interrupt Raw Status Register: bit e stays set (the event stays
 * active) until the DMAC executes a DMAWFE for that event, so an event sent
 * while nobody waits is remembered, and one DMAWFE consumes it. Every
 * thread already waiting for e resumes; they have executed their DMAWFE, so
 * the event is consumed by them.
 */
static void signal_event(unsigned e)
{
	uint32_t bit = 1u << e;
	bool consumed = false;

	si.sevs[e]++;
	if (si.inten & bit) {
		si.irq_high |= bit;
		return;
	}
	si.ev_active |= bit;
	for (unsigned n = 0; n < si.p.channels; n++) {
		struct chan *c = &si.ch[n];

		if (c->state == PL330_SI_WFE && c->wakeup == e && !c->woken) {
			c->woken = true;
			consumed = true;
		}
	}
	if (consumed)
		si.ev_active &= ~bit;
}

/* --------------------------------------------------------- transfer engine */

/* Beat size of SS/DS, or 0 if reserved or wider than the data bus (TRM ch.3
 * Channel Control Registers: 0b101-0b111 reserved; a beat is at most the AXI
 * data bus width). */
static unsigned beat_bytes(unsigned code, const char *field, unsigned n)
{
	unsigned b = 1u << code;

	if (code > 4u || b > si.p.bus_bytes) {
		misuse("channel %u: CCR %s = %u (%u-byte beats) on a %u-byte data bus "
		       "(TRM ch.3 CCR: reserved or wider than the bus); operand_invalid",
		       n, field, code, b, si.p.bus_bytes);
		return 0;
	}
	return b;
}

/*
 * The beats of one AXI burst of @p beats beats of @p size bytes at @p addr
 * (AXI unaligned transfers): an incrementing burst's first beat runs to the
 * next size boundary, the next ones are aligned and whole; a fixed-address
 * burst repeats the first beat. Fills addr[]/len[]; returns the total bytes.
 */
static unsigned burst_plan(uint32_t addr, unsigned size, unsigned beats, bool inc,
			   uint32_t *baddr, unsigned *blen)
{
	unsigned off = addr & (size - 1u), total = 0;
	uint32_t a = addr;

	for (unsigned i = 0; i < beats; i++) {
		unsigned l = (i == 0u || !inc) ? size - off : size;

		baddr[i] = inc ? a : addr;
		blen[i] = l;
		total += l;
		if (inc)
			a += l;
	}
	return total;
}

/* DMALD (TRM 4.3.7): one read burst of SB+1 beats of 2^SS bytes from SAR into
 * the MFIFO; SAR advances if SI. */
static enum outcome do_load(unsigned n, struct chan *c)
{
	uint32_t ba[16];
	unsigned bl[16];
	uint8_t buf[MAX_BURST];
	unsigned size = beat_bytes(CCR_SS(c->ccr), "src_burst_size", n);
	unsigned total, at = 0;
	bool inc = CCR_SI(c->ccr) != 0u;

	if (!size)
		return ch_fault(c, PL330_SI_FT_OPERAND_INVALID);
	total = burst_plan(c->sar, size, CCR_SB(c->ccr) + 1u, inc, ba, bl);
	/* TRM ch.3 FTRn mfifo_err: the MFIFO is too small to hold the data. */
	if (c->fifo_n + total > fifo_cap())
		return ch_fault(c, PL330_SI_FT_MFIFO_ERR);
	for (unsigned i = 0; i <= CCR_SB(c->ccr); i++) {
		/* TRM ch.3 FTRn data_read_err: SLVERR/DECERR on RRESP. */
		if (!bus_ok(ba[i], bl[i], false))
			return ch_fault(c, PL330_SI_FT_DATA_READ_ERR);
		bus_copy(ba[i], &buf[at], bl[i], false);
		at += bl[i];
	}
	fifo_push(c, buf, total);
	c->rd += total;
	if (inc)
		c->sar += total;
	return DONE;
}

/* Endian swap (TRM ch.3 CCR endian_swap_size, "Endian swap size"): bytes
 * are swapped within each 2^ES-byte item of the written data. The model
 * swaps inside whole, aligned beats only; anything else is a misuse. */
static void endian_swap(unsigned n, const struct chan *c, uint8_t *buf, unsigned size,
			unsigned beats, const unsigned *blen)
{
	unsigned es = CCR_ES(c->ccr), item, at = 0;

	if (es == 0u)
		return;
	item = 1u << es;
	if (es > 4u || item > size) {
		misuse("channel %u: CCR endian_swap_size %u with %u-byte write beats (TRM ch.3: "
		       "reserved, or larger than the beat); data written unswapped",
		       n, es, size);
		return;
	}
	for (unsigned i = 0; i < beats; i++) {
		if (blen[i] != size) {
			misuse("channel %u: endian swap on an unaligned write beat; that beat is "
			       "written unswapped", n);
		} else {
			for (unsigned k = 0; k < size; k += item)
				for (unsigned a = 0, b = item - 1u; a < b; a++, b--) {
					uint8_t t = buf[at + k + a];

					buf[at + k + a] = buf[at + k + b];
					buf[at + k + b] = t;
				}
		}
		at += blen[i];
	}
}

/* DMAST (TRM 4.3.16) / DMASTZ (4.3.18): one write burst of DB+1 beats of
 * 2^DS bytes to DAR, from the MFIFO or zeros; DAR advances if DI. A store's
 * bytes count when the instruction completes; an error response writes and
 * counts nothing of it. */
static enum outcome do_store(unsigned n, struct chan *c, bool zeros)
{
	uint32_t ba[16];
	unsigned bl[16];
	uint8_t buf[MAX_BURST];
	unsigned size = beat_bytes(CCR_DS(c->ccr), "dst_burst_size", n);
	unsigned beats = CCR_DB(c->ccr) + 1u, total, at = 0;
	bool inc = CCR_DI(c->ccr) != 0u;

	if (!size)
		return ch_fault(c, PL330_SI_FT_OPERAND_INVALID);
	total = burst_plan(c->dar, size, beats, inc, ba, bl);
	if (zeros) {
		memset(buf, 0, total);
	} else {
		/* TRM ch.3 FTRn st_data_unavailable: previous DMALDs have not put
		 * enough data in the MFIFO for the DMAST to complete. */
		if (c->fifo_n < total)
			return ch_fault(c, PL330_SI_FT_ST_DATA_UNAVAILABLE);
		fifo_peek(c, buf, total);
		endian_swap(n, c, buf, size, beats, bl);
	}
	for (unsigned i = 0; i < beats; i++)
		if (!bus_ok(ba[i], bl[i], true)) /* TRM ch.3 FTRn data_write_err: BRESP */
			return ch_fault(c, PL330_SI_FT_DATA_WRITE_ERR);
	for (unsigned i = 0; i < beats; i++) {
		bus_copy(ba[i], &buf[at], bl[i], true);
		at += bl[i];
	}
	if (!zeros)
		fifo_drop(c, total);
	c->wr += total;
	if (inc)
		c->dar += total;
	return DONE;
}

/* ------------------------------------------------------ instruction decode */

/* Length of the instruction with first byte @p op, 0 if undefined (TRM
 * chapter 4 encodings). */
static unsigned insn_len(uint8_t op)
{
	switch (op) {
	case 0x00: /* DMAEND */
	case 0x01: /* DMAKILL */
	case 0x04: case 0x05: case 0x07: /* DMALD, DMALDS, DMALDB */
	case 0x08: case 0x09: case 0x0B: /* DMAST, DMASTS, DMASTB */
	case 0x0C: /* DMASTZ */
	case 0x12: /* DMARMB */
	case 0x13: /* DMAWMB */
	case 0x18: /* DMANOP */
		return 1;
	case 0x20: case 0x22: /* DMALP lc0/lc1 */
	case 0x25: case 0x27: /* DMALDPS, DMALDPB */
	case 0x29: case 0x2B: /* DMASTPS, DMASTPB */
	case 0x28: case 0x2C: case 0x2D: case 0x2F: /* DMALPFE (nf = 0) */
	case 0x30: case 0x31: case 0x32: /* DMAWFP single, periph, burst */
	case 0x34: /* DMASEV */
	case 0x35: /* DMAFLUSHP */
	case 0x36: /* DMAWFE */
	case 0x38: case 0x39: case 0x3B: /* DMALPEND lc0 (always, S, B) */
	case 0x3C: case 0x3D: case 0x3F: /* DMALPEND lc1 */
		return 2;
	case 0x54: case 0x56: /* DMAADDH SAR/DAR */
	case 0x5C: case 0x5E: /* DMAADNH SAR/DAR */
		return 3;
	case 0xA0: case 0xA2: /* DMAGO (manager only) */
	case 0xBC: /* DMAMOV */
		return 6;
	default:
		return 0;
	}
}

/* The bs/x condition of DMALD/DMAST/DMALPEND (TRM 4.3.7, 4.3.10, 4.3.16):
 * x = 0: always; x = 1, bs = 0 (S): only if request_flag is Single;
 * x = 1, bs = 1 (B): only if request_flag is Burst. Otherwise a DMANOP. */
static bool cond_holds(const struct chan *c, uint8_t op)
{
	if (!(op & 1u))
		return true;
	return ((op >> 1) & 1u) ? c->flag_burst : !c->flag_burst;
}

/* Peripheral operand (byte 1 = periph << 3) of DMAWFP/DMALDP/DMASTP/DMAFLUSHP:
 * returns the peripheral or -1 after faulting the channel. */
static int periph_operand(struct chan *c, uint8_t b1)
{
	unsigned p = b1 >> 3;

	if ((b1 & 7u) || p >= si.p.periphs) {
		ch_fault(c, PL330_SI_FT_OPERAND_INVALID);
		return -1;
	}
	/* TRM ch.3 CR4: every peripheral interface is Secure in this model (PNS
	 * tie-offs low); FTRn ch_periph_err for a Non-secure thread. */
	if (c->ns) {
		ch_fault(c, PL330_SI_FT_PERIPH_ERR);
		return -1;
	}
	return (int)p;
}

/* Event operand of DMASEV/DMAWFE (byte 1 = event << 3, plus the DMAWFE
 * invalidate bit 1 when @p inv_ok): the event or -1 after faulting. */
static int event_operand(struct chan *c, uint8_t b1, bool inv_ok)
{
	unsigned e = b1 >> 3;

	if ((b1 & (inv_ok ? 5u : 7u)) || e >= si.p.events) {
		ch_fault(c, PL330_SI_FT_OPERAND_INVALID);
		return -1;
	}
	/* TRM ch.3 CR3: every event is Secure in this model (boot_irq_ns low);
	 * FTRn ch_evnt_err for a Non-secure thread. */
	if (c->ns) {
		ch_fault(c, PL330_SI_FT_EVENT_ERR);
		return -1;
	}
	return (int)e;
}

/* Does the pending request of @p p satisfy a DMAWFP of mode @p mode? */
static bool wfp_ready(unsigned p, unsigned mode)
{
	if (!si.req_pending[p])
		return false;
	return mode != 2u || si.req_burst[p];
}

/* DMAWFP completes (TRM 4.3.20): request_flag from the operand, or for
 * DMAWFPP from the type of request the peripheral signalled. */
static void wfp_complete(struct chan *c, unsigned p)
{
	c->flag_burst = c->wfp_mode == 2u || (c->wfp_mode == 1u && si.req_burst[p]);
}

/* The peripheral is notified (datype) after DMALDP/DMASTP and by DMAFLUSHP
 * (TRM peripheral request interface): its outstanding request is done. */
static void periph_ack(unsigned p)
{
	si.acks[p]++;
	si.req_pending[p] = false;
	si.req_burst[p] = false;
}

static enum outcome check_ccr_security(struct chan *c, uint32_t v)
{
	/* TRM ch.3 CCR src_prot_ctrl/dst_prot_ctrl: only Secure threads can set
	 * ARPROT[1]/AWPROT[1] LOW; FTRn ch_rdwr_err. */
	if (c->ns && (!(CCR_SP(v) & 2u) || !(CCR_DP(v) & 2u)))
		return ch_fault(c, PL330_SI_FT_RDWR_ERR);
	return DONE;
}

/*
 * Execute the instruction @p in (length @p len) at c->cpc on channel @p n.
 * On DONE *next is the next PC. Faults leave CPC at the instruction.
 */
static enum outcome execute(unsigned n, struct chan *c, const uint8_t *in, unsigned len,
			    uint32_t *next)
{
	uint8_t op = in[0];
	int p, e;

	*next = c->cpc + len;
	switch (op) {
	case 0x00: /* DMAEND (TRM 4.3.3): Completing until the stores are done,
		    * then Stopped. Data still in the MFIFO is flushed. */
		fifo_clear(c);
		c->state = PL330_SI_STOPPED;
		c->pc_invalid = si.end_pc_invalid;
		*next = c->cpc;
		return DONE;
	case 0x01: /* DMAKILL (TRM 4.3.6) */
		ch_kill(c);
		*next = c->cpc;
		return DONE;
	case 0x04: case 0x05: case 0x07: /* DMALD[S|B] (TRM 4.3.7) */
		return cond_holds(c, op) ? do_load(n, c) : DONE;
	case 0x08: case 0x09: case 0x0B: /* DMAST[S|B] (TRM 4.3.16) */
		return cond_holds(c, op) ? do_store(n, c, false) : DONE;
	case 0x0C: /* DMASTZ (TRM 4.3.18) */
		return do_store(n, c, true);
	case 0x12: /* DMARMB (TRM 4.3.14): loads already complete */
	case 0x13: /* DMAWMB (TRM 4.3.21): stores already complete */
	case 0x18: /* DMANOP (TRM 4.3.13) */
		return DONE;
	case 0x20: case 0x22: /* DMALP (TRM 4.3.9): LCn = iterations - 1 */
		c->lc[(op >> 1) & 1u] = in[1];
		return DONE;
	case 0x25: case 0x27: /* DMALDP<S|B> (TRM 4.3.8) */
	case 0x29: case 0x2B: /* DMASTP<S|B> (TRM 4.3.17) */
	{
		enum outcome r;

		p = periph_operand(c, in[1]);
		if (p < 0)
			return FAULT;
		if (!cond_holds(c, op))
			return DONE; /* DMANOP: no transfer, no acknowledge */
		/* TRM 4.3.8/4.3.17: the acknowledge answers the request DMAWFP
		 * waited for; with none outstanding the peripheral is told of a
		 * transfer it never asked for. */
		if (!si.req_pending[p])
			misuse("channel %u: %s to peripheral %d with no request outstanding "
			       "(one request, one acknowledge)", n, (op & 8u) ? "DMASTP" : "DMALDP", p);
		r = (op & 8u) ? do_store(n, c, false) : do_load(n, c);
		if (r == DONE)
			periph_ack((unsigned)p);
		return r;
	}
	case 0x28: case 0x2C: case 0x2D: case 0x2F: /* DMALPFE (TRM 4.3.11) */
	case 0x38: case 0x39: case 0x3B: case 0x3C: case 0x3D: case 0x3F: /* DMALPEND */
	{
		/* TRM 4.3.10: nf (bit 4) = 1: a finite loop on LC(lc, bit 2):
		 * if LC != 0, decrement it and jump backwards_jump bytes back from
		 * this DMALPEND; else fall through. nf = 0 (DMALPFE): always jump. */
		unsigned lc = (op >> 2) & 1u;

		if (!cond_holds(c, op))
			return DONE;
		if (!(op & 0x10u)) {
			*next = c->cpc - in[1];
		} else if (c->lc[lc] != 0u) {
			c->lc[lc]--;
			*next = c->cpc - in[1];
		}
		return DONE;
	}
	case 0x30: case 0x31: case 0x32: /* DMAWFP<S|P|B> (TRM 4.3.20) */
		p = periph_operand(c, in[1]);
		if (p < 0)
			return FAULT;
		c->wfp_mode = op & 3u;
		c->wfp_bits = (c->wfp_mode == 2u ? CSR_DMAWFP_B_NS : 0u) |
			      (c->wfp_mode == 1u ? CSR_DMAWFP_PERIPH : 0u);
		c->wakeup = (unsigned)p;
		if (wfp_ready((unsigned)p, c->wfp_mode)) {
			wfp_complete(c, (unsigned)p);
			return DONE;
		}
		c->state = PL330_SI_WFP;
		return WAIT;
	case 0x34: /* DMASEV (TRM 4.3.15) */
		e = event_operand(c, in[1], false);
		if (e < 0)
			return FAULT;
		signal_event((unsigned)e);
		return DONE;
	case 0x35: /* DMAFLUSHP (TRM 4.3.4): clears the DMAC's state of the
		    * peripheral and asks it to resend its request status. */
		p = periph_operand(c, in[1]);
		if (p < 0)
			return FAULT;
		periph_ack((unsigned)p);
		return DONE;
	case 0x36: /* DMAWFE (TRM 4.3.19); bit 1 of byte 1 invalidates the
		    * instruction cache, which the model does not have. */
		e = event_operand(c, in[1], true);
		if (e < 0)
			return FAULT;
		c->wakeup = (unsigned)e;
		if (si.ev_active & (1u << e)) { /* a remembered event: consume it */
			si.ev_active &= ~(1u << e);
			return DONE;
		}
		c->state = PL330_SI_WFE;
		c->woken = false;
		return WAIT;
	case 0x54: case 0x56: /* DMAADDH (TRM 4.3.1): + unsigned imm16 */
	case 0x5C: case 0x5E: /* DMAADNH (TRM 4.3.2): + imm16 extended with ones */
	{
		uint32_t imm = (uint32_t)in[1] | (uint32_t)in[2] << 8;

		if (op & 8u)
			imm |= 0xFFFF0000u;
		if (op & 2u)
			c->dar += imm;
		else
			c->sar += imm;
		return DONE;
	}
	case 0xA0: case 0xA2: /* DMAGO (TRM 4.3.5): DMA manager only */
		return ch_fault(c, PL330_SI_FT_UNDEF_INSTR);
	case 0xBC: /* DMAMOV (TRM 4.3.12): rd 0 SAR, 1 CCR, 2 DAR */
	{
		uint32_t imm = (uint32_t)in[2] | (uint32_t)in[3] << 8 | (uint32_t)in[4] << 16 |
			       (uint32_t)in[5] << 24;

		switch (in[1]) {
		case 0: c->sar = imm; return DONE;
		case 2: c->dar = imm; return DONE;
		case 1:
			if (check_ccr_security(c, imm) == FAULT)
				return FAULT;
			/* TRM ch.3 CCR: ARCACHE[2:1] = 0b10 and AWCACHE[3,1] =
			 * 0b10 violate the AXI protocol. */
			if ((CCR_SC(imm) & 6u) == 4u || (CCR_DC(imm) & 6u) == 4u)
				misuse("channel %u: DMAMOV CCR 0x%08X programs a cache "
				       "control that violates AXI (TRM ch.3 CCR)",
				       n, (unsigned)imm);
			c->ccr = imm;
			return DONE;
		default:
			return ch_fault(c, PL330_SI_FT_OPERAND_INVALID);
		}
	}
	default:
		return ch_fault(c, PL330_SI_FT_UNDEF_INSTR);
	}
}

/* ------------------------------------------------------------- execution */

unsigned pl330_si_step(unsigned ch)
{
	struct chan *c = chan_of(ch);
	uint8_t in[6];
	unsigned len;
	uint32_t next;
	enum outcome r;

	switch (c->state) {
	case PL330_SI_WFE:
		if (!c->woken)
			return 0;
		/* the DMAWFE completes: Executing, PC past it (TRM 4.3.19) */
		c->woken = false;
		c->state = PL330_SI_EXECUTING;
		c->cpc += 2u;
		c->insns++;
		return 1;
	case PL330_SI_WFP:
		if (!wfp_ready(c->wakeup, c->wfp_mode))
			return 0;
		wfp_complete(c, c->wakeup);
		c->state = PL330_SI_EXECUTING;
		c->cpc += 2u;
		c->insns++;
		return 1;
	case PL330_SI_EXECUTING:
		break;
	default:
		return 0;
	}
	/* Instruction fetch through AXI (TRM ch.3 FTRn instr_fetch_err). */
	if (!bus_ok(c->cpc, 1u, false)) {
		ch_fault(c, PL330_SI_FT_INSTR_FETCH_ERR);
		return 0;
	}
	bus_copy(c->cpc, in, 1u, false);
	len = insn_len(in[0]);
	if (len == 0u) {
		ch_fault(c, PL330_SI_FT_UNDEF_INSTR);
		return 0;
	}
	if (!bus_ok(c->cpc, len, false)) {
		ch_fault(c, PL330_SI_FT_INSTR_FETCH_ERR);
		return 0;
	}
	bus_copy(c->cpc, in, len, false);
	r = execute(ch, c, in, len, &next);
	if (r != DONE)
		return 0;
	c->cpc = next;
	c->insns++;
	return 1;
}

unsigned pl330_si_run(unsigned max)
{
	unsigned done = 0;
	bool progress = true;

	if (!si.up)
		die("pl330_si_run before pl330_si_reset", 0);
	while (done < max && progress) {
		progress = false;
		for (unsigned k = 0; k < si.p.channels && done < max; k++) {
			unsigned n = (si.rr + k) % si.p.channels;

			if (pl330_si_step(n)) {
				done++;
				progress = true;
			}
		}
		si.rr = (si.rr + 1u) % si.p.channels;
	}
	return done;
}

/* --------------------------------------------------------- debug interface */

/*
 * DBGCMD = 0: execute the instruction in DBGINST0/1 (TRM ch.3 Debug Command,
 * Debug Instruction-0/1 Registers). DBGINST0 [0]: 0 = DMA manager thread,
 * 1 = DMA channel thread [10:8]; [23:16] byte 0, [31:24] byte 1; DBGINST1
 * bytes 2..5. Only DMAGO, DMASEV and DMAKILL can be issued this way; the
 * model executes them at once. A fault from a debug instruction sets
 * dbg_instr (bit 30) in FTRD/FTRn.
 */
static void debug_execute(void)
{
	uint32_t i0 = si.dbginst0, i1 = si.dbginst1;
	uint8_t b0 = (uint8_t)(i0 >> 16), b1 = (uint8_t)(i0 >> 24);
	bool to_chan = (i0 & 1u) != 0u;
	unsigned n = (i0 >> 8) & 7u;

	if (i0 & 0x0000F8FEu)
		misuse("DBGINST0 0x%08X sets reserved bits [7:1]/[15:11] (TRM ch.3: write as "
		       "zero)", (unsigned)i0);
	if (to_chan) {
		struct chan *c;

		if (n >= si.p.channels) {
			misuse("debug instruction 0x%02X for channel %u: the DMAC has %u "
			       "channels; ignored", b0, n, si.p.channels);
			return;
		}
		c = &si.ch[n];
		if (b0 == 0x01) { /* DMAKILL to a channel thread */
			if (c->state != PL330_SI_STOPPED)
				ch_kill(c);
			return;
		}
		if (ch_faulting(c)) {
			misuse("debug instruction 0x%02X to faulting channel %u: only DMAKILL "
			       "leaves Faulting (TRM 2.3); ignored", b0, n);
			return;
		}
		if (b0 == 0x34) { /* DMASEV issued on the channel thread */
			int e = event_operand(c, b1, false);

			if (e >= 0)
				signal_event((unsigned)e);
			else
				c->ftr |= PL330_SI_FT_DBG_INSTR;
			return;
		}
		/* DMAGO is for the manager; anything else cannot be issued. */
		ch_fault(c, PL330_SI_FT_UNDEF_INSTR | PL330_SI_FT_DBG_INSTR);
		return;
	}
	/* the DMA manager thread */
	if (b0 == 0x01) { /* DMAKILL: the manager stops; its fault is cleared */
		si.ftrd = 0;
		si.mgr_state = PL330_SI_STOPPED;
		return;
	}
	if (si.mgr_state == PL330_SI_FAULTING) {
		misuse("debug instruction 0x%02X to the faulting DMA manager: only DMAKILL "
		       "leaves Faulting (TRM 2.3); ignored", b0);
		return;
	}
	switch (b0) {
	case 0xA0: case 0xA2: { /* DMAGO (TRM 4.3.5) */
		unsigned cn = b1 & 7u;
		struct chan *c;

		if ((b1 & 0xF8u) || cn >= si.p.channels) {
			mgr_fault(PL330_SI_FT_OPERAND_INVALID | PL330_SI_FT_DBG_INSTR);
			return;
		}
		c = &si.ch[cn];
		if (c->state != PL330_SI_STOPPED) {
			/* The target must be Stopped (TRM 2.3: a channel thread leaves
			 * Stopped only through DMAGO); the manager faults. */
			misuse("DMAGO to channel %u, which is not stopped (state %u); the DMA "
			       "manager faults", cn, c->state);
			mgr_fault(PL330_SI_FT_OPERAND_INVALID | PL330_SI_FT_DBG_INSTR);
			return;
		}
		if (si.p.mgr_ns && !(b0 & 2u)) {
			/* TRM 4.3.5: a Non-secure manager may only start a thread
			 * in the Non-secure state; ns = 0 aborts (dmago_err). */
			mgr_fault(PL330_SI_FT_DMAGO_ERR | PL330_SI_FT_DBG_INSTR);
			return;
		}
		ord_dma_load();
		c->cpc = i1;
		c->pc_invalid = false;
		c->ns = (b0 & 2u) != 0u; /* a Secure manager may start either */
		c->state = PL330_SI_EXECUTING;
		c->flag_burst = false;   /* request_flag Single until a DMAWFP */
		c->wfp_bits = 0;
		c->woken = false;
		fifo_clear(c);
		return;
	}
	case 0x34: { /* DMASEV from the manager */
		unsigned e = b1 >> 3;

		if ((b1 & 7u) || e >= si.p.events) {
			mgr_fault(PL330_SI_FT_OPERAND_INVALID | PL330_SI_FT_DBG_INSTR);
			return;
		}
		signal_event(e);
		return;
	}
	default:
		mgr_fault(PL330_SI_FT_UNDEF_INSTR | PL330_SI_FT_DBG_INSTR);
		return;
	}
}

/* --------------------------------------------------------------- registers */

static const uint8_t pcell_id[4] = {0x0Du, 0xF0u, 0x05u, 0xB1u};

/* TRM ch.3 Peripheral Identification Registers: part number 0x330, designer
 * 0x41, revision r1p1 (PeriphID2[7:4] = 2), no integration test logic. */
static const uint8_t periph_id[4] = {0x30u, 0x13u, 0x24u, 0x00u};

static uint32_t cr0(void)
{
	/* TRM ch.3 Configuration Register 0; boot_en = 0. */
	uint32_t v = (uint32_t)(si.p.channels - 1u) << 4 | (uint32_t)(si.p.events - 1u) << 17 |
		     (si.p.mgr_ns ? 1u << 2 : 0u);

	if (si.p.periphs)
		v |= 1u | (uint32_t)(si.p.periphs - 1u) << 12;
	return v;
}

static uint32_t crd(void)
{
	/* TRM ch.3 DMA Configuration Register: data_width 2/3/4 = 32/64/128-bit;
	 * 8 outstanding reads/writes, 16-line queues; data_buffer_dep = the
	 * MFIFO lines (of the bus width) minus one. */
	unsigned dw = si.p.bus_bytes == 4u ? 2u : si.p.bus_bytes == 8u ? 3u : 4u;
	unsigned lines = si.p.fifo_bytes / si.p.bus_bytes;

	if (lines > 1024u)
		lines = 1024u;
	return dw | 7u << 4 | 15u << 8 | 7u << 12 | 15u << 16 | (uint32_t)(lines - 1u) << 20;
}

static uint32_t csr(const struct chan *c)
{
	return c->state | (c->wakeup & 31u) << 4 | c->wfp_bits | (c->ns ? CSR_CNS : 0u);
}

enum access { RD, WR };

/* Decode @p off; returns the register value for reads. @p strict records
 * misuse (driver accesses), peeks do not. Writes take effect here. */
static uint32_t reg_access(uint32_t off, enum access how, uint32_t v, bool strict)
{
	bool w = how == WR;

	/* channel registers: FTRn, CSRn/CPCn, SARn..LC1n (read-only) */
	if ((off >= 0x040u && off < 0x060u) || (off >= 0x100u && off < 0x140u) ||
	    (off >= 0x400u && off < 0x500u)) {
		unsigned n, reg;
		const struct chan *c;

		if (off < 0x060u) {
			n = (off - 0x040u) / 4u;
			reg = 0;
		} else if (off < 0x140u) {
			n = (off - 0x100u) / 8u;
			reg = 1u + (off & 4u) / 4u;
		} else {
			n = (off - 0x400u) / 0x20u;
			reg = (off & 0x1Fu) / 4u;
			if (reg > 4u) {
				if (strict)
					misuse("%s of reserved offset 0x%03X (TRM ch.3)",
					       w ? "write" : "read", (unsigned)off);
				return 0;
			}
			reg += 3u;
		}
		if (n >= si.p.channels) {
			if (strict)
				misuse("%s of register 0x%03X of channel %u: the DMAC has %u "
				       "channels (TRM ch.3: reserved)", w ? "write" : "read",
				       (unsigned)off, n, si.p.channels);
			return 0;
		}
		if (w) {
			if (strict)
				misuse("write 0x%08X to read-only channel register 0x%03X (TRM "
				       "ch.3; channel registers change only through the "
				       "microcode)", (unsigned)v, (unsigned)off);
			return 0;
		}
		c = &si.ch[n];
		switch (reg) {
		case 0: return c->ftr;
		case 1: return csr(c);
		case 2: return c->pc_invalid ? 0u : c->cpc;
		case 3: return c->sar;
		case 4: return c->dar;
		case 5: return c->ccr;
		case 6: return c->lc[0];
		default: return c->lc[1];
		}
	}
	switch (off) {
	case PL330_SI_INTEN:
		if (w) {
			if ((v & ~ev_mask()) && strict)
				misuse("INTEN 0x%08X sets bits of events the DMAC lacks (it has "
				       "%u)", (unsigned)v, si.p.events);
			si.inten = v & ev_mask();
		}
		return si.inten;
	case PL330_SI_INTCLR:
		if (w) {
			/* TRM ch.3 Interrupt Clear Register: 1 sets irq[N] LOW if INTEN
			 * programs an interrupt; otherwise no change. */
			si.irq_high &= ~(v & si.inten);
			return 0;
		}
		break; /* write-only */
	case PL330_SI_DBGCMD:
		if (w) {
			if (si.dbg_busy) {
				if (strict)
					misuse("DBGCMD written while DBGSTATUS is busy (TRM ch.3 "
					       "Debug Status Register); ignored");
				return 0;
			}
			if ((v & 3u) != 0u) {
				if (strict)
					misuse("DBGCMD 0x%08X: encodings 1-3 are reserved (TRM ch.3)",
					       (unsigned)v);
				return 0;
			}
			if (si.dbg_latency) {
				/* busy for the next dbg_latency accesses, then executed */
				si.dbg_busy = si.dbg_latency + 1u;
				si.dbg_pending = true;
				return 0;
			}
			debug_execute();
			return 0;
		}
		break;
	case PL330_SI_DBGINST0:
	case PL330_SI_DBGINST1:
		if (w) {
			if (si.dbg_busy) {
				if (strict)
					misuse("DBGINST%u written while DBGSTATUS is busy (TRM ch.3 "
					       "Debug Status Register); ignored",
					       off == PL330_SI_DBGINST0 ? 0u : 1u);
				return 0;
			}
			if (off == PL330_SI_DBGINST0)
				si.dbginst0 = v;
			else
				si.dbginst1 = v;
			return 0;
		}
		break;
	case PL330_SI_WD: /* TRM ch.3 Watchdog Register: wd_irq_only [0] */
		if (w)
			si.wd = v & 1u;
		return si.wd;
	default:
		break;
	}
	if (w) {
		bool ro = off == PL330_SI_DSR || off == PL330_SI_DPC ||
			  (off >= PL330_SI_INT_EVENT_RIS && off <= PL330_SI_FTRD &&
			   off != PL330_SI_INTCLR) ||
			  off == PL330_SI_DBGSTATUS || (off >= PL330_SI_CR0 && off <= PL330_SI_CRD) ||
			  off >= 0xFE0u;

		if (strict)
			misuse(ro ? "write 0x%08X to read-only register 0x%03X (TRM ch.3)"
				  : "write 0x%08X to reserved offset 0x%03X (TRM ch.3)",
			       (unsigned)v, (unsigned)off);
		return 0;
	}
	switch (off) {
	case PL330_SI_DSR: /* TRM ch.3 DMA Manager Status Register; DNS bit 9 */
		return si.mgr_state | (si.p.mgr_ns ? 1u << 9 : 0u);
	case PL330_SI_DPC:
		return 0;
	case PL330_SI_INT_EVENT_RIS: /* event N active or irq[N] HIGH */
		return si.ev_active | si.irq_high;
	case PL330_SI_INTMIS: /* 0 for events INTEN sends as events */
		return si.irq_high & si.inten;
	case PL330_SI_FSRD:
		return si.mgr_state == PL330_SI_FAULTING ? 1u : 0u;
	case PL330_SI_FSRC:
		return fsrc();
	case PL330_SI_FTRD:
		return si.ftrd;
	case PL330_SI_DBGSTATUS:
		return si.dbg_busy ? 1u : 0u;
	case PL330_SI_CR0: return cr0();
	case PL330_SI_CR1: return 0xF5u; /* 16 i-cache lines of 32 bytes */
	case PL330_SI_CR2: return 0;     /* boot_addr */
	case PL330_SI_CR3: return 0;     /* INS: every event Secure */
	case PL330_SI_CR4: return 0;     /* PNS: every peripheral Secure */
	case PL330_SI_CRD: return crd();
	case PL330_SI_INTCLR:
	case PL330_SI_DBGCMD:
	case PL330_SI_DBGINST0:
	case PL330_SI_DBGINST1:
		if (strict)
			misuse("read of write-only register 0x%03X (TRM ch.3)", (unsigned)off);
		return 0;
	default:
		break;
	}
	if (off >= 0xFE0u && off < 0xFF0u)
		return periph_id[(off - 0xFE0u) / 4u];
	if (off >= 0xFF0u)
		return pcell_id[(off - 0xFF0u) / 4u];
	if (strict)
		misuse("read of reserved offset 0x%03X (TRM ch.3)", (unsigned)off);
	return 0;
}

/* ------------------------------------------------------------ mmio entry */

/* The offset of @p addr in the window, or -1 (a misuse) outside it. */
static int64_t window_off(uintptr_t addr, bool write)
{
	if (!si.up || addr < si.base || addr - si.base >= WINDOW) {
		misuse("register %s at %#lx, outside the DMAC's 4 KiB window",
		       write ? "write" : "read", (unsigned long)addr);
		return -1;
	}
	return (int64_t)(addr - si.base);
}

static void access_begin(uint32_t off, bool write)
{
	if (si.in_hook)
		return;
	if (si.hook) {
		si.in_hook = true;
		si.hook(off, write, si.hook_arg);
		si.in_hook = false;
	}
}

static void access_end(void)
{
	if (!si.in_hook && si.dbg_busy && --si.dbg_busy == 0u && si.dbg_pending) {
		si.dbg_pending = false;
		debug_execute();
	}
	if (!si.in_hook) {
		for (unsigned n = 0; n < MAX_CH; n++) {
			if (si.ch[n].state == PL330_SI_KILLING && si.ch[n].kill_left &&
			    --si.ch[n].kill_left == 0u)
				si.ch[n].state = PL330_SI_STOPPED;
		}
	}
}

/* Review addition: a DMAKILL leaves the thread in Killing for @p accesses
 * register accesses (its outstanding AXI transactions), then Stopped. */
void pl330_si_kill_latency(unsigned accesses)
{
	si.kill_latency = accesses;
}

uint32_t dma_mmio_read32(uintptr_t addr)
{
	int64_t off = window_off(addr, false);
	uint32_t v;

	if (off < 0)
		return 0;
	access_begin((uint32_t)off, false);
	if (off & 3) {
		misuse("unaligned register read at offset 0x%03X", (unsigned)off);
		v = 0;
	} else {
		v = reg_access((uint32_t)off, RD, 0, true);
	}
	access_end();
	return v;
}

void dma_mmio_write32(uintptr_t addr, uint32_t value)
{
	int64_t off = window_off(addr, true);

	if (off < 0)
		return;
	access_begin((uint32_t)off, true);
	if (off & 3)
		misuse("unaligned register write at offset 0x%03X", (unsigned)off);
	else
		(void)reg_access((uint32_t)off, WR, value, true);
	access_end();
}

/* ------------------------------------------------------------ model control */

void pl330_si_reset(uintptr_t base, const struct pl330_si_params *p)
{
	const char *env = getenv("PL330_SI_VERBOSE");

	if (!p)
		die("pl330_si_reset without parameters", 0);
	if (p->channels < 1u || p->channels > MAX_CH)
		die("channels must be 1..8", p->channels);
	if (p->events < 1u || p->events > MAX_EV)
		die("events must be 1..32", p->events);
	if (p->periphs > MAX_PERIPH)
		die("periphs must be 0..32", p->periphs);
	if (p->bus_bytes != 4u && p->bus_bytes != 8u && p->bus_bytes != 16u)
		die("bus_bytes must be 4, 8 or 16", p->bus_bytes);
	if (p->fifo_bytes < p->bus_bytes || p->fifo_bytes > MAX_FIFO ||
	    p->fifo_bytes % p->bus_bytes)
		die("fifo_bytes must be a multiple of the bus width, at most 4096", p->fifo_bytes);
	memset(&si, 0, sizeof(si));
	si.up = true;
	si.base = base;
	si.p = *p;
	si.verbose = env && env[0] && strcmp(env, "0") != 0;
}

void pl330_si_map(uint32_t bus, void *host, size_t len)
{
	if (si.nmaps >= MAX_MAPS || !host || (uint64_t)bus + len > 0x100000000ull)
		die("cannot map (too many maps, NULL, or past 4 GiB)", si.nmaps);
	si.maps[si.nmaps++] = (struct map){bus, (uint8_t *)host, len};
}

void pl330_si_inject_bus_error(uint32_t bus, uint32_t len, bool reads, bool writes)
{
	if (si.nerrs >= MAX_ERRS)
		die("too many injected bus errors", si.nerrs);
	si.errs[si.nerrs++] = (struct err){bus, len, reads, writes};
}

void pl330_si_request(unsigned periph, bool burst)
{
	if (!si.up || periph >= si.p.periphs)
		die("no such peripheral request interface", periph);
	/* One outstanding request per interface (TRM peripheral request
	 * interface); a new one updates the level the peripheral signals. */
	si.req_pending[periph] = true;
	si.req_burst[periph] = burst;
}

unsigned pl330_si_acks(unsigned periph)
{
	if (!si.up || periph >= si.p.periphs)
		die("no such peripheral request interface", periph);
	return si.acks[periph];
}

uint64_t pl330_si_bytes_written(unsigned ch)
{
	return chan_of(ch)->wr;
}

uint64_t pl330_si_bytes_read(unsigned ch)
{
	return chan_of(ch)->rd;
}

uint64_t pl330_si_insns(unsigned ch)
{
	return chan_of(ch)->insns;
}

unsigned pl330_si_state(unsigned ch)
{
	return chan_of(ch)->state;
}

bool pl330_si_irq(unsigned ev)
{
	if (ev >= MAX_EV)
		return false;
	return ((si.irq_high & si.inten) >> ev) & 1u;
}

bool pl330_si_abort(void)
{
	return si.mgr_state == PL330_SI_FAULTING || fsrc() != 0u;
}

void pl330_si_set_access_hook(void (*hook)(uint32_t off, bool write, void *arg), void *arg)
{
	si.hook = hook;
	si.hook_arg = arg;
}

const char *pl330_si_misuse(void)
{
	return si.misuses ? si.what : NULL;
}

unsigned long pl330_si_misuse_count(void)
{
	return si.misuses;
}

uint32_t pl330_si_peek(uint32_t off)
{
	if (!si.up || off >= WINDOW || (off & 3u))
		return 0;
	return reg_access(off, RD, 0, false);
}

unsigned pl330_si_fifo_bytes(unsigned ch)
{
	return chan_of(ch)->fifo_n;
}

unsigned long pl330_si_sevs(unsigned ev)
{
	return ev < MAX_EV ? si.sevs[ev] : 0u;
}

void pl330_si_end_pc_invalid(bool on)
{
	si.end_pc_invalid = on;
}

void pl330_si_debug_latency(unsigned accesses)
{
	si.dbg_latency = accesses;
}

void pl330_si_debug_busy(unsigned accesses)
{
	si.dbg_busy = accesses;
}
