// SPDX-License-Identifier: MIT
/*
 * pacprobe: the CPU's ComputePAC, observed at EL2 with known keys, as the
 * independent oracle for vel2's software QARMA (src/core/qarma.c,
 * tests/unit/test_qarma.c takes its expected values from this output on
 * QEMU -cpu max,pauth-qarma5=on and max,pauth-qarma3=on: pacprobe3).
 *
 * For each (key, data, modifier):
 *  - PACGA Xd, Xn, Xm with the key in APGAKey_EL1: ComputePAC(Xn, Xm,
 *    APGAKeyHi, APGAKeyLo)<63:32> in bits [63:32] (Arm ARM C6.2 PACGA);
 *  - PACIA/PACIB with the key in APIAKey_EL1/APIBKey_EL1, TCR_EL2 (E2H=0)
 *    T0SZ=48 (the largest with FEAT_TTST: bottom_PAC_bit 16), TBI=0, of a
 *    pointer whose bits [63:16] are 0: with FEAT_PAuth2 (QEMU -cpu max)
 *    AddPAC XORs ComputePAC(ptr, modifier, K<127:64>, K<63:0>) into the
 *    field [63:56]:[54:16], so the printed value is PAC there, ptr<15:0>
 *    below and 0 at bit 55.
 * Natively and under vel2 (the guest's PAC instructions run on the CPU at
 * vEL2, with its keys) the lines must match.
 */
#include "rt.h"

/* qemu: -cpu max,pauth-qarma5=on */

struct probe {
	u64 key_hi, key_lo, data, mod;
};

/* The QARMA paper's vector first (Avanzi 2017: w0, k0, P, T). */
static const struct probe probes[] = {
	{ 0x84be85ce9804e94bUL, 0xec2802d4e0a488e9UL, 0xfb623599da6e8127UL,
	  0x477d469dec0b8762UL },
	{ 0xfedcba9876543210UL, 0x0123456789abcdefUL, 0x00000000402000b0UL,
	  0x0000000040280000UL },
	{ 0, 0, 0, 0 },
	{ ~0UL, ~0UL, ~0UL, ~0UL },
	{ 0x5555666677778888UL, 0x1111222233334444UL, 0x000000000000beefUL,
	  0xffff800000001230UL },
	{ 0x8000000000000001UL, 0x0000000000000002UL, 0x0000000000000001UL,
	  0x8000000000000000UL },
};

static u64 pacga(const struct probe *p)
{
	u64 r;

	write_sysreg(APGAKEYHI_EL1, p->key_hi);
	write_sysreg(APGAKEYLO_EL1, p->key_lo);
	isb();
	__asm__ volatile("pacga %0, %1, %2"
			 : "=r"(r)
			 : "r"(p->data), "r"(p->mod));
	return r;
}

static u64 pacia(const struct probe *p, bool key_b)
{
	u64 x = p->data & 0xffff;

	if (key_b) {
		write_sysreg(APIBKEYHI_EL1, p->key_hi);
		write_sysreg(APIBKEYLO_EL1, p->key_lo);
		isb();
		__asm__ volatile("pacib %0, %1" : "+r"(x) : "r"(p->mod));
	} else {
		write_sysreg(APIAKEYHI_EL1, p->key_hi);
		write_sysreg(APIAKEYLO_EL1, p->key_lo);
		isb();
		__asm__ volatile("pacia %0, %1" : "+r"(x) : "r"(p->mod));
	}
	return x;
}

int main(void)
{
	unsigned int i;

	rt_kv_end("ISAR1", read_sysreg(ID_AA64ISAR1_EL1));
	rt_kv_end("ISAR2", read_sysreg(ID_AA64ISAR2_EL1));
	write_sysreg(tcr_el2, 48UL);
	write_sysreg(sctlr_el2,
		     read_sysreg(sctlr_el2) | SCTLR_ENIA | SCTLR_ENIB);
	isb();
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		rt_puts("probe ");
		rt_dec(i);
		rt_puts(": ");
		rt_kv("pacga", pacga(&probes[i]));
		rt_kv("pacia", pacia(&probes[i], false));
		rt_kv_end("pacib", pacia(&probes[i], true));
	}
	rt_puts("pacprobe: done\n");
	return 0;
}
