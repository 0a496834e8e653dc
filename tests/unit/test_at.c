// SPDX-License-Identifier: MIT
/*
 * vel2_at_par(): AT on the guest's EL1&0 regime, stage 1 tables built by
 * hand (Arm ARM D8.3 stage 1 descriptors, D24.2 TCR_EL1/MAIR_EL1), and the
 * PAR_EL1 fields from D24.2 PAR_EL1: success F=0, SH[8:7], NS[9],
 * PA[47:12], ATTR[63:56]; fault F=1, FST[6:1], PTW[8], S[9]; bit 11 RES1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <vel2/at.h>

#include "helpers/gmem.h"

#define T(n) (GMEM_BASE + (uint64_t)(n)*0x10000)

/* Stage 1 descriptor bits (D8.3). */
#define S1_VALID (1ULL << 0)
#define S1_TABLE (1ULL << 1)
#define S1_IDX(n) ((uint64_t)(n) << 2)
#define S1_AP_EL0 (1ULL << 6) /* AP[1] */
#define S1_AP_RO (1ULL << 7) /* AP[2] */
#define S1_SH_IS (3ULL << 8)
#define S1_AF (1ULL << 10)
#define S1_UXN (1ULL << 54)
#define S1_APT_NOEL0 (1ULL << 61)
#define S1_PAGE (S1_VALID | S1_TABLE | S1_AF | S1_SH_IS | S1_IDX(1))

/* TCR_EL1 (D24.2). */
#define TCR_T0SZ(n) ((uint64_t)(n))
#define TCR_EPD0 (1ULL << 7)
#define TCR_TG0_64K (1ULL << 14)
#define TCR_T1SZ(n) ((uint64_t)(n) << 16)
#define TCR_TG1_4K (2ULL << 30)
#define TCR_IPS_40 (2ULL << 32)
#define TCR_TBI0 (1ULL << 37)
#define TCR_HPD0 (1ULL << 41)

/* MAIR: idx0 Device-nGnRnE, idx1 Normal WB RW-alloc, idx2 Normal NC,
 * idx3 Device-nGnRE. */
#define MAIR 0x0444ff00ULL

#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_EPAN (1ULL << 57)

#define PAR_OK(pa, attr, sh)                                                  \
	(((uint64_t)(attr) << 56) | (pa) | ((uint64_t)(sh) << 7) | (1 << 9) | \
	 (1 << 11))
#define PAR_FAULT(fst, s, ptw)                                              \
	(1 | ((fst) << 1) | ((uint64_t)(ptw) << 8) | ((uint64_t)(s) << 9) | \
	 (1 << 11))

static struct vel2_s1_regs s1;
static struct vel2_s2_cfg s2;

/* Stage 1: 4K granule, 48-bit VA both halves (4 levels, start level 0).
 * TTBR0: VA 0x1000_0000 + n*4K -> pages in table T(3); TTBR1: VA
 * 0xffff_8000_0000_0000 -> page T(12). Stage 2 (off unless enabled):
 * 4K, 40-bit IPA from level 1, T(20) tables. */
