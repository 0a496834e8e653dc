// SPDX-License-Identifier: MIT
/*
 * The access table: for every register of sysregs.def and every placement
 * (enum vel2_placement), what kind of access reaches its value. A constant
 * expression of the catalog, built at compile time. The rules it encodes
 * are in docs/design.md, "Accessor rules". Also the out-of-line helpers
 * that read one register at its place, for accessors.c and relocate.c.
 */
#include "access_table.h"

/*
 * Is a register of class `loc` (VNCR offset `vncr`) on the CPU under `w`.
 *
 * The NV2 columns are their NV column minus what FEAT_NV2 takes to
 * memory (Arm ARM R_CSRPQ lists the offsets; each register's "Accessing"
 * pseudocode says when its access becomes NVMem[offset]).
 *
 * HYP_VHE_NV2, HCR_EL2.{NV2,NV1,NV} = {1,0,1} at EL1: an access whose
 * pseudocode has `HCR_EL2.<NV2,NV> == '11'` goes to the page whatever
 * NV1: the EL2 registers with a VNCR offset (stored anyway), SP_EL1
 * (0x240, stored at vEL2), ACTLR_EL1 (0x118) and MDSCR_EL1 (0x158). The
 * last two are SHARED, live in HYP_VHE, so under NV2 they are stored: the
 * page is the value and the physical register keeps what it held
 * (MDSCR_EL1's debug controls for code at vEL2 stay at the value loaded
 * for vEL1/vEL0). The EL1 encodings that have `<NV2,NV1,NV> == '111'`
 * (SCTLR_EL1, TCR_EL1, ..., the EL0 timers) only go to memory with NV1=1
 * and keep meaning the EL2 register in the physical EL1 one; their _EL12
 * and _EL02 forms (`'101'`) go to the page, where the EL1 registers are
 * stored in HYP_VHE already.
 *
 * HYP_NVHE_NV2, {1,1,1}: the same '11' accesses, and now also every EL0/
 * EL1 encoding with a VNCR offset (`'111'`): SCTLR, CPACR, TTBR0/1, TCR,
 * ESR, FAR, AFSR0/1, MAIR, AMAIR, CONTEXTIDR, VBAR, ELR, SPSR, ZCR,
 * SCXTNUM_EL1 and the EL0 timers CNTV/CNTP_CTL/CVAL_EL0. The EL1 ones
 * are stored in HYP_NVHE already (the physical registers hold vEL2's
 * EL2 state); ZCR_EL1 and SCXTNUM_EL1 (EL1_NVHE, live in HYP_NVHE)
 * become stored. The EL0 timers stay live: their "Accessing" pseudocode
 * checks CNTHCTL_EL2.EL1PCEN / EL1TVT before the NVMem access, and
 * vel2_hwcfg() sets those traps in this mode, so the guest's accesses
 * reach the physical EL1 timers through vel2 and they keep running with
 * its values (docs/nested-gic.md, "Timers"). What has
 * no offset stays on the CPU: CNTKCTL_EL1, TPIDR_EL1, PAR_EL1, SP_EL0,
 * ...; and the EL2 state in the EL1 registers (MAP_HYP: SCTLR_EL2, VBAR_EL2,
 * ... trap; ELR/SPSR/ESR/FAR_EL2 are redirected to ELR_EL1, ...).
 */
#define ACC_EL0_TIMER(id)                     \
	((id) == VEL2_SYSREG_CNTV_CTL_EL0 ||  \
	 (id) == VEL2_SYSREG_CNTV_CVAL_EL0 || \
	 (id) == VEL2_SYSREG_CNTP_CTL_EL0 ||  \
	 (id) == VEL2_SYSREG_CNTP_CVAL_EL0)

#define ACC_NV2_MEM(w, id, loc, vncr)                                    \
	((vncr) != VEL2_NO_VNCR &&                                       \
	 (((w) == VEL2_PLACE_HYP_VHE_NV2 && (loc) == VEL2_LOC_SHARED) || \
	  ((w) == VEL2_PLACE_HYP_NVHE_NV2 &&                             \
	   ((loc) == VEL2_LOC_SHARED ||                                  \
	    ((loc) == VEL2_LOC_EL1_NVHE && !ACC_EL0_TIMER(id))))))

