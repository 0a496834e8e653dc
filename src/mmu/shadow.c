// SPDX-License-Identifier: MIT
/*
 * Shadow stage 2 (include/vel2/shadow.h, docs/nested-mmu.md): lazily
 * filled from physical stage 2 faults, a bounded pool of table pages,
 * LRU eviction of whole contexts, invalidation driven by the guest's
 * TLBIs. Descriptor formats: Arm ARM D8.3 (stage 2 table/block/page).
 */
#include <vel2/arch.h>

#include "shadow_unmap.h"

#define SD_OA VEL2_GENMASK(47, 12)
#define NO_PAGE 0xffffffffu

static u64 *page(struct vel2_shadow *sh, u32 i)
{
	return sh->pages[i];
}

static u64 page_pa(const struct vel2_shadow *sh, u32 i)
{
	return sh->pages_pa + ((u64)i << 12);
}

static u32 page_of(const struct vel2_shadow *sh, u64 d)
{
	return (u32)(((d & SD_OA) - sh->pages_pa) >> 12);
}

static u16 slot_vmid(const struct vel2_shadow *sh, u32 slot)
{
	return (u16)(sh->vmid_base + slot);
}

static void zero_page(u64 *p)
{
	for (unsigned int i = 0; i < 512; i++)
		p[i] = 0;
}

int vel2_shadow_init(struct vel2_shadow *sh, u64 (*pages)[512], u64 pages_pa,
		     u8 *owner, u32 npages, struct vel2_shadow_ctx *ctx,
		     u32 nctx, u16 vmid_base, const struct vel2_shadow_ops *ops,
		     const struct vel2_gmem_ops *gmem)
{
	if (!sh || !pages || !owner || !ctx || !ops || !gmem || !nctx ||
	    nctx > 254 || npages < nctx + 3 || (pages_pa & 0xfff))
		return -VEL2_EINVAL;
	*sh = (struct vel2_shadow){ .pages = pages,
				    .pages_pa = pages_pa,
				    .owner = owner,
				    .npages = npages,
				    .ctx = ctx,
				    .nctx = nctx,
				    .vmid_base = vmid_base,
				    .ops = *ops,
				    .gmem = gmem };
	for (u32 i = 0; i < npages; i++)
		owner[i] = 0;
	for (u32 i = 0; i < nctx; i++)
		ctx[i] = (struct vel2_shadow_ctx){ .root = NO_PAGE };
	return 0;
}

static void tlb_all(struct vel2_shadow *sh, u32 slot)
{
	struct vel2_tlbi t = { .kind = VEL2_TLBI_VMALLS12E1 };

	sh->flushes++;
	sh->ops.tlb(sh->ops.opaque, slot_vmid(sh, slot), &t);
}

void vel2_shadow_ctx_clear(struct vel2_shadow *sh, u32 slot)
{
	struct vel2_shadow_ctx *c = &sh->ctx[slot];

	for (u32 i = 0; i < sh->npages; i++)
		if (sh->owner[i] == slot + 1 && i != c->root)
			sh->owner[i] = 0;
	if (c->root != NO_PAGE)
		zero_page(page(sh, c->root));
	tlb_all(sh, slot);
}

static void ctx_evict(struct vel2_shadow *sh, u32 slot)
{
	struct vel2_shadow_ctx *c = &sh->ctx[slot];

	vel2_shadow_ctx_clear(sh, slot);
	if (c->root != NO_PAGE)
		sh->owner[c->root] = 0;
	*c = (struct vel2_shadow_ctx){ .root = NO_PAGE };
	sh->ctx_evictions++;
}

/* The least recently used unpinned context, other than `keep`. */
static u32 lru_victim(struct vel2_shadow *sh, u32 keep)
{
	u32 v = NO_PAGE;

	for (u32 i = 0; i < sh->nctx; i++)
		if (i != keep && sh->ctx[i].used && !sh->ctx[i].pins &&
		    (v == NO_PAGE || sh->ctx[i].stamp < sh->ctx[v].stamp))
			v = i;
	return v;
}

/* Another (pinned) context holding more than its root. */
static u32 clear_victim(struct vel2_shadow *sh, u32 keep)
{
	for (u32 i = 0; i < sh->npages; i++)
		if (sh->owner[i] && sh->owner[i] != keep + 1 &&
		    i != sh->ctx[sh->owner[i] - 1].root)
			return sh->owner[i] - 1u;
	return NO_PAGE;
}

