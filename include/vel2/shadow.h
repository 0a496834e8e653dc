/* SPDX-License-Identifier: MIT */
/*
 * Shadow stage 2: the physical stage 2 while the guest hypervisor's guest
 * (L2) runs, mapping L2 IPA -> PA = the guest hypervisor's stage 2 (L2 IPA
 * -> guest PA, vel2_s2_walk) composed with vel2's own stage 2 (guest PA ->
 * PA, the host_map callback). Built lazily from physical stage 2 faults,
 * one context per guest stage 2 (its VMID, VTTBR_EL2 base and VTCR_EL2),
 * in a bounded pool of 4 KiB table pages the host provides; when the pool
 * runs dry the least recently used context is dropped. docs/nested-mmu.md
 * has the design.
 *
 * Shadow tables: 4K granule, 48-bit IPA, start at level 0
 * (vel2_shadow_vtcr()); one physical VMID per context slot
 * (vmid_base + slot). Not thread-safe: one instance per vCPU, or a lock.
 */
#ifndef VEL2_SHADOW_H
#define VEL2_SHADOW_H

#include <vel2/s2walk.h>

/* What vel2's stage 2 gives the guest hypervisor at a guest PA. */
struct vel2_host_map {
	u64 base, size; /* the region holding gpa: [base, base + size) */
	u64 pa; /* PA of base */
	u8 memattr; /* stage 2 MemAttr[3:0], HCR_EL2.FWB = 0 encoding */
	u8 sh; /* SH[1:0] */
	bool w, x; /* writable, executable */
	bool emulate; /* not backed: the host emulates accesses (MMIO) */
};

/* The guest TLBI a shadow invalidation comes from (also what the host
 * replays on the physical TLB under a shadow VMID). */
enum vel2_tlbi_kind {
	VEL2_TLBI_NONE = 0, /* not a TLBI this library handles */
	VEL2_TLBI_ALLE1, /* every VMID, stage 1 and 2 */
	VEL2_TLBI_VMALLS12E1, /* one VMID, stage 1 and 2 */
	VEL2_TLBI_IPAS2, /* one VMID, stage 2 by IPA range */
	VEL2_TLBI_S1, /* one VMID, stage 1 only (VMALLE1, VAE1, ...) */
};

struct vel2_tlbi {
	enum vel2_tlbi_kind kind;
	bool last_level; /* IPAS2LE1 / RIPAS2LE1 */
	/* VEL2_TLBI_IPAS2: FEAT_TTL's hint, IPAS2E1's TTL format (granule
	 * [3:2], level [1:0]); 0: none. The caller clears it when the guest
	 * has no FEAT_TTL (the field is RES0 then). */
	u8 ttl;
	u64 ipa, size; /* VEL2_TLBI_IPAS2: [ipa, ipa + size) */
};

struct vel2_shadow_ops {
	/* vel2's stage 2 at guest PA `gpa`: false if vel2 gives the guest
	 * nothing there (its own memory, a hole). */
	bool (*host_map)(void *opaque, u64 gpa, struct vel2_host_map *m);
	/* Invalidate the physical TLB for physical VMID `vmid` as `t` says
	 * (ALLE1/VMALLS12E1: everything of that VMID; S1: its stage 1
	 * entries; IPAS2: every stage 2 entry used to translate t->ipa, at
	 * any level, as TLBI IPAS2E1IS without a TTL hint). */
	void (*tlb)(void *opaque, u16 vmid, const struct vel2_tlbi *t);
	void *opaque;
};

struct vel2_shadow_ctx {
	u64 vttbr_key; /* VTTBR_EL2 without CnP; VMID included */
	u64 vtcr;
	u64 hcr_key; /* HCR_EL2.FWB: changes the attribute encoding */
	u64 stamp; /* last use, for LRU */
	u32 root; /* pool page of the level 0 table */
	u8 blk_shift; /* log2 of the largest block the guest can map */
	u8 pins; /* CPUs running on it: never evicted, only cleared */
	bool used;
};

struct vel2_shadow {
	u64 (*pages)[512]; /* npages table pages, 4 KiB aligned */
	u64 pages_pa; /* physical address of pages[0] */
	u8 *owner; /* npages: context slot + 1, 0 = free */
	u32 npages;
	struct vel2_shadow_ctx *ctx;
	u32 nctx; /* at most 254 */
	u16 vmid_base; /* physical VMID of slot i: vmid_base + i */
	bool phys_xnx; /* the PE has FEAT_XNX (XN[0] usable) */
	struct vel2_shadow_ops ops;
	const struct vel2_gmem_ops *gmem; /* the guest's memory */
	u64 clock;
	/* Counters (deterministic, for tests and the exit summary):
	 * flushes counts every ops.tlb call, ipa_flushes those by IPA. */
	u64 fills, ctx_evictions, flushes, ipa_flushes;
};

