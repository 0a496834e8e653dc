// SPDX-License-Identifier: MIT
/*
 * vel2_inject_external_abort(): a stage 2 abort on an IPA with nothing
 * behind it becomes the synchronous external abort real hardware gives.
 * Syndromes are built here from the ESR_ELx layout (EC[31:26], IL[25],
 * abort ISS: WnR[6], FSC[5:0]; FSC 0x10 = synchronous external abort, not
 * on a walk). The vEL2 instruction case is the value QEMU reports natively
 * at EL2 for a fetch from an empty address (the badinput guest).
 */
#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x0c000000ULL
#define FAR 0x0c000000ULL
#define VB2 0x41000000ULL
#define VB1 0x42000000ULL

/* What the hardware reports to vel2: stage 2 faults from a lower EL. */
#define S2_IABT_PERM_L1 (T_EC(0x20) | T_IL | 0x0d)
#define S2_DABT_WRITE_ISV \
	(T_EC(0x24) | T_IL | (1ULL << 24) | (3ULL << 22) | (1ULL << 6) | 0x07)

#define SEA 0x10

static struct vel2_vcpu *guest(bool e2h, bool tge, u64 pstate, u64 hcr_extra)
{
	struct vel2_vcpu *v = fx_enter_vectors(e2h, tge, pstate, VB2, VB1);

	if (hcr_extra)
		wr(ID(HCR_EL2), rd(ID(HCR_EL2)) | hcr_extra);
	return v;
}

static int host_abort(struct vel2_vcpu *v, u64 esr)
{
	assert_int_equal(exit_with(v, esr, PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_ABORT);
	tx.far = FAR; /* the hardware's FAR_EL2: the faulting VA */
	return vel2_inject_external_abort(v, &tx);
}

static void test_fetch_at_vel2(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H, 0);

	assert_int_equal(host_abort(v, S2_IABT_PERM_L1), VEL2_INJECTED);
	/* EC 0x21 (same EL), IL, IFSC 0x10: natively 0x86000010. */
	assert_int_equal(rd(ID(ESR_EL2)), 0x86000010ULL);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(FAR_EL2)), FAR);
	assert_int_equal(rd(ID(SPSR_EL2)), PS_EL2H);
	assert_int_equal(tx.elr, VB2 + 0x200);
	assert_int_equal(vel(v), 2);
}

static void test_write_at_vel2_vhe(void **state)
{
	struct vel2_vcpu *v = guest(true, false, PS_EL2H, 0);

	assert_int_equal(host_abort(v, S2_DABT_WRITE_ISV), VEL2_INJECTED);
	/* EC 0x25, IL, WnR kept, ISV/SAS dropped, DFSC 0x10. */
	assert_int_equal(rd(ID(ESR_EL2)),
			 T_EC(0x25) | T_IL | (1ULL << 6) | SEA);
	assert_int_equal(rd(ID(FAR_EL2)), FAR);
}

static void test_l2_takes_it_at_vel1(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL1H, 0);

	assert_int_equal(host_abort(v, S2_IABT_PERM_L1), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(rd(ID(ESR_EL1)), T_EC(0x21) | T_IL | SEA);
	assert_int_equal(rd(ID(FAR_EL1)), FAR);
	assert_int_equal(tx.elr, VB1 + 0x200);
	/* The guest hypervisor sees nothing. */
	assert_int_equal(rd(ID(ESR_EL2)), 0);
}

static void test_l2_with_tea_goes_to_vel2(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL1H, HCR_TEA);

	assert_int_equal(host_abort(v, S2_DABT_WRITE_ISV), VEL2_INJECTED);
	assert_int_equal(vel(v), 2);
	/* From a lower EL: EC 0x24. */
	assert_int_equal(rd(ID(ESR_EL2)),
			 T_EC(0x24) | T_IL | (1ULL << 6) | SEA);
	assert_int_equal(tx.elr, VB2 + 0x400);
	assert_int_equal(rd(ID(ESR_EL1)), 0);
}

static void test_vel0_goes_to_vel1(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL0T, 0);

	assert_int_equal(host_abort(v, S2_IABT_PERM_L1), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(rd(ID(ESR_EL1)), T_EC(0x20) | T_IL | SEA);
	assert_int_equal(tx.elr, VB1 + 0x400);
}

static void test_not_an_abort_changes_nothing(void **state)
{
	struct vel2_vcpu *v = guest(false, false, PS_EL2H, 0);
	u64 pstate = v->pstate;

	tx.esr = ESR_HVC(1);
	tx.elr = PC;
	assert_int_equal(vel2_inject_external_abort(v, &tx), VEL2_EXIT_EBADESR);
	assert_int_equal(tx.elr, PC);
	assert_int_equal(v->pstate, pstate);
	assert_int_equal(rd(ID(ESR_EL2)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch_at_vel2),
		cmocka_unit_test(test_write_at_vel2_vhe),
		cmocka_unit_test(test_l2_takes_it_at_vel1),
		cmocka_unit_test(test_l2_with_tea_goes_to_vel2),
		cmocka_unit_test(test_vel0_goes_to_vel1),
		cmocka_unit_test(test_not_an_abort_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
