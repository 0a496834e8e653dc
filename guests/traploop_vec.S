/* SPDX-License-Identifier: MIT */
/*
 * traploop's floor: an EL2 vector table whose synchronous handler for the
 * current EL (HVC #0 from EL2 itself, offset 0x200) is a bare ERET; an
 * HVC's preferred return address is the next instruction (Arm ARM D1.3.2),
 * so nothing needs adjusting. Every other entry spins: not expected.
 */
	.macro	spin_entry
	.balign	0x80
1:	b	1b
	.endm

	.text
	.balign	0x800
	.global	traploop_vectors
traploop_vectors:
	.rept	4
	spin_entry
	.endr
	.balign	0x80
	eret
	.rept	11
	spin_entry
	.endr
