// SPDX-License-Identifier: MIT
/*
 * smeat: instructions a guest hypervisor may execute that vel2 once
 * stopped on (issue 8), each with its architected answer:
 *   - MRS SVCR and MRS SMCR_EL1 at EL2: with FEAT_SME (natively, -cpu max)
 *     they work or trap to EL2 (CPTR_EL2, EC 0x1d); without it (under
 *     vel2, which hides SME: ID_AA64PFR1_EL1.SME = 0) they are UNDEFINED
 *     (EC 0x00). The guest prints whether the answer matches the ID
 *     register it reads, so both runs print the same.
 *   - AT S12E1R/S12E1W/S12E0R with HCR_EL2.VM = 0: the stage 1 walk of the
 *     EL1&0 regime (Arm ARM C5.5), here a map set up for EL1 only (EL2's
 *     own MMU stays off), so a walk of the wrong regime shows. PAR_EL1's
 *     F bit and PA (or fault status) are printed.
 */
#include "rt.h"

#define SVCR s3_3_c4_c2_2
#define SMCR_EL1 s3_0_c1_c2_6
#define ID_AA64PFR1_SME(v) (((v) >> 24) & 0xf)

static volatile u64 took_ec = ~0UL;

static bool hook(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ec = ESR_EC(e->esr);

	if (ec != 0x00 && ec != 0x1d)
		return false;
	took_ec = ec;
	f->elr += 4;
	return true;
}

static void sme_access(const char *what, bool sme)
{
	bool ok = sme ? took_ec == ~0UL || took_ec == 0x1d : took_ec == 0x00;

	rt_puts(what);
	rt_puts(": answer consistent with ID_AA64PFR1_EL1.SME: ");
	rt_puts(ok ? "yes\n" : "no\n");
	took_ec = ~0UL;
}

static void show_par(const char *what)
{
	u64 par = read_sysreg(par_el1);

	rt_puts(what);
	if (par & 1) {
		rt_puts(": F=1 FST=");
		rt_hex_short((par >> 1) & 0x3f);
	} else {
		rt_puts(": F=0 PA=");
		rt_hex_short(par & 0xfffffffff000UL);
	}
	rt_putc('\n');
}

int main(void)
{
	bool sme = ID_AA64PFR1_SME(read_sysreg(id_aa64pfr1_el1)) != 0;
	u64 magic = (u64)rt_magic_page;

	rt_vectors_install(hook);
	rt_puts("smeat: SME registers at EL2\n");
	__asm__ volatile("mrs x0, " rt_str(SVCR)::: "x0");
	sme_access("MRS SVCR", sme);
	__asm__ volatile("mrs x0, " rt_str(SMCR_EL1)::: "x0");
	sme_access("MRS SMCR_EL1", sme);

	rt_puts("smeat: AT S12 with HCR_EL2.VM=0, EL1&0 stage 1 on\n");
	/* EL1 is AArch64 (HCR_EL2.RW[31]; the walk is the AArch64 one). */
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | (1UL << 31));
	rt_mmu_build();
	/* TCR_EL1: T0SZ=25, IRGN0/ORGN0 WBWA, SH0 inner, TG0 4K, EPD1,
	 * IPS=40 bits [34:32] (D24.2 TCR_EL1). */
	write_sysreg(mair_el1, 0xffUL | (0x04UL << 16));
	write_sysreg(tcr_el1, 25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) |
				      (1UL << 23) | (2UL << 32));
	write_sysreg(ttbr0_el1, rt_mmu_root());
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | 1);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb ish\n\tisb" ::: "memory");
	__asm__ volatile("at s12e1r, %0\n\tisb" ::"r"(RT_ALIAS_VA));
	show_par("AT S12E1R alias RW page");
	__asm__ volatile("at s12e1w, %0\n\tisb" ::"r"(RT_ALIAS_VA + 0x1000));
	show_par("AT S12E1W alias RO page");
	__asm__ volatile("at s12e0r, %0\n\tisb" ::"r"(RT_ALIAS_VA + 0x2000));
	show_par("AT S12E0R unmapped page");
	__asm__ volatile("at s12e1r, %0\n\tisb" ::"r"(RT_ALIAS_VA + 0x1000));
	show_par("AT S12E1R alias RO page");
	rt_puts(" magic page ~");
	rt_hex_short(magic);
	rt_putc('\n');
	rt_exit(0);
}
