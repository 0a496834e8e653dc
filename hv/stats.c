// SPDX-License-Identifier: MIT
/*
 * Per-exit statistics: counts and time by exception class, and for trapped
 * MSR/MRS/SYS (EC 0x18) by register and direction, like `perf kvm stat
 * report`. The count is the number that matters for nested virtualization
 * cost (NEVE, SOSP'17: traps per nested hypercall round trip); the time
 * says where vel2 spends it.
 *
 * Time is CNTPCT_EL0 ticks from the moment the run loop has the exit
 * (hv_enter_guest() returned) to just before the next entry: vel2's own
 * handling, without the hardware's exception entry and ERET, which vel2
 * cannot see.
 *
 * Each CPU counts into its own struct hv_stats (no shared writes, no
 * lock); hv_stats_print() sums them. A CPU still running while another
 * prints may be counted a few exits short: a snapshot is all it needs.
 *
 * hv_stats_print()'s table (docs/hv.md, "Exit statistics"):
 *   vel2: stats: exits <total>
 *   vel2: stats: cpu <i> exits <n>                     (SMP runs only)
 *   vel2: stats: hcr_el2 writes <n> tlb-flushing <n> cptr_el2 writes <n>
 *   vel2: stats: shadow fills <n> tlbi-vmid <n> tlbi-ipa <n> evictions <n>
 *                entry-flushes <n>                 (once L2 ran on one)
 *   vel2: stats: fast-path exits <n> replayed <n> (counted below, ...)
 *   vel2: stats: <CLASS|REGISTER|OUTCOME header>
 *   vel2: stats: ec <0xEC> <NAME> <count> <%count> <us> <%time> <avg us>
 *   vel2: stats: sysreg <mrs|msr> <NAME> <count> <%count> <us> <%time> <avg>
 *   vel2: stats: <outcome> <count>
 * sorted by time, largest first, so the costly rows lead.
 */
#include "hv.h"
#include "dev/dev.h"
#include "shadow_s2.h"

#include <vel2/sysreg.h>

static void add_count(struct hv_count *to, const struct hv_count *c)
{
	to->n += c->n;
	to->ticks += c->ticks;
}

/*
 * The row of `key`, found through an open-addressed index: every fast
 * exit counts here, and a linear search of the rows cost a Linux boot,
 * which traps on about 90 registers, some 70 compares per exit with
 * TPIDR_EL2 far down the list (docs/hv.md, "Where an exit's time goes").
 * Rows stay in first-seen order; the index only finds them.
 */
static void add_sysreg(struct hv_stats *st, u32 key, const struct hv_count *c)
{
	unsigned int h = (key * 2654435761u) >> 25; /* 7 bits: 128 slots */
	unsigned int i;

	_Static_assert(HV_SYSREG_SLOTS == 128 &&
			       HV_SYSREG_SLOTS > HV_MAX_SYSREGS,
		       "hash width and a free slot for every probe");
	for (;; h = (h + 1) % HV_SYSREG_SLOTS) {
		i = st->sysreg_slot[h];
		if (!i)
			break;
		if (st->sysregs[i - 1].key == key) {
			add_count(&st->sysregs[i - 1].c, c);
			return;
		}
	}
	if (st->nr_sysregs == HV_MAX_SYSREGS) {
		st->sysreg_overflow += c->n;
		return;
	}
	st->sysregs[st->nr_sysregs].key = key;
	st->sysregs[st->nr_sysregs++].c = *c;
	st->sysreg_slot[h] = (u8)st->nr_sysregs;
}

/* One exit, handled in `ticks`; ctx->exit.syn is the library's decode. */
void hv_stats_count(const struct hv_ctx *ctx, u64 ticks)
{
	struct hv_stats *st = &hv_this_cpu()->stats;
	const struct vel2_esr *syn = &ctx->exit.syn;
	struct hv_count one = { 1, ticks };

	add_count(&st->total, &one);
	if (ctx->vector != 0x400) { /* asynchronous: no ESR syndrome */
		add_count(&st->by_ec[64], &one);
		return;
	}
	add_count(&st->by_ec[syn->ec & 63], &one);
	if (syn->ec == VEL2_EC_SYS64)
		add_sysreg(st, HV_SYSREG_KEY(syn), &one);
}

