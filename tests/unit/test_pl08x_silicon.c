/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Self-test of the PL080/PL081 silicon model (pl08x_silicon.c): drives it with
 * hand-written register sequences, as the TRM's programming steps describe
 * them (ARM DDI 0196 section 3.2, 3.6), through dma_mmio_read32/write32 and
 * never through a driver. Prints "PASS name" or "FAIL name: expected X, got Y"
 * per check, then "pl08x-silicon: N passed, N failed"; exit status 0 only if
 * nothing failed.
 */
#include <stdio.h>
#include <string.h>

#include "pl08x_silicon.h"

#define BASE ((uintptr_t)0x10140000u) /* never dereferenced: decodes mmio only */
#define BUS 0x20000000u               /* where mem[] appears to the DMA */
#define MEMSZ 0x10000u
#define SRC 0x0000u /* offsets in mem[] */
#define DST 0x4000u
#define LLIS 0x8000u
#define UNMAPPED 0x70000000u

static uint8_t mem[MEMSZ];
static unsigned npass, nfail;

/* ------------------------------------------------------------ test helpers */

static void check(const char *name, unsigned long long expected, unsigned long long got)
{
	if (expected == got) {
		npass++;
		printf("PASS %s\n", name);
	} else {
		nfail++;
		printf("FAIL %s: expected 0x%llx, got 0x%llx\n", name, expected, got);
	}
}

static void check_mem(const char *name, const void *expected, const void *got, size_t n)
{
	size_t i;

	for (i = 0; i < n && ((const uint8_t *)expected)[i] == ((const uint8_t *)got)[i]; i++)
		;
	if (i == n) {
		npass++;
		printf("PASS %s\n", name);
	} else {
		nfail++;
		printf("FAIL %s: expected byte %zu = 0x%02x, got 0x%02x\n", name, i,
		       ((const uint8_t *)expected)[i], ((const uint8_t *)got)[i]);
	}
}

static uint32_t rd(uint32_t off)
{
	return dma_mmio_read32(BASE + off);
}

static void wr(uint32_t off, uint32_t v)
{
	dma_mmio_write32(BASE + off, v);
}

static uint32_t chreg(unsigned ch, uint32_t reg)
{
	return PL08X_SI_CH(ch) + reg;
}

static uint32_t bus(uint32_t off)
{
	return pl08x_si_bus_of(&mem[off]);
}

static void put32(uint32_t off, uint32_t v, bool big_endian)
{
	for (unsigned i = 0; i < 4; i++)
		mem[off + i] = (uint8_t)(big_endian ? v >> (24 - 8 * i) : v >> (8 * i));
}

/* An LLI in memory: the four words in TRM 3.6 order. */
static void put_lli(uint32_t off, uint32_t src, uint32_t dst, uint32_t next, uint32_t ctl,
		    bool big_endian)
{
	put32(off, src, big_endian);
	put32(off + 4, dst, big_endian);
	put32(off + 8, next, big_endian);
	put32(off + 12, ctl, big_endian);
}

static uint32_t ctl(unsigned ts, unsigned sw, unsigned dw, bool irq)
{
	return ts | sw << PL08X_SI_CTL_SW_SHIFT | dw << PL08X_SI_CTL_DW_SHIFT |
	       PL08X_SI_CTL_SI | PL08X_SI_CTL_DI | (irq ? PL08X_SI_CTL_I : 0u);
}

static void fill_src(void)
{
	for (unsigned i = 0; i < 0x4000u; i++)
		mem[SRC + i] = (uint8_t)(i * 7u + 3u);
}

/* Reset, map memory, enable the DMAC (TRM 3.2 "Enabling the DMAC"). */
static void setup(unsigned part)
{
	pl08x_si_reset(BASE, part);
	memset(mem, 0, sizeof(mem));
	fill_src();
	pl08x_si_map(BUS, mem, sizeof(mem));
	wr(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E);
}

/* TRM 3.2 "Programming a DMA channel" steps 2-7. */
static void program(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t control,
		    uint32_t cfg)
{
	wr(PL08X_SI_INTTCCLEAR, 1u << ch);
	wr(PL08X_SI_INTERRCLR, 1u << ch);
	wr(chreg(ch, PL08X_SI_CSRC), src);
	wr(chreg(ch, PL08X_SI_CDST), dst);
	wr(chreg(ch, PL08X_SI_CLLI), lli);
	wr(chreg(ch, PL08X_SI_CCTL), control);
	wr(chreg(ch, PL08X_SI_CCFG), cfg);
}

#define CFG_ON (PL08X_SI_CFG_E | PL08X_SI_CFG_IE | PL08X_SI_CFG_ITC)

static bool enabled(unsigned ch)
{
	return (rd(chreg(ch, PL08X_SI_CCFG)) & PL08X_SI_CFG_E) != 0u;
}

