// SPDX-License-Identifier: MIT
/*
 * EC 0x18 from the guest hypervisor: emulated accesses, E2H redirection,
 * *_EL12 aliases, and the UNDEFs the hardware would raise instead.
 */
#include "helpers/trap_fixture.h"

#define PC 0x80001000ULL
#define VBAR2 0x40000800ULL
#define VBAR1 0x50000000ULL

static struct vel2_vcpu *vel2_guest(bool e2h)
{
	return fx_enter_vectors(e2h, false, PS_EL2H, VBAR2, VBAR1);
}

/* The UNDEF at vEL2 from vEL2h: current EL with SP_ELx, +0x200. */
static void assert_undef_at_vel2(struct vel2_vcpu *v, u64 old_pstate)
{
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, VBAR2 + 0x200);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(SPSR_EL2)), old_pstate);
	assert_int_equal(tx.spsr & 0xf, 0x5); /* physical EL1h */
}

static void test_mrs_msr_el2_register(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	/* MSR VTTBR_EL2, x4 */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 2, 1, 0, 4, false), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.elr, PC + 4);
	assert_int_equal(rd(ID(VTTBR_EL2)), 0x1004);
	/* MRS x9, VTTBR_EL2 */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 2, 1, 0, 9, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[9], 0x1004);
	assert_int_equal(tx.elr, PC + 4);
	assert_int_equal(vel(v), 2);
}

static void test_xzr(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	wr(ID(VTTBR_EL2), 77);
	/* MSR VTTBR_EL2, xzr writes 0; MRS xzr, ... changes nothing. */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 2, 1, 0, 31, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(VTTBR_EL2)), 0);
	assert_int_equal(exit_with(v, esr_sys(3, 4, 2, 1, 0, 31, true), PC),
			 VEL2_RESUME);
	for (unsigned int i = 0; i < 31; i++)
		assert_int_equal(tx.x[i], 0x1000 + i);
}

static void test_res0_applied_on_write(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	/* VBAR_EL2[10:0] are RES0. */
	tx.x[2] = 0;
	memset(&tx, 0, sizeof(tx));
	tx.x[2] = 0x12345fffULL;
	tx.esr = esr_sys(3, 4, 12, 0, 0, 2, false);
	tx.elr = PC;
	tx.spsr = phys_spsr(v->pstate);
	assert_int_equal(vel2_handle_exit(v, &tx), VEL2_RESUME);
	assert_int_equal(rd(ID(VBAR_EL2)), 0x12345800ULL);
}

static void test_e2h1_el1_encoding_reaches_el2(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	wr(ID(SCTLR_EL1), 0x30d00800);
	/* MSR SCTLR_EL1, x5 from vEL2 with E2H=1 writes SCTLR_EL2. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 1, 0, 0, 5, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(SCTLR_EL2)),
			 sanitised(ID(SCTLR_EL2), 0x1005, true));
	assert_int_equal(rd(ID(SCTLR_EL1)), 0x30d00800);
	/* MRS x6, VBAR_EL1 reads VBAR_EL2. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 12, 0, 0, 6, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[6], VBAR2);
	/* CPACR_EL1 -> CPTR_EL2 (different encodings). */
	assert_int_equal(vel2_e2h_redirect(ID(CPACR_EL1)), ID(CPTR_EL2));
	/* TPIDR_EL1 and SP_EL1 are not redirected. */
	assert_int_equal(vel2_e2h_redirect(ID(TPIDR_EL1)), ID(TPIDR_EL1));
	assert_int_equal(vel2_e2h_redirect(ID(SP_EL1)), ID(SP_EL1));
}

