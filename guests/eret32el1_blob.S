/* SPDX-License-Identifier: MIT */
/*
 * eret32el1's guests: the AArch32 EL1 program (eret32el1_l2.a32, built by
 * mk/guests.mk into a raw image; l2_entry is its first instruction) and a
 * one-instruction AArch64 EL1 guest the hypervisor runs in between, to
 * switch worlds (HCR_EL2.RW = 1) while the AArch32 one is suspended; and
 * l1_eret_try, the hypervisor's own ERET for the illegal returns.
 */
	.text
	.balign	64
	.global	l2_a32
l2_a32:
	.incbin	"eret32el1_l2.bin"

	.balign	4
	.global	l2_a64_stub
l2_a64_stub:
	hvc	#0x64
	b	.

	/*
	 * void l1_eret_try(u64 pc, u64 spsr): ERET from EL2 with ELR = pc,
	 * SPSR = spsr, for a return that is illegal: PSTATE.IL stays at EL2
	 * and the next instruction takes an Illegal Execution state
	 * exception there, whose handler resumes at l1_eret_back (EL2h).
	 */
	.balign	4
	.global	l1_eret_try
l1_eret_try:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	isb
	eret
	.global	l1_eret_back
l1_eret_back:
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
