/* SPDX-License-Identifier: MIT */
/*
 * Architecture facts: the bit layouts of the AArch64 registers vel2 reads
 * and writes, each from its register description in the Arm ARM (DDI 0487,
 * chapter D24 "AArch64 System Register Descriptions", and C5.2 for the
 * special-purpose registers). The one home for them: the library and hv/
 * include this header rather than defining their own copies. What vel2
 * *does* with these bits lives elsewhere (hwcfg.h, trap.h...). The unit
 * tests spell the bits they check out on their own
 * (tests/unit/helpers/arm_bits.h), so a wrong fact here fails a test; the
 * test guests (guests/rt) are separate programs with their own.
 */
#ifndef VEL2_ARCH_H
#define VEL2_ARCH_H

#include <vel2/types.h>

/* ---- HCR_EL2 ------------------------------------------------------------ */

/* HCR_EL2 fields (Arm ARM D24.2, HCR_EL2). */
#define VEL2_HCR_VM VEL2_BIT(0)
#define VEL2_HCR_PTW VEL2_BIT(2)
#define VEL2_HCR_FMO VEL2_BIT(3)
#define VEL2_HCR_IMO VEL2_BIT(4)
#define VEL2_HCR_AMO VEL2_BIT(5)
#define VEL2_HCR_VF VEL2_BIT(6)
#define VEL2_HCR_VI VEL2_BIT(7)
#define VEL2_HCR_VSE VEL2_BIT(8)
#define VEL2_HCR_FB VEL2_BIT(9)
#define VEL2_HCR_BSU VEL2_GENMASK(11, 10)
#define VEL2_HCR_DC VEL2_BIT(12)
#define VEL2_HCR_TWI VEL2_BIT(13)
#define VEL2_HCR_TWE VEL2_BIT(14)
#define VEL2_HCR_TID0 VEL2_BIT(15)
#define VEL2_HCR_TID1 VEL2_BIT(16)
#define VEL2_HCR_TID2 VEL2_BIT(17)
#define VEL2_HCR_TID3 VEL2_BIT(18)
#define VEL2_HCR_TSC VEL2_BIT(19)
#define VEL2_HCR_TIDCP VEL2_BIT(20)
#define VEL2_HCR_TACR VEL2_BIT(21)
#define VEL2_HCR_TSW VEL2_BIT(22)
#define VEL2_HCR_TPC VEL2_BIT(23)
#define VEL2_HCR_TPU VEL2_BIT(24)
#define VEL2_HCR_TTLB VEL2_BIT(25)
#define VEL2_HCR_TVM VEL2_BIT(26)
#define VEL2_HCR_TGE VEL2_BIT(27)
#define VEL2_HCR_TDZ VEL2_BIT(28)
#define VEL2_HCR_HCD VEL2_BIT(29)
#define VEL2_HCR_TRVM VEL2_BIT(30)
#define VEL2_HCR_RW VEL2_BIT(31)
#define VEL2_HCR_E2H VEL2_BIT(34)
#define VEL2_HCR_TLOR VEL2_BIT(35)
#define VEL2_HCR_TERR VEL2_BIT(36)
#define VEL2_HCR_TEA VEL2_BIT(37)
#define VEL2_HCR_APK VEL2_BIT(40)
#define VEL2_HCR_API VEL2_BIT(41)
#define VEL2_HCR_NV VEL2_BIT(42)
#define VEL2_HCR_NV1 VEL2_BIT(43)
#define VEL2_HCR_AT VEL2_BIT(44)
#define VEL2_HCR_NV2 VEL2_BIT(45)
#define VEL2_HCR_FWB VEL2_BIT(46)
#define VEL2_HCR_TID4 VEL2_BIT(49)
#define VEL2_HCR_TICAB VEL2_BIT(50)
#define VEL2_HCR_TOCU VEL2_BIT(52)
#define VEL2_HCR_ENSCXT VEL2_BIT(53)
#define VEL2_HCR_TTLBIS VEL2_BIT(54)
#define VEL2_HCR_TTLBOS VEL2_BIT(55)
#define VEL2_HCR_ATA VEL2_BIT(56)
#define VEL2_HCR_DCT VEL2_BIT(57)
#define VEL2_HCR_TID5 VEL2_BIT(58)

/* ---- CPTR_EL2 ----------------------------------------------------------- */

/*
 * CPTR_EL2 (Arm ARM D24.2, CPTR_EL2). With HCR_EL2.E2H == 0 the trap bits
 * below; with E2H == 1 the CPACR_EL1 layout (VEL2_CPACR_*) plus TAM[30] and
 * TCPAC[31], which sit at the same place in both layouts.
 */
#define VEL2_CPTR_NVHE_TZ VEL2_BIT(8) /* E2H=0 */
#define VEL2_CPTR_NVHE_TFP VEL2_BIT(10) /* E2H=0 */
#define VEL2_CPTR_NVHE_TSM VEL2_BIT(12) /* E2H=0 */
#define VEL2_CPTR_NVHE_TTA VEL2_BIT(20) /* E2H=0; CPACR layout: bit 28 */
#define VEL2_CPTR_TAM VEL2_BIT(30)
#define VEL2_CPTR_TCPAC VEL2_BIT(31)

