// SPDX-License-Identifier: MIT
/*
 * Model-based randomized test: the library on the sim backend against a
 * plain register file that knows nothing of load/put, vEL or mappings.
 * Random reads, writes, loads, puts, vEL changes, HCR_EL2.{E2H,TGE}
 * changes and "the running guest or an exception changed a live physical
 * register" (a poke of vel2_sim.reg, applied to the model as a change of
 * the architectural register that physical register holds in the current
 * mode). Every read must agree with the model.
 *
 * Sanitising in the model: RES0/RES1 come from the catalog's res0/res1
 * (the catalog is the specification of those, checked elsewhere). The
 * E2H-dependent layouts are NOT taken from the library: for those registers
 * random values are restricted to the bits that are a field in both layouts
 * (stated below, from the Arm ARM), which the model predicts exactly. The
 * other bits are whatever sanitising made of them: the model learns them at
 * the first read after a write, and from then on they must never change
 * across load/put/vEL/E2H changes (format exactness is unit-tested in
 * test_accessors.c). Registers translated to their EL1 form are never
 * poked: the host traps every guest access to them.
 *
 * FEAT_NV2: the host turns NV2 on and off at random
 * (vel2_vcpu_enable_nv2). While the guest hypervisor runs under it (vEL2,
 * E2H=1 or 0), the guest also stores to the VNCR page directly (a poke of
 * vcpu->regs.vncr_page at a register's VNCR offset, applied to the model as
 * a change of the register that offset holds). NVMem[] stores do not apply
 * RES0/RES1; vel2 does at the guest's next exit, which the model takes at
 * once (vel2_exit_sync from physical EL1): the register then holds the
 * value with its catalogued RES0/RES1 applied. A store to HCR_EL2 (0x78)
 * may change E2H/TGE; the same exit picks that up.
 */
#include <stdio.h>

#include "helpers/vel2_fixture.h"

#include <vel2/trap.h>

#define OPS_PER_SEED 120000u
#define VNCR_VA 0x40101000ULL

/* Bits that are a field (never RES0/RES1) under E2H=0 and under E2H=1. */
static u64 both_layouts(enum vel2_fmt f)
{
	_Static_assert(VEL2_NR_FMTS == 6, "new format: state its safe bits");
	switch (f) {
	case VEL2_FMT_SCTLR_EL2: /* M A C SA I WXN IESB EE */
		return VEL2_GENMASK(3, 0) | VEL2_BIT(12) | VEL2_BIT(19) |
		       VEL2_BIT(21) | VEL2_BIT(25);
	case VEL2_FMT_TCR_EL2: /* T0SZ IRGN0 ORGN0 SH0 TG0 */
		return VEL2_GENMASK(5, 0) | VEL2_GENMASK(15, 8);
	case VEL2_FMT_CPTR_EL2: /* TTA or FPEN[0], TAM, TCPAC */
		return VEL2_BIT(20) | VEL2_BIT(30) | VEL2_BIT(31);
	case VEL2_FMT_TTBR0_EL2: /* BADDR, CnP */
		return VEL2_GENMASK(47, 0);
	case VEL2_FMT_CNTHCTL_EL2: /* EL1PCTEN/EL0PCTEN ... EVNTI */
		return VEL2_GENMASK(7, 0);
	default:
		return ~0ULL;
	}
}

struct model {
	u64 val[VEL2_NR_SYSREGS];
	u64 known[VEL2_NR_SYSREGS]; /* bits of val the model vouches for */
	struct fx_mode mode; /* mode.hcr mirrors val[HCR_EL2] */
	bool flag; /* hw_spsr_reports_el1 */
	unsigned int place; /* place_of(&mode) when holders were refreshed */
	int holder[VEL2_NR_SYSREGS];
};

static struct model mdl;
static u64 rng;
static u64 seed_now;
static unsigned int op_now;

static u64 rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)((rnd() >> 32) % n);
}

