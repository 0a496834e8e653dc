// SPDX-License-Identifier: MIT
/*
 * HVC (EC 0x16), SMC (EC 0x17) and WFI/WFE (EC 0x01): who handles them,
 * the guest at its own EL, the guest hypervisor, or the host.
 */
#include "handlers.h"

/*
 * HCR_EL2.HCD disables HVC at EL1 and EL2 when the (virtual) CPU has no
 * EL3; with EL3 the bit is RES0 and SCR_EL3.HCE decides instead, which the
 * guest cannot set.
 */
static bool hvc_disabled(const struct vel2_vcpu *vcpu)
{
	return (vel2_vcpu_hcr(vcpu) & VEL2_HCR_HCD) &&
	       !vel2_has_feat(vcpu, VEL2_FEAT_EL3);
}

enum vel2_verdict vel2_trap_hvc(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	unsigned int el = vel2_vcpu_el(vcpu);

	/*
	 * HVC is UNDEFINED at EL0 and when disabled. ELR_EL2 points after
	 * the HVC (an exception-generating instruction); the UNDEF's
	 * preferred return address is the HVC itself.
	 */
	if (el == 0 || hvc_disabled(vcpu)) {
		vel2_inject_undef(vcpu, exit, exit->elr - 4);
		return VEL2_INJECTED;
	}
	/*
	 * At vEL2 the HVC targets vEL2 itself (current EL, its own vector);
	 * from vEL1 it is the L2 guest's hypercall to the guest hypervisor.
	 * Either way an EC 0x16 exception at vEL2 with the same syndrome.
	 */
	vel2_forward_to_vel2(vcpu, exit);
	return el == 2 ? VEL2_INJECTED : VEL2_FORWARDED;
}

enum vel2_verdict vel2_trap_smc(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	unsigned int el = vel2_vcpu_el(vcpu);

	if (el == 0) { /* SMC is UNDEFINED at EL0 */
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	}
	/* HCR_EL2.TSC traps SMC at EL1 (ELR = the SMC itself). */
	if (el == 1 && (vel2_vcpu_hcr(vcpu) & VEL2_HCR_TSC)) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	/* A firmware call (PSCI): the host plays EL3. */
	exit->host = VEL2_HOST_SMC;
	return VEL2_NEEDS_HOST;
}

enum vel2_verdict vel2_trap_wfx(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	bool wfe = exit->syn.wfx.ti & 1; /* WFE, WFET */

	/* TWI traps WFI/WFIT, TWE traps WFE/WFET, at EL1 and EL0 outside
	 * the EL2&0 regime. */
	if (!vel2_is_hyp_ctxt(vcpu) &&
	    (vel2_vcpu_hcr(vcpu) & (wfe ? VEL2_HCR_TWE : VEL2_HCR_TWI))) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	exit->host = VEL2_HOST_WFX;
	return VEL2_NEEDS_HOST;
}
