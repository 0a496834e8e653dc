// SPDX-License-Identifier: MIT
/*
 * Shadow stage 2: fills from faults (composition of the guest's stage 2
 * built by hand in helpers/gmem.h and a modelled vel2 stage 2), faults the
 * guest hypervisor gets (ESR ISS and HPFAR_EL2 per Arm ARM D24.2 ESR_EL2,
 * D23.2 HPFAR_EL2), accesses that are vel2's business, the bounded pool
 * under a flood, context keying and eviction, and guest TLBIs. The shadow
 * tables are read back with a lookup written here from D8.3 (4K granule,
 * levels 0-3), not with the library's walker.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <vel2/accessors.h>
#include <vel2/hwcfg.h>
#include <vel2/nested_mmu.h>
#include <vel2/shadow.h>

#include "helpers/gmem.h"
#include "helpers/rng.h"

#define T(n) (GMEM_BASE + (uint64_t)(n)*0x10000)

/* vel2's stage 2 for the guest hypervisor (the model):
 *   [GMEM_BASE, +1G)        RAM, PA = gpa + RAM_OFF, Normal WB, RWX
 *   [MIS_BASE, +64M)        RAM at a PA not 2M-aligned
 *   [DEV_BASE, +16M)        device pass-through, Device-nGnRE, XN
 *   [UART, +4K)             emulated by vel2
 *   [ROM, +2M)              read-only RAM (PA = gpa + RAM_OFF)
 *   [HIDDEN, +2M)           vel2's own memory: nothing */
#define RAM_OFF 0x100000000ULL
#define MIS_BASE 0xc0000000ULL
#define MIS_PA 0x200001000ULL
#define DEV_BASE 0x08000000ULL
#define UART 0x09000000ULL
#define HIDDEN 0x40000000ULL
#define ROM 0x0a000000ULL

#define NPAGES 64
#define NCTX 4
#define VMID_BASE 8

/* ESR_EL2 (D24.2): EC[31:26], IL[25], ISV[24], SAS[23:22], SSE[21],
 * SRT[20:16], SF[15], AR[14], S1PTW[7], WnR[6], FSC[5:0]. */
#define E_EC(x) ((uint64_t)(x) << 26)
#define E_IL (1ULL << 25)
#define E_ISV (1ULL << 24)
#define E_SAS(x) ((uint64_t)(x) << 22)
#define E_SRT(x) ((uint64_t)(x) << 16)
#define E_SF (1ULL << 15)
#define E_S1PTW (1ULL << 7)
#define E_WNR (1ULL << 6)
#define DABT(fsc) (E_EC(0x24) | E_IL | (fsc))
#define IABT(fsc) (E_EC(0x20) | E_IL | (fsc))

static uint64_t pool[NPAGES][512] __attribute__((aligned(4096)));
static uint8_t owner[NPAGES];
static struct vel2_shadow_ctx ctxs[NCTX];
static struct vel2_shadow sh;

static struct {
	uint16_t vmid;
	struct vel2_tlbi t;
} tlb_log[4096];
static unsigned int ntlb;

static bool host_map(void *opaque, u64 gpa, struct vel2_host_map *m)
{
	(void)opaque;
	*m = (struct vel2_host_map){
		.memattr = 0xf, .sh = 3, .w = true, .x = true
	};
	if (gpa >= HIDDEN && gpa < HIDDEN + (2 << 20))
		return false;
	if (gpa >= GMEM_BASE && gpa < GMEM_BASE + (1ULL << 30)) {
		m->base = GMEM_BASE, m->size = 1ULL << 30;
		m->pa = GMEM_BASE + RAM_OFF;
	} else if (gpa >= MIS_BASE && gpa < MIS_BASE + (64 << 20)) {
		m->base = MIS_BASE, m->size = 64 << 20, m->pa = MIS_PA;
	} else if (gpa >= ROM && gpa < ROM + (2 << 20)) {
		m->base = ROM, m->size = 2 << 20, m->pa = ROM + RAM_OFF;
		m->w = false;
	} else if (gpa >= UART && gpa < UART + 4096) {
		m->base = UART, m->size = 4096, m->emulate = true;
	} else if (gpa >= DEV_BASE && gpa < DEV_BASE + (16 << 20)) {
		m->base = DEV_BASE, m->size = 16 << 20, m->pa = DEV_BASE;
		m->memattr = 0x0, m->sh = 2, m->x = false; /* nGnRnE */
	} else {
		return false;
	}
	return true;
}

static void tlb(void *opaque, u16 vmid, const struct vel2_tlbi *t)
{
	(void)opaque;
	assert_true(ntlb < 4096);
	tlb_log[ntlb].vmid = vmid;
	tlb_log[ntlb++].t = *t;
}

static const struct vel2_shadow_ops ops = { .host_map = host_map, .tlb = tlb };

/* The context each modelled CPU runs on (pinned). */
static uint32_t cpu_slot[4];

static uint32_t get_on(unsigned int cpu, const struct vel2_s2_cfg *c,
		       uint64_t *vttbr)
{
	return vel2_shadow_get(&sh, c, &cpu_slot[cpu], vttbr);
}

static void setup_pool(uint32_t npages, uint32_t nctx)
{
	for (unsigned int i = 0; i < 4; i++)
		cpu_slot[i] = VEL2_SHADOW_NONE;
	assert_int_equal(vel2_shadow_init(&sh, pool, (uint64_t)pool, owner,
					  npages, ctxs, nctx, VMID_BASE, &ops,
					  &gmem_ops),
			 0);
	sh.phys_xnx = true;
	ntlb = 0;
}

/* Shadow lookup, written from D8.3: 4K granule, start level 0, 48 bits.
 * Returns the final descriptor (0 if none), its level in *lvl. */
static uint64_t shadow_lookup(uint64_t vttbr, uint64_t ipa, int *lvl)
{
	uint64_t *t = (uint64_t *)(uintptr_t)(vttbr & 0x0000fffffffff000ULL);

	for (int l = 0; l <= 3; l++) {
		uint64_t d = t[(ipa >> (39 - 9 * l)) & 511];

		*lvl = l;
		if (!(d & 1))
			return 0;
		if (l == 3 || !(d & 2))
			return d;
		t = (uint64_t *)(uintptr_t)(d & 0x0000fffffffff000ULL);
	}
	return 0;
}

static uint64_t shadow_pa(uint64_t d, int lvl, uint64_t ipa)
{
	uint64_t sz = 1ULL << (39 - 9 * lvl);

	return (d & 0x0000fffffffff000ULL & ~(sz - 1)) | (ipa & (sz - 1));
}

