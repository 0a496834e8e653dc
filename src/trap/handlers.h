/* SPDX-License-Identifier: MIT */
/*
 * Internal to src/trap: what the per-class handlers share. Not API.
 */
#ifndef VEL2_TRAP_HANDLERS_H
#define VEL2_TRAP_HANDLERS_H

#include <vel2/accessors.h>
#include <vel2/features.h>
#include <vel2/hwcfg.h>
#include <vel2/trap.h>

/* The PSTATE fields an SPSR holds that vel2 models (PM, EXLOCK, PACM at
 * [35:32] are left out: see docs/traps.md). */
#define VEL2_PSR_MODELLED                                             \
	(VEL2_PSR_NZCV | VEL2_PSR_TCO | VEL2_PSR_DIT | VEL2_PSR_UAO | \
	 VEL2_PSR_PAN | VEL2_PSR_SS | VEL2_PSR_IL | VEL2_PSR_ALLINT | \
	 VEL2_PSR_SSBS | VEL2_PSR_BTYPE | VEL2_PSR_DAIF | VEL2_PSR_M_ALL)

/*
 * PSTATE of AArch32 EL0/EL1, as an SPSR holds it (Arm ARM C5.2.19 SPSR_EL2,
 * "exception taken from AArch32 state"): every bit of [31:0] is a field
 * the return restores (NZCV, Q, IT, DIT, SSBS, PAN, SS, IL, GE, E, AIF,
 * T, M), so all of them are kept.
 */
#define VEL2_PSR_MODELLED_32 VEL2_GENMASK(31, 0)

static inline u64 vel2_psr_modelled(u64 spsr)
{
	return (spsr & VEL2_PSR_M_32) ? VEL2_PSR_MODELLED_32 :
					VEL2_PSR_MODELLED;
}

/*
 * Complete an emulated instruction: PC past it (ESR.IL: 4 bytes, or 2 for
 * a 16-bit T32 one) and the vCPU's PSTATE, which the exit returns with,
 * as the instruction leaves it (vel2_psr_completed: SS, BTYPE, IT).
 */
static inline void vel2_complete(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	exit->elr += exit->syn.il ? 4 : 2;
	vcpu->pstate = vel2_psr_completed(vcpu->pstate);
}

/*
 * The Exception level of the AArch32 mode an SPSR's M[4:0] names (Arm ARM
 * G1 "Processor modes"; arch.h VEL2_PSR32_MODE_*): User is EL0; FIQ, IRQ,
 * Supervisor, Abort, Undefined and System are EL1; -1 for Hyp (EL2, which
 * vel2's guests run in AArch64), Monitor (EL3, absent) and the reserved
 * encodings.
 */
static inline int vel2_aarch32_mode_el(u64 spsr)
{
	switch (spsr & VEL2_PSR_M_ALL) {
	case VEL2_PSR32_MODE_USR:
		return 0;
	case VEL2_PSR32_MODE_FIQ:
	case VEL2_PSR32_MODE_IRQ:
	case VEL2_PSR32_MODE_SVC:
	case VEL2_PSR32_MODE_ABT:
	case VEL2_PSR32_MODE_UND:
	case VEL2_PSR32_MODE_SYS:
		return 1;
	default:
		return -1;
	}
}

/* The guest's CPU runs AArch32 at EL0 (ID_AA64PFR0_EL1.EL0 [3:0] = 2). */
static inline bool vel2_has_aarch32_el0(const struct vel2_vcpu *vcpu)
{
	return VEL2_FIELD_GET(VEL2_ID_AA64PFR0_EL0_STATE,
			      vel2_stored(&vcpu->regs, ID_AA64PFR0_EL1)) >=
	       VEL2_ID_AA64PFR0_AARCH32;
}

/*
 * Enter an exception at `target` (1 or 2) for the guest: ELR_ELt = ret,
 * SPSR_ELt = the current virtual PSTATE, ESR_ELt = esr, FAR_ELt/HPFAR_EL2
 * when `far_valid`/`hpfar_valid`; PSTATE and PC as AArch64.TakeException.
 */
void vel2_take_exception(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			 unsigned int target, u64 esr, u64 ret, bool far_valid,
			 bool hpfar_valid);

/*
 * AArch32 exits (aarch32.c): an MRC/VMRS of an ID register that only
 * vel2's own HCR_EL2.TID3 trapped, answered (true; PC and IT state
 * advanced), and the completion of an emulated AArch32 instruction.
 */
