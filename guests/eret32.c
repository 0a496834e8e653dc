// SPDX-License-Identifier: MIT
/*
 * eret32: a VHE host (HCR_EL2.E2H = TGE = 1) returns to AArch32 EL0
 * (SPSR_EL2.M = 0b10000, usr), as Linux does for a compat task, where the
 * CPU implements AArch32 EL0 (ID_AA64PFR0_EL1.EL0 = 2 on QEMU -cpu max).
 * Arm ARM D1 "Exception return" / "Illegal return events from AArch64
 * state": legal, and PSTATE takes SPSR's AArch32 fields (T, IT, GE, Q, E).
 * The A32/T32 program (eret32_el0.S) takes SVCs and UNDEFs to EL2 at
 * VBAR_EL2 + 0x600 (lower EL, AArch32), once inside an IT block, whose
 * state must survive the return. Then the returns that are illegal: to
 * AArch32 EL1 with TGE = 1, to AArch32 Hyp, to an unknown mode, and (TGE
 * = 0, HCR_EL2.RW = 0 on a CPU with AArch32 EL1) to AArch64 EL1.
 */
#include "rt.h"

extern char a32_prog[], t32_prog[], run_el0_back[];
u64 run_el0(u64 pc, u64 spsr, u64 r0);

#define ID_AA64PFR0_EL1 s3_0_c0_c4_0
#define PSR_T (1UL << 5)
#define M_USR 0x10UL

static bool hook(struct rt_frame *f, const struct rt_exc *e)
{
	rt_print_exc("el0", e);
	rt_kv("r0", f->x[0] & 0xffffffff);
	rt_kv_end("r1", f->x[1] & 0xffffffff);
	switch (ESR_EC(e->esr)) {
	case 0x11: /* SVC from AArch32: ELR is past it */
		if ((ESR_ISS(e->esr) & 0xffff) == 0xff) {
			f->elr = (u64)run_el0_back;
			f->spsr = 0x3c9; /* EL2h */
		}
		return true;
	case 0x00: /* UDF: skip it (A32 4 bytes, T16 2) */
		f->elr += (e->spsr & PSR_T) ? 2 : 4;
		return true;
	case 0x0e: /* illegal return: back to the caller at EL2 */
		f->elr = (u64)run_el0_back;
		f->spsr = 0x3c9;
		return true;
	}
	return false;
}

int main(void)
{
	u64 pfr0 = read_sysreg(ID_AA64PFR0_EL1);
	u64 r;

	rt_vectors_install(hook);
	rt_kv_end("PFR0.EL0", pfr0 & 0xf);
	if ((pfr0 & 0xf) < 2) {
		rt_puts("eret32: no AArch32 EL0\n");
		rt_exit(1);
	}
	write_sysreg(hcr_el2, HCR_E2H | HCR_TGE | HCR_RW);
	isb();

	rt_puts("eret32: A32 at EL0, then T32 by BX\n");
	r = run_el0((u64)a32_prog, M_USR, 0x100);
	rt_kv_end("back, r0", r & 0xffffffff);

	rt_puts("eret32: T32 entry (SPSR.T), flags and GE in the SPSR\n");
	r = run_el0((u64)t32_prog,
		    M_USR | PSR_T | (0xfUL << 28) | (0x5UL << 16), 0x200);
	rt_kv_end("back, r0", r & 0xffffffff);

	rt_puts("eret32: illegal: AArch32 svc with TGE=1\n");
	r = run_el0((u64)a32_prog, 0x13, 0x300);
	rt_puts("eret32: illegal: AArch32 hyp\n");
	r = run_el0((u64)a32_prog, 0x1a, 0x300);
	rt_puts("eret32: illegal: AArch32 mode 0b10101\n");
	r = run_el0((u64)a32_prog, 0x15, 0x300);

	rt_puts("eret32: TGE=0, RW=0: AArch64 EL1 is illegal\n");
	write_sysreg(hcr_el2, HCR_E2H);
	isb();
	r = run_el0((u64)a32_prog, 0x3c5, 0x300);
	(void)r;

	rt_puts("eret32: done\n");
	return 0;
}
