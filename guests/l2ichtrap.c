// SPDX-License-Identifier: MIT
/*
 * l2ichtrap: a guest hypervisor's GICv3 controls for its guest (L2) and its
 * maintenance interrupt, as it sees them at EL2 (GIC Architecture
 * Specification, IHI 0069, "ICH_HCR_EL2", "ICH_MISR_EL2", "Maintenance
 * interrupts").
 *
 * 1. Traps. For ICH_HCR_EL2 = 0, TC, TALL0, TALL1, TDIR in turn, L2 (EL1,
 *    HCR_EL2.IMO/FMO = 1) accesses every ICC_* register those bits cover
 *    (l2ichtrap_l2.S); each access the bit traps comes to EL2 as EC 0x18
 *    and is printed with its ESR_EL2, then skipped. ICC_SGI1R_EL1 traps
 *    in every round: HCR_EL2.IMO/FMO trap it from EL1. Under vel2 the
 *    hardware delivers these to vel2, which must forward them to vEL2 with
 *    the same syndrome (it gave L2 an UNDEF before).
 * 2. The maintenance interrupt. L2 acknowledges the one pending list
 *    register interrupt, so no LR is pending and NPIE asserts the
 *    maintenance interrupt (PPI 9, INTID 25 on virt), taken to EL2. There,
 *    with ICH_HCR_EL2.En still 1, the guest hypervisor reads ICH_MISR_EL2
 *    and acknowledges at its physical CPU interface: the interrupt stays
 *    asserted while the condition holds (25 again after its EOI), goes
 *    when an ICH_HCR_EL2 or list register write removes it and comes back
 *    when one creates it (UIE with one valid LR); unmasking IRQs at EL2
 *    takes it as an exception there, once, since its handler removes the
 *    condition. Under vel2 the guest
 *    hypervisor runs at EL1 with the physical ICH_HCR_EL2 vel2's; it read
 *    1023 before. Each write is followed by an ICH_MISR_EL2 read, which
 *    traps under NV and NV2 alike (NV2 turns the ICH_HCR_EL2/LR writes
 *    into stores vel2 sees only at the next exit).
 */
#include "rt.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define SGI_BASE (GICR + 0x10000)
#define MAINT_INTID 25
#define L2_HCR (HCR_RW | HCR_IMO | HCR_FMO)
/* ICH_HCR_EL2 (IHI 0069): En [0], UIE [1], NPIE [3], TC [10], TALL0 [11],
 * TALL1 [12], TDIR [14] (TSEI is [13]). */
#define ICH_EN (1UL << 0)
#define ICH_UIE (1UL << 1)
#define ICH_NPIE (1UL << 3)
/* ICH_LR<n>_EL2: State [63:62] (01 pending), Group [60], Priority
 * [55:48], vINTID [31:0]. ICH_VMCR_EL2: VPMR [31:24], VENG1 [1]. */
#define LR_PENDING_G1(prio, intid) \
	((1UL << 62) | (1UL << 60) | ((u64)(prio) << 48) | (intid))
#define VMCR_VPMR_FF_VENG1 ((0xffUL << 24) | 2)

extern char l2ichtrap_seq[], l2ichtrap_maint[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));

static const u64 rounds[] = { 0, 1UL << 10, 1UL << 11, 1UL << 12, 1UL << 14 };
static const char *const round_name[] = { "none", "TC", "TALL0", "TALL1",
					  "TDIR" };
static unsigned int round;

static void wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}
static u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}

/* The next round's trap bits; L2 restarts its sequence (the ELR). */
static u64 start_round(void)
{
	rt_puts("l1: ICH_HCR_EL2 trap bits: ");
	rt_puts(round_name[round]);
	rt_puts("\n");
	write_sysreg(ICH_HCR_EL2, rounds[round]);
	isb();
	return (u64)l2ichtrap_seq;
}

/* MISR, then acknowledge (and EOI what it got) at the physical interface. */
static void ack(const char *what)
{
	u64 misr = read_sysreg(ICH_MISR_EL2);
	u64 id = read_sysreg(ICC_IAR1_EL1);

	rt_puts("l1: ");
	rt_puts(what);
	rt_puts(": ICH_MISR_EL2=");
	rt_hex_short(misr);
	rt_puts(" acknowledged INTID ");
	rt_dec(id);
	rt_puts("\n");
	if (id != 1023) {
		write_sysreg(ICC_EOIR1_EL1, id);
		isb();
	}
}

