// SPDX-License-Identifier: MIT
/*
 * l2traps: an nVHE guest hypervisor (E2H=0; l2trapsvhe.c builds the same
 * test as a VHE one) sets, one step at a time, the EL2 controls that trap
 * its guest's debug, PMU and CPACR_EL1 accesses, and L2 touches the
 * covered register (l2traps_l2.S). Each trap reaches EL2 (vector +0x400)
 * and is printed with its ESR; reads are answered 0xdead. Without a trap
 * L2 reports the value the hardware gave it. Arm ARM D24.2:
 *   MDCR_EL2.HPMN   L2's PMCR_EL0.N reads HPMN (no trap)
 *   MDCR_EL2.TPM    PMU registers (EC 0x18), TPMCR: PMCR_EL0
 *   MDCR_EL2.TDA    MDSCR_EL1, DBGBVR0_EL1; TDOSA: OSLSR_EL1;
 *                   TDRA: MDRAR_EL1; TDCC (FEAT_FGT): MDCCINT_EL1
 *   MDCR_EL2.TDE    BRK from L2 to EL2 (EC 0x3c), TDOSA implied
 *   CPTR_EL2.TCPAC  CPACR_EL1 from EL1
 *   HDFGRTR_EL2     MDSCR_EL1 [4], PMSELR_EL0 [19] reads;
 *   HDFGWTR_EL2     OSLAR_EL1 [8] writes (FEAT_FGT)
 * Under vel2 each must be in the physical registers while L2 runs and
 * each exit forwarded to vEL2 with the hardware's syndrome.
 */
#include "rt.h"

#define MDCR_EL2 mdcr_el2
#define MDCR_TPMCR (1UL << 5)
#define MDCR_TPM (1UL << 6)
#define MDCR_TDE (1UL << 8)
#define MDCR_TDA (1UL << 9)
#define MDCR_TDOSA (1UL << 10)
#define MDCR_TDRA (1UL << 11)
#define MDCR_TDCC (1UL << 27)
#define CPTR_TCPAC (1UL << 31)
#define CPACR_FPEN (3UL << 20)
#define CPACR_ZEN (3UL << 16)
/* CPTR_EL2 with E2H=0: RES1 [7:0], 9, 13; TFP [10] and TZ [8] clear. */
#define CPTR_NVHE_RES1 0x22ffUL
#define HDFG_MDSCR (1UL << 4)
#define HDFG_OSLAR (1UL << 8)
#define HDFG_PMSELR (1UL << 19)

#ifdef L2TRAPS_VHE
#define NAME "l2trapsvhe"
#define L2_HCR (HCR_RW | HCR_E2H)
/* CPTR_EL2 is CPACR_EL1 with E2H=1 (CPACR layout: FPEN open for EL2). */
#define CPTR_WRITE(t) write_sysreg(cpacr_el1, CPACR_FPEN | CPACR_ZEN | (t))
#else
#define NAME "l2traps"
#define L2_HCR HCR_RW
#define CPTR_WRITE(t) write_sysreg(cptr_el2, CPTR_NVHE_RES1 | (t))
#endif

extern char l2traps_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 hpmn;
static bool fgt;
static unsigned int step;

/* The controls of step n (L2's hvc #3 asks for the next). */
static void set_step(unsigned int n)
{
	static const u64 mdcr[] = { 0,		MDCR_TPM,  MDCR_TPMCR, MDCR_TDA,
				    MDCR_TDOSA, MDCR_TDRA, MDCR_TDCC,  MDCR_TDE,
				    0,		0 };
	u64 m = n < sizeof(mdcr) / sizeof(mdcr[0]) ? mdcr[n] : 0;

	if ((m & MDCR_TDCC) && !fgt)
		m = 0;
	rt_kv("l1: step", n);
	rt_kv_end("mdcr", m);
	write_sysreg(MDCR_EL2, hpmn | m);
	CPTR_WRITE(n == 8 ? CPTR_TCPAC : 0);
	if (fgt) {
		write_sysreg(HDFGRTR_EL2,
			     n == 9 ? HDFG_MDSCR | HDFG_PMSELR : 0);
		write_sysreg(HDFGWTR_EL2, n == 9 ? HDFG_OSLAR : 0);
	}
	isb();
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x400)
		return false;
	switch (ESR_EC(e->esr)) {
	case 0x18: { /* MRS gets 0xdead in Rt [9:5]; MSR is dropped */
		unsigned int rt = (ESR_ISS(e->esr) >> 5) & 0x1f;

		rt_print_exc("l1: exit", e);
		if ((ESR_ISS(e->esr) & 1) && rt != 31)
			f->x[rt] = 0xdead;
		f->elr += 4;
		return true;
	}
	case 0x3c: /* BRK, routed here by MDCR_EL2.TDE */
		rt_print_exc("l1: exit", e);
		f->elr += 4;
		return true;
	case 0x16:
		switch (ESR_ISS(e->esr) & 0xffff) {
		case 1:
			rt_kv_end("l1: l2 says", f->x[0]);
			return true;
		case 2: /* l2_vectors: an exception at L2's EL1 */
			rt_kv("l1: l2 took esr", f->x[0]);
			rt_kv_end("elr", f->x[1]);
			return true;
		case 3:
			set_step(++step);
			return true;
		case 0xd0e:
			rt_puts(NAME ": done\n");
			rt_exit(0);
		}
		return false;
	}
	return false;
}

int main(void)
{
	/* PMCR_EL0.N [15:11] at EL2: every counter. */
	u64 n = (read_sysreg(pmcr_el0) >> 11) & 0x1f;

	/* ID_AA64MMFR0_EL1.FGT [59:56]. */
	fgt = (read_sysreg(id_aa64mmfr0_el1) >> 56) & 0xf;
	hpmn = n > 3 ? 3 : n;
	rt_vectors_install(l2_exit);
#ifdef L2TRAPS_VHE
	rt_require_vhe(NAME);
	write_sysreg(hcr_el2, (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H);
	isb();
	/* VBAR_EL2 has no VNCR offset: under NV2 this traps, so vel2 sees
	 * E2H=1 before the E2H-dependent accesses below (docs/design.md). */
	(void)read_sysreg(vbar_el2);
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
	write_sysreg(VBAR_EL12, (u64)l2_vectors);
#else
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)l2_vectors);
#endif
	rt_kv(NAME ": PMCR_EL0.N at EL2", n);
	rt_kv("HPMN", hpmn);
	rt_kv_end("FGT", fgt);
	set_step(0);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2traps_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