/* CPACR_EL1 fields (Arm ARM D24.2, CPACR_EL1), also CPTR_EL2 with E2H=1. */
#define VEL2_CPACR_ZEN VEL2_GENMASK(17, 16)
#define VEL2_CPACR_FPEN VEL2_GENMASK(21, 20)
#define VEL2_CPACR_SMEN VEL2_GENMASK(25, 24)
#define VEL2_CPACR_TTA VEL2_BIT(28)
#define VEL2_CPACR_E0POE VEL2_BIT(29)
/* CPTR_EL2 with E2H=1 is that layout: its FP/SIMD and SVE enables,
 * 0b11 traps nothing, 0b01 EL0 (TGE=0: EL0 only), 0b00/0b10 EL1 and EL0
 * (and EL2 itself). */
#define VEL2_CPTR_FPEN VEL2_CPACR_FPEN
#define VEL2_CPTR_ZEN VEL2_CPACR_ZEN
/* Bit 0 of each E2H=1 enable: clear (0b00/0b10) traps EL1 and EL2 too. */
#define VEL2_CPTR_ZEN_EL1 VEL2_BIT(16)
#define VEL2_CPTR_FPEN_EL1 VEL2_BIT(20)

/* ---- CNTHCTL_EL2 -------------------------------------------------------- */

/* With HCR_EL2.E2H == 1 (Arm ARM D24.2, CNTHCTL_EL2): EL1 (and EL0 with
 * TGE=0) access to the physical counter and timer without a trap. */
#define VEL2_CNTHCTL_E2H_EL1PCTEN VEL2_BIT(10)
#define VEL2_CNTHCTL_E2H_EL1PCEN VEL2_BIT(11)
/* With E2H == 0 the same controls are EL1PCTEN[0], EL1PCEN[1]. */
#define VEL2_CNTHCTL_NVHE_EL1PCTEN VEL2_BIT(0)
#define VEL2_CNTHCTL_NVHE_EL1PCEN VEL2_BIT(1)
/*
 * FEAT_ECV, both layouts (Arm ARM D24.2, CNTHCTL_EL2): EL1TVT[13] traps
 * EL0/EL1 accesses to the EL1 virtual timer (CNTV_CTL/CVAL/TVAL_EL0),
 * EL1TVCT[14] EL0/EL1 reads of the virtual counter (CNTVCT_EL0,
 * CNTVCTSS_EL0); EL1NVPCT[15]/EL1NVVCT[16] the *_EL02 timer accesses
 * from EL1 under HCR_EL2.{NV2,NV1,NV} = {1,0,1}.
 */
#define VEL2_CNTHCTL_EL1TVT VEL2_BIT(13)
#define VEL2_CNTHCTL_EL1TVCT VEL2_BIT(14)
#define VEL2_CNTHCTL_EL1NVPCT VEL2_BIT(15)
#define VEL2_CNTHCTL_EL1NVVCT VEL2_BIT(16)

/* ---- TCR_EL1 ------------------------------------------------------------ */

/* TCR_EL1 fields (Arm ARM D24.2, TCR_EL1); also TCR_EL2 with E2H=1. */
#define VEL2_TCR_EPD0 VEL2_BIT(7)
#define VEL2_TCR_EPD1 VEL2_BIT(23)
#define VEL2_TCR_IPS VEL2_GENMASK(34, 32)
#define VEL2_TCR_TBI0 VEL2_BIT(37)
#define VEL2_TCR_TBI1 VEL2_BIT(38)
#define VEL2_TCR_HA VEL2_BIT(39)
#define VEL2_TCR_HD VEL2_BIT(40)
#define VEL2_TCR_HPD0 VEL2_BIT(41)
#define VEL2_TCR_HPD1 VEL2_BIT(42)
#define VEL2_TCR_HWU0 VEL2_GENMASK(46, 43) /* HWU059..HWU062 */
#define VEL2_TCR_TBID0 VEL2_BIT(51)
#define VEL2_TCR_E0PD0 VEL2_BIT(55)
#define VEL2_TCR_E0PD1 VEL2_BIT(56)
#define VEL2_TCR_TCMA0 VEL2_BIT(57)
#define VEL2_TCR_DS VEL2_BIT(59)
#define VEL2_TCR_MTX0 VEL2_BIT(60)

/* VTCR_EL2.SH0 (Arm ARM D24.2, VTCR_EL2). */
#define VEL2_VTCR_SH0 VEL2_GENMASK(13, 12)

/* ---- Translation table descriptors -------------------------------------- */

/*
 * VMSAv8-64 descriptors (Arm ARM D8.3 "Translation table descriptor
 * formats"): the bits vel2's walkers and the shadow stage 2 read and
 * write. TABLE is bit 1 of a table descriptor at levels 0-2 and of a page
 * descriptor at level 3. The S2 fields are the stage 2 layout.
 */
#define VEL2_DESC_VALID VEL2_BIT(0)
#define VEL2_DESC_TABLE VEL2_BIT(1)
#define VEL2_DESC_S2_MEMATTR VEL2_GENMASK(5, 2)
#define VEL2_DESC_S2AP_R VEL2_BIT(6)
#define VEL2_DESC_S2AP_W VEL2_BIT(7)
#define VEL2_DESC_SH VEL2_GENMASK(9, 8)
#define VEL2_DESC_AF VEL2_BIT(10)
#define VEL2_DESC_DBM VEL2_BIT(51)
#define VEL2_DESC_S2_XN VEL2_GENMASK(54, 53)

