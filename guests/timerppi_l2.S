/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of timerppi: spins at EL1 without ever trapping; only a
 * timer interrupt its hypervisor routes to EL2 (HCR_EL2.IMO) takes the
 * CPU back there.
 */
	.text
	.global	timerppi_l2
timerppi_l2:
	msr	daifclr, #2
1:	b	1b
