// SPDX-License-Identifier: MIT
/*
 * AArch32 EL1 below the guest hypervisor (its HCR_EL2.RW = 0, on a CPU
 * with ID_AA64PFR0_EL1.EL1 = 2): the ERET into an AArch32 EL1 mode and
 * its illegal cases (Arm ARM IllegalExceptionReturn, ELFromM32,
 * ELStateUsingAArch32K), exits from the AArch32 EL1 modes (HVC32, SMC32,
 * coprocessor traps, the ID reads only vel2's TID3 traps), the physical
 * HCR_EL2.RW, exception entry into AArch32 EL1 (AArch32.EnterMode) and
 * where the AArch32 EL1 registers (DACR32_EL2 ... SPSR_fiq) live.
 * Expected values are written from the Arm ARM, not computed by vel2.
 */
#include "helpers/arm_bits.h"
#include "helpers/trap_fixture.h"

#include <vel2/hwcfg.h>

#define PC 0x40002000ULL
#define TARGET 0x40010000ULL
#define VBAR2 0x40100000ULL
#define VBAR1 0x40200000ULL

/* ID_AA64PFR0_EL1: EL0, EL1, EL2 [11:0] = 2 (AArch64 and AArch32). */
#define PFR0_AA32 0x222ULL
/* ... EL1 AArch64 only. */
#define PFR0_AA64_EL1 0x212ULL

/* AArch32 modes (Arm ARM G1 "AArch32 processor modes"). */
#define USR 0x10ULL
#define FIQ 0x11ULL
#define IRQ 0x12ULL
#define SVC 0x13ULL
#define MON 0x16ULL
#define ABT 0x17ULL
#define HYP 0x1aULL
#define UND 0x1bULL
#define SYS 0x1fULL
#define CPSR_T (1ULL << 5)
#define CPSR_F (1ULL << 6)
#define CPSR_I (1ULL << 7)
#define CPSR_A (1ULL << 8)
#define CPSR_Q (1ULL << 27)
#define CPSR_IL (1ULL << 20)

#define HCR_RW (1ULL << 31)
#define HCR_TID3 (1ULL << 18)
#define HCR_HCD (1ULL << 29)
#define HCR_E2H (1ULL << 34)
#define HCR_TGE (1ULL << 27)

/* The guest hypervisor at vEL2 with `hcr`, about to ERET with `spsr`. */
static struct vel2_vcpu *at_vel2(u64 pfr0, u64 hcr, u64 spsr)
{
	struct vel2_vcpu *v = fx_reset();

	vel2_stored(&v->regs, ID_AA64PFR0_EL1) = pfr0;
	wr(ID(HCR_EL2), hcr);
	vel2_vcpu_set_pstate(v, PS_EL2H);
	vel2_vcpu_load(v);
	wr(ID(VBAR_EL2), VBAR2);
	wr(ID(VBAR_EL1), VBAR1);
	wr(ID(ELR_EL2), TARGET);
	wr(ID(SPSR_EL2), spsr);
	return v;
}

/* L2 running in AArch32 `mode` (RW = 0, EL1 AArch32). */
static struct vel2_vcpu *in_l2(u64 hcr, u64 cpsr)
{
	struct vel2_vcpu *v = fx_reset();

	vel2_stored(&v->regs, ID_AA64PFR0_EL1) = PFR0_AA32;
	wr(ID(HCR_EL2), hcr);
	vel2_vcpu_set_pstate(v, cpsr);
	vel2_vcpu_load(v);
	wr(ID(VBAR_EL2), VBAR2);
	wr(ID(VBAR_EL1), VBAR1);
	return v;
}

/* An exit from AArch32: the hardware's SPSR_EL2 is the CPSR as it was. */
static int exit32(struct vel2_vcpu *v, u64 esr, u64 pc)
{
	memset(&tx, 0, sizeof(tx));
	for (unsigned int i = 0; i < 31; i++)
		tx.x[i] = 0x1000 + i;
	tx.esr = esr;
	tx.elr = pc;
	tx.spsr = v->pstate;
	return vel2_handle_exit(v, &tx);
}

