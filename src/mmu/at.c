// SPDX-License-Identifier: MIT
/*
 * AT for the guest's EL1&0 regime (include/vel2/at.h): a stage 1 walker
 * (4K/16K/64K granules, both VA ranges, TBI, EPD, HPD, APTable/AP, PAN)
 * whose table walks and output go through the guest hypervisor's stage 2.
 */
#include <vel2/accessors.h>
#include <vel2/arch.h>
#include <vel2/at.h>
#include <vel2/nested_mmu.h>

/* PAR_EL1 (Arm ARM D24.2): F[0]; on success SH[8:7], NS[9], PA[51:12],
 * ATTR[63:56]; on a fault FST[6:1], PTW[8], S[9]; bit 11 RES1. */
#define PAR_F VEL2_BIT(0)
#define PAR_PTW VEL2_BIT(8)
#define PAR_S VEL2_BIT(9)
#define PAR_NS VEL2_BIT(9)
#define PAR_RES1 VEL2_BIT(11)

bool vel2_at_decode(unsigned int op1, unsigned int crn, unsigned int crm,
		    unsigned int op2, enum vel2_at_op *op)
{
	/* C5.5 "A64 system instructions for address translation". */
	if (crn != 7)
		return false;
	if (op1 == 0 && crm == 8 && op2 <= 3) {
		static const enum vel2_at_op o[4] = { VEL2_AT_S1E1R,
						      VEL2_AT_S1E1W,
						      VEL2_AT_S1E0R,
						      VEL2_AT_S1E0W };
		*op = o[op2];
		return true;
	}
	if (op1 == 0 && crm == 9 && op2 <= 1) {
		*op = op2 ? VEL2_AT_S1E1WP : VEL2_AT_S1E1RP;
		return true;
	}
	if (op1 == 4 && crm == 8 && op2 >= 4) {
		static const enum vel2_at_op o[4] = { VEL2_AT_S12E1R,
						      VEL2_AT_S12E1W,
						      VEL2_AT_S12E0R,
						      VEL2_AT_S12E0W };
		*op = o[op2 - 4];
		return true;
	}
	return false;
}

struct walk {
	const struct vel2_s2_cfg *s2;
	const struct vel2_gmem_ops *mem;
	bool s2_on;
	/* fault */
	enum vel2_s2_fault_type fault;
	int level;
	bool stage2, ptw;
};

static u64 par_fault(const struct walk *w)
{
	return PAR_F | PAR_RES1 | (w->stage2 ? PAR_S : 0) |
	       (w->ptw ? PAR_PTW : 0) |
	       ((u64)vel2_s2_fsc(w->fault, w->level) << 1);
}

static bool fail(struct walk *w, enum vel2_s2_fault_type t, int level)
{
	w->fault = t;
	w->level = level;
	return false;
}

/* Read a stage 1 descriptor at IPA `ipa`: through stage 2 (a fault there
 * is a stage 2 fault on the walk, S1PTW), then memory. */
static bool read_desc(struct walk *w, u64 ipa, int level, u64 *d)
{
	u64 pa = ipa;

	if (w->s2_on) {
		struct vel2_s2_result r;

		if (vel2_s2_walk(w->s2, w->mem, ipa,
				 VEL2_ACC_READ | VEL2_ACC_S1PTW,
				 &r) != VEL2_S2_OK) {
			w->stage2 = w->ptw = true;
			return fail(w, r.fault, r.level);
		}
		pa = r.pa;
	}
	if (!w->mem->read(w->mem->opaque, pa, d))
		return fail(w, VEL2_S2_EXT_WALK, level);
	return true;
}

static unsigned int granule(u64 tcr, bool upper)
{
	unsigned int tg = upper ? (unsigned int)((tcr >> 30) & 3) :
				  (unsigned int)((tcr >> 14) & 3);

	/* TG0: 00 4K, 01 64K, 10 16K; TG1: 01 16K, 10 4K, 11 64K. Reserved
	 * values behave as an implemented size: 4K. */
	if (upper)
		return tg == 1 ? 14 : tg == 3 ? 16 : 12;
	return tg == 1 ? 16 : tg == 2 ? 14 : 12;
}

struct s1out {
	u64 oa;
	int level; /* of the final descriptor */
	u8 attr, sh;
	bool el0_r, el0_w, w, el0_x;
};

