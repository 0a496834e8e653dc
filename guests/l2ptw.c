// SPDX-License-Identifier: MIT
/*
 * l2ptw: a guest hypervisor with HCR_EL2.PTW set whose stage 2 maps the
 * page holding its guest's (L2's) stage 1 table as Device-nGnRE. Arm ARM
 * D24.2 HCR_EL2.PTW: a stage 1 translation table walk of the EL1&0 regime
 * that accesses stage 2 Device memory generates a stage 2 Permission
 * fault (S1PTW = 1). L2 first reads that page as data with its MMU off
 * (allowed: only walks are restricted), then turns its MMU on: the next
 * instruction fetch walks the table and must take that fault. Under vel2
 * the data read has already put the page in the shadow stage 2, so only
 * the physical HCR_EL2.PTW (the guest's while L2 runs) makes the hardware
 * fault; vel2's software walk alone would not see it. The guest
 * hypervisor then clears PTW and L2 runs on.
 *
 * Stage 2 (VTCR_EL2 as l2stage2.c: 4K, 32-bit IPA, level 1 start): IPA
 * 1G-2G identity in 2M blocks, Normal WB, except the 2M holding s1_l1,
 * mapped by 4K pages, s1_l1's page Device-nGnRE. L2's stage 1: 4K, 39-bit
 * VA, one level 1 block, VA 1G-2G -> IPA 1G-2G, Normal WB (MAIR Attr0).
 */
#include "rt.h"

#define VTCR_4G 0x80003560UL /* T0SZ 32, SL0 1, WB, IS, 4K, PS 32-bit */
#define HCR_PTW (1UL << 2)
#define L2_HCR \
	(HCR_RW | HCR_VM | HCR_PTW | HCR_TSC | HCR_IMO | HCR_FMO | HCR_AMO)

/* Stage 2 descriptors (Arm ARM D8.3): MemAttr[5:2] 0b1111 Normal WB,
 * 0b0001 Device-nGnRE; S2AP[7:6] RW, SH[9:8] IS, AF[10]. */
#define D_VALID (1UL << 0)
#define D_TABLE (1UL << 1) /* table, or page at level 3 */
#define D_WB (0xfUL << 2)
#define D_DEV (0x1UL << 2)
#define D_RW (3UL << 6 | 3UL << 8 | 1UL << 10)

extern char l2_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 s2_l1[512] __attribute__((aligned(4096)));
static u64 s2_l2[512] __attribute__((aligned(4096)));
static u64 s2_l3[512] __attribute__((aligned(4096)));
static u64 s1_l1[512] __attribute__((aligned(4096)));

static void build_tables(void)
{
	u64 tbl = (u64)s1_l1, blk = tbl & ~0x1fffffUL;

	s2_l1[1] = (u64)s2_l2 | D_VALID | D_TABLE;
	for (u64 i = 0; i < 512; i++)
		s2_l2[i] = (0x40000000UL + (i << 21)) | D_VALID | D_WB | D_RW;
	s2_l2[(blk - 0x40000000UL) >> 21] = (u64)s2_l3 | D_VALID | D_TABLE;
	for (u64 i = 0; i < 512; i++)
		s2_l3[i] = (blk + (i << 12)) | D_VALID | D_TABLE | D_RW |
			   ((blk + (i << 12)) == tbl ? D_DEV : D_WB);
	/* Stage 1 level 1 block (D8.3): [1:0] 0b01, AttrIndx 0, SH IS,
	 * AF; EL1 RWX. */
	s1_l1[1] = 0x40000000UL | 1 | 3UL << 8 | 1UL << 10;
	dsb(ishst);
	write_sysreg(vtcr_el2, VTCR_4G);
	write_sysreg(vttbr_el2, (u64)s2_l1 | (5UL << 48)); /* VMID 5 */
	isb();
	__asm__ volatile("tlbi vmalls12e1is\n\tdsb ish\n\tisb" ::: "memory");
	write_sysreg(mair_el1, 0xffUL); /* Attr0: Normal WB */
	/* TCR_EL1: T0SZ 25, IRGN0/ORGN0 WB, SH0 IS, TG0 4K, EPD1, IPS 40. */
	write_sysreg(tcr_el1, 25UL | 1UL << 8 | 1UL << 10 | 3UL << 12 |
				      1UL << 23 | 2UL << 32);
	write_sysreg(ttbr0_el1, (u64)s1_l1);
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ec = ESR_EC(e->esr);

	if (e->vec != 0x400)
		return false;
	rt_print_exc("l1: exit", e);
	if (ec == 0x20 || ec == 0x24) {
		/* The PTW fault: say what it was, turn PTW off, retry. */
		rt_kv("l1: stage 2 abort s1ptw", (e->esr >> 7) & 1);
		rt_kv("fsc", e->esr & 0x3f);
		rt_kv_end("hpfar", read_sysreg(hpfar_el2));
		write_sysreg(hcr_el2, L2_HCR & ~HCR_PTW);
		isb();
		__asm__ volatile("tlbi vmalls12e1is\n\tdsb ish\n\tisb" ::
					 : "memory");
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
	case 4:
		f->x[0] = (u64)s1_l1;
		return true;
	case 0xd0e:
		rt_puts("l2ptw: done\n");
		rt_exit(0);
	}
	return false;
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_puts("l2ptw: L2's stage 1 table in stage 2 Device memory\n");
	build_tables();
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