/*
 * Every AArch32 EL1 mode is a legal target with RW = 0 (E2H 0 or 1, TGE
 * 0): PSTATE is the SPSR's 32 bits (T, IT, GE, Q, E, AIF, M), the vEL is
 * 1, L2's registers are on the CPU and the host returns with that CPSR.
 */
static void eret_to_every_el1_mode(void **state)
{
	static const u64 modes[] = { FIQ, IRQ, SVC, ABT, UND, SYS };

	(void)state;
	for (unsigned int e2h = 0; e2h < 2; e2h++)
		for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(modes); i++) {
			u64 spsr = modes[i] | CPSR_T | (0x3ULL << 10) |
				   (1ULL << 25) | (0xaULL << 16) | CPSR_Q |
				   CPSR_A | NZCV_C;
			struct vel2_vcpu *v =
				at_vel2(PFR0_AA32, e2h ? HCR_E2H : 0, spsr);

			wr(ID(SCTLR_EL1), 0x00c50838);
			assert_int_equal(exit_with(v, ESR_ERET, PC),
					 VEL2_RESUME);
			assert_int_equal(v->pstate, spsr);
			assert_int_equal(vel2_vcpu_el(v), 1);
			assert_false(vel2_is_hyp_ctxt(v));
			assert_int_equal(v->placement, VEL2_PLACE_EL1);
			assert_int_equal(tx.spsr, spsr);
			assert_int_equal(tx.elr, TARGET);
			assert_int_equal(vel2_sim.reg[ID(SCTLR_EL1)],
					 0x00c50838);
		}
}

static void expect_illegal(u64 pfr0, u64 hcr, u64 spsr)
{
	struct vel2_vcpu *v = at_vel2(pfr0, hcr, spsr);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_INJECTED);
	assert_int_equal(vel2_vcpu_el(v), 2);
	assert_true(v->pstate & CPSR_IL);
	assert_false(v->pstate & VEL2_PSR_M_32);
	assert_int_equal(tx.elr, TARGET);
}

static void expect_legal(u64 pfr0, u64 hcr, u64 spsr, unsigned int el)
{
	struct vel2_vcpu *v = at_vel2(pfr0, hcr, spsr);

	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel2_vcpu_el(v), el);
	assert_false(v->pstate & CPSR_IL);
}

/*
 * The illegal returns: an AArch32 EL1 mode with RW = 1 (EL1 AArch64), or
 * on a CPU without AArch32 EL1 (RW is then RAO); Hyp (EL2 is AArch64),
 * Monitor (no EL3), the reserved encodings; an EL1 mode with TGE = 1; an
 * AArch64 EL1 or EL0 target while EL1 is AArch32, including with TGE = 1
 * and E2H = 0 (EL0 is then AArch32 too: ELStateUsingAArch32K).
 */
static void illegal_returns(void **state)
{
	static const u64 reserved[] = {
		0x14, 0x15, 0x18, 0x19, 0x1c, 0x1d, 0x1e
	};

	(void)state;
	expect_illegal(PFR0_AA32, HCR_RW, SVC);
	expect_illegal(PFR0_AA64_EL1, 0, SVC);
	expect_illegal(PFR0_AA64_EL1, 0, SYS);
	expect_illegal(PFR0_AA32, 0, HYP);
	expect_illegal(PFR0_AA32, 0, MON);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(reserved); i++)
		expect_illegal(PFR0_AA32, 0, reserved[i]);
	expect_illegal(PFR0_AA32, HCR_TGE, SVC);
	expect_illegal(PFR0_AA32, 0, 0x5); /* AArch64 EL1h */
	expect_illegal(PFR0_AA32, 0, 0x0); /* AArch64 EL0t */
	expect_illegal(PFR0_AA32, HCR_TGE, 0x0);
	expect_illegal(PFR0_AA32, HCR_E2H, 0x4);
}

