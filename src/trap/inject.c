// SPDX-License-Identifier: MIT
/*
 * Exception entry into the guest: what AArch64.TakeException (Arm ARM,
 * J1 "shared/functions/exceptions") does to the target EL's ELR, SPSR, ESR
 * and FAR and to PSTATE, applied to the virtual state through the
 * accessors. Used to deliver UNDEFs at vEL2/vEL1 and to reflect exits to
 * the guest hypervisor.
 */
#include "handlers.h"

unsigned int vel2_undef_target(const struct vel2_vcpu *vcpu)
{
	unsigned int el = vel2_vcpu_el(vcpu);

	/* From EL0, HCR_EL2.TGE routes what would go to EL1 to EL2. */
	if (el == 0)
		return (vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE) ? 2 : 1;
	return el;
}

/*
 * PSTATE on taking an exception to `target` from `old` (TakeException):
 * DAIF masked, SS/IL/BTYPE/UAO cleared, EL`target`h; PAN set unless
 * SCTLR_ELx.SPAN (for EL2 only in the EL2&0 regime, HCR_EL2.{E2H,TGE} =
 * {1,1}); SSBS from SCTLR_ELx.DSSBS; TCO set with FEAT_MTE; ALLINT from
 * SCTLR_ELx.SPINTMASK with FEAT_NMI. NZCV and DIT are unchanged.
 */
static u64 entry_pstate(struct vel2_vcpu *vcpu, u64 old, unsigned int target)
{
	u64 hcr = vel2_vcpu_hcr(vcpu);
	u64 sctlr = vel2_rd(vcpu, target == 2 ? VEL2_SYSREG_SCTLR_EL2 :
						VEL2_SYSREG_SCTLR_EL1);
	u64 p = old & (VEL2_PSR_NZCV | VEL2_PSR_DIT | VEL2_PSR_PAN |
		       VEL2_PSR_SSBS | VEL2_PSR_TCO | VEL2_PSR_ALLINT);
	bool host = (hcr & VEL2_HCR_E2H) && (hcr & VEL2_HCR_TGE);

	/*
	 * From AArch32 EL0/EL1 the SPSR layout differs: [25], [13] are IT
	 * bits and SSBS is [23] (Arm ARM C5.2.19); NZCV, DIT, PAN coincide.
	 */
	if (old & VEL2_PSR_M_32) {
		p = old & (VEL2_PSR_NZCV | VEL2_PSR_DIT | VEL2_PSR_PAN);
		if (old & VEL2_BIT(23))
			p |= VEL2_PSR_SSBS;
	}

	p |= VEL2_PSR_DAIF | VEL2_FIELD_PREP(VEL2_PSR_M_EL, target) |
	     VEL2_PSR_M_SP;
	if (vel2_has_feat(vcpu, VEL2_FEAT_PAN) && (target == 1 || host) &&
	    !(sctlr & VEL2_SCTLR_SPAN))
		p |= VEL2_PSR_PAN;
	if (vel2_has_feat(vcpu, VEL2_FEAT_SSBS)) {
		p &= ~VEL2_PSR_SSBS;
		if (sctlr & VEL2_SCTLR_DSSBS)
			p |= VEL2_PSR_SSBS;
	}
	if (vel2_has_feat(vcpu, VEL2_FEAT_MTE))
		p |= VEL2_PSR_TCO;
	if (vel2_has_feat(vcpu, VEL2_FEAT_NMI)) {
		p &= ~VEL2_PSR_ALLINT;
		if (!(sctlr & VEL2_SCTLR_SPINTMASK))
			p |= VEL2_PSR_ALLINT;
	}
	return p;
}

/*
 * Vector offset (Arm ARM D1.x "Exception vectors"): same EL with SP_EL0
 * 0x000, same EL with SP_ELx 0x200, lower EL using AArch64 0x400, lower EL
 * using AArch32 0x600 (an exit from AArch32 EL0); synchronous +0x0.
 */
static u64 vector_offset(u64 old, unsigned int target)
{
	if (vel2_psr_el(old) == target)
		return (old & VEL2_PSR_M_SP) ? 0x200 : 0x000;
	return (old & VEL2_PSR_M_32) ? 0x600 : 0x400;
}

