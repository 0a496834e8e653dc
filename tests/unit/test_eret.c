// SPDX-License-Identifier: MIT
/*
 * ERET from vEL2 (EC 0x1a): legal returns switch the live state, illegal
 * ones set PSTATE.IL and keep the EL (Arm ARM "Illegal return events from
 * AArch64 state"), in E2H=0 and E2H=1 guests.
 */
#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x80002000ULL
#define TARGET 0x90000000ULL

static struct vel2_vcpu *at_vel2(bool e2h, bool tge, u64 spsr)
{
	struct vel2_vcpu *v = fx_enter(e2h, tge, PS_EL2H);

	wr(ID(ELR_EL2), TARGET);
	wr(ID(SPSR_EL2), spsr);
	return v;
}

static void legal_to_el1(bool e2h)
{
	/* SPSR: EL1h, DAIF = 0b0101 (D and I), C set. */
	u64 spsr = 0x5 | (1ULL << 9) | (1ULL << 7) | NZCV_C;
	struct vel2_vcpu *v = at_vel2(e2h, false, spsr);

	wr(ID(SCTLR_EL1), 0x30d00801);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(v->pstate, spsr);
	assert_int_equal(tx.elr, TARGET);
	assert_int_equal(tx.spsr, spsr); /* physical EL1h */
	assert_false(vel2_is_hyp_ctxt(v));
	assert_int_equal(v->placement, VEL2_PLACE_EL1);
	/* The guest's EL1 state is now on the CPU. */
	assert_int_equal(vel2_sim.reg[ID(SCTLR_EL1)], 0x30d00801);
}

static void test_eret_to_vel1_e2h0(void **state)
{
	legal_to_el1(false);
}

static void test_eret_to_vel1_e2h1(void **state)
{
	legal_to_el1(true);
}

static void test_eret_to_vel0(void **state)
{
	struct vel2_vcpu *v = at_vel2(false, false, 0x0);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 0);
	assert_int_equal(tx.spsr & 0xf, 0);
}

static void test_eret_to_vel0_host(void **state)
{
	/* E2H=1, TGE=1: vEL0 stays in hyp context (EL2&0 regime). */
	struct vel2_vcpu *v = at_vel2(true, true, 0x0);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 0);
	assert_true(vel2_is_hyp_ctxt(v));
	assert_int_equal(v->placement, VEL2_PLACE_HYP_VHE);
}

static void test_eret_to_vel2t(void **state)
{
	struct vel2_vcpu *v = at_vel2(false, false, 0x8);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(v->pstate, 0x8);
	assert_int_equal(tx.spsr, 0x4); /* EL2t runs as EL1t */
	assert_int_equal(tx.elr, TARGET);
}

static void illegal(bool e2h, bool tge, u64 spsr)
{
	struct vel2_vcpu *v = at_vel2(e2h, tge, spsr);
	u64 before = v->pstate;

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);
	/* PC from ELR; IL set; EL, SP, nRW unchanged; flags from SPSR. */
	assert_int_equal(tx.elr, TARGET);
	assert_true(v->pstate & (1ULL << 20));
	assert_int_equal(v->pstate & 0x1f, before & 0x1f);
	assert_int_equal(v->pstate & NZCV_C, spsr & NZCV_C);
	assert_true(tx.spsr & (1ULL << 20)); /* the CPU raises EC 0x0e */
	assert_int_equal(vel(v), 2);
}

static void test_illegal_to_el3(void **state)
{
	illegal(false, false, 0xd | NZCV_C); /* EL3h */
	illegal(true, false, 0xc); /* EL3t */
}

static void test_illegal_reserved_m1(void **state)
{
	illegal(false, false, 0x7); /* M[1] set */
	illegal(true, false, 0x2);
}

static void test_illegal_el0_with_sp_elx(void **state)
{
	illegal(false, false, 0x1);
}

static void test_illegal_aarch32(void **state)
{
	illegal(false, false, 0x10); /* AArch32 usr */
	illegal(true, false, 0x13); /* AArch32 svc */
}

/*
 * AArch32 EL0 (ID_AA64PFR0_EL1.EL0 = 2): User mode is a legal target and
 * every SPSR bit is PSTATE (T [5], IT [15:10] and [26:25], GE [19:16],
 * Q [27], E [9]); the other AArch32 modes stay illegal.
 */
static void test_aarch32_el0(void **state)
{
	u64 spsr = 0x10 | (1ULL << 5) | (0x2ULL << 10) | (1ULL << 25) |
		   (0x5ULL << 16) | (1ULL << 27) | NZCV_C;
	struct vel2_vcpu *v = at_vel2(true, true, spsr);
	u64 svc;

	wr(ID(ID_AA64PFR0_EL1), 0x1112);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(v->pstate, spsr);
	assert_int_equal(tx.spsr, spsr);
	assert_int_equal(tx.elr, TARGET);
	assert_int_equal(vel(v), 0);

	/* An exit from it: SVC is not trapped, so take an HVC-free one:
	 * an UNDEF injected at vEL2 uses the lower-EL AArch32 vector and
	 * saves the AArch32 PSTATE whole. */
	wr(ID(VBAR_EL2), 0x8000);
	assert_int_equal(exit_with(v, T_EC(0x0) | T_IL, TARGET), VEL2_INJECTED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, 0x8000 + 0x600);
	assert_int_equal(rd(ID(SPSR_EL2)), spsr);
	/* Only NZCV, DIT, PAN carry over from the AArch32 layout. */
	assert_int_equal(v->pstate & ~0x3c9ULL, NZCV_C);

	for (svc = 0x11; svc <= 0x1f; svc++) {
		v = at_vel2(true, true, svc);
		wr(ID(ID_AA64PFR0_EL1), 0x1112);
		assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);
		assert_true(v->pstate & (1ULL << 20));
	}
}

