// SPDX-License-Identifier: MIT
/*
 * Self-hosted debug of the guest hypervisor's own code at vEL2 (Arm ARM D2
 * "AArch64 Self-hosted Debug"). Debug exceptions target EL_D = EL2 when
 * MDCR_EL2.TDE = 1 or HCR_EL2.TGE = 1, else EL1; at EL_D itself they are
 * enabled by MDSCR_EL1.KDE with PSTATE.D = 0, and never at an EL above
 * EL_D (AArch64.GenerateDebugExceptionsFrom). vEL2 runs at physical EL1,
 * which is the hardware's EL_D (vel2 leaves the physical TDE clear there),
 * so the CPU applies the KDE/D rule to vEL2 code: right when the guest's
 * EL_D is EL2, wrong when it is EL1, where natively no breakpoint,
 * watchpoint or software step (nor its active-pending state) can happen at
 * EL2. So at vEL2 with the guest's TDE = TGE = 0 the physical MDSCR_EL1
 * runs with KDE clear.
 *
 * Where the guest reads MDSCR_EL1 from the CPU (NV without NV2: the
 * register is SHARED, live), the read must not see that: the cleared bit
 * is remembered (vcpu->mdscr_hidden), the guest's MDSCR_EL1 accesses trap
 * through the fine-grained traps (HDFGRTR_EL2/HDFGWTR_EL2.MDSCR_EL1 [4],
 * FEAT_FGT) while it is, and every exit puts it back first
 * (vel2_debug_exit), so the accessors always see the guest's value. Under
 * NV2 the guest's MDSCR_EL1 is its VNCR page slot (0x158), which it
 * stores to without a trap: the physical register is written from it
 * before every entry, filtered, so its own debug controls apply to its
 * own code at vEL2 from its next exit on (docs/design.md, "NV2").
 *
 * vel2_debug_config() only computes: what the CPU's MDSCR_EL1 and
 * DBGBCR/DBGWCR must hold goes into struct vel2_hwcfg, and the host writes
 * it before entry with the rest of the configuration. The vCPU's
 * mdscr_hidden, dbg_xlat and dbg_ctl describe the CPU as it is once the
 * host has done so.
 *
 * Breakpoints and watchpoints match by Exception level (DBGBCR<n>_EL1/
 * DBGWCR<n>_EL1 HMC [13], SSC [15:14], PMC/PAC [2:1]; Arm ARM D2
 * "Breakpoint and watchpoint state-matching"): the CPU compares its own
 * EL, physical EL1 at vEL2. So while the guest is in hyp context with
 * MDSCR_EL1.MDE set (breakpoints and watchpoints enabled at all), the CPU
 * holds translations: "matches at EL2" becomes "matches at EL1", "at
 * EL0" stays, EL1 matching is dropped (no vEL1 code runs in hyp context).
 * The guest's own values are kept in vcpu->dbg_ctl and its accesses to
 * them trap through the fine-grained traps (HDFGRTR/HDFGWTR_EL2
 * DBGBCRn_EL1 [0], DBGWCRn_EL1 [2]; writes always in hyp context, so a
 * new value is translated at once). Their values are taken from the CPU
 * when the translation starts (L2 writes them untrapped) and put back
 * when it ends.
 */
#include <vel2/accessors.h>
#include <vel2/features.h>
#include <vel2/hw.h>
#include <vel2/hwcfg.h>

void vel2_debug_exit(struct vel2_vcpu *vcpu)
{
	if (vcpu->mdscr_hidden) {
		vel2_hw_write(VEL2_SYSREG_MDSCR_EL1,
			      vel2_hw_read(VEL2_SYSREG_MDSCR_EL1) |
				      vcpu->mdscr_hidden);
		vcpu->mdscr_hidden = 0;
	}
}

/* The guest's EL_D is EL1 while it runs at vEL2: KDE must not act. */
static bool kde_off(const struct vel2_vcpu *vcpu)
{
	return vel2_vcpu_el(vcpu) == 2 &&
	       !(vel2_stored(&vcpu->regs, MDCR_EL2) & VEL2_MDCR_TDE) &&
	       !(vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE);
}

u64 vel2_debug_xlat(u64 ctl)
{
	/* SSC = 0b10 is Secure state only: the guest has none. */
	bool ns = VEL2_FIELD_GET(VEL2_DBGxCR_SSC, ctl) != 2;
	u64 pmc = 0;

	if (ns && (ctl & VEL2_DBGxCR_HMC))
		pmc |= 1; /* EL2 -> the CPU's EL1 */
	if (ns && (VEL2_FIELD_GET(VEL2_DBGxCR_PMC, ctl) & 2))
		pmc |= 2; /* EL0 */
	ctl &= ~(VEL2_DBGxCR_PMC | VEL2_DBGxCR_HMC | VEL2_DBGxCR_SSC);
	if (!pmc)
		ctl &= ~VEL2_DBGxCR_E;
	return ctl | VEL2_FIELD_PREP(VEL2_DBGxCR_PMC, pmc);
}

