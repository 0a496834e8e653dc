// SPDX-License-Identifier: MIT
/*
 * EC 0x18: a trapped MRS, MSR or System instruction. Decide, as the
 * register's "Accessing" pseudocode in the Arm ARM does, whether the access
 * is UNDEFINED at the guest's virtual EL, goes to the guest hypervisor, or
 * reads/writes a register; then do it through the accessors.
 */
#include <vel2/hw.h>

#include "handlers.h"

/*
 * The helpers vel2_fast_exit() shares with vel2_trap_sysreg() are inlined
 * into both: under QEMU's TCG every return is an indirect branch resolved
 * by a helper (docs/hv.md, "Where an exit's time goes"); inlined, a fast
 * exit costs about 0.25 us less.
 */
#define FAST_INLINE static inline __attribute__((always_inline))

/* CurrentEL (op0=3 op1=0 CRn=4 CRm=2 op2=2): PSTATE, not in the catalog. */
#define ENC_CURRENTEL VEL2_SYS_ENC(3, 0, 4, 2, 2)

/*
 * Lowest EL an encoding is accessible from, from op1 (Arm ARM C5.2.x,
 * "System instruction class encoding overview": op1 0/1/2/7 EL1, 3 EL0,
 * 4 EL2, 5 EL2 with E2H (the *_EL12/_EL02 space), 6 EL3).
 */
static unsigned int min_el(unsigned int op1)
{
	static const u8 el[8] = { 1, 1, 1, 0, 2, 2, 3, 1 };

	return el[op1 & 7];
}

/*
 * The ID group 3 space, op0=3 op1=0 CRn=0 CRm=1..7 (Arm ARM D24.2
 * HCR_EL2.TID3, which traps all of it). Its encodings no register is
 * allocated to are reserved "RAZ" for MRS from EL1 and above (Arm ARM
 * C5.3, "Reserved encodings in the ID register space"), so that software
 * can probe ID registers newer than the CPU. vel2 traps the whole group
 * (hwcfg.c), so it must give those zeros itself.
 */
static bool id_space_unallocated(const struct vel2_esr *s)
{
	return s->sys.op0 == 3 && s->sys.op1 == 0 && s->sys.crn == 0 &&
	       s->sys.crm >= 1 && s->sys.crm <= 7 &&
	       vel2_sysreg_lookup(s->sys.enc) < 0;
}

static void set_x(struct vel2_exit *exit, unsigned int rt, u64 v)
{
	if (rt < 31) /* Rt == 31 is XZR: the read is discarded */
		exit->x[rt] = v;
}

static u64 get_x(const struct vel2_exit *exit, unsigned int rt)
{
	return rt < 31 ? exit->x[rt] : 0;
}

/*
 * The register the access reaches, or VEL2_NR_SYSREGS when it is
 * UNDEFINED at the current vEL. Checks in the order of the pseudocode:
 * accessibility from the EL, then the register's own rules.
 */
FAST_INLINE unsigned int resolve_enc(const struct vel2_vcpu *vcpu,
				     const struct vel2_esr *s)
{
	const unsigned int none = VEL2_NR_SYSREGS;
	unsigned int el = vel2_vcpu_el(vcpu), reg;
	bool e2h = vel2_vcpu_e2h(vcpu);
	const struct vel2_sysreg_info *info;
	int id;

	if (el < min_el(s->sys.op1) || min_el(s->sys.op1) == 3)
		return none;
	id = vel2_sysreg_lookup(s->sys.enc);
	if (id < 0)
		return none; /* unallocated or not offered by vel2 */
	reg = (unsigned int)id;
	info = &vel2_sysreg_info[reg];

	/* The caller's access check uses the encoding's own entry. */
	if (s->sys.read ? info->access == VEL2_WO : info->access == VEL2_RO)
		return none;

	if (info->loc == VEL2_LOC_ALIAS)
		/* *_EL12 and *_EL02: only from EL2 with E2H, else UNDEFINED. */
		return (el == 2 && e2h) ? info->target : none;

	/* MRS/MSR SP_EL0 is UNDEFINED while SP_EL0 is the current SP. */
	if (reg == VEL2_SYSREG_SP_EL0 && !(vcpu->pstate & VEL2_PSR_M_SP))
		return none;

	/*
	 * E2H: EL1 (and EL0 timer) mnemonics from EL2 reach the EL2 ones; so
	 * do the EL0 timer ones from EL0 in the EL2&0 regime ({E2H,TGE} =
	 * {1,1}, which is what hyp context at vEL0 means).
	 */
	if (e2h && (el == 2 || (el == 0 && vel2_is_hyp_ctxt(vcpu))) &&
	    s->sys.op1 != 4)
		return vel2_e2h_redirect(reg);
	return reg;
}

