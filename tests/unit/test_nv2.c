// SPDX-License-Identifier: MIT
/*
 * FEAT_NV2 for a VHE guest hypervisor (VEL2_WHERE_HYP_VHE_NV2): what the
 * hardware serves from the VNCR page must be read and written there by the
 * accessors, everything else must behave as in HYP_VHE, and HCR_EL2 changed
 * in memory behind vel2's back must be picked up at the next exit.
 *
 * A guest access that NV2 turns into a memory access is simulated by
 * poking vcpu->regs.vncr_page at the register's offset (Arm ARM R_CSRPQ,
 * the "Offset in the VNCR page" table; written out here, not taken from
 * the catalog).
 */
#include "helpers/vel2_fixture.h"

#include <vel2/trap.h>

#define VNCR_VA 0x40101000ULL

/* VNCR page offsets, Arm ARM R_CSRPQ. */
#define OFF_HCR_EL2 0x78
#define OFF_TPIDR_EL2 0x90
#define OFF_SCTLR_EL1 0x110
#define OFF_ACTLR_EL1 0x118
#define OFF_MDSCR_EL1 0x158
#define OFF_SP_EL1 0x240

static u64 *page(struct vel2_vcpu *vcpu, unsigned int off)
{
	return &vcpu->regs.vncr_page[off / 8];
}

static struct vel2_vcpu *enter_nv2(u64 pstate)
{
	struct vel2_vcpu *vcpu = fx_enter(true, false, pstate);

	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
	return vcpu;
}

/* An exit from physical EL1h (vEL2h here): what the hardware reports. */
static void exit_from_el1h(struct vel2_vcpu *vcpu)
{
	struct vel2_exit e = { .spsr = 0x3c5 };

	assert_int_equal(vel2_exit_sync(vcpu, &e), 0);
}

static void where_nv2_only_at_vhe_vel2(void **state)
{
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE_NV2);
	/* vEL0 of the VHE host runs without NV2 (hwcfg), so: HYP_VHE. */
	wr(ID(HCR_EL2), hcr_with(true, true));
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE_NV2);
	/* L2 at vEL1, and an nVHE guest hypervisor: unchanged. */
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	assert_int_equal(vcpu->where, VEL2_WHERE_EL1);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	wr(ID(HCR_EL2), hcr_with(false, false));
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_NVHE);
	/* Disabling while loaded relocates. */
	wr(ID(HCR_EL2), hcr_with(true, false));
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE_NV2);
	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, 0), 0);
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE);
}

/*
 * The guest's own NV2 accesses: TPIDR_EL2 (the reason for NV2), SCTLR_EL12
 * (slot of SCTLR_EL1), SP_EL1, and the two EL1 registers that leave the CPU
 * under NV2, ACTLR_EL1 and MDSCR_EL1. A guest write is a store to the
 * page; vel2's read must see it without touching the CPU, and vel2's write
 * must be what the guest's next load from the page returns.
 */
static void guest_memory_accesses(void **state)
{
	static const struct {
		unsigned int reg, off;
	} regs[] = {
		{ ID(TPIDR_EL2), OFF_TPIDR_EL2 },
		{ ID(SCTLR_EL1), OFF_SCTLR_EL1 },
		{ ID(ACTLR_EL1), OFF_ACTLR_EL1 },
		{ ID(MDSCR_EL1), OFF_MDSCR_EL1 },
		{ ID(SP_EL1), OFF_SP_EL1 },
	};
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(regs); i++) {
		u64 v = 0x1234000ULL + i;

		*page(vcpu, regs[i].off) = v;
		sim_clear_counters();
		assert_int_equal(rd(regs[i].reg), v);
		wr(regs[i].reg, v + 0x10);
		assert_int_equal(*page(vcpu, regs[i].off), v + 0x10);
		assert_int_equal(sim_accesses(), 0);
	}
}

/*
 * Column HYP_VHE_NV2 equals HYP_VHE except for ACTLR_EL1 and MDSCR_EL1:
 * for every other register a read reaches the CPU in one iff it does in
 * the other.
 */
static void column_differs_only_where_nv2_redirects(void **state)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		u64 vhe, nv2, v;
		bool redirected = r == ID(ACTLR_EL1) || r == ID(MDSCR_EL1);

		if (fx_is_alias(r))
			continue;
		fx_enter(true, false, PS_EL2H);
		sim_clear_counters();
		assert_int_equal(vel2_read_sysreg(&fx_vcpu, r, &v), 0);
		vhe = sim_accesses();
		enter_nv2(PS_EL2H);
		sim_clear_counters();
		assert_int_equal(vel2_read_sysreg(&fx_vcpu, r, &v), 0);
		nv2 = sim_accesses();
		if (redirected) {
			assert_int_equal(vhe, 1);
			assert_int_equal(nv2, 0);
		} else if (vhe != nv2) {
			fail_msg("%s: %llu CPU accesses under NV, %llu under "
				 "NV2",
				 INFO(r)->name, (unsigned long long)vhe,
				 (unsigned long long)nv2);
		}
		/* Every register with a VNCR offset is in the page. */
		if (INFO(r)->vncr != VEL2_NO_VNCR && nv2)
			fail_msg("%s has VNCR offset %#x but is on the CPU "
				 "under NV2",
				 INFO(r)->name, INFO(r)->vncr);
	}
}

