// SPDX-License-Identifier: MIT
/*
 * Register bits that are RES0 because the guest's CPU lacks a feature.
 *
 * A field "When FEAT_x is implemented ... Otherwise, RES0" (Arm ARM D24.2
 * register descriptions) reads as 0 on a CPU without FEAT_x, and vel2's
 * guest has the CPU its stored ID registers describe (vel2_id_sanitise
 * hides FEAT_NV/NV2 and SME). The catalog's res0 column only holds bits
 * that are RES0 whatever the features; these are the rest, for the
 * registers whose feature-dependent bits the hardware masks (QEMU does, so
 * the sweep guest sees a difference otherwise). Applied to every MSR vel2
 * emulates (sysreg_trap.c); NV2 stores to the VNCR page bypass it
 * (docs/design.md, "Known limits").
 *
 * One row per (field, feature): the field's bits are kept if some row
 * naming them has its ID register field >= min; bits a register's rows
 * name and no row keeps are cleared. id == NEVER: a feature vel2 never
 * offers, or an IMPLEMENTATION DEFINED bit it does not implement.
 */
#include "handlers.h"

#define NEVER VEL2_NR_SYSREGS

/*
 * The rows of one register. vel2_feat_res0() runs on every MSR vel2
 * emulates: it looks at the register's own rows only (a scan of all of
 * them was ~65 translation blocks of every such exit under QEMU's TCG).
 */
struct feat_row {
	u16 id; /* ID register, or NEVER */
	u8 lo; /* ID field [lo + 3 : lo] */
	u8 min;
	u64 bits;
};

#define ROW(b, idreg, l, m)                    \
	{                                      \
		VEL2_SYSREG_##idreg, l, m, (b) \
	}
#define NEVER_ROW(b)             \
	{                        \
		NEVER, 0, 0, (b) \
	}

/* HCR_EL2 (D24.2.x "HCR_EL2", field descriptions). */
static const struct feat_row hcr_el2[] = {
	ROW(VEL2_BIT(34), ID_AA64MMFR1_EL1, 8, 1), /* E2H: VHE */
	ROW(VEL2_BIT(35), ID_AA64MMFR1_EL1, 16, 1), /* TLOR: LOR */
	ROW(VEL2_GENMASK(37, 36), ID_AA64PFR0_EL1, 28, 1), /* RAS */
	NEVER_ROW(VEL2_BIT(38)), /* MIOCNV: IMPLEMENTATION DEFINED */
	/* NV, NV1, AT: FEAT_NV; NV2: FEAT_NV2 (hidden by vel2). */
	ROW(VEL2_GENMASK(44, 42), ID_AA64MMFR2_EL1, 24, 1),
	ROW(VEL2_BIT(45), ID_AA64MMFR2_EL1, 24, 2),
	ROW(VEL2_BIT(46), ID_AA64MMFR2_EL1, 40, 1), /* FWB */
	/* FIEN: FEAT_RASv1p1 (RAS >= 2, or RAS_frac >= 1). */
	ROW(VEL2_BIT(47), ID_AA64PFR0_EL1, 28, 2),
	ROW(VEL2_BIT(47), ID_AA64PFR1_EL1, 12, 1),
	ROW(VEL2_BIT(48), ID_AA64PFR0_EL1, 52, 1), /* GPF: RME */
	/* TID4, TICAB, TOCU: FEAT_EVT; TTLBIS, TTLBOS: EVT >= 2. */
	ROW(VEL2_BIT(49) | VEL2_BIT(50) | VEL2_BIT(52), ID_AA64MMFR2_EL1, 56,
	    1),
	ROW(VEL2_GENMASK(55, 54), ID_AA64MMFR2_EL1, 56, 2),
	ROW(VEL2_BIT(51), ID_AA64PFR0_EL1, 44, 2), /* AMVOFFEN */
	/* EnSCXT: FEAT_CSV2_2 (CSV2 >= 2) or FEAT_CSV2_1p2 (frac >= 2). */
	ROW(VEL2_BIT(53), ID_AA64PFR0_EL1, 56, 2),
	ROW(VEL2_BIT(53), ID_AA64PFR1_EL1, 32, 2),
	/* ATA, DCT, TID5: FEAT_MTE2. */
	ROW(VEL2_GENMASK(58, 56), ID_AA64PFR1_EL1, 8, 2),
	/* TWEDEn, TWEDEL: FEAT_TWED. */
	ROW(VEL2_GENMASK(63, 59), ID_AA64MMFR1_EL1, 32, 1),
};

