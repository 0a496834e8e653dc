// SPDX-License-Identifier: MIT
/*
 * One test per accessor rule (docs/design.md, "Accessor rules"), each run
 * for an nVHE (E2H=0) and a VHE (E2H=1) guest hypervisor. The sim backend's
 * counters show whether an access reached the "CPU"; its values show which
 * physical register holds what.
 */
#include <string.h>

#include "helpers/vel2_fixture.h"

#define E2H(state) (*(const bool *)*(state))

static const bool nvhe = false, vhe = true;

/* Registers present since the first catalog: enough for every rule. */
static const unsigned int el1_regs[] = {
	ID(SCTLR_EL1), ID(CPACR_EL1), ID(TTBR0_EL1), ID(TCR_EL1),
	ID(VBAR_EL1),  ID(ELR_EL1),   ID(SPSR_EL1),  ID(SP_EL1),
};

/* Write a distinctive value and check it reads back, sanitised. */
static void check_rw(unsigned int reg, u64 v, bool e2h)
{
	wr(reg, v);
	assert_int_equal(rd(reg), sanitised(reg, v, e2h));
}

/* ---- not loaded ---------------------------------------------------------- */

static void not_loaded_everything_stored(void **state)
{
	bool e2h = E2H(state);
	struct vel2_vcpu *vcpu = fx_reset();
	unsigned int r;

	wr(ID(HCR_EL2), hcr_with(e2h, false));
	for (unsigned int el = 0; el < 3; el++) {
		vel2_vcpu_set_pstate(vcpu, el << 2);
		for (r = 0; r < VEL2_NR_SYSREGS; r++) {
			if (INFO(r)->loc == VEL2_LOC_ALIAS || r == ID(HCR_EL2))
				continue;
			check_rw(r, 0x0123456789abcdefULL * (r + 1), e2h);
		}
	}
	assert_int_equal(sim_accesses(), 0);
	assert_int_equal(vcpu->placement, VEL2_PLACE_MEMORY);
}

/* ---- loaded, vEL1/vEL0 --------------------------------------------------- */

static void vel1_el1_class_live(void **state)
{
	bool e2h = E2H(state);

	fx_enter(e2h, false, PS_EL1H);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(el1_regs); i++) {
		unsigned int r = el1_regs[i];
		u64 w = vel2_sim.writes[r], v = 0x1000ULL * (i + 1) + 0x800;

		wr(r, v);
		assert_int_equal(vel2_sim.writes[r], w + 1);
		assert_int_equal(vel2_sim.reg[r], sanitised(r, v, e2h));
		/* The guest changes it on the CPU: the accessor sees it. */
		vel2_sim.reg[r] = v + 0x1000;
		assert_int_equal(rd(r), v + 0x1000);
	}
	/* SHARED and EL1_NVHE are live at vEL1 too. */
	vel2_sim.reg[ID(SP_EL0)] = 0x5000;
	assert_int_equal(rd(ID(SP_EL0)), 0x5000);
	vel2_sim.reg[ID(CNTV_CTL_EL0)] = 5;
	assert_int_equal(rd(ID(CNTV_CTL_EL0)), 5);
}

static void vel1_el2_regs_stored(void **state)
{
	bool e2h = E2H(state);
	static const unsigned int el2[] = {
		ID(SCTLR_EL2), ID(CPTR_EL2), ID(TTBR0_EL2),
		ID(TCR_EL2),   ID(VBAR_EL2), ID(ELR_EL2),
		ID(SPSR_EL2),  ID(SP_EL2),   ID(VTTBR_EL2),
	};
	u64 before;

	fx_enter(e2h, false, PS_EL1H);
	before = sim_accesses();
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(el2); i++)
		check_rw(el2[i], 0xfff0ULL * (i + 3), e2h);
	assert_int_equal(sim_accesses(), before);
}

/*
 * The guest hypervisor's EL2 timers are the physical EL2 timers in every
 * mode (loc EL2): they keep counting and firing while its guest runs.
 */