static void test_e2h0_el1_encoding_is_el1(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	assert_int_equal(exit_with(v, esr_sys(3, 0, 12, 0, 0, 6, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[6], VBAR1);
}

static void test_el12_with_e2h1(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	/* MSR SCTLR_EL12, x7 (op1 5) writes the guest's SCTLR_EL1. */
	assert_int_equal(exit_with(v, esr_sys(3, 5, 1, 0, 0, 7, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(SCTLR_EL1)), 0x1007);
	/* MRS x1, VBAR_EL12 */
	assert_int_equal(exit_with(v, esr_sys(3, 5, 12, 0, 0, 1, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[1], VBAR1);
	/* MRS x1, CNTV_CTL_EL02: ISTATUS [2] is the running timer's. */
	wr(ID(CNTV_CTL_EL0), 1);
	vel2_sim.reg[ID(CNTV_CTL_EL0)] = 5;
	assert_int_equal(exit_with(v, esr_sys(3, 5, 14, 3, 1, 1, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[1], 5);
	vel2_sim.reg[ID(CNTV_CTL_EL0)] = 1;
	assert_int_equal(exit_with(v, esr_sys(3, 5, 14, 3, 1, 1, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[1], 1);
}

/*
 * A VHE guest hypervisor's EL1 timers keep running in the physical EL1
 * timers at vEL2, where the physical CNTVOFF_EL2 is 0: its *_EL02 writes
 * (and CNTVOFF_EL2 writes) reach them, CNTV_CVAL offset by its
 * CNTVOFF_EL2 so that the timer fires at the same count.
 */
static void test_el02_timers_mirrored(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	/* exit_with() sets x<n> = 0x1000 + n. */
	wr(ID(CNTVOFF_EL2), 100);
	assert_int_equal(exit_with(v, esr_sys(3, 5, 14, 3, 2, 2, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(CNTV_CVAL_EL0)), 0x1002);
	assert_int_equal(vel2_sim.reg[ID(CNTV_CVAL_EL0)], 0x1002 + 100);
	assert_int_equal(exit_with(v, esr_sys(3, 5, 14, 3, 1, 1, false), PC),
			 VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTV_CTL_EL0)], 1);
	assert_int_equal(exit_with(v, esr_sys(3, 5, 14, 2, 2, 3, false), PC),
			 VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTP_CVAL_EL0)], 0x1003);
	/* MSR CNTVOFF_EL2 moves the physical compare value along. */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 14, 0, 3, 4, false), PC),
			 VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTV_CVAL_EL0)], 0x1002 + 0x1004);
}

static void test_el12_with_e2h0_is_undef(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	u64 old = v->pstate;

	wr(ID(SCTLR_EL1), 0x30d00800);
	assert_int_equal(exit_with(v, esr_sys(3, 5, 1, 0, 0, 7, false), PC),
			 VEL2_INJECTED);
	assert_undef_at_vel2(v, old);
	assert_int_equal(rd(ID(SCTLR_EL1)), 0x30d00800);
}

static void test_unknown_encoding_is_undef(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	u64 old = v->pstate;

	/* op0 3, op1 4, CRn 15, CRm 15, op2 7: nothing vel2 offers. */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 15, 15, 7, 0, true), PC),
			 VEL2_INJECTED);
	assert_undef_at_vel2(v, old);
	assert_int_equal(tx.x[0], 0x1000); /* Rt untouched */
}

/*
 * vel2 traps all of ID group 3 (HCR_EL2.TID3): an encoding of that space
 * with no register allocated reads as zero (Arm ARM C5.3), as it would on
 * the hardware; MSR to it is UNDEFINED (the space is read-only).
 */
static void test_unallocated_id_space_is_raz(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);
	u64 old = v->pstate;

	/* op0 3, op1 0, CRn 0, CRm 7, op2 7: unallocated in ID group 3. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 7, 7, 5, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[5], 0);
	assert_int_equal(tx.elr, PC + 4);
	assert_int_equal(vel(v), 2);
	/* CRm 3, op2 3: also unallocated. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 3, 3, 6, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[6], 0);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 7, 7, 5, false), PC),
			 VEL2_INJECTED);
	assert_undef_at_vel2(v, old);
	/* CRm 0 is not ID group 3: its unallocated encodings stay UNDEF. */
	vel2_vcpu_set_pstate(v, old);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 0, 3, 5, true), PC),
			 VEL2_INJECTED);
}

