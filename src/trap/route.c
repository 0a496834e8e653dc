// SPDX-License-Identifier: MIT
/*
 * Routing of exits taken while the guest runs its own guest (vEL1, or vEL0
 * outside the EL2&0 regime): does the guest hypervisor's configuration --
 * its virtual HCR_EL2, MDCR_EL2, CPTR_EL2, HFGRTR/HFGWTR/HFGITR_EL2,
 * HDFGRTR/HDFGWTR_EL2 -- trap this to its EL2? If so, the exit is reflected to
 * vEL2 with the same syndrome, as the hardware would have delivered it there.
 *
 * Table driven: one row per (control bit, encoding pattern). The patterns
 * and bit positions are from each control's field description in the Arm
 * ARM (D24.2 "HCR_EL2", "MDCR_EL2", "HFGRTR_EL2", "HFGITR_EL2"). EL1
 * controls (SCTLR_EL1.UCI, ...) are not here: they have priority over EL2
 * traps and live in the physical EL1 registers while vEL1/vEL0 runs, so
 * the hardware applied them before the exit.
 */
#include "handlers.h"

/* Pattern helpers: all five fields, or some of them. */
#define E(op0, op1, crn, crm, op2) VEL2_SYS_ENC(op0, op1, crn, crm, op2)
#define M_ALL 0xffffu
#define M_NO_OP2 ((u16)~7u) /* any op2 */
#define M_NO_CRM_OP2 ((u16)~0x7fu) /* any CRm, op2 */
#define M_OP0_CRN (VEL2_SYS_ENC(3, 0, 15, 0, 0)) /* op0 and CRn */
#define M_OP1 (VEL2_SYS_ENC(0, 7, 0, 0, 0)) /* op1 only */
#define M_ODD_OP2 ((u16)(~7u | 1u)) /* op2 odd */

enum {
	R_RD = 1, /* MRS (and SYSL) */
	R_WR = 2, /* MSR (and SYS) */
	R_RW = 3,
	R_EL0 = 4, /* also applies at EL0 (when not {E2H,TGE}={1,1}) */
	R_CLEAR = 8, /* traps when the bit is 0 (HCR_EL2.APK, nXXX) */
	R_WITH_NV = 16, /* only when HCR_EL2.NV is also 1 (NV1) */
	R_E2H1 = 32, /* only when the guest hypervisor's HCR_EL2.E2H is 1 */
	R_E2H0 = 64, /* only when it is 0 (the control's E2H=0 layout) */
};

struct route_rule {
	u16 ctl; /* catalog id of the control register */
	u8 bit;
	u8 flags;
	u8 feat; /* enum vel2_feat that must be present */
	u16 mask;
	u16 match;
};

/* `feat`: the feature's name after VEL2_FEAT_ (ANY, FGT, PAUTH, ...). */
#define RULE(ctl, bit, fl, feat, mask, match)                             \
	{                                                                 \
		VEL2_SYSREG_##ctl, bit, fl, VEL2_FEAT_##feat, mask, match \
	}
#define HCR(bit, fl, mask, match) RULE(HCR_EL2, bit, fl, ANY, mask, match)
/* An HCR_EL2 rule that only applies when the vCPU has feature `feat`. */
#define HCR_IF(bit, fl, feat, mask, match) \
	RULE(HCR_EL2, bit, fl, feat, mask, match)
#define MDCR(bit, fl, mask, match) RULE(MDCR_EL2, bit, fl, ANY, mask, match)
#define FGR(bit, fl, mask, match) \
	RULE(HFGRTR_EL2, bit, (fl) | R_RD, FGT, mask, match)
#define FGW(bit, fl, mask, match) \
	RULE(HFGWTR_EL2, bit, (fl) | R_WR, FGT, mask, match)
/* A register HFGRTR and HFGWTR both control, at the same bit. */
#define FGRW(bit, fl, mask, match) \
	FGR(bit, fl, mask, match), FGW(bit, fl, mask, match)
#define FGI(bit, fl, mask, match) \
	RULE(HFGITR_EL2, bit, (fl) | R_RW, FGT, mask, match)

/* HCR_EL2 bit numbers, from the field masks in <vel2/arch.h>. */
enum {
	TACR = __builtin_ctzll(VEL2_HCR_TACR),
	TID1 = __builtin_ctzll(VEL2_HCR_TID1),
	TID2 = __builtin_ctzll(VEL2_HCR_TID2),
	TID3 = __builtin_ctzll(VEL2_HCR_TID3),
	TIDCP = __builtin_ctzll(VEL2_HCR_TIDCP),
	TSW = __builtin_ctzll(VEL2_HCR_TSW),
	TPC = __builtin_ctzll(VEL2_HCR_TPC),
	TPU = __builtin_ctzll(VEL2_HCR_TPU),
	TTLB = __builtin_ctzll(VEL2_HCR_TTLB),
	TVM = __builtin_ctzll(VEL2_HCR_TVM),
	TDZ = __builtin_ctzll(VEL2_HCR_TDZ),
	TRVM = __builtin_ctzll(VEL2_HCR_TRVM),
	TLOR = __builtin_ctzll(VEL2_HCR_TLOR),
	TERR = __builtin_ctzll(VEL2_HCR_TERR),
	APK = __builtin_ctzll(VEL2_HCR_APK),
	ENSCXT = __builtin_ctzll(VEL2_HCR_ENSCXT),
	NV = __builtin_ctzll(VEL2_HCR_NV),
	NV1 = __builtin_ctzll(VEL2_HCR_NV1),
	AT = __builtin_ctzll(VEL2_HCR_AT),
	TID4 = __builtin_ctzll(VEL2_HCR_TID4),
	TICAB = __builtin_ctzll(VEL2_HCR_TICAB),
	TOCU = __builtin_ctzll(VEL2_HCR_TOCU),
	TTLBIS = __builtin_ctzll(VEL2_HCR_TTLBIS),
	TTLBOS = __builtin_ctzll(VEL2_HCR_TTLBOS),
	ATA = __builtin_ctzll(VEL2_HCR_ATA),
	TID5 = __builtin_ctzll(VEL2_HCR_TID5),
};
/* MDCR_EL2 bit numbers, from <vel2/arch.h>; E2PB and E2TB trap EL1 when
 * their low bit is 0 (0b00, 0b10: Arm ARM D24.2 MDCR_EL2). */
enum {
	TPMCR = __builtin_ctzll(VEL2_MDCR_TPMCR),
	TPM = __builtin_ctzll(VEL2_MDCR_TPM),
	TDE = __builtin_ctzll(VEL2_MDCR_TDE),
	TDA = __builtin_ctzll(VEL2_MDCR_TDA),
	TDOSA = __builtin_ctzll(VEL2_MDCR_TDOSA),
	TDRA = __builtin_ctzll(VEL2_MDCR_TDRA),
	E2PB_LO = __builtin_ctzll(VEL2_MDCR_E2PB),
	TPMS = __builtin_ctzll(VEL2_MDCR_TPMS),
	TTRF = __builtin_ctzll(VEL2_MDCR_TTRF),
	E2TB_LO = __builtin_ctzll(VEL2_MDCR_E2TB),
	TDCC = __builtin_ctzll(VEL2_MDCR_TDCC),
};
/* CPTR_EL2 bit numbers (TTA moves with E2H) and CNTHCTL_EL2's (E2H=1
 * and E2H=0 layouts; ECV's in both), from <vel2/arch.h>. */