static void el2_timers_always_live(void **state)
{
	bool e2h = E2H(state);
	static const u64 ps[] = { PS_EL1H, PS_EL2H, PS_EL0T };

	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(ps); i++) {
		fx_enter(e2h, false, ps[i]);
		wr(ID(CNTHV_CTL_EL2), 1);
		wr(ID(CNTHP_CVAL_EL2), 0x1234 + i);
		assert_int_equal(vel2_sim.reg[ID(CNTHV_CTL_EL2)], 1);
		assert_int_equal(vel2_sim.reg[ID(CNTHP_CVAL_EL2)], 0x1234 + i);
		/* ISTATUS is the hardware's. */
		vel2_sim.reg[ID(CNTHV_CTL_EL2)] = 5;
		assert_int_equal(rd(ID(CNTHV_CTL_EL2)), 5);
		/* The EL1 timers are not where the EL2 timers are. */
		assert_int_not_equal(vel2_sim.reg[ID(CNTV_CTL_EL0)], 5);
	}
}

/* vEL0 is hyp context only with E2H=1 and TGE=1. */
static void vel0_hyp_ctxt_needs_e2h_and_tge(void **state)
{
	bool e2h = E2H(state);

	for (int tge = 0; tge < 2; tge++) {
		bool hyp = e2h && tge;
		struct vel2_vcpu *vcpu = fx_enter(e2h, tge, PS_EL0T);
		u64 before;

		assert_int_equal(vcpu->placement,
				 hyp ? VEL2_PLACE_HYP_VHE : VEL2_PLACE_EL1);
		before = vel2_sim.writes[ID(VBAR_EL1)];
		wr(ID(VBAR_EL1), 0x8000);
		assert_int_equal(vel2_sim.writes[ID(VBAR_EL1)],
				 before + (hyp ? 0 : 1));
		wr(ID(VBAR_EL2), 0x10000);
		assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)],
				 hyp ? 0x10000 : 0x8000);
		assert_int_equal(rd(ID(VBAR_EL1)), 0x8000);
		assert_int_equal(rd(ID(VBAR_EL2)), 0x10000);
	}
}

/* ---- loaded, hyp context ------------------------------------------------ */

static void hyp_el1_class_stored(void **state)
{
	bool e2h = E2H(state);
	u64 before;

	fx_enter(e2h, false, PS_EL2H);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(el1_regs); i++)
		vel2_sim.reg[el1_regs[i]] = 0xbad0;
	before = sim_accesses();
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(el1_regs); i++)
		check_rw(el1_regs[i], 0x4000ULL * (i + 1), e2h);
	assert_int_equal(sim_accesses(), before);
	/* The CPU copies now belong to the EL2 registers: untouched. */
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(el1_regs); i++)
		assert_int_equal(vel2_sim.reg[el1_regs[i]], 0xbad0);
}

static void hyp_shared_live(void **state)
{
	bool e2h = E2H(state);

	fx_enter(e2h, false, PS_EL2H);
	wr(ID(SP_EL0), 0x7000);
	assert_int_equal(vel2_sim.reg[ID(SP_EL0)], 0x7000);
	vel2_sim.reg[ID(SP_EL0)] = 0x7010;
	assert_int_equal(rd(ID(SP_EL0)), 0x7010);
}

/*
 * EL0 timer: live for nVHE vEL2; for VHE stored (the physical EL1 timer
 * keeps the value mirrored at the move, relocate.c; the trap handler
 * mirrors the guest's writes, test_trap_sysreg.c).
 */
static void hyp_el1_nvhe_timer(void **state)
{
	bool e2h = E2H(state);
	u64 before;

	fx_enter(e2h, false, PS_EL2H);
	before = sim_accesses();
	wr(ID(CNTV_CTL_EL0), 1);
	assert_int_equal(vel2_sim.reg[ID(CNTV_CTL_EL0)], e2h ? 0 : 1);
	assert_int_equal(sim_accesses(), before + (e2h ? 0 : 1));
	vel2_sim.reg[ID(CNTV_CTL_EL0)] = 5; /* ISTATUS set by the timer */
	assert_int_equal(rd(ID(CNTV_CTL_EL0)), e2h ? 1 : 5);
}

