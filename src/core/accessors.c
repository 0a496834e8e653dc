// SPDX-License-Identifier: MIT
/*
 * vEL2-aware system register accessors.
 *
 * Where a register's value is depends only on (vcpu->where, register), so
 * the whole decision is a constant table built from sysregs.def at compile
 * time: the hot path is one bounds check, one table load and a switch, with
 * no scan of the catalog and no initialisation code. The rules the table
 * encodes are in docs/design.md, "Accessor rules".
 */
#include <vel2/accessors.h>
#include <vel2/format.h>
#include <vel2/hw.h>

#include "access.h"

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
struct acc {
	u8 kind; /* enum acc_kind */
	u8 fmt; /* enum vel2_fmt, for sanitising and translation */
	u16 slot; /* byte offset of the stored copy in struct vel2_sysregs */
	u16 phys; /* ACC_HW*: the physical register that holds the value */
	u16 pad;
};

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
 * EL2 state); the EL0 timers, ZCR_EL1 and SCXTNUM_EL1 (EL1_NVHE, live in
 * HYP_NVHE) become stored: the physical EL0 timers keep running with the
 * values loaded for vEL1, and the guest's writes at vEL2 take effect on
 * the hardware when it returns to vEL1 (docs/design.md, "NV2"). What has
 * no offset stays on the CPU: CNTKCTL_EL1, TPIDR_EL1, PAR_EL1, SP_EL0,
 * ...; and the EL2 state in the EL1 registers (MAP_HYP: SCTLR_EL2, VBAR_EL2,
 * ... trap; ELR/SPSR/ESR/FAR_EL2 are redirected to ELR_EL1, ...).
 */
#define ACC_NV2_MEM(w, loc, vncr)                                        \
	((vncr) != VEL2_NO_VNCR &&                                       \
	 (((w) == VEL2_WHERE_HYP_VHE_NV2 && (loc) == VEL2_LOC_SHARED) || \
	  ((w) == VEL2_WHERE_HYP_NVHE_NV2 &&                             \
	   ((loc) == VEL2_LOC_SHARED || (loc) == VEL2_LOC_EL1_NVHE))))

#define ACC_LIVE(w, loc, vncr)                                     \
	((w) != VEL2_WHERE_MEMORY && !ACC_NV2_MEM(w, loc, vncr) && \
	 ((loc) == VEL2_LOC_SHARED ||                              \
	  ((loc) == VEL2_LOC_EL1 && (w) == VEL2_WHERE_EL1) ||      \
	  ((loc) == VEL2_LOC_EL1_NVHE && !VEL2_WHERE_IS_VHE(w)) || \
	  ((loc) == VEL2_LOC_MAP_HYP && (w) != VEL2_WHERE_EL1) ||  \
	  ((loc) == VEL2_LOC_MAP_VHE && VEL2_WHERE_IS_VHE(w))))

#define ACC_KIND(w, id, loc, fmt, vncr)                                          \
	((loc) == VEL2_LOC_ALIAS				 ? ACC_BAD :     \
	 (id) == VEL2_SYSREG_HCR_EL2 && (w) != VEL2_WHERE_MEMORY ? ACC_HCR :     \
	 !ACC_LIVE(w, loc, vncr) && (fmt) != VEL2_FMT_NONE	 ? ACC_MEM_FMT : \
	 !ACC_LIVE(w, loc, vncr)				 ? ACC_MEM :     \
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

/*
 * Indexed [reg][where], the row padded to 8 entries: a register's variants
 * share 64 bytes and an entry's address is reg * 64 + where * 8, two
 * shifts and no multiply.
 */
#define ACC_ROW 8
_Static_assert(VEL2_NR_WHERE <= ACC_ROW, "acc_table row");

#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0,  \
		    r1)                                                        \
	[VEL2_SYSREG_##n] = {                                                  \
		[VEL2_WHERE_MEMORY] =                                          \
			ACC_ENTRY(VEL2_WHERE_MEMORY, n, l, tgt, f, vncr_off),  \
		[VEL2_WHERE_EL1] =                                             \
			ACC_ENTRY(VEL2_WHERE_EL1, n, l, tgt, f, vncr_off),     \
		[VEL2_WHERE_HYP_NVHE] = ACC_ENTRY(VEL2_WHERE_HYP_NVHE, n, l,   \
						  tgt, f, vncr_off),           \
		[VEL2_WHERE_HYP_VHE] =                                         \
			ACC_ENTRY(VEL2_WHERE_HYP_VHE, n, l, tgt, f, vncr_off), \
		[VEL2_WHERE_HYP_VHE_NV2] = ACC_ENTRY(VEL2_WHERE_HYP_VHE_NV2,   \
						     n, l, tgt, f, vncr_off),  \
		[VEL2_WHERE_HYP_NVHE_NV2] = ACC_ENTRY(VEL2_WHERE_HYP_NVHE_NV2, \
						      n, l, tgt, f, vncr_off), \
	},

