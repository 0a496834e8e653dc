// SPDX-License-Identifier: MIT
/*
 * What vel2 boots: a test guest at 0x40200000, or a kernel that
 * scripts/vel2-qemu loaded where QEMU's own loader would have put it
 * (hw/arm/boot.c) and described in the boot info block (bootinfo.h).
 *
 * vel2 itself is the ELF kernel QEMU boots. Its 2 MiB region lies above
 * the guest's RAM (hv/hv.ld): QEMU is given that much more RAM than the
 * guest is told about. For an ELF kernel QEMU puts its DTB at the start
 * of RAM when it fits below the ELF (the launcher hands QEMU a packed copy
 * with -dtb, so that it takes tens of KiB, not 1 MiB). vel2 edits that DTB
 * in the first MiB of its region (vel2_fdt_prepare_guest: its region and
 * anything else above the guest's RAM carved out of /memory, the initrd
 * in /chosen, its private UART removed; the timer PPIs stay QEMU's), clears
 * QEMU's copy, and writes the result where QEMU's
 * loader would have put the guest's DTB, with QEMU's size (1 MiB). It
 * starts the guest at virtual EL2 as QEMU's loader would: a Linux kernel
 * through a boot stub at the start of RAM (boot_stub.S: x0 = DTB, x1..x3
 * = 0, x4 = the entry point), any other kernel at its entry with every
 * register 0. MMU off, D/A/I/F masked.
 */
#include "hv.h"
#include "bootinfo.h"
#include "dev/dev.h"

#include <vel2/fdt.h>

#include <libfdt.h>

/* QEMU virt's RAM starts here; QEMU puts the DTB of an ELF kernel here. */
#define RAM_BASE 0x40000000UL
/* vel2's image is 1 MiB into its 2 MiB region (hv/hv.ld). */
#define HV_REGION_OFFSET 0x100000UL
/* The region's first MiB: vel2's DTB scratch buffer; QEMU's DTB size. */
#define DTB_MAX 0x100000UL
/* QEMU virt's second non-secure PL011 (VIRT_UART1), there when QEMU is
 * given two -serial: the only place vel2 accepts its private UART at. */
#define PRIVATE_UART_ADDR 0x09040000UL

extern char __hv_start[];
/* boot_stub.S */
extern const char hv_linux_stub[], hv_linux_stub_dtb[], hv_linux_stub_entry[];
extern const char hv_linux_stub_end[];

bool hv_semihosting = true;
bool hv_nv2;

u64 hv_region_base(void)
{
	return (u64)__hv_start - HV_REGION_OFFSET;
}

static void __attribute__((noreturn)) boot_fail(const char *why, int err)
{
	hv_puts("FATAL: ");
	hv_puts(why);
	if (err) {
		hv_puts(": ");
		hv_puts(fdt_strerror(err));
	}
	hv_puts("\n");
	hv_poweroff(1);
}

/* [addr, addr + size) inside the guest's RAM. */
static bool in_ram(const struct hv_bootinfo *bi, u64 addr, u64 size)
{
	return addr >= bi->ram_base && size <= bi->ram_size &&
	       addr - bi->ram_base <= bi->ram_size - size;
}

/* The launcher is outside vel2: its numbers are checked, not trusted. */
static void check_layout(const struct hv_bootinfo *bi)
{
	if (bi->version != HV_BOOTINFO_VERSION)
		boot_fail("a kernel boot needs a version 3 boot info block", 0);
	if (bi->ram_base != RAM_BASE || !bi->ram_size ||
	    bi->ram_size > hv_region_base() - RAM_BASE)
		boot_fail("the guest's RAM is not below vel2's region", 0);
	if (!in_ram(bi, bi->kernel_addr, bi->kernel_size))
		boot_fail("kernel outside the guest's RAM", 0);
	if (!in_ram(bi, bi->entry, 4) || (bi->entry & 3))
		boot_fail("entry point outside the guest's RAM", 0);
	if (bi->initrd_size && !in_ram(bi, bi->initrd_addr, bi->initrd_size))
		boot_fail("initrd outside the guest's RAM", 0);
	if (bi->dtb_addr && (!in_ram(bi, bi->dtb_addr, bi->dtb_size) ||
			     (bi->dtb_addr & 7) || bi->dtb_size > DTB_MAX))
		boot_fail("DTB area outside the guest's RAM", 0);
}