/* The guest's stage 2: 4K, 40-bit IPA from level 1 (two concatenated
 * tables at T(0)), VMID 7. */
static struct vel2_s2_cfg guest_cfg(uint16_t vmid, uint64_t baddr)
{
	return (struct vel2_s2_cfg){ .vttbr = baddr | ((uint64_t)vmid << 48),
				     .vtcr = VT_T0SZ(24) | VT_SL0(1) |
					     VT_TG0_4K | VT_PS(2) | VT_RES1,
				     .hcr = H_VM,
				     .pa_bits = 40,
				     .feat = VEL2_S2F_XNX };
}

static uint64_t hpfar_of(uint64_t ipa)
{
	/* HPFAR_EL2.FIPA[39:4] = IPA[47:12] (D23.2). */
	return (ipa >> 12) << 4;
}

static struct vel2_shadow_fault f;

static enum vel2_shadow_verdict
fault(uint32_t slot, const struct vel2_s2_cfg *c, uint64_t esr, uint64_t ipa)
{
	return vel2_shadow_fault(&sh, slot, c, esr,
				 0xffff000012345000ULL | (ipa & 0xfff),
				 hpfar_of(ipa), false, &f);
}

/* Guest: IPA 0x10000000 2M block -> gpa T(32); IPA 0x10200000 -> level 3
 * table at T(3): page 0 RW, page 1 RO, page 2 NC, page 3 hidden gpa,
 * page 4 UART, page 5 device, page 8 device as Device-nGnRE, page 9 RW
 * over vel2's read-only RAM; misaligned RAM in a 2M block at 0x10400000. */
static void build_guest(void)
{
	gmem_reset();
	gmem_set(T(0), 0, T(2) | D_VALID | D_TABLE);
	gmem_set(T(2), 0x80, T(32) | D_LEAF); /* IPA 0x10000000, 2M */
	gmem_set(T(2), 0x81, T(3) | D_VALID | D_TABLE);
	gmem_set(T(3), 0, (T(9) + 0x3000) | D_LEAF | D_PAGE);
	gmem_set(T(3), 1,
		 (T(9) + 0x4000) | D_VALID | D_PAGE | D_ATTR_WB | D_S2AP_R |
			 D_AF);
	gmem_set(T(3), 2,
		 (T(9) + 0x5000) | D_VALID | D_PAGE | D_ATTR_NC | D_S2AP_RW |
			 D_AF);
	gmem_set(T(3), 3, HIDDEN | D_LEAF | D_PAGE);
	gmem_set(T(3), 4, UART | D_LEAF | D_PAGE);
	gmem_set(T(3), 5, (DEV_BASE + 0x7000) | D_LEAF | D_PAGE);
	gmem_set(T(3), 8,
		 (DEV_BASE + 0x8000) | D_VALID | D_PAGE | D_ATTR_DEV |
			 D_S2AP_RW | D_AF);
	gmem_set(T(3), 9, ROM | D_LEAF | D_PAGE);
	gmem_set(T(2), 0x82, (MIS_BASE + (2 << 20)) | D_LEAF); /* 2M */
}

static void test_fill_block_and_page(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	uint64_t vttbr, d;
	uint32_t slot;
	int lvl;

	(void)state;
	build_guest();
	setup_pool(NPAGES, NCTX);
	slot = get_on(0, &c, &vttbr);
	assert_int_equal(vttbr >> 48, VMID_BASE + slot);
	assert_int_equal(vttbr & 0xfff, 0);

	/* A 2M guest block over 2M-aligned vel2 RAM: one 2M shadow block. */
	assert_int_equal(fault(slot, &c, DABT(0x04), 0x10012345),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10012345, &lvl);
	assert_int_equal(lvl, 2);
	assert_int_equal(shadow_pa(d, lvl, 0x10012345),
			 T(32) + RAM_OFF + 0x12345);
	assert_int_equal(d & 0x3ff, 1 | (0xf << 2) | (3 << 6) | (3 << 8));
	assert_true(d & D_AF);
	assert_int_equal((d >> 53) & 3, 0);

	/* A 4K RO page: a 4K RO shadow page; a write is the guest's fault:
	 * Permission, level 3, with the hardware's ISS otherwise. */
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10201008),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10201008, &lvl);
	assert_int_equal(lvl, 3);
	assert_int_equal(shadow_pa(d, lvl, 0x10201008),
			 T(9) + 0x4008 + RAM_OFF);
	assert_int_equal(d & (3 << 6), 1 << 6);
	{
		uint64_t esr =
			DABT(0x0f) | E_ISV | E_SAS(3) | E_SRT(5) | E_SF | E_WNR;

		assert_int_equal(fault(slot, &c, esr, 0x10201008),
				 VEL2_SHADOW_GUEST_FAULT);
		assert_int_equal(f.walk.fault, VEL2_S2_PERMISSION);
		assert_int_equal(vel2_shadow_fault_esr(esr, &f.walk), esr);
		assert_int_equal(vel2_shadow_hpfar(f.ipa), 0x10201ULL << 4);
	}
	/* NC from the guest over WB: NC. */
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10202000),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10202000, &lvl);
	assert_int_equal((d >> 2) & 0xf, 0x5);
	/* A 2M guest block over RAM whose PA is only 4K-aligned: 4K. */
	assert_int_equal(fault(slot, &c, DABT(0x06), 0x10400000 + 0x5123),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10405123, &lvl);
	assert_int_equal(lvl, 3);
	assert_int_equal(shadow_pa(d, lvl, 0x10405123),
			 MIS_PA + (2 << 20) + 0x5123);
	assert_int_equal(sh.fills, 4);
}

