// SPDX-License-Identifier: MIT
/*
 * mte: the Memory Tagging Extension (FEAT_MTE2/MTE3, Arm ARM D10 "The
 * Memory Tagging Extension") used by an nVHE hypervisor at EL2 and by its
 * guest (L2) at EL1, which it runs with HCR_EL2.ATA=1 (mtevhe.c: the same
 * as a VHE hypervisor). Each of them, in its own translation regime with
 * one Tagged Normal page (MAIR 0xf0):
 *   - IRG/STG/LDG round trip under GCR_EL1 (tag 0 excluded) and the
 *     RGSR_EL1 seed (the IRG algorithm is deterministic with RRND=0);
 *   - SCTLR_ELx.TCF = 1: a store and a load with a wrong tag each take a
 *     synchronous Data Abort at the current EL (DFSC 0x11, FAR = the
 *     tagged address), reported by its own handler;
 *   - TCF = 2: a wrong-tag store completes and sets TFSR_ELx.TF0;
 *   - TCF = 3 (FEAT_MTE3, asymmetric): the load faults, the store is
 *     recorded in TFSR_ELx;
 * then, back at EL2: L2's TFSR_EL1 (its own faults) and the hypervisor's
 * TFSR_EL2 (still clear: L2's faults are not its own), L2 with
 * HCR_EL2.ATA=0, where GCR_EL1 traps to EL2 (EC 0x18), and the tests of
 * L2 once more under the hypervisor's own stage 2 (Normal Write-Back:
 * tags kept; under vel2 a shadow stage 2).
 * Under vel2 all of it needs HCR_EL2.ATA at vEL2, the SCTLR_EL2 MTE fields
 * in the SCTLR_EL1 that holds it, TFSR_EL2 in TFSR_EL1 and the MTE
 * registers switched with L2. Without tag memory (no -M mte=on) QEMU's
 * -cpu max has FEAT_MTE only (instructions, no tags) and the test says so.
 */
/* qemu: -M mte=on */
#include "rt.h"

#ifndef MTE_VHE
#define MTE_VHE 0
#endif

#define ID_AA64PFR1_EL1 s3_0_c0_c4_1
#define GCR_EL1 s3_0_c1_c0_6
#define RGSR_EL1 s3_0_c1_c0_5
#define TFSR_EL1 s3_0_c5_c6_0
#define TFSR_EL2 s3_4_c5_c6_0
#define TFSR_EL12 s3_5_c5_c6_0

#define HCR_ATA (1UL << 56)
#define SCTLR_ATA (1UL << 43)
#define SCTLR_TCF_SHIFT 40
#define SCTLR_TCF (3UL << SCTLR_TCF_SHIFT)

/* Translation: 4 KiB granule, 39-bit VA from level 1 (Arm ARM D8.3). */
#define D_VALID 1UL
#define D_TABLE 3UL
#define D_ATTR(n) ((u64)(n) << 2)
#define D_SH (3UL << 8)
#define D_AF (1UL << 10)
#define D_XN (1UL << 54) /* XN at EL2 (E2H=0), UXN in the other regimes */
/* MAIR: 0 Normal WB, 1 Tagged Normal WB (FEAT_MTE2), 2 Device-nGnRE. */
#define MAIR_VALUE (0xffUL | (0xf0UL << 8) | (0x04UL << 16))
/* TCR_EL2 (E2H=0): T0SZ 25, WBWA, inner shareable, 4K, PS 40 bits,
 * TBI[20] (tags live in the top byte), RES1 23 and 31. */
#define TCR_NVHE                                                       \
	(25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (2UL << 16) | \
	 (1UL << 20) | (1UL << 23) | (1UL << 31))
/* TCR_EL1 layout (TCR_EL1, and TCR_EL2 with E2H=1): the same, EPD1[23],
 * IPS[34:32] 40 bits, TBI0[37]. */
#define TCR_EL1_LAYOUT                                                 \
	(25UL | (1UL << 8) | (1UL << 10) | (3UL << 12) | (1UL << 23) | \
	 (2UL << 32) | (1UL << 37))

#define TAGGED_VA 0x80000000UL

static u64 l1[512] __attribute__((aligned(4096)));
static u64 l2_low[512] __attribute__((aligned(4096)));
static u64 l2_tag[512] __attribute__((aligned(4096)));
static u64 l3_tag[512] __attribute__((aligned(4096)));
static u64 tagged_page[512] __attribute__((aligned(4096)));
static u64 l2_stack[1024] __attribute__((aligned(16)));
extern char __image_start[], l2_vectors[];

static unsigned int mte_level;

