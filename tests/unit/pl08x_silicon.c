/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Behavioural model of the ARM PrimeCell PL080 / PL081 DMA controller, from
 * the TRMs (ARM DDI 0196 PL080, ARM DDI 0218 PL081). See pl08x_silicon.h for
 * the API and the section numbering used in the comments ("TRM 3.4.19").
 *
 * Model granularity: one source unit (SWidth bytes) at a time. Each unit read
 * goes into the channel FIFO; every whole destination unit (DWidth bytes) in
 * the FIFO is written out at once. So the FIFO only holds data between calls
 * when packing narrow source units into a wider destination unit is
 * incomplete; the A (active) bit reports exactly that.
 */
#include "pl08x_silicon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ordering.h"

#define WINDOW 0x1000u
#define MAX_CH 8u
#define FIFO_BYTES 16u /* TRM 3.8: a four-word FIFO per channel */

/* channel registers written since the channel was last disabled (or reset) */
#define FRESH_SRC 1u
#define FRESH_DST 2u
#define FRESH_LLI 4u
#define FRESH_CTL 8u
#define FRESH_ALL 15u

/* Guard against a linked list of zero-sized items that never moves data. */
#define ZERO_ITEM_LIMIT 4096u

#define CFG_RSVD_080 ((1u << 5) | (1u << 10) | 0xFFF80000u)
#define CFG_FLOW(cfg) (((cfg) >> PL08X_SI_CFG_FLOW_SHIFT) & 7u)
#define CFG_ROUTING (0x3DEu | (7u << PL08X_SI_CFG_FLOW_SHIFT) | PL08X_SI_CFG_L)

struct chan {
	uint32_t src, dst, lli, ctl, cfg; /* cfg without A (computed on read) */
	uint8_t fifo[FIFO_BYTES];
	unsigned fifo_n;
	unsigned src_left; /* source units still to read in the current item */
	unsigned dst_acc;  /* bytes written since TransferSize last counted down */
	unsigned fresh;    /* FRESH_* */
	bool err_pending;
	unsigned long items;
	/* Disabling: E cleared by software, the current AHB transfer not yet
	 * complete; the channel shows enabled for this many more reads. */
	unsigned long stopping;
	/* The lag the next software disable takes (pl08x_si_set_disable_lag). */
	unsigned long lag_next;
};

struct map {
	uint32_t bus;
	uint8_t *host;
	size_t len;
	unsigned masters;
};

static struct {
	uintptr_t base;
	unsigned part, nch;
	uint32_t raw_tc, raw_err, conf, sync;
	struct chan ch[MAX_CH];
	struct map maps[PL08X_SI_MAX_MAPS];
	unsigned nmaps;
	void (*hook)(unsigned long n, uint32_t off, bool write, void *arg);
	void *hook_arg;
	bool in_hook;
	unsigned long reads, writes, misuse;
	bool verbose;
	char what[200];
} si;

/* ------------------------------------------------------------------ misuse */

__attribute__((format(printf, 1, 2))) static void misuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(si.what, sizeof(si.what), fmt, ap);
	va_end(ap);
	si.misuse++;
	if (si.verbose)
		fprintf(stderr, "pl08x-silicon: misuse: %s\n", si.what);
}

/* ------------------------------------------------------------- small helpers */

static bool is_pl080(void)
{
	return si.part == 0x080u;
}

static uint32_t ch_mask(void)
{
	return (1u << si.nch) - 1u;
}

static void check_ch(unsigned n)
{
	if (n >= si.nch) {
		fprintf(stderr, "pl08x-silicon: channel %u does not exist on a PL%03X\n", n,
			si.part);
		abort();
	}
}

/* SWidth/DWidth encodings (TRM 3.4.18): 0 byte, 1 halfword, 2 word, 3-7
 * reserved. The model moves reserved widths as words (misuse is counted). */
static unsigned width_bytes(unsigned code)
{
	return code == 0u ? 1u : code == 1u ? 2u : 4u;
}

static unsigned sw_of(uint32_t ctl)
{
	return width_bytes((ctl >> PL08X_SI_CTL_SW_SHIFT) & 7u);
}

static unsigned dw_of(uint32_t ctl)
{
	return width_bytes((ctl >> PL08X_SI_CTL_DW_SHIFT) & 7u);
}

/* AHB master used for source data, destination data, LLI fetch: 0 = master 1,
 * 1 = master 2 (TRM 3.4.17 LM, 3.4.18 S/D). The PL081 has master 1 only. */