static void test_not_guest_fault(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	uint64_t vttbr, d;
	uint32_t slot;
	int lvl;

	(void)state;
	build_guest();
	setup_pool(NPAGES, NCTX);
	slot = get_on(0, &c, &vttbr);

	/* Unmapped in the guest's stage 2: Translation fault level 3 (and
	 * level 2, level 1), FIPA = the L2 IPA, ISS kept. */
	{
		uint64_t esr = DABT(0x05) | E_ISV | E_SRT(3);

		assert_int_equal(fault(slot, &c, esr, 0x10207abc),
				 VEL2_SHADOW_GUEST_FAULT);
		assert_int_equal(vel2_shadow_fault_esr(esr, &f.walk),
				 DABT(0x07) | E_ISV | E_SRT(3));
		assert_int_equal(f.ipa, 0x10207abc);
		assert_int_equal(vel2_shadow_hpfar(f.ipa), 0x10207ULL << 4);
		assert_int_equal(fault(slot, &c, esr, 0x20000000),
				 VEL2_SHADOW_GUEST_FAULT);
		assert_int_equal(vel2_shadow_fault_esr(esr, &f.walk),
				 DABT(0x06) | E_ISV | E_SRT(3));
		assert_int_equal(fault(slot, &c, IABT(0x04), 0x80000000ULL),
				 VEL2_SHADOW_GUEST_FAULT);
		assert_int_equal(vel2_shadow_fault_esr(IABT(0x04), &f.walk),
				 IABT(0x05));
	}
	/* vel2's memory behind a guest mapping: the host's (no mapping). */
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10203000),
			 VEL2_SHADOW_HOST);
	assert_int_equal(f.gpa, HIDDEN);
	assert_false(f.emulate);
	assert_int_equal(shadow_lookup(vttbr, 0x10203000, &lvl), 0);
	/* An emulated device: the host emulates the gpa. */
	assert_int_equal(fault(slot, &c, DABT(0x07) | E_WNR, 0x10204010),
			 VEL2_SHADOW_HOST);
	assert_int_equal(f.gpa, UART + 0x10);
	assert_true(f.emulate);
	assert_int_equal(shadow_lookup(vttbr, 0x10204000, &lvl), 0);
	/* A pass-through device: vel2's Device-nGnRnE over the guest's WB,
	 * and over the guest's Device-nGnRE; XN, outer shareable... */
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10205000),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10205000, &lvl);
	assert_int_equal(shadow_pa(d, lvl, 0x10205000), DEV_BASE + 0x7000);
	assert_int_equal((d >> 2) & 0xf, 0x0);
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10208000),
			 VEL2_SHADOW_FILLED);
	assert_int_equal((shadow_lookup(vttbr, 0x10208000, &lvl) >> 2) & 0xf,
			 0x0);
	assert_int_equal((d >> 8) & 3, 2);
	assert_int_equal((d >> 53) & 3, 2);
	/* ... and executing from it is vel2's fault, not the guest's. */
	assert_int_equal(fault(slot, &c, IABT(0x0f), 0x10205000),
			 VEL2_SHADOW_HOST);
	/* The guest's RW over vel2's read-only memory: mapped read-only, and
	 * a write is vel2's fault (the guest's tables allow it). */
	assert_int_equal(fault(slot, &c, DABT(0x07), 0x10209000),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(vttbr, 0x10209000, &lvl);
	assert_int_equal((d >> 6) & 3, 1);
	assert_int_equal(fault(slot, &c, DABT(0x0f) | E_WNR, 0x10209000),
			 VEL2_SHADOW_HOST);
	assert_int_equal(f.gpa, ROM);
	/* Not translation/AF/permission (an external abort): not ours. */
	assert_int_equal(fault(slot, &c, DABT(0x10), 0x10000000),
			 VEL2_SHADOW_BAD);
	assert_int_equal(
		vel2_shadow_fault(&sh, slot, &c, E_EC(0x15), 0, 0, false, &f),
		VEL2_SHADOW_BAD);
	/* A stage 1 walk of L2 into memory the guest maps Device, with its
	 * HCR_EL2.PTW: the guest's Permission fault, S1PTW kept. */
	gmem_set(T(3), 7,
		 (T(9) + 0x7000) | D_VALID | D_PAGE | D_ATTR_DEV | D_S2AP_RW |
			 D_AF);
	c.hcr |= H_PTW;
	assert_int_equal(fault(slot, &c, DABT(0x07) | E_S1PTW, 0x10207000),
			 VEL2_SHADOW_GUEST_FAULT);
	assert_int_equal(vel2_shadow_fault_esr(DABT(0x07) | E_S1PTW, &f.walk),
			 DABT(0x0f) | E_S1PTW);
}

/* Distinct 1G regions need 3 new tables each: a 16-page pool floods. */
static void test_pool_flood(void **state)
{
	struct vel2_s2_cfg a = guest_cfg(7, T(0)), b = guest_cfg(9, T(1));
	uint64_t va, vb;
	uint32_t sa, sb, used;
	int lvl;

	(void)state;
	gmem_reset();
	/* Guest A: 1G blocks (two concatenated level 1 tables, 1024). */
	for (unsigned int i = 0; i < 1024; i++) {
		gmem_set(T(0), i, T(4) | D_VALID | D_TABLE);
		gmem_set(T(1), i, T(4) | D_VALID | D_TABLE);
	}
	for (unsigned int i = 0; i < 512; i++)
		gmem_set(T(4), i, T(5) | D_VALID | D_TABLE);
	for (unsigned int i = 0; i < 512; i++)
		gmem_set(T(5), i, (T(6) + i * 4096) | D_LEAF | D_PAGE);

	setup_pool(16, 3);
	sb = get_on(1, &b, &vb); /* CPU 1 runs B */
	sa = get_on(0, &a, &va); /* CPU 0 runs A */
	assert_int_not_equal(sa, sb);
	assert_int_equal(fault(sb, &b, DABT(0x04), 0x5000), VEL2_SHADOW_FILLED);
	for (unsigned int i = 0; i < 200; i++) {
		uint64_t ipa = ((uint64_t)i << 30) | 0x1000;

		assert_int_equal(fault(sa, &a, DABT(0x04), ipa),
				 VEL2_SHADOW_FILLED);
		assert_int_not_equal(shadow_lookup(va, ipa, &lvl), 0);
		used = 0;
		for (unsigned int p = 0; p < 16; p++)
			used += owner[p] != 0;
		assert_true(used <= 16);
	}
	assert_int_equal(sh.fills, 201);
	/* B is pinned by CPU 1: emptied (its VMID's TLB flushed, CPU 1
	 * refaults), never freed under it. */
	assert_int_equal(sh.ctx_evictions, 0);
	assert_true(ctxs[sb].used);
	assert_int_equal(shadow_lookup(vb, 0x5000, &lvl), 0);
	{
		bool flushed_b = false;

		for (unsigned int i = 0; i < ntlb; i++)
			flushed_b |= tlb_log[i].vmid == VMID_BASE + sb &&
				     tlb_log[i].t.kind == VEL2_TLBI_VMALLS12E1;
		assert_true(flushed_b);
	}
	assert_int_equal(fault(sb, &b, DABT(0x04), 0x5000), VEL2_SHADOW_FILLED);
	assert_int_not_equal(shadow_lookup(vb, 0x5000, &lvl), 0);
	/* CPU 1 leaves B: the next flood evicts it (LRU, unpinned). */
	vel2_shadow_put(&sh, &cpu_slot[1]);
	for (unsigned int i = 0; i < 8; i++)
		assert_int_equal(
			fault(sa, &a, DABT(0x04), ((uint64_t)(300 + i) << 30)),
			VEL2_SHADOW_FILLED);
	assert_int_equal(sh.ctx_evictions, 1);
	assert_false(ctxs[sb].used);
	/* B comes back: a fresh context, and it fills. */
	sb = get_on(1, &b, &vb);
	assert_int_equal(fault(sb, &b, DABT(0x04), 0x5000), VEL2_SHADOW_FILLED);
	assert_int_not_equal(shadow_lookup(vb, 0x5000, &lvl), 0);
}

static void test_context_keys(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0)), o = guest_cfg(1, T(0)),
			   p = guest_cfg(2, T(0));
	uint64_t v1, v2;
	uint32_t s[5];

	(void)state;
	build_guest();
	setup_pool(NPAGES, 3);
	s[0] = get_on(0, &c, &v1);
	assert_int_equal(get_on(0, &c, &v2), s[0]);
	assert_int_equal(v1, v2);
	c.vttbr |= 1; /* CnP: the same tables */
	assert_int_equal(get_on(0, &c, &v2), s[0]);
	c.vttbr = T(1) | (7ULL << 48); /* another base */
	s[1] = get_on(0, &c, &v2);
	c = guest_cfg(7, T(0));
	c.vtcr |= VT_HA; /* another VTCR */
	s[2] = get_on(0, &c, &v2);
	assert_int_not_equal(s[0], s[1]);
	assert_int_not_equal(s[1], s[2]);
	assert_int_not_equal(s[0], s[2]);
	/* Use s[0] again: s[1] is now the LRU and goes for a 4th key. */
	c = guest_cfg(7, T(0));
	assert_int_equal(get_on(0, &c, &v2), s[0]);
	ntlb = 0;
	c = guest_cfg(8, T(0));
	s[3] = get_on(0, &c, &v2);
	assert_int_equal(s[3], s[1]);
	assert_int_equal(sh.ctx_evictions, 1);
	/* The reused VMID was invalidated before use. */
	assert_true(ntlb >= 1);
	assert_int_equal(tlb_log[ntlb - 1].vmid, VMID_BASE + s[3]);
	assert_int_equal(tlb_log[ntlb - 1].t.kind, VEL2_TLBI_VMALLS12E1);
	/* HCR_EL2.FWB changes the meaning of MemAttr: another context. */
	c = guest_cfg(7, T(0));
	c.hcr |= 1ULL << 46;
	assert_int_not_equal(get_on(0, &c, &v2), s[0]);
	/* Every context pinned by another CPU: a fourth CPU's new key gets
	 * none (the host sizes nctx above its CPU count); CPU 0 switching
	 * to it gives up its own and reuses that. */
	assert_int_not_equal(get_on(1, &o, &v2), VEL2_SHADOW_NONE);
	assert_int_not_equal(get_on(2, &p, &v2), VEL2_SHADOW_NONE);
	c = guest_cfg(3, T(0));
	assert_int_equal(get_on(3, &c, &v2), VEL2_SHADOW_NONE);
	assert_int_equal(cpu_slot[3], VEL2_SHADOW_NONE);
	assert_int_not_equal(get_on(0, &c, &v2), VEL2_SHADOW_NONE);
}