/* AArch64.S1Walk for the EL1&0 regime, stage 1 enabled. */
static bool s1_walk(struct walk *w, const struct vel2_s1_regs *s1, u64 va,
		    bool el0, struct s1out *o)
{
	u64 tcr = s1->tcr, ttbr, d = 0, table;
	bool upper = (va >> 55) & 1;
	unsigned int gbits = granule(tcr, upper), stride = gbits - 3;
	unsigned int txsz = upper ? (tcr >> 16) & 63 : tcr & 63;
	bool tbi = tcr & (upper ? VEL2_TCR_TBI1 : VEL2_TCR_TBI0);
	bool hpd = tcr & (upper ? VEL2_TCR_HPD1 : VEL2_TCR_HPD0);
	bool ds = (tcr & VEL2_TCR_DS) && gbits != 16 &&
		  (w->s2->feat & VEL2_S2F_LPA2);
	bool lpa64 = gbits == 16 && w->s2->pa_bits == 52;
	unsigned int mintx, maxtx, iasize, top = tbi ? 55 : 63, shift = 0;
	unsigned int oasize, lowbits, align;
	static const u8 ps_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };
	bool no_el0 = false, ro = false, uxn = false;
	int level, start;
	u64 hi;

	mintx = (ds || lpa64) ? 12 : 16;
	maxtx = (w->s2->feat & VEL2_S2F_TTST) ? (gbits == 16 ? 47 : 48) : 39;
	/* TxSZ out of range: CONSTRAINED UNPREDICTABLE, we fault (as for
	 * stage 2, s2walk.c). EPDx, E0PDx at EL0: Translation, level 0. */
	if (txsz < mintx || txsz > maxtx ||
	    (tcr & (upper ? VEL2_TCR_EPD1 : VEL2_TCR_EPD0)) ||
	    (el0 && (tcr & (upper ? VEL2_TCR_E0PD1 : VEL2_TCR_E0PD0))))
		return fail(w, VEL2_S2_TRANSLATION, 0);
	iasize = 64 - txsz;
	/* VA[top:iasize] must all equal the range select (VA[55]). */
	hi = (va >> iasize) & ((1ULL << (top + 1 - iasize)) - 1);
	if (hi != (upper ? (1ULL << (top + 1 - iasize)) - 1 : 0))
		return fail(w, VEL2_S2_TRANSLATION, 0);

	oasize = ps_bits[(tcr >> 32) & 7];
	if (oasize > w->s2->pa_bits)
		oasize = w->s2->pa_bits;
	if (oasize == 52 && !ds && !lpa64)
		oasize = 48;

	/* Start level: enough levels of `stride` bits above the page. */
	start = 4 - (int)((iasize - gbits + stride - 1) / stride);
	lowbits = gbits + (unsigned int)(3 - start) * stride;
	align = iasize - lowbits + 3;
	ttbr = upper ? s1->ttbr1 : s1->ttbr0;
	if (oasize == 52) {
		if (align < 6)
			align = 6;
		table = (ttbr & VEL2_GENMASK(47, 6)) |
			(VEL2_FIELD_GET(VEL2_GENMASK(5, 2), ttbr) << 48);
	} else {
		table = ttbr & VEL2_GENMASK(47, 1);
	}
	table &= ~((1ULL << align) - 1);
	if (table >> oasize)
		return fail(w, VEL2_S2_ADDR_SIZE, 0);

	for (level = start;; level++) {
		unsigned int idxbits;
		u64 next;

		shift = gbits + (unsigned int)(3 - level) * stride;
		idxbits = level == start ? iasize - shift : stride;
		if (!read_desc(
			    w,
			    table + (((va >> shift) & ((1ULL << idxbits) - 1))
				     << 3),
			    level, &d))
			return false;
		if (!(d & VEL2_DESC_VALID))
			return fail(w, VEL2_S2_TRANSLATION, level);
		if (level == 3) {
			if (!(d & VEL2_DESC_TABLE))
				return fail(w, VEL2_S2_TRANSLATION, level);
			break;
		}
		if (!(d & VEL2_DESC_TABLE)) {
			bool ok = gbits == 12 ?
					  (level == 1 || level == 2 ||
					   (level == 0 && ds)) :
				  gbits == 14 ?
					  (level == 2 || (level == 1 && ds)) :
					  (level == 2 || (level == 1 && lpa64));
			if (!ok)
				return fail(w, VEL2_S2_TRANSLATION, level);
			break;
		}
		/* Table: APTable[62:61], UXNTable[60] unless HPD. */
		if (!hpd) {
			no_el0 |= (d >> 61) & 1;
			ro |= (d >> 62) & 1;
			uxn |= (d >> 60) & 1;
		}
		next = ds ? (d & VEL2_GENMASK(49, gbits)) |
				       (VEL2_FIELD_GET(VEL2_GENMASK(9, 8), d)
					<< 50) :
			    (d & VEL2_GENMASK(47, gbits)) |
				       (lpa64 ? VEL2_FIELD_GET(
							VEL2_GENMASK(15, 12), d)
							<< 48 :
						0);
		if (next >> oasize)
			return fail(w, VEL2_S2_ADDR_SIZE, level);
		table = next;
	}

	o->oa = ds ? (d & VEL2_GENMASK(49, shift)) |
				(VEL2_FIELD_GET(VEL2_GENMASK(9, 8), d) << 50) :
		     (d & VEL2_GENMASK(47, shift)) |
				(lpa64 ? VEL2_FIELD_GET(VEL2_GENMASK(15, 12), d)
						 << 48 :
					 0);
	if (o->oa >> oasize)
		return fail(w, VEL2_S2_ADDR_SIZE, level);
	o->oa |= va & ((1ULL << shift) - 1);
	o->level = level;
	if (!(d & VEL2_DESC_AF))
		return fail(w, VEL2_S2_ACCESS_FLAG, level);
	/* AP[2:1] (bits 7:6): 00 EL1 RW; 01 RW both; 10 EL1 RO; 11 RO both
	 * (D8.4.1), restricted by APTable. */
	o->el0_r = ((d >> 6) & 1) && !no_el0;
	o->w = !((d >> 7) & 1) && !ro;
	o->el0_w = o->el0_r && o->w;
	o->el0_x = !((d >> 54) & 1) && !uxn;
	o->attr = (u8)(s1->mair >> (8 * ((d >> 2) & 7)));
	o->sh = ds ? (u8)((tcr >> (upper ? 28 : 12)) & 3) : (u8)((d >> 8) & 3);
	return true;
}

