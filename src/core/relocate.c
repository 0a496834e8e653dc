// SPDX-License-Identifier: MIT
/*
 * Relocation: moving a loaded vCPU's live registers between their places
 * when the placement changes (load, put, a PSTATE or HCR_EL2.E2H/TGE
 * change, NV2 on or off), so that every register keeps its value across
 * the move (docs/design.md, "Accessor rules"). Called through placement.h.
 */
#include "access_table.h"
#include "placement.h"

#include <vel2/features.h>
#include <vel2/hwcfg.h>

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

/* Copy one register from its place under `placement` to memory. */
static void save_one(struct vel2_vcpu *vcpu, unsigned int place,
		     const struct reg_access *a)
{
	switch (a->kind) {
	case ACC_HW:
		*stored_copy(vcpu, a) = vel2_hw_read(a->phys);
		break;
	case ACC_HW_FMT:
		if (!hw_fmt_translated(place, a))
			*stored_copy(vcpu, a) = vel2_hw_read(a->phys);
		else
			*stored_copy(vcpu, a) = vel2_acc_hw_fmt_read(
				place, a, *stored_copy(vcpu, a));
		break;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1)
			vel2_acc_spsr_el2_resolve(vcpu, a);
		else
			*stored_copy(vcpu, a) = vel2_hw_read(a->phys);
		break;
	default:
		break;
	}
}

