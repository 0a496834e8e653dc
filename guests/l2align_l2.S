/* SPDX-License-Identifier: MIT */
/*
 * L2 of the l2align guest: with its MMU off, every data access is
 * Device-nGnRnE (Arm ARM D4.2.8, "The effects of disabling a stage of
 * address translation"), so an unaligned load takes an Alignment fault at
 * L2's own EL1, whether or not a stage 2 is enabled (the stage 1 attributes
 * combine with stage 2's, and Device wins).
 *
 * QEMU 10.0 TCG omits this fault when HCR_EL2.VM=1, which vel2 always sets
 * (its stage 2 hides vel2 from the guest); natively the guest hypervisor
 * runs L2 without a stage 2. Hence its own guest, listed in
 * tests/qemu/xfail, instead of a difference inside worldswitch.
 * Same reporting protocol as worldswitch_l2.S.
 */
	.text
	.global	l2_main
l2_main:
	ldr	x1, =0x40201001
	ldr	x0, [x1]
	hvc	#0xd0e
1:	b	1b

/* l2_vectors (L2's EL1 vector table): guests/rt/l2_vectors.S. */
