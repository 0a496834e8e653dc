/* SPDX-License-Identifier: MIT */
/*
 * The simulated physical CPU behind vel2_hw_read/vel2_hw_write in host
 * builds: one value per physical register and access counters, so tests can
 * see which accesses reached the "hardware" and can act as the running
 * guest (or as an exception the hardware takes) by changing a register.
 */
#ifndef VEL2_SIM_H
#define VEL2_SIM_H

#include <vel2/sysreg.h>

struct vel2_sim_cpu {
	u64 reg[VEL2_NR_SYSREGS];
	u64 reads[VEL2_NR_SYSREGS];
	u64 writes[VEL2_NR_SYSREGS];
	u64 cntpct; /* what vel2_hw_cntpct() returns */
};

extern struct vel2_sim_cpu vel2_sim;

/* Reset values and counters to zero. */
void vel2_sim_reset(void);

#endif /* VEL2_SIM_H */
