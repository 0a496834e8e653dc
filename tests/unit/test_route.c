// SPDX-License-Identifier: MIT
/*
 * Routing while the guest hypervisor runs its own guest (vEL1/vEL0): the
 * guest hypervisor's virtual HCR_EL2 / MDCR_EL2 / HFG*TR_EL2 decide whether
 * an exit is reflected to vEL2 (same ESR, lower-EL vector +0x400) or
 * handled on the spot, in E2H=0 and E2H=1 guest hypervisors.
 */
#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x80004000ULL
#define VB2 0x43000000ULL
#define VB1 0x44000000ULL

static struct vel2_vcpu *l2(bool e2h, u64 hcr_traps, u64 pstate)
{
	struct vel2_vcpu *v = fx_enter_vectors(e2h, false, pstate, VB2, VB1);

	wr(ID(HCR_EL2), (e2h ? VEL2_HCR_E2H : 0) | hcr_traps);
	return v;
}

static void assert_forwarded(struct vel2_vcpu *v, u64 esr, u64 elr, u64 old)
{
	assert_int_equal(vel(v), 2);
	assert_true(vel2_is_hyp_ctxt(v));
	assert_int_equal(tx.elr, VB2 + 0x400);
	assert_int_equal(rd(ID(ESR_EL2)), esr);
	assert_int_equal(rd(ID(ELR_EL2)), elr);
	assert_int_equal(rd(ID(SPSR_EL2)), old);
	assert_int_equal(v->pstate, DAIF_ALL | 0x9);
}

static void both_e2h(void (*fn)(bool))
{
	fn(false);
	fn(true);
}

static void hvc_from_vel1(bool e2h)
{
	struct vel2_vcpu *v = l2(e2h, 0, PS_EL1H);
	u64 old = v->pstate;

	assert_int_equal(exit_with(v, ESR_HVC(7), PC + 4), VEL2_FORWARDED);
	assert_forwarded(v, ESR_HVC(7), PC + 4, old);
}

static void test_hvc_from_vel1_forwarded(void **state)
{
	both_e2h(hvc_from_vel1);
}

