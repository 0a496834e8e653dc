// SPDX-License-Identifier: MIT
/*
 * vel2_has_feat(): a feature of the virtual CPU, read from the ID register
 * fields (include/vel2/arch.h) of the vCPU's stored ID registers.
 */
#include <vel2/features.h>

/*
 * The ID_AA64DFR0_EL1 features (Arm ARM D24.2 ID_AA64DFR0_EL1). PMUVer is
 * an ordered version except 0xf, an IMPLEMENTATION DEFINED PMU, which is
 * not PMUv3 and offers none of MDCR_EL2's PMU fields.
 */
static bool debug_feat(u64 dfr0, enum vel2_feat feat)
{
	unsigned int pmu = VEL2_ID_FIELD(VEL2_ID_AA64DFR0_PMUVER, dfr0);

	if (pmu == VEL2_PMUVER_IMPDEF)
		pmu = 0;
	switch (feat) {
	case VEL2_FEAT_PMUV3:
		return pmu >= 1;
	case VEL2_FEAT_PMUV3P1:
		return pmu >= 4;
	case VEL2_FEAT_PMUV3P5:
		return pmu >= 6;
	case VEL2_FEAT_HPMN0:
		return VEL2_ID_FIELD(VEL2_ID_AA64DFR0_HPMN0, dfr0);
	case VEL2_FEAT_SPE:
		return VEL2_ID_FIELD(VEL2_ID_AA64DFR0_PMSVER, dfr0);
	case VEL2_FEAT_TRACE:
		return VEL2_ID_FIELD(VEL2_ID_AA64DFR0_TRACEVER, dfr0);
	case VEL2_FEAT_TRF:
		return VEL2_ID_FIELD(VEL2_ID_AA64DFR0_TRACEFILT, dfr0);
	case VEL2_FEAT_TRBE:
		return VEL2_ID_FIELD(VEL2_ID_AA64DFR0_TRACEBUFFER, dfr0);
	default:
		return false;
	}
}

bool vel2_has_feat(const struct vel2_vcpu *vcpu, enum vel2_feat feat)
{
	u64 pfr0 = vel2_stored(&vcpu->regs, ID_AA64PFR0_EL1);
	u64 pfr1 = vel2_stored(&vcpu->regs, ID_AA64PFR1_EL1);
	u64 mmfr0 = vel2_stored(&vcpu->regs, ID_AA64MMFR0_EL1);
	u64 mmfr1 = vel2_stored(&vcpu->regs, ID_AA64MMFR1_EL1);

	switch (feat) {
	case VEL2_FEAT_ANY:
		return true;
	case VEL2_FEAT_PAN:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR1_PAN, mmfr1);
	case VEL2_FEAT_SSBS:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_SSBS, pfr1);
	case VEL2_FEAT_MTE:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_MTE, pfr1) >= 1;
	case VEL2_FEAT_MTE2:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_MTE, pfr1) >= 2;
	case VEL2_FEAT_NMI:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_NMI, pfr1);
	case VEL2_FEAT_PAUTH: {
		u64 isar1 = vel2_stored(&vcpu->regs, ID_AA64ISAR1_EL1);
		u64 isar2 = vel2_stored(&vcpu->regs, ID_AA64ISAR2_EL1);

		/* Any of the address or generic authentication fields. */
		return (isar1 &
			(VEL2_ID_AA64ISAR1_APA | VEL2_ID_AA64ISAR1_API |
			 VEL2_ID_AA64ISAR1_GPA | VEL2_ID_AA64ISAR1_GPI)) ||
		       (isar2 &
			(VEL2_ID_AA64ISAR2_APA3 | VEL2_ID_AA64ISAR2_GPA3));
	}
	case VEL2_FEAT_FGT:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_FGT, mmfr0);
	case VEL2_FEAT_EL3:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR0_EL3, pfr0);
	case VEL2_FEAT_ECV:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_ECV, mmfr0);
	case VEL2_FEAT_CSV2_2:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR0_CSV2, pfr0) >= 2 ||
		       VEL2_ID_FIELD(VEL2_ID_AA64PFR1_CSV2_FRAC, pfr1) >= 2;
	case VEL2_FEAT_AMU:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR0_AMU, pfr0);
	default:
		return debug_feat(vel2_stored(&vcpu->regs, ID_AA64DFR0_EL1),
				  feat);
	}
	return false;
}

bool vel2_sysreg_present(const struct vel2_vcpu *vcpu, unsigned int reg)
{
	switch (reg) {
#define MTE2_CASE(n) case VEL2_SYSREG_##n:
		VEL2_MTE2_SYSREGS(MTE2_CASE)
#undef MTE2_CASE
		return vel2_has_feat(vcpu, VEL2_FEAT_MTE2);
#define AA32_CASE(n) case VEL2_SYSREG_##n:
		VEL2_AA32EL1_SYSREGS(AA32_CASE)
#undef AA32_CASE
		return vel2_has_aarch32_el1(vcpu);
	default:
		return true;
	}
}
