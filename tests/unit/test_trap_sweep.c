// SPDX-License-Identifier: MIT
/*
 * Table-driven sweep: every catalog encoding, MRS and MSR, from vEL2
 * (E2H=0), vEL2 (E2H=1), vEL1, vEL0 and vEL0 in the EL2&0 regime, with no
 * trap bits set by the guest hypervisor. The expected outcome is computed
 * here from the Arm ARM rules (op1 -> lowest EL, aliases need EL2 with E2H,
 * RO/WO, the E2H redirection list in test_trap_sysreg.c's spirit: EL2
 * register X_EL2 at X_EL1's encoding with op1 = 4, CPACR -> CPTR, CNTKCTL
 * -> CNTHCTL, CNTx_y_EL0 -> CNTHx_y_EL2), not from the library's tables.
 */
#include "helpers/trap_fixture.h"

#include <vel2/hwcfg.h>

#define PC 0x80005000ULL
#define PATTERN 0x5a5a5a5aa5a5a5a5ULL

struct mode {
	const char *name;
	bool e2h, tge;
	u64 pstate;
};

static const struct mode modes[] = {
	{ "vEL2 E2H=0", false, false, PS_EL2H },
	{ "vEL2 E2H=1", true, false, PS_EL2H },
	{ "vEL1", false, false, PS_EL1H },
	{ "vEL0", false, false, PS_EL0T },
	{ "vEL0 E2H=1 TGE=1", true, true, PS_EL0T },
};

static unsigned int lowest_el(unsigned int op1)
{
	return op1 == 3 ? 0 : op1 == 4 || op1 == 5 ? 2 : op1 == 6 ? 3 : 1;
}

static int el2_name_for(const char *el1)
{
	static const char *const special[][2] = {
		{ "CPACR_EL1", "CPTR_EL2" },
		{ "CNTKCTL_EL1", "CNTHCTL_EL2" },
		{ "CNTP_CTL_EL0", "CNTHP_CTL_EL2" },
		{ "CNTP_CVAL_EL0", "CNTHP_CVAL_EL2" },
		{ "CNTV_CTL_EL0", "CNTHV_CTL_EL2" },
		{ "CNTV_CVAL_EL0", "CNTHV_CVAL_EL2" },
	};
	char buf[64];
	size_t n = strlen(el1);

	for (size_t i = 0; i < VEL2_ARRAY_SIZE(special); i++)
		if (!strcmp(special[i][0], el1))
			return id_of(special[i][1]);
	if (n < 4 || n >= sizeof(buf) || strcmp(el1 + n - 4, "_EL1"))
		return -1;
	memcpy(buf, el1, n + 1);
	buf[n - 1] = '2';
	return id_of(buf);
}

/* Does some *_EL12 or *_EL02 alias name r? (the architecture's list of
 * E2H-redirected registers) */
static bool aliased(unsigned int r)
{
	for (unsigned int a = 0; a < VEL2_NR_SYSREGS; a++)
		if (fx_is_alias(a) && INFO(a)->target == r)
			return true;
	return false;
}

/* The register reached, or -1 for UNDEFINED. */
static int expect(unsigned int r, const struct mode *m, bool read)
{
	unsigned int el = (m->pstate >> 2) & 3,
		     op1 = VEL2_ENC_OP1(INFO(r)->enc);
	bool hostel0 = el == 0 && m->e2h && m->tge;

	if (el < lowest_el(op1) || lowest_el(op1) == 3)
		return -1;
	if (read ? INFO(r)->access == VEL2_WO : INFO(r)->access == VEL2_RO)
		return -1;
	if (fx_is_alias(r))
		return el == 2 && m->e2h ? (int)INFO(r)->target : -1;
	if (m->e2h && (el == 2 || hostel0) && aliased(r))
		return el2_name_for(INFO(r)->name);
	return (int)r;
}

/*
 * Registers whose write result depends on more than the catalog masks and
 * the E2H layout: fields RES0 for features the guest's ID registers lack
 * (Arm ARM field descriptions "When FEAT_x is implemented"; the fixture's
 * ID registers are all zero) and the GIC's implemented priority and
 * binary point bits (ICH_VTR_EL2). test_trap_sysreg.c checks them.
 */
static bool feature_dependent(unsigned int r)
{
	return r == ID(HCR_EL2) || r == ID(HCRX_EL2) || r == ID(SCTLR_EL1) ||
	       r == ID(SCTLR_EL2) || r == ID(CNTHCTL_EL2) ||
	       r == ID(ICH_VMCR_EL2) ||
	       (r >= ID(ICH_LR0_EL2) && r <= ID(ICH_LR15_EL2));
}

