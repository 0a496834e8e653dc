// SPDX-License-Identifier: MIT
/*
 * The fast path (vel2_fast_exit, src/trap/sysreg_trap.c): which exits may
 * take it and which must not, and that where it is taken it does exactly
 * what vel2_handle_exit() does and leaves vel2_hwcfg()'s answer as it was
 * (the host re-enters without computing it again, hv/run.c).
 *
 * The oracle is the generic path on an identical copy of the vCPU and of
 * the simulated CPU: same verdict-equivalent result (VEL2_RESUME), same
 * registers, same exit record.
 */
#include "helpers/trap_fixture.h"

#include <vel2/hw.h>
#include <vel2/hwcfg.h>

#define PC 0x80001000ULL
#define VNCR_VA 0x40800000ULL
/* What hv/run.c asks for itself (its HCR_GUEST_HOST_BITS). */
#define HOST_HCR                                                   \
	(VEL2_HCR_E2H | VEL2_HCR_RW | VEL2_HCR_TSC | VEL2_HCR_VM | \
	 VEL2_HCR_API | VEL2_HCR_APK)

static struct vel2_vcpu snap_vcpu, fast_vcpu;
static struct vel2_sim_cpu snap_sim, fast_sim;
static struct vel2_exit fast_exit, gen_exit;
/* What the host computed before it entered the guest (entered()). */
static struct vel2_hwcfg entry_cfg;

static void cfg_of(struct vel2_vcpu *v, struct vel2_hwcfg *c)
{
	memset(c, 0, sizeof(*c));
	vel2_hwcfg(v, HOST_HCR, c);
}

/* The host's step before an entry: the configuration for this state. */
static struct vel2_vcpu *entered(struct vel2_vcpu *v)
{
	cfg_of(v, &entry_cfg);
	return v;
}

/* An exit record for `esr` from the vCPU's current mode. */
static struct vel2_exit exit_rec(const struct vel2_vcpu *v, u64 esr)
{
	struct vel2_exit e;

	memset(&e, 0, sizeof(e));
	for (unsigned int i = 0; i < 31; i++)
		e.x[i] = 0x1000 + i;
	e.esr = esr;
	e.elr = PC;
	e.spsr = phys_spsr(v->pstate);
	return e;
}

/* A guest hypervisor at vEL2h: E2H as given, NV2 on or off, its
 * registers holding distinct values. */
static struct vel2_vcpu *hyp(bool e2h, bool nv2)
{
	struct vel2_vcpu *v = fx_enter(e2h, false, PS_EL2H);

	if (nv2)
		assert_int_equal(vel2_vcpu_enable_nv2(v, VNCR_VA), 0);
	wr(ID(TPIDR_EL2), 0x7770);
	wr(ID(VBAR_EL2), 0x40000800);
	wr(ID(SCTLR_EL2), 0x30c50838);
	wr(ID(TCR_EL2), 0x80803510);
	wr(ID(VTTBR_EL2), 0x1234000);
	wr(ID(TPIDR_EL1), 0x5550);
	wr(ID(VBAR_EL1), 0x50000000);
	return entered(v);
}

/*
 * Offer `e` to the fast path. Taken: the result must equal the generic
 * path's on the state before, and vel2_hwcfg() must give what it gave
 * before the exit (the host does not compute it again).
 * Refused: the exit record must be untouched. Returns whether taken.
 */
static bool offer(struct vel2_vcpu *v, struct vel2_exit e)
{
	struct vel2_hwcfg after;
	bool taken;

	snap_vcpu = *v;
	snap_sim = vel2_sim;
	fast_exit = e;
	taken = vel2_fast_exit(v, &fast_exit);
	if (!taken) {
		assert_memory_equal(fast_exit.x, e.x, sizeof(e.x));
		assert_int_equal(fast_exit.elr, e.elr);
		assert_int_equal(fast_exit.spsr, e.spsr);
		*v = snap_vcpu;
		vel2_sim = snap_sim;
		return false;
	}
	fast_vcpu = *v;
	fast_sim = vel2_sim;
	cfg_of(v, &after);
	assert_memory_equal(&after, &entry_cfg, sizeof(after));
	/* The generic path on the same state. */
	*v = snap_vcpu;
	vel2_sim = snap_sim;
	gen_exit = e;
	assert_int_equal(vel2_handle_exit(v, &gen_exit), VEL2_RESUME);
	assert_memory_equal(fast_exit.x, gen_exit.x, sizeof(gen_exit.x));
	assert_int_equal(fast_exit.elr, gen_exit.elr);
	assert_int_equal(fast_exit.spsr, gen_exit.spsr);
	assert_int_equal(fast_exit.syn.sys.enc, gen_exit.syn.sys.enc);
	assert_memory_equal(&fast_vcpu, v, sizeof(*v));
	assert_memory_equal(&fast_sim, &vel2_sim, sizeof(vel2_sim));
	return true;
}

