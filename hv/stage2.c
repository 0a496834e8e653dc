// SPDX-License-Identifier: MIT
/*
 * vel2's own stage 2: an identity map of the guest physical address space
 * minus vel2's 2 MiB region and minus the device frames that take
 * physical addresses (hv/dev/: those are mediated or refused). 4 KiB
 * granule, 40-bit IPA (QEMU virt's memory map with highmem: its high PCIe
 * windows end at 1 TiB), starting at level 1 with two concatenated tables
 * (VTCR_EL2, Arm ARM D23.2.186; concatenated initial tables, D8.2;
 * descriptors D8.3):
 *
 *   IPA 0x00000000 - 0x3fffffff  Device-nGnRE (MMIO), 2 MiB blocks, and
 *                                4 KiB pages in the three 2 MiB blocks
 *                                with holes (below)
 *   IPA 0x40000000 - RAM end     Normal WB: the guest's part of the RAM
 *                                bank at 0x40000000 in QEMU's DTB (at most
 *                                3 GiB, vel2-qemu keeps it below 4 GiB):
 *                                above vel2's region under a test guest
 *                                (hv_region_base 0x40000000), below it
 *                                under vel2-qemu, whose RAM above the
 *                                region holds vel2's level 3 tables
 *                                (split_bank). 4 KiB pages as far as those
 *                                tables reach, 2 MiB blocks beyond
 *                                (map_ram_2m: why pages)
 *   IPA 4 GiB - 1 TiB            Device-nGnRE, 1 GiB blocks (QEMU virt's
 *                                high PCIe ECAM and MMIO windows), but for
 *                                the 1 GiB holding the high ECAM unless
 *                                the SMMU confines PCIe DMA (below)
 *
 * Holes in the MMIO part (QEMU virt's memory map, hw/arm/virt.c), so that
 * a guest access is a stage 2 abort that vel2 either emulates
 * (hv/dev/mmio.c) or answers with an external abort:
 *   fw_cfg 0x09020000            mediated (dev/fwcfg.c): its DMA register
 *                                takes a physical address
 *   vel2's private UART          hv_stage2_hide_page (boot.c)
 *   GICv3 ITS 0x08080000 (128K)  refused: its tables and command queue
 *                                are physical addresses (docs/isolation.md)
 *   GICR RD_base page of each    mediated (dev/gicr.c): PROPBASER and
 *   redistributor                PENDBASER are physical addresses
 *   virtio-mmio 0x0a000000 (16K) refused: rings are physical addresses
 *   platform bus 0x0c000000 (32M) refused: dynamic sysbus devices
 *   SMMUv3 0x09050000 (128K)     vel2's (dev/smmu.c): never the guest's
 *   PCIe ECAM 0x3f000000 (16M), and the 1 GiB at 0x4000000000 with the
 *   high ECAM                    mapped when vel2 programmed the SMMU to
 *                                translate PCIe DMA through this stage 2
 *                                (the same map the CPU sees); refused
 *                                otherwise: without config space no
 *                                device is ever made a bus master
 *
 * While the guest hypervisor's own guest runs under its stage 2, the
 * hardware uses a shadow built from this one (shadow_s2.c).
 */
#include "hv.h"
#include "dev/dev.h"

#include <vel2/fdt.h>

#include <libfdt.h>

/* Stage 2 descriptors from the fields in <vel2/arch.h> (Arm ARM D8.3). */
#define S2_VALID VEL2_DESC_VALID
#define S2_TABLE VEL2_DESC_TABLE
#define S2_PAGE VEL2_DESC_TABLE /* level 3: bits[1:0] = 0b11 */
#define S2_MEMATTR_DEVICE_NGNRE VEL2_FIELD_PREP(VEL2_DESC_S2_MEMATTR, 0x1)
#define S2_MEMATTR_NORMAL_WB VEL2_FIELD_PREP(VEL2_DESC_S2_MEMATTR, 0xf)
#define S2_AP_RW (VEL2_DESC_S2AP_R | VEL2_DESC_S2AP_W)
#define S2_SH_INNER VEL2_FIELD_PREP(VEL2_DESC_SH, 3)
#define S2_AF VEL2_DESC_AF
/* XN[54:53] = 0b10: no execution at EL1/EL0. */
#define S2_XN VEL2_FIELD_PREP(VEL2_DESC_S2_XN, 2)