const char *hv_ec_name(unsigned int ec)
{
	switch (ec) {
	case VEL2_EC_UNKNOWN:
		return "UNKNOWN";
	case VEL2_EC_WFX:
		return "WFx";
	case VEL2_EC_FP:
		return "FP";
	case VEL2_EC_PAC:
		return "PAC";
	case VEL2_EC_ILLEGAL:
		return "ILLEGAL";
	case VEL2_EC_HVC64:
		return "HVC64";
	case VEL2_EC_SMC64:
		return "SMC64";
	case VEL2_EC_SYS64:
		return "SYS64";
	case VEL2_EC_SVE:
		return "SVE";
	case VEL2_EC_ERET:
		return "ERET";
	case VEL2_EC_IABT_LOW:
		return "IABT_LOW";
	case VEL2_EC_PC_ALIGN:
		return "PC_ALIGN";
	case VEL2_EC_DABT_LOW:
		return "DABT_LOW";
	/* From AArch32 EL1/EL0 (docs/traps.md, "AArch32 EL1"). */
	case VEL2_EC_CP15_32:
		return "CP15_32";
	case VEL2_EC_CP15_64:
		return "CP15_64";
	case VEL2_EC_CP14_32:
		return "CP14_32";
	case VEL2_EC_CP10_ID:
		return "CP10_ID";
	case VEL2_EC_HVC32:
		return "HVC32";
	case VEL2_EC_SMC32:
		return "SMC32";
	case 64:
		return "ASYNC";
	default:
		return "EC";
	}
}

static unsigned int put_len(const char *s)
{
	unsigned int n = 0;

	while (s[n])
		n++;
	return n;
}

static char *append(char *p, const char *end, const char *s)
{
	while (*s && p < end)
		*p++ = *s++;
	return p;
}

static char *append_dec(char *p, const char *end, unsigned int v)
{
	if (v >= 10)
		p = append_dec(p, end, v / 10);
	if (p < end)
		*p++ = (char)('0' + v % 10);
	return p;
}

/*
 * The register a HV_SYSREG_KEY names, into buf: from the catalog when
 * vel2 knows it, else in the generic s<op0>_<op1>_c<n>_c<m>_<op2> form.
 */
static void sysreg_name(u32 key, char *buf, unsigned int size)
{
	u16 enc = (u16)(key >> 1);
	int id = vel2_sysreg_lookup(enc);
	char *p = buf, *end = buf + size - 1;

	if (id >= 0) {
		p = append(p, end, vel2_sysreg_info[id].name);
	} else {
		p = append(p, end, "s");
		p = append_dec(p, end, VEL2_ENC_OP0(enc));
		p = append(p, end, "_");
		p = append_dec(p, end, VEL2_ENC_OP1(enc));
		p = append(p, end, "_c");
		p = append_dec(p, end, VEL2_ENC_CRN(enc));
		p = append(p, end, "_c");
		p = append_dec(p, end, VEL2_ENC_CRM(enc));
		p = append(p, end, "_");
		p = append_dec(p, end, VEL2_ENC_OP2(enc));
	}
	*p = 0;
}

/* Also used by trace.c. */
void hv_put_sysreg(u32 key)
{
	char name[40];

	sysreg_name(key, name, sizeof(name));
	hv_puts(name);
}

void hv_stats_fast(const struct vel2_esr *syn, u64 n, bool replayed)
{
	struct hv_stats *st = &hv_this_cpu()->stats;
	struct hv_count c = { n, 0 };

	if (!n)
		return;
	/* Synchronous, EC 0x18: what hv_stats_count() files it under. */
	add_count(&st->total, &c);
	add_count(&st->by_ec[syn->ec & 63], &c);
	add_sysreg(st, HV_SYSREG_KEY(syn), &c);
	st->by_outcome[HV_OUT_EMULATED] += n;
	st->fast_exits += n;
	if (replayed)
		st->replayed += n;
}

void hv_stats_outcome(enum hv_outcome o)
{
	if (o < HV_NR_OUTCOMES)
		hv_this_cpu()->stats.by_outcome[o]++;
}