static unsigned src_master(const struct chan *c)
{
	return is_pl080() && (c->ctl & PL08X_SI_CTL_S) ? 1u : 0u;
}

static unsigned dst_master(const struct chan *c)
{
	return is_pl080() && (c->ctl & PL08X_SI_CTL_D) ? 1u : 0u;
}

/* DMACConfiguration M1/M2 (TRM 3.4.13): 1 = that master is big-endian. */
static bool master_be(unsigned m)
{
	return (si.conf >> (1u + m)) & 1u;
}

/* Flow types where the DMAC is the flow controller (TRM 3.4.19 table). */
static bool dmac_flow(uint32_t cfg)
{
	return CFG_FLOW(cfg) <= PL08X_SI_FLOW_P2P;
}

static bool ch_enabled(const struct chan *c)
{
	return (c->cfg & PL08X_SI_CFG_E) != 0u;
}

/* ---------------------------------------------------------------- the bus */

static struct map *bus_find(unsigned master, uint32_t addr, unsigned len)
{
	for (unsigned i = si.nmaps; i-- > 0;) {
		struct map *m = &si.maps[i];

		if (!(m->masters & (1u << master)) || addr < m->bus)
			continue;
		if ((uint64_t)(addr - m->bus) + len <= m->len)
			return m;
	}
	return NULL;
}

/* One AHB transfer of len bytes at addr, bytes in address order. */
static bool bus_xfer(unsigned master, uint32_t addr, unsigned len, uint8_t *buf, bool write)
{
	struct map *m = bus_find(master, addr, len);

	if (!m)
		return false; /* ERROR response */
	if (write)
		ord_dma_write(m->host + (addr - m->bus), buf, len);
	else
		ord_dma_read(buf, m->host + (addr - m->bus), len);
	return true;
}

/* ------------------------------------------------------- channel machinery */

/* TRM 3.4.19 E: disabling loses the data in the FIFO. */
static void chan_disable(unsigned n)
{
	struct chan *c = &si.ch[n];

	c->cfg &= ~PL08X_SI_CFG_E;
	c->fifo_n = 0;
	c->dst_acc = 0;
	c->fresh = 0;
}

/* AHB ERROR on an access of channel n: TRM 3.4.7 / 3.4.19 / 3.7: the error
 * status latches (raw, whatever the IE mask) and the channel is disabled. */
static void bus_error(unsigned n)
{
	si.raw_err |= 1u << n;
	chan_disable(n);
}

/*
 * Start of an item, from a software enable or from an LLI load: the channel
 * takes the registers as they are (TRM 3.2: software programs them before
 * enabling; 3.6: the LLI load writes them). Checks what the TRM forbids.
 */
static void item_begin(unsigned n)
{
	struct chan *c = &si.ch[n];
	uint32_t ctl = c->ctl;
	unsigned ts = ctl & PL08X_SI_CTL_TS_MASK;
	unsigned swc = (ctl >> PL08X_SI_CTL_SW_SHIFT) & 7u;
	unsigned dwc = (ctl >> PL08X_SI_CTL_DW_SHIFT) & 7u;
	unsigned sw = width_bytes(swc), dw = width_bytes(dwc);

	c->fifo_n = 0;
	c->dst_acc = 0;
	c->src_left = ts;

	if (swc > 2u || dwc > 2u)
		misuse("channel %u: reserved SWidth/DWidth %u/%u (TRM 3.4.18: 3-7 reserved)", n,
		       swc, dwc);
	if (dmac_flow(c->cfg)) {
		if (ts == 0u)
			misuse("channel %u: item started with TransferSize 0 while the DMAC is "
			       "flow controller (TRM 3.4.18: the transfer size must be set "
			       "before the channel is enabled)",
			       n);
		else if (sw < dw && (ts * sw) % dw != 0u)
			misuse("channel %u: %u source unit(s) of %u byte(s) do not fill whole "
			       "%u-byte destination units (TRM 3.8 packing); the model "
			       "loses the remainder",
			       n, ts, sw, dw);
	} else if (ts != 0u) {
		misuse("channel %u: TransferSize %u with a peripheral as flow controller "
		       "(TRM 3.4.18: program 0, the DMAC might use a non-zero value)",
		       n, ts);
	}
	if ((c->src & (sw - 1u)) || (c->dst & (dw - 1u)))
		misuse("channel %u: source 0x%08X / destination 0x%08X not aligned to the "
		       "%u/%u-byte transfer width (TRM 3.5; AHB transfers are aligned: the "
		       "model drops the low address bits on the bus)",
		       n, (unsigned)c->src, (unsigned)c->dst, sw, dw);
}