static bool offer_mrs(struct vel2_vcpu *v, u16 enc)
{
	return offer(v, exit_rec(v, esr_of_enc(enc, 5, true)));
}

static u16 enc_of(unsigned int reg)
{
	return vel2_sysreg_info[reg].enc;
}

/*
 * Every catalogued encoding, read at vEL2 in each hyp mode: wherever the
 * fast path answers, it answers as the generic path (offer() checks), and
 * the common ones do take it.
 */
static void every_mrs_matches_generic(void **state)
{
	for (unsigned int m = 0; m < 4; m++) {
		unsigned int taken = 0;

		for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
			struct vel2_vcpu *v = hyp(m & 1, m & 2);

			taken += offer_mrs(v, enc_of(r));
		}
		assert_true(taken > 50);
	}
}

/* The registers Linux and the benchmark read most: taken. */
static void plain_registers_taken(void **state)
{
	for (unsigned int m = 0; m < 4; m++) {
		struct vel2_vcpu *v = hyp(m & 1, m & 2);

		assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
		assert_int_equal(fast_exit.x[5], 0x40000800);
		assert_int_equal(fast_exit.elr, PC + 4);
		assert_true(offer_mrs(v, enc_of(ID(VTTBR_EL2))));
		assert_int_equal(fast_exit.x[5], 0x1234000);
		if (!(m & 2)) { /* with NV2 TPIDR_EL2 does not trap */
			assert_true(offer_mrs(v, enc_of(ID(TPIDR_EL2))));
			assert_int_equal(fast_exit.x[5], 0x7770);
		}
	}
}

/*
 * Every catalogued encoding, written at vEL2 in each hyp mode with a few
 * values: wherever the fast path takes the write, the generic path does
 * the same and vel2_hwcfg() answers as before (offer() checks). It takes
 * exactly the writes that reach the guest hypervisor's EL2 timers: the
 * four CNTH{P,V}_{CTL,CVAL}_EL2 encodings, and with E2H=1 also the four
 * CNT{P,V}_{CTL,CVAL}_EL0 ones that mean them (E2H redirection).
 */
static void every_msr_matches_generic(void **state)
{
	static const u64 vals[] = { 0, ~0ULL, 0x5555555555555555ULL, 1 };

	for (unsigned int m = 0; m < 4; m++) {
		unsigned int taken = 0;

		for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
			for (unsigned int k = 0; k < 4; k++) {
				struct vel2_vcpu *v = hyp(m & 1, m & 2);
				struct vel2_exit e = exit_rec(
					v, esr_of_enc(enc_of(r), 5, false));

				e.x[5] = vals[k];
				taken += offer(v, e);
			}
		}
		assert_int_equal(taken, (m & 1 ? 8 : 4) * 4);
	}
}

/*
 * The guest hypervisor's EL2 timer writes (hwcfg.c timer_controls traps
 * its CNTP_* and CNTV_* at vEL2 with E2H=1): taken, the value in the
 * physical EL2 timer, no replay (nothing to read back). Its EL1 timers
 * (E2H=0 CNTP_*, E2H=1 *_EL02: mirrored, relocate.c) are not.
 */
