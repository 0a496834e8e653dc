// SPDX-License-Identifier: MIT
/*
 * The guest hypervisor's stage 2, walked in software (include/vel2/
 * s2walk.h). Follows the Arm ARM pseudocode AArch64.S2Translate ->
 * AArch64.S2Walk: parameter checks (T0SZ range, SL0/SL2 validity and
 * consistency, IPA range: Translation fault level 0), VTTBR_EL2 base
 * (Address size fault level 0), then one descriptor per level from the
 * start level, then the access flag and the permission check on the final
 * descriptor (D8.4 "Memory access control", stage 2 S2AP/XN).
 */
#include <vel2/arch.h>
#include <vel2/s2walk.h>

/* The walk's parameters, decoded once (AArch64.S2TTWParams). */
struct s2p {
	unsigned int gbits; /* granule: 12, 14, 16 */
	unsigned int stride; /* gbits - 3: index bits per level */
	unsigned int iasize; /* 64 - T0SZ */
	unsigned int oasize; /* from VTCR.PS, capped at PAMax */
	int start; /* start level, -1..3 */
	bool ds; /* VTCR.DS with FEAT_LPA2 (4K/16K only) */
	bool lpa64; /* 64K granule on a 52-bit PE: OA[51:48] in [15:12] */
	u64 base; /* the start table */
};

bool vel2_s2_enabled(const struct vel2_s2_cfg *cfg)
{
	return cfg->hcr & (VEL2_HCR_VM | VEL2_HCR_DC);
}

unsigned int vel2_vtcr_granule_bits(u64 vtcr)
{
	switch (VEL2_FIELD_GET(VEL2_VTCR_TG0, vtcr)) {
	case 1:
		return 16;
	case 2:
		return 14;
	default:
		return 12;
	}
}

u32 vel2_s2_fsc(enum vel2_s2_fault_type type, int level)
{
	/* ESR_ELx ISS for aborts, DFSC/IFSC (Arm ARM D24.2 ESR_EL2). Level
	 * -1 (FEAT_LPA2) has encodings of its own. */
	if (level < 0) {
		switch (type) {
		case VEL2_S2_ADDR_SIZE:
			return 0x29;
		case VEL2_S2_TRANSLATION:
			return 0x2b;
		case VEL2_S2_EXT_WALK:
			return 0x13;
		default:
			return 0x2b; /* no other fault can happen at -1 */
		}
	}
	switch (type) {
	case VEL2_S2_ADDR_SIZE:
		return 0x00 + level;
	case VEL2_S2_TRANSLATION:
		return 0x04 + level;
	case VEL2_S2_ACCESS_FLAG:
		return 0x08 + level;
	case VEL2_S2_PERMISSION:
		return 0x0c + level;
	case VEL2_S2_EXT_WALK:
		return 0x14 + level;
	default:
		return 0;
	}
}

/* VTCR_EL2.PS (D23.2 VTCR_EL2), capped at what the PE has
 * (AArch64.PhysicalAddressSize); 52 bits only with a 52-bit format. */
static unsigned int oa_size(const struct vel2_s2_cfg *cfg, const struct s2p *p)
{
	static const u8 ps_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };
	unsigned int oa = ps_bits[VEL2_FIELD_GET(VEL2_VTCR_PS, cfg->vtcr)];

	if (oa > cfg->pa_bits)
		oa = cfg->pa_bits;
	if (oa == 52 && !p->ds && !p->lpa64)
		oa = 48;
	return oa;
}

/* AArch64.S2InvalidSL + S2StartLevel: the start level, or -2 if the
 * SL2:SL0 encoding is reserved on this PE. */
static int start_level(const struct vel2_s2_cfg *cfg, const struct s2p *p)
{
	unsigned int sl0 = VEL2_FIELD_GET(VEL2_VTCR_SL0, cfg->vtcr);
	bool sl2 = p->ds && (cfg->vtcr & VEL2_VTCR_SL2);

	switch (p->gbits) {
	case 12:
		if (sl2)
			return sl0 == 0 ? -1 : -2;
		switch (sl0) {
		case 0:
			return 2;
		case 1:
			return 1;
		case 2:
			return cfg->pa_bits < 44 ? -2 : 0;
		default:
			return (cfg->feat & VEL2_S2F_TTST) ? 3 : -2;
		}
	case 14:
		if (sl0 == 3)
			return p->ds ? 0 : -2;
		if (sl0 == 2 && cfg->pa_bits < 42)
			return -2;
		return 3 - (int)sl0;
	default:
		if (sl0 == 3 || (sl0 == 2 && cfg->pa_bits < 44))
			return -2;
		return 3 - (int)sl0;
	}
}

/* Output address bits of a table/block/page descriptor (D8.3). */
static u64 desc_oa(const struct s2p *p, u64 d)
{
	u64 oa;

	if (p->ds)
		return (d & VEL2_GENMASK(49, p->gbits)) |
		       (VEL2_FIELD_GET(VEL2_GENMASK(9, 8), d) << 50);
	oa = d & VEL2_GENMASK(47, p->gbits);
	if (p->lpa64)
		oa |= VEL2_FIELD_GET(VEL2_GENMASK(15, 12), d) << 48;
	return oa;
}

