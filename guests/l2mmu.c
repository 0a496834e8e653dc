// SPDX-License-Identifier: MIT
/*
 * l2mmu: a guest hypervisor whose stage 2 gives its guest (L2) pages, a
 * 2 MiB block, a read-only page, an unmapped page it maps on the fault,
 * a page it remaps (break-before-make, TLBI IPAS2E1IS + VMALLE1IS), an
 * execute-never page and a hole at level 1. Every stage 2 fault L2 takes
 * is printed with ESR_EL2, FAR_EL2 and HPFAR_EL2 as the guest hypervisor
 * sees them; then AT S12E1R/W from EL2 on L2's regime (translations that
 * succeed only: see l2_exit), and AT S1E1R/S1E0R/S1E1W and S12E1R with a
 * stage 1 for L2 built for that. Natively the
 * hardware does all of it; under vel2 the shadow stage 2 must give the
 * same console.
 *
 * Stage 2 (Arm ARM D8.3 descriptors; VTCR_EL2 as in l2stage2.c: 4K
 * granule, 32-bit IPA, start at level 1):
 *   IPA 0x40000000-0x7fffffff  level 2 table: 2M identity blocks, except
 *     0x50000000  level 3 table: page 0 -> A (RW), 1 -> B (RO),
 *                 2 -> unmapped until L2 faults on it (then B),
 *                 3 -> A, XN
 *     0x50200000  2M block over the 2M that holds A
 *   anything else  unmapped (level 1 translation faults)
 */
#include "rt.h"

/* l2mmuvhe.c builds this as a VHE guest hypervisor (HCR_EL2.E2H=1,
 * TGE=0 while it runs L2): L2's EL1 registers through *_EL12. */
#ifdef L2MMU_VHE
#define L2MMU_NAME "l2mmuvhe"
#define L2MMU_E2H HCR_E2H
#define EL1(r) r##_EL12
#else
#define L2MMU_NAME "l2mmu"
#define L2MMU_E2H 0UL
#define EL1(r) r##_el1
#endif
#define SCTLR_el1 sctlr_el1
#define TCR_el1 tcr_el1
#define TTBR0_el1 ttbr0_el1
#define MAIR_el1 mair_el1
#define VBAR_el1 vbar_el1

#define VTCR_4G 0x80003560UL /* T0SZ 32, SL0 1, WB, IS, 4K, PS 32-bit */
#define HPFAR_EL2 hpfar_el2

#define D_VALID (1UL << 0)
#define D_TABLE (1UL << 1) /* table, or page at level 3 */
#define D_WB (0xfUL << 2) /* MemAttr 0b1111 */
#define D_R (1UL << 6) /* S2AP[0] */
#define D_W (1UL << 7) /* S2AP[1] */
#define D_SH (3UL << 8)
#define D_AF (1UL << 10)
#define D_XN (2UL << 53) /* XN[54:53] = 0b10 */
#define D_RW_PAGE (D_VALID | D_TABLE | D_WB | D_R | D_W | D_SH | D_AF)
#define D_RW_BLOCK (D_VALID | D_WB | D_R | D_W | D_SH | D_AF)

#define L2_HCR \
	(HCR_RW | HCR_VM | HCR_TSC | HCR_IMO | HCR_FMO | HCR_AMO | L2MMU_E2H)

extern char l2_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 s2_l1[512] __attribute__((aligned(4096)));
static u64 s2_l2[512] __attribute__((aligned(4096)));
static u64 s2_l3[512] __attribute__((aligned(4096)));
static u64 page_a[512] __attribute__((aligned(4096)));
static u64 page_b[512] __attribute__((aligned(4096)));