static void timer_writes_taken(void **state)
{
	struct vel2_fast_replay rp;

	for (unsigned int m = 0; m < 4; m++) {
		struct vel2_vcpu *v = hyp(m & 1, m & 2);
		struct vel2_exit e = exit_rec(
			v, esr_of_enc(enc_of(ID(CNTHP_CVAL_EL2)), 7, false));

		e.x[7] = 0x123456789aULL;
		assert_true(offer(v, e));
		assert_int_equal(vel2_sim.reg[ID(CNTHP_CVAL_EL2)],
				 0x123456789aULL);
		assert_int_equal(fast_exit.elr, PC + 4);
		assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
		e = exit_rec(v,
			     esr_of_enc(enc_of(ID(CNTHV_CTL_EL2)), 7, false));
		e.x[7] = ~0ULL; /* CTL [63:3] RES0, ISTATUS [2] RO */
		assert_true(offer(v, e));
		assert_int_equal(fast_exit.elr, PC + 4);
	}
	for (unsigned int nv2 = 0; nv2 < 2; nv2++) {
		struct vel2_vcpu *v = hyp(true, nv2);
		struct vel2_exit e = exit_rec(
			v, esr_of_enc(enc_of(ID(CNTP_CTL_EL0)), 3, false));

		e.x[3] = 1; /* ENABLE */
		vel2_sim.reg[ID(CNTP_CTL_EL0)] = 0;
		assert_true(offer(v, e));
		assert_int_equal(vel2_sim.reg[ID(CNTHP_CTL_EL2)] & 3, 1);
		assert_int_equal(vel2_sim.reg[ID(CNTP_CTL_EL0)], 0);
		e = exit_rec(v,
			     esr_of_enc(enc_of(ID(CNTP_CVAL_EL02)), 3, false));
		assert_false(offer(v, e));
	}
	for (unsigned int nv2 = 0; nv2 < 2; nv2++) {
		struct vel2_vcpu *v = hyp(false, nv2);

		assert_false(offer(
			v, exit_rec(v, esr_of_enc(enc_of(ID(CNTP_CVAL_EL0)), 3,
						  false))));
	}
}

/* Any other MSR: a write may change what vel2_hwcfg() reads (HCR_EL2,
 * CNTVOFF_EL2...). */
static void writes_refused(void **state)
{
	for (unsigned int m = 0; m < 4; m++) {
		struct vel2_vcpu *v = hyp(m & 1, m & 2);

		assert_false(
			offer(v, exit_rec(v, esr_of_enc(enc_of(ID(TPIDR_EL2)),
							5, false))));
		assert_false(
			offer(v, exit_rec(v, esr_of_enc(enc_of(ID(HCR_EL2)), 5,
							false))));
		assert_false(
			offer(v, exit_rec(v, esr_of_enc(enc_of(ID(VBAR_EL2)), 5,
							false))));
	}
}

/*
 * Registers whose answer is not a stored or held value, or whose access
 * is not a plain read: TimerValue views (computed from the count),
 * CurrentEL, the RAZ ID space, *_EL12 with E2H=0 (UNDEF), system
 * instructions, ZCR_EL2 under the guest's own CPTR_EL2.ZEN trap.
 */
static void special_encodings_refused(void **state)
{
	struct vel2_vcpu *v = hyp(true, false);

	assert_false(
		offer_mrs(v, VEL2_SYS_ENC(3, 4, 14, 2, 0))); /* CNTHP_TVAL */
	assert_false(
		offer_mrs(v, VEL2_SYS_ENC(3, 4, 14, 3, 0))); /* CNTHV_TVAL */
	assert_false(offer_mrs(
		v, VEL2_SYS_ENC(3, 5, 14, 2, 0))); /* CNTP_TVAL_EL02 */
	assert_false(offer_mrs(v, VEL2_SYS_ENC(3, 0, 4, 2, 2))); /* CurrentEL */
	assert_false(offer_mrs(v, VEL2_SYS_ENC(3, 0, 0, 7, 7))); /* RAZ ID */
	/* AT S1E2R, x5 (op0 1): the host's business. */
	assert_false(offer(v, exit_rec(v, esr_sys(1, 4, 7, 8, 0, 5, false))));
	/* ZCR_EL2 with the guest's CPTR_EL2.ZEN = 0b00: its trap, injected. */
	wr(ID(CPTR_EL2), VEL2_CPACR_FPEN);
	entered(v);
	assert_false(offer_mrs(v, enc_of(ID(ZCR_EL2))));
	wr(ID(CPTR_EL2), VEL2_CPACR_FPEN | VEL2_CPACR_ZEN);
	entered(v);
	/* Behind vel2's lazy SVE trap (sve_lazy.c): the C path opens it. */
	assert_false(v->sve_open);
	assert_false(offer_mrs(v, enc_of(ID(ZCR_EL2))));
	v->sve_open = true;
	entered(v);
	assert_true(offer_mrs(v, enc_of(ID(ZCR_EL2))));

	v = hyp(false, false);
	assert_false(offer_mrs(v, enc_of(ID(SCTLR_EL12)))); /* UNDEF */
}