/*
 * An exception vel2 delivers to EL1 while the guest hypervisor's EL1 is
 * AArch32 (vel2_el1_aarch32; from AArch32 EL1 or EL0, the only states
 * below it then): AArch32.EnterMode (Arm ARM J1 aarch32/exceptions) in
 * the mode of the class -- an UNDEFINED instruction (EC 0x00) in
 * Undefined mode, an abort (EC 0x20/0x21 prefetch, 0x24/0x25 data) in
 * Abort mode:
 *  - SPSR_<mode> = the old CPSR, LR_<mode> (X22 / X20, the AArch64 view
 *    of the banked register) = the preferred return + 4 (Undefined from
 *    A32), 2 (from T32), 4 (Prefetch Abort) or 8 (Data Abort);
 *  - CPSR: the mode, I set (A too for Abort), T = SCTLR.TE, E =
 *    SCTLR.EE, IT/SS/IL cleared, PAN set if SCTLR.SPAN = 0 (FEAT_PAN),
 *    SSBS = SCTLR.DSSBS (FEAT_SSBS); NZCV, Q, GE, DIT kept;
 *  - aborts: DFSR (ESR_EL1[31:0]) and DFAR (FAR_EL1[31:0]), or IFSR
 *    (IFSR32_EL2) and IFAR (FAR_EL1[63:32]), with the status in the
 *    format TTBCR.EAE selects (vel2 only injects synchronous external
 *    aborts, vel2_inject_external_abort);
 *  - PC = the vector base (VBAR[31:5], or 0xffff0000 with SCTLR.V) +
 *    0x04 / 0x0c / 0x10.
 */
static void take_exception_aarch32(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit, u64 esr, u64 ret,
				   bool far_valid)
{
	unsigned int ec = VEL2_ESR_EC(esr);
	bool dabt = ec == VEL2_EC_DABT_LOW || ec == VEL2_EC_DABT_CUR;
	bool pabt = ec == VEL2_EC_IABT_LOW || ec == VEL2_EC_IABT_CUR;
	u64 old = vcpu->pstate;
	u64 sctlr = vel2_rd(vcpu, VEL2_SYSREG_SCTLR_EL1);
	u64 p = old & (VEL2_PSR_NZCV | VEL2_BIT(27) | VEL2_GENMASK(19, 16) |
		       VEL2_PSR_DIT);
	u64 far = vel2_rd(vcpu, VEL2_SYSREG_FAR_EL1);
	u64 base, fsr = 0;
	unsigned int vec;

	if (dabt || pabt) {
		fsr = (vel2_rd(vcpu, VEL2_SYSREG_TCR_EL1) & VEL2_TTBCR_EAE) ?
			      VEL2_FSR32_LPAE | VEL2_FSR32_LPAE_SEA :
			      VEL2_FSR32_SHORT_SEA;
		p |= VEL2_PSR32_MODE_ABT | VEL2_PSR32_A | VEL2_PSR32_I;
		vel2_write_sysreg(vcpu, VEL2_SYSREG_SPSR_abt, old);
		exit->x[VEL2_X_LR_ABT] = (u32)(ret + (dabt ? 8 : 4));
	} else {
		p |= VEL2_PSR32_MODE_UND | VEL2_PSR32_I;
		vel2_write_sysreg(vcpu, VEL2_SYSREG_SPSR_und, old);
		exit->x[VEL2_X_LR_UND] =
			(u32)(ret + ((old & VEL2_PSR32_T) ? 2 : 4));
	}
	if (dabt) {
		if (esr & VEL2_ISS_DABT_WNR)
			fsr |= VEL2_FSR32_WNR;
		vel2_write_sysreg(vcpu, VEL2_SYSREG_ESR_EL1, fsr);
		if (far_valid)
			vel2_write_sysreg(vcpu, VEL2_SYSREG_FAR_EL1,
					  (far & ~VEL2_GENMASK(31, 0)) |
						  (u32)exit->far);
		vec = VEL2_VEC32_DABT;
	} else if (pabt) {
		vel2_write_sysreg(vcpu, VEL2_SYSREG_IFSR32_EL2, fsr);
		if (far_valid)
			vel2_write_sysreg(vcpu, VEL2_SYSREG_FAR_EL1,
					  (far & VEL2_GENMASK(31, 0)) |
						  (exit->far << 32));
		vec = VEL2_VEC32_PABT;
	} else {
		vec = VEL2_VEC32_UND;
	}

	if (sctlr & VEL2_SCTLR32_TE)
		p |= VEL2_PSR32_T;
	if (sctlr & VEL2_SCTLR32_EE)
		p |= VEL2_PSR32_E;
	if (vel2_has_feat(vcpu, VEL2_FEAT_PAN) && !(sctlr & VEL2_SCTLR32_SPAN))
		p |= VEL2_PSR_PAN; /* bit 22 in both layouts */
	if (vel2_has_feat(vcpu, VEL2_FEAT_SSBS) && (sctlr & VEL2_SCTLR32_DSSBS))
		p |= VEL2_PSR32_SSBS;
	else if (!vel2_has_feat(vcpu, VEL2_FEAT_SSBS))
		p |= old & VEL2_PSR32_SSBS;

	base = (sctlr & VEL2_SCTLR32_V) ? VEL2_VEC32_HIGH :
					  vel2_rd(vcpu, VEL2_SYSREG_VBAR_EL1) &
						  VEL2_GENMASK(31, 5);
	exit->elr = base + vec;
	vel2_vcpu_set_pstate(vcpu, p);
	exit->spsr = vel2_pstate_to_phys(vcpu->pstate);
}

