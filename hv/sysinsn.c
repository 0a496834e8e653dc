// SPDX-License-Identifier: MIT
/*
 * System instructions the guest hypervisor executes at vEL2 that trap
 * (HCR_EL2.NV: TLBI *E2*, AT S1E2*) and that the library hands back to
 * the host (VEL2_HOST_SYSINSN): they act on translation state, which is
 * the host's to touch.
 *
 * The guest hypervisor's own EL2 stage 1 lives in the physical EL1&0
 * regime (NV1 selects its EL2-style descriptors), under vel2's stage 2 and
 * VMID. So:
 *   TLBI (CRn=8)        any of them: invalidate all stage 1 and stage 2
 *                       entries of vel2's VMID (TLBI VMALLS12E1IS). Over-
 *                       invalidating is always allowed (Arm ARM D8.16).
 *   AT S1E2R/S1E2W      performed as AT S1E1R/S1E1W on that regime, with
 *                       the guest's HCR_EL2 in place (TGE=0, NV1) so the
 *                       walk is the guest's; the result lands in PAR_EL1,
 *                       which the guest reads directly.
 * Anything else is reported as unhandled (ISS fields: hv.h).
 */
#include "hv.h"
#include "shadow_s2.h"

static void at_guest(bool write, u64 va)
{
	/* the physical HCR_EL2 the guest last ran with on this CPU */
	write_sysreg(hcr_el2, hv_this_cpu()->guest_hcr);
	isb();
	if (write)
		__asm__ volatile("at s1e1w, %0" ::"r"(va));
	else
		__asm__ volatile("at s1e1r, %0" ::"r"(va));
	isb();
	write_sysreg(hcr_el2, HCR_HOST);
	isb();
}

bool hv_handle_sysinsn(u64 esr, u64 *x)
{
	u64 iss = ESR_ISS(esr);
	u64 rt = ISS_RT(iss);
	u64 val = rt == 31 ? 0 : x[rt];

	if (ISS_OP0(iss) != 1)
		return false;
	if (ISS_CRN(iss) == 8) {
		hv_shadow_tlbi(&hv_this_cpu()->vcpu, ISS_OP1(iss), 8,
			       ISS_CRM(iss), ISS_OP2(iss), val);
		__asm__ volatile("dsb ishst\n\t"
				 "tlbi vmalls12e1is\n\t"
				 "dsb ish\n\t"
				 "isb" ::
					 : "memory");
		return true;
	}
	/* AT S1E2R: op1=4 CRn=7 CRm=8 op2=0; AT S1E2W: op2=1. */
	if (ISS_CRN(iss) == 7 && ISS_OP1(iss) == 4 && ISS_CRM(iss) == 8 &&
	    ISS_OP2(iss) <= 1) {
		at_guest(ISS_OP2(iss) == 1, val);
		return true;
	}
	if (ISS_CRN(iss) == 7 &&
	    hv_shadow_at(&hv_this_cpu()->vcpu, ISS_OP1(iss), ISS_CRM(iss),
			 ISS_OP2(iss), val))
		return true;
	return false;
}