/* ... and a register of a feature the vCPU lacks is not there either. */
FAST_INLINE unsigned int resolve(const struct vel2_vcpu *vcpu,
				 const struct vel2_esr *s)
{
	unsigned int reg = resolve_enc(vcpu, s);

	if (reg < VEL2_NR_SYSREGS && !vel2_sysreg_present(vcpu, reg))
		return VEL2_NR_SYSREGS;
	return reg;
}

/* ESR_ELx for the FP/SIMD and SVE access traps (EC 0x07, 0x19), IL=1.
 * EC 0x07 from AArch64 reports CV=1, COND=0b1110 (Arm ARM "ESR_EL2",
 * ISS encoding for an exception from an access to SVE, Advanced SIMD or
 * floating-point functionality). */
#define ESR_FP_TRAP               \
	vel2_esr_make(VEL2_EC_FP, \
		      VEL2_ISS_FP_CV | VEL2_FIELD_PREP(VEL2_ISS_FP_COND, 0xe))
#define ESR_SVE_TRAP vel2_esr_make(VEL2_EC_SVE, 0)

/*
 * The EL2 registers of the FP/SIMD and SVE units are subject to the guest
 * hypervisor's own CPTR_EL2 at vEL2 ("Accessing" pseudocode of ZCR_EL2,
 * ZCR_EL12 and FPEXC32_EL2): E2H=0 TZ[8] (SVE) then TFP[10] (FP); E2H=1
 * ZEN[17:16] then FPEN[21:20], where 0b01 only traps EL0, so EL2 traps
 * when bit 0 of the field is 0. NV traps these encodings to vel2 before
 * the CPU could apply that check, so vel2 applies it. 0: no trap.
 */
static bool zcr(unsigned int reg)
{
	return reg == VEL2_SYSREG_ZCR_EL2 || reg == VEL2_SYSREG_ZCR_EL1;
}

static bool cptr_subject(unsigned int reg)
{
	return zcr(reg) || reg == VEL2_SYSREG_FPEXC32_EL2;
}

FAST_INLINE u64 cptr_trap(struct vel2_vcpu *vcpu, unsigned int reg)
{
	bool sve = zcr(reg);

	if (vel2_vcpu_el(vcpu) != 2 || !cptr_subject(reg))
		return 0;
	if (sve && vel2_guest_cptr_traps(vcpu, true))
		return ESR_SVE_TRAP;
	return vel2_guest_cptr_traps(vcpu, false) ? ESR_FP_TRAP : 0;
}

/*
 * The TimerValue views of the EL2 timers and, with E2H=1, of the EL0 timers
 * through their *_EL02 encodings: no storage, a 32-bit signed window on
 * CVAL (Arm ARM D12.2.4 "Operation of the TimerValue views of the timers";
 * "CNTHP_TVAL_EL2", "CNTHV_TVAL_EL2", "CNTP_TVAL_EL0", "CNTV_TVAL_EL0"):
 * a read gives (CVAL - (count - offset))[31:0], a write sets CVAL to
 * (count - offset) + SignExtend(value[31:0]). The offset is that of the
 * timer's CompareValue view: 0 for the EL2 timers, CNTVOFF_EL2 for the EL1
 * virtual timer, 0 for the EL1 physical timer (vel2 offers no enabled
 * CNTPOFF_EL2). NV traps these encodings at vEL2. With E2H=1 in hyp
 * context (vEL2, or vEL0 with TGE=1) CNTP_TVAL_EL0 and CNTV_TVAL_EL0 mean
 * the EL2 timers' (E2H redirection) and trap too (hwcfg.c, CNTHCTL_EL2.
 * EL1PCEN=0 and EL1TVT=1); so do they, meaning the EL1 timers, at vEL2
 * with E2H=0 under NV2. Elsewhere the EL0 encodings reach the timer
 * the CPU holds and the CPU computes them. Returns the CVAL register, or
 * VEL2_NR_SYSREGS.
 */
