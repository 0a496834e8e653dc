/* SPDX-License-Identifier: MIT */
/*
 * Internal to src/trap: what the per-class handlers share. Not API.
 */
#ifndef VEL2_TRAP_INTERNAL_H
#define VEL2_TRAP_INTERNAL_H

#include <vel2/accessors.h>
#include <vel2/hwcfg.h>
#include <vel2/trap.h>

/* PSTATE / SPSR_ELx bits (Arm ARM C5.2.x "SPSR_EL2", AArch64 layout). */
#define PSR_M_SP VEL2_BIT(0) /* M[0]: SP_ELx (h) rather than SP_EL0 (t) */
#define PSR_M_RES1 VEL2_BIT(1) /* M[1]: reserved, an illegal return */
#define PSR_M_32 VEL2_BIT(4) /* M[4] (nRW): AArch32 */
#define PSR_F VEL2_BIT(6)
#define PSR_I VEL2_BIT(7)
#define PSR_A VEL2_BIT(8)
#define PSR_D VEL2_BIT(9)
#define PSR_DAIF VEL2_GENMASK(9, 6)
#define PSR_BTYPE VEL2_GENMASK(11, 10)
#define PSR_SSBS VEL2_BIT(12)
#define PSR_ALLINT VEL2_BIT(13)
#define PSR_IL VEL2_BIT(20)
#define PSR_SS VEL2_BIT(21)
#define PSR_PAN VEL2_BIT(22)
#define PSR_UAO VEL2_BIT(23)
#define PSR_DIT VEL2_BIT(24)
#define PSR_TCO VEL2_BIT(25)
#define PSR_NZCV VEL2_GENMASK(31, 28)
/* The PSTATE fields an SPSR holds that vel2 models (PM, EXLOCK, PACM at
 * [35:32] are left out: see docs/traps.md). */
#define PSR_MODELLED                                                          \
	(PSR_NZCV | PSR_TCO | PSR_DIT | PSR_UAO | PSR_PAN | PSR_SS | PSR_IL | \
	 PSR_ALLINT | PSR_SSBS | PSR_BTYPE | PSR_DAIF | VEL2_PSR_M_ALL)

/* SCTLR_ELx bits read on exception entry (same place in SCTLR_EL1/EL2). */
#define SCTLR_SPAN VEL2_BIT(23)
#define SCTLR_DSSBS VEL2_BIT(44)
#define SCTLR_SPINTMASK VEL2_BIT(62)

/* Features of the virtual CPU, from its stored ID registers. */
enum vel2_feat {
	FEAT_ANY,
	FEAT_PAN, /* ID_AA64MMFR1_EL1.PAN != 0 */
	FEAT_SSBS, /* ID_AA64PFR1_EL1.SSBS != 0 */
	FEAT_MTE, /* ID_AA64PFR1_EL1.MTE != 0 (PSTATE.TCO) */
	FEAT_MTE2, /* ID_AA64PFR1_EL1.MTE >= 2 */
	FEAT_NMI, /* ID_AA64PFR1_EL1.NMI != 0 */
	FEAT_PAUTH, /* ID_AA64ISAR1_EL1.{APA,API,GPA,GPI}/ISAR2.{APA3,GPA3} */
	FEAT_FGT, /* ID_AA64MMFR0_EL1.FGT != 0 */
	FEAT_EL3, /* ID_AA64PFR0_EL1.EL3 != 0 */
	FEAT_CSV2_2, /* ID_AA64PFR0_EL1.CSV2 >= 2 or PFR1.CSV2_frac >= 2 */
};
bool vel2_has_feat(const struct vel2_vcpu *vcpu, enum vel2_feat feat);

/* The guest's physical PSTATE for a virtual one (vEL2 runs at EL1). */
u64 vel2_pstate_to_phys(u64 pstate);

/*
 * Enter an exception at `target` (1 or 2) for the guest: ELR_ELt = ret,
 * SPSR_ELt = the current virtual PSTATE, ESR_ELt = esr, FAR_ELt/HPFAR_EL2
 * when `far_valid`/`hpfar_valid`; PSTATE and PC as AArch64.TakeException.
 */
void vel2_take_exception(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			 unsigned int target, u64 esr, u64 ret, bool far_valid,
			 bool hpfar_valid);

/* The EL an UNDEFINED instruction at the current vEL is taken to. */
unsigned int vel2_undef_target(const struct vel2_vcpu *vcpu);

/* Routing for exits from vEL1/vEL0 outside hyp context: does the guest
 * hypervisor's own configuration trap this to (its) EL2? */
bool vel2_route_sysreg(const struct vel2_vcpu *vcpu, const struct vel2_esr *s);
bool vel2_route_eret(const struct vel2_vcpu *vcpu);

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

/* A register whose value is only ever in memory (ID, HCR, FGT...). */
#define vel2_rd_stored(vcpu, name) vel2_stored(&(vcpu)->regs, name)

/* Read through the accessors; ids here are catalog constants. */
static inline u64 vel2_rd(struct vel2_vcpu *vcpu, unsigned int reg)
{
	u64 v = 0;

	vel2_read_sysreg(vcpu, reg, &v);
	return v;
}

#endif /* VEL2_TRAP_INTERNAL_H */
