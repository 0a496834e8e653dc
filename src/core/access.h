/* SPDX-License-Identifier: MIT */
/*
 * Internal to src/core: the accessors' per-location table and the code that
 * moves live registers between memory and the CPU, shared by accessors.c and
 * vcpu.c. Not part of the API.
 */
#ifndef VEL2_CORE_ACCESS_H
#define VEL2_CORE_ACCESS_H

#include <vel2/vcpu.h>

/*
 * Where the register file of a loaded vCPU belongs in its current mode
 * (enum vel2_where, never VEL2_WHERE_MEMORY).
 *
 * NV2 only at vEL2 itself (hyp context with E2H=0 is only vEL2): FEAT_NV2
 * changes what accesses from EL1 do, and vEL0 in hyp context (E2H+TGE) runs at
 * EL0, where MDSCR_EL1 must be on the CPU for its debug controls (single step)
 * to apply. The hardware takes that vEL0 to vEL2 without an exit (SVC, IRQ), so
 * the guest then runs at vEL2 without NV2 until its next exit, which is
 * consistent: the HYP_VHE column is exactly the trap-based configuration.
 */
static inline unsigned int vel2_where_live(const struct vel2_vcpu *vcpu)
{
	if (!vel2_is_hyp_ctxt(vcpu))
		return VEL2_WHERE_EL1;
	if (!vel2_vcpu_e2h(vcpu))
		return vcpu->nv2_vncr ? VEL2_WHERE_HYP_NVHE_NV2 :
					VEL2_WHERE_HYP_NVHE;
	if (vcpu->nv2_vncr && vel2_vcpu_el(vcpu) == 2)
		return VEL2_WHERE_HYP_VHE_NV2;
	return VEL2_WHERE_HYP_VHE;
}

/*
 * Move the live state from its place under `from` to its place under `to`
 * (both enum vel2_where) and set vcpu->where = to. Registers that stay in
 * the same physical register in the same format are not touched.
 */
void vel2_relocate(struct vel2_vcpu *vcpu, unsigned int from, unsigned int to);

/*
 * After the mode's inputs changed (PSTATE, HCR_EL2.E2H/TGE, NV2): move a
 * loaded vCPU's live state to the column the mode now needs. Nothing to
 * do while put: memory holds everything.
 */
static inline void vel2_refresh_where(struct vel2_vcpu *vcpu)
{
	unsigned int to;

	if (!vel2_vcpu_loaded(vcpu))
		return;
	to = vel2_where_live(vcpu);
	if (to != vcpu->where)
		vel2_relocate(vcpu, vcpu->where, to);
}

/*
 * Change vcpu->hw_spsr_reports_el1 while loaded: SPSR_EL2, if on the CPU,
 * is saved under the old setting and written back under the new.
 */
void vel2_spsr_setting(struct vel2_vcpu *vcpu, bool on);

#endif /* VEL2_CORE_ACCESS_H */