/* ---- PSTATE and SPSR_ELx ------------------------------------------------ */

/* SPSR_EL2 and SPSR_EL1, AArch64 layout (Arm ARM C5.2.19 SPSR_EL2). */
#define VEL2_PSR_MODE_MASK 0xfULL /* M[3:0] */
#define VEL2_PSR_MODE_EL0T 0x0ULL
#define VEL2_PSR_MODE_EL1T 0x4ULL
#define VEL2_PSR_MODE_EL1H 0x5ULL
#define VEL2_PSR_MODE_EL2T 0x8ULL
#define VEL2_PSR_MODE_EL2H 0x9ULL
#define VEL2_PSR_M_SP VEL2_BIT(0) /* M[0]: SP_ELx (h), not SP_EL0 (t) */
#define VEL2_PSR_M_RES1 VEL2_BIT(1) /* M[1]: reserved, an illegal return */
#define VEL2_PSR_M_EL VEL2_GENMASK(3, 2) /* M[3:2]: the EL */
#define VEL2_PSR_M_32 VEL2_BIT(4) /* M[4] (nRW): AArch32 */
#define VEL2_PSR_M_ALL VEL2_GENMASK(4, 0) /* M[4:0], M[4] = nRW */
#define VEL2_PSR_EL(pstate) VEL2_FIELD_GET(VEL2_PSR_M_EL, pstate)
#define VEL2_PSR_F VEL2_BIT(6)
#define VEL2_PSR_I VEL2_BIT(7)
#define VEL2_PSR_A VEL2_BIT(8)
#define VEL2_PSR_D VEL2_BIT(9)
#define VEL2_PSR_DAIF VEL2_GENMASK(9, 6)
#define VEL2_PSR_BTYPE VEL2_GENMASK(11, 10)
#define VEL2_PSR_SSBS VEL2_BIT(12)
#define VEL2_PSR_ALLINT VEL2_BIT(13)
#define VEL2_PSR_IL VEL2_BIT(20)
#define VEL2_PSR_SS VEL2_BIT(21)
#define VEL2_PSR_PAN VEL2_BIT(22)
#define VEL2_PSR_UAO VEL2_BIT(23)
#define VEL2_PSR_DIT VEL2_BIT(24)
#define VEL2_PSR_TCO VEL2_BIT(25)
#define VEL2_PSR_NZCV VEL2_GENMASK(31, 28)

/* ---- SCTLR_ELx ---------------------------------------------------------- */

/* Same place in SCTLR_EL1 and SCTLR_EL2 (Arm ARM D24.2, SCTLR_EL1). */
#define VEL2_SCTLR_M VEL2_BIT(0)
#define VEL2_SCTLR_C VEL2_BIT(2)
#define VEL2_SCTLR_SPAN VEL2_BIT(23)
#define VEL2_SCTLR_DSSBS VEL2_BIT(44)
#define VEL2_SCTLR_EPAN VEL2_BIT(57)
#define VEL2_SCTLR_SPINTMASK VEL2_BIT(62)

/* ---- ESR_ELx ------------------------------------------------------------ */

/*
 * Arm ARM D24.2 "ESR_EL2" and its per-EC "ISS encoding for ..." pages:
 *
 *   [63:56] RES0   [55:32] ISS2   [31:26] EC   [25] IL   [24:0] ISS
 */
#define VEL2_ESR_EC_MASK VEL2_GENMASK(31, 26)
#define VEL2_ESR_IL VEL2_BIT(25)
#define VEL2_ESR_ISS_MASK VEL2_GENMASK(24, 0)
#define VEL2_ESR_ISS2_MASK VEL2_GENMASK(55, 32)
#define VEL2_ESR_RES0_MASK VEL2_GENMASK(63, 56)

#define VEL2_ESR_EC(esr) ((unsigned int)VEL2_FIELD_GET(VEL2_ESR_EC_MASK, esr))
#define VEL2_ESR_ISS(esr) ((u32)((esr)&VEL2_ESR_ISS_MASK))

/* Exception classes (ESR_ELx.EC). */
enum vel2_ec {
	VEL2_EC_UNKNOWN = 0x00, /* UNDEFINED instruction, unknown reason */
	VEL2_EC_WFX = 0x01, /* WFI, WFE, WFIT, WFET */
	VEL2_EC_FP = 0x07, /* SVE/SIMD/FP access trap */
	VEL2_EC_PAC = 0x09, /* HCR_EL2.API trap */
	VEL2_EC_ILLEGAL = 0x0e, /* Illegal Execution state */
	VEL2_EC_SVC64 = 0x15,
	VEL2_EC_HVC64 = 0x16,
	VEL2_EC_SMC64 = 0x17,
	VEL2_EC_SYS64 = 0x18, /* MSR, MRS, SYS, SYSL */
	VEL2_EC_SVE = 0x19,
	VEL2_EC_ERET = 0x1a, /* ERET, ERETAA, ERETAB (EL2 only) */
	VEL2_EC_SME = 0x1d, /* SME access trap (CPTR_EL2.SMEN/TSM) */
	VEL2_EC_IABT_LOW = 0x20, /* Instruction Abort from a lower EL */
	VEL2_EC_IABT_CUR = 0x21, /* ... taken without a change in EL */
	VEL2_EC_PC_ALIGN = 0x22,
	VEL2_EC_DABT_LOW = 0x24, /* Data Abort from a lower EL */
	VEL2_EC_DABT_CUR = 0x25,
	VEL2_EC_SP_ALIGN = 0x26,
	VEL2_EC_SERROR = 0x2f,
	VEL2_EC_BREAKPT_LOW = 0x30,
	VEL2_EC_BREAKPT_CUR = 0x31,
	VEL2_EC_SOFTSTP_LOW = 0x32,
	VEL2_EC_SOFTSTP_CUR = 0x33,
	VEL2_EC_WATCHPT_LOW = 0x34,
	VEL2_EC_WATCHPT_CUR = 0x35,
};

