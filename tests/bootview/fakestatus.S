/* SPDX-License-Identifier: MIT */
/*
 * fakestatus: a kernel (arm64 Image) that tries to forge vel2's exit
 * status. It writes "vel2: exit status 3" to QEMU virt's second PL011
 * (0x09040000), vel2's private channel under vel2-qemu, then powers off
 * through PSCI SYSTEM_OFF. vel2 hides that page at stage 2, so the store
 * takes an external abort; the vector table here powers off as well. The
 * launcher must then report the guest's power-off (QEMU's status 0), not
 * the forged 3 (tests/qemu/launcher-test.sh).
 */
	.section .text.boot, "ax"
	.global	_start
_start:
	b	1f			/* code0 */
	.word	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	0x10000			/* image_size */
	.quad	0xa			/* flags: LE, 4K pages, anywhere */
	.quad	0, 0, 0			/* res2-4 */
	.ascii	"ARM\x64"		/* magic */
	.word	0			/* res5 */
1:	adr	x0, vectors
	msr	vbar_el2, x0
	isb
	adr	x1, forged
	mov	x2, #0x09040000
2:	ldrb	w3, [x1], #1
	cbz	w3, off
	str	w3, [x2]		/* PL011 DR */
	b	2b
off:	movz	x0, #0x0008
	movk	x0, #0x8400, lsl #16	/* PSCI SYSTEM_OFF */
	smc	#0
3:	wfi
	b	3b

forged:	.asciz	"vel2: exit status 3\r\n"

	.balign	2048
vectors:
	.rept	16
	b	off
	.balign	128
	.endr
