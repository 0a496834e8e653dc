// SPDX-License-Identifier: MIT
/*
 * vel2's own stage 2: an identity map of the guest physical address space
 * minus vel2's memory and minus the device frames that take physical
 * addresses (hv/dev/: those are mediated or refused). 4 KiB granule,
 * 32-bit IPA, starting at level 1 (VTCR_EL2, Arm ARM D23.2.186;
 * descriptors D8.3):
 *
 *   IPA 0x00000000 - 0x3fffffff  Device-nGnRE (MMIO), 2 MiB blocks, and
 *                                4 KiB pages around the holes below
 *   IPA 0x40000000 - 0x401fffff  not mapped: vel2 lives here
 *   IPA 0x40200000 - RAM end     2 MiB blocks, Normal WB: guest RAM (the
 *                                bank at 0x40000000 in QEMU's DTB, at
 *                                most up to 0x80000000)
 *
 * Holes in the MMIO part (QEMU virt's memory map, hw/arm/virt.c), so that
 * a guest access is a stage 2 abort that vel2 either emulates
 * (hv/dev/mmio.c) or answers with an external abort:
 *   fw_cfg 0x09020000            mediated (dev/fwcfg.c): its DMA register
 *                                takes a physical address
 *   GICv3 ITS 0x08080000 (128K)  refused: its tables and command queue
 *                                are physical addresses (docs/isolation.md)
 *   GICR RD_base page of each    mediated (dev/gicr.c): PROPBASER and
 *   redistributor                PENDBASER are physical addresses
 *   virtio-mmio 0x0a000000 (16K) refused: rings are physical addresses
 *   platform bus 0x0c000000 (32M) refused: dynamic sysbus devices
 *   PCIe ECAM 0x3f000000 (16M)   refused: without config space no device
 *                                is ever made a bus master, so none DMAs
 *
 * This is the guest hypervisor's (L1's) view only: vel2 has no shadow
 * stage 2 yet, and refuses a guest hypervisor that turns on its own stage
 * 2 for an L2 (vel2_hwcfg's "unsupported", run.c).
 */
#include "hv.h"
#include "dev/dev.h"

#include <vel2/fdt.h>

#define S2_VALID (1UL << 0)
#define S2_TABLE (1UL << 1)
#define S2_PAGE (1UL << 1) /* level 3: bits[1:0] = 0b11 */
#define S2_MEMATTR_DEVICE_NGNRE (1UL << 2) /* MemAttr[5:2] = 0b0001 */
#define S2_MEMATTR_NORMAL_WB (0xfUL << 2) /* MemAttr[5:2] = 0b1111 */
#define S2_AP_RW (3UL << 6) /* S2AP[7:6] */
#define S2_SH_INNER (3UL << 8)
#define S2_AF (1UL << 10)
#define S2_XN (2UL << 53) /* XN[54:53] = 0b10: no execution at EL1/EL0 */

#define S2_DEVICE \
	(S2_VALID | S2_MEMATTR_DEVICE_NGNRE | S2_AP_RW | S2_AF | S2_XN)
#define S2_NORMAL \
	(S2_VALID | S2_MEMATTR_NORMAL_WB | S2_AP_RW | S2_SH_INNER | S2_AF)

/* VTCR_EL2: T0SZ=32, SL0=1 (start at level 1), IRGN0/ORGN0=WBWA, SH0=inner,
 * TG0=4K, PS=32-bit, RES1 bit 31. */
#define VTCR_VALUE                                                    \
	(32UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | \
	 (0UL << 14) | (0UL << 16) | (1UL << 31))

#define HV_RESERVED_2M_BLOCKS 1 /* 0x40000000 - 0x401fffff */
#define BLOCK_2M 0x200000UL
#define NR_L3 3

/* The 2 MiB blocks of MMIO that hold a hole smaller than 2 MiB. */
static const u64 l3_block[NR_L3] = { 0x08000000, 0x09000000, 0x0a000000 };

/* MMIO ranges the guest never reaches (2 MiB granular or 4 KiB pages). */
static const struct {
	u64 base, size;
} refused[] = {
	{ HV_GITS_BASE, HV_GITS_SIZE },
	{ HV_VIRTIO_MMIO_BASE, HV_VIRTIO_MMIO_SIZE },
	{ 0x0c000000, 0x02000000 }, /* platform bus */
	{ 0x3f000000, 0x01000000 }, /* PCIe ECAM (highmem=off) */
};

/* vel2's translation tables (s2_l2_ram: the name the attack tests use). */
static struct {
	u64 l1[512];
	u64 l2_mmio[512];
	u64 l3[NR_L3][512];
} s2 __attribute__((aligned(4096)));
static u64 s2_l2_ram[512] __attribute__((aligned(4096)));
static u64 ram_end;

