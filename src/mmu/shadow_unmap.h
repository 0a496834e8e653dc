/* SPDX-License-Identifier: MIT */
/* Shared between the shadow stage 2 files of src/mmu. */
#ifndef VEL2_MMU_SHADOW_UNMAP_H
#define VEL2_MMU_SHADOW_UNMAP_H

#include <vel2/shadow.h>

/* Drop every table of context `slot` but its (emptied) root, and its
 * VMID's TLB entries. */
void vel2_shadow_ctx_clear(struct vel2_shadow *sh, u32 slot);

/*
 * What an unmap removed, for the physical TLB: the IPA of each removed
 * leaf and of each freed table (a TLBI IPAS2E1 there, without a level
 * hint, drops every cached entry used to translate that IPA, at any level
 * of the walk: Arm ARM D8.16, "TLB maintenance instructions"), up to
 * VEL2_SHADOW_INV_MAX; beyond that `all`, the whole VMID.
 */
#define VEL2_SHADOW_INV_MAX 16
struct vel2_shadow_inv {
	u64 ipa[VEL2_SHADOW_INV_MAX];
	u32 n;
	bool all;
};

/* Unmap IPAs [lo, hi) below the table page `pg` of level `level`, which
 * maps IPAs from `base`; subtrees wholly inside are freed. What went is
 * added to `inv` (may be NULL: the caller invalidates the VMID). */
void vel2_shadow_unmap(struct vel2_shadow *sh, u32 pg, int level, u64 base,
		       u64 lo, u64 hi, struct vel2_shadow_inv *inv);

#endif /* VEL2_MMU_SHADOW_UNMAP_H */