static void build_stage2(void)
{
	s2_l1[1] = (u64)s2_l2 | D_VALID | D_TABLE;
	for (u64 i = 0; i < 512; i++)
		s2_l2[i] = (0x40000000UL + (i << 21)) | D_RW_BLOCK;
	s2_l2[0x80] = (u64)s2_l3 | D_VALID | D_TABLE;
	s2_l2[0x81] = ((u64)page_a & ~0x1fffffUL) | D_RW_BLOCK;
	s2_l3[0] = (u64)page_a | D_RW_PAGE;
	s2_l3[1] = (u64)page_b | (D_RW_PAGE & ~D_W);
	s2_l3[3] = (u64)page_a | D_RW_PAGE | D_XN;
	page_a[0] = 0x1111;
	page_b[0] = 0x2222;
	dsb(ishst);
	write_sysreg(vtcr_el2, VTCR_4G);
	write_sysreg(vttbr_el2, (u64)s2_l1 | (5UL << 48)); /* VMID 5 */
	isb();
	__asm__ volatile("tlbi vmalls12e1is\n\tdsb ish\n\tisb" ::: "memory");
}

/* Break-before-make (Arm ARM D8.16.1) of page 0: invalid, TLBI by IPA,
 * then the new descriptor and the stage 1+2 entries of the VMID. */
static void remap_page0_to_b(void)
{
	s2_l3[0] = 0;
	dsb(ishst);
	__asm__ volatile("tlbi ipas2e1is, %0" ::"r"(0x50000000UL >> 12));
	dsb(ish);
	s2_l3[0] = (u64)page_b | D_RW_PAGE;
	dsb(ishst);
	__asm__ volatile("tlbi vmalle1is\n\tdsb ish\n\tisb" ::: "memory");
}

static bool stage2_abort(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ipa = (read_sysreg(HPFAR_EL2) >> 4) << 12;

	rt_kv("l1: stage 2 abort far", read_sysreg(far_el2));
	rt_kv_end("hpfar", read_sysreg(HPFAR_EL2));
	switch (ipa) {
	case 0x50001000: /* write to the read-only page: skip it */
	case 0x90000000: /* the level 1 hole: skip the load */
		f->elr += 4;
		return true;
	case 0x50002000: /* map it (invalid -> valid: no TLBI) and retry */
		s2_l3[2] = (u64)page_b | D_RW_PAGE;
		dsb(ishst);
		return true;
	case 0x50003000: /* execute-never: back to the caller */
		f->elr = f->x[30];
		return true;
	}
	return false;
}

enum at_op { S12E1R, S12E1W, S1E1R, S1E0R, S1E1W };

static void at(const char *what, u64 va, enum at_op op)
{
	switch (op) {
	case S12E1R:
		__asm__ volatile("at s12e1r, %0\n\tisb" ::"r"(va));
		break;
	case S12E1W:
		__asm__ volatile("at s12e1w, %0\n\tisb" ::"r"(va));
		break;
	case S1E1R:
		__asm__ volatile("at s1e1r, %0\n\tisb" ::"r"(va));
		break;
	case S1E0R:
		__asm__ volatile("at s1e0r, %0\n\tisb" ::"r"(va));
		break;
	case S1E1W:
		__asm__ volatile("at s1e1w, %0\n\tisb" ::"r"(va));
		break;
	}
	rt_puts(what);
	rt_kv_end(" par", read_sysreg(par_el1));
}

/*
 * L2's stage 1, for AT only (L2 itself ran with its MMU off): 4K granule,
 * 39-bit VA (T0SZ 25, start at level 1), Arm ARM D8.3 stage 1
 * descriptors. VA 0x20000000: 2M block -> IPA 0x50000000 region (WB,
 * EL1 only); VA 0x20200000: level 3, page 0 -> IPA 0x50001000 (EL0 RW,
 * read-only for writes via AP[2]), page 1 -> IPA 0x50200000 + A's offset.
 */
#define S1_TABLE 3UL
#define S1_AF (1UL << 10)
#define S1_SH (3UL << 8)
#define S1_EL0 (1UL << 6)
#define S1_RO (1UL << 7)
static u64 s1_l1[512] __attribute__((aligned(4096)));
static u64 s1_l2[512] __attribute__((aligned(4096)));
static u64 s1_l3[512] __attribute__((aligned(4096)));