/*
 * Printed so that a run shows what vel2 did to the guest, not only what
 * the guest did: in particular every exception vel2 gave it (bad input
 * gets the architectural answer, and the answer is reported).
 */
static const char *const outcome_name[HV_NR_OUTCOMES] = {
	[HV_OUT_EMULATED] = "emulated",
	[HV_OUT_INJECTED] = "exception injected (UNDEF, illegal ERET, HVC)",
	[HV_OUT_FORWARDED] = "forwarded to the guest hypervisor",
	[HV_OUT_SERVED] = "served by vel2 (PSCI, WFI, TLBI/AT)",
	[HV_OUT_ABORT] = "external abort injected (access to nothing)",
};

/* The sum over all CPUs, built on the printing CPU's stack. */
static void sum_stats(struct hv_stats *sum, u64 *per_cpu)
{
	memset(sum, 0, sizeof(*sum));
	for (unsigned int c = 0; c < HV_MAX_CPUS; c++) {
		const struct hv_stats *st = &hv_cpus[c].stats;
		unsigned int n = st->nr_sysregs;

		per_cpu[c] = st->total.n;
		add_count(&sum->total, &st->total);
		for (unsigned int ec = 0; ec < 65; ec++)
			add_count(&sum->by_ec[ec], &st->by_ec[ec]);
		for (unsigned int o = 0; o < HV_NR_OUTCOMES; o++)
			sum->by_outcome[o] += st->by_outcome[o];
		for (unsigned int i = 0; i < n && i < HV_MAX_SYSREGS; i++)
			add_sysreg(sum, st->sysregs[i].key, &st->sysregs[i].c);
		sum->sysreg_overflow += st->sysreg_overflow;
		sum->hcr_writes += st->hcr_writes;
		sum->hcr_flushes += st->hcr_flushes;
		sum->cptr_writes += st->cptr_writes;
		sum->fast_exits += st->fast_exits;
		sum->replayed += st->replayed;
	}
}

/* Text columns: vel2's console has no printf. */
static void pad(unsigned int n)
{
	while (n--)
		hv_puts(" ");
}

/* `v` / 10^frac as a decimal, right-aligned in `width`. */
static void put_fixed(u64 v, unsigned int frac, unsigned int width)
{
	char buf[24];
	unsigned int i = sizeof(buf) - 1, digits = 0;

	buf[i] = 0;
	do {
		if (frac && digits == frac)
			buf[--i] = '.';
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
		digits++;
	} while ((v || digits <= frac) && i > 1);
	if (width > put_len(&buf[i]))
		pad(width - put_len(&buf[i]));
	hv_puts(&buf[i]);
}

/* part/whole in hundredths of a percent (0.00 .. 100.00). */
static u64 pct100(u64 part, u64 whole)
{
	return whole ? (part * 10000 + whole / 2) / whole : 0;
}

static u64 freq;

static u64 ticks_to_us(u64 t)
{
	/* 128-bit product: a long run's ticks times 10^6 overflow 64 bits. */
	return freq ? (u64)((unsigned __int128)t * 1000000 / freq) : 0;
}

static void put_row(const char *label, unsigned int label_width,
		    const struct hv_count *c, const struct hv_count *total)
{
	hv_puts(label);
	if (label_width > put_len(label))
		pad(label_width - put_len(label));
	put_fixed(c->n, 0, 9);
	put_fixed(pct100(c->n, total->n), 2, 8);
	put_fixed(ticks_to_us(c->ticks), 0, 11);
	put_fixed(pct100(c->ticks, total->ticks), 2, 8);
	/* average in tenths of a microsecond */
	put_fixed(c->n ? ticks_to_us(c->ticks * 10) / c->n : 0, 1, 9);
	hv_puts("\n");
}

static void put_header(const char *what, unsigned int label_width)
{
	hv_puts("stats: ");
	hv_puts(what);
	pad(label_width - 7 - put_len(what));
	hv_puts("    exits  %exits   time(us)   %time  avg(us)\n");
}

#define LABEL_WIDTH 40