/* The LLI register value as loaded or written, reserved bits checked. */
static uint32_t lli_clean(unsigned n, uint32_t v, const char *from)
{
	uint32_t rsvd = is_pl080() ? 2u : 3u;

	if (v & rsvd)
		misuse("channel %u: %s LLI word 0x%08X has reserved bit(s) set (TRM 3.4.17: "
		       "bit 1 must be 0%s)",
		       n, from, (unsigned)v, is_pl080() ? "" : "; the PL081 has no LM bit");
	return v & ~rsvd;
}

static uint32_t ctl_clean(unsigned n, uint32_t v, const char *from)
{
	uint32_t rsvd = is_pl080() ? 0u : (PL08X_SI_CTL_S | PL08X_SI_CTL_D);

	if (v & rsvd)
		misuse("channel %u: %s Control word 0x%08X sets the master select bits S/D, "
		       "reserved on the single-master PL081",
		       n, from, (unsigned)v);
	return v & ~rsvd;
}

/*
 * TRM 3.6 / appendix C: at the end of an item whose LLI register is not 0 the
 * channel reads the four words at that address (through the LM master) into
 * SrcAddr, DestAddr, LLI, Control, in that order. The model writes each word
 * into its register as it arrives; an ERROR response on any of them disables
 * the channel with the error status latched.
 */
