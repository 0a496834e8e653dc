// SPDX-License-Identifier: MIT
/*
 * The authentication step of ERETAA/ERETAB (Arm ARM C6.2 "ERETAA, ERETAB"):
 * target = AuthIA(ELR_ELx, SP, TRUE) or AuthIB(...), then the exception
 * return to that target. AuthIA/AuthIB (Arm ARM J1 shared/functions/
 * pointer authentication) return X unchanged when SCTLR_ELx.EnIA/EnIB is 0,
 * else Auth(X, SP, APIxKey_EL1, data=FALSE, key_number, is_combined=TRUE):
 *
 *  - the PAC field of the pointer is bits [54:bottom_PAC_bit], plus [63:56]
 *    when the regime does not use top-byte tagging for instruction
 *    addresses (EffectiveTBI: TBI and not TBID); bottom_PAC_bit is
 *    64 - TxSZ of the range bit 55 selects (CalculateBottomPACBit);
 *  - original_ptr is the pointer with the field replaced by copies of bit
 *    55; PAC = ComputePAC(original_ptr, modifier, key);
 *  - without FEAT_PAuth2 the field must equal PAC's bits: the result is
 *    original_ptr, or on a mismatch original_ptr with the error code
 *    key_number:NOT(key_number) in bits [54:53] (tagged) or [62:61];
 *  - with FEAT_PAuth2 the result is the pointer with PAC XORed into the
 *    field; with FEAT_FPACCOMBINE a field that is then not all copies of
 *    bit 55 is a PAC fail exception (EC 0x1c) instead of the return.
 *
 * ComputePAC is the CPU's own (QARMA5, QARMA3 or IMPLEMENTATION DEFINED),
 * so vel2 does not compute it: the backend runs PACGA with the guest's
 * instruction key moved into the generic key register, which yields
 * ComputePAC<63:32> (docs/traps.md, "ERETAA/ERETAB").
 */
#include <vel2/hw.h>

#include "handlers.h"

/* The PACGA result holds ComputePAC<63:32>; the rest is not available. */
#define PACGA_BITS VEL2_GENMASK(63, 32)

/*
 * Can PACGA stand in for the address key's ComputePAC? Only when the
 * generic and the address authentication use the same algorithm
 * (ComputePAC picks it per kind: Arm ARM UsePACQARMA5/UsePACQARMA3/
 * UsePACIMP). Returns the address authentication level (APA/API/APA3
 * value), 0 if it cannot.
 */
static unsigned int pauth_level(const struct vel2_vcpu *vcpu)
{
	u64 isar1 = vel2_rd_stored(vcpu, ID_AA64ISAR1_EL1);
	u64 isar2 = vel2_rd_stored(vcpu, ID_AA64ISAR2_EL1);
	unsigned int apa = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_APA, isar1);
	unsigned int api = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_API, isar1);
	unsigned int apa3 = VEL2_ID_FIELD(VEL2_ID_AA64ISAR2_APA3, isar2);

	if (apa && VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_GPA, isar1))
		return apa;
	if (api && VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_GPI, isar1))
		return api;
	if (apa3 && VEL2_ID_FIELD(VEL2_ID_AA64ISAR2_GPA3, isar2))
		return apa3;
	return 0;
}

struct pac_field {
	bool tbi; /* EffectiveTBI for an instruction address */
	unsigned int bottom; /* bottom_PAC_bit */
};

/*
 * EffectiveTBI(ptr, IsInstr=TRUE, el) and CalculateBottomPACBit(ptr<55>)
 * for the regime of `el`: EL1&0 (two ranges), EL2&0 (E2H=1, two ranges,
 * TCR_EL2 in the TCR_EL1 layout) or EL2 (E2H=0, one range).
 */
