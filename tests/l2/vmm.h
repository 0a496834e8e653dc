/* SPDX-License-Identifier: MIT */
/* Shared by the minimal VMM (vmm.c) and its L2 guest code (l2code.S). */
#ifndef VEL2_TESTS_L2_VMM_H
#define VEL2_TESTS_L2_VMM_H

/* L2's intermediate physical address map (no relation to L1's). */
#define RAM_BASE 0x40000000 /* the one memslot: code */
#define RAM_SIZE 0x10000
#define REPORT_BASE 0x0a000000 /* no memslot: every access exits */
#define GICD_BASE 0x08000000 /* GICv3 distributor, 64 KiB */
#define GICR_BASE 0x080a0000 /* redistributor of vCPU 0, 128 KiB */
#define GICR_SGI_BASE (GICR_BASE + 0x10000)

/* Offsets in the report page, one per thing L2 reports. */
#define REPORT_MAGIC 0x00
#define REPORT_PSCI 0x08
#define REPORT_LOOP 0x10
#define REPORT_TIMER_CTL 0x18
#define REPORT_INTID 0x20
#define REPORT_RETURNED 0x28

#define MMIO_MAGIC 0x600dcafe

/* SMCCC function IDs of PSCI 0.2+ (Arm DEN0022, "Function IDs"). */
#define PSCI_0_2_FN_PSCI_VERSION 0x84000000
#define PSCI_0_2_FN_SYSTEM_OFF 0x84000008

/* GICv3 (IHI 0069): GICD_CTLR.EnableGrp1 (bit 1 with GICD_CTLR.DS=1). */
#define GICD_CTLR 0x0
#define GICD_CTLR_ENABLE_G1 0x2
#define GICR_ISENABLER0 0x100
/* The EL1 virtual timer's PPI (Arm BSA; KVM's default, and QEMU virt's) */
#define VTIMER_INTID 27
#define CNTV_CTL_ENABLE 0x1
#define CNTV_CTL_ISTATUS 0x4

#endif
