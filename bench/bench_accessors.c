// SPDX-License-Identifier: MIT
/*
 * ns per accessor call for each path (stored, live, mapped, mapped and
 * translated), next to a plain array load and store timed in the same run
 * with the same index stream. Register ids come from an array so nothing
 * constant-folds; every result feeds a volatile sink.
 *
 * Output: one "BENCH <name> <value> <unit>" line per figure.
 */
#include <stdio.h>
#include <time.h>

#include <vel2/accessors.h>
#include <vel2/format.h>
#include <vel2/sim.h>

#define NIDS 64u /* power of two */
#define ITERS (1u << 22)
#define ROUNDS 25

static struct vel2_vcpu vcpu;
static unsigned int ids[NIDS];
static u64 plain[VEL2_NR_SYSREGS];
static volatile u64 sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Fill ids[] with the registers `want` accepts, cycling through them. */
static void pick(bool (*want)(unsigned int))
{
	unsigned int n = 0, r = 0;

	while (n < NIDS) {
		if (want(r))
			ids[n++] = r;
		r = (r + 7) % VEL2_NR_SYSREGS; /* scatter, every id once */
		if (!r && !n) {
			fprintf(stderr, "bench: no register for a path\n");
			return;
		}
	}
}

static unsigned int loc(unsigned int r)
{
	return vel2_sysreg_info[r].loc;
}

static bool is_stored(unsigned int r)
{
	return loc(r) == VEL2_LOC_STORED && r != VEL2_SYSREG_HCR_EL2;
}

static bool is_el1(unsigned int r)
{
	return loc(r) == VEL2_LOC_EL1;
}

static bool is_mapped(unsigned int r)
{
	return loc(r) == VEL2_LOC_MAP_HYP &&
	       vel2_sysreg_info[r].fmt == VEL2_FMT_NONE &&
	       r != VEL2_SYSREG_SPSR_EL2;
}

static bool is_translated(unsigned int r)
{
	return loc(r) == VEL2_LOC_MAP_HYP &&
	       !vel2_fmt_is_identity(vel2_sysreg_info[r].fmt, false);
}

static __attribute__((noinline)) double t_array_load(void)
{
	double t = now_ns();
	u64 sum = 0;

	for (unsigned int i = 0; i < ITERS; i++)
		sum += plain[ids[i & (NIDS - 1)]];
	t = now_ns() - t;
	sink = sum;
	return t / ITERS;
}

static __attribute__((noinline)) double t_array_store(void)
{
	double t = now_ns();

	for (unsigned int i = 0; i < ITERS; i++)
		plain[ids[i & (NIDS - 1)]] = i;
	t = now_ns() - t;
	sink = plain[ids[0]];
	return t / ITERS;
}

static __attribute__((noinline)) double t_read(void)
{
	double t = now_ns();
	u64 sum = 0, v = 0;

	for (unsigned int i = 0; i < ITERS; i++) {
		vel2_read_sysreg(&vcpu, ids[i & (NIDS - 1)], &v);
		sum += v;
	}
	t = now_ns() - t;
	sink = sum;
	return t / ITERS;
}

static __attribute__((noinline)) double t_write(void)
{
	double t = now_ns();

	for (unsigned int i = 0; i < ITERS; i++)
		vel2_write_sysreg(&vcpu, ids[i & (NIDS - 1)], i);
	t = now_ns() - t;
	sink = vel2_sim.reg[ids[0]];
	return t / ITERS;
}

/*
 * The machine may be shared and its clock may move: run the baseline and
 * the accessor alternately and keep the best of each.
 */
static void best2(double (*base)(void), double (*fn)(void), double *b,
		  double *f)
{
	*b = *f = 1e30;
	for (int i = 0; i < ROUNDS; i++) {
		double tb = base(), tf = fn();

		if (tb < *b)
			*b = tb;
		if (tf < *f)
			*f = tf;
	}
}

/* Put the vCPU in a mode: loaded, vEL and virtual E2H. */
static void enter(u64 pstate, bool e2h)
{
	vel2_vcpu_put(&vcpu);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2, e2h ? VEL2_HCR_E2H : 0);
	vel2_vcpu_set_pstate(&vcpu, pstate);
	vel2_vcpu_load(&vcpu);
}

struct path {
	const char *name;
	bool (*want)(unsigned int);
	u64 pstate;
	bool e2h;
};

static const struct path paths[] = {
	{ "stored", is_stored, VEL2_PSR_MODE_EL1H, false },
	{ "live", is_el1, VEL2_PSR_MODE_EL1H, false },
	{ "mapped", is_mapped, VEL2_PSR_MODE_EL2H, true },
	{ "mapped_xlate", is_translated, VEL2_PSR_MODE_EL2H, false },
};

int main(void)
{
	vel2_sim_reset();
	vel2_vcpu_init(&vcpu);

	for (unsigned int p = 0; p < VEL2_ARRAY_SIZE(paths); p++) {
		const char *n = paths[p].name;
		double load, store, rd, wr;

		pick(paths[p].want);
		enter(paths[p].pstate, paths[p].e2h);
		best2(t_array_load, t_read, &load, &rd);
		printf("BENCH array_load_%s %.2f ns\n", n, load);
		printf("BENCH read_%s %.2f ns\n", n, rd);
		printf("BENCH read_%s/array_load %.2f x\n", n, rd / load);
		best2(t_array_store, t_write, &store, &wr);
		printf("BENCH array_store_%s %.2f ns\n", n, store);
		printf("BENCH write_%s %.2f ns\n", n, wr);
		printf("BENCH write_%s/array_load %.2f x\n", n, wr / load);
		printf("BENCH write_%s/array_store %.2f x\n", n, wr / store);
	}
	return 0;
}
