// SPDX-License-Identifier: MIT
/*
 * vel2_vcpu_load/put/set_pstate and HCR_EL2.{E2H,TGE} writes move exactly
 * the live state: every register reads the same before and after, the CPU
 * holds what the rules (stated again in helpers/vel2_fixture.h) say it
 * holds, and once put nothing touches the CPU.
 */
#include "helpers/vel2_fixture.h"

struct mode {
	unsigned int el;
	bool e2h, tge;
	bool nv2; /* the host enabled FEAT_NV2 (vel2_vcpu_enable_nv2) */
};

/*
 * Every vEL x E2H x TGE combination, without NV2 and, where the E2H=1
 * placement could depend on it, with.
 */
static const struct mode modes[] = {
	{ 2, 0, 0, 0 }, { 2, 0, 1, 0 }, { 2, 1, 0, 0 }, { 2, 1, 1, 0 },
	{ 1, 0, 0, 0 }, { 1, 0, 1, 0 }, { 1, 1, 0, 0 }, { 1, 1, 1, 0 },
	{ 0, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 1, 1, 0 },
	{ 2, 0, 0, 1 }, { 2, 1, 0, 1 }, { 2, 1, 1, 1 }, { 1, 1, 0, 1 },
	{ 0, 1, 1, 1 },
};

#define VNCR_VA 0x40101000ULL

static void set_nv2(struct vel2_vcpu *vcpu, const struct mode *m)
{
	assert_int_equal(vel2_vcpu_enable_nv2(vcpu, m->nv2 ? VNCR_VA : 0), 0);
}

static u64 expect[VEL2_NR_SYSREGS];

static u64 pstate_of(const struct mode *m)
{
	return m->el == 2 ? PS_EL2H : m->el == 1 ? PS_EL1H : PS_EL0T;
}

static struct fx_mode fx_of(const struct mode *m, bool loaded)
{
	struct fx_mode f = { loaded, m->el, hcr_with(m->e2h, m->tge), m->nv2 };

	return f;
}

static u64 mix(u64 x)
{
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ULL;
	return x ^ (x >> 29);
}

/* Write a distinct value to every register but HCR_EL2; remember it. */
static void fill(u64 seed, bool e2h)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		u64 v = mix(seed + r);

		if (fx_is_alias(r) || r == ID(HCR_EL2))
			continue;
		if (r == ID(ID_AA64PFR1_EL1)) /* keeps FEAT_MTE2 */
			v = FX_PFR1;
		if (r == ID(ID_AA64PFR0_EL1)) /* keeps AArch32 EL1 */
			v = FX_PFR0;
		wr(r, v);
		expect[r] = sanitised(r, v, e2h);
		assert_int_equal(rd(r), expect[r]);
	}
	expect[ID(HCR_EL2)] = rd(ID(HCR_EL2));
}

static void check_all(const char *what)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		if (fx_is_alias(r))
			continue;
		if (rd(r) != expect[r])
			fail_msg("%s: %s reads %#llx, want %#llx", what,
				 INFO(r)->name, (unsigned long long)rd(r),
				 (unsigned long long)expect[r]);
	}
}

/* The CPU holds, in each physical register, what the rules say. */
static void check_cpu(const struct fx_mode *m)
{
	for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++) {
		int h = fx_holder(p, m), n = 0;
		u64 want;

		for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
			n += fx_live(r, m) && fx_phys(r) == p;
		if (n > 1)
			fail_msg("%s held by %d registers", INFO(p)->name, n);
		if (h < 0)
			continue;
		want = expect[h];
		if (INFO(h)->fmt != VEL2_FMT_NONE)
			want = vel2_fmt_to_el1(INFO(h)->fmt, want,
					       m->hcr & VEL2_HCR_E2H);
		if (fx_spsr_encoded(h, m))
			want = fx_spsr_encode(want);
		if (vel2_sim.reg[p] != want)
			fail_msg("%s should hold %s = %#llx, holds %#llx",
				 INFO(p)->name, INFO(h)->name,
				 (unsigned long long)want,
				 (unsigned long long)vel2_sim.reg[p]);
	}
}

