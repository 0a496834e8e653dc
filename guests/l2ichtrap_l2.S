/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2ichtrap, at EL1 with its hypervisor's HCR_EL2.IMO/FMO
 * = 1 (its ICC_* accesses reach the virtual CPU interface unless a trap
 * takes them to EL2).
 *
 * l2ichtrap_seq: one access to each ICC_* register an ICH_HCR_EL2 trap
 * bit covers (GIC IHI 0069 ICH_HCR_EL2 TC, TALL0, TALL1, TDIR), then
 * hvc #1. The guest hypervisor skips each trapped one and runs the
 * sequence again with the next trap bit. Reads go to x2, writes take x3
 * (1023, the spurious INTID: an EOI or deactivation of it does nothing)
 * or x1 (0xf0 for the priority mask).
 *
 * l2ichtrap_maint: acknowledge the one pending virtual interrupt, which
 * leaves no LR pending and so asserts the guest hypervisor's maintenance
 * interrupt (ICH_HCR_EL2.NPIE); PSTATE.I stays masked, the physical IRQ
 * goes to EL2 (HCR_EL2.IMO) all the same. x19 = the INTID acknowledged.
 */
#define ICC_PMR_EL1 s3_0_c4_c6_0
#define ICC_IAR0_EL1 s3_0_c12_c8_0
#define ICC_EOIR0_EL1 s3_0_c12_c8_1
#define ICC_HPPIR0_EL1 s3_0_c12_c8_2
#define ICC_BPR0_EL1 s3_0_c12_c8_3
#define ICC_AP0R0_EL1 s3_0_c12_c8_4
#define ICC_AP1R0_EL1 s3_0_c12_c9_0
#define ICC_DIR_EL1 s3_0_c12_c11_1
#define ICC_RPR_EL1 s3_0_c12_c11_3
#define ICC_SGI1R_EL1 s3_0_c12_c11_5
#define ICC_IAR1_EL1 s3_0_c12_c12_0
#define ICC_EOIR1_EL1 s3_0_c12_c12_1
#define ICC_HPPIR1_EL1 s3_0_c12_c12_2
#define ICC_BPR1_EL1 s3_0_c12_c12_3
#define ICC_CTLR_EL1 s3_0_c12_c12_4
#define ICC_IGRPEN0_EL1 s3_0_c12_c12_6
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7

	.text
	.global	l2ichtrap_seq
l2ichtrap_seq:
	mov	x1, #0xf0
	mov	x3, #1023
	mov	x4, #0
	/* TC: the registers common to both groups */
	msr	ICC_PMR_EL1, x1
	mrs	x2, ICC_RPR_EL1
	mrs	x2, ICC_CTLR_EL1
	msr	ICC_DIR_EL1, x3		/* TC and TDIR */
	msr	ICC_SGI1R_EL1, x4	/* TC; with IMO/FMO always */
	/* TALL0: Group 0 */
	mrs	x2, ICC_IAR0_EL1
	msr	ICC_EOIR0_EL1, x3
	mrs	x2, ICC_HPPIR0_EL1
	mrs	x2, ICC_BPR0_EL1
	mrs	x2, ICC_AP0R0_EL1
	mrs	x2, ICC_IGRPEN0_EL1
	/* TALL1: Group 1 */
	mrs	x2, ICC_IAR1_EL1
	msr	ICC_EOIR1_EL1, x3
	mrs	x2, ICC_HPPIR1_EL1
	mrs	x2, ICC_BPR1_EL1
	mrs	x2, ICC_AP1R0_EL1
	mrs	x2, ICC_IGRPEN1_EL1
	hvc	#1
1:	b	1b

	.global	l2ichtrap_maint
l2ichtrap_maint:
	mrs	x19, ICC_IAR1_EL1
	isb
1:	wfe
	b	1b
