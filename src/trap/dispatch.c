// SPDX-License-Identifier: MIT
/*
 * vel2_handle_exit(): the entry point. Sync the virtual PSTATE with what the
 * hardware reports, decode ESR_EL2, dispatch on the exception class.
 */
#include "handlers.h"

/*
 * The guest runs vEL2 at physical EL1, vEL1 at EL1, vEL0 at EL0, and only
 * the host (ERET, exception injection) moves it between hyp context and
 * the rest; the hardware only takes it between EL0 and EL1 within one
 * (SVC, an IRQ, its own ERET). So physical EL1 means vEL2 in hyp context
 * and vEL1 otherwise, and an SPSR that would change the context, or name
 * EL2/EL3, cannot come from this guest. AArch32 comes only where eret.c
 * put it: User mode (EL0) on a CPU with AArch32 EL0, and the EL1 modes
 * outside hyp context while the guest hypervisor's EL1 is AArch32
 * (vel2_el1_aarch32: the hardware runs it with HCR_EL2.RW = 0, hwcfg.c),
 * whose SPSR holds PSTATE in the AArch32 layout, unchanged.
 *
 * vel2_vcpu_set_pstate() re-derives the placement (vcpu->placement) from the
 * stored HCR_EL2 on every exit, not only when the vEL changes: under
 * FEAT_NV2 the guest hypervisor writes HCR_EL2 (VNCR offset 0x78) in
 * memory without a trap, so E2H/TGE may have changed since the entry. The
 * registers live under the old placement are saved as the hardware ran
 * them, before this exit is handled. The page's values are sanitised
 * first (the hardware stores them whole, RES0 bits included).
 */
static bool aarch32_mode_runs(const struct vel2_vcpu *vcpu, u64 spsr, bool hyp)
{
	switch (vel2_aarch32_mode_el(spsr)) {
	case 0:
		return vel2_has_aarch32_el0(vcpu);
	case 1:
		return !hyp && vel2_el1_aarch32(vcpu);
	default:
		return false;
	}
}

int vel2_exit_sync(struct vel2_vcpu *vcpu, const struct vel2_exit *exit)
{
	u64 spsr = exit->spsr;
	unsigned int phys = VEL2_PSR_EL(spsr), vel;
	bool hyp = vel2_is_hyp_ctxt(vcpu);
	u64 pstate;

	if (spsr & VEL2_PSR_M_32) {
		if (!aarch32_mode_runs(vcpu, spsr, hyp))
			return VEL2_EXIT_EBADSTATE;
		vel = vel2_psr_el(spsr);
	} else {
		if (spsr & VEL2_PSR_M_RES1 || phys > 1 ||
		    (phys == 0 && (spsr & VEL2_PSR_M_SP)))
			return VEL2_EXIT_EBADSTATE;
		vel = phys == 0 ? 0 : hyp ? 2 : 1;
	}
	if (vel == 0 && hyp != (vel2_vcpu_e2h(vcpu) &&
				(vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE)))
		return VEL2_EXIT_EBADSTATE;
	/* An AArch32 mode is its own EL (vEL0/vEL1 run as themselves). */
	pstate = spsr & vel2_psr_modelled(spsr);
	if (!(spsr & VEL2_PSR_M_32))
		pstate = (pstate & ~VEL2_PSR_M_EL) |
			 VEL2_FIELD_PREP(VEL2_PSR_M_EL, vel);
	/* The guest's own MDSCR_EL1 back in the CPU (hwcfg_debug.c). */
	vel2_debug_exit(vcpu);
	/* The guest's NV2 stores, with their RES0/RES1 applied. */
	vel2_vcpu_sanitise_vncr(vcpu);
	vel2_vcpu_set_pstate(vcpu, pstate);
	return 0;
}

/*
 * An exception class vel2 itself never traps in hyp context: outside it
 * (`theirs`) the physical control that caused it is the guest
 * hypervisor's for its guest, so it takes the exception with the
 * hardware's syndrome; otherwise the host decides (an exit vel2 did not
 * ask for).
 */
static enum vel2_verdict guest_hyp_trap(struct vel2_vcpu *vcpu,
					struct vel2_exit *exit, bool theirs)
{
	if (theirs) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}
	exit->host = VEL2_HOST_EC;
	return VEL2_NEEDS_HOST;
}

