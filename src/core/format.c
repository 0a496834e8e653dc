// SPDX-License-Identifier: MIT
/*
 * Register formats whose layout depends on the guest hypervisor's virtual
 * HCR_EL2.E2H, and their translation into the EL1 register that holds them
 * while the guest runs at vEL2 (physical EL1).
 *
 * Field names and positions are those of the Arm ARM (DDI 0487), chapter
 * D24.2 register descriptions: SCTLR_EL2, SCTLR_EL1, TCR_EL2, TCR_EL1,
 * CPTR_EL2, CPACR_EL1, TTBR0_EL2, TTBR0_EL1, CNTHCTL_EL2, CNTKCTL_EL1.
 *
 * Two rules drive every mask below:
 *  - sanitise only forces bits that are RES0/RES1 *unconditionally* in the
 *    layout in force. A bit that is RES1 only "when FEAT_x is not
 *    implemented" is left to the guest: forcing it would change behaviour
 *    on a CPU that has FEAT_x.
 *  - to_el1 keeps a field only when the EL1 register has the same field at
 *    the same position with the same meaning; every EL1-only field takes the
 *    value that makes physical EL1 behave as EL2 would.
 */
#include <vel2/arch.h>
#include <vel2/format.h>

#define B(n) VEL2_BIT(n)
#define M(h, l) VEL2_GENMASK(h, l)

/* ---- SCTLR_EL2 ---------------------------------------------------------- */

/*
 * SCTLR_EL2 when HCR_EL2.E2H == 0: bits that are RES1 whatever the features
 * (their fields only exist when HCR_EL2.{E2H,TGE} == {1,1}):
 * SA0[4], CP15BEN[5], nTWI[16], nTWE[18], SPAN[23], nTLSMD[28], LSMAOE[29].
 * EOS[11] and EIS[22] are RES1 only without FEAT_ExS, so they are not forced.
 */
#define SCTLR_EL2_NVHE_RES1 \
	(B(4) | B(5) | B(16) | B(18) | B(23) | B(28) | B(29))

/*
 * SCTLR_EL2 when HCR_EL2.E2H == 0 (!ELIsInHost(EL2)): bits whose fields exist
 * only when ELIsInHost(EL2), so they are "Otherwise, RES0": ITD[7], SED[8],
 * EnRCTX[10], DZE[14], UCT[15], TSCXT[20], UCI[26], CMOW[32], MSCEn[33],
 * EnFPM[34], BT0[35], TCF0[39:38], ATA0[42], TWEDEn[45], TWEDEL[49:46],
 * EnASR[54], EnAS0[55], EnALS[56], EPAN[57], TCSO0[58], EnTP2[60],
 * TIDCP[63]; and bits 9, 17 and 53:50, RES0 in both layouts.
 * E0E[24] is not forced: it is RES1 when only FEAT_BigEndEL0 is implemented.
 */
#define SCTLR_EL2_NVHE_RES0                                         \
	(M(10, 7) | M(15, 14) | B(17) | B(20) | B(26) | M(35, 32) | \
	 M(39, 38) | B(42) | M(58, 45) | B(60) | B(63))

/*
 * SCTLR_EL2 when HCR_EL2.E2H == 1 (the SCTLR_EL1 layout): bits 9, 17 and
 * 53:50 are RES0 (SCTLR_EL2 has no UMA: EL0 DAIF access is not offered in
 * the EL2&0 regime). Every other bit is a field or RES1/RES0 depending on
 * features.
 */
#define SCTLR_EL2_VHE_RES0 (B(9) | B(17) | M(53, 50))

/*
 * Fields of SCTLR_EL2 (E2H == 0) that SCTLR_EL1 has at the same position
 * with the same meaning for its own EL: M[0], A[1], C[2], SA[3], nAA[6],
 * EOS[11], I[12], EnDB[13], WXN[19], IESB[21], EIS[22], EE[25], EnDA[27],
 * EnIB[30], EnIA[31], BT[36] (BT1 in SCTLR_EL1), ITFSB[37], TCF[41:40],
 * ATA[43], DSSBS[44], TCSO[59], NMI[61], SPINTMASK[62]. E0E[24] is passed
 * through too: it only matters at EL0, and where it is RES1 (FEAT_BigEndEL0
 * only) it is RES1 in SCTLR_EL1 as well.
 */
#define SCTLR_EL2_NVHE_KEEP                                                   \
	(M(3, 0) | B(6) | M(13, 11) | B(19) | M(22, 21) | M(25, 24) | B(27) | \
	 M(31, 30) | M(37, 36) | M(41, 40) | M(44, 43) | B(59) | M(62, 61))