/* A register mapped without translation is truly live. */
static void hyp_mapped_untranslated_live(void **state)
{
	bool e2h = E2H(state);

	fx_enter(e2h, false, PS_EL2H);
	wr(ID(VBAR_EL2), 0x40000fff); /* bits 10:0 RES0 */
	assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)], 0x40000800);
	assert_int_equal(rd(ID(VBAR_EL2)), 0x40000800);
	vel2_sim.reg[ID(VBAR_EL1)] = 0x50000000;
	assert_int_equal(rd(ID(VBAR_EL2)), 0x50000000);
	/* ELR_EL2: an exception taken at vEL2 writes the CPU's ELR_EL1. */
	wr(ID(ELR_EL2), 0x1234);
	assert_int_equal(vel2_sim.reg[ID(ELR_EL1)], 0x1234);
	vel2_sim.reg[ID(ELR_EL1)] = 0xffff000000001000ULL;
	assert_int_equal(rd(ID(ELR_EL2)), 0xffff000000001000ULL);
}

/*
 * Translated registers: the write reads back exactly (no round trip through
 * the EL1 layout), the CPU holds the translation, reads stay in memory.
 * Registers whose format is the identity for this E2H are truly live.
 */
static void hyp_mapped_translated_exact(void **state)
{
	bool e2h = E2H(state);
	static const unsigned int regs[] = {
		ID(SCTLR_EL2),
		ID(CPTR_EL2),
		ID(TTBR0_EL2),
		ID(TCR_EL2),
	};
	static const u64 vals[] = {
		~0ULL,
		0,
		0xaaaaaaaaaaaaaaaaULL,
		0x5555555555555555ULL,
		0x0123456789abcdefULL,
		0xfedcba9876543210ULL,
	};

	fx_enter(e2h, false, PS_EL2H);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(regs); i++) {
		unsigned int r = regs[i], phys = INFO(r)->target;
		enum vel2_fmt f = INFO(r)->fmt;
		bool ident = vel2_fmt_is_identity(f, e2h);

		for (unsigned int j = 0; j < VEL2_ARRAY_SIZE(vals); j++) {
			u64 want = sanitised(r, vals[j], e2h), reads;

			wr(r, vals[j]);
			assert_int_equal(vel2_sim.reg[phys],
					 vel2_fmt_to_el1(f, want, e2h));
			reads = vel2_sim.reads[phys];
			assert_int_equal(rd(r), want);
			assert_int_equal(vel2_sim.reads[phys],
					 reads + (ident ? 1 : 0));
		}
		/* Only an identity mapping follows the CPU copy. */
		{
			u64 before = rd(r);

			vel2_sim.reg[phys] ^= 1;
			assert_int_equal(rd(r), before ^ (ident ? 1 : 0));
		}
	}
}

/*
 * The nVHE layouts through the accessors, with values from the Arm ARM
 * field descriptions (not from vel2_fmt_*: hyp_mapped_translated_exact
 * takes its expectations from the format code and passes with it broken).
 */