static const struct acc acc_table[VEL2_NR_SYSREGS][ACC_ROW] = {
#include <vel2/sysregs.def>
};
#undef VEL2_SYSREG

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

static inline u64 *mem(struct vel2_vcpu *vcpu, const struct acc *a)
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
static inline bool hw_fmt_translated(unsigned int where, const struct acc *a)
{
	return !vel2_fmt_is_identity(a->fmt, vel2_where_is_vhe(where));
}

static inline u64 hw_fmt_value(unsigned int where, const struct acc *a, u64 v)
{
	return vel2_fmt_to_el1(a->fmt, v, vel2_where_is_vhe(where));
}

/*
 * A translated register's value: memory, except for the bits the guest can
 * change directly in the EL1 register (vel2_fmt_direct_mask), which are
 * read from the CPU.
 */
static u64 hw_fmt_read(unsigned int where, const struct acc *a, u64 stored)
{
	u64 direct = vel2_fmt_direct_mask(a->fmt, vel2_where_is_vhe(where));

	if (!direct)
		return stored;
	return (stored & ~direct) | (vel2_hw_read(a->phys) & direct);
}

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

static u64 spsr_el2_resolve(struct vel2_vcpu *vcpu, const struct acc *a)
{
	u64 h = vel2_hw_read(a->phys);

	if (h != vcpu->hw_spsr_written) {
		u64 v = h;

		if (VEL2_PSR_EL(v) == 1)
			v = (v & ~VEL2_PSR_M_EL) |
			    VEL2_FIELD_PREP(VEL2_PSR_M_EL, 2);
		*mem(vcpu, a) = v;
		vcpu->hw_spsr_written = h;
	}
	return *mem(vcpu, a);
}

static void spsr_el2_store(struct vel2_vcpu *vcpu, const struct acc *a, u64 v)
{
	u64 h = spsr_hw_encode(v);

	*mem(vcpu, a) = v;
	vel2_hw_write(a->phys, h);
	vcpu->hw_spsr_written = h;
}

/*
 * Relocation writes a physical register only when its value changes. A
 * read at EL2 is cheap, while a write of some EL1 registers is expensive
 * beyond the instruction: QEMU's TCG flushes its whole softmmu TLB on
 * every write of SCTLR_EL1, TCR_EL1, TTBR0/1_EL1 (ASID), CONTEXTIDR_EL1
 * (and more), changed or not, and hardware may resynchronise state too.
 * The same value is architecturally no change, so the write can go.
 */
static inline void hw_write_changed(unsigned int phys, u64 v)
{
	if (vel2_hw_read(phys) != v)
		vel2_hw_write(phys, v);
}

/* Copy one register from its place under `where` to memory. */
static void save_one(struct vel2_vcpu *vcpu, unsigned int where,
		     const struct acc *a)
{
	switch (a->kind) {
	case ACC_HW:
		*mem(vcpu, a) = vel2_hw_read(a->phys);
		break;
	case ACC_HW_FMT:
		if (!hw_fmt_translated(where, a))
			*mem(vcpu, a) = vel2_hw_read(a->phys);
		else
			*mem(vcpu, a) = hw_fmt_read(where, a, *mem(vcpu, a));
		break;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1)
			spsr_el2_resolve(vcpu, a);
		else
			*mem(vcpu, a) = vel2_hw_read(a->phys);
		break;
	default:
		break;
	}
}