enum {
	TTA_NVHE = __builtin_ctzll(VEL2_CPTR_NVHE_TTA),
	TTA_VHE = __builtin_ctzll(VEL2_CPACR_TTA),
	TAM = __builtin_ctzll(VEL2_CPTR_TAM),
	TCPAC = __builtin_ctzll(VEL2_CPTR_TCPAC),
	EL1PCTEN_VHE = __builtin_ctzll(VEL2_CNTHCTL_E2H_EL1PCTEN),
	EL1PCEN_VHE = __builtin_ctzll(VEL2_CNTHCTL_E2H_EL1PCEN),
	EL1PCTEN_NVHE = __builtin_ctzll(VEL2_CNTHCTL_NVHE_EL1PCTEN),
	EL1PCEN_NVHE = __builtin_ctzll(VEL2_CNTHCTL_NVHE_EL1PCEN),
	EL1TVT = __builtin_ctzll(VEL2_CNTHCTL_EL1TVT),
	EL1TVCT = __builtin_ctzll(VEL2_CNTHCTL_EL1TVCT),
};

/* clang-format off */
/*
 * Registers and instructions the rules name that are not in the catalog
 * (sysregs.def): their encodings from the Arm ARM (each register's or
 * instruction's "Accessing" / encoding section). Catalog registers are
 * VEL2_ENC_<name> (<vel2/sysreg.h>).
 */
enum {
	ENC_IC_IALLUIS        = E(1, 0, 7, 1, 0),
	ENC_IC_IALLU          = E(1, 0, 7, 5, 0),
	ENC_DC_IVAC           = E(1, 0, 7, 6, 1),
	ENC_DC_ISW            = E(1, 0, 7, 6, 2),
	ENC_DC_IGSW           = E(1, 0, 7, 6, 4),
	ENC_DC_IGDSW          = E(1, 0, 7, 6, 6),
	ENC_AT_S1E1R          = E(1, 0, 7, 8, 0),
	ENC_AT_S1E1RP         = E(1, 0, 7, 9, 0),
	ENC_AT_S1E1WP         = E(1, 0, 7, 9, 1),
	ENC_AT_S1E1A          = E(1, 0, 7, 9, 2),
	ENC_DC_CSW            = E(1, 0, 7, 10, 2),
	ENC_DC_CGSW           = E(1, 0, 7, 10, 4),
	ENC_DC_CGDSW          = E(1, 0, 7, 10, 6),
	ENC_DC_CISW           = E(1, 0, 7, 14, 2),
	ENC_DC_CIGSW          = E(1, 0, 7, 14, 4),
	ENC_DC_CIGDSW         = E(1, 0, 7, 14, 6),
	ENC_DC_ZVA            = E(1, 3, 7, 4, 1),
	ENC_DC_GVA            = E(1, 3, 7, 4, 3),
	ENC_DC_GZVA           = E(1, 3, 7, 4, 4),
	ENC_IC_IVAU           = E(1, 3, 7, 5, 1),
	ENC_DC_CVAC           = E(1, 3, 7, 10, 1),
	ENC_DC_CVAU           = E(1, 3, 7, 11, 1),
	ENC_DC_CVAP           = E(1, 3, 7, 12, 1),
	ENC_DC_CVADP          = E(1, 3, 7, 13, 1),
	ENC_DC_CIVAC          = E(1, 3, 7, 14, 1),
	ENC_MDRAR_EL1         = E(2, 0, 1, 0, 0),
	ENC_OSLAR_EL1         = E(2, 0, 1, 0, 4),
	ENC_OSLSR_EL1         = E(2, 0, 1, 1, 4),
	ENC_OSDLR_EL1         = E(2, 0, 1, 3, 4),
	ENC_DBGPRCR_EL1       = E(2, 0, 1, 4, 4),
	ENC_DBGCLAIMSET_EL1   = E(2, 0, 7, 8, 6),
	ENC_DBGCLAIMCLR_EL1   = E(2, 0, 7, 9, 6),
	ENC_DBGAUTHSTATUS_EL1 = E(2, 0, 7, 14, 6),
	ENC_RGSR_EL1          = E(3, 0, 1, 0, 5),
	ENC_GCR_EL1           = E(3, 0, 1, 0, 6),
	ENC_APIAKeyLo_EL1     = E(3, 0, 2, 1, 0),
	ENC_APIBKeyLo_EL1     = E(3, 0, 2, 1, 2),
	ENC_APDAKeyLo_EL1     = E(3, 0, 2, 2, 0),
	ENC_APDBKeyLo_EL1     = E(3, 0, 2, 2, 2),
	ENC_APGAKeyLo_EL1     = E(3, 0, 2, 3, 0),
	ENC_APGAKeyHi_EL1     = E(3, 0, 2, 3, 1),
	ENC_ERRIDR_EL1        = E(3, 0, 5, 3, 0),
	ENC_ERXFR_EL1         = E(3, 0, 5, 4, 0),
	ENC_ERXPFGF_EL1       = E(3, 0, 5, 5, 0),
	ENC_TFSRE0_EL1        = E(3, 0, 5, 6, 1),
	ENC_PMINTENSET_EL1    = E(3, 0, 9, 14, 0),
	ENC_LORSA_EL1         = E(3, 0, 10, 4, 0),
	ENC_LOREA_EL1         = E(3, 0, 10, 4, 1),
	ENC_LORN_EL1          = E(3, 0, 10, 4, 2),
	ENC_LORC_EL1          = E(3, 0, 10, 4, 3),
	ENC_LORID_EL1         = E(3, 0, 10, 4, 7),
	ENC_ISR_EL1           = E(3, 0, 12, 1, 0),
	ENC_CCSIDR2_EL1       = E(3, 1, 0, 0, 2),
	ENC_GMID_EL1          = E(3, 1, 0, 0, 4),
	ENC_SMIDR_EL1         = E(3, 1, 0, 0, 6),
	ENC_PMCR_EL0          = E(3, 3, 9, 12, 0),
	ENC_PMCCNTR_EL0       = E(3, 3, 9, 13, 0),
	ENC_PMUSERENR_EL0     = E(3, 3, 9, 14, 0),
	ENC_PMEVCNTR0_EL0     = E(3, 3, 14, 8, 0),
};

/* Encoding spaces: the first encoding of a range a rule's mask widens. */
enum {
	SPACE_OP1_4           = E(0, 4, 0, 0, 0), /* op1 4: EL2 registers, insns */
	SPACE_OP1_5           = E(0, 5, 0, 0, 0), /* op1 5: *_EL12, *_EL02 */
	SPACE_TLBI            = E(1, 0, 8, 0, 0), /* CRn 8: EL1 TLBI */
	SPACE_TLBI_OS         = E(1, 0, 8, 1, 0), /* TLBI *OS (CRm 1) */
	SPACE_TLBI_RIS        = E(1, 0, 8, 2, 0), /* TLBI R*IS (CRm 2) */
	SPACE_TLBI_IS         = E(1, 0, 8, 3, 0), /* TLBI *IS (CRm 3) */
	SPACE_TLBI_ROS        = E(1, 0, 8, 5, 0), /* TLBI R*OS (CRm 5) */
	SPACE_TLBI_NXS        = E(1, 0, 9, 0, 0), /* CRn 9: EL1 TLBI nXS */
	SPACE_TLBI_OSNXS      = E(1, 0, 9, 1, 0), /* TLBI *OSNXS */
	SPACE_TLBI_RISNXS     = E(1, 0, 9, 2, 0), /* TLBI R*ISNXS */
	SPACE_TLBI_ISNXS      = E(1, 0, 9, 3, 0), /* TLBI *ISNXS */
	SPACE_TLBI_ROSNXS     = E(1, 0, 9, 5, 0), /* TLBI R*OSNXS */
	SPACE_DBG             = E(2, 0, 0, 0, 0), /* CRn 0: EL1 debug */
	SPACE_DBG_EL0         = E(2, 3, 0, 0, 0), /* CRn 0: EL0 debug */
	SPACE_ID_C1           = E(3, 0, 0, 1, 0), /* ID group 3, CRm 1 */
	SPACE_ID_C2           = E(3, 0, 0, 2, 0), /* ID group 3, CRm 2, 3 */
	SPACE_ID_C4           = E(3, 0, 0, 4, 0), /* ID group 3, CRm 4..7 */
	SPACE_IMPDEF_C11      = E(3, 0, 11, 0, 0), /* CRn 11: IMPDEF */
	SPACE_IMPDEF_C15      = E(3, 0, 15, 0, 0), /* CRn 15: IMPDEF */
};

