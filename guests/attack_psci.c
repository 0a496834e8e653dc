// SPDX-License-Identifier: MIT
/*
 * attack_psci: CPU_ON arguments firmware must reject (Arm DEN 0022, 5.6
 * CPU_ON): an entry point outside the caller's RAM (past the end of the
 * 128 MiB, but inside the window vel2's stage 2 could map, and inside
 * vel2's own memory) gives INVALID_ADDRESS; a target MPIDR with bits set
 * outside the affinity fields (bit 24, MT, and bit 31, RES1 in MPIDR_EL1
 * but not an affinity bit: "bits that are not affinity fields must be
 * zero") gives INVALID_PARAMETERS. A call that was accepted would start
 * CPU 1 at vEL2 where it must not run: counted as an escape.
 */
/* qemu: -smp 2 */
#include "attack.h"

#define CPU_ON64 0xc4000003UL
#define INVALID_PARAMETERS ((u64)-2L)
#define INVALID_ADDRESS ((u64)-9L)

/* Where an accepted CPU_ON would start CPU 1: it stays there. */
__asm__(".text\n.balign 4\nattack_park:\n\twfe\n\tb attack_park\n");
extern char attack_park[];

static void try(const char *what, u64 mpidr, u64 entry, u64 want)
{
	u64 r = rt_smc(CPU_ON64, mpidr, entry, 0);

	rt_puts("CPU_ON ");
	rt_puts(what);
	rt_puts(" -> ");
	rt_hex_short(r);
	rt_putc('\n');
	attack_result(what, r != want, "refused", "not refused");
}

int main(void)
{
	attack_init("attack_psci");
	try("entry past the end of RAM", 1, 0x7ff00000UL, INVALID_ADDRESS);
	try("entry in vel2's memory", 1, ATTACK_VEL2_CODE, INVALID_ADDRESS);
	try("entry not 4-byte aligned", 1, (u64)attack_park + 2,
	    INVALID_ADDRESS);
	try("target MPIDR with bit 24 (MT) set", 1UL | 1UL << 24,
	    (u64)attack_park, INVALID_PARAMETERS);
	try("target MPIDR with bit 31 set", 1UL | 1UL << 31, (u64)attack_park,
	    INVALID_PARAMETERS);
	try("target MPIDR with bit 40 set", 1UL | 1UL << 40, (u64)attack_park,
	    INVALID_PARAMETERS);
	rt_exit(attack_escaped);
}