static bool active(unsigned ch)
{
	return (rd(chreg(ch, PL08X_SI_CCFG)) & PL08X_SI_CFG_A) != 0u;
}

/* ------------------------------------------------------------------ tests */

static void test_ids(void)
{
	static const uint32_t pcell[4] = {0x0D, 0xF0, 0x05, 0xB1};
	static const uint32_t id080[4] = {0x80, 0x10, 0x04, 0x0A};
	static const uint32_t id081[4] = {0x81, 0x10, 0x04, 0x00};
	char name[64];
	uint32_t id[4];
	unsigned long m;

	setup(0x080);
	for (unsigned i = 0; i < 4; i++) {
		id[i] = rd(PL08X_SI_PERIPHID(i));
		snprintf(name, sizeof(name), "ids.pl080.periphid%u", i);
		check(name, id080[i], id[i]);
		snprintf(name, sizeof(name), "ids.pl080.pcellid%u", i);
		check(name, pcell[i], rd(PL08X_SI_PCELLID(i)));
	}
	check("ids.pl080.part", 0x080, (id[1] & 0xFu) << 8 | id[0]);
	check("ids.pl080.designer_arm", 0x41, (id[2] & 0xFu) << 4 | id[1] >> 4);
	check("ids.pl080.revision", 0, id[2] >> 4);
	check("ids.pl080.channels", 8, pl08x_si_channels());
	check("ids.pl080.reset_config", 0, pl08x_si_peek(chreg(7, PL08X_SI_CCFG)));

	setup(0x081);
	for (unsigned i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "ids.pl081.periphid%u", i);
		check(name, id081[i], rd(PL08X_SI_PERIPHID(i)));
	}
	check("ids.pl081.channels", 2, pl08x_si_channels());
	m = pl08x_si_misuse();
	check("ids.pl081.channel2_reads_0", 0, rd(chreg(2, PL08X_SI_CSRC)));
	check("ids.pl081.channel2_is_reserved", m + 1, pl08x_si_misuse());
	check("ids.no_misuse_before", 0, m);
}

