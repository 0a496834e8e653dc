// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug of the guest hypervisor's own code at vEL2 (Arm ARM D2
 * "AArch64 Self-hosted Debug"). Debug exceptions target EL_D = EL2 when
 * MDCR_EL2.TDE = 1 or HCR_EL2.TGE = 1, else EL1; at EL_D itself they are
 * enabled by MDSCR_EL1.KDE with PSTATE.D = 0, and never at an EL above
 * EL_D (AArch64.GenerateDebugExceptionsFrom). vEL2 runs at physical EL1,
 * which is the hardware's EL_D (vel2 leaves the physical TDE clear there),
 * so the CPU applies the KDE/D rule to vEL2 code: right when the guest's
 * EL_D is EL2, wrong when it is EL1, where natively no breakpoint,
 * watchpoint or software step (nor its active-pending state) can happen at
 * EL2. So at vEL2 with the guest's TDE = TGE = 0 the physical MDSCR_EL1
 * runs with KDE clear.
 *
 * Where the guest reads MDSCR_EL1 from the CPU (NV without NV2: the
 * register is SHARED, live), the read must not see that: the cleared bit
 * is remembered (vcpu->mdscr_hidden), the guest's MDSCR_EL1 accesses trap
 * through the fine-grained traps (HDFGRTR_EL2/HDFGWTR_EL2.MDSCR_EL1 [4],
 * FEAT_FGT) while it is, and every exit puts it back first
 * (vel2_debug_exit), so the accessors always see the guest's value. Under
 * NV2 the guest's MDSCR_EL1 is its VNCR page slot (0x158), which it
 * stores to without a trap: the physical register is written from it
 * before every entry, filtered, so its own debug controls apply to its
 * own code at vEL2 from its next exit on (docs/design.md, "NV2").
 */
#include <vel2/features.h>
#include <vel2/hw.h>
#include <vel2/hwcfg.h>

#define MDSCR_KDE VEL2_BIT(13)
#define MDCR_TDE VEL2_BIT(8)
#define HDFGxTR_MDSCR VEL2_BIT(4)

void vel2_debug_exit(struct vel2_vcpu *vcpu)
{
	if (vcpu->mdscr_hidden) {
		vel2_hw_write(VEL2_SYSREG_MDSCR_EL1,
			      vel2_hw_read(VEL2_SYSREG_MDSCR_EL1) |
				      vcpu->mdscr_hidden);
		vcpu->mdscr_hidden = 0;
	}
}

/* The guest's EL_D is EL1 while it runs at vEL2: KDE must not act. */
static bool kde_off(const struct vel2_vcpu *vcpu)
{
	return vel2_vcpu_el(vcpu) == 2 &&
	       !(vel2_stored(&vcpu->regs, MDCR_EL2) & MDCR_TDE) &&
	       !(vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE);
}

void vel2_debug_config(struct vel2_vcpu *vcpu, struct vel2_hwcfg *cfg)
{
	u64 v;

	if (!vel2_vcpu_loaded(vcpu))
		return;
	/* From the guest's value, even without an exit since the last. */
	vel2_debug_exit(vcpu);
	if (vel2_place_is_nv2(vcpu->placement)) {
		v = vel2_stored(&vcpu->regs, MDSCR_EL1);
		vel2_hw_write(VEL2_SYSREG_MDSCR_EL1,
			      kde_off(vcpu) ? v & ~MDSCR_KDE : v);
		return;
	}
	/* Without FEAT_FGT the guest would read the change: leave it. */
	if (!kde_off(vcpu) || !vel2_has_feat(vcpu, FEAT_FGT))
		return;
	v = vel2_hw_read(VEL2_SYSREG_MDSCR_EL1);
	if (v & MDSCR_KDE) {
		vel2_hw_write(VEL2_SYSREG_MDSCR_EL1, v & ~MDSCR_KDE);
		vcpu->mdscr_hidden = MDSCR_KDE;
		cfg->fgt[3] |= HDFGxTR_MDSCR;
		cfg->fgt[4] |= HDFGxTR_MDSCR;
	}
}
