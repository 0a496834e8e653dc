// SPDX-License-Identifier: MIT
/*
 * vhe: a VHE hypervisor (HCR_EL2.E2H=1, TGE=0) that stays one: sets E2H
 * once and never clears it, so vel2 can run it with FEAT_NV2 (make
 * qemu-test runs every guest that does this with NV2 as well). It touches
 * what NV2 changes (docs/design.md, "NV2"):
 *   - EL2 registers with a VNCR offset (TPIDR_EL2, HCR_EL2, VTTBR_EL2,
 *     VTCR_EL2, HSTR_EL2): memory under NV2;
 *   - the EL1 registers through *_EL12 / *_EL02 and SP_EL1: memory;
 *   - MDSCR_EL1, reached by its own encoding: memory;
 *   - ELR/SPSR/ESR_EL2 in an exception handler at EL2: the hardware's
 *     redirection to the EL1 registers (and SPSR.M reports EL2);
 *   - EL2 registers without an offset (SCTLR_EL2 through SCTLR_EL1,
 *     VBAR_EL2, MDCR_EL2): still trapped.
 * It does not drop to EL0 or run an EL1 guest (worldswitch and exceptions
 * do, as nVHE hypervisors).
 * Values are valid for the register (RES0 clear, RES1 set): under NV2 a
 * store to the VNCR page is not sanitised, as on the hardware.
 */
#include "rt.h"

#define VTCR_EL2 s3_4_c2_c1_2
#define HSTR_EL2 s3_4_c1_c1_3
#define MDSCR_EL1 s2_0_c0_c2_2

static bool svc_hook(struct rt_frame *f, const struct rt_exc *e)
{
	if (ESR_EC(e->esr) != 0x15) /* SVC from AArch64 */
		return false;
	rt_print_exc("svc", e);
	/* Inside the handler: SPSR_EL2/ELR_EL2 read again, as KVM does. */
	rt_kv("SPSR_EL2.M", read_sysreg(spsr_el2) & 0xf);
	rt_kv_end("ELR_EL2-elr", read_sysreg(elr_el2) - e->elr);
	(void)f;
	return true;
}

static void el2_with_offset(void)
{
	write_sysreg(tpidr_el2, 0x1234567890abcdefUL);
	write_sysreg(vttbr_el2, 0x0001000040300000UL);
	write_sysreg(VTCR_EL2, 0x80023559UL);
	write_sysreg(HSTR_EL2, 0x8000UL);
	isb();
	rt_kv("TPIDR_EL2", read_sysreg(tpidr_el2));
	rt_kv_end("VTTBR_EL2", read_sysreg(vttbr_el2));
	rt_kv("VTCR_EL2", read_sysreg(VTCR_EL2));
	rt_kv("HSTR_EL2", read_sysreg(HSTR_EL2));
	rt_kv_end("HCR_EL2.E2H,TGE,RW",
		  read_sysreg(hcr_el2) & (HCR_E2H | HCR_TGE | HCR_RW));
}

static void el1_through_el12(void)
{
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1 | SCTLR_C);
	write_sysreg(TCR_EL12, 0x1111UL);
	write_sysreg(TTBR0_EL12, 0x40400000UL);
	write_sysreg(TTBR1_EL12, 0x40500000UL);
	write_sysreg(MAIR_EL12, 0xff04UL);
	write_sysreg(CONTEXTIDR_EL12, 0x77UL);
	write_sysreg(VBAR_EL12, 0x40600800UL);
	write_sysreg(ESR_EL12, 0x96000045UL);
	write_sysreg(FAR_EL12, 0xfeedf00dUL);
	write_sysreg(ELR_EL12, 0x40700004UL);
	write_sysreg(SPSR_EL12, SPSR_EL1H_DAIF);
	write_sysreg(CNTV_CVAL_EL02, 0xfffffffffUL);
	write_sysreg(CNTV_CTL_EL02, 0x2UL); /* IMASK, not enabled */
	write_sysreg(sp_el1, 0x40800000UL);
	write_sysreg(MDSCR_EL1, 0x1000UL); /* TDCC */
	isb();
	rt_kv("SCTLR_EL12", read_sysreg(SCTLR_EL12));
	rt_kv("TCR_EL12", read_sysreg(TCR_EL12));
	rt_kv_end("TTBR0_EL12", read_sysreg(TTBR0_EL12));
	rt_kv("TTBR1_EL12", read_sysreg(TTBR1_EL12));
	rt_kv("MAIR_EL12", read_sysreg(MAIR_EL12));
	rt_kv_end("CONTEXTIDR_EL12", read_sysreg(CONTEXTIDR_EL12));
	rt_kv("VBAR_EL12", read_sysreg(VBAR_EL12));
	rt_kv("ESR_EL12", read_sysreg(ESR_EL12));
	rt_kv_end("FAR_EL12", read_sysreg(FAR_EL12));
	rt_kv("ELR_EL12", read_sysreg(ELR_EL12));
	rt_kv("SPSR_EL12", read_sysreg(SPSR_EL12));
	rt_kv_end("CNTV_CVAL_EL02", read_sysreg(CNTV_CVAL_EL02));
	rt_kv("CNTV_CTL_EL02", read_sysreg(CNTV_CTL_EL02));
	rt_kv("SP_EL1", read_sysreg(sp_el1));
	rt_kv_end("MDSCR_EL1", read_sysreg(MDSCR_EL1));
}

/* E2H redirection: EL1 encodings name EL2 registers; some still trap. */
static void el2_through_el1_encodings(void)
{
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1 | SCTLR_C | SCTLR_I);
	write_sysreg(tcr_el1, 0x2222UL);
	write_sysreg(contextidr_el1, 0x55UL);
	write_sysreg(tpidr_el1, 0xabcdUL);
	/* HPMN = 6 (QEMU's PMU counters), TDA: MDCR_EL2 resets to
	 * HPMN = PMCR_EL0.N on the hardware, which vel2 does not model. */
	write_sysreg(mdcr_el2, 0x206UL);
	isb();
	rt_kv("SCTLR_EL2", read_sysreg(sctlr_el2));
	rt_kv("TCR_EL2", read_sysreg(tcr_el2));
	rt_kv_end("CONTEXTIDR_EL2", read_sysreg(contextidr_el2));
	rt_kv("TPIDR_EL1", read_sysreg(tpidr_el1));
	rt_kv_end("MDCR_EL2", read_sysreg(mdcr_el2));
}

int main(void)
{
	rt_vectors_install(svc_hook);
	rt_require_vhe("vhe");
	write_sysreg(hcr_el2,
		     (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H | HCR_RW);
	isb();
	rt_puts("vhe: E2H=1 from here on\n");
	el2_with_offset();
	el1_through_el12();
	el2_through_el1_encodings();
	__asm__ volatile("svc #0x2a" ::: "memory");
	/* After an exception and its ERET: everything still in place. */
	el2_with_offset();
	rt_kv("SCTLR_EL12", read_sysreg(SCTLR_EL12));
	rt_kv("SP_EL1", read_sysreg(sp_el1));
	rt_kv_end("MDSCR_EL1", read_sysreg(MDSCR_EL1));
	rt_kv_end("exceptions", rt_exc_count);
	rt_puts("vhe: done\n");
	return 0;
}
