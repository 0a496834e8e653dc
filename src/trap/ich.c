// SPDX-License-Identifier: MIT
/*
 * The parts of the stored GICv3 virtual interface (ICH_*_EL2) that are not
 * plain storage (GIC Architecture Specification, IHI 0069, the ICH_*
 * register descriptions):
 *  - ICH_ELRSR_EL2, ICH_EISR_EL2 and ICH_MISR_EL2 are read-only values the
 *    GIC computes from the list registers, ICH_HCR_EL2 and ICH_VMCR_EL2;
 *    vel2 derives them from the stored copies on every read instead of
 *    keeping a stored value that nothing updates;
 *  - the maintenance interrupt's level follows from them too (the host
 *    keeps it asserted for vEL2 from vel2_gic_maint_level);
 *  - writes of ICH_LR<n>_EL2 and ICH_VMCR_EL2 keep only what the CPU
 *    interface implements (priority bits, binary point minimums), which
 *    ICH_VTR_EL2 describes.
 */
#include "handlers.h"

/* The position of ICH_LR<n>_EL2.Priority's lowest bit (arch.h). */
#define LR_PRIORITY_LO __builtin_ctzll(VEL2_ICH_LR_PRIORITY)

_Static_assert(VEL2_SYSREG_ICH_LR15_EL2 == VEL2_SYSREG_ICH_LR0_EL2 + 15,
	       "sysregs.def lists ICH_LR0..15_EL2 in order");

static u64 lr(const struct vel2_vcpu *vcpu, unsigned int n)
{
	return *(const u64 *)((const char *)&vcpu->regs +
			      vel2_sysreg_info[VEL2_SYSREG_ICH_LR0_EL2 + n]
				      .slot);
}

static unsigned int nr_lrs(const struct vel2_vcpu *vcpu)
{
	unsigned int n = (unsigned int)VEL2_FIELD_GET(
				 VEL2_ICH_VTR_LISTREGS,
				 vel2_rd_stored(vcpu, ICH_VTR_EL2)) +
			 1;

	return n > 16 ? 16 : n;
}

/* ELRSR: State 0b00 and no EOI maintenance pending (HW == 1 or EOI == 0). */
static u64 elrsr(const struct vel2_vcpu *vcpu)
{
	u64 v = 0;

	for (unsigned int n = 0; n < nr_lrs(vcpu); n++) {
		u64 l = lr(vcpu, n);

		if (!(l & VEL2_ICH_LR_STATE) &&
		    ((l & VEL2_ICH_LR_HW) || !(l & VEL2_ICH_LR_EOI)))
			v |= VEL2_BIT(n);
	}
	return v;
}

/* EISR: State 0b00, HW == 0 and EOI == 1: an EOI maintenance interrupt. */
static u64 eisr(const struct vel2_vcpu *vcpu)
{
	u64 v = 0;

	for (unsigned int n = 0; n < nr_lrs(vcpu); n++) {
		u64 l = lr(vcpu, n);

		if (!(l & VEL2_ICH_LR_STATE) && !(l & VEL2_ICH_LR_HW) &&
		    (l & VEL2_ICH_LR_EOI))
			v |= VEL2_BIT(n);
	}
	return v;
}

/*
 * MISR: EOI[0] any EISR bit; U[1] UIE and at most one valid LR; LRENP[2]
 * LRENPIE and EOIcount != 0; NP[3] NPIE and no pending LR; VGrp0E[4],
 * VGrp0D[5], VGrp1E[6], VGrp1D[7] the IE bit and ICH_VMCR_EL2.VENG0/1 set
 * (E) or clear (D).
 */
static u64 misr(const struct vel2_vcpu *vcpu)
{
	u64 hcr = vel2_rd_stored(vcpu, ICH_HCR_EL2);
	u64 vmcr = vel2_rd_stored(vcpu, ICH_VMCR_EL2), v = 0;
	unsigned int valid = 0;
	bool pending = false;

	for (unsigned int n = 0; n < nr_lrs(vcpu); n++) {
		u64 st = lr(vcpu, n) & VEL2_ICH_LR_STATE;

		valid += st != 0;
		pending |= st == VEL2_ICH_LR_STATE_PENDING;
	}
	if (eisr(vcpu))
		v |= VEL2_BIT(0);
	if ((hcr & VEL2_ICH_HCR_UIE) && valid <= 1)
		v |= VEL2_BIT(1);
	if ((hcr & VEL2_ICH_HCR_LRENPIE) && (hcr & VEL2_ICH_HCR_EOICOUNT))
		v |= VEL2_BIT(2);
	if ((hcr & VEL2_ICH_HCR_NPIE) && !pending)
		v |= VEL2_BIT(3);
	if ((hcr & VEL2_ICH_HCR_VGRP0EIE) && (vmcr & VEL2_ICH_VMCR_VENG0))
		v |= VEL2_BIT(4);
	if ((hcr & VEL2_ICH_HCR_VGRP0DIE) && !(vmcr & VEL2_ICH_VMCR_VENG0))
		v |= VEL2_BIT(5);
	if ((hcr & VEL2_ICH_HCR_VGRP1EIE) && (vmcr & VEL2_ICH_VMCR_VENG1))
		v |= VEL2_BIT(6);
	if ((hcr & VEL2_ICH_HCR_VGRP1DIE) && !(vmcr & VEL2_ICH_VMCR_VENG1))
		v |= VEL2_BIT(7);
	return v;
}