/*
 * The GICv3 CPU interface registers at EL1 (GIC Architecture Specification,
 * IHI 0069, "ICH_HCR_EL2" TC/TALL0/TALL1/TDIR and the accessing pseudocode
 * of each ICC_* register). The guest hypervisor's ICH_HCR_EL2 is in the
 * hardware while L2 runs (hv/l2_switch.c), so an L2 access these bits
 * cover traps to EL2 whatever HCR_EL2.IMO/FMO are; the guest hypervisor
 * set the trap, so it gets the exception. ICC_SGI0R/SGI1R/ASGI1R_EL1 also
 * trap to EL2 from EL1 when HCR_EL2.IMO or FMO is 1 (their pseudocode).
 * Not traps of a register: TSEI (SEIs; QEMU's ICH_VTR_EL2.SEIS is 0) and
 * vSGIEOICount (EOIcount for vSGIs). ICC_SRE_EL1 is covered by none of
 * these (ICC_SRE_EL2.Enable traps it, RAO in vel2's ICC_SRE_EL2).
 */
enum {
	/* common: PMR, RPR, DIR, CTLR, SGI0R, SGI1R, ASGI1R */
	ICH_TC = __builtin_ctzll(VEL2_ICH_HCR_TC),
	/* Group 0: IAR0, EOIR0, HPPIR0, BPR0, AP0Rn, IGRPEN0 */
	ICH_TALL0 = __builtin_ctzll(VEL2_ICH_HCR_TALL0),
	/* Group 1: IAR1, EOIR1, HPPIR1, BPR1, AP1Rn, IGRPEN1, NMIAR1 */
	ICH_TALL1 = __builtin_ctzll(VEL2_ICH_HCR_TALL1),
	/* DIR (with ICH_VTR_EL2.TDS) */
	ICH_TDIR = __builtin_ctzll(VEL2_ICH_HCR_TDIR),
	HCR_IMO_BIT = __builtin_ctzll(VEL2_HCR_IMO),
	HCR_FMO_BIT = __builtin_ctzll(VEL2_HCR_FMO),
};
enum {
	ENC_ICC_PMR_EL1       = E(3, 0, 4, 6, 0),
	ENC_ICC_IAR0_EL1      = E(3, 0, 12, 8, 0), /* op2 0-7: IAR0 EOIR0 HPPIR0 BPR0 AP0R0-3 */
	ENC_ICC_AP1R0_EL1     = E(3, 0, 12, 9, 0), /* op2 0-3: AP1R0-3 */
	ENC_ICC_NMIAR1_EL1    = E(3, 0, 12, 9, 5),
	ENC_ICC_DIR_EL1       = E(3, 0, 12, 11, 1),
	ENC_ICC_RPR_EL1       = E(3, 0, 12, 11, 3),
	ENC_ICC_SGI1R_EL1     = E(3, 0, 12, 11, 5),
	ENC_ICC_ASGI1R_EL1    = E(3, 0, 12, 11, 6),
	ENC_ICC_SGI0R_EL1     = E(3, 0, 12, 11, 7),
	ENC_ICC_IAR1_EL1      = E(3, 0, 12, 12, 0), /* op2 0-3: IAR1 EOIR1 HPPIR1 BPR1 */
	ENC_ICC_CTLR_EL1      = E(3, 0, 12, 12, 4),
	ENC_ICC_IGRPEN0_EL1   = E(3, 0, 12, 12, 6),
	ENC_ICC_IGRPEN1_EL1   = E(3, 0, 12, 12, 7),
};
#define ICH(bit, mask, match) \
	RULE(ICH_HCR_EL2, bit, R_RW, ANY, mask, match)
#define ICC_RULES \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_PMR_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_DIR_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_RPR_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_SGI1R_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_ASGI1R_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_SGI0R_EL1), \
	ICH(ICH_TC,    M_ALL,     ENC_ICC_CTLR_EL1), \
	ICH(ICH_TALL0, M_NO_OP2,  ENC_ICC_IAR0_EL1), \
	ICH(ICH_TALL0, M_ALL,     ENC_ICC_IGRPEN0_EL1), \
	ICH(ICH_TALL1, (u16)~3u,  ENC_ICC_AP1R0_EL1), \
	ICH(ICH_TALL1, M_ALL,     ENC_ICC_NMIAR1_EL1), \
	ICH(ICH_TALL1, (u16)~3u,  ENC_ICC_IAR1_EL1), \
	ICH(ICH_TALL1, M_ALL,     ENC_ICC_IGRPEN1_EL1), \
	ICH(ICH_TDIR,  M_ALL,     ENC_ICC_DIR_EL1), \
	HCR(HCR_IMO_BIT, R_WR, M_ALL, ENC_ICC_SGI1R_EL1), \
	HCR(HCR_IMO_BIT, R_WR, M_ALL, ENC_ICC_ASGI1R_EL1), \
	HCR(HCR_IMO_BIT, R_WR, M_ALL, ENC_ICC_SGI0R_EL1), \
	HCR(HCR_FMO_BIT, R_WR, M_ALL, ENC_ICC_SGI1R_EL1), \
	HCR(HCR_FMO_BIT, R_WR, M_ALL, ENC_ICC_ASGI1R_EL1), \
	HCR(HCR_FMO_BIT, R_WR, M_ALL, ENC_ICC_SGI0R_EL1)

/*
 * ---- Debug, PMU, trace and activity monitor traps (MDCR_EL2, CPTR_EL2,
 * HDFGRTR_EL2/HDFGWTR_EL2): vel2_hwcfg() puts the guest hypervisor's
 * values in the physical registers while L2 runs (hwcfg.c l2_mdcr,
 * l2_cptr_traps, cfg->fgt), so these exits are its own.
 */
#define MDCR_IF(bit, fl, feat, mask, match) \
	RULE(MDCR_EL2, bit, fl, feat, mask, match)
#define CPTR(bit, fl, feat, mask, match) \
	RULE(CPTR_EL2, bit, fl, feat, mask, match)
#define DFGR(bit, fl, feat, mask, match) \
	RULE(HDFGRTR_EL2, bit, (fl) | R_RD, feat, mask, match)
#define DFGW(bit, fl, feat, mask, match) \
	RULE(HDFGWTR_EL2, bit, (fl) | R_WR, feat, mask, match)
#define DFGRW(bit, fl, feat, mask, match) \
	DFGR(bit, fl, feat, mask, match), DFGW(bit, fl, feat, mask, match)