/* In every mode, all registers are independent: no two share storage. */
static void registers_independent(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(modes); i++) {
		const struct mode *m = &modes[i];
		struct fx_mode f = fx_of(m, true);

		set_nv2(fx_enter(m->e2h, m->tge, pstate_of(m)), m);
		fill(i * 1000, m->e2h);
		check_all("after fill");
		check_cpu(&f);
	}
}

static void load_put_roundtrip(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(modes); i++) {
		const struct mode *m = &modes[i];
		struct fx_mode f = fx_of(m, true);
		struct vel2_vcpu *vcpu = fx_reset();
		static u64 before[VEL2_NR_SYSREGS];
		u64 n;

		wr(ID(HCR_EL2), hcr_with(m->e2h, m->tge));
		vel2_vcpu_set_pstate(vcpu, pstate_of(m));
		set_nv2(vcpu, m);
		fill(7 + i, m->e2h);
		assert_int_equal(sim_accesses(), 0);

		/*
		 * load: reads each held physical register once, and writes
		 * it once if it held another value (relocation skips
		 * writes of the value already there).
		 */
		for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++)
			before[p] = vel2_sim.reg[p];
		vel2_vcpu_load(vcpu);
		for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++) {
			bool held = fx_holder(p, &f) >= 0 || fx_parked(p, &f);

			assert_int_equal(vel2_sim.reads[p], held);
			assert_int_equal(vel2_sim.writes[p],
					 held && vel2_sim.reg[p] != before[p]);
			/* The EL1 timers keep running at VHE vEL2. */
			if (fx_parked(p, &f) &&
			    vel2_sim.reg[p] !=
				    expect[p] +
					    (p == ID(CNTV_CVAL_EL0) ?
						     expect[ID(CNTVOFF_EL2)] :
						     0))
				fail_msg("%s not mirrored", INFO(p)->name);
		}
		check_cpu(&f);
		check_all("after load");

		/* put: reads at most once, writes nothing */
		sim_clear_counters();
		vel2_vcpu_put(vcpu);
		for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++) {
			int h = fx_holder(p, &f);

			assert_int_equal(vel2_sim.writes[p], 0);
			assert_int_equal(vel2_sim.reads[p],
					 h >= 0 && (!fx_translated(h, &f) ||
						    fx_partly_live(h, &f)));
		}
		assert_int_equal(vcpu->placement, VEL2_PLACE_MEMORY);

		/* After put, nothing reads or writes the CPU. */
		for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++)
			vel2_sim.reg[p] = ~0ULL;
		n = sim_accesses();
		check_all("after put");
		fill(99 + i, m->e2h);
		check_all("after put and fill");
		assert_int_equal(sim_accesses(), n);
	}
}

/* The guest (or an exception) changed a truly live register. */
static void poke_live(const struct fx_mode *f, u64 seed)
{
	for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++) {
		int h = fx_holder(p, f);

		/* SPSR_EL2 encoded: an exception there is test_model's. */
		if (h < 0 || fx_translated(h, f) || fx_spsr_encoded(h, f))
			continue;
		vel2_sim.reg[p] = mix(seed + p);
		expect[h] = vel2_sim.reg[p];
	}
}

static void move_to(struct vel2_vcpu *vcpu, const struct mode *m)
{
	set_nv2(vcpu, m);
	wr(ID(HCR_EL2), hcr_with(m->e2h, m->tge));
	expect[ID(HCR_EL2)] = hcr_with(m->e2h, m->tge);
	vel2_vcpu_set_pstate(vcpu, pstate_of(m));
}

/* Every pair of modes, both ways, with hardware changes in between. */
static void transitions_preserve_values(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(modes); i++) {
		for (unsigned int j = 0; j < VEL2_ARRAY_SIZE(modes); j++) {
			const struct mode *a = &modes[i], *b = &modes[j];
			struct fx_mode fa = fx_of(a, true), fb = fx_of(b, true);
			struct vel2_vcpu *vcpu;

			vcpu = fx_enter(a->e2h, a->tge, pstate_of(a));
			set_nv2(vcpu, a);
			fill(i * 31 + j, a->e2h);
			poke_live(&fa, i + j);
			move_to(vcpu, b);
			check_all("a -> b");
			check_cpu(&fb);
			poke_live(&fb, i * j);
			move_to(vcpu, a);
			check_all("b -> a");
			check_cpu(&fa);
			vel2_vcpu_put(vcpu);
			check_all("put");
		}
	}
}

