// SPDX-License-Identifier: MIT
/*
 * sysregs: write patterns to every EL2 register a hypervisor programs and
 * print what reads back. The read-back exposes which bits are implemented,
 * RES0 and RES1 on this CPU: under vel2 the emulated registers must show
 * the same. Runs with HCR_EL2.E2H=0 (the reset state QEMU boots with).
 *
 * Each probe saves the register, writes, reads back and restores inside one
 * asm block, so that registers that steer this very program (HCR_EL2,
 * VBAR_EL2, SCTLR_EL2, CPTR_EL2) are wrong only for a few instructions with
 * no exception possible in between. Bits that would still break it are
 * kept at their current value ("keep" mask).
 */
#include "rt.h"

/* The asm templates read better as written. */
/* clang-format off */
#define PROBE_FN(fn, enc)                                                 \
	static u64 fn(u64 v)                                              \
	{                                                                 \
		u64 old, r;                                               \
		__asm__ volatile("mrs %[old], " rt_str(enc) "\n\t"        \
				 "msr " rt_str(enc) ", %[v]\n\t"          \
				 "isb\n\t"                                \
				 "mrs %[r], " rt_str(enc) "\n\t"          \
				 "msr " rt_str(enc) ", %[old]\n\t"        \
				 "isb"                                    \
				 : [old] "=&r"(old), [r] "=&r"(r)         \
				 : [v] "r"(v)                             \
				 : "memory");                             \
		return r;                                                 \
	}                                                                 \
	static u64 fn##_get(void)                                         \
	{                                                                 \
		return read_sysreg(enc);                                  \
	}
/* clang-format on */

struct probe {
	const char *name;
	u64 (*rw)(u64 v);
	u64 (*get)(void);
	u64 keep; /* bits written with their current value */
};

#define SCTLR_M (1UL << 0)
#define SCTLR_A (1UL << 1)
#define SCTLR_EE (1UL << 25)
#define MDCR_HPMN 0x1fUL /* > PMCR_EL0.N is CONSTRAINED UNPREDICTABLE */
#define ICC_SRE_SRE 1UL /* clearing it would hide the ICH_* registers */

/* clang-format off */
/* Registers whose read-back is a pure function of what was written. */
#define PLAIN_REGS(X)                                                     \
	X(HCR_EL2, hcr_el2, 0)                                            \
	X(HCRX_EL2, HCRX_EL2, 0)                                          \
	X(MDCR_EL2, mdcr_el2, MDCR_HPMN)                                  \
	X(CPTR_EL2, cptr_el2, 0)                                          \
	X(HSTR_EL2, hstr_el2, 0)                                          \
	X(HACR_EL2, hacr_el2, 0)                                          \
	X(ACTLR_EL2, actlr_el2, 0)                                        \
	X(SCTLR_EL2, sctlr_el2, SCTLR_M | SCTLR_A | SCTLR_EE)             \
	X(TTBR0_EL2, ttbr0_el2, 0)                                        \
	X(TTBR1_EL2, s3_4_c2_c0_1, 0)                                     \
	X(TCR_EL2, tcr_el2, 0)                                            \
	X(VTTBR_EL2, vttbr_el2, 0)                                        \
	X(VTCR_EL2, vtcr_el2, 0)                                          \
	X(VNCR_EL2, VNCR_EL2, 0)                                          \
	X(VBAR_EL2, vbar_el2, 0)                                          \
	X(ESR_EL2, esr_el2, 0)                                            \
	X(FAR_EL2, far_el2, 0)                                            \
	X(HPFAR_EL2, hpfar_el2, 0)                                        \
	X(AFSR0_EL2, afsr0_el2, 0)                                        \
	X(AFSR1_EL2, afsr1_el2, 0)                                        \
	X(MAIR_EL2, mair_el2, 0)                                          \
	X(AMAIR_EL2, amair_el2, 0)                                        \
	X(CONTEXTIDR_EL2, s3_4_c13_c0_1, 0)                               \
	X(TPIDR_EL2, tpidr_el2, 0)                                        \
	X(VPIDR_EL2, vpidr_el2, 0)                                        \
	X(VMPIDR_EL2, vmpidr_el2, 0)                                      \
	X(CNTHCTL_EL2, cnthctl_el2, 0)                                    \
	X(CNTVOFF_EL2, cntvoff_el2, 0)                                    \
	X(CNTHP_CVAL_EL2, cnthp_cval_el2, 0)                              \
	X(CNTHV_CVAL_EL2, s3_4_c14_c3_2, 0)                               \
	X(ELR_EL2, elr_el2, 0)                                            \
	X(SPSR_EL2, spsr_el2, 0)                                          \
	X(SP_EL1, sp_el1, 0)                                              \
	X(SP_EL0, sp_el0, 0)                                              \
	X(HFGRTR_EL2, HFGRTR_EL2, 0)                                      \
	X(HFGWTR_EL2, HFGWTR_EL2, 0)                                      \
	X(HFGITR_EL2, HFGITR_EL2, 0)                                      \
	X(HDFGRTR_EL2, HDFGRTR_EL2, 0)                                    \
	X(HDFGWTR_EL2, HDFGWTR_EL2, 0)                                    \
	X(ICC_SRE_EL2, ICC_SRE_EL2, ICC_SRE_SRE)                          \
	X(ICH_HCR_EL2, ICH_HCR_EL2, 0)                                    \
	X(ICH_VMCR_EL2, ICH_VMCR_EL2, 0)
