// SPDX-License-Identifier: MIT
/*
 * Stage 1 translation for the EL2 regime with HCR_EL2.E2H=0 (the "nVHE"
 * format), 4 KiB granule, 39-bit VA starting at level 1. Layout:
 *
 *   VA 0x00000000 - 0x3fffffff  1 GiB block, Device-nGnRE, XN (PL011 etc.)
 *   VA 0x40200000 - 0x403fffff  2 MiB block, Normal WB, identity (the image)
 *   VA 0x80000000 + 0x0000      4 KiB page -> rt_magic_page, RW, XN
 *   VA 0x80000000 + 0x1000      4 KiB page -> rt_magic_page, RO, XN
 *   VA 0x80000000 + 0x2000      invalid (translation fault, level 3)
 *
 * Descriptor bits: Arm ARM D8.3 (VMSAv8-64 descriptor formats).
 */
#include "rt.h"

#define DESC_VALID (1UL << 0)
#define DESC_TABLE (1UL << 1) /* table at L0-L2, page at L3 */
#define DESC_ATTRIDX(n) ((u64)(n) << 2)
/* AP[2:1]: with one privilege level (EL2, E2H=0) AP[1] is RES1. */
#define DESC_AP_RW (1UL << 6)
#define DESC_AP_RO (3UL << 6)
#define DESC_SH_INNER (3UL << 8)
#define DESC_AF (1UL << 10)
#define DESC_XN (1UL << 54) /* XN for the EL2 regime */

/* MAIR_EL2 attribute indices. */
#define ATTR_NORMAL 0 /* 0xff: Normal, Inner/Outer WB RW-allocate */
#define ATTR_DEVICE_NGNRNE 1
#define ATTR_DEVICE_NGNRE 2
#define MAIR_VALUE (0xffUL | (0x00UL << 8) | (0x04UL << 16))

/* TCR_EL2 (E2H=0), D23.2.168: T0SZ=25, IRGN0=ORGN0=WBWA, SH0=inner,
 * TG0=4K, PS=40 bits, RES1 bits 23 and 31. */
#define TCR_VALUE                                                      \
	(25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (2UL << 16) | \
	 (1UL << 23) | (1UL << 31))

extern char __image_start[];

static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2_ram[512] __attribute__((aligned(4096)));
static u64 l2_alias[512] __attribute__((aligned(4096)));
static u64 l3_alias[512] __attribute__((aligned(4096)));
u64 rt_magic_page[512] __attribute__((aligned(4096)));

void rt_mmu_build(void)
{
	u64 img = (u64)__image_start & ~((1UL << 21) - 1);
	u64 normal = DESC_VALID | DESC_ATTRIDX(ATTR_NORMAL) | DESC_SH_INNER |
		     DESC_AF;
	u64 page = normal | DESC_TABLE | DESC_XN;

	l1[0] = 0 | DESC_VALID | DESC_ATTRIDX(ATTR_DEVICE_NGNRE) | DESC_AF |
		DESC_AP_RW | DESC_XN;
	l1[1] = (u64)l2_ram | DESC_VALID | DESC_TABLE;
	l1[2] = (u64)l2_alias | DESC_VALID | DESC_TABLE;
	l2_ram[(img >> 21) & 511] = img | normal | DESC_AP_RW;
	l2_alias[0] = (u64)l3_alias | DESC_VALID | DESC_TABLE;
	l3_alias[0] = (u64)rt_magic_page | page | DESC_AP_RW;
	l3_alias[1] = (u64)rt_magic_page | page | DESC_AP_RO;
	l3_alias[2] = 0;
	dsb(ish);
}

void rt_mmu_enable(void)
{
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_VALUE);
	write_sysreg(ttbr0_el2, (u64)l1);
	isb();
	/* Nothing stale may survive from before: TLBI ALLE2 (C5.5). */
	__asm__ volatile("tlbi alle2\n\tdsb ish\n\tisb" ::: "memory");
	write_sysreg(sctlr_el2,
		     read_sysreg(sctlr_el2) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}

/* The root table, for a guest that points another regime at the same map. */
u64 rt_mmu_root(void)
{
	return (u64)l1;
}
