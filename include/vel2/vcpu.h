/* SPDX-License-Identifier: MIT */
/*
 * The vCPU context: the stored register file plus the little state that says
 * where each register's value is right now. There is no per-EL copy of the
 * register file: which registers are on the CPU follows from (loaded, the
 * guest's virtual EL, virtual HCR_EL2.{E2H,TGE}) and is recomputed whenever
 * one of those changes.
 */
#ifndef VEL2_VCPU_H
#define VEL2_VCPU_H

#include <vel2/arch.h>
#include <vel2/sysreg.h>

/*
 * Where the register file is, as a whole. A cache of
 * (loaded, vel2_is_hyp_ctxt(), virtual E2H): the accessors' hot path indexes
 * a table with it instead of re-deriving it on every access.
 */
enum vel2_placement {
	VEL2_PLACE_MEMORY, /* not loaded: everything stored */
	VEL2_PLACE_EL1, /* loaded, guest in vEL1/vEL0 */
	VEL2_PLACE_HYP_NVHE, /* loaded, hyp context, virtual E2H=0 */
	VEL2_PLACE_HYP_VHE, /* loaded, hyp context, virtual E2H=1 */
	/*
	 * loaded, vEL2, virtual E2H=1, FEAT_NV2 on (vel2_vcpu_enable_nv2):
	 * HYP_VHE, except for the registers the hardware now serves from
	 * the VNCR page (docs/design.md, "NV2").
	 */
	VEL2_PLACE_HYP_VHE_NV2,
	/*
	 * loaded, vEL2, virtual E2H=0, FEAT_NV2 on: HYP_NVHE, except for
	 * the EL0/EL1 registers the hardware serves from the VNCR page
	 * with HCR_EL2.<NV2,NV1,NV> = 111 (docs/design.md, "NV2").
	 */
	VEL2_PLACE_HYP_NVHE_NV2,
	VEL2_NR_PLACES,
};

/* A VHE hyp-context column: EL2 registers in their E2H=1 places. */
#define VEL2_PLACE_IS_VHE(w) \
	((w) == VEL2_PLACE_HYP_VHE || (w) == VEL2_PLACE_HYP_VHE_NV2)

static inline bool vel2_place_is_vhe(unsigned int place)
{
	return VEL2_PLACE_IS_VHE(place);
}

/* A column in which the guest runs with FEAT_NV2 (stores to its page). */
static inline bool vel2_place_is_nv2(unsigned int place)
{
	return place == VEL2_PLACE_HYP_VHE_NV2 ||
	       place == VEL2_PLACE_HYP_NVHE_NV2;
}

/*
 * The physical PSTATE (the SPSR the host returns with) that runs the guest
 * in virtual PSTATE `pstate`: vEL2 runs at physical EL1 (Arm ARM D24.2
 * HCR_EL2.NV), so EL2t/EL2h become EL1t/EL1h; vEL1 and vEL0 and every other
 * bit are the guest's own.
 */
/*
 * The EL of a PSTATE/SPSR value in either layout: M[3:2] in AArch64; in
 * AArch32 (M[4] = 1) the mode's EL (Arm ARM ELFromM32): User is EL0, the
 * other modes vel2 runs (FIQ, IRQ, Supervisor, Abort, Undefined, System)
 * are EL1. Hyp and Monitor never reach a vCPU's PSTATE (eret.c refuses
 * them), so every AArch32 mode but User is EL1 here.
 */
static inline unsigned int vel2_psr_el(u64 pstate)
{
	if (pstate & VEL2_PSR_M_32)
		return (pstate & VEL2_PSR_M_ALL) != VEL2_PSR32_MODE_USR;
	return VEL2_PSR_EL(pstate);
}

static inline u64 vel2_pstate_to_phys(u64 pstate)
{
	/* AArch32: only EL1/EL0 modes, which run as they are. */
	if (!(pstate & VEL2_PSR_M_32) && VEL2_PSR_EL(pstate) == 2)
		pstate = (pstate & ~VEL2_PSR_M_EL) |
			 VEL2_FIELD_PREP(VEL2_PSR_M_EL, 1);
	return pstate;
}

struct vel2_vcpu {
	struct vel2_sysregs regs; /* first: keeps the VNCR block aligned */
	u64 pstate; /* virtual PSTATE: M[3:2] is the vEL */
	/* enum vel2_placement, see src/core/placement.h; VEL2_PLACE_MEMORY =
	 * put */
	u8 placement;
	/*
	 * True when the guest runs with HCR_EL2.{NV,NV1,NV2} = {1,1,0}: an
	 * exception taken at vEL2 then writes SPSR_EL1.M[3:2] = EL1, not EL2.
	 * See docs/design.md. Relocation sets it (placement HYP_NVHE, the
	 * one vel2_hwcfg runs with those bits) through
	 * vel2_vcpu_set_hw_spsr_reports_el1 (plain assignment only while the
	 * vCPU is put).
	 */
	bool hw_spsr_reports_el1;
	/*
	 * The guest may use SVE without vel2's lazy trap (src/trap/
	 * sve_lazy.c): set by its first EC 0x19 exit vel2 takes for
	 * itself, cleared at its next trapped ERET.
	 */
	bool sve_open;
	/* With the flag: the value vel2 last wrote to the CPU's SPSR_EL1. */
	u64 hw_spsr_written;
	/*
	 * FEAT_NV2 for the guest hypervisor at vEL2: 0 = off, else the
	 * physical VNCR_EL2 value that points at regs.vncr_page (its address
	 * in the host's EL2 translation regime). vel2_vcpu_enable_nv2().
	 */
	u64 nv2_vncr;
	/*
	 * The PE's number of PMU event counters, PMCR_EL0.N [15:11] as read
	 * at EL2 (set by the host at reset; 0 without a PMU): the physical
	 * MDCR_EL2.HPMN while the guest hypervisor runs (vEL2 is EL2 and
	 * sees every counter) and the bound on its HPMN for L2 (vel2_hwcfg).
	 */
	u8 pmcr_n;
	/*
	 * What vel2_hwcfg() last read of the registers a guest under NV2
	 * changes without an exit (hwcfg.c, vel2_hwcfg_inputs_unchanged):
	 * vel2_fast_exit() only takes an exit while they still hold these.
	 */
	u64 hwcfg_seen[3];
	/* ... and the maintenance interrupt level of its stored GIC state,
	 * which its NV2 page stores to ICH_* move (cfg->maint). */
	bool hwcfg_maint;
	/*
	 * MDSCR_EL1 bits the guest set that vel2 keeps clear in the CPU's
	 * register while it runs (src/core/hwcfg_debug.c); 0 while vel2
	 * handles an exit.
	 */
	u64 mdscr_hidden;
	/*
	 * While the guest is in hyp context with MDSCR_EL1.MDE set, the CPU's
	 * DBGBCR<n>/DBGWCR<n>_EL1 hold EL1-matching translations of its
	 * breakpoints and watchpoints (dbg_xlat) and these its own values
	 * (src/core/hwcfg_debug.c).
	 */
	bool dbg_xlat;
	u64 dbg_ctl[2][16];
};