/* Copy one register from memory to its place under `where`. */
static void load_one(struct vel2_vcpu *vcpu, unsigned int where,
		     const struct acc *a)
{
	switch (a->kind) {
	case ACC_HW:
		hw_write_changed(a->phys, *mem(vcpu, a));
		break;
	case ACC_HW_FMT:
		hw_write_changed(a->phys,
				 hw_fmt_value(where, a, *mem(vcpu, a)));
		break;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1) {
			u64 h = spsr_hw_encode(*mem(vcpu, a));

			hw_write_changed(a->phys, h);
			vcpu->hw_spsr_written = h;
		} else {
			hw_write_changed(a->phys, *mem(vcpu, a));
		}
		break;
	default:
		break;
	}
}

/*
 * A register that is in the same physical register, in the same format,
 * before and after needs no move: SHARED registers, the EL0 timer between
 * vEL1 and nVHE vEL2, ELR/SP/SPSR_EL2 between the two hyp contexts, and
 * the E2H-formatted EL2 registers between HYP_VHE and HYP_VHE_NV2 (vEL0
 * and vEL2 of a VHE host under NV2: every syscall return is such a move).
 */
static inline bool stays(const struct acc *from, const struct acc *to,
			 bool same_e2h)
{
	return from->kind == to->kind && from->phys == to->phys &&
	       (from->kind == ACC_HW || from->kind == ACC_SPSR ||
		(from->kind == ACC_HW_FMT && same_e2h));
}

/*
 * The registers that can be on the CPU in some mode (every loc but STORED
 * and ALIAS: about a quarter of the catalog), as a bitmap that is a
 * constant expression of sysregs.def. Relocation visits only these; for
 * the others save_one/load_one would do nothing.
 */
#define ACC_MOVABLE_WORDS 4
_Static_assert(VEL2_NR_SYSREGS <= 64 * ACC_MOVABLE_WORDS, "acc_movable");

#define ACC_MOVABLE(l) ((l) != VEL2_LOC_STORED && (l) != VEL2_LOC_ALIAS)
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0, \
		    r1)                                                       \
	| (ACC_MOVABLE(VEL2_LOC_##l) && VEL2_SYSREG_##n / 64 == ACC_WORD ?    \
		   1ULL << (VEL2_SYSREG_##n % 64) :                           \
		   0)
static const u64 acc_movable[ACC_MOVABLE_WORDS] = {
#define ACC_WORD 0
	0
#include <vel2/sysregs.def>
	,
#undef ACC_WORD
#define ACC_WORD 1
	0
#include <vel2/sysregs.def>
	,
#undef ACC_WORD
#define ACC_WORD 2
	0
#include <vel2/sysregs.def>
	,
#undef ACC_WORD
#define ACC_WORD 3
	0
#include <vel2/sysregs.def>
#undef ACC_WORD
};
#undef VEL2_SYSREG

/* r: each register of acc_movable in turn; w, bits: scratch. */
#define for_each_movable(r, w, bits)                                      \
	for ((w) = 0; (w) < ACC_MOVABLE_WORDS; (w)++)                     \
		for ((bits) = acc_movable[w];                             \
		     (bits) && ((r) = (w)*64 + __builtin_ctzll(bits), 1); \
		     (bits) &= (bits)-1)

void vel2_relocate(struct vel2_vcpu *vcpu, unsigned int from, unsigned int to)
{
	bool same_e2h = vel2_where_is_vhe(from) == vel2_where_is_vhe(to);
	unsigned int r, w;
	u64 bits;

	/*
	 * Two passes: one physical register can hold a different architectural
	 * register on each side (SCTLR_EL1 holds SCTLR_EL1 at vEL1 and
	 * SCTLR_EL2 at vEL2), so every old value must be saved first.
	 */
	if (from != VEL2_WHERE_MEMORY) {
		for_each_movable(r, w, bits)
		{
			const struct acc *a = &acc_table[r][from];

			if (!stays(a, &acc_table[r][to], same_e2h))
				save_one(vcpu, from, a);
		}
	}
	if (to != VEL2_WHERE_MEMORY) {
		for_each_movable(r, w, bits)
		{
			const struct acc *a = &acc_table[r][to];

			if (!stays(&acc_table[r][from], a, same_e2h))
				load_one(vcpu, to, a);
		}
	}
	vcpu->where = to;
}

/*
 * Under FEAT_NV2 the guest's stores to its VNCR page bypass every RES0/
 * RES1 rule: the hardware stores the whole 64-bit value. Each register
 * in the page whose catalogue entry has fixed bits gets them applied;
 * the condition is a constant of sysregs.def, so this compiles to a
 * straight line of a load, two logic operations and a store for each of
 * those few registers (no loop: it runs on every exit, and a taken
 * branch costs a translation-block lookup on QEMU's TCG).
 */
#define ACC_NV2_MASKED(vncr, r0, r1) \
	((vncr) != VEL2_NO_VNCR && ((u64)(r0) || (u64)(r1)))

void vel2_vcpu_sanitise_vncr(struct vel2_vcpu *vcpu)
{
	if (!vel2_where_is_nv2(vcpu->where))
		return;
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0, \
		    r1)                                                       \
	if (ACC_NV2_MASKED(vncr_off, r0, r1)) {                               \
		u64 *m = &vel2_stored(&vcpu->regs, n);                        \
		*m = (*m & ~(u64)(r0)) | (u64)(r1);                           \
	}
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
}

void vel2_spsr_setting(struct vel2_vcpu *vcpu, bool on)
{
	const struct acc *a = &acc_table[VEL2_SYSREG_SPSR_EL2][vcpu->where];

	if (a->kind != ACC_SPSR) {
		vcpu->hw_spsr_reports_el1 = on;
		return;
	}
	save_one(vcpu, vcpu->where, a);
	vcpu->hw_spsr_reports_el1 = on;
	load_one(vcpu, vcpu->where, a);
}

static int read_slow(struct vel2_vcpu *vcpu, const struct acc *a, u64 *val)
{
	switch (a->kind) {
	case ACC_MEM_FMT:
	case ACC_HCR:
		*val = *mem(vcpu, a);
		return 0;
	case ACC_HW_FMT:
		if (hw_fmt_translated(vcpu->where, a))
			*val = hw_fmt_read(vcpu->where, a, *mem(vcpu, a));
		else
			*val = vel2_hw_read(a->phys);
		return 0;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1)
			*val = spsr_el2_resolve(vcpu, a);
		else
			*val = vel2_hw_read(a->phys);
		return 0;
	default:
		return -VEL2_ENOREG;
	}
}

