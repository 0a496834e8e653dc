/* SPDX-License-Identifier: MIT */
/*
 * Internal to src/core: the access table, how each register is reached in
 * each placement (memory, a physical register, in which format), and the
 * helpers that read and write one register at its place. Shared by the
 * accessors (accessors.c) and relocation (relocate.c); the table itself is
 * access_table.c. Not part of the API.
 */
#ifndef VEL2_CORE_ACCESS_TABLE_H
#define VEL2_CORE_ACCESS_TABLE_H

#include <vel2/format.h>
#include <vel2/hw.h>
#include <vel2/vcpu.h>

enum acc_kind {
	ACC_MEM, /* the stored copy */
	ACC_HW, /* on the CPU, in acc.phys, same format */
	ACC_MEM_FMT, /* stored, E2H-dependent RES bits (vel2_fmt_sanitise) */
	ACC_HW_FMT, /* on the CPU in acc.phys, format may differ: see below */
	ACC_SPSR, /* SPSR_EL2 held in SPSR_EL1: see spsr_el2_resolve() */
	ACC_HCR, /* HCR_EL2 while loaded: E2H/TGE move the live state */
	ACC_BAD, /* alias: names another register, no storage */
};

/*
 * 8 bytes, so an entry is one scaled index away from its row. The common
 * kinds (ACC_MEM, ACC_HW: no format code) come first so the hot paths test
 * them first and everything else goes out of line.
 */
struct reg_access {
	u8 kind; /* enum acc_kind */
	u8 fmt; /* enum vel2_fmt, for sanitising and translation */
	u16 slot; /* byte offset of the stored copy in struct vel2_sysregs */
	u16 phys; /* ACC_HW*: the physical register that holds the value */
	u16 pad;
};

/*
 * Indexed [reg][where], the row padded to 8 entries: a register's variants
 * share 64 bytes and an entry's address is reg * 64 + where * 8, two
 * shifts and no multiply.
 */
#define ACC_ROW 8
_Static_assert(VEL2_NR_PLACES <= ACC_ROW, "access_table row");

extern const struct reg_access vel2_access_table[VEL2_NR_SYSREGS][ACC_ROW];

static inline u64 *stored_copy(struct vel2_vcpu *vcpu,
			       const struct reg_access *a)
{
	return (u64 *)((char *)&vcpu->regs + a->slot);
}

/*
 * ACC_HW_FMT: an EL2 register held in an EL1 register whose layout may
 * differ. When the format is the identity for the guest's E2H (SCTLR_EL2
 * with E2H=1, ...), the CPU copy is the value and is truly live. Otherwise
 * the stored EL2 value stays authoritative and the CPU holds its EL1
 * translation: translating back would lose the fields EL1 does not have,
 * and the host traps every guest access to these, so hardware never
 * changes the EL1 copy behind our back.
 */
static inline bool hw_fmt_translated(unsigned int place,
				     const struct reg_access *a)
{
	return !vel2_fmt_is_identity(a->fmt, vel2_place_is_vhe(place));
}

static inline u64 hw_fmt_value(unsigned int place, const struct reg_access *a,
			       u64 v)
{
	return vel2_fmt_to_el1(a->fmt, v, vel2_place_is_vhe(place));
}

/*
 * A translated register's value: memory, except for the bits the guest can
 * change directly in the EL1 register (vel2_fmt_direct_mask), which are
 * read from the CPU.
 */
u64 vel2_acc_hw_fmt_read(unsigned int place, const struct reg_access *a,
			 u64 stored);

/*
 * SPSR_EL2 while the guest is in hyp context lives in SPSR_EL1: the CPU
 * writes it when it takes an exception at vEL2. With HCR_EL2.NV1=1 and no
 * NV2 (hw_spsr_reports_el1) that write reports M[3:2] = EL1 for an
 * exception taken at vEL2, where the guest hypervisor expects EL2.
 *
 * Blindly rewriting EL1 to EL2 would corrupt a value the guest wrote itself
 * (M = EL1h before an ERET to vEL1). So memory stays authoritative and the
 * CPU gets a value the CPU itself never produces in this mode: its
 * exceptions come from physical EL1 in AArch64, so M[4:0] is 0b0010x;
 * vel2 never writes that pattern (spsr_hw_encode). If SPSR_EL1 still holds
 * what vel2 last wrote, memory is current; otherwise an exception replaced
 * it and the new value, with M[3:2] EL1 -> EL2, becomes the stored one.
 * The CPU copy is never consumed as an SPSR: NV traps ERET at vEL2 and the
 * host emulates it from the stored value.
 */

static inline u64 spsr_hw_encode(u64 v)
{
	u64 m = v & VEL2_PSR_M_ALL;

	if (m == VEL2_PSR_MODE_EL1T || m == VEL2_PSR_MODE_EL1H)
		v ^= VEL2_PSR_MODE_EL1T | VEL2_PSR_MODE_EL2T; /* EL1x -> EL2x */
	return v;
}

/* SPSR_EL2's value with hw_spsr_reports_el1 (see above). */
u64 vel2_acc_spsr_el2_resolve(struct vel2_vcpu *vcpu,
			      const struct reg_access *a);

#endif /* VEL2_CORE_ACCESS_TABLE_H */
