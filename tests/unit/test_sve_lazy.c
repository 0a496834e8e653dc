// SPDX-License-Identifier: MIT
/*
 * vel2's lazy SVE trap (src/trap/sve_lazy.c): while the vCPU's "SVE open"
 * flag is clear the physical CPTR_EL2.ZEN[17:16] traps SVE (cfg.cptr_lazy);
 * an EC 0x19 exit the guest's own controls would not take opens it and
 * re-runs the instruction; one they take is forwarded to vEL2; a trapped
 * ERET closes it. Expected bits from the Arm ARM field positions (D24.2
 * CPTR_EL2: E2H=1 FPEN [21:20], ZEN [17:16]; E2H=0 TFP [10], TZ [8]).
 */
#include "helpers/trap_fixture.h"
#include <vel2/hwcfg.h>

#define PC 0x80004000ULL
#define ZEN (3ULL << 16)
#define FPEN (3ULL << 20)
#define NVHE_TZ (1ULL << 8)
#define NVHE_TFP (1ULL << 10)
#define ESR_SVE (T_EC(0x19) | T_IL)
#define VNCR_VA 0x40101000ULL
#define HOST_HCR ((1ULL << 34) | (1ULL << 31) | 1ULL) /* E2H, RW, VM */

enum { HYP_NVHE, HYP_VHE, HOST_EL0, L2_NVHE, L2_VHE, NV2_VHE, NV2_NVHE };

static const char *const mode_names[] = { "vEL2 nVHE",	   "vEL2 VHE",
					  "vEL0 VHE host", "L2 E2H=0",
					  "L2 E2H=1",	   "vEL2 VHE NV2",
					  "vEL2 nVHE NV2" };

static struct vel2_vcpu *enter(unsigned int m)
{
	switch (m) {
	case HYP_NVHE:
		return fx_enter_vectors(false, false, PS_EL2H, 0x10000,
					0x20000);
	case HYP_VHE:
		return fx_enter_vectors(true, false, PS_EL2H, 0x10000, 0x20000);
	case HOST_EL0:
		return fx_enter_vectors(true, true, PS_EL0T, 0x10000, 0x20000);
	case L2_NVHE:
		return fx_enter_vectors(false, false, PS_EL1H, 0x10000,
					0x20000);
	case L2_VHE:
		return fx_enter_vectors(true, false, PS_EL0T, 0x10000, 0x20000);
	default: {
		struct vel2_vcpu *v = fx_enter_vectors(
			m == NV2_VHE, false, PS_EL2H, 0x10000, 0x20000);

		assert_int_equal(vel2_vcpu_enable_nv2(v, VNCR_VA), 0);
		return v;
	}
	}
}

static bool hyp_mode(unsigned int m)
{
	return m != L2_NVHE && m != L2_VHE;
}

/*
 * Closed, vel2_hwcfg() adds ZEN (and nothing else: FPEN is never vel2's)
 * to the bits cleared from the physical CPTR_EL2; open, nothing. Every
 * other field of the configuration is the same either way.
 */
static void closed_flag_traps_zen(void **state)
{
	for (unsigned int m = HYP_NVHE; m <= NV2_NVHE; m++) {
		struct vel2_vcpu *v = enter(m);
		struct vel2_hwcfg open, closed;

		print_message("%s\n", mode_names[m]);
		memset(&open, 0, sizeof(open));
		memset(&closed, 0, sizeof(closed));
		assert_false(v->sve_open); /* a new vCPU starts closed */
		vel2_hwcfg(v, HOST_HCR, &closed);
		assert_int_equal(closed.cptr_lazy, ZEN);
		assert_int_equal(closed.cptr_lazy & FPEN, 0);
		v->sve_open = true;
		vel2_hwcfg(v, HOST_HCR, &open);
		assert_int_equal(open.cptr_lazy, 0);
		closed.cptr_lazy = 0;
		assert_memory_equal(&open, &closed, sizeof(open));
	}
}

/* The guest's own SVE trap for L2 stays in cptr_clear, open or closed. */
static void guest_trap_independent_of_flag(void **state)
{
	struct vel2_vcpu *v = enter(L2_NVHE);
	struct vel2_hwcfg cfg;

	wr(ID(CPTR_EL2), NVHE_TZ);
	v->sve_open = true;
	vel2_hwcfg(v, HOST_HCR, &cfg);
	assert_int_equal(cfg.cptr_clear & (ZEN | FPEN), ZEN);
	assert_int_equal(cfg.cptr_lazy, 0);
}