/* One map for every regime: privileged RW (AP 0b00), image executable. */
static void build_tables(void)
{
	u64 img = (u64)__image_start & ~((1UL << 21) - 1);

	l1[0] = D_VALID | D_ATTR(2) | D_AF | D_XN; /* PL011 and the rest */
	l1[1] = (u64)l2_low | D_TABLE;
	l2_low[(img >> 21) & 511] = img | D_VALID | D_ATTR(0) | D_SH | D_AF;
	l1[TAGGED_VA >> 30] = (u64)l2_tag | D_TABLE;
	l2_tag[0] = (u64)l3_tag | D_TABLE;
	l3_tag[0] = (u64)tagged_page | D_TABLE | D_ATTR(1) | D_SH | D_AF | D_XN;
	dsb(ish);
}

/*
 * The registers one level uses: its SCTLR and TFSR (SCTLR_EL2/TFSR_EL2 at
 * EL2, SCTLR_EL1/TFSR_EL1 in L2), and how it reports a value.
 */
struct level {
	u64 (*sctlr_rd)(void);
	void (*sctlr_wr)(u64);
	u64 (*tfsr_rd)(void);
	void (*tfsr_wr)(u64);
	void (*report)(const char *key, u64 v);
};

#define MTE_ASM ".arch armv8.5-a+memtag\n\t"

static u64 irg(u64 p)
{
	__asm__ volatile(MTE_ASM "irg %0, %0" : "+r"(p));
	return p;
}

static void stg(u64 p)
{
	__asm__ volatile(MTE_ASM "stg %0, [%0]" ::"r"(p) : "memory");
}

static u64 ldg(u64 p)
{
	u64 t = p;

	__asm__ volatile(MTE_ASM "ldg %0, [%1]" : "+r"(t) : "r"(p));
	return t;
}

/*
 * One checked store / load. A synchronous fault skips the instruction:
 * at EL2 the runtime's handler returns past it, in L2 l2_vectors.S does
 * (and clobbers x0-x3 to report it).
 */
static void store(u64 p, u64 v)
{
	__asm__ volatile("str %1, [%0]" ::"r"(p), "r"(v)
			 : "x0", "x1", "x2", "x3", "memory");
}

static u64 load(u64 p)
{
	u64 v = 0x5a;

	__asm__ volatile("ldr %0, [%1]"
			 : "+r"(v)
			 : "r"(p)
			 : "x0", "x1", "x2", "x3", "memory");
	return v;
}

static void set_tcf(const struct level *l, u64 tcf)
{
	l->sctlr_wr((l->sctlr_rd() & ~SCTLR_TCF) | tcf << SCTLR_TCF_SHIFT);
	__asm__ volatile(MTE_ASM "isb\n\tmsr tco, #0" ::: "memory");
}

/*
 * TFSR with every tag-check fault recorded so far: DSB, ISB (Arm ARM D10,
 * asynchronous Tag Check Faults). A level without TFSR access (mtenv2)
 * reports nothing.
 */
static void report_tfsr(const struct level *l, const char *key)
{
	if (!l->tfsr_rd)
		return;
	dsb(nsh);
	isb();
	l->report(key, l->tfsr_rd());
}

static void clear_tfsr(const struct level *l)
{
	if (l->tfsr_wr)
		l->tfsr_wr(0);
	isb();
}

static void tag_tests(const struct level *l)
{
	u64 p, q, bad;

	write_sysreg(GCR_EL1, 1); /* Exclude tag 0, RRND 0 */
	write_sysreg(RGSR_EL1, 0x5a3c00UL); /* SEED 0x5a3c, TAG 0 */
	isb();
	p = irg(TAGGED_VA);
	l->report("irg tag", p >> 56);
	l->report("RGSR_EL1", read_sysreg(RGSR_EL1));
	l->report("GCR_EL1", read_sysreg(GCR_EL1));
	stg(p);
	q = ldg(TAGGED_VA);
	l->report("ldg tag", q >> 56);
	bad = (p & ~(0xfUL << 56)) | (((p >> 56) + 3) & 0xf) << 56;

	clear_tfsr(l);
	set_tcf(l, 1); /* synchronous */
	store(p, 0x11); /* right tag: no fault */
	l->report("sync: right tag reads", load(p));
	store(bad, 0x22); /* faults */
	l->report("sync: wrong-tag load", load(bad)); /* faults */
	report_tfsr(l, "sync: TFSR");

	set_tcf(l, 2); /* asynchronous */
	store(bad, 0x33);
	l->report("async: stored", load(p));
	report_tfsr(l, "async: TFSR");
	clear_tfsr(l);

	if (mte_level >= 3) {
		set_tcf(l, 3); /* asymmetric: loads sync, stores async */
		l->report("asym: wrong-tag load", load(bad));
		report_tfsr(l, "asym: TFSR after load");
		store(bad, 0x44);
		report_tfsr(l, "asym: TFSR after store");
	}
	/* Leave TFSR set: the level above reads it (L2's TFSR_EL1). */
	set_tcf(l, 0);
}