#define S2_DEVICE \
	(S2_VALID | S2_MEMATTR_DEVICE_NGNRE | S2_AP_RW | S2_AF | S2_XN)
#define S2_NORMAL \
	(S2_VALID | S2_MEMATTR_NORMAL_WB | S2_AP_RW | S2_SH_INNER | S2_AF)

/* VTCR_EL2: T0SZ=24 (40 bits), SL0=1 (start at level 1: IPA[39:30] index
 * 1024 entries, two concatenated 4 KiB tables), IRGN0/ORGN0=WBWA,
 * SH0=inner, TG0=4K, PS=0b010 (40-bit PA), RES1 bit 31. */
#define VTCR_VALUE                                                    \
	(24UL | (1UL << 6) | (1UL << 8) | (1UL << 10) | (3UL << 12) | \
	 (0UL << 14) | (2UL << 16) | (1UL << 31))
#define S2_L1_ENTRIES 1024

#define RAM_BASE 0x40000000UL
#define RAM_GIB 3 /* L1 entries 1..3: IPA 0x40000000 - 0xffffffff */
#define BLOCK_2M 0x200000UL
#define BLOCK_1G 0x40000000UL
#define HIGH_ECAM_1G 0x4000000000UL /* VIRT_HIGH_PCIE_ECAM's GiB */
#define NR_L3 3

/* The 2 MiB blocks of MMIO that hold a hole smaller than 2 MiB. */
static const u64 l3_block[NR_L3] = { 0x08000000, 0x09000000, 0x0a000000 };

/* MMIO ranges below 1 GiB the guest never reaches (2 MiB granular, or 4
 * KiB pages inside l3_block). */
static const struct {
	u64 base, size;
} refused[] = {
	{ HV_GITS_BASE, HV_GITS_SIZE },
	{ HV_VIRTIO_MMIO_BASE, HV_VIRTIO_MMIO_SIZE },
	{ 0x0c000000, 0x02000000 }, /* platform bus */
};

#define PCIE_ECAM_BASE 0x3f000000UL /* highmem=off */
#define PCIE_ECAM_SIZE 0x01000000UL

/*
 * vel2's translation tables, one object so that the integrity hash
 * covers them all (s2_l2_ram: the name the attack tests use for the
 * address they aim at). Concatenated level 1 tables are aligned to their
 * total size (VTTBR_EL2.BADDR).
 */
static struct {
	u64 l1[S2_L1_ENTRIES];
	u64 l2_mmio[512];
	u64 l3[NR_L3][512];
} s2 __attribute__((aligned(8192)));
static u64 s2_l2_ram[RAM_GIB][512] __attribute__((aligned(4096)));
static u64 ram_end;
/* The guest's RAM, [guest_lo, guest_hi), 2 MiB aligned (split_bank). */
static u64 guest_lo, guest_hi;
/* vel2's level 3 tables for guest RAM: room for l3_room, l3_used used. */
static u64 (*ram_l3)[512];
static u64 l3_room, l3_used;

/*
 * The end of the RAM bank at 0x40000000 in QEMU's DTB (at the start of
 * RAM, where QEMU leaves it for an ELF -kernel, hv/boot.c; not yet edited
 * for the guest, so it includes vel2's region), capped to what this stage
 * 2 maps. Without it vel2 cannot tell guest RAM from holes.
 */
static u64 cells(const fdt32_t *p, int n)
{
	return n == 2 ? ((u64)fdt32_ld(p) << 32) | fdt32_ld(p + 1) :
			fdt32_ld(p);
}

