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
#include <vel2/hwcfg.h>

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

/*
 * QARMA5 and QARMA3 CPUs: signed pointers the CPU made. guests/pacprobe.c
 * on QEMU -cpu max,pauth-qarma5=on (pacprobe3: qarma3=on) ran PACIA of
 * 0xb0 with key_a, modifier SP2, TCR_EL2.T0SZ=48 (bottom_PAC_bit 16, the
 * field reaching 16 bits below PACGA's), and PACGA of 0x402000b0 (the
 * T0SZ=25 pointer below is 0x402000b0 with its field [63:56]:[54:39]).
 */
#define Q5_SIGNED48 0x285d90286bd500b0ULL
#define Q3_SIGNED48 0x757a14e23e0100b0ULL
#define Q5_SIGNED25 0x5c6af100402000b0ULL
/* ID_AA64MMFR2_EL1.ST [31:28]: FEAT_TTST, TxSZ up to 48 (QEMU -cpu max). */
#define MMFR2_ST (1ULL << 28)
#define ISAR1_QARMA5(level) (((u64)(level) << 4) | (1ULL << 24)) /* GPA */
#define ISAR2_QARMA3(level) (((u64)(level) << 12) | (1ULL << 8)) /* GPA3 */

static struct vel2_vcpu *setup_qarma(bool q3, unsigned int level, u64 elr,
				     u64 tcr)
{
	struct vel2_vcpu *v = setup(false, level, elr);

	wr(ID(ID_AA64ISAR1_EL1), q3 ? 0 : ISAR1_QARMA5(level));
	wr(ID(ID_AA64ISAR2_EL1), q3 ? ISAR2_QARMA3(level) : 0);
	wr(ID(TCR_EL2), tcr);
	wr(ID(ID_AA64MMFR2_EL1), MMFR2_ST); /* T0SZ up to 48 */
	vel2_sim.pac_qarma = q3 ? 3 : 5;
	return v;
}

/*
 * Does `word` appear in the vCPU's state or in the simulated CPU's
 * registers? The guest's keys must not (they stay on the CPU: vel2 reads
 * them into registers for the computation only).
 */
static bool holds(const struct vel2_vcpu *v, u64 word)
{
	const unsigned char *p = (const unsigned char *)v;
	size_t i;

	for (i = 0; i + sizeof(word) <= sizeof(*v); i++)
		if (!memcmp(p + i, &word, sizeof(word)))
			return true;
	for (i = 0; i < VEL2_NR_SYSREGS; i++)
		if (vel2_sim.reg[i] == word)
			return true;
	return false;
}

/* The whole field is checked, with the software cipher: bits 31..16 too. */
static void check_low_bits(bool q3, u64 signed48)
{
	static const unsigned int flips[] = { 16, 23, 31, 32, 54, 63 };
	struct vel2_vcpu *v = setup_qarma(q3, 5, signed48, 48);
	unsigned int i;

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0xb0);
	assert_int_equal(vel2_sim.qarma_calls, 1);
	assert_int_equal(vel2_sim.pacga_calls, 0);
	assert_false(holds(v, key_a[0]));
	assert_false(holds(v, key_a[1]));

	for (i = 0; i < VEL2_ARRAY_SIZE(flips); i++) {
		v = setup_qarma(q3, 5, signed48 ^ VEL2_BIT(flips[i]), 48);
		assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
		fails_at_vel2(v, 0);
	}

	/* Key B holding the same key signs alike; key B's own fails. */
	v = setup_qarma(q3, 5, signed48, 48);
	memcpy(vel2_sim.ikey[1], key_a, sizeof(key_a));
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0xb0);
	v = setup_qarma(q3, 5, signed48, 48);
	assert_int_equal(exit_with(v, ESR_ERETAB, PC), VEL2_INJECTED);
	fails_at_vel2(v, 1);
}

static void test_qarma5_low_bits(void **state)
{
	check_low_bits(false, Q5_SIGNED48);
}

static void test_qarma3_low_bits(void **state)
{
	check_low_bits(true, Q3_SIGNED48);
}