static void build(void)
{
	gmem_reset();
	s1 = (struct vel2_s1_regs){
		.sctlr = SCTLR_M | SCTLR_C,
		.tcr = TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_TG1_4K | TCR_IPS_40,
		.ttbr0 = T(0) | (1ULL << 48),
		.ttbr1 = T(8),
		.mair = MAIR,
	};
	s2 = (struct vel2_s2_cfg){ .vttbr = T(20),
				   .vtcr = VT_T0SZ(24) | VT_SL0(1) | VT_TG0_4K |
					   VT_PS(2) | VT_RES1,
				   .hcr = 0,
				   .pa_bits = 40,
				   .feat = VEL2_S2F_XNX };
	gmem_set(T(0), 0, T(1) | S1_VALID | S1_TABLE);
	gmem_set(T(1), 0, T(2) | S1_VALID | S1_TABLE);
	gmem_set(T(2), 0x80, T(3) | S1_VALID | S1_TABLE); /* VA 0x10000000 */
	gmem_set(T(3), 0, T(4) | S1_PAGE); /* EL1 RW */
	gmem_set(T(3), 1, T(4) | S1_PAGE | S1_AP_EL0); /* EL0 RW */
	gmem_set(T(3), 2, T(4) | S1_PAGE | S1_AP_RO); /* EL1 RO */
	gmem_set(T(3), 3, T(4) | (S1_PAGE & ~S1_AF)); /* AF = 0 */
	gmem_set(T(3), 4,
		 (T(4) + 0x1000) | (S1_PAGE & ~S1_IDX(1)) |
			 S1_IDX(3)); /* Device-nGnRE */
	gmem_set(T(3), 5, T(4) | S1_PAGE | S1_UXN); /* EL0 no exec */
	gmem_set(T(2), 0x81,
		 0x40000000 | S1_VALID | S1_AF | S1_IDX(2)); /* 2M */
	gmem_set(T(8), 256, T(9) | S1_VALID | S1_TABLE | S1_APT_NOEL0);
	gmem_set(T(9), 0, T(10) | S1_VALID | S1_TABLE);
	gmem_set(T(10), 0, T(11) | S1_VALID | S1_TABLE);
	gmem_set(T(11), 0, T(12) | S1_PAGE | S1_AP_EL0);
	/* Stage 2: identity 1G blocks over guest RAM, except the 2M holding
	 * T(4): level 3 pages: T(4) -> T(13) Normal NC, T(4)+4K unmapped. */
	gmem_set(T(20), 2, T(21) | D_VALID | D_TABLE);
	for (uint64_t i = 0; i < 512; i++)
		gmem_set(T(21), i, (0x80000000ULL + (i << 21)) | D_LEAF);
	gmem_set(T(21), (T(4) - 0x80000000ULL) >> 21,
		 T(22) | D_VALID | D_TABLE);
	for (uint64_t i = 0; i < 512; i++)
		gmem_set(T(22), i,
			 ((T(4) & ~0x1fffffULL) + (i << 12)) | D_LEAF | D_PAGE);
	gmem_set(T(22), (T(4) >> 12) & 511,
		 T(13) | D_VALID | D_PAGE | D_ATTR_NC | D_S2AP_R | D_AF);
	gmem_set(T(22), ((T(4) >> 12) & 511) + 1, 0);
}

static uint64_t at(enum vel2_at_op op, uint64_t va)
{
	return vel2_at_par(&s1, &s2, &gmem_ops, op, va);
}

static void test_stage1_off(void **state)
{
	(void)state;
	build();
	s1.sctlr = 0;
	/* Device-nGnRnE, Outer Shareable: the VA is the output. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x40203123),
			 PAR_OK(0x40203000, 0x00, 2));
	/* HCR_EL2.DC: Normal WB, Non-shareable, whatever SCTLR says. */
	s2.hcr = H_DC;
	s1.sctlr = SCTLR_M;
	assert_int_equal(at(VEL2_AT_S1E1R, 0x40203123),
			 PAR_OK(0x40203000, 0xff, 0));
	/* Beyond PAMax: Address size fault, level 0. */
	s2.hcr = 0;
	s1.sctlr = 0;
	assert_int_equal(at(VEL2_AT_S1E1R, 1ULL << 40), PAR_FAULT(0x00, 0, 0));
}

static void test_stage1_pages(void **state)
{
	(void)state;
	build();
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10000abc), PAR_OK(T(4), 0xff, 3));
	assert_int_equal(at(VEL2_AT_S1E1W, 0x10000abc), PAR_OK(T(4), 0xff, 3));
	/* EL1-only page: EL0 gets a Permission fault, level 3 (0x0f). */
	assert_int_equal(at(VEL2_AT_S1E0R, 0x10000abc), PAR_FAULT(0x0f, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E0W, 0x10001000), PAR_OK(T(4), 0xff, 3));
	/* Read-only: writes fault. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10002000), PAR_OK(T(4), 0xff, 3));
	assert_int_equal(at(VEL2_AT_S1E1W, 0x10002000), PAR_FAULT(0x0f, 0, 0));
	/* AF = 0: Access flag fault, level 3 (0x0b). */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10003000), PAR_FAULT(0x0b, 0, 0));
	/* MAIR index 3: Device-nGnRE, reported Outer Shareable. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10004000),
			 PAR_OK(T(4) + 0x1000, 0x04, 2));
	/* A 2M block at level 2, MAIR index 2 (NC): Outer Shareable. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10212345),
			 PAR_OK(0x40012000, 0x44, 2));
	/* The 2M block is EL1-only: EL0 faults at level 2 (0x0e). */
	assert_int_equal(at(VEL2_AT_S1E0R, 0x10212345), PAR_FAULT(0x0e, 0, 0));
	/* TCR_EL1.E0PD0 (bit 55): EL0 walks of TTBR0 fault at level 0. */
	s1.tcr |= 1ULL << 55;
	assert_int_equal(at(VEL2_AT_S1E0W, 0x10001000), PAR_FAULT(0x04, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E1W, 0x10001000), PAR_OK(T(4), 0xff, 3));
	s1.tcr &= ~(1ULL << 55);
	/* Unmapped at level 3, at level 2. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10006000), PAR_FAULT(0x07, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10400000), PAR_FAULT(0x06, 0, 0));
	/* SCTLR_EL1.C = 0: Normal memory is Non-cacheable for data. */
	s1.sctlr = SCTLR_M;
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10000000), PAR_OK(T(4), 0x44, 2));
}

