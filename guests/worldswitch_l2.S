/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of the worldswitch guest hypervisor: runs at EL1 with its
 * own VBAR_EL1, MMU off. It reports everything through HVC:
 *   hvc #1   "report x0"
 *   hvc #2   "I took an exception at EL1": x0..x3 = ESR/ELR/SPSR/FAR_EL1
 *   hvc #0xd0e  done
 */
	.text
	.global	l2_main
l2_main:
	mrs	x0, CurrentEL
	hvc	#1
	mov	x0, #0x1111
	hvc	#1
	/* HCR_EL2.TID3: ID group 3 reads trap to EL2 (EC 0x18). */
	mrs	x0, id_aa64mmfr0_el1
	hvc	#1
	/* HCR_EL2.TVM: writes to the EL1 VM registers trap (EC 0x18). */
	ldr	x0, =0x30d00984
	msr	sctlr_el1, x0
	mrs	x0, sctlr_el1		/* TRVM=0: not trapped */
	hvc	#1
	/* UNDEFINED at EL1: taken to L2's own vector, not to EL2. */
	udf	#0x21
	/* BRK: a debug exception taken to L2's own EL1 (MDCR_EL2.TDE=0). */
	brk	#0x42
	/* HCR_EL2.TSC: SMC traps to EL2 (EC 0x17). */
	mov	x0, #0x2222
	smc	#0x33
	hvc	#1
	hvc	#0xd0e
1:	b	1b

/* l2_vectors (L2's EL1 vector table): guests/rt/l2_vectors.S. */
