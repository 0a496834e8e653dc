// SPDX-License-Identifier: MIT
/*
 * Trap path benchmark (`make bench`): cost of vel2_handle_exit() for a
 * trapped MRS of a stored EL2 register and for an ERET from vEL2 to vEL1
 * (live state exchanged; eret_hyp: vEL2 -> vEL2, nothing exchanged), against
 * the plain accessor read of the same register in the same run. Sim backend,
 * vCPU loaded.
 *
 * Output: "BENCH <name> <value> <unit>".
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <vel2/accessors.h>
#include <vel2/sim.h>
#include <vel2/trap.h>

#define N 2000000u
#define ROUNDS 7

static struct vel2_vcpu vcpu;
static struct vel2_exit ex;
static volatile u64 sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* MRS x0, VTTBR_EL2: op0 3, op1 4, CRn 2, CRm 1, op2 0, Rt 0, read. */
#define ESR_MRS_VTTBR                                                         \
	((0x18ULL << 26) | (1ULL << 25) | (3 << 20) | (4 << 14) | (2 << 10) | \
	 (1 << 1) | 1)
#define ESR_ERET ((0x1aULL << 26) | (1ULL << 25))

static void setup(void)
{
	vel2_sim_reset();
	vel2_vcpu_init(&vcpu);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2, VEL2_HCR_E2H);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_VTTBR_EL2, 0x1234);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ELR_EL2, 0x80000000);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL2, 0x3c5); /* EL1h */
	vel2_vcpu_load(&vcpu);
}

static double per_op_read_stored(void)
{
	double t = now_ns();
	u64 v;

	for (unsigned int i = 0; i < N; i++) {
		vel2_read_sysreg(&vcpu, VEL2_SYSREG_VTTBR_EL2, &v);
		sink = v;
	}
	return (now_ns() - t) / N;
}

static double per_op_trap_sysreg(void)
{
	double t = now_ns();

	for (unsigned int i = 0; i < N; i++) {
		ex.esr = ESR_MRS_VTTBR;
		ex.elr = 0x80001000;
		ex.spsr = 0x3c5; /* vEL2h runs at EL1h */
		vel2_handle_exit(&vcpu, &ex);
		sink = ex.x[0];
	}
	return (now_ns() - t) / N;
}

/*
 * ERET vEL2 -> vEL1 moves the live state, so each one needs the vCPU back
 * at vEL2 first: time each ERET alone and subtract the cost of reading the
 * clock twice, measured the same way.
 */
static double per_op_eret(void)
{
	const unsigned int n = N / 8;
	double sum = 0, empty = 0, t;

	for (unsigned int i = 0; i < n; i++) {
		vel2_vcpu_set_pstate(&vcpu, 0x3c9); /* back to vEL2h */
		ex.esr = ESR_ERET;
		ex.elr = 0x80001000;
		ex.spsr = 0x3c5;
		t = now_ns();
		vel2_handle_exit(&vcpu, &ex);
		sum += now_ns() - t;
		t = now_ns();
		empty += now_ns() - t;
	}
	return (sum - empty) / n;
}

/* ERET vEL2h -> vEL2h: no change of context, nothing relocated. */
static double per_op_eret_hyp(void)
{
	double t;

	vel2_vcpu_set_pstate(&vcpu, 0x3c9);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL2, 0x3c9);
	t = now_ns();
	for (unsigned int i = 0; i < N; i++) {
		ex.esr = ESR_ERET;
		ex.elr = 0x80001000;
		ex.spsr = 0x3c5;
		vel2_handle_exit(&vcpu, &ex);
	}
	t = (now_ns() - t) / N;
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL2, 0x3c5);
	return t;
}

static double best(double (*fn)(void))
{
	double b = 1e30;

	for (int r = 0; r < ROUNDS; r++) {
		double v = fn();

		if (v < b)
			b = v;
	}
	return b;
}

int main(void)
{
	double rd, trap, eret, eret_hyp;

	setup();
	rd = best(per_op_read_stored);
	trap = best(per_op_trap_sysreg);
	if (ex.x[0] != 0x1234) {
		fprintf(stderr, "bench_trap: trapped MRS read %#llx\n",
			(unsigned long long)ex.x[0]);
		return 1;
	}
	eret_hyp = best(per_op_eret_hyp);
	eret = best(per_op_eret);
	if (((vcpu.pstate >> 2) & 3) != 1) {
		fprintf(stderr, "bench_trap: ERET did not reach vEL1\n");
		return 1;
	}
	printf("BENCH trap_read_stored %.2f ns\n", rd);
	printf("BENCH trap_sysreg %.2f ns\n", trap);
	printf("BENCH eret %.2f ns\n", eret);
	printf("BENCH eret_hyp %.2f ns\n", eret_hyp);
	printf("BENCH trap_sysreg/read_stored %.2f x\n", trap / rd);
	return 0;
}