static void test_hvc_from_vel1_hcd_undef(void **state)
{
	struct vel2_vcpu *v = l2(false, HCR_HCD, PS_EL1H);

	assert_int_equal(exit_with(v, ESR_HVC(7), PC + 4), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	assert_int_equal(tx.elr, VB1 + 0x200);
	assert_int_equal(rd(ID(ESR_EL1)), ESR_UNDEF);
	assert_int_equal(rd(ID(ELR_EL1)), PC);
}

static void smc(bool e2h)
{
	struct vel2_vcpu *v = l2(e2h, HCR_TSC, PS_EL1H);
	u64 old = v->pstate;

	/* Trapped SMC: ELR is the SMC itself. */
	assert_int_equal(exit_with(v, ESR_SMC(0), PC), VEL2_FORWARDED);
	assert_forwarded(v, ESR_SMC(0), PC, old);

	v = l2(e2h, 0, PS_EL1H);
	assert_int_equal(exit_with(v, ESR_SMC(0), PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_SMC);
	assert_int_equal(tx.elr, PC);
	assert_int_equal(vel(v), 1);

	/* From vEL2: PSCI for the host, TSC does not apply at EL2. */
	v = l2(e2h, HCR_TSC, PS_EL2H);
	assert_int_equal(exit_with(v, ESR_SMC(0), PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_SMC);
}

static void test_smc(void **state)
{
	both_e2h(smc);
}

static void wfx(bool e2h)
{
	struct vel2_vcpu *v = l2(e2h, HCR_TWI, PS_EL1H);

	assert_int_equal(exit_with(v, ESR_WFX(0), PC), VEL2_FORWARDED);
	v = l2(e2h, HCR_TWI, PS_EL1H);
	assert_int_equal(exit_with(v, ESR_WFX(1), PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_WFX);
	v = l2(e2h, HCR_TWE, PS_EL0T);
	assert_int_equal(exit_with(v, ESR_WFX(3), PC), VEL2_FORWARDED);
	v = l2(e2h, HCR_TWI | HCR_TWE, PS_EL2H);
	assert_int_equal(exit_with(v, ESR_WFX(0), PC), VEL2_NEEDS_HOST);
}

static void test_wfx(void **state)
{
	both_e2h(wfx);
}

static void tvm(bool e2h)
{
	/* MSR SCTLR_EL1, x2: with TVM to vEL2 unchanged, else emulated. */
	u64 esr = esr_sys(3, 0, 1, 0, 0, 2, false);
	struct vel2_vcpu *v = l2(e2h, HCR_TVM, PS_EL1H);
	u64 old = v->pstate;

	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	assert_forwarded(v, esr, PC, old);

	v = l2(e2h, HCR_TRVM, PS_EL1H); /* TRVM: reads only */
	assert_int_equal(exit_with(v, esr, PC), VEL2_RESUME);
	assert_int_equal(tx.elr, PC + 4);
	assert_int_equal(rd(ID(SCTLR_EL1)), 0x1002);
	assert_int_equal(exit_with(v, esr | 1, PC), VEL2_FORWARDED);
}

static void test_tvm_trvm(void **state)
{
	both_e2h(tvm);
}

static void test_tid3(void **state)
{
	/* MRS x0, ID_AA64MMFR0_EL1 (3,0,0,7,0), and an unallocated ID slot
	 * (3,0,0,7,7) in the group 3 space. */
	struct vel2_vcpu *v = l2(false, HCR_TID3, PS_EL1H);

	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 7, 0, 0, true), PC),
			 VEL2_FORWARDED);
	v = l2(true, HCR_TID3, PS_EL1H);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 7, 7, 0, true), PC),
			 VEL2_FORWARDED);
	/* Without TID3 the host answers from the vCPU's ID registers. */
	v = l2(false, 0, PS_EL1H);
	wr(ID(ID_AA64MMFR0_EL1), 0x5);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 7, 0, 0, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[0], 5);
	/* MIDR_EL1 (CRm 0) is not in group 3. */
	v = l2(false, HCR_TID3, PS_EL1H);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 0, 0, 0, 0, true), PC),
			 VEL2_RESUME);
}

static void test_ttlb_and_sys_insn(void **state)
{
	/* TLBI VMALLE1 (1,0,8,7,0) from vEL1. */
	u64 esr = esr_sys(1, 0, 8, 7, 0, 31, false);
	struct vel2_vcpu *v = l2(false, HCR_TTLB, PS_EL1H);

	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	v = l2(false, 0, PS_EL1H);
	assert_int_equal(exit_with(v, esr, PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_SYSINSN);
	/* TLBI ALLE2 (1,4,8,7,0) from vEL2: the host's job. */
	v = l2(true, 0, PS_EL2H);
	assert_int_equal(exit_with(v, esr_sys(1, 4, 8, 7, 0, 31, false), PC),
			 VEL2_NEEDS_HOST);
}

static void test_nv_el2_register_from_vel1(void **state)
{
	/* Recursive nesting: the guest hypervisor sets NV for its guest. */
	u64 esr = esr_sys(3, 4, 1, 1, 0, 0, true); /* MRS x0, HCR_EL2 */
	struct vel2_vcpu *v = l2(false, HCR_NV, PS_EL1H);
	u64 old = v->pstate;

	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	assert_forwarded(v, esr, PC, old);
	/* NV1 with NV: VBAR_EL1 at EL1 traps too. */
	v = l2(false, HCR_NV | HCR_NV1, PS_EL1H);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 12, 0, 0, 0, true), PC),
			 VEL2_FORWARDED);
	v = l2(false, HCR_NV1, PS_EL1H);
	assert_int_equal(exit_with(v, esr_sys(3, 0, 12, 0, 0, 0, true), PC),
			 VEL2_RESUME);
	assert_int_equal(tx.x[0], VB1);
}

