// SPDX-License-Identifier: MIT
/*
 * l2pauth: a guest hypervisor that keeps its pointer authentication key
 * and SCXTNUM_EL1 from its guest the architected way, HCR_EL2.API = APK =
 * EnSCXT = 0 (Arm ARM D24.2 HCR_EL2): L2's key register read (EC 0x18),
 * PAC instruction (EC 0x09) and SCXTNUM_EL1 read (EC 0x18) trap to EL2.
 * Under vel2 they must too (issue 8: vel2 forced API/APK on, and L2 read
 * the key). The handler prints each exit and answers reads with 0xdead;
 * L2 reports what it got.
 */
#include "rt.h"

#define SCXTNUM_EL1 s3_0_c13_c0_7
/* AArch64 EL1, SMC traps; API[41], APK[40], EnSCXT[53] left 0. */
#define L2_HCR (HCR_RW | HCR_TSC)
#define SECRET 0x5ec1e7c0ffee1234UL

extern char l2pauth_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x400)
		return false;
	rt_print_exc("l1: exit", e);
	switch (ESR_EC(e->esr)) {
	case 0x16:
		if ((ESR_ISS(e->esr) & 0xffff) == 1) {
			rt_kv_end("l1: l2 says", f->x[0]);
			return true;
		}
		if ((ESR_ISS(e->esr) & 0xffff) == 0xd0e) {
			rt_puts("l2pauth: done\n");
			rt_exit(0);
		}
		return false;
	case 0x18: { /* a read: Rt [9:5] gets 0xdead */
		unsigned int rt = (ESR_ISS(e->esr) >> 5) & 0x1f;

		if (rt != 31)
			f->x[rt] = 0xdead;
		f->elr += 4;
		return true;
	}
	case 0x09: /* PACIA: not performed for L2 */
		f->elr += 4;
		return true;
	}
	return false;
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_puts("l2pauth: L2 at EL1 with HCR_EL2.API=APK=EnSCXT=0\n");
	write_sysreg(APIAKEYLO_EL1, SECRET);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1 | SCTLR_ENIA);
	write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2pauth_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