/* The AArch32 ID registers are in the group too: read from the store. */
static void test_aarch32_id_register_read(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	wr(ID(ID_ISAR0_EL1), 0x2101110);
	/* MRS x2, ID_ISAR0_EL1: op0 3, op1 0, CRn 0, CRm 2, op2 0. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 2, 0, 2, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[2], 0x2101110);
	wr(ID(MVFR1_EL1), 0x12111111);
	/* MRS x3, MVFR1_EL1: CRm 3, op2 1. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 3, 1, 3, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[3], 0x12111111);
}

static void test_write_to_read_only_is_undef(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	u64 old = v->pstate;

	wr(ID(ID_AA64PFR0_EL1), 0x11);
	/* MSR ID_AA64PFR0_EL1, x0: op0 3, op1 0, CRn 0, CRm 4, op2 0. */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 4, 0, 0, false), PC),
			 VEL2_INJECTED);
	assert_undef_at_vel2(v, old);
	assert_int_equal(rd(ID(ID_AA64PFR0_EL1)), 0x11);
	/* ... and the read works. */
	vel2_vcpu_set_pstate(v, old);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 4, 0, 0, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[0], 0x11);
}

static void test_read_of_write_only_is_undef(void **state)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		struct vel2_vcpu *v;
		u64 old;

		if (INFO(r)->access != VEL2_WO)
			continue;
		v = vel2_guest(false);
		old = v->pstate;
		assert_int_equal(
			exit_with(v, esr_of_enc(INFO(r)->enc, 0, true), PC),
			VEL2_INJECTED);
		assert_undef_at_vel2(v, old);
	}
}