static void test_apk_inverted_and_gated(void **state)
{
	/* MRS x0, APIAKeyLo_EL1 (3,0,2,1,0): traps when APK == 0, but only
	 * if the guest has FEAT_PAuth. Not in the catalog: UNDEF otherwise. */
	u64 esr = esr_sys(3, 0, 2, 1, 0, 0, true);
	struct vel2_vcpu *v = l2(false, 0, PS_EL1H);

	wr(ID(ID_AA64ISAR1_EL1), 1ULL << 8);
	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	v = l2(false, HCR_APK, PS_EL1H);
	wr(ID(ID_AA64ISAR1_EL1), 1ULL << 8);
	assert_int_equal(exit_with(v, esr, PC), VEL2_INJECTED);
	assert_int_equal(vel(v), 1);
	v = l2(false, 0, PS_EL1H);
	assert_int_equal(exit_with(v, esr, PC), VEL2_INJECTED);
}

static void test_enscxt_inverted_and_gated(void **state)
{
	/* MRS x0, SCXTNUM_EL0 (3,3,13,0,7) from EL0 and MSR SCXTNUM_EL1
	 * (3,0,13,0,7) from EL1: trap when HCR_EL2.EnSCXT[53] == 0, with
	 * FEAT_CSV2_2 (ID_AA64PFR0_EL1.CSV2 == 2). */
	u64 el0 = esr_sys(3, 3, 13, 0, 7, 0, true);
	u64 el1 = esr_sys(3, 0, 13, 0, 7, 0, false);
	struct vel2_vcpu *v = l2(false, 0, PS_EL0T);

	wr(ID(ID_AA64PFR0_EL1), 2ULL << 56);
	assert_int_equal(exit_with(v, el0, PC), VEL2_FORWARDED);
	v = l2(false, 0, PS_EL1H);
	wr(ID(ID_AA64PFR0_EL1), 2ULL << 56);
	assert_int_equal(exit_with(v, el1, PC), VEL2_FORWARDED);
	v = l2(false, 1ULL << 53, PS_EL1H);
	wr(ID(ID_AA64PFR0_EL1), 2ULL << 56);
	assert_int_equal(exit_with(v, el1, PC), VEL2_RESUME);
	/* Without the feature the guest hypervisor is not asked. */
	v = l2(false, 0, PS_EL1H);
	assert_int_not_equal(exit_with(v, el1, PC), VEL2_FORWARDED);
}

/*
 * The guest hypervisor's CNTHCTL_EL2 for L2 (Arm ARM D24.2 CNTHCTL_EL2):
 * EL1PCTEN/EL1PCEN clear trap CNTPCT(SS)_EL0 and CNTP_*_EL0 from EL1
 * and EL0, at [11:10] with E2H=1 and [1:0] with E2H=0; with FEAT_ECV,
 * EL1TVT traps CNTV_*_EL0 and EL1TVCT CNTVCT(SS)_EL0. Set, nothing is
 * the guest hypervisor's.
 */