/* MAIR-format attribute halves: 0100 NC, 00RW/10RW WT, 01RW/11RW WB
 * (D24.2 MAIR_EL1). Cacheability order NC < WT < WB: 1, 2, 3. */
static unsigned int cache_of(unsigned int h)
{
	if (h == 4)
		return 1;
	return (h & 4) ? 3 : 2;
}

static unsigned int half_combine(unsigned int s1, unsigned int s2c)
{
	unsigned int c1 = cache_of(s1), c = c1 < s2c ? c1 : s2c;

	if (c == c1)
		return s1;
	if (c == 1)
		return 4;
	/* WB at stage 1 made WT by stage 2: 01RW -> 00RW, 11RW -> 10RW
	 * (allocation hints and transience stay). */
	return s1 & ~4u;
}

static bool attr_is_device(u8 attr)
{
	return !(attr & 0xf0);
}

/* S2CombineS1MemAttrs (D8.6.5): stage 1 MAIR attribute with the stage 2
 * MemAttr (FWB = 0 encoding); the more restrictive type/cacheability. */
static u8 combine(u8 s1, u8 s2)
{
	static const u8 dev_order[4] = { 0x00, 0x04, 0x08, 0x0c };
	bool d1 = attr_is_device(s1), d2 = !(s2 & 0xc);

	if (d1 && d2) {
		unsigned int t1 = (s1 >> 2) & 3, t2 = s2 & 3;

		return dev_order[t1 < t2 ? t1 : t2];
	}
	if (d1)
		return s1;
	if (d2)
		return dev_order[s2 & 3];
	return (u8)(half_combine(s1 >> 4, (s2 >> 2) & 3) << 4 |
		    half_combine(s1 & 0xf, s2 & 3 ? s2 & 3 : 1));
}

static u8 sh_more(u8 a, u8 b)
{
	if (a == 2 || b == 2)
		return 2;
	if (a == 3 || b == 3)
		return 3;
	return 0;
}

/* The guest's FWB MemAttr as a FWB = 0 restriction (shadow.c does the
 * same for the shadow descriptor). */
