// SPDX-License-Identifier: MIT
/*
 * l2gic: a VHE guest hypervisor (E2H=1, TGE=0 around L2) that injects two
 * virtual interrupts into L2 through its GICv3 list registers and lets L2
 * acknowledge and EOI them at the virtual CPU interface (IHI 0069, "Virtual
 * CPU interface"). Acknowledging the last pending one asserts its
 * maintenance interrupt (ICH_HCR_EL2.NPIE: no LR pending; PPI 9, INTID 25
 * on virt), taken to EL2 (HCR_EL2.IMO); the handler prints what L2 saw and
 * the list registers, ICH_VMCR_EL2 (L2's PMR and group enable) and
 * ICH_AP1R0_EL2 as the hardware left them, and ICH_MISR/EISR/ELRSR_EL2,
 * which the hardware computes from them. Under vel2 the guest
 * hypervisor's ICH_* state must be in the real virtual interface while L2
 * runs and be saved back on the exit (NV: trapped accesses; NV2: the VNCR
 * page).
 */
#include "rt.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define SGI_BASE (GICR + 0x10000)
#define ICH_EISR_EL2 s3_4_c12_c11_3
#define ICH_ELRSR_EL2 s3_4_c12_c11_5
#define MAINT_INTID 25
#define L2_HCR (HCR_RW | HCR_E2H | HCR_IMO | HCR_FMO)
/* ICH_LR<n>_EL2: State [63:62] (01 pending), Group [60], Priority
 * [55:48], vINTID [31:0]. */
#define LR_PENDING_G1(prio, intid) \
	((1UL << 62) | (1UL << 60) | ((u64)(prio) << 48) | (intid))
/* ICH_HCR_EL2: En [0], NPIE [3]. */
#define ICH_HCR_EN_NPIE ((1UL << 3) | 1UL)

extern char l2gic_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));

static void wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}
static u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x480)
		return false;
	rt_puts("l1: IRQ from L2 (maintenance)\n");
	rt_kv("l2: first ack", f->x[19]);
	rt_kv("second ack", f->x[20]);
	rt_kv_end("after EOI", f->x[21]);
	rt_kv("ICH_LR0_EL2", read_sysreg(ICH_LR0_EL2));
	rt_kv_end("ICH_LR1_EL2", read_sysreg(ICH_LR1_EL2));
	rt_kv("ICH_VMCR_EL2", read_sysreg(ICH_VMCR_EL2));
	rt_kv("ICH_AP1R0_EL2", read_sysreg(ICH_AP1R0_EL2));
	rt_kv_end("ICH_HCR_EL2", read_sysreg(ICH_HCR_EL2));
	/* Computed from the list registers: NP (no LR pending), LR0 and
	 * the unused ones empty. */
	rt_kv("ICH_MISR_EL2", read_sysreg(ICH_MISR_EL2));
	rt_kv("ICH_EISR_EL2", read_sysreg(ICH_EISR_EL2));
	rt_kv_end("ICH_ELRSR_EL2", read_sysreg(ICH_ELRSR_EL2));
	/* Off: the maintenance interrupt deasserts (En=0). */
	write_sysreg(ICH_HCR_EL2, 0);
	isb();
	rt_puts("l2gic: done\n");
	rt_exit(0);
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_require_vhe("l2gic");
	write_sysreg(hcr_el2, (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H);
	isb();
	rt_puts("l2gic: L2 acks and EOIs list register interrupts\n");
	/* GIC: affinity routing, Group 1 on; this CPU's redistributor awake;
	 * the maintenance PPI Group 1, priority 0x80, enabled (IHI 0069). */
	wr32(GICD, (1U << 4) | (1U << 1));
	wr32(GICR + 0x14, 0);
	while (rd32(GICR + 0x14) & 4)
		;
	wr32(SGI_BASE + 0x80, rd32(SGI_BASE + 0x80) | 1U << MAINT_INTID);
	*(volatile uint8_t *)(SGI_BASE + 0x400 + MAINT_INTID) = 0x80;
	wr32(SGI_BASE + 0x100, 1U << MAINT_INTID);
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	/* Two Group 1 interrupts pending for L2: 40 at priority 0x80, 41 at
	 * 0xa0; L2's virtual interface starts with everything off. */
	write_sysreg(ICH_LR0_EL2, LR_PENDING_G1(0x80, 40));
	write_sysreg(ICH_LR1_EL2, LR_PENDING_G1(0xa0, 41));
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_HCR_EL2, ICH_HCR_EN_NPIE);
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
	write_sysreg(VBAR_EL12, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2gic_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