/* A value with a few interesting shapes, not only uniform noise. */
static u64 rnd_val(void)
{
	switch (rnd_below(4)) {
	case 0:
		return 0;
	case 1:
		return ~0ULL;
	case 2:
		return rnd() & 0xffff;
	default:
		return rnd();
	}
}

static unsigned int rnd_reg(void)
{
	unsigned int r;

	do
		r = rnd_below(VEL2_NR_SYSREGS);
	while (fx_is_alias(r));
	return r;
}

/* The placement, as a key: put, L2, then hyp context by E2H and NV2. */
static unsigned int place_of(const struct fx_mode *m)
{
	if (!m->loaded)
		return 0;
	if (!fx_hyp(m))
		return 1;
	return 2 + ((m->hcr & VEL2_HCR_E2H) ? 2 : 0) + (m->nv2 ? 1 : 0);
}

static void refresh_holders(void)
{
	mdl.mode.hcr = mdl.val[ID(HCR_EL2)];
	/* A change of placement sets hw_spsr_reports_el1 for the new one:
	 * on in hyp context with E2H=0 without NV2 (key 2), the mode run
	 * with {NV,NV1,NV2} = {1,1,0}. */
	if (place_of(&mdl.mode) != mdl.place) {
		mdl.place = place_of(&mdl.mode);
		mdl.flag = mdl.place == 2;
	}
	for (unsigned int p = 0; p < VEL2_NR_SYSREGS; p++)
		mdl.holder[p] = -1;
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (fx_live(r, &mdl.mode))
			mdl.holder[fx_phys(r)] = (int)r;
}

#define FAIL(...)                                                  \
	do {                                                       \
		print_error("seed %#llx op %u: ",                  \
			    (unsigned long long)seed_now, op_now); \
		fail_msg(__VA_ARGS__);                             \
	} while (0)

static void model_write(unsigned int r, u64 v)
{
	const struct vel2_sysreg_info *i = INFO(r);
	u64 safe = both_layouts(i->fmt);

	v &= safe;
	if (r == ID(ID_AA64PFR1_EL1)) /* the vCPU keeps FEAT_MTE2 */
		v = (v & ~VEL2_ID_AA64PFR1_MTE) | FX_PFR1;
	if (r == ID(ID_AA64PFR0_EL1)) /* ... and AArch32 EL1 */
		v = (v & ~VEL2_ID_AA64PFR0_EL1_STATE) |
		    (FX_PFR0 & VEL2_ID_AA64PFR0_EL1_STATE);
	if (vel2_write_sysreg(&fx_vcpu, r, v))
		FAIL("write %s failed", i->name);
	mdl.val[r] = (v & ~i->res0) | i->res1;
	mdl.known[r] = safe | i->res0 | i->res1;
	if (r == ID(HCR_EL2))
		refresh_holders();
}

static void model_read(unsigned int r)
{
	u64 got = 0;

	if (vel2_read_sysreg(&fx_vcpu, r, &got))
		FAIL("read %s failed", INFO(r)->name);
	if ((got ^ mdl.val[r]) & mdl.known[r])
		FAIL("%s (el %u hcr %#llx loaded %d flag %d) reads %#llx, "
		     "model %#llx (known %#llx)",
		     INFO(r)->name, mdl.mode.el,
		     (unsigned long long)mdl.mode.hcr, mdl.mode.loaded,
		     mdl.flag, (unsigned long long)got,
		     (unsigned long long)mdl.val[r],
		     (unsigned long long)mdl.known[r]);
	mdl.val[r] = (mdl.val[r] & mdl.known[r]) | (got & ~mdl.known[r]);
	mdl.known[r] = ~0ULL;
}

/*
 * The guest (or an exception the CPU takes) changes a physical register.
 * For SPSR_EL1 holding SPSR_EL2 this is an exception taken from the
 * current vEL: the CPU writes the mode it came from, which at vEL2 reads
 * as EL1 when hw_spsr_reports_el1, and the guest must see EL2.
 */