/*
 * The maintenance interrupt's level: asserted while ICH_HCR_EL2.En == 1 and
 * a bit of ICH_MISR_EL2 is 1 (IHI 0069 "Maintenance interrupts" and the
 * ICH_MISR_EL2 description). A level, not an event: it stays asserted
 * until the state that sets a MISR bit changes.
 */
bool vel2_gic_maint_level(const struct vel2_vcpu *vcpu)
{
	return (vel2_rd_stored(vcpu, ICH_HCR_EL2) & VEL2_ICH_HCR_EN) &&
	       misr(vcpu);
}

bool vel2_gic_status_read(const struct vel2_vcpu *vcpu, unsigned int reg,
			  u64 *val)
{
	switch (reg) {
	case VEL2_SYSREG_ICH_ELRSR_EL2:
		*val = elrsr(vcpu);
		return true;
	case VEL2_SYSREG_ICH_EISR_EL2:
		*val = eisr(vcpu);
		return true;
	case VEL2_SYSREG_ICH_MISR_EL2:
		*val = misr(vcpu);
		return true;
	case VEL2_SYSREG_ICH_VMCR_EL2:
		/* The BPR minimums come from ICH_VTR_EL2, which the host sets
		 * after reset: the reset value reads clamped too. */
		*val = vel2_ich_write_fixup(vcpu, reg,
					    vel2_rd_stored(vcpu, ICH_VMCR_EL2));
		return true;
	default:
		return false;
	}
}

/*
 * ICH_LR<n>_EL2.Priority[55:48]: only the top PRIbits bits are implemented,
 * the others are RAZ/WI. ICH_VMCR_EL2.VBPR0/VBPR1: a value below the
 * minimum (7 - PREbits for group 0, one more for group 1) is written as
 * the minimum ("ICC_BPR0_EL1"/"ICC_BPR1_EL1", which VBPR0/1 are the
 * virtual copies of); with VCBPR set, group 1 uses VBPR0 and VBPR1 reads
 * as VBPR0 (as natively on QEMU's GIC; the sweep guest compares).
 */
u64 vel2_ich_write_fixup(const struct vel2_vcpu *vcpu, unsigned int reg, u64 v)
{
	u64 vtr = vel2_rd_stored(vcpu, ICH_VTR_EL2);

	if (reg >= VEL2_SYSREG_ICH_LR0_EL2 && reg <= VEL2_SYSREG_ICH_LR15_EL2) {
		unsigned int pri = (unsigned int)VEL2_FIELD_GET(
					   VEL2_ICH_VTR_PRIBITS, vtr) +
				   1;

		if (pri < 8)
			v &= ~VEL2_GENMASK(LR_PRIORITY_LO + 7 - pri,
					   LR_PRIORITY_LO);
		return v;
	}
	if (reg == VEL2_SYSREG_ICH_VMCR_EL2) {
		u64 min0 = 7 - VEL2_FIELD_GET(VEL2_ICH_VTR_PREBITS, vtr) - 1;
		u64 b0 = VEL2_FIELD_GET(VEL2_ICH_VMCR_VBPR0, v);
		u64 b1 = VEL2_FIELD_GET(VEL2_ICH_VMCR_VBPR1, v);

		if (b0 < min0)
			b0 = min0;
		if (v & VEL2_ICH_VMCR_VCBPR)
			b1 = b0;
		else if (b1 < min0 + 1)
			b1 = min0 + 1;
		v &= ~(VEL2_ICH_VMCR_VBPR0 | VEL2_ICH_VMCR_VBPR1);
		v |= VEL2_FIELD_PREP(VEL2_ICH_VMCR_VBPR0, b0) |
		     VEL2_FIELD_PREP(VEL2_ICH_VMCR_VBPR1, b1);
	}
	return v;
}
