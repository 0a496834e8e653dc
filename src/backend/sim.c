// SPDX-License-Identifier: MIT
/*
 * Simulated CPU backend for host builds: the physical EL0/EL1 registers are
 * an array indexed by register id, with per-register access counters so
 * tests can tell which accesses reached the "hardware".
 */
#include <vel2/hw.h>
#include <vel2/sim.h>

struct vel2_sim_cpu vel2_sim;

void vel2_sim_reset(void)
{
	unsigned int i;

	for (i = 0; i < VEL2_NR_SYSREGS; i++) {
		vel2_sim.reg[i] = 0;
		vel2_sim.reads[i] = 0;
		vel2_sim.writes[i] = 0;
	}
	vel2_sim.cntpct = 0;
}

/*
 * Only the bounds are checked (memory safety). An id that is not a physical
 * EL0/EL1 register is a caller bug; the sim records it like any other so
 * the unit tests can see it in the counters (they check that no other id is
 * ever counted), and the hot path stays one compare.
 */
u64 vel2_hw_read(unsigned int reg)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return 0;
	vel2_sim.reads[reg]++;
	return vel2_sim.reg[reg];
}

u64 vel2_hw_cntpct(void)
{
	return vel2_sim.cntpct;
}

void vel2_hw_write(unsigned int reg, u64 val)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return;
	vel2_sim.writes[reg]++;
	vel2_sim.reg[reg] = val;
}