/* ---- EL2 ---------------------------------------------------------------- */

static u64 sctlr2_rd(void)
{
	return read_sysreg(sctlr_el2);
}
static void sctlr2_wr(u64 v)
{
	write_sysreg(sctlr_el2, v);
}
/*
 * TFSR_EL2: a VHE hypervisor reaches it as an OS does, through the
 * TFSR_EL1 encoding (E2H redirection); an nVHE one by its own name, which
 * under FEAT_NV2 crashes QEMU 10.0 (mk/qemu.mk): mtenv2 leaves it out.
 */
#if MTE_VHE
#define TFSR_AT_EL2 TFSR_EL1
#else
#define TFSR_AT_EL2 TFSR_EL2
#endif
#ifndef MTE_NO_TFSR_EL2
static u64 tfsr2_rd(void)
{
	return read_sysreg(TFSR_AT_EL2);
}
static void tfsr2_wr(u64 v)
{
	write_sysreg(TFSR_AT_EL2, v);
}
#endif
static void el2_report(const char *key, u64 v)
{
	rt_puts("el2 ");
	rt_kv_end(key, v);
}

#ifdef MTE_NO_TFSR_EL2
static const struct level el2 = { sctlr2_rd, sctlr2_wr, NULL, NULL,
				  el2_report };
#else
static const struct level el2 = { sctlr2_rd, sctlr2_wr, tfsr2_rd, tfsr2_wr,
				  el2_report };
#endif

/* ---- L2 at EL1 ---------------------------------------------------------- */

static u64 sctlr1_rd(void)
{
	return read_sysreg(sctlr_el1);
}
static void sctlr1_wr(u64 v)
{
	write_sysreg(sctlr_el1, v);
}
static u64 tfsr1_rd(void)
{
	return read_sysreg(TFSR_EL1);
}
static void tfsr1_wr(u64 v)
{
	write_sysreg(TFSR_EL1, v);
}
/* hvc #1: x0 = value, x1 = the key (same address in both regimes). */
static void l2_report(const char *key, u64 v)
{
	register u64 x0 __asm__("x0") = v;
	register u64 x1 __asm__("x1") = (u64)key;

	__asm__ volatile("hvc #1" : "+r"(x0) : "r"(x1) : "memory");
}

static const struct level l2 = { sctlr1_rd, sctlr1_wr, tfsr1_rd, tfsr1_wr,
				 l2_report };

static void __attribute__((noreturn)) l2_main(void)
{
	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, TCR_EL1_LAYOUT);
	write_sysreg(ttbr0_el1, (u64)l1);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
	write_sysreg(sctlr_el1,
		     SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_ATA);
	isb();
	l2_report("TFSR_EL1 at entry", tfsr1_rd());
	tag_tests(&l2);
	__asm__ volatile("hvc #0xd0e");
	for (;;)
		;
}

/* L2 with HCR_EL2.ATA = 0: its MTE registers trap to EL2 (EC 0x18). */
static void __attribute__((noreturn)) l2_no_ata(void)
{
	l2_report("no ATA: GCR_EL1", read_sysreg(GCR_EL1));
	__asm__ volatile("hvc #0xd0f");
	for (;;)
		;
}

static void __attribute__((noreturn)) enter_l2(void (*fn)(void), u64 hcr)
{
	write_sysreg(sp_el1, (u64)(l2_stack + 1024));
	if (MTE_VHE)
		write_sysreg(VBAR_EL12, (u64)l2_vectors);
	else
		write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(hcr_el2, hcr | (MTE_VHE ? HCR_E2H : 0));
	write_sysreg(elr_el2, (u64)fn);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}

/*
 * The same L2 again under the hypervisor's own stage 2 (HCR_EL2.VM):
 * IPA = PA, 4 GiB from level 1 (VTCR_EL2 T0SZ 32, SL0 1, WBWA, inner
 * shareable, 4K, PS 32 bits, RES1 31); descriptors (Arm ARM D8.3):
 * MemAttr [5:2] (0b0001 Device-nGnRE, 0b1111 Normal Write-Back, which
 * keeps L2's Tagged stage 1 Tagged, D8.6), S2AP [7:6] RW, SH [9:8], AF
 * [10], XN [54:53]. Under vel2 it runs on a shadow stage 2.
 */
#define VTCR_4G 0x80003560UL
#define S2_BLOCK(pa, attr)                                           \
	((pa) | 1UL | ((u64)(attr) << 2) | (3UL << 6) | (3UL << 8) | \
	 (1UL << 10))
