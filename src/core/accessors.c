// SPDX-License-Identifier: MIT
/*
 * vEL2-aware system register accessors.
 *
 * Where a register's value is depends only on (vcpu->placement, register), so
 * the whole decision is a constant table built from sysregs.def at compile
 * time (access_table.c): the hot path is one bounds check, one table load
 * and a switch, with no scan of the catalog and no initialisation code. The
 * rules the table encodes are in docs/design.md, "Accessor rules". Moving
 * the live registers when the placement changes is relocate.c.
 */
#include <vel2/accessors.h>

#include "access_table.h"
#include "placement.h"

/*
 * RES0/RES1 of every register, packed tighter than vel2_sysreg_info so a
 * write touches one 16-byte entry.
 */
struct acc_res {
	u64 keep, res1; /* keep = ~res0 */
};

#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0, \
		    r1)                                                       \
	[VEL2_SYSREG_##n] = { ~(u64)(r0), (r1) },
static const struct acc_res acc_res[VEL2_NR_SYSREGS] = {
#include <vel2/sysregs.def>
};
#undef VEL2_SYSREG

static void spsr_el2_store(struct vel2_vcpu *vcpu, const struct reg_access *a,
			   u64 v)
{
	u64 h = spsr_hw_encode(v);

	*stored_copy(vcpu, a) = v;
	vel2_hw_write(a->phys, h);
	vcpu->hw_spsr_written = h;
}

static int read_slow(struct vel2_vcpu *vcpu, const struct reg_access *a,
		     u64 *val)
{
	switch (a->kind) {
	case ACC_MEM_FMT:
	case ACC_HCR:
		*val = *stored_copy(vcpu, a);
		return 0;
	case ACC_HW_FMT:
		if (hw_fmt_translated(vcpu->placement, a))
			*val = vel2_acc_hw_fmt_read(vcpu->placement, a,
						    *stored_copy(vcpu, a));
		else
			*val = vel2_hw_read(a->phys);
		return 0;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1)
			*val = vel2_acc_spsr_el2_resolve(vcpu, a);
		else
			*val = vel2_hw_read(a->phys);
		return 0;
	default:
		return -VEL2_ENOREG;
	}
}

int vel2_read_sysreg(struct vel2_vcpu *vcpu, unsigned int reg, u64 *val)
{
	const struct reg_access *a;

	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return -VEL2_ENOREG;
	a = &vel2_access_table[reg][vcpu->placement];

	if (vel2_likely(a->kind <= ACC_HW)) {
		if (a->kind == ACC_HW)
			*val = vel2_hw_read(a->phys);
		else
			*val = *stored_copy(vcpu, a);
		return 0;
	}
	return read_slow(vcpu, a, val);
}

const u64 *vel2_sysreg_read_source(const struct vel2_vcpu *vcpu,
				   unsigned int reg)
{
	const struct reg_access *a;

	if (reg >= VEL2_NR_SYSREGS)
		return NULL;
	a = &vel2_access_table[reg][vcpu->placement];
	/* vel2_read_sysreg(): these two kinds read *stored_copy() as is. */
	if (a->kind != ACC_MEM && a->kind != ACC_MEM_FMT)
		return NULL;
	return (const u64 *)((const char *)&vcpu->regs + a->slot);
}

static void write_hcr(struct vel2_vcpu *vcpu, const struct reg_access *a, u64 v)
{
	*stored_copy(vcpu, a) = v;
	/*
	 * E2H and TGE decide whether vEL0 is hyp context and which EL2
	 * registers sit in EL1 ones: same outcome as put, write, load.
	 */
	vel2_refresh_placement(vcpu);
}

static __attribute__((noinline)) int
write_slow(struct vel2_vcpu *vcpu, const struct reg_access *a, u64 val)
{
	if (a->kind == ACC_BAD)
		return -VEL2_ENOREG;
	if (a->fmt != VEL2_FMT_NONE)
		val = vel2_fmt_sanitise(a->fmt, val, vel2_vcpu_e2h(vcpu));

	switch (a->kind) {
	case ACC_MEM_FMT:
		*stored_copy(vcpu, a) = val;
		break;
	case ACC_HW_FMT:
		/*
		 * Identity: the CPU copy is the value. Translated: memory is
		 * the value, the CPU gets its EL1 form (see above).
		 */
		*stored_copy(vcpu, a) = val;
		vel2_hw_write(a->phys, hw_fmt_value(vcpu->placement, a, val));
		break;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1)
			spsr_el2_store(vcpu, a, val);
		else
			vel2_hw_write(a->phys, val);
		break;
	case ACC_HCR:
		write_hcr(vcpu, a, val);
		break;
	}
	return 0;
}

int vel2_write_sysreg(struct vel2_vcpu *vcpu, unsigned int reg, u64 val)
{
	const struct reg_access *a;

	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return -VEL2_ENOREG;
	a = &vel2_access_table[reg][vcpu->placement];
	val = (val & acc_res[reg].keep) | acc_res[reg].res1;

	if (vel2_likely(a->kind == ACC_MEM)) {
		*stored_copy(vcpu, a) = val;
		return 0;
	}
	if (vel2_likely(a->kind == ACC_HW)) {
		vel2_hw_write(a->phys, val);
		return 0;
	}
	return write_slow(vcpu, a, val);
}
