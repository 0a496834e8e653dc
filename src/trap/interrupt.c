// SPDX-License-Identifier: MIT
/*
 * A physical interrupt taken to the host while the guest hypervisor's guest
 * (L2) runs. The host routes IRQ/FIQ/SError to EL2 only when the guest
 * hypervisor asked for it (vel2_hwcfg passes its HCR_EL2.IMO/FMO/AMO for
 * L2, VEL2_HCR_GUEST_TRAPS), so such an interrupt is the guest
 * hypervisor's: it is taken to vEL2 as the hardware would take it to EL2
 * (Arm ARM D1.3 "Exception entry": ELR = the preferred return address, the
 * interrupted PC; SPSR = the interrupted PSTATE; vector VBAR_EL2 + 0x400
 * (lower EL, AArch64) + 0x80 IRQ / 0x100 FIQ / 0x180 SError). ESR_EL2 is
 * written for an SError only (the other two leave it UNKNOWN: kept).
 * The interrupt itself stays pending at the GIC, whose CPU interface the
 * guest hypervisor owns, so its handler acknowledges it there.
 */
#include "handlers.h"

int vel2_forward_interrupt(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			   unsigned int kind)
{
	static const u64 route[] = { 0, VEL2_HCR_IMO, VEL2_HCR_FMO,
				     VEL2_HCR_AMO };
	u64 esr;

	if (!vcpu || !exit || kind < VEL2_IRQ || kind > VEL2_SERROR)
		return VEL2_EXIT_EINVAL;
	if (vel2_exit_sync(vcpu, exit) < 0)
		return VEL2_EXIT_EBADSTATE;
	if (vel2_is_hyp_ctxt(vcpu) || !(vel2_vcpu_hcr(vcpu) & route[kind]))
		return VEL2_NEEDS_HOST; /* not the guest hypervisor's */
	esr = kind == VEL2_SERROR ? exit->esr :
				    vel2_rd(vcpu, VEL2_SYSREG_ESR_EL2);
	vel2_take_exception(vcpu, exit, 2, esr, exit->elr, false, false);
	exit->elr += 0x80 * kind;
	exit->spsr = vel2_pstate_to_phys(vcpu->pstate);
	return VEL2_FORWARDED;
}