static void test_single_copy(void)
{
	unsigned moved;

	setup(0x080);
	program(0, bus(SRC), bus(DST), 0, ctl(16, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("single.enbldchns_after_enable", 1, rd(PL08X_SI_ENBLDCHNS));
	check("single.no_data_moved_at_enable", 0, mem[DST + 5]);
	check("single.no_irq_before_run", 0, pl08x_si_irq());
	moved = pl08x_si_run(0, 100);
	check("single.units_moved", 16, moved);
	check_mem("single.data", &mem[SRC], &mem[DST], 64);
	check("single.dst_untouched_after", 0, mem[DST + 64]);
	check("single.raw_tc", 1, rd(PL08X_SI_RAWINTTCSTATUS));
	check("single.tc_status", 1, rd(PL08X_SI_INTTCSTATUS));
	check("single.int_status", 1, rd(PL08X_SI_INTSTATUS));
	check("single.no_error", 0, rd(PL08X_SI_RAWINTERRSTATUS));
	check("single.irq_tc", 1, pl08x_si_irq_tc());
	check("single.irq", 1, pl08x_si_irq());
	check("single.irq_err", 0, pl08x_si_irq_err());
	check("single.disabled", 0, enabled(0));
	check("single.enbldchns_cleared", 0, rd(PL08X_SI_ENBLDCHNS));
	check("single.transfersize_0", 0, rd(chreg(0, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("single.srcaddr_end", bus(SRC) + 64, rd(chreg(0, PL08X_SI_CSRC)));
	check("single.dstaddr_end", bus(DST) + 64, rd(chreg(0, PL08X_SI_CDST)));
	check("single.run_after_done", 0, pl08x_si_run(0, 10));
	wr(PL08X_SI_INTTCCLEAR, 1);
	check("single.tc_cleared", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	check("single.irq_low_after_clear", 0, pl08x_si_irq());

	/* Same copy with I clear: the data moves, no terminal count. */
	memset(&mem[DST], 0, 64);
	program(3, bus(SRC), bus(DST), 0, ctl(16, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, false),
		CFG_ON);
	check("single_noi.units_moved", 16, pl08x_si_run(3, 100));
	check_mem("single_noi.data", &mem[SRC], &mem[DST], 64);
	check("single_noi.no_raw_tc", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	check("single_noi.disabled", 0, enabled(3));
	check("single_noi.items", 1, pl08x_si_items(3));
	check("single.misuse", 0, pl08x_si_misuse());
}

static void test_chain(void)
{
	uint32_t c0 = ctl(8, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, false);
	uint32_t c1 = ctl(4, PL08X_SI_WIDTH_16, PL08X_SI_WIDTH_16, false);
	uint32_t c2 = ctl(12, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_8, true);
	unsigned moved;

	setup(0x080);
	put_lli(LLIS + 0x10, bus(SRC + 0x100), bus(DST + 0x100), bus(LLIS + 0x20), c1, false);
	put_lli(LLIS + 0x20, bus(SRC + 0x200), bus(DST + 0x200), 0, c2, false);
	program(1, bus(SRC), bus(DST), bus(LLIS + 0x10), c0, CFG_ON);

	moved = pl08x_si_run_item(1);
	check("chain.item0_units", 8, moved);
	check("chain.item0_no_tc", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	/* the next LLI is loaded at the end of the item (TRM 3.6) */
	check("chain.loaded_src", bus(SRC + 0x100), rd(chreg(1, PL08X_SI_CSRC)));
	check("chain.loaded_dst", bus(DST + 0x100), rd(chreg(1, PL08X_SI_CDST)));
	check("chain.loaded_lli", bus(LLIS + 0x20), rd(chreg(1, PL08X_SI_CLLI)));
	check("chain.loaded_ctl", c1, rd(chreg(1, PL08X_SI_CCTL)));
	check("chain.still_enabled", 1, enabled(1));

	moved = pl08x_si_run(1, 1000);
	check("chain.rest_units", 4 + 12, moved);
	check_mem("chain.data0", &mem[SRC], &mem[DST], 32);
	check_mem("chain.data1", &mem[SRC + 0x100], &mem[DST + 0x100], 8);
	check_mem("chain.data2", &mem[SRC + 0x200], &mem[DST + 0x200], 12);
	check("chain.gap_untouched", 0, mem[DST + 0x108]);
	check("chain.tc_from_last_item", 2, rd(PL08X_SI_RAWINTTCSTATUS));
	check("chain.items", 3, pl08x_si_items(1));
	check("chain.disabled", 0, enabled(1));
	check("chain.lli_0", 0, rd(chreg(1, PL08X_SI_CLLI)));
	check("chain.misuse", 0, pl08x_si_misuse());

	/*
	 * The channel follows the LLI register, loaded when the item started:
	 * patching the next pointer of the item in progress in memory is not
	 * seen; patching an item not yet loaded is.
	 */
	setup(0x080);
	put_lli(LLIS + 0x10, bus(SRC + 0x100), bus(DST + 0x100), bus(LLIS + 0x20), c1, false);
	put_lli(LLIS + 0x20, bus(SRC + 0x200), bus(DST + 0x200), 0, c2, false);
	program(1, bus(SRC), bus(DST), bus(LLIS + 0x10), c0, CFG_ON);
	pl08x_si_run_item(1);                 /* item 1 (LLIS+0x10) now in progress */
	put32(LLIS + 0x10 + 8, 0, false);     /* too late for item 1 */
	put32(LLIS + 0x20 + 12, c2 & ~PL08X_SI_CTL_I, false); /* in time for item 2 */
	pl08x_si_run(1, 1000);
	check("chain_patch.late_next_ignored", 3, pl08x_si_items(1));
	check("chain_patch.early_patch_seen", 0, rd(PL08X_SI_RAWINTTCSTATUS));
}

static void test_countdown(void)
{
	setup(0x080);
	program(2, bus(SRC), bus(DST), 0, ctl(32, PL08X_SI_WIDTH_16, PL08X_SI_WIDTH_16, true),
		CFG_ON);
	check("countdown.units", 5, pl08x_si_run(2, 5));
	check("countdown.transfersize", 27, rd(chreg(2, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("countdown.srcaddr", bus(SRC) + 10, rd(chreg(2, PL08X_SI_CSRC)));
	check("countdown.dstaddr", bus(DST) + 10, rd(chreg(2, PL08X_SI_CDST)));
	check("countdown.enabled", 1, enabled(2));
	check("countdown.no_tc_yet", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	check("countdown.other_bits_kept", ctl(27, PL08X_SI_WIDTH_16, PL08X_SI_WIDTH_16, true),
	      rd(chreg(2, PL08X_SI_CCTL)));
	check("countdown.rest", 27, pl08x_si_run(2, 100));
	check_mem("countdown.data", &mem[SRC], &mem[DST], 64);
	check("countdown.tc", 4, rd(PL08X_SI_RAWINTTCSTATUS));
}

static void test_halt(void)
{
	uint32_t cfg;

	setup(0x080);
	program(2, bus(SRC), bus(DST), 0, ctl(20, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("halt.first_part", 7, pl08x_si_run(2, 7));
	cfg = rd(chreg(2, PL08X_SI_CCFG));
	wr(chreg(2, PL08X_SI_CCFG), cfg | PL08X_SI_CFG_H); /* TRM 3.2 "Halting" */
	check("halt.nothing_moves", 0, pl08x_si_run(2, 100));
	check("halt.nothing_moves_item", 0, pl08x_si_run_item(2));
	check("halt.active_0", 0, active(2));
	check("halt.still_enabled", 1, enabled(2));
	check("halt.enbldchns", 4, rd(PL08X_SI_ENBLDCHNS));
	check("halt.transfersize", 13, rd(chreg(2, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("halt.dst_stops", 0, mem[DST + 28]);
	cfg = rd(chreg(2, PL08X_SI_CCFG));
	wr(chreg(2, PL08X_SI_CCFG), cfg & ~PL08X_SI_CFG_H);
	check("halt.resume_rest", 13, pl08x_si_run(2, 100));
	check_mem("halt.data", &mem[SRC], &mem[DST], 80);
	check("halt.done", 0, enabled(2));
	check("halt.tc", 4, rd(PL08X_SI_RAWINTTCSTATUS));
	check("halt.misuse", 0, pl08x_si_misuse());
}

/*
 * A disable on a slow bus (the model's disable lag): clearing E stops the
 * data at once, but the channel shows enabled (EnbldChns and its E bit)
 * until its last AHB transfer completes, and a write to its registers
 * meanwhile is misuse.
 */
static void test_disable_lag(void)
{
	uint32_t cfg;

	setup(0x081);
	program(0, bus(SRC), bus(DST), 0, ctl(20, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("lag.first_part", 5, pl08x_si_run(0, 5));
	pl08x_si_set_disable_lag(0, 3);
	cfg = rd(chreg(0, PL08X_SI_CCFG)); /* not counted: no disable yet */
	wr(chreg(0, PL08X_SI_CCFG), cfg & ~PL08X_SI_CFG_E);
	check("lag.nothing_moves", 0, pl08x_si_run(0, 100));
	check("lag.enbldchns_1", 1, rd(PL08X_SI_ENBLDCHNS));
	check("lag.e_bit_2", 1, enabled(0));
	check("lag.write_while_stopping_misuse", 0, pl08x_si_misuse());
	wr(chreg(0, PL08X_SI_CSRC), bus(SRC));
	check("lag.write_while_stopping_misuse", 1, pl08x_si_misuse());
	check("lag.off_at_3", 0, rd(PL08X_SI_ENBLDCHNS));
	check("lag.dst_stopped", 0, mem[DST + 20]);
	check_mem("lag.data", &mem[SRC], &mem[DST], 20);
	/* The lag is for one disable: the next is at once. */
	program(0, bus(SRC), bus(DST), 0, ctl(20, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	wr(chreg(0, PL08X_SI_CCFG), CFG_ON & ~PL08X_SI_CFG_E);
	check("lag.next_disable_at_once", 0, rd(PL08X_SI_ENBLDCHNS));
}

static void test_ring(void)
{
	uint32_t c0 = ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true);
	uint32_t c1 = ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, false);
	unsigned tcs = 0, wrong = 0;

	setup(0x080);
	put_lli(LLIS + 0x00, bus(SRC), bus(DST), bus(LLIS + 0x10), c0, false);
	put_lli(LLIS + 0x10, bus(SRC + 16), bus(DST + 16), bus(LLIS + 0x00), c1, false);
	program(4, bus(SRC), bus(DST), bus(LLIS + 0x10), c0, CFG_ON); /* = LLI 0 */
	for (unsigned k = 0; k < 10; k++) {
		uint32_t raw;

		pl08x_si_run_item(4);
		raw = rd(PL08X_SI_RAWINTTCSTATUS);
		if (raw != ((k % 2u == 0u) ? 0x10u : 0u))
			wrong++;
		if (raw) {
			tcs++;
			wr(PL08X_SI_INTTCCLEAR, raw);
		}
	}
	check("ring.tc_only_on_i_items", 0, wrong);
	check("ring.tc_count", 5, tcs);
	check("ring.items", 10, pl08x_si_items(4));
	check("ring.still_enabled", 1, enabled(4));
	check("ring.runs_on", 100000, pl08x_si_run(4, 100000));
	check("ring.still_enabled_after", 1, enabled(4));
	check("ring.tc_pending", 0x10, rd(PL08X_SI_RAWINTTCSTATUS));
	check_mem("ring.data", &mem[SRC], &mem[DST], 32);
	wr(chreg(4, PL08X_SI_CCFG), rd(chreg(4, PL08X_SI_CCFG)) & ~PL08X_SI_CFG_E);
	check("ring.stopped_by_clearing_e", 0, rd(PL08X_SI_ENBLDCHNS));
	check("ring.misuse", 0, pl08x_si_misuse());
}

static void test_itc_mask(void)
{
	setup(0x080);
	program(5, bus(SRC), bus(DST), 0, ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		PL08X_SI_CFG_E | PL08X_SI_CFG_IE); /* ITC = 0: TC masked */
	check("itc.units", 4, pl08x_si_run(5, 10));
	check("itc.raw_set", 0x20, rd(PL08X_SI_RAWINTTCSTATUS));
	check("itc.status_masked", 0, rd(PL08X_SI_INTTCSTATUS));
	check("itc.intstatus_masked", 0, rd(PL08X_SI_INTSTATUS));
	check("itc.line_low", 0, pl08x_si_irq_tc());
	check("itc.combined_low", 0, pl08x_si_irq());
	wr(chreg(5, PL08X_SI_CCFG), PL08X_SI_CFG_IE | PL08X_SI_CFG_ITC); /* unmask, E = 0 */
	check("itc.status_after_unmask", 0x20, rd(PL08X_SI_INTTCSTATUS));
	check("itc.line_after_unmask", 1, pl08x_si_irq_tc());
	wr(PL08X_SI_INTTCCLEAR, 0x20);
	check("itc.cleared", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	check("itc.misuse", 0, pl08x_si_misuse());
}

static void test_bus_errors(void)
{
	setup(0x080);
	/* source not mapped */
	program(6, UNMAPPED, bus(DST), 0, ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("buserr.src_units", 0, pl08x_si_run(6, 10));
	check("buserr.raw_err", 0x40, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.err_status", 0x40, rd(PL08X_SI_INTERRSTATUS));
	check("buserr.intstatus", 0x40, rd(PL08X_SI_INTSTATUS));
	check("buserr.irq_err", 1, pl08x_si_irq_err());
	check("buserr.irq", 1, pl08x_si_irq());
	check("buserr.no_tc", 0, rd(PL08X_SI_RAWINTTCSTATUS));
	check("buserr.disabled", 0, enabled(6));
	check("buserr.enbldchns", 0, rd(PL08X_SI_ENBLDCHNS));
	wr(PL08X_SI_INTERRCLR, 0x40);
	check("buserr.cleared", 0, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.irq_low", 0, pl08x_si_irq());

	/* destination runs off the end of the map after two words */
	program(6, bus(SRC), BUS + MEMSZ - 8, 0, ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("buserr.dst_units", 2, pl08x_si_run(6, 10));
	check("buserr.dst_raw_err", 0x40, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.dst_transfersize_left", 2, rd(chreg(6, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("buserr.dst_dstaddr", BUS + MEMSZ, rd(chreg(6, PL08X_SI_CDST)));
	check_mem("buserr.dst_first_words", &mem[SRC], &mem[MEMSZ - 8], 8);
	check("buserr.dst_disabled", 0, enabled(6));

	/* injected ERROR response on the next data access */
	program(7, bus(SRC), bus(DST), 0, ctl(8, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("buserr.inject_before", 3, pl08x_si_run(7, 3));
	pl08x_si_inject_bus_error(7);
	check("buserr.inject_units", 0, pl08x_si_run(7, 10));
	check("buserr.inject_raw_err", 0xC0, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.inject_transfersize", 5, rd(chreg(7, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("buserr.inject_disabled", 0, enabled(7));
	wr(PL08X_SI_INTERRCLR, 0xC0);

	/* LLI fetch from an unmapped address, after an item with I set */
	program(0, bus(SRC), bus(DST), UNMAPPED, ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("buserr.lli_units", 4, pl08x_si_run(0, 10));
	check("buserr.lli_tc_of_finished_item", 1, rd(PL08X_SI_RAWINTTCSTATUS));
	check("buserr.lli_raw_err", 1, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.lli_disabled", 0, enabled(0));

	/* IE clear masks the error status, not the raw status */
	wr(PL08X_SI_INTERRCLR, 1);
	program(0, UNMAPPED, bus(DST), 0, ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, false),
		PL08X_SI_CFG_E | PL08X_SI_CFG_ITC);
	pl08x_si_run(0, 10);
	check("buserr.ie_masked_raw", 1, rd(PL08X_SI_RAWINTERRSTATUS));
	check("buserr.ie_masked_status", 0, rd(PL08X_SI_INTERRSTATUS));
	check("buserr.ie_masked_line", 0, pl08x_si_irq_err());
	check("buserr.misuse", 0, pl08x_si_misuse());
}

static void test_mixed_widths(void)
{
	setup(0x080);
	/* byte source, word destination: packing in the FIFO */
	program(0, bus(SRC), bus(DST), 0, ctl(8, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	check("mixed.b2w_three_bytes", 3, pl08x_si_run(0, 3));
	check("mixed.b2w_active", 1, active(0));
	check("mixed.b2w_fifo", 3, pl08x_si_fifo_bytes(0));
	check("mixed.b2w_transfersize_dest_view", 8,
	      rd(chreg(0, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("mixed.b2w_srcaddr", bus(SRC) + 3, rd(chreg(0, PL08X_SI_CSRC)));
	check("mixed.b2w_dstaddr", bus(DST), rd(chreg(0, PL08X_SI_CDST)));
	check("mixed.b2w_nothing_written", 0, mem[DST]);
	check("mixed.b2w_fourth", 1, pl08x_si_run(0, 1));
	check("mixed.b2w_transfersize", 4, rd(chreg(0, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("mixed.b2w_inactive", 0, active(0));
	check("mixed.b2w_dstaddr_word", bus(DST) + 4, rd(chreg(0, PL08X_SI_CDST)));
	check("mixed.b2w_rest", 4, pl08x_si_run(0, 100));
	check_mem("mixed.b2w_data", &mem[SRC], &mem[DST], 8);
	check("mixed.b2w_done", 0, enabled(0));

	/* word source, byte destination: unpacking */
	memset(&mem[DST], 0, 16);
	program(1, bus(SRC), bus(DST), 0, ctl(3, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_8, true),
		CFG_ON);
	check("mixed.w2b_one_word", 1, pl08x_si_run(1, 1));
	check("mixed.w2b_transfersize", 2, rd(chreg(1, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("mixed.w2b_dstaddr", bus(DST) + 4, rd(chreg(1, PL08X_SI_CDST)));
	check("mixed.w2b_rest", 2, pl08x_si_run(1, 100));
	check_mem("mixed.w2b_data", &mem[SRC], &mem[DST], 12);

	/* halfword source, word destination, fixed source address (SI = 0) */
	memset(&mem[DST], 0, 16);
	program(2, bus(SRC), bus(DST), 0,
		ctl(4, PL08X_SI_WIDTH_16, PL08X_SI_WIDTH_32, false) & ~PL08X_SI_CTL_SI, CFG_ON);
	check("mixed.h2w_fixed_src", 4, pl08x_si_run(2, 100));
	check_mem("mixed.h2w_word0", &mem[SRC], &mem[DST], 2);
	check_mem("mixed.h2w_word0_hi", &mem[SRC], &mem[DST + 2], 2);
	check_mem("mixed.h2w_word1", &mem[SRC], &mem[DST + 6], 2);
	check("mixed.h2w_srcaddr_fixed", bus(SRC), rd(chreg(2, PL08X_SI_CSRC)));
	check("mixed.misuse", 0, pl08x_si_misuse());

	/* clearing E with data in the FIFO loses it (TRM 3.4.19) */
	memset(&mem[DST], 0, 16);
	program(0, bus(SRC), bus(DST), 0, ctl(8, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_32, true),
		CFG_ON);
	pl08x_si_run(0, 3);
	wr(chreg(0, PL08X_SI_CCFG), rd(chreg(0, PL08X_SI_CCFG)) & ~PL08X_SI_CFG_E);
	check("mixed.disable_drops_fifo", 0, pl08x_si_fifo_bytes(0));
	check("mixed.disable_inactive", 0, active(0));
	check("mixed.disable_nothing_written", 0, mem[DST]);
	check("mixed.disable_no_tc", 0, rd(PL08X_SI_RAWINTTCSTATUS) & 1u);
}

/* Hook that completes channel 0's item just before a Configuration write. */
static void finish_before_cfg_write(unsigned long n, uint32_t off, bool write, void *arg)
{
	(void)n;
	(void)arg;
	if (write && off == chreg(0, PL08X_SI_CCFG))
		pl08x_si_run_item(0);
}

static void test_misuse(void)
{
	unsigned long m;
	uint32_t c = ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true), cfg;

	setup(0x080);
	program(0, bus(SRC), bus(DST), 0, c, CFG_ON);
	pl08x_si_run(0, 1);
	m = pl08x_si_misuse();
	wr(chreg(0, PL08X_SI_CCTL), ctl(100, 0, 0, false));
	check("misuse.control_while_enabled", m + 1, pl08x_si_misuse());
	check("misuse.control_kept", ctl(3, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true),
	      rd(chreg(0, PL08X_SI_CCTL)));
	wr(chreg(0, PL08X_SI_CLLI), bus(LLIS));
	check("misuse.lli_while_enabled", m + 2, pl08x_si_misuse());
	check("misuse.lli_kept", 0, rd(chreg(0, PL08X_SI_CLLI)));
	pl08x_si_run(0, 10);

	/* re-enabling a finished channel without re-initializing it */
	m = pl08x_si_misuse();
	wr(chreg(0, PL08X_SI_CCFG), CFG_ON);
	check("misuse.reenable_without_init", m + 2, pl08x_si_misuse()); /* + TransferSize 0 */
	check("misuse.zero_item_completes", 0, pl08x_si_run(0, 10));
	check("misuse.zero_item_disabled", 0, enabled(0));

	/* enabling a channel while the DMAC is disabled: it waits */
	wr(PL08X_SI_CONFIG, 0);
	m = pl08x_si_misuse();
	program(1, bus(SRC), bus(DST), 0, c, CFG_ON);
	check("misuse.enable_with_dmac_off", m + 1, pl08x_si_misuse());
	check("misuse.dmac_off_no_progress", 0, pl08x_si_run(1, 10));
	wr(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E);
	check("misuse.dmac_on_progress", 4, pl08x_si_run(1, 10));

	/* disabling the DMAC with a channel enabled */
	program(1, bus(SRC), bus(DST), 0, c, CFG_ON);
	m = pl08x_si_misuse();
	wr(PL08X_SI_CONFIG, 0);
	check("misuse.dmac_off_with_channel", m + 1, pl08x_si_misuse());
	wr(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E);
	pl08x_si_run(1, 10);

	/*
	 * The pause race: read Configuration, the item completes (channel
	 * disables itself), write it back with H set: E = 1 re-enables a
	 * channel that was not re-initialized.
	 */
	program(0, bus(SRC), bus(DST), 0, c, CFG_ON);
	pl08x_si_set_access_hook(finish_before_cfg_write, NULL);
	cfg = rd(chreg(0, PL08X_SI_CCFG));
	m = pl08x_si_misuse();
	wr(chreg(0, PL08X_SI_CCFG), cfg | PL08X_SI_CFG_H);
	pl08x_si_set_access_hook(NULL, NULL);
	check("misuse.pause_race_detected", 1, pl08x_si_misuse() > m);
	check("misuse.pause_race_text", 1,
	      strstr(pl08x_si_misuse_what(), "re-initialized") != NULL);

	/* reserved fields and registers */
	m = pl08x_si_misuse();
	wr(chreg(3, PL08X_SI_CLLI), bus(LLIS) | 2u);
	check("misuse.lli_bit1", m + 1, pl08x_si_misuse());
	check("misuse.lli_bit1_masked", bus(LLIS), rd(chreg(3, PL08X_SI_CLLI)));
	wr(PL08X_SI_RAWINTTCSTATUS, 1);
	check("misuse.write_read_only", m + 2, pl08x_si_misuse());
	rd(PL08X_SI_INTTCCLEAR);
	check("misuse.read_write_only", m + 3, pl08x_si_misuse());
	rd(0x040);
	check("misuse.reserved_offset", m + 4, pl08x_si_misuse());
	/* unaligned addresses */
	program(3, bus(SRC) + 2, bus(DST), 0, c, CFG_ON);
	check("misuse.unaligned_src", m + 5, pl08x_si_misuse());
	/* packing remainder: 3 bytes into words */
	program(4, bus(SRC), bus(DST), 0, ctl(3, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_32, false),
		CFG_ON);
	check("misuse.packing_remainder", m + 6, pl08x_si_misuse());

	setup(0x081);
	m = pl08x_si_misuse();
	wr(chreg(0, PL08X_SI_CLLI), bus(LLIS) | PL08X_SI_LLI_LM);
	check("misuse.pl081_lm_reserved", m + 1, pl08x_si_misuse());
	wr(chreg(0, PL08X_SI_CCTL), c | PL08X_SI_CTL_S);
	check("misuse.pl081_s_reserved", m + 2, pl08x_si_misuse());
	check("misuse.pl081_s_masked", c, rd(chreg(0, PL08X_SI_CCTL)));
	wr(PL08X_SI_INTTCCLEAR, 0xFF);
	check("misuse.pl081_clear_reserved_bits", m + 3, pl08x_si_misuse());
	wr(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E | PL08X_SI_CONFIG_M2);
	check("misuse.pl081_no_m2", m + 4, pl08x_si_misuse());
}

static unsigned long hook_calls, hook_last_n;
static uint32_t hook_last_off;
static bool hook_last_write;

static void count_hook(unsigned long n, uint32_t off, bool write, void *arg)
{
	hook_calls++;
	hook_last_n = n;
	hook_last_off = off;
	hook_last_write = write;
	(void)dma_mmio_read32(BASE + PL08X_SI_ENBLDCHNS); /* not counted, no recursion */
	*(unsigned *)arg += 1;
}

static void test_hook(void)
{
	unsigned arg = 0;

	setup(0x080); /* one write: DMACConfiguration */
	check("hook.writes_after_setup", 1, pl08x_si_writes());
	pl08x_si_set_access_hook(count_hook, &arg);
	rd(PL08X_SI_ENBLDCHNS);
	rd(PL08X_SI_CONFIG);
	wr(PL08X_SI_SYNC, 0);
	check("hook.calls", 3, hook_calls);
	check("hook.arg", 3, arg);
	check("hook.n_running", 4, hook_last_n);
	check("hook.last_off", PL08X_SI_SYNC, hook_last_off);
	check("hook.last_write", 1, hook_last_write);
	check("hook.reads", 2, pl08x_si_reads());
	check("hook.writes", 2, pl08x_si_writes());
	pl08x_si_set_access_hook(NULL, NULL);
	rd(PL08X_SI_ENBLDCHNS);
	check("hook.removed", 3, hook_calls);
	check("hook.peek_not_counted", 3, (pl08x_si_peek(PL08X_SI_CONFIG), pl08x_si_reads()));
}

static void test_endianness(void)
{
	uint32_t c0 = ctl(4, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_8, false);
	uint32_t c1 = ctl(8, PL08X_SI_WIDTH_8, PL08X_SI_WIDTH_8, true);

	setup(0x080);
	wr(PL08X_SI_CONFIG, PL08X_SI_CONFIG_E | PL08X_SI_CONFIG_M1); /* master 1 big-endian */
	put_lli(LLIS, bus(SRC + 4), bus(DST + 4), 0, c1, true);
	program(0, bus(SRC), bus(DST), bus(LLIS), c0, CFG_ON);
	check("endian.be_lli_units", 12, pl08x_si_run(0, 100));
	check_mem("endian.be_data", &mem[SRC], &mem[DST], 12);
	check("endian.be_lli_ctl", 0, rd(chreg(0, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("endian.be_tc", 1, rd(PL08X_SI_RAWINTTCSTATUS));
	check("endian.misuse", 0, pl08x_si_misuse());
}

static void test_peripheral_flow(void)
{
	uint32_t c = ctl(0, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true) & ~PL08X_SI_CTL_SI;

	setup(0x080);
	program(1, bus(SRC), bus(DST), 0, c,
		CFG_ON | PL08X_SI_FLOW_P2M_PER << PL08X_SI_CFG_FLOW_SHIFT |
			3u << PL08X_SI_CFG_SRCP_SHIFT);
	check("pfc.run_moves_nothing", 0, pl08x_si_run(1, 10));
	check("pfc.burst", 4, pl08x_si_request(1, 4, false));
	check("pfc.still_enabled", 1, enabled(1));
	check("pfc.last_burst", 4, pl08x_si_request(1, 4, true));
	check("pfc.done", 0, enabled(1));
	check("pfc.tc", 2, rd(PL08X_SI_RAWINTTCSTATUS));
	check_mem("pfc.data_fixed_src", &mem[SRC], &mem[DST + 28], 4);
	check("pfc.dstaddr", bus(DST) + 32, rd(chreg(1, PL08X_SI_CDST)));

	/* DMAC as flow controller, memory to peripheral: TransferSize rules */
	program(2, bus(SRC), bus(DST), 0,
		ctl(6, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true) & ~PL08X_SI_CTL_DI,
		CFG_ON | PL08X_SI_FLOW_M2P << PL08X_SI_CFG_FLOW_SHIFT);
	check("dmacfc.burst", 4, pl08x_si_request(2, 4, false));
	check("dmacfc.transfersize", 2, rd(chreg(2, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("dmacfc.short_last", 2, pl08x_si_request(2, 4, false));
	check("dmacfc.done", 0, enabled(2));
	check("dmacfc.tc", 6, rd(PL08X_SI_RAWINTTCSTATUS));
	check("pfc.misuse", 0, pl08x_si_misuse());
}

static void test_priority(void)
{
	uint32_t c = ctl(4, PL08X_SI_WIDTH_32, PL08X_SI_WIDTH_32, true);

	setup(0x080);
	program(3, bus(SRC + 0x100), bus(DST + 0x100), 0, c, CFG_ON);
	program(1, bus(SRC), bus(DST), 0, c, CFG_ON);
	check("prio.enbldchns", 0x0A, rd(PL08X_SI_ENBLDCHNS));
	check("prio.units", 5, pl08x_si_run_prio(5));
	check("prio.ch1_first", 0, enabled(1));
	check("prio.ch3_started", 3, rd(chreg(3, PL08X_SI_CCTL)) & PL08X_SI_CTL_TS_MASK);
	check("prio.rest", 3, pl08x_si_run_prio(100));
	check("prio.enbldchns_after", 0, rd(PL08X_SI_ENBLDCHNS));
	check("prio.tcs", 0x0A, rd(PL08X_SI_RAWINTTCSTATUS));
}

int main(void)
{
	test_ids();
	test_single_copy();
	test_chain();
	test_countdown();
	test_halt();
	test_disable_lag();
	test_ring();
	test_itc_mask();
	test_bus_errors();
	test_mixed_widths();
	test_misuse();
	test_hook();
	test_endianness();
	test_peripheral_flow();
	test_priority();
	printf("pl08x-silicon: %u passed, %u failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