/* ID_AA64DFR0_EL1.BRPs [15:12] / WRPs [23:20]: the number minus 1. */
static unsigned int nr_ctl(const struct vel2_vcpu *vcpu, unsigned int kind)
{
	u64 dfr0 = vel2_stored(&vcpu->regs, ID_AA64DFR0_EL1);

	return (unsigned int)VEL2_FIELD_GET(kind == VEL2_HW_DBG_BCR ?
						    VEL2_GENMASK(15, 12) :
						    VEL2_GENMASK(23, 20),
					    dfr0) +
	       1;
}

u64 vel2_debug_ctl_read(struct vel2_vcpu *vcpu, unsigned int kind,
			unsigned int n)
{
	if (kind > 1 || n >= 16)
		return 0;
	return vcpu->dbg_xlat ? vcpu->dbg_ctl[kind][n] :
				vel2_hw_dbg_read(kind, n);
}

void vel2_debug_ctl_write(struct vel2_vcpu *vcpu, unsigned int kind,
			  unsigned int n, u64 v)
{
	if (kind > 1 || n >= 16)
		return;
	/* Through the CPU first: it keeps the bits it implements. */
	vel2_hw_dbg_write(kind, n, v);
	if (!vcpu->dbg_xlat)
		return;
	v = vel2_hw_dbg_read(kind, n);
	vcpu->dbg_ctl[kind][n] = v;
	if (vel2_debug_xlat(v) != v)
		vel2_hw_dbg_write(kind, n, vel2_debug_xlat(v));
}

static void ctl_config(struct vel2_vcpu *vcpu, u64 mdscr,
		       struct vel2_hwcfg *cfg)
{
	bool hyp = vel2_is_hyp_ctxt(vcpu);
	bool want = hyp && (mdscr & VEL2_MDSCR_MDE);
	unsigned int kind, n;

	if (want != vcpu->dbg_xlat) {
		for (kind = 0; kind < 2; kind++) {
			for (n = 0; n < nr_ctl(vcpu, kind) && n < 16; n++) {
				u64 *own = &vcpu->dbg_ctl[kind][n];

				if (want)
					*own = vel2_hw_dbg_read(kind, n);
				if (vel2_debug_xlat(*own) == *own)
					continue;
				cfg->dbg[kind][n] =
					want ? vel2_debug_xlat(*own) : *own;
				cfg->dbg_write[kind] |= (u16)(1u << n);
			}
		}
		vcpu->dbg_xlat = want;
	}
	if (hyp)
		cfg->fgt[4] |= VEL2_HDFGxTR_DBGBCR | VEL2_HDFGxTR_DBGWCR;
	if (vcpu->dbg_xlat)
		cfg->fgt[3] |= VEL2_HDFGxTR_DBGBCR | VEL2_HDFGxTR_DBGWCR;
}

void vel2_debug_config(struct vel2_vcpu *vcpu, struct vel2_hwcfg *cfg)
{
	u64 hidden = vcpu->mdscr_hidden, mdscr = 0;

	cfg->mdscr_valid = false;
	cfg->mdscr = 0;
	cfg->dbg_write[0] = cfg->dbg_write[1] = 0;
	if (!vel2_vcpu_loaded(vcpu))
		return;
	/*
	 * The guest's value, even without an exit since the last entry:
	 * the CPU's (NV) lacks what vel2 hid in it (never under NV2, where
	 * it is the page's).
	 */
	vel2_read_sysreg(vcpu, VEL2_SYSREG_MDSCR_EL1, &mdscr);
	mdscr |= hidden;
	vcpu->mdscr_hidden = 0;
	/* Without FEAT_FGT the guest would read the changes: none. */
	if (vel2_has_feat(vcpu, VEL2_FEAT_FGT))
		ctl_config(vcpu, mdscr, cfg);
	if (vel2_place_is_nv2(vcpu->placement)) {
		cfg->mdscr_valid = true;
		cfg->mdscr = kde_off(vcpu) ? mdscr & ~VEL2_MDSCR_KDE : mdscr;
		return;
	}
	if (kde_off(vcpu) && vel2_has_feat(vcpu, VEL2_FEAT_FGT) &&
	    (mdscr & VEL2_MDSCR_KDE)) {
		cfg->mdscr_valid = true;
		cfg->mdscr = mdscr & ~VEL2_MDSCR_KDE;
		vcpu->mdscr_hidden = VEL2_MDSCR_KDE;
		cfg->fgt[3] |= VEL2_HDFGxTR_MDSCR;
		cfg->fgt[4] |= VEL2_HDFGxTR_MDSCR;
	} else if (hidden) {
		/* Hidden at the last entry, not now: the guest's value. */
		cfg->mdscr_valid = true;
		cfg->mdscr = mdscr;
	}
}
