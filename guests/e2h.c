// SPDX-License-Identifier: MIT
/*
 * e2h: the same program as an nVHE and as a VHE hypervisor.
 *
 * With HCR_EL2.E2H=0 the EL1 encodings name the EL1 registers and the
 * _EL12 and _EL02 encodings are UNDEFINED. With E2H=1 (FEAT_VHE, Arm ARM
 * D5.6 "Virtualization Host Extensions") the EL1 encodings executed at EL2
 * are redirected to the EL2 registers, the _EL12 encodings reach the real
 * EL1 registers, and the EL0 timer encodings reach the EL2 virtual and
 * physical timers (CNTHV_*, CNTHP_*). QEMU -cpu max implements FEAT_E2H0,
 * so E2H can be flipped at runtime; we do, with TGE=0 throughout.
 *
 * Under vel2 with NV2 the MSR HCR_EL2 is a store to the VNCR page that
 * does not trap, and vel2 switches to the new E2H's configuration at the
 * guest's next exit (docs/design.md, "NV2 and a guest that changes
 * E2H"). Each flip below is therefore followed first by reads in that
 * window (they differ under NV2: tests/qemu/known/e2h.nv2.diff), then by
 * an access that traps, then by the same reads again, which must match
 * natively: from the first trap on the flip is exact.
 */
#include "rt.h"

static bool undef_hook(struct rt_frame *f, const struct rt_exc *e)
{
	if (ESR_EC(e->esr) != 0x00) /* Unknown reason: UNDEFINED */
		return false;
	rt_print_exc("undef", e);
	f->x[0] = 0xdead;
	f->elr += 4;
	return true;
}

static void set_e2h(bool on)
{
	u64 hcr = read_sysreg(hcr_el2) & ~(HCR_E2H | HCR_TGE);

	write_sysreg(hcr_el2, hcr | (on ? HCR_E2H : 0));
	isb();
}

/* Values safe to hold while running with the MMU off: SCTLR values keep
 * M, A and EE clear. */
static void nvhe(void)
{
	u64 v;

	rt_puts("e2h: E2H=0, EL1 encodings reach EL1 registers\n");
	set_e2h(false);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1 | SCTLR_C);
	write_sysreg(tcr_el1, 0x1111UL);
	write_sysreg(ttbr0_el1, 0x11000UL);
	write_sysreg(mair_el1, 0x1111111111111111UL);
	write_sysreg(contextidr_el1, 0x11UL);
	write_sysreg(elr_el1, 0x40201110UL);
	write_sysreg(spsr_el1, SPSR_EL1H_DAIF);
	write_sysreg(tcr_el2, 0x2222UL | (1UL << 23) | (1UL << 31));
	write_sysreg(ttbr0_el2, 0x22000UL);
	write_sysreg(mair_el2, 0x2222222222222222UL);
	write_sysreg(s3_4_c13_c0_1, 0x22UL); /* CONTEXTIDR_EL2 */
	isb();
	rt_kv("SCTLR_EL1", read_sysreg(sctlr_el1));
	rt_kv_end("TCR_EL1", read_sysreg(tcr_el1));
	rt_kv("TTBR0_EL1", read_sysreg(ttbr0_el1));
	rt_kv_end("MAIR_EL1", read_sysreg(mair_el1));
	rt_kv("CONTEXTIDR_EL1", read_sysreg(contextidr_el1));
	rt_kv("ELR_EL1", read_sysreg(elr_el1));
	rt_kv_end("SPSR_EL1", read_sysreg(spsr_el1));
	rt_kv("TCR_EL2", read_sysreg(tcr_el2));
	rt_kv("TTBR0_EL2", read_sysreg(ttbr0_el2));
	rt_kv_end("MAIR_EL2", read_sysreg(mair_el2));
	rt_kv_end("CONTEXTIDR_EL2", read_sysreg(s3_4_c13_c0_1));

	/* *_EL12 without E2H: UNDEFINED (EC 0x00), x0 <- 0xdead by the hook. */
	__asm__ volatile(
		"mov x0, #0\n\tmrs x0, " rt_str(SCTLR_EL12) "\n\t"
							    "mov %0, x0"
		: "=r"(v)
		:
		: "x0");
	rt_kv_end("SCTLR_EL12(E2H=0)", v);
}

