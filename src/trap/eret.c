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
#include "internal.h"

/*
 * Illegal return checks, for a return from `el` with `spsr`:
 *  - M[4] = 1: AArch32. vel2 runs AArch64-only guests (their
 *    ID_AA64PFR0_EL1.EL0/EL1 say "AArch64 only"), for which any return to
 *    AArch32 is illegal.
 *  - the target EL is higher than the current one (this includes EL3,
 *    which a guest never has);
 *  - M[1] = 1 (reserved encoding), or EL0 with M[0] = 1 (no EL0h);
 *  - a return to EL1 while HCR_EL2.TGE = 1 (EL1 is not in use then);
 *  - an AArch64 return to EL1 or EL0 (TGE = 0) while the guest
 *    hypervisor's HCR_EL2.RW = 0 on a CPU whose EL1 can use AArch32
 *    (ID_AA64PFR0_EL1.EL1 == 2): EL1 and EL0 are then AArch32, and a
 *    return to an EL in AArch32 with SPSR.M[4] = 0 is illegal (Arm ARM
 *    "Illegal return events from AArch64 state"). Without AArch32 at EL1,
 *    HCR_EL2.RW is RAO/WI (Arm ARM HCR_EL2.RW) and this cannot happen.
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

	if (spsr & PSR_M_32)
		return true;
	if (target > el)
		return true;
	if (spsr & PSR_M_RES1)
		return true;
	if (target == 0 && (spsr & PSR_M_SP))
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
	u64 pstate = spsr & PSR_MODELLED;

	if (illegal_return(vcpu, spsr, el)) {
		/* Keep EL, SP and nRW; the rest still comes from the SPSR. */
		pstate = (pstate & ~VEL2_PSR_M_ALL) |
			 (vcpu->pstate & VEL2_PSR_M_ALL) | PSR_IL;
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
	/*
	 * ERETAA/ERETAB are emulated as ERET: the ELR is not authenticated.
	 * Authentication needs the IMPLEMENTATION DEFINED PAC algorithm with
	 * the guest's keys; see docs/traps.md for why this is safe for the
	 * host and what it costs the guest.
	 */
	return eret_from(vcpu, exit, el);
}