/* EC 0x18: "ISS encoding for an exception from MSR, MRS, or System
 * instruction execution in AArch64 state". */
#define VEL2_ISS_SYS_RES0 VEL2_GENMASK(24, 22)
#define VEL2_ISS_SYS_OP0 VEL2_GENMASK(21, 20)
#define VEL2_ISS_SYS_OP2 VEL2_GENMASK(19, 17)
#define VEL2_ISS_SYS_OP1 VEL2_GENMASK(16, 14)
#define VEL2_ISS_SYS_CRN VEL2_GENMASK(13, 10)
#define VEL2_ISS_SYS_RT VEL2_GENMASK(9, 5)
#define VEL2_ISS_SYS_CRM VEL2_GENMASK(4, 1)
#define VEL2_ISS_SYS_READ VEL2_BIT(0) /* Direction: 1 = MRS/SYSL */

/* EC 0x1a: "ISS encoding for an exception from ERET, ERETAA, ERETAB". */
#define VEL2_ISS_ERET_RES0 VEL2_GENMASK(24, 2)
#define VEL2_ISS_ERET_AUTH VEL2_BIT(1) /* ERET: 1 = ERETAA/ERETAB */
#define VEL2_ISS_ERET_KEYB VEL2_BIT(0) /* ERETA: 1 = ERETAB */

/* EC 0x16/0x17: "ISS encoding for an exception from HVC or SVC / SMC". */
#define VEL2_ISS_CALL_IMM16 VEL2_GENMASK(15, 0)

/* EC 0x01: "ISS encoding for an exception from a WF* instruction". */
#define VEL2_ISS_WFX_CV VEL2_BIT(24)
#define VEL2_ISS_WFX_COND VEL2_GENMASK(23, 20)
#define VEL2_ISS_WFX_RT VEL2_GENMASK(9, 5)
#define VEL2_ISS_WFX_RV VEL2_BIT(2)
#define VEL2_ISS_WFX_TI VEL2_GENMASK(1, 0)
enum vel2_wfx_ti {
	VEL2_WFX_WFI = 0,
	VEL2_WFX_WFE = 1,
	VEL2_WFX_WFIT = 2,
	VEL2_WFX_WFET = 3,
};

/* EC 0x24/0x25: "ISS encoding for an exception from a Data Abort". */
#define VEL2_ISS_DABT_ISV VEL2_BIT(24)
#define VEL2_ISS_DABT_SAS VEL2_GENMASK(23, 22)
#define VEL2_ISS_DABT_SSE VEL2_BIT(21)
#define VEL2_ISS_DABT_SRT VEL2_GENMASK(20, 16)
#define VEL2_ISS_DABT_SF VEL2_BIT(15)
#define VEL2_ISS_DABT_AR VEL2_BIT(14)
#define VEL2_ISS_DABT_VNCR VEL2_BIT(13)
#define VEL2_ISS_ABT_SET VEL2_GENMASK(12, 11)
#define VEL2_ISS_ABT_FNV VEL2_BIT(10)
#define VEL2_ISS_ABT_EA VEL2_BIT(9)
#define VEL2_ISS_DABT_CM VEL2_BIT(8)
#define VEL2_ISS_ABT_S1PTW VEL2_BIT(7)
#define VEL2_ISS_DABT_WNR VEL2_BIT(6)
#define VEL2_ISS_ABT_FSC VEL2_GENMASK(5, 0)

/* EC 0x07 from AArch64: "ISS encoding for an exception from an access to
 * SVE, Advanced SIMD or floating-point functionality": CV[24], COND[23:20]. */
#define VEL2_ISS_FP_CV VEL2_BIT(24)
#define VEL2_ISS_FP_COND VEL2_GENMASK(23, 20)

/* Fault status codes (ISS.FSC / DFSC / IFSC). */
#define VEL2_FSC_SEA 0x10 /* Synchronous External abort, not on a walk */

/*
 * FEAT_MTE_PERM (Arm ARM D24.2 "ID_AA64PFR2_EL1", MTEPERM [3:0]): the
 * stage 2 NoTagAccess attribute, which vel2's shadow stage 2 does not
 * carry (src/core/idregs.c hides it).
 */
#define VEL2_ID_AA64PFR2_MTEPERM VEL2_GENMASK(3, 0)

/* ---- ID registers ------------------------------------------------------- */

/*
 * Feature fields of the ID registers vel2 reads or sanitises (Arm ARM
 * D24.2, each register's field descriptions). 0 means "not implemented"
 * for each of them.
 */
