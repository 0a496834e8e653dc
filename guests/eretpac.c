// SPDX-License-Identifier: MIT
/*
 * eretpac: ERETAA/ERETAB at EL2 (Arm ARM C6.2 "ERETAA, ERETAB"): the
 * return address ELR_EL2 is authenticated with the APIA/APIB key and the
 * current SP as modifier (AuthIA/AuthIB, enabled by SCTLR_EL2.EnIA[31]/
 * EnIB[30]); the PAC field's position follows the EL2 regime's TCR_EL2
 * (T0SZ, TBI/TBID; E2H=1: T0SZ/T1SZ, TBI0/1, TBID0/1 by bit 55). With
 * FEAT_FPACCOMBINE (QEMU -cpu max) a failed authentication is a PAC fail
 * exception (EC 0x1c, ISS[1:0] = {data=0, key}) at EL2 on the ERETAx,
 * without the return. Under vel2 the ERETAx traps (EC 0x1a) and vel2 must
 * do the same. Each case prints the signed ELR (the PAC PACIx computed at
 * EL2) and either "ok" (the return happened) or the exception.
 *
 * With T0SZ=33 the PAC field reaches bit 31, below the 32 bits PACGA
 * yields; vel2 then computes the PAC with the architected cipher. The
 * CPU's algorithm: QEMU -cpu max's default is IMPLEMENTATION DEFINED
 * (ID_AA64ISAR1_EL1.API), where vel2 can only check bits [63:32]
 * (docs/traps.md "ERETAA/ERETAB", test_eret_pac pins the limit): there
 * the bit-31 flips are not run, since their lines would differ by design
 * and a known-diff file of signed code addresses breaks on any code
 * move. eretpac5 and eretpac3 run them on QARMA5 and QARMA3 CPUs, where
 * vel2 must match exactly.
 */
#include "rt.h"

/* TCR_EL2, E2H=0 layout: T0SZ[5:0], TBI[20], TBID[29]. */
#define TCR2_TBI (1UL << 20)
#define TCR2_TBID (1UL << 29)
/* TCR_EL2, E2H=1 (TCR_EL1 layout): T1SZ[21:16], TBI0[37], TBI1[38],
 * TBID0[51], TBID1[52]; EPD1[23] keeps TTBR1 walks off. */
#define TCR_T1SZ(n) ((unsigned long)(n) << 16)
#define TCR_EPD1 (1UL << 23)
#define TCR_TBI0 (1UL << 37)
#define TCR_TBI1 (1UL << 38)
#define TCR_TBID0 (1UL << 51)

/* EL2h (or EL2t with SPSel 0), DAIF masked. */
#define SPSR_EL2H_DAIF 0x3c9UL

/*
 * Sign `ptr` (0: the label after the ERETAx) with key `k` ("a"/"b") and
 * the SP, XOR `flip` into it, return with `insn`. x0 tells whether an
 * exception came (rt_try_hook); x1 is the signed value.
 */
#define ERETA(tag, k, insn, tagbits, flip, sp0)                           \
	do {                                                              \
		u64 __took, __sig;                                        \
		rt_try_tag = tag;                                         \
		__asm__ volatile(                                         \
			"mov x0, #0\n\t"                                  \
			".if " #sp0 "\n\tmsr spsel, #0\n\t.endif\n\t"     \
			"adr x1, 1f\n\t"                                  \
			"orr x1, x1, %[tb]\n\t"                           \
			"mov x2, sp\n\t"                                  \
			"paci" k " x1, x2\n\t"                            \
			"mov %[s], x1\n\t"                                \
			"eor x1, x1, %[fl]\n\t"                           \
			"msr elr_el2, x1\n\t"                             \
			"mov x2, #(0x3c9 & ~" #sp0 ")\n\t"                \
			"msr spsr_el2, x2\n\tadr x30, 1f\n\t" insn "\n"   \
			"1:\n\t"                                          \
			".if " #sp0 "\n\tmsr spsel, #1\n\t.endif\n\t"     \
			"mov %[t], x0"                                    \
			: [t] "=&r"(__took), [s] "=&r"(__sig)             \
			: [tb] "r"((u64)(tagbits)), [fl] "r"((u64)(flip)) \
			: "x0", "x1", "x2", "x30", "memory");             \
		rt_kv(tag, __sig);                                        \
		if (__took != RT_TRY_TOOK)                                \
			rt_puts(" ok\n");                                 \
		else                                                      \
			rt_puts(" faulted\n");                            \
	} while (0)

static void set_sctlr_en(u64 en)
{
	u64 v = read_sysreg(sctlr_el2) & ~(SCTLR_ENIA | SCTLR_ENIB);

	write_sysreg(sctlr_el2, v | en);
	isb();
}

/* The cases, for the current TCR_EL2 (tagged: TBI for instructions). */
static void cases(bool tagged)
{
	u64 tb = tagged ? 0x5a00000000000000UL : 0;

	ERETA("ia-good", "a", "eretaa", tb, 0, 0);
	ERETA("ia-bad", "a", "eretaa", tb, 1UL << 45, 0);
	ERETA("ib-good", "b", "eretab", tb, 0, 0);
	ERETA("ib-bad", "b", "eretab", tb, 1UL << 40, 0);
	ERETA("ia-as-ib", "a", "eretab", tb, 0, 0);
	ERETA("ia-sp0-good", "a", "eretaa", tb, 0, 1);
	ERETA("ia-sp0-bad", "a", "eretaa", tb, 1UL << 50, 1);
	/* A PAC bit only checked when the top byte is not a tag. */
	ERETA("ia-top-flip", "a", "eretaa", tb, 1UL << 60, 0);
}