/* Copy one register from memory to its place under `placement`. */
static void load_one(struct vel2_vcpu *vcpu, unsigned int place,
		     const struct reg_access *a)
{
	switch (a->kind) {
	case ACC_HW:
		hw_write_changed(a->phys, *stored_copy(vcpu, a));
		break;
	case ACC_HW_FMT:
		hw_write_changed(a->phys,
				 hw_fmt_value(place, a, *stored_copy(vcpu, a)));
		break;
	case ACC_SPSR:
		if (vcpu->hw_spsr_reports_el1) {
			u64 h = spsr_hw_encode(*stored_copy(vcpu, a));

			hw_write_changed(a->phys, h);
			vcpu->hw_spsr_written = h;
		} else {
			hw_write_changed(a->phys, *stored_copy(vcpu, a));
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
static inline bool same_place(const struct reg_access *from,
			      const struct reg_access *to, bool same_e2h)
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

/*
 * The movable registers of FEAT_MTE2 (features.h): without the feature
 * they do not exist on the CPU, and an MRS/MSR of one at EL2 would be
 * UNDEFINED, so relocation leaves them in memory.
 */
#define ACC_BIT(n)                                                             \
	| (VEL2_SYSREG_##n / 64 == ACC_WORD ? 1ULL << (VEL2_SYSREG_##n % 64) : \
					      0)
static const u64 acc_mte2[ACC_MOVABLE_WORDS] = {
#define ACC_WORD 0
	0 VEL2_MTE2_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 1
	0 VEL2_MTE2_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 2
	0 VEL2_MTE2_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 3
	0 VEL2_MTE2_SYSREGS(ACC_BIT),
#undef ACC_WORD
};
/* Likewise the AArch32 EL1 registers without AArch32 at EL1, and both;
 * constant, so that relocation only picks one. */
static const u64 acc_mte2_aa32el1[ACC_MOVABLE_WORDS] = {
#define ACC_WORD 0
	0 VEL2_MTE2_SYSREGS(ACC_BIT) VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 1
	0 VEL2_MTE2_SYSREGS(ACC_BIT) VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 2
	0 VEL2_MTE2_SYSREGS(ACC_BIT) VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 3
	0 VEL2_MTE2_SYSREGS(ACC_BIT) VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
};
static const u64 acc_aa32el1[ACC_MOVABLE_WORDS] = {
#define ACC_WORD 0
	0 VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 1
	0 VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 2
	0 VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
#define ACC_WORD 3
	0 VEL2_AA32EL1_SYSREGS(ACC_BIT),
#undef ACC_WORD
};
#undef ACC_BIT

/* r: each register of acc_movable but `skip` in turn; w, bits: scratch. */
#define for_each_movable(r, w, bits, skip)                                \
	for ((w) = 0; (w) < ACC_MOVABLE_WORDS; (w)++)                     \
		for ((bits) = acc_movable[w] & ~(skip)[w];                \
		     (bits) && ((r) = (w)*64 + __builtin_ctzll(bits), 1); \
		     (bits) &= (bits)-1)

/*
 * A VHE guest hypervisor in hyp context has its EL1 timers (its guest's,
 * CNTP/CNTV_*_EL0, reached through *_EL02) stored, its EL2 timers in the
 * physical EL2 ones (loc EL2), and nothing else in the physical EL1
 * timers. Those keep running its EL1 timers, as the hardware does at EL2:
 * an L2 timer that brought L2 back to vEL2 keeps its interrupt asserted
 * until the guest hypervisor acknowledges it (KVM takes it as its guest's
 * timer interrupt). The physical CNTVOFF_EL2 is 0 there (cfg->cntvoff),
 * so the virtual one compares against CVAL + its CNTVOFF_EL2, the same
 * condition (Arm ARM D12, "The virtual counter"). Every write of theirs
 * at vEL2 traps (*_EL02 with NV; CNTHCTL_EL2.EL1NVPCT/EL1NVVCT with NV2,
 * hwcfg.c) and sysreg_trap.c calls this again.
 */
void vel2_timer_mirror_el1(struct vel2_vcpu *vcpu)
{
	struct vel2_sysregs *r = &vcpu->regs;

	hw_write_changed(VEL2_SYSREG_CNTP_CVAL_EL0,
			 vel2_stored(r, CNTP_CVAL_EL0));
	hw_write_changed(VEL2_SYSREG_CNTP_CTL_EL0,
			 vel2_stored(r, CNTP_CTL_EL0));
	hw_write_changed(VEL2_SYSREG_CNTV_CVAL_EL0,
			 vel2_stored(r, CNTV_CVAL_EL0) +
				 vel2_stored(r, CNTVOFF_EL2));
	hw_write_changed(VEL2_SYSREG_CNTV_CTL_EL0,
			 vel2_stored(r, CNTV_CTL_EL0));
}

void vel2_relocate(struct vel2_vcpu *vcpu, unsigned int from, unsigned int to)
{
	static const u64 skip_none[ACC_MOVABLE_WORDS];
	/* [FEAT_MTE2][AArch32 EL1]: the registers the vCPU lacks. */
	static const u64 *const skips[2][2] = {
		{ acc_mte2_aa32el1, acc_mte2 },
		{ acc_aa32el1, skip_none },
	};
	bool same_e2h = vel2_place_is_vhe(from) == vel2_place_is_vhe(to);
	const u64 *skip = skips[vel2_has_feat(vcpu, VEL2_FEAT_MTE2)]
			       [vel2_has_aarch32_el1(vcpu)];
	/*
	 * The hardware reports EL1 in SPSR_EL1.M for an exception taken at
	 * vEL2 exactly in the placement run with {NV,NV1,NV2} = {1,1,0}
	 * (vel2_hwcfg; AArch64.TakeException reports EL2 with NV1=0 or
	 * NV2=1): SPSR_EL2's CPU copy follows the placement here, saved
	 * under the old setting and loaded under the new, so that computing
	 * the configuration moves nothing.
	 */
	bool spsr_el1 = to == VEL2_PLACE_HYP_NVHE;
	bool spsr_kept = same_place(
		&vel2_access_table[VEL2_SYSREG_SPSR_EL2][from],
		&vel2_access_table[VEL2_SYSREG_SPSR_EL2][to], same_e2h);
	unsigned int r, w;
	u64 bits;

	/*
	 * Two passes: one physical register can hold a different architectural
	 * register on each side (SCTLR_EL1 holds SCTLR_EL1 at vEL1 and
	 * SCTLR_EL2 at vEL2), so every old value must be saved first.
	 */
	if (from != VEL2_PLACE_MEMORY) {
		for_each_movable(r, w, bits, skip)
		{
			const struct reg_access *a =
				&vel2_access_table[r][from];

			if (!same_place(a, &vel2_access_table[r][to], same_e2h))
				save_one(vcpu, from, a);
		}
	}
	if (!spsr_kept)
		vcpu->hw_spsr_reports_el1 = spsr_el1;
	if (to != VEL2_PLACE_MEMORY) {
		for_each_movable(r, w, bits, skip)
		{
			const struct reg_access *a = &vel2_access_table[r][to];

			if (!same_place(&vel2_access_table[r][from], a,
					same_e2h))
				load_one(vcpu, to, a);
		}
	}
	if (vel2_place_is_vhe(to) && !vel2_place_is_vhe(from))
		vel2_timer_mirror_el1(vcpu);
	vcpu->placement = to;
	/* Kept in SPSR_EL1 (between the two hyp contexts): re-encoded. */
	if (spsr_kept)
		vel2_vcpu_set_hw_spsr_reports_el1(vcpu, spsr_el1);
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
	if (!vel2_place_is_nv2(vcpu->placement))
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
	const struct reg_access *a =
		&vel2_access_table[VEL2_SYSREG_SPSR_EL2][vcpu->placement];

	if (a->kind != ACC_SPSR) {
		vcpu->hw_spsr_reports_el1 = on;
		return;
	}
	save_one(vcpu, vcpu->placement, a);
	vcpu->hw_spsr_reports_el1 = on;
	load_one(vcpu, vcpu->placement, a);
}
