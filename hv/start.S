/* SPDX-License-Identifier: MIT */
/* vel2 entry: QEMU -kernel enters here at EL2h, MMU off, one CPU. */
	.section .text.boot, "ax"
	.global	_start
_start:
	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	not_el2
	ldr	x0, =__stack_top
	mov	sp, x0
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	hv_main
	/* hv_main does not return; hang if it does. */
not_el2:
	wfi
	b	not_el2