static void test_tlbi_decode(void **state)
{
	struct vel2_tlbi t;

	(void)state;
	/* Encodings as GNU as assembles them (SYS #op1, Cn, Cm, #op2). */
	assert_true(vel2_tlbi_decode(4, 8, 0, 1, 0x12345, &t)); /* IPAS2E1IS */
	assert_int_equal(t.kind, VEL2_TLBI_IPAS2);
	assert_false(t.last_level);
	assert_int_equal(t.ipa, 0x12345000);
	assert_int_equal(t.size, 4096);
	assert_true(vel2_tlbi_decode(4, 8, 4, 4, 1, &t)); /* IPAS2LE1OS */
	assert_true(t.last_level);
	assert_int_equal(t.ipa, 0x1000);
	assert_true(vel2_tlbi_decode(4, 8, 4, 5, 2, &t)); /* IPAS2LE1 */
	assert_true(t.last_level);
	assert_true(vel2_tlbi_decode(4, 8, 4, 0, 2, &t)); /* IPAS2E1OS */
	assert_false(t.last_level);
	/* RIPAS2E1: TG=4K, SCALE=1, NUM=3, BaseADDR=0x100: 4 * 2^6 pages */
	assert_true(vel2_tlbi_decode(
		4, 8, 4, 2, (1ULL << 46) | (1ULL << 44) | (3ULL << 39) | 0x100,
		&t));
	assert_int_equal(t.kind, VEL2_TLBI_IPAS2);
	assert_int_equal(t.ipa, 0x100000);
	assert_int_equal(t.size, 4 * 64 * 4096);
	/* RIPAS2LE1IS with 64K: BaseADDR in 64K units, (NUM+1)*2 granules */
	assert_true(vel2_tlbi_decode(4, 8, 0, 6, (3ULL << 46) | 5, &t));
	assert_true(t.last_level);
	assert_int_equal(t.ipa, 5 << 16);
	assert_int_equal(t.size, 2 << 16);
	assert_true(vel2_tlbi_decode(4, 8, 4, 7, (2ULL << 46) | 1, &t));
	assert_int_equal(t.ipa, 1 << 14); /* RIPAS2LE1OS, 16K */
	assert_true(vel2_tlbi_decode(4, 8, 4, 3, (1ULL << 46) | 1, &t));
	assert_int_equal(t.ipa, 1 << 12); /* RIPAS2E1OS */
	/* ALLE1{,IS,OS}, VMALLS12E1{,IS,OS}, VMALLE1{,IS,OS} */
	assert_true(vel2_tlbi_decode(4, 8, 7, 4, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_ALLE1);
	assert_true(vel2_tlbi_decode(4, 8, 3, 4, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_ALLE1);
	assert_true(vel2_tlbi_decode(4, 8, 1, 4, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_ALLE1);
	assert_true(vel2_tlbi_decode(4, 8, 7, 6, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_VMALLS12E1);
	assert_true(vel2_tlbi_decode(4, 8, 3, 6, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_VMALLS12E1);
	assert_true(vel2_tlbi_decode(4, 8, 1, 6, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_VMALLS12E1);
	assert_true(vel2_tlbi_decode(0, 8, 3, 0, 0, &t));
	assert_int_equal(t.kind, VEL2_TLBI_S1);
	/* Not stage 2: TLBI ALLE2 (4, C8, C7, 0), VAE2 (4, C8, C7, 1). */
	assert_false(vel2_tlbi_decode(4, 8, 7, 0, 0, &t));
	assert_false(vel2_tlbi_decode(4, 8, 7, 1, 0, &t));
	assert_false(vel2_tlbi_decode(0, 7, 8, 0, 0, &t)); /* AT S1E1R */
}

/* Remap with break-before-make: the stale entry stays until the TLBI
 * (as a TLB entry may), then the new mapping is filled. */
static void test_tlbi_remap(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0)), o = guest_cfg(9, T(1));
	uint64_t v, vo, d;
	uint32_t s, so;
	struct vel2_tlbi t;
	int lvl;

	(void)state;
	build_guest();
	gmem_set(T(1), 0, T(2) | D_VALID | D_TABLE); /* guest B, VMID 9 */
	gmem_set(T(0), 1, T(5) | D_VALID | D_TABLE); /* IPA 1G: 4K pages */
	gmem_set(T(5), 0, T(6) | D_VALID | D_TABLE);
	gmem_set(T(6), 1, (T(9) + 0x1000) | D_LEAF | D_PAGE);
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	so = get_on(0, &o, &vo);
	assert_int_equal(fault(s, &c, DABT(0x07), 0x10201000),
			 VEL2_SHADOW_FILLED);
	assert_int_equal(fault(s, &c, DABT(0x07), 0x40001000),
			 VEL2_SHADOW_FILLED);
	assert_int_equal(fault(so, &o, DABT(0x07), 0x10201000),
			 VEL2_SHADOW_FILLED);
	/* BBM: invalid, TLBI IPAS2E1IS, new page. */
	gmem_set(T(3), 1, 0);
	gmem_set(T(3), 1, (T(9) + 0x8000) | D_LEAF | D_PAGE);
	d = shadow_lookup(v, 0x10201000, &lvl);
	assert_int_equal(shadow_pa(d, lvl, 0x10201000),
			 T(9) + 0x4000 + RAM_OFF); /* stale until TLBI */
	ntlb = 0;
	assert_true(vel2_tlbi_decode(4, 8, 0, 1, 0x10201, &t));
	vel2_shadow_tlbi(&sh, 7, &t);
	assert_int_equal(shadow_lookup(v, 0x10201000, &lvl), 0);
	/* Another 1G region of VMID 7 stays, and VMID 9 is untouched. */
	assert_int_not_equal(shadow_lookup(v, 0x40001000, &lvl), 0);
	assert_int_not_equal(shadow_lookup(vo, 0x10201000, &lvl), 0);
	/* The physical TLB: that VMID only, by IPA, for what went from the
	 * range of the largest block (1G with 4K) around the IPA: the level
	 * 2 table at IPA 0, the level 3 table at 0x10200000, the page. */
	assert_int_equal(ntlb, 3);
	for (unsigned int i = 0; i < 3; i++) {
		static const uint64_t ipa[] = { 0, 0x10200000, 0x10201000 };

		assert_int_equal(tlb_log[i].vmid, VMID_BASE + s);
		assert_int_equal(tlb_log[i].t.kind, VEL2_TLBI_IPAS2);
		assert_int_equal(tlb_log[i].t.ipa, ipa[i]);
	}
	assert_int_equal(sh.ipa_flushes, 3);
	assert_int_equal(fault(s, &c, DABT(0x07), 0x10201000),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(v, 0x10201000, &lvl);
	assert_int_equal(shadow_pa(d, lvl, 0x10201000),
			 T(9) + 0x8000 + RAM_OFF);

	/* A stage 1 TLBI changes no shadow entry; it is replayed on the
	 * shadow VMID(s) of that guest VMID. */
	ntlb = 0;
	assert_true(vel2_tlbi_decode(0, 8, 3, 0, 0, &t));
	vel2_shadow_tlbi(&sh, 7, &t);
	assert_int_equal(ntlb, 1);
	assert_int_equal(tlb_log[0].vmid, VMID_BASE + s);
	assert_int_equal(tlb_log[0].t.kind, VEL2_TLBI_S1);
	assert_int_not_equal(shadow_lookup(v, 0x10201000, &lvl), 0);

	/* VMALLS12E1 for VMID 9: only B's shadow goes. */
	assert_true(vel2_tlbi_decode(4, 8, 3, 6, 0, &t));
	vel2_shadow_tlbi(&sh, 9, &t);
	assert_int_equal(shadow_lookup(vo, 0x10201000, &lvl), 0);
	assert_int_not_equal(shadow_lookup(v, 0x10201000, &lvl), 0);
	/* ALLE1: everything. */
	assert_true(vel2_tlbi_decode(4, 8, 7, 4, 0, &t));
	vel2_shadow_tlbi(&sh, 0, &t);
	assert_int_equal(shadow_lookup(v, 0x10201000, &lvl), 0);
	assert_int_equal(shadow_lookup(v, 0x40001000, &lvl), 0);
	/* Every table page but the two roots is back in the pool. */
	{
		unsigned int used = 0;

		for (unsigned int p = 0; p < NPAGES; p++)
			used += owner[p] != 0;
		assert_int_equal(used, 2);
	}
}

/* A 2M shadow block, then the guest splits it into pages after a TLBI:
 * the block is replaced by a table. */
static void test_block_split(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	struct vel2_tlbi t;
	uint64_t v, d;
	uint32_t s;
	int lvl;

	(void)state;
	build_guest();
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	assert_int_equal(fault(s, &c, DABT(0x04), 0x10000000),
			 VEL2_SHADOW_FILLED);
	shadow_lookup(v, 0x10000000, &lvl);
	assert_int_equal(lvl, 2);
	gmem_set(T(2), 0x80, 0);
	gmem_set(T(2), 0x80, T(4) | D_VALID | D_TABLE);
	gmem_set(T(4), 3, (T(9) + 0xa000) | D_LEAF | D_PAGE);
	/* RIPAS2E1IS over the 2M: 4K, SCALE 1, NUM 7 = 8*64 pages. */
	assert_true(vel2_tlbi_decode(
		4, 8, 0, 2,
		(1ULL << 46) | (1ULL << 44) | (7ULL << 39) | 0x10000, &t));
	vel2_shadow_tlbi(&sh, 7, &t);
	assert_int_equal(fault(s, &c, DABT(0x04), 0x10003000),
			 VEL2_SHADOW_FILLED);
	d = shadow_lookup(v, 0x10003000, &lvl);
	assert_int_equal(lvl, 3);
	assert_int_equal(shadow_pa(d, lvl, 0x10003000),
			 T(9) + 0xa000 + RAM_OFF);
	assert_int_equal(shadow_lookup(v, 0x10004000, &lvl), 0);
}

/*
 * TLBI by IPA against a reference model: random fills of a guest with 4K
 * pages and 2M blocks, then random IPAS2E1IS (with and without FEAT_TTL
 * hints) and RIPAS2E1IS. Every shadow leaf made from a guest entry the
 * TLBI covers must go, with a physical TLBI by IPA inside it (or the
 * whole VMID); every leaf outside the aligned block the hint (or the
 * largest block, 1G) allows must stay.
 */
struct rec {
	uint64_t ipa, leaf; /* leaf: shadow leaf size */
	uint64_t gsize; /* the guest entry's size (4K page or 2M block) */
	int glevel;
};

static bool log_covers(uint32_t slot, uint64_t base, uint64_t size)
{
	for (unsigned int i = 0; i < ntlb; i++) {
		if (tlb_log[i].vmid != VMID_BASE + slot)
			continue;
		if (tlb_log[i].t.kind == VEL2_TLBI_VMALLS12E1 ||
		    (tlb_log[i].t.kind == VEL2_TLBI_IPAS2 &&
		     tlb_log[i].t.ipa >= base &&
		     tlb_log[i].t.ipa < base + size))
			return true;
	}
	return false;
}

static void test_tlbi_by_ipa_model(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	static struct rec recs[2048];
	unsigned int nrec = 0, removed = 0, kept = 0, narrowed = 0;
	uint64_t v;
	uint32_t s;
	int lvl;

	(void)state;
	rng = 0x7781;
	gmem_reset();
	/* IPA [0x10000000, +4M): two level 3 tables of pages; [+4M, +8M):
	 * two 2M blocks; and one page at IPA 1G (another level 1 entry). */
	gmem_set(T(0), 0, T(2) | D_VALID | D_TABLE);
	gmem_set(T(0), 1, T(5) | D_VALID | D_TABLE);
	gmem_set(T(5), 0, T(6) | D_VALID | D_TABLE);
	gmem_set(T(6), 0, (GMEM_BASE + (200 << 20)) | D_LEAF | D_PAGE);
	for (unsigned int e = 0; e < 2; e++) {
		gmem_set(T(2), 0x80 + e, T(3 + e) | D_VALID | D_TABLE);
		for (unsigned int i = 0; i < 512; i++)
			gmem_set(T(3 + e), i,
				 (GMEM_BASE + (64 << 20) +
				  ((uint64_t)(e * 512 + i) << 12)) |
					 D_LEAF | D_PAGE);
		gmem_set(T(2), 0x82 + e,
			 (GMEM_BASE + ((uint64_t)(16 + e) << 21)) | D_LEAF);
	}
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	for (unsigned int round = 0; round < 3000; round++) {
		struct vel2_tlbi t;
		uint64_t x, lo, hi, wlo, whi, blk;
		unsigned int ttl_lvl = 0, kind = rng_next() % 4;
		bool range = false;

		/* A few fills. */
		for (unsigned int k = rng_next() % 6; k; k--) {
			uint64_t ipa =
				rng_next() % 8 ?
					0x10000000 + (rng_next() & 0x7ff000) :
					0x40000000;

			if (nrec == 2048)
				break;
			assert_int_equal(fault(s, &c, DABT(0x07), ipa),
					 VEL2_SHADOW_FILLED);
			recs[nrec].ipa = ipa;
			recs[nrec].glevel =
				ipa >= 0x10400000 && ipa < 0x10800000 ? 2 : 3;
			recs[nrec].gsize =
				recs[nrec].glevel == 2 ? 2 << 20 : 4096;
			shadow_lookup(v, ipa, &lvl);
			recs[nrec++].leaf = 1ULL << (39 - 9 * lvl);
		}
		/* One TLBI: IPAS2E1IS without a hint, with a 4K level 2/3
		 * hint, with a 16K hint (not this granule: no narrowing),
		 * or RIPAS2E1IS over 2..64 pages with a level hint. */
		x = 0x10000 + (rng_next() & 0x7ff);
		if (rng_next() % 16 == 0)
			x = 0x40000;
		lo = x << 12;
		hi = lo + 4096;
		if (kind == 1 || kind == 2) {
			ttl_lvl = kind == 1 ? 3 : 2;
			x |= (uint64_t)(4 | ttl_lvl) << 44;
		} else if (kind == 3 && rng_next() % 2) {
			x |= 0xbULL << 44; /* 16K, level 3 */
		} else if (kind == 3) {
			uint64_t num = rng_next() % 32;

			ttl_lvl = rng_next() % 2 ? 3 : 0;
			range = true;
			x = (1ULL << 46) | (num << 39) |
			    ((uint64_t)ttl_lvl << 37) | (lo >> 12);
			hi = lo + ((num + 1) << 13);
		}
		ntlb = 0;
		assert_true(vel2_tlbi_decode(4, 8, 0, range ? 2 : 1, x, &t));
		assert_int_equal(t.ipa, lo);
		assert_int_equal(t.ipa + t.size, hi);
		vel2_shadow_tlbi(&sh, 7, &t);
		blk = ttl_lvl ? 1ULL << (39 - 9 * ttl_lvl) : 1ULL << 30;
		wlo = lo & ~(blk - 1);
		whi = (hi + blk - 1) & ~(blk - 1);
		for (unsigned int r = 0; r < nrec;) {
			struct rec *e = &recs[r];
			uint64_t gb = e->ipa & ~(e->gsize - 1);
			uint64_t lb = e->ipa & ~(e->leaf - 1);
			bool hit = gb < hi && gb + e->gsize > lo &&
				   (!ttl_lvl || (int)ttl_lvl == e->glevel);
			bool gone = !shadow_lookup(v, e->ipa, &lvl);

			if (hit)
				assert_true(gone);
			if (lb + e->leaf <= wlo || lb >= whi) {
				assert_false(gone);
				kept++;
				if (blk < (1ULL << 30) && lb >> 30 == lo >> 30)
					narrowed++;
			}
			if (gone) {
				assert_true(log_covers(s, lb, e->leaf));
				removed++;
				recs[r] = recs[--nrec];
			} else {
				r++;
			}
		}
	}
	printf("tlbi model: %u removed, %u kept (%u thanks to a hint)\n",
	       removed, kept, narrowed);
	assert_true(removed > 500);
	assert_true(narrowed > 500);
}

/* HCR_EL2.FWB (D8.6.6): the physical FWB is the guest's while L2 runs on
 * the shadow, so a FWB context keeps the guest's MemAttr[2:0] (0b0xx
 * Device, 0b101 Normal NC, 0b110 forced Write-Back, 0b111 stage 1's;
 * 0b100 reserved, taken as NC), restricted by vel2's Device. */
static void test_fwb_attrs(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	static const struct {
		uint64_t gpa, memattr, expect;
	} cases[] = {
		{ 0, 0x1, 0x1 },
		{ 0, 0x4, 0x5 },
		{ 0, 0x6, 0x6 },
		{ 0, 0x7, 0x7 },
		{ 0, 0x5, 0x5 },
		/* vel2's Device-nGnRnE (pass-through) wins over each. */
		{ DEV_BASE, 0x6, 0x0 },
		{ DEV_BASE, 0x7, 0x0 },
		{ DEV_BASE, 0x2, 0x0 },
	};
	uint64_t v;
	uint32_t s;
	int lvl;

	(void)state;
	build_guest();
	c.hcr |= 1ULL << 46;
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t ipa = 0x1020a000 + i * 4096;
		uint64_t gpa = cases[i].gpa ? cases[i].gpa : T(9);

		gmem_set(T(3), 10 + i,
			 (gpa + i * 4096) | D_VALID | D_PAGE |
				 (cases[i].memattr << 2) | D_S2AP_RW | D_AF);
		assert_int_equal(fault(s, &c, DABT(0x07), ipa),
				 VEL2_SHADOW_FILLED);
		assert_int_equal((shadow_lookup(v, ipa, &lvl) >> 2) & 0xf,
				 cases[i].expect);
	}
}

/* HCR_EL2.PTW (D24.2 HCR_EL2; the guest's, physical while L2 runs): L2's
 * stage 1 walk into the guest's stage 2 Device memory is the guest's
 * stage 2 Permission fault, S1PTW kept; into vel2's Device behind the
 * guest's Normal it is vel2's (the hardware faults on the shadow entry:
 * mapping it again would loop); without PTW both are mapped. */
static void test_ptw(void **state)
{
	struct vel2_s2_cfg c = guest_cfg(7, T(0));
	uint64_t v, esr = DABT(0x0f) | E_S1PTW;
	uint32_t s;
	int lvl;

	(void)state;
	build_guest();
	/* page 10: the guest's Device over vel2's RAM */
	gmem_set(T(3), 10,
		 (T(9) + 0xa000) | D_VALID | D_PAGE | D_ATTR_DEV | D_S2AP_RW |
			 D_AF);
	c.hcr |= H_PTW;
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	assert_int_equal(fault(s, &c, esr, 0x1020a000),
			 VEL2_SHADOW_GUEST_FAULT);
	assert_int_equal(f.walk.fault, VEL2_S2_PERMISSION);
	assert_int_equal(vel2_shadow_fault_esr(esr, &f.walk),
			 DABT(0x0f) | E_S1PTW);
	/* page 5: the guest's WB over vel2's pass-through Device. */
	assert_int_equal(fault(s, &c, esr, 0x10205000), VEL2_SHADOW_HOST);
	assert_false(f.emulate);
	assert_int_equal(shadow_lookup(v, 0x10205000, &lvl), 0);
	/* A data access there maps it; PTW = 0 walks map both. */
	assert_int_equal(fault(s, &c, DABT(0x07), 0x10205000),
			 VEL2_SHADOW_FILLED);
	c.hcr &= ~H_PTW;
	s = get_on(0, &c, &v);
	assert_int_equal(fault(s, &c, DABT(0x07) | E_S1PTW, 0x1020a000),
			 VEL2_SHADOW_FILLED);
	assert_int_equal(fault(s, &c, DABT(0x07) | E_S1PTW, 0x10205000),
			 VEL2_SHADOW_FILLED);
}

/*
 * An L2 IPA at or above 2^48: the guest hypervisor's ID registers (vel2's
 * view, vel2_id_sanitise of a 52-bit PE with FEAT_LPA2) offer 48-bit PAs
 * and no LPA2, so its 52-bit stage 2 request (4K, DS = 1, T0SZ = 12,
 * level -1 by SL2) is out of range: a Translation fault at level 0 of its
 * own stage 2, delivered to it with FIPA = IPA[51:12] (D23.2 HPFAR_EL2),
 * not vel2's business. So is any IPA above its 48-bit T0SZ.
 */
static void test_ipa52(void **state)
{
	static struct vel2_vcpu vcpu;
	struct vel2_s2_cfg c;
	uint64_t v, ipa = 1ULL << 50 | 0x3000;
	uint32_t s;

	(void)state;
	build_guest();
	/* What a PE with 52-bit IPAs would walk: level -1 at T(40), down
	 * to a page at T(9) (with DS, descriptor bits [9:8] are OA[51:50]:
	 * no SH there). */
	gmem_set(T(40), 4, T(41) | D_VALID | D_TABLE);
	gmem_set(T(41), 0, T(42) | D_VALID | D_TABLE);
	gmem_set(T(42), 0, T(43) | D_VALID | D_TABLE);
	gmem_set(T(43), 0, T(44) | D_VALID | D_TABLE);
	gmem_set(T(44), 3,
		 T(9) | D_VALID | D_PAGE | D_ATTR_WB | D_S2AP_RW | D_AF);
	vel2_vcpu_init(&vcpu);
	assert_int_equal(
		vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64MMFR0_EL1,
				  vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
						   0x2100032310201126ULL)),
		0);
	assert_int_equal(vel2_write_sysreg(&vcpu, VEL2_SYSREG_VTCR_EL2,
					   VT_T0SZ(12) | VT_SL0(0) | VT_DS |
						   VT_SL2 | VT_TG0_4K |
						   VT_PS(6) | VT_RES1),
			 0);
	assert_int_equal(vel2_write_sysreg(&vcpu, VEL2_SYSREG_VTTBR_EL2,
					   T(40) | 7ULL << 48),
			 0);
	assert_int_equal(vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2,
					   H_VM | (1ULL << 31)),
			 0);
	vel2_s2_cfg_from_vcpu(&vcpu, &c);
	assert_int_equal(c.pa_bits, 48);
	assert_int_equal(c.feat & VEL2_S2F_LPA2, 0);
	setup_pool(NPAGES, NCTX);
	s = get_on(0, &c, &v);
	assert_int_equal(vel2_shadow_fault(&sh, s, &c, DABT(0x04),
					   0x1234000 | (ipa & 0xfff),
					   (ipa >> 12) << 4, false, &f),
			 VEL2_SHADOW_GUEST_FAULT);
	assert_int_equal(f.ipa, ipa);
	assert_int_equal(f.walk.fault, VEL2_S2_TRANSLATION);
	assert_int_equal(f.walk.level, 0);
	assert_int_equal(vel2_shadow_hpfar(f.ipa), (ipa >> 12) << 4);
	/* A 48-bit stage 2 (T0SZ = 16): the same IPA is out of its range. */
	c.vtcr = VT_T0SZ(16) | VT_SL0(2) | VT_TG0_4K | VT_PS(5) | VT_RES1;
	s = get_on(0, &c, &v);
	assert_int_equal(vel2_shadow_fault(&sh, s, &c, DABT(0x04), ipa & 0xfff,
					   (ipa >> 12) << 4, false, &f),
			 VEL2_SHADOW_GUEST_FAULT);
	assert_int_equal(f.walk.fault, VEL2_S2_TRANSLATION);
}

/* Every shadow leaf lies inside what the vel2 model gives the guest,
 * with no more than it allows (write, execute). Returns the leaf count. */
static unsigned int check_leaves(uint64_t table_pa, int level)
{
	static const struct {
		uint64_t pa, size;
		bool w, x;
	} ok[] = { { GMEM_BASE + RAM_OFF, 1ULL << 30, true, true },
		   { MIS_PA, 64 << 20, true, true },
		   { DEV_BASE, 16 << 20, true, false },
		   { ROM + RAM_OFF, 2 << 20, false, true } };
	uint64_t *t = (uint64_t *)(uintptr_t)table_pa;
	unsigned int n = 0;

	for (unsigned int i = 0; i < 512; i++) {
		uint64_t d = t[i], sz = 1ULL << (39 - 9 * level), pa;
		bool found = false;

		if (!(d & 1))
			continue;
		if (level < 3 && (d & 2)) {
			/* a table: one of the pool's pages */
			assert_true((d & 0x0000fffffffff000ULL) >=
					    (uint64_t)pool &&
				    (d & 0x0000fffffffff000ULL) <
					    (uint64_t)pool + sizeof(pool));
			n += check_leaves(d & 0x0000fffffffff000ULL, level + 1);
			continue;
		}
		assert_true(level >= 1);
		pa = d & 0x0000fffffffff000ULL & ~(sz - 1);
		for (unsigned int r = 0; r < 4; r++) {
			if (pa >= ok[r].pa &&
			    pa + sz <= ok[r].pa + ok[r].size) {
				found = true;
				if (!ok[r].w)
					assert_false(d & D_S2AP_W);
				if (!ok[r].x)
					assert_int_equal((d >> 53) & 3, 2);
			}
		}
		assert_true(found);
		n++;
	}
	return n;
}

/* Random guest tables (random descriptors over guest RAM, some pointing
 * at vel2's memory, devices, holes), random faults and TLBIs on a small
 * pool: nothing outside the model is ever mapped, the pool holds. */
static void test_fuzz(void **state)
{
	static const uint64_t targets[] = { GMEM_BASE, HIDDEN,	     UART,
					    DEV_BASE,  ROM,	     MIS_BASE,
					    0x3000,    0x7f000000ULL };
	unsigned int leaves = 0, fills = 0;

	(void)state;
	rng = 0xf0220;
	gmem_reset();
	for (unsigned int i = 0; i < 64 * 1024; i++) {
		uint64_t r = rng_next(),
			 base = r % 2 ? GMEM_BASE : targets[r % 8];

		/* mostly valid, with AF: walks get somewhere */
		gmem_at(GMEM_BASE)[i] = (base + (rng_next() & 0x3ff000)) |
					(rng_next() & 0x60000000000007feULL) |
					(rng_next() % 8 ? D_VALID | D_AF : 0);
	}
	setup_pool(12, 3);
	for (unsigned int i = 0; i < 100000; i++) {
		struct vel2_s2_cfg c =
			guest_cfg((uint16_t)(rng_next() % 4),
				  GMEM_BASE + (rng_next() & 0x3ff000));
		unsigned int cpu = rng_next() % 2;
		uint64_t v, esr, ipa = rng_next() & 0xffffffffffULL;
		uint32_t slot;

		ntlb = 0;
		if (rng_next() % 64 == 0)
			c.vtcr = VT_RES1 | (rng_next() & 0x7ffffULL);
		slot = get_on(cpu, &c, &v);
		assert_int_not_equal(slot, VEL2_SHADOW_NONE);
		esr = (rng_next() & 1 ? E_EC(0x24) : E_EC(0x20)) | E_IL |
		      (rng_next() & 0x1ffffc0ULL) |
		      (rng_next() % 8 ? 4 + rng_next() % 12 : rng_next() % 64);
		if (fault(slot, &c, esr, ipa) == VEL2_SHADOW_FILLED) {
			fills++;
			for (unsigned int k = 0; k < 3; k++)
				if (ctxs[k].used)
					leaves += check_leaves(
						(uint64_t)pool[ctxs[k].root],
						0);
		}
		if (rng_next() % 16 == 0) {
			struct vel2_tlbi t;

			if (rng_next() % 4 == 0 &&
			    vel2_tlbi_decode(4, 8, rng_next() % 8,
					     rng_next() % 8, rng_next(), &t))
				vel2_shadow_tlbi(&sh, rng_next() % 4, &t);
		}
	}
	/* The fuzz did exercise the fill path, and checked leaves. */
	printf("fuzz: %u fills, %u leaves checked\n", fills, leaves);
	assert_true(fills > 1000);
	assert_true(leaves > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill_block_and_page),
		cmocka_unit_test(test_not_guest_fault),
		cmocka_unit_test(test_pool_flood),
		cmocka_unit_test(test_context_keys),
		cmocka_unit_test(test_tlbi_decode),
		cmocka_unit_test(test_tlbi_remap),
		cmocka_unit_test(test_block_split),
		cmocka_unit_test(test_tlbi_by_ipa_model),
		cmocka_unit_test(test_fwb_attrs),
		cmocka_unit_test(test_ptw),
		cmocka_unit_test(test_ipa52),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
