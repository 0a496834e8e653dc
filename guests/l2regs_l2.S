/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2regs, at EL1: reads MIDR/MPIDR (its hypervisor's
 * VPIDR/VMPIDR_EL2), uses FP (trapped by its hypervisor's CPTR_EL2),
 * reads TPIDR_EL1 (trapped by its HFGRTR_EL2), reads its SVE vector
 * length (capped by its ZCR_EL2). Each result goes out through HVC #1.
 * First its own EL1 SVE trap: the exception goes to its EL1 vectors.
 */
	.text
	.global	l2regs_main
l2regs_main:
	/* Its own CPACR_EL1.ZEN = 0 traps SVE at EL1 before any CPTR_EL2
	 * (Arm ARM CheckSVEEnabled()): taken at L2's EL1, reported by
	 * l2_vectors through HVC #2, skipped; then SVE on at EL1. */
	mov	x9, #(3 << 20)
	msr	cpacr_el1, x9
	isb
	.inst	0x04bf5020		/* rdvl x0, #1 */
	mov	x9, #(3 << 20)
	orr	x9, x9, #(3 << 16)
	msr	cpacr_el1, x9
	isb
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