/* Other exception classes: ERET, HVC, an abort. */
static void other_classes_refused(void **state)
{
	struct vel2_vcpu *v = hyp(true, false);

	assert_false(offer(v, exit_rec(v, ESR_ERET)));
	assert_false(offer(v, exit_rec(v, ESR_HVC(0))));
	assert_false(offer(v, exit_rec(v, T_EC(0x24) | T_IL)));
}

/*
 * L2 running (vEL1, vEL0 outside hyp context): its MRS may be the guest
 * hypervisor's trap (here TID3, which it asked for) and must be routed.
 * vEL0 in hyp context (E2H+TGE): the host's EL0, not taken either.
 */
static void l2_and_vel0_refused(void **state)
{
	struct vel2_vcpu *v = fx_enter(true, false, PS_EL1H);

	wr(ID(HCR_EL2), VEL2_HCR_E2H | VEL2_HCR_TID3);
	entered(v);
	assert_false(offer_mrs(v, enc_of(ID(ID_AA64PFR0_EL1))));
	assert_false(offer_mrs(v, enc_of(ID(TPIDR_EL1))));
	/* The same under an nVHE guest hypervisor (E2H=0). */
	v = fx_enter(false, false, PS_EL1H);
	wr(ID(HCR_EL2), VEL2_HCR_TID3);
	entered(v);
	assert_false(offer_mrs(v, enc_of(ID(ID_AA64PFR0_EL1))));
	assert_false(offer_mrs(v, enc_of(ID(TPIDR_EL1))));
	v = entered(fx_enter(true, false, PS_EL0T));
	assert_false(offer_mrs(v, enc_of(ID(ID_AA64PFR0_EL1))));
	v = entered(fx_enter(true, true, PS_EL0T));
	assert_false(offer_mrs(v, enc_of(ID(CNTP_CTL_EL0))));
}

/* An SPSR that does not leave the guest at vEL2 (physical EL0, AArch32,
 * an illegal M[1]): the generic path's checks decide. */
static void other_spsr_refused(void **state)
{
	struct vel2_vcpu *v = hyp(true, false);
	struct vel2_exit e =
		exit_rec(v, esr_of_enc(enc_of(ID(VBAR_EL2)), 5, true));

	e.spsr = (e.spsr & ~0xfULL) | 0x0; /* EL0t */
	assert_false(offer(v, e));
	e.spsr |= VEL2_PSR_M_32;
	assert_false(offer(v, e));
	e.spsr = phys_spsr(v->pstate) | VEL2_PSR_M_RES1;
	assert_false(offer(v, e));
}

/*
 * NV2: the guest hypervisor stores HCR_EL2 and CNTVOFF_EL2 in its VNCR
 * page without an exit. E2H moves registers (relocation), TGE changes
 * vel2_hwcfg()'s HCR_EL2.AT, CNTVOFF_EL2 its cfg->cntvoff under E2H=0:
 * refused, so that the host computes the configuration again. A store to
 * another slot (TPIDR_EL2) changes nothing vel2_hwcfg() reads: taken.
 */
static void nv2_page_stores(void **state)
{
	struct vel2_vcpu *v = hyp(true, true);

	v->regs.vncr_page[0x78 / 8] &= ~VEL2_HCR_E2H;
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	v = hyp(true, true);
	v->regs.vncr_page[0x78 / 8] |= VEL2_HCR_TGE;
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	v = hyp(false, true);
	v->regs.vncr_page[0x60 / 8] = 0x1234;
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	v = hyp(true, true);
	v->regs.vncr_page[0x90 / 8] = 0x4444;
	assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
}

