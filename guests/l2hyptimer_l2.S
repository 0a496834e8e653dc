/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2hyptimer: spins at EL1 without ever trapping; only
 * its hypervisor's EL2 timer interrupt (HCR_EL2.IMO) can take the CPU
 * back to EL2.
 */
	.text
	.global	l2hyptimer_main
l2hyptimer_main:
1:	b	1b