static void test_sp_el1_from_vel2(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	/* MSR SP_EL1, x3 at EL2 (op1 4) is legal, E2H or not. */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 4, 1, 0, 3, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(SP_EL1)), 0x1003);
	assert_int_equal(exit_with(v, esr_sys(3, 4, 4, 1, 0, 8, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[8], 0x1003);
}

static void test_sp_el2_from_vel2_is_undef(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	u64 old = v->pstate;

	/* SP_EL2 (op1 6) is accessible from EL3 only. */
	assert_int_equal(exit_with(v, esr_sys(3, 6, 4, 1, 0, 3, true), PC),
			 VEL2_INJECTED);
	assert_undef_at_vel2(v, old);
}

static void test_currentel(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	assert_int_equal(exit_with(v, esr_sys(3, 0, 4, 2, 2, 4, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[4], 0x8); /* EL [3:2] = 2 */
	assert_int_equal(exit_with(v, esr_sys(3, 0, 4, 2, 2, 4, false), PC),
			 VEL2_INJECTED);
}

static void test_el2_register_from_vel1_is_undef_at_vel1(void **state)
{
	struct vel2_vcpu *v = fx_enter(false, false, PS_EL1H);
	u64 old = v->pstate;

	wr(ID(VBAR_EL1), VBAR1);
	/* MRS x0, HCR_EL2 at EL1 without (virtual) HCR_EL2.NV. */
	assert_int_equal(exit_with(v, esr_sys(3, 4, 1, 1, 0, 0, true), PC),
			 VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(tx.elr, VBAR1 + 0x200);
	assert_int_equal(rd(ID(ESR_EL1)), ESR_UNDEF);
	assert_int_equal(rd(ID(ELR_EL1)), PC);
	assert_int_equal(rd(ID(SPSR_EL1)), old);
}

static void test_vel0_host_timer_redirect(void **state)
{
	/* vEL0 with {E2H,TGE} = {1,1}: CNTP_CTL_EL0 is CNTHP_CTL_EL2. */
	struct vel2_vcpu *v = fx_enter(true, true, PS_EL0T);

	assert_true(vel2_is_hyp_ctxt(v));
	assert_int_equal(exit_with(v, esr_sys(3, 3, 14, 2, 1, 2, false), PC),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(CNTHP_CTL_EL2)),
			 sanitised(ID(CNTHP_CTL_EL2), 0x1002, true));
	assert_int_equal(rd(ID(CNTP_CTL_EL0)), 0);
}

/*
 * The Arm ARM's E2H list ("When HCR_EL2.E2H is 1, without explicit
 * synchronization, access from EL2 using the mnemonic X accesses Y"), one
 * pair per register description, written here independently.
 */
static const char *const e2h_pairs[][2] = {
	{ "SCTLR_EL1", "SCTLR_EL2" },
	{ "SCTLR2_EL1", "SCTLR2_EL2" },
	{ "CPACR_EL1", "CPTR_EL2" },
	{ "ZCR_EL1", "ZCR_EL2" },
	{ "SMCR_EL1", "SMCR_EL2" },
	{ "TTBR0_EL1", "TTBR0_EL2" },
	{ "TTBR1_EL1", "TTBR1_EL2" },
	{ "TCR_EL1", "TCR_EL2" },
	{ "TCR2_EL1", "TCR2_EL2" },
	{ "SPSR_EL1", "SPSR_EL2" },
	{ "ELR_EL1", "ELR_EL2" },
	{ "AFSR0_EL1", "AFSR0_EL2" },
	{ "AFSR1_EL1", "AFSR1_EL2" },
	{ "ESR_EL1", "ESR_EL2" },
	{ "TFSR_EL1", "TFSR_EL2" },
	{ "FAR_EL1", "FAR_EL2" },
	{ "MAIR_EL1", "MAIR_EL2" },
	{ "MAIR2_EL1", "MAIR2_EL2" },
	{ "PIRE0_EL1", "PIRE0_EL2" },
	{ "PIR_EL1", "PIR_EL2" },
	{ "POR_EL1", "POR_EL2" },
	{ "AMAIR_EL1", "AMAIR_EL2" },
	{ "AMAIR2_EL1", "AMAIR2_EL2" },
	{ "VBAR_EL1", "VBAR_EL2" },
	{ "CONTEXTIDR_EL1", "CONTEXTIDR_EL2" },
	{ "SCXTNUM_EL1", "SCXTNUM_EL2" },
	{ "CNTKCTL_EL1", "CNTHCTL_EL2" },
	{ "CNTP_CTL_EL0", "CNTHP_CTL_EL2" },
	{ "CNTP_CVAL_EL0", "CNTHP_CVAL_EL2" },
	{ "CNTP_TVAL_EL0", "CNTHP_TVAL_EL2" },
	{ "CNTV_CTL_EL0", "CNTHV_CTL_EL2" },
	{ "CNTV_CVAL_EL0", "CNTHV_CVAL_EL2" },
	{ "CNTV_TVAL_EL0", "CNTHV_TVAL_EL2" },
	{ "TRFCR_EL1", "TRFCR_EL2" },
	{ "MPAM1_EL1", "MPAM2_EL2" },
	{ "GCSCR_EL1", "GCSCR_EL2" },
	{ "GCSPR_EL1", "GCSPR_EL2" },
	{ "BRBCR_EL1", "BRBCR_EL2" },
	{ "PMSCR_EL1", "PMSCR_EL2" },
};

static void test_e2h_redirect_table_matches_arm_arm(void **state)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		unsigned int want = r;

		if (fx_is_alias(r))
			continue;
		for (size_t i = 0; i < VEL2_ARRAY_SIZE(e2h_pairs); i++) {
			int el2;

			if (strcmp(e2h_pairs[i][0], INFO(r)->name))
				continue;
			el2 = id_of(e2h_pairs[i][1]);
			if (el2 < 0) {
				print_message("note: %s is in the catalog, "
					      "%s is not: accessing %s at "
					      "vEL2 with E2H=1 is UNDEFINED\n",
					      e2h_pairs[i][0], e2h_pairs[i][1],
					      e2h_pairs[i][0]);
			}
			want = el2 < 0 ? VEL2_NR_SYSREGS : (unsigned int)el2;
		}
		if (vel2_e2h_redirect(r) != want)
			print_message("%s: redirect %u, Arm ARM %u\n",
				      INFO(r)->name, vel2_e2h_redirect(r),
				      want);
		assert_int_equal(vel2_e2h_redirect(r), want);
	}
}

/* MRS x3, <enc> from vEL2: the verdict. */
static int mrs_at_vel2_verdict(struct vel2_vcpu *v, unsigned int op1,
			       unsigned int crn, unsigned int crm,
			       unsigned int op2)
{
	return exit_with(v, esr_sys(3, op1, crn, crm, op2, 3, true), PC);
}

/* MRS x3, <enc> from vEL2: the value read. */
static u64 mrs_at_vel2(struct vel2_vcpu *v, unsigned int op1, unsigned int crn,
		       unsigned int crm, unsigned int op2)
{
	assert_int_equal(
		exit_with(v, esr_sys(3, op1, crn, crm, op2, 3, true), PC),
		VEL2_RESUME);
	return tx.x[3];
}

/*
 * ICH_ELRSR/EISR/MISR_EL2 are computed by the GIC from the list registers
 * (IHI 0069 register descriptions), not stored: with 4 list registers
 * (ICH_VTR_EL2.ListRegs = 3), all empty reads ELRSR = 0xf as on hardware.
 */
static void test_ich_status_registers(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	const u64 pending = 1ULL << 62, eoi = 1ULL << 41, hw = 1ULL << 61;

	wr(ID(ICH_VTR_EL2), 0x90000003ULL);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 5), 0xf); /* ELRSR */
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 3), 0); /* EISR */
	/* LR0 pending, LR1 invalid with EOI (maintenance due), LR2 invalid
	 * with HW and bit 41 (part of pINTID then): empty. */
	wr(ID(ICH_LR0_EL2), pending | 20);
	wr(ID(ICH_LR1_EL2), eoi | 21);
	wr(ID(ICH_LR2_EL2), hw | eoi | 22);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 5), 0xc);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 3), 0x2);
	/* MISR: EOI[0] from EISR; U[1] (UIE, one valid LR); NP[3] not with
	 * an LR pending; VGrp1D[7] (VGrp1DIE, VENG1 = 0). */
	wr(ID(ICH_HCR_EL2), 0x1 | 0x2 | 0x8 | 0x80);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 2), 0x1 | 0x2 | 0x80);
	/* LR3 outside ListRegs is ignored. */
	wr(ID(ICH_VTR_EL2), 0x90000001ULL);
	wr(ID(ICH_LR0_EL2), 0);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 5), 0x1);
	assert_int_equal(mrs_at_vel2(v, 4, 12, 11, 2), 0x1 | 0x2 | 0x8 | 0x80);
}

