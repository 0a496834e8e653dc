/* SPDX-License-Identifier: MIT */
/*
 * EL1 vector table for the L2 guests that worldswitch-style guest
 * hypervisors run (worldswitch_l2.S, l2align_l2.S): every exception taken
 * at L2's own EL1 is reported to the guest hypervisor with
 *   hvc #2   x0..x3 = ESR/ELR/SPSR/FAR_EL1
 * and then skipped (the reporting protocol is worldswitch.c's).
 */
	.text
	.balign	0x800
	.global	l2_vectors
l2_vectors:
	.rept	16
	.balign	0x80
	b	l2_exception
	.endr

l2_exception:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, spsr_el1
	mrs	x3, far_el1
	hvc	#2
	mrs	x1, elr_el1
	add	x1, x1, #4
	msr	elr_el1, x1
	eret
