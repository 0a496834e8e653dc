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

/* ICH_LR<n>_EL2 fields. */
#define LR_STATE VEL2_GENMASK(63, 62) /* 0b00 invalid, 0b01 pending */
#define LR_STATE_PENDING VEL2_BIT(62)
#define LR_HW VEL2_BIT(61)
#define LR_EOI VEL2_BIT(41) /* with HW == 0: EOI maintenance requested */
/* ICH_HCR_EL2 fields. */
#define ICH_HCR_EN VEL2_BIT(0)
#define ICH_HCR_UIE VEL2_BIT(1)
#define ICH_HCR_LRENPIE VEL2_BIT(2)
#define ICH_HCR_NPIE VEL2_BIT(3)
#define ICH_HCR_VGRP0EIE VEL2_BIT(4)
#define ICH_HCR_VGRP0DIE VEL2_BIT(5)
#define ICH_HCR_VGRP1EIE VEL2_BIT(6)
#define ICH_HCR_VGRP1DIE VEL2_BIT(7)
#define ICH_HCR_EOICOUNT VEL2_GENMASK(31, 27)
/* ICH_VMCR_EL2 fields. */
#define VMCR_VENG0 VEL2_BIT(0)
#define VMCR_VENG1 VEL2_BIT(1)
/* ICH_VTR_EL2: ListRegs (number of LRs - 1), PREbits and PRIbits
 * (number of preemption / priority bits - 1). */
#define VTR_LISTREGS VEL2_GENMASK(4, 0)
#define VTR_PREBITS VEL2_GENMASK(28, 26)
#define VTR_PRIBITS VEL2_GENMASK(31, 29)
#define LR_PRIORITY_LO 48
#define VMCR_VCBPR VEL2_BIT(4)
#define VMCR_VBPR1 VEL2_GENMASK(20, 18)
#define VMCR_VBPR0 VEL2_GENMASK(23, 21)

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
	unsigned int n =
		(unsigned int)VEL2_FIELD_GET(
			VTR_LISTREGS, vel2_rd_stored(vcpu, ICH_VTR_EL2)) +
		1;

	return n > 16 ? 16 : n;
}

/* ELRSR: State 0b00 and no EOI maintenance pending (HW == 1 or EOI == 0). */
static u64 elrsr(const struct vel2_vcpu *vcpu)
{
	u64 v = 0;

	for (unsigned int n = 0; n < nr_lrs(vcpu); n++) {
		u64 l = lr(vcpu, n);

		if (!(l & LR_STATE) && ((l & LR_HW) || !(l & LR_EOI)))
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

		if (!(l & LR_STATE) && !(l & LR_HW) && (l & LR_EOI))
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
		u64 st = lr(vcpu, n) & LR_STATE;

		valid += st != 0;
		pending |= st == LR_STATE_PENDING;
	}
	if (eisr(vcpu))
		v |= VEL2_BIT(0);
	if ((hcr & ICH_HCR_UIE) && valid <= 1)
		v |= VEL2_BIT(1);
	if ((hcr & ICH_HCR_LRENPIE) && (hcr & ICH_HCR_EOICOUNT))
		v |= VEL2_BIT(2);
	if ((hcr & ICH_HCR_NPIE) && !pending)
		v |= VEL2_BIT(3);
	if ((hcr & ICH_HCR_VGRP0EIE) && (vmcr & VMCR_VENG0))
		v |= VEL2_BIT(4);
	if ((hcr & ICH_HCR_VGRP0DIE) && !(vmcr & VMCR_VENG0))
		v |= VEL2_BIT(5);
	if ((hcr & ICH_HCR_VGRP1EIE) && (vmcr & VMCR_VENG1))
		v |= VEL2_BIT(6);
	if ((hcr & ICH_HCR_VGRP1DIE) && !(vmcr & VMCR_VENG1))
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
	return (vel2_rd_stored(vcpu, ICH_HCR_EL2) & ICH_HCR_EN) && misr(vcpu);
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
		unsigned int pri =
			(unsigned int)VEL2_FIELD_GET(VTR_PRIBITS, vtr) + 1;

		if (pri < 8)
			v &= ~VEL2_GENMASK(LR_PRIORITY_LO + 7 - pri,
					   LR_PRIORITY_LO);
		return v;
	}
	if (reg == VEL2_SYSREG_ICH_VMCR_EL2) {
		u64 min0 = 7 - VEL2_FIELD_GET(VTR_PREBITS, vtr) - 1;
		u64 b0 = VEL2_FIELD_GET(VMCR_VBPR0, v);
		u64 b1 = VEL2_FIELD_GET(VMCR_VBPR1, v);

		if (b0 < min0)
			b0 = min0;
		if (v & VMCR_VCBPR)
			b1 = b0;
		else if (b1 < min0 + 1)
			b1 = min0 + 1;
		v &= ~(VMCR_VBPR0 | VMCR_VBPR1);
		v |= VEL2_FIELD_PREP(VMCR_VBPR0, b0) |
		     VEL2_FIELD_PREP(VMCR_VBPR1, b1);
	}
	return v;
}