static struct pac_field pac_field(struct vel2_vcpu *vcpu, unsigned int el,
				  u64 ptr)
{
	u64 mmfr2 = vel2_rd_stored(vcpu, ID_AA64MMFR2_EL1);
	bool two = el < 2 || vel2_vcpu_e2h(vcpu);
	u64 tcr = vel2_rd(vcpu,
			  el < 2 ? VEL2_SYSREG_TCR_EL1 : VEL2_SYSREG_TCR_EL2);
	bool upper = two && (ptr & VEL2_BIT(55));
	struct pac_field f;
	unsigned int tsz, max, min;
	bool g64k, ds;

	if (!two) {
		tsz = VEL2_FIELD_GET(VEL2_TCR_T0SZ, tcr);
		g64k = VEL2_FIELD_GET(VEL2_TCR_TG0, tcr) == 1;
		ds = tcr & VEL2_TCR_EL2_DS;
		f.tbi = (tcr & VEL2_TCR_EL2_TBI) && !(tcr & VEL2_TCR_EL2_TBID);
	} else if (upper) {
		tsz = VEL2_FIELD_GET(VEL2_TCR_T1SZ, tcr);
		g64k = VEL2_FIELD_GET(VEL2_TCR_TG1, tcr) == 3;
		ds = tcr & VEL2_TCR_DS;
		f.tbi = (tcr & VEL2_TCR_TBI1) && !(tcr & VEL2_TCR_TBID1);
	} else {
		tsz = VEL2_FIELD_GET(VEL2_TCR_T0SZ, tcr);
		g64k = VEL2_FIELD_GET(VEL2_TCR_TG0, tcr) == 1;
		ds = tcr & VEL2_TCR_DS;
		f.tbi = (tcr & VEL2_TCR_TBI0) && !(tcr & VEL2_TCR_TBID0);
	}
	/*
	 * Out-of-range TxSZ is CONSTRAINED UNPREDICTABLE (FORCE to the limit
	 * or NONE); vel2 forces, as QEMU does. The limits: 39 without
	 * FEAT_TTST (ID_AA64MMFR2_EL1.ST), else 48 (47 with 64 KiB pages);
	 * 12 with 52-bit VAs (FEAT_LVA with 64 KiB, FEAT_LPA2 with DS), 16.
	 */
	max = !VEL2_ID_FIELD(VEL2_ID_AA64MMFR2_ST, mmfr2) ? 39 : g64k ? 47 : 48;
	min = (g64k && VEL2_ID_FIELD(VEL2_ID_AA64MMFR2_VARANGE, mmfr2)) || ds ?
		      12 :
		      16;
	if (tsz > max)
		tsz = max;
	if (tsz < min)
		tsz = min;
	f.bottom = 64 - tsz;
	return f;
}

bool vel2_eret_auth(struct vel2_vcpu *vcpu, unsigned int el, bool key_b,
		    u64 ptr, u64 *target)
{
	u64 sctlr = vel2_rd(vcpu, el < 2 ? VEL2_SYSREG_SCTLR_EL1 :
					   VEL2_SYSREG_SCTLR_EL2);
	unsigned int level = pauth_level(vcpu);
	u64 keep, field, orig, pac, sp, err;
	struct pac_field f;
	bool match;

	*target = ptr;
	/* AuthIA/AuthIB: a disabled key returns X as it is. */
	if (!(sctlr & (key_b ? VEL2_SCTLR_ENIB : VEL2_SCTLR_ENIA)) || !level)
		return true;

	/* The modifier: SP[] at the current EL, SP_ELx or SP_EL0. */
	if (vcpu->pstate & VEL2_PSR_M_SP)
		sp = vel2_rd(vcpu,
			     el == 2 ? VEL2_SYSREG_SP_EL2 : VEL2_SYSREG_SP_EL1);
	else
		sp = vel2_rd(vcpu, VEL2_SYSREG_SP_EL0);

	f = pac_field(vcpu, el, ptr);
	keep = VEL2_GENMASK(f.bottom - 1, 0) |
	       (f.tbi ? VEL2_GENMASK(63, 56) : 0);
	field = VEL2_GENMASK(54, f.bottom) | (f.tbi ? 0 : VEL2_GENMASK(63, 56));
	/* original_ptr: the field and bit 55 as copies of bit 55. */
	if (ptr & VEL2_BIT(55))
		orig = (ptr & keep) | ~keep;
	else
		orig = ptr & keep;
	pac = vel2_hw_pacga_ikey(key_b, orig, sp);

	/*
	 * The field holds PAC (before FEAT_PAuth2) or PAC XOR the extension
	 * bits (AddPAC with FEAT_PAuth2). Only PAC<63:32> is known: below
	 * bit 32 (a VA range under 2^32) the field is taken as matching.
	 */
	if (level < VEL2_PAUTH_PAUTH2)
		match = !((ptr ^ pac) & field & PACGA_BITS);
	else
		match = !((ptr ^ pac ^ orig) & field & PACGA_BITS);
	if (match) {
		*target = orig;
		return true;
	}
	if (level < VEL2_PAUTH_PAUTH2) {
		/* error_code = key_number:NOT(key_number): A 0b01, B 0b10 */
		err = key_b ? 2 : 1;
		*target = (orig & ~(f.tbi ? VEL2_GENMASK(54, 53) :
					    VEL2_GENMASK(62, 61))) |
			  (err << (f.tbi ? 53 : 61));
		return true;
	}
	*target = ptr ^ (pac & field & PACGA_BITS);
	return level < VEL2_PAUTH_FPACCOMBINE;
}
