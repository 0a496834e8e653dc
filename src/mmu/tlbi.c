// SPDX-License-Identifier: MIT
/*
 * Guest TLBIs and the shadow stage 2. The guest hypervisor changes its
 * stage 2 tables in memory; vel2 does not write-protect them but relies on
 * the TLB maintenance the architecture requires of it: an entry that was
 * valid may stay cached until a TLBI covering it completes (Arm ARM D8.16
 * "Translation Lookaside Buffers", break-before-make D8.16.1), so a shadow
 * entry kept until that TLBI is exactly as stale as a TLB entry could be.
 * Invalid entries are never cached (the shadow holds no faults), so an
 * invalid -> valid change needs nothing.
 */
#include "shadow_unmap.h"

/* TLBI encodings (SYS #op1, C8/C9, Cm, #op2; Arm ARM C5.5 "A64 system
 * instructions for TLB maintenance"; CRn 9 = the FEAT_XS nXS forms). */
bool vel2_tlbi_decode(unsigned int op1, unsigned int crn, unsigned int crm,
		      unsigned int op2, u64 xt, struct vel2_tlbi *t)
{
	bool range;

	*t = (struct vel2_tlbi){ .kind = VEL2_TLBI_NONE };
	if (crn != 8 && crn != 9)
		return false;
	if (op1 == 0) {
		/* EL1 TLBIs (VMALLE1, VAE1, ASIDE1, ...): stage 1 of the
		 * guest's current VMID. CRm 0/1/3/7 + 2/5/6 (ranges). */
		t->kind = VEL2_TLBI_S1;
		return true;
	}
	if (op1 != 4)
		return false;
	if (crm == 1 || crm == 3 || crm == 7) {
		/* OS, IS, non-shareable: op2 4 ALLE1, 6 VMALLS12E1. */
		if (op2 == 4)
			t->kind = VEL2_TLBI_ALLE1;
		else if (op2 == 6)
			t->kind = VEL2_TLBI_VMALLS12E1;
		return t->kind != VEL2_TLBI_NONE;
	}
	switch (crm << 3 | op2) {
	case 0 << 3 | 1: /* IPAS2E1IS */
	case 4 << 3 | 0: /* IPAS2E1OS */
	case 4 << 3 | 1: /* IPAS2E1 */
		range = false;
		break;
	case 0 << 3 | 5: /* IPAS2LE1IS */
	case 4 << 3 | 4: /* IPAS2LE1OS */
	case 4 << 3 | 5: /* IPAS2LE1 */
		range = false;
		t->last_level = true;
		break;
	case 0 << 3 | 2: /* RIPAS2E1IS */
	case 4 << 3 | 3: /* RIPAS2E1OS */
	case 4 << 3 | 2: /* RIPAS2E1 */
		range = true;
		break;
	case 0 << 3 | 6: /* RIPAS2LE1IS */
	case 4 << 3 | 7: /* RIPAS2LE1OS */
	case 4 << 3 | 6: /* RIPAS2LE1 */
		range = true;
		t->last_level = true;
		break;
	default:
		return false;
	}
	t->kind = VEL2_TLBI_IPAS2;
	if (!range) {
		/* IPAS2[L]E1*: Xt[39:0] = IPA[51:12], TTL[47:44]. */
		t->ipa = (xt & VEL2_GENMASK(39, 0)) << 12;
		t->size = 1ULL << 12;
		t->ttl = (u8)VEL2_FIELD_GET(VEL2_GENMASK(47, 44), xt);
	} else {
		/* RIPAS2[L]E1*: TG[47:46], SCALE[45:44], NUM[43:39],
		 * BaseADDR[36:0] in granules; (NUM + 1) * 2^(5*SCALE + 1)
		 * granules. TG = 0b00 is reserved: invalidate the VMID. */
		unsigned int tg =
			(unsigned int)VEL2_FIELD_GET(VEL2_GENMASK(47, 46), xt);
		unsigned int scale =
			(unsigned int)VEL2_FIELD_GET(VEL2_GENMASK(45, 44), xt);
		u64 num = VEL2_FIELD_GET(VEL2_GENMASK(43, 39), xt);
		unsigned int gs = tg == 1 ? 12 : tg == 2 ? 14 : 16;

		if (!tg) {
			t->kind = VEL2_TLBI_VMALLS12E1;
			return true;
		}
		t->ipa = (xt & VEL2_GENMASK(36, 0)) << gs;
		t->size = (num + 1) << (5 * scale + 1 + gs);
		/* TTL[38:37]: the level of every leaf in the range, in the
		 * IPAS2 TTL format (granule [3:2] = TG, level [1:0]). */
		if (VEL2_FIELD_GET(VEL2_GENMASK(38, 37), xt))
			t->ttl = (u8)(tg << 2 |
				      VEL2_FIELD_GET(VEL2_GENMASK(38, 37), xt));
	}
	return true;
}

