/* SPDX-License-Identifier: MIT */
/*
 * CPU backend: the physical EL0/EL1 registers of the CPU the vCPU is loaded
 * on. Chosen at link time (src/backend/sim.c for host tests and benchmarks,
 * src/backend/aarch64.c at EL2): the accessors' hot path makes a direct
 * call, never an indirect one.
 *
 * `reg` is always a register whose vel2_sysreg_info.loc is EL1, SHARED or
 * EL1_NVHE (a physical EL0/EL1 register) or EL2 (a physical EL2 timer
 * register the guest hypervisor owns); other ids are a caller bug: the
 * aarch64 backend returns 0 / ignores them, the sim (bounds-checked) counts
 * them so tests can catch the bug.
 */
#ifndef VEL2_HW_H
#define VEL2_HW_H

#include <vel2/sysreg.h>

u64 vel2_hw_read(unsigned int reg);
void vel2_hw_write(unsigned int reg, u64 val);

/* The physical count, CNTPCT_EL0 as EL2 reads it (no offset applied). */
u64 vel2_hw_cntpct(void);

#endif /* VEL2_HW_H */
