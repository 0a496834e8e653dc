/* SPDX-License-Identifier: MIT */
/*
 * Decoding an Exception Syndrome Register (ESR_EL2 / ESR_EL1) value, for
 * the exception classes a nested hypervisor meets. The field positions
 * themselves are architecture facts: include/vel2/arch.h.
 */
#ifndef VEL2_ESR_H
#define VEL2_ESR_H

#include <vel2/arch.h>

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
