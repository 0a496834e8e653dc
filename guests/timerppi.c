// SPDX-License-Identifier: MIT
/*
 * timerppi: every generic timer of a hypervisor raises the interrupt its
 * device tree names for it (QEMU virt, arm,armv8-timer: EL1 physical PPI
 * 14 = INTID 30, EL1 virtual PPI 11 = 27, EL2 physical PPI 10 = 26, EL2
 * virtual PPI 12 = 28; Arm ARM D12 "The Generic Timer", each timer has
 * its own interrupt), at EL2 with E2H=1 and E2H=0 and while its guest
 * (L2) runs at EL1 under HCR_EL2.IMO=1, where the interrupt takes the CPU
 * back to EL2 (vector 0x480). It prints the INTID it acknowledges for each
 * timer it arms; with E2H=1 the EL2 timers through the CNTP_* and CNTV_*
 * encodings (E2H redirection), CVAL and TVAL.
 *
 * Under vel2 the EL2 timers are the physical EL2 timers and the EL1
 * timers the physical EL1 timers, with no device tree edit
 * (docs/nested-gic.md, "Timers"). The L2 EL1 virtual timer case also
 * checks that its interrupt stays asserted at vEL2 until acknowledged.
 */
#include "rt.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define SGI_BASE (GICR + 0x10000)
#define CNTHV_CTL_EL2 s3_4_c14_c3_1
#define CNTHV_CVAL_EL2 s3_4_c14_c3_2
#define CNTHV_TVAL_EL2 s3_4_c14_c3_0
#define CNTP_CTL_EL02 s3_5_c14_c2_1
#define CNTP_CVAL_EL02 s3_5_c14_c2_2
#define CNTV_CTL_EL02 s3_5_c14_c3_1
#define CNTV_CVAL_EL02 s3_5_c14_c3_2
#define SCTLR_EL12 s3_5_c1_c0_0
#define VBAR_EL12 s3_5_c12_c0_0
/* EL2h with DAIF masked: where an interrupt from L2 continues. */
#define SPSR_EL2H_DAIF 0x3c9UL

extern char timerppi_l2[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static volatile u64 got;
static bool e2h;
static unsigned int phase;

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

/* About 1 ms of the counter. */
static u64 delta(void)
{
	return read_sysreg(cntfrq_el0) / 1000;
}

/* Every timer off (CTL.ENABLE = 0 deasserts its interrupt). */
static void disarm_all(void)
{
	write_sysreg(CNTHP_CTL_EL2, 0);
	write_sysreg(CNTHV_CTL_EL2, 0);
	if (e2h) {
		write_sysreg(CNTP_CTL_EL02, 0);
		write_sysreg(CNTV_CTL_EL02, 0);
	} else {
		write_sysreg(cntp_ctl_el0, 0);
		write_sysreg(cntv_ctl_el0, 0);
	}
	isb();
}

static void __attribute__((noreturn)) next_phase(void);

static bool irq(struct rt_frame *f, const struct rt_exc *e)
{
	u64 id;

	if (e->vec != 0x280 && e->vec != 0x480)
		return false;
	id = read_sysreg(ICC_IAR1_EL1);
	disarm_all();
	write_sysreg(ICC_EOIR1_EL1, id);
	isb();
	got = id;
	if (e->vec == 0x480) {
		/* From L2: continue at EL2 with the next phase. */
		f->elr = (u64)next_phase;
		f->spsr = SPSR_EL2H_DAIF;
	}
	return true;
}

/* Wait at EL2, IRQs unmasked, for the armed timer's interrupt. */
static void wait_el2(const char *what)
{
	u64 end = read_sysreg(cntpct_el0) + 100 * delta();

	got = 0;
	__asm__ volatile("msr daifclr, #2" ::: "memory");
	while (!got && read_sysreg(cntpct_el0) < end)
		;
	__asm__ volatile("msr daifset, #2" ::: "memory");
	disarm_all();
	rt_puts(what);
	if (got) {
		rt_puts(": INTID ");
		rt_dec(got);
		rt_puts("\n");
	} else {
		rt_puts(": no interrupt\n");
	}
}

static void set_hcr(u64 hcr)
{
	write_sysreg(hcr_el2, hcr);
	isb();
	e2h = hcr & HCR_E2H;
}

static void at_el2_vhe(void)
{
	set_hcr(HCR_RW | HCR_E2H | HCR_TGE);
	write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0) + delta());
	write_sysreg(cntp_ctl_el0, 1);
	wait_el2("EL2 E2H=1, CNTP_CVAL_EL0 (CNTHP)");
	write_sysreg(cntp_tval_el0, delta());
	write_sysreg(cntp_ctl_el0, 1);
	wait_el2("EL2 E2H=1, CNTP_TVAL_EL0 (CNTHP)");
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + delta());
	write_sysreg(cntv_ctl_el0, 1);
	wait_el2("EL2 E2H=1, CNTV_CVAL_EL0 (CNTHV)");
	write_sysreg(cntv_tval_el0, delta());
	write_sysreg(cntv_ctl_el0, 1);
	wait_el2("EL2 E2H=1, CNTV_TVAL_EL0 (CNTHV)");
}