/* The VNCR page slot of `reg`. */
static u64 *page_slot(struct vel2_vcpu *v, unsigned int reg)
{
	return &v->regs.vncr_page[vel2_sysreg_info[reg].vncr / 8];
}

/*
 * NV2: ICH_* stores move the maintenance interrupt level the host makes
 * the physical interface assert at vEL2 (cfg->maint, hv/l2_switch.c).
 * ICH_HCR_EL2.En with VGrp1DIE while ICH_VMCR_EL2.VENG1 is 0 asserts it
 * (IHI 0069 ICH_MISR_EL2.VGrp1D): refused, and the next vel2_hwcfg()
 * says so. A store that leaves the level as it is (a list register while
 * En is 0) is taken.
 */
static void nv2_maint_level_stores(void **state)
{
	struct vel2_vcpu *v = hyp(true, true);
	struct vel2_hwcfg c;

	assert_false(entry_cfg.maint);
	*page_slot(v, ID(ICH_HCR_EL2)) =
		VEL2_ICH_HCR_EN | VEL2_ICH_HCR_VGRP1DIE;
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	cfg_of(v, &c);
	assert_true(c.maint);
	/* Now entered with it asserted: clearing En drops it. */
	entered(v);
	assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	*page_slot(v, ID(ICH_HCR_EL2)) = 0;
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	v = hyp(false, true);
	*page_slot(v, ID(ICH_LR0_EL2)) = VEL2_ICH_LR_STATE | 27;
	assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
}

/*
 * vel2_hwcfg_inputs_unchanged() names HCR_EL2, CNTVOFF_EL2 and MDSCR_EL1
 * as the only VNCR page slots vel2_hwcfg() reads at vEL2, besides the
 * ICH_* ones where a store moves the maintenance level (cfg->maint): a
 * store of anything into any other slot (sanitised as after an exit)
 * leaves its result (cfg->mdscr, the CPU's MDSCR_EL1 under NV2, included)
 * as it was.
 */
static bool ich_slot(unsigned int off)
{
	unsigned int lr0 = vel2_sysreg_info[ID(ICH_LR0_EL2)].vncr;

	return off == vel2_sysreg_info[ID(ICH_HCR_EL2)].vncr ||
	       off == vel2_sysreg_info[ID(ICH_VMCR_EL2)].vncr ||
	       (off >= lr0 && off < lr0 + 16 * 8);
}

static void hwcfg_reads_no_other_page_slot(void **state)
{
	static const u64 junk[] = { ~0ULL, 0x5555555555555555ULL, 0 };

	for (unsigned int m = 0; m < 2; m++) {
		for (unsigned int off = 0; off < 4096; off += 8) {
			for (unsigned int j = 0; j < 3; j++) {
				struct vel2_vcpu *v = hyp(m, true);
				struct vel2_hwcfg before, after;

				cfg_of(v, &before);
				v->regs.vncr_page[off / 8] = junk[j];
				vel2_vcpu_sanitise_vncr(v);
				if (vel2_hwcfg_inputs_unchanged(v)) {
					cfg_of(v, &after);
					assert_memory_equal(&after, &before,
							    sizeof(after));
				} else if (ich_slot(off)) {
					cfg_of(v, &after);
					assert_true(after.maint !=
						    before.maint);
				} else {
					assert_true(off == 0x78 ||
						    off == 0x60 ||
						    off == 0x158);
				}
			}
		}
	}
}

/*
 * While vel2 keeps the guest's MDSCR_EL1.KDE out of the CPU (at vEL2 with
 * its debug target EL1, hwcfg_debug.c), an MRS would read the CPU's
 * register without it: refused, so the generic path puts KDE back first.
 */
static void hidden_mdscr_refused(void **state)
{
	struct vel2_vcpu *v = hyp(true, false);

	assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	v = hyp(true, false);
	v->mdscr_hidden = VEL2_BIT(13);
	assert_false(offer_mrs(v, enc_of(ID(VBAR_EL2))));
}

