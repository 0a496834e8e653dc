// SPDX-License-Identifier: MIT
/*
 * vel2_has_feat(): a feature of the virtual CPU, read from the ID register
 * fields (include/vel2/arch.h) of the vCPU's stored ID registers.
 */
#include <vel2/features.h>

bool vel2_has_feat(const struct vel2_vcpu *vcpu, enum vel2_feat feat)
{
	u64 pfr0 = vel2_stored(&vcpu->regs, ID_AA64PFR0_EL1);
	u64 pfr1 = vel2_stored(&vcpu->regs, ID_AA64PFR1_EL1);
	u64 mmfr0 = vel2_stored(&vcpu->regs, ID_AA64MMFR0_EL1);
	u64 mmfr1 = vel2_stored(&vcpu->regs, ID_AA64MMFR1_EL1);

	switch (feat) {
	case FEAT_ANY:
		return true;
	case FEAT_PAN:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR1_PAN, mmfr1);
	case FEAT_SSBS:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_SSBS, pfr1);
	case FEAT_MTE:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_MTE, pfr1) >= 1;
	case FEAT_MTE2:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_MTE, pfr1) >= 2;
	case FEAT_NMI:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR1_NMI, pfr1);
	case FEAT_PAUTH: {
		u64 isar1 = vel2_stored(&vcpu->regs, ID_AA64ISAR1_EL1);
		u64 isar2 = vel2_stored(&vcpu->regs, ID_AA64ISAR2_EL1);

		/* Any of the address or generic authentication fields. */
		return (isar1 &
			(VEL2_ID_AA64ISAR1_APA | VEL2_ID_AA64ISAR1_API |
			 VEL2_ID_AA64ISAR1_GPA | VEL2_ID_AA64ISAR1_GPI)) ||
		       (isar2 &
			(VEL2_ID_AA64ISAR2_APA3 | VEL2_ID_AA64ISAR2_GPA3));
	}
	case FEAT_FGT:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_FGT, mmfr0);
	case FEAT_EL3:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR0_EL3, pfr0);
	case FEAT_ECV:
		return VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_ECV, mmfr0);
	case FEAT_CSV2_2:
		return VEL2_ID_FIELD(VEL2_ID_AA64PFR0_CSV2, pfr0) >= 2 ||
		       VEL2_ID_FIELD(VEL2_ID_AA64PFR1_CSV2_FRAC, pfr1) >= 2;
	}
	return false;
}