static void vhe(void)
{
	rt_puts("e2h: E2H=1, EL1 encodings reach EL2 registers\n");
	set_e2h(true);
	rt_kv_end("CurrentEL", read_sysreg(CurrentEL));
	rt_kv_end("HCR_EL2", read_sysreg(hcr_el2));

	/* Reads: the EL1 encodings now show what E2H=0 wrote to the EL2
	 * registers; _EL12 shows the EL1 registers. */
	rt_kv("tcr_el1", read_sysreg(tcr_el1));
	rt_kv_end("TCR_EL12", read_sysreg(TCR_EL12));
	/* Under NV2 the read of tcr_el1 just above was in the window (the
	 * nVHE configuration: the page's TCR_EL1 slot); TCR_EL12 traps there
	 * (UNDEFINED for E2H=0, so vel2 resyncs before deciding): from here
	 * on the EL1 encodings mean the EL2 registers. */
	rt_kv_end("tcr_el1(after_trap)", read_sysreg(tcr_el1));
	rt_kv("ttbr0_el1", read_sysreg(ttbr0_el1));
	rt_kv_end("TTBR0_EL12", read_sysreg(TTBR0_EL12));
	rt_kv("mair_el1", read_sysreg(mair_el1));
	rt_kv_end("MAIR_EL12", read_sysreg(MAIR_EL12));
	rt_kv("contextidr_el1", read_sysreg(contextidr_el1));
	rt_kv_end("CONTEXTIDR_EL12", read_sysreg(CONTEXTIDR_EL12));
	rt_kv("SCTLR_EL12", read_sysreg(SCTLR_EL12));
	rt_kv("ELR_EL12", read_sysreg(ELR_EL12));
	rt_kv_end("SPSR_EL12", read_sysreg(SPSR_EL12));

	/* Writes through the EL1 encodings land in the EL2 registers. */
	write_sysreg(tcr_el1, 0x3333UL);
	write_sysreg(mair_el1, 0x3333333333333333UL);
	write_sysreg(ttbr0_el1, 0x33000UL);
	write_sysreg(s3_4_c2_c0_1, 0x34000UL); /* TTBR1_EL2, E2H=1 only */
	write_sysreg(contextidr_el1, 0x33UL);
	/* ... and through _EL12 in the EL1 registers. */
	write_sysreg(TCR_EL12, 0x4444UL);
	write_sysreg(MAIR_EL12, 0x4444444444444444UL);
	write_sysreg(ESR_EL12, 0x56000044UL);
	write_sysreg(FAR_EL12, 0x44440000UL);
	isb();
	rt_kv("TCR_EL2", read_sysreg(tcr_el2));
	rt_kv_end("MAIR_EL2", read_sysreg(mair_el2));
	rt_kv("TTBR0_EL2", read_sysreg(ttbr0_el2));
	rt_kv("TTBR1_EL2", read_sysreg(s3_4_c2_c0_1));
	rt_kv_end("CONTEXTIDR_EL2", read_sysreg(s3_4_c13_c0_1));
	rt_kv("ESR_EL12", read_sysreg(ESR_EL12));
	rt_kv_end("FAR_EL12", read_sysreg(FAR_EL12));

	/* CPACR_EL1 encoding -> CPTR_EL2 in its E2H=1 (CPACR-like) layout:
	 * FPEN [21:20], ZEN [17:16] (D23.2.40). */
	u64 cptr = read_sysreg(cptr_el2);

	write_sysreg(cpacr_el1, (3UL << 20) | (3UL << 16));
	isb();
	rt_kv_end("CPTR_EL2(E2H=1)", read_sysreg(cptr_el2));
	write_sysreg(cptr_el2, cptr);

	/* CNTKCTL_EL1 encoding -> CNTHCTL_EL2, E2H=1 layout: the fields it
	 * shares with CNTKCTL_EL1, EL0PCTEN(0), EL0VCTEN(1), EL0VTEN(8),
	 * EL0PTEN(9). The EL2-only ones (EL1PCTEN(10), EL1PCEN(11)) written
	 * through this encoding are the cnthctl guest's subject. */
	u64 cnthctl = read_sysreg(cnthctl_el2);

	write_sysreg(cntkctl_el1, (1UL << 9) | (1UL << 8) | 3UL);
	isb();
	rt_kv_end("CNTHCTL_EL2(E2H=1)", read_sysreg(cnthctl_el2));
	write_sysreg(cnthctl_el2, cnthctl);

	/* EL0 virtual timer encodings -> CNTHV_*_EL2; _EL02 -> CNTV_*_EL0.
	 * ENABLE=0, IMASK=1: ISTATUS is not meaningful, mask it. */
	write_sysreg(cntv_cval_el0, 0x5555UL);
	write_sysreg(cntv_ctl_el0, 2UL);
	write_sysreg(CNTV_CVAL_EL02, 0x6666UL);
	write_sysreg(CNTV_CTL_EL02, 0UL);
	isb();
	rt_kv("CNTHV_CVAL_EL2", read_sysreg(s3_4_c14_c3_2));
	rt_kv_end("CNTHV_CTL_EL2", read_sysreg(s3_4_c14_c3_1) & 3);
	rt_kv("CNTV_CVAL_EL02", read_sysreg(CNTV_CVAL_EL02));
	rt_kv_end("CNTV_CTL_EL02", read_sysreg(CNTV_CTL_EL02) & 3);
	write_sysreg(cntv_ctl_el0, 0UL);

	/* SCTLR through sctlr_el1 is SCTLR_EL2: set C and I, read via EL2. */
	u64 sctlr = read_sysreg(sctlr_el2);

	write_sysreg(sctlr_el1, sctlr | SCTLR_C | SCTLR_I);
	isb();
	rt_kv_end("SCTLR_EL2.CI", read_sysreg(sctlr_el2) & (SCTLR_C | SCTLR_I));
	write_sysreg(sctlr_el2, sctlr);
	isb();
}

