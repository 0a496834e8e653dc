/* SPDX-License-Identifier: MIT */
/*
 * L2 of the l2ptw guest (l2ptw.c): reads its stage 1 table's page as data
 * with the MMU off, then turns the MMU on (the walk that follows is the
 * one HCR_EL2.PTW makes fault), reporting with hvc #1.
 */
	.text
	.global	l2_main
l2_main:
	hvc	#4			// x0 = the stage 1 table's address
	ldr	x0, [x0, #8]		// its entry 1, a data read
	hvc	#1
	mrs	x1, sctlr_el1
	orr	x1, x1, #1		// M
	msr	sctlr_el1, x1
	isb				// the next fetch walks the table
	mov	x0, #0x600d
	hvc	#1
	hvc	#0xd0e
1:	b	1b

/* l2_vectors (L2's EL1 vector table): guests/rt/l2_vectors.S. */
