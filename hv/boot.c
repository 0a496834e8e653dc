// SPDX-License-Identifier: MIT
/*
 * What vel2 boots: a test guest at 0x40200000, or a Linux kernel that
 * scripts/vel2-qemu loaded and described in the boot info block.
 *
 * For an ELF -kernel QEMU does not follow the Linux boot protocol: it
 * enters at the ELF entry with x0 = 0 and puts its DTB at the start of RAM,
 * but only if the DTB fits below the ELF's lowest address (hw/arm/boot.c,
 * arm_setup_direct_kernel_boot(); virt's DTB is 1 MiB, hence vel2's link
 * address 0x40100000). vel2 copies that DTB into guest memory, edits it
 * (vel2_fdt_prepare_guest: vel2's memory carved out of /memory, the initrd
 * in /chosen, the EL2 timer PPIs pointed at the EL1 ones) and enters the
 * kernel as the boot protocol asks (Documentation/arch/arm64/booting.rst):
 * x0 = DTB, x1..x3 = 0, MMU off, D/A/I/F masked, at virtual EL2.
 */
#include "hv.h"
#include "bootinfo.h"

#include <vel2/fdt.h>

#include <libfdt.h>

/* QEMU's DTB: start of RAM, at most the 1 MiB below vel2. */
#define QEMU_DTB_ADDR 0x40000000UL
#define QEMU_DTB_MAX 0x100000UL
/* What stage 2 hides from the guest: vel2's 2 MiB, DTB included. */
#define HV_RAM_BASE 0x40000000UL
#define HV_RAM_SIZE 0x200000UL
/* QEMU virt's second non-secure PL011 (VIRT_UART1), there when QEMU is
 * given two -serial: the only place vel2 accepts its private UART at. */
#define PRIVATE_UART_ADDR 0x09040000UL

bool hv_semihosting = true;
bool hv_nv2;

static bool in_ram(const struct hv_bootinfo *bi, u64 addr, u64 size)
{
	return addr >= bi->ram_base + HV_RAM_SIZE && size <= bi->ram_size &&
	       addr - bi->ram_base <= bi->ram_size - size;
}

static void __attribute__((noreturn)) boot_fail(const char *why, int err);

static void check_layout(const struct hv_bootinfo *bi)
{
	if (!in_ram(bi, bi->kernel_addr, bi->kernel_size) ||
	    (bi->kernel_addr & 0xfff))
		boot_fail("kernel outside the guest's RAM", 0);
	if (bi->initrd_size && !in_ram(bi, bi->initrd_addr, bi->initrd_size))
		boot_fail("initrd outside the guest's RAM", 0);
	if (!in_ram(bi, bi->dtb_addr, bi->dtb_cap) || (bi->dtb_addr & 7))
		boot_fail("DTB area outside the guest's RAM", 0);
}

static void __attribute__((noreturn)) boot_fail(const char *why, int err)
{
	hv_puts("FATAL: ");
	hv_puts(why);
	if (err) {
		hv_puts(": ");
		hv_puts(fdt_strerror(-err));
	}
	hv_puts("\n");
	hv_exit(1);
}

static u64 boot_linux(const struct hv_bootinfo *bi)
{
	/* vel2's private UART is not the guest's: not in its DTB. */
	const struct vel2_fdt_hidden private_uart = { "arm,pl011",
						      bi->private_uart };
	void *src = (void *)QEMU_DTB_ADDR;
	void *dtb = (void *)bi->dtb_addr;
	struct vel2_guest_dt p = {
		.hv_base = HV_RAM_BASE,
		.hv_size = HV_RAM_SIZE,
		.initrd_start = bi->initrd_addr,
		.initrd_size = bi->initrd_size,
		.bootargs = NULL, /* QEMU put -append in /chosen already */
		/*
		 * The guest's EL2 timers are backed by the EL1 ones: under
		 * HCR_EL2.NV the guest runs at EL1, where CNTP/CNTV reach
		 * the EL1 timers, whose interrupts are PPIs 14 and 11.
		 */
		.remap_el2_timers = true,
		.hide = &private_uart,
		.nhide = bi->private_uart ? 1 : 0,
	};
	u32 size;
	int err;

	check_layout(bi);
	err = vel2_fdt_check(src, QEMU_DTB_MAX);
	if (err < 0)
		boot_fail("no DTB from QEMU at the start of RAM", -err);
	size = fdt_totalsize(src);
	if (size > bi->dtb_cap)
		boot_fail("QEMU's DTB does not fit the DTB area", 0);
	memcpy(dtb, src, size);
	err = vel2_fdt_prepare_guest(dtb, bi->dtb_cap, &p);
	if (err < 0)
		boot_fail("vel2_fdt_prepare_guest", -err);
	hv_puts("guest DTB at ");
	hv_hex(bi->dtb_addr);
	hv_puts(", initrd ");
	hv_hex(bi->initrd_addr);
	hv_puts("+");
	hv_hex(bi->initrd_size);
	hv_puts(", RAM ");
	hv_hex(HV_RAM_BASE);
	hv_puts("..+");
	hv_hex(HV_RAM_SIZE);
	hv_puts(" carved out\n");
	return bi->dtb_addr;
}

/*
 * Fill in where the guest starts: PC, and x0 for Linux. Returns the entry
 * point.
 */
u64 hv_boot_prepare(struct exit_record *rec)
{
	const volatile struct hv_bootinfo *vbi = (void *)HV_BOOTINFO_ADDR;
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
	if (bi.version >= 3 && bi.private_uart == PRIVATE_UART_ADDR)
		hv_private_uart = bi.private_uart;
	if (bi.version >= 2 && bi.trace_count)
		hv_trace_init(bi.trace_first, bi.trace_count);
	if (bi.flags & HV_BOOT_NO_SEMIHOSTING)
		hv_semihosting = false;
	if (bi.flags & HV_BOOT_NV2)
		hv_nv2 = true;
	if (bi.flags & ~(HV_BOOT_LINUX | HV_BOOT_NO_SEMIHOSTING | HV_BOOT_NV2))
		boot_fail("boot info: unknown flags", 0);
	if (!(bi.flags & HV_BOOT_LINUX)) {
		if (!*(volatile u32 *)GUEST_LOAD_ADDR)
			boot_fail("no guest at 0x40200000", 0);
		rec->elr = GUEST_LOAD_ADDR;
		return GUEST_LOAD_ADDR;
	}
	rec->x[0] = boot_linux(&bi);
	rec->elr = bi.kernel_addr;
	return bi.kernel_addr;
}
