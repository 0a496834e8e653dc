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

static volatile u64 cpu1_state; /* CPU 1 writes it */
static volatile u64 go; /* the boot CPU writes it */
char traploop2_stack[0x2000] __attribute__((aligned(16)));

/* CPU 1 starts here with no stack. */
__asm__(".text\n"
	".balign 4\n"
	"traploop2_entry:\n"
	"	ldr	x1, =traploop2_stack + 0x2000\n"
	"	mov	sp, x1\n"
	"	b	traploop2_secondary\n");
extern char traploop2_entry[];

void __attribute__((noreturn, used)) traploop2_secondary(void);
void traploop2_secondary(void)
{
	cpu1_state = CPU1_UP;
	dsb(sy);
	do
		dsb(sy);
	while (!go);
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
	u64 ret = rt_smc(PSCI_CPU_ON64, 1, (u64)traploop2_entry, 0);

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
	if (!wait_for(cpu1_is, CPU1_DONE, 100, POLLS)) {
		rt_puts("traploop2: CPU 1 did not finish its loop\n");
		return 1;
	}
	if (!wait_for(off_once, 0, 10, 1)) {
		rt_puts("traploop2: AFFINITY_INFO64(1) never OFF\n");
		return 1;
	}
	rt_puts("traploop2: done\n");
	return 0;
}
