// SPDX-License-Identifier: MIT
/*
 * Every exception class a guest can make vel2 take, in every mode, with
 * several ISS shapes: the library never fails on it (a negative verdict
 * stops vel2, hv/handle_exit.c), and what it hands to the host is one of the
 * reasons hv/handle_exit.c serves, for the ECs that mean that reason (issue 8:
 * "guest input never stops vel2"). Two classes with a fixed answer:
 *   EC 0x1d (SME trap): SME is hidden, so UNDEFINED at the EL that ran
 *           it (MRS SVCR at vEL2 stopped vel2 before);
 *   EC 0x09 (HCR_EL2.API trap) from L2: forwarded to vEL2;
 *   EC 0x07/0x19 (CPTR_EL2 FP/SVE trap) from L2 under the guest
 *           hypervisor's own CPTR_EL2 trap: forwarded to vEL2.
 */
#include "helpers/trap_fixture.h"

#define PC 0x80004000ULL

/* pfr0: ID_AA64PFR0_EL1; 0x222 offers AArch32 at EL0-EL2, and with the
 * guest's HCR_EL2.RW = 0 its L2 then runs in AArch32 EL1/EL0. */
static const struct {
	bool e2h, tge;
	u64 pstate, pfr0;
	const char *name;
} modes[] = {
	{ false, false, PS_EL2H, 0, "vEL2 nVHE" },
	{ true, false, PS_EL2H, 0, "vEL2 VHE" },
	{ true, true, PS_EL0T, 0, "vEL0 VHE host" },
	{ false, false, PS_EL1H, 0, "L2 vEL1" },
	{ true, false, PS_EL0T, 0, "L2 vEL0" },
	{ false, false, 0x1d3, 0x222, "L2 AArch32 Supervisor" },
	{ true, false, 0x10, 0x222, "L2 AArch32 User" },
};

static const u32 iss_shapes[] = { 0,
				  0x1ffffff,
				  0x1555555,
				  0x0aaaaaa,
				  0x0000040 /* WnR */,
				  0x1000000 /* ISV */ };

/* The reason hv/handle_exit.c must serve for EC `ec`, as the library hands it.
 */
static bool host_reason_ok(unsigned int ec, unsigned int host)
{
	switch (host) {
	case VEL2_HOST_ABORT:
		return ec == 0x20 || ec == 0x24;
	case VEL2_HOST_SMC:
		return ec == 0x17 || ec == 0x13; /* SMC64, SMC32 */
	case VEL2_HOST_WFX:
		return ec == 0x01;
	case VEL2_HOST_SYSINSN:
		return ec == 0x18;
	case VEL2_HOST_EC: /* answered with an UNDEF by hv/handle_exit.c */
		return true;
	default:
		return false;
	}
}

/*
 * Syndromes no lower-EL exit has, which the library may refuse
 * (VEL2_EXIT_EBADESR; hv/handle_exit.c then stops: the hardware broke its
 * contract, not the guest): the "taken without a change in EL" classes
 * (vel2's own exceptions, which its vectors send to hv_panic, never to the
 * trap path), and ISS shapes with bits set that are RES0 for the class.
 * ISS 0 is a valid shape for every other class.
 */
static bool not_from_guest(unsigned int ec, u32 iss)
{
	switch (ec) {
	case 0x21: /* instruction abort, same EL */
	case 0x25: /* data abort, same EL */
	case 0x31: /* breakpoint, same EL */
	case 0x33: /* software step, same EL */
	case 0x35: /* watchpoint, same EL */
		return true;
	default:
		return iss != 0;
	}
}

static void every_ec_every_mode(void **state)
{
	unsigned int bad = 0;

	for (unsigned int m = 0; m < VEL2_ARRAY_SIZE(modes); m++)
		for (unsigned int ec = 0; ec < 64; ec++)
			for (unsigned int i = 0;
			     i < VEL2_ARRAY_SIZE(iss_shapes); i++) {
				struct vel2_vcpu *v = fx_enter_vectors(
					modes[m].e2h, modes[m].tge,
					modes[m].pstate, 0x10000, 0x20000);
				u64 esr = T_EC(ec) | T_IL | iss_shapes[i];
				int got;

				wr(ID(ID_AA64PFR0_EL1), modes[m].pfr0);
				got = exit_with(v, esr, PC);

				bool ok =
					got >= 0 ?
						got <= VEL2_NEEDS_HOST &&
							(got != VEL2_NEEDS_HOST ||
							 host_reason_ok(
								 ec, tx.host)) :
						got == VEL2_EXIT_EBADESR &&
							not_from_guest(
								ec,
								iss_shapes[i]);

				if (!ok)
					print_message("%s ec %#x iss %#x: "
						      "verdict %d host %u\n",
						      modes[m].name, ec,
						      iss_shapes[i], got,
						      tx.host);
				bad += !ok;
			}
	assert_int_equal(bad, 0);
}