#define VEL2_ID_AA64PFR0_EL3 VEL2_GENMASK(15, 12)
#define VEL2_ID_AA64PFR0_CSV2 VEL2_GENMASK(59, 56)
#define VEL2_ID_AA64PFR1_SSBS VEL2_GENMASK(7, 4)
#define VEL2_ID_AA64PFR1_MTE VEL2_GENMASK(11, 8)
#define VEL2_ID_AA64PFR1_SME VEL2_GENMASK(27, 24)
#define VEL2_ID_AA64PFR1_CSV2_FRAC VEL2_GENMASK(35, 32)
#define VEL2_ID_AA64PFR1_NMI VEL2_GENMASK(39, 36)
#define VEL2_ID_AA64ISAR1_APA VEL2_GENMASK(7, 4)
#define VEL2_ID_AA64ISAR1_API VEL2_GENMASK(11, 8)
#define VEL2_ID_AA64ISAR1_GPA VEL2_GENMASK(27, 24)
#define VEL2_ID_AA64ISAR1_GPI VEL2_GENMASK(31, 28)
#define VEL2_ID_AA64ISAR2_GPA3 VEL2_GENMASK(11, 8)
#define VEL2_ID_AA64ISAR2_APA3 VEL2_GENMASK(15, 12)
#define VEL2_ID_AA64MMFR0_PARANGE VEL2_GENMASK(3, 0)
#define VEL2_ID_AA64MMFR0_TGRAN16 VEL2_GENMASK(23, 20)
#define VEL2_ID_AA64MMFR0_TGRAN4 VEL2_GENMASK(31, 28)
#define VEL2_ID_AA64MMFR0_FGT VEL2_GENMASK(59, 56)
#define VEL2_ID_AA64MMFR0_ECV VEL2_GENMASK(63, 60)
#define VEL2_ID_AA64MMFR1_HAFDBS VEL2_GENMASK(3, 0)
#define VEL2_ID_AA64MMFR1_PAN VEL2_GENMASK(23, 20)
#define VEL2_ID_AA64MMFR1_XNX VEL2_GENMASK(31, 28)
#define VEL2_ID_AA64MMFR2_NV VEL2_GENMASK(27, 24)
#define VEL2_ID_AA64MMFR2_ST VEL2_GENMASK(31, 28)
#define VEL2_ID_AA64MMFR4_NV_FRAC VEL2_GENMASK(23, 20)

/* Nested MMU (docs/nested-mmu.md): FEAT_TTL's TLBI level hints, the
 * stage 2 granule fields (52-bit support: TGran4_2 3, TGran16_2 3). */
#define VEL2_ID_AA64MMFR2_TTL VEL2_GENMASK(51, 48)
#define VEL2_ID_AA64MMFR0_TGRAN16_2 VEL2_GENMASK(35, 32)
#define VEL2_ID_AA64MMFR0_TGRAN4_2 VEL2_GENMASK(43, 40)

/* The value of ID field `mask` in register value `v`. */
#define VEL2_ID_FIELD(mask, v) VEL2_FIELD_GET(mask, v)

/* ---- MDCR_EL2, ID_AA64DFR0_EL1, the debug/PMU trap facts (l2traps) ------ */
/*
 * MDCR_EL2 fields (Arm ARM D24.2 / D19, MDCR_EL2). HPMN limits the event
 * counters EL1/EL0 can use (PMCR_EL0.N read at EL1/EL0 returns it); the
 * T* bits trap EL1/EL0 debug and PMU accesses to EL2 (EC 0x18); TDE also
 * routes debug exceptions from EL1/EL0 to EL2 and makes TDA/TDOSA/TDRA
 * behave as 1. Optional fields, with the feature that gives them:
 */
#define VEL2_MDCR_HPMN VEL2_GENMASK(4, 0)
#define VEL2_MDCR_TPMCR VEL2_BIT(5)
#define VEL2_MDCR_TPM VEL2_BIT(6)
#define VEL2_MDCR_HPME VEL2_BIT(7)
#define VEL2_MDCR_TDE VEL2_BIT(8)
#define VEL2_MDCR_TDA VEL2_BIT(9)
#define VEL2_MDCR_TDOSA VEL2_BIT(10)
#define VEL2_MDCR_TDRA VEL2_BIT(11)
#define VEL2_MDCR_E2PB VEL2_GENMASK(13, 12) /* FEAT_SPE */
#define VEL2_MDCR_TPMS VEL2_BIT(14) /* FEAT_SPE */
#define VEL2_MDCR_HPMD VEL2_BIT(17) /* FEAT_PMUv3p1 */
#define VEL2_MDCR_TTRF VEL2_BIT(19) /* FEAT_TRF */
#define VEL2_MDCR_HCCD VEL2_BIT(23) /* FEAT_PMUv3p5 */
#define VEL2_MDCR_E2TB VEL2_GENMASK(25, 24) /* FEAT_TRBE */
#define VEL2_MDCR_HLP VEL2_BIT(26) /* FEAT_PMUv3p5 */
#define VEL2_MDCR_TDCC VEL2_BIT(27) /* FEAT_FGT */

