// SPDX-License-Identifier: MIT
/*
 * l2irq: a guest hypervisor that takes its guest's interrupts itself
 * (HCR_EL2.IMO = 1): L2's EL1 physical timer (PPI 14, INTID 30) fires while
 * L2 runs, the IRQ is taken to EL2 at VBAR_EL2 + 0x480 (lower EL,
 * AArch64), the handler acknowledges it at the GIC, turns the timer off,
 * tells L2 through x0 and returns. Under vel2 the physical IRQ reaches vel2
 * first, which must take it to vEL2 the same way (it stopped before).
 */
#include "rt.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define SGI_BASE (GICR + 0x10000)
#define TIMER_INTID 30
#define L2_HCR (HCR_RW | HCR_IMO)

extern char l2irq_main[], l2_vectors[];
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
	if (e->vec == 0x480) {
		u64 id = read_sysreg(ICC_IAR1_EL1);

		write_sysreg(cntp_ctl_el0, 0);
		write_sysreg(ICC_EOIR1_EL1, id);
		isb();
		rt_puts("l1: IRQ from L2: INTID ");
		rt_dec(id);
		rt_puts(", SPSR_EL2.M=");
		rt_hex_short(e->spsr & 0xf);
		rt_puts(", I masked at EL2: ");
		rt_puts(read_sysreg(daif) & (1UL << 7) ? "yes\n" : "no\n");
		f->x[0] = 1;
		return true;
	}
	if (e->vec != 0x400 || ESR_EC(e->esr) != 0x16)
		return false;
	if ((ESR_ISS(e->esr) & 0xffff) == 1) {
		rt_kv_end("l1: l2 says", f->x[0]);
		return true;
	}
	if ((ESR_ISS(e->esr) & 0xffff) == 0xd0e) {
		rt_puts("l2irq: done\n");
		rt_exit(0);
	}
	return false;
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_puts("l2irq: L2 at EL1 with HCR_EL2.IMO=1, its timer fires\n");
	/* GIC: affinity routing, Group 1 on; this CPU's redistributor awake;
	 * INTID 30 Group 1, priority 0x80, enabled (IHI 0069). */
	wr32(GICD, (1U << 4) | (1U << 1));
	wr32(GICR + 0x14, 0);
	while (rd32(GICR + 0x14) & 4)
		;
	wr32(SGI_BASE + 0x80, rd32(SGI_BASE + 0x80) | 1U << TIMER_INTID);
	*(volatile uint8_t *)(SGI_BASE + 0x400 + TIMER_INTID) = 0x80;
	wr32(SGI_BASE + 0x100, 1U << TIMER_INTID);
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	/* CNTHCTL_EL2 (E2H=0): EL1PCTEN, EL1PCEN: L2 uses its timer. */
	write_sysreg(cnthctl_el2, 3);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2irq_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