/*
 * The end of the RAM bank at 0x40000000 in QEMU's DTB (the start of RAM,
 * where QEMU leaves it for an ELF -kernel, hv/boot.c), capped to the 1 GiB
 * this stage 2 can map. Without it vel2 cannot tell guest RAM from holes.
 */
static u64 find_ram_end(void)
{
	const void *dtb = (const void *)0x40000000UL;
	const u8 *reg;
	u32 ac, sc;
	int node, len;

	if (vel2_fdt_check(dtb, 0x100000) < 0)
		goto fail;
	for (node = -1; (node = vel2_fdt_find_prop_string(
				 dtb, node, "device_type", "memory")) >= 0;) {
		reg = vel2_fdt_getprop(dtb, node, "reg", &len);
		if (!reg || vel2_fdt_reg_cells(dtb, node, &ac, &sc) < 0 ||
		    !ac || !sc || ac > 2 || sc > 2)
			continue;
		for (; len >= (int)(4 * (ac + sc));
		     len -= 4 * (ac + sc), reg += 4 * (ac + sc)) {
			u64 base = vel2_fdt_cells_ld(reg, ac);
			u64 size = vel2_fdt_cells_ld(reg + 4 * ac, sc);

			if (base != 0x40000000UL)
				continue;
			if (size > 0x40000000UL)
				size = 0x40000000UL;
			if (size < 2 * BLOCK_2M)
				goto fail;
			return (base + size) & ~(BLOCK_2M - 1);
		}
	}
fail:
	hv_line("FATAL: no RAM bank at 0x40000000 in QEMU's DTB");
	hv_exit(1);
}

static void unmap_page(u64 pa)
{
	for (unsigned int i = 0; i < NR_L3; i++)
		if (pa - l3_block[i] < BLOCK_2M) {
			s2.l3[i][(pa - l3_block[i]) >> 12] = 0;
			return;
		}
	s2.l2_mmio[pa >> 21] = 0; /* only 2 MiB aligned ranges get here */
}

static void unmap_range(u64 base, u64 size)
{
	for (u64 pa = base; pa < base + size;) {
		bool in_l3 = false;

		for (unsigned int i = 0; i < NR_L3; i++)
			in_l3 |= pa - l3_block[i] < BLOCK_2M;
		unmap_page(pa);
		pa += in_l3 ? 0x1000 : BLOCK_2M;
	}
}

void hv_stage2_init(void)
{
	unsigned int i, j;

	s2.l1[0] = (u64)s2.l2_mmio | S2_VALID | S2_TABLE;
	s2.l1[1] = (u64)s2_l2_ram | S2_VALID | S2_TABLE;
	for (i = 0; i < 512; i++)
		s2.l2_mmio[i] = ((u64)i << 21) | S2_DEVICE;
	for (i = 0; i < NR_L3; i++) {
		for (j = 0; j < 512; j++)
			s2.l3[i][j] = (l3_block[i] + ((u64)j << 12)) |
				      S2_DEVICE | S2_PAGE;
		s2.l2_mmio[l3_block[i] >> 21] =
			(u64)s2.l3[i] | S2_VALID | S2_TABLE;
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		unmap_range(refused[i].base, refused[i].size);
	unmap_page(HV_FWCFG_BASE);
	for (i = 0; i < hv_gicr_count(); i++)
		unmap_page(HV_GICR_BASE + i * HV_GICR_STRIDE);
	ram_end = find_ram_end();
	for (i = HV_RESERVED_2M_BLOCKS; 0x40000000UL + ((u64)i << 21) < ram_end;
	     i++)
		s2_l2_ram[i] = (0x40000000UL + ((u64)i << 21)) | S2_NORMAL;
	dsb(sy);
}

/*
 * Whether [pa, pa + len) is guest RAM as this stage 2 maps it (identity),
 * the only memory a device may be told to read or write on the guest's
 * behalf. len 0 is never valid; overflow is.
 */
bool hv_guest_ram(u64 pa, u64 len)
{
	const u64 lo = 0x40000000UL + HV_RESERVED_2M_BLOCKS * BLOCK_2M;
	const u64 hi = ram_end;

	return len && pa >= lo && pa < hi && len <= hi - pa;
}

void hv_stage2_tables(const void *base[2], u64 size[2])
{
	base[0] = &s2;
	size[0] = sizeof(s2);
	base[1] = s2_l2_ram;
	size[1] = sizeof(s2_l2_ram);
}

/*
 * Every CPU runs its guest under the same stage 2 and VMID (one VM): the
 * boot CPU builds the tables before any secondary starts, each CPU points
 * its own VTCR/VTTBR at them.
 */
void hv_stage2_install(void)
{
	write_sysreg(vtcr_el2, VTCR_VALUE);
	write_sysreg(vttbr_el2, (u64)s2.l1); /* VMID 0 */
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" ::: "memory");
}