static void sme_is_undefined(void **state)
{
	for (unsigned int m = 0; m < VEL2_ARRAY_SIZE(modes); m++) {
		if (modes[m].pfr0) /* SME is A64 only: no EC 0x1d from AArch32
				    */
			continue;
		struct vel2_vcpu *v =
			fx_enter_vectors(modes[m].e2h, modes[m].tge,
					 modes[m].pstate, 0x10000, 0x20000);
		unsigned int el = (modes[m].pstate >> 2) & 3;
		/* UNDEF from EL0 goes to EL1, or EL2 under {E2H,TGE}={1,1}. */
		unsigned int to = el ? el : modes[m].tge ? 2 : 1;

		/* MRS x0, SVCR: ISS as the SME trap reports it (SMTC 0). */
		assert_int_equal(exit_with(v, T_EC(0x1d) | T_IL, PC),
				 VEL2_INJECTED);
		assert_int_equal(vel(v), to);
		assert_int_equal(rd(to == 2 ? ID(ESR_EL2) : ID(ESR_EL1)),
				 ESR_UNDEF);
		assert_int_equal(rd(to == 2 ? ID(ELR_EL2) : ID(ELR_EL1)), PC);
	}
}

static void pac_from_l2_forwarded(void **state)
{
	struct vel2_vcpu *v =
		fx_enter_vectors(false, false, PS_EL1H, 0x10000, 0x20000);

	assert_int_equal(exit_with(v, T_EC(0x09) | T_IL, PC), VEL2_FORWARDED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(rd(ID(ESR_EL2)), T_EC(0x09) | T_IL);
}

/* EC 0x07 / 0x19 from L2: only the guest hypervisor's CPTR_EL2 traps them
 * there (vel2_hwcfg cptr_clear), so they go to vEL2 with their syndrome. */
static void fp_sve_from_l2_forwarded(void **state)
{
	static const unsigned int ecs[] = { 0x07, 0x19 };

	for (unsigned int i = 0; i < 2; i++) {
		struct vel2_vcpu *v = fx_enter_vectors(false, false, PS_EL1H,
						       0x10000, 0x20000);

		/* The guest's own CPTR_EL2.TFP/TZ (E2H=0: bits 10, 8); an
		 * SVE trap it did not ask for is vel2's (test_sve_lazy.c). */
		wr(ID(CPTR_EL2), (1ULL << 10) | (1ULL << 8));
		assert_int_equal(exit_with(v, T_EC(ecs[i]) | T_IL, PC),
				 VEL2_FORWARDED);
		assert_int_equal(vel(v), 2);
		assert_int_equal(rd(ID(ESR_EL2)), T_EC(ecs[i]) | T_IL);
		assert_int_equal(rd(ID(ELR_EL2)), PC);
	}
}

/*
 * Physical interrupts while L2 runs with the guest hypervisor's routing
 * bits: taken to vEL2 at VBAR_EL2 + 0x480 (IRQ) / 0x580 (SError), ELR_EL2
 * the interrupted PC, SPSR_EL2 the interrupted PSTATE (Arm ARM D1.3);
 * ESR_EL2 only for SError. Without the routing bit, or in hyp context,
 * they are not the guest's: the host keeps them (it stopped on any before).
 */
static int interrupt(struct vel2_vcpu *v, unsigned int kind, u64 esr)
{
	memset(&tx, 0, sizeof(tx));
	tx.esr = esr;
	tx.elr = PC;
	tx.spsr = phys_spsr(v->pstate);
	return vel2_forward_interrupt(v, &tx, kind);
}

static void interrupts_from_l2(void **state)
{
	const u64 vb2 = 0x10000, hcr_rw = 1ULL << 31;
	struct vel2_vcpu *v =
		fx_enter_vectors(false, false, PS_EL1H, vb2, 0x20000);

	wr(ID(HCR_EL2), hcr_rw | (1ULL << 4)); /* IMO */
	wr(ID(ESR_EL2), 0x1234);
	assert_int_equal(interrupt(v, VEL2_IRQ, 0), VEL2_FORWARDED);
	assert_int_equal(vel(v), 2);
	assert_int_equal(tx.elr, vb2 + 0x480);
	assert_int_equal(rd(ID(ELR_EL2)), PC);
	assert_int_equal(rd(ID(SPSR_EL2)), PS_EL1H);
	assert_int_equal(rd(ID(ESR_EL2)), 0x1234);
	assert_true(v->pstate & DAIF_ALL);

	v = fx_enter_vectors(true, false, PS_EL0T, vb2, 0x20000);
	wr(ID(HCR_EL2), hcr_rw | (1ULL << 34) | (1ULL << 5)); /* E2H, AMO */
	assert_int_equal(interrupt(v, VEL2_SERROR, 0xbe000000), VEL2_FORWARDED);
	assert_int_equal(tx.elr, vb2 + 0x580);
	assert_int_equal(rd(ID(ESR_EL2)), 0xbe000000);
	/* IRQ without IMO: not the guest hypervisor's. */
	v = fx_enter_vectors(false, false, PS_EL1H, vb2, 0x20000);
	wr(ID(HCR_EL2), hcr_rw | (1ULL << 5));
	assert_int_equal(interrupt(v, VEL2_IRQ, 0), VEL2_NEEDS_HOST);
	assert_int_equal(vel(v), 1);
	/* The guest hypervisor itself never routes to vel2. */
	v = fx_enter_vectors(false, false, PS_EL2H, vb2, 0x20000);
	wr(ID(HCR_EL2), hcr_rw | (1ULL << 4));
	assert_int_equal(interrupt(v, VEL2_IRQ, 0), VEL2_NEEDS_HOST);
	assert_int_equal(interrupt(v, 4, 0), VEL2_EXIT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_ec_every_mode),
		cmocka_unit_test(sme_is_undefined),
		cmocka_unit_test(pac_from_l2_forwarded),
		cmocka_unit_test(fp_sve_from_l2_forwarded),
		cmocka_unit_test(interrupts_from_l2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
