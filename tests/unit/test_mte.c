// SPDX-License-Identifier: MIT
/*
 * FEAT_MTE2 state under vel2 (docs/design.md, "MTE"), on the sim backend.
 * The rules, from the Arm ARM (D10 "The Memory Tagging Extension", D24.2
 * "TFSR_EL1", "TFSR_EL2", "TFSRE0_EL1", "GCR_EL1", "RGSR_EL1"):
 *  - the guest hypervisor at vEL2 runs at physical EL1, so the tag-check
 *    faults it takes asynchronously are recorded by the hardware in the
 *    physical TFSR_EL1: its TFSR_EL2 lives there (both E2H values), and
 *    the value the hardware records is what it reads;
 *  - L2's TFSR_EL1 is on the CPU while L2 runs, stored in hyp context;
 *  - TFSRE0_EL1, GCR_EL1, RGSR_EL1 are one register for every EL;
 *  - without FEAT_MTE2 none of them exists: vel2 never touches the
 *    physical registers and a trapped access is UNDEFINED.
 */
#include "helpers/trap_fixture.h"

#define PC 0x80004000ULL
/* MTE [11:8] of ID_AA64PFR1_EL1: 2 = FEAT_MTE2, 1 = instructions only. */
#define PFR1_MTE(n) ((u64)(n) << 8)

/* Encodings (Arm ARM, each register's "Accessing" section). */
#define ESR_TFSR_EL1(rd) esr_sys(3, 0, 5, 6, 0, 3, rd)
#define ESR_TFSR_EL2(rd) esr_sys(3, 4, 5, 6, 0, 3, rd)
#define ESR_TFSR_EL12(rd) esr_sys(3, 5, 5, 6, 0, 3, rd)
#define ESR_GCR_EL1(rd) esr_sys(3, 0, 1, 0, 6, 3, rd)

static const unsigned int mte_regs[] = { ID(TFSR_EL1), ID(TFSRE0_EL1),
					 ID(GCR_EL1), ID(RGSR_EL1) };

static struct vel2_vcpu *enter(unsigned int mte, bool e2h, u64 pstate)
{
	struct vel2_vcpu *v = fx_reset();

	vel2_stored(&v->regs, ID_AA64PFR1_EL1) = PFR1_MTE(mte);
	wr(ID(HCR_EL2), (e2h ? VEL2_HCR_E2H : 0) | VEL2_HCR_RW);
	vel2_vcpu_set_pstate(v, pstate);
	vel2_vcpu_load(v);
	return v;
}

/* TFSR_EL2 at vEL2 is the physical TFSR_EL1, both ways. */
static void tfsr_el2_in_tfsr_el1(void **state)
{
	(void)state;
	for (int e2h = 0; e2h <= 1; e2h++) {
		struct vel2_vcpu *v = enter(2, e2h, PS_EL2H);

		wr(ID(TFSR_EL2), 0x2);
		assert_int_equal(vel2_sim.reg[ID(TFSR_EL1)], 0x2);
		/* The hardware records an asynchronous fault (TF0). */
		vel2_sim.reg[ID(TFSR_EL1)] |= 0x1;
		assert_int_equal(rd(ID(TFSR_EL2)), 0x3);
		/* ... and the guest's trapped MRS TFSR_EL2 returns it. */
		assert_int_equal(exit_with(v, ESR_TFSR_EL2(true), PC),
				 VEL2_RESUME);
		assert_int_equal(tx.x[3], 0x3);
		vel2_vcpu_put(v);
	}
}

/* L2's TFSR_EL1 and the guest hypervisor's TFSR_EL2 switch places. */
static void tfsr_switched_with_l2(void **state)
{
	(void)state;
	for (int e2h = 0; e2h <= 1; e2h++) {
		struct vel2_vcpu *v = enter(2, e2h, PS_EL2H);

		wr(ID(TFSR_EL1), 0x2); /* L2's, stored at vEL2 */
		assert_int_equal(vel2_sim.reg[ID(TFSR_EL1)], 0);
		vel2_sim.reg[ID(TFSR_EL1)] = 0x1; /* a fault at vEL2 */
		vel2_vcpu_set_pstate(v, PS_EL1H); /* ERET to L2 */
		assert_int_equal(vel2_sim.reg[ID(TFSR_EL1)], 0x2);
		vel2_sim.reg[ID(TFSR_EL1)] = 0x3; /* L2 faults too */
		vel2_vcpu_set_pstate(v, PS_EL2H); /* exit to vEL2 */
		assert_int_equal(vel2_sim.reg[ID(TFSR_EL1)], 0x1);
		assert_int_equal(rd(ID(TFSR_EL2)), 0x1);
		assert_int_equal(rd(ID(TFSR_EL1)), 0x3);
		/* A VHE hypervisor reads L2's through TFSR_EL12, an nVHE one
		 * through TFSR_EL1 (trapped by HCR_EL2.NV1). */
		assert_int_equal(exit_with(v,
					   e2h ? ESR_TFSR_EL12(true) :
						 ESR_TFSR_EL1(true),
					   PC),
				 VEL2_RESUME);
		assert_int_equal(tx.x[3], 0x3);
		vel2_vcpu_put(v);
	}
}

/* One register for every EL: on the CPU at vEL2 and in L2 alike. */
static void shared_mte_registers(void **state)
{
	struct vel2_vcpu *v = enter(2, false, PS_EL2H);

	(void)state;
	wr(ID(GCR_EL1), 0x1ffff);
	wr(ID(RGSR_EL1), 0x5a3c05);
	wr(ID(TFSRE0_EL1), 0x1);
	vel2_vcpu_set_pstate(v, PS_EL1H);
	assert_int_equal(vel2_sim.reg[ID(GCR_EL1)], 0x1ffff);
	assert_int_equal(vel2_sim.reg[ID(RGSR_EL1)], 0x5a3c05);
	assert_int_equal(vel2_sim.reg[ID(TFSRE0_EL1)], 0x1);
	vel2_vcpu_put(v);
	assert_int_equal(rd(ID(RGSR_EL1)), 0x5a3c05);
}

/* Without FEAT_MTE2 the registers do not exist: never touched, UNDEF. */
static void absent_without_mte2(void **state)
{
	(void)state;
	for (int e2h = 0; e2h <= 1; e2h++) {
		struct vel2_vcpu *v = enter(1, e2h, PS_EL2H);

		vel2_vcpu_set_pstate(v, PS_EL1H);
		vel2_vcpu_set_pstate(v, PS_EL2H);
		vel2_vcpu_put(v);
		vel2_vcpu_load(v);
		for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(mte_regs); i++) {
			unsigned int r = mte_regs[i];

			assert_int_equal(vel2_sim.reads[r], 0);
			assert_int_equal(vel2_sim.writes[r], 0);
		}
		assert_int_equal(exit_with(v, ESR_TFSR_EL2(true), PC),
				 VEL2_INJECTED);
		assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
		vel2_vcpu_set_pstate(v, PS_EL2H);
		assert_int_equal(exit_with(v, ESR_GCR_EL1(false), PC),
				 VEL2_INJECTED);
		assert_int_equal(vel2_sim.writes[ID(GCR_EL1)], 0);
		vel2_vcpu_put(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tfsr_el2_in_tfsr_el1),
		cmocka_unit_test(tfsr_switched_with_l2),
		cmocka_unit_test(shared_mte_registers),
		cmocka_unit_test(absent_without_mte2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