/* Registers that stay in the same physical register are not moved. */
static void minimal_exchange(void **state)
{
	struct vel2_vcpu *vcpu = fx_enter(false, false, PS_EL2H);

	(void)state;
	fill(3, false); /* distinct values: every move is a change */
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	/* The EL0 timer stays between vEL1 and nVHE vEL2... */
	assert_int_equal(vel2_sim.writes[ID(CNTV_CTL_EL0)], 0);
	wr(ID(HCR_EL2), VEL2_HCR_E2H); /* nVHE -> VHE guest hypervisor */
	/* ...and keeps running the stored one at VHE vEL2. */
	assert_int_equal(vel2_sim.reg[ID(CNTV_CTL_EL0)], rd(ID(CNTV_CTL_EL0)));
	/* SHARED registers never move. */
	assert_int_equal(vel2_sim.reads[ID(SP_EL0)], 0);
	assert_int_equal(vel2_sim.writes[ID(SP_EL0)], 0);
	assert_int_equal(vel2_sim.writes[ID(TPIDR_EL0)], 0);
	/* ...and VBAR_EL2 between the two hyp contexts. */
	assert_int_equal(vel2_sim.writes[ID(VBAR_EL1)], 2);
	/* A vEL change within the same context moves nothing. */
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, VEL2_PSR_MODE_EL2T);
	assert_int_equal(sim_accesses(), 0);
}

/*
 * vEL2 <-> vEL1 when the guest's EL1 registers hold the same values as
 * the EL2 registers that share their physical register (a guest
 * hypervisor that gives its guest its own MAIR, ...): the physical
 * register already holds the value to load, so relocation reads it and
 * writes nothing (QEMU flushes its TLB on every SCTLR/TCR/TTBR write).
 */
static void unchanged_not_rewritten(void **state)
{
	struct vel2_vcpu *vcpu = fx_enter(true, false, PS_EL2H);

	(void)state;
	wr(ID(MAIR_EL2), 0xff44);
	wr(ID(MAIR_EL1), 0xff44);
	wr(ID(TTBR1_EL2), 0x5000);
	wr(ID(TTBR1_EL1), 0x6000);
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	assert_int_equal(vel2_sim.writes[ID(MAIR_EL1)], 0);
	assert_int_equal(vel2_sim.writes[ID(TTBR1_EL1)], 1);
	assert_int_equal(vel2_sim.reg[ID(MAIR_EL1)], 0xff44);
	assert_int_equal(vel2_sim.reg[ID(TTBR1_EL1)], 0x6000);
	sim_clear_counters();
	vel2_vcpu_set_pstate(vcpu, PS_EL2H);
	assert_int_equal(vel2_sim.writes[ID(MAIR_EL1)], 0);
	assert_int_equal(vel2_sim.writes[ID(TTBR1_EL1)], 1);
	assert_int_equal(rd(ID(MAIR_EL2)), 0xff44);
	assert_int_equal(rd(ID(TTBR1_EL2)), 0x5000);
	assert_int_equal(rd(ID(TTBR1_EL1)), 0x6000);
}

/* load/put are idempotent; set_pstate while put moves nothing. */
static void idempotent(void **state)
{
	struct vel2_vcpu *vcpu = fx_enter(true, true, PS_EL2H);

	(void)state;
	fill(5, true);
	sim_clear_counters();
	vel2_vcpu_load(vcpu);
	assert_int_equal(sim_accesses(), 0);
	vel2_vcpu_put(vcpu);
	sim_clear_counters();
	vel2_vcpu_put(vcpu);
	vel2_vcpu_set_pstate(vcpu, PS_EL1H);
	wr(ID(HCR_EL2), 0);
	assert_int_equal(sim_accesses(), 0);
	expect[ID(HCR_EL2)] = 0;
	check_all("idempotent");
}

int main(void)
{
#define T(fn) cmocka_unit_test_teardown(fn, fx_only_physical_accessed)
	const struct CMUnitTest tests[] = {
		T(registers_independent),	T(load_put_roundtrip),
		T(transitions_preserve_values), T(minimal_exchange),
		T(unchanged_not_rewritten),	T(idempotent),
	};
	fx_mte2 = true; /* every catalog register (vel2_fixture.h) */

	return cmocka_run_group_tests(tests, NULL, NULL);
}