/* clang-format on */

#define X_FN(name, enc, keep) PROBE_FN(probe_##name, enc)
PLAIN_REGS(X_FN)
PROBE_FN(probe_ZCR_EL2, ZCR_EL2)
PROBE_FN(probe_CNTHP_CTL_EL2, cnthp_ctl_el2)
PROBE_FN(probe_CNTHV_CTL_EL2, s3_4_c14_c3_1)

#define X_ENT(name, enc, k) { #name, probe_##name, probe_##name##_get, k },
static const struct probe plain[] = { PLAIN_REGS(X_ENT) };

static const u64 patterns[] = {
	0,
	~0UL,
	0x5555555555555555UL,
	0xaaaaaaaaaaaaaaaaUL,
};

static void run_probe(const struct probe *p, u64 (*fixup)(u64))
{
	u64 old = p->get();

	rt_puts(p->name);
	for (unsigned int i = 0; i < sizeof(patterns) / sizeof(patterns[0]);
	     i++) {
		u64 w = (patterns[i] & ~p->keep) | (old & p->keep);
		u64 r = p->rw(w);

		rt_putc(' ');
		rt_hex(fixup ? fixup(r) : r);
	}
	rt_putc('\n');
}

/*
 * CNTHx_CTL_EL2.ISTATUS (bit 2) is only meaningful with ENABLE (bit 0) set
 * (D23.10); the timers are compared against CVAL=0, so when enabled the
 * condition is always met and ISTATUS is deterministic.
 */
static u64 timer_ctl_fixup(u64 r)
{
	return (r & 1) ? r : (r & ~4UL);
}

static void probe_timers(void)
{
	static const struct probe ctl[] = {
		{ "CNTHP_CTL_EL2", probe_CNTHP_CTL_EL2, probe_CNTHP_CTL_EL2_get,
		  0 },
		{ "CNTHV_CTL_EL2", probe_CNTHV_CTL_EL2, probe_CNTHV_CTL_EL2_get,
		  0 },
	};

	write_sysreg(cnthp_cval_el2, 0);
	write_sysreg(s3_4_c14_c3_2, 0);
	isb();
	for (unsigned int i = 0; i < 2; i++)
		run_probe(&ctl[i], timer_ctl_fixup);
	write_sysreg(cnthp_ctl_el2, 0);
	write_sysreg(s3_4_c14_c3_1, 0);
	isb();
}

/*
 * SP_EL2 cannot be named by MSR at EL2 (only from EL3): at EL2 it *is* SP
 * when PSTATE.SPSel=1. Check that it holds a value, and that SPSel=0
 * switches SP to SP_EL0 without disturbing it.
 */
static void probe_sp_el2(void)
{
	u64 saved_sp0 = read_sysreg(sp_el0), a, b, c, spsel;

	__asm__ volatile(
		"mov x9, sp\n\t"
		"msr sp_el0, %[p0]\n\t"
		"mov x10, %[p2]\n\t"
		"mov sp, x10\n\t"
		"mov %[a], sp\n\t"
		"msr spsel, #0\n\t"
		"mov %[b], sp\n\t"
		"mrs %[sel], spsel\n\t"
		"msr spsel, #1\n\t"
		"mov %[c], sp\n\t"
		"mov sp, x9"
		: [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [sel] "=&r"(spsel)
		: [p0] "r"(0x1234567890abcdf0UL), [p2] "r"(0x0fedcba987654320UL)
		: "x9", "x10", "memory");
	write_sysreg(sp_el0, saved_sp0);
	rt_kv("SP_EL2", a);
	rt_kv("SP(SPSel=0)", b);
	rt_kv("SPSel", spsel);
	rt_kv_end("SP_EL2.after", c);
}

int main(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	rt_puts("sysregs: write 0, ~0, 0x55.., 0xaa.. and read back\n");
	/* Reset values are UNKNOWN architecturally: host-dependent lines. */
	rt_puts("~");
	rt_kv_end("HCR_EL2.reset", read_sysreg(hcr_el2));
	rt_puts("~");
	rt_kv_end("SCTLR_EL2.reset", read_sysreg(sctlr_el2));

	for (unsigned int i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		run_probe(&plain[i], 0);
	probe_timers();
	probe_sp_el2();

	rt_kv_end("ICH_VTR_EL2", read_sysreg(ICH_VTR_EL2));
	/* ZCR_EL2 exists with FEAT_SVE: ID_AA64PFR0_EL1.SVE, bits [35:32]. */
	if ((pfr0 >> 32) & 0xf) {
		/* CPTR_EL2.TZ (bit 8, E2H=0) must be clear to reach ZCR. */
		u64 cptr = read_sysreg(cptr_el2);

		write_sysreg(cptr_el2, cptr & ~(1UL << 8));
		isb();
		static const struct probe zcr = { "ZCR_EL2", probe_ZCR_EL2,
						  probe_ZCR_EL2_get, 0 };
		run_probe(&zcr, 0);
		write_sysreg(cptr_el2, cptr);
		isb();
	} else {
		rt_puts("ZCR_EL2 absent\n");
	}
	rt_puts("sysregs: done\n");
	return 0;
}
