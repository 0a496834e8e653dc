// SPDX-License-Identifier: MIT
/*
 * EC 0x1a: ERET/ERETAA/ERETAB, trapped at vEL2 by HCR_EL2.NV. The effect is
 * AArch64.ExceptionReturn (Arm ARM J1): PC from ELR_ELx, PSTATE from
 * SPSR_ELx, unless the SPSR describes an illegal return (D1.x "Illegal
 * return events from AArch64 state"), in which case PSTATE.IL is set and
 * the EL, SP selection and execution state do not change -- the next
 * instruction then takes an Illegal Execution state exception (EC 0x0e),
 * which the hardware delivers to the guest by itself.
 */
#include "handlers.h"

/*
 * Illegal return checks, for a return from `el` with `spsr` (Arm ARM D1
 * "Illegal return events from AArch64 state"):
 *  - M[4] = 1, AArch32: legal only to User mode (EL0) on a CPU with
 *    AArch32 EL0 (ID_AA64PFR0_EL1.EL0 = 2; QEMU -cpu max has it, and
 *    Linux returns to compat tasks this way). Every other mode is illegal
 *    here: Hyp (EL2) and Monitor (EL3) are at or above this EL in another
 *    state, the EL1 modes need EL1 in AArch32 (HCR_EL2.RW = 0, TGE = 0),
 *    which vel2 does not run (docs/traps.md), and the rest are reserved;
 *  - the target EL is higher than the current one (this includes EL3,
 *    which a guest never has);
 *  - M[1] = 1 (reserved encoding), or EL0 with M[0] = 1 (no EL0h);
 *  - a return to EL1 while HCR_EL2.TGE = 1 (EL1 is not in use then);
 *  - an AArch64 return to EL1 or EL0 (TGE = 0) while the guest
 *    hypervisor's HCR_EL2.RW = 0 on a CPU whose EL1 can use AArch32
 *    (ID_AA64PFR0_EL1.EL1 == 2): EL1 and EL0 are then AArch32, and a
 *    return to an EL in AArch32 with SPSR.M[4] = 0 is illegal. Without
 *    AArch32 at EL1, HCR_EL2.RW is RAO/WI (Arm ARM HCR_EL2.RW) and this
 *    cannot happen.
 */
static bool el1_is_aarch32(const struct vel2_vcpu *vcpu)
{
	u64 pfr0 = vel2_rd_stored(vcpu, ID_AA64PFR0_EL1);

	return VEL2_FIELD_GET(VEL2_GENMASK(7, 4), pfr0) >= 2 &&
	       !(vel2_vcpu_hcr(vcpu) & (VEL2_HCR_RW | VEL2_HCR_TGE));
}

static bool illegal_return(const struct vel2_vcpu *vcpu, u64 spsr,
			   unsigned int el)
{
	unsigned int target = VEL2_PSR_EL(spsr);

	if (spsr & VEL2_PSR_M_32)
		return (spsr & VEL2_PSR_M_ALL) != VEL2_PSR_M_USR ||
		       !vel2_has_aarch32_el0(vcpu);
	if (target > el)
		return true;
	if (spsr & VEL2_PSR_M_RES1)
		return true;
	if (target == 0 && (spsr & VEL2_PSR_M_SP))
		return true;
	if (target == 1 && (vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE))
		return true;
	if (target < 2 && el1_is_aarch32(vcpu))
		return true;
	return false;
}

static enum vel2_verdict eret_from(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit, unsigned int el)
{
	u64 spsr = vel2_rd(vcpu, el == 2 ? VEL2_SYSREG_SPSR_EL2 :
					   VEL2_SYSREG_SPSR_EL1);
	u64 elr = vel2_rd(vcpu,
			  el == 2 ? VEL2_SYSREG_ELR_EL2 : VEL2_SYSREG_ELR_EL1);
	u64 pstate = spsr & vel2_psr_modelled(spsr);

	/*
	 * ERETAA/ERETAB: the target is AuthIA/AuthIB(ELR, SP) (pac_auth.c).
	 * A failure with FEAT_FPACCOMBINE is a PAC fail exception at this
	 * EL on the ERETAx itself (FPACException: EC 0x1c, ISS[1] = 0 for an
	 * instruction key, ISS[0] = key B), with no return.
	 */
	if (exit->syn.eret.auth &&
	    !vel2_eret_auth(vcpu, el, exit->syn.eret.key_b, elr, &elr)) {
		vel2_take_exception(
			vcpu, exit, el,
			vel2_esr_make(VEL2_EC_FPAC, exit->syn.eret.key_b ?
							    VEL2_ISS_FPAC_KEYB :
							    0),
			exit->elr, false, false);
		return VEL2_INJECTED;
	}

	if (illegal_return(vcpu, spsr, el)) {
		/*
		 * Keep EL, SP and nRW; the rest still comes from the SPSR, in
		 * the AArch64 layout (the state does not change).
		 */
		pstate = (spsr & VEL2_PSR_MODELLED & ~VEL2_PSR_M_ALL) |
			 (vcpu->pstate & VEL2_PSR_M_ALL) | VEL2_PSR_IL;
		vel2_vcpu_set_pstate(vcpu, pstate);
		exit->elr = elr;
		return VEL2_INJECTED;
	}
	/* PSTATE.IL = SPSR.IL on a legal return: part of `pstate`. */
	vel2_vcpu_set_pstate(vcpu, pstate);
	exit->elr = elr;
	return VEL2_RESUME;
}

enum vel2_verdict vel2_trap_eret(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	unsigned int el = vel2_vcpu_el(vcpu);

	/* ERET is UNDEFINED at EL0; ERETAA/ERETAB without FEAT_PAuth. */
	if (el == 0 ||
	    (exit->syn.eret.auth && !vel2_has_feat(vcpu, FEAT_PAUTH))) {
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	}
	if (el == 1 && vel2_route_eret(vcpu)) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	return eret_from(vcpu, exit, el);
}