/*
 * The replay (vel2_fast_replay, hv/vectors.S): wherever the library
 * offers one, answering a later exit by its recipe alone (Xt = *src,
 * ELR += 4, SPSR as the hardware wrote it) must be what vel2_fast_exit()
 * does with that exit: every Rt, SPSRs that differ in the bits the
 * recipe leaves free (NZCV, DAIF, PAN...), the vCPU's registers as the
 * first answer left them. The vCPU's PSTATE is the one thing the replay
 * does not update (the next C exit sets it from the SPSR).
 */
static void replay_matches_fast_path(void **state)
{
	static const u64 free_bits[] = { 0, 0xf0000000ULL, 0x3c0ULL,
					 0x90400340ULL, 0x1f0000000ULL };
	static const unsigned int rts[] = { 0, 1, 5, 29, 30, 31 };
	unsigned int replays = 0;

	for (unsigned int m = 0; m < 4; m++) {
		for (unsigned int r = 0; r < VEL2_NR_SYSREGS; r++) {
			struct vel2_vcpu *v = hyp(m & 1, m & 2);
			struct vel2_fast_replay rp;
			struct vel2_vcpu after;
			struct vel2_sim_cpu sim_after;

			if (!offer_mrs(v, enc_of(r)))
				continue;
			*v = fast_vcpu;
			vel2_sim = fast_sim;
			if (!vel2_fast_replay(v, &fast_exit, &rp))
				continue;
			replays++;
			assert_false(m & 2); /* never under NV2 */
			assert_true((const char *)rp.src >=
					    (const char *)&v->regs &&
				    (const char *)rp.src <
					    (const char *)(&v->regs + 1));
			after = *v;
			sim_after = vel2_sim;
			for (unsigned int b = 0; b < 5; b++) {
				for (unsigned int k = 0; k < 6; k++) {
					struct vel2_exit e = exit_rec(
						v, rp.esr | ((u64)rts[k] << 5));
					u64 want = *rp.src;

					e.spsr =
						(rp.spsr_val | (free_bits[b] &
								~rp.spsr_mask));
					*v = after;
					vel2_sim = sim_after;
					fast_exit = e;
					assert_true(
						vel2_fast_exit(v, &fast_exit));
					if (rts[k] < 31)
						e.x[rts[k]] = want;
					assert_memory_equal(fast_exit.x, e.x,
							    sizeof(e.x));
					assert_int_equal(fast_exit.elr,
							 e.elr + 4);
					assert_int_equal(fast_exit.spsr,
							 e.spsr);
					assert_memory_equal(&v->regs,
							    &after.regs,
							    sizeof(v->regs));
					assert_int_equal(v->placement,
							 after.placement);
					assert_memory_equal(&vel2_sim,
							    &sim_after,
							    sizeof(vel2_sim));
				}
			}
		}
	}
	assert_true(replays > 10);
}

/*
 * No replay where the answer could change without an exit: NV2 (page
 * stores), registers the CPU holds (VBAR_EL2 in VBAR_EL1 under VHE),
 * ZCR_EL2 (the guest's CPTR_EL2 in CPACR_EL1), computed ICH_* status,
 * the running timer's control; TPIDR_EL2, stored, is replayed.
 */