/* A zeroed page for context `slot`: evicts unpinned contexts, then
 * empties pinned ones (their CPUs refill them) if the pool is dry;
 * NO_PAGE if only `slot` itself holds pages. */
static u32 page_alloc(struct vel2_shadow *sh, u32 slot)
{
	for (;;) {
		u32 v;

		for (u32 i = 0; i < sh->npages; i++) {
			if (!sh->owner[i]) {
				sh->owner[i] = (u8)(slot + 1);
				zero_page(page(sh, i));
				return i;
			}
		}
		v = lru_victim(sh, slot);
		if (v != NO_PAGE) {
			ctx_evict(sh, v);
			continue;
		}
		v = clear_victim(sh, slot);
		if (v == NO_PAGE)
			return NO_PAGE;
		vel2_shadow_ctx_clear(sh, v);
	}
}

/* The largest block of the guest's granule (AArch64.BlockDescSupported):
 * what one guest TLBI by IPA may have to cover. */
static u8 max_block_shift(const struct vel2_s2_cfg *cfg)
{
	bool ds = (cfg->vtcr & VEL2_VTCR_DS) && (cfg->feat & VEL2_S2F_LPA2);

	switch (vel2_vtcr_granule_bits(cfg->vtcr)) {
	case 14:
		return ds ? 36 : 25;
	case 16:
		return cfg->pa_bits == 52 ? 42 : 29;
	default:
		return ds ? 39 : 30;
	}
}

u32 vel2_shadow_get(struct vel2_shadow *sh, const struct vel2_s2_cfg *cfg,
		    u32 *cur, u64 *vttbr)
{
	u64 key = cfg->vttbr & ~1ULL, hkey = cfg->hcr & VEL2_BIT(46);
	u32 slot = NO_PAGE, i;

	for (i = 0; i < sh->nctx; i++) {
		struct vel2_shadow_ctx *c = &sh->ctx[i];

		if (c->used && c->vttbr_key == key && c->vtcr == cfg->vtcr &&
		    c->hcr_key == hkey) {
			slot = i;
			break;
		}
	}
	if (slot != *cur)
		vel2_shadow_put(sh, cur);
	if (slot == NO_PAGE) {
		for (i = 0; i < sh->nctx && slot == NO_PAGE; i++)
			if (!sh->ctx[i].used)
				slot = i;
		if (slot == NO_PAGE) {
			slot = lru_victim(sh, NO_PAGE);
			if (slot == NO_PAGE)
				return VEL2_SHADOW_NONE;
			ctx_evict(sh, slot);
		}
		sh->ctx[slot] = (struct vel2_shadow_ctx){
			.vttbr_key = key,
			.vtcr = cfg->vtcr,
			.hcr_key = hkey,
			.used = true,
			.root = NO_PAGE,
			.blk_shift = max_block_shift(cfg),
		};
		/* npages >= nctx + 3: with the others evicted or emptied to
		 * their roots, a page is always free. */
		sh->ctx[slot].root = page_alloc(sh, slot);
		/* A reused VMID may still have TLB entries of the old one. */
		tlb_all(sh, slot);
	}
	if (slot != *cur) {
		sh->ctx[slot].pins++;
		*cur = slot;
	}
	sh->ctx[slot].stamp = ++sh->clock;
	*vttbr = page_pa(sh, sh->ctx[slot].root) |
		 ((u64)slot_vmid(sh, slot) << 48);
	return slot;
}

void vel2_shadow_put(struct vel2_shadow *sh, u32 *slot)
{
	if (*slot < sh->nctx && sh->ctx[*slot].pins)
		sh->ctx[*slot].pins--;
	*slot = VEL2_SHADOW_NONE;
}

static unsigned int shift_of(int level)
{
	return 12 + 9 * (unsigned int)(3 - level);
}

static void inv_add(struct vel2_shadow_inv *inv, u64 ipa)
{
	if (!inv || inv->all)
		return;
	if (inv->n == VEL2_SHADOW_INV_MAX)
		inv->all = true;
	else
		inv->ipa[inv->n++] = ipa;
}