void vel2_take_exception(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			 unsigned int target, u64 esr, u64 ret, bool far_valid,
			 bool hpfar_valid)
{
	u64 old = vcpu->pstate;
	u64 vbar;

	if (target == 1 && vel2_el1_aarch32(vcpu)) {
		take_exception_aarch32(vcpu, exit, esr, ret, far_valid);
		return;
	}

	if (target == 2) {
		vel2_write_sysreg(vcpu, VEL2_SYSREG_ELR_EL2, ret);
		vel2_write_sysreg(vcpu, VEL2_SYSREG_SPSR_EL2, old);
		vel2_write_sysreg(vcpu, VEL2_SYSREG_ESR_EL2, esr);
		/* FAR is UNKNOWN for other classes: leave it, so no value
		 * from the host (another VM's fault) leaks in. */
		if (far_valid)
			vel2_write_sysreg(vcpu, VEL2_SYSREG_FAR_EL2, exit->far);
		if (hpfar_valid)
			vel2_write_sysreg(vcpu, VEL2_SYSREG_HPFAR_EL2,
					  exit->hpfar);
		vbar = vel2_rd(vcpu, VEL2_SYSREG_VBAR_EL2);
	} else {
		vel2_write_sysreg(vcpu, VEL2_SYSREG_ELR_EL1, ret);
		vel2_write_sysreg(vcpu, VEL2_SYSREG_SPSR_EL1, old);
		vel2_write_sysreg(vcpu, VEL2_SYSREG_ESR_EL1, esr);
		if (far_valid)
			vel2_write_sysreg(vcpu, VEL2_SYSREG_FAR_EL1, exit->far);
		vbar = vel2_rd(vcpu, VEL2_SYSREG_VBAR_EL1);
	}

	/* VBAR_ELx[10:0] are RES0 in AArch64; VBAR_EL1 may hold an AArch32
	 * VBAR's [10:5] (sysregs.def), which AArch64 vectors ignore. */
	exit->elr = (vbar & ~VEL2_GENMASK(10, 0)) + vector_offset(old, target);
	vel2_vcpu_set_pstate(vcpu, entry_pstate(vcpu, old, target));
	exit->spsr = vel2_pstate_to_phys(vcpu->pstate);
}

void vel2_inject_undef(struct vel2_vcpu *vcpu, struct vel2_exit *exit, u64 pc)
{
	/* EC 0x00 has no ISS; IL is 1 for it (ESR_ELx.IL description). */
	vel2_take_exception(vcpu, exit, vel2_undef_target(vcpu),
			    vel2_esr_make(VEL2_EC_UNKNOWN, 0), pc, false,
			    false);
}

int vel2_inject_external_abort(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	unsigned int ec = VEL2_ESR_EC(exit->esr), target;
	bool data = ec == VEL2_EC_DABT_LOW;
	u32 iss = VEL2_FSC_SEA;

	if (!data && ec != VEL2_EC_IABT_LOW)
		return VEL2_EXIT_EBADESR;

	target = vel2_undef_target(vcpu);
	if (!vel2_is_hyp_ctxt(vcpu) && (vel2_vcpu_hcr(vcpu) & VEL2_HCR_TEA))
		target = 2;
	/* Only the direction survives from the stage 2 syndrome: ISV, SAS
	 * and the rest describe a fault the guest never sees. */
	if (data)
		iss |= exit->esr & VEL2_ISS_DABT_WNR;
	/* The "taken without a change in EL" classes are the LOW ones + 1. */
	if (target == vel2_vcpu_el(vcpu))
		ec += 1;
	vel2_take_exception(vcpu, exit, target, vel2_esr_make(ec, iss),
			    exit->elr, true, false);
	return VEL2_INJECTED;
}

void vel2_forward_to_vel2(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	unsigned int ec = VEL2_ESR_EC(exit->esr);
	bool abt = ec == VEL2_EC_DABT_LOW || ec == VEL2_EC_IABT_LOW;

	vel2_take_exception(vcpu, exit, 2, exit->esr, exit->elr,
			    abt || ec == VEL2_EC_PC_ALIGN ||
				    ec == VEL2_EC_WATCHPT_LOW,
			    abt);
}