enum {
	ENC_DBGBVR0_EL1       = E(2, 0, 0, 0, 4),
	ENC_DBGBCR0_EL1       = E(2, 0, 0, 0, 5),
	ENC_DBGWVR0_EL1       = E(2, 0, 0, 0, 6),
	ENC_DBGWCR0_EL1       = E(2, 0, 0, 0, 7),
	ENC_OSDTRRX_EL1       = E(2, 0, 0, 0, 2),
	ENC_MDCCINT_EL1       = E(2, 0, 0, 2, 0),
	ENC_OSDTRTX_EL1       = E(2, 0, 0, 3, 2),
	ENC_OSECCR_EL1        = E(2, 0, 0, 6, 2),
	ENC_MDCCSR_EL0        = E(2, 3, 0, 1, 0),
	ENC_DBGDTR_EL0        = E(2, 3, 0, 4, 0),
	ENC_DBGDTRRX_EL0      = E(2, 3, 0, 5, 0), /* and DBGDTRTX_EL0 */
	SPACE_TRACE           = E(2, 1, 0, 0, 0), /* op0 2, op1 1: TRC* */
	ENC_TRFCR_EL1         = E(3, 0, 1, 2, 1),
	ENC_PMSCR_EL1         = E(3, 0, 9, 9, 0),
	ENC_PMSNEVFR_EL1      = E(3, 0, 9, 9, 1),
	ENC_PMSICR_EL1        = E(3, 0, 9, 9, 2),
	ENC_PMSIRR_EL1        = E(3, 0, 9, 9, 3),
	ENC_PMSFCR_EL1        = E(3, 0, 9, 9, 4),
	ENC_PMSEVFR_EL1       = E(3, 0, 9, 9, 5),
	ENC_PMSLATFR_EL1      = E(3, 0, 9, 9, 6),
	ENC_PMSIDR_EL1        = E(3, 0, 9, 9, 7),
	ENC_PMBLIMITR_EL1     = E(3, 0, 9, 10, 0),
	ENC_PMBPTR_EL1        = E(3, 0, 9, 10, 1),
	ENC_PMBSR_EL1         = E(3, 0, 9, 10, 3),
	ENC_PMBIDR_EL1        = E(3, 0, 9, 10, 7),
	ENC_TRBLIMITR_EL1     = E(3, 0, 9, 11, 0),
	ENC_TRBPTR_EL1        = E(3, 0, 9, 11, 1),
	ENC_TRBBASER_EL1      = E(3, 0, 9, 11, 2),
	ENC_TRBSR_EL1         = E(3, 0, 9, 11, 3),
	ENC_TRBMAR_EL1        = E(3, 0, 9, 11, 4),
	ENC_TRBTRG_EL1        = E(3, 0, 9, 11, 6),
	ENC_TRBIDR_EL1        = E(3, 0, 9, 11, 7),
	ENC_PMINTENSET        = E(3, 0, 9, 14, 1),
	ENC_PMINTENCLR_EL1    = E(3, 0, 9, 14, 2),
	ENC_PMMIR_EL1         = E(3, 0, 9, 14, 6),
	ENC_PMCNTENSET_EL0    = E(3, 3, 9, 12, 1),
	ENC_PMCNTENCLR_EL0    = E(3, 3, 9, 12, 2),
	ENC_PMOVSCLR_EL0      = E(3, 3, 9, 12, 3),
	ENC_PMSWINC_EL0       = E(3, 3, 9, 12, 4),
	ENC_PMSELR_EL0        = E(3, 3, 9, 12, 5),
	ENC_PMCEID0_EL0       = E(3, 3, 9, 12, 6), /* and PMCEID1 (op2 7) */
	ENC_PMXEVTYPER_EL0    = E(3, 3, 9, 13, 1),
	ENC_PMXEVCNTR_EL0     = E(3, 3, 9, 13, 2),
	ENC_PMOVSSET_EL0      = E(3, 3, 9, 14, 3),
	SPACE_AMU_C2          = E(3, 3, 13, 2, 0), /* AMCR ... AMCNTEN*1 */
	SPACE_AMU_C4          = E(3, 3, 13, 4, 0), /* AMEVCNTR0, AMEVTYPER0 */
	SPACE_AMU_C12         = E(3, 3, 13, 12, 0), /* AMEVCNTR1, AMEVTYPER1 */
	ENC_PMEVTYPER0_EL0    = E(3, 3, 14, 12, 0),
	ENC_PMCCFILTR_EL0     = E(3, 3, 14, 15, 7),
};

/* Pattern masks: any CRm (the <n> of DBGB/W*R<n>_EL1); CRm in a group of
 * 2 or 4; op0 and op1 only. */
#define M_ANY_CRM ((u16)~0x78u)
#define M_CRM_2 ((u16)~0xfu)
#define M_CRM_4 ((u16)~0x1fu)
#define M_OP0_OP1 (VEL2_SYS_ENC(3, 7, 0, 0, 0))

/* TVM (writes) / TRVM (reads): the EL1 virtual memory controls. */
#define VM_REG(enc) HCR(TVM, R_WR, M_ALL, enc), HCR(TRVM, R_RD, M_ALL, enc)

