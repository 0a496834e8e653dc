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

/*
 * ID_AA64MMFR0_EL1: physical addresses of at most 48 bits. The shadow stage
 * 2 translates 48-bit IPAs (include/vel2/shadow.h), so the guest hypervisor
 * must not be offered a larger stage 2 input: PARange [3:0] at most 0b0101
 * (which also hides FEAT_LPA, 52-bit PAs with 64K, PARange 0b0110), and
 * FEAT_LPA2's 52-bit forms of the 4K and 16K granules read as the plain
 * ones: TGran4 [31:28] 0b0001 -> 0b0000, TGran16 [23:20] 0b0010 -> 0b0001,
 * TGran4_2 [43:40] and TGran16_2 [35:32] 0b0011 -> 0b0010. Its VTCR_EL2 is
 * then held to what vel2 supports architecturally: T0SZ below 16 is out of
 * range and DS is RES0 (AArch64.S2MinTxSZ without FEAT_LPA/LPA2), PS is
 * capped at PAMax (src/mmu/s2walk.c), so an L2 IPA at or above 2^48 is a
 * Translation fault of the guest's stage 2, delivered to it.
 */
static u64 pa48(u64 hw)
{
	static const struct {
		u64 mask, from, to;
	} lpa2[] = {
		{ VEL2_ID_AA64MMFR0_TGRAN4, 1, 0 },
		{ VEL2_ID_AA64MMFR0_TGRAN16, 2, 1 },
		{ VEL2_ID_AA64MMFR0_TGRAN4_2, 3, 2 },
		{ VEL2_ID_AA64MMFR0_TGRAN16_2, 3, 2 },
	};

	if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_PARANGE, hw) > 5)
		hw = (hw & ~VEL2_ID_AA64MMFR0_PARANGE) |
		     VEL2_FIELD_PREP(VEL2_ID_AA64MMFR0_PARANGE, 5);
	for (unsigned int i = 0; i < 4; i++)
		if (VEL2_ID_FIELD(lpa2[i].mask, hw) == lpa2[i].from)
			hw = (hw & ~lpa2[i].mask) |
			     VEL2_FIELD_PREP(lpa2[i].mask, lpa2[i].to);
	return hw;
}

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
		hw = pa48(hw);
		if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_ECV, hw) > 1)
			return (hw & ~VEL2_ID_AA64MMFR0_ECV) |
			       VEL2_FIELD_PREP(VEL2_ID_AA64MMFR0_ECV, 1);
		return hw;
	default:
		return hw;
	}
}