static void hyp_nvhe_arm_arm_values(void)
{
	const u64 sctlr_res1 = VEL2_BIT(4) | VEL2_BIT(5) | VEL2_BIT(16) |
			       VEL2_BIT(18) | VEL2_BIT(23) | VEL2_BIT(28) |
			       VEL2_BIT(29);
	const u64 el1_set = VEL2_BIT(16) | VEL2_BIT(18) | VEL2_BIT(23) |
			    VEL2_BIT(28) | VEL2_BIT(29);
	/* TCR_EL2: T0SZ [5:0] = 25, PS [18:16] = 0b101, TBI [20]. */
	const u64 tcr = 25 | (5ULL << 16) | VEL2_BIT(20);
	u64 el1;

	/* SCTLR_EL2, E2H=0: RES1 SA0, CP15BEN, nTWI, nTWE, SPAN, nTLSMD,
	 * LSMAOE. SCTLR_EL1 keeps nTWI, nTWE, SPAN, nTLSMD, LSMAOE set (no
	 * WFx trap, no PAN on entry, as EL2 behaves). */
	wr(ID(SCTLR_EL2), 0);
	assert_int_equal(rd(ID(SCTLR_EL2)), sctlr_res1);
	assert_int_equal(vel2_sim.reg[ID(SCTLR_EL1)] & el1_set, el1_set);

	/* CPTR_EL2, E2H=0: RES1 [13], [9], [7:0]; TFP [10] = 0 is
	 * CPACR_EL1.FPEN [21:20] = 0b11, TFP = 1 is FPEN = 0b00. */
	wr(ID(CPTR_EL2), 0);
	assert_int_equal(rd(ID(CPTR_EL2)),
			 VEL2_GENMASK(7, 0) | VEL2_BIT(9) | VEL2_BIT(13));
	assert_int_equal((vel2_sim.reg[ID(CPACR_EL1)] >> 20) & 3, 3);
	wr(ID(CPTR_EL2), VEL2_BIT(10));
	assert_int_equal((vel2_sim.reg[ID(CPACR_EL1)] >> 20) & 3, 0);

	/* TCR_EL2, E2H=0: RES1 [31], [23]. TCR_EL1: T0SZ [5:0],
	 * EPD1 [23] (no TTBR1 walks), IPS [34:32] <- PS, TBI0 [37] <- TBI. */
	wr(ID(TCR_EL2), tcr);
	assert_int_equal(rd(ID(TCR_EL2)), tcr | VEL2_BIT(31) | VEL2_BIT(23));
	el1 = vel2_sim.reg[ID(TCR_EL1)];
	assert_int_equal(el1 & 0x3f, 25);
	assert_true(el1 & VEL2_BIT(23));
	assert_int_equal((el1 >> 32) & 7, 5);
	assert_true(el1 & VEL2_BIT(37));
}

/* nVHE guest: the translation really happens (not the identity). */
static void hyp_nvhe_translation_differs(void **state)
{
	(void)state;
	fx_enter(false, false, PS_EL2H);
	assert_false(vel2_fmt_is_identity(VEL2_FMT_SCTLR_EL2, false));
	wr(ID(TTBR0_EL2), 0xffff000012345000ULL); /* ASID bits RES0 */
	assert_int_equal(rd(ID(TTBR0_EL2)), 0x12345000);
	assert_int_equal(vel2_sim.reg[ID(TTBR0_EL1)], 0x12345000);
	wr(ID(TCR_EL2), 0);
	assert_int_not_equal(vel2_sim.reg[ID(TCR_EL1)], rd(ID(TCR_EL2)));
	hyp_nvhe_arm_arm_values();
}

static void hyp_pure_el2_stored(void **state)
{
	bool e2h = E2H(state);
	u64 before;

	fx_enter(e2h, false, PS_EL2H);
	before = sim_accesses();
	check_rw(ID(VTTBR_EL2), 0x0001000080000000ULL, e2h);
	wr(ID(HCR_EL2), hcr_with(e2h, false) | VEL2_BIT(0));
	assert_int_equal(rd(ID(HCR_EL2)), hcr_with(e2h, false) | 1);
	assert_int_equal(sim_accesses(), before);
}

/* ---- SP_EL2 / ELR_EL2 / SPSR_EL2 ----------------------------------------- */

static void sp_el2_in_physical_sp_el1(void **state)
{
	bool e2h = E2H(state);
	struct vel2_vcpu *vcpu = fx_enter(e2h, false, PS_EL2H);

	wr(ID(SP_EL2), 0x2000);
	wr(ID(SP_EL1), 0x1000);
	assert_int_equal(vel2_sim.reg[ID(SP_EL1)], 0x2000);
	vel2_sim.reg[ID(SP_EL1)] = 0x1ff0; /* the guest pushed */
	assert_int_equal(rd(ID(SP_EL2)), 0x1ff0);
	assert_int_equal(rd(ID(SP_EL1)), 0x1000);
	vel2_vcpu_set_pstate(vcpu, PS_EL1H); /* ERET to vEL1 */
	assert_int_equal(vel2_sim.reg[ID(SP_EL1)], 0x1000);
	assert_int_equal(rd(ID(SP_EL2)), 0x1ff0);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H); /* exception to vEL2 */
	assert_int_equal(vel2_sim.reg[ID(SP_EL1)], 0x1ff0);
}

