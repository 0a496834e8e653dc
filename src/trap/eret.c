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
 * Illegal return checks, for a return from `el` with `spsr`: the Arm ARM's
 * IllegalExceptionReturn (J1, shared/functions/exceptions; D1 "Illegal
 * return events from AArch64 state") for a vCPU with an AArch64 EL2 and no
 * EL3. In its order:
 *  - ELFromSPSR: an AArch32 mode (M[4] = 1) is valid if the mode exists
 *    at its EL in AArch32 (ELFromM32, BadMode): User needs AArch32 EL0,
 *    FIQ/IRQ/Supervisor/Abort/Undefined/System need AArch32 EL1
 *    (ID_AA64PFR0_EL1.EL0/EL1 = 2; QEMU -cpu max has both), Hyp is EL2
 *    and Monitor EL3, the other encodings are reserved. An AArch64 one
 *    needs M[1] = 0, M[0] = 0 for EL0 and an implemented EL (no EL3);
 *  - the target EL is higher than the current one;
 *  - the target's Execution state is not the one the SPSR names
 *    (ELStateUsingAArch32K): EL2 is AArch64; EL1 is AArch32 exactly when
 *    vel2_el1_aarch32() (the guest hypervisor's HCR_EL2.RW = 0 on a CPU
 *    with AArch32 EL1, outside {E2H,TGE} = {1,1}), and EL0 must then be
 *    AArch32 too; with an AArch64 EL1, EL0 may be either;
 *  - a return to EL1 while HCR_EL2.TGE = 1 (EL1 is not in use then).
 */
static bool illegal_return(const struct vel2_vcpu *vcpu, u64 spsr,
			   unsigned int el)
{
	bool aa32 = spsr & VEL2_PSR_M_32;
	unsigned int target;

	if (aa32) {
		int mode_el = vel2_aarch32_mode_el(spsr);

		/* Hyp: EL2 is AArch64; Monitor: no EL3; reserved; or an EL
		 * the CPU has no AArch32 at. */
		if (mode_el < 0 || !(mode_el ? vel2_has_aarch32_el1(vcpu) :
					       vel2_has_aarch32_el0(vcpu)))
			return true;
		target = (unsigned int)mode_el;
	} else {
		target = VEL2_PSR_EL(spsr);
		if (target == 3 || (spsr & VEL2_PSR_M_RES1) ||
		    (target == 0 && (spsr & VEL2_PSR_M_SP)))
			return true;
	}
	if (target > el)
		return true;
	if (target == 2)
		return aa32;
	if (vel2_el1_aarch32(vcpu) ? !aa32 : target == 1 && aa32)
		return true;
	if (target == 1 && (vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE))
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
	    (exit->syn.eret.auth && !vel2_has_feat(vcpu, VEL2_FEAT_PAUTH))) {
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	}
	if (el == 1 && vel2_route_eret(vcpu)) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	return eret_from(vcpu, exit, el);
}
