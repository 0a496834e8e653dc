// SPDX-License-Identifier: MIT
/*
 * Per-exit statistics: counts by exception class, and for trapped
 * MSR/MRS/SYS (EC 0x18) by register encoding and direction. This is the
 * number that matters for nested virtualization cost (NEVE, SOSP'17:
 * traps per nested hypercall round trip).
 *
 * Each CPU counts into its own struct hv_stats (no shared writes, no
 * lock); hv_stats_print() sums them. A CPU still running while another
 * prints may be counted a few exits short: a snapshot is all it needs.
 */
#include "hv.h"
#include "dev/dev.h"

#include <vel2/sysreg.h>

/* The EC 0x18 ISS without Rt (hv.h): the register and the direction. */
#define ISS_SYS_KEY_MASK 0x3ffc1fU

static void add_sysreg(struct hv_stats *st, u32 key, u64 n)
{
	for (unsigned int i = 0; i < st->nr_sysregs; i++) {
		if (st->sysregs[i].key == key) {
			st->sysregs[i].count += n;
			return;
		}
	}
	if (st->nr_sysregs == HV_MAX_SYSREGS) {
		st->sysreg_overflow += n;
		return;
	}
	st->sysregs[st->nr_sysregs].key = key;
	st->sysregs[st->nr_sysregs++].count = n;
}

void hv_stats_count(const struct exit_record *rec)
{
	struct hv_stats *st = &hv_this_cpu()->stats;
	u64 ec = ESR_EC(rec->esr);

	st->total++;
	if (rec->vector != 0x400) /* asynchronous: no ESR syndrome */
		return;
	st->by_ec[ec]++;
	if (ec != EC_SYS64)
		return;
	add_sysreg(st, (u32)ESR_ISS(rec->esr) & ISS_SYS_KEY_MASK, 1);
}

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "UNKNOWN";
	case EC_WFX:
		return "WFx";
	case EC_HVC64:
		return "HVC64";
	case EC_SMC64:
		return "SMC64";
	case EC_SYS64:
		return "SYS64";
	case EC_ERET:
		return "ERET";
	case EC_IABT_LOW:
		return "IABT_LOW";
	case EC_DABT_LOW:
		return "DABT_LOW";
	default:
		return "EC";
	}
}

/*
 * Named from the catalog when vel2 knows the register, else in the
 * generic s<op0>_<op1>_c<n>_c<m>_<op2> form. Also used by trace.c.
 */
void hv_put_sysreg(u32 iss)
{
	int id = vel2_sysreg_lookup(VEL2_SYS_ENC(ISS_OP0(iss), ISS_OP1(iss),
						 ISS_CRN(iss), ISS_CRM(iss),
						 ISS_OP2(iss)));

	if (id >= 0) {
		hv_puts(vel2_sysreg_info[id].name);
		return;
	}
	hv_puts("s");
	hv_dec(ISS_OP0(iss));
	hv_puts("_");
	hv_dec(ISS_OP1(iss));
	hv_puts("_c");
	hv_dec(ISS_CRN(iss));
	hv_puts("_c");
	hv_dec(ISS_CRM(iss));
	hv_puts("_");
	hv_dec(ISS_OP2(iss));
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

		per_cpu[c] = st->total;
		sum->total += st->total;
		for (unsigned int ec = 0; ec < 64; ec++)
			sum->by_ec[ec] += st->by_ec[ec];
		for (unsigned int o = 0; o < HV_NR_OUTCOMES; o++)
			sum->by_outcome[o] += st->by_outcome[o];
		for (unsigned int i = 0; i < n && i < HV_MAX_SYSREGS; i++)
			add_sysreg(sum, st->sysregs[i].key,
				   st->sysregs[i].count);
		sum->sysreg_overflow += st->sysreg_overflow;
	}
}

void hv_stats_print(void)
{
	static struct hv_stats sums[HV_MAX_CPUS];
	struct hv_stats *sum = &sums[hv_this_cpu()->id];
	u64 per_cpu[HV_MAX_CPUS];
	const u64 *by_ec = sum->by_ec;

	sum_stats(sum, per_cpu);
	hv_puts("stats: exits ");
	hv_dec(sum->total);
	hv_puts("\n");
	/* Per CPU only once a secondary has run: 1-CPU output unchanged. */
	if (sum->total != per_cpu[0]) {
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
	for (unsigned int ec = 0; ec < 64; ec++) {
		if (!by_ec[ec])
			continue;
		hv_puts("stats: ec ");
		hv_hex(ec);
		hv_puts(" ");
		hv_puts(ec_name(ec));
		hv_puts(" ");
		hv_dec(by_ec[ec]);
		hv_puts("\n");
	}
	for (unsigned int o = 0; o < HV_NR_OUTCOMES; o++) {
		if (!sum->by_outcome[o])
			continue;
		hv_puts("stats: ");
		hv_puts(outcome_name[o]);
		hv_puts(" ");
		hv_dec(sum->by_outcome[o]);
		hv_puts("\n");
	}
	for (unsigned int i = 0; i < sum->nr_sysregs; i++) {
		hv_puts("stats: sysreg ");
		hv_put_sysreg(sum->sysregs[i].key);
		hv_puts(sum->sysregs[i].key & 1 ? " mrs " : " msr ");
		hv_dec(sum->sysregs[i].count);
		hv_puts("\n");
	}
	if (sum->sysreg_overflow) {
		hv_puts("stats: sysreg (table full) ");
		hv_dec(sum->sysreg_overflow);
		hv_puts("\n");
	}
	hv_integrity_check(); /* last: it may end vel2 */
}
