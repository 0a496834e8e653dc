/* SPDX-License-Identifier: MIT */
/* Shared between the shadow stage 2 files of src/mmu. */
#ifndef VEL2_MMU_SHADOW_UNMAP_H
#define VEL2_MMU_SHADOW_UNMAP_H

#include <vel2/shadow.h>

/* Drop every table of context `slot` but its (emptied) root, and its
 * VMID's TLB entries. */
void vel2_shadow_ctx_clear(struct vel2_shadow *sh, u32 slot);

/* Unmap IPAs [lo, hi) below the table page `pg` of level `level`, which
 * maps IPAs from `base`; subtrees wholly inside are freed. */
void vel2_shadow_unmap(struct vel2_shadow *sh, u32 pg, int level, u64 base,
		       u64 lo, u64 hi);

#endif /* VEL2_MMU_SHADOW_UNMAP_H */