static void cnthctl_for_l2(bool e2h)
{
	const u64 on = e2h ? 0xc00 : 0x3;
	const u64 pct = esr_sys(3, 3, 14, 0, 1, 0, true);
	const u64 pctss = esr_sys(3, 3, 14, 0, 5, 0, true);
	const u64 p_ctl = esr_sys(3, 3, 14, 2, 1, 0, false);
	const u64 p_tval = esr_sys(3, 3, 14, 2, 0, 0, true);
	const u64 v_cval = esr_sys(3, 3, 14, 3, 2, 0, false);
	const u64 vct = esr_sys(3, 3, 14, 0, 2, 0, true);
	const u64 vctss = esr_sys(3, 3, 14, 0, 6, 0, true);
	const u64 pstates[] = { PS_EL1H, PS_EL0T };
	struct vel2_vcpu *v;

	for (unsigned int i = 0; i < 2; i++) {
		const u64 ps = pstates[i];

		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), 0);
		assert_int_equal(exit_with(v, pct, PC), VEL2_FORWARDED);
		assert_int_equal(rd(ID(ESR_EL2)), pct);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), 0);
		assert_int_equal(exit_with(v, pctss, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), e2h ? 0x400 : 0x1); /* EL1PCTEN only */
		assert_int_equal(exit_with(v, p_ctl, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), e2h ? 0x400 : 0x1);
		assert_int_equal(exit_with(v, p_tval, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), e2h ? 0x800 : 0x2); /* EL1PCEN only */
		assert_int_not_equal(exit_with(v, p_ctl, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), e2h ? 0x800 : 0x2);
		assert_int_equal(exit_with(v, pct, PC), VEL2_FORWARDED);
		/* The other layout's bits do not count. */
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), e2h ? 0x3 : 0);
		assert_int_equal(exit_with(v, pct, PC), VEL2_FORWARDED);
		/* FEAT_ECV: EL1TVT [13], EL1TVCT [14]. */
		v = l2(e2h, 0, ps);
		wr(ID(ID_AA64MMFR0_EL1), 1ULL << 60);
		wr(ID(CNTHCTL_EL2), on | 1ULL << 13);
		assert_int_equal(exit_with(v, v_cval, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(ID_AA64MMFR0_EL1), 1ULL << 60);
		wr(ID(CNTHCTL_EL2), on | 1ULL << 14);
		assert_int_equal(exit_with(v, vct, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(ID_AA64MMFR0_EL1), 1ULL << 60);
		wr(ID(CNTHCTL_EL2), on | 1ULL << 14);
		assert_int_equal(exit_with(v, vctss, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(ID_AA64MMFR0_EL1), 1ULL << 60);
		wr(ID(CNTHCTL_EL2), on | 1ULL << 13);
		assert_int_not_equal(exit_with(v, vct, PC), VEL2_FORWARDED);
		/* Without FEAT_ECV the guest hypervisor is not asked. */
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), on | 3ULL << 13);
		assert_int_not_equal(exit_with(v, v_cval, PC), VEL2_FORWARDED);
		/* Everything enabled: nothing forwarded. */
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), on);
		assert_int_not_equal(exit_with(v, pct, PC), VEL2_FORWARDED);
		v = l2(e2h, 0, ps);
		wr(ID(CNTHCTL_EL2), on);
		assert_int_not_equal(exit_with(v, p_ctl, PC), VEL2_FORWARDED);
	}
}

static void test_cnthctl_for_l2(void **state)
{
	both_e2h(cnthctl_for_l2);
}

/*
 * A PAC instruction trapped by HCR_EL2.API == 0 (EC 0x09) while L2 runs
 * is the guest hypervisor's trap: forwarded with its syndrome.
 */
static void test_pac_forwarded(void **state)
{
	u64 esr = T_EC(0x09) | T_IL;
	struct vel2_vcpu *v = l2(true, 0, PS_EL1H);

	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	assert_int_equal(rd(ID(ESR_EL2)), esr);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
}

static void test_fgt(void **state)
{
	/* HFGRTR_EL2.TPIDR_EL0 (bit 35): MRS TPIDR_EL0 at EL0 and EL1. */
	u64 esr = esr_sys(3, 3, 13, 0, 2, 0, true);
	struct vel2_vcpu *v = l2(false, 0, PS_EL0T);

	wr(ID(HFGRTR_EL2), 1ULL << 35);
	wr(ID(ID_AA64MMFR0_EL1), 1ULL << 56); /* FEAT_FGT */
	assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	/* The write side is HFGWTR_EL2. */
	v = l2(false, 0, PS_EL1H);
	wr(ID(HFGRTR_EL2), 1ULL << 35);
	wr(ID(ID_AA64MMFR0_EL1), 1ULL << 56);
	assert_int_equal(exit_with(v, esr & ~1ULL, PC), VEL2_RESUME);
	/* No FEAT_FGT in the guest: the register is ignored. */
	v = l2(false, 0, PS_EL1H);
	wr(ID(HFGRTR_EL2), 1ULL << 35);
	assert_int_equal(exit_with(v, esr, PC), VEL2_RESUME);
	/* HFGITR_EL2.ERET (bit 51). */
	v = l2(false, 0, PS_EL1H);
	wr(ID(HFGITR_EL2), 1ULL << 51);
	wr(ID(ID_AA64MMFR0_EL1), 1ULL << 56);
	assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_FORWARDED);
}

/*
 * One access per HCR_EL2 trap bit (Arm ARM D24.2 "HCR_EL2" field
 * descriptions, bit positions in helpers/arm_bits.h): from the EL given,
 * with only that bit set it is forwarded to vEL2 as is; with no trap bit
 * set it is not.
 */
