// SPDX-License-Identifier: MIT
/*
 * The shadow stage 2 (include/vel2/shadow.h, docs/nested-mmu.md) on the
 * real machine: one instance for all CPUs under a lock, a static pool of
 * table pages, vel2's own stage 2 (stage2.c) as the guest-PA -> PA map,
 * found by walking vel2's installed tables (so this file holds no copy of
 * its layout).
 *
 * Physical TLB: a shadow VMID (1 + context slot) per guest stage 2. The
 * guest hypervisor's TLBIs reach the shadow through hv_shadow_tlbi: its
 * stage 2 ones trap by HCR_EL2.NV, its stage 1 ones for L2 (TLBI VMALLE1IS
 * & co at vEL2 with TGE=0 or E2H=0) by HCR_EL2.TTLB (vel2_hwcfg), set
 * from the TGE the guest had at its last exit. Under plain NV every
 * HCR_EL2 write traps, so that is exact and entering L2 flushes nothing.
 * A VHE guest hypervisor under NV2 writes HCR_EL2.TGE to its VNCR page
 * without a trap: while it ran with TTLB clear it may have cleared TGE and
 * issued an EL1 TLBI for L2 that hit vel2's VMID, so the next entry into
 * L2 flushes the shadow VMID (stage 1 and 2), as every entry did before.
 */
#include "hv.h"
#include "shadow_s2.h"
#include "dev/dev.h"

#include <vel2/accessors.h>
#include <vel2/at.h>
#include <vel2/nested_mmu.h>

#define SHADOW_PAGES 64 /* 256 KiB */
#define SHADOW_CTX (HV_MAX_CPUS + 1) /* one spare: never all pinned */
#define SHADOW_VMID_BASE 1 /* vel2 runs the guest hypervisor as VMID 0 */

static u64 pool[SHADOW_PAGES][512] __attribute__((aligned(4096)));
static u8 owner[SHADOW_PAGES];
static struct vel2_shadow_ctx ctxs[SHADOW_CTX];
static struct vel2_shadow shadow;
static struct hv_lock lock;
static bool ready;
static u64 own_vttbr, own_vtcr; /* vel2's stage 2 (stage2.c) */

static struct {
	u32 slot; /* pinned context */
	bool on; /* VTTBR_EL2 holds the shadow */
	u64 cntvoff; /* what CNTVOFF_EL2 holds */
	bool untracked; /* see the top comment: flush on the next L2 entry */
	u64 entry_flushes; /* ... done */
} pcpu[HV_MAX_CPUS];

/* vel2's own tables: its memory, always readable (EL2 MMU off: VA=PA). */
static bool own_read(void *opaque, u64 pa, u64 *v)
{
	*v = *(volatile u64 *)pa;
	return true;
}

static const struct vel2_gmem_ops own_mem = { .read = own_read };

static bool host_map(void *opaque, u64 gpa, struct vel2_host_map *m)
{
	struct vel2_s2_cfg c = { .vttbr = own_vttbr,
				 .vtcr = own_vtcr,
				 .hcr = VEL2_HCR_VM,
				 .pa_bits = 48,
				 .feat = VEL2_S2F_XNX };
	struct vel2_s2_result r;

	if (vel2_s2_walk(&c, &own_mem, gpa, VEL2_ACC_READ, &r) != VEL2_S2_OK)
		return false;
	/*
	 * vel2 maps each 2 MiB of guest RAM either as one block or as a
	 * level 3 table of 512 identity pages with the block's attributes
	 * (stage2.c, map_ram_2m): the same map, so a shadow may use a 2 MiB
	 * block where the guest hypervisor's stage 2 has one (fewer shadow
	 * fills and table pages than 512 pages).
	 */
	if (r.size < 0x200000 && hv_guest_ram(gpa & ~0x1fffffUL, 0x200000))
		r.size = 0x200000;
	*m = (struct vel2_host_map){ .base = gpa & ~(r.size - 1),
				     .size = r.size,
				     .pa = r.pa & ~(r.size - 1),
				     .memattr = r.memattr,
				     .sh = r.sh,
				     .w = r.w,
				     .x = r.x_el1 && r.x_el0 };
	return true;
}

/* The guest hypervisor's tables: only in memory vel2 gives it as Normal
 * RAM (a walk elsewhere is an external abort, as on a bus error). */