FAST_INLINE unsigned int tval_cval(const struct vel2_vcpu *vcpu,
				   const struct vel2_esr *s, u64 *offset)
{
	bool vhe = vel2_vcpu_e2h(vcpu);

	*offset = 0;
	if (vhe && vel2_is_hyp_ctxt(vcpu)) {
		if (s->sys.enc == VEL2_SYS_ENC(3, 3, 14, 2, 0))
			return VEL2_SYSREG_CNTHP_CVAL_EL2;
		if (s->sys.enc == VEL2_SYS_ENC(3, 3, 14, 3, 0))
			return VEL2_SYSREG_CNTHV_CVAL_EL2;
	} else if (vel2_vcpu_el(vcpu) == 2) {
		/* nVHE vEL2 under NV2 traps its EL1 timers (hwcfg.c). */
		if (s->sys.enc == VEL2_SYS_ENC(3, 3, 14, 2, 0))
			return VEL2_SYSREG_CNTP_CVAL_EL0;
		if (s->sys.enc == VEL2_SYS_ENC(3, 3, 14, 3, 0)) {
			*offset = vel2_rd_stored(vcpu, CNTVOFF_EL2);
			return VEL2_SYSREG_CNTV_CVAL_EL0;
		}
	}
	if (vel2_vcpu_el(vcpu) != 2)
		return VEL2_NR_SYSREGS;
	switch (s->sys.enc) {
	case VEL2_SYS_ENC(3, 4, 14, 2, 0):
		return VEL2_SYSREG_CNTHP_CVAL_EL2;
	case VEL2_SYS_ENC(3, 4, 14, 3, 0):
		return VEL2_SYSREG_CNTHV_CVAL_EL2;
	case VEL2_SYS_ENC(3, 5, 14, 2, 0):
		return vhe ? VEL2_SYSREG_CNTP_CVAL_EL0 : VEL2_NR_SYSREGS;
	case VEL2_SYS_ENC(3, 5, 14, 3, 0):
		if (!vhe)
			return VEL2_NR_SYSREGS;
		*offset = vel2_rd_stored(vcpu, CNTVOFF_EL2);
		return VEL2_SYSREG_CNTV_CVAL_EL0;
	default:
		return VEL2_NR_SYSREGS;
	}
}

/*
 * An EL1 timer register of a VHE guest hypervisor in hyp context (reached
 * through *_EL02): stored, and mirrored into the running physical EL1
 * timer (relocate.c vel2_timer_mirror_el1), whose CTL.ISTATUS is the live
 * condition.
 */
static bool vhe_hyp_el1_timer(const struct vel2_vcpu *vcpu, unsigned int reg)
{
	return vel2_vcpu_e2h(vcpu) && vel2_is_hyp_ctxt(vcpu) &&
	       (reg == VEL2_SYSREG_CNTP_CTL_EL0 ||
		reg == VEL2_SYSREG_CNTP_CVAL_EL0 ||
		reg == VEL2_SYSREG_CNTV_CTL_EL0 ||
		reg == VEL2_SYSREG_CNTV_CVAL_EL0);
}

static void tval_access(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			unsigned int cval_reg, u64 offset)
{
	u64 count = vel2_hw_cntpct() - offset, cval = 0;
	const struct vel2_esr *s = &exit->syn;

	if (s->sys.read) {
		vel2_read_sysreg(vcpu, cval_reg, &cval);
		set_x(exit, s->sys.rt, (u32)(cval - count));
	} else {
		u64 tval = get_x(exit, s->sys.rt);

		vel2_write_sysreg(vcpu, cval_reg,
				  count + (u64)(s64)(int32_t)(u32)tval);
		if (vhe_hyp_el1_timer(vcpu, cval_reg))
			vel2_timer_mirror_el1(vcpu);
	}
}

