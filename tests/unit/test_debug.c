// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug at vEL2 (src/core/hwcfg_debug.c): with the guest's
 * EL_D = EL1 (MDCR_EL2.TDE = HCR_EL2.TGE = 0) no debug exception can
 * happen at EL2 (Arm ARM AArch64.GenerateDebugExceptionsFrom), so the
 * CPU's MDSCR_EL1 runs with KDE clear at vEL2 (physical EL1, the CPU's
 * EL_D), hidden from the guest's reads by the FGT MDSCR_EL1 traps; under
 * NV2 the CPU's register follows the guest's VNCR page slot.
 */
#include "helpers/trap_fixture.h"
#include <vel2/hwcfg.h>

#define VNCR_VA 0x7f000000ULL
#define KDE (1ULL << 13)
#define SS (1ULL << 0)
#define TDE (1ULL << 8)
#define FGT_MDSCR (1ULL << 4)
#define MMFR0_FGT (1ULL << 56)

static struct vel2_hwcfg cfg;

static struct vel2_vcpu *at(bool e2h, bool tge, u64 pstate, u64 mdcr)
{
	struct vel2_vcpu *v = fx_enter(e2h, tge, pstate);

	wr(ID(ID_AA64MMFR0_EL1), MMFR0_FGT);
	wr(ID(MDCR_EL2), mdcr);
	wr(ID(MDSCR_EL1), KDE | SS);
	return v;
}

static void hwcfg(struct vel2_vcpu *v)
{
	memset(&cfg, 0, sizeof(cfg));
	vel2_hwcfg(v, 0, &cfg);
}

static void test_kde_hidden_at_vel2_with_el_d_el1(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, 0);

	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], SS);
	assert_true(cfg.fgt[3] & FGT_MDSCR);
	assert_true(cfg.fgt[4] & FGT_MDSCR);
	/* An exit: the guest's value is back before anything reads it. */
	vel2_debug_exit(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
	assert_int_equal(rd(ID(MDSCR_EL1)), KDE | SS);
	assert_int_equal(v->mdscr_hidden, 0);
}

static void test_kde_kept_when_el_d_is_el2(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, TDE);

	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
	assert_false(cfg.fgt[3] & FGT_MDSCR);

	v = at(true, true, PS_EL2H, 0); /* TGE = 1: EL_D = EL2 */
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);

	v = at(false, false, PS_EL1H, 0); /* L2: its own EL_D = EL1 */
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
	assert_int_equal(v->mdscr_hidden, 0);
}

/* Without FEAT_FGT the change could not be hidden: left alone. */
static void test_no_fgt(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, 0);

	wr(ID(ID_AA64MMFR0_EL1), 0);
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
}

/* NV2: the guest's stores to its page reach the CPU's MDSCR_EL1. */
static void test_nv2_page_to_cpu(void **state)
{
	struct vel2_vcpu *v = at(true, false, PS_EL2H, TDE);

	assert_int_equal(vel2_vcpu_enable_nv2(v, VNCR_VA), 0);
	assert_true(vel2_place_is_nv2(v->placement));
	vel2_stored(&v->regs, MDSCR_EL1) = KDE | SS | (1ULL << 15);
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS | (1ULL << 15));
	/* TDE = 0: KDE off in the CPU, the page keeps it, no trap. */
	vel2_stored(&v->regs, MDCR_EL2) = 0;
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], SS | (1ULL << 15));
	assert_int_equal(vel2_stored(&v->regs, MDSCR_EL1),
			 KDE | SS | (1ULL << 15));
	assert_false(cfg.fgt[3] & FGT_MDSCR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kde_hidden_at_vel2_with_el_d_el1),
		cmocka_unit_test(test_kde_kept_when_el_d_is_el2),
		cmocka_unit_test(test_no_fgt),
		cmocka_unit_test(test_nv2_page_to_cpu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