static const struct route_rule sys_rules[] = {
	/* NV: EL2 registers and instructions (op1 4, the *_EL12 and *_EL02
	 * space op1 5) and SP_EL2 accessed from EL1. */
	HCR(NV, R_RW, M_OP1, SPACE_OP1_4),
	HCR(NV, R_RW, M_OP1, SPACE_OP1_5),
	HCR(NV, R_RW, M_ALL, VEL2_ENC_SP_EL2),
	/* NV1 (with NV): VBAR_EL1, ELR_EL1, SPSR_EL1 at EL1. */
	HCR(NV1, R_RW | R_WITH_NV, M_ALL, VEL2_ENC_VBAR_EL1),
	HCR(NV1, R_RW | R_WITH_NV, M_ALL, VEL2_ENC_ELR_EL1),
	HCR(NV1, R_RW | R_WITH_NV, M_ALL, VEL2_ENC_SPSR_EL1),

	VM_REG(VEL2_ENC_SCTLR_EL1),
	VM_REG(VEL2_ENC_SCTLR2_EL1),
	VM_REG(VEL2_ENC_TTBR0_EL1),
	VM_REG(VEL2_ENC_TTBR1_EL1),
	VM_REG(VEL2_ENC_TCR_EL1),
	VM_REG(VEL2_ENC_TCR2_EL1),
	VM_REG(VEL2_ENC_AFSR0_EL1),
	VM_REG(VEL2_ENC_AFSR1_EL1),
	VM_REG(VEL2_ENC_ESR_EL1),
	VM_REG(VEL2_ENC_FAR_EL1),
	VM_REG(VEL2_ENC_MAIR_EL1),
	VM_REG(VEL2_ENC_PIRE0_EL1),
	VM_REG(VEL2_ENC_PIR_EL1),
	VM_REG(VEL2_ENC_AMAIR_EL1),
	VM_REG(VEL2_ENC_CONTEXTIDR_EL1),

	HCR(TACR, R_RW, M_ALL, VEL2_ENC_ACTLR_EL1),

	HCR(TID1, R_RD,         M_ALL, VEL2_ENC_REVIDR_EL1),
	HCR(TID1, R_RD,         M_ALL, VEL2_ENC_AIDR_EL1),
	HCR(TID1, R_RD,         M_ALL, ENC_SMIDR_EL1),
	HCR(TID2, R_RD | R_EL0, M_ALL, VEL2_ENC_CTR_EL0),
	HCR(TID2, R_RD,         M_ALL, VEL2_ENC_CCSIDR_EL1),
	HCR(TID2, R_RD,         M_ALL, ENC_CCSIDR2_EL1),
	HCR(TID2, R_RD,         M_ALL, VEL2_ENC_CLIDR_EL1),
	HCR(TID2, R_RW,         M_ALL, VEL2_ENC_CSSELR_EL1),
	HCR(TID4, R_RD,         M_ALL, VEL2_ENC_CCSIDR_EL1),
	HCR(TID4, R_RD,         M_ALL, ENC_CCSIDR2_EL1),
	HCR(TID4, R_RD,         M_ALL, VEL2_ENC_CLIDR_EL1),
	HCR(TID4, R_RW,         M_ALL, VEL2_ENC_CSSELR_EL1),
	/* TID3: the ID group 3 space op0=3 op1=0 CRn=0 CRm=1..7. */
	HCR(TID3, R_RD, M_NO_OP2,    SPACE_ID_C1),
	HCR(TID3, R_RD, (u16)~0xfu,  SPACE_ID_C2),  /* CRm 2, 3 */
	HCR(TID3, R_RD, (u16)~0x1fu, SPACE_ID_C4),  /* CRm 4..7 */
	HCR(TID5, R_RD, M_ALL,       ENC_GMID_EL1),
	/* TIDCP: the IMPLEMENTATION DEFINED spaces, CRn 11 and 15. */
	HCR(TIDCP, R_RW, M_OP0_CRN, SPACE_IMPDEF_C11),
	HCR(TIDCP, R_RW, M_OP0_CRN, SPACE_IMPDEF_C15),

	/* TSW: DC ISW/CSW/CISW and the MTE2 tag variants (op2 2, 4, 6). */
	HCR(TSW, R_RW, M_ALL, ENC_DC_ISW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_IGSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_IGDSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CGSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CGDSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CISW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CIGSW),
	HCR(TSW, R_RW, M_ALL, ENC_DC_CIGDSW),
	/* TPC(P): DC IVAC (EL1), DC CVAC/CVAP/CVADP/CIVAC (EL1 and EL0) and
	 * their tag variants: the odd op2 values. */
	HCR(TPC, R_RW,         M_ODD_OP2, ENC_DC_IVAC),
	HCR(TPC, R_RW | R_EL0, M_ODD_OP2, ENC_DC_CVAC),
	HCR(TPC, R_RW | R_EL0, M_ODD_OP2, ENC_DC_CVAP),
	HCR(TPC, R_RW | R_EL0, M_ODD_OP2, ENC_DC_CVADP),
	HCR(TPC, R_RW | R_EL0, M_ODD_OP2, ENC_DC_CIVAC),
	/* TPU: IC IVAU, IC IALLU, IC IALLUIS, DC CVAU. TOCU and TICAB
	 * (FEAT_EVT) split the same set. */
	HCR(TPU,   R_RW | R_EL0, M_ALL, ENC_IC_IVAU),
	HCR(TPU,   R_RW,         M_ALL, ENC_IC_IALLU),
	HCR(TPU,   R_RW,         M_ALL, ENC_IC_IALLUIS),
	HCR(TPU,   R_RW | R_EL0, M_ALL, ENC_DC_CVAU),
	HCR(TOCU,  R_RW | R_EL0, M_ALL, ENC_IC_IVAU),
	HCR(TOCU,  R_RW,         M_ALL, ENC_IC_IALLU),
	HCR(TOCU,  R_RW | R_EL0, M_ALL, ENC_DC_CVAU),
	HCR(TICAB, R_RW,         M_ALL, ENC_IC_IALLUIS),
	/* TDZ: DC ZVA, DC GVA, DC GZVA. */
	HCR(TDZ, R_RW | R_EL0, M_ALL, ENC_DC_ZVA),
	HCR(TDZ, R_RW | R_EL0, M_ALL, ENC_DC_GVA),
	HCR(TDZ, R_RW | R_EL0, M_ALL, ENC_DC_GZVA),
	/* TTLB: every EL1 TLBI (CRn 8, and CRn 9 for the nXS forms);
	 * TTLBIS/TTLBOS: the Inner/Outer Shareable ones. */
	HCR(TTLB,   R_RW, M_NO_CRM_OP2, SPACE_TLBI),
	HCR(TTLB,   R_RW, M_NO_CRM_OP2, SPACE_TLBI_NXS),
	HCR(TTLBIS, R_RW, M_NO_OP2,     SPACE_TLBI_IS),
	HCR(TTLBIS, R_RW, M_NO_OP2,     SPACE_TLBI_RIS),
	HCR(TTLBIS, R_RW, M_NO_OP2,     SPACE_TLBI_ISNXS),
	HCR(TTLBIS, R_RW, M_NO_OP2,     SPACE_TLBI_RISNXS),
	HCR(TTLBOS, R_RW, M_NO_OP2,     SPACE_TLBI_OS),
	HCR(TTLBOS, R_RW, M_NO_OP2,     SPACE_TLBI_ROS),
	HCR(TTLBOS, R_RW, M_NO_OP2,     SPACE_TLBI_OSNXS),
	HCR(TTLBOS, R_RW, M_NO_OP2,     SPACE_TLBI_ROSNXS),
	/* AT: AT S1E1{R,W}, S1E0{R,W}, S1E1{R,W}P, S1E1A. */
	HCR(AT, R_RW, M_NO_OP2, ENC_AT_S1E1R),
	HCR(AT, R_RW, M_ALL,    ENC_AT_S1E1RP),
	HCR(AT, R_RW, M_ALL,    ENC_AT_S1E1WP),
	HCR(AT, R_RW, M_ALL,    ENC_AT_S1E1A),

	/* TERR: ERRIDR/ERRSELR (CRm 3), ERX* (CRm 4, 5). */
	HCR(TERR, R_RW, M_NO_OP2, ENC_ERRIDR_EL1),
	HCR(TERR, R_RW, M_NO_OP2, ENC_ERXFR_EL1),
	HCR(TERR, R_RW, M_NO_OP2, ENC_ERXPFGF_EL1),
	/* TLOR: LORSA, LOREA, LORN, LORC, LORID. */
	HCR(TLOR, R_RW, M_NO_OP2, ENC_LORSA_EL1),
	/* APK == 0 traps the pointer authentication key registers. */
	HCR_IF(APK, R_RW | R_CLEAR, PAUTH, M_NO_OP2, ENC_APIAKeyLo_EL1),
	HCR_IF(APK, R_RW | R_CLEAR, PAUTH, M_NO_OP2, ENC_APDAKeyLo_EL1),
	HCR_IF(APK, R_RW | R_CLEAR, PAUTH, M_ALL,    ENC_APGAKeyLo_EL1),
	HCR_IF(APK, R_RW | R_CLEAR, PAUTH, M_ALL,    ENC_APGAKeyHi_EL1),
	/* EnSCXT == 0 traps SCXTNUM_EL1 and SCXTNUM_EL0 (Arm ARM
	 * HCR_EL2.EnSCXT, FEAT_CSV2_2 or FEAT_CSV2_1p2). */
	HCR_IF(ENSCXT, R_RW | R_CLEAR,         CSV2_2, M_ALL, VEL2_ENC_SCXTNUM_EL1),
	HCR_IF(ENSCXT, R_RW | R_EL0 | R_CLEAR, CSV2_2, M_ALL, VEL2_ENC_SCXTNUM_EL0),
	/* ATA == 0 traps the MTE2 allocation-tag registers. */
	HCR_IF(ATA, R_RW | R_CLEAR, MTE2, M_ALL, ENC_RGSR_EL1),
	HCR_IF(ATA, R_RW | R_CLEAR, MTE2, M_ALL, ENC_GCR_EL1),
	HCR_IF(ATA, R_RW | R_CLEAR, MTE2, M_ALL, VEL2_ENC_TFSR_EL1),
	HCR_IF(ATA, R_RW | R_CLEAR, MTE2, M_ALL, ENC_TFSRE0_EL1),

	/* MDCR_EL2: PMU and debug. */
	MDCR(TPMCR, R_RW | R_EL0, M_ALL,       ENC_PMCR_EL0),
	MDCR(TPM,   R_RW | R_EL0, M_NO_OP2,    ENC_PMCR_EL0),
	MDCR(TPM,   R_RW | R_EL0, M_NO_OP2,    ENC_PMCCNTR_EL0),
	MDCR(TPM,   R_RW | R_EL0, M_NO_OP2,    ENC_PMUSERENR_EL0),
	MDCR(TPM,   R_RW,         M_NO_OP2,    ENC_PMINTENSET_EL1), /* PMINTEN*, PMMIR */
	MDCR(TPM,   R_RW | R_EL0, (u16)~0x3fu, ENC_PMEVCNTR0_EL0),  /* PMEV* */
	MDCR(TDRA,  R_RW,         M_ALL,       ENC_MDRAR_EL1),
	MDCR(TDOSA, R_RW,         M_ALL,       ENC_OSLAR_EL1),
	MDCR(TDOSA, R_RW,         M_ALL,       ENC_OSLSR_EL1),
	MDCR(TDOSA, R_RW,         M_ALL,       ENC_OSDLR_EL1),
	MDCR(TDOSA, R_RW,         M_ALL,       ENC_DBGPRCR_EL1),
	/* TDA: the op0=2 debug registers in CRn 0 (breakpoints,
	 * watchpoints, MDSCR, OSDTR*, MDCCINT; EL0 MDCCSR/DBGDTR*), claim
	 * tags and DBGAUTHSTATUS. */
	MDCR(TDA, R_RW,         M_NO_CRM_OP2, SPACE_DBG),
	MDCR(TDA, R_RW | R_EL0, M_NO_CRM_OP2, SPACE_DBG_EL0),
	MDCR(TDA, R_RW,         M_ALL,        ENC_DBGCLAIMSET_EL1),
	MDCR(TDA, R_RW,         M_ALL,        ENC_DBGCLAIMCLR_EL1),
	MDCR(TDA, R_RW,         M_ALL,        ENC_DBGAUTHSTATUS_EL1),

	/* The GICv3 CPU interface (IHI 0069 ICH_HCR_EL2 and each ICC_*
	 * register's accessing pseudocode): ICC_* below. */
	ICC_RULES,
	/*
	 * CNTHCTL_EL2 (Arm ARM D24.2): EL1PCTEN traps the physical counter,
	 * EL1PCEN the EL1 physical timer, when clear; bits [11:10] with
	 * E2H=1, [1:0] with E2H=0 (for EL0 too, with TGE=0). FEAT_ECV:
	 * EL1TVT traps the EL1 virtual timer, EL1TVCT the virtual counter.
	 * vel2 loads exactly these for L2 (hwcfg.c timer_controls).
	 */
	RULE(CNTHCTL_EL2, EL1PCTEN_VHE, R_RD | R_EL0 | R_CLEAR | R_E2H1, ANY, M_ALL, E(3, 3, 14, 0, 1)), /* CNTPCT_EL0 */
	RULE(CNTHCTL_EL2, EL1PCTEN_VHE, R_RD | R_EL0 | R_CLEAR | R_E2H1, ANY, M_ALL, E(3, 3, 14, 0, 5)), /* CNTPCTSS_EL0 */
	RULE(CNTHCTL_EL2, EL1PCEN_VHE, R_RW | R_EL0 | R_CLEAR | R_E2H1, ANY, M_NO_OP2, E(3, 3, 14, 2, 0)), /* CNTP_TVAL/CTL/CVAL_EL0 */
	RULE(CNTHCTL_EL2, EL1PCTEN_NVHE, R_RD | R_EL0 | R_CLEAR | R_E2H0, ANY, M_ALL, E(3, 3, 14, 0, 1)),
	RULE(CNTHCTL_EL2, EL1PCTEN_NVHE, R_RD | R_EL0 | R_CLEAR | R_E2H0, ANY, M_ALL, E(3, 3, 14, 0, 5)),
	RULE(CNTHCTL_EL2, EL1PCEN_NVHE, R_RW | R_EL0 | R_CLEAR | R_E2H0, ANY, M_NO_OP2, E(3, 3, 14, 2, 0)),
	RULE(CNTHCTL_EL2, EL1TVT, R_RW | R_EL0, ECV, M_NO_OP2, E(3, 3, 14, 3, 0)), /* CNTV_TVAL/CTL/CVAL_EL0 */
	RULE(CNTHCTL_EL2, EL1TVCT, R_RD | R_EL0, ECV, M_ALL, E(3, 3, 14, 0, 2)), /* CNTVCT_EL0 */
	RULE(CNTHCTL_EL2, EL1TVCT, R_RD | R_EL0, ECV, M_ALL, E(3, 3, 14, 0, 6)), /* CNTVCTSS_EL0 */

	/* HFGRTR_EL2 / HFGWTR_EL2 (FEAT_FGT): one bit per register. */
	FGRW(0,  0,     M_ALL,    VEL2_ENC_AFSR0_EL1),
	FGRW(1,  0,     M_ALL,    VEL2_ENC_AFSR1_EL1),
	FGR(2,   0,     M_ALL,    VEL2_ENC_AIDR_EL1),
	FGRW(3,  0,     M_ALL,    VEL2_ENC_AMAIR_EL1),
	FGRW(4,  0,     (u16)~1u, ENC_APDAKeyLo_EL1),       /* APDAKey{Lo,Hi}_EL1 */
	FGRW(5,  0,     (u16)~1u, ENC_APDBKeyLo_EL1),       /* APDBKey{Lo,Hi}_EL1 */
	FGRW(6,  0,     (u16)~1u, ENC_APGAKeyLo_EL1),       /* APGAKey{Lo,Hi}_EL1 */
	FGRW(7,  0,     (u16)~1u, ENC_APIAKeyLo_EL1),       /* APIAKey{Lo,Hi}_EL1 */
	FGRW(8,  0,     (u16)~1u, ENC_APIBKeyLo_EL1),       /* APIBKey{Lo,Hi}_EL1 */
	FGR(9,   0,     M_ALL,    VEL2_ENC_CCSIDR_EL1),
	FGR(9,   0,     M_ALL,    ENC_CCSIDR2_EL1),
	FGR(10,  0,     M_ALL,    VEL2_ENC_CLIDR_EL1),
	FGRW(11, 0,     M_ALL,    VEL2_ENC_CONTEXTIDR_EL1),
	FGRW(12, 0,     M_ALL,    VEL2_ENC_CPACR_EL1),
	FGRW(13, 0,     M_ALL,    VEL2_ENC_CSSELR_EL1),
	FGR(14,  R_EL0, M_ALL,    VEL2_ENC_CTR_EL0),
	FGR(15,  R_EL0, M_ALL,    VEL2_ENC_DCZID_EL0),
	FGRW(16, 0,     M_ALL,    VEL2_ENC_ESR_EL1),
	FGRW(17, 0,     M_ALL,    VEL2_ENC_FAR_EL1),
	FGR(18,  0,     M_ALL,    ENC_ISR_EL1),
	FGRW(19, 0,     M_ALL,    ENC_LORC_EL1),
	FGRW(20, 0,     M_ALL,    ENC_LOREA_EL1),
	FGR(21,  0,     M_ALL,    ENC_LORID_EL1),
	FGRW(22, 0,     M_ALL,    ENC_LORN_EL1),
	FGRW(23, 0,     M_ALL,    ENC_LORSA_EL1),
	FGRW(24, 0,     M_ALL,    VEL2_ENC_MAIR_EL1),
	FGR(25,  0,     M_ALL,    VEL2_ENC_MIDR_EL1),
	FGR(26,  0,     M_ALL,    VEL2_ENC_MPIDR_EL1),
	FGRW(27, 0,     M_ALL,    VEL2_ENC_PAR_EL1),
	FGR(28,  0,     M_ALL,    VEL2_ENC_REVIDR_EL1),
	FGRW(29, 0,     M_ALL,    VEL2_ENC_SCTLR_EL1),
	FGRW(29, 0,     M_ALL,    VEL2_ENC_SCTLR2_EL1),
	FGRW(30, 0,     M_ALL,    VEL2_ENC_SCXTNUM_EL1),
	FGRW(31, R_EL0, M_ALL,    VEL2_ENC_SCXTNUM_EL0),
	FGRW(32, 0,     M_ALL,    VEL2_ENC_TCR_EL1),
	FGRW(33, 0,     M_ALL,    VEL2_ENC_TPIDR_EL1),
	FGRW(34, R_EL0, M_ALL,    VEL2_ENC_TPIDRRO_EL0),
	FGRW(35, R_EL0, M_ALL,    VEL2_ENC_TPIDR_EL0),
	FGRW(36, 0,     M_ALL,    VEL2_ENC_TTBR0_EL1),
	FGRW(37, 0,     M_ALL,    VEL2_ENC_TTBR1_EL1),
	FGRW(38, 0,     M_ALL,    VEL2_ENC_VBAR_EL1),

	/* HFGITR_EL2: cache maintenance. */
	FGI(0,  0,     M_ALL,     ENC_IC_IALLUIS),
	FGI(1,  0,     M_ALL,     ENC_IC_IALLU),
	FGI(2,  R_EL0, M_ALL,     ENC_IC_IVAU),
	FGI(3,  0,     M_ODD_OP2, ENC_DC_IVAC),
	FGI(4,  0,     M_ALL,     ENC_DC_ISW),
	FGI(4,  0,     M_ALL,     ENC_DC_IGSW),
	FGI(4,  0,     M_ALL,     ENC_DC_IGDSW),
	FGI(5,  0,     M_ALL,     ENC_DC_CSW),
	FGI(5,  0,     M_ALL,     ENC_DC_CGSW),
	FGI(5,  0,     M_ALL,     ENC_DC_CGDSW),
	FGI(6,  0,     M_ALL,     ENC_DC_CISW),
	FGI(6,  0,     M_ALL,     ENC_DC_CIGSW),
	FGI(6,  0,     M_ALL,     ENC_DC_CIGDSW),
	FGI(7,  R_EL0, M_ALL,     ENC_DC_CVAU),
	FGI(8,  R_EL0, M_ODD_OP2, ENC_DC_CVAP),
	FGI(9,  R_EL0, M_ODD_OP2, ENC_DC_CVADP),
	FGI(10, R_EL0, M_ODD_OP2, ENC_DC_CIVAC),

	/*
	 * ---- l2traps: debug, PMU, trace, AMU (MDCR_EL2, CPTR_EL2,
	 * HDFGRTR/HDFGWTR_EL2), Arm ARM D24.2 field descriptions.
	 */
	/* MDCR_EL2.TDE: TDA, TDOSA and TDRA behave as 1. */
	MDCR(TDE, R_RW,         M_NO_CRM_OP2, SPACE_DBG),
	MDCR(TDE, R_RW | R_EL0, M_NO_CRM_OP2, SPACE_DBG_EL0),
	MDCR(TDE, R_RW,         M_ALL,        ENC_DBGCLAIMSET_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_DBGCLAIMCLR_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_DBGAUTHSTATUS_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_OSLAR_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_OSLSR_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_OSDLR_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_DBGPRCR_EL1),
	MDCR(TDE, R_RW,         M_ALL,        ENC_MDRAR_EL1),
	/* TDCC (FEAT_FGT): the debug communications channel. */
	MDCR_IF(TDCC, R_RW | R_EL0, FGT, M_ALL, ENC_MDCCSR_EL0),
	MDCR_IF(TDCC, R_RW | R_EL0, FGT, M_ALL, ENC_DBGDTR_EL0),
	MDCR_IF(TDCC, R_RW | R_EL0, FGT, M_ALL, ENC_DBGDTRRX_EL0),
	MDCR_IF(TDCC, R_RW,         FGT, M_ALL, ENC_MDCCINT_EL1),
	MDCR_IF(TDCC, R_RW,         FGT, M_ALL, ENC_OSDTRRX_EL1),
	MDCR_IF(TDCC, R_RW,         FGT, M_ALL, ENC_OSDTRTX_EL1),
	/* TPMS, E2PB (FEAT_SPE): sampling controls, profiling buffer
	 * (PMBIDR_EL1 is not trapped). TTRF (FEAT_TRF): TRFCR_EL1. E2TB
	 * (FEAT_TRBE): the trace buffer (TRBIDR_EL1 is not trapped). */
	MDCR_IF(TPMS,    R_RW,           SPE,  M_NO_OP2, ENC_PMSCR_EL1),
	MDCR_IF(E2PB_LO, R_RW | R_CLEAR, SPE,  M_ALL,    ENC_PMBLIMITR_EL1),
	MDCR_IF(E2PB_LO, R_RW | R_CLEAR, SPE,  M_ALL,    ENC_PMBPTR_EL1),
	MDCR_IF(E2PB_LO, R_RW | R_CLEAR, SPE,  M_ALL,    ENC_PMBSR_EL1),
	MDCR_IF(TTRF,    R_RW,           TRF,  M_ALL,    ENC_TRFCR_EL1),
	/* TRBLIMITR, TRBPTR, TRBBASER, TRBSR: op2 0-3. */
	MDCR_IF(E2TB_LO, R_RW | R_CLEAR, TRBE, (u16)~3u, ENC_TRBLIMITR_EL1),
	MDCR_IF(E2TB_LO, R_RW | R_CLEAR, TRBE, M_ALL,    ENC_TRBMAR_EL1),
	MDCR_IF(E2TB_LO, R_RW | R_CLEAR, TRBE, M_ALL,    ENC_TRBTRG_EL1),

	/* CPTR_EL2.TCPAC: CPACR_EL1 from EL1. TAM (FEAT_AMU): the activity
	 * monitors, EL0 too. TTA: the trace unit's registers, op0 2 op1 1,
	 * EL0 too; bit 20 with E2H=0, 28 with E2H=1. */
	CPTR(TCPAC,    R_RW,                  ANY,   M_ALL,     VEL2_ENC_CPACR_EL1),
	CPTR(TAM,      R_RW | R_EL0,          AMU,   M_CRM_2,   SPACE_AMU_C2),
	CPTR(TAM,      R_RW | R_EL0,          AMU,   M_CRM_4,   SPACE_AMU_C4),
	CPTR(TAM,      R_RW | R_EL0,          AMU,   M_CRM_4,   SPACE_AMU_C12),
	CPTR(TTA_NVHE, R_RW | R_EL0 | R_E2H0, TRACE, M_OP0_OP1, SPACE_TRACE),
	CPTR(TTA_VHE,  R_RW | R_EL0 | R_E2H1,  TRACE, M_OP0_OP1, SPACE_TRACE),

	/* HDFGRTR_EL2 / HDFGWTR_EL2 (FEAT_FGT): debug and PMU registers,
	 * bit per register or group; PMEVCNTRn/PMEVTYPERn also cover
	 * PMXEVCNTR/PMXEVTYPER. */
	DFGRW(0,  0,     FGT, M_ANY_CRM, ENC_DBGBCR0_EL1),
	DFGRW(1,  0,     FGT, M_ANY_CRM, ENC_DBGBVR0_EL1),
	DFGRW(2,  0,     FGT, M_ANY_CRM, ENC_DBGWCR0_EL1),
	DFGRW(3,  0,     FGT, M_ANY_CRM, ENC_DBGWVR0_EL1),
	DFGRW(4,  0,     FGT, M_ALL,     VEL2_ENC_MDSCR_EL1),
	DFGRW(5,  0,     FGT, M_ALL,     ENC_DBGCLAIMSET_EL1),
	DFGRW(5,  0,     FGT, M_ALL,     ENC_DBGCLAIMCLR_EL1),
	DFGR( 6,  0,     FGT, M_ALL,     ENC_DBGAUTHSTATUS_EL1),
	DFGRW(7,  0,     FGT, M_ALL,     ENC_DBGPRCR_EL1),
	DFGW( 8,  0,     FGT, M_ALL,     ENC_OSLAR_EL1),
	DFGR( 9,  0,     FGT, M_ALL,     ENC_OSLSR_EL1),
	DFGRW(10, 0,     FGT, M_ALL,     ENC_OSECCR_EL1),
	DFGRW(11, 0,     FGT, M_ALL,     ENC_OSDLR_EL1),
	DFGRW(12, R_EL0, FGT, M_CRM_4,   ENC_PMEVCNTR0_EL0),
	DFGRW(12, R_EL0, FGT, M_ALL,     ENC_PMXEVCNTR_EL0),
	/* PMEVTYPER<n>: CRm 12-15 but not PMCCFILTR (CRm 15, op2 7). */
	DFGRW(13, R_EL0, FGT, M_CRM_2,  ENC_PMEVTYPER0_EL0),
	DFGRW(13, R_EL0, FGT, M_NO_OP2, E(3, 3, 14, 14, 0)),
	DFGRW(13, R_EL0, FGT, (u16)~3u, E(3, 3, 14, 15, 0)),
	DFGRW(13, R_EL0, FGT, (u16)~1u, E(3, 3, 14, 15, 4)),
	DFGRW(13, R_EL0, FGT, M_ALL,    E(3, 3, 14, 15, 6)),
	DFGRW(13, R_EL0, FGT, M_ALL,    ENC_PMXEVTYPER_EL0),
	DFGRW(14, R_EL0, FGT, M_ALL,    ENC_PMCCFILTR_EL0),
	DFGRW(15, R_EL0, FGT, M_ALL,    ENC_PMCCNTR_EL0),
	DFGRW(16, R_EL0, FGT, M_ALL,    ENC_PMCNTENSET_EL0),
	DFGRW(16, R_EL0, FGT, M_ALL,    ENC_PMCNTENCLR_EL0),
	DFGRW(17, 0,     FGT, M_ALL,    ENC_PMINTENSET),
	DFGRW(17, 0,     FGT, M_ALL,    ENC_PMINTENCLR_EL1),
	DFGRW(18, R_EL0, FGT, M_ALL,    ENC_PMOVSCLR_EL0),
	DFGRW(18, R_EL0, FGT, M_ALL,    ENC_PMOVSSET_EL0),
	DFGRW(19, R_EL0, FGT, M_ALL,    ENC_PMSELR_EL0),
	DFGW( 20, R_EL0, FGT, M_ALL,    ENC_PMSWINC_EL0),
	DFGW( 21, R_EL0, FGT, M_ALL,    ENC_PMCR_EL0),
	DFGR( 22, 0,     FGT, M_ALL,    ENC_PMMIR_EL1),
	DFGRW(57, R_EL0, FGT, M_ALL,    ENC_PMUSERENR_EL0),
	DFGR( 58, R_EL0, FGT, (u16)~1u, ENC_PMCEID0_EL0),
	/* SPE (FEAT_SPE, which a guest with FGT-less ID registers cannot
	 * pair with these: its HDFG*TR_EL2 read 0). */
	DFGRW(23, 0, SPE, M_ALL, ENC_PMBLIMITR_EL1),
	DFGRW(24, 0, SPE, M_ALL, ENC_PMBPTR_EL1),
	DFGRW(25, 0, SPE, M_ALL, ENC_PMBSR_EL1),
	DFGRW(26, 0, SPE, M_ALL, ENC_PMSCR_EL1),
	DFGRW(27, 0, SPE, M_ALL, ENC_PMSEVFR_EL1),
	DFGRW(28, 0, SPE, M_ALL, ENC_PMSFCR_EL1),
	DFGRW(29, 0, SPE, M_ALL, ENC_PMSICR_EL1),
	DFGR( 30, 0, SPE, M_ALL, ENC_PMSIDR_EL1),
	DFGRW(31, 0, SPE, M_ALL, ENC_PMSIRR_EL1),
	DFGRW(32, 0, SPE, M_ALL, ENC_PMSLATFR_EL1),
	DFGR( 63, 0, SPE, M_ALL, ENC_PMBIDR_EL1),
	/* TRBE (FEAT_TRBE), TRFCR_EL1 writes (FEAT_TRF). */
	DFGW( 49, 0, TRF,  M_ALL, ENC_TRFCR_EL1),
	DFGRW(50, 0, TRBE, M_ALL, ENC_TRBBASER_EL1),
	DFGR( 51, 0, TRBE, M_ALL, ENC_TRBIDR_EL1),
	DFGRW(52, 0, TRBE, M_ALL, ENC_TRBLIMITR_EL1),
	DFGRW(53, 0, TRBE, M_ALL, ENC_TRBMAR_EL1),
	DFGRW(54, 0, TRBE, M_ALL, ENC_TRBPTR_EL1),
	DFGRW(55, 0, TRBE, M_ALL, ENC_TRBSR_EL1),
	DFGRW(56, 0, TRBE, M_ALL, ENC_TRBTRG_EL1),
};
/* clang-format on */