/* Without the NV1 quirk (a VHE guest hypervisor), SPSR_EL2 is a plain
 * live register. */
static void spsr_el2_live_without_flag(void **state)
{
	bool e2h = E2H(state);

	fx_enter(e2h, false, PS_EL2H);
	wr(ID(SPSR_EL2), 0x3c5); /* guest: return to EL1h */
	assert_int_equal(vel2_sim.reg[ID(SPSR_EL1)], 0x3c5);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c5);
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c9; /* exception from vEL2h */
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
}

/*
 * With {NV,NV1,NV2} = {1,1,0} an exception from vEL2 leaves M[3:2] = EL1 in
 * SPSR_EL1. A guest-written EL1h must still read EL1h.
 */
static void spsr_el2_nv1_fixup(void **state)
{
	bool e2h = E2H(state);
	struct vel2_vcpu *vcpu = fx_reset();
	u64 h;

	wr(ID(HCR_EL2), hcr_with(e2h, false));
	wr(ID(SPSR_EL2), 0x3c5); /* stored while not loaded */
	vel2_vcpu_load(vcpu);
	/* The nVHE placement without NV2 is the one run with NV1 and
	 * without NV2: relocation sets the flag. */
	assert_true(vcpu->hw_spsr_reports_el1);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c5);
	h = vel2_sim.reg[ID(SPSR_EL1)];
	assert_int_not_equal(h & 0x1f, 0x5); /* never looks like hardware */

	/* Guest writes of every EL1/EL2 mode read back as written. */
	for (u64 m = 0; m < 16; m++) {
		wr(ID(SPSR_EL2), 0x20000000 | m);
		assert_int_equal(rd(ID(SPSR_EL2)), 0x20000000 | m);
		assert_int_equal(rd(ID(SPSR_EL2)), 0x20000000 | m);
	}
	wr(ID(SPSR_EL2), 0x3c5);

	/* Exception from vEL2h: hardware reports EL1h. */
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c5;
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
	/* A second identical exception changes nothing visible. */
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c5;
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
	/* From vEL2t. */
	vel2_sim.reg[ID(SPSR_EL1)] = 0x60000004;
	assert_int_equal(rd(ID(SPSR_EL2)), 0x60000008);

	/* Guest EL1h, then an exception identical to the previous one. */
	wr(ID(SPSR_EL2), 0x3c5);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c5);
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c5;
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);

	/* An exception not yet read survives put and load. */
	wr(ID(SPSR_EL2), 0x3c5);
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c4;
	vel2_vcpu_put(vcpu);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c8);
	vel2_vcpu_load(vcpu);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c8);
	/* And across a move to vEL1 and back. */
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c5;
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);
}

/*
 * The mode change that loads SPSR_EL2 (an exception entry to vEL2) sets
 * how the hardware will report SPSR_EL1.M in the new placement (nVHE
 * without NV2: EL1) and re-encodes the CPU copy for it, so even an
 * exception that writes exactly the value the guest stored is recognised;
 * the setter does the same for any change while loaded.
 */
static void spsr_el2_flag_set_while_loaded(void **state)
{
	bool e2h = E2H(state);
	struct vel2_vcpu *vcpu = fx_enter(e2h, false, PS_EL1H);

	wr(ID(SPSR_EL2), 0x3c5); /* exception entry from vEL1h, emulated */
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(vcpu->hw_spsr_reports_el1, !e2h);
	if (e2h) {
		assert_int_equal(vel2_sim.reg[ID(SPSR_EL1)], 0x3c5); /* raw */
		vel2_vcpu_set_hw_spsr_reports_el1(vcpu, true);
	}
	assert_int_not_equal(vel2_sim.reg[ID(SPSR_EL1)], 0x3c5);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c5);
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c5; /* exception from vEL2h */
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c9);

	/* Back to raw: the CPU copy is the value again. */
	wr(ID(SPSR_EL2), 0x3c5);
	vel2_vcpu_set_hw_spsr_reports_el1(vcpu, false);
	assert_int_equal(vel2_sim.reg[ID(SPSR_EL1)], 0x3c5);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c5);
	/* An unread exception is resolved before the setting changes. */
	vel2_vcpu_set_hw_spsr_reports_el1(vcpu, true);
	vel2_sim.reg[ID(SPSR_EL1)] = 0x3c4;
	vel2_vcpu_set_hw_spsr_reports_el1(vcpu, false);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c8);
	/* Outside hyp context the setting moves nothing. */
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	{
		u64 n = sim_accesses();

		vel2_vcpu_set_hw_spsr_reports_el1(vcpu, true);
		assert_int_equal(sim_accesses(), n);
	}
	assert_int_equal(rd(ID(SPSR_EL2)), 0x3c8);
}

