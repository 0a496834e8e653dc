/* SPDX-License-Identifier: MIT */
/*
 * Software walk of a guest hypervisor's stage 2 translation (its
 * VTTBR_EL2/VTCR_EL2), as the PE would walk it for the guest's guest (L2):
 * IPA -> guest PA with permissions and attributes, or the exact stage 2
 * fault. Arm ARM DDI 0487, D8 "The AArch64 Virtual Memory System
 * Architecture" (D8.1.x translation regimes, D8.2 granules and levels,
 * D8.3 descriptor formats, D8.4 permissions, D8.6 memory attributes) and
 * the pseudocode AArch64.S2Walk/S2TTWParams/S2InvalidSL/S2InconsistentSL.
 * docs/nested-mmu.md has the choices made where the architecture leaves
 * one (CONSTRAINED UNPREDICTABLE).
 *
 * Work is bounded: at most 5 descriptor reads (levels -1..3) per walk,
 * whatever the tables contain.
 */
#ifndef VEL2_S2WALK_H
#define VEL2_S2WALK_H

#include <vel2/types.h>

/* VTCR_EL2 fields (Arm ARM D23.2 VTCR_EL2). */
#define VEL2_VTCR_T0SZ VEL2_GENMASK(5, 0)
#define VEL2_VTCR_SL0 VEL2_GENMASK(7, 6)
#define VEL2_VTCR_TG0 VEL2_GENMASK(15, 14)
#define VEL2_VTCR_PS VEL2_GENMASK(18, 16)
#define VEL2_VTCR_VS VEL2_BIT(19)
#define VEL2_VTCR_HA VEL2_BIT(21)
#define VEL2_VTCR_HD VEL2_BIT(22)
#define VEL2_VTCR_DS VEL2_BIT(32)
#define VEL2_VTCR_SL2 VEL2_BIT(33)

/* Features of the PE the guest sees that change the walk. */
#define VEL2_S2F_XNX VEL2_BIT(0) /* FEAT_XNX: XN[0] splits EL0/EL1 */
#define VEL2_S2F_TTST VEL2_BIT(1) /* FEAT_TTST: small IPA sizes */
#define VEL2_S2F_HAFDBS VEL2_BIT(2) /* FEAT_HAFDBS: VTCR.HA/HD work */
#define VEL2_S2F_LPA2 VEL2_BIT(3) /* FEAT_LPA2: VTCR.DS works */

/* The access being translated. */
#define VEL2_ACC_READ 0u
#define VEL2_ACC_WRITE VEL2_BIT(0)
#define VEL2_ACC_EXEC VEL2_BIT(1)
#define VEL2_ACC_EL0 VEL2_BIT(2) /* from EL0 (for XNX) */
#define VEL2_ACC_S1PTW VEL2_BIT(3) /* a stage 1 table walk (for PTW) */

/* Guest-physical memory, as the guest hypervisor's tables see it. */
struct vel2_gmem_ops {
	/* Read the 64-bit little-endian word at guest PA `pa` (8-aligned).
	 * false: no memory there (the walk takes a synchronous external
	 * abort, as a walk of a bus error does on hardware). */
	bool (*read)(void *opaque, u64 pa, u64 *val);
	/* Optional: write a descriptor back (VTCR.HA/HD updates). NULL:
	 * behave as without FEAT_HAFDBS. */
	bool (*write)(void *opaque, u64 pa, u64 old, u64 val);
	void *opaque;
};

/* Everything of the guest hypervisor's state the walk depends on. */
struct vel2_s2_cfg {
	u64 vttbr; /* its VTTBR_EL2 */
	u64 vtcr; /* its VTCR_EL2 */
	u64 hcr; /* its HCR_EL2 (VM, DC, PTW, FWB) */
	u8 pa_bits; /* PAMax of the PE it sees (ID_AA64MMFR0_EL1.PARange) */
	u32 feat; /* VEL2_S2F_* */
};

enum vel2_s2_fault_type {
	VEL2_S2_OK = 0,
	VEL2_S2_TRANSLATION,
	VEL2_S2_ACCESS_FLAG,
	VEL2_S2_PERMISSION,
	VEL2_S2_ADDR_SIZE,
	VEL2_S2_EXT_WALK, /* synchronous external abort on the walk */
};

struct vel2_s2_result {
	enum vel2_s2_fault_type fault;
	int8_t level; /* of the fault, or of the final descriptor */
	/* On success: */
	u64 pa; /* output address of `ipa` */
	u64 size; /* bytes the final descriptor maps (4K..) */
	u8 memattr; /* MemAttr[5:2] of the descriptor, 4 bits */
	u8 sh; /* SH[9:8] */
	bool fwb; /* memattr is in the HCR_EL2.FWB=1 encoding */
	bool r, w; /* S2AP[6], S2AP[7] (after a hardware dirty update) */
	bool x_el1, x_el0; /* XN[54:53] decoded */
	u64 desc; /* the final descriptor, and where it is */
	u64 desc_pa;
};

/* true when the guest's stage 2 is on for its EL1&0 regime: HCR_EL2.VM,
 * or DC, which behaves as VM=1 for all purposes but a read of HCR_EL2. */
bool vel2_s2_enabled(const struct vel2_s2_cfg *cfg);

/* Walk for an access of kind `acc` (VEL2_ACC_*). Returns r->fault; with
 * the guest's stage 2 off: the identity, all permissions. */
enum vel2_s2_fault_type vel2_s2_walk(const struct vel2_s2_cfg *cfg,
				     const struct vel2_gmem_ops *mem, u64 ipa,
				     unsigned int acc,
				     struct vel2_s2_result *r);

/* The ESR_ELx DFSC/IFSC for a fault at `level` (-1..3). */
u32 vel2_s2_fsc(enum vel2_s2_fault_type type, int level);

/* The VMID of a VTTBR_EL2 (16 bits when VTCR_EL2.VS, else 8). */
static inline u16 vel2_vttbr_vmid(u64 vttbr, u64 vtcr)
{
	return (u16)((vttbr >> 48) & ((vtcr & VEL2_VTCR_VS) ? 0xffff : 0xff));
}

/* The granule of a VTCR_EL2 in bits (12, 14 or 16). TG0 = 0b11 is
 * reserved: treated as 4K (Arm ARM: a reserved TG0 value behaves as one of
 * the implemented sizes, IMPLEMENTATION DEFINED which). */
unsigned int vel2_vtcr_granule_bits(u64 vtcr);

#endif /* VEL2_S2WALK_H */
