/* SPDX-License-Identifier: MIT */
/*
 * Guest entry and EL2 exception vectors.
 *
 * Natively QEMU enters _start at EL2h with the MMU off; under vel2 the same
 * code runs at EL1h with HCR_EL2.NV=1 and believes it is at EL2.
 */

	.section .text.boot, "ax"
	.global _start
_start:
	ldr	x0, =__stack_top
	mov	sp, x0
	/* .bss is not in the file; zero it before any C runs. */
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	main
	bl	rt_exit
3:	b	3b

/*
 * struct rt_frame: x0..x30, ELR_EL2, SPSR_EL2, pad (34 * 8 bytes).
 * ELR/SPSR are in the frame so a hook can redirect the return, and so a
 * nested exception taken while printing cannot clobber them.
 */
#define FRAME_SIZE	(34 * 8)
#define FRAME_ELR	(31 * 8)
#define FRAME_SPSR	(32 * 8)

	.macro	vent idx
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x0, #(\idx * 0x80)
	b	rt_vec_common
	.endm

	.text
	.balign	0x800
	.global	rt_vectors
rt_vectors:
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vent	\i
	.endr

rt_vec_common:
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
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x30, x2, [sp, #240]
	str	x3, [sp, #FRAME_SPSR]
	mov	x1, sp
	bl	rt_exception
	ldr	x2, [sp, #FRAME_ELR]
	ldr	x3, [sp, #FRAME_SPSR]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x0, x1, [sp]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #FRAME_SIZE
	eret
