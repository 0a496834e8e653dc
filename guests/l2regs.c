// SPDX-License-Identifier: MIT
/*
 * l2regs: a VHE guest hypervisor (E2H=1, TGE=0 around L2) sets the EL2
 * registers a world switch sets for its guest and checks L2 sees them
 * (Arm ARM D24.2): VPIDR_EL2/VMPIDR_EL2 (what L2's MIDR_EL1/MPIDR_EL1
 * read), CPTR_EL2.FPEN = 0 (L2's FP traps, EC 0x07; the handler turns FP
 * on and L2 retries), HFGRTR_EL2.TPIDR_EL1 (L2's read traps, EC 0x18,
 * answered 0xdead), ZCR_EL2.LEN = 1 (L2's vector length 32 bytes although
 * its ZCR_EL1 asks for the most). Under vel2 each must reach the hardware
 * while L2 runs, from the stored copies (NV) or the VNCR page (NV2).
 * With SVE the guest hypervisor also uses SVE itself at EL2 before it
 * enters L2 (Z1 = 0, 1, 2, ... at its 32-byte length) and reads Z1 back
 * when L2 is done: the register survives L2 and every exit in between,
 * whatever vel2 traps lazily (src/trap/sve_lazy.c).
 */
#include "rt.h"

#define HFGRTR_EL2 s3_4_c1_c1_4
#define ZCR_EL2 s3_4_c1_c2_0
#define ZCR_EL12 s3_5_c1_c2_0
#define CPACR_EL12 s3_5_c1_c0_2
#define VPIDR 0x410fd4f1UL
#define VMPIDR 0x80000107UL
#define CPTR_FPEN (3UL << 20)
#define CPTR_ZEN (3UL << 16)
#define HFGRTR_TPIDR_EL1 (1UL << 33)
#define L2_HCR (HCR_RW | HCR_E2H)

extern char l2regs_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static bool sve;

/* INDEX Z1.B, #0, #1 then RDVL: the vector length in bytes. */
static u64 el2_sve_fill(void)
{
	register u64 x0 __asm__("x0");

	__asm__ volatile(".inst 0x04214001\n\t" /* index z1.b, #0, #1 */
			 ".inst 0x04bf5020" /* rdvl x0, #1 */
			 : "=r"(x0)
			 :
			 : "memory");
	return x0;
}

/* STR Z1 and a checksum of its first `vl` bytes, weighted by position. */
static u64 el2_sve_sum(u64 vl)
{
	static unsigned char buf[256] __attribute__((aligned(16)));
	register u64 x1 __asm__("x1") = (u64)buf;
	u64 sum = 0;

	__asm__ volatile(".inst 0xe5804021" /* str z1, [x1] */
			 :
			 : "r"(x1)
			 : "memory");
	for (u64 i = 0; i < vl && i < sizeof(buf); i++)
		sum += (u64)buf[i] * (i + 1);
	return sum;
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x400)
		return false;
	switch (ESR_EC(e->esr)) {
	case 0x07: /* CPTR_EL2.FPEN: FP on for L2, retry */
		write_sysreg(cpacr_el1, CPTR_FPEN | CPTR_ZEN);
		isb();
		rt_print_exc("l1: exit", e);
		return true;
	case 0x18: { /* a read: Rt [9:5] gets 0xdead */
		unsigned int rt = (ESR_ISS(e->esr) >> 5) & 0x1f;

		rt_print_exc("l1: exit", e);
		if (rt != 31)
			f->x[rt] = 0xdead;
		f->elr += 4;
		return true;
	}
	case 0x16:
		if ((ESR_ISS(e->esr) & 0xffff) == 1) {
			rt_kv_end("l1: l2 says", f->x[0]);
			/* Without SVE, skip RDVL (UNDEF) and report 0. */
			if (!sve && *(u32 *)f->elr == 0x04bf5020) {
				f->x[0] = 0;
				f->elr += 4;
			}
			return true;
		}
		if ((ESR_ISS(e->esr) & 0xffff) == 2) {
			/* L2's own EL1 exception (rt/l2_vectors.S). */
			rt_kv_end("l1: l2 took esr", f->x[0]);
			return true;
		}
		if ((ESR_ISS(e->esr) & 0xffff) == 0xd0e) {
			/* CPACR_EL1 (CPTR_EL2) is open again: the FP exit. */
			if (sve)
				rt_kv_end("l1: el2 z1 sum", el2_sve_sum(32));
			rt_puts("l2regs: done\n");
			rt_exit(0);
		}
		return false;
	}
	return false;
}

int main(void)
{
	/* ID_AA64PFR0_EL1.SVE [35:32], ID_AA64MMFR0_EL1.FGT [59:56]. */
	bool fgt = (read_sysreg(id_aa64mmfr0_el1) >> 56) & 0xf;

	sve = (read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf;
	rt_vectors_install(l2_exit);
	rt_require_vhe("l2regs");
	write_sysreg(hcr_el2, (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H);
	isb();
	/* VBAR_EL2 has no VNCR offset, so this read traps under NV2 too:
	 * vel2 sees E2H=1 from here on, before the E2H-dependent CPACR_EL1
	 * write below (docs/design.md, "NV2 and a guest that changes E2H"). */
	(void)read_sysreg(vbar_el2);
	rt_kv("l2regs: SVE", sve);
	rt_kv_end("FGT", fgt);
	write_sysreg(vpidr_el2, VPIDR);
	write_sysreg(vmpidr_el2, VMPIDR);
	if (fgt)
		write_sysreg(HFGRTR_EL2, HFGRTR_TPIDR_EL1);
	/* ZCR_EL2 accesses need CPTR_EL2.ZEN open at EL2 itself. */
	write_sysreg(cpacr_el1, CPTR_FPEN | CPTR_ZEN);
	isb();
	if (sve) {
		write_sysreg(ZCR_EL2, 1);
		write_sysreg(ZCR_EL12, 0xf);
		isb();
		rt_kv_end("l1: el2 vl", el2_sve_fill());
	}
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
	write_sysreg(VBAR_EL12, (u64)l2_vectors);
	write_sysreg(CPACR_EL12, CPTR_FPEN | CPTR_ZEN);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2regs_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	rt_flush();
	/* CPTR_EL2 (CPACR_EL1 with E2H=1): FP and SVE trapped for L2 -- and
	 * for EL2 itself, so nothing here may use FP until the handler. */
	write_sysreg(cpacr_el1, 0);
	isb();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
