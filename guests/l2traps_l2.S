/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2traps/l2trapsvhe, at EL1. "hvc #3" asks its
 * hypervisor for the next step's trap controls (l2traps.c set_step),
 * "hvc #1" reports x0. Without a trap each read reports the hardware's
 * value; a trapped read reports its hypervisor's answer, 0xdead.
 */
	.macro	rd	reg
	mrs	x0, \reg
	hvc	#1
	.endm

	.text
	.global	l2traps_main
l2traps_main:
	/* 0: HPMN only. PMCR_EL0.N [15:11] reads HPMN at EL1. */
	mrs	x0, pmcr_el0
	ubfx	x0, x0, #11, #5
	hvc	#1
	rd	pmselr_el0
	rd	mdscr_el1
	rd	cpacr_el1
	/* Event counters 2 (below HPMN = 3) and 3 (above: reserved for
	 * EL2, though QEMU 10 lets EL1 read it natively too). */
	rd	pmevcntr2_el0
	rd	pmevcntr3_el0
	hvc	#3		/* 1: TPM */
	rd	pmselr_el0
	rd	pmcr_el0
	hvc	#3		/* 2: TPMCR */
	rd	pmcr_el0
	rd	pmselr_el0
	hvc	#3		/* 3: TDA */
	rd	mdscr_el1
	rd	dbgbvr0_el1
	hvc	#3		/* 4: TDOSA */
	rd	oslsr_el1
	hvc	#3		/* 5: TDRA */
	rd	mdrar_el1
	hvc	#3		/* 6: TDCC (with FEAT_FGT) */
	rd	mdccint_el1
	hvc	#3		/* 7: TDE: BRK to EL2, TDOSA implied */
	brk	#0x42
	rd	oslsr_el1
	hvc	#3		/* 8: CPTR_EL2.TCPAC */
	rd	cpacr_el1
	hvc	#3		/* 9: HDFGRTR MDSCR, PMSELR; HDFGWTR OSLAR */
	rd	mdscr_el1
	rd	pmselr_el0
	msr	oslar_el1, xzr
	rd	oslsr_el1
	hvc	#3		/* 10: nothing again */
	rd	mdscr_el1
	rd	cpacr_el1
	brk	#0x43
	hvc	#0xd0e
1:	b	1b