struct hcr_trap {
	const char *what;
	u64 bit;
	unsigned int op0, op1, crn, crm, op2;
	bool read;
	u64 pstate;
};

static const struct hcr_trap hcr_traps[] = {
	{ "MRS REVIDR_EL1", HCR_TID1, 3, 0, 0, 0, 6, true, PS_EL1H },
	{ "MSR PIRE0_EL1", HCR_TVM, 3, 0, 10, 2, 2, false, PS_EL1H },
	{ "MRS AIDR_EL1", HCR_TID1, 3, 1, 0, 0, 7, true, PS_EL1H },
	{ "MRS SMIDR_EL1", HCR_TID1, 3, 1, 0, 0, 6, true, PS_EL1H },
	{ "MRS CTR_EL0", HCR_TID2, 3, 3, 0, 0, 1, true, PS_EL1H },
	{ "MRS CTR_EL0 at EL0", HCR_TID2, 3, 3, 0, 0, 1, true, PS_EL0T },
	{ "MRS CCSIDR_EL1", HCR_TID2, 3, 1, 0, 0, 0, true, PS_EL1H },
	{ "MRS CLIDR_EL1", HCR_TID2, 3, 1, 0, 0, 1, true, PS_EL1H },
	{ "MSR CSSELR_EL1", HCR_TID2, 3, 2, 0, 0, 0, false, PS_EL1H },
	{ "MRS CCSIDR_EL1", HCR_TID4, 3, 1, 0, 0, 0, true, PS_EL1H },
	{ "MSR CSSELR_EL1", HCR_TID4, 3, 2, 0, 0, 0, false, PS_EL1H },
	{ "MRS GMID_EL1", HCR_TID5, 3, 1, 0, 0, 4, true, PS_EL1H },
	{ "MRS ACTLR_EL1", HCR_TACR, 3, 0, 1, 0, 1, true, PS_EL1H },
	{ "MSR ACTLR_EL1", HCR_TACR, 3, 0, 1, 0, 1, false, PS_EL1H },
	{ "IMPDEF S3_0_C15_C0_0", HCR_TIDCP, 3, 0, 15, 0, 0, true, PS_EL1H },
	{ "IMPDEF S3_0_C11_C0_0", HCR_TIDCP, 3, 0, 11, 0, 0, false, PS_EL1H },
	{ "DC ISW", HCR_TSW, 1, 0, 7, 6, 2, false, PS_EL1H },
	{ "DC CISW", HCR_TSW, 1, 0, 7, 14, 2, false, PS_EL1H },
	{ "DC CIGSW", HCR_TSW, 1, 0, 7, 14, 4, false, PS_EL1H },
	{ "DC IVAC", HCR_TPCP, 1, 0, 7, 6, 1, false, PS_EL1H },
	{ "DC CVAC at EL0", HCR_TPCP, 1, 3, 7, 10, 1, false, PS_EL0T },
	{ "DC CVAP", HCR_TPCP, 1, 3, 7, 12, 1, false, PS_EL1H },
	{ "DC CIVAC", HCR_TPCP, 1, 3, 7, 14, 1, false, PS_EL1H },
	{ "IC IVAU at EL0", HCR_TPU, 1, 3, 7, 5, 1, false, PS_EL0T },
	{ "IC IALLU", HCR_TPU, 1, 0, 7, 5, 0, false, PS_EL1H },
	{ "IC IALLUIS", HCR_TPU, 1, 0, 7, 1, 0, false, PS_EL1H },
	{ "DC CVAU", HCR_TPU, 1, 3, 7, 11, 1, false, PS_EL1H },
	{ "IC IALLU", HCR_TOCU, 1, 0, 7, 5, 0, false, PS_EL1H },
	{ "DC CVAU at EL0", HCR_TOCU, 1, 3, 7, 11, 1, false, PS_EL0T },
	{ "IC IALLUIS", HCR_TICAB, 1, 0, 7, 1, 0, false, PS_EL1H },
	{ "DC ZVA", HCR_TDZ, 1, 3, 7, 4, 1, false, PS_EL1H },
	{ "DC ZVA at EL0", HCR_TDZ, 1, 3, 7, 4, 1, false, PS_EL0T },
	{ "DC GZVA", HCR_TDZ, 1, 3, 7, 4, 4, false, PS_EL1H },
	{ "TLBI VMALLE1IS", HCR_TTLBIS, 1, 0, 8, 3, 0, false, PS_EL1H },
	{ "TLBI RVAE1IS", HCR_TTLBIS, 1, 0, 8, 2, 1, false, PS_EL1H },
	{ "TLBI VMALLE1OS", HCR_TTLBOS, 1, 0, 8, 1, 0, false, PS_EL1H },
	{ "TLBI RVAE1OS", HCR_TTLBOS, 1, 0, 8, 5, 1, false, PS_EL1H },
	{ "AT S1E1R", HCR_AT, 1, 0, 7, 8, 0, false, PS_EL1H },
	{ "MRS ERRIDR_EL1", HCR_TERR, 3, 0, 5, 3, 0, true, PS_EL1H },
	{ "MRS ERXSTATUS_EL1", HCR_TERR, 3, 0, 5, 4, 2, true, PS_EL1H },
	{ "MRS LORC_EL1", HCR_TLOR, 3, 0, 10, 4, 3, true, PS_EL1H },
};

