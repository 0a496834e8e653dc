/* SPDX-License-Identifier: MIT */
/*
 * The features of the virtual CPU, as its stored ID registers (what the
 * guest reads, vel2_id_sanitise) describe them. The trap code asks these
 * to decide which registers and PSTATE bits exist for the guest.
 */
#ifndef VEL2_FEATURES_H
#define VEL2_FEATURES_H

#include <vel2/vcpu.h>

/* Features of the virtual CPU, from its stored ID registers. */
enum vel2_feat {
	VEL2_FEAT_ANY,
	VEL2_FEAT_PAN, /* ID_AA64MMFR1_EL1.PAN != 0 */
	VEL2_FEAT_SSBS, /* ID_AA64PFR1_EL1.SSBS != 0 */
	VEL2_FEAT_MTE, /* ID_AA64PFR1_EL1.MTE != 0 (PSTATE.TCO) */
	VEL2_FEAT_MTE2, /* ID_AA64PFR1_EL1.MTE >= 2 */
	VEL2_FEAT_NMI, /* ID_AA64PFR1_EL1.NMI != 0 */
	VEL2_FEAT_PAUTH, /* ID_AA64ISAR1_EL1.{APA,API,GPA,GPI}/ISAR2.{APA3,GPA3}
			  */
	VEL2_FEAT_FGT, /* ID_AA64MMFR0_EL1.FGT != 0 */
	VEL2_FEAT_EL3, /* ID_AA64PFR0_EL1.EL3 != 0 */
	VEL2_FEAT_CSV2_2, /* ID_AA64PFR0_EL1.CSV2 >= 2 or PFR1.CSV2_frac >= 2 */
	/* Debug, PMU, trace and activity monitors (ID_AA64DFR0_EL1,
	 * ID_AA64PFR0_EL1.AMU): which MDCR_EL2/CPTR_EL2 fields exist. */
	VEL2_FEAT_PMUV3, /* DFR0.PMUVer != 0 and != 0xf (IMPDEF) */
	VEL2_FEAT_PMUV3P1, /* DFR0.PMUVer >= 4 (not 0xf) */
	VEL2_FEAT_PMUV3P5, /* DFR0.PMUVer >= 6 (not 0xf) */
	VEL2_FEAT_HPMN0, /* DFR0.HPMN0 != 0: MDCR_EL2.HPMN may be 0 */
	VEL2_FEAT_SPE, /* DFR0.PMSVer != 0 */
	VEL2_FEAT_TRACE, /* DFR0.TraceVer != 0: trace unit system registers */
	VEL2_FEAT_TRF, /* DFR0.TraceFilt != 0: TRFCR_EL1 */
	VEL2_FEAT_TRBE, /* DFR0.TraceBuffer != 0 */
	VEL2_FEAT_AMU, /* ID_AA64PFR0_EL1.AMU != 0 */
	VEL2_FEAT_ECV, /* ID_AA64MMFR0_EL1.ECV != 0 (CNTHCTL_EL2.EL1TVT/EL1TVCT)
			*/
};
bool vel2_has_feat(const struct vel2_vcpu *vcpu, enum vel2_feat feat);

/*
 * Catalogued registers that exist only with a feature the catalog does
 * not assume (X-macro: one list for the trap code and relocation). The
 * FEAT_MTE2 registers (Arm ARM D24.2 "TFSR_EL1", "TFSR_EL2", "TFSRE0_EL1",
 * "GCR_EL1", "RGSR_EL1"): QEMU's -cpu max has FEAT_MTE2 only with tag
 * memory (-M mte=on), and without it they are UNDEFINED, physically too,
 * so vel2 must neither emulate nor touch them.
 */
#define VEL2_MTE2_SYSREGS(X) \
	X(TFSR_EL1) X(TFSR_EL2) X(TFSRE0_EL1) X(GCR_EL1) X(RGSR_EL1)

/*
 * The AArch32 EL1 registers an AArch64 EL2 holds (sysregs.def): present
 * only when EL1 can use AArch32 (Arm ARM D24.2 "DACR32_EL2" ...,
 * ID_AA64PFR0_EL1.EL1 = 2), UNDEFINED and untouched otherwise.
 */
/* clang-format off */
#define VEL2_AA32EL1_SYSREGS(X)                                          \
	X(DACR32_EL2) X(IFSR32_EL2) X(FPEXC32_EL2)                       \
	X(SPSR_irq) X(SPSR_abt) X(SPSR_und) X(SPSR_fiq)
/* clang-format on */

/* Does register `reg` (a catalog id, not an alias) exist on the vCPU? */
bool vel2_sysreg_present(const struct vel2_vcpu *vcpu, unsigned int reg);

/* The guest's CPU runs AArch32 at EL1 (ID_AA64PFR0_EL1.EL1 [7:4] = 2). */
static inline bool vel2_has_aarch32_el1(const struct vel2_vcpu *vcpu)
{
	return VEL2_FIELD_GET(VEL2_ID_AA64PFR0_EL1_STATE,
			      vel2_stored(&vcpu->regs, ID_AA64PFR0_EL1)) >=
	       VEL2_ID_AA64PFR0_AARCH32;
}

/*
 * EL1 (and so EL0) below the guest hypervisor use AArch32: the Arm ARM's
 * ELStateUsingAArch32K for EL1 with an AArch64 EL2 and no EL3 --
 * HaveAArch32EL(EL1), HCR_EL2.RW = 0 and not ELIsInHost(EL0) ({E2H,TGE}
 * = {1,1} makes EL0 part of the EL2&0 regime, where RW does not apply).
 * Without AArch32 at EL1, HCR_EL2.RW is RAO/WI (Arm ARM D24.2 HCR_EL2.RW)
 * and EL1 is AArch64 whatever the guest wrote.
 */
static inline bool vel2_el1_aarch32(const struct vel2_vcpu *vcpu)
{
	u64 hcr = vel2_vcpu_hcr(vcpu);

	return vel2_has_aarch32_el1(vcpu) && !(hcr & VEL2_HCR_RW) &&
	       !((hcr & VEL2_HCR_E2H) && (hcr & VEL2_HCR_TGE));
}

#endif /* VEL2_FEATURES_H */