/* ID_AA64DFR0_EL1 fields (Arm ARM D24.2 ID_AA64DFR0_EL1). */
#define VEL2_ID_AA64DFR0_TRACEVER VEL2_GENMASK(7, 4)
#define VEL2_ID_AA64DFR0_PMUVER VEL2_GENMASK(11, 8)
#define VEL2_ID_AA64DFR0_PMSVER VEL2_GENMASK(35, 32)
#define VEL2_ID_AA64DFR0_TRACEFILT VEL2_GENMASK(43, 40)
#define VEL2_ID_AA64DFR0_TRACEBUFFER VEL2_GENMASK(47, 44)
#define VEL2_ID_AA64DFR0_HPMN0 VEL2_GENMASK(63, 60)
/* PMUVer: 1 PMUv3, 4 PMUv3p1, 5 PMUv3p4, 6 PMUv3p5, ...; 0xf IMPDEF. */
#define VEL2_PMUVER_IMPDEF 0xf
/* ID_AA64PFR0_EL1.AMU [47:44]: FEAT_AMUv1. */
#define VEL2_ID_AA64PFR0_AMU VEL2_GENMASK(47, 44)
/* Debug exceptions from a lower EL (EC 0x30/0x32/0x34 above) and BRK. */
#define VEL2_EC_BRK64 0x3c

/* ---- Pointer authentication, for ERETAA/ERETAB (src/trap/pac_auth.c) ---- */
/*
 * ID_AA64ISAR1_EL1.APA/API and ID_AA64ISAR2_EL1.APA3 values (Arm ARM D24.2):
 * 1 FEAT_PAuth, 2 FEAT_EPAC, 3 FEAT_PAuth2, 4 FEAT_FPAC, 5 FEAT_FPACCOMBINE,
 * each including the ones below it.
 */
#define VEL2_PAUTH_PAUTH2 3
#define VEL2_PAUTH_FPAC 4
#define VEL2_PAUTH_FPACCOMBINE 5
/* ESR_ELx.EC 0x1c: "exception from a PAC authentication failure"
 * (FEAT_FPAC); ISS[1] = data key, ISS[0] = key B. */
#define VEL2_EC_FPAC 0x1c
#define VEL2_ISS_FPAC_KEYB VEL2_BIT(0)
/* AArch32 (EL0) trap classes: MCR/MRC and MCRR/MRRC to CP15, MCR/MRC,
 * LDC/STC and MRRC to CP14 (Arm ARM D24.2 ESR_EL2.EC). */
#define VEL2_EC_CP15_32 0x03
#define VEL2_EC_CP15_64 0x04
#define VEL2_EC_CP14_32 0x05
#define VEL2_EC_CP14_LS 0x06
#define VEL2_EC_CP14_64 0x0c
/* ID_AA64MMFR2_EL1.VARange [19:16]: 1 = 52-bit VAs with 64 KiB pages. */
#define VEL2_ID_AA64MMFR2_VARANGE VEL2_GENMASK(19, 16)
/* The PAC-relevant TCR fields: TCR_EL2 with E2H=0 (one VA range) ... */
#define VEL2_TCR_EL2_TBI VEL2_BIT(20)
#define VEL2_TCR_EL2_TBID VEL2_BIT(29)
#define VEL2_TCR_EL2_DS VEL2_BIT(32)
/* ... and TCR_EL1 / TCR_EL2 with E2H=1 (two ranges, bit 55 selects;
 * TBI0/TBI1/TBID0/DS are with the other TCR_EL1 fields above). */
#define VEL2_TCR_T0SZ VEL2_GENMASK(5, 0)
#define VEL2_TCR_TG0 VEL2_GENMASK(15, 14) /* 0b01: 64 KiB */
#define VEL2_TCR_T1SZ VEL2_GENMASK(21, 16)
#define VEL2_TCR_TG1 VEL2_GENMASK(31, 30) /* 0b11: 64 KiB */
#define VEL2_TCR_TBID1 VEL2_BIT(52)
/* SCTLR_ELx.EnIA/EnIB: instruction keys A and B enabled at that EL. */
#define VEL2_SCTLR_ENIA VEL2_BIT(31)
#define VEL2_SCTLR_ENIB VEL2_BIT(30)

/* ---- Self-hosted debug (src/core/hwcfg_debug.c) ------------------------ */
/* MDSCR_EL1 (Arm ARM D24.3): KDE [13] enables debug exceptions at EL_D
 * itself, MDE [15] breakpoints and watchpoints. */
#define VEL2_MDSCR_KDE VEL2_BIT(13)
#define VEL2_MDSCR_MDE VEL2_BIT(15)
/* DBGBCR<n>_EL1 and DBGWCR<n>_EL1 (Arm ARM D24.3): E [0], PMC (PAC for
 * watchpoints) [2:1], HMC [13], SSC [15:14]. */
#define VEL2_DBGxCR_E VEL2_BIT(0)
#define VEL2_DBGxCR_PMC VEL2_GENMASK(2, 1)
#define VEL2_DBGxCR_HMC VEL2_BIT(13)
#define VEL2_DBGxCR_SSC VEL2_GENMASK(15, 14)
/* HDFGRTR_EL2/HDFGWTR_EL2 (FEAT_FGT, Arm ARM D24.2): DBGBCRn_EL1 [0],
 * DBGWCRn_EL1 [2], MDSCR_EL1 [4]. */