static void test_hcr_trap_bits(void **state)
{
	for (size_t i = 0; i < VEL2_ARRAY_SIZE(hcr_traps); i++) {
		const struct hcr_trap *t = &hcr_traps[i];
		u64 esr = esr_sys(t->op0, t->op1, t->crn, t->crm, t->op2, 0,
				  t->read);
		struct vel2_vcpu *v = l2(false, t->bit, t->pstate);
		u64 old = v->pstate;
		int got = exit_with(v, esr, PC);

		if (got != VEL2_FORWARDED)
			fail_msg("%s with HCR_EL2 %#llx: %d, not forwarded",
				 t->what, (unsigned long long)t->bit, got);
		assert_forwarded(v, esr, PC, old);
		v = l2(false, 0, t->pstate);
		got = exit_with(v, esr, PC);
		if (got == VEL2_FORWARDED)
			fail_msg("%s forwarded with no HCR_EL2 trap bit",
				 t->what);
	}
}

/*
 * ICC_* accesses from L2 that the guest hypervisor's ICH_HCR_EL2 traps (GIC
 * IHI 0069 ICH_HCR_EL2: TC [10] the registers common to both groups,
 * TALL0 [11] Group 0, TALL1 [12] Group 1, TDIR [14] ICC_DIR_EL1): with
 * that bit alone they go to vEL2 with the syndrome as is; with another
 * bit, none, or from vEL2 itself they do not (vel2 does not offer the
 * register: UNDEF).
 */
#define ICH_TC (1ULL << 10)
#define ICH_TALL0 (1ULL << 11)
#define ICH_TALL1 (1ULL << 12)
#define ICH_TDIR (1ULL << 14)
#define ICH_TSEI (1ULL << 13) /* traps no register */
#ifndef HCR_FMO
#define HCR_FMO (1ULL << 3) /* HCR_EL2.FMO */
#endif

struct ich_trap {
	const char *what;
	u64 bit, other; /* the bit that traps it; one that does not */
	unsigned int crn, crm, op2; /* op0 3, op1 0 */
	bool read;
};