static void model_poke(void)
{
	unsigned int p = rnd_below(VEL2_NR_SYSREGS);
	int h = mdl.holder[p];
	const struct vel2_sysreg_info *i;
	u64 v;

	if (h < 0 || fx_translated((unsigned int)h, &mdl.mode))
		return;
	i = INFO(h);
	v = (rnd_val() & ~i->res0) | i->res1;
	if (i->fmt != VEL2_FMT_NONE)
		v = (vel2_sim.reg[p] & ~both_layouts(i->fmt)) |
		    (v & both_layouts(i->fmt));
	if (h == ID(SPSR_EL2)) {
		u64 from = mdl.mode.el == 2 ? 2 : 0, m = rnd_below(2);

		v &= ~VEL2_GENMASK(4, 0);
		if (from == 2 && mdl.flag) {
			vel2_sim.reg[p] = v | VEL2_PSR_MODE_EL1T | m;
			mdl.val[h] = v | VEL2_PSR_MODE_EL2T | m;
		} else {
			vel2_sim.reg[p] = v | (from << 2) | (from ? m : 0);
			mdl.val[h] = vel2_sim.reg[p];
		}
	} else {
		vel2_sim.reg[p] = v;
		mdl.val[h] = v;
	}
	mdl.known[h] = ~0ULL;
}

static void model_set_pstate(void)
{
	unsigned int el = rnd_below(3);
	u64 ps = (u64)el << 2 | (el ? rnd_below(2) : 0) |
		 (rnd() & VEL2_GENMASK(9, 6));

	vel2_vcpu_set_pstate(&fx_vcpu, ps);
	mdl.mode.el = el;
	refresh_holders();
}

static void model_hcr(void)
{
	u64 v = rnd_val() & ~(VEL2_HCR_E2H | VEL2_HCR_TGE);

	if (rnd_below(2))
		v |= VEL2_HCR_E2H;
	if (rnd_below(2))
		v |= VEL2_HCR_TGE;
	model_write(ID(HCR_EL2), v);
}

static void model_nv2(void)
{
	bool on = rnd_below(4) != 0;

	if (vel2_vcpu_enable_nv2(&fx_vcpu, on ? VNCR_VA : 0))
		FAIL("enable_nv2 failed");
	mdl.mode.nv2 = on;
	refresh_holders();
}

/* The guest under NV2 stores to the VNCR page. */
static void model_mem_write(void)
{
	const struct fx_mode *m = &mdl.mode;
	unsigned int r;
	u64 v = rnd_val(), *slot;

	struct vel2_exit e = { .spsr = 0x3c5 }; /* from EL1h */

	if (!m->loaded || !m->nv2 || m->el != 2)
		return;
	/*
	 * With E2H=0 the EL0 timers have offsets, but vel2 traps them
	 * (CNTHCTL_EL2.EL1PCEN/EL1TVT, checked before the NVMem access): no
	 * MSR of the guest's reaches their slots, which stay the put copy.
	 */
	do
		r = rnd_reg();
	while (INFO(r)->vncr == VEL2_NO_VNCR ||
	       (!(m->hcr & VEL2_HCR_E2H) &&
		(r == ID(CNTV_CTL_EL0) || r == ID(CNTV_CVAL_EL0) ||
		 r == ID(CNTP_CTL_EL0) || r == ID(CNTP_CVAL_EL0))));
	if (fx_live(r, m))
		FAIL("%s has VNCR offset %#x but is live under NV2",
		     INFO(r)->name, INFO(r)->vncr);
	if (r == ID(HCR_EL2) && (v & VEL2_HCR_E2H) && rnd_below(2))
		v &= ~VEL2_HCR_E2H; /* the guest leaves VHE: resync below */
	if (r == ID(HCR_EL2) && !(v & VEL2_HCR_E2H) && rnd_below(2))
		v |= VEL2_HCR_E2H; /* the guest enters VHE */
	slot = &fx_vcpu.regs.vncr_page[INFO(r)->vncr / 8];
	*slot = v;
	mdl.val[r] = (v & ~INFO(r)->res0) | INFO(r)->res1;
	mdl.known[r] = ~0ULL;
	if (vel2_exit_sync(&fx_vcpu, &e))
		FAIL("exit_sync after a store to the VNCR page failed");
	if (*slot != mdl.val[r])
		FAIL("%s stored %#llx in the page, %#llx after the exit",
		     INFO(r)->name, (unsigned long long)v,
		     (unsigned long long)*slot);
	refresh_holders();
}