/*
 * The counters, when a read traps in hyp context: CNTVCT_EL0 and
 * CNTVCTSS_EL0 (FEAT_ECV; the same value, self-synchronised) under NV2
 * for an nVHE guest hypervisor (hwcfg.c: CNTHCTL_EL2.EL1TVCT), whose
 * CNTVOFF_EL2 write went to its VNCR page and is not in the physical
 * CNTVOFF_EL2 before its next entry. Arm ARM D12 "The virtual counter":
 * CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2, with the offset 0 in the EL2&0
 * regime (E2H=1 at vEL2, or vEL0 with TGE=1). CNTPCT_EL0/CNTPCTSS_EL0 (no
 * enabled CNTPOFF_EL2) read the count. Writes are UNDEFINED (RO).
 * Returns false for any other access.
 */
static bool counter_read(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	const struct vel2_esr *s = &exit->syn;
	u64 v = vel2_hw_cntpct();

	if (!vel2_is_hyp_ctxt(vcpu) || !s->sys.read)
		return false;
	switch (s->sys.enc) {
	case VEL2_SYS_ENC(3, 3, 14, 0, 2): /* CNTVCT_EL0 */
	case VEL2_SYS_ENC(3, 3, 14, 0, 6): /* CNTVCTSS_EL0 */
		if (!vel2_vcpu_e2h(vcpu))
			v -= vel2_rd_stored(vcpu, CNTVOFF_EL2);
		break;
	case VEL2_SYS_ENC(3, 3, 14, 0, 1): /* CNTPCT_EL0 */
	case VEL2_SYS_ENC(3, 3, 14, 0, 5): /* CNTPCTSS_EL0 */
		break;
	default:
		return false;
	}
	set_x(exit, s->sys.rt, v);
	vel2_complete(vcpu, exit);
	return true;
}

/*
 * The register an MRS/MSR reaches when the answer is the accessor's alone
 * (vel2_read_sysreg/vel2_write_sysreg), with the checks of the generic
 * path below in its order; VEL2_NR_SYSREGS when anything else decides:
 * system instructions, the RAZ ID space, an UNDEFINED access or a
 * CPTR_EL2 trap the guest hypervisor set. CurrentEL and the TimerValue
 * views, which the generic path answers before resolve(), have no
 * catalog entry, so resolve() refuses them here
 * (test_fast_exit.c special_encodings_refused).
 */
FAST_INLINE unsigned int plain_target(struct vel2_vcpu *vcpu,
				      const struct vel2_esr *s)
{
	unsigned int reg;

	if (s->sys.op0 <= 1 ||
	    (s->sys.read && vel2_vcpu_el(vcpu) >= 1 && id_space_unallocated(s)))
		return VEL2_NR_SYSREGS;
	reg = resolve(vcpu, s);
	if (reg < VEL2_NR_SYSREGS && cptr_trap(vcpu, reg))
		return VEL2_NR_SYSREGS;
	return reg;
}

/* The access itself, once `reg` is known to be reachable; PC advanced. */
FAST_INLINE void access_reg(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			    unsigned int reg)
{
	const struct vel2_esr *s = &exit->syn;
	u64 v;

	if (s->sys.read) {
		v = 0;
		if (!vel2_gic_status_read(vcpu, reg, &v))
			vel2_read_sysreg(vcpu, reg, &v);
		/* CNT*_CTL.ISTATUS [2]: the running physical timer's. */
		if (vhe_hyp_el1_timer(vcpu, reg) &&
		    (reg == VEL2_SYSREG_CNTP_CTL_EL0 ||
		     reg == VEL2_SYSREG_CNTV_CTL_EL0))
			v = (v & ~VEL2_BIT(2)) |
			    (vel2_hw_read(reg) & VEL2_BIT(2));
		set_x(exit, s->sys.rt, v);
	} else {
		/* RES0/RES1 (and E2H-dependent layouts) are the accessor's. */
		v = get_x(exit, s->sys.rt) & ~vel2_feat_res0(vcpu, reg);
		vel2_write_sysreg(vcpu, reg,
				  vel2_ich_write_fixup(vcpu, reg, v));
		if (vhe_hyp_el1_timer(vcpu, reg) ||
		    (reg == VEL2_SYSREG_CNTVOFF_EL2 && vel2_vcpu_e2h(vcpu) &&
		     vel2_is_hyp_ctxt(vcpu)))
			vel2_timer_mirror_el1(vcpu);
	}
	vel2_complete(vcpu, exit);
}