void vel2_vcpu_init(struct vel2_vcpu *vcpu);

/* On the CPU (between vel2_vcpu_load and vel2_vcpu_put). */
static inline bool vel2_vcpu_loaded(const struct vel2_vcpu *vcpu)
{
	return vcpu->placement != VEL2_PLACE_MEMORY;
}

static inline unsigned int vel2_vcpu_el(const struct vel2_vcpu *vcpu)
{
	return vel2_psr_el(vcpu->pstate);
}

static inline u64 vel2_vcpu_hcr(const struct vel2_vcpu *vcpu)
{
	return vel2_stored(&vcpu->regs, HCR_EL2);
}

/* The guest runs as a hypervisor: vEL2, or vEL0 under E2H=1 and TGE=1. */
static inline bool vel2_is_hyp_ctxt(const struct vel2_vcpu *vcpu)
{
	u64 hcr = vel2_vcpu_hcr(vcpu);

	if (vel2_vcpu_el(vcpu) == 2)
		return true;
	return vel2_vcpu_el(vcpu) == 0 && (hcr & VEL2_HCR_E2H) &&
	       (hcr & VEL2_HCR_TGE);
}

static inline bool vel2_vcpu_e2h(const struct vel2_vcpu *vcpu)
{
	return vel2_vcpu_hcr(vcpu) & VEL2_HCR_E2H;
}

/*
 * Move the live registers between memory and the CPU backend. After load,
 * the CPU's EL0/EL1 registers hold what the guest's current mode needs;
 * after put, memory holds every value. Architecturally visible values are
 * the same before and after either.
 */
void vel2_vcpu_load(struct vel2_vcpu *vcpu);
void vel2_vcpu_put(struct vel2_vcpu *vcpu);

/*
 * Change the guest's virtual PSTATE (ERET, exception entry): when this
 * changes hyp context, the live registers are exchanged.
 */
void vel2_vcpu_set_pstate(struct vel2_vcpu *vcpu, u64 pstate);

/*
 * Say how the hardware will report SPSR_EL1.M for exceptions taken at vEL2
 * in the configuration the guest runs with next (NV1 without NV2: EL1).
 * Safe while loaded: the CPU's SPSR_EL1 is rewritten for the new setting
 * before the guest runs, so an exception is never mistaken for a write.
 */
void vel2_vcpu_set_hw_spsr_reports_el1(struct vel2_vcpu *vcpu, bool on);

/*
 * Opt in to FEAT_NV2 (HCR_EL2.NV2 + VNCR_EL2) while the guest hypervisor
 * runs at vEL2, VHE (virtual E2H=1, physical NV1=0) or nVHE (E2H=0,
 * NV1=1): its accesses to registers with a VNCR offset (TPIDR_EL2,
 * HCR_EL2, *_EL12 or, nVHE, the EL1 encodings, MDSCR_EL1, ...) become
 * loads and stores to regs.vncr_page instead of traps. `vncr_va` is the address
 * of vcpu->regs.vncr_page in the host's EL2 translation regime (VNCR_EL2.
 * BADDR is a virtual address there); 0 turns NV2 off. The host must only
 * enable it on a CPU with FEAT_NV2 (ID_AA64MMFR2_EL1.NV == 2) and must
 * program the physical VNCR_EL2 from vel2_hwcfg()'s cfg->vncr. Safe while
 * loaded. Returns -VEL2_EINVAL if vncr_va is not page aligned.
 *
 * A guest that changes E2H at run time does so in memory without a trap;
 * the next exit re-derives the placement (docs/design.md, "Known limits").
 */
int vel2_vcpu_enable_nv2(struct vel2_vcpu *vcpu, u64 vncr_va);

/*
 * After the guest ran with FEAT_NV2 (vcpu->placement an NV2 column): apply
 * each register's RES0/RES1 (sysregs.def) to the values it stored in its
 * VNCR page, which the hardware stores whole. vel2_exit_sync() calls it
 * before anything consumes the page; a no-op in the other columns.
 */
void vel2_vcpu_sanitise_vncr(struct vel2_vcpu *vcpu);

#endif /* VEL2_VCPU_H */