/* HCRX_EL2 (D24.2.x "HCRX_EL2"). */
static const struct feat_row hcrx_el2[] = {
	ROW(VEL2_GENMASK(2, 0), ID_AA64ISAR1_EL1, 60, 1), /* LS64 */
	ROW(VEL2_GENMASK(4, 3), ID_AA64ISAR1_EL1, 56, 1), /* XS */
	/* SMPME: FEAT_SME, which vel2 hides. */
	NEVER_ROW(VEL2_BIT(5)),
	/* TALLINT, VINMI, VFNMI: FEAT_NMI. */
	ROW(VEL2_GENMASK(8, 6), ID_AA64PFR1_EL1, 36, 1),
	ROW(VEL2_BIT(9), ID_AA64MMFR1_EL1, 56, 1), /* CMOW */
	ROW(VEL2_GENMASK(11, 10), ID_AA64ISAR2_EL1, 16, 1), /* MOPS */
	ROW(VEL2_BIT(14), ID_AA64MMFR3_EL1, 0, 1), /* TCR2En */
	ROW(VEL2_BIT(15), ID_AA64MMFR3_EL1, 4, 1), /* SCTLR2En */
	ROW(VEL2_BIT(16), ID_AA64PFR1_EL1, 48, 1), /* PTTWI: THE */
	ROW(VEL2_BIT(17), ID_AA64MMFR3_EL1, 32, 1), /* D128En */
	ROW(VEL2_BIT(22), ID_AA64PFR1_EL1, 44, 1), /* GCSEn */
	ROW(VEL2_BIT(23), ID_AA64PFR2_EL1, 32, 1), /* EnFPM */
	/* EnSNERR, TMEA, EnSDERR, EnIDCP128, PACMEn: features vel2 does
	 * not model (ADERR/ANERR, DoubleFault2, SYSREG128, PAuth_LR). */
	NEVER_ROW(VEL2_GENMASK(21, 18) | VEL2_BIT(24)),
};

/*
 * SCTLR_EL1 (D24.2.x "SCTLR_EL1"): the FEAT_MTE2 controls TCF0[39:38],
 * TCF[41:40], ATA0[42], ATA[43] and ITFSB[37]. The register is stored
 * while an nVHE guest hypervisor runs at vEL2. SCTLR_EL2: the same
 * FEAT_MTE2 fields, TCF[41:40], ATA[43], ITFSB[37] (and TCF0, ATA0 with
 * E2H=1).
 */
static const struct feat_row sctlr_mte[] = {
	ROW(VEL2_GENMASK(43, 37), ID_AA64PFR1_EL1, 8, 2),
};

/* CNTHCTL_EL2: CNTVMASK[18], CNTPMASK[19] need FEAT_RME. */
static const struct feat_row cnthctl_el2[] = {
	ROW(VEL2_GENMASK(19, 18), ID_AA64PFR0_EL1, 52, 1),
};

#define ROWS(r, a)                       \
	case VEL2_SYSREG_##r:            \
		*n = VEL2_ARRAY_SIZE(a); \
		return a

/* The rows of `reg`, *n of them; none for most registers. */
static const struct feat_row *rows_of(unsigned int reg, size_t *n)
{
	switch (reg) {
		ROWS(HCR_EL2, hcr_el2);
		ROWS(HCRX_EL2, hcrx_el2);
		ROWS(SCTLR_EL1, sctlr_mte);
		ROWS(SCTLR_EL2, sctlr_mte);
		ROWS(CNTHCTL_EL2, cnthctl_el2);
	default:
		*n = 0;
		return NULL;
	}
}

static bool row_holds(const struct vel2_vcpu *vcpu, const struct feat_row *r)
{
	u64 idv;

	if (r->id == NEVER)
		return false;
	idv = *(const u64 *)((const char *)&vcpu->regs +
			     vel2_sysreg_info[r->id].slot);
	return ((idv >> r->lo) & 0xf) >= r->min;
}

u64 vel2_feat_res0(const struct vel2_vcpu *vcpu, unsigned int reg)
{
	u64 named = 0, kept = 0;
	size_t n;
	const struct feat_row *rows = rows_of(reg, &n);

	for (size_t i = 0; i < n; i++) {
		named |= rows[i].bits;
		if (row_holds(vcpu, &rows[i]))
			kept |= rows[i].bits;
	}
	return named & ~kept;
}