enum vel2_verdict vel2_trap_sysreg(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit)
{
	const struct vel2_esr *s = &exit->syn;
	unsigned int el = vel2_vcpu_el(vcpu), reg;
	u64 v;

	/* Outside hyp context the guest hypervisor's traps come first. */
	if (!vel2_is_hyp_ctxt(vcpu) && vel2_route_sysreg(vcpu, s)) {
		vel2_forward_to_vel2(vcpu, exit);
		return VEL2_FORWARDED;
	}

	if (s->sys.op0 <= 1) {
		/*
		 * op0 0: PSTATE/hint space; op0 1: TLBI, AT, DC, IC. What is
		 * accessible at this EL needs the host (TLB/cache maintenance
		 * on the shadow state); the rest is UNDEFINED.
		 */
		if (s->sys.op0 == 1 && el >= min_el(s->sys.op1) &&
		    min_el(s->sys.op1) < 3) {
			exit->host = VEL2_HOST_SYSINSN;
			return VEL2_NEEDS_HOST;
		}
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	}

	if (s->sys.enc == ENC_CURRENTEL) {
		/* RO, UNDEFINED at EL0; reads the (virtual) EL. */
		if (!s->sys.read || el == 0) {
			vel2_inject_undef(vcpu, exit, exit->elr);
			return VEL2_INJECTED;
		}
		set_x(exit, s->sys.rt, VEL2_FIELD_PREP(VEL2_PSR_M_EL, el));
		vel2_complete(vcpu, exit);
		return VEL2_RESUME;
	}

	/*
	 * DBGBCR<n>_EL1 (op2 5) and DBGWCR<n>_EL1 (op2 7), op0 2 op1 0 CRn 0
	 * CRm n: in hyp context vel2's own FGT trap (hwcfg_debug.c); the
	 * hardware already UNDEFs them at EL0 and for n not implemented.
	 */
	if (vel2_is_hyp_ctxt(vcpu) && el >= 1 && s->sys.op0 == 2 &&
	    s->sys.op1 == 0 && s->sys.crn == 0 &&
	    (s->sys.op2 == 5 || s->sys.op2 == 7)) {
		unsigned int kind =
			s->sys.op2 == 5 ? VEL2_HW_DBG_BCR : VEL2_HW_DBG_WCR;

		if (s->sys.read)
			set_x(exit, s->sys.rt,
			      vel2_debug_ctl_read(vcpu, kind, s->sys.crm));
		else
			vel2_debug_ctl_write(vcpu, kind, s->sys.crm,
					     get_x(exit, s->sys.rt));
		vel2_complete(vcpu, exit);
		return VEL2_RESUME;
	}

	if (s->sys.read && el >= 1 && id_space_unallocated(s)) {
		set_x(exit, s->sys.rt, 0);
		vel2_complete(vcpu, exit);
		return VEL2_RESUME;
	}

	if (counter_read(vcpu, exit))
		return VEL2_RESUME;

	reg = tval_cval(vcpu, s, &v);
	if (reg < VEL2_NR_SYSREGS) {
		tval_access(vcpu, exit, reg, v);
		vel2_complete(vcpu, exit);
		return VEL2_RESUME;
	}

	reg = resolve(vcpu, s);
	if (reg >= VEL2_NR_SYSREGS) {
		/* PC stays at the instruction: the UNDEF's preferred return. */
		vel2_inject_undef(vcpu, exit, exit->elr);
		return VEL2_INJECTED;
	}
	v = cptr_trap(vcpu, reg);
	if (v) {
		vel2_take_exception(vcpu, exit, 2, v, exit->elr, false, false);
		return VEL2_INJECTED;
	}
	access_reg(vcpu, exit, reg);
	return VEL2_RESUME;
}