/*
 * T0SZ=33: bottom_PAC_bit 31, so the PAC field [54:31] reaches one bit
 * below PACGA's [63:32] while the guest (at 0x40200000, under 2^31) still
 * returns to itself. A flipped bit 31 must fail like any other PAC bit.
 */
static bool architected_alg;

static void low_cases(bool tagged)
{
	u64 tb = tagged ? 0x5a00000000000000UL : 0;

	cases(tagged);
	if (!architected_alg) {
		rt_puts("low-flip: IMPLEMENTATION DEFINED algorithm, "
			"skipped\n");
		return;
	}
	ERETA("ia-low-flip", "a", "eretaa", tb, 1UL << 31, 0);
	ERETA("ib-low-flip", "b", "eretab", tb, 1UL << 31, 0);
	ERETA("ia-sp0-low-flip", "a", "eretaa", tb, 1UL << 31, 1);
}

int main(void)
{
	rt_vectors_install(rt_try_hook);
	rt_kv_end("ISAR1", read_sysreg(ID_AA64ISAR1_EL1));
	rt_kv_end("ISAR2", read_sysreg(ID_AA64ISAR2_EL1));
	/* ID_AA64ISAR1_EL1.APA [7:4] (QARMA5), ID_AA64ISAR2_EL1.APA3 [15:12].
	 */
	architected_alg = ((read_sysreg(ID_AA64ISAR1_EL1) >> 4) & 0xf) ||
			  ((read_sysreg(ID_AA64ISAR2_EL1) >> 12) & 0xf);
	write_sysreg(APIAKEYLO_EL1, 0x0123456789abcdefUL);
	write_sysreg(APIAKEYHI_EL1, 0xfedcba9876543210UL);
	write_sysreg(APIBKEYLO_EL1, 0x1111222233334444UL);
	write_sysreg(APIBKEYHI_EL1, 0x5555666677778888UL);
	/* The generic key, which vel2's PACGA path borrows and puts back. */
	write_sysreg(APGAKEYLO_EL1, 0x0a0b0c0d0e0f1011UL);
	write_sysreg(APGAKEYHI_EL1, 0x1213141516171819UL);

	rt_puts("eretpac: E2H=0, EnIA=EnIB=1, T0SZ=25, TBI=0\n");
	write_sysreg(tcr_el2, 25UL);
	set_sctlr_en(SCTLR_ENIA | SCTLR_ENIB);
	cases(false);

	rt_puts("eretpac: T0SZ=16, TBI=1\n");
	write_sysreg(tcr_el2, 16UL | TCR2_TBI);
	isb();
	cases(true);

	rt_puts("eretpac: T0SZ=16, TBI=1, TBID=1 (no TBI for PCs)\n");
	write_sysreg(tcr_el2, 16UL | TCR2_TBI | TCR2_TBID);
	isb();
	cases(false);

	rt_puts("eretpac: T0SZ=33 (bottom_PAC_bit 31), TBI=0\n");
	write_sysreg(tcr_el2, 33UL);
	isb();
	low_cases(false);
	rt_puts("eretpac: T0SZ=33, TBI=1\n");
	write_sysreg(tcr_el2, 33UL | TCR2_TBI);
	isb();
	low_cases(true);

	/* Disabled keys: no authentication, the ELR is used as is. */
	rt_puts("eretpac: EnIA=0, EnIB=1\n");
	write_sysreg(tcr_el2, 25UL);
	set_sctlr_en(SCTLR_ENIB);
	ERETA("ia-off-unsigned", "a", "eretaa", 0, 0, 0);
	ERETA("ib-on-bad", "b", "eretab", 0, 1UL << 33, 0);
	set_sctlr_en(SCTLR_ENIA | SCTLR_ENIB);

	/* E2H=1: TCR_EL2 in the TCR_EL1 layout, two VA ranges. */
	rt_puts("eretpac: E2H=1, T0SZ=20, T1SZ=30, TBI0=1\n");
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_E2H);
	isb();
	write_sysreg(tcr_el2,
		     20UL | TCR_T1SZ(30) | TCR_EPD1 | TCR_TBI0 | TCR_TBI1);
	isb();
	cases(true);
	rt_puts("eretpac: E2H=1, TBID0=1\n");
	write_sysreg(tcr_el2, 20UL | TCR_T1SZ(30) | TCR_EPD1 | TCR_TBI0 |
				      TCR_TBI1 | TCR_TBID0);
	isb();
	cases(false);
	rt_puts("eretpac: E2H=1, T0SZ=33, T1SZ=30, TBI0=1\n");
	write_sysreg(tcr_el2,
		     33UL | TCR_T1SZ(30) | TCR_EPD1 | TCR_TBI0 | TCR_TBI1);
	isb();
	low_cases(true);
	rt_puts("eretpac: E2H=1, T0SZ=33, TBI0=0\n");
	write_sysreg(tcr_el2, 33UL | TCR_T1SZ(30) | TCR_EPD1 | TCR_TBI1);
	isb();
	low_cases(false);

	/* Every key as the guest left it. */
	rt_kv("APIAKey", read_sysreg(APIAKEYLO_EL1));
	rt_kv_end("hi", read_sysreg(APIAKEYHI_EL1));
	rt_kv("APIBKey", read_sysreg(APIBKEYLO_EL1));
	rt_kv_end("hi", read_sysreg(APIBKEYHI_EL1));
	rt_kv("APGAKey", read_sysreg(APGAKEYLO_EL1));
	rt_kv_end("hi", read_sysreg(APGAKEYHI_EL1));
	rt_kv_end("eretpac", rt_exc_count);
	rt_puts("eretpac: done\n");
	return 0;
}
