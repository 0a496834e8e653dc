// SPDX-License-Identifier: MIT
/*
 * l2hyptimer: a VHE guest hypervisor arms its EL2 physical timer (CNTHP,
 * through the CNTP_* encodings with E2H=1) and runs an L2 that spins
 * without ever trapping; with HCR_EL2.IMO the timer's interrupt must take
 * the CPU back to EL2 (vector 0x480, from the lower EL) while L2 runs.
 * Under vel2 its EL2 timers are the physical EL2 timers in every mode,
 * so the interrupt is the EL2 physical timer PPI (INTID 26 on virt) both
 * natively and under vel2 (docs/nested-gic.md, "Timers"); timerppi checks
 * the other timers.
 */
#include "rt.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define SGI_BASE (GICR + 0x10000)
#define L2_HCR (HCR_RW | HCR_E2H | HCR_IMO)

extern char l2hyptimer_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 deadline;

static void wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}
static u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}

static void enable_ppi(unsigned int intid)
{
	wr32(SGI_BASE + 0x80, rd32(SGI_BASE + 0x80) | 1U << intid);
	*(volatile uint8_t *)(SGI_BASE + 0x400 + intid) = 0x80;
	wr32(SGI_BASE + 0x100, 1U << intid);
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ctl, id;

	if (e->vec != 0x480)
		return false;
	/* CNTP_CTL_EL0 at EL2 with E2H=1 is CNTHP_CTL_EL2: ISTATUS [2]. */
	ctl = read_sysreg(cntp_ctl_el0);
	id = read_sysreg(ICC_IAR1_EL1);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(ICC_EOIR1_EL1, id);
	isb();
	rt_puts("l1: IRQ from L2, its EL2 timer: ENABLE=");
	rt_dec(ctl & 1);
	rt_puts(" ISTATUS=");
	rt_dec((ctl >> 2) & 1);
	rt_puts(" INTID=");
	rt_dec(id);
	rt_puts(", deadline passed: ");
	rt_puts(read_sysreg(cntpct_el0) >= deadline ? "yes\n" : "no\n");
	rt_puts("l2hyptimer: done\n");
	rt_exit(0);
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_require_vhe("l2hyptimer");
	write_sysreg(hcr_el2, (read_sysreg(hcr_el2) & ~HCR_TGE) | HCR_E2H);
	isb();
	rt_puts("l2hyptimer: EL2 timer armed, L2 spins\n");
	/* GIC: affinity routing, Group 1 on, redistributor awake; the EL2
	 * and EL1 physical timer PPIs enabled (IHI 0069). */
	wr32(GICD, (1U << 4) | (1U << 1));
	wr32(GICR + 0x14, 0);
	while (rd32(GICR + 0x14) & 4)
		;
	enable_ppi(26);
	enable_ppi(30);
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
	write_sysreg(VBAR_EL12, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	/* About 2 ms from now (CNTFRQ_EL0 ticks per second). */
	deadline = read_sysreg(cntpct_el0) + read_sysreg(cntfrq_el0) / 500;
	write_sysreg(cntp_cval_el0, deadline);
	write_sysreg(cntp_ctl_el0, 1);
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(elr_el2, (u64)l2hyptimer_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