/*
 * The maintenance interrupt's level (IHI 0069 ICH_MISR_EL2, "Maintenance
 * interrupts"): ICH_HCR_EL2.En and any MISR bit, from the stored state.
 */
static void test_ich_maint_level(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	const u64 pending = 1ULL << 62, active = 2ULL << 62;

	wr(ID(ICH_VTR_EL2), 0x90000003ULL);
	wr(ID(ICH_VMCR_EL2), 0x2); /* VENG1 */
	/* Nothing enabled: no level, even with a MISR condition. */
	wr(ID(ICH_HCR_EL2), 0x8); /* NPIE, En = 0 */
	assert_false(vel2_gic_maint_level(v));
	/* En + NPIE with no LR pending: asserted... */
	wr(ID(ICH_HCR_EL2), 0x1 | 0x8);
	wr(ID(ICH_LR0_EL2), active | 40);
	assert_true(vel2_gic_maint_level(v));
	/* ...until an LR is pending again. */
	wr(ID(ICH_LR1_EL2), pending | 41);
	assert_false(vel2_gic_maint_level(v));
	/* UIE: at most one valid LR. */
	wr(ID(ICH_HCR_EL2), 0x1 | 0x2);
	assert_false(vel2_gic_maint_level(v));
	wr(ID(ICH_LR0_EL2), 0);
	assert_true(vel2_gic_maint_level(v));
	/* EOI maintenance: an invalid LR with EOI, HW = 0. */
	wr(ID(ICH_HCR_EL2), 0x1);
	assert_false(vel2_gic_maint_level(v));
	wr(ID(ICH_LR2_EL2), (1ULL << 41) | 42);
	assert_true(vel2_gic_maint_level(v));
	wr(ID(ICH_LR2_EL2), 0);
	/* LRENP: LRENPIE with EOIcount != 0. */
	wr(ID(ICH_HCR_EL2), 0x1 | 0x4 | (1ULL << 27));
	assert_true(vel2_gic_maint_level(v));
	wr(ID(ICH_HCR_EL2), 0x1 | 0x4);
	assert_false(vel2_gic_maint_level(v));
	/* VGrp1E/VGrp1D follow ICH_VMCR_EL2.VENG1. */
	wr(ID(ICH_HCR_EL2), 0x1 | 0x80);
	assert_false(vel2_gic_maint_level(v));
	wr(ID(ICH_VMCR_EL2), 0);
	assert_true(vel2_gic_maint_level(v));
	wr(ID(ICH_HCR_EL2), 0x80);
	assert_false(vel2_gic_maint_level(v));
}

