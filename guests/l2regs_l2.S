/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2regs, at EL1: reads MIDR/MPIDR (its hypervisor's
 * VPIDR/VMPIDR_EL2), uses FP (trapped by its hypervisor's CPTR_EL2),
 * reads TPIDR_EL1 (trapped by its HFGRTR_EL2), reads its SVE vector
 * length (capped by its ZCR_EL2). Each result goes out through HVC #1.
 */
	.text
	.global	l2regs_main
l2regs_main:
	mrs	x0, midr_el1
	hvc	#1
	mrs	x0, mpidr_el1
	hvc	#1
	mov	x1, #7
	.inst	0x9e670020		/* fmov d0, x1: FP trap first */
	.inst	0x9e660000		/* fmov x0, d0 */
	hvc	#1
	mrs	x0, tpidr_el1
	hvc	#1
	.inst	0x04bf5020		/* rdvl x0, #1 */
	hvc	#1
	hvc	#0xd0e
1:	b	1b
