// SPDX-License-Identifier: MIT
/*
 * Simulated CPU backend for host builds: the physical EL0/EL1 registers are
 * an array indexed by register id, with per-register access counters so
 * tests can tell which accesses reached the "hardware".
 */
#include <vel2/hw.h>
#include <vel2/sim.h>

struct vel2_sim_cpu vel2_sim;

/*
 * Which ids name a physical EL0/EL1 register. Anything else reaching the
 * backend is a caller bug; the sim ignores it (and counts nothing), so a
 * test sees the bug as a missing access rather than a corrupted value.
 */
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt,     \
		    access, res0, res1)                                        \
	[VEL2_SYSREG_##name] = VEL2_LOC_##loc == VEL2_LOC_EL1 ||               \
			       VEL2_LOC_##loc == VEL2_LOC_SHARED ||            \
			       VEL2_LOC_##loc == VEL2_LOC_EL1_NVHE,
static const bool sim_phys[VEL2_NR_SYSREGS] = {
#include <vel2/sysregs.def>
};
#undef VEL2_SYSREG

void vel2_sim_reset(void)
{
	unsigned int i;

	for (i = 0; i < VEL2_NR_SYSREGS; i++) {
		vel2_sim.reg[i] = 0;
		vel2_sim.reads[i] = 0;
		vel2_sim.writes[i] = 0;
	}
}

u64 vel2_hw_read(unsigned int reg)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS || !sim_phys[reg]))
		return 0;
	vel2_sim.reads[reg]++;
	return vel2_sim.reg[reg];
}

void vel2_hw_write(unsigned int reg, u64 val)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS || !sim_phys[reg]))
		return;
	vel2_sim.writes[reg]++;
	vel2_sim.reg[reg] = val;
}
