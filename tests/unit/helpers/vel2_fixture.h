/* SPDX-License-Identifier: MIT */
/*
 * Shared by the accessor, load/put and model tests: one vCPU on the sim
 * backend and small helpers to put it in a given guest mode. Header only
 * (static functions), so it adds nothing to the other unit tests.
 */
#ifndef VEL2_TEST_FIXTURE_H
#define VEL2_TEST_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <vel2/accessors.h>
#include <vel2/format.h>
#include <vel2/sim.h>

#define ID(name) VEL2_SYSREG_##name
#define INFO(id) (&vel2_sysreg_info[id])

static struct vel2_vcpu fx_vcpu;

/* Guest modes used throughout: vEL and virtual HCR_EL2.{E2H,TGE}. */
#define PS_EL2H (VEL2_GENMASK(9, 6) | VEL2_PSR_MODE_EL2H)
#define PS_EL1H (VEL2_GENMASK(9, 6) | VEL2_PSR_MODE_EL1H)
#define PS_EL0T VEL2_PSR_MODE_EL0T

/*
 * fx_mte2: the tests that go through every catalog register set it, so
 * that the vCPU has them all: FEAT_MTE2 (ID_AA64PFR1_EL1.MTE = 2) and
 * AArch32 EL1 (ID_AA64PFR0_EL1.EL1 = 2), without which relocation leaves
 * their registers alone and a trapped access UNDEFs (features.h,
 * VEL2_MTE2_SYSREGS, VEL2_AA32EL1_SYSREGS). Otherwise the ID registers
 * are zero.
 */
#define FX_PFR1 VEL2_FIELD_PREP(VEL2_ID_AA64PFR1_MTE, 2)
/* ID_AA64PFR0_EL1.EL1 = 2: AArch32 EL1 and its registers (features.h,
 * VEL2_AA32EL1_SYSREGS); EL0..EL2 AArch64 as the fixture's default. */
#define FX_PFR0                                           \
	(VEL2_FIELD_PREP(VEL2_ID_AA64PFR0_EL1_STATE, 2) | \
	 VEL2_FIELD_PREP(VEL2_ID_AA64PFR0_EL0_STATE, 1) | \
	 VEL2_FIELD_PREP(VEL2_GENMASK(11, 8), 1))
static bool fx_mte2;

static inline struct vel2_vcpu *fx_reset(void)
{
	vel2_sim_reset();
	vel2_vcpu_init(&fx_vcpu);
	if (fx_mte2) {
		vel2_stored(&fx_vcpu.regs, ID_AA64PFR1_EL1) = FX_PFR1;
		vel2_stored(&fx_vcpu.regs, ID_AA64PFR0_EL1) = FX_PFR0;
	}
	return &fx_vcpu;
}

static inline u64 rd(unsigned int reg)
{
	u64 v = 0xdeadbeefdeadbeefULL;

	assert_int_equal(vel2_read_sysreg(&fx_vcpu, reg, &v), 0);
	return v;
}

static inline void wr(unsigned int reg, u64 v)
{
	assert_int_equal(vel2_write_sysreg(&fx_vcpu, reg, v), 0);
}

static inline u64 hcr_with(bool e2h, bool tge)
{
	return (e2h ? VEL2_HCR_E2H : 0) | (tge ? VEL2_HCR_TGE : 0);
}

/* Reset, set HCR_EL2 and PSTATE while not loaded, then load. */
static inline struct vel2_vcpu *fx_enter(bool e2h, bool tge, u64 pstate)
{
	struct vel2_vcpu *vcpu = fx_reset();

	wr(ID(HCR_EL2), hcr_with(e2h, tge));
	vel2_vcpu_set_pstate(vcpu, pstate);
	vel2_vcpu_load(vcpu);
	return vcpu;
}

/* Total sim accesses, to show an access did or did not reach the CPU. */
static inline u64 sim_accesses(void)
{
	u64 n = 0;

	for (unsigned int i = 0; i < VEL2_NR_SYSREGS; i++)
		n += vel2_sim.reads[i] + vel2_sim.writes[i];
	return n;
}

/* Zero the access counters, keep the CPU's values. */
static inline void sim_clear_counters(void)
{
	for (unsigned int i = 0; i < VEL2_NR_SYSREGS; i++)
		vel2_sim.reads[i] = vel2_sim.writes[i] = 0;
}

/* The value a write of v must read back: RES0/RES1 of the layout in force. */
static inline u64 sanitised(unsigned int reg, u64 v, bool e2h)
{
	v = (v & ~INFO(reg)->res0) | INFO(reg)->res1;
	return vel2_fmt_sanitise(INFO(reg)->fmt, v, e2h);
}

/*
 * The rules, stated independently of the library's table (from
 * docs/design.md): is architectural register r on the CPU in the given
 * mode, and in which physical register.
 */
struct fx_mode {
	bool loaded;
	unsigned int el;
	u64 hcr;
	bool nv2; /* vel2_vcpu_enable_nv2() */
};

static inline bool fx_hyp(const struct fx_mode *m)
{
	bool e2h = m->hcr & VEL2_HCR_E2H, tge = m->hcr & VEL2_HCR_TGE;

	return m->el == 2 || (m->el == 0 && e2h && tge);
}

