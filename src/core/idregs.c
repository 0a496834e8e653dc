// SPDX-License-Identifier: MIT
/*
 * The CPU the guest sees: the hardware's ID registers without the features
 * vel2 does not virtualize. A feature field reading 0 means "not
 * implemented" for every field changed here (Arm ARM D24.2, field
 * descriptions of each register), and software that finds it 0 does not
 * touch the feature's registers, which would otherwise be UNDEFINED under
 * vel2 (no catalog entry) or reach state vel2 does not switch.
 *
 *   ID_AA64MMFR2_EL1.NV [27:24]   FEAT_NV/NV2: the guest hypervisor's own
 *                                 HCR_EL2.NV* are dropped for L2
 *                                 (hwcfg.c guest_config), no recursive
 *                                 nesting.
 *   ID_AA64MMFR4_EL1.NV_frac [23:20]  FEAT_NV2p1: qualifies NV, so it goes
 *                                 with it.
 *   ID_AA64PFR1_EL1.SME [27:24]   FEAT_SME: SMCR_EL2, SMPRIMAP_EL2,
 *   ID_AA64SMFR0_EL1 (all)        SVCR, TPIDR2_EL0 and the ZA/streaming
 *                                 state are not in the catalog, and the
 *                                 host keeps CPTR_EL2.SMEN trapping.
 *                                 SMFR0 only describes SME, so it reads 0.
 *   ID_AA64MMFR0_EL1.ECV [63:60]  2 (FEAT_ECV_POFF: CNTPOFF_EL2 and
 *                                 CNTHCTL_EL2.ECV) reads 1: vel2 does not
 *                                 apply the guest hypervisor's CNTPOFF_EL2
 *                                 to its guest's physical counter and
 *                                 timer (docs/nested-gic.md), so it must
 *                                 not be offered. FEAT_ECV itself stays.
 *   ID_AA64PFR2_EL1.MTEPERM [3:0] FEAT_MTE_PERM: the stage 2
 *                                 NoTagAccess memory attribute, which
 *                                 vel2's shadow stage 2 does not carry
 *                                 from a guest hypervisor's stage 2 to
 *                                 its guest (src/mmu/shadow.c combines
 *                                 memory type and cacheability only), so
 *                                 L2's tag accesses there would not fault.
 *                                 FEAT_MTE2/MTE3 stay: vel2 virtualizes
 *                                 them (docs/design.md, "MTE").
 */
#include <vel2/hwcfg.h>

u64 vel2_id_sanitise(unsigned int reg, u64 hw)
{
	switch (reg) {
	case VEL2_SYSREG_ID_AA64MMFR2_EL1:
		return hw & ~VEL2_ID_AA64MMFR2_NV;
	case VEL2_SYSREG_ID_AA64MMFR4_EL1:
		return hw & ~VEL2_ID_AA64MMFR4_NV_FRAC;
	case VEL2_SYSREG_ID_AA64PFR1_EL1:
		return hw & ~VEL2_ID_AA64PFR1_SME;
	case VEL2_SYSREG_ID_AA64SMFR0_EL1:
		return 0;
	case VEL2_SYSREG_ID_AA64PFR2_EL1:
		return hw & ~VEL2_ID_AA64PFR2_MTEPERM;
	case VEL2_SYSREG_ID_AA64MMFR0_EL1:
		if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_ECV, hw) > 1)
			return (hw & ~VEL2_ID_AA64MMFR0_ECV) |
			       VEL2_FIELD_PREP(VEL2_ID_AA64MMFR0_ECV, 1);
		return hw;
	default:
		return hw;
	}
}