/* Free a table page and every table below it (its level is `level`, it
 * maps IPAs from `base`), noting in `inv` what the TLB may hold of it. */
static void free_tree(struct vel2_shadow *sh, u32 pg, int level, u64 base,
		      struct vel2_shadow_inv *inv)
{
	u64 *t = page(sh, pg), sz = 1ULL << shift_of(level);

	inv_add(inv, base);
	for (unsigned int i = 0; i < 512; i++) {
		if (!(t[i] & VEL2_DESC_VALID))
			continue;
		if (level < 3 && (t[i] & VEL2_DESC_TABLE))
			free_tree(sh, page_of(sh, t[i]), level + 1,
				  base + i * sz, inv);
		else
			inv_add(inv, base + i * sz);
	}
	sh->owner[pg] = 0;
}

/* Entries wholly inside [lo, hi) go with their subtrees; tables partly
 * inside are descended; blocks partly inside go whole. */
void vel2_shadow_unmap(struct vel2_shadow *sh, u32 pg, int level, u64 base,
		       u64 lo, u64 hi, struct vel2_shadow_inv *inv)
{
	u64 *t = page(sh, pg), sz = 1ULL << shift_of(level);

	for (unsigned int i = 0; i < 512; i++) {
		u64 s = base + i * sz, e = s + sz;

		if (e <= lo || s >= hi || !(t[i] & VEL2_DESC_VALID))
			continue;
		if (level < 3 && (t[i] & VEL2_DESC_TABLE)) {
			if (s >= lo && e <= hi) {
				free_tree(sh, page_of(sh, t[i]), level + 1, s,
					  inv);
				t[i] = 0;
			} else {
				vel2_shadow_unmap(sh, page_of(sh, t[i]),
						  level + 1, s, lo, hi, inv);
			}
		} else {
			t[i] = 0;
			inv_add(inv, s);
		}
	}
}

/* Attribute combining (D8.6 "Combining stage 1 and stage 2 attributes"),
 * applied to the two stage 2s: the more restrictive memory type and
 * cacheability wins; Device types order nGnRnE < nGnRE < nGRE < GRE. */
static u8 memattr_combine(u8 a, u8 b)
{
	bool dev_a = !(a & 0xc), dev_b = !(b & 0xc);
	u8 oa, ob, ia, ib;

	if (dev_a && dev_b)
		return (a & 3) < (b & 3) ? a : b;
	if (dev_a)
		return a;
	if (dev_b)
		return b;
	/* Normal: outer [3:2], inner [1:0]: 01 NC < 10 WT < 11 WB (00 is
	 * reserved for Normal inner: take it as NC). */
	oa = a >> 2, ob = b >> 2;
	ia = (a & 3) ? (a & 3) : 1;
	ib = (b & 3) ? (b & 3) : 1;
	return (u8)(((oa < ob ? oa : ob) << 2) | (ia < ib ? ia : ib));
}

/*
 * The shadow leaf's MemAttr[3:0], in the encoding of the context's
 * HCR_EL2.FWB, which is the physical one while L2 runs on it (vel2_hwcfg).
 * FWB = 0: both stage 2s are restrictions, combined. FWB = 1 (D8.6.6,
 * FEAT_S2FWB; MemAttr[2:0], [3] RES0): the guest's encoding, which may
 * override stage 1 (0b110 forces Write-Back), restricted by vel2's: its
 * Device types win as Device (0b0xx, where a more restrictive stage 1
 * Device type still wins), a vel2 Normal that is not Write-Back makes it
 * Non-cacheable (0b101). Reserved 0b100 is taken as Non-cacheable.
 */
static u8 shadow_memattr(const struct vel2_s2_result *w,
			 const struct vel2_host_map *m)
{
	u8 g = w->memattr & 7;

	if (!w->fwb)
		return memattr_combine(w->memattr, m->memattr);
	if (!(m->memattr & 0xc)) {
		u8 dev = m->memattr & 3;

		return !(g & 4) && (g & 3) < dev ? g : dev;
	}
	if (!(g & 4))
		return g;
	if (m->memattr != 0xf || g == 4)
		return 5;
	return g;
}

static bool shadow_is_device(bool fwb, u8 memattr)
{
	return fwb ? !(memattr & 4) : !(memattr & 0xc);
}