/* MSR <enc>, x3 = v from vEL2; returns the verdict. */
static int msr_at_vel2(struct vel2_vcpu *v, unsigned int op1, unsigned int crn,
		       unsigned int crm, unsigned int op2, u64 val)
{
	memset(&tx, 0, sizeof(tx));
	tx.x[3] = val;
	tx.esr = esr_sys(3, op1, crn, crm, op2, 3, false);
	tx.elr = PC;
	tx.spsr = phys_spsr(v->pstate);
	return vel2_handle_exit(v, &tx);
}

/*
 * Fields of features the guest's ID registers do not show are RES0 (Arm
 * ARM HCR_EL2: NV[42], NV1[43], AT[44] "When FEAT_NV is implemented",
 * NV2[45] FEAT_NV2, ATA[56] FEAT_MTE2; SCTLR_EL1.TCF/ATA FEAT_MTE2).
 */
static void test_feature_res0(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);
	const u64 nv = 0xfULL << 42, ata = 1ULL << 56;

	/* No FEAT_NV, no MTE2: NV bits, ATA clear; RW[31] kept. */
	wr(ID(ID_AA64MMFR2_EL1), 0);
	wr(ID(ID_AA64PFR1_EL1), 0);
	assert_int_equal(msr_at_vel2(v, 4, 1, 1, 0, nv | ata | (1ULL << 31)),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(HCR_EL2)), 1ULL << 31);
	/* FEAT_NV (MMFR2.NV = 1): NV, NV1, AT kept, NV2 still RES0; MTE2
	 * (PFR1.MTE = 2): ATA kept. */
	wr(ID(ID_AA64MMFR2_EL1), 1ULL << 24);
	wr(ID(ID_AA64PFR1_EL1), 2ULL << 8);
	assert_int_equal(msr_at_vel2(v, 4, 1, 1, 0, nv | ata | (1ULL << 31)),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(HCR_EL2)), (0x7ULL << 42) | ata | (1ULL << 31));
	/* SCTLR_EL1 (stored at vEL2 with E2H=0): TCF[41:40], ATA[43]. */
	wr(ID(ID_AA64PFR1_EL1), 0);
	assert_int_equal(msr_at_vel2(v, 0, 1, 0, 0, (0xbULL << 40) | 1),
			 VEL2_RESUME);
	assert_int_equal(rd(ID(SCTLR_EL1)), 1);
}

/*
 * ZCR_EL2 and FPEXC32_EL2 at EL2 trap to EL2 itself under the guest's own
 * CPTR_EL2 ("Accessing ZCR_EL2": E2H=0 TZ -> EC 0x19, TFP -> EC 0x07;
 * E2H=1 ZEN/FPEN not 0bx1); ESR as the hardware reports (CV=1, COND=0xe
 * for EC 0x07).
 */