/*
 * The registers an MSR may write on the fast path: the guest hypervisor's
 * own EL2 timers, CNTHP_CTL/CVAL_EL2 and CNTHV_CTL/CVAL_EL2, also reached
 * at vEL2 with E2H=1 as CNTP_* and CNTV_* (E2H redirection, resolve_enc;
 * the commonest C-path exit of a Linux boot, two to four per timer tick).
 * They are the physical EL2 timers in every placement where the vCPU is
 * loaded (sysregs.def, loc EL2), so access_reg() writes the hardware and
 * nothing else: no RES0 rows of the guest's features (feat_res0.c), no
 * ICH_* fixup, no EL1 timer mirror (vhe_hyp_el1_timer names only the EL1
 * timers). vel2_hwcfg() reads none of them (its timer input is
 * CNTHCTL_EL2 and CNTVOFF_EL2: hwcfg.c timer_controls), nor does the
 * host's entry (hv/l2_switch.c: "The guest hypervisor's EL2 timers need
 * nothing here"). A write changes the timer's interrupt output, which is
 * the hardware's PPI to the guest hypervisor's own GIC (docs/
 * nested-gic.md, "Timers") whatever path the write took.
 * test_fast_exit.c offers every register's MSR and checks where it is
 * taken that the generic path does the same and vel2_hwcfg() answers as
 * before.
 */
FAST_INLINE bool fast_write(unsigned int reg)
{
	return reg == VEL2_SYSREG_CNTHP_CTL_EL2 ||
	       reg == VEL2_SYSREG_CNTHP_CVAL_EL2 ||
	       reg == VEL2_SYSREG_CNTHV_CTL_EL2 ||
	       reg == VEL2_SYSREG_CNTHV_CVAL_EL2;
}

/*
 * The fast path (include/vel2/trap.h, docs/design.md "Cost of an exit"):
 * an MRS at vEL2 in hyp context whose answer is the accessor's, or an MSR
 * to the guest hypervisor's EL2 timers (fast_write), handled
 * with the same functions as vel2_handle_exit() (decode, sync, the checks
 * of plain_target(), the accessor read), minus what cannot apply:
 *   - the exit comes from physical EL1 while the vCPU was at vEL2, so the
 *     vEL and hyp context stay (vel2_exit_sync(): physical EL1 in hyp
 *     context is vEL2), and the guest hypervisor's routing (only outside
 *     hyp context) has no say;
 *   - the placement stays: at vEL2 it follows E2H and NV2 alone, NV2 is
 *     the host's, and E2H can only change behind vel2's back in an NV2
 *     page store (HCR_EL2, checked after sanitising as vel2_exit_sync()
 *     would);
 *   - a read changes no register, a write reaches only a register
 *     fast_write() names, which nothing vel2_hwcfg() or the host's entry
 *     reads; what the guest can change without a trap that vel2_hwcfg()
 *     reads is checked (vel2_hwcfg_inputs_unchanged), so vel2_hwcfg()'s
 *     last result still holds and the host re-enters without computing
 *     it.
 * Any other MSR is refused: a write may change what vel2_hwcfg() reads.
 */