bool vel2_aarch32_id_trap(struct vel2_vcpu *vcpu, struct vel2_exit *exit);

/* The EL an UNDEFINED instruction at the current vEL is taken to. */
unsigned int vel2_undef_target(const struct vel2_vcpu *vcpu);

/* Routing for exits from vEL1/vEL0 outside hyp context: does the guest
 * hypervisor's own configuration trap this to (its) EL2? */
bool vel2_route_sysreg(const struct vel2_vcpu *vcpu, const struct vel2_esr *s);
bool vel2_route_eret(const struct vel2_vcpu *vcpu);

/*
 * AuthIA/AuthIB(ptr, SP, is_combined=TRUE) at `el` for ERETAA/ERETAB
 * (pac_auth.c): *target is the address to return to. False: the CPU takes
 * a PAC fail exception (FEAT_FPACCOMBINE) instead of returning.
 */
bool vel2_eret_auth(struct vel2_vcpu *vcpu, unsigned int el, bool key_b,
		    u64 ptr, u64 *target);

/* Bits of `reg` that are RES0 for the guest's features (feat_res0.c). */
u64 vel2_feat_res0(const struct vel2_vcpu *vcpu, unsigned int reg);

/* ICH_ELRSR/EISR/MISR_EL2 (and ICH_VMCR_EL2's clamped BPRs), derived from
 * the stored virtual interface (ich.c): true and *val set if `reg` is one
 * of them. */
bool vel2_gic_status_read(const struct vel2_vcpu *vcpu, unsigned int reg,
			  u64 *val);
/* The value an MSR of ICH_LR<n>/ICH_VMCR_EL2 stores (ich.c); others: v. */
u64 vel2_ich_write_fixup(const struct vel2_vcpu *vcpu, unsigned int reg, u64 v);

/* Per-class handlers, called with vcpu->pstate synced. */
enum vel2_verdict vel2_trap_sysreg(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit);
enum vel2_verdict vel2_trap_eret(struct vel2_vcpu *vcpu,
				 struct vel2_exit *exit);
enum vel2_verdict vel2_trap_hvc(struct vel2_vcpu *vcpu, struct vel2_exit *exit);
enum vel2_verdict vel2_trap_smc(struct vel2_vcpu *vcpu, struct vel2_exit *exit);
enum vel2_verdict vel2_trap_wfx(struct vel2_vcpu *vcpu, struct vel2_exit *exit);
/* src/trap/sve_lazy.c */
bool vel2_sve_trap_is_guests(struct vel2_vcpu *vcpu);
enum vel2_verdict vel2_trap_sve(struct vel2_vcpu *vcpu, struct vel2_exit *exit);

/* A register whose value is only ever in memory (ID, HCR, FGT...). */
#define vel2_rd_stored(vcpu, name) vel2_stored(&(vcpu)->regs, name)

/* Read through the accessors; ids here are catalog constants. */
static inline u64 vel2_rd(struct vel2_vcpu *vcpu, unsigned int reg)
{
	u64 v = 0;

	vel2_read_sysreg(vcpu, reg, &v);
	return v;
}

/*
 * Does the guest hypervisor's CPTR_EL2 trap SVE (sve) or FP/SIMD at its
 * EL2 and at its guest's EL1 (Arm ARM D24.2 CPTR_EL2)? E2H=1: ZEN/FPEN
 * 0b00 and 0b10 trap EL2, EL1 and EL0, 0b01 EL0 only (with TGE=1);
 * E2H=0: TZ/TFP. One decision for its EL2 register accesses at vEL2
 * (sysreg_trap.c) and its guest's SVE instructions (sve_lazy.c).
 */
static inline bool vel2_guest_cptr_traps(struct vel2_vcpu *vcpu, bool sve)
{
	u64 cptr = 0;

	vel2_read_sysreg(vcpu, VEL2_SYSREG_CPTR_EL2, &cptr);
	if (vel2_vcpu_e2h(vcpu))
		return !(cptr & (sve ? VEL2_CPTR_ZEN_EL1 : VEL2_CPTR_FPEN_EL1));
	return cptr & (sve ? VEL2_CPTR_NVHE_TZ : VEL2_CPTR_NVHE_TFP);
}

#endif /* VEL2_TRAP_HANDLERS_H */