static u64 s2_l1[512] __attribute__((aligned(4096)));
static unsigned int l2_run; /* 1: under the hypervisor's stage 2 */

static void __attribute__((noreturn)) l2_under_stage2(void)
{
	l2_run = 1;
	s2_l1[0] = S2_BLOCK(0UL, 0x1) | (2UL << 53);
	s2_l1[1] = S2_BLOCK(0x40000000UL, 0xf);
	dsb(ish);
	write_sysreg(vtcr_el2, VTCR_4G);
	write_sysreg(vttbr_el2, (u64)s2_l1 | (5UL << 48)); /* VMID 5 */
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" ::: "memory");
	enter_l2(l2_main, HCR_RW | HCR_TSC | HCR_ATA | HCR_VM);
}

static void __attribute__((noreturn)) after_l2(void)
{
	/* L2's own TFSR_EL1, and the hypervisor's TFSR_EL2 untouched. */
	if (MTE_VHE)
		rt_kv_end("l1: L2's TFSR_EL12", read_sysreg(TFSR_EL12));
	else
		rt_kv_end("l1: L2's TFSR_EL1", read_sysreg(TFSR_EL1));
	report_tfsr(&el2, "TFSR_EL2 after L2");
	if (l2_run) {
		rt_puts("mte: done\n");
		rt_exit(0);
	}
	enter_l2(l2_no_ata, HCR_RW | HCR_TSC);
}

static bool handler(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ec = ESR_EC(e->esr);

	if (ec == 0x25 && (e->esr & 0x3f) == 0x11) {
		/* A tag-check fault at EL2: skip the access. */
		rt_print_exc("el2 tag-check fault", e);
		f->elr += 4;
		return true;
	}
	if (e->vec != 0x400)
		return false;
	if (ec == 0x18) {
		/* L2's GCR_EL1 read with HCR_EL2.ATA=0: answer 0x77. */
		unsigned int rt = (ESR_ISS(e->esr) >> 5) & 0x1f;

		rt_print_exc("l1: exit", e);
		if (rt != 31)
			f->x[rt] = 0x77;
		f->elr += 4;
		return true;
	}
	if (ec != 0x16)
		return false;
	switch (ESR_ISS(e->esr) & 0xffff) {
	case 1:
		rt_puts(l2_run ? "l2 (stage 2) " : "l2 ");
		rt_kv_end((const char *)f->x[1], f->x[0]);
		return true;
	case 2: /* l2_vectors.S: x0-x3 = ESR, ELR, SPSR, FAR_EL1 */
		rt_puts(l2_run ? "l2 (stage 2) " : "l2 ");
		rt_kv("took esr", f->x[0]);
		rt_kv("elr", f->x[1]);
		rt_kv("spsr", f->x[2]);
		rt_kv_end("far", f->x[3]);
		return true;
	case 0xd0e:
		after_l2();
		return true;
	case 0xd0f:
		l2_under_stage2();
	}
	return false;
}

int main(void)
{
	u64 sctlr;

	if (MTE_VHE) {
		rt_require_vhe("mtevhe");
		write_sysreg(hcr_el2, HCR_RW | HCR_E2H);
		isb();
	}
	mte_level = (read_sysreg(ID_AA64PFR1_EL1) >> 8) & 0xf;
	rt_kv_end("ID_AA64PFR1_EL1.MTE", mte_level);
	if (mte_level < 2) {
		rt_puts("mte: no FEAT_MTE2 (tag memory: -M mte=on)\n");
		rt_exit(0);
	}
	rt_vectors_install(handler);
	build_tables();
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, MTE_VHE ? TCR_EL1_LAYOUT : TCR_NVHE);
	write_sysreg(ttbr0_el2, (u64)l1);
	isb();
	__asm__ volatile("tlbi alle2\n\tdsb ish\n\tisb" ::: "memory");
	/* With E2H=1 SCTLR_EL2 has the SCTLR_EL1 layout (RES1 bits too). */
	sctlr = MTE_VHE ? SCTLR_EL1_RES1 : read_sysreg(sctlr_el2);
	write_sysreg(sctlr_el2,
		     sctlr | SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_ATA);
	isb();
	rt_kv_end("SCTLR_EL2.ATA", (read_sysreg(sctlr_el2) >> 43) & 1);
	tag_tests(&el2);
	report_tfsr(&el2, "TFSR_EL2 left");
	clear_tfsr(&el2);
	/* L2's TFSR_EL1 starts with a value of its own. */
	if (MTE_VHE)
		write_sysreg(TFSR_EL12, 2);
	else
		write_sysreg(TFSR_EL1, 2);
	enter_l2(l2_main, HCR_RW | HCR_TSC | HCR_ATA);
}