static void set_hcr(u64 v)
{
	write_sysreg(ICH_HCR_EL2, v);
	isb();
}

static volatile unsigned int el2_irqs;

/* PSTATE.I = 0 at EL2 for a while: the pending maintenance interrupt is
 * taken there (VBAR_EL2 + 0x280, current EL with SP_EL2). */
static void irq_at_el2(void)
{
	rt_puts("l1: unmasking IRQs at EL2\n");
	el2_irqs = 0;
	__asm__ volatile("msr daifclr, #2\n\tisb" ::: "memory");
	for (unsigned int i = 0; i < 100000 && !el2_irqs; i++)
		__asm__ volatile("" ::: "memory");
	__asm__ volatile("msr daifset, #2\n\tisb" ::: "memory");
	rt_puts("l1: IRQs taken at EL2: ");
	rt_dec(el2_irqs);
	rt_puts("\n");
}

/* The IRQ at EL2: acknowledge, EOI, and remove the condition (UIE) so
 * that it deasserts before the return unmasks again. */
static void el2_irq(void)
{
	u64 id = read_sysreg(ICC_IAR1_EL1);

	rt_puts("l1: IRQ at EL2: INTID ");
	rt_dec(id);
	rt_puts("\n");
	if (id != 1023)
		write_sysreg(ICC_EOIR1_EL1, id);
	set_hcr(ICH_EN);
	el2_irqs++;
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec == 0x280) {
		el2_irq();
		return true;
	}
	if (e->vec == 0x480) {
		rt_puts("l1: IRQ from L2, ");
		rt_kv_end("L2 acknowledged", f->x[19]);
		ack("NPIE, no LR pending");
		ack("after its EOI, the condition holds");
		set_hcr(ICH_EN);
		ack("NPIE cleared");
		set_hcr(ICH_EN | ICH_UIE);
		ack("UIE, one valid LR");
		/* Still asserted: taken at EL2 as soon as it unmasks. */
		irq_at_el2();
		set_hcr(ICH_EN | ICH_UIE);
		ack("UIE again");
		write_sysreg(ICH_LR1_EL2, LR_PENDING_G1(0xa0, 41));
		isb();
		ack("UIE, two valid LRs");
		set_hcr(0);
		ack("En=0");
		rt_puts("l2ichtrap: done\n");
		rt_exit(0);
	}
	if (e->vec != 0x400)
		return false;
	switch (ESR_EC(e->esr)) {
	case 0x18: /* the trapped ICC_* access: report, skip */
		rt_puts("l1:   trap ");
		rt_kv_end("ESR_EL2", e->esr);
		f->elr += 4;
		return true;
	case 0x16:
		break;
	default:
		return false;
	}
	if ((ESR_ISS(e->esr) & 0xffff) == 2) { /* L2's own exception */
		rt_puts("l1:   L2 took ");
		rt_kv_end("ESR_EL1", f->x[0]);
		return true;
	}
	if ((ESR_ISS(e->esr) & 0xffff) != 1)
		return false;
	if (++round < sizeof(rounds) / sizeof(rounds[0])) {
		f->elr = start_round();
		return true;
	}
	/* The maintenance interrupt: one pending Group 1 LR, NPIE. */
	rt_puts("l1: L2 acknowledges the only pending LR (NPIE)\n");
	write_sysreg(ICH_LR0_EL2, LR_PENDING_G1(0x80, 40));
	write_sysreg(ICH_LR1_EL2, 0);
	write_sysreg(ICH_AP1R0_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, VMCR_VPMR_FF_VENG1);
	write_sysreg(ICH_HCR_EL2, ICH_EN | ICH_NPIE);
	isb();
	f->elr = (u64)l2ichtrap_maint;
	return true;
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_puts("l2ichtrap: ICH_HCR_EL2 traps of L2's ICC_* accesses, the "
		"maintenance interrupt at EL2\n");
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
	/* L2's virtual interface: empty, everything off. */
	write_sysreg(ICH_LR0_EL2, 0);
	write_sysreg(ICH_LR1_EL2, 0);
	write_sysreg(ICH_VMCR_EL2, 0);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	write_sysreg(elr_el2, start_round());
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
