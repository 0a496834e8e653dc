// SPDX-License-Identifier: MIT
/* qemu: -smp 2 */
/*
 * traploop2: traploop's loop (traploop.c, the same word at TRAPLOOP_ARG,
 * the same modes) on two CPUs at once, for the exit benchmark at -smp 2
 * (bench/traploop.sh with TRAPLOOP_SMP=2): what an exit costs while the
 * other CPU takes exits too.
 *
 * The boot CPU starts CPU 1 with PSCI CPU_ON (Arm DEN 0022 5.6; as
 * guests/smp.c), waits until it is up, lets it go and runs the loop
 * itself; CPU 1 runs the loop, says it is done and calls CPU_OFF. The
 * boot CPU waits for that (bounded) before it prints "done" and powers
 * off. Only the boot CPU prints. Its waits poll memory and read the
 * counter only every POLLS polls: a counter read is a QEMU I/O register
 * (taken under QEMU's global lock), which would slow the other CPU's
 * loop while this one waits.
 *
 * The idle partner (bench/traploop.sh with TRAPLOOP_IDLE_US): with a
 * non-zero word at TRAPLOOP_IDLE (a period in microseconds) only the boot
 * CPU runs the loop, while CPU 1 idles as an idle Linux CPU does: WFI
 * with IRQs masked, then unmask to take the interrupt that woke it, its
 * EL2 physical timer (CNTHP, PPI 10 = INTID 26, the timer a VHE kernel
 * ticks with) re-armed one period ahead by the handler, until the boot
 * CPU is done. A halted QEMU vCPU thread waits on a condition variable
 * under QEMU's global lock (BQL) and takes that lock on every wakeup,
 * while the looping vCPU takes it around every exception entry and
 * return. The boot CPU then prints how often CPU 1 woke. (Bits [63:32]
 * of that word: traploop.c's broadcast TLBIs.)
 *
 * Without a word (the differential test) both loop zero times.
 */
#define TRAPLOOP_NO_MAIN
#include "traploop.c"

#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_CPU_ON64 0xc4000003UL
#define PSCI_AFFINITY_INFO64 0xc4000004UL
#define AFF_OFF 1

#define CPU1_UP 1
#define CPU1_DONE 2
#define POLLS 4096

/* QEMU virt GICv3: distributor, then one redistributor per CPU (RD_base
 * and SGI_base frames of 64 KiB each, IHI 0069 12.10). */
#define GICD 0x08000000UL
#define GICR1 (0x080a0000UL + 0x20000)
#define GICR1_SGI (GICR1 + 0x10000)
#define CNTHP_INTID 26

static volatile u64 cpu1_state; /* CPU 1 writes it */
static volatile u64 go; /* the boot CPU writes it */
static volatile u64 stop; /* the boot CPU writes it: CPU 1 stops idling */
static volatile u64 wakeups; /* CPU 1 writes it: timer interrupts taken */
static u64 tick_period, tick_next; /* CPU 1's own */
char traploop2_stack[0x2000] __attribute__((aligned(16)));

/* CPU 1 starts here with no stack. */
__asm__(".text\n"
	".balign 4\n"
	"traploop2_entry:\n"
	"	ldr	x1, =traploop2_stack + 0x2000\n"
	"	mov	sp, x1\n"
	"	b	traploop2_secondary\n");
extern char traploop2_entry[];

static void wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}

static u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}

/* CPU 1's timer interrupt: acknowledge, re-arm one period on, EOI. */
static bool tick(struct rt_frame *f, const struct rt_exc *e)
{
	u64 id, now;

	(void)f;
	if (e->vec != 0x280 && e->vec != 0x080) /* IRQ, current EL */
		return false;
	id = read_sysreg(ICC_IAR1_EL1);
	now = read_sysreg(cntpct_el0);
	tick_next += tick_period;
	if (tick_next <= now) /* fell behind: one period from now */
		tick_next = now + tick_period;
	/* A later CVAL deasserts the timer's level interrupt (Arm ARM
	 * D12.2.4: the condition is CNTPCT - CVAL >= 0). */
	write_sysreg(CNTHP_CVAL_EL2, tick_next);
	write_sysreg(ICC_EOIR1_EL1, id);
	isb();
	wakeups++;
	return true;
}