int vel2_read_sysreg(struct vel2_vcpu *vcpu, unsigned int reg, u64 *val)
{
	const struct acc *a;

	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return -VEL2_ENOREG;
	a = &acc_table[reg][vcpu->where];

	if (vel2_likely(a->kind <= ACC_HW)) {
		if (a->kind == ACC_HW)
			*val = vel2_hw_read(a->phys);
		else
			*val = *mem(vcpu, a);
		return 0;
	}
	return read_slow(vcpu, a, val);
}

static void write_hcr(struct vel2_vcpu *vcpu, const struct acc *a, u64 v)
{
	*mem(vcpu, a) = v;
	/*
	 * E2H and TGE decide whether vEL0 is hyp context and which EL2
	 * registers sit in EL1 ones: same outcome as put, write, load.
	 */
	vel2_refresh_where(vcpu);
}

static __attribute__((noinline)) int write_slow(struct vel2_vcpu *vcpu,
						const struct acc *a, u64 val)
{
	if (a->kind == ACC_BAD)
		return -VEL2_ENOREG;
	if (a->fmt != VEL2_FMT_NONE)
		val = vel2_fmt_sanitise(a->fmt, val, vel2_vcpu_e2h(vcpu));

	switch (a->kind) {
	case ACC_MEM_FMT:
		*mem(vcpu, a) = val;
		break;
	case ACC_HW_FMT:
		/*
		 * Identity: the CPU copy is the value. Translated: memory is
		 * the value, the CPU gets its EL1 form (see above).
		 */
		*mem(vcpu, a) = val;
		vel2_hw_write(a->phys, hw_fmt_value(vcpu->where, a, val));
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
	const struct acc *a;

	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return -VEL2_ENOREG;
	a = &acc_table[reg][vcpu->where];
	val = (val & acc_res[reg].keep) | acc_res[reg].res1;

	if (vel2_likely(a->kind == ACC_MEM)) {
		*mem(vcpu, a) = val;
		return 0;
	}
	if (vel2_likely(a->kind == ACC_HW)) {
		vel2_hw_write(a->phys, val);
		return 0;
	}
	return write_slow(vcpu, a, val);
}
