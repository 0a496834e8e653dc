// SPDX-License-Identifier: MIT
/*
 * mmu: the guest hypervisor programs the EL2 stage 1 regime in its E2H=0
 * format (MAIR_EL2, TCR_EL2, TTBR0_EL2, SCTLR_EL2.M), identity-maps itself,
 * turns the MMU on and keeps running. It then reads and writes a page
 * through an alias VA, and asks the MMU for the translation (AT S1E2R,
 * result in PAR_EL1, Arm ARM D23.2.117).
 */
#include "rt.h"

#define MAGIC 0x0123456789abcdefUL

/* PAR_EL1.NS [9] is IMPLEMENTATION DEFINED-ish for non-secure regimes; we
 * print the PA, ATTR and SH fields and the F bit. */
#define PAR_KEEP (~(1UL << 9))

static u64 at_s1e2r(u64 va)
{
	__asm__ volatile("at s1e2r, %0\n\tisb" ::"r"(va) : "memory");
	return read_sysreg(par_el1);
}

int main(void)
{
	volatile u64 *alias = (volatile u64 *)RT_ALIAS_VA;
	u64 v;

	rt_puts("mmu: building identity tables\n");
	rt_magic_page[0] = MAGIC;
	rt_magic_page[1] = 0;
	rt_mmu_build();
	rt_mmu_enable();
	rt_puts("mmu: MMU on, still running\n");
	rt_kv_end("SCTLR_EL2.M", read_sysreg(sctlr_el2) & 1);
	rt_kv("TCR_EL2", read_sysreg(tcr_el2));
	rt_kv_end("MAIR_EL2", read_sysreg(mair_el2));

	v = alias[0];
	rt_kv_end("alias[0]", v);
	alias[1] = v ^ ~0UL;
	dsb(ish);
	rt_kv_end("identity[1]", rt_magic_page[1]);
	rt_kv_end("alias_ro[1]", ((volatile u64 *)(RT_ALIAS_VA + 0x1000))[1]);

	rt_kv_end("PAR(alias)", at_s1e2r(RT_ALIAS_VA) & PAR_KEEP);
	rt_kv_end("PAR(image)", at_s1e2r(RT_LOAD_ADDR) & PAR_KEEP);
	/* Unmapped page: PAR_EL1.F=1 with FST = translation fault, level 3. */
	rt_kv_end("PAR(unmapped)", at_s1e2r(RT_ALIAS_VA + 0x2000) & PAR_KEEP);
	rt_puts("mmu: done\n");
	return 0;
}
