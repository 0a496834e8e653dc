/* SPDX-License-Identifier: MIT */
/*
 * vel2 entry: QEMU -kernel enters here at EL2h, MMU off, one CPU (x0 = 0
 * for an ELF kernel: vel2 finds QEMU's DTB itself, boot.c).
 *
 * hv_secondary_entry: where QEMU's firmware starts a secondary CPU that
 * vel2 turned on with PSCI CPU_ON (smccc.c): EL2h, MMU off, x0 = the
 * context id vel2 passed, the CPU's index. .bss was cleared by the boot
 * CPU long before; each CPU gets its own stack (hv_stacks, cpu.c).
 */
#define HV_MAX_CPUS	8
#define HV_STACK_SHIFT	14	/* HV_STACK_SIZE, hv.h */
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
	b	not_el2

	.global	hv_secondary_entry
hv_secondary_entry:
	cmp	x0, #HV_MAX_CPUS
	b.hs	not_el2
	ldr	x1, =hv_stacks
	add	x2, x0, #1
	add	x1, x1, x2, lsl #HV_STACK_SHIFT
	mov	sp, x1
	bl	hv_secondary_main
not_el2:
	wfi
	b	not_el2