static void sweep_one(unsigned int r, const struct mode *m, bool read)
{
	struct vel2_vcpu *v = fx_enter(m->e2h, m->tge, m->pstate);
	unsigned int el = (m->pstate >> 2) & 3;
	int want = expect(r, m, read);
	int got;

	wr(ID(VBAR_EL2), 0x10000);
	wr(ID(VBAR_EL1), 0x20000);
	/* No trap asked by the guest hypervisor: EnSCXT = 1 is "SCXTNUM not
	 * trapped", ATA = 1 "the MTE2 registers not trapped" (HCR_EL2.EnSCXT
	 * and ATA trap when 0; test_route checks that). RW = 1: vEL1/vEL0
	 * are AArch64 (the fixture's CPU has AArch32 EL1, FX_PFR0). */
	wr(ID(HCR_EL2),
	   rd(ID(HCR_EL2)) | VEL2_HCR_ENSCXT | VEL2_HCR_ATA | VEL2_HCR_RW);
	/* No FP/SVE trap (CPTR_EL2 ZEN, FPEN = 0b11 with E2H=1; TZ, TFP = 0
	 * with E2H=0): ZCR_EL2 and FPEXC32_EL2 are then plain registers. */
	wr(ID(CPTR_EL2), vel2_vcpu_e2h(v) ? 0x330000 : 0);
	/* No counter/timer trap (CNTHCTL_EL2.EL1PCTEN, EL1PCEN = 1: bits
	 * [11:10] with E2H=1, [1:0] with E2H=0; test_route checks them). */
	wr(ID(CNTHCTL_EL2), vel2_vcpu_e2h(v) ? 0xc00 : 0x3);
	if (want >= 0 && read)
		wr((unsigned int)want, PATTERN);
	memset(&tx, 0, sizeof(tx));
	/* An MRS must overwrite Rt: it starts as a value PATTERN never
	 * reads back as (with PATTERN there, an MRS that left Rt alone passed
	 * for every register without RES0/RES1 bits). */
	tx.x[3] = read ? ~PATTERN : PATTERN;
	tx.esr = esr_of_enc(INFO(r)->enc, 3, read);
	tx.elr = PC;
	tx.spsr = phys_spsr(v->pstate);
	got = vel2_handle_exit(v, &tx);

	if (want < 0) {
		unsigned int to = el == 0 ? (m->tge ? 2 : 1) : el;

		if (got != VEL2_INJECTED || vel(v) != to)
			print_message("%s %s from %s: want UNDEF, got %d\n",
				      read ? "MRS" : "MSR", INFO(r)->name,
				      m->name, got);
		assert_int_equal(got, VEL2_INJECTED);
		assert_int_equal(vel(v), to);
		assert_int_equal(rd(to == 2 ? ID(ESR_EL2) : ID(ESR_EL1)),
				 ESR_UNDEF);
		assert_int_equal(rd(to == 2 ? ID(ELR_EL2) : ID(ELR_EL1)), PC);
		return;
	}
	if (got != VEL2_RESUME)
		print_message("%s %s from %s: want %s, got %d\n",
			      read ? "MRS" : "MSR", INFO(r)->name, m->name,
			      INFO(want)->name, got);
	assert_int_equal(got, VEL2_RESUME);
	assert_int_equal(tx.elr, PC + 4);
	if (read) {
		/* ICH_ELRSR/EISR/MISR_EL2 are computed, ICH_VMCR_EL2's BPRs
		 * clamped (test_trap_sysreg.c). */
		if (want == ID(ICH_ELRSR_EL2) || want == ID(ICH_EISR_EL2) ||
		    want == ID(ICH_MISR_EL2) || want == ID(ICH_VMCR_EL2))
			return;
		/* The EL1 timers' CTL.ISTATUS through *_EL02 is the running
		 * physical timer's (test_trap_sysreg.c). */
		if (fx_is_alias(r) &&
		    (want == ID(CNTP_CTL_EL0) || want == ID(CNTV_CTL_EL0))) {
			assert_int_equal(tx.x[3] & ~4ULL,
					 rd((unsigned int)want) & ~4ULL);
			return;
		}
		assert_int_equal(tx.x[3], rd((unsigned int)want));
	} else if (!feature_dependent((unsigned int)want)) {
		/* RES0/RES1 of the layout in force (E2H after the write). */
		assert_int_equal(rd((unsigned int)want),
				 sanitised((unsigned int)want, PATTERN,
					   vel2_vcpu_e2h(v)));
	}
}

static void test_sweep(void **state)
{
	unsigned int n = 0;

	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		for (size_t m = 0; m < VEL2_ARRAY_SIZE(modes); m++) {
			sweep_one(r, &modes[m], true);
			sweep_one(r, &modes[m], false);
			n += 2;
		}
	print_message("%u accesses (%u registers x %zu modes x MRS/MSR)\n", n,
		      (unsigned int)VEL2_NR_SYSREGS, VEL2_ARRAY_SIZE(modes));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sweep),
	};
	fx_mte2 = true; /* every catalog register (vel2_fixture.h) */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
