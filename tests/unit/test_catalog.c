// SPDX-License-Identifier: MIT
/*
 * Catalog invariants (sysregs.def) and the encoding lookup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vel2/sysreg.h>

#define N VEL2_NR_SYSREGS
#define INFO(i) (&vel2_sysreg_info[i])

static void test_names_and_ids(void **state)
{
	for (unsigned int i = 0; i < N; i++) {
		assert_non_null(INFO(i)->name);
		assert_true(vel2_sysreg_valid(i));
		assert_true(INFO(i)->target < N);
		assert_true(INFO(i)->loc <= VEL2_LOC_ALIAS);
		assert_true(INFO(i)->fmt < VEL2_NR_FMTS);
		assert_true(INFO(i)->access <= VEL2_WO);
	}
	assert_false(vel2_sysreg_valid(N));
}

static void test_unique_encodings(void **state)
{
	for (unsigned int i = 0; i < N; i++)
		for (unsigned int j = i + 1; j < N; j++)
			if (INFO(i)->enc == INFO(j)->enc)
				fail_msg("%s and %s share encoding %04x",
					 INFO(i)->name, INFO(j)->name,
					 INFO(i)->enc);
}

/* System registers live in op0 = 2 (debug) and op0 = 3. */
static void test_encoding_space(void **state)
{
	for (unsigned int i = 0; i < N; i++)
		assert_true(VEL2_ENC_OP0(INFO(i)->enc) >= 2);
}

static void test_vncr_offsets(void **state)
{
	for (unsigned int i = 0; i < N; i++) {
		u16 v = INFO(i)->vncr;

		if (v == VEL2_NO_VNCR)
			continue;
		if (v % 8 || v >= VEL2_VNCR_PAGE_SIZE)
			fail_msg("%s: VNCR offset %#x", INFO(i)->name, v);
		/* An alias names another register's storage. */
		assert_int_not_equal(INFO(i)->loc, VEL2_LOC_ALIAS);
		for (unsigned int j = i + 1; j < N; j++)
			if (INFO(j)->vncr == v)
				fail_msg("%s and %s share VNCR offset %#x",
					 INFO(i)->name, INFO(j)->name, v);
	}
}

/* A few offsets spot-checked against the Arm ARM NVMem[] accesses. */
static void test_vncr_known(void **state)
{
	assert_int_equal(INFO(VEL2_SYSREG_VNCR_EL2)->vncr, 0xb0);
	assert_int_equal(INFO(VEL2_SYSREG_CPACR_EL1)->vncr, 0x100);
	assert_int_equal(INFO(VEL2_SYSREG_SCTLR2_EL1)->vncr, 0x278);
	assert_int_equal(INFO(VEL2_SYSREG_ICH_LR15_EL2)->vncr, 0x478);
	assert_int_equal(INFO(VEL2_SYSREG_ICH_AP1R3_EL2)->vncr, 0x4b8);
	assert_int_equal(INFO(VEL2_SYSREG_HCR_EL2)->vncr, 0x78);
}

static void test_slots(void **state)
{
	static unsigned char used[sizeof(struct vel2_sysregs) / 8];

	for (unsigned int i = 0; i < N; i++) {
		u16 s = INFO(i)->slot;

		if (INFO(i)->loc == VEL2_LOC_ALIAS) {
			assert_int_equal(s, VEL2_NO_SLOT);
			continue;
		}
		if (s % 8 || s + 8u > sizeof(struct vel2_sysregs))
			fail_msg("%s: slot %#x out of bounds", INFO(i)->name,
				 s);
		if (INFO(i)->vncr != VEL2_NO_VNCR)
			assert_int_equal(s, INFO(i)->vncr);
		else
			assert_true(s >= VEL2_VNCR_PAGE_SIZE);
		if (used[s / 8])
			fail_msg("%s: slot %#x used twice", INFO(i)->name, s);
		used[s / 8] = 1;
	}
}

/*
 * *_EL12 names the EL1 register (op1 = 0), *_EL02 the EL0 one (op1 = 3),
 * both with op1 = 5 and the rest of the encoding unchanged.
 */
static void test_aliases(void **state)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < N; i++) {
		const struct vel2_sysreg_info *a = INFO(i), *t;
		u16 mask = ~(u16)VEL2_SYS_ENC(0, 7, 0, 0, 0);

		if (a->loc != VEL2_LOC_ALIAS)
			continue;
		n++;
		t = INFO(a->target);
		assert_int_not_equal(t->loc, VEL2_LOC_ALIAS);
		assert_int_equal(VEL2_ENC_OP1(a->enc), 5);
		assert_int_equal(a->enc & mask, t->enc & mask);
		if (strstr(a->name, "_EL02"))
			assert_int_equal(VEL2_ENC_OP1(t->enc), 3);
		else if (strstr(a->name, "_EL12"))
			assert_int_equal(VEL2_ENC_OP1(t->enc), 0);
		else
			fail_msg("alias %s is neither *_EL12 nor *_EL02",
				 a->name);
		assert_int_equal(a->fmt, VEL2_FMT_NONE);
		assert_int_equal(a->vncr, VEL2_NO_VNCR);
	}
	assert_true(n >= 24);
}

