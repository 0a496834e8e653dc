// SPDX-License-Identifier: MIT
/*
 * E2H-dependent register formats (src/core/format.c), with field values
 * built by hand from the Arm ARM (DDI 0487) field descriptions of
 * SCTLR_EL2/SCTLR_EL1, TCR_EL2/TCR_EL1, CPTR_EL2/CPACR_EL1,
 * TTBR0_EL2/TTBR0_EL1 and CNTHCTL_EL2/CNTKCTL_EL1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <vel2/format.h>

#define B(n) VEL2_BIT(n)
#define M(h, l) VEL2_GENMASK(h, l)

static u64 field(u64 v, unsigned int h, unsigned int l)
{
	return (v & M(h, l)) >> l;
}

/* ---- SCTLR_EL2 ---------------------------------------------------------- */

static void test_sctlr_nvhe_sanitise(void **state)
{
	u64 v = vel2_fmt_sanitise(VEL2_FMT_SCTLR_EL2, 0, false);

	/* RES1 in the E2H == 0 layout: SA0, CP15BEN, nTWI, nTWE, SPAN,
	 * nTLSMD, LSMAOE. */
	assert_int_equal(v,
			 B(4) | B(5) | B(16) | B(18) | B(23) | B(28) | B(29));
	/* EL0-only fields (DZE[14], UCT[15], UCI[26], EPAN[57], EnTP2[60],
	 * TIDCP[63]) and bit 9 are RES0 with E2H == 0. */
	v = vel2_fmt_sanitise(VEL2_FMT_SCTLR_EL2,
			      B(14) | B(15) | B(26) | B(57) | B(60) | B(63) |
				      B(9) | B(0) | B(25),
			      false);
	assert_int_equal(
		v & (B(14) | B(15) | B(26) | B(57) | B(60) | B(63) | B(9)), 0);
	assert_true(v & B(0)); /* M */
	assert_true(v & B(25)); /* EE */
}

static void test_sctlr_nvhe_to_el1(void **state)
{
	/* M, C, I, WXN, IESB, EE, EnIA set by an nVHE guest hypervisor. */
	u64 el2 = B(0) | B(2) | B(12) | B(19) | B(21) | B(25) | B(31);
	u64 el1 = vel2_fmt_to_el1(
		VEL2_FMT_SCTLR_EL2,
		vel2_fmt_sanitise(VEL2_FMT_SCTLR_EL2, el2, false), false);

	assert_int_equal(el1 & el2, el2); /* same place, same meaning */
	assert_true(el1 & B(23)); /* SPAN: no PAN on entry */
	assert_true(el1 & B(16)); /* nTWI */
	assert_true(el1 & B(18)); /* nTWE */
	assert_true(el1 & B(28)); /* nTLSMD */
	assert_true(el1 & B(29)); /* LSMAOE */
	assert_false(el1 & B(14)); /* DZE */
	assert_false(el1 & B(26)); /* UCI */
	assert_false(el1 & B(57)); /* EPAN */
	assert_false(el1 & B(32)); /* CMOW: EL0-only at nVHE EL2 */
	assert_false(vel2_fmt_is_identity(VEL2_FMT_SCTLR_EL2, false));
}

static void test_sctlr_vhe(void **state)
{
	u64 v = B(0) | B(14) | B(23) | B(57) | B(26);

	assert_true(vel2_fmt_is_identity(VEL2_FMT_SCTLR_EL2, true));
	assert_int_equal(vel2_fmt_to_el1(VEL2_FMT_SCTLR_EL2, v, true), v);
	/* Nothing forced to 1 under E2H == 1; bits 9, 17, 53:50 RES0. */
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_SCTLR_EL2, 0, true), 0);
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_SCTLR_EL2,
					   v | B(9) | B(17) | B(50), true),
			 v);
}

/* ---- TCR_EL2 ------------------------------------------------------------ */