#define VEL2_HDFGxTR_DBGBCR VEL2_BIT(0)
#define VEL2_HDFGxTR_DBGWCR VEL2_BIT(2)
#define VEL2_HDFGxTR_MDSCR VEL2_BIT(4)

/* ---- ICH_HCR_EL2 trap controls (GIC IHI 0069, ICH_HCR_EL2) ------------- */
/* TC [10] common ICC_* registers, TALL0 [11] Group 0, TALL1 [12] Group 1,
 * TSEI [13] locally generated SEIs, TDIR [14] ICC_DIR_EL1. */
#define VEL2_ICH_HCR_TC VEL2_BIT(10)
#define VEL2_ICH_HCR_TALL0 VEL2_BIT(11)
#define VEL2_ICH_HCR_TALL1 VEL2_BIT(12)
#define VEL2_ICH_HCR_TSEI VEL2_BIT(13)
#define VEL2_ICH_HCR_TDIR VEL2_BIT(14)

/* ---- AArch32 EL1/EL0 under an AArch64 EL2 (src/trap/eret.c, inject.c) --- */
/*
 * ID_AA64PFR0_EL1.EL0 [3:0] / EL1 [7:4]: 1 AArch64 only, 2 AArch64 and
 * AArch32 (Arm ARM D24.2 ID_AA64PFR0_EL1).
 */
#define VEL2_ID_AA64PFR0_EL0_STATE VEL2_GENMASK(3, 0)
#define VEL2_ID_AA64PFR0_EL1_STATE VEL2_GENMASK(7, 4)
#define VEL2_ID_AA64PFR0_AARCH32 2
/*
 * AArch32 PSTATE as an SPSR_ELx holds it for an exception from, or a
 * return to, AArch32 (Arm ARM C5.2.19 SPSR_EL2, "exception taken from
 * AArch32 state"; G1 "Processor modes"): M[4:0] the mode, T [5], F/I/A
 * [8:6], E [9], IT[7:2] [15:10] and IT[1:0] [26:25], GE [19:16], IL [20],
 * SS [21], PAN [22], SSBS [23], DIT [24], Q [27], NZCV [31:28].
 */
#define VEL2_PSR32_MODE_USR 0x10 /* EL0 */
#define VEL2_PSR32_MODE_FIQ 0x11 /* EL1 */
#define VEL2_PSR32_MODE_IRQ 0x12 /* EL1 */
#define VEL2_PSR32_MODE_SVC 0x13 /* EL1 */
#define VEL2_PSR32_MODE_MON 0x16 /* EL3 */
#define VEL2_PSR32_MODE_ABT 0x17 /* EL1 */
#define VEL2_PSR32_MODE_HYP 0x1a /* EL2 */
#define VEL2_PSR32_MODE_UND 0x1b /* EL1 */
#define VEL2_PSR32_MODE_SYS 0x1f /* EL1 */
#define VEL2_PSR32_T VEL2_BIT(5)
#define VEL2_PSR32_F VEL2_BIT(6)
#define VEL2_PSR32_I VEL2_BIT(7)
#define VEL2_PSR32_A VEL2_BIT(8)
#define VEL2_PSR32_E VEL2_BIT(9)
#define VEL2_PSR32_IT_LO VEL2_GENMASK(15, 10) /* IT[7:2] */
#define VEL2_PSR32_SSBS VEL2_BIT(23)
#define VEL2_PSR32_IT_HI VEL2_GENMASK(26, 25) /* IT[1:0] */
/*
 * SCTLR as AArch32 EL1 sees it (SCTLR_EL1[31:0], Arm ARM G8 SCTLR): V
 * [13] high vectors at 0xffff0000, SPAN [23], EE [25], TE [30] take
 * exceptions in T32, DSSBS [31].
 */
#define VEL2_SCTLR32_V VEL2_BIT(13)
#define VEL2_SCTLR32_SPAN VEL2_BIT(23)
#define VEL2_SCTLR32_EE VEL2_BIT(25)
#define VEL2_SCTLR32_TE VEL2_BIT(30)
#define VEL2_SCTLR32_DSSBS VEL2_BIT(31)
/* TTBCR.EAE [31] (TCR_EL1[31] from AArch32): the long-descriptor format,
 * and with it the LPAE layout of DFSR/IFSR (Arm ARM G8 TTBCR, DFSR). */
#define VEL2_TTBCR_EAE VEL2_BIT(31)
/*
 * DFSR/IFSR (Arm ARM G8 DFSR, IFSR): WnR [11] (DFSR), LPAE [9] says the
 * format; the synchronous external abort, not on a walk, is FS 0b01000
 * ([10] = 0, [3:0] = 0b1000) in the short-descriptor format and STATUS
 * 0b010000 ([5:0]) in the long one.
 */
#define VEL2_FSR32_WNR VEL2_BIT(11)
#define VEL2_FSR32_LPAE VEL2_BIT(9)
#define VEL2_FSR32_SHORT_SEA 0x008
#define VEL2_FSR32_LPAE_SEA 0x010
/*
 * Exception vector offsets and return-link offsets of AArch32 EL1 (Arm
 * ARM G1 "Exception vectors", AArch32.TakeUndefInstrException,
 * AArch32.TakePrefetchAbortException, AArch32.TakeDataAbortException):
 * Undefined 0x04 (LR = instruction + 4 in A32, + 2 in T32), Prefetch
 * Abort 0x0c (+4), Data Abort 0x10 (+8).
 */
