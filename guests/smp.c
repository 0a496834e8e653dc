// SPDX-License-Identifier: MIT
/* qemu: -smp 2 */
/*
 * smp: a second CPU through PSCI (Arm DEN 0022). The boot CPU starts CPU 1
 * with CPU_ON at smp_secondary_entry with a context id; CPU 1 reports the
 * state PSCI promises it (DEN0022 5.6, CPU_ON: the caller's exception level,
 * here EL2h, MMU off, D/A/I/F masked, x0 = context id), writes and reads back
 * TPIDR_EL2 and VBAR_EL2 at its EL2, signals the boot CPU through memory
 * and calls CPU_OFF. The boot CPU waits for it (bounded), polls
 * AFFINITY_INFO until OFF and starts it again once, which must work as
 * the first time; that second time it also checks CPU_ON on a running
 * CPU (ALREADY_ON) and AFFINITY_INFO ON before letting CPU 1 go off.
 *
 * Natively QEMU's PSCI does all this at EL2; under vel2 CPU_ON starts the
 * physical CPU in vel2, which enters the guest at vEL2. The "qemu:" line
 * above gives the harness QEMU's -smp (tests/qemu/qemu-run.sh).
 *
 * Console: only one CPU prints at a time. The boot CPU prints nothing
 * between CPU_ON and seeing CPU 1's flag (CPU 1 prints meanwhile) and
 * nothing between letting CPU 1 go and seeing it OFF.
 */
#include "rt.h"

#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_CPU_ON64 0xc4000003UL
#define PSCI_AFFINITY_INFO64 0xc4000004UL
#define AFF_OFF 1

#define CTX_FIRST 0x5eed0001UL
#define CTX_SECOND 0x5eed0002UL

static volatile u64 flag; /* CPU 1: the context id it got */
static volatile u64 go; /* boot CPU: CPU 1 may go off */
char smp_stack[0x4000] __attribute__((aligned(16)));

/* CPU 1 starts here with x0 = context id and no stack. */
__asm__(".text\n"
	".balign 4\n"
	".global smp_secondary_entry\n"
	"smp_secondary_entry:\n"
	"	ldr	x1, =smp_stack + 0x4000\n"
	"	mov	sp, x1\n"
	"	b	secondary_main\n");
extern char smp_secondary_entry[];
extern char rt_vectors[]; /* start.S */

/* Wait up to 10 s (the EL1 physical counter: not trapped either way). */
static bool wait_until(bool (*done)(void))
{
	u64 end = read_sysreg(cntpct_el0) + 10 * read_sysreg(cntfrq_el0);

	while (!done())
		if (read_sysreg(cntpct_el0) > end)
			return false;
	return true;
}

static u64 want;
static bool flag_set(void)
{
	dsb(sy);
	return flag == want;
}

static bool go_set(void)
{
	dsb(sy);
	return go != 0;
}

static bool cpu1_off(void)
{
	return rt_smc(PSCI_AFFINITY_INFO64, 1, 0, 0) == AFF_OFF;
}

void __attribute__((noreturn, used)) secondary_main(u64 context_id);
void secondary_main(u64 context_id)
{
	u64 el = (read_sysreg(CurrentEL) >> 2) & 3;
	u64 daif = read_sysreg(daif);
	u64 spsel = read_sysreg(spsel);
	u64 sctlr = read_sysreg(sctlr_el2);
	u64 aff0 = read_sysreg(mpidr_el1) & 0xff;

	write_sysreg(tpidr_el2, context_id ^ 0xffff0000ffff0000UL);
	write_sysreg(vbar_el2, (u64)rt_vectors);
	isb();
	rt_puts("smp: cpu1 up: CurrentEL=EL");
	rt_dec(el);
	rt_puts(" SPSel=");
	rt_dec(spsel);
	rt_puts(" DAIF=");
	rt_hex_short(daif);
	rt_puts(" SCTLR_EL2.M=");
	rt_dec(sctlr & 1);
	rt_puts(" MPIDR.Aff0=");
	rt_dec(aff0);
	rt_putc('\n');
	rt_kv("smp: cpu1 x0", context_id);
	rt_kv("TPIDR_EL2", read_sysreg(tpidr_el2));
	rt_puts(read_sysreg(vbar_el2) == (u64)rt_vectors ?
			"VBAR_EL2=rt_vectors\n" :
			"VBAR_EL2 wrong\n");
	dsb(sy);
	flag = context_id;
	dsb(sy);
	if (context_id == CTX_SECOND && !wait_until(go_set)) {
		rt_puts("smp: cpu1: no go from the boot CPU\n");
		rt_exit(1);
	}
	rt_smc(PSCI_CPU_OFF, 0, 0, 0);
	rt_puts("smp: cpu1: CPU_OFF returned\n");
	rt_exit(1);
}

/* Start CPU 1 with `ctx` and wait for its flag; true if it came. */
static bool start_cpu1(u64 ctx)
{
	u64 ret;

	want = ctx;
	ret = rt_smc(PSCI_CPU_ON64, 1, (u64)smp_secondary_entry, ctx);
	if (ret) {
		rt_kv_end("smp: CPU_ON64(1) failed", ret);
		return false;
	}
	if (!wait_until(flag_set)) {
		rt_puts("smp: CPU 1 did not signal\n");
		return false;
	}
	rt_kv_end("smp: CPU_ON64(1) -> 0, cpu1 signalled with", flag);
	return true;
}

static bool wait_cpu1_off(void)
{
	if (!wait_until(cpu1_off)) {
		rt_puts("smp: AFFINITY_INFO64(1) never OFF\n");
		return false;
	}
	rt_puts("smp: AFFINITY_INFO64(1) -> OFF after its CPU_OFF\n");
	return true;
}

int main(void)
{
	u64 self = read_sysreg(mpidr_el1) & 0xff00ffffffUL;

	rt_puts("smp: boot CPU MPIDR.Aff0=");
	rt_dec(self & 0xff);
	rt_putc('\n');
	rt_kv_end("smp: AFFINITY_INFO64(self)",
		  rt_smc(PSCI_AFFINITY_INFO64, self, 0, 0));
	rt_kv_end("smp: AFFINITY_INFO64(1) before CPU_ON",
		  rt_smc(PSCI_AFFINITY_INFO64, 1, 0, 0));
	/* -smp 2: there is no CPU 7. */
	rt_kv_end("smp: CPU_ON64(7)",
		  rt_smc(PSCI_CPU_ON64, 7, (u64)smp_secondary_entry, 0));
	rt_kv_end("smp: CPU_ON64(self)",
		  rt_smc(PSCI_CPU_ON64, self, (u64)smp_secondary_entry, 0));

	if (!start_cpu1(CTX_FIRST) || !wait_cpu1_off())
		return 1;
	/* Again: a CPU that went off can be started afresh. */
	if (!start_cpu1(CTX_SECOND))
		return 1;
	/* CPU 1 waits for `go`: it is on and prints nothing. */
	rt_kv_end("smp: CPU_ON64(1) while on",
		  rt_smc(PSCI_CPU_ON64, 1, (u64)smp_secondary_entry, 0));
	rt_kv_end("smp: AFFINITY_INFO64(1) while on",
		  rt_smc(PSCI_AFFINITY_INFO64, 1, 0, 0));
	rt_flush();
	dsb(sy);
	go = 1;
	dsb(sy);
	if (!wait_cpu1_off())
		return 1;
	rt_puts("smp: done\n");
	return 0;
}
