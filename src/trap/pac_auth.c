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
 * ComputePAC is the CPU's own algorithm for the key kind (Arm ARM
 * ComputePAC: UsePACQARMA5, UsePACQARMA3, UsePACIMP), named by the ID
 * fields: APA (QARMA5), APA3 (QARMA3), API (IMPLEMENTATION DEFINED) for
 * the address keys, GPA/GPA3/GPI for the generic one. vel2 passes these
 * fields to the guest unchanged (src/core/idregs.c), so the guest's are
 * the CPU's. Two ways to compute it (docs/traps.md, "ERETAA/ERETAB"):
 *  - PACGA with the guest's instruction key moved into the generic key
 *    register (vel2_hw_pacga_ikey): cheap, but only ComputePAC<63:32>,
 *    and only when the generic algorithm is the address one;
 *  - the architected cipher in software (vel2_hw_qarma_ikey, QARMA5 or
 *    QARMA3): all 64 bits, a few thousand instructions.
 * PACGA is used when it is exact (same algorithm, PAC field within bits
 * [63:32]), the software cipher for the rest. An IMPLEMENTATION DEFINED
 * address algorithm (QEMU -cpu max's default) has no software form: PACGA
 * with the same generic algorithm checks the field's bits [63:32] only,
 * without it the ELR is not authenticated (the documented limits).
 */
#include <vel2/hw.h>

#include "handlers.h"

/* The PACGA result holds ComputePAC<63:32>; the rest is not available. */
#define PACGA_BITS VEL2_GENMASK(63, 32)

enum pac_alg { PAC_NONE, PAC_QARMA5, PAC_QARMA3, PAC_IMPDEF };

/*
 * The address (isgeneric FALSE) or generic algorithm, as ComputePAC
 * picks it, and for the address keys the authentication level (the
 * APA/API/APA3 value, VEL2_PAUTH_*). An implementation has at most one
 * algorithm of each kind: the Arm ARM's field descriptions (D24.2
 * ID_AA64ISAR1_EL1.APA/API, ID_AA64ISAR2_EL1.APA3, and GPA/GPI/GPA3)
 * allow only one of the three fields to be nonzero.
 */
static enum pac_alg pac_alg(const struct vel2_vcpu *vcpu, bool generic,
			    unsigned int *level)
{
	u64 isar1 = vel2_rd_stored(vcpu, ID_AA64ISAR1_EL1);
	u64 isar2 = vel2_rd_stored(vcpu, ID_AA64ISAR2_EL1);
	unsigned int q5, imp, q3;

	if (generic) {
		q5 = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_GPA, isar1);
		imp = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_GPI, isar1);
		q3 = VEL2_ID_FIELD(VEL2_ID_AA64ISAR2_GPA3, isar2);
	} else {
		q5 = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_APA, isar1);
		imp = VEL2_ID_FIELD(VEL2_ID_AA64ISAR1_API, isar1);
		q3 = VEL2_ID_FIELD(VEL2_ID_AA64ISAR2_APA3, isar2);
	}
	*level = q5 | imp | q3;
	return q5 ? PAC_QARMA5 : q3 ? PAC_QARMA3 : imp ? PAC_IMPDEF : PAC_NONE;
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

/*
 * ComputePAC(orig, sp, key) for the PAC field `field`: *pac, and in
 * *known the bits of it that are exact. False: none can be computed.
 */
static bool compute_pac(const struct vel2_vcpu *vcpu, bool key_b, u64 orig,
			u64 sp, u64 field, u64 *pac, u64 *known)
{
	unsigned int level, glevel;
	enum pac_alg alg = pac_alg(vcpu, false, &level);
	bool same = pac_alg(vcpu, true, &glevel) == alg;

	if (same && (!(field & ~PACGA_BITS) || alg == PAC_IMPDEF)) {
		*pac = vel2_hw_pacga_ikey(key_b, orig, sp);
		*known = PACGA_BITS;
		return true;
	}
	if (alg == PAC_QARMA5 || alg == PAC_QARMA3) {
		*pac = vel2_hw_qarma_ikey(key_b, orig, sp, alg == PAC_QARMA3);
		*known = ~0ULL;
		return true;
	}
	return false;
}

bool vel2_eret_auth(struct vel2_vcpu *vcpu, unsigned int el, bool key_b,
		    u64 ptr, u64 *target)
{
	u64 sctlr = vel2_rd(vcpu, el < 2 ? VEL2_SYSREG_SCTLR_EL1 :
					   VEL2_SYSREG_SCTLR_EL2);
	unsigned int level;
	u64 keep, field, orig, pac, known, sp, err;
	struct pac_field f;
	bool match;

	*target = ptr;
	/* AuthIA/AuthIB: a disabled key returns X as it is. */
	if (!(sctlr & (key_b ? VEL2_SCTLR_ENIB : VEL2_SCTLR_ENIA)) ||
	    pac_alg(vcpu, false, &level) == PAC_NONE)
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
	if (!compute_pac(vcpu, key_b, orig, sp, field, &pac, &known))
		return true;
	/* Only the bits of the field that are known can be checked. */
	field &= known;

	/*
	 * The field holds PAC (before FEAT_PAuth2) or PAC XOR the extension
	 * bits (AddPAC with FEAT_PAuth2).
	 */
	if (level < VEL2_PAUTH_PAUTH2)
		match = !((ptr ^ pac) & field);
	else
		match = !((ptr ^ pac ^ orig) & field);
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
	*target = ptr ^ (pac & field);
	return level < VEL2_PAUTH_FPACCOMBINE;
}