/*
 * SCTLR_EL1 fields that have no EL2 (E2H == 0) counterpart, set to the value
 * under which EL1 behaves as nVHE EL2 does:
 *  - SPAN[23] = 1: an exception taken to nVHE EL2 never sets PSTATE.PAN
 *    (there is no PAN at EL2 with E2H == 0), so EL1 must not set it either.
 *  - SA0[4], nTWI[16], nTWE[18], TSCXT[20], nTLSMD[28], LSMAOE[29] = 1: EL0
 *    controls; 1 is their value when the control is not implemented (RES1
 *    in SCTLR_EL1) and is valid when it is. No EL0 code runs under an nVHE
 *    guest hypervisor's translation regime.
 * Every other EL1-only field (EL0 controls, EPAN, ...) is 0, its "no
 * extra behaviour" value.
 */
#define SCTLR_EL1_AS_NVHE_EL2 \
	(B(4) | B(16) | B(18) | B(20) | B(23) | B(28) | B(29))

/* ---- TCR_EL2 ------------------------------------------------------------ */

/* TCR_EL2 when HCR_EL2.E2H == 0: RES1 bits 31 and 23. */
#define TCR_EL2_NVHE_RES1 (B(31) | B(23))
/* TCR_EL2 when HCR_EL2.E2H == 0: RES0 bits 7:6, 19 and 63:34. */
#define TCR_EL2_NVHE_RES0 (M(7, 6) | B(19) | M(63, 34))
/* TCR_EL2 when E2H == 1 (the TCR_EL1 layout): RES0 bits 6, 35 and 63:62. */
#define TCR_EL2_VHE_RES0 (B(6) | B(35) | M(63, 62))

/* TCR_EL2 (E2H == 0) fields. */
#define TCR_EL2_T0SZ M(5, 0)
#define TCR_EL2_IRGN0 M(9, 8)
#define TCR_EL2_ORGN0 M(11, 10)
#define TCR_EL2_SH0 M(13, 12)
#define TCR_EL2_TG0 M(15, 14)
#define TCR_EL2_PS M(18, 16)
#define TCR_EL2_TBI B(20)
#define TCR_EL2_HA B(21)
#define TCR_EL2_HD B(22)
#define TCR_EL2_HPD B(24)
#define TCR_EL2_HWU M(28, 25) /* HWU59..HWU62 */
#define TCR_EL2_TBID B(29)
#define TCR_EL2_TCMA B(30)
#define TCR_EL2_DS B(32)
#define TCR_EL2_MTX B(33)

/* TCR_EL1 fields: VEL2_TCR_* in <vel2/arch.h>. */

static u64 move(u64 val, u64 from, u64 to)
{
	return VEL2_FIELD_PREP(to, VEL2_FIELD_GET(from, val));
}

/*
 * nVHE EL2 has a single VA range translated through TTBR0_EL2, so EL1 walks
 * TTBR0_EL1 with the same geometry and never TTBR1_EL1 (EPD1 = 1). The
 * TTBR0 half of TCR_EL1 keeps T0SZ..TG0 in place; the rest move.
 */
static u64 tcr_el2_nvhe_to_el1(u64 v)
{
	u64 r = v & (TCR_EL2_T0SZ | TCR_EL2_IRGN0 | TCR_EL2_ORGN0 |
		     TCR_EL2_SH0 | TCR_EL2_TG0);

	r |= VEL2_TCR_EPD1;
	r |= move(v, TCR_EL2_PS, VEL2_TCR_IPS);
	r |= move(v, TCR_EL2_TBI, VEL2_TCR_TBI0);
	r |= move(v, TCR_EL2_HA, VEL2_TCR_HA);
	r |= move(v, TCR_EL2_HD, VEL2_TCR_HD);
	r |= move(v, TCR_EL2_HPD, VEL2_TCR_HPD0);
	r |= move(v, TCR_EL2_HWU, VEL2_TCR_HWU0);
	r |= move(v, TCR_EL2_TBID, VEL2_TCR_TBID0);
	r |= move(v, TCR_EL2_TCMA, VEL2_TCR_TCMA0);
	r |= move(v, TCR_EL2_DS, VEL2_TCR_DS);
	r |= move(v, TCR_EL2_MTX, VEL2_TCR_MTX0);
	/*
	 * A1 = 0, AS = 0: the ASID comes from TTBR0_EL1, whose ASID field the
	 * TTBR0_EL2 translation zeroes, so every entry is tagged ASID 0.
	 */
	return r;
}