/* AArch64.BlockDescSupported. */
static bool block_ok(const struct vel2_s2_cfg *cfg, const struct s2p *p,
		     int level)
{
	switch (p->gbits) {
	case 12:
		return level == 1 || level == 2 || (level == 0 && p->ds);
	case 14:
		return level == 2 || (level == 1 && p->ds);
	default:
		return level == 2 || (level == 1 && cfg->pa_bits == 52);
	}
}

static unsigned int level_shift(const struct s2p *p, int level)
{
	return p->gbits + (unsigned int)(3 - level) * p->stride;
}

/* The translation parameter checks of AArch64.S2Translate: false gives a
 * Translation fault at level 0 (or the Address size fault of the base). */
static enum vel2_s2_fault_type setup(const struct vel2_s2_cfg *cfg,
				     struct s2p *p)
{
	unsigned int txsz = VEL2_FIELD_GET(VEL2_VTCR_T0SZ, cfg->vtcr);
	unsigned int ips, mintxsz, maxtxsz, lowbits, slbits, align;
	u64 ttb = cfg->vttbr;

	p->gbits = vel2_vtcr_granule_bits(cfg->vtcr);
	p->stride = p->gbits - 3;
	p->ds = p->gbits != 16 && (cfg->vtcr & VEL2_VTCR_DS) &&
		(cfg->feat & VEL2_S2F_LPA2);
	p->lpa64 = p->gbits == 16 && cfg->pa_bits == 52;

	/* AArch64.S2MinTxSZ / MaxTxSZ. Out of range is CONSTRAINED
	 * UNPREDICTABLE (fault or clamp, Unpredictable_RESTnSZ): we fault,
	 * which is one of the permitted behaviours. */
	ips = (p->ds || p->lpa64) ? 52 : 48;
	if (ips > cfg->pa_bits)
		ips = cfg->pa_bits;
	mintxsz = 64 - ips;
	maxtxsz = (cfg->feat & VEL2_S2F_TTST) ? (p->gbits == 16 ? 47 : 48) : 39;
	if (txsz < mintxsz || txsz > maxtxsz)
		return VEL2_S2_TRANSLATION;
	p->iasize = 64 - txsz;

	p->start = start_level(cfg, p);
	if (p->start < -1)
		return VEL2_S2_TRANSLATION;
	/* AArch64.S2InconsistentSL: the start level resolves between 1 bit
	 * and stride + 4 bits (up to 16 concatenated tables). */
	lowbits = level_shift(p, p->start);
	if (p->iasize < lowbits + 1 || p->iasize > lowbits + p->stride + 4)
		return VEL2_S2_TRANSLATION;

	p->oasize = oa_size(cfg, p);

	/* VTTBR_EL2.BADDR[47:1]; with a 52-bit OA, BADDR[5:2] is PA[51:48]
	 * (D23.2 VTTBR_EL2). The base is aligned to the start table(s):
	 * bits below are RES0 and treated as zero (AArch64.S2TTBaseAddress),
	 * and at least 64 bytes with 52-bit addresses. */
	slbits = p->iasize - lowbits;
	align = slbits + 3;
	if (p->oasize == 52) {
		if (align < 6)
			align = 6;
		p->base = (ttb & VEL2_GENMASK(47, 6)) |
			  (VEL2_FIELD_GET(VEL2_GENMASK(5, 2), ttb) << 48);
	} else {
		p->base = ttb & VEL2_GENMASK(47, 1);
	}
	p->base &= ~((1ULL << align) - 1);
	if (p->base >> p->oasize)
		return VEL2_S2_ADDR_SIZE;
	return VEL2_S2_OK;
}

static bool is_device(const struct vel2_s2_cfg *cfg, u8 memattr)
{
	/* MemAttr[3:2] = 00 is Device (D8.6.5); with HCR_EL2.FWB, MemAttr[2]
	 * = 0 is Device (D8.6.6, FEAT_S2FWB). */
	if (cfg->hcr & VEL2_HCR_FWB)
		return !(memattr & 4);
	return !(memattr & 0xc);
}

static enum vel2_s2_fault_type fault(struct vel2_s2_result *r,
				     enum vel2_s2_fault_type t, int level)
{
	r->fault = t;
	r->level = (int8_t)level;
	return t;
}

enum vel2_s2_fault_type vel2_s2_walk(const struct vel2_s2_cfg *cfg,
				     const struct vel2_gmem_ops *mem, u64 ipa,
				     unsigned int acc, struct vel2_s2_result *r)
{
	struct s2p p;
	enum vel2_s2_fault_type t;
	unsigned int shift, idxbits, xn;
	u64 table, d = 0, dpa = 0, upd;
	bool hw = (cfg->feat & VEL2_S2F_HAFDBS) && mem->write;
	int level;

	*r = (struct vel2_s2_result){ 0 };
	if (!vel2_s2_enabled(cfg)) {
		/* Stage 2 off: IPA = PA, stage 1 attributes unchanged. */
		r->pa = ipa;
		r->size = 1ULL << 12;
		r->memattr = 0xf;
		r->r = r->w = r->x_el1 = r->x_el0 = true;
		r->level = 3;
		return VEL2_S2_OK;
	}

	t = setup(cfg, &p);
	if (t != VEL2_S2_OK)
		return fault(r, t, 0);
	/* An IPA beyond the input size: Translation fault, level 0
	 * (AArch64.IPAIsOutOfRange). */
	if (p.iasize < 64 && (ipa >> p.iasize))
		return fault(r, VEL2_S2_TRANSLATION, 0);

	table = p.base;
	/* At most 5 iterations: level only increases, and ends at 3. */
	for (level = p.start;; level++) {
		shift = level_shift(&p, level);
		idxbits = level == p.start ? p.iasize - shift : p.stride;
		dpa = table + (((ipa >> shift) & ((1ULL << idxbits) - 1)) << 3);
		if (!mem->read(mem->opaque, dpa, &d))
			return fault(r, VEL2_S2_EXT_WALK, level);
		if (!(d & VEL2_DESC_VALID))
			return fault(r, VEL2_S2_TRANSLATION, level);
		if (level == 3) {
			/* Level 3 with bit[1] = 0 is reserved: invalid. */
			if (!(d & VEL2_DESC_TABLE))
				return fault(r, VEL2_S2_TRANSLATION, level);
			break;
		}
		if (!(d & VEL2_DESC_TABLE)) {
			if (!block_ok(cfg, &p, level))
				return fault(r, VEL2_S2_TRANSLATION, level);
			break;
		}
		table = desc_oa(&p, d);
		if (table >> p.oasize)
			return fault(r, VEL2_S2_ADDR_SIZE, level);
	}

	r->size = 1ULL << shift;
	r->pa = (desc_oa(&p, d) & ~(r->size - 1)) | (ipa & (r->size - 1));
	if (r->pa >> p.oasize)
		return fault(r, VEL2_S2_ADDR_SIZE, level);
	r->level = (int8_t)level;
	r->desc_pa = dpa;

	/* Hardware updates (FEAT_HAFDBS, D8.4.x): AF set by VTCR.HA; a
	 * write to a DBM page sets S2AP[1] with VTCR.HD. */
	upd = d;
	if (hw && !(d & VEL2_DESC_AF) && (cfg->vtcr & VEL2_VTCR_HA))
		upd |= VEL2_DESC_AF;
	if (hw && (acc & VEL2_ACC_WRITE) && !(d & VEL2_DESC_S2AP_W) &&
	    (d & VEL2_DESC_DBM) && (cfg->vtcr & VEL2_VTCR_HD) &&
	    (upd & VEL2_DESC_AF))
		upd |= VEL2_DESC_S2AP_W;
	if (upd != d && mem->write(mem->opaque, dpa, d, upd))
		d = upd;
	r->desc = d;
	if (!(d & VEL2_DESC_AF))
		return fault(r, VEL2_S2_ACCESS_FLAG, level);

	r->memattr = (u8)VEL2_FIELD_GET(VEL2_DESC_S2_MEMATTR, d);
	r->fwb = cfg->hcr & VEL2_HCR_FWB;
	r->sh = p.ds ? (u8)VEL2_FIELD_GET(VEL2_VTCR_SH0, cfg->vtcr) :
		       (u8)VEL2_FIELD_GET(VEL2_DESC_SH, d);
	r->r = d & VEL2_DESC_S2AP_R;
	r->w = d & VEL2_DESC_S2AP_W;
	/* XN[54:53]: without FEAT_XNX only XN[1] counts (XN[0] RES0). With
	 * it: 00 both, 01 EL0 only, 10 none, 11 EL1 only. */
	xn = (unsigned int)VEL2_FIELD_GET(VEL2_DESC_S2_XN, d);
	if (!(cfg->feat & VEL2_S2F_XNX))
		xn &= 2;
	r->x_el1 = xn == 0 || xn == 3;
	r->x_el0 = xn == 0 || xn == 1;

	if (acc & VEL2_ACC_EXEC) {
		if (!((acc & VEL2_ACC_EL0) ? r->x_el0 : r->x_el1))
			return fault(r, VEL2_S2_PERMISSION, level);
	} else if ((acc & VEL2_ACC_WRITE) ? !r->w : !r->r) {
		return fault(r, VEL2_S2_PERMISSION, level);
	}
	/* HCR_EL2.PTW: a stage 1 walk that lands in stage 2 Device memory
	 * takes a stage 2 Permission fault. */
	if ((acc & VEL2_ACC_S1PTW) && (cfg->hcr & VEL2_HCR_PTW) &&
	    is_device(cfg, r->memattr))
		return fault(r, VEL2_S2_PERMISSION, level);
	return VEL2_S2_OK;
}
