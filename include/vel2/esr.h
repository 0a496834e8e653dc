/* SPDX-License-Identifier: MIT */
/*
 * Exception Syndrome Register (ESR_EL2 / ESR_EL1) layouts, for the exception
 * classes a nested hypervisor meets. Field positions are from the Arm ARM
 * (DDI 0487), D24.2 "ESR_EL2" and its per-EC "ISS encoding for ..." pages:
 *
 *   [63:56] RES0   [55:32] ISS2   [31:26] EC   [25] IL   [24:0] ISS
 */
#ifndef VEL2_ESR_H
#define VEL2_ESR_H

#include <vel2/types.h>

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

/* A decoded syndrome. Which member of the union is valid follows from ec. */
struct vel2_esr {
	u64 raw;
	u32 iss;
	u32 iss2;
	u8 ec;
	bool il; /* 32-bit instruction */
	union {
		struct { /* VEL2_EC_SYS64 */
			u16 enc; /* VEL2_SYS_ENC packing, as the catalog */
			u8 op0, op1, crn, crm, op2;
			u8 rt;
			bool read; /* MRS or SYSL */
		} sys;
		struct { /* VEL2_EC_ERET */
			bool auth; /* ERETAA or ERETAB */
			bool key_b; /* ERETAB */
		} eret;
		struct { /* VEL2_EC_HVC64, VEL2_EC_SMC64 */
			u16 imm16;
		} call;
		struct { /* VEL2_EC_WFX */
			u8 ti; /* enum vel2_wfx_ti */
			bool rv;
			u8 rt;
		} wfx;
		struct { /* VEL2_EC_DABT_*, VEL2_EC_IABT_* */
			bool isv, sse, sf, ar, vncr, fnv, ea, cm, s1ptw, wnr;
			u8 sas, srt, set, fsc;
		} abt;
	};
};

/*
 * Decode `esr` into `out`. Returns 0, or -VEL2_EINVAL when the value cannot
 * be a syndrome the hardware reports for an exception taken to EL2 from a
 * lower EL: bits [63:56] set, a RES0 ISS field set in a layout decoded here,
 * IL clear for a class that only a 32-bit A64 instruction raises, or a class
 * that only exists for exceptions taken without a change of EL. `out` is
 * filled in either way (raw, ec, il, iss, iss2 at least).
 */
int vel2_esr_decode(u64 esr, struct vel2_esr *out);

/* ESR value for an exception with no ISS: EC, IL=1 (A64 instruction). */
static inline u64 vel2_esr_make(unsigned int ec, u32 iss)
{
	return VEL2_FIELD_PREP(VEL2_ESR_EC_MASK, ec) | VEL2_ESR_IL |
	       (iss & VEL2_ESR_ISS_MASK);
}

#endif /* VEL2_ESR_H */