static void test_tcr_nvhe(void **state)
{
	/* T0SZ = 25, IRGN0 = ORGN0 = WBWA, SH0 = Inner, TG0 = 4K,
	 * PS = 0b101 (48 bits), TBI = 1, HA = HD = 1, HPD = 1. */
	u64 el2 = 25 | (1u << 8) | (1u << 10) | (3u << 12) | (0u << 14) |
		  (5ull << 16) | B(20) | B(21) | B(22) | B(24);
	u64 s = vel2_fmt_sanitise(VEL2_FMT_TCR_EL2, el2, false);
	u64 el1 = vel2_fmt_to_el1(VEL2_FMT_TCR_EL2, s, false);

	assert_int_equal(s, el2 | B(31) | B(23)); /* RES1 bits */
	assert_int_equal(field(el1, 5, 0), 25); /* T0SZ */
	assert_int_equal(field(el1, 9, 8), 1); /* IRGN0 */
	assert_int_equal(field(el1, 11, 10), 1); /* ORGN0 */
	assert_int_equal(field(el1, 13, 12), 3); /* SH0 */
	assert_int_equal(field(el1, 15, 14), 0); /* TG0 */
	assert_false(el1 & B(7)); /* EPD0 = 0 */
	assert_true(el1 & B(23)); /* EPD1 = 1 */
	assert_int_equal(field(el1, 34, 32), 5); /* IPS <- PS */
	assert_true(el1 & B(37)); /* TBI0 <- TBI */
	assert_false(el1 & B(38)); /* TBI1 */
	assert_true(el1 & B(39)); /* HA */
	assert_true(el1 & B(40)); /* HD */
	assert_true(el1 & B(41)); /* HPD0 <- HPD */
	assert_int_equal(field(el1, 21, 16), 0); /* T1SZ */
	assert_false(el1 & B(22)); /* A1 */
	assert_false(vel2_fmt_is_identity(VEL2_FMT_TCR_EL2, false));
}

static void test_tcr_nvhe_moves(void **state)
{
	/* HWU59..62[28:25] -> [46:43], TBID[29] -> TBID0[51],
	 * TCMA[30] -> TCMA0[57], DS[32] -> DS[59], MTX[33] -> MTX0[60]. */
	u64 el1 = vel2_fmt_to_el1(
		VEL2_FMT_TCR_EL2,
		(0xaull << 25) | B(29) | B(30) | B(32) | B(33), false);

	assert_int_equal(field(el1, 46, 43), 0xa);
	assert_true(el1 & B(51));
	assert_true(el1 & B(57));
	assert_true(el1 & B(59));
	assert_true(el1 & B(60));
	/* bits [63:34], 19 and 7:6 are RES0 with E2H == 0 */
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_TCR_EL2,
					   B(40) | B(19) | B(6), false),
			 B(31) | B(23));
}

static void test_tcr_vhe(void **state)
{
	u64 v = 16 | B(23) | (5ull << 32) | B(37) | B(38) | B(59);

	assert_true(vel2_fmt_is_identity(VEL2_FMT_TCR_EL2, true));
	assert_int_equal(vel2_fmt_to_el1(VEL2_FMT_TCR_EL2, v, true), v);
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_TCR_EL2, v | B(35), true),
			 v);
}

/* ---- CPTR_EL2 ----------------------------------------------------------- */

static void test_cptr_nvhe(void **state)
{
	u64 res1 = M(7, 0) | B(9) | B(13);
	u64 el1;

	/* Nothing trapped: TZ = TFP = TSM = TTA = 0. */
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_CPTR_EL2, 0, false), res1);
	el1 = vel2_fmt_to_el1(VEL2_FMT_CPTR_EL2, res1, false);
	assert_int_equal(field(el1, 21, 20), 3); /* FPEN */
	assert_int_equal(field(el1, 17, 16), 3); /* ZEN */
	assert_int_equal(field(el1, 25, 24), 3); /* SMEN */
	assert_false(el1 & B(28)); /* TTA */

	/* TFP = 1 gives FPEN = 0b00. */
	el1 = vel2_fmt_to_el1(VEL2_FMT_CPTR_EL2, res1 | B(10), false);
	assert_int_equal(field(el1, 21, 20), 0);
	assert_int_equal(field(el1, 17, 16), 3);
	/* TZ = 1, TSM = 1, TTA[20] = 1. */
	el1 = vel2_fmt_to_el1(VEL2_FMT_CPTR_EL2, res1 | B(8) | B(12) | B(20),
			      false);
	assert_int_equal(field(el1, 17, 16), 0);
	assert_int_equal(field(el1, 25, 24), 0);
	assert_int_equal(field(el1, 21, 20), 3);
	assert_true(el1 & B(28));
	/* TAM, TCPAC have no CPACR_EL1 counterpart. */
	el1 = vel2_fmt_to_el1(VEL2_FMT_CPTR_EL2, res1 | B(30) | B(31), false);
	assert_int_equal(el1 & M(31, 30), 0);
	assert_false(vel2_fmt_is_identity(VEL2_FMT_CPTR_EL2, false));
}

