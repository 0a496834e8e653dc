// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug at vEL2 (src/core/hwcfg_debug.c): with the guest's
 * EL_D = EL1 (MDCR_EL2.TDE = HCR_EL2.TGE = 0) no debug exception can
 * happen at EL2 (Arm ARM AArch64.GenerateDebugExceptionsFrom), so the
 * CPU's MDSCR_EL1 runs with KDE clear at vEL2 (physical EL1, the CPU's
 * EL_D), hidden from the guest's reads by the FGT MDSCR_EL1 traps; under
 * NV2 the CPU's register follows the guest's VNCR page slot.
 *
 * vel2_hwcfg() only computes (cfg->mdscr, cfg->dbg): every call here
 * checks that it wrote no register of the simulated CPU, then writes what
 * cfg asks for as the host does (hv/debug.c) before looking at the CPU.
 */
#include "helpers/trap_fixture.h"
#include <vel2/hwcfg.h>
#include <vel2/sim.h>

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

/* The physical registers of the simulated CPU and their write counts. */
static void assert_cpu_unwritten(const struct vel2_sim_cpu *before)
{
	assert_memory_equal(vel2_sim.reg, before->reg, sizeof(before->reg));
	assert_memory_equal(vel2_sim.writes, before->writes,
			    sizeof(before->writes));
	assert_memory_equal(vel2_sim.dbg, before->dbg, sizeof(before->dbg));
	assert_int_equal(vel2_sim.dbg_writes, before->dbg_writes);
}

/* What the host does with cfg before the entry (hv/debug.c). */
static void host_applies(void)
{
	if (cfg.mdscr_valid)
		vel2_sim.reg[ID(MDSCR_EL1)] = cfg.mdscr;
	for (unsigned int kind = 0; kind < 2; kind++)
		for (unsigned int n = 0; n < 16; n++)
			if (cfg.dbg_write[kind] & (1u << n))
				vel2_sim.dbg[kind][n] = cfg.dbg[kind][n];
}

static void hwcfg(struct vel2_vcpu *v)
{
	static struct vel2_sim_cpu before;

	before = vel2_sim;
	memset(&cfg, 0xa5, sizeof(cfg)); /* poison: a field left unset shows */
	vel2_hwcfg(v, 0, &cfg);
	assert_cpu_unwritten(&before);
	host_applies();
}

static void test_kde_hidden_at_vel2_with_el_d_el1(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, 0);

	hwcfg(v);
	assert_true(cfg.mdscr_valid);
	assert_int_equal(cfg.mdscr, SS);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], SS);
	assert_true(cfg.fgt[3] & FGT_MDSCR);
	assert_true(cfg.fgt[4] & FGT_MDSCR);
	/* Again without an exit: the same value, from the guest's. */
	hwcfg(v);
	assert_true(cfg.mdscr_valid);
	assert_int_equal(cfg.mdscr, SS);
	assert_true(cfg.fgt[3] & FGT_MDSCR);
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
	assert_false(cfg.mdscr_valid); /* the CPU holds the guest's value */
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
	assert_int_equal(v->mdscr_hidden, 0);
}

/* KDE hidden at one entry, its EL_D EL2 at the next without an exit in
 * between (a host that computes twice): the guest's value goes back. */
static void test_hidden_then_kept_without_exit(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, 0);

	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], SS);
	vel2_stored(&v->regs, MDCR_EL2) = TDE;
	hwcfg(v);
	assert_true(cfg.mdscr_valid);
	assert_int_equal(cfg.mdscr, KDE | SS);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS);
	assert_false(cfg.fgt[3] & FGT_MDSCR);
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
	assert_true(cfg.mdscr_valid);
	assert_int_equal(cfg.mdscr, KDE | SS | (1ULL << 15));
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], KDE | SS | (1ULL << 15));
	/* TDE = 0: KDE off in the CPU, the page keeps it, no trap. */
	vel2_stored(&v->regs, MDCR_EL2) = 0;
	hwcfg(v);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], SS | (1ULL << 15));
	assert_int_equal(vel2_stored(&v->regs, MDSCR_EL1),
			 KDE | SS | (1ULL << 15));
	assert_false(cfg.fgt[3] & FGT_MDSCR);
}

/*
 * Breakpoint/watchpoint controls: "matches at EL2" (HMC [13]) becomes
 * PMC bit 0 (EL1) for the CPU at vEL2, EL0 (PMC bit 1) stays, EL1
 * matching and Secure-only (SSC 0b10) ones go.
 */
#define BCR_EL2_ONLY 0xe1e1ULL /* E, BAS 0xf, HMC, SSC 0b11, PMC 0b00 */
#define BCR_EL1_ONLY 0x1e3ULL /* E, BAS 0xf, PMC 0b01 */
#define BCR_ALL 0x21e7ULL /* E, BAS 0xf, HMC, SSC 0b00, PMC 0b11 */
#define DFR0_6BRP_4WRP ((5ULL << 12) | (3ULL << 20))
#define FGT_BCR (1ULL << 0)
#define FGT_WCR (1ULL << 2)
#define MDE (1ULL << 15)