static void test_maps(void **state)
{
	for (unsigned int i = 0; i < N; i++) {
		const struct vel2_sysreg_info *r = INFO(i),
					      *t = INFO(r->target);

		switch (r->loc) {
		case VEL2_LOC_MAP_HYP:
		case VEL2_LOC_MAP_VHE:
			/* EL2 registers: op1 = 4, or 6 for SP_EL2. */
			assert_true(VEL2_ENC_OP1(r->enc) == 4 ||
				    VEL2_ENC_OP1(r->enc) == 6);
			if (t->loc != VEL2_LOC_EL1 &&
			    t->loc != VEL2_LOC_EL1_NVHE &&
			    t->loc != VEL2_LOC_SHARED)
				fail_msg("%s maps to %s (loc %u)", r->name,
					 t->name, t->loc);
			break;
		case VEL2_LOC_ALIAS:
			break;
		default:
			assert_int_equal(r->target, i);
			assert_int_equal(r->fmt, VEL2_FMT_NONE);
		}
	}
}

static void test_res_masks(void **state)
{
	for (unsigned int i = 0; i < N; i++)
		assert_int_equal(INFO(i)->res0 & INFO(i)->res1, 0);
}

static void test_access(void **state)
{
	static const unsigned int ro[] = {
		VEL2_SYSREG_MIDR_EL1,	      VEL2_SYSREG_ID_AA64PFR0_EL1,
		VEL2_SYSREG_ID_AA64MMFR2_EL1, VEL2_SYSREG_CTR_EL0,
		VEL2_SYSREG_ICH_VTR_EL2,      VEL2_SYSREG_ICH_MISR_EL2,
		VEL2_SYSREG_ICH_EISR_EL2,     VEL2_SYSREG_ICH_ELRSR_EL2,
	};

	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(ro); i++)
		assert_int_equal(INFO(ro[i])->access, VEL2_RO);
	assert_int_equal(INFO(VEL2_SYSREG_CSSELR_EL1)->access, VEL2_RW);
	assert_int_equal(INFO(VEL2_SYSREG_ICH_HCR_EL2)->access, VEL2_RW);
}

static void test_lookup_roundtrip(void **state)
{
	for (unsigned int i = 0; i < N; i++)
		assert_int_equal(vel2_sysreg_lookup(INFO(i)->enc), (int)i);
}

/* Every one of the 65536 encodings: in the catalog or -VEL2_ENOREG. */
static void test_lookup_sweep(void **state)
{
	unsigned int found = 0;

	for (unsigned int e = 0; e <= 0xffff; e++) {
		int id = vel2_sysreg_lookup((u16)e);

		if (id >= 0) {
			assert_true((unsigned int)id < N);
			assert_int_equal(INFO(id)->enc, e);
			found++;
		} else {
			assert_int_equal(id, -VEL2_ENOREG);
			for (unsigned int i = 0; i < N; i++)
				assert_int_not_equal(INFO(i)->enc, e);
		}
	}
	assert_int_equal(found, N);
}

static void test_lookup_known(void **state)
{
	assert_int_equal(vel2_sysreg_lookup(VEL2_SYS_ENC(3, 4, 1, 1, 0)),
			 VEL2_SYSREG_HCR_EL2);
	assert_int_equal(vel2_sysreg_lookup(VEL2_SYS_ENC(3, 5, 1, 0, 0)),
			 VEL2_SYSREG_SCTLR_EL12);
	assert_int_equal(vel2_sysreg_lookup(VEL2_SYS_ENC(3, 4, 12, 13, 7)),
			 VEL2_SYSREG_ICH_LR15_EL2);
	/* PMCR_EL0: a real register the catalog does not hold. */
	assert_int_equal(vel2_sysreg_lookup(VEL2_SYS_ENC(3, 3, 9, 12, 0)),
			 -VEL2_ENOREG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_ids),
		cmocka_unit_test(test_unique_encodings),
		cmocka_unit_test(test_encoding_space),
		cmocka_unit_test(test_vncr_offsets),
		cmocka_unit_test(test_vncr_known),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_res_masks),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_lookup_roundtrip),
		cmocka_unit_test(test_lookup_sweep),
		cmocka_unit_test(test_lookup_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
