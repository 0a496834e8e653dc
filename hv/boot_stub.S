/* SPDX-License-Identifier: MIT */
/*
 * The first instructions a Linux kernel's CPU runs under QEMU's own
 * loader: at the start of RAM, set the boot protocol's registers
 * (Documentation/arch/arm64/booting.rst: x0 = the DTB's physical address,
 * x1..x3 = 0; QEMU's loader also leaves the entry point in x4) and branch
 * to the kernel. boot.c copies this template to the start of the guest's
 * RAM, fills in the two literals and starts the guest here, at vEL2, so
 * that the guest's RAM and its entry state are what QEMU gives natively.
 */
	.section .rodata
	.balign	8
	.global	hv_linux_stub, hv_linux_stub_dtb, hv_linux_stub_entry
	.global	hv_linux_stub_end
hv_linux_stub:
	ldr	x0, hv_linux_stub_dtb
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	ldr	x4, hv_linux_stub_entry
	br	x4
hv_linux_stub_dtb:
	.quad	0
hv_linux_stub_entry:
	.quad	0
hv_linux_stub_end:
