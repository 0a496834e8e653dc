/* SPDX-License-Identifier: MIT */
/*
 * The boot info block: how scripts/vel2-qemu tells vel2 what it loaded.
 *
 * The launcher writes this block to a file and has QEMU load it with
 * "-device loader,file=<block>,addr=<region>+0x1ff000,force-raw=on" (the
 * last 4 KiB of vel2's 2 MiB region, hv/hv.ld), next to the kernel and the
 * initrd, which it loads where QEMU's own loader would put them for the
 * guest's RAM size (docs/hv.md, "vel2-qemu"). Stage 2 hides the block
 * with the region. Without a block (magic absent) vel2 runs a test guest
 * at 0x40200000.
 *
 * All fields little-endian u64. Version 2 adds the exit trace window
 * (hv/trace.c); version 3 the private UART and the entry point, and is
 * the only version a kernel boot (HV_BOOT_LINUX or HV_BOOT_ENTRY) takes.
 */
#ifndef HV_BOOTINFO_H
#define HV_BOOTINFO_H

/* From the start of vel2's image (__hv_start, 1 MiB into its region). */
#define HV_BOOTINFO_OFFSET 0xff000UL
#define HV_BOOTINFO_MAGIC 0x544f4f42324c4556UL /* "VEL2BOOT" */
#define HV_BOOTINFO_VERSION 3

/* flags */
/*
 * A Linux kernel (arm64 Image, raw binary, Linux uImage): entered at
 * `entry` with the registers QEMU's boot loader gives it (hw/arm/boot.c):
 * x0 = the DTB, x1 = x2 = x3 = 0, x4 = entry.
 */
#define HV_BOOT_LINUX (1UL << 0)
#define HV_BOOT_NO_SEMIHOSTING (1UL << 1) /* leave QEMU by PSCI SYSTEM_OFF */
/*
 * Run the guest hypervisor at vEL2 (VHE or nVHE) with FEAT_NV2
 * (vel2_vcpu_enable_nv2).
 * Without a kernel flag the block only carries flags: vel2 runs the test
 * guest at 0x40200000 (tests/qemu/qemu-run.sh writes such a block with
 * QEMU's "-device loader,data=").
 */
#define HV_BOOT_NV2 (1UL << 2)
/*
 * Any other kernel (ELF, non-Linux uImage): entered at `entry` with every
 * register 0, as QEMU enters it; the DTB (if dtb_addr) at the start of
 * RAM, as QEMU puts it when it fits below the image.
 */
#define HV_BOOT_ENTRY (1UL << 3)
/*
 * The trace (trace_first/trace_count) goes to the private UART only, not
 * to the console the guest shares (scripts/vel2-qemu --trace-file).
 */
#define HV_BOOT_TRACE_PRIVATE (1UL << 4)
#define HV_BOOT_KNOWN_FLAGS                                     \
	(HV_BOOT_LINUX | HV_BOOT_NO_SEMIHOSTING | HV_BOOT_NV2 | \
	 HV_BOOT_ENTRY | HV_BOOT_TRACE_PRIVATE)

struct hv_bootinfo {
	u64 magic;
	u64 version;
	u64 flags;
	u64 kernel_addr; /* lowest address the kernel occupies */
	u64 kernel_size;
	u64 initrd_addr; /* Linux only; 0: none */
	u64 initrd_size;
	u64 dtb_addr; /* where vel2 writes the guest's DTB; 0: none */
	u64 dtb_size; /* its totalsize: QEMU's, 1 MiB */
	u64 ram_base; /* the guest's RAM, as its DTB describes it */
	u64 ram_size;
	/* version 2 */
	u64 trace_first; /* first exit traced in full (0-based) */
	u64 trace_count; /* how many; 0: no trace */
	/* version 3 */
	/*
	 * vel2's private channel: a PL011 (QEMU virt's second non-secure
	 * UART, 0x09040000, on a chardev file) that vel2 mirrors its lines
	 * to, ending with "exit status N" when vel2 itself stops; removed
	 * from the guest's DTB. 0: none.
	 */
	u64 private_uart;
	u64 entry; /* the guest's first instruction */
};

#endif