static u64 *guest_word(u64 gpa)
{
	struct vel2_host_map m;

	if (!host_map(0, gpa, &m) || !(m.memattr & 0xc))
		return 0;
	return (u64 *)(m.pa + (gpa - m.base));
}

static bool guest_read(void *opaque, u64 gpa, u64 *v)
{
	u64 *p = guest_word(gpa);

	if (!p)
		return false;
	*v = *(volatile u64 *)p;
	return true;
}

static bool guest_write(void *opaque, u64 gpa, u64 old, u64 val)
{
	u64 *p = guest_word(gpa);

	return p &&
	       __atomic_compare_exchange_n(p, &old, val, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static const struct vel2_gmem_ops guest_mem = { .read = guest_read,
						.write = guest_write };

/* Called under the lock, on the CPU that changed the shadow: broadcast
 * (IS) invalidation of one shadow VMID, by pointing VTTBR_EL2 at it. */
static void tlb(void *opaque, u16 vmid, const struct vel2_tlbi *t)
{
	u64 saved = read_sysreg(vttbr_el2);

	dsb(ishst);
	write_sysreg(vttbr_el2, (u64)vmid << 48);
	isb();
	/* IPAS2: the shadow's 4K granule, Xt[39:0] = IPA[51:12], no TTL
	 * (every level). Stage 1 (S1): the whole VMID, as its EL1 forms at
	 * EL2 would need TGE=0 to reach the EL1&0 regime; over-invalidating
	 * is always allowed (Arm ARM D8.16). */
	if (t->kind == VEL2_TLBI_ALLE1)
		__asm__ volatile("tlbi alle1is" ::: "memory");
	else if (t->kind == VEL2_TLBI_IPAS2)
		__asm__ volatile("tlbi ipas2e1is, %0" ::"r"(t->ipa >> 12)
				 : "memory");
	else
		__asm__ volatile("tlbi vmalls12e1is" ::: "memory");
	dsb(ish);
	write_sysreg(vttbr_el2, saved);
	isb();
}

static const struct vel2_shadow_ops ops = { .host_map = host_map, .tlb = tlb };

static void init_locked(void)
{
	if (ready)
		return;
	/* Every CPU installed vel2's stage 2 before running a guest. */
	own_vttbr = read_sysreg(vttbr_el2);
	own_vtcr = read_sysreg(vtcr_el2);
	if (vel2_shadow_init(&shadow, pool, (u64)pool, owner, SHADOW_PAGES,
			     ctxs, SHADOW_CTX, SHADOW_VMID_BASE, &ops,
			     &guest_mem) < 0) {
		hv_puts("FATAL: shadow stage 2 init\n");
		hv_poweroff(1);
	}
	/* ID_AA64MMFR1_EL1.XNX[31:28]: the shadow may split EL0/EL1. */
	shadow.phys_xnx = (read_sysreg(id_aa64mmfr1_el1) >> 28) & 0xf;
	for (unsigned int i = 0; i < HV_MAX_CPUS; i++)
		pcpu[i].slot = VEL2_SHADOW_NONE;
	ready = true;
}

void hv_shadow_enter(struct hv_cpu *cpu, const struct vel2_hwcfg *cfg)
{
	struct vel2_s2_cfg c;
	u64 vttbr;
	u32 slot;

	/* The virtual counter offset of the mode (vel2_hwcfg): L2 counts
	 * with its hypervisor's CNTVOFF_EL2. main.c starts it at 0. */
	if (cfg->cntvoff != pcpu[cpu->id].cntvoff) {
		write_sysreg(cntvoff_el2, cfg->cntvoff);
		pcpu[cpu->id].cntvoff = cfg->cntvoff;
	}

	if (!cfg->shadow_s2) {
		/* HCR_EL2 {NV2,NV1} = {1,0}: a VHE guest hypervisor under
		 * NV2 (vel2_hwcfg); without TTLB its EL1 TLBIs go untrapped. */
		if ((cfg->hcr & (VEL2_HCR_NV2 | VEL2_HCR_NV1 |
				 VEL2_HCR_TTLB)) == VEL2_HCR_NV2)
			pcpu[cpu->id].untracked = true;
		if (pcpu[cpu->id].on) {
			write_sysreg(vtcr_el2, own_vtcr);
			write_sysreg(vttbr_el2, own_vttbr);
			isb();
			pcpu[cpu->id].on = false;
		}
		return;
	}
	vel2_s2_cfg_from_vcpu(&cpu->vcpu, &c);
	hv_lock(&lock);
	init_locked();
	slot = vel2_shadow_get(&shadow, &c, &pcpu[cpu->id].slot, &vttbr);
	hv_unlock(&lock);
	if (slot == VEL2_SHADOW_NONE) {
		hv_puts("FATAL: no shadow stage 2 context free\n");
		hv_poweroff(1);
	}
	write_sysreg(vtcr_el2, VEL2_SHADOW_VTCR);
	write_sysreg(vttbr_el2, vttbr);
	isb();
	if (pcpu[cpu->id].untracked) {
		__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\t"
				 "dsb ish\n\tisb" ::
					 : "memory");
		pcpu[cpu->id].untracked = false;
		pcpu[cpu->id].entry_flushes++;
	}
	pcpu[cpu->id].on = true;
}

bool hv_shadow_abort(struct vel2_vcpu *vcpu, struct vel2_exit *e)
{
	unsigned int id = hv_this_cpu()->id;
	struct vel2_shadow_fault f;
	enum vel2_shadow_verdict v;
	struct vel2_s2_cfg c;

	if (!pcpu[id].on)
		return false;
	vel2_s2_cfg_from_vcpu(vcpu, &c);
	hv_lock(&lock);
	v = vel2_shadow_fault(&shadow, pcpu[id].slot, &c, e->esr, e->far,
			      e->hpfar, vel2_vcpu_el(vcpu) == 0, &f);
	hv_unlock(&lock);
	switch (v) {
	case VEL2_SHADOW_FILLED:
		return true;
	case VEL2_SHADOW_GUEST_FAULT:
		vel2_forward_s2_fault(vcpu, e, &f);
		return true;
	default:
		/* vel2's business: nothing there (external abort). */
		return false;
	}
}

void hv_shadow_tlbi(struct vel2_vcpu *vcpu, unsigned int op1, unsigned int crn,
		    unsigned int crm, unsigned int op2, u64 xt)
{
	struct vel2_tlbi t;
	u64 vttbr = 0, vtcr = 0, mmfr2 = 0;

	if (!ready || !vel2_tlbi_decode(op1, crn, crm, op2, xt, &t))
		return;
	vel2_read_sysreg(vcpu, VEL2_SYSREG_VTTBR_EL2, &vttbr);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_VTCR_EL2, &vtcr);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_ID_AA64MMFR2_EL1, &mmfr2);
	/* ID_AA64MMFR2_EL1.TTL [51:48]: without FEAT_TTL the hint is RES0. */
	if (!VEL2_ID_FIELD(VEL2_ID_AA64MMFR2_TTL, mmfr2))
		t.ttl = 0;
	hv_lock(&lock);
	vel2_shadow_tlbi(&shadow, vel2_vttbr_vmid(vttbr, vtcr), &t);
	hv_unlock(&lock);
}

