// SPDX-License-Identifier: MIT
/*
 * Exception entry (UNDEF injection, HVC at vEL2): registers written, vector
 * offsets (Arm ARM "Exception vectors": current EL SP0 +0x000, SPx +0x200,
 * lower EL AArch64 +0x400; synchronous +0x0) and PSTATE on entry.
 */
#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x80003000ULL
#define VB2 0x41000000ULL
#define VB1 0x42000000ULL
/* An unallocated EL2 encoding: UNDEFINED wherever it is executed. */
#define ESR_BAD_MRS esr_sys(3, 4, 15, 15, 7, 0, true)

static struct vel2_vcpu *guest(bool e2h, bool tge, u64 pstate)
{
	return fx_enter_vectors(e2h, tge, pstate, VB2, VB1);
}

static void test_undef_vel2_spx_and_sp0(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H);

	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(tx.elr, VB2 + 0x200);
	assert_int_equal(v->pstate, DAIF_ALL | 0x9);

	v = guest(true, false, PS_EL2T);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(tx.elr, VB2 + 0x000);
	assert_int_equal(rd(ID(SPSR_EL2)), PS_EL2T);
	assert_int_equal(v->pstate & 0xf, 0x9); /* EL2h */
}

static void test_undef_vel1_goes_to_vel1(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL1T);

	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(tx.elr, VB1 + 0x000);
	assert_int_equal(rd(ID(ESR_EL1)), ESR_UNDEF);
	assert_int_equal(rd(ID(ELR_EL1)), PC);
	assert_int_equal(rd(ID(SPSR_EL1)), PS_EL1T);
	assert_int_equal(v->pstate & 0xf, 0x5);
	/* vEL2's registers are untouched. */
	assert_int_equal(rd(ID(ESR_EL2)), 0);
}

static void test_undef_vel0_lower_el(void **state)
{
	/* TGE=0: to vEL1, lower EL +0x400. */
	struct vel2_vcpu *v = guest(false, false, PS_EL0T);

	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(tx.elr, VB1 + 0x400);
	/* TGE=1 (E2H=1): to vEL2. */
	v = guest(true, true, PS_EL0T);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, VB2 + 0x400);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
	assert_int_equal(rd(ID(SPSR_EL2)), 0);
}

static void test_entry_pstate_bits(void **state)
{
	/* NZCV and DIT kept; SS, IL, UAO, BTYPE cleared; DAIF set. */
	u64 old = PS_EL1H | (0xfULL << 28) | PSR_DIT | PSR_SS | PSR_UAO |
		  PSR_BTYPE;
	struct vel2_vcpu *v = guest(false, false, PS_EL1H);

	v->pstate = old & ~0x3c0ULL;
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_int_equal(v->pstate, (0xfULL << 28) | PSR_DIT | DAIF_ALL | 0x5);
	assert_int_equal(rd(ID(SPSR_EL1)), old & ~0x3c0ULL);
}

static void test_pan_on_entry(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL1H);

	/* No FEAT_PAN in the guest: PAN unchanged (0). */
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_false(v->pstate & PSR_PAN);

	/* FEAT_PAN (ID_AA64MMFR1_EL1.PAN [23:20]), SCTLR_EL1.SPAN [23] 0. */
	v = guest(false, false, PS_EL1H);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	wr(ID(SCTLR_EL1), 0);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_true(v->pstate & PSR_PAN);

	/* SPAN 1: unchanged. */
	v = guest(false, false, PS_EL1H);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	wr(ID(SCTLR_EL1), 1ULL << 23);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_false(v->pstate & PSR_PAN);

	/* To EL2 with E2H=0: PAN unchanged whatever SCTLR_EL2 says. */
	v = guest(false, false, PS_EL2H);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_false(v->pstate & PSR_PAN);

	/* To EL2 in the EL2&0 regime (E2H=1, TGE=1) with SPAN 0: set. */
	v = guest(true, true, PS_EL2H);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	wr(ID(SCTLR_EL2), 0);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_true(v->pstate & PSR_PAN);

	/*
	 * The cases above cannot tell "unchanged" from "follows SPAN" at EL2:
	 * SPAN [23] is RES1 with E2H=0 and PAN starts at 0. E2H=1, TGE=0 is
	 * not the EL2&0 regime (ELIsInHost(EL0) is false): PAN unchanged
	 * with SPAN 0, both from 0 and from 1.
	 */
	v = guest(true, false, PS_EL2H);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	wr(ID(SCTLR_EL2), 0);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_false(v->pstate & PSR_PAN);
	v = guest(true, false, PS_EL2H | PSR_PAN);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	wr(ID(SCTLR_EL2), 0);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_true(v->pstate & PSR_PAN);
	/* E2H=0 from PAN 1: still 1 (not cleared). */
	v = guest(false, false, PS_EL2H | PSR_PAN);
	wr(ID(ID_AA64MMFR1_EL1), 1ULL << 20);
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_true(v->pstate & PSR_PAN);
}