static void replay_refused(void **state)
{
	struct vel2_fast_replay rp;
	struct vel2_vcpu *v = hyp(true, false);

	assert_true(offer_mrs(v, enc_of(ID(TPIDR_EL2))));
	assert_true(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	assert_ptr_equal(rp.src, &vel2_stored(&fast_vcpu.regs, TPIDR_EL2));
	assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
	assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	for (unsigned int e2h = 0; e2h < 2; e2h++) {
		v = hyp(e2h, false);
		wr(ID(CPTR_EL2), e2h ? VEL2_CPACR_FPEN | VEL2_CPACR_ZEN : 0);
		v->sve_open = true; /* else refused already (sve_lazy.c) */
		entered(v);
		assert_true(offer_mrs(v, enc_of(ID(ZCR_EL2))));
		assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	}
	v = hyp(true, false);
	if (offer_mrs(v, enc_of(ID(ICH_MISR_EL2))))
		assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	if (offer_mrs(v, enc_of(ID(CNTP_CTL_EL0))))
		assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	for (unsigned int e2h = 0; e2h < 2; e2h++) {
		v = hyp(e2h, true);
		assert_true(offer_mrs(v, enc_of(ID(VBAR_EL2))));
		assert_false(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	}
}

/*
 * A trapped instruction vel2 completes leaves PSTATE as the instruction
 * would: software step moves on (SPSR.SS clear, so a stepping guest takes
 * its step exception before the next instruction) and, in AArch64,
 * PSTATE.BTYPE is 0b00 (include/vel2/trap.h vel2_psr_completed). The
 * generic path, the fast path (offer() compares the two) and the host's
 * vel2_exit_skip() all clear them; the replay, whose ERET keeps the SPSR,
 * does not take an exit with either set.
 */
static void completion_clears_ss_btype(void **state)
{
	const u64 set = VEL2_PSR_SS | VEL2_FIELD_PREP(VEL2_PSR_BTYPE, 1);
	struct vel2_vcpu *v = hyp(true, false);
	struct vel2_exit e =
		exit_rec(v, esr_of_enc(enc_of(ID(TPIDR_EL2)), 5, true));
	struct vel2_fast_replay rp;
	u64 want_it;

	e.spsr |= set;
	assert_true(offer(v, e));
	assert_int_equal(fast_exit.spsr & set, 0);
	assert_int_equal(fast_exit.spsr, e.spsr & ~set);
	assert_int_equal(fast_exit.elr, PC + 4);
	/* The recipe must not match the same MRS with SS or BTYPE set. */
	assert_true(vel2_fast_replay(&fast_vcpu, &fast_exit, &rp));
	assert_int_equal(rp.spsr_mask & set, set);
	assert_int_equal(rp.spsr_val & set, 0);
	assert_int_not_equal(e.spsr & rp.spsr_mask, rp.spsr_val);
	assert_int_equal((e.spsr & ~set) & rp.spsr_mask, rp.spsr_val);

	/* The host's skip: AArch64. */
	e = exit_rec(v, esr_of_enc(enc_of(ID(TPIDR_EL2)), 5, true));
	assert_int_equal(vel2_esr_decode(e.esr, &e.syn), 0);
	e.spsr |= set;
	vel2_exit_skip(&e);
	assert_int_equal(e.spsr & set, 0);
	assert_int_equal(e.elr, PC + 4);
	/* AArch32 T32 in an IT block (IT = 0b00000110 ... as bits [15:10]
	 * and [26:25]): SS cleared, the IT state advanced, not cleared as
	 * a BTYPE would be. */
	e.spsr = VEL2_PSR_M_32 | VEL2_PSR32_T | VEL2_PSR_SS | 0x10 |
		 VEL2_FIELD_PREP(VEL2_PSR32_IT_LO, 0x01) |
		 VEL2_FIELD_PREP(VEL2_PSR32_IT_HI, 0x2);
	want_it = vel2_psr_it_advance(e.spsr) & ~VEL2_PSR_SS;
	vel2_exit_skip(&e);
	assert_int_equal(e.spsr, want_it);
	assert_int_not_equal(e.spsr & VEL2_PSR32_IT_LO, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_mrs_matches_generic),
		cmocka_unit_test(plain_registers_taken),
		cmocka_unit_test(every_msr_matches_generic),
		cmocka_unit_test(timer_writes_taken),
		cmocka_unit_test(writes_refused),
		cmocka_unit_test(special_encodings_refused),
		cmocka_unit_test(other_classes_refused),
		cmocka_unit_test(l2_and_vel0_refused),
		cmocka_unit_test(other_spsr_refused),
		cmocka_unit_test(nv2_page_stores),
		cmocka_unit_test(nv2_maint_level_stores),
		cmocka_unit_test(hwcfg_reads_no_other_page_slot),
		cmocka_unit_test(hidden_mdscr_refused),
		cmocka_unit_test(replay_matches_fast_path),
		cmocka_unit_test(replay_refused),
		cmocka_unit_test(completion_clears_ss_btype),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