/*
 * L2's AArch32 EL0 trapped by its hypervisor's controls (here an MRC to
 * CP15, EC 0x03, as HSTR_EL2 or HCR_EL2.TIDCP trap it): the guest
 * hypervisor takes it at VBAR_EL2 + 0x600 with the syndrome unchanged.
 */
static void test_aarch32_el0_cp15_trap_forwarded(void **state)
{
	u64 esr = T_EC(0x03) | T_IL | (0xeULL << 20) | (1ULL << 24) | 1;
	struct vel2_vcpu *v = fx_enter(false, false, 0x10);

	wr(ID(ID_AA64PFR0_EL1), 0x1112);
	wr(ID(VBAR_EL2), 0x9000);
	assert_int_equal(exit_with(v, esr, TARGET), VEL2_FORWARDED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, 0x9000 + 0x600);
	assert_int_equal(rd(ID(ESR_EL2)), esr);
	assert_int_equal(rd(ID(ELR_EL2)), TARGET);
	assert_int_equal(rd(ID(SPSR_EL2)), 0x10);
}

static void test_illegal_el1_with_tge(void **state)
{
	illegal(true, true, 0x5);
	illegal(false, true, 0x4);
}

/*
 * HCR_EL2.RW = 0 on a CPU with AArch32 EL1 (ID_AA64PFR0_EL1.EL1 = 2): EL1
 * and EL0 are AArch32, so an AArch64 return to them is illegal; with
 * RW = 1 it is legal.
 */
static void test_illegal_aarch64_el1_with_rw0(void **state)
{
	struct vel2_vcpu *v = at_vel2(false, false, 0x5);

	wr(ID(ID_AA64PFR0_EL1), 0x222);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);
	assert_int_equal(vel(v), 2);
	assert_true(v->pstate & (1ULL << 20));

	v = at_vel2(false, false, 0x0);
	wr(ID(ID_AA64PFR0_EL1), 0x222);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);

	v = at_vel2(false, false, 0x5);
	wr(ID(ID_AA64PFR0_EL1), 0x222);
	wr(ID(HCR_EL2), 1ULL << 31); /* RW */
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 1);
}

static void test_legal_el2_with_tge(void **state)
{
	struct vel2_vcpu *v = at_vel2(true, true, 0x9);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(v->pstate, 0x9);
}

static void test_spsr_il_copied_on_legal_return(void **state)
{
	struct vel2_vcpu *v = at_vel2(false, false, 0x5 | (1ULL << 20));

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 1);
	assert_true(v->pstate & (1ULL << 20));
}

static void test_eretaa(void **state)
{
	struct vel2_vcpu *v = at_vel2(false, false, 0x5);

	/* Without FEAT_PAuth in the guest's ID registers: UNDEFINED. */
	wr(ID(VBAR_EL2), 0x4000);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
	assert_int_equal(tx.elr, 0x4000 + 0x200);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);

	/* With it (ID_AA64ISAR1_EL1.API [11:8] != 0) and EnIB = 0: an ERET
	 * (authentication: test_eret_pac.c). */
	v = at_vel2(false, false, 0x5);
	wr(ID(ID_AA64ISAR1_EL1), 1ULL << 8);
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 1);
	assert_int_equal(tx.elr, TARGET);
}

static void test_eret_from_vel1_with_nv_is_forwarded(void **state)
{
	struct vel2_vcpu *v = fx_enter(false, false, PS_EL1H);
	u64 old = v->pstate;

	wr(ID(HCR_EL2), 1ULL << 42); /* virtual HCR_EL2.NV */
	wr(ID(VBAR_EL2), 0x7000);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_FORWARDED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, 0x7000 + 0x400);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_ERET);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(SPSR_EL2)), old);
}

static void test_eret_from_vel1_without_nv(void **state)
{
	struct vel2_vcpu *v = fx_enter(false, false, PS_EL1H);

	wr(ID(ELR_EL1), TARGET);
	wr(ID(SPSR_EL1), 0x0);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel(v), 0);
	assert_int_equal(tx.elr, TARGET);
}

static void test_eret_from_vel0_is_undef(void **state)
{
	struct vel2_vcpu *v = fx_enter(false, false, PS_EL0T);

	wr(ID(VBAR_EL1), 0x6000);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(tx.elr, 0x6000 + 0x400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eret_to_vel1_e2h0),
		cmocka_unit_test(test_eret_to_vel1_e2h1),
		cmocka_unit_test(test_eret_to_vel0),
		cmocka_unit_test(test_eret_to_vel0_host),
		cmocka_unit_test(test_eret_to_vel2t),
		cmocka_unit_test(test_illegal_to_el3),
		cmocka_unit_test(test_illegal_aarch64_el1_with_rw0),
		cmocka_unit_test(test_illegal_reserved_m1),
		cmocka_unit_test(test_illegal_el0_with_sp_elx),
		cmocka_unit_test(test_illegal_aarch32),
		cmocka_unit_test(test_illegal_el1_with_tge),
		cmocka_unit_test(test_aarch32_el0),
		cmocka_unit_test(test_aarch32_el0_cp15_trap_forwarded),
		cmocka_unit_test(test_legal_el2_with_tge),
		cmocka_unit_test(test_spsr_il_copied_on_legal_return),
		cmocka_unit_test(test_eretaa),
		cmocka_unit_test(test_eret_from_vel1_with_nv_is_forwarded),
		cmocka_unit_test(test_eret_from_vel1_without_nv),
		cmocka_unit_test(test_eret_from_vel0_is_undef),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