/* The physical VTCR_EL2 for shadow tables: T0SZ=16, SL0=2 (level 0), 4K,
 * PS=48 bits, inner shareable write-back walks. */
#define VEL2_SHADOW_VTCR                                                   \
	(16ULL | (2ULL << 6) | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) | \
	 (5ULL << 16) | (1ULL << 31))
#define VEL2_SHADOW_IPA_BITS 48

/* Set up over caller-provided storage (npages >= nctx + 3, nctx >= 1).
 * Returns 0 or -VEL2_EINVAL. */
int vel2_shadow_init(struct vel2_shadow *sh, u64 (*pages)[512], u64 pages_pa,
		     u8 *owner, u32 npages, struct vel2_shadow_ctx *ctx,
		     u32 nctx, u16 vmid_base, const struct vel2_shadow_ops *ops,
		     const struct vel2_gmem_ops *gmem);

#define VEL2_SHADOW_NONE 0xffffffffu

/*
 * The context for the guest's stage 2 `cfg`, created (evicting the least
 * recently used unpinned one if all are taken) if needed. *slot is in/out:
 * the caller's current context (or VEL2_SHADOW_NONE), unpinned if it
 * changes; the new one is pinned. Writes the physical VTTBR_EL2 to load
 * while L2 runs (root table | VMID << 48). Returns the slot, or
 * VEL2_SHADOW_NONE if every context is pinned (nctx <= CPUs).
 */
u32 vel2_shadow_get(struct vel2_shadow *sh, const struct vel2_s2_cfg *cfg,
		    u32 *slot, u64 *vttbr);

/* The caller stops using *slot (its CPU leaves L2 for good). */
void vel2_shadow_put(struct vel2_shadow *sh, u32 *slot);

enum vel2_shadow_verdict {
	VEL2_SHADOW_FILLED, /* mapped: retry the access */
	VEL2_SHADOW_GUEST_FAULT, /* the guest's stage 2 faults: forward */
	VEL2_SHADOW_HOST, /* the guest PA is vel2's business (out->gpa):
			   * MMIO to emulate, or nothing (external abort) */
	VEL2_SHADOW_BAD, /* not a stage 2 fault vel2 makes: host's */
};

struct vel2_shadow_fault {
	u64 ipa; /* L2 IPA, from HPFAR_EL2 and FAR_EL2 */
	u64 gpa; /* guest PA, for VEL2_SHADOW_HOST */
	bool emulate; /* VEL2_SHADOW_HOST: vel2 emulates gpa (MMIO) */
	struct vel2_s2_result walk; /* the guest's walk */
};

/*
 * A physical stage 2 abort while L2 ran on context `slot`: `esr` (EC
 * 0x20/0x24), `far`, `hpfar` as the hardware reported them, `el0` when
 * L2 was at EL0. Walks the guest's stage 2 and maps the shadow, or says
 * whose fault it is.
 */
enum vel2_shadow_verdict vel2_shadow_fault(struct vel2_shadow *sh, u32 slot,
					   const struct vel2_s2_cfg *cfg,
					   u64 esr, u64 far, u64 hpfar,
					   bool el0,
					   struct vel2_shadow_fault *out);

/* The ESR_EL2 and HPFAR_EL2 the guest hypervisor sees for a fault of its
 * own stage 2: the hardware's syndrome (ISV, SAS, SSE, SRT, SF, AR, WnR,
 * S1PTW, CM, FnV kept) with the guest's fault status code, and FIPA =
 * the L2 IPA (HPFAR_EL2.FIPA[43:4] = IPA[51:12], D23.2 HPFAR_EL2). */
u64 vel2_shadow_fault_esr(u64 hw_esr, const struct vel2_s2_result *walk);
u64 vel2_shadow_hpfar(u64 ipa);

/*
 * A guest TLBI, decoded: `op1, crn, crm, op2` of the SYS instruction and
 * its Xt. Fills t; returns false for an instruction that is not a TLBI
 * with a stage 2 (or L2 stage 1) effect.
 */
bool vel2_tlbi_decode(unsigned int op1, unsigned int crn, unsigned int crm,
		      unsigned int op2, u64 xt, struct vel2_tlbi *t);

/* Apply a guest TLBI issued with its VMID `vmid` (VTTBR_EL2.VMID when it
 * executed): drop the shadow entries it covers, replay it on the shadow
 * VMIDs through ops.tlb. */
void vel2_shadow_tlbi(struct vel2_shadow *sh, u16 vmid,
		      const struct vel2_tlbi *t);

#endif /* VEL2_SHADOW_H */