/*
 * And the legal ones around them: User mode with RW = 0 or 1, AArch64
 * EL1/EL0 with RW = 1 or without AArch32 EL1 (RW RAO), AArch64 EL0 with
 * {E2H,TGE} = {1,1} and RW = 0 (EL0 is in the EL2&0 regime).
 */
static void legal_returns(void **state)
{
	(void)state;
	expect_legal(PFR0_AA32, 0, USR, 0);
	expect_legal(PFR0_AA32, HCR_RW, USR, 0);
	expect_legal(PFR0_AA32, HCR_RW, 0x5, 1);
	expect_legal(PFR0_AA64_EL1, 0, 0x5, 1);
	expect_legal(PFR0_AA32, HCR_E2H | HCR_TGE, 0x0, 0);
}

/*
 * An HVC from AArch32 Undefined mode (EC 0x12): the guest hypervisor
 * takes it at VBAR_EL2 + 0x600 (lower EL, AArch32) with the syndrome, and
 * SPSR_EL2 is the CPSR (mode 0x1b, whose M[3:2] is not an EL).
 */
static void hvc32_forwarded(void **state)
{
	u64 cpsr = UND | CPSR_I | CPSR_T | NZCV_C;
	u64 esr = T_EC(0x12) | T_IL | 0x42;
	struct vel2_vcpu *v = in_l2(0, cpsr);

	(void)state;
	assert_int_equal(exit32(v, esr, PC), VEL2_FORWARDED);
	assert_int_equal(vel2_vcpu_el(v), 2);
	assert_int_equal(tx.elr, VBAR2 + 0x600);
	assert_int_equal(rd(ID(ESR_EL2)), esr);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(SPSR_EL2)), cpsr);
}

/*
 * An exit from an AArch32 EL1 mode the guest's configuration does not
 * allow is not from this guest: refused, nothing changed.
 */
static void exit_from_aarch32_el1_needs_rw0(void **state)
{
	struct vel2_vcpu *v = in_l2(0, SVC);

	(void)state;
	wr(ID(HCR_EL2), HCR_RW);
	assert_int_equal(exit32(v, T_EC(0x12) | T_IL, PC), VEL2_EXIT_EBADSTATE);
	v = in_l2(0, HYP);
	assert_int_equal(exit32(v, T_EC(0x12) | T_IL, PC), VEL2_EXIT_EBADSTATE);
}

/*
 * BKPT (EC 0x38) and Vector Catch (EC 0x3a) from AArch32 reach EL2 only
 * by MDCR_EL2.TDE, which vel2 sets for L2 only from the guest
 * hypervisor's: its trap, forwarded with the syndrome.
 */
static void aarch32_debug_forwarded(void **state)
{
	static const u64 esrs[] = { T_EC(0x38) | T_IL | 3, T_EC(0x3a) | T_IL };

	(void)state;
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(esrs); i++) {
		struct vel2_vcpu *v = in_l2(0, SVC);

		assert_int_equal(exit32(v, esrs[i], PC), VEL2_FORWARDED);
		assert_int_equal(rd(ID(ESR_EL2)), esrs[i]);
		assert_int_equal(tx.elr, VBAR2 + 0x600);
	}
}