/* FEAT_PAuth (APA=1): a low bit's mismatch gives the error code. */
static void test_qarma5_pauth1_low_bit(void **state)
{
	struct vel2_vcpu *v = setup_qarma(false, 1, Q5_SIGNED48, 48);

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0xb0);

	v = setup_qarma(false, 1, Q5_SIGNED48 ^ VEL2_BIT(17), 48);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0xb0 | (1ULL << 61));
}

/*
 * A field within bits [63:32] takes PACGA (the generic algorithm is the
 * address one): no software cipher. Without a generic QARMA5 (GPA=0) the
 * software cipher computes it.
 */
static void test_qarma5_pacga_when_it_covers(void **state)
{
	struct vel2_vcpu *v = setup_qarma(false, 5, Q5_SIGNED25, 25);

	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0x402000b0);
	assert_int_equal(vel2_sim.pacga_calls, 1);
	assert_int_equal(vel2_sim.qarma_calls, 0);

	v = setup_qarma(false, 5, Q5_SIGNED25 ^ VEL2_BIT(39), 25);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);

	v = setup_qarma(false, 5, Q5_SIGNED25, 25);
	wr(ID(ID_AA64ISAR1_EL1), ISAR1_QARMA5(5) & ~(1ULL << 24));
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0x402000b0);
	assert_int_equal(vel2_sim.pacga_calls, 0);
	assert_int_equal(vel2_sim.qarma_calls, 1);
}

/*
 * The documented limit: an IMPLEMENTATION DEFINED algorithm has only
 * PACGA, so a field bit below 32 is not checked (QEMU's default -cpu max;
 * the eretpac5 guest shows the whole field checked on a QARMA5 CPU).
 */
static void test_impdef_low_bits_unchecked(void **state)
{
	u64 good = sign(0x1234, SP2, key_a, 16, false, true);
	struct vel2_vcpu *v = setup(false, 5, good ^ VEL2_BIT(20));

	wr(ID(TCR_EL2), 48);
	wr(ID(ID_AA64MMFR2_EL1), MMFR2_ST);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, 0x1234);
	assert_int_equal(vel2_sim.qarma_calls, 0);

	v = setup(false, 5, good ^ VEL2_BIT(40));
	wr(ID(TCR_EL2), 48);
	wr(ID(ID_AA64MMFR2_EL1), MMFR2_ST);
	assert_int_equal(exit_with(v, ESR_ERETAA, PC), VEL2_INJECTED);
}

/*
 * pac_auth.c takes the CPU's algorithm from the guest's ID registers: that
 * holds because vel2 passes the pointer authentication fields through
 * (QEMU's ISAR1/ISAR2 for QARMA5, QARMA3 and IMPLEMENTATION DEFINED).
 */
static void test_pauth_id_fields_are_the_cpus(void **state)
{
	static const u64 isar1[] = { 0x0111211101211052ULL,
				     0x0111211100211002ULL,
				     0x0111211110211502ULL };
	static const u64 isar2[] = { 0x110012, 0x115112 };
	u64 f1 = VEL2_ID_AA64ISAR1_APA | VEL2_ID_AA64ISAR1_API |
		 VEL2_ID_AA64ISAR1_GPA | VEL2_ID_AA64ISAR1_GPI;
	u64 f2 = VEL2_ID_AA64ISAR2_APA3 | VEL2_ID_AA64ISAR2_GPA3;
	unsigned int i;

	for (i = 0; i < VEL2_ARRAY_SIZE(isar1); i++)
		assert_int_equal(
			vel2_id_sanitise(ID(ID_AA64ISAR1_EL1), isar1[i]) & f1,
			isar1[i] & f1);
	for (i = 0; i < VEL2_ARRAY_SIZE(isar2); i++)
		assert_int_equal(
			vel2_id_sanitise(ID(ID_AA64ISAR2_EL1), isar2[i]) & f2,
			isar2[i] & f2);
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
		cmocka_unit_test(test_qarma5_low_bits),
		cmocka_unit_test(test_qarma3_low_bits),
		cmocka_unit_test(test_qarma5_pauth1_low_bit),
		cmocka_unit_test(test_qarma5_pacga_when_it_covers),
		cmocka_unit_test(test_impdef_low_bits_unchecked),
		cmocka_unit_test(test_pauth_id_fields_are_the_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