#define VEL2_VEC32_UND 0x04
#define VEL2_VEC32_PABT 0x0c
#define VEL2_VEC32_DABT 0x10
#define VEL2_VEC32_HIGH 0xffff0000ULL
/*
 * AArch64 views of AArch32 banked registers an exception entry writes
 * (Arm ARM D1 "Mapping of the general-purpose registers between the
 * Execution states"): LR_abt is X20, LR_und is X22.
 */
#define VEL2_X_LR_ABT 20
#define VEL2_X_LR_UND 22
/*
 * Exception classes only AArch32 state raises (Arm ARM D24.2 ESR_EL2.EC):
 * VMRS of an ID register (MVFR0-2, FPSID) trapped by HCR_EL2.TID3/TID0,
 * SVC/HVC/SMC from AArch32. Their ISS has CV [24] and COND [23:20]; a
 * trapped MCR/MRC (EC 0x03, 0x05) also Opc2 [19:17], Opc1 [16:14], CRn
 * [13:10], Rt [9:5], CRm [4:1], Direction [0] (1: read), and a VMRS (EC
 * 0x08) the same fields, CRn being the register (reg) of VMRS.
 */
#define VEL2_EC_CP10_ID 0x08
#define VEL2_EC_SVC32 0x11
#define VEL2_EC_HVC32 0x12
#define VEL2_EC_SMC32 0x13
/* Debug exceptions only AArch32 raises, routed to EL2 by MDCR_EL2.TDE:
 * BKPT (0x38) and Vector Catch (0x3a). */
#define VEL2_EC_BKPT32 0x38
#define VEL2_EC_VECTOR_CATCH 0x3a
#define VEL2_ISS_CP_OPC2 VEL2_GENMASK(19, 17)
#define VEL2_ISS_CP_OPC1 VEL2_GENMASK(16, 14)
#define VEL2_ISS_CP_CRN VEL2_GENMASK(13, 10)
#define VEL2_ISS_CP_RT VEL2_GENMASK(9, 5)
#define VEL2_ISS_CP_CRM VEL2_GENMASK(4, 1)
#define VEL2_ISS_CP_READ VEL2_BIT(0)

/* ---- GICv3 virtual CPU interface fields (GIC IHI 0069, ICH_*_EL2) ------- */
/* ICH_HCR_EL2: En [0] enables the virtual CPU interface; the maintenance
 * interrupt enables UIE [1], LRENPIE [2], NPIE [3], VGrp0EIE [4],
 * VGrp0DIE [5], VGrp1EIE [6], VGrp1DIE [7]; EOIcount [31:27]. */
#define VEL2_ICH_HCR_EN VEL2_BIT(0)
#define VEL2_ICH_HCR_UIE VEL2_BIT(1)
#define VEL2_ICH_HCR_LRENPIE VEL2_BIT(2)
#define VEL2_ICH_HCR_NPIE VEL2_BIT(3)
#define VEL2_ICH_HCR_VGRP0EIE VEL2_BIT(4)
#define VEL2_ICH_HCR_VGRP0DIE VEL2_BIT(5)
#define VEL2_ICH_HCR_VGRP1EIE VEL2_BIT(6)
#define VEL2_ICH_HCR_VGRP1DIE VEL2_BIT(7)
#define VEL2_ICH_HCR_EOICOUNT VEL2_GENMASK(31, 27)
/* ICH_LR<n>_EL2: State [63:62] (0b00 invalid, 0b01 pending), HW [61],
 * Priority [55:48], EOI [41] (with HW == 0: EOI maintenance requested). */
#define VEL2_ICH_LR_STATE VEL2_GENMASK(63, 62)
#define VEL2_ICH_LR_STATE_PENDING VEL2_BIT(62)
#define VEL2_ICH_LR_HW VEL2_BIT(61)
#define VEL2_ICH_LR_PRIORITY VEL2_GENMASK(55, 48)
#define VEL2_ICH_LR_EOI VEL2_BIT(41)
/* ICH_VMCR_EL2: VENG0 [0], VENG1 [1], VCBPR [4], VBPR1 [20:18],
 * VBPR0 [23:21]. */
#define VEL2_ICH_VMCR_VENG0 VEL2_BIT(0)
#define VEL2_ICH_VMCR_VENG1 VEL2_BIT(1)
#define VEL2_ICH_VMCR_VCBPR VEL2_BIT(4)
#define VEL2_ICH_VMCR_VBPR1 VEL2_GENMASK(20, 18)
#define VEL2_ICH_VMCR_VBPR0 VEL2_GENMASK(23, 21)
/* ICH_VTR_EL2: ListRegs [4:0] (number of list registers - 1), PREbits
 * [28:26] and PRIbits [31:29] (preemption / priority bits - 1). */
#define VEL2_ICH_VTR_LISTREGS VEL2_GENMASK(4, 0)
#define VEL2_ICH_VTR_PREBITS VEL2_GENMASK(28, 26)
#define VEL2_ICH_VTR_PRIBITS VEL2_GENMASK(31, 29)

#endif /* VEL2_ARCH_H */