static enum vel2_verdict dispatch(struct vel2_vcpu *vcpu,
				  struct vel2_exit *exit)
{
	switch (exit->syn.ec) {
	case VEL2_EC_SYS64:
		return vel2_trap_sysreg(vcpu, exit);
	case VEL2_EC_ERET:
		/* Closes vel2's lazy SVE trap (sve_lazy.c). */
		vcpu->sve_open = false;
		return vel2_trap_eret(vcpu, exit);
	case VEL2_EC_SVE:
		return vel2_trap_sve(vcpu, exit);
	case VEL2_EC_HVC64:
		return vel2_trap_hvc(vcpu, exit);
	case VEL2_EC_SMC64:
		return vel2_trap_smc(vcpu, exit);
	case VEL2_EC_HVC32:
	case VEL2_EC_SMC32:
		/* From AArch32 EL1 (HVC; SMC under TSC or as a firmware
		 * call) or EL0 (SMC/HVC UNDEFINED there): as their A64
		 * forms, whose handlers take the EL from PSTATE. */
		if (!(exit->spsr & VEL2_PSR_M_32))
			break;
		return exit->syn.ec == VEL2_EC_HVC32 ?
			       vel2_trap_hvc(vcpu, exit) :
			       vel2_trap_smc(vcpu, exit);
	case VEL2_EC_WFX:
		return vel2_trap_wfx(vcpu, exit);
	case VEL2_EC_UNKNOWN:
		/* An UNDEFINED instruction routed to EL2: the guest sees
		 * its own UNDEF, at the EL the hardware would use. */
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	case VEL2_EC_SME:
		/* SME is hidden from both levels (vel2_id_sanitise); the
		 * physical CPTR_EL2 traps it. Not implemented means
		 * UNDEFINED, at the EL that ran the instruction (Arm ARM
		 * D24.2 SVCR, SMCR_EL1 "Accessing": UNDEFINED without
		 * FEAT_SME). */
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	case VEL2_EC_FP:
		/* vel2_hwcfg clears the physical CPTR_EL2.FPEN only for the
		 * guest hypervisor's own traps of its guest (L2); vel2 never
		 * traps FP/SIMD in hyp context. SVE: sve_lazy.c. */
	case VEL2_EC_PAC:
		/* vel2_hwcfg sets the physical HCR_EL2.API from the guest
		 * hypervisor's own while its guest runs, and to 1 in hyp
		 * context. */
	case VEL2_EC_BREAKPT_LOW:
	case VEL2_EC_SOFTSTP_LOW:
	case VEL2_EC_WATCHPT_LOW:
	case VEL2_EC_BRK64:
	case VEL2_EC_BKPT32:
	case VEL2_EC_VECTOR_CATCH:
		/* Debug exceptions reach EL2 from EL1/EL0 only with
		 * MDCR_EL2.TDE (or HCR_EL2.TGE), which vel2 sets only from
		 * the guest hypervisor's MDCR_EL2.TDE while its guest runs
		 * (hwcfg.c l2_mdcr; Arm ARM D2 "Routing debug exceptions"). */
		return guest_hyp_trap(vcpu, exit, !vel2_is_hyp_ctxt(vcpu));
	case VEL2_EC_CP15_32:
	case VEL2_EC_CP15_64:
	case VEL2_EC_CP14_32:
	case VEL2_EC_CP14_LS:
	case VEL2_EC_CP14_64:
	case VEL2_EC_CP10_ID:
		/*
		 * From AArch32 EL1/EL0 (eret.c runs them): trapped coprocessor
		 * accesses and VMRS of ID registers. Outside hyp context the
		 * physical controls that trap them are the guest hypervisor's
		 * for its guest (HSTR_EL2, HCR_EL2.TVM/TIDCP/TID*, MDCR_EL2),
		 * so it takes them, syndrome and all, as its hardware would;
		 * except the ID reads only vel2's own TID3 trapped (aarch32.c).
		 */
		if (!vel2_is_hyp_ctxt(vcpu) && (exit->spsr & VEL2_PSR_M_32) &&
		    vel2_aarch32_id_trap(vcpu, exit))
			return VEL2_RESUME;
		return guest_hyp_trap(vcpu, exit,
				      !vel2_is_hyp_ctxt(vcpu) &&
					      (exit->spsr & VEL2_PSR_M_32));
	case VEL2_EC_DABT_LOW:
	case VEL2_EC_IABT_LOW:
		/* Stage 2 is the host's: MMIO, or a fault it resolves (or
		 * reflects with vel2_forward_to_vel2()). */
		exit->host = VEL2_HOST_ABORT;
		return VEL2_NEEDS_HOST;
	default:
		break;
	}
	exit->host = VEL2_HOST_EC;
	return VEL2_NEEDS_HOST;
}

enum vel2_verdict vel2_handle_exit(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit)
{
	enum vel2_verdict v;

	if (!vcpu || !exit)
		return VEL2_EXIT_EINVAL;
	exit->host = VEL2_HOST_NONE;
	/* Decode first: a rejected exit must leave the vCPU untouched. */
	if (vel2_esr_decode(exit->esr, &exit->syn) < 0)
		return VEL2_EXIT_EBADESR;
	if (vel2_exit_sync(vcpu, exit) < 0)
		return VEL2_EXIT_EBADSTATE;
	v = dispatch(vcpu, exit);
	exit->spsr = vel2_pstate_to_phys(vcpu->pstate);
	return v;
}