/* ---- CPTR_EL2 ----------------------------------------------------------- */

/*
 * CPTR_EL2 when HCR_EL2.E2H == 0: RES1 bits 7:0, 9 and 13; RES0 bit 11,
 * bits 19:14, 29:21 and 63:32. TZ[8] and TSM[12] are RES1 only without
 * FEAT_SVE / FEAT_SME, so they are not forced.
 */
#define CPTR_EL2_NVHE_RES1 (M(7, 0) | B(9) | B(13))
#define CPTR_EL2_NVHE_RES0 (B(11) | M(19, 14) | M(29, 21) | M(63, 32))

/*
 * CPTR_EL2 when HCR_EL2.E2H == 1 has the CPACR_EL1 layout plus TAM[30] and
 * TCPAC[31]: RES0 bits 15:0, 19:18, 23:22, 27:26 and 63:32.
 */
#define CPTR_EL2_VHE_RES0 \
	(M(15, 0) | M(19, 18) | M(23, 22) | M(27, 26) | M(63, 32))

/*
 * nVHE CPTR_EL2 trap bits are "1 traps"; the CPACR_EL1 enables are two-bit
 * "0b11 does not trap, 0b00 traps EL1 and EL0". A clear trap bit is 0b11.
 */
static u64 cptr_el2_nvhe_to_el1(u64 v)
{
	u64 r = 0;

	if (!(v & VEL2_CPTR_NVHE_TFP))
		r |= VEL2_CPACR_FPEN;
	if (!(v & VEL2_CPTR_NVHE_TZ))
		r |= VEL2_CPACR_ZEN;
	if (!(v & VEL2_CPTR_NVHE_TSM))
		r |= VEL2_CPACR_SMEN;
	r |= move(v, VEL2_CPTR_NVHE_TTA, VEL2_CPACR_TTA);
	/*
	 * TAM and TCPAC trap accesses from lower ELs (and TCPAC, EL1 accesses
	 * to CPACR_EL1): CPACR_EL1 has no such fields (bits 31:30 are RES0),
	 * so they are dropped here and emulated, if at all, by the trap code.
	 */
	return r;
}

/* CPTR_EL2 with E2H == 1: the CPACR_EL1 fields, without TAM/TCPAC. */
#define CPTR_EL2_VHE_TO_EL1                                                    \
	(VEL2_CPACR_ZEN | VEL2_CPACR_FPEN | VEL2_CPACR_SMEN | VEL2_CPACR_TTA | \
	 VEL2_CPACR_E0POE)

/* ---- TTBR0_EL2 ---------------------------------------------------------- */

/*
 * TTBR0_EL2 when HCR_EL2.E2H == 0: no ASID, bits 63:48 are RES0 (BADDR and
 * CnP[0] sit where TTBR0_EL1 has them). With E2H == 1 ASID[63:48] exists.
 */
#define TTBR0_EL2_NVHE_RES0 M(63, 48)

/* ---- CNTHCTL_EL2 -------------------------------------------------------- */

/*
 * CNTHCTL_EL2 when HCR_EL2.E2H == 0: EL1PCTEN[0], EL1PCEN[1], EVNTEN[2],
 * EVNTDIR[3], EVNTI[7:4]; bits 11:8 are RES0 (they hold EL0VTEN, EL0PTEN,
 * EL1PCTEN and EL1PTEN only when E2H == 1). Bits 12 and up (ECV, EL1TVT,
 * EL1TVCT, EL1NVPCT, EL1NVVCT, EVNTIS, CNTVMASK, CNTPMASK) are laid out
 * the same under both E2H values.
 */
#define CNTHCTL_EL2_NVHE_RES0 (M(63, 20) | M(11, 8))
/* CNTHCTL_EL2 when E2H == 1: bits 63:20 are RES0. */
#define CNTHCTL_EL2_VHE_RES0 M(63, 20)

/*
 * CNTKCTL_EL1: EL0PCTEN[0], EL0VCTEN[1], EVNTEN[2], EVNTDIR[3],
 * EVNTI[7:4], EL0VTEN[8], EL0PTEN[9], EVNTIS[17]. CNTHCTL_EL2 with E2H == 1
 * has exactly these fields at the same positions for the EL2&0 regime.
 */
#define CNTKCTL_EL1_FIELDS (M(9, 0) | B(17))
/* The event stream fields common to both CNTHCTL_EL2 layouts. */
#define CNTHCTL_EL2_EVNT (M(7, 2) | B(17))

