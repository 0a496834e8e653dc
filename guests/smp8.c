// SPDX-License-Identifier: MIT
/*
 * smp8: a PSCI stress run on 8 CPUs. CPU 0 starts CPUs 1-7 (CPU_ON with a
 * context id), each makes CALLS PSCI calls that vel2 answers under its
 * PSCI lock (AFFINITY_INFO of itself and of CPU 0), records how many it
 * made and turns itself off (CPU_OFF); CPU 0 makes calls of its own
 * meanwhile and waits, AFFINITY_INFO again, until all are OFF. The run
 * has a time limit (QEMU_TIMEOUT): it must finish within it under vel2
 * (issue 8: the locked path ran at ~40 exits/s per CPU with 8 CPUs).
 */
/* qemu: -smp 8 */
#include "rt.h"

#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_CPU_ON64 0xc4000003UL
#define PSCI_AFFINITY_INFO64 0xc4000004UL
#define AFF_ON 0
#define AFF_OFF 1
#define NCPU 8
#define CALLS 1000
#define DONE (1UL << 32)

static volatile u64 done_calls[NCPU];
char stacks[NCPU][0x1000] __attribute__((aligned(16)));

__asm__(".text\n"
	".balign 4\n"
	"smp8_entry:\n"
	"	adrp	x1, stacks\n"
	"	add	x1, x1, :lo12:stacks\n"
	"	add	x2, x0, #1\n"
	"	lsl	x2, x2, #12\n"
	"	add	x1, x1, x2\n"
	"	mov	sp, x1\n"
	"	b	smp8_secondary\n");
extern char smp8_entry[];

void __attribute__((noreturn, used)) smp8_secondary(u64 id);
void smp8_secondary(u64 id)
{
	u64 n = 0;

	for (unsigned int i = 0; i < CALLS; i++)
		n += rt_smc(PSCI_AFFINITY_INFO64, id, 0, 0) == AFF_ON &&
		     rt_smc(PSCI_AFFINITY_INFO64, 0, 0, 0) == AFF_ON;
	done_calls[id] = n | DONE;
	dsb(sy);
	rt_smc(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfe");
}

/* Every secondary has made its calls, and the firmware has it OFF. */
static bool all_done_and_off(void)
{
	for (u64 c = 1; c < NCPU; c++) {
		dsb(sy);
		if (!(done_calls[c] & DONE) ||
		    rt_smc(PSCI_AFFINITY_INFO64, c, 0, 0) != AFF_OFF)
			return false;
	}
	return true;
}

int main(void)
{
	u64 end = read_sysreg(cntpct_el0) + 60 * read_sysreg(cntfrq_el0);
	unsigned int ok = 0;

	rt_puts("smp8: starting CPUs 1-7\n");
	for (u64 c = 1; c < NCPU; c++) {
		u64 r = rt_smc(PSCI_CPU_ON64, c, (u64)smp8_entry, c);

		if (r) {
			rt_kv_end("smp8: CPU_ON64 failed", r);
			rt_exit(1);
		}
	}
	while (!all_done_and_off())
		if (read_sysreg(cntpct_el0) > end) {
			rt_puts("smp8: CPUs still on after 60 s\n");
			rt_exit(1);
		}
	for (unsigned int c = 1; c < NCPU; c++)
		ok += done_calls[c] == (CALLS | DONE);
	rt_puts("smp8: CPUs that made all their calls: ");
	rt_dec(ok);
	rt_putc('\n');
	rt_exit(ok == NCPU - 1 ? 0 : 1);
}
