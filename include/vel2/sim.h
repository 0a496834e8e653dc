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
	/* APIAKey_EL1 (0) and APIBKey_EL1 (1): {Lo, Hi}. */
	u64 ikey[2][2];
	unsigned int pacga_calls;
	unsigned int qarma_calls; /* vel2_hw_qarma_ikey */
	/*
	 * The CPU's PAC algorithm behind vel2_hw_pacga_ikey: 0 the stand-in
	 * below (IMPLEMENTATION DEFINED), 5 QARMA5, 3 QARMA3.
	 */
	unsigned int pac_qarma;
	/* DBGBCR<n>_EL1, DBGWCR<n>_EL1 (vel2_hw_dbg_read/write). */
	u64 dbg[2][16];
	unsigned int dbg_writes;
};

/*
 * The sim's stand-in for ComputePAC (an IMPLEMENTATION DEFINED function in
 * the architecture: any keyed mix of all 256 input bits will do for the
 * tests), full 64 bits; vel2_hw_pacga_ikey returns its top half.
 */
u64 vel2_sim_compute_pac(u64 x, u64 y, u64 key_lo, u64 key_hi);

extern struct vel2_sim_cpu vel2_sim;

/* Reset values and counters to zero. */
void vel2_sim_reset(void);

#endif /* VEL2_SIM_H */