/*
 * In hyp context every EC 0x19 exit is vel2's: the guest's own traps of
 * vEL2/vEL0 are the physical CPACR_EL1's, taken at physical EL1 first.
 * Closed: opened, and the same instruction runs again (ELR, PSTATE and
 * the guest's EL2 registers untouched). Open: not vel2's, not the
 * guest's: the host's (an UNDEF).
 */
static void hyp_sve_exit_opens(void **state)
{
	for (unsigned int m = HYP_NVHE; m <= NV2_NVHE; m++) {
		struct vel2_vcpu *v;
		u64 pstate, esr2, elr2;

		if (!hyp_mode(m))
			continue;
		print_message("%s\n", mode_names[m]);
		v = enter(m);
		pstate = v->pstate;
		esr2 = rd(ID(ESR_EL2));
		elr2 = rd(ID(ELR_EL2));
		assert_int_equal(exit_with(v, ESR_SVE, PC), VEL2_RESUME);
		assert_true(v->sve_open);
		assert_int_equal(tx.elr, PC);
		assert_int_equal(tx.spsr, phys_spsr(pstate));
		assert_int_equal(v->pstate, pstate);
		assert_int_equal(rd(ID(ESR_EL2)), esr2);
		assert_int_equal(rd(ID(ELR_EL2)), elr2);

		assert_int_equal(exit_with(v, ESR_SVE, PC), VEL2_NEEDS_HOST);
		assert_int_equal(tx.host, VEL2_HOST_EC);
		assert_true(v->sve_open);
	}
}

/*
 * From L2: the guest hypervisor's CPTR_EL2 decides. E2H=0: TZ traps (TFP
 * alone does not: the retried instruction then takes the FP trap the
 * hardware checks after ZEN). E2H=1 with TGE=0: ZEN 0b00 and 0b10 trap
 * EL1/EL0, 0b01 only EL0 with TGE=1, so not L2, 0b11 nothing.
 */
static void l2_sve_exit_guest_or_vel2(void **state)
{
	static const struct {
		unsigned int mode;
		u64 cptr;
		bool guests;
	} cases[] = {
		{ L2_NVHE, NVHE_TZ, true },
		{ L2_NVHE, NVHE_TZ | NVHE_TFP, true },
		{ L2_NVHE, NVHE_TFP, false },
		{ L2_NVHE, 0, false },
		{ L2_VHE, FPEN | (0ULL << 16), true },
		{ L2_VHE, FPEN | (2ULL << 16), true },
		{ L2_VHE, FPEN | (1ULL << 16), false },
		{ L2_VHE, FPEN | (3ULL << 16), false },
		{ L2_VHE, 3ULL << 16, false },
	};

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vel2_vcpu *v = enter(cases[i].mode);
		u64 pstate = v->pstate;

		print_message("case %u\n", i);
		wr(ID(CPTR_EL2), cases[i].cptr);
		if (cases[i].guests) {
			assert_int_equal(exit_with(v, ESR_SVE, PC),
					 VEL2_FORWARDED);
			assert_int_equal(vel(v), 2);
			assert_int_equal(rd(ID(ESR_EL2)), ESR_SVE);
			assert_int_equal(rd(ID(ELR_EL2)), PC);
			assert_false(v->sve_open);
		} else {
			assert_int_equal(exit_with(v, ESR_SVE, PC),
					 VEL2_RESUME);
			assert_true(v->sve_open);
			assert_int_equal(tx.elr, PC);
			assert_int_equal(v->pstate, pstate);
		}
	}
}

/* A trapped ERET closes the flag, in every hyp mode (ERET traps under NV
 * and NV2 alike); other exits leave it as it is. */
static void eret_closes(void **state)
{
	for (unsigned int m = HYP_NVHE; m <= NV2_NVHE; m++) {
		struct vel2_vcpu *v;

		if (!hyp_mode(m) || m == HOST_EL0)
			continue;
		print_message("%s\n", mode_names[m]);
		v = enter(m);
		wr(ID(ELR_EL2), 0x90000);
		wr(ID(SPSR_EL2), PS_EL2H);
		v->sve_open = true;
		assert_int_equal(exit_with(v, ESR_HVC(0), PC + 4),
				 VEL2_INJECTED);
		assert_true(v->sve_open);
		wr(ID(ELR_EL2), 0x90000);
		wr(ID(SPSR_EL2), PS_EL2H);
		assert_int_equal(exit_with(v, ESR_ERET, PC), VEL2_RESUME);
		assert_false(v->sve_open);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_flag_traps_zen),
		cmocka_unit_test(guest_trap_independent_of_flag),
		cmocka_unit_test(hyp_sve_exit_opens),
		cmocka_unit_test(l2_sve_exit_guest_or_vel2),
		cmocka_unit_test(eret_closes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
