/* SPDX-License-Identifier: MIT */
/*
 * replay_probe(out): for each Rt (0..30, then 31 = XZR), every general
 * register set to 0x5500 + its number, three MRS Xt, TPIDR_EL2 in a row
 * (under vel2 the first is answered in C, the next ones by its vector
 * alone: hv/vectors.S, hv_sync_exit), then x0..x30 stored to
 * out[Rt * 31 + i]. The caller checks that Xt holds TPIDR_EL2 and that no
 * other register moved.
 */
	.macro	pattern
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\i, #(0x5500 + \i)
	.endr
	.endm

	/* out[rt * 31 + i] = x_i, with the out pointer at [sp + 256]. */
	.macro	dump rt
	sub	sp, sp, #256
	stp	x0, x1, [sp]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	ldr	x0, [sp, #256]
	mov	x1, #(\rt * 31 * 8)
	add	x0, x0, x1
	mov	x1, #0
1:	ldr	x2, [sp, x1, lsl #3]
	str	x2, [x0, x1, lsl #3]
	add	x1, x1, #1
	cmp	x1, #31
	b.ne	1b
	add	sp, sp, #256
	.endm

	.text
	.global	replay_probe
replay_probe:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x0, [sp, #-16]!
	.irp	rt, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	pattern
	mrs	x\rt, tpidr_el2
	mrs	x\rt, tpidr_el2
	mrs	x\rt, tpidr_el2
	dump	\rt
	.endr
	pattern
	mrs	xzr, tpidr_el2
	mrs	xzr, tpidr_el2
	mrs	xzr, tpidr_el2
	dump	31
	add	sp, sp, #16
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
