// SPDX-License-Identifier: MIT
/*
 * PID 1 of the test initramfs: proves the kernel reached userspace, then
 * powers the machine off so QEMU exits (PSCI SYSTEM_OFF through the kernel).
 * Raw syscalls, no libc: the project's cross toolchain has no arm64 libc.
 */
#define SYS_WRITE 64
#define SYS_REBOOT 142
#define REBOOT_MAGIC1 0xfee1deadL
#define REBOOT_MAGIC2 672274793L
#define REBOOT_CMD_POWER_OFF 0x4321fedcL

static long syscall4(long nr, long a, long b, long c, long d)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3)
			 : "memory");
	return x0;
}

void _start(void);
void _start(void)
{
	static const char msg[] = "vel2-init: userspace reached\n";

	syscall4(SYS_WRITE, 1, (long)msg, sizeof(msg) - 1, 0);
	syscall4(SYS_REBOOT, REBOOT_MAGIC1, REBOOT_MAGIC2, REBOOT_CMD_POWER_OFF,
		 0);
	for (;;)
		;
}