/*
 * log2 of the largest entry of context `c` a TLBI by IPA may have to drop:
 * the largest block of its granule, or the level its TTL hint names when
 * that hint is for its granule (TTL[3:2]: 01 4K, 10 16K, 11 64K; [1:0]
 * the level). An entry at another level than the hint says need not be
 * invalidated (Arm ARM D8.16, "TLB maintenance instructions", TTL). Level
 * 0 hints (FEAT_LPA2 only) are not narrowed.
 */
static unsigned int block_shift(const struct vel2_shadow_ctx *c,
				const struct vel2_tlbi *t)
{
	unsigned int gs = vel2_vtcr_granule_bits(c->vtcr), lvl = t->ttl & 3, s;
	unsigned int tg = gs == 12 ? 1 : gs == 14 ? 2 : 3;

	if ((t->ttl >> 2) != tg || !lvl)
		return c->blk_shift;
	s = gs + (gs - 3) * (3 - lvl);
	return s < c->blk_shift ? s : c->blk_shift;
}

/* Replay on the physical TLB what an unmap of context `i` removed: one
 * TLBI by IPA per removed leaf or freed table, or the whole VMID. */
static void replay(struct vel2_shadow *sh, u32 i,
		   const struct vel2_shadow_inv *inv)
{
	u16 vmid = (u16)(sh->vmid_base + i);

	if (inv->all) {
		struct vel2_tlbi t = { .kind = VEL2_TLBI_VMALLS12E1 };

		sh->flushes++;
		sh->ops.tlb(sh->ops.opaque, vmid, &t);
		return;
	}
	for (u32 k = 0; k < inv->n; k++) {
		struct vel2_tlbi t = { .kind = VEL2_TLBI_IPAS2,
				       .ipa = inv->ipa[k],
				       .size = 1ULL << 12 };

		sh->flushes++;
		sh->ipa_flushes++;
		sh->ops.tlb(sh->ops.opaque, vmid, &t);
	}
}

void vel2_shadow_tlbi(struct vel2_shadow *sh, u16 vmid,
		      const struct vel2_tlbi *t)
{
	for (u32 i = 0; i < sh->nctx; i++) {
		struct vel2_shadow_ctx *c = &sh->ctx[i];
		struct vel2_shadow_inv inv = { .n = 0 };
		u64 blk, lo, hi;

		if (!c->used)
			continue;
		if (t->kind != VEL2_TLBI_ALLE1 &&
		    vel2_vttbr_vmid(c->vttbr_key, c->vtcr) != vmid)
			continue;
		switch (t->kind) {
		case VEL2_TLBI_ALLE1:
		case VEL2_TLBI_VMALLS12E1:
			vel2_shadow_ctx_clear(sh, i);
			continue;
		case VEL2_TLBI_IPAS2:
			/* The entry holding the IPA may be any block of the
			 * guest's granule (or of the level its TTL hint
			 * names): drop the whole aligned block around the
			 * range (more than needed is always allowed: a TLB
			 * may drop entries anytime). */
			blk = 1ULL << block_shift(c, t);
			lo = t->ipa & ~(blk - 1);
			hi = t->ipa + t->size;
			if (hi < t->ipa || hi + blk - 1 < hi)
				hi = ~0ULL; /* wraps: to the end */
			else
				hi = (hi + blk - 1) & ~(blk - 1);
			vel2_shadow_unmap(sh, c->root, 0, 0, lo, hi, &inv);
			/* Stage 2 entries only: combined stage 1 and 2 ones
			 * go with the TLBI VMALLE1 the guest must issue
			 * after this one (D8.16, "TLB maintenance for
			 * stage 2 changes"), which vel2 traps (TTLB) and
			 * replays. */
			replay(sh, i, &inv);
			continue;
		default:
			break;
		}
		sh->flushes++;
		sh->ops.tlb(sh->ops.opaque, (u16)(sh->vmid_base + i), t);
	}
}