/* Shareability: the more shareable (OSH 10 > ISH 11 > NSH 00). */
static u8 sh_combine(u8 a, u8 b)
{
	if (a == 2 || b == 2)
		return 2;
	if (a == 3 || b == 3)
		return 3;
	return 0;
}

/* Install `d` for [ipa, ipa + 2^shift_of(level)) in context `slot`.
 * false: the pool holds nothing more for this context. */
static bool install(struct vel2_shadow *sh, u32 slot, u64 ipa, int level, u64 d)
{
	u32 pg = sh->ctx[slot].root;
	u64 *t;

	for (int l = 0;; l++) {
		unsigned int i = (ipa >> shift_of(l)) & 511;
		u64 sz = 1ULL << shift_of(l);

		t = page(sh, pg);
		if (l == level) {
			if (t[i] & VEL2_DESC_VALID) {
				/* Break-before-make (D8.16.1): invalid, TLB
				 * invalidated, then the new entry. */
				if (l < 3 && (t[i] & VEL2_DESC_TABLE))
					free_tree(sh, page_of(sh, t[i]), l + 1,
						  ipa & ~(sz - 1), NULL);
				t[i] = 0;
				/* The whole VMID: no guest TLBI VMALLE1
				 * follows to drop combined stage 1 and 2
				 * entries of the old one. */
				tlb_all(sh, slot);
			}
			t[i] = d;
			return true;
		}
		if (!(t[i] & VEL2_DESC_VALID) || !(t[i] & VEL2_DESC_TABLE)) {
			bool was_block = t[i] & VEL2_DESC_VALID;
			u32 n = page_alloc(sh, slot);

			if (n == NO_PAGE)
				return false;
			/* The pool may have evicted nothing of ours: t is
			 * still our table. */
			if (was_block) {
				t[i] = 0;
				tlb_all(sh, slot);
			}
			t[i] = page_pa(sh, n) | VEL2_DESC_VALID |
			       VEL2_DESC_TABLE;
		}
		pg = page_of(sh, t[i]);
	}
}

/* The largest shadow mapping (1G, 2M or 4K) around ipa that the guest's
 * mapping and vel2's region both cover, with the same offset. */
static int map_level(u64 ipa, const struct vel2_s2_result *w,
		     const struct vel2_host_map *m)
{
	for (int level = 1; level < 3; level++) {
		u64 sz = 1ULL << shift_of(level), gpa = w->pa & ~(sz - 1);
		u64 pa = m->pa + (gpa - m->base);

		if (w->size >= sz && gpa >= m->base &&
		    gpa + sz - m->base <= m->size && !(pa & (sz - 1)))
			return level;
	}
	(void)ipa;
	return 3;
}

static u64 xn_bits(const struct vel2_shadow *sh, bool x_el1, bool x_el0)
{
	u64 xn;

	if (x_el1 && x_el0)
		xn = 0;
	else if (!x_el1 && !x_el0)
		xn = 2;
	else if (!sh->phys_xnx)
		xn = 2; /* cannot split: see the exec check in fill */
	else
		xn = x_el1 ? 3 : 1;
	return xn << 53;
}

enum vel2_shadow_verdict vel2_shadow_fault(struct vel2_shadow *sh, u32 slot,
					   const struct vel2_s2_cfg *cfg,
					   u64 esr, u64 far, u64 hpfar,
					   bool el0,
					   struct vel2_shadow_fault *out)
{
	unsigned int ec = (unsigned int)VEL2_FIELD_GET(VEL2_GENMASK(31, 26),
						       esr),
		     fsc = (unsigned int)(esr & VEL2_ISS_ABT_FSC), acc = 0;
	struct vel2_s2_result *w = &out->walk;
	struct vel2_host_map m;
	bool x_el1, x_el0, wr;
	int level;
	u64 d;

