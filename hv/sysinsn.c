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
 *   TLBI (CRn=8, 9)     the EL2 ones (HCR_EL2.NV) and, at vEL2 unless
 *                       {E2H,TGE} = {1,1}, the EL1 ones (HCR_EL2.TTLB,
 *                       vel2_hwcfg): applied to the shadow stage 2 of its
 *                       guest (hv_shadow_tlbi), and all stage 1 and stage
 *                       2 entries of vel2's VMID invalidated (TLBI
 *                       VMALLS12E1IS). Over-invalidating is always allowed
 *                       (Arm ARM D8.16).
 *   AT S1E2R/S1E2W      performed as AT S1E1R/S1E1W on that regime, with
 *                       the guest's HCR_EL2 in place (TGE=0, NV1) so the
 *                       walk is the guest's; the result lands in PAR_EL1,
 *                       which the guest reads directly.
 *   AT S12E1R/W, S12E0R/W  the stage 1 walk of the guest hypervisor's guest
 *                       (at_s12 below).
 * Anything else is reported as unhandled (ISS fields: hv.h).
 */
#include "hv.h"
#include "shadow_s2.h"

#include <vel2/hwcfg.h>
#include <vel2/trap.h>

static void at_guest(bool write, u64 va)
{
	struct hv_cpu *cpu = hv_this_cpu();
	u64 prev = cpu->hw_hcr;

	/* the physical HCR_EL2 the guest last ran with on this CPU; only
	 * TGE differs from vel2's own (hv_host_hcr): no TLB flush */
	hv_set_hcr(cpu, cpu->guest_hcr);
	isb();
	if (write)
		__asm__ volatile("at s1e1w, %0" ::"r"(va));
	else
		__asm__ volatile("at s1e1r, %0" ::"r"(va));
	isb();
	hv_set_hcr(cpu, prev);
	isb();
}

/* e->syn: the library's decode of the EC 0x18 syndrome. */
bool hv_handle_sysinsn(struct vel2_exit *e)
{
	const struct vel2_esr *syn = &e->syn;
	u64 val = syn->sys.rt == 31 ? 0 : e->x[syn->sys.rt];

	if (syn->ec != VEL2_EC_SYS64 || syn->sys.op0 != 1)
		return false;
	if (syn->sys.crn == 8 || syn->sys.crn == 9) { /* 9: nXS forms */
		hv_shadow_tlbi(&hv_this_cpu()->vcpu, syn->sys.op1, syn->sys.crn,
			       syn->sys.crm, syn->sys.op2, val);
		__asm__ volatile("dsb ishst\n\t"
				 "tlbi vmalls12e1is\n\t"
				 "dsb ish\n\t"
				 "isb" ::
					 : "memory");
		return true;
	}
	/* AT S1E2R: op1=4 CRn=7 CRm=8 op2=0; AT S1E2W: op2=1. */
	if (syn->sys.crn == 7 && syn->sys.op1 == 4 && syn->sys.crm == 8 &&
	    syn->sys.op2 <= 1) {
		at_guest(syn->sys.op2 == 1, val);
		return true;
	}
	/* AT S1E0*, S1E1*, S12E0*, S12E1*: the library walks L2's regime
	 * and the guest hypervisor's stage 2 in software (src/mmu/at.c). */
	if (syn->sys.crn == 7 &&
	    hv_shadow_at(&hv_this_cpu()->vcpu, syn->sys.op1, syn->sys.crm,
			 syn->sys.op2, val))
		return true;
	return false;
}
