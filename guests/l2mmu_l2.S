/* SPDX-License-Identifier: MIT */
/*
 * L2 of the l2mmu guest (l2mmu.c has the stage 2 it runs under): each
 * step reports what it read with hvc #1.
 */
	.text
	.global	l2_main
l2_main:
	mov	x1, #0x50000000
	ldr	x0, [x1]		// page A
	hvc	#1
	ldr	x0, [x1, #0x1000]	// page B, read-only
	hvc	#1
	mov	x2, #0x77
	str	x2, [x1, #0x1000]	// permission fault, skipped
	ldr	x0, [x1, #0x1000]
	hvc	#1
	ldr	x0, [x1, #0x2000]	// translation fault, mapped, retried
	hvc	#1
	hvc	#4			// x0 = offset of A in its 2M
	mov	x3, #0x50200000
	ldr	x0, [x3, x0]		// A through the 2M block
	hvc	#1
	hvc	#3			// remap page 0 -> B
	ldr	x0, [x1]
	hvc	#1
	mov	x0, #0
	mov	x2, #0x90000000
	ldr	x0, [x2]		// level 1 hole, skipped
	hvc	#1
	add	x2, x1, #0x3000
	blr	x2			// execute-never: back here
	hvc	#0xd0e
1:	b	1b
