// SPDX-License-Identifier: MIT
/*
 * FEAT_NV2 for a VHE guest hypervisor (VEL2_PLACE_HYP_VHE_NV2) and an nVHE
 * one (VEL2_PLACE_HYP_NVHE_NV2): what the hardware serves from the VNCR
 * page must be read and written there by the accessors, everything else
 * must behave as in HYP_VHE / HYP_NVHE, and HCR_EL2 changed in memory
 * behind vel2's back must be picked up at the next exit.
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
/* The EL0/EL1 registers that <NV2,NV1,NV> = 111 serves from the page. */
#define OFF_CPACR_EL1 0x100
#define OFF_CONTEXTIDR_EL1 0x108
#define OFF_TCR_EL1 0x120
#define OFF_AFSR0_EL1 0x128
#define OFF_AFSR1_EL1 0x130
#define OFF_ESR_EL1 0x138
#define OFF_MAIR_EL1 0x140
#define OFF_AMAIR_EL1 0x148
#define OFF_SPSR_EL1 0x160
#define OFF_CNTV_CVAL_EL0 0x168
#define OFF_CNTV_CTL_EL0 0x170
#define OFF_CNTP_CVAL_EL0 0x178
#define OFF_CNTP_CTL_EL0 0x180
#define OFF_SCXTNUM_EL1 0x188
#define OFF_ZCR_EL1 0x1e0
#define OFF_TTBR0_EL1 0x200
#define OFF_TTBR1_EL1 0x210
#define OFF_FAR_EL1 0x220
#define OFF_ELR_EL1 0x230
#define OFF_VBAR_EL1 0x250

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

static void where_nv2_only_at_vel2(void **state)
{
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2);
	/* vEL0 of the VHE host runs without NV2 (hwcfg), so: HYP_VHE. */
	wr(ID(HCR_EL2), hcr_with(true, true));
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2);
	/* L2 at vEL1, and an nVHE guest hypervisor: unchanged. */
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	assert_int_equal(vcpu->placement, VEL2_PLACE_EL1);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	wr(ID(HCR_EL2), hcr_with(false, false));
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE_NV2);
	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, 0), 0);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE);
	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
	/* Disabling while loaded relocates. */
	wr(ID(HCR_EL2), hcr_with(true, false));
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2);
	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, 0), 0);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE);
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
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2);
	assert_int_equal(*page(vcpu, OFF_MDSCR_EL1), 0x2000);
}

/*
 * vEL2 <-> vEL0 of a VHE host (every syscall) moves only what differs
 * between the two columns: ACTLR_EL1 and MDSCR_EL1. Going to vEL0 each is
 * read (is the CPU's value already the one to load?) and, being
 * different, written; coming back each is read (saved) and nothing is
 * written. With the same values on both sides nothing is written at all.
 */
static void vel0_round_trip_moves_two(void **state)
{
	struct vel2_vcpu *vcpu = enter_nv2(PS_EL2H);

	wr(ID(HCR_EL2), hcr_with(true, true));
	*page(vcpu, OFF_ACTLR_EL1) = 0x11;
	*page(vcpu, OFF_MDSCR_EL1) = 0x22;
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(sim_accesses(), 4);
	assert_int_equal(vel2_sim.writes[ID(ACTLR_EL1)], 1);
	assert_int_equal(vel2_sim.writes[ID(MDSCR_EL1)], 1);
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(sim_accesses(), 2);
	assert_int_equal(vel2_sim.reads[ID(ACTLR_EL1)], 1);
	assert_int_equal(vel2_sim.reads[ID(MDSCR_EL1)], 1);
	/* Unchanged since: the next syscall's return writes nothing. */
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL0T);
	assert_int_equal(sim_accesses(), 2);
	assert_int_equal(vel2_sim.writes[ID(ACTLR_EL1)], 0);
	assert_int_equal(vel2_sim.writes[ID(MDSCR_EL1)], 0);
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
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2); /* stale */
	exit_from_el1h(vcpu);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE_NV2);
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