static void at_el2_nvhe(void)
{
	set_hcr(HCR_RW | HCR_IMO);
	write_sysreg(cntvoff_el2, 0x10000UL);
	isb();
	write_sysreg(CNTHP_CVAL_EL2, read_sysreg(cntpct_el0) + delta());
	write_sysreg(CNTHP_CTL_EL2, 1);
	wait_el2("EL2 E2H=0, CNTHP_CVAL_EL2");
	write_sysreg(CNTHV_TVAL_EL2, delta());
	write_sysreg(CNTHV_CTL_EL2, 1);
	wait_el2("EL2 E2H=0, CNTHV_TVAL_EL2");
	write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0) + delta());
	write_sysreg(cntp_ctl_el0, 1);
	wait_el2("EL2 E2H=0, CNTP_CVAL_EL0 (EL1 physical)");
	write_sysreg(cntv_tval_el0, delta());
	write_sysreg(cntv_ctl_el0, 1);
	wait_el2("EL2 E2H=0, CNTV_TVAL_EL0 (EL1 virtual)");
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + delta());
	write_sysreg(cntv_ctl_el0, 1);
	wait_el2("EL2 E2H=0, CNTV_CVAL_EL0 (EL1 virtual)");
}

/* Enter L2, which spins at EL1 until the armed timer takes it back. */
static void __attribute__((noreturn)) run_l2(const char *what)
{
	rt_puts(what);
	rt_puts(": L2 spins\n");
	if (e2h) {
		write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
		write_sysreg(VBAR_EL12, (u64)l2_vectors);
	} else {
		write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
		write_sysreg(vbar_el1, (u64)l2_vectors);
	}
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(elr_el2, (u64)timerppi_l2);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	got = 0;
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}

static void __attribute__((noreturn)) next_phase(void)
{
	if (phase) {
		rt_puts("  INTID ");
		rt_dec(got);
		rt_puts("\n");
	}
	switch (phase++) {
	case 0:
		set_hcr(HCR_RW | HCR_E2H | HCR_IMO);
		write_sysreg(CNTV_CVAL_EL02, read_sysreg(cntpct_el0) + delta());
		write_sysreg(CNTV_CTL_EL02, 1);
		run_l2("L2 under E2H=1, CNTV_*_EL02 (EL1 virtual)");
	case 1:
		write_sysreg(cntv_cval_el0, read_sysreg(cntpct_el0) + delta());
		write_sysreg(cntv_ctl_el0, 1);
		run_l2("L2 under E2H=1, CNTV_* (CNTHV)");
	case 2:
		write_sysreg(cntp_tval_el0, delta());
		write_sysreg(cntp_ctl_el0, 1);
		run_l2("L2 under E2H=1, CNTP_* (CNTHP)");
	case 3:
		set_hcr(HCR_RW | HCR_IMO);
		write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0) + delta());
		write_sysreg(cntp_ctl_el0, 1);
		run_l2("L2 under E2H=0, CNTP_*_EL0 (EL1 physical)");
	case 4:
		write_sysreg(CNTHV_CVAL_EL2, read_sysreg(cntpct_el0) + delta());
		write_sysreg(CNTHV_CTL_EL2, 1);
		run_l2("L2 under E2H=0, CNTHV_*_EL2");
	default:
		rt_puts("timerppi: done\n");
		rt_exit(0);
	}
}

int main(void)
{
	rt_vectors_install(irq);
	rt_require_vhe("timerppi");
	/* GIC: affinity routing, Group 1 on, redistributor awake; the four
	 * timer PPIs enabled (IHI 0069). */
	wr32(GICD, (1U << 4) | (1U << 1));
	wr32(GICR + 0x14, 0);
	while (rd32(GICR + 0x14) & 4)
		;
	enable_ppi(26);
	enable_ppi(27);
	enable_ppi(28);
	enable_ppi(30);
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();
	at_el2_vhe();
	at_el2_nvhe();
	next_phase();
}
