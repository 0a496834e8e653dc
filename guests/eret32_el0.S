/* SPDX-License-Identifier: MIT */
/*
 * eret32's EL0 programs, A32 and T32, hand-encoded (an AArch64 assembler
 * cannot assemble them; encodings from Arm ARM F5/F3), and run_el0, which
 * ERETs to one and comes back when the hook sends it to run_el0_back.
 */
	.text
	.balign	64
	.global	a32_prog
a32_prog:
	.word	0xe3a01007	/* mov r1, #7 */
	.word	0xe0800001	/* add r0, r0, r1 */
	.word	0xef000042	/* svc #0x42 */
	.word	0xe7f000f0	/* udf #0 */
	.word	0xe28f2001	/* add r2, pc, #1: the T32 code below, T=1 */
	.word	0xe12fff12	/* bx r2 */
	.hword	0x3003		/* adds r0, #3 */
	.hword	0xdf43		/* svc #0x43 */
	.hword	0x2800		/* cmp r0, #0: Z = 0 */
	.hword	0xbf14		/* ite ne */
	.hword	0xdf45		/* svcne #0x45: taken inside the IT block */
	.hword	0x2077		/* moveq r0, #0x77: skipped (ITSTATE kept) */
	.hword	0xde01		/* udf #1 (T16) */
	.hword	0xdfff		/* svc #0xff: back to EL2 */

	/* A T32 entry point for an ERET with SPSR.T = 1. */
	.balign	4
	.global	t32_prog
t32_prog:
	.hword	0x3001		/* adds r0, #1 */
	.hword	0xdfff		/* svc #0xff */

	/* u64 run_el0(u64 pc, u64 spsr, u64 r0): x0 at the final SVC. */
	.balign	4
	.global	run_el0
run_el0:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	msr	elr_el2, x0
	msr	spsr_el2, x1
	mov	x0, x2
	mov	x1, #0
	mov	x2, #0
	adr	x30, run_el0_back
	eret
	.global	run_el0_back
run_el0_back:
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