/* ---- Dispatch ----------------------------------------------------------- */

u64 vel2_fmt_sanitise(enum vel2_fmt fmt, u64 val, bool e2h)
{
	switch (fmt) {
	case VEL2_FMT_SCTLR_EL2:
		if (e2h)
			return val & ~SCTLR_EL2_VHE_RES0;
		return (val & ~SCTLR_EL2_NVHE_RES0) | SCTLR_EL2_NVHE_RES1;
	case VEL2_FMT_TCR_EL2:
		if (e2h)
			return val & ~TCR_EL2_VHE_RES0;
		return (val & ~TCR_EL2_NVHE_RES0) | TCR_EL2_NVHE_RES1;
	case VEL2_FMT_CPTR_EL2:
		if (e2h)
			return val & ~CPTR_EL2_VHE_RES0;
		return (val & ~CPTR_EL2_NVHE_RES0) | CPTR_EL2_NVHE_RES1;
	case VEL2_FMT_TTBR0_EL2:
		return e2h ? val : val & ~TTBR0_EL2_NVHE_RES0;
	case VEL2_FMT_CNTHCTL_EL2:
		return val &
		       ~(e2h ? CNTHCTL_EL2_VHE_RES0 : CNTHCTL_EL2_NVHE_RES0);
	case VEL2_FMT_NONE:
	case VEL2_NR_FMTS:
		break;
	}
	return val;
}

u64 vel2_fmt_to_el1(enum vel2_fmt fmt, u64 val, bool e2h)
{
	switch (fmt) {
	case VEL2_FMT_SCTLR_EL2:
		if (e2h)
			return val;
		return (val & SCTLR_EL2_NVHE_KEEP) | SCTLR_EL1_AS_NVHE_EL2;
	case VEL2_FMT_TCR_EL2:
		return e2h ? val : tcr_el2_nvhe_to_el1(val);
	case VEL2_FMT_CPTR_EL2:
		return e2h ? val & CPTR_EL2_VHE_TO_EL1 :
			     cptr_el2_nvhe_to_el1(val);
	case VEL2_FMT_TTBR0_EL2:
		return e2h ? val : val & ~TTBR0_EL2_NVHE_RES0;
	case VEL2_FMT_CNTHCTL_EL2:
		/*
		 * Only a VHE guest hypervisor has CNTHCTL_EL2 held in
		 * CNTKCTL_EL1: its EL0 controls are CNTKCTL_EL1's. The EL1*
		 * and ECV controls configure the traps of a nested guest and
		 * are emulated from the stored copy. For E2H == 0 (not used
		 * by the mapping) only the event stream has an EL1 meaning.
		 */
		return val & (e2h ? CNTKCTL_EL1_FIELDS : CNTHCTL_EL2_EVNT);
	case VEL2_FMT_NONE:
	case VEL2_NR_FMTS:
		break;
	}
	return val;
}

/*
 * Only CNTHCTL_EL2 of a VHE guest hypervisor: at vEL2 its CNTKCTL_EL1
 * accesses mean CNTHCTL_EL2 (E2H redirection) and reach the physical
 * CNTKCTL_EL1, for which no trap control exists (not in HCR_EL2.TVM/TRVM
 * nor HFGRTR_EL2). The CNTKCTL_EL1 fields are therefore live; the EL2-only
 * ones (EL1PCTEN[10], EL1PCEN[11], ECV controls) are RES0 in CNTKCTL_EL1,
 * so a guest write of them through that encoding cannot be seen by vel2:
 * they keep the value last written through CNTHCTL_EL2 (a known limit of
 * NV without NV2, docs/design.md). CPACR_EL1, which holds CPTR_EL2, traps
 * in both hyp contexts (CPTR_EL2.TCPAC), so CPTR_EL2 needs no mask.
 */
u64 vel2_fmt_direct_mask(enum vel2_fmt fmt, bool e2h)
{
	if (fmt == VEL2_FMT_CNTHCTL_EL2 && e2h)
		return CNTKCTL_EL1_FIELDS;
	return 0;
}

bool vel2_fmt_is_identity(enum vel2_fmt fmt, bool e2h)
{
	switch (fmt) {
	case VEL2_FMT_SCTLR_EL2:
	case VEL2_FMT_TCR_EL2:
	case VEL2_FMT_TTBR0_EL2:
		return e2h;
	case VEL2_FMT_CPTR_EL2:
	case VEL2_FMT_CNTHCTL_EL2:
		return false;
	case VEL2_FMT_NONE:
	case VEL2_NR_FMTS:
		break;
	}
	return true;
}
