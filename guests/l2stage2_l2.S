/* SPDX-License-Identifier: MIT */
/*
 * L2 of the l2stage2 guest: runs under its guest hypervisor's stage 2 and
 * reports one value, then done (worldswitch.c's HVC protocol).
 */
	.text
	.global	l2_main
l2_main:
	mov	x0, #0x5a
	hvc	#1
	hvc	#0xd0e
1:	b	1b

/* l2_vectors (L2's EL1 vector table): guests/rt/l2_vectors.S. */
