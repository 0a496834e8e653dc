/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of the minimal VMM (vmm.c): a few instructions run by Linux
 * KVM inside the guest hypervisor, at EL1h with the MMU off (the reset
 * state KVM_ARM_VCPU_INIT gives), from the one memslot. Position
 * independent: vmm.c copies it to the start of the memslot.
 *
 * It reports to the VMM by 32/64-bit stores to the report page
 * (REPORT_BASE, vmm.h), which no memslot maps: each is a stage-2 data
 * abort with a valid syndrome (Arm ARM D17.2.40 ESR_EL2, ISV: a single
 * register load/store without writeback), i.e. one KVM_EXIT_MMIO.
 * On entry x19 holds the number of PSCI_VERSION hypercalls of the
 * benchmark loop (0: none), set by the VMM.
 */
#include "vmm.h"

	.text
	.global l2_code_start, l2_code_end
l2_code_start:
	movz	x28, #(REPORT_BASE >> 16), lsl #16

	/* 1. a plain MMIO write with a value the VMM knows */
	movz	w0, #(MMIO_MAGIC & 0xffff)
	movk	w0, #(MMIO_MAGIC >> 16), lsl #16
	str	w0, [x28, #REPORT_MAGIC]

	/*
	 * 2. PSCI_VERSION through HVC (SMCCC: function ID in w0, result in
	 * w0), answered by KVM in the kernel; the VMM compares the result
	 * with its KVM_REG_ARM_PSCI_VERSION.
	 */
	movz	w0, #(PSCI_0_2_FN_PSCI_VERSION >> 16), lsl #16
	hvc	#0
	str	w0, [x28, #REPORT_PSCI]

	/* 3. benchmark: x19 hypercall round trips L2 -> L1 KVM -> L2 */
	mov	x20, x19
	cbz	x20, 2f
1:	movz	w0, #(PSCI_0_2_FN_PSCI_VERSION >> 16), lsl #16
	hvc	#0
	subs	x20, x20, #1
	b.ne	1b
2:	str	x19, [x28, #REPORT_LOOP]

	/*
	 * 4. WFI woken by the EL1 virtual timer (PPI 27, INTID 27) through
	 * the in-kernel GICv3: enable the distributor's Group 1 (GICD_CTLR
	 * EnableGrp1, ARE is RAO/WI on KVM's GIC with one security state),
	 * the PPI in the redistributor's SGI frame (GICR_ISENABLER0), the
	 * CPU interface (ICC_PMR_EL1 lets every priority through,
	 * ICC_IGRPEN1_EL1), then arm CNTV (CNTV_CVAL_EL0 = now + ~1 ms,
	 * CNTV_CTL_EL0.ENABLE=1, IMASK=0). PSTATE.I stays masked: a pending
	 * IRQ wakes WFI regardless of PSTATE.I (Arm ARM D1.6.2, "Wait For
	 * Interrupt"); ISR_EL1.I says it is pending, so a spurious wake-up
	 * loops.
	 */
	movz	x1, #(GICD_BASE >> 16), lsl #16
	mov	w2, #GICD_CTLR_ENABLE_G1
	str	w2, [x1, #GICD_CTLR]
	movz	x1, #(GICR_SGI_BASE >> 16), lsl #16
	mov	w2, #(1 << VTIMER_INTID)
	str	w2, [x1, #GICR_ISENABLER0]
	mov	x2, #0xff
	msr	S3_0_C4_C6_0, x2	/* ICC_PMR_EL1 */
	mov	x2, #1
	msr	S3_0_C12_C12_7, x2	/* ICC_IGRPEN1_EL1 */
	isb
	mrs	x1, cntfrq_el0
	lsr	x1, x1, #10
	mrs	x2, cntvct_el0
	add	x2, x2, x1
	msr	cntv_cval_el0, x2
	mov	x2, #1
	msr	cntv_ctl_el0, x2
	isb
3:	wfi
	mrs	x4, isr_el1
	tbz	x4, #7, 3b		/* ISR_EL1.I */
	mrs	x5, cntv_ctl_el0	/* ENABLE | ISTATUS expected */
	str	w5, [x28, #REPORT_TIMER_CTL]
	mrs	x6, S3_0_C12_C12_0	/* ICC_IAR1_EL1: acknowledge */
	str	w6, [x28, #REPORT_INTID]
	msr	cntv_ctl_el0, xzr	/* the timer's line drops */
	msr	S3_0_C12_C12_1, x6	/* ICC_EOIR1_EL1 (EOImode 0) */
	isb

	/* 5. PSCI SYSTEM_OFF: KVM ends KVM_RUN with a system event */
	movz	w0, #(PSCI_0_2_FN_SYSTEM_OFF >> 16), lsl #16
	movk	w0, #(PSCI_0_2_FN_SYSTEM_OFF & 0xffff)
	hvc	#0
	str	w0, [x28, #REPORT_RETURNED]
4:	b	4b
l2_code_end:
