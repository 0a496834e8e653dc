// SPDX-License-Identifier: MIT
/*
 * l2cntvoff: the worldswitch guest hypervisor with CNTVOFF_EL2 = 2^40.
 * Its own virtual counter at EL2 (E2H=0) and its guest's (L2, at EL1)
 * run 2^40 behind the physical one (Arm ARM D12, the virtual counter:
 * CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2 outside the EL2&0 regime); each
 * reports (CNTPCT - CNTVCT) >> 32, read virtual first so the difference
 * is the offset plus a few ticks: 0x100.
 */
#include "rt.h"

static u64 l1_cntvoff(void);
#define L1_EXTRA_SETUP() l1_cntvoff()

#include "worldswitch.c"

static u64 l1_cntvoff(void)
{
	u64 v, p;

	/* CNTHCTL_EL2 (E2H=0 layout): EL1PCTEN[0], EL1PCEN[1]: L2 may
	 * read the physical counter. */
	write_sysreg(cnthctl_el2, 3UL);
	write_sysreg(cntvoff_el2, 1UL << 40);
	isb();
	v = read_sysreg(cntvct_el0);
	p = read_sysreg(cntpct_el0);
	rt_kv_end("l1: (cntpct - cntvct) >> 32 at EL2", (p - v) >> 32);
	return 0;
}
