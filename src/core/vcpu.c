// SPDX-License-Identifier: MIT
/*
 * vCPU life cycle: reset, load onto / put from the CPU, and virtual PSTATE
 * changes. All three reduce to "move the live state from where it is to
 * where it should be" (vel2_relocate), so the architecturally visible value
 * of every register is the same before and after each of them.
 */
#include <vel2/format.h>
#include <vel2/vcpu.h>

#include "placement.h"

/*
 * Reset: every register reads as zero with its RES1 bits set (the layout in
 * force is E2H=0, since HCR_EL2 resets to zero), and the guest starts at
 * vEL2h with DAIF masked, like a CPU resetting into its highest EL.
 *
 * The attribute keeps GCC from turning the clearing loop into a memset()
 * call, which a freestanding image need not provide.
 */
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void
vel2_vcpu_init(struct vel2_vcpu *vcpu)
{
	u64 *p = (u64 *)vcpu;
	unsigned int i;

	for (i = 0; i < sizeof(*vcpu) / sizeof(u64); i++)
		p[i] = 0;

	for (i = 0; i < VEL2_NR_SYSREGS; i++) {
		const struct vel2_sysreg_info *info = &vel2_sysreg_info[i];
		u64 *slot = (u64 *)((char *)&vcpu->regs + info->slot);

		if (info->slot == VEL2_NO_SLOT)
			continue;
		*slot = vel2_fmt_sanitise(info->fmt, info->res1, false);
	}

	vcpu->pstate = VEL2_GENMASK(9, 6) | VEL2_PSR_MODE_EL2H;
	vcpu->placement = VEL2_PLACE_MEMORY;
	vcpu->hw_spsr_reports_el1 = false;
	vcpu->hw_spsr_written = 0;
	vcpu->nv2_vncr = 0;
}

void vel2_vcpu_load(struct vel2_vcpu *vcpu)
{
	if (!vel2_vcpu_loaded(vcpu))
		vel2_relocate(vcpu, VEL2_PLACE_MEMORY,
			      vel2_placement_live(vcpu));
}

void vel2_vcpu_put(struct vel2_vcpu *vcpu)
{
	if (vel2_vcpu_loaded(vcpu))
		vel2_relocate(vcpu, vcpu->placement, VEL2_PLACE_MEMORY);
}

void vel2_vcpu_set_pstate(struct vel2_vcpu *vcpu, u64 pstate)
{
	vcpu->pstate = pstate;
	vel2_refresh_placement(vcpu);
}

void vel2_vcpu_set_hw_spsr_reports_el1(struct vel2_vcpu *vcpu, bool on)
{
	if (vcpu->hw_spsr_reports_el1 != on)
		vel2_spsr_setting(vcpu, on);
}

int vel2_vcpu_enable_nv2(struct vel2_vcpu *vcpu, u64 vncr_va)
{
	/* VNCR_EL2.BADDR is bits [52:12]: the page must be 4 KiB aligned. */
	if (vncr_va & (VEL2_VNCR_PAGE_SIZE - 1))
		return -VEL2_EINVAL;
	vcpu->nv2_vncr = vncr_va;
	vel2_refresh_placement(vcpu);
	return 0;
}