static void test_cptr_traps_el2_fp_registers(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	wr(ID(CPTR_EL2), 1ULL << 8); /* TZ */
	assert_int_equal(msr_at_vel2(v, 4, 1, 2, 0, 3), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), 0x66000000ULL);
	assert_int_equal(tx.elr, VBAR2 + 0x200);

	/* FPEXC32_EL2 exists with AArch32 EL1 (ID_AA64PFR0_EL1.EL1 = 2);
	 * without it, UNDEFINED whatever CPTR_EL2 says. */
	v = vel2_guest(false);
	wr(ID(CPTR_EL2), 1ULL << 10); /* TFP */
	assert_int_equal(mrs_at_vel2_verdict(v, 4, 5, 3, 0), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
	v = vel2_guest(false);
	wr(ID(ID_AA64PFR0_EL1), FX_PFR0);
	wr(ID(CPTR_EL2), 1ULL << 10); /* TFP */
	assert_int_equal(mrs_at_vel2_verdict(v, 4, 5, 3, 0), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), 0x1fe00000ULL);

	v = vel2_guest(false);
	wr(ID(CPTR_EL2), 0);
	assert_int_equal(msr_at_vel2(v, 4, 1, 2, 0, 3), VEL2_RESUME);
	assert_int_equal(rd(ID(ZCR_EL2)), 3);

	/* E2H=1: FPEN = 0b11, ZEN = 0b10 (traps every EL): EC 0x19; ZEN =
	 * 0b01 only traps EL0. */
	v = vel2_guest(true);
	wr(ID(CPTR_EL2), (3ULL << 20) | (1ULL << 16));
	assert_int_equal(mrs_at_vel2_verdict(v, 4, 1, 2, 0), VEL2_RESUME);
	v = vel2_guest(true);
	wr(ID(CPTR_EL2), (3ULL << 20) | (2ULL << 16));
	assert_int_equal(mrs_at_vel2_verdict(v, 4, 1, 2, 0), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), 0x66000000ULL);
	v = vel2_guest(true);
	wr(ID(CPTR_EL2), (3ULL << 20) | (3ULL << 16));
	assert_int_equal(mrs_at_vel2_verdict(v, 4, 1, 2, 0), VEL2_RESUME);
}

/*
 * CNTHP_TVAL_EL2: (CVAL - count)[31:0] on read; CVAL = count +
 * SignExtend(value[31:0]) on write (Arm ARM D12.2.4).
 */
static void test_tval(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	vel2_sim.cntpct = 0x100000000ULL;
	wr(ID(CNTHP_CVAL_EL2), 0x100000010ULL);
	assert_int_equal(mrs_at_vel2(v, 4, 14, 2, 0), 0x10);
	wr(ID(CNTHP_CVAL_EL2), 0xfffffff0ULL); /* in the past: negative */
	assert_int_equal(mrs_at_vel2(v, 4, 14, 2, 0), 0xfffffff0ULL);
	assert_int_equal(
		msr_at_vel2(v, 4, 14, 3, 0, 0xffffffffULL | (7ULL << 40)),
		VEL2_RESUME);
	assert_int_equal(rd(ID(CNTHV_CVAL_EL2)), 0xffffffffULL);
	/* CNTV_TVAL_EL02 (E2H=1) counts from the virtual offset. */
	v = vel2_guest(true);
	vel2_sim.cntpct = 1000;
	wr(ID(CNTVOFF_EL2), 100);
	assert_int_equal(msr_at_vel2(v, 5, 14, 3, 0, 5), VEL2_RESUME);
	assert_int_equal(rd(ID(CNTV_CVAL_EL0)), 905);
	/* Without E2H the *_EL02 encoding does not exist. */
	v = vel2_guest(false);
	assert_int_equal(msr_at_vel2(v, 5, 14, 3, 0, 5), VEL2_INJECTED);
}

/*
 * A VHE guest hypervisor's CNTP_* and CNTV_* at vEL2 mean its EL2 timers
 * (E2H redirection); vel2 traps them (CNTHCTL_EL2.EL1PCEN=0, EL1TVT=1)
 * and they must reach the physical EL2 timers, which hold its CNTHP and
 * CNTHV, never the physical EL1 timers (its guest's). TVAL counts from 0,
 * the EL2 timers' offset.
 */