static void test_cptr_vhe(void **state)
{
	/* CPACR layout: ZEN = 0b01, FPEN = 0b11, SMEN = 0b10, TTA, E0POE,
	 * plus TAM and TCPAC, which are dropped in the EL1 copy. */
	u64 v = (1ull << 16) | (3ull << 20) | (2ull << 24) | B(28) | B(29);

	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_CPTR_EL2,
					   v | B(30) | B(31) | B(8) | B(10),
					   true),
			 v | B(30) | B(31));
	assert_int_equal(
		vel2_fmt_to_el1(VEL2_FMT_CPTR_EL2, v | B(30) | B(31), true), v);
	assert_false(vel2_fmt_is_identity(VEL2_FMT_CPTR_EL2, true));
}

/* ---- TTBR0_EL2 ---------------------------------------------------------- */

static void test_ttbr0(void **state)
{
	u64 v = (0x1234ull << 48) | 0x80001000ull | 1; /* ASID, BADDR, CnP */

	assert_int_equal(vel2_fmt_to_el1(VEL2_FMT_TTBR0_EL2, v, false),
			 0x80001001ull);
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_TTBR0_EL2, v, false),
			 0x80001001ull);
	assert_int_equal(vel2_fmt_to_el1(VEL2_FMT_TTBR0_EL2, v, true), v);
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_TTBR0_EL2, v, true), v);
	assert_true(vel2_fmt_is_identity(VEL2_FMT_TTBR0_EL2, true));
	assert_false(vel2_fmt_is_identity(VEL2_FMT_TTBR0_EL2, false));
}

/* ---- CNTHCTL_EL2 -------------------------------------------------------- */

static void test_cnthctl(void **state)
{
	/* E2H == 1: EL0PCTEN, EL0VCTEN, EVNTEN, EVNTI = 5, EL0VTEN, EL0PTEN,
	 * EL1PCTEN[10], EL1PTEN[11], ECV[12], EVNTIS[17]. */
	u64 v = B(0) | B(1) | B(2) | (5u << 4) | B(8) | B(9) | B(10) | B(11) |
		B(12) | B(17);
	u64 el1 = vel2_fmt_to_el1(VEL2_FMT_CNTHCTL_EL2, v, true);

	assert_int_equal(el1,
			 B(0) | B(1) | B(2) | (5u << 4) | B(8) | B(9) | B(17));
	assert_int_equal(
		vel2_fmt_sanitise(VEL2_FMT_CNTHCTL_EL2, v | B(20), true), v);
	/* E2H == 0: EL1PCTEN[0], EL1PCEN[1]; bits 11:8 are RES0. */
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_CNTHCTL_EL2,
					   B(0) | B(1) | B(8) | B(11) | B(12),
					   false),
			 B(0) | B(1) | B(12));
	assert_false(vel2_fmt_is_identity(VEL2_FMT_CNTHCTL_EL2, true));
}

/* ---- Generic ------------------------------------------------------------ */

static const u64 patterns[] = {
	0,
	~0ull,
	0x5555555555555555ull,
	0xaaaaaaaaaaaaaaaaull,
	0x0123456789abcdefull,
	0xfedcba9876543210ull,
};

static void test_sanitise_idempotent(void **state)
{
	for (int f = 0; f < VEL2_NR_FMTS; f++)
		for (int e = 0; e < 2; e++)
			for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(patterns);
			     i++) {
				u64 once = vel2_fmt_sanitise(f, patterns[i], e);

				assert_int_equal(vel2_fmt_sanitise(f, once, e),
						 once);
			}
}

static void test_identity_consistent(void **state)
{
	for (int f = 0; f < VEL2_NR_FMTS; f++)
		for (int e = 0; e < 2; e++) {
			if (!vel2_fmt_is_identity(f, e))
				continue;
			for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(patterns);
			     i++) {
				u64 v = vel2_fmt_sanitise(f, patterns[i], e);

				assert_int_equal(vel2_fmt_to_el1(f, v, e), v);
			}
		}
	assert_true(vel2_fmt_is_identity(VEL2_FMT_NONE, false));
	assert_true(vel2_fmt_is_identity(VEL2_FMT_NONE, true));
	assert_int_equal(vel2_fmt_sanitise(VEL2_FMT_NONE, ~0ull, false), ~0ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sctlr_nvhe_sanitise),
		cmocka_unit_test(test_sctlr_nvhe_to_el1),
		cmocka_unit_test(test_sctlr_vhe),
		cmocka_unit_test(test_tcr_nvhe),
		cmocka_unit_test(test_tcr_nvhe_moves),
		cmocka_unit_test(test_tcr_vhe),
		cmocka_unit_test(test_cptr_nvhe),
		cmocka_unit_test(test_cptr_vhe),
		cmocka_unit_test(test_ttbr0),
		cmocka_unit_test(test_cnthctl),
		cmocka_unit_test(test_sanitise_idempotent),
		cmocka_unit_test(test_identity_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