/* ---- bad input ----------------------------------------------------------- */

static void bad_ids_and_aliases(void **state)
{
	bool e2h = E2H(state);
	static const unsigned int bad[] = {
		VEL2_NR_SYSREGS, VEL2_NR_SYSREGS + 1, 0x10000, ~0u,
		ID(SCTLR_EL12),	 ID(CNTV_CTL_EL02),
	};
	static const u64 modes[] = { PS_EL2H, PS_EL1H, PS_EL0T };
	struct vel2_vcpu *vcpu;

	for (unsigned int m = 0; m <= VEL2_ARRAY_SIZE(modes); m++) {
		vcpu = fx_enter(e2h, true, m ? modes[m - 1] : PS_EL2H);
		if (!m)
			vel2_vcpu_put(vcpu);
		for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(bad); i++) {
			u64 v = 42, before = sim_accesses();

			assert_int_equal(vel2_read_sysreg(vcpu, bad[i], &v),
					 -VEL2_ENOREG);
			assert_int_equal(v, 42);
			assert_int_equal(vel2_write_sysreg(vcpu, bad[i], 1),
					 -VEL2_ENOREG);
			assert_int_equal(sim_accesses(), before);
		}
	}
	/* Every alias in the catalog, whatever the catalog holds. */
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		u64 v;

		if (INFO(r)->loc != VEL2_LOC_ALIAS)
			continue;
		assert_int_equal(vel2_read_sysreg(vcpu, r, &v), -VEL2_ENOREG);
		assert_int_equal(vel2_write_sysreg(vcpu, r, 0), -VEL2_ENOREG);
	}
}

/* ---- catalog facts the aarch64 backend relies on ------------------------- */

/*
 * At EL2 with E2H=1 the aarch64 backend reaches a physical EL0/EL1
 * register through its *_EL12 or *_EL02 alias when the catalog has one, else
 * through its own encoding. That is right only for registers E2H does not
 * redirect (Arm ARM, "Virtualization Host Extensions"): check the catalog
 * gives an alias to every redirected one and that every register without
 * one is known not to be redirected.
 */
