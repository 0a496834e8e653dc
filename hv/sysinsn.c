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
 *   AT S12E1R/W, S12E0R/W  the stage 1 walk of the guest hypervisor's guest
 *                       (at_s12 below).
 * Anything else is reported as unhandled (ISS fields: hv.h).
 */
#include "hv.h"

#include <vel2/hwcfg.h>

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

/*
 * AT S12E1R/W, S12E0R/W (Arm ARM C5.5, "AT S12E1R"): the stage 1 walk of
 * the EL1&0 regime, then the guest hypervisor's stage 2 when its
 * HCR_EL2.VM is 1. Its guest's EL1 registers are stored while it runs at
 * vEL2, so vel2 loads them (the vCPU's placement for vEL1, as for an
 * entry into L2), runs AT S1E1x/S1E0x with the physical HCR_EL2 for that
 * regime (no NV bits, TGE=0, vel2's stage 2 on: AT S1 gives the stage 1
 * output) and puts the guest hypervisor's state back; PAR_EL1 is one
 * register for every level (SHARED in the catalog), so it keeps the
 * result. With the guest hypervisor's VM=0 that is the architected answer
 * (its IPA is its PA). With VM=1 its stage 2 is not applied: a known limit
 * until the library's AT emulation (issue 7) walks it; docs/isolation.md.
 */
static void at_s12(unsigned int op2, u64 va)
{
	struct hv_cpu *cpu = hv_this_cpu();
	u64 pstate = cpu->vcpu.pstate;

	vel2_vcpu_set_pstate(&cpu->vcpu, (pstate & ~VEL2_PSR_MODE_MASK) |
						 VEL2_PSR_MODE_EL1H);
	write_sysreg(hcr_el2, cpu->guest_hcr & ~(VEL2_HCR_NV | VEL2_HCR_NV1 |
						 VEL2_HCR_NV2 | HCR_TGE));
	isb();
	switch (op2) {
	case 4:
		__asm__ volatile("at s1e1r, %0" ::"r"(va));
		break;
	case 5:
		__asm__ volatile("at s1e1w, %0" ::"r"(va));
		break;
	case 6:
		__asm__ volatile("at s1e0r, %0" ::"r"(va));
		break;
	default:
		__asm__ volatile("at s1e0w, %0" ::"r"(va));
		break;
	}
	isb();
	write_sysreg(hcr_el2, HCR_HOST);
	isb();
	vel2_vcpu_set_pstate(&cpu->vcpu, pstate);
}

bool hv_handle_sysinsn(u64 esr, u64 *x)
{
	u64 iss = ESR_ISS(esr);
	u64 rt = ISS_RT(iss);
	u64 val = rt == 31 ? 0 : x[rt];

	if (ISS_OP0(iss) != 1)
		return false;
	if (ISS_CRN(iss) == 8) {
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
	/* AT S12E1R/W, S12E0R/W: op1=4 CRn=7 CRm=8 op2=4..7. */
	if (ISS_CRN(iss) == 7 && ISS_OP1(iss) == 4 && ISS_CRM(iss) == 8 &&
	    ISS_OP2(iss) >= 4) {
		at_s12(ISS_OP2(iss), val);
		return true;
	}
	return false;
}
