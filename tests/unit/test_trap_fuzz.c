// SPDX-License-Identifier: MIT
/*
 * Random exits: random 32-bit ESR values (and some with random upper
 * bits), random register files, random SPSR/ELR, from random guest modes
 * with random virtual HCR_EL2 and trap registers. The host must never
 * crash (run under ASan+UBSan by `make unit-asan`) and the result must be
 * one of the documented verdicts with a consistent guest state. Fixed
 * seeds; the failing seed and iteration are printed.
 */
#include "helpers/rng.h"
#include "helpers/trap_fixture.h"

#define ITERATIONS 120000u

static const u64 pstates[] = { PS_EL2H, PS_EL2T, PS_EL1H, PS_EL1T, PS_EL0T };

static void one(u64 seed, unsigned int i)
{
	bool e2h = rng_next() & 1, tge = rng_next() & 1;
	u64 ps = pstates[rng_next() % VEL2_ARRAY_SIZE(pstates)];
	struct vel2_vcpu *v = fx_enter(e2h, tge, ps);
	u64 before, esr;
	int got;

	/* Random guest hypervisor configuration and vectors. */
	wr(ID(HCR_EL2), (rng_next() & ~(VEL2_HCR_E2H | VEL2_HCR_TGE)) |
				(e2h ? VEL2_HCR_E2H : 0) |
				(tge ? VEL2_HCR_TGE : 0));
	wr(ID(HFGRTR_EL2), rng_next());
	wr(ID(HFGITR_EL2), rng_next());
	wr(ID(ID_AA64MMFR0_EL1), rng_next());
	wr(ID(ID_AA64PFR1_EL1), rng_next());
	wr(ID(VBAR_EL2), rng_next());
	wr(ID(SPSR_EL2), rng_next());
	wr(ID(ELR_EL2), rng_next());
	before = v->pstate;

	memset(&tx, 0, sizeof(tx));
	for (unsigned int r = 0; r < 31; r++)
		tx.x[r] = rng_next();
	esr = rng_next() & 0xffffffffULL;
	if ((rng_next() & 7) == 0)
		esr = rng_next(); /* upper bits too */
	else if (rng_next() & 1)
		esr = (esr & ~(0x3fULL << 26)) |
		      ((u64) "\x00\x01\x16\x17\x18\x1a\x20\x24"[rng_next() & 7]
		       << 26) |
		      T_IL;
	tx.esr = esr;
	tx.elr = rng_next();
	tx.far = rng_next();
	tx.hpfar = rng_next();
	tx.spsr = (rng_next() & 7) ?
			  phys_spsr(v->pstate) ^ (rng_next() & 0xf00000ULL) :
			  rng_next();
	got = vel2_handle_exit(v, &tx);

	if (got < VEL2_EXIT_EBADESR || got > VEL2_NEEDS_HOST) {
		print_message(
			"seed %#llx iteration %u: verdict %d, esr %#llx\n",
			(unsigned long long)seed, i, got,
			(unsigned long long)esr);
		fail();
	}
	if (got < 0 && v->pstate != before) {
		print_message("seed %#llx iteration %u: error %d changed the "
			      "vCPU\n",
			      (unsigned long long)seed, i, got);
		fail();
	}
	if (got >= 0) {
		/* The SPSR handed back is a physical EL0/EL1 AArch64 one. */
		if (((tx.spsr >> 2) & 3) > 1 || (tx.spsr & 0x10) ||
		    v->placement !=
			    (vel2_vcpu_loaded(v) ?
				     (vel2_is_hyp_ctxt(v) ?
					      (vel2_vcpu_e2h(v) ?
						       VEL2_PLACE_HYP_VHE :
						       VEL2_PLACE_HYP_NVHE) :
					      VEL2_PLACE_EL1) :
				     VEL2_PLACE_MEMORY)) {
			print_message("seed %#llx iteration %u: bad state, "
				      "spsr %#llx\n",
				      (unsigned long long)seed, i,
				      (unsigned long long)tx.spsr);
			fail();
		}
	}
}

static void run_seed(u64 seed)
{
	rng = seed;
	for (unsigned int i = 0; i < ITERATIONS / 4; i++)
		one(seed, i);
}

static void test_fuzz_seed1(void **state)
{
	run_seed(0x9e3779b97f4a7c15ULL);
}

static void test_fuzz_seed2(void **state)
{
	run_seed(0xd1b54a32d192ed03ULL);
}

static void test_fuzz_seed3(void **state)
{
	run_seed(0x8cb92ba72f3d8dd7ULL);
}

static void test_fuzz_seed4(void **state)
{
	run_seed(0x1ULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_seed1),
		cmocka_unit_test(test_fuzz_seed2),
		cmocka_unit_test(test_fuzz_seed3),
		cmocka_unit_test(test_fuzz_seed4),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