static void model_bad(void)
{
	unsigned int r = rnd_below(2) ? VEL2_NR_SYSREGS + rnd_below(1000) :
					rnd_below(VEL2_NR_SYSREGS);
	u64 v = 1;

	if (r < VEL2_NR_SYSREGS && !fx_is_alias(r))
		return;
	if (vel2_read_sysreg(&fx_vcpu, r, &v) != -VEL2_ENOREG || v != 1 ||
	    vel2_write_sysreg(&fx_vcpu, r, 0) != -VEL2_ENOREG)
		FAIL("id %u accepted", r);
}

static void model_sweep(void)
{
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++)
		if (!fx_is_alias(r))
			model_read(r);
}

static void run_seed(u64 seed)
{
	seed_now = seed;
	rng = seed * 0x9e3779b97f4a7c15ULL | 1;
	fx_reset();
	for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
		const struct vel2_sysreg_info *i = INFO(r);

		mdl.val[r] = i->res1;
		mdl.known[r] = both_layouts(i->fmt) | i->res0 | i->res1;
	}
	mdl.val[ID(ID_AA64PFR1_EL1)] = FX_PFR1; /* fx_reset() */
	mdl.mode = (struct fx_mode){ false, 2, 0, false };
	mdl.flag = false;
	mdl.place = 0;
	refresh_holders();

	for (op_now = 0; op_now < OPS_PER_SEED; op_now++) {
		unsigned int k = rnd_below(100);

		if (k < 30) {
			model_read(rnd_reg());
		} else if (k < 35) {
			model_mem_write();
		} else if (k < 65) {
			model_write(rnd_reg(), rnd_val());
		} else if (k < 77) {
			model_poke();
		} else if (k < 85) {
			model_set_pstate();
		} else if (k < 91) {
			model_hcr();
		} else if (k < 94) {
			vel2_vcpu_load(&fx_vcpu);
			mdl.mode.loaded = true;
			refresh_holders();
		} else if (k < 97) {
			vel2_vcpu_put(&fx_vcpu);
			mdl.mode.loaded = false;
			refresh_holders();
		} else if (k < 98) {
			/* The host picks NV1 vs NV2 for the next run. */
			if (rnd_below(2)) {
				mdl.flag = !mdl.flag;
				vel2_vcpu_set_hw_spsr_reports_el1(&fx_vcpu,
								  mdl.flag);
			} else {
				model_nv2();
			}
		} else if (k < 99) {
			model_bad();
		} else if (!rnd_below(100)) {
			model_sweep();
		}
	}
	vel2_vcpu_put(&fx_vcpu);
	mdl.mode.loaded = false;
	model_sweep();
}

static void model_random(void **state)
{
	run_seed(*(const u64 *)*state);
}

static const u64 seeds[] = { 1, 42, 0x5eed, 0xdeadbeef, 20260101 };

int main(void)
{
	struct CMUnitTest tests[VEL2_ARRAY_SIZE(seeds)];
	static char names[VEL2_ARRAY_SIZE(seeds)][32];

	for (unsigned int i = 0; i < VEL2_ARRAY_SIZE(seeds); i++) {
		snprintf(names[i], sizeof(names[i]), "model_seed_%#llx",
			 (unsigned long long)seeds[i]);
		tests[i] = (struct CMUnitTest){ names[i], model_random, NULL,
						fx_only_physical_accessed,
						(void *)&seeds[i] };
	}
	fx_mte2 = true; /* every catalog register (vel2_fixture.h) */
	return _cmocka_run_group_tests("test_model", tests,
				       VEL2_ARRAY_SIZE(seeds), NULL, NULL);
}
