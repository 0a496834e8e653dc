// SPDX-License-Identifier: MIT
/*
 * vel2's own stage 2: an identity map of the guest physical address space
 * minus vel2's memory. 4 KiB granule, 40-bit IPA (QEMU virt's memory map
 * with highmem: its high PCIe windows end at 1 TiB), starting at level 1
 * with two concatenated tables (VTCR_EL2, Arm ARM D23.2.186; concatenated
 * initial tables: D8.2.x "Concatenated translation tables"; descriptors
 * D8.3):
 *
 *   IPA 0x00000000 - 0x3fffffff  2 MiB blocks, Device-nGnRE (MMIO); the
 *                                2 MiB of QEMU virt's platform devices
 *                                (0x09000000: UARTs, RTC, fw_cfg, GPIO) in
 *                                4 KiB pages, so that single devices can
 *                                be hidden (hv_stage2_hide_page)
 *   IPA 0x40000000 - 0xffffffff  2 MiB blocks, Normal WB (QEMU virt's
 *                                RAM with highmem=off: up to 3 GiB), but
 *                                for vel2's 2 MiB region (hv_region_base:
 *                                0x40000000 under a test guest, just above
 *                                the guest's RAM under vel2-qemu)
 *   IPA 4 GiB - 1 TiB            1 GiB blocks, Device-nGnRE (QEMU virt's
 *                                high PCIe ECAM and MMIO windows; vel2-qemu
 *                                keeps the guest's RAM below 4 GiB)
 *
 * This is the guest hypervisor's (L1's) view only: vel2 has no shadow
 * stage 2 yet, and refuses a guest hypervisor that turns on its own stage
 * 2 for an L2 (vel2_hwcfg's "unsupported", run.c).
 */
#include "hv.h"

#define S2_VALID (1UL << 0)
#define S2_TABLE (1UL << 1)
#define S2_MEMATTR_DEVICE_NGNRE (1UL << 2) /* MemAttr[5:2] = 0b0001 */
#define S2_MEMATTR_NORMAL_WB (0xfUL << 2) /* MemAttr[5:2] = 0b1111 */
#define S2_AP_RW (3UL << 6) /* S2AP[7:6] */
#define S2_SH_INNER (3UL << 8)
#define S2_AF (1UL << 10)
#define S2_XN (2UL << 53) /* XN[54:53] = 0b10: no execution at EL1/EL0 */

/* VTCR_EL2: T0SZ=24 (40 bits), SL0=1 (start at level 1: IPA[39:30] index
 * 1024 entries, two concatenated 4 KiB tables), IRGN0/ORGN0=WBWA,
 * SH0=inner, TG0=4K, PS=0b010 (40-bit PA), RES1 bit 31. */
#define VTCR_VALUE                                                    \
	(24UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | \
	 (0UL << 14) | (2UL << 16) | (1UL << 31))
#define S2_L1_ENTRIES 1024

#define RAM_GIB 3 /* L1 entries 1..3: IPA 0x40000000 - 0xffffffff */

/* Concatenated tables: aligned to their total size (VTTBR_EL2.BADDR). */
static u64 s2_l1[S2_L1_ENTRIES] __attribute__((aligned(8192)));
static u64 s2_l2_ram[RAM_GIB][512] __attribute__((aligned(4096)));
static u64 s2_l2_dev[512] __attribute__((aligned(4096)));
/* QEMU virt's platform devices, 0x09000000 - 0x091fffff, in pages. */
#define PLATFORM_BASE 0x09000000UL
static u64 s2_l3_platform[512] __attribute__((aligned(4096)));

void hv_stage2_init(void)
{
	u64 normal = S2_VALID | S2_MEMATTR_NORMAL_WB | S2_AP_RW | S2_SH_INNER |
		     S2_AF;

	u64 device =
		S2_VALID | S2_MEMATTR_DEVICE_NGNRE | S2_AP_RW | S2_AF | S2_XN;

	s2_l1[0] = (u64)s2_l2_dev | S2_VALID | S2_TABLE;
	for (unsigned int i = 0; i < 512; i++)
		s2_l2_dev[i] = ((u64)i << 21) | device;
	s2_l2_dev[PLATFORM_BASE >> 21] =
		(u64)s2_l3_platform | S2_VALID | S2_TABLE;
	/* Level 3: a page descriptor is 0b11 in [1:0] (D8.3). */
	for (unsigned int i = 0; i < 512; i++)
		s2_l3_platform[i] =
			(PLATFORM_BASE + ((u64)i << 12)) | device | S2_TABLE;
	for (unsigned int g = 1 + RAM_GIB; g < S2_L1_ENTRIES; g++)
		s2_l1[g] = ((u64)g << 30) | device;
	for (unsigned int g = 0; g < RAM_GIB; g++) {
		s2_l1[1 + g] = (u64)s2_l2_ram[g] | S2_VALID | S2_TABLE;
		for (unsigned int i = 0; i < 512; i++) {
			u64 pa = ((u64)(1 + g) << 30) + ((u64)i << 21);

			s2_l2_ram[g][i] =
				pa - hv_region_base() < HV_REGION_SIZE ?
					0 :
					pa | normal;
		}
	}
	dsb(sy);
}

/*
 * Every CPU runs its guest under the same stage 2 and VMID (one VM): the
 * boot CPU builds the tables before any secondary starts, each CPU points
 * its own VTCR/VTTBR at them.
 */
void hv_stage2_install(void)
{
	write_sysreg(vtcr_el2, VTCR_VALUE);
	write_sysreg(vttbr_el2, (u64)s2_l1); /* VMID 0 */
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" ::: "memory");
}

/*
 * Take one 4 KiB device page of the platform block away from the guest
 * (vel2's private UART, boot.c): its accesses then fault at stage 2 and
 * get an external abort (exit.c), as for an address with nothing behind
 * it. Called by the boot CPU before any guest runs; the TLB maintenance
 * covers every CPU anyway (Inner Shareable).
 */
bool hv_stage2_hide_page(u64 pa)
{
	if (pa - PLATFORM_BASE >= 0x200000UL || (pa & 0xfff))
		return false;
	s2_l3_platform[(pa - PLATFORM_BASE) >> 12] = 0;
	__asm__ volatile("dsb ish\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" ::
				 : "memory");
	return true;
}
