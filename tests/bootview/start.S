/* SPDX-License-Identifier: MIT */
/*
 * bootview's entry: an arm64 Image header (Documentation/arch/arm64/
 * booting.rst: code0/code1, text_offset, image_size, flags, res2-4,
 * magic "ARM\x64", res5) in front of position-independent code, so that
 * one binary is the ELF, the Image, the raw binary (magic cleared) and the
 * uImage payload. The registers the loader handed over are saved before
 * anything touches them.
 */
	.section .text.boot, "ax"
	.global	_start
_start:
	b	1f			/* code0 */
	.word	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	bootview_size		/* image_size */
	.quad	0xa			/* flags: LE, 4K pages, anywhere */
	.quad	0, 0, 0			/* res2, res3, res4 */
	.ascii	"ARM\x64"		/* magic */
	.word	0			/* res5 */
1:	adr	x9, entry_regs
	stp	x0, x1, [x9]
	stp	x2, x3, [x9, #16]
	str	x4, [x9, #32]
	adr	x10, _start
	str	x10, [x9, #40]
	adr	x10, stack_top
	mov	sp, x10
	bl	bootview_main
2:	wfi
	b	2b

/*
 * EL2 vectors for bootview's probes past the end of RAM (bootview.c,
 * probe): only the synchronous exception from the current EL with SP_EL2
 * (offset 0x200) is expected; it records ESR_EL2 and skips the faulting
 * load (x9, x10 are the probe's clobbers).
 */
	.text
	.balign	2048
	.global	bootview_vectors
bootview_vectors:
	.skip	0x200
	mrs	x9, esr_el2
	adr	x10, fault_esr
	str	x9, [x10]
	mrs	x9, elr_el2
	add	x9, x9, #4
	msr	elr_el2, x9
	eret

	.data
	.balign	8
	.global	fault_esr
fault_esr:
	.quad	0
	.global	entry_regs
entry_regs:
	.fill	6, 8, 0			/* x0-x4, load address */

	.bss
	.balign	16
	.fill	4096, 1, 0
stack_top:
