// SPDX-License-Identifier: MIT
/*
 * ERETAA/ERETAB at vEL2 (Arm ARM C6.2 "ERETAA, ERETAB"; AuthIA/AuthIB and
 * Auth in J1): the target is ELR_EL2 authenticated with the instruction
 * key and SP, per the guest's FEAT_PAuth level (ID_AA64ISAR1_EL1.API):
 * PAuth (error code in the pointer), PAuth2 (PAC XORed in), FPAC (same for
 * the combined ERETAx), FPACCOMBINE (EC 0x1c at vEL2). The sim's PAC
 * function stands in for the CPU's; the signed pointers below are built
 * here with AddPAC's field layout, written out from the Arm ARM.
 * guests/eretpac.c checks the same against QEMU's CPU.
 */
#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x80002000ULL
#define TARGET 0x40201234ULL
#define TARGET_HI 0xfffffffc00401234ULL /* bit 55 set: the TTBR1 range */
#define SP2 0x40280000ULL
#define SP0 0x40290000ULL
#define VBAR 0x4000ULL

static const u64 key_a[2] = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL };
static const u64 key_b[2] = { 0x1111222233334444ULL, 0x5555666677778888ULL };

/* ID_AA64ISAR1_EL1: API [11:8] = level, GPI [31:28] = 1. */
static u64 isar1(unsigned int level, bool gpi)
{
	return ((u64)level << 8) | (gpi ? 1ULL << 28 : 0);
}

/*
 * vEL2 (EL2h, or EL2t), SPSR_EL2 = EL1h, E2H=0 TCR_EL2 T0SZ=25 (no TBI)
 * unless the caller changes it, both keys enabled.
 */
static struct vel2_vcpu *setup(bool e2h, unsigned int level, u64 elr)
{
	struct vel2_vcpu *v = fx_enter(e2h, false, PS_EL2H);

	wr(ID(ID_AA64ISAR1_EL1), isar1(level, true));
	wr(ID(ELR_EL2), elr);
	wr(ID(SPSR_EL2), 0x5);
	wr(ID(VBAR_EL2), VBAR);
	wr(ID(SP_EL2), SP2);
	wr(ID(SP_EL0), SP0);
	wr(ID(TCR_EL2), 25);
	wr(ID(SCTLR_EL2), rd(ID(SCTLR_EL2)) | (3ULL << 30));
	memcpy(vel2_sim.ikey[0], key_a, sizeof(key_a));
	memcpy(vel2_sim.ikey[1], key_b, sizeof(key_b));
	return v;
}

/* The PAC field: [54:bottom], plus [63:56] without TBI. */
static u64 field(unsigned int bottom, bool tbi)
{
	return VEL2_GENMASK(54, bottom) | (tbi ? 0 : VEL2_GENMASK(63, 56));
}

/* AddPAC for a pointer with good extension bits (ptr == original_ptr). */
static u64 sign(u64 ptr, u64 mod, const u64 *k, unsigned int bottom, bool tbi,
		bool pauth2)
{
	u64 pac = vel2_sim_compute_pac(ptr, mod, k[0], k[1]);
	u64 f = field(bottom, tbi);

	if (pauth2)
		return ptr ^ (pac & f);
	return (ptr & ~f) | (pac & f);
}

static void fails_at_vel2(struct vel2_vcpu *v, u64 esr_iss)
{
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, VBAR + 0x200);
	assert_int_equal(rd(ID(ESR_EL2)), T_EC(0x1c) | T_IL | esr_iss);
	assert_int_equal(rd(ID(ELR_EL2)), PC); /* the ERETAx itself */
}

static void test_fpaccombine(void **state)
{
	u64 good = sign(TARGET, SP2, key_a, 39, false, true);
	struct vel2_vcpu *v = setup(false, 5, good);

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET);
	assert_int_equal(vel(v), 1);
	assert_int_equal(vel2_sim.pacga_calls, 1);

	v = setup(false, 5, good ^ (1ULL << 45));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
	fails_at_vel2(v, 0);

	/* Signed with A, returned with B: ISS[0] = 1 (key B). */
	v = setup(false, 5, good);
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_INJECTED);
	fails_at_vel2(v, 1);

	good = sign(TARGET, SP2, key_b, 39, false, true);
	v = setup(false, 5, good);
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET);
}

/* FEAT_FPAC without FPACCOMBINE: the combined ERETAx does not fault. */
static void test_fpac_pauth2_corrupts(void **state)
{
	u64 good = sign(TARGET, SP2, key_a, 39, false, true);
	struct vel2_vcpu *v = setup(false, 4, good ^ (1ULL << 45));

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET ^ (1ULL << 45));
	assert_int_equal(vel(v), 1);
}

/* FEAT_PAuth only: the error code key_number:NOT(key_number). */
static void test_pauth1_error_code(void **state)
{
	u64 good = sign(TARGET, SP2, key_a, 39, false, false);
	struct vel2_vcpu *v = setup(false, 1, good);

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET);

	v = setup(false, 1, good ^ (1ULL << 60));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET | (1ULL << 61)); /* 0b01 at [62:61] */

	/* TBI (TCR_EL2.TBI [20]): the tag stays, 0b10 at [54:53] for B. */
	good = sign(TARGET | (0x5aULL << 56), SP2, key_b, 39, true, false);
	v = setup(false, 1, good ^ (1ULL << 40));
	wr(ID(TCR_EL2), 25 | (1ULL << 20));
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET | (0x5aULL << 56) | (1ULL << 54));
}

/* TBID [29]: no tagging for instruction addresses, the top byte is PAC. */
static void test_tbi_and_tbid(void **state)
{
	u64 tagged = TARGET | (0x5aULL << 56);
	u64 good = sign(tagged, SP2, key_a, 48, true, true);
	struct vel2_vcpu *v = setup(false, 5, good);

	wr(ID(TCR_EL2), 16 | (1ULL << 20));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, tagged);

	/* The tag is part of ComputePAC's input: a new tag fails. */
	v = setup(false, 5, good ^ (1ULL << 60));
	wr(ID(TCR_EL2), 16 | (1ULL << 20));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);

	good = sign(TARGET, SP2, key_a, 48, false, true);
	v = setup(false, 5, good);
	wr(ID(TCR_EL2), 16 | (1ULL << 20) | (1ULL << 29));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET);
}

/* EnIA = 0: AuthIA returns X, the ELR is used as it is. */
static void test_key_disabled(void **state)
{
	u64 good = sign(TARGET, SP2, key_a, 39, false, true);
	struct vel2_vcpu *v = setup(false, 5, good ^ 1ULL << 45);

	wr(ID(SCTLR_EL2), rd(ID(SCTLR_EL2)) & ~(1ULL << 31));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, good ^ 1ULL << 45);
	assert_int_equal(vel2_sim.pacga_calls, 0);
}

/* EL2t: the modifier is SP_EL0. */
static void test_modifier_sp_el0(void **state)
{
	u64 good = sign(TARGET, SP0, key_a, 39, false, true);
	struct vel2_vcpu *v = setup(false, 5, good);

	vel2_vcpu_set_pstate(v, PS_EL2T);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET);

	v = setup(false, 5, good); /* EL2h: SP_EL2, another PAC */
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
}

/* E2H=1: TCR_EL2 in the TCR_EL1 layout, bit 55 picks T1SZ/TBI1. */
static void test_e2h1_upper_range(void **state)
{
	/* T0SZ 16, T1SZ 30 [21:16], TBI0 [37]: the upper range untagged. */
	u64 tcr = 16 | (30ULL << 16) | (1ULL << 37);
	u64 good = sign(TARGET_HI, SP2, key_a, 34, false, true);
	struct vel2_vcpu *v = setup(true, 5, good);

	wr(ID(TCR_EL2), tcr);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET_HI);

	v = setup(true, 5, good ^ (1ULL << 35));
	wr(ID(TCR_EL2), tcr);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
	fails_at_vel2(v, 0);
}

/*
 * PACGA can only stand in for the address algorithm when the generic one
 * is the same (GPI with API): without it the ELR is not authenticated
 * (docs/traps.md).
 */
static void test_no_generic_algorithm(void **state)
{
	struct vel2_vcpu *v = setup(false, 5, TARGET | (1ULL << 45));

	wr(ID(ID_AA64ISAR1_EL1), isar1(5, false));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, TARGET | (1ULL << 45));
	assert_int_equal(vel2_sim.pacga_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fpaccombine),
		cmocka_unit_test(test_fpac_pauth2_corrupts),
		cmocka_unit_test(test_pauth1_error_code),
		cmocka_unit_test(test_tbi_and_tbid),
		cmocka_unit_test(test_key_disabled),
		cmocka_unit_test(test_modifier_sp_el0),
		cmocka_unit_test(test_e2h1_upper_range),
		cmocka_unit_test(test_no_generic_algorithm),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
