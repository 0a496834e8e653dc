/* SPDX-License-Identifier: MIT */
/*
 * The boot info block: how scripts/vel2-qemu tells vel2 what it loaded.
 *
 * The launcher writes this block to a file and has QEMU load it with
 * "-device loader,file=<block>,addr=0x401ff000,force-raw=on", next to the
 * kernel ("-device loader,...,addr=kernel_addr") and the initrd. The block
 * lies in vel2's own 2 MiB, which vel2's stage 2 hides from the guest.
 * Without a block (magic absent) vel2 runs a test guest at 0x40200000.
 *
 * All fields little-endian u64. Version 1 ends at ram_size; version 2
 * adds the exit trace window (hv/trace.c), which version 1 leaves off.
 */
#ifndef HV_BOOTINFO_H
#define HV_BOOTINFO_H

#define HV_BOOTINFO_ADDR 0x401ff000UL
#define HV_BOOTINFO_MAGIC 0x544f4f42324c4556UL /* "VEL2BOOT" */
#define HV_BOOTINFO_VERSION 2

/* flags */
#define HV_BOOT_LINUX (1UL << 0) /* kernel is an arm64 Linux Image */
#define HV_BOOT_NO_SEMIHOSTING (1UL << 1) /* leave QEMU by PSCI SYSTEM_OFF */
/*
 * Run the guest hypervisor at vEL2 (VHE or nVHE) with FEAT_NV2
 * (vel2_vcpu_enable_nv2).
 * Without HV_BOOT_LINUX the block only carries flags: vel2 runs the test
 * guest at 0x40200000 (tests/qemu/qemu-run.sh writes such a block with
 * QEMU's "-device loader,data=").
 */
#define HV_BOOT_NV2 (1UL << 2)

struct hv_bootinfo {
	u64 magic;
	u64 version;
	u64 flags;
	u64 kernel_addr; /* 2 MiB-aligned base + text_offset: the entry point */
	u64 kernel_size; /* image_size from the Image header */
	u64 initrd_addr; /* 0: none */
	u64 initrd_size;
	u64 dtb_addr; /* where vel2 writes the guest's DTB (8-byte aligned) */
	u64 dtb_cap; /* room there, bytes */
	u64 ram_base; /* the guest's RAM, for checks */
	u64 ram_size;
	/* version 2 */
	u64 trace_first; /* first exit traced in full (0-based) */
	u64 trace_count; /* how many; 0: no trace */
};

#endif
