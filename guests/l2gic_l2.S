/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2gic, at EL1 with its hypervisor's HCR_EL2.IMO/FMO = 1,
 * so its ICC_* accesses reach the GICv3 virtual CPU interface that the
 * guest hypervisor's list registers describe. PSTATE.I stays masked: it
 * polls ICC_IAR1_EL1 instead of taking the virtual IRQ.
 *   x19 = the first acknowledge (the higher-priority LR's vINTID)
 *   x20 = a second one while that is active (1023: nothing of higher
 *         priority than the running one)
 *   x21 = after EOI of the first, the next acknowledge
 * Then it waits; acknowledging the last pending LR raises the guest
 * hypervisor's maintenance interrupt (ICH_HCR_EL2.NPIE), which ends it.
 */
#define ICC_PMR_EL1 s3_0_c4_c6_0
#define ICC_IAR1_EL1 s3_0_c12_c12_0
#define ICC_EOIR1_EL1 s3_0_c12_c12_1
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7

	.text
	.global	l2gic_main
l2gic_main:
	mov	x1, #0xf0
	msr	ICC_PMR_EL1, x1
	mov	x1, #1
	msr	ICC_IGRPEN1_EL1, x1
	isb
	mrs	x19, ICC_IAR1_EL1
	mrs	x20, ICC_IAR1_EL1
	msr	ICC_EOIR1_EL1, x19
	isb
	mrs	x21, ICC_IAR1_EL1
	isb
1:	wfe
	b	1b