static void print_classes(const struct hv_stats *sum)
{
	bool done[65] = { false };

	put_header("EXIT CLASS", LABEL_WIDTH);
	for (;;) {
		unsigned int best = 65;

		for (unsigned int ec = 0; ec < 65; ec++)
			if (!done[ec] && sum->by_ec[ec].n &&
			    (best == 65 ||
			     sum->by_ec[ec].ticks > sum->by_ec[best].ticks))
				best = ec;
		if (best == 65)
			return;
		done[best] = true;
		/* "stats: ec 0x18 SYS64" */
		char label[LABEL_WIDTH + 1] = "stats: ec 0x", *p = label + 12;

		*p++ = "0123456789abcdef"[(best >> 4) & 0xf];
		*p++ = "0123456789abcdef"[best & 0xf];
		*p++ = ' ';
		*append(p, label + LABEL_WIDTH, hv_ec_name(best)) = 0;
		put_row(label, LABEL_WIDTH, &sum->by_ec[best], &sum->total);
	}
}

static void print_sysregs(struct hv_stats *sum)
{
	unsigned int n = sum->nr_sysregs;

	if (!n)
		return;
	/* Selection sort by time, in place: at most HV_MAX_SYSREGS rows
	 * (the sum's index goes stale; sum_stats() rebuilds it from 0). */
	for (unsigned int i = 0; i < n; i++) {
		unsigned int best = i;

		for (unsigned int j = i + 1; j < n; j++)
			if (sum->sysregs[j].c.ticks >
			    sum->sysregs[best].c.ticks)
				best = j;
		struct hv_sysreg_count t = sum->sysregs[i];
		sum->sysregs[i] = sum->sysregs[best];
		sum->sysregs[best] = t;
	}
	put_header("REGISTER (EC 0x18)", LABEL_WIDTH);
	for (unsigned int i = 0; i < n; i++) {
		const struct hv_sysreg_count *r = &sum->sysregs[i];
		char label[LABEL_WIDTH + 1], *p = label;
		char *end = label + sizeof(label) - 1;

		/* "stats: sysreg mrs TPIDR_EL2" */
		p = append(p, end, "stats: sysreg ");
		p = append(p, end, r->key & 1 ? "mrs " : "msr ");
		sysreg_name(r->key, p, (unsigned int)(end - p) + 1);
		put_row(label, LABEL_WIDTH, &r->c, &sum->total);
	}
	if (sum->sysreg_overflow) {
		hv_puts("stats: sysreg (table full) ");
		hv_dec(sum->sysreg_overflow);
		hv_puts("\n");
	}
}

void hv_stats_print(void)
{
	static struct hv_stats sums[HV_MAX_CPUS];
	struct hv_stats *sum = &sums[hv_this_cpu()->id];
	u64 per_cpu[HV_MAX_CPUS];

	freq = read_sysreg(cntfrq_el0);
	sum_stats(sum, per_cpu);
	hv_puts("stats: exits ");
	hv_dec(sum->total.n);
	hv_puts("\n");
	/* Per CPU only once a secondary has run: 1-CPU output unchanged. */
	if (sum->total.n != per_cpu[0]) {
		for (unsigned int c = 0; c < HV_MAX_CPUS; c++) {
			if (!per_cpu[c])
				continue;
			hv_puts("stats: cpu ");
			hv_dec(c);
			hv_puts(" exits ");
			hv_dec(per_cpu[c]);
			hv_puts("\n");
		}
	}
	hv_puts("stats: hcr_el2 writes ");
	hv_dec(sum->hcr_writes);
	hv_puts(" tlb-flushing ");
	hv_dec(sum->hcr_flushes);
	hv_puts(" cptr_el2 writes ");
	hv_dec(sum->cptr_writes);
	hv_puts("\n");
	hv_shadow_stats_print();
	hv_puts("stats: fast-path exits ");
	hv_dec(sum->fast_exits);
	hv_puts(" replayed ");
	hv_dec(sum->replayed);
	hv_puts(" (counted below, their time not)\n");
	print_classes(sum);
	print_sysregs(sum);
	for (unsigned int o = 0; o < HV_NR_OUTCOMES; o++) {
		if (!sum->by_outcome[o])
			continue;
		hv_puts("stats: ");
		hv_puts(outcome_name[o]);
		hv_puts(" ");
		hv_dec(sum->by_outcome[o]);
		hv_puts("\n");
	}
	hv_integrity_check(); /* last: it may end vel2 */
}