static u64 find_ram_end(void)
{
	const void *dtb = (const void *)RAM_BASE;
	int node = -1, ac, sc, len;

	if (vel2_fdt_check(dtb, 0x100000) < 0)
		goto fail;
	ac = fdt_address_cells(dtb, 0);
	sc = fdt_size_cells(dtb, 0);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		goto fail;
	while ((node = fdt_node_offset_by_prop_value(dtb, node, "device_type",
						     "memory",
						     sizeof("memory"))) >= 0) {
		const fdt32_t *reg = fdt_getprop(dtb, node, "reg", &len);

		for (; reg && len >= 4 * (ac + sc);
		     len -= 4 * (ac + sc), reg += ac + sc) {
			u64 base = cells(reg, ac), size = cells(reg + ac, sc);

			if (base != RAM_BASE)
				continue;
			if (size > RAM_GIB * BLOCK_1G)
				size = RAM_GIB * BLOCK_1G;
			if (size < 2 * BLOCK_2M)
				goto fail;
			return (base + size) & ~(BLOCK_2M - 1);
		}
	}
fail:
	hv_line("FATAL: no RAM bank at 0x40000000 in QEMU's DTB");
	hv_poweroff(1);
}

static bool in_l3(u64 pa, unsigned int *i)
{
	for (*i = 0; *i < NR_L3; (*i)++)
		if (pa - l3_block[*i] < BLOCK_2M)
			return true;
	return false;
}

static void unmap_page(u64 pa)
{
	unsigned int i;

	if (in_l3(pa, &i))
		s2.l3[i][(pa - l3_block[i]) >> 12] = 0;
	else
		s2.l2_mmio[pa >> 21] = 0; /* only 2 MiB aligned ranges */
}

static void unmap_range(u64 base, u64 size)
{
	for (u64 pa = base; pa < base + size;) {
		unsigned int i;
		u64 step = in_l3(pa, &i) ? 0x1000 : BLOCK_2M;

		unmap_page(pa);
		pa += step;
	}
}

/*
 * Who owns which part of the RAM bank. A test guest (hv.ld's default)
 * has vel2's region at the start of RAM and everything above it.
 * vel2-qemu puts vel2's region just above the guest's RAM and gives QEMU
 * more RAM above the region for vel2's level 3 tables (scripts/vel2-qemu,
 * "s2_size"): all of the bank from the region up is vel2's, never mapped
 * for the guest nor shown in its DTB (boot.c, hv_vel2_ram_end).
 */
static void split_bank(void)
{
	const u64 r = hv_region_base(), r_end = r + HV_REGION_SIZE;

	if (r == RAM_BASE) {
		guest_lo = r_end;
		guest_hi = ram_end;
		return;
	}
	guest_lo = RAM_BASE;
	guest_hi = r < ram_end ? r : ram_end;
	if (ram_end > r_end) {
		ram_l3 = (u64(*)[512])r_end;
		l3_room = (ram_end - r_end) / sizeof(ram_l3[0]);
	}
}

/*
 * The level 2 entry for the 2 MiB of IPA space at pa in the RAM window:
 * nothing outside the guest's RAM; inside it, a level 3 table of 4 KiB
 * pages while vel2 has room for one, else a 2 MiB block.
 *
 * Why pages: QEMU's TCG (10.0, target/arm/ptw.c) records a translation
 * of the guest at EL1 (stage 1 + 2) with the larger of the two stages'
 * page sizes, and once its softmmu TLB holds an entry larger than 4 KiB
 * it flushes the whole TLB of that translation regime on a TLBI by VA
 * that falls in the address range such entries span (accel/tcg/cputlb.c,
 * the "large page" range). With 2 MiB stage 2 blocks every entry was
 * large, the range soon spanned kernel and user addresses, and each of
 * the ~61,000 TLBI VAE1IS/VALE1IS of a Linux boot emptied the guest's
 * TLB (docs/hv.md, "Where the NV2 boot's time goes"). Pages give each
 * entry stage 1's size, as natively. The descriptors map the same memory
 * with the same attributes (Arm ARM D8.3: a level 3 page descriptor,
 * bits[1:0] = 0b11, has the block descriptor's attribute fields); the
 * architecture lets a stage 2 use any mix of block and page sizes.
 */