#define ACC_LIVE(w, id, loc, vncr)                                     \
	((w) != VEL2_PLACE_MEMORY && !ACC_NV2_MEM(w, id, loc, vncr) && \
	 ((loc) == VEL2_LOC_SHARED || (loc) == VEL2_LOC_EL2 ||         \
	  ((loc) == VEL2_LOC_EL1 && (w) == VEL2_PLACE_EL1) ||          \
	  ((loc) == VEL2_LOC_EL1_NVHE && !VEL2_PLACE_IS_VHE(w)) ||     \
	  ((loc) == VEL2_LOC_MAP_HYP && (w) != VEL2_PLACE_EL1) ||      \
	  ((loc) == VEL2_LOC_MAP_VHE && VEL2_PLACE_IS_VHE(w))))

#define ACC_KIND(w, id, loc, fmt, vncr)                                          \
	((loc) == VEL2_LOC_ALIAS				 ? ACC_BAD :     \
	 (id) == VEL2_SYSREG_HCR_EL2 && (w) != VEL2_PLACE_MEMORY ? ACC_HCR :     \
	 !ACC_LIVE(w, id, loc, vncr) && (fmt) != VEL2_FMT_NONE	 ? ACC_MEM_FMT : \
	 !ACC_LIVE(w, id, loc, vncr)				 ? ACC_MEM :     \
	 (id) == VEL2_SYSREG_SPSR_EL2				 ? ACC_SPSR :    \
	 (fmt) != VEL2_FMT_NONE					 ? ACC_HW_FMT :  \
								   ACC_HW)

#define ACC_ENTRY(w, n, l, tgt, f, v)                              \
	{                                                          \
		.kind = ACC_KIND(w, VEL2_SYSREG_##n, VEL2_LOC_##l, \
				 VEL2_FMT_##f, v),                 \
		.fmt = VEL2_FMT_##f, .slot = VEL2_SLOT_##n,        \
		.phys = VEL2_SYSREG_##tgt,                         \
	}

#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0,  \
		    r1)                                                        \
	[VEL2_SYSREG_##n] = {                                                  \
		[VEL2_PLACE_MEMORY] =                                          \
			ACC_ENTRY(VEL2_PLACE_MEMORY, n, l, tgt, f, vncr_off),  \
		[VEL2_PLACE_EL1] =                                             \
			ACC_ENTRY(VEL2_PLACE_EL1, n, l, tgt, f, vncr_off),     \
		[VEL2_PLACE_HYP_NVHE] = ACC_ENTRY(VEL2_PLACE_HYP_NVHE, n, l,   \
						  tgt, f, vncr_off),           \
		[VEL2_PLACE_HYP_VHE] =                                         \
			ACC_ENTRY(VEL2_PLACE_HYP_VHE, n, l, tgt, f, vncr_off), \
		[VEL2_PLACE_HYP_VHE_NV2] = ACC_ENTRY(VEL2_PLACE_HYP_VHE_NV2,   \
						     n, l, tgt, f, vncr_off),  \
		[VEL2_PLACE_HYP_NVHE_NV2] = ACC_ENTRY(VEL2_PLACE_HYP_NVHE_NV2, \
						      n, l, tgt, f, vncr_off), \
	},

const struct reg_access vel2_access_table[VEL2_NR_SYSREGS][ACC_ROW] = {
#include <vel2/sysregs.def>
};
#undef VEL2_SYSREG

/* The one-register helpers the accessors and relocation share. */

u64 vel2_acc_hw_fmt_read(unsigned int place, const struct reg_access *a,
			 u64 stored)
{
	u64 direct = vel2_fmt_direct_mask(a->fmt, vel2_place_is_vhe(place));

	if (!direct)
		return stored;
	return (stored & ~direct) | (vel2_hw_read(a->phys) & direct);
}

u64 vel2_acc_spsr_el2_resolve(struct vel2_vcpu *vcpu,
			      const struct reg_access *a)
{
	u64 h = vel2_hw_read(a->phys);

	if (h != vcpu->hw_spsr_written) {
		u64 v = h;

		if (VEL2_PSR_EL(v) == 1)
			v = (v & ~VEL2_PSR_M_EL) |
			    VEL2_FIELD_PREP(VEL2_PSR_M_EL, 2);
		*stored_copy(vcpu, a) = v;
		vcpu->hw_spsr_written = h;
	}
	return *stored_copy(vcpu, a);
}