static const struct ich_trap ich_traps[] = {
	{ "MSR ICC_PMR_EL1", ICH_TC, ICH_TALL1, 4, 6, 0, false },
	{ "MRS ICC_PMR_EL1", ICH_TC, ICH_TALL0, 4, 6, 0, true },
	{ "MSR ICC_DIR_EL1", ICH_TC, ICH_TALL1, 12, 11, 1, false },
	{ "MSR ICC_DIR_EL1", ICH_TDIR, ICH_TALL0, 12, 11, 1, false },
	{ "MSR ICC_DIR_EL1", ICH_TDIR, ICH_TSEI, 12, 11, 1, false },
	{ "MRS ICC_RPR_EL1", ICH_TC, ICH_TALL1, 12, 11, 3, true },
	{ "MSR ICC_SGI1R_EL1", ICH_TC, ICH_TALL1, 12, 11, 5, false },
	{ "MSR ICC_ASGI1R_EL1", ICH_TC, ICH_TALL1, 12, 11, 6, false },
	{ "MSR ICC_SGI0R_EL1", ICH_TC, ICH_TALL0, 12, 11, 7, false },
	{ "MRS ICC_CTLR_EL1", ICH_TC, ICH_TALL1, 12, 12, 4, true },
	{ "MSR ICC_CTLR_EL1", ICH_TC, ICH_TDIR, 12, 12, 4, false },
	{ "MRS ICC_IAR0_EL1", ICH_TALL0, ICH_TALL1, 12, 8, 0, true },
	{ "MSR ICC_EOIR0_EL1", ICH_TALL0, ICH_TC, 12, 8, 1, false },
	{ "MRS ICC_HPPIR0_EL1", ICH_TALL0, ICH_TALL1, 12, 8, 2, true },
	{ "MSR ICC_BPR0_EL1", ICH_TALL0, ICH_TC, 12, 8, 3, false },
	{ "MRS ICC_AP0R0_EL1", ICH_TALL0, ICH_TALL1, 12, 8, 4, true },
	{ "MSR ICC_AP0R3_EL1", ICH_TALL0, ICH_TALL1, 12, 8, 7, false },
	{ "MSR ICC_IGRPEN0_EL1", ICH_TALL0, ICH_TALL1, 12, 12, 6, false },
	{ "MRS ICC_IAR1_EL1", ICH_TALL1, ICH_TALL0, 12, 12, 0, true },
	{ "MSR ICC_EOIR1_EL1", ICH_TALL1, ICH_TC, 12, 12, 1, false },
	{ "MRS ICC_HPPIR1_EL1", ICH_TALL1, ICH_TALL0, 12, 12, 2, true },
	{ "MRS ICC_BPR1_EL1", ICH_TALL1, ICH_TC, 12, 12, 3, true },
	{ "MRS ICC_AP1R0_EL1", ICH_TALL1, ICH_TALL0, 12, 9, 0, true },
	{ "MSR ICC_AP1R3_EL1", ICH_TALL1, ICH_TALL0, 12, 9, 3, false },
	{ "MRS ICC_NMIAR1_EL1", ICH_TALL1, ICH_TALL0, 12, 9, 5, true },
	{ "MSR ICC_IGRPEN1_EL1", ICH_TALL1, ICH_TALL0, 12, 12, 7, false },
};

static struct vel2_vcpu *l2_ich(u64 ich_hcr, u64 pstate)
{
	struct vel2_vcpu *v = l2(true, 0, pstate);

	wr(ID(ICH_HCR_EL2), ich_hcr | 1); /* En too: it does not matter */
	return v;
}

static void test_ich_hcr_trap_bits(void **state)
{
	for (size_t i = 0; i < VEL2_ARRAY_SIZE(ich_traps); i++) {
		const struct ich_trap *t = &ich_traps[i];
		u64 esr = esr_sys(3, 0, t->crn, t->crm, t->op2, 5, t->read);
		struct vel2_vcpu *v = l2_ich(t->bit, PS_EL1H);
		u64 old = v->pstate;
		int got = exit_with(v, esr, PC);

		if (got != VEL2_FORWARDED)
			fail_msg("%s with ICH_HCR_EL2 %#llx: %d, not forwarded",
				 t->what, (unsigned long long)t->bit, got);
		assert_forwarded(v, esr, PC, old);
		v = l2_ich(t->other, PS_EL1H);
		if (exit_with(v, esr, PC) == VEL2_FORWARDED)
			fail_msg("%s forwarded with ICH_HCR_EL2 %#llx", t->what,
				 (unsigned long long)t->other);
		v = l2_ich(0, PS_EL1H);
		if (exit_with(v, esr, PC) == VEL2_FORWARDED)
			fail_msg("%s forwarded with no ICH_HCR_EL2 trap bit",
				 t->what);
		/* The guest hypervisor's own accesses at vEL2: its traps
		 * act on its guest only. */
		v = l2_ich(t->bit, PS_EL2H);
		if (exit_with(v, esr, PC) == VEL2_FORWARDED)
			fail_msg("%s at vEL2 forwarded", t->what);
	}
}

