// SPDX-License-Identifier: MIT
/*
 * vel2's lazy SVE trap (docs/hv.md, "SVE narrowing").
 *
 * vel2 runs with the longest SVE vector length (its ZCR_EL2.LEN is all
 * ones, hv/main.c) and the guest usually with a shorter one, so every
 * ERET from vel2 to the guest would have to discard the Z/P bits above
 * the guest's length, which QEMU does on every such exception return. An
 * Exception level where SVE is disabled has an effective length of 0 for
 * every purpose but a direct read of ZCR_ELx.LEN (Arm ARM D24.2 ZCR_EL2,
 * "LEN"), so with SVE trapped at EL2 and EL1 no length changes on entry
 * or exit and nothing is discarded. vel2 never uses SVE itself, so the
 * trap changes nothing the guest can observe but an exit on its first
 * SVE instruction or ZCR_EL1 access:
 *
 * - While vcpu->sve_open is clear, vel2_hwcfg() adds CPTR_EL2.ZEN = 0b00
 *   (cfg->cptr_lazy; the host runs with E2H=1, so ZEN traps EL2, EL1 and
 *   EL0: Arm ARM D24.2 CPTR_EL2) to the physical configuration.
 * - An EC 0x19 exit the guest's own controls would not have taken opens
 *   it and returns to the same instruction (ELR untouched), which then
 *   runs. One its own controls take is forwarded as before.
 * - The guest's trapped ERET closes it again: an exception return is
 *   where the guest leaves the code that used SVE (a handler, a task
 *   switch, a return to its guest), it is already an exit in the generic
 *   path under NV and NV2 alike (HCR_EL2.NV traps ERET at EL1), and a
 *   guest that keeps using SVE pays at most one extra exit per ERET.
 *
 * Priority (Arm ARM, CheckSVEEnabled()): CPACR_EL1.ZEN, then FPEN, are
 * checked at EL0/EL1 before CPTR_EL2, so the guest's own EL1 traps still
 * go to its EL1 first; FPEN is never touched, so FP/SIMD traps are as
 * before. With ZEN closed an SVE instruction the guest's CPTR_EL2.FPEN
 * traps exits with EC 0x19 instead of 0x07: it opens, runs again and
 * then takes the FP trap the guest asked for.
 */
#include <vel2/accessors.h>
#include <vel2/arch.h>

#include "handlers.h"

/*
 * Would the guest's own controls have taken this SVE trap (EC 0x19) to
 * its EL2? In hyp context never: its CPTR_EL2 traps of vEL2/vEL0 are the
 * physical CPACR_EL1's (vel2_hwcfg), which take priority and are taken at
 * physical EL1. For its guest (L2, physical TGE = 0) its CPTR_EL2: E2H=1
 * ZEN 0b00/0b10 trap EL1 and EL0 (0b01 only EL0 with TGE = 1), E2H=0 TZ.
 */
bool vel2_sve_trap_is_guests(struct vel2_vcpu *vcpu)
{
	return !vel2_is_hyp_ctxt(vcpu) && vel2_guest_cptr_traps(vcpu, true);
}

enum vel2_verdict vel2_trap_sve(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	if (vel2_sve_trap_is_guests(vcpu)) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	if (!vcpu->sve_open) {
		/* vel2's lazy trap: run the instruction again, untrapped. */
		vcpu->sve_open = true;
		return VEL2_RESUME;
	}
	/* Neither vel2 nor the guest trapped it. */
	exit->host = VEL2_HOST_EC;
	return VEL2_NEEDS_HOST;
}