static void test_xlat(void **state)
{
	assert_int_equal(vel2_debug_xlat(BCR_EL2_ONLY), 0x1e3);
	assert_int_equal(vel2_debug_xlat(BCR_EL1_ONLY), 0x1e0);
	assert_int_equal(vel2_debug_xlat(BCR_ALL), 0x1e7);
	assert_int_equal(vel2_debug_xlat(0x21e7ULL | (2ULL << 14)), 0x1e0);
}

static void test_ctl_translated_in_hyp_context(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, TDE);

	wr(ID(ID_AA64DFR0_EL1), DFR0_6BRP_4WRP);
	wr(ID(MDSCR_EL1), KDE | MDE);
	vel2_sim.dbg[0][0] = BCR_EL2_ONLY;
	vel2_sim.dbg[1][3] = BCR_EL1_ONLY;
	vel2_sim.dbg[0][6] = BCR_EL2_ONLY; /* not implemented: untouched */
	hwcfg(v);
	/* The translations to write, and only where they change something. */
	assert_int_equal(cfg.dbg_write[0], 1u << 0);
	assert_int_equal(cfg.dbg_write[1], 1u << 3);
	assert_int_equal(cfg.dbg[0][0], 0x1e3);
	assert_int_equal(cfg.dbg[1][3], 0x1e0);
	assert_int_equal(vel2_sim.dbg[0][0], 0x1e3);
	assert_int_equal(vel2_sim.dbg[1][3], 0x1e0);
	assert_int_equal(vel2_sim.dbg[0][6], BCR_EL2_ONLY);
	assert_int_equal(cfg.fgt[3] & (FGT_BCR | FGT_WCR), FGT_BCR | FGT_WCR);
	assert_int_equal(cfg.fgt[4] & (FGT_BCR | FGT_WCR), FGT_BCR | FGT_WCR);
	/* The guest reads and writes its own values. */
	assert_int_equal(vel2_debug_ctl_read(v, 0, 0), BCR_EL2_ONLY);
	vel2_debug_ctl_write(v, 0, 1, BCR_ALL);
	assert_int_equal(vel2_sim.dbg[0][1], 0x1e7);
	assert_int_equal(vel2_debug_ctl_read(v, 0, 1), BCR_ALL);

	/* Nothing new to write at the next entry. */
	hwcfg(v);
	assert_int_equal(cfg.dbg_write[0] | cfg.dbg_write[1], 0);
	assert_true(cfg.fgt[3] & FGT_BCR);

	/* To L2: the CPU gets the guest's values back, no traps. */
	vel2_vcpu_set_pstate(v, PS_EL1H);
	hwcfg(v);
	assert_int_equal(cfg.dbg_write[0], (1u << 0) | (1u << 1));
	assert_int_equal(cfg.dbg[0][0], BCR_EL2_ONLY);
	assert_int_equal(cfg.dbg[0][1], BCR_ALL);
	assert_int_equal(cfg.dbg_write[1], 1u << 3);
	assert_int_equal(cfg.dbg[1][3], BCR_EL1_ONLY);
	assert_int_equal(vel2_sim.dbg[0][0], BCR_EL2_ONLY);
	assert_int_equal(vel2_sim.dbg[0][1], BCR_ALL);
	assert_int_equal(vel2_sim.dbg[1][3], BCR_EL1_ONLY);
	assert_false(cfg.fgt[3] & (FGT_BCR | FGT_WCR));
	assert_false(v->dbg_xlat);
}

/* MDE = 0: nothing can match, the CPU keeps the guest's values; writes
 * still trap in hyp context so that setting MDE later finds them. */
static void test_ctl_without_mde(void **state)
{
	struct vel2_vcpu *v = at(false, false, PS_EL2H, TDE);

	wr(ID(ID_AA64DFR0_EL1), DFR0_6BRP_4WRP);
	wr(ID(MDSCR_EL1), KDE);
	vel2_sim.dbg[0][0] = BCR_EL2_ONLY;
	hwcfg(v);
	assert_int_equal(cfg.dbg_write[0] | cfg.dbg_write[1], 0);
	assert_int_equal(vel2_sim.dbg[0][0], BCR_EL2_ONLY);
	assert_false(cfg.fgt[3] & FGT_BCR);
	assert_true(cfg.fgt[4] & FGT_BCR);
	vel2_debug_ctl_write(v, 0, 0, BCR_EL1_ONLY);
	assert_int_equal(vel2_sim.dbg[0][0], BCR_EL1_ONLY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kde_hidden_at_vel2_with_el_d_el1),
		cmocka_unit_test(test_kde_kept_when_el_d_is_el2),
		cmocka_unit_test(test_hidden_then_kept_without_exit),
		cmocka_unit_test(test_no_fgt),
		cmocka_unit_test(test_nv2_page_to_cpu),
		cmocka_unit_test(test_xlat),
		cmocka_unit_test(test_ctl_translated_in_hyp_context),
		cmocka_unit_test(test_ctl_without_mde),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