static void test_ranges_and_tbi(void **state)
{
	(void)state;
	build();
	/* TTBR1: APTable[0] in the level 0 entry takes EL0 access away. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0xffff800000000008ULL),
			 PAR_OK(T(12), 0xff, 3));
	assert_int_equal(at(VEL2_AT_S1E0R, 0xffff800000000008ULL),
			 PAR_FAULT(0x0f, 0, 0));
	/* ... unless TCR_EL1.HPD1 (bit 42) disables table attributes. */
	s1.tcr |= 1ULL << 42;
	assert_int_equal(at(VEL2_AT_S1E0R, 0xffff800000000008ULL),
			 PAR_OK(T(12), 0xff, 3));
	/* A tagged VA: a Translation fault at level 0 without TBI0. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x5a00000010000000ULL),
			 PAR_FAULT(0x04, 0, 0));
	s1.tcr |= TCR_TBI0;
	assert_int_equal(at(VEL2_AT_S1E1R, 0x5a00000010000000ULL),
			 PAR_OK(T(4), 0xff, 3));
	/* A VA in neither range. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0x0001000000000000ULL),
			 PAR_FAULT(0x04, 0, 0));
	/* EPD0: walks of TTBR0 fault at level 0. */
	s1.tcr |= TCR_EPD0;
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10000000), PAR_FAULT(0x04, 0, 0));
}

/* PAN for AT S1E1RP/WP (FEAT_PAN2): EL0-accessible pages fault; with
 * SCTLR_EL1.EPAN also EL0-executable ones. */
static void test_pan(void **state)
{
	(void)state;
	build();
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10001000), PAR_OK(T(4), 0xff, 3));
	assert_int_equal(at(VEL2_AT_S1E1RP, 0x10001000), PAR_FAULT(0x0f, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E1WP, 0x10001000), PAR_FAULT(0x0f, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E1RP, 0x10000000), PAR_OK(T(4), 0xff, 3));
	s1.sctlr |= SCTLR_EPAN;
	assert_int_equal(at(VEL2_AT_S1E1RP, 0x10000000), PAR_FAULT(0x0f, 0, 0));
	assert_int_equal(at(VEL2_AT_S1E1RP, 0x10005000), PAR_OK(T(4), 0xff, 3));
}

/* With the guest's stage 2 on: S1 gives the IPA, S12 the PA with the
 * attributes combined (D8.6.5); stage 2 faults set S (and PTW on the
 * stage 1 walk). */