static void l2_stage1_for_at(void)
{
	s1_l1[0] = (u64)s1_l2 | S1_TABLE;
	s1_l2[0x100] = 0x50000000UL | 1 | S1_AF | S1_SH;
	s1_l2[0x101] = (u64)s1_l3 | S1_TABLE;
	s1_l3[0] = 0x50001000UL | 3 | S1_AF | S1_SH | S1_EL0 | S1_RO;
	s1_l3[1] =
		(0x50200000UL + ((u64)page_a & 0x1fffff)) | 3 | S1_AF | S1_SH;
	dsb(ishst);
	write_sysreg(EL1(MAIR), 0xffUL); /* Attr0: Normal WB */
	write_sysreg(EL1(TCR), 25UL | (1UL << 23) | (2UL << 32) | (1UL << 8) |
				       (1UL << 10) | (3UL << 12));
	write_sysreg(EL1(TTBR0), (u64)s1_l1);
	write_sysreg(EL1(SCTLR), SCTLR_EL1_RES1 | SCTLR_M | SCTLR_C);
	isb();
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ec = ESR_EC(e->esr);

	if (e->vec != 0x400)
		return false;
	rt_print_exc("l1: exit", e);
	if (ec == 0x20 || ec == 0x24)
		return stage2_abort(f, e);
	if (ec == 0x17) { /* SMC (TSC): not supported */
		f->x[0] = ~0UL;
		f->elr += 4;
		return true;
	}
	if (ec != 0x16)
		return false;
	switch (ESR_ISS(e->esr) & 0xffff) {
	case 1:
		rt_kv_end("l1: l2 read", f->x[0]);
		return true;
	case 2:
		rt_kv_end("l1: l2 took an exception at EL1, esr", f->x[0]);
		return true;
	case 3:
		remap_page0_to_b();
		return true;
	case 4:
		f->x[0] = (u64)page_a & 0x1fffff;
		return true;
	case 0xd0e:
		/* L2's stage 1 is off: AT S12 is the stage 2 walk. */
		at("l1: at s12e1r a", 0x50000000, S12E1R);
		at("l1: at s12e1r 2m", 0x50200000 + ((u64)page_a & 0x1fffff),
		   S12E1R);
		/* Not AT S12E1W on the read-only page, nor the hole: QEMU
		 * 10.0 aborts on an AT S12 that faults at stage 2
		 * (do_ats_write: !res.cacheattrs.is_s2_format). */
		at("l1: at s12e1w a", 0x50000000, S12E1W);
		at("l1: at s1e1r mmu off", 0x50000000, S1E1R);
		/* With L2's stage 1 on (TGE=0: EL1&0 is L2's regime). */
		l2_stage1_for_at();
		at("l1: at s1e1r block", 0x20012345, S1E1R);
		at("l1: at s1e0r el1-only", 0x20012345, S1E0R);
		at("l1: at s1e0r page", 0x20200000, S1E0R);
		at("l1: at s1e1w ro", 0x20200000, S1E1W);
		at("l1: at s1e1r unmapped", 0x20202000, S1E1R);
		at("l1: at s12e1r page", 0x20200000, S12E1R);
		at("l1: at s12e1r 2m", 0x20201000, S12E1R);
		rt_puts(L2MMU_NAME ": done\n");
		rt_exit(0);
	}
	return false;
}

int main(void)
{
	rt_vectors_install(l2_exit);
#ifdef L2MMU_VHE
	rt_require_vhe(L2MMU_NAME);
	write_sysreg(hcr_el2, (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H);
	isb();
#endif
	rt_puts(L2MMU_NAME ": entering L2 under stage 2\n");
	build_stage2();
	write_sysreg(EL1(SCTLR), SCTLR_EL1_RES1);
	write_sysreg(EL1(VBAR), (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