/* ICC_SGI0R/SGI1R/ASGI1R_EL1 at EL1 trap to EL2 with HCR_EL2.IMO or FMO
 * (their accessing pseudocode), whatever ICH_HCR_EL2 is. */
static void test_icc_sgi_with_imo_fmo(void **state)
{
	static const unsigned int op2[] = { 5, 6, 7 };
	static const u64 hcr[] = { HCR_IMO, HCR_FMO };

	for (size_t i = 0; i < VEL2_ARRAY_SIZE(op2); i++) {
		u64 esr = esr_sys(3, 0, 12, 11, op2[i], 2, false);
		struct vel2_vcpu *v;

		for (size_t j = 0; j < VEL2_ARRAY_SIZE(hcr); j++) {
			v = l2(true, hcr[j], PS_EL1H);
			assert_int_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
			assert_int_equal(rd(ID(ESR_EL2)), esr);
		}
		v = l2(true, 0, PS_EL1H);
		assert_int_not_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	}
	/* ICC_PMR_EL1 does not trap for IMO: it reaches ICV_PMR_EL1. */
	struct vel2_vcpu *v = l2(true, HCR_IMO | HCR_FMO, PS_EL1H);

	assert_int_not_equal(exit_with(v, esr_sys(3, 0, 4, 6, 0, 2, false), PC),
			     VEL2_FORWARDED);
}

static void test_no_routing_in_hyp_context(void **state)
{
	/* vEL0 under {E2H,TGE} = {1,1}: HCR_EL2 traps do not apply. */
	struct vel2_vcpu *v = fx_enter(true, true, PS_EL0T);

	wr(ID(HCR_EL2), VEL2_HCR_E2H | VEL2_HCR_TGE | HCR_TWI);
	assert_int_equal(exit_with(v, ESR_WFX(0), PC), VEL2_NEEDS_HOST);
}

static void test_aborts_need_host(void **state)
{
	struct vel2_vcpu *v = l2(false, 0, PS_EL1H);
	u64 dabt = (0x24ULL << 26) | T_IL | (1 << 24) | (3 << 22) | (1 << 6);

	assert_int_equal(exit_with(v, dabt, PC), VEL2_NEEDS_HOST);
	assert_int_equal(tx.host, VEL2_HOST_ABORT);
	assert_true(tx.syn.abt.isv);
	assert_int_equal(tx.elr, PC);
	/* The host may decide it is the guest hypervisor's fault. */
	tx.far = 0x1234;
	tx.hpfar = 0x5670;
	vel2_forward_to_vel2(v, &tx);
	assert_int_equal(rd(ID(FAR_EL2)), 0x1234);
	assert_int_equal(rd(ID(HPFAR_EL2)), 0x5670);
	assert_int_equal(rd(ID(ESR_EL2)), dabt);
	assert_int_equal(tx.elr, VB2 + 0x400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hvc_from_vel1_forwarded),
		cmocka_unit_test(test_hvc_from_vel1_hcd_undef),
		cmocka_unit_test(test_smc),
		cmocka_unit_test(test_wfx),
		cmocka_unit_test(test_tvm_trvm),
		cmocka_unit_test(test_tid3),
		cmocka_unit_test(test_ttlb_and_sys_insn),
		cmocka_unit_test(test_nv_el2_register_from_vel1),
		cmocka_unit_test(test_apk_inverted_and_gated),
		cmocka_unit_test(test_enscxt_inverted_and_gated),
		cmocka_unit_test(test_fgt),
		cmocka_unit_test(test_pac_forwarded),
		cmocka_unit_test(test_cnthctl_for_l2),
		cmocka_unit_test(test_hcr_trap_bits),
		cmocka_unit_test(test_ich_hcr_trap_bits),
		cmocka_unit_test(test_icc_sgi_with_imo_fmo),
		cmocka_unit_test(test_no_routing_in_hyp_context),
		cmocka_unit_test(test_aborts_need_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