/*
 * nVHE guest hypervisor under NV2, <NV2,NV1,NV> = 111. Every access the
 * Arm ARM turns into NVMem[offset], register by register: the EL1
 * encodings (their '111' case) mean the guest's EL1 registers, the EL0
 * timers likewise, plus the '11' ones (TPIDR_EL2, ACTLR_EL1, MDSCR_EL1,
 * SP_EL1). A guest store must be what vel2 reads, vel2's write what the
 * guest loads next, and none of it may touch the CPU.
 */
static const struct {
	unsigned int reg, off;
} nvhe_nv2_page[] = {
	{ ID(SCTLR_EL1), OFF_SCTLR_EL1 },
	{ ID(CPACR_EL1), OFF_CPACR_EL1 },
	{ ID(TTBR0_EL1), OFF_TTBR0_EL1 },
	{ ID(TTBR1_EL1), OFF_TTBR1_EL1 },
	{ ID(TCR_EL1), OFF_TCR_EL1 },
	{ ID(ESR_EL1), OFF_ESR_EL1 },
	{ ID(FAR_EL1), OFF_FAR_EL1 },
	{ ID(AFSR0_EL1), OFF_AFSR0_EL1 },
	{ ID(AFSR1_EL1), OFF_AFSR1_EL1 },
	{ ID(MAIR_EL1), OFF_MAIR_EL1 },
	{ ID(AMAIR_EL1), OFF_AMAIR_EL1 },
	{ ID(CONTEXTIDR_EL1), OFF_CONTEXTIDR_EL1 },
	{ ID(VBAR_EL1), OFF_VBAR_EL1 },
	{ ID(ELR_EL1), OFF_ELR_EL1 },
	{ ID(SPSR_EL1), OFF_SPSR_EL1 },
	{ ID(SCXTNUM_EL1), OFF_SCXTNUM_EL1 },
	{ ID(ZCR_EL1), OFF_ZCR_EL1 },
	{ ID(TPIDR_EL2), OFF_TPIDR_EL2 },
	{ ID(ACTLR_EL1), OFF_ACTLR_EL1 },
	{ ID(MDSCR_EL1), OFF_MDSCR_EL1 },
	{ ID(SP_EL1), OFF_SP_EL1 },
};

static void nvhe_guest_memory_accesses(void **state)
{
	struct vel2_vcpu *vcpu = fx_enter(false, false, PS_EL2H);

	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE_NV2);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(nvhe_nv2_page); i++) {
		unsigned int r = nvhe_nv2_page[i].reg;
		/*
		 * Within every register's writable bits: CNT*_CTL [1:0],
		 * VBAR_EL1 [63:11].
		 */
		unsigned int sh = r == ID(VBAR_EL1) ? 11 : 0;
		u64 v = ((i & 1) ? 0x1ULL : 0x2ULL) << sh;
		/*
		 * AFSR0/1_EL1 and AMAIR_EL1 are IMPLEMENTATION DEFINED; vel2
		 * implements no field of them (RAZ/WI, sysregs.def): vel2's
		 * write stores 0 in their slots (the guest's own store is
		 * sanitised at its next exit, test_model).
		 */
		u64 keep = r == ID(AFSR0_EL1) || r == ID(AFSR1_EL1) ||
					   r == ID(AMAIR_EL1) ?
				   0 :
				   ~0ULL;

		*page(vcpu, nvhe_nv2_page[i].off) = v;
		sim_clear_counters();
		assert_int_equal(rd(r), v);
		wr(r, v ^ (3ULL << sh));
		assert_int_equal(*page(vcpu, nvhe_nv2_page[i].off),
				 (v ^ (3ULL << sh)) & keep);
		if (sim_accesses())
			fail_msg("%s: the CPU is accessed under NV2+NV1",
				 INFO(r)->name);
	}
}

/*
 * Column HYP_NVHE_NV2 equals HYP_NVHE except for the registers NV2 takes
 * off the CPU: ACTLR_EL1, MDSCR_EL1 ('11', as for VHE) and the EL1_NVHE
 * registers with a VNCR offset (ZCR_EL1, SCXTNUM_EL1). Every register in
 * nvhe_nv2_page is in memory; the EL2 state stays where HYP_NVHE has it
 * (MAP_HYP in the EL1 registers). The EL0 timers have offsets too but
 * stay on the CPU: vel2 traps them with CNTHCTL_EL2.EL1PCEN/EL1TVT, which
 * their pseudocode checks before the NVMem access (hwcfg.c).
 */
static void nvhe_column_differs_only_where_nv2_redirects(void **state)
{
	static const unsigned int moved[] = {
		ID(ACTLR_EL1),
		ID(MDSCR_EL1),
		ID(ZCR_EL1),
		ID(SCXTNUM_EL1),
	};

	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		u64 nv, nv2, v;
		bool redirected = false;

		for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(moved); i++)
			redirected |= moved[i] == r;
		if (fx_is_alias(r))
			continue;
		fx_enter(false, false, PS_EL2H);
		sim_clear_counters();
		assert_int_equal(vel2_read_sysreg(&fx_vcpu, r, &v), 0);
		nv = sim_accesses();
		assert_int_equal(vel2_vcpu_enable_nv2(&fx_vcpu, VNCR_VA), 0);
		sim_clear_counters();
		assert_int_equal(vel2_read_sysreg(&fx_vcpu, r, &v), 0);
		nv2 = sim_accesses();
		if (redirected) {
			if (nv != 1 || nv2 != 0)
				fail_msg("%s: %llu/%llu CPU accesses, expected "
					 "1 under NV and 0 under NV2",
					 INFO(r)->name, (unsigned long long)nv,
					 (unsigned long long)nv2);
		} else if (nv != nv2) {
			fail_msg("%s: %llu CPU accesses under NV, %llu under "
				 "NV2",
				 INFO(r)->name, (unsigned long long)nv,
				 (unsigned long long)nv2);
		}
	}
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(nvhe_nv2_page); i++)
		assert_int_equal(INFO(nvhe_nv2_page[i].reg)->vncr,
				 nvhe_nv2_page[i].off);
}

/*
 * The EL0 virtual timer of an nVHE guest hypervisor under NV2 is on the
 * CPU at vEL2 as at vEL1: vel2 traps its accesses at vEL2 (CNTHCTL_EL2.
 * EL1PCEN=0, EL1TVT=1, which its pseudocode checks before the NVMem
 * access), so a write there arms the hardware timer at once, and nothing
 * moves on the ERET to vEL1 or the exception back.
 */
static void nvhe_timer_follows_the_guest(void **state)
{
	struct vel2_vcpu *vcpu = fx_enter(false, false, PS_EL2H);

	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
	wr(ID(CNTV_CTL_EL0), 0x1); /* trapped MSR at vEL2: ENABLE */
	assert_int_equal(vel2_sim.reg[ID(CNTV_CTL_EL0)], 0x1);
	*page(vcpu, OFF_VBAR_EL1) = 0x8800; /* its guest's vectors */
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL1H); /* ERET to vEL1 */
	assert_int_equal(vel2_sim.writes[ID(CNTV_CTL_EL0)], 0);
	assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)], 0x8800);
	vel2_sim.reg[ID(CNTV_CTL_EL0)] = 0x5; /* fired: ISTATUS */
	vel2_vcpu_set_pstate(vcpu, PS_EL2H); /* exception to vEL2 */
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE_NV2);
	assert_int_equal(rd(ID(CNTV_CTL_EL0)), 0x5);
	assert_int_equal(vel2_sim.writes[ID(CNTV_CTL_EL0)], 0);
}

/*
 * The E2H=0 -> 1 switch of a Linux-style boot under NV2 is a store to the
 * page; the next exit moves the live state from HYP_NVHE_NV2 to
 * HYP_VHE_NV2 keeping every value, and back for a guest that clears it.
 */
static void e2h_set_in_memory_resynced_at_exit(void **state)
{
	static u64 before[VEL2_NR_SYSREGS];
	struct vel2_vcpu *vcpu = fx_enter(false, false, PS_EL2H);
	u64 hcr;

	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
	wr(ID(VBAR_EL2), 0x80000);
	wr(ID(SCTLR_EL2), 0x30c50838);
	vel2_sim.reg[ID(ELR_EL1)] = 0x1230; /* ELR_EL2, by an exception */
	*page(vcpu, OFF_VBAR_EL1) = 0x4000; /* the guest's VBAR_EL1 */
	wr(ID(CNTV_CVAL_EL0), 0x77);
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (!fx_is_alias(r))
			before[r] = rd(r);
	hcr = *page(vcpu, OFF_HCR_EL2) | VEL2_HCR_E2H;
	*page(vcpu, OFF_HCR_EL2) = hcr;
	exit_from_el1h(vcpu);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_VHE_NV2);
	before[ID(HCR_EL2)] = hcr;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		if (fx_is_alias(r) || r == ID(SCTLR_EL2))
			continue;
		if (rd(r) != before[r])
			fail_msg("%s: %#llx before the E2H change, %#llx after",
				 INFO(r)->name, (unsigned long long)before[r],
				 (unsigned long long)rd(r));
	}
	/* The E2H=1 placement: VBAR_EL2 in the physical VBAR_EL1. */
	assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)], 0x80000);
	assert_int_equal(vel2_sim.reg[ID(ELR_EL1)], 0x1230);
	/* Cleared again: the EL0 virtual timer is the guest's again. */
	*page(vcpu, OFF_HCR_EL2) = hcr & ~VEL2_HCR_E2H;
	exit_from_el1h(vcpu);
	assert_int_equal(vcpu->placement, VEL2_PLACE_HYP_NVHE_NV2);
	assert_int_equal(rd(ID(CNTV_CVAL_EL0)), 0x77);
	assert_int_equal(rd(ID(VBAR_EL1)), 0x4000);
}

/*
 * The hardware stores the guest's NV2 writes whole; vel2 applies RES0/
 * RES1 before it consumes the page (every exit). Masks from the Arm ARM
 * field descriptions: HSTR_EL2 T4, T14 and [63:16] RES0; VNCR_EL2 [11:0]
 * RES0; VBAR_EL1 [4:0] RES0 ([10:5] are the AArch32 VBAR's, sysregs.def);
 * CNTV_CTL_EL0 [63:3] RES0 (ISTATUS, [2],
 * is read-only and kept as stored).
 */
static void page_sanitised_at_exit(void **state)
{
	for (int nvhe = 0; nvhe < 2; nvhe++) {
		struct vel2_vcpu *vcpu = fx_enter(!nvhe, false, PS_EL2H);
		u64 all = ~0ULL;

		assert_int_equal(vel2_vcpu_enable_nv2(vcpu, VNCR_VA), 0);
		*page(vcpu, 0x80) = all; /* HSTR_EL2 */
		*page(vcpu, 0xb0) = all; /* VNCR_EL2 */
		*page(vcpu, OFF_VBAR_EL1) = all;
		*page(vcpu, OFF_CNTV_CTL_EL0) = all;
		*page(vcpu, OFF_TPIDR_EL2) = all; /* no fixed bits */
		exit_from_el1h(vcpu);
		assert_int_equal(*page(vcpu, 0x80),
				 0xffffULL & ~(1ULL << 4) & ~(1ULL << 14));
		assert_int_equal(*page(vcpu, 0xb0), ~0xfffULL);
		assert_int_equal(*page(vcpu, OFF_VBAR_EL1), ~0x1fULL);
		assert_int_equal(*page(vcpu, OFF_CNTV_CTL_EL0), 0x7);
		assert_int_equal(*page(vcpu, OFF_TPIDR_EL2), all);
		assert_int_equal(rd(ID(HSTR_EL2)), *page(vcpu, 0x80));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(where_nv2_only_at_vel2,
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
		cmocka_unit_test_teardown(nvhe_guest_memory_accesses,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(
			nvhe_column_differs_only_where_nv2_redirects,
			fx_only_physical_accessed),
		cmocka_unit_test_teardown(nvhe_timer_follows_the_guest,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(e2h_set_in_memory_resynced_at_exit,
					  fx_only_physical_accessed),
		cmocka_unit_test_teardown(page_sanitised_at_exit,
					  fx_only_physical_accessed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