bool hv_shadow_at(struct vel2_vcpu *vcpu, unsigned int op1, unsigned int crm,
		  unsigned int op2, u64 va)
{
	enum vel2_at_op op;
	u64 par;

	if (!vel2_at_decode(op1, 7, crm, op2, &op))
		return false;
	hv_lock(&lock);
	init_locked(); /* guest_mem reads through vel2's stage 2 */
	hv_unlock(&lock);
	par = vel2_at_vcpu(vcpu, &guest_mem, op, va);
	vel2_write_sysreg(vcpu, VEL2_SYSREG_PAR_EL1, par);
	return true;
}

void hv_shadow_stats_print(void)
{
	u64 n = 0;

	if (!ready)
		return;
	hv_lock(&lock);
	hv_puts("stats: shadow fills ");
	hv_dec(shadow.fills);
	hv_puts(" tlbi-vmid ");
	hv_dec(shadow.flushes - shadow.ipa_flushes);
	hv_puts(" tlbi-ipa ");
	hv_dec(shadow.ipa_flushes);
	hv_puts(" evictions ");
	hv_dec(shadow.ctx_evictions);
	hv_puts(" entry-flushes ");
	for (unsigned int i = 0; i < HV_MAX_CPUS; i++)
		n += pcpu[i].entry_flushes;
	hv_dec(n);
	hv_puts("\n");
	hv_unlock(&lock);
}
