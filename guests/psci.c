// SPDX-License-Identifier: MIT
/*
 * psci: the firmware interface a guest hypervisor sees (Arm DEN 0022).
 * Natively QEMU's built-in PSCI answers the SMCs; under vel2 they trap
 * (HCR_EL2.TSC) and vel2 answers or forwards them. The answers must be the
 * same. Ends with PSCI SYSTEM_OFF rather than semihosting, so that exit
 * path is tested too (QEMU exits with status 0 either way).
 */
#include "rt.h"

static u64 smc(u64 fid, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 __asm__("x0") = fid;
	register u64 x1 __asm__("x1") = a1;
	register u64 x2 __asm__("x2") = a2;
	register u64 x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

static void show(const char *what, u64 v)
{
	rt_puts(what);
	rt_puts(" -> ");
	rt_hex(v);
	rt_putc('\n');
}

int main(void)
{
	u64 self = read_sysreg(mpidr_el1) & 0xff00ffffffUL;

	rt_puts("psci: calls over SMC\n");
	show("PSCI_VERSION", smc(0x84000000, 0, 0, 0));
	show("SMCCC_VERSION", smc(0x80000000, 0, 0, 0));
	show("PSCI_FEATURES(CPU_ON64)", smc(0x8400000a, 0xc4000003, 0, 0));
	show("PSCI_FEATURES(SYSTEM_OFF)", smc(0x8400000a, 0x84000008, 0, 0));
	show("PSCI_FEATURES(0x8400ffff)", smc(0x8400000a, 0x8400ffff, 0, 0));
	show("MIGRATE_INFO_TYPE", smc(0x84000006, 0, 0, 0));
	show("AFFINITY_INFO64(self)", smc(0xc4000004, self, 0, 0));
	/* -smp 1: MPIDR 0x1 does not exist. */
	show("AFFINITY_INFO64(0x1)", smc(0xc4000004, 1, 0, 0));
	show("CPU_ON64(self)", smc(0xc4000003, self, RT_LOAD_ADDR, 0));
	show("unknown SMC 0x82000000", smc(0x82000000, 0, 0, 0));
	rt_puts("psci: SYSTEM_OFF\n");
	rt_flush();
	smc(0x84000008, 0, 0, 0);
	rt_puts("psci: SYSTEM_OFF returned\n");
	rt_exit(1);
}