	*out = (struct vel2_shadow_fault){ 0 };
	/* Only Translation (0b0001LL), Access flag and Permission faults
	 * (0b0011LL) come from the shadow; the rest are the host's. */
	if ((ec != VEL2_EC_IABT_LOW && ec != VEL2_EC_DABT_LOW) ||
	    slot >= sh->nctx || !sh->ctx[slot].used ||
	    !((fsc >= 0x04 && fsc <= 0x07) || (fsc >= 0x08 && fsc <= 0x0f)))
		return VEL2_SHADOW_BAD;
	out->ipa = (((hpfar >> 4) & VEL2_GENMASK(39, 0)) << 12) | (far & 0xfff);
	if (ec == VEL2_EC_IABT_LOW)
		acc = VEL2_ACC_EXEC;
	else if (esr & VEL2_ISS_DABT_WNR)
		acc = VEL2_ACC_WRITE;
	if (esr & VEL2_ISS_ABT_S1PTW)
		acc = (acc & VEL2_ACC_WRITE) | VEL2_ACC_S1PTW;
	if (el0)
		acc |= VEL2_ACC_EL0;

	if (vel2_s2_walk(cfg, sh->gmem, out->ipa, acc, w) != VEL2_S2_OK)
		return VEL2_SHADOW_GUEST_FAULT;
	out->gpa = w->pa;
	if (!sh->ops.host_map(sh->ops.opaque, w->pa, &m))
		return VEL2_SHADOW_HOST;
	if (m.emulate || out->ipa >> VEL2_SHADOW_IPA_BITS) {
		out->emulate = m.emulate;
		return VEL2_SHADOW_HOST;
	}

	/* Combined permissions: what both stages allow. An access the guest
	 * allows and vel2 does not is vel2's fault, not the guest's: mapping
	 * it would fault again forever. */
	wr = w->w && m.w;
	x_el1 = w->x_el1 && m.x;
	x_el0 = w->x_el0 && m.x;
	if (!sh->phys_xnx && x_el1 != x_el0)
		x_el1 = x_el0 = (acc & VEL2_ACC_EL0) ? x_el0 : x_el1;
	if ((acc & VEL2_ACC_WRITE) && !wr)
		return VEL2_SHADOW_HOST;
	if ((acc & VEL2_ACC_EXEC) && !((acc & VEL2_ACC_EL0) ? x_el0 : x_el1))
		return VEL2_SHADOW_HOST;

	level = map_level(out->ipa, w, &m);
	{
		u64 sz = 1ULL << shift_of(level);
		u8 attr;
		u64 gpa = w->pa & ~(sz - 1);

		d = (m.pa + (gpa - m.base)) & SD_OA;
		d |= VEL2_DESC_VALID | VEL2_DESC_AF |
		     (level == 3 ? VEL2_DESC_TABLE : 0);
		attr = shadow_memattr(w, &m);
		d |= (u64)attr << 2;
		d |= (u64)sh_combine(w->sh, m.sh) << 8;
		d |= (w->r ? VEL2_DESC_S2AP_R : 0) |
		     (wr ? VEL2_DESC_S2AP_W : 0);
		d |= xn_bits(sh, x_el1, x_el0);
		/* HCR_EL2.PTW (the guest's, in the hardware too): a stage 1
		 * walk into Device memory is a stage 2 Permission fault. The
		 * guest's Device has been its fault (the walk above); vel2's
		 * Device behind the guest's Normal is vel2's, as for the
		 * guest itself (mapping it would fault forever). */
		if ((acc & VEL2_ACC_S1PTW) && (cfg->hcr & VEL2_HCR_PTW) &&
		    shadow_is_device(w->fwb, attr))
			return VEL2_SHADOW_HOST;
	}
	sh->ctx[slot].stamp = ++sh->clock;
	if (!install(sh, slot, out->ipa, level, d)) {
		/* Only this context holds pages: start it afresh; a fill
		 * needs at most 3 pages and the pool has them now. */
		vel2_shadow_ctx_clear(sh, slot);
		if (!install(sh, slot, out->ipa, level, d))
			return VEL2_SHADOW_BAD;
	}
	sh->fills++;
	return VEL2_SHADOW_FILLED;
}

u64 vel2_shadow_fault_esr(u64 hw_esr, const struct vel2_s2_result *walk)
{
	return (hw_esr & ~VEL2_ISS_ABT_FSC) |
	       vel2_s2_fsc(walk->fault, walk->level);
}

u64 vel2_shadow_hpfar(u64 ipa)
{
	return ((ipa >> 12) & VEL2_GENMASK(39, 0)) << 4;
}