static const char *const not_redirected[] = {
	"SP_EL1",	  "SP_EL0",	     "TPIDR_EL1",
	"TPIDR_EL0",	  "TPIDRRO_EL0",     "TPIDR2_EL0",
	"PAR_EL1",	  "MDSCR_EL1",	     "ACTLR_EL1",
	"CSSELR_EL1",	  "MDCCINT_EL1",     "OSLAR_EL1",
	"OSDLR_EL1",	  "OSECCR_EL1",	     "DBGBVR0_EL1",
	"DBGBCR0_EL1",	  "DBGWVR0_EL1",     "DBGWCR0_EL1",
	"DISR_EL1",	  "PMSELR_EL0",	     "PMUSERENR_EL0",
	"PMCR_EL0",	  "PMCCNTR_EL0",     "PMCNTENSET_EL0",
	"PMCNTENCLR_EL0", "PMOVSSET_EL0",    "PMOVSCLR_EL0",
	"PMINTENSET_EL1", "PMINTENCLR_EL1",  "PMCCFILTR_EL0",
	"PMXEVTYPER_EL0", "PMXEVCNTR_EL0",   "APIAKEYLO_EL1",
	"APIAKEYHI_EL1",  "APIBKEYLO_EL1",   "APIBKEYHI_EL1",
	"APDAKEYLO_EL1",  "APDAKEYHI_EL1",   "APDBKEYLO_EL1",
	"APDBKEYHI_EL1",  "APGAKEYLO_EL1",   "APGAKEYHI_EL1",
	"CNTVCT_EL0",	  "CNTPCT_EL0",	     "CNTFRQ_EL0",
	"SCXTNUM_EL0",	  "GCSPR_EL0",	     "FPCR",
	"FPSR",		  "DCZID_EL0",	     "TFSRE0_EL1",
	"RGSR_EL1",	  "GCR_EL1",	     "ICC_SRE_EL1",
	"ICC_CTLR_EL1",	  "ICC_PMR_EL1",     "ICC_BPR0_EL1",
	"ICC_BPR1_EL1",	  "ICC_IGRPEN0_EL1", "ICC_IGRPEN1_EL1",
	"ICC_AP0R0_EL1",  "ICC_AP1R0_EL1",   "MPAM0_EL1",
	"ACCDATA_EL1",	  "DBGCLAIMSET_EL1", "DBGCLAIMCLR_EL1",
	"AMUSERENR_EL0",
};

static bool is_not_redirected(const char *name)
{
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(not_redirected); i++)
		if (!strcmp(name, not_redirected[i]))
			return true;
	/* Numbered debug and PMU registers share the rule of their first. */
	return !strncmp(name, "DBGB", 4) || !strncmp(name, "DBGW", 4) ||
	       !strncmp(name, "PMEVCNTR", 8) ||
	       !strncmp(name, "PMEVTYPER", 9) || !strncmp(name, "ICC_AP", 6);
}

static void backend_alias_coverage(void **state)
{
	(void)state;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		unsigned int loc = INFO(r)->loc, aliases = 0;

		if (loc != VEL2_LOC_EL1 && loc != VEL2_LOC_SHARED &&
		    loc != VEL2_LOC_EL1_NVHE)
			continue;
		for (unsigned int a = 0; a < VEL2_NR_SYSREGS; a++)
			aliases += INFO(a)->loc == VEL2_LOC_ALIAS &&
				   INFO(a)->target == r;
		if (aliases > 1 ||
		    (!aliases && !is_not_redirected(INFO(r)->name)))
			fail_msg("%s: %u *_EL12/*_EL02 aliases, redirected "
				 "under E2H=1",
				 INFO(r)->name, aliases);
		if (aliases && is_not_redirected(INFO(r)->name))
			fail_msg("%s: has an alias but is not redirected",
				 INFO(r)->name);
	}
}

#define BOTH(fn)                                                              \
	{ #fn "/nvhe", fn, NULL, fx_only_physical_accessed, (void *)&nvhe },  \
	{                                                                     \
#fn "/vhe", fn, NULL, fx_only_physical_accessed, (void *)&vhe \
	}

#define ONLY(fn, mode)                                              \
	{                                                           \
#fn "/" #mode, fn, NULL, fx_only_physical_accessed, \
			(void *)&mode                               \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(not_loaded_everything_stored),
		BOTH(vel1_el1_class_live),
		BOTH(vel1_el2_regs_stored),
		BOTH(el2_timers_always_live),
		BOTH(vel0_hyp_ctxt_needs_e2h_and_tge),
		BOTH(hyp_el1_class_stored),
		BOTH(hyp_shared_live),
		BOTH(hyp_el1_nvhe_timer),
		BOTH(hyp_mapped_untranslated_live),
		BOTH(hyp_mapped_translated_exact),
		cmocka_unit_test(hyp_nvhe_translation_differs),
		BOTH(hyp_pure_el2_stored),
		BOTH(sp_el2_in_physical_sp_el1),
		ONLY(spsr_el2_live_without_flag, vhe),
		ONLY(spsr_el2_nv1_fixup, nvhe),
		BOTH(spsr_el2_flag_set_while_loaded),
		BOTH(bad_ids_and_aliases),
		cmocka_unit_test(backend_alias_coverage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