/* HFGITR_EL2.ERET, bit 51: ERET, ERETAA, ERETAB at EL1. */
#define HFGITR_ERET VEL2_BIT(51)

static bool rule_fires(const struct vel2_vcpu *vcpu, const struct route_rule *r,
		       const struct vel2_esr *s, unsigned int el)
{
	/* SYS/SYSL (op0 1) are neither reads nor writes of a register:
	 * R_RW rules cover both directions. */
	unsigned int dir = s->sys.read ? R_RD : R_WR;
	u64 ctl;
	bool set;

	if ((s->sys.enc & r->mask) != r->match || !(r->flags & dir))
		return false;
	if (el == 0 && !(r->flags & R_EL0))
		return false;
	if (!vel2_has_feat(vcpu, r->feat))
		return false;
	ctl = *(const u64 *)((const char *)&vcpu->regs +
			     vel2_sysreg_info[r->ctl].slot);
	set = ctl & VEL2_BIT(r->bit);
	if ((r->flags & R_WITH_NV) && !(vel2_vcpu_hcr(vcpu) & VEL2_HCR_NV))
		return false;
	if ((r->flags & R_E2H1) && !vel2_vcpu_e2h(vcpu))
		return false;
	if ((r->flags & R_E2H0) && vel2_vcpu_e2h(vcpu))
		return false;
	return (r->flags & R_CLEAR) ? !set : set;
}

bool vel2_route_sysreg(const struct vel2_vcpu *vcpu, const struct vel2_esr *s)
{
	unsigned int el = vel2_vcpu_el(vcpu);
	size_t i;

	for (i = 0; i < VEL2_ARRAY_SIZE(sys_rules); i++)
		if (rule_fires(vcpu, &sys_rules[i], s, el))
			return true;
	return false;
}

bool vel2_route_eret(const struct vel2_vcpu *vcpu)
{
	if (vel2_vcpu_hcr(vcpu) & VEL2_HCR_NV)
		return true;
	return vel2_has_feat(vcpu, VEL2_FEAT_FGT) &&
	       (vel2_rd_stored(vcpu, HFGITR_EL2) & HFGITR_ERET);
}