/*
 * MDSCR_EL1 moves between the page (vEL2 under NV2) and the CPU (L2 at
 * vEL1, and vEL0 of the VHE host, where its debug controls must apply).
 */
static void mdscr_follows_the_guest(void **state)
{
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	*page(vcpu, OFF_MDSCR_EL1) = 0x8000; /* guest: MDE */
	vel2_vcpu_set_pstate(vcpu, PS_EL1H); /* ERET to L2 */
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], 0x8000);
	vel2_sim.reg[ID(MDSCR_EL1)] = 0x1; /* L2: SS */
	vel2_vcpu_set_pstate(vcpu, PS_EL2H); /* exception to vEL2 */
	assert_int_equal(*page(vcpu, OFF_MDSCR_EL1), 0x1);
	/* vEL2 -> vEL0 (TGE) -> vEL2 without an exit, then the exit. */
	wr(ID(HCR_EL2), hcr_with(true, true));
	*page(vcpu, OFF_MDSCR_EL1) = 0x2001; /* guest: KDE, SS */
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(vel2_sim.reg[ID(MDSCR_EL1)], 0x2001);
	vel2_sim.reg[ID(MDSCR_EL1)] = 0x2000; /* at vEL2 without NV2 */
	exit_from_el1h(vcpu);
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE_NV2);
	assert_int_equal(*page(vcpu, OFF_MDSCR_EL1), 0x2000);
}

/*
 * vEL2 <-> vEL0 of a VHE host (every syscall) moves only what differs
 * between the two columns: ACTLR_EL1 and MDSCR_EL1.
 */
static void vel0_round_trip_moves_two(void **state)
{
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	wr(ID(HCR_EL2), hcr_with(true, true));
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(sim_accesses(), 2);
	assert_int_equal(vel2_sim.writes[ID(ACTLR_EL1)], 1);
	assert_int_equal(vel2_sim.writes[ID(MDSCR_EL1)], 1);
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(sim_accesses(), 2);
	assert_int_equal(vel2_sim.reads[ID(ACTLR_EL1)], 1);
	assert_int_equal(vel2_sim.reads[ID(MDSCR_EL1)], 1);
}

/*
 * The guest clears E2H in the page (no trap under NV2). The next exit
 * re-derives the placement: the live EL2 registers are saved as they were
 * under E2H=1 and placed for E2H=0, and every register keeps its value.
 */
static void e2h_cleared_in_memory_resynced_at_exit(void **state)
{
	static u64 before[VEL2_NR_SYSREGS];
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);
	u64 hcr;

	wr(ID(VBAR_EL2), 0x80000); /* MAP_HYP: physical VBAR_EL1 */
	wr(ID(TTBR1_EL2), 0x5000); /* MAP_VHE: physical TTBR1_EL1 */
	wr(ID(SCTLR_EL2), 0x30c50838); /* identity format under E2H=1 */
	vel2_sim.reg[ID(ELR_EL1)] = 0x1230; /* ELR_EL2, by an exception */
	*page(vcpu, OFF_TPIDR_EL2) = 0xabc;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (!fx_is_alias(r))
			before[r] = rd(r);

	hcr = *page(vcpu, OFF_HCR_EL2) & ~VEL2_HCR_E2H;
	*page(vcpu, OFF_HCR_EL2) = hcr;
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_VHE_NV2); /* stale */
	exit_from_el1h(vcpu);
	assert_int_equal(vcpu->where, VEL2_WHERE_HYP_NVHE);
	before[ID(HCR_EL2)] = hcr;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		if (fx_is_alias(r) || r == ID(SCTLR_EL2))
			continue;
		if (rd(r) != before[r])
			fail_msg("%s: %#llx before the E2H change, %#llx after",
				 INFO(r)->name, (unsigned long long)before[r],
				 (unsigned long long)rd(r));
	}
	/* SCTLR_EL2 keeps its bits; the E2H=0 RES1 ones read as set. */
	assert_int_equal(rd(ID(SCTLR_EL2)) & 0x30c50838, 0x30c50838);
	/* The E2H=0 placement: EL1 encodings mean L2's registers. */
	assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)], 0x80000);
	assert_int_equal(vel2_sim.reg[ID(ELR_EL1)], 0x1230);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(where_nv2_only_at_vhe_vel2,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(guest_memory_accesses,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(
			column_differs_only_where_nv2_redirects,
			fx_only_physical_accessed),
		cmocka_unit_test_teardown(mdscr_follows_the_guest,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(vel0_round_trip_moves_two,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(
			e2h_cleared_in_memory_resynced_at_exit,
			fx_only_physical_accessed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