static u64 map_ram_2m(u64 pa)
{
	u64 *t;

	if (pa < guest_lo || pa >= guest_hi)
		return 0;
	if (l3_used == l3_room)
		return pa | S2_NORMAL;
	t = ram_l3[l3_used++];
	for (unsigned int k = 0; k < 512; k++)
		t[k] = (pa + ((u64)k << 12)) | S2_NORMAL | S2_PAGE;
	return (u64)t | S2_VALID | S2_TABLE;
}

void hv_stage2_init(void)
{
	unsigned int i, j;
	u64 smmu, smmu_size;

	s2.l1[0] = (u64)s2.l2_mmio | S2_VALID | S2_TABLE;
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

	for (i = 1 + RAM_GIB; i < S2_L1_ENTRIES; i++)
		s2.l1[i] = ((u64)i << 30) | S2_DEVICE;

	ram_end = find_ram_end();
	split_bank();
	for (i = 0; i < RAM_GIB; i++) {
		s2.l1[1 + i] = (u64)s2_l2_ram[i] | S2_VALID | S2_TABLE;
		for (j = 0; j < 512; j++)
			s2_l2_ram[i][j] = map_ram_2m(RAM_BASE + i * BLOCK_1G +
						     ((u64)j << 21));
	}
	/* The SMMU is vel2's alone (no guest write may reprogram it). */
	smmu = hv_smmu_probe((const void *)RAM_BASE, &smmu_size);
	if (smmu)
		unmap_range(smmu, smmu_size);
	dsb(sy);
	/* PCIe config space only once device DMA is confined to this map. */
	if (!hv_smmu_enable((u64)s2.l1, VTCR_VALUE)) {
		unmap_range(PCIE_ECAM_BASE, PCIE_ECAM_SIZE);
		s2.l1[HIGH_ECAM_1G >> 30] = 0;
		dsb(sy);
	}
}

/*
 * Whether [pa, pa + len) is guest RAM as this stage 2 maps it (identity),
 * the only memory a device may be told to read or write on the guest's
 * behalf, and where PSCI CPU_ON entry points must lie (split_bank). len
 * 0 is never valid; overflow is.
 */
bool hv_guest_ram(u64 pa, u64 len)
{
	return len && pa >= guest_lo && pa < guest_hi && len <= guest_hi - pa;
}

/* The end of vel2's part of the bank above the guest's RAM (vel2-qemu's
 * layout): its region and its level 3 tables. */
u64 hv_vel2_ram_end(void)
{
	return guest_lo == RAM_BASE ? ram_end :
				      hv_region_base() + HV_REGION_SIZE;
}

void hv_stage2_tables(const void *base[3], u64 size[3])
{
	base[0] = &s2;
	size[0] = sizeof(s2);
	base[1] = s2_l2_ram;
	size[1] = sizeof(s2_l2_ram);
	base[2] = ram_l3;
	size[2] = l3_used * sizeof(ram_l3[0]);
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

/*
 * Take one 4 KiB device page of the platform block away from the guest
 * (vel2's private UART, boot.c): its accesses then fault at stage 2 and
 * get an external abort (handle_exit.c), as for an address with nothing behind
 * it. Called by the boot CPU before any guest runs, so the integrity hash
 * (taken after boot) includes it; the TLB maintenance covers every CPU
 * anyway (Inner Shareable).
 */
bool hv_stage2_hide_page(u64 pa)
{
	unsigned int i;

	if (!in_l3(pa, &i) || (pa & 0xfff))
		return false;
	unmap_page(pa);
	__asm__ volatile("dsb ish\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" ::
				 : "memory");
	return true;
}