static void back_to_nvhe(void)
{
	rt_puts("e2h: E2H=0 again, EL1 registers kept what _EL12 wrote\n");
	set_e2h(false);
	rt_kv("TCR_EL1", read_sysreg(tcr_el1));
	rt_kv_end("MAIR_EL1", read_sysreg(mair_el1));
	rt_kv("ESR_EL1", read_sysreg(esr_el1));
	rt_kv_end("FAR_EL1", read_sysreg(far_el1));
	/* TTBR0_EL2 has no VNCR offset: it traps under NV2 too, ending the
	 * window the four reads above were in (the VHE configuration: the
	 * physical EL1 registers, which held the EL2 ones). */
	rt_kv("TTBR0_EL2", read_sysreg(ttbr0_el2));
	rt_kv_end("MAIR_EL2", read_sysreg(mair_el2));
	rt_kv("TCR_EL1(after_trap)", read_sysreg(tcr_el1));
	rt_kv_end("MAIR_EL1(after_trap)", read_sysreg(mair_el1));
	rt_kv("ESR_EL1(after_trap)", read_sysreg(esr_el1));
	rt_kv_end("FAR_EL1(after_trap)", read_sysreg(far_el1));
	rt_kv_end("CNTV_CVAL_EL0", read_sysreg(cntv_cval_el0));
}

int main(void)
{
	rt_vectors_install(undef_hook);
	rt_require_vhe("e2h");
	nvhe();
	vhe();
	back_to_nvhe();
	rt_kv_end("exceptions", rt_exc_count);
	rt_puts("e2h: done\n");
	return 0;
}