bool vel2_fast_exit(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	u64 spsr = exit->spsr;
	unsigned int reg;

	if (VEL2_ESR_EC(exit->esr) != VEL2_EC_SYS64 ||
	    vel2_vcpu_el(vcpu) != 2 || !vel2_vcpu_loaded(vcpu) ||
	    (spsr & (VEL2_PSR_M_32 | VEL2_PSR_M_RES1)) ||
	    VEL2_PSR_EL(spsr) != 1)
		return false;
	if (vel2_esr_decode(exit->esr, &exit->syn) < 0)
		return false;
	/* Early refusal of the MSRs fast_write() cannot take: every
	 * Generic Timer register's encoding has CRn 14 (op0 3). */
	if (!exit->syn.sys.read && exit->syn.sys.crn != 14)
		return false;
	/* The CPU's MDSCR_EL1 holds a KDE vel2 cleared (hwcfg_debug.c):
	 * vel2_exit_sync() must put it back before any access, and the
	 * entry must clear it again. */
	if (vcpu->mdscr_hidden)
		return false;
	/* vel2_exit_sync()'s work; repeating it on a refusal is harmless. */
	vel2_vcpu_sanitise_vncr(vcpu);
	/* HCR_EL2 (E2H: relocation) or CNTVOFF_EL2 stored in the page. */
	if (!vel2_hwcfg_inputs_unchanged(vcpu))
		return false;
	vel2_vcpu_set_pstate(vcpu, (spsr & VEL2_PSR_MODELLED & ~VEL2_PSR_M_EL) |
					   VEL2_FIELD_PREP(VEL2_PSR_M_EL, 2));
	reg = plain_target(vcpu, &exit->syn);
	if (reg >= VEL2_NR_SYSREGS || (!exit->syn.sys.read && !fast_write(reg)))
		return false;
	/* ZCR_*: the CPU's ZCR_EL1 is behind vel2's lazy SVE trap while it
	 * is closed, which traps EL2 too (sve_lazy.c); the C path opens it
	 * before it reads. */
	if (!vcpu->sve_open && zcr(reg))
		return false;
	exit->host = VEL2_HOST_NONE;
	exit->fast_reg = (u16)reg;
	access_reg(vcpu, exit, reg);
	exit->spsr = vel2_pstate_to_phys(vcpu->pstate);
	return true;
}

/*
 * The replay (include/vel2/trap.h) of an MRS vel2_fast_exit() answered.
 * What its answer read must stay as it is until the host's next C exit,
 * and that holds only where nothing but a trapped access (an exit the
 * host hands to C) can change it:
 *   - plain NV: under NV2 the guest stores HCR_EL2 (E2H: placement, and
 *     so the register an encoding resolves to) and its registers into
 *     its VNCR page without an exit;
 *   - the answer is the register's stored copy, loaded as it is
 *     (vel2_sysreg_read_source): not a CPU register the guest may write
 *     at EL1 without a trap, not a computed ICH_* status, not a timer
 *     control with the running timer's ISTATUS;
 *   - no CPTR_EL2 check: cptr_trap() reads the guest's CPTR_EL2, which a
 *     VHE guest hypervisor holds in the CPU's CPACR_EL1;
 *   - the same mode: the exit's SPSR with M[4:0] and every bit vel2 does
 *     not model (which vel2_pstate_to_phys() would drop) fixed, so that
 *     the SPSR vel2_fast_exit() returns is the one the hardware wrote;
 *     and SS and BTYPE clear, which completing the MRS clears
 *     (vel2_psr_completed) but the vector's ERET would keep.
 *     The vCPU's PSTATE is then left as the last C exit set it; every
 *     C exit sets it again from the SPSR before using it.
 * Everything else vel2_fast_exit() checked (vEL2 in hyp context, the
 * vCPU loaded, KDE not hidden, the configuration unchanged) changes only
 * in exits the host handles in C.
 */
bool vel2_fast_replay(const struct vel2_vcpu *vcpu,
		      const struct vel2_exit *exit, struct vel2_fast_replay *r)
{
	unsigned int reg = exit->fast_reg; /* what vel2_fast_exit() read */
	u64 unused;

	/* The commonest refusal first: a register the CPU holds. A write
	 * (fast_write) has nothing to replay. */
	if (vel2_place_is_nv2(vcpu->placement) || reg >= VEL2_NR_SYSREGS ||
	    !exit->syn.sys.read)
		return false;
	r->src = vel2_sysreg_read_source(vcpu, reg);
	if (!r->src || cptr_subject(reg) || vhe_hyp_el1_timer(vcpu, reg) ||
	    vel2_gic_status_read(vcpu, reg, &unused))
		return false;
	r->esr = exit->esr & ~VEL2_ISS_SYS_RT;
	r->spsr_mask = ~VEL2_PSR_MODELLED | VEL2_PSR_M_ALL | VEL2_PSR_SS |
		       VEL2_PSR_BTYPE;
	r->spsr_val = exit->spsr & r->spsr_mask;
	return true;
}
