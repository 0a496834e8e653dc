/* SPDX-License-Identifier: MIT */
/*
 * vel2 entry: QEMU -kernel enters here at EL2h, MMU off, one CPU. x0..x3
 * are kept in hv_boot_regs (written after .bss is cleared) so that main.c
 * can see what QEMU passed (see boot.c).
 */
	.section .text.boot, "ax"
	.global	_start
_start:
	mov	x19, x0
	mov	x20, x1
	mov	x21, x2
	mov	x22, x3
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
2:	ldr	x0, =hv_boot_regs
	stp	x19, x20, [x0]
	stp	x21, x22, [x0, #16]
	bl	hv_main
	/* hv_main does not return; hang if it does. */
not_el2:
	wfi
	b	not_el2
