/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2irq: at EL1, arm its physical timer to fire soon,
 * unmask IRQs and wait until its guest hypervisor, which takes the
 * interrupt (HCR_EL2.IMO), sets x0. Then report through HVC.
 */
	.text
	.global	l2irq_main
l2irq_main:
	mov	x0, #0
	mov	x1, #2000
	msr	cntp_tval_el0, x1
	mov	x1, #1			/* CNTP_CTL_EL0.ENABLE */
	msr	cntp_ctl_el0, x1
	isb
	msr	daifclr, #2		/* PSTATE.I = 0 */
1:	cbz	x0, 1b
	msr	daifset, #2
	hvc	#1
	hvc	#0xd0e
2:	b	2b