/* CPU 1 idles until the boot CPU sets `stop`, woken by its timer. */
static void idle_partner(u64 us)
{
	/* This CPU's redistributor awake (GICR_WAKER.ProcessorSleep = 0,
	 * wait for ChildrenAsleep = 0), the timer's PPI Group 1, mid
	 * priority, enabled; the CPU interface on (system registers,
	 * priority mask open, Group 1 enabled). */
	wr32(GICR1 + 0x14, 0);
	while (rd32(GICR1 + 0x14) & 4)
		;
	wr32(GICR1_SGI + 0x80, rd32(GICR1_SGI + 0x80) | 1U << CNTHP_INTID);
	*(volatile uint8_t *)(GICR1_SGI + 0x400 + CNTHP_INTID) = 0x80;
	wr32(GICR1_SGI + 0x100, 1U << CNTHP_INTID);
	write_sysreg(ICC_SRE_EL2, read_sysreg(ICC_SRE_EL2) | 0x9);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	/* At EL2 a physical IRQ is taken only with HCR_EL2.IMO or TGE set;
	 * otherwise it routes to EL1, below, and stays pending (Arm ARM
	 * D1.3.6, "Asynchronous exception routing"): WFI would wake on it
	 * at once, for ever. */
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_IMO);
	isb();
	rt_vectors_install(tick);

	tick_period = us * read_sysreg(cntfrq_el0) / 1000000;
	tick_next = read_sysreg(cntpct_el0) + tick_period;
	write_sysreg(CNTHP_CVAL_EL2, tick_next);
	write_sysreg(CNTHP_CTL_EL2, 1);
	isb();
	while (!stop) {
		/* PSTATE.I is set (as after CPU_ON): WFI still wakes on the
		 * pending IRQ (Arm ARM D1.6.2), which unmasking then takes,
		 * as Linux's idle loop does. */
		__asm__ volatile("dsb sy\n\twfi\n\t"
				 "msr daifclr, #2\n\tisb\n\t"
				 "msr daifset, #2" ::
					 : "memory");
		dsb(sy);
	}
	write_sysreg(CNTHP_CTL_EL2, 0);
	isb();
}

void __attribute__((noreturn, used)) traploop2_secondary(void);
void traploop2_secondary(void)
{
	u64 idle_us = *TRAPLOOP_IDLE & 0xffffffff;

	cpu1_state = CPU1_UP;
	dsb(sy);
	do
		dsb(sy);
	while (!go);
	if (idle_us)
		idle_partner(idle_us);
	else
		traploop_run();
	dsb(sy);
	cpu1_state = CPU1_DONE;
	dsb(sy);
	rt_smc(PSCI_CPU_OFF, 0, 0, 0);
	for (;;) /* CPU_OFF does not return; the boot CPU says so */
		__asm__ volatile("wfe");
}

static bool cpu1_is(u64 state)
{
	dsb(sy);
	return cpu1_state == state;
}

static bool cpu1_off(void)
{
	return rt_smc(PSCI_AFFINITY_INFO64, 1, 0, 0) == AFF_OFF;
}

/* Poll `done` until it holds, for at most `s` seconds of the counter,
 * read every `polls` polls. */
static bool wait_for(bool (*done)(u64), u64 arg, u64 s, unsigned int polls)
{
	u64 end = read_sysreg(cntpct_el0) + s * read_sysreg(cntfrq_el0);

	for (;;) {
		for (unsigned int i = 0; i < polls; i++)
			if (done(arg))
				return true;
		if (read_sysreg(cntpct_el0) > end)
			return false;
	}
}

static bool off_once(u64 unused)
{
	(void)unused;
	return cpu1_off();
}

int main(void)
{
	u64 idle_us = *TRAPLOOP_IDLE & 0xffffffff, ret;

	/* Distributor: affinity routing, Group 1 on (for the idle
	 * partner's timer interrupt). */
	if (idle_us)
		wr32(GICD, (1U << 4) | (1U << 1));
	ret = rt_smc(PSCI_CPU_ON64, 1, (u64)traploop2_entry, 0);

	if (ret) {
		rt_kv_end("traploop2: CPU_ON64(1) failed", ret);
		return 1;
	}
	if (!wait_for(cpu1_is, CPU1_UP, 10, POLLS)) {
		rt_puts("traploop2: CPU 1 did not come up\n");
		return 1;
	}
	dsb(sy);
	go = 1;
	dsb(sy);
	traploop_run();
	dsb(sy);
	stop = 1;
	dsb(sy);
	if (!wait_for(cpu1_is, CPU1_DONE, 100, POLLS)) {
		rt_puts("traploop2: CPU 1 did not finish its loop\n");
		return 1;
	}
	if (!wait_for(off_once, 0, 10, 1)) {
		rt_puts("traploop2: AFFINITY_INFO64(1) never OFF\n");
		return 1;
	}
	if (idle_us) {
		rt_puts("traploop2: partner wakeups ");
		rt_dec(wakeups);
		rt_puts("\n");
	}
	rt_puts("traploop2: done\n");
	return 0;
}