static void guest_dtb(const struct hv_bootinfo *bi)
{
	void *src = (void *)RAM_BASE, *scratch = (void *)hv_region_base();
	/* The refused devices and vel2's private UART are not the guest's:
	 * not in its DTB. */
	struct vel2_fdt_hidden hide[HV_NR_REFUSED_NODES + 1];
	unsigned int nhide = hv_refused_for_guest(hide);
	struct vel2_guest_dt p = {
		/* QEMU's RAM above the guest's: vel2's region and its
		 * stage 2 tables (stage2.c), never the guest's. */
		.hv_base = bi->ram_base + bi->ram_size,
		.hv_size = hv_vel2_ram_end() - (bi->ram_base + bi->ram_size),
		.initrd_start = bi->initrd_addr,
		.initrd_size =
			(bi->flags & HV_BOOT_LINUX) ? bi->initrd_size : 0,
		.bootargs = NULL, /* QEMU put -append in /chosen already */
		.hide = hide,
	};
	u32 size;
	int err;

	if (bi->private_uart)
		hide[nhide++] = (struct vel2_fdt_hidden){ "arm,pl011",
							  bi->private_uart };
	p.nhide = nhide;

	err = vel2_fdt_check(src, DTB_MAX);
	if (err < 0)
		boot_fail("no DTB from QEMU at the start of RAM", err);
	size = fdt_totalsize(src);
	memcpy(scratch, src, size);
	/* The guest's RAM holds no trace of QEMU's copy, as natively. */
	memset(src, 0, size);
	err = vel2_fdt_prepare_guest(scratch, DTB_MAX, &p);
	if (err < 0)
		boot_fail("vel2_fdt_prepare_guest", err);
	err = hv_dt_offer_pcie(scratch);
	if (err < 0)
		boot_fail("the PCIe node for the guest", err);
	if (!bi->dtb_addr)
		return;
	/* QEMU's layout: the tree, then free space up to its size. */
	err = fdt_open_into(scratch, (void *)bi->dtb_addr, (int)bi->dtb_size);
	if (err < 0)
		boot_fail("the guest's DTB does not fit its place", err);
	hv_puts("guest DTB at ");
	hv_hex(bi->dtb_addr);
	hv_puts(", RAM ");
	hv_hex(bi->ram_base);
	hv_puts("+");
	hv_hex(bi->ram_size);
	hv_puts(", vel2 at ");
	hv_hex(hv_region_base());
	hv_puts("\n");
}

static u64 boot_kernel(const struct hv_bootinfo *bi, struct vel2_exit *rec)
{
	check_layout(bi);
	guest_dtb(bi);
	if (bi->flags & HV_BOOT_LINUX) {
		/* QEMU's way in: its boot stub at the start of RAM. */
		u8 *stub = (u8 *)bi->ram_base;

		if (!bi->dtb_addr)
			boot_fail("a Linux boot without a DTB", 0);
		memcpy(stub, hv_linux_stub, hv_linux_stub_end - hv_linux_stub);
		*(u64 *)(stub + (hv_linux_stub_dtb - hv_linux_stub)) =
			bi->dtb_addr;
		*(u64 *)(stub + (hv_linux_stub_entry - hv_linux_stub)) =
			bi->entry;
		rec->elr = bi->ram_base;
		return bi->ram_base;
	}
	rec->elr = bi->entry;
	return bi->entry;
}

/*
 * Fill in where the guest starts: PC, and the registers of a kernel boot.
 * Returns the entry point.
 */
u64 hv_boot_prepare(struct vel2_exit *rec)
{
	const volatile struct hv_bootinfo *vbi =
		(void *)(__hv_start + HV_BOOTINFO_OFFSET);
	struct hv_bootinfo bi;

	memcpy(&bi, (const void *)vbi, sizeof(bi));
	if (bi.magic != HV_BOOTINFO_MAGIC) {
		if (!*(volatile u32 *)GUEST_LOAD_ADDR)
			boot_fail("no guest at 0x40200000; load one with "
				  "-device loader,file=<guest>.elf",
				  0);
		rec->elr = GUEST_LOAD_ADDR;
		return GUEST_LOAD_ADDR;
	}
	if (bi.version < 1 || bi.version > HV_BOOTINFO_VERSION)
		boot_fail("boot info block of an unknown version", 0);
	/* First: the lines below, failures included, reach the launcher. */
	if (bi.version >= 3 && bi.private_uart == PRIVATE_UART_ADDR) {
		/* Out of the guest's reach: it could write vel2's lines. */
		if (!hv_stage2_hide_page(bi.private_uart))
			boot_fail("cannot hide the private UART", 0);
		hv_private_uart = bi.private_uart;
	}
	if ((bi.flags & HV_BOOT_TRACE_PRIVATE) && !hv_private_uart)
		boot_fail("boot info: private trace without a private UART", 0);
	hv_trace_private = bi.flags & HV_BOOT_TRACE_PRIVATE;
	if (bi.version >= 2 && bi.trace_count)
		hv_trace_init(bi.trace_first, bi.trace_count);
	if (bi.flags & HV_BOOT_NO_SEMIHOSTING)
		hv_semihosting = false;
	if (bi.flags & HV_BOOT_NV2)
		hv_nv2 = true;
	if (bi.flags & ~HV_BOOT_KNOWN_FLAGS)
		boot_fail("boot info: unknown flags", 0);
	if ((bi.flags & HV_BOOT_LINUX) && (bi.flags & HV_BOOT_ENTRY))
		boot_fail("boot info: both a Linux and a plain entry", 0);
	if (bi.flags & (HV_BOOT_LINUX | HV_BOOT_ENTRY))
		return boot_kernel(&bi, rec);
	if (!*(volatile u32 *)GUEST_LOAD_ADDR)
		boot_fail("no guest at 0x40200000", 0);
	rec->elr = GUEST_LOAD_ADDR;
	return GUEST_LOAD_ADDR;
}
