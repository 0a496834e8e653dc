/* SPDX-License-Identifier: MIT */
/*
 * Address translation instructions the guest hypervisor executes at vEL2
 * on its guest's EL1&0 regime (AT S1E0R/W, S1E1R/W/RP/WP, S12E0R/W,
 * S12E1R/W): a software stage 1 walk from the stored EL1 registers, its
 * table walks and (for S12) its output translated by the guest's stage 2
 * (s2walk.h), and the PAR_EL1 the hardware would give (Arm ARM D24.2
 * PAR_EL1; D8 VMSAv8-64; the pseudocode AArch64.S1Translate,
 * AArch64.S1Walk, AArch64.S1CheckPermissions, S2CombineS1MemAttrs).
 * docs/nested-mmu.md lists what is not modelled.
 */
#ifndef VEL2_AT_H
#define VEL2_AT_H

#include <vel2/s2walk.h>
#include <vel2/vcpu.h>

enum vel2_at_op {
	VEL2_AT_S1E1R,
	VEL2_AT_S1E1W,
	VEL2_AT_S1E0R,
	VEL2_AT_S1E0W,
	VEL2_AT_S1E1RP, /* PAN checked (FEAT_PAN2) */
	VEL2_AT_S1E1WP,
	VEL2_AT_S12E1R,
	VEL2_AT_S12E1W,
	VEL2_AT_S12E0R,
	VEL2_AT_S12E0W,
};

/* The EL1&0 stage 1 state the walk uses (the guest's guest's registers). */
struct vel2_s1_regs {
	u64 sctlr, tcr, ttbr0, ttbr1, mair;
};

/* SYS op1/CRn/CRm/op2 of an AT instruction with an EL1&0 effect. */
bool vel2_at_decode(unsigned int op1, unsigned int crn, unsigned int crm,
		    unsigned int op2, enum vel2_at_op *op);

/*
 * The PAR_EL1 value for `op` on `va`. `s2` is the guest hypervisor's stage
 * 2 (its HCR_EL2 decides whether stage 2 is on, and DC); `mem` reads its
 * guest-physical memory.
 */
u64 vel2_at_par(const struct vel2_s1_regs *s1, const struct vel2_s2_cfg *s2,
		const struct vel2_gmem_ops *mem, enum vel2_at_op op, u64 va);

/* vel2_at_par() with the vCPU's stored EL1 registers and stage 2. */
u64 vel2_at_vcpu(struct vel2_vcpu *vcpu, const struct vel2_gmem_ops *mem,
		 enum vel2_at_op op, u64 va);

#endif /* VEL2_AT_H */
