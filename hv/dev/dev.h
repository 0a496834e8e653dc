/* SPDX-License-Identifier: MIT */
/*
 * Devices of QEMU's virt machine that take physical addresses: where they
 * are (hw/arm/virt.c memory map) and how vel2 mediates or refuses them.
 * docs/isolation.md has the threat model.
 */
#ifndef HV_DEV_H
#define HV_DEV_H

#include "hv.h"

#include <vel2/fdt.h>

struct vel2_exit;

#define HV_FWCFG_BASE 0x09020000UL
#define HV_GITS_BASE 0x08080000UL
#define HV_GITS_SIZE 0x20000UL /* control frame + GITS_TRANSLATER frame */
#define HV_GICR_BASE 0x080a0000UL
#define HV_GICR_STRIDE 0x20000UL /* RD_base + SGI_base (GICv3, no vLPIs) */
#define HV_VIRTIO_MMIO_BASE 0x0a000000UL
#define HV_VIRTIO_MMIO_SIZE 0x4000UL /* 32 transports of 0x200 */

/* One guest load or store that stage 2 sent to vel2 (mmio.c). */
struct hv_mmio {
	u64 ipa; /* naturally aligned to size */
	unsigned int size; /* 1, 2, 4 or 8 */
	bool write;
	u64 val; /* in for a write, out for a read (zero-extended) */
};

/*
 * A stage 2 abort: emulate the access if it hits a mediated frame
 * (true: done, PC advanced), else false (the caller injects the external
 * abort a device-less address gives).
 */
bool hv_mmio_abort(struct vel2_exit *e);
void hv_mmio_print(void); /* the counts, with the statistics */

/* Device models, false = the access is refused (external abort). */
bool hv_fwcfg_access(struct hv_mmio *m);
bool hv_gicr_access(unsigned int rd, struct hv_mmio *m);

/* gicr.c: how many redistributors the GIC has (read once at boot). */
unsigned int hv_gicr_count(void);

/* stage2.c: [pa, pa + len) lies in guest RAM; vel2's tables. */
bool hv_guest_ram(u64 pa, u64 len);
u64 hv_vel2_ram_end(void);
void hv_stage2_tables(const void *base[3], u64 size[3]);

/* integrity.c: hash vel2's code, read-only data and tables at boot,
 * check at exit (a mismatch ends vel2 with a non-zero status). */
void hv_integrity_init(void);
void hv_integrity_check(void);

/* Raw physical MMIO from vel2 (EL2, MMU off: Device-nGnRnE). */
static inline u64 hv_mmio_read(u64 pa, unsigned int size)
{
	switch (size) {
	case 1:
		return *(volatile uint8_t *)pa;
	case 2:
		return *(volatile uint16_t *)pa;
	case 4:
		return *(volatile u32 *)pa;
	default:
		return *(volatile u64 *)pa;
	}
}

static inline void hv_mmio_write(u64 pa, unsigned int size, u64 v)
{
	switch (size) {
	case 1:
		*(volatile uint8_t *)pa = (uint8_t)v;
		break;
	case 2:
		*(volatile uint16_t *)pa = (uint16_t)v;
		break;
	case 4:
		*(volatile u32 *)pa = (u32)v;
		break;
	default:
		*(volatile u64 *)pa = v;
		break;
	}
}

/* refused.c: the refused devices' device tree nodes. */
#define HV_NR_REFUSED_NODES 5
extern const struct vel2_fdt_hidden hv_refused_nodes[HV_NR_REFUSED_NODES];
/* refused.c: the nodes this boot hides (PCIe stays when the SMMU confines
 * it: hv_smmu_confining), and the edit of the PCIe node it then needs. */
unsigned int hv_refused_for_guest(struct vel2_fdt_hidden *out);
int hv_dt_offer_pcie(void *dtb);

/*
 * smmu.c: the SMMUv3 in QEMU's DTB (base, 0 if none; its frame size), and
 * programming it to translate PCIe DMA through vel2's stage 2: root table
 * and VTCR_EL2 value (false: it cannot, every DMA is aborted instead).
 */
u64 hv_smmu_probe(const void *dtb, u64 *size);
bool hv_smmu_enable(u64 s2_root, u64 vtcr);
bool hv_smmu_confining(void);
const void *hv_smmu_tables(u64 *size); /* for integrity.c */
void hv_smmu_print(void); /* fault events, with the statistics */

#endif