static void test_ssbs_and_tco_on_entry(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL1H);

	/* FEAT_SSBS (ID_AA64PFR1_EL1.SSBS [7:4]) and FEAT_MTE ([11:8]). */
	wr(ID(ID_AA64PFR1_EL1), (1ULL << 4) | (2ULL << 8));
	wr(ID(SCTLR_EL1), 1ULL << 44); /* DSSBS */
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_true(v->pstate & PSR_SSBS);
	assert_true(v->pstate & PSR_TCO);

	v = guest(false, false, PS_EL1H | PSR_SSBS);
	wr(ID(ID_AA64PFR1_EL1), 1ULL << 4);
	wr(ID(SCTLR_EL1), 0);
	v->pstate = PS_EL1H | PSR_SSBS;
	assert_int_equal(exit_with(v, ESR_BAD_MRS, PC), VEL2_INJECTED);
	assert_false(v->pstate & PSR_SSBS);
	assert_false(v->pstate & PSR_TCO);
}

static void test_far_not_written_for_undef(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H);

	wr(ID(FAR_EL2), 0x1234);
	memset(&tx, 0, sizeof(tx));
	tx.esr = ESR_BAD_MRS;
	tx.elr = PC;
	tx.far = 0xdead0000; /* the host's stale FAR_EL2 */
	tx.spsr = phys_spsr(v->pstate);
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_INJECTED);
	assert_int_equal(rd(ID(FAR_EL2)), 0x1234);
}

static void test_hvc_at_vel2_to_itself(void **state)
{
	struct vel2_vcpu *v = guest(true, false, PS_EL2H);

	/* ELR_EL2 of an HVC exit is the next instruction. */
	assert_int_equal(exit_with(v, ESR_HVC(0x42), PC + 4), VEL2_INJECTED);
	assert_int_equal(tx.elr, VB2 + 0x200);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_HVC(0x42));
	assert_int_equal(rd(ID(ELR_EL2)), PC + 4);
}

static void test_hvc_hcd_undef_points_at_hvc(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H);

	wr(ID(HCR_EL2), 1ULL << 29); /* HCD, no EL3 in the guest */
	assert_int_equal(exit_with(v, ESR_HVC(0), PC + 4), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
	assert_int_equal(rd(ID(ELR_EL2)), PC);

	/* With EL3 (ID_AA64PFR0_EL1.EL3 [15:12]) HCD is RES0. */
	v = guest(false, false, PS_EL2H);
	wr(ID(HCR_EL2), 1ULL << 29);
	wr(ID(ID_AA64PFR0_EL1), 1ULL << 12);
	assert_int_equal(exit_with(v, ESR_HVC(0), PC + 4), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_HVC(0));
}

static void test_exit_api_errors(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H);
	u64 before = v->pstate;

	assert_int_equal(vel2_handle_exit(NULL, &tx), VEL2_EXIT_EINVAL);
	assert_int_equal(vel2_handle_exit(v, NULL), VEL2_EXIT_EINVAL);
	/* Physical EL2 in SPSR_EL2: not a guest exit. */
	memset(&tx, 0, sizeof(tx));
	tx.esr = ESR_HVC(0);
	tx.spsr = 0x9;
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_EXIT_EBADSTATE);
	tx.spsr = 0x10; /* AArch32 */
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_EXIT_EBADSTATE);
	/* EL0 while vEL2 with E2H=0: the hardware cannot get there. */
	tx.spsr = 0x0;
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_EXIT_EBADSTATE);
	tx.spsr = 0x5;
	tx.esr = 0x25ULL << 26; /* Data Abort, same EL */
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_EXIT_EBADESR);
	assert_int_equal(v->pstate, before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undef_vel2_spx_and_sp0),
		cmocka_unit_test(test_undef_vel1_goes_to_vel1),
		cmocka_unit_test(test_undef_vel0_lower_el),
		cmocka_unit_test(test_entry_pstate_bits),
		cmocka_unit_test(test_pan_on_entry),
		cmocka_unit_test(test_ssbs_and_tco_on_entry),
		cmocka_unit_test(test_far_not_written_for_undef),
		cmocka_unit_test(test_hvc_at_vel2_to_itself),
		cmocka_unit_test(test_hvc_hcd_undef_points_at_hvc),
		cmocka_unit_test(test_exit_api_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
