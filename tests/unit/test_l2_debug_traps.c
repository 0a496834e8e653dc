// SPDX-License-Identifier: MIT
/*
 * The guest hypervisor's debug, PMU, trace and activity monitor traps for
 * its guest (L2): what vel2_hwcfg() puts in the physical MDCR_EL2 and
 * CPTR_EL2 while L2 runs, and which of L2's exits route.c forwards to vEL2
 * (MDCR_EL2, CPTR_EL2.TTA/TAM/TCPAC, HDFGRTR/HDFGWTR_EL2, debug
 * exceptions). Bit positions and encodings are written out here from the
 * Arm ARM (D24.2 MDCR_EL2, CPTR_EL2, HDFGRTR_EL2, HDFGWTR_EL2,
 * ID_AA64DFR0_EL1, ID_AA64PFR0_EL1; each register's "Accessing"
 * encoding), not taken from the library.
 */
#include <vel2/hwcfg.h>

#include "helpers/trap_fixture.h"
#include "helpers/arm_bits.h"

#define PC 0x80004000ULL
#define VB2 0x43000000ULL
#define VB1 0x44000000ULL
#define BIT(n) (1ULL << (n))

/* MDCR_EL2 */
#define M_HPMN(n) ((u64)(n))
#define M_TPMCR BIT(5)
#define M_TPM BIT(6)
#define M_HPME BIT(7)
#define M_TDE BIT(8)
#define M_TDA BIT(9)
#define M_TDOSA BIT(10)
#define M_TDRA BIT(11)
#define M_E2PB (3ULL << 12)
#define M_TPMS BIT(14)
#define M_ENSPM BIT(15)
#define M_HPMD BIT(17)
#define M_TTRF BIT(19)
#define M_HCCD BIT(23)
#define M_E2TB (3ULL << 24)
#define M_HLP BIT(26)
#define M_TDCC BIT(27)
#define M_MTPME BIT(28)
#define M_DEBUG (M_TDE | M_TDA | M_TDOSA | M_TDRA)

/* ID_AA64DFR0_EL1: TraceVer [7:4], PMUVer [11:8], PMSVer [35:32],
 * TraceFilt [43:40], TraceBuffer [47:44], HPMN0 [63:60]. */
#define DFR_TRACE (1ULL << 4)
#define DFR_PMUV3 (1ULL << 8)
#define DFR_PMUV3P5 (6ULL << 8)
#define DFR_PMU_IMPDEF (0xfULL << 8)
#define DFR_SPE (1ULL << 32)
#define DFR_TRF (1ULL << 40)
#define DFR_TRBE (1ULL << 44)
#define DFR_HPMN0 (1ULL << 60)
/* ID_AA64MMFR0_EL1.FGT [59:56], ID_AA64PFR0_EL1.AMU [47:44]. */
#define MMFR0_FGT (1ULL << 56)
#define PFR0_AMU (1ULL << 44)

static const unsigned long long host = HCR_E2H | HCR_RW | HCR_VM | HCR_TSC;

/* ---- vel2_hwcfg: the physical MDCR_EL2 ------------------------------ */

static u64 mdcr_for(u64 vhcr, u64 pstate, u64 dfr0, u64 mmfr0, u64 mdcr)
{
	static struct vel2_vcpu vcpu;
	struct vel2_hwcfg cfg;

	vel2_vcpu_init(&vcpu);
	vcpu.pmcr_n = 6;
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(HCR_EL2), vhcr), 0);
	vel2_vcpu_set_pstate(&vcpu, pstate);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(ID_AA64DFR0_EL1), dfr0),
			 0);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(ID_AA64MMFR0_EL1), mmfr0),
			 0);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(MDCR_EL2), mdcr), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	return cfg.mdcr;
}

static void mdcr_for_l2(void **state)
{
	/* Every field the guest could set, HPMN = 2 of N = 6. */
	const u64 all = M_HPMN(2) | M_TPMCR | M_TPM | M_HPME | M_DEBUG |
			M_E2PB | M_TPMS | M_ENSPM | M_HPMD | M_TTRF | M_HCCD |
			M_E2TB | M_HLP | M_TDCC | M_MTPME;

	for (int e2h = 0; e2h < 2; e2h++) {
		u64 hcr = HCR_RW | (e2h ? HCR_E2H : 0);

		/* PMUv3p5, HPMN0, FGT: the PMU and DCC fields, not SPE,
		 * TRF, TRBE, SPMU, MTPMU. */
		assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3P5 | DFR_HPMN0,
					  MMFR0_FGT, all),
				 M_HPMN(2) | M_TPMCR | M_TPM | M_HPME |
					 M_DEBUG | M_HPMD | M_HCCD | M_HLP |
					 M_TDCC);
		/* L2's EL0 too. */
		assert_int_equal(mdcr_for(hcr, PS_EL0T, DFR_PMUV3, 0, all),
				 M_HPMN(2) | M_TPMCR | M_TPM | M_HPME |
					 M_DEBUG);
		/* PMUv3 with SPE, TRF, TRBE: their traps, no HPMD/HCCD. */
		assert_int_equal(
			mdcr_for(hcr, PS_EL1H,
				 DFR_PMUV3 | DFR_SPE | DFR_TRF | DFR_TRBE, 0,
				 all),
			M_HPMN(2) | M_TPMCR | M_TPM | M_HPME | M_DEBUG |
				M_E2PB | M_TPMS | M_TTRF | M_E2TB);
		/* No PMU (or an IMPLEMENTATION DEFINED one): debug traps
		 * only, HPMN = N. */
		assert_int_equal(mdcr_for(hcr, PS_EL1H, 0, 0, all),
				 M_HPMN(6) | M_DEBUG);
		assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMU_IMPDEF, 0, all),
				 M_HPMN(6) | M_DEBUG);
	}
}

static void mdcr_hpmn_bounds(void **state)
{
	u64 hcr = HCR_RW | HCR_E2H;

	/* Above N: CONSTRAINED UNPREDICTABLE, vel2 uses N. */
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3, 0, M_HPMN(9)),
			 M_HPMN(6));
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3, 0, M_HPMN(31)),
			 M_HPMN(6));
	/* 0 needs FEAT_HPMN0. */
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3, 0, M_HPMN(0)),
			 M_HPMN(6));
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3 | DFR_HPMN0, 0,
				  M_HPMN(0) | M_TPM),
			 M_HPMN(0) | M_TPM);
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3, 0, M_HPMN(6)),
			 M_HPMN(6));
	assert_int_equal(mdcr_for(hcr, PS_EL1H, DFR_PMUV3, 0, M_HPMN(1)),
			 M_HPMN(1));
}

static void mdcr_in_hyp_context(void **state)
{
	const u64 g = M_HPMN(2) | M_TPM | M_DEBUG | M_TDCC;
	const u64 dfr = DFR_PMUV3P5 | DFR_HPMN0;

	/* vEL2 is EL2: every counter (HPMN = N) and no trap. */
	assert_int_equal(mdcr_for(HCR_RW, PS_EL2H, dfr, MMFR0_FGT, g),
			 M_HPMN(6));
	assert_int_equal(mdcr_for(HCR_RW | HCR_E2H, PS_EL2H, dfr, MMFR0_FGT, g),
			 M_HPMN(6));
	/* Its EL0 under {E2H,TGE} = {1,1}. */
	assert_int_equal(mdcr_for(HCR_RW | HCR_E2H | HCR_TGE, PS_EL0T, dfr,
				  MMFR0_FGT, g),
			 M_HPMN(6));
}

/* ---- vel2_hwcfg: CPTR_EL2.TTA/TAM/TCPAC for L2 ------------------------ */

static u64 cptr_for(u64 vhcr, u64 pstate, u64 pfr0, u64 cptr)
{
	static struct vel2_vcpu vcpu;
	struct vel2_hwcfg cfg;

	vel2_vcpu_init(&vcpu);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(HCR_EL2), vhcr), 0);
	vel2_vcpu_set_pstate(&vcpu, pstate);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(ID_AA64PFR0_EL1), pfr0),
			 0);
	assert_int_equal(vel2_write_sysreg(&vcpu, ID(CPTR_EL2), cptr), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	return cfg.cptr;
}

static void cptr_traps_for_l2(void **state)
{
	/* Physical CPTR_EL2 in the E2H=1 layout: TTA [28], TAM [30],
	 * TCPAC [31]. Guest E2H=0: TTA [20], TAM [30], TCPAC [31]. */
	const u64 tta = BIT(28), tam = BIT(30), tcpac = BIT(31);
	const u64 open = (3ULL << 20) | (3ULL << 16); /* FPEN, ZEN */

	assert_int_equal(cptr_for(HCR_RW, PS_EL1H, PFR0_AMU,
				  BIT(20) | BIT(30) | BIT(31)),
			 tta | tam | tcpac);
	/* No FEAT_AMU for the guest: TAM is RES0, not applied. */
	assert_int_equal(
		cptr_for(HCR_RW, PS_EL1H, 0, BIT(20) | BIT(30) | BIT(31)),
		tta | tcpac);
	assert_int_equal(cptr_for(HCR_RW, PS_EL0T, PFR0_AMU, BIT(20)), tta);
	assert_int_equal(cptr_for(HCR_RW, PS_EL1H, PFR0_AMU, 0), 0);
	/* E2H=1: the CPACR layout, TTA at [28]; [20] is FPEN there. */
	assert_int_equal(cptr_for(HCR_RW | HCR_E2H, PS_EL1H, PFR0_AMU,
				  open | BIT(28) | BIT(30) | BIT(31)),
			 tta | tam | tcpac);
	assert_int_equal(
		cptr_for(HCR_RW | HCR_E2H, PS_EL1H, PFR0_AMU, open | BIT(31)),
		tcpac);
	assert_int_equal(cptr_for(HCR_RW | HCR_E2H, PS_EL1H, PFR0_AMU, open),
			 0);
	/* Hyp context: vel2's own (TCPAC, hwcfg.c hyp_config), not the
	 * guest's TTA/TAM, which act on its guest only. */
	assert_int_equal(cptr_for(HCR_RW, PS_EL2H, PFR0_AMU,
				  BIT(20) | BIT(30) | BIT(31)),
			 tcpac);
	assert_int_equal(cptr_for(HCR_RW | HCR_E2H, PS_EL2H, PFR0_AMU,
				  open | BIT(28) | BIT(30)),
			 tcpac);
}

/* ---- route.c: L2's exits forwarded to vEL2 ------------------------------ */

static struct vel2_vcpu *l2(bool e2h, u64 pstate)
{
	struct vel2_vcpu *v = fx_enter_vectors(e2h, false, pstate, VB2, VB1);

	wr(ID(HCR_EL2), (e2h ? HCR_E2H : 0) | HCR_RW);
	return v;
}

enum ctl { MDCR, CPTR, DFGR, DFGW };

struct trap {
	const char *what;
	enum ctl ctl;
	u64 bit; /* the trap bit(s); with inv, the value that does not trap */
	bool inv; /* traps when the field is 0 (E2PB, E2TB) */
	unsigned int feat_reg; /* an ID register the feature needs, or 0 */
	u64 feat;
	unsigned int op0, op1, crn, crm, op2;
	bool read;
	u64 pstate;
	int e2h; /* 0, 1, or -1 for both */
};

#define DFR ID(ID_AA64DFR0_EL1)
#define MMFR0 ID(ID_AA64MMFR0_EL1)
#define PFR0 ID(ID_AA64PFR0_EL1)

/* clang-format off */
static const struct trap traps[] = {
	/* MDCR_EL2.TDE: TDA, TDOSA, TDRA behave as 1. */
	{ "MRS MDSCR_EL1, TDE",      MDCR, M_TDE, 0, 0, 0, 2, 0, 0, 2, 2, true, PS_EL1H, -1 },
	{ "MSR OSLAR_EL1, TDE",      MDCR, M_TDE, 0, 0, 0, 2, 0, 1, 0, 4, false, PS_EL1H, -1 },
	{ "MRS MDRAR_EL1, TDE",      MDCR, M_TDE, 0, 0, 0, 2, 0, 1, 0, 0, true, PS_EL1H, -1 },
	{ "MRS DBGDTR_EL0 at EL0, TDE", MDCR, M_TDE, 0, 0, 0, 2, 3, 0, 4, 0, true, PS_EL0T, -1 },
	{ "MRS DBGAUTHSTATUS, TDE",  MDCR, M_TDE, 0, 0, 0, 2, 0, 7, 14, 6, true, PS_EL1H, -1 },
	/* TDCC (FEAT_FGT). */
	{ "MRS MDCCINT_EL1, TDCC",   MDCR, M_TDCC, 0, MMFR0, MMFR0_FGT, 2, 0, 0, 2, 0, true, PS_EL1H, -1 },
	{ "MRS MDCCSR_EL0 at EL0, TDCC", MDCR, M_TDCC, 0, MMFR0, MMFR0_FGT, 2, 3, 0, 1, 0, true, PS_EL0T, -1 },
	{ "MSR OSDTRTX_EL1, TDCC",   MDCR, M_TDCC, 0, MMFR0, MMFR0_FGT, 2, 0, 0, 3, 2, false, PS_EL1H, -1 },
	/* TPMS, E2PB (FEAT_SPE); TTRF (FEAT_TRF); E2TB (FEAT_TRBE). */
	{ "MRS PMSCR_EL1, TPMS",     MDCR, M_TPMS, 0, DFR, DFR_SPE, 3, 0, 9, 9, 0, true, PS_EL1H, -1 },
	{ "MRS PMSIDR_EL1, TPMS",    MDCR, M_TPMS, 0, DFR, DFR_SPE, 3, 0, 9, 9, 7, true, PS_EL1H, -1 },
	{ "MSR PMBPTR_EL1, E2PB=0",  MDCR, M_E2PB, 1, DFR, DFR_SPE, 3, 0, 9, 10, 1, false, PS_EL1H, -1 },
	{ "MRS TRFCR_EL1, TTRF",     MDCR, M_TTRF, 0, DFR, DFR_TRF, 3, 0, 1, 2, 1, true, PS_EL1H, -1 },
	{ "MRS TRBSR_EL1, E2TB=0",   MDCR, M_E2TB, 1, DFR, DFR_TRBE, 3, 0, 9, 11, 3, true, PS_EL1H, -1 },
	{ "MSR TRBTRG_EL1, E2TB=0",  MDCR, M_E2TB, 1, DFR, DFR_TRBE, 3, 0, 9, 11, 6, false, PS_EL1H, -1 },
	/* CPTR_EL2.TCPAC, TAM (FEAT_AMU), TTA (trace unit, E2H layout). */
	{ "MRS CPACR_EL1, TCPAC",    CPTR, BIT(31), 0, 0, 0, 3, 0, 1, 0, 2, true, PS_EL1H, -1 },
	{ "MSR CPACR_EL1, TCPAC",    CPTR, BIT(31), 0, 0, 0, 3, 0, 1, 0, 2, false, PS_EL1H, -1 },
	{ "MRS AMCR_EL0, TAM",       CPTR, BIT(30), 0, PFR0, PFR0_AMU, 3, 3, 13, 2, 0, true, PS_EL1H, -1 },
	{ "MRS AMEVCNTR03 at EL0, TAM", CPTR, BIT(30), 0, PFR0, PFR0_AMU, 3, 3, 13, 4, 3, true, PS_EL0T, -1 },
	{ "MRS AMEVTYPER1<15>, TAM", CPTR, BIT(30), 0, PFR0, PFR0_AMU, 3, 3, 13, 15, 7, true, PS_EL1H, -1 },
	{ "MRS TRCPRGCTLR, TTA [20]", CPTR, BIT(20), 0, DFR, DFR_TRACE, 2, 1, 0, 1, 0, true, PS_EL1H, 0 },
	{ "MRS TRCPRGCTLR at EL0, TTA [28]", CPTR, BIT(28), 0, DFR, DFR_TRACE, 2, 1, 0, 1, 0, true, PS_EL0T, 1 },
	/* HDFGRTR_EL2 / HDFGWTR_EL2 (FEAT_FGT). */
	{ "MRS DBGBCR3_EL1",         DFGR, BIT(0), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 3, 5, true, PS_EL1H, -1 },
	{ "MSR DBGBVR15_EL1",        DFGW, BIT(1), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 15, 4, false, PS_EL1H, -1 },
	{ "MRS DBGWCR1_EL1",         DFGR, BIT(2), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 1, 7, true, PS_EL1H, -1 },
	{ "MSR DBGWVR0_EL1",         DFGW, BIT(3), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 0, 6, false, PS_EL1H, -1 },
	{ "MRS MDSCR_EL1",           DFGR, BIT(4), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 2, 2, true, PS_EL1H, -1 },
	{ "MSR MDSCR_EL1",           DFGW, BIT(4), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 2, 2, false, PS_EL1H, -1 },
	{ "MSR DBGCLAIMCLR_EL1",     DFGW, BIT(5), 0, MMFR0, MMFR0_FGT, 2, 0, 7, 9, 6, false, PS_EL1H, -1 },
	{ "MRS DBGAUTHSTATUS_EL1",   DFGR, BIT(6), 0, MMFR0, MMFR0_FGT, 2, 0, 7, 14, 6, true, PS_EL1H, -1 },
	{ "MRS DBGPRCR_EL1",         DFGR, BIT(7), 0, MMFR0, MMFR0_FGT, 2, 0, 1, 4, 4, true, PS_EL1H, -1 },
	{ "MSR OSLAR_EL1",           DFGW, BIT(8), 0, MMFR0, MMFR0_FGT, 2, 0, 1, 0, 4, false, PS_EL1H, -1 },
	{ "MRS OSLSR_EL1",           DFGR, BIT(9), 0, MMFR0, MMFR0_FGT, 2, 0, 1, 1, 4, true, PS_EL1H, -1 },
	{ "MRS OSECCR_EL1",          DFGR, BIT(10), 0, MMFR0, MMFR0_FGT, 2, 0, 0, 6, 2, true, PS_EL1H, -1 },
	{ "MSR OSDLR_EL1",           DFGW, BIT(11), 0, MMFR0, MMFR0_FGT, 2, 0, 1, 3, 4, false, PS_EL1H, -1 },
	{ "MRS PMEVCNTR30 at EL0",   DFGR, BIT(12), 0, MMFR0, MMFR0_FGT, 3, 3, 14, 11, 6, true, PS_EL0T, -1 },
	{ "MSR PMXEVCNTR_EL0",       DFGW, BIT(12), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 13, 2, false, PS_EL1H, -1 },
	{ "MRS PMEVTYPER30_EL0",     DFGR, BIT(13), 0, MMFR0, MMFR0_FGT, 3, 3, 14, 15, 6, true, PS_EL1H, -1 },
	{ "MRS PMEVTYPER0_EL0",      DFGR, BIT(13), 0, MMFR0, MMFR0_FGT, 3, 3, 14, 12, 0, true, PS_EL1H, -1 },
	{ "MRS PMXEVTYPER_EL0",      DFGR, BIT(13), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 13, 1, true, PS_EL1H, -1 },
	{ "MRS PMCCFILTR_EL0",       DFGR, BIT(14), 0, MMFR0, MMFR0_FGT, 3, 3, 14, 15, 7, true, PS_EL1H, -1 },
	{ "MRS PMCCNTR_EL0 at EL0",  DFGR, BIT(15), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 13, 0, true, PS_EL0T, -1 },
	{ "MSR PMCNTENCLR_EL0",      DFGW, BIT(16), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 12, 2, false, PS_EL1H, -1 },
	{ "MRS PMINTENSET_EL1",      DFGR, BIT(17), 0, MMFR0, MMFR0_FGT, 3, 0, 9, 14, 1, true, PS_EL1H, -1 },
	{ "MSR PMOVSSET_EL0",        DFGW, BIT(18), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 14, 3, false, PS_EL1H, -1 },
	{ "MRS PMSELR_EL0",          DFGR, BIT(19), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 12, 5, true, PS_EL1H, -1 },
	{ "MSR PMSWINC_EL0 at EL0",  DFGW, BIT(20), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 12, 4, false, PS_EL0T, -1 },
	{ "MSR PMCR_EL0",            DFGW, BIT(21), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 12, 0, false, PS_EL1H, -1 },
	{ "MRS PMMIR_EL1",           DFGR, BIT(22), 0, MMFR0, MMFR0_FGT, 3, 0, 9, 14, 6, true, PS_EL1H, -1 },
	{ "MRS PMUSERENR_EL0",       DFGR, BIT(57), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 14, 0, true, PS_EL1H, -1 },
	{ "MRS PMCEID1_EL0",         DFGR, BIT(58), 0, MMFR0, MMFR0_FGT, 3, 3, 9, 12, 7, true, PS_EL1H, -1 },
	{ "MRS PMBIDR_EL1 (SPE)",    DFGR, BIT(63), 0, DFR, DFR_SPE, 3, 0, 9, 10, 7, true, PS_EL1H, -1 },
	{ "MSR PMSLATFR_EL1 (SPE)",  DFGW, BIT(32), 0, DFR, DFR_SPE, 3, 0, 9, 9, 6, false, PS_EL1H, -1 },
	{ "MSR TRFCR_EL1 (TRF)",     DFGW, BIT(49), 0, DFR, DFR_TRF, 3, 0, 1, 2, 1, false, PS_EL1H, -1 },
	{ "MRS TRBIDR_EL1 (TRBE)",   DFGR, BIT(51), 0, DFR, DFR_TRBE, 3, 0, 9, 11, 7, true, PS_EL1H, -1 },
};
/* clang-format on */

static void set_ctl(const struct trap *t, u64 v)
{
	static const unsigned int reg[] = { ID(MDCR_EL2), ID(CPTR_EL2),
					    ID(HDFGRTR_EL2), ID(HDFGWTR_EL2) };
	u64 base = 0;

	/* E2H=1 CPTR_EL2: keep FP/SVE open, as a guest hypervisor would. */
	if (t->ctl == CPTR && vel2_vcpu_e2h(&fx_vcpu))
		base = (3ULL << 20) | (3ULL << 16);
	wr(reg[t->ctl], base | v);
}

/* One exit of `t` from L2 with the control set to `ctl` and the feature
 * present or not: forwarded as is? */
static bool forwarded(const struct trap *t, bool e2h, u64 ctl, bool feat)
{
	u64 esr = esr_sys(t->op0, t->op1, t->crn, t->crm, t->op2, 3, t->read);
	struct vel2_vcpu *v = l2(e2h, t->pstate);
	u64 old = v->pstate;
	int got;

	if (t->feat_reg)
		wr(t->feat_reg, feat ? t->feat : 0);
	set_ctl(t, ctl);
	got = exit_with(v, esr, PC);
	if (got != VEL2_FORWARDED)
		return false;
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, VB2 + 0x400);
	assert_int_equal(rd(ID(ESR_EL2)), esr);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(SPSR_EL2)), old);
	return true;
}

static void l2_exits_forwarded(void **state)
{
	for (size_t i = 0; i < VEL2_ARRAY_SIZE(traps); i++) {
		const struct trap *t = &traps[i];

		for (int e2h = 0; e2h < 2; e2h++) {
			u64 on = t->inv ? 0 : t->bit;
			u64 off = t->inv ? t->bit : 0;

			if (t->e2h >= 0 && t->e2h != e2h)
				continue;
			if (!forwarded(t, e2h, on, true))
				fail_msg("%s (E2H=%d): not forwarded", t->what,
					 e2h);
			if (forwarded(t, e2h, off, true))
				fail_msg("%s (E2H=%d): forwarded without the "
					 "trap",
					 t->what, e2h);
			if (t->feat_reg && forwarded(t, e2h, on, false))
				fail_msg("%s (E2H=%d): forwarded without the "
					 "feature",
					 t->what, e2h);
		}
	}
}

/* TTA sits at [20] with E2H=0 and at [28] with E2H=1: the other bit is
 * not TTA in that layout ([20] is FPEN's low bit with E2H=1, [28] RES0
 * with E2H=0). */
static void tta_follows_the_layout(void **state)
{
	u64 esr = esr_sys(2, 1, 0, 1, 0, 3, true); /* TRCPRGCTLR */
	struct vel2_vcpu *v = l2(true, PS_EL1H);

	wr(DFR, DFR_TRACE);
	wr(ID(CPTR_EL2), (1ULL << 20) | (3ULL << 16));
	assert_int_not_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
	v = l2(false, PS_EL1H);
	wr(DFR, DFR_TRACE);
	wr(ID(CPTR_EL2), 1ULL << 28);
	assert_int_not_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
}

/* The PMEVTYPER<n> group does not cover PMCCFILTR_EL0 (its own bit). */
static void pmccfiltr_not_pmevtyper(void **state)
{
	u64 esr = esr_sys(3, 3, 14, 15, 7, 3, true);
	struct vel2_vcpu *v = l2(false, PS_EL1H);

	wr(MMFR0, MMFR0_FGT);
	wr(ID(HDFGRTR_EL2), BIT(13));
	assert_int_not_equal(exit_with(v, esr, PC), VEL2_FORWARDED);
}

/*
 * Debug exceptions from L2 reach EL2 only through MDCR_EL2.TDE, which is
 * the guest hypervisor's: forwarded with the hardware's syndrome (and FAR
 * for a watchpoint). In hyp context they are not its guest's: the host's.
 */
static void debug_exceptions_forwarded(void **state)
{
	static const u64 esr[] = {
		T_EC(0x3c) | T_IL | 0x42, /* BRK #0x42 */
		T_EC(0x30) | T_IL | 0x22, /* breakpoint, lower EL */
		T_EC(0x32) | T_IL | 0x22, /* software step, lower EL */
		T_EC(0x34) | T_IL | 0x22, /* watchpoint, lower EL */
	};

	for (size_t i = 0; i < VEL2_ARRAY_SIZE(esr); i++) {
		for (int e2h = 0; e2h < 2; e2h++) {
			struct vel2_vcpu *v = l2(e2h, PS_EL1H);
			u64 old = v->pstate;

			wr(ID(MDCR_EL2), M_TDE);
			memset(&tx, 0, sizeof(tx));
			tx.esr = esr[i];
			tx.elr = PC;
			tx.far = 0x5000;
			tx.spsr = phys_spsr(v->pstate);
			assert_int_equal(vel2_handle_exit(v, &tx),
					 VEL2_FORWARDED);
			assert_int_equal(tx.elr, VB2 + 0x400);
			assert_int_equal(rd(ID(ESR_EL2)), esr[i]);
			assert_int_equal(rd(ID(ELR_EL2)), PC);
			assert_int_equal(rd(ID(SPSR_EL2)), old);
			if (VEL2_ESR_EC(esr[i]) == 0x34)
				assert_int_equal(rd(ID(FAR_EL2)), 0x5000);
		}
		/* From vEL2: not the guest hypervisor's own guest's. */
		fx_enter_vectors(true, false, PS_EL2H, VB2, VB1);
		assert_int_equal(exit_with(&fx_vcpu, esr[i], PC),
				 VEL2_NEEDS_HOST);
		assert_int_equal(tx.host, VEL2_HOST_EC);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mdcr_for_l2),
		cmocka_unit_test(mdcr_hpmn_bounds),
		cmocka_unit_test(mdcr_in_hyp_context),
		cmocka_unit_test(cptr_traps_for_l2),
		cmocka_unit_test(l2_exits_forwarded),
		cmocka_unit_test(tta_follows_the_layout),
		cmocka_unit_test(pmccfiltr_not_pmevtyper),
		cmocka_unit_test(debug_exceptions_forwarded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
