/* SPDX-License-Identifier: MIT */
/*
 * The L2 guest of l2pauth: at EL1, it tries to read its guest hypervisor's
 * pointer authentication key and SCXTNUM_EL1 and to use the key. Each must
 * trap to EL2, whose handler reports it and answers 0xdead for reads.
 *   hvc #1   "report x0";  hvc #0xd0e  done
 */
	.text
	.global	l2pauth_main
l2pauth_main:
	/* HCR_EL2.APK=0: MRS APIAKeyLo_EL1 (S3_0_C2_C1_0) traps (EC 0x18). */
	mrs	x0, s3_0_c2_c1_0
	hvc	#1
	/* HCR_EL2.API=0: PACIA x0, x1 traps (EC 0x09) with SCTLR_EL1.EnIA=1. */
	mov	x0, #0x1234
	mov	x1, #0
	.inst	0xdac10020
	hvc	#1
	/* HCR_EL2.EnSCXT=0: MRS SCXTNUM_EL1 (S3_0_C13_C0_7) traps (EC 0x18). */
	mrs	x0, s3_0_c13_c0_7
	hvc	#1
	hvc	#0xd0e
1:	b	1b