static u8 s2_memattr(const struct vel2_s2_result *r)
{
	if (!r->fwb)
		return r->memattr;
	if (!(r->memattr & 4))
		return r->memattr & 3;
	return (r->memattr & 7) == 4 ? 0x5 : 0xf;
}

u64 vel2_at_par(const struct vel2_s1_regs *s1, const struct vel2_s2_cfg *s2,
		const struct vel2_gmem_ops *mem, enum vel2_at_op op, u64 va)
{
	struct walk w = { .s2 = s2, .mem = mem, .s2_on = vel2_s2_enabled(s2) };
	bool el0 = op == VEL2_AT_S1E0R || op == VEL2_AT_S1E0W ||
		   op == VEL2_AT_S12E0R || op == VEL2_AT_S12E0W;
	bool write = op == VEL2_AT_S1E1W || op == VEL2_AT_S1E0W ||
		     op == VEL2_AT_S1E1WP || op == VEL2_AT_S12E1W ||
		     op == VEL2_AT_S12E0W;
	bool pan = op == VEL2_AT_S1E1RP || op == VEL2_AT_S1E1WP;
	bool s12 = op >= VEL2_AT_S12E1R;
	struct s1out o = { 0 };
	u64 pa;

	/* HCR_EL2.DC: stage 1 behaves as disabled, with Normal WB data. */
	if (!(s1->sctlr & VEL2_SCTLR_M) || (s2->hcr & VEL2_HCR_DC)) {
		/* Stage 1 off: the output is the VA; beyond PAMax it is an
		 * Address size fault, level 0. */
		if (va >> s2->pa_bits) {
			w.fault = VEL2_S2_ADDR_SIZE;
			w.level = 0;
			return par_fault(&w);
		}
		o.oa = va;
		o.attr = (s2->hcr & VEL2_HCR_DC) ? 0xff : 0x00;
		o.sh = (s2->hcr & VEL2_HCR_DC) ? 0 : 2;
		o.el0_r = o.el0_w = o.w = true;
		o.el0_x = false;
	} else {
		if (!s1_walk(&w, s1, va, el0, &o))
			return par_fault(&w);
		/* SCTLR_EL1.C = 0: data accesses to Normal memory are
		 * Non-cacheable. */
		if (!(s1->sctlr & VEL2_SCTLR_C) && !attr_is_device(o.attr))
			o.attr = 0x44;
		if ((el0 && !o.el0_r) || (write && !o.w) ||
		    (el0 && write && !o.el0_w) ||
		    (pan &&
		     (o.el0_r || ((s1->sctlr & VEL2_SCTLR_EPAN) && o.el0_x)))) {
			w.fault = VEL2_S2_PERMISSION;
			w.level = o.level;
			return par_fault(&w);
		}
	}
	pa = o.oa;
	if (s12 && w.s2_on) {
		struct vel2_s2_result r;

		if (vel2_s2_walk(s2, mem, o.oa,
				 write ? VEL2_ACC_WRITE : VEL2_ACC_READ,
				 &r) != VEL2_S2_OK) {
			w.stage2 = true;
			w.fault = r.fault;
			w.level = r.level;
			return par_fault(&w);
		}
		pa = r.pa;
		o.attr = combine(o.attr, s2_memattr(&r));
		o.sh = sh_more(o.sh, r.sh);
	}
	/* Device, and Normal Inner and Outer Non-cacheable, are reported
	 * Outer Shareable. */
	if (attr_is_device(o.attr) || o.attr == 0x44)
		o.sh = 2;
	return ((u64)o.attr << 56) | (pa & VEL2_GENMASK(51, 12)) | PAR_RES1 |
	       PAR_NS | ((u64)o.sh << 7);
}

u64 vel2_at_vcpu(struct vel2_vcpu *vcpu, const struct vel2_gmem_ops *mem,
		 enum vel2_at_op op, u64 va)
{
	struct vel2_s1_regs s1 = { 0 };
	struct vel2_s2_cfg s2;

	vel2_read_sysreg(vcpu, VEL2_SYSREG_SCTLR_EL1, &s1.sctlr);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_TCR_EL1, &s1.tcr);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_TTBR0_EL1, &s1.ttbr0);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_TTBR1_EL1, &s1.ttbr1);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_MAIR_EL1, &s1.mair);
	vel2_s2_cfg_from_vcpu(vcpu, &s2);
	return vel2_at_par(&s1, &s2, mem, op, va);
}