static inline bool fx_live(unsigned int r, const struct fx_mode *m)
{
	bool hyp = fx_hyp(m), e2h = m->hcr & VEL2_HCR_E2H;

	if (!m->loaded)
		return false;
	/*
	 * FEAT_NV2 at vEL2 (with E2H=1, {NV2,NV1,NV} = {1,0,1}): ACTLR_EL1
	 * and MDSCR_EL1 accesses are NVMem[0x118] / NVMem[0x158] (their
	 * "Accessing" pseudocode: HCR_EL2.<NV2,NV> == '11'), so the page
	 * holds them, not the CPU.
	 */
	if (m->nv2 && m->el == 2 &&
	    (r == VEL2_SYSREG_ACTLR_EL1 || r == VEL2_SYSREG_MDSCR_EL1))
		return false;
	/*
	 * With E2H=0 ({NV2,NV1,NV} = {1,1,1}) also the EL0/EL1 encodings
	 * with a VNCR offset ('111'); of those, the EL0 timers, ZCR_EL1 and
	 * SCXTNUM_EL1 would otherwise be on the CPU at nVHE vEL2.
	 */
	if (m->nv2 && m->el == 2 && !e2h &&
	    (r == VEL2_SYSREG_ZCR_EL1 || r == VEL2_SYSREG_SCXTNUM_EL1))
		return false;
	switch (INFO(r)->loc) {
	case VEL2_LOC_EL1:
		return !hyp;
	case VEL2_LOC_SHARED:
	case VEL2_LOC_EL2:
		return true;
	case VEL2_LOC_EL1_NVHE:
		return !hyp || !e2h;
	case VEL2_LOC_MAP_HYP:
		return hyp;
	case VEL2_LOC_MAP_VHE:
		return hyp && e2h;
	default:
		return false;
	}
}

static inline unsigned int fx_phys(unsigned int r)
{
	return INFO(r)->loc == VEL2_LOC_MAP_HYP ||
			       INFO(r)->loc == VEL2_LOC_MAP_VHE ?
		       INFO(r)->target :
		       r;
}

/*
 * SPSR_EL2 of an nVHE guest hypervisor at vEL2 without NV2: it runs with
 * HCR_EL2.{NV,NV1,NV2} = {1,1,0}, under which an exception taken at vEL2
 * reports EL1 in SPSR_EL1.M[3:2] (AArch64.TakeException), so the CPU's
 * SPSR_EL1 holds the value with EL1t/EL1h written as EL2t/EL2h (a value
 * no such exception writes) and memory the value (docs/design.md).
 */
static inline bool fx_spsr_encoded(unsigned int r, const struct fx_mode *m)
{
	return r == VEL2_SYSREG_SPSR_EL2 && fx_live(r, m) && m->el == 2 &&
	       !(m->hcr & VEL2_HCR_E2H) && !m->nv2;
}

static inline u64 fx_spsr_encode(u64 v)
{
	u64 mode = v & 0x1f; /* M[4:0]: 0b00100 EL1t, 0b00101 EL1h */

	return mode == 0x4 || mode == 0x5 ? v ^ 0xc : v;
}

/* Live and translated: the CPU holds an EL1 form, memory the value. */
static inline bool fx_translated(unsigned int r, const struct fx_mode *m)
{
	return fx_live(r, m) && INFO(r)->fmt != VEL2_FMT_NONE &&
	       !vel2_fmt_is_identity(INFO(r)->fmt, m->hcr & VEL2_HCR_E2H);
}

/*
 * Translated, yet partly live: CNTHCTL_EL2 of a VHE guest hypervisor is
 * reached directly at vEL2 through CNTKCTL_EL1 (E2H redirection; no trap
 * control covers CNTKCTL_EL1), so put must read it back.
 */
static inline bool fx_partly_live(unsigned int r, const struct fx_mode *m)
{
	return fx_translated(r, m) && r == VEL2_SYSREG_CNTHCTL_EL2 &&
	       (m->hcr & VEL2_HCR_E2H);
}

/*
 * A physical EL1 timer register that relocation mirrors the stored EL1
 * timers into while a VHE guest hypervisor is in hyp context (its EL1
 * timers stored, its EL2 timers in the physical EL2 timers): CNTV_CVAL
 * offset by CNTVOFF_EL2 (relocate.c vel2_timer_mirror_el1).
 */
static inline bool fx_parked(unsigned int p, const struct fx_mode *m)
{
	return m->loaded && fx_hyp(m) && (m->hcr & VEL2_HCR_E2H) &&
	       (p == VEL2_SYSREG_CNTP_CTL_EL0 ||
		p == VEL2_SYSREG_CNTV_CTL_EL0 ||
		p == VEL2_SYSREG_CNTP_CVAL_EL0 ||
		p == VEL2_SYSREG_CNTV_CVAL_EL0);
}

/* The architectural register physical register p holds, or -1. */
static inline int fx_holder(unsigned int p, const struct fx_mode *m)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (fx_live(r, m) && fx_phys(r) == p)
			return (int)r;
	return -1;
}

static inline bool fx_is_alias(unsigned int r)
{
	return INFO(r)->loc == VEL2_LOC_ALIAS;
}

static inline bool fx_is_physical(unsigned int r)
{
	return INFO(r)->loc == VEL2_LOC_EL1 ||
	       INFO(r)->loc == VEL2_LOC_SHARED ||
	       INFO(r)->loc == VEL2_LOC_EL2 ||
	       INFO(r)->loc == VEL2_LOC_EL1_NVHE;
}

/* The library never passes the backend anything but a physical register. */
static inline int fx_only_physical_accessed(void **state)
{
	(void)state;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (!fx_is_physical(r) &&
		    (vel2_sim.reads[r] || vel2_sim.writes[r]))
			fail_msg("backend accessed with %s", INFO(r)->name);
	return 0;
}

#endif /* VEL2_TEST_FIXTURE_H */