static bool load_lli(unsigned n)
{
	struct chan *c = &si.ch[n];
	unsigned m = is_pl080() ? (c->lli & PL08X_SI_LLI_LM) : 0u;
	uint32_t a = c->lli & ~3u;

	for (unsigned i = 0; i < 4u; i++) {
		uint8_t b[4];
		uint32_t w;

		if (!bus_xfer(m, a + 4u * i, 4u, b, false)) {
			bus_error(n);
			return false;
		}
		if (master_be(m))
			w = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
		else
			w = (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
		switch (i) {
		case 0: c->src = w; break;
		case 1: c->dst = w; break;
		case 2: c->lli = lli_clean(n, w, "loaded"); break;
		default: c->ctl = ctl_clean(n, w, "loaded"); break;
		}
	}
	return true;
}

/*
 * End of the current item. The ordering is the silicon's (TRM 3.4.18 I bit,
 * 3.6, 3.7): the terminal count is that of the item just completed, so the
 * I bit looked at is the one in Control *before* the next LLI is loaded; the
 * raw TC status latches whatever the ITC mask; then the next LLI - the one in
 * the LLI register, loaded when this item started - is fetched, or, with LLI
 * 0, the channel disables itself (E and the DMACEnbldChns bit clear).
 */
static void finish_item(unsigned n)
{
	struct chan *c = &si.ch[n];

	c->items++;
	if (c->fifo_n) {
		misuse("channel %u: item ended with %u byte(s) in the FIFO that do not fill a "
		       "destination unit; they are lost",
		       n, c->fifo_n);
		c->fifo_n = 0;
	}
	c->dst_acc = 0;
	if (dmac_flow(c->cfg))
		c->ctl &= ~PL08X_SI_CTL_TS_MASK;
	if (c->ctl & PL08X_SI_CTL_I)
		si.raw_tc |= 1u << n;
	if (c->lli & ~3u) {
		if (load_lli(n))
			item_begin(n);
	} else {
		chan_disable(n);
	}
}

/*
 * One source unit: read SWidth bytes at SrcAddr into the FIFO, increment
 * SrcAddr if SI (TRM 3.4.15, 3.5), then write out every whole destination
 * unit at DestAddr, incrementing it if DI (3.4.16). TransferSize counts the
 * source units completed on the destination bus (3.4.18: "the number of
 * transfers still to be completed on the destination bus"), so with packing
 * it drops when the destination write happens. Returns false on an ERROR.
 */
static bool move_unit(unsigned n, bool count)
{
	struct chan *c = &si.ch[n];
	unsigned sw = sw_of(c->ctl), dw = dw_of(c->ctl);
	unsigned sm = src_master(c), dm = dst_master(c);
	uint8_t b[4];

	if (c->err_pending) {
		c->err_pending = false;
		bus_error(n);
		return false;
	}
	if (!bus_xfer(sm, c->src & ~(sw - 1u), sw, b, false)) {
		bus_error(n);
		return false;
	}
	if (c->ctl & PL08X_SI_CTL_SI)
		c->src += sw;
	if (count)
		c->src_left--;
	/* Masters of different endianness: the unit keeps its value, so its
	 * bytes swap on the way (an approximation of the byte-lane mapping). */
	for (unsigned i = 0; i < sw; i++)
		c->fifo[c->fifo_n++] = master_be(sm) != master_be(dm) ? b[sw - 1u - i] : b[i];

	while (c->fifo_n >= dw) {
		if (c->err_pending) {
			c->err_pending = false;
			bus_error(n);
			return false;
		}
		if (!bus_xfer(dm, c->dst & ~(dw - 1u), dw, c->fifo, true)) {
			bus_error(n);
			return false;
		}
		memmove(c->fifo, c->fifo + dw, c->fifo_n - dw);
		c->fifo_n -= dw;
		if (c->ctl & PL08X_SI_CTL_DI)
			c->dst += dw;
		if (count) {
			c->dst_acc += dw;
			while (c->dst_acc >= sw && (c->ctl & PL08X_SI_CTL_TS_MASK)) {
				c->dst_acc -= sw;
				c->ctl--; /* TransferSize is bits [11:0] */
			}
		}
	}
	return true;
}

/* TRM 3.2 / 3.4.13 / 3.4.19: the channel moves data only while the controller
 * and the channel are enabled and the channel is not halted. */
static bool runnable(unsigned n)
{
	const struct chan *c = &si.ch[n];

	return (si.conf & PL08X_SI_CONFIG_E) && ch_enabled(c) && !(c->cfg & PL08X_SI_CFG_H) &&
	       c->stopping == 0u;
}

/* Memory-to-memory with the DMAC as flow controller. */
static bool runnable_m2m(unsigned n)
{
	return runnable(n) && CFG_FLOW(si.ch[n].cfg) == PL08X_SI_FLOW_M2M;
}

unsigned pl08x_si_run(unsigned ch, unsigned units)
{
	struct chan *c;
	unsigned moved = 0, idle = 0;

	check_ch(ch);
	c = &si.ch[ch];
	while (moved < units && runnable_m2m(ch)) {
		if (c->src_left == 0u) { /* a zero-sized item (misuse counted) */
			finish_item(ch);
			if (++idle >= ZERO_ITEM_LIMIT)
				break;
			continue;
		}
		if (!move_unit(ch, true))
			break;
		moved++;
		idle = 0;
		if (c->src_left == 0u)
			finish_item(ch);
	}
	return moved;
}

unsigned pl08x_si_run_item(unsigned ch)
{
	struct chan *c;
	unsigned long seq;
	unsigned moved = 0;

	check_ch(ch);
	c = &si.ch[ch];
	seq = c->items;
	while (c->items == seq && runnable_m2m(ch)) {
		if (c->src_left == 0u) {
			finish_item(ch);
			break;
		}
		if (!move_unit(ch, true))
			break;
		moved++;
		if (c->src_left == 0u)
			finish_item(ch);
	}
	return moved;
}

unsigned pl08x_si_run_prio(unsigned units)
{
	unsigned moved = 0, stall = 0;

	while (moved < units) {
		unsigned n, got;

		for (n = 0; n < si.nch && !runnable_m2m(n); n++)
			;
		if (n == si.nch)
			break;
		got = pl08x_si_run(n, 1u);
		moved += got;
		if (got == 0u && ++stall >= ZERO_ITEM_LIMIT)
			break;
	}
	return moved;
}

unsigned pl08x_si_request(unsigned ch, unsigned units, bool last)
{
	struct chan *c;
	unsigned moved = 0;

	check_ch(ch);
	c = &si.ch[ch];
	if (!runnable(ch) || CFG_FLOW(c->cfg) == PL08X_SI_FLOW_M2M)
		return 0;
	if (dmac_flow(c->cfg)) {
		/* DMAC flow control: TransferSize ends the item; last requests are
		 * treated as ordinary ones (appendix B.3). */
		if (c->src_left == 0u) {
			finish_item(ch);
			return 0;
		}
		while (moved < units && c->src_left && runnable(ch)) {
			if (!move_unit(ch, true))
				return moved;
			moved++;
			if (c->src_left == 0u)
				finish_item(ch);
		}
		return moved;
	}
	/* Peripheral flow control: TransferSize is not used; the item ends
	 * after the last request has been served (appendix B.3). */
	while (moved < units) {
		if (!move_unit(ch, false))
			return moved;
		moved++;
	}
	if (last)
		finish_item(ch);
	return moved;
}

void pl08x_si_inject_bus_error(unsigned ch)
{
	check_ch(ch);
	si.ch[ch].err_pending = true;
}

/* ------------------------------------------------------- interrupt status */

/* The channels whose configuration has @p bit (ITC or IE) set. */
static uint32_t channels_with(uint32_t bit)
{
	uint32_t m = 0;

	for (unsigned n = 0; n < si.nch; n++)
		if (si.ch[n].cfg & bit)
			m |= 1u << n;
	return m;
}

/* TRM 3.4.2 / 3.4.4: status = raw status masked by the channels' ITC / IE. */
static uint32_t tc_status(void)
{
	return si.raw_tc & channels_with(PL08X_SI_CFG_ITC);
}

static uint32_t err_status(void)
{
	return si.raw_err & channels_with(PL08X_SI_CFG_IE);
}

bool pl08x_si_irq_tc(void)
{
	return tc_status() != 0u;
}

bool pl08x_si_irq_err(void)
{
	return err_status() != 0u;
}

bool pl08x_si_irq(void)
{
	return (tc_status() | err_status()) != 0u;
}

/* --------------------------------------------------------------- registers */

static const uint8_t pcell_id[4] = {0x0Du, 0xF0u, 0x05u, 0xB1u};

/*
 * TRM 3.4.20: PeriphID0 = part number [7:0], PeriphID1 = designer [3:0] <<4 |
 * part number [11:8], PeriphID2 = revision << 4 | designer [7:4], PeriphID3 =
 * configuration. Designer 0x41 (ARM), revision 0.
 */
static uint32_t periph_id(unsigned i)
{
	switch (i) {
	case 0: return si.part & 0xFFu;
	case 1: return 0x10u | ((si.part >> 8) & 0xFu);
	case 2: return 0x04u;
	default: return is_pl080() ? 0x0Au : 0x00u;
	}
}

static uint32_t chan_read(unsigned n, uint32_t reg)
{
	const struct chan *c = &si.ch[n];

	switch (reg) {
	case PL08X_SI_CSRC: return c->src;
	case PL08X_SI_CDST: return c->dst;
	case PL08X_SI_CLLI: return c->lli;
	case PL08X_SI_CCTL: return c->ctl;
	default: /* CCFG; A = data in the FIFO (TRM 3.4.19) */
		return c->cfg | (ch_enabled(c) && c->fifo_n ? PL08X_SI_CFG_A : 0u);
	}
}

/* Decode an offset: returns the channel (and register) for channel offsets,
 * -1 otherwise; *exists says whether the channel is implemented. */
static int chan_decode(uint32_t off, uint32_t *reg, bool *exists)
{
	unsigned n;

	if (off < 0x100u || off >= 0x200u)
		return -1;
	n = (off - 0x100u) / 0x20u;
	*reg = (off - 0x100u) % 0x20u;
	if (*reg > PL08X_SI_CCFG)
		return -1;
	*exists = n < si.nch;
	return (int)n;
}

/* A driver read of EnbldChns or of a channel's Configuration: time passes
 * for channels finishing their last AHB transfer after a disable. */
static void disable_lag_tick(uint32_t off)
{
	for (unsigned i = 0; i < si.nch; i++) {
		struct chan *c = &si.ch[i];

		if (c->stopping != 0u &&
		    (off == PL08X_SI_ENBLDCHNS || off == PL08X_SI_CH(i) + PL08X_SI_CCFG) &&
		    --c->stopping == 0u) {
			chan_disable(i);
		}
	}
}

static uint32_t reg_read(uint32_t off, bool strict)
{
	uint32_t reg = 0;
	bool exists = false;
	int n;

	if (strict) {
		disable_lag_tick(off);
	}
	n = chan_decode(off, &reg, &exists);

	if (n >= 0) {
		if (exists)
			return chan_read((unsigned)n, reg);
		if (strict)
			misuse("read of channel %d register 0x%03X: the PL%03X has %u channels "
			       "(TRM 3.3: reserved)",
			       n, (unsigned)off, si.part, si.nch);
		return 0;
	}
	switch (off) {
	case PL08X_SI_INTSTATUS: return tc_status() | err_status();
	case PL08X_SI_INTTCSTATUS: return tc_status();
	case PL08X_SI_INTERRSTATUS: return err_status();
	case PL08X_SI_RAWINTTCSTATUS: return si.raw_tc;
	case PL08X_SI_RAWINTERRSTATUS: return si.raw_err;
	case PL08X_SI_ENBLDCHNS: {
		uint32_t v = 0;

		for (unsigned i = 0; i < si.nch; i++)
			if (ch_enabled(&si.ch[i]))
				v |= 1u << i;
		return v;
	}
	case PL08X_SI_SOFTBREQ:
	case PL08X_SI_SOFTSREQ:
	case PL08X_SI_SOFTLBREQ:
	case PL08X_SI_SOFTLSREQ:
		return 0; /* no software request outstanding (none is ever pending) */
	case PL08X_SI_CONFIG: return si.conf;
	case PL08X_SI_SYNC: return si.sync;
	case PL08X_SI_INTTCCLEAR:
	case PL08X_SI_INTERRCLR:
		if (strict)
			misuse("read of write-only register 0x%03X (TRM 3.4.3/3.4.5)", (unsigned)off);
		return 0;
	default:
		break;
	}
	if (off >= 0xFE0u && off < 0xFF0u)
		return periph_id((off - 0xFE0u) / 4u);
	if (off >= 0xFF0u)
		return pcell_id[(off - 0xFF0u) / 4u];
	if (strict) {
		if (off >= 0x500u && off < 0x510u)
			misuse("read of integration test register 0x%03X (TRM chapter 4: test "
			       "use only)",
			       (unsigned)off);
		else
			misuse("read of reserved offset 0x%03X (TRM 3.3)", (unsigned)off);
	}
	return 0;
}

static void chan_write(unsigned n, uint32_t reg, uint32_t v)
{
	struct chan *c = &si.ch[n];
	static const char *const names[4] = {"SrcAddr", "DestAddr", "LLI", "Control"};

	if (reg != PL08X_SI_CCFG) {
		/*
		 * TRM 3.4.15-3.4.18: software programs these before enabling the
		 * channel; 3.4.17: programming LLI while the channel is enabled
		 * has unpredictable side effects. Model: the write is dropped.
		 */
		if (ch_enabled(c)) {
			misuse("write 0x%08X to channel %u %s while the channel is enabled "
			       "(TRM 3.4.15-3.4.18; ignored)",
			       (unsigned)v, n, names[reg / 4u]);
			return;
		}
		switch (reg) {
		case PL08X_SI_CSRC: c->src = v; c->fresh |= FRESH_SRC; break;
		case PL08X_SI_CDST: c->dst = v; c->fresh |= FRESH_DST; break;
		case PL08X_SI_CLLI: c->lli = lli_clean(n, v, "written"); c->fresh |= FRESH_LLI; break;
		default: c->ctl = ctl_clean(n, v, "written"); c->fresh |= FRESH_CTL; break;
		}
		return;
	}

	/* DMACCxConfiguration (TRM 3.4.19) */
	if (v & CFG_RSVD_080)
		misuse("write 0x%08X to channel %u Configuration sets reserved bits (TRM "
		       "3.4.19: bits 5, 10, 31:19)",
		       (unsigned)v, n);
	v &= ~(CFG_RSVD_080 | PL08X_SI_CFG_A); /* A is read-only */
	if (!ch_enabled(c)) {
		c->cfg = v & ~PL08X_SI_CFG_E;
		if (!(v & PL08X_SI_CFG_E))
			return;
		/* Enabling (TRM 3.2 "Enabling a DMA channel", 3.4.19 E). */
		if (!(si.conf & PL08X_SI_CONFIG_E))
			misuse("channel %u enabled while the DMAC is disabled (TRM 3.2: set the "
			       "DMAC Enable bit before enabling any channel); it waits",
			       n);
		c->cfg |= PL08X_SI_CFG_E;
		ord_dma_load();
		item_begin(n);
		/* last, so that pl08x_si_misuse_what() names the root cause */
		if (c->fresh != FRESH_ALL)
			misuse("channel %u enabled without writing%s%s%s%s since it was last "
			       "disabled (TRM 3.4.19: restarting a channel by setting E has "
			       "unpredictable effects, it must be fully re-initialized)",
			       n, (c->fresh & FRESH_SRC) ? "" : " SrcAddr",
			       (c->fresh & FRESH_DST) ? "" : " DestAddr",
			       (c->fresh & FRESH_LLI) ? "" : " LLI",
			       (c->fresh & FRESH_CTL) ? "" : " Control");
		return;
	}
	if (!(v & PL08X_SI_CFG_E)) {
		/* TRM 3.4.19: clearing E lets the current AHB transfer complete,
		 * then disables the channel; FIFO data is lost. On a slow bus
		 * (pl08x_si_set_disable_lag) that takes a while: the channel
		 * moves nothing more but still shows enabled. */
		if (c->stopping != 0u) {
			return;
		}
		if (c->lag_next != 0u) {
			c->stopping = c->lag_next;
			c->lag_next = 0u;
			c->cfg = v | PL08X_SI_CFG_E;
			return;
		}
		c->cfg = v;
		chan_disable(n);
		return;
	}
	/* Enabled and staying enabled: H, masks and the rest take the value. */
	if ((v ^ c->cfg) & CFG_ROUTING)
		misuse("channel %u: peripheral/flow-control/lock fields changed while the "
		       "channel is enabled (TRM 3.2: the channel must be fully initialized "
		       "before it is enabled); applied",
		       n);
	c->cfg = v;
}

static void reg_write(uint32_t off, uint32_t v)
{
	uint32_t reg = 0;
	bool exists = false;
	int n = chan_decode(off, &reg, &exists);

	if (n >= 0) {
		if (exists)
			chan_write((unsigned)n, reg, v);
		else
			misuse("write to channel %d register 0x%03X: the PL%03X has %u channels "
			       "(TRM 3.3: reserved)",
			       n, (unsigned)off, si.part, si.nch);
		return;
	}
	switch (off) {
	case PL08X_SI_INTTCCLEAR:
	case PL08X_SI_INTERRCLR:
		/* TRM 3.4.3 / 3.4.5: 1 clears the channel's raw status, 0 no effect. */
		if (v & ~ch_mask())
			misuse("write 0x%08X to %s sets bits of channels the PL%03X lacks "
			       "(reserved)",
			       (unsigned)v, off == PL08X_SI_INTTCCLEAR ? "IntTCClear" : "IntErrClr",
			       si.part);
		if (off == PL08X_SI_INTTCCLEAR)
			si.raw_tc &= ~v;
		else
			si.raw_err &= ~v;
		return;
	case PL08X_SI_SOFTBREQ:
	case PL08X_SI_SOFTSREQ:
	case PL08X_SI_SOFTLBREQ:
	case PL08X_SI_SOFTLSREQ:
		if (v & 0xFFFF0000u)
			misuse("write 0x%08X to software request register 0x%03X: bits 31:16 "
			       "reserved (TRM 3.4.9-3.4.12)",
			       (unsigned)v, (unsigned)off);
		return; /* accepted; no effect on memory-to-memory channels */
	case PL08X_SI_CONFIG: {
		uint32_t valid = is_pl080() ? 7u : 3u;

		if (v & ~valid)
			misuse("write 0x%08X to DMACConfiguration sets reserved bits (TRM 3.4.13)",
			       (unsigned)v);
		v &= valid;
		if ((si.conf & PL08X_SI_CONFIG_E) && !(v & PL08X_SI_CONFIG_E) &&
		    reg_read(PL08X_SI_ENBLDCHNS, false))
			misuse("DMAC disabled with channels enabled (TRM 3.2 \"Disabling the "
			       "DMAC\": disable every channel first); they freeze");
		if (((v ^ si.conf) & ~PL08X_SI_CONFIG_E & valid) != 0u &&
		    reg_read(PL08X_SI_ENBLDCHNS, false) != 0u)
			misuse("AHB master endianness changed with channels enabled (TRM 3.4.13)");
		si.conf = v;
		return;
	}
	case PL08X_SI_SYNC:
		if (v & 0xFFFF0000u)
			misuse("write 0x%08X to DMACSync: bits 31:16 reserved (TRM 3.4.14)",
			       (unsigned)v);
		si.sync = v & 0xFFFFu;
		return;
	case PL08X_SI_INTSTATUS:
	case PL08X_SI_INTTCSTATUS:
	case PL08X_SI_INTERRSTATUS:
	case PL08X_SI_RAWINTTCSTATUS:
	case PL08X_SI_RAWINTERRSTATUS:
	case PL08X_SI_ENBLDCHNS:
		misuse("write 0x%08X to read-only register 0x%03X (TRM 3.3)", (unsigned)v,
		       (unsigned)off);
		return;
	default:
		break;
	}
	if (off >= 0xFE0u)
		misuse("write to read-only identification register 0x%03X (TRM 3.4.20/3.4.21)",
		       (unsigned)off);
	else if (off >= 0x500u && off < 0x510u)
		misuse("write to integration test register 0x%03X (TRM chapter 4: test use only)",
		       (unsigned)off);
	else
		misuse("write to reserved offset 0x%03X (TRM 3.3)", (unsigned)off);
}

/* ------------------------------------------------------------ mmio entry */

static uint32_t window_off(uintptr_t addr)
{
	if (si.part == 0u || addr < si.base || addr - si.base >= WINDOW) {
		fprintf(stderr, "pl08x-silicon: register access at %#lx outside the model "
			"window\n", (unsigned long)addr);
		abort();
	}
	return (uint32_t)(addr - si.base);
}

static void access_begin(uint32_t off, bool write)
{
	if (si.in_hook)
		return;
	if (write)
		si.writes++;
	else
		si.reads++;
	if (si.hook) {
		si.in_hook = true;
		si.hook(si.reads + si.writes, off, write, si.hook_arg);
		si.in_hook = false;
	}
}

uint32_t dma_mmio_read32(uintptr_t addr)
{
	uint32_t off = window_off(addr);

	access_begin(off, false);
	if (off & 3u) {
		misuse("unaligned register read at offset 0x%03X", (unsigned)off);
		return 0;
	}
	return reg_read(off, true);
}

void dma_mmio_write32(uintptr_t addr, uint32_t value)
{
	uint32_t off = window_off(addr);

	access_begin(off, true);
	if (off & 3u) {
		misuse("unaligned register write at offset 0x%03X", (unsigned)off);
		return;
	}
	reg_write(off, value);
}

/* ------------------------------------------------------------ model control */

void pl08x_si_reset(uintptr_t base, unsigned part)
{
	const char *env = getenv("PL08X_SI_VERBOSE");

	if (part != 0x080u && part != 0x081u) {
		fprintf(stderr, "pl08x-silicon: unknown part 0x%X\n", part);
		abort();
	}
	memset(&si, 0, sizeof(si));
	si.base = base;
	si.part = part;
	si.nch = part == 0x080u ? 8u : 2u;
	si.verbose = env && env[0] && strcmp(env, "0") != 0;
}

void pl08x_si_map_masters(unsigned masters, uint32_t bus, void *host, size_t len)
{
	if (si.nmaps >= PL08X_SI_MAX_MAPS || !host || (uint64_t)bus + len > 0x100000000ull) {
		fprintf(stderr, "pl08x-silicon: cannot map bus 0x%08X + %zu\n", (unsigned)bus, len);
		abort();
	}
	si.maps[si.nmaps++] = (struct map){bus, (uint8_t *)host, len, masters & 3u};
}

void pl08x_si_set_disable_lag(unsigned ch, unsigned long reads)
{
	check_ch(ch);
	si.ch[ch].lag_next = reads;
}

void pl08x_si_map(uint32_t bus, void *host, size_t len)
{
	pl08x_si_map_masters(3u, bus, host, len);
}

uint32_t pl08x_si_bus_of(const void *host)
{
	uintptr_t h = (uintptr_t)host;

	for (unsigned i = si.nmaps; i-- > 0;) {
		const struct map *m = &si.maps[i];
		uintptr_t start = (uintptr_t)m->host;

		if (h >= start && h - start < m->len)
			return m->bus + (uint32_t)(h - start);
	}
	fprintf(stderr, "pl08x-silicon: host pointer %p is not mapped\n", host);
	abort();
}

void pl08x_si_set_access_hook(void (*fn)(unsigned long n, uint32_t off, bool write, void *arg),
			      void *arg)
{
	si.hook = fn;
	si.hook_arg = arg;
}

unsigned long pl08x_si_reads(void)
{
	return si.reads;
}

unsigned long pl08x_si_writes(void)
{
	return si.writes;
}

unsigned long pl08x_si_misuse(void)
{
	return si.misuse;
}

const char *pl08x_si_misuse_what(void)
{
	return si.what;
}

void pl08x_si_set_verbose(bool on)
{
	si.verbose = on;
}

uint32_t pl08x_si_peek(uint32_t off)
{
	if (off >= WINDOW || (off & 3u))
		return 0;
	return reg_read(off, false);
}

unsigned pl08x_si_channels(void)
{
	return si.nch;
}

unsigned pl08x_si_fifo_bytes(unsigned ch)
{
	check_ch(ch);
	return si.ch[ch].fifo_n;
}

unsigned long pl08x_si_items(unsigned ch)
{
	check_ch(ch);
	return si.ch[ch].items;
}
