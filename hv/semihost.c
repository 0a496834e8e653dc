// SPDX-License-Identifier: MIT
/*
 * Leave QEMU with a status: semihosting SYS_EXIT (0x18) with the
 * ADP_Stopped_ApplicationExit (0x20026) reason, via HLT #0xf000. When the
 * launcher says QEMU runs without -semihosting (HLT would be UNDEFINED),
 * print the status and power off through QEMU's PSCI SYSTEM_OFF instead.
 */
#include "hv.h"

#define PSCI_SYSTEM_OFF 0x84000008UL

void hv_exit(int status)
{
	static u64 block[2];
	register u64 x0 __asm__("x0") = 0x18;
	register u64 x1 __asm__("x1") = (u64)block;

	/* The launcher reads this line from the private UART. */
	if (!hv_semihosting || hv_private_uart) {
		hv_puts("exit status ");
		hv_dec((u64)status);
		hv_puts("\n");
	}
	if (!hv_semihosting) {
		x0 = PSCI_SYSTEM_OFF;
		__asm__ volatile("smc #0" : "+r"(x0) : : "memory");
		for (;;)
			__asm__ volatile("wfi");
	}
	block[0] = 0x20026;
	block[1] = (u64)status;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}