static void test_vhe_timers_at_vel2(void **state)
{
	struct vel2_vcpu *v = vel2_guest(true);

	vel2_sim.cntpct = 1000;
	wr(ID(CNTVOFF_EL2), 100);
	assert_int_equal(msr_at_vel2(v, 3, 14, 2, 1, 1), VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTHP_CTL_EL2)], 1);
	assert_int_equal(vel2_sim.reg[ID(CNTP_CTL_EL0)], 0);
	assert_int_equal(msr_at_vel2(v, 3, 14, 3, 2, 4242), VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTHV_CVAL_EL2)], 4242);
	assert_int_equal(vel2_sim.reg[ID(CNTV_CVAL_EL0)], 0);
	vel2_sim.reg[ID(CNTHV_CTL_EL2)] = 5; /* fired: ISTATUS */
	assert_int_equal(mrs_at_vel2(v, 3, 14, 3, 1), 5);
	assert_int_equal(msr_at_vel2(v, 3, 14, 2, 0, 5), VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTHP_CVAL_EL2)], 1005);
	assert_int_equal(msr_at_vel2(v, 3, 14, 3, 0, 7), VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(CNTHV_CVAL_EL2)], 1007);
	assert_int_equal(mrs_at_vel2(v, 3, 14, 3, 0), 7);
	/* The counters, if trapped, have no offset in the EL2&0 regime. */
	assert_int_equal(mrs_at_vel2(v, 3, 14, 0, 2), 1000);
}

/*
 * An nVHE guest hypervisor's virtual counter at vEL2 (trapped under NV2
 * by CNTHCTL_EL2.EL1TVCT): CNTPCT - its CNTVOFF_EL2 (Arm ARM D12, "The
 * virtual counter"), CNTVCTSS_EL0 alike; CNTPCT(SS) the count.
 */
static void test_nvhe_counter_at_vel2(void **state)
{
	struct vel2_vcpu *v = vel2_guest(false);

	vel2_sim.cntpct = 1000;
	wr(ID(CNTVOFF_EL2), 100);
	assert_int_equal(mrs_at_vel2(v, 3, 14, 0, 2), 900);
	assert_int_equal(mrs_at_vel2(v, 3, 14, 0, 6), 900);
	assert_int_equal(mrs_at_vel2(v, 3, 14, 0, 1), 1000);
	assert_int_equal(mrs_at_vel2(v, 3, 14, 0, 5), 1000);
	/* Read-only. */
	assert_int_equal(msr_at_vel2(v, 3, 14, 0, 2, 0), VEL2_INJECTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mrs_msr_el2_register),
		cmocka_unit_test(test_xzr),
		cmocka_unit_test(test_res0_applied_on_write),
		cmocka_unit_test(test_e2h1_el1_encoding_reaches_el2),
		cmocka_unit_test(test_e2h0_el1_encoding_is_el1),
		cmocka_unit_test(test_el12_with_e2h1),
		cmocka_unit_test(test_el12_with_e2h0_is_undef),
		cmocka_unit_test(test_unknown_encoding_is_undef),
		cmocka_unit_test(test_unallocated_id_space_is_raz),
		cmocka_unit_test(test_aarch32_id_register_read),
		cmocka_unit_test(test_write_to_read_only_is_undef),
		cmocka_unit_test(test_read_of_write_only_is_undef),
		cmocka_unit_test(test_sp_el1_from_vel2),
		cmocka_unit_test(test_sp_el2_from_vel2_is_undef),
		cmocka_unit_test(test_currentel),
		cmocka_unit_test(test_el2_register_from_vel1_is_undef_at_vel1),
		cmocka_unit_test(test_vel0_host_timer_redirect),
		cmocka_unit_test(test_e2h_redirect_table_matches_arm_arm),
		cmocka_unit_test(test_ich_status_registers),
		cmocka_unit_test(test_ich_maint_level),
		cmocka_unit_test(test_feature_res0),
		cmocka_unit_test(test_cptr_traps_el2_fp_registers),
		cmocka_unit_test(test_tval),
		cmocka_unit_test(test_vhe_timers_at_vel2),
		cmocka_unit_test(test_el02_timers_mirrored),
		cmocka_unit_test(test_nvhe_counter_at_vel2),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