/* SMC32 (EC 0x13): TSC forwards it, otherwise it is a firmware call. */
static void smc32(void **state)
{
	u64 esr = T_EC(0x13) | T_IL | (1ULL << 24) | (0xeULL << 20);
	struct vel2_vcpu *v = in_l2(1ULL << 19 /* TSC */, SVC);

	(void)state;
	assert_int_equal(exit32(v, esr, PC), VEL2_FORWARDED);
	assert_int_equal(tx.elr, VBAR2 + 0x600);
	v = in_l2(0, SVC);
	assert_int_equal(exit32(v, esr, PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_SMC);
}

/* EC 0x03 (MCR/MRC) and 0x08 (VMRS) ISS: CV [24], COND [23:20], Opc2
 * [19:17], Opc1 [16:14], CRn [13:10], Rt [9:5], CRm [4:1], read [0]. */
static u64 esr_cp(unsigned int ec, unsigned int cond, unsigned int opc1,
		  unsigned int crn, unsigned int crm, unsigned int opc2,
		  unsigned int rt, bool read)
{
	return T_EC(ec) | T_IL | (1ULL << 24) | ((u64)cond << 20) |
	       ((u64)opc2 << 17) | ((u64)opc1 << 14) | ((u64)crn << 10) |
	       ((u64)rt << 5) | ((u64)crm << 1) | (read ? 1 : 0);
}

/*
 * MRC p15, 0, r3, c0, c1, 0 (ID_PFR0) from AArch32 EL1: vel2's own TID3
 * trapped it; the guest hypervisor did not (no TID3, no HSTR_EL2.T0), so
 * it reads ID_PFR0_EL1's value, 32 bits, and PC moves on; with either of
 * the guest's controls, it gets the trap. A reserved ID encoding reads 0.
 */
static void id_mrc_answered_unless_guest_traps(void **state)
{
	u64 esr = esr_cp(0x03, 0xe, 0, 0, 1, 0, 3, true);
	struct vel2_vcpu *v = in_l2(0, SVC);

	(void)state;
	vel2_stored(&v->regs, ID_PFR0_EL1) = 0xfeed00000131ULL;
	assert_int_equal(exit32(v, esr, PC), VEL2_RESUME);
	assert_int_equal(tx.x[3], 0x00000131);
	assert_int_equal(tx.elr, PC + 4);
	assert_int_equal(tx.spsr, SVC);

	/* c0, c7, 7: reserved, RAZ. */
	v = in_l2(0, SVC);
	assert_int_equal(exit32(v, esr_cp(0x03, 0xe, 0, 0, 7, 7, 4, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[4], 0);

	v = in_l2(HCR_TID3, SVC);
	assert_int_equal(exit32(v, esr, PC), VEL2_FORWARDED);
	assert_int_equal(rd(ID(ESR_EL2)), esr);

	v = in_l2(0, SVC);
	wr(ID(HSTR_EL2), 1); /* T0 */
	assert_int_equal(exit32(v, esr, PC), VEL2_FORWARDED);

	/* Not an ID register (SCTLR, c1: the guest's TVM/TRVM): its own. */
	v = in_l2(0, SVC);
	assert_int_equal(exit32(v, esr_cp(0x03, 0xe, 0, 1, 0, 0, 3, true), PC),
			 VEL2_FORWARDED);
	/* An MCR (write) to the ID space is never vel2's. */
	v = in_l2(0, SVC);
	assert_int_equal(exit32(v, esr_cp(0x03, 0xe, 0, 0, 1, 0, 3, false), PC),
			 VEL2_FORWARDED);
}

/* VMRS r5, MVFR1 (EC 0x08, reg 0b0110) answered; FPSID (TID0) is not. */
static void vmrs_mvfr(void **state)
{
	struct vel2_vcpu *v = in_l2(0, SVC);

	(void)state;
	vel2_stored(&v->regs, MVFR1_EL1) = 0x12111111ULL;
	assert_int_equal(exit32(v, esr_cp(0x08, 0xe, 7, 6, 0, 0, 5, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[5], 0x12111111);
	v = in_l2(0, SVC);
	assert_int_equal(exit32(v, esr_cp(0x08, 0xe, 7, 0, 0, 0, 5, true), PC),
			 VEL2_FORWARDED);
}

/*
 * A conditional MRC that fails its condition (CV = 1, COND = EQ, Z = 0)
 * has no effect; in a T32 IT block the IT state advances (Arm ARM
 * AArch32.ITAdvance): IT = 0b01000110 (IT[7:2] in CPSR [15:10], IT[1:0]
 * in [26:25]) becomes 0b01001100; IT = 0b01001000 (IT[2:0] = 0, the last
 * instruction of its block) becomes 0.
 */
static void condition_and_it_state(void **state)
{
	u64 it_46 = (0x11ULL << 10) | (1ULL << 26);
	u64 cpsr = SVC | CPSR_T | it_46 | (1ULL << 30); /* Z */
	struct vel2_vcpu *v = in_l2(0, SVC);

	(void)state;
	assert_int_equal(exit32(v, esr_cp(0x03, 0x0, 0, 0, 1, 0, 3, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[3], 0x1003); /* Z clear: EQ fails */
	assert_int_equal(tx.elr, PC + 4);

	v = in_l2(0, cpsr);
	assert_int_equal(exit32(v, esr_cp(0x03, 0x0, 0, 0, 1, 0, 3, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[3], 0); /* EQ holds: ID_PFR0 (0) read */
	assert_int_equal(tx.spsr,
			 SVC | CPSR_T | (0x13ULL << 10) | (1ULL << 30));
	assert_int_equal(tx.elr, PC + 4);

	v = in_l2(0, SVC | CPSR_T | (0x12ULL << 10));
	assert_int_equal(exit32(v, esr_cp(0x03, 0xe, 0, 0, 1, 0, 3, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.spsr, SVC | CPSR_T);
}

/* The physical HCR_EL2.RW: 0 only while L2 runs with AArch32 EL1. */
static void physical_rw(void **state)
{
	struct vel2_hwcfg cfg;
	struct vel2_vcpu *v = in_l2(0, SVC);

	(void)state;
	vel2_hwcfg(v, HCR_RW, &cfg);
	assert_false(cfg.hcr & HCR_RW);
	v = in_l2(0, USR);
	vel2_hwcfg(v, HCR_RW, &cfg);
	assert_false(cfg.hcr & HCR_RW);
	v = at_vel2(PFR0_AA32, 0, SVC);
	vel2_hwcfg(v, HCR_RW, &cfg);
	assert_true(cfg.hcr & HCR_RW);
	v = at_vel2(PFR0_AA32, HCR_RW, 0x5);
	vel2_vcpu_set_pstate(v, PS_EL1H);
	vel2_hwcfg(v, HCR_RW, &cfg);
	assert_true(cfg.hcr & HCR_RW);
	/* No AArch32 EL1: RW is RAO, the guest's 0 changes nothing. */
	v = at_vel2(PFR0_AA64_EL1, 0, 0x5);
	vel2_vcpu_set_pstate(v, PS_EL1H);
	vel2_hwcfg(v, HCR_RW, &cfg);
	assert_true(cfg.hcr & HCR_RW);
}

/*
 * An UNDEF vel2 delivers to AArch32 EL1 (here an HVC with HCR_EL2.HCD,
 * UNDEFINED at EL1): Undefined mode, SPSR_und = the CPSR, LR_und (X22) =
 * the HVC + 4 in A32 / + 2 in T32, I set, T from SCTLR.TE, PC = VBAR +
 * 0x04, or 0xffff0004 with SCTLR.V.
 */
static void undef_into_aarch32_el1(void **state)
{
	u64 cpsr = SVC | NZCV_C | CPSR_Q | (0x5ULL << 16);
	struct vel2_vcpu *v = in_l2(HCR_HCD, cpsr);

	(void)state;
	wr(ID(SCTLR_EL1), 0x00c50838);
	/* ELR_EL2 is past the HVC: the UNDEF's return is the HVC. */
	assert_int_equal(exit32(v, T_EC(0x12) | T_IL, PC + 4), VEL2_INJECTED);
	assert_int_equal(v->pstate,
			 UND | CPSR_I | NZCV_C | CPSR_Q | (0x5ULL << 16));
	assert_int_equal(tx.spsr, v->pstate);
	assert_int_equal(tx.elr, VBAR1 + 0x04);
	assert_int_equal(tx.x[22], PC + 4);
	assert_int_equal(rd(ID(SPSR_und)), cpsr);
	assert_int_equal(vel2_sim.reg[ID(SPSR_und)], cpsr);

	/* T32, SCTLR.TE = 1 and V = 1. */
	v = in_l2(HCR_HCD, SVC | CPSR_T);
	wr(ID(SCTLR_EL1), 0x00c50838 | (1ULL << 30) | (1ULL << 13));
	assert_int_equal(exit32(v, T_EC(0x12) | T_IL, PC + 4), VEL2_INJECTED);
	assert_int_equal(v->pstate, UND | CPSR_I | CPSR_T);
	assert_int_equal(tx.elr, 0xffff0004ULL);
	assert_int_equal(tx.x[22], PC + 2);
}

/*
 * A stage 2 abort vel2 answers with a synchronous external abort into
 * AArch32 EL1: Data Abort (Abort mode, A and I set, LR_abt = X20 = the
 * instruction + 8, DFSR = ESR_EL1 with FS 0b01000 and WnR, or the LPAE
 * STATUS 0b010000 with TTBCR.EAE, DFAR = FAR_EL1[31:0]), Prefetch Abort
 * (+4, IFSR32_EL2, IFAR = FAR_EL1[63:32]); vectors +0x10, +0x0c.
 */
static void aborts_into_aarch32_el1(void **state)
{
	/* EC 0x24: ISV, WnR [6], DFSC 0b000100 (translation, level 0). */
	u64 esr = T_EC(0x24) | T_IL | (1ULL << 24) | (1ULL << 6) | 0x4;
	struct vel2_vcpu *v = in_l2(0, SVC | NZCV_C);

	(void)state;
	wr(ID(FAR_EL1), 0xaaaaaaaa00000000ULL);
	assert_int_equal(exit32(v, esr, PC), VEL2_NEEDS_HOST);
	tx.far = 0xc0000010ULL;
	assert_int_equal(vel2_inject_external_abort(v, &tx), VEL2_INJECTED);
	assert_int_equal(v->pstate, ABT | CPSR_A | CPSR_I | NZCV_C);
	assert_int_equal(tx.elr, VBAR1 + 0x10);
	assert_int_equal(tx.x[20], PC + 8);
	assert_int_equal(rd(ID(SPSR_abt)), SVC | NZCV_C);
	assert_int_equal(rd(ID(ESR_EL1)), 0x808);
	assert_int_equal(rd(ID(FAR_EL1)), 0xaaaaaaaac0000010ULL);

	v = in_l2(0, SVC);
	wr(ID(TCR_EL1), 1ULL << 31); /* TTBCR.EAE */
	assert_int_equal(exit32(v, esr & ~(1ULL << 6), PC), VEL2_NEEDS_HOST);
	assert_int_equal(vel2_inject_external_abort(v, &tx), VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL1)), 0x210);

	v = in_l2(0, SVC);
	wr(ID(FAR_EL1), 0x5555);
	assert_int_equal(exit32(v, T_EC(0x20) | T_IL | 0x4, PC),
			 VEL2_NEEDS_HOST);
	tx.far = PC;
	assert_int_equal(vel2_inject_external_abort(v, &tx), VEL2_INJECTED);
	assert_int_equal(tx.elr, VBAR1 + 0x0c);
	assert_int_equal(tx.x[20], PC + 4);
	assert_int_equal(rd(ID(IFSR32_EL2)), 0x008);
	assert_int_equal(rd(ID(FAR_EL1)), (PC << 32) | 0x5555);
}

/*
 * DACR32_EL2, IFSR32_EL2, FPEXC32_EL2, SPSR_irq/abt/und/fiq are the
 * physical registers whenever the vCPU is loaded: what the guest
 * hypervisor writes at vEL2 is what its AArch32 EL1 uses after the ERET,
 * with no move (no access at the world switch), and what L2's hardware
 * left (an IRQ writing SPSR_irq) is what it reads after the exit. Put
 * saves them; without AArch32 EL1 they are never touched.
 */
static void aarch32_registers_live(void **state)
{
	static const char *const names[] = { "DACR32_EL2",  "IFSR32_EL2",
					     "FPEXC32_EL2", "SPSR_irq",
					     "SPSR_abt",    "SPSR_und",
					     "SPSR_fiq" };
	struct vel2_vcpu *v = at_vel2(PFR0_AA32, 0, SVC);

	(void)state;
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(names); i++) {
		int r = id_of(names[i]);

		assert_true(r >= 0);
		assert_int_equal(esr_of_enc(INFO(r)->enc, 2, false) >> 26,
				 0x18);
		memset(&tx, 0, sizeof(tx));
		tx.x[2] = 0x100 + i;
		tx.esr = esr_of_enc(INFO(r)->enc, 2, false);
		tx.elr = PC;
		tx.spsr = phys_spsr(v->pstate);
		assert_int_equal(vel2_handle_exit(v, &tx), VEL2_RESUME);
		assert_int_equal(vel2_sim.reg[r], 0x100 + i);
	}
	sim_clear_counters();
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(names); i++) {
		int r = id_of(names[i]);

		assert_int_equal(vel2_sim.reads[r] + vel2_sim.writes[r], 0);
		assert_int_equal(vel2_sim.reg[r], 0x100 + i);
	}
	/* L2 takes an IRQ in hardware; then HVCs to the guest hypervisor. */
	vel2_sim.reg[ID(SPSR_irq)] = SVC | NZCV_C;
	assert_int_equal(exit32(v, T_EC(0x12) | T_IL, PC), VEL2_FORWARDED);
	assert_int_equal(rd(ID(SPSR_irq)), SVC | NZCV_C);
	vel2_vcpu_put(v);
	assert_int_equal(vel2_stored(&v->regs, SPSR_irq), SVC | NZCV_C);
	assert_int_equal(vel2_stored(&v->regs, DACR32_EL2), 0x100);

	/* Without AArch32 EL1: UNDEFINED, and load/put leave them. */
	v = at_vel2(PFR0_AA64_EL1, HCR_RW, 0x5);
	sim_clear_counters();
	vel2_vcpu_put(v);
	vel2_vcpu_load(v);
	assert_int_equal(vel2_sim.reads[ID(DACR32_EL2)] +
				 vel2_sim.writes[ID(DACR32_EL2)],
			 0);
	assert_int_equal(
		exit_with(v, esr_of_enc(VEL2_ENC_DACR32_EL2, 2, true), PC),
		VEL2_INJECTED);
	assert_int_equal(rd(ID(ESR_EL2)), ESR_UNDEF);
}

/*
 * VBAR_EL1[31:0] is the AArch32 VBAR, whose base is [31:5]: bits [10:5]
 * an AArch32 EL1 sets read back (its hypervisor's world switch saves
 * them), while an exception into AArch64 EL1 uses VBAR_EL1[63:11].
 */
static void vbar_el1_aarch32_bits(void **state)
{
	struct vel2_vcpu *v = at_vel2(PFR0_AA32, HCR_RW, 0x5);

	(void)state;
	wr(ID(VBAR_EL1), 0x40200a5fULL);
	assert_int_equal(rd(ID(VBAR_EL1)), 0x40200a40ULL);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
	assert_int_equal(vel2_sim.reg[ID(VBAR_EL1)], 0x40200a40ULL);
	/* An UNDEF vel2 injects at AArch64 vEL1 (EC 0x00 exit). */
	assert_int_equal(exit_with(v, T_EC(0x00) | T_IL, TARGET),
			 VEL2_INJECTED);
	assert_int_equal(tx.elr, 0x40200800ULL + 0x200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(eret_to_every_el1_mode),
		cmocka_unit_test(illegal_returns),
		cmocka_unit_test(legal_returns),
		cmocka_unit_test(hvc32_forwarded),
		cmocka_unit_test(exit_from_aarch32_el1_needs_rw0),
		cmocka_unit_test(smc32),
		cmocka_unit_test(aarch32_debug_forwarded),
		cmocka_unit_test(id_mrc_answered_unless_guest_traps),
		cmocka_unit_test(vmrs_mvfr),
		cmocka_unit_test(condition_and_it_state),
		cmocka_unit_test(physical_rw),
		cmocka_unit_test(undef_into_aarch32_el1),
		cmocka_unit_test(aborts_into_aarch32_el1),
		cmocka_unit_test(aarch32_registers_live),
		cmocka_unit_test(vbar_el1_aarch32_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