static void test_stage12(void **state)
{
	(void)state;
	build();
	s2.hcr = H_VM;
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10000abc), PAR_OK(T(4), 0xff, 3));
	/* WB over stage 2 Normal NC: NC, reported Outer Shareable. */
	assert_int_equal(at(VEL2_AT_S12E1R, 0x10000abc),
			 PAR_OK(T(13), 0x44, 2));
	/* Stage 2 read-only: S12E1W is a stage 2 Permission fault, level
	 * 3, S=1, PTW=0. S1E1W does not look at stage 2's permission. */
	assert_int_equal(at(VEL2_AT_S12E1W, 0x10000abc), PAR_FAULT(0x0f, 1, 0));
	assert_int_equal(at(VEL2_AT_S1E1W, 0x10000abc), PAR_OK(T(4), 0xff, 3));
	/* Stage 2 Normal write-through over WB read/write-allocate: both
	 * halves 0b1011 (WT non-transient, hints kept). */
	gmem_set(T(22), (T(4) >> 12) & 511,
		 T(13) | D_VALID | D_PAGE | (0xaULL << 2) | D_S2AP_RW | D_AF);
	assert_int_equal(at(VEL2_AT_S12E1R, 0x10000abc),
			 PAR_OK(T(13), 0xbb, 3));
	gmem_set(T(22), (T(4) >> 12) & 511,
		 T(13) | D_VALID | D_PAGE | D_ATTR_NC | D_S2AP_R | D_AF);
	/* Output IPA unmapped at stage 2: Translation level 3, S=1. */
	assert_int_equal(at(VEL2_AT_S12E1R, 0x10004000), PAR_FAULT(0x07, 1, 0));
	/* EL0: stage 1 first (EL1-only page), then stage 2. */
	assert_int_equal(at(VEL2_AT_S12E0R, 0x10004000), PAR_FAULT(0x0f, 0, 0));
	assert_int_equal(at(VEL2_AT_S12E0R, 0x10001000),
			 PAR_OK(T(13), 0x44, 2));
	assert_int_equal(at(VEL2_AT_S12E0W, 0x10001000), PAR_FAULT(0x0f, 1, 0));
	/* Device-nGnRE at stage 1 over stage 2 WB: Device-nGnRE. */
	gmem_set(T(22), ((T(4) >> 12) & 511) + 1,
		 (T(4) + 0x1000) | D_LEAF | D_PAGE);
	assert_int_equal(at(VEL2_AT_S12E1R, 0x10004000),
			 PAR_OK(T(4) + 0x1000, 0x04, 2));
	/* A stage 1 table in an IPA stage 2 does not map: S=1, PTW=1, the
	 * stage 2 level (1: the IPA is above the mapped 1G). */
	gmem_set(T(2), 0x82, (3ULL << 30) | S1_VALID | S1_TABLE);
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10400000), PAR_FAULT(0x05, 1, 1));
	/* Tables outside guest RAM with stage 2 off: external abort on the
	 * walk at that level (0x14 + 3). */
	s2.hcr = 0;
	gmem_set(T(2), 0x82, 0x1000 | S1_VALID | S1_TABLE);
	assert_int_equal(at(VEL2_AT_S1E1R, 0x10400000), PAR_FAULT(0x17, 0, 0));
}

/* 64K granule, 42-bit VA: start at level 2 (8192-entry tables). */
static void test_64k(void **state)
{
	(void)state;
	build();
	s1.tcr = TCR_T0SZ(22) | TCR_TG0_64K | TCR_IPS_40 | (1ULL << 23);
	s1.ttbr0 = T(30);
	gmem_set(T(30), 3, T(31) | S1_VALID | S1_TABLE);
	gmem_set(T(31), 8191, T(32) | S1_PAGE);
	assert_int_equal(
		at(VEL2_AT_S1E1R, (3ULL << 29) | (8191ULL << 16) | 0x1234),
		PAR_OK(T(32) + 0x1000, 0xff, 3));
	/* TTBR1 disabled (EPD1): the upper range faults at level 0. */
	assert_int_equal(at(VEL2_AT_S1E1R, 0xfffffc0000000000ULL),
			 PAR_FAULT(0x04, 0, 0));
}

static void test_decode(void **state)
{
	enum vel2_at_op op;

	(void)state;
	/* Encodings as GNU as assembles them. */
	assert_true(vel2_at_decode(0, 7, 8, 0, &op));
	assert_int_equal(op, VEL2_AT_S1E1R);
	assert_true(vel2_at_decode(0, 7, 8, 3, &op));
	assert_int_equal(op, VEL2_AT_S1E0W);
	assert_true(vel2_at_decode(0, 7, 9, 1, &op));
	assert_int_equal(op, VEL2_AT_S1E1WP);
	assert_true(vel2_at_decode(4, 7, 8, 4, &op));
	assert_int_equal(op, VEL2_AT_S12E1R);
	assert_true(vel2_at_decode(4, 7, 8, 7, &op));
	assert_int_equal(op, VEL2_AT_S12E0W);
	/* AT S1E2R (4, 7, 8, 0) is the host's, DC (CRn 7, CRm 6) none. */
	assert_false(vel2_at_decode(4, 7, 8, 0, &op));
	assert_false(vel2_at_decode(0, 7, 6, 1, &op));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage1_off),
		cmocka_unit_test(test_stage1_pages),
		cmocka_unit_test(test_ranges_and_tbi),
		cmocka_unit_test(test_pan),
		cmocka_unit_test(test_stage12),
		cmocka_unit_test(test_64k),
		cmocka_unit_test(test_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
