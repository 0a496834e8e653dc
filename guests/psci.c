// SPDX-License-Identifier: MIT
/*
 * psci: the firmware interface a guest hypervisor sees (Arm DEN 0022).
 * Natively QEMU's built-in PSCI answers the SMCs; under vel2 they trap
 * (HCR_EL2.TSC) and vel2 answers or forwards them. The answers must be the
 * same. Ends with PSCI SYSTEM_OFF rather than semihosting, so that exit
 * path is tested too (QEMU exits with status 0 either way).
 */
#include "rt.h"

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
	show("PSCI_VERSION", rt_smc(0x84000000, 0, 0, 0));
	show("SMCCC_VERSION", rt_smc(0x80000000, 0, 0, 0));
	show("PSCI_FEATURES(CPU_ON64)", rt_smc(0x8400000a, 0xc4000003, 0, 0));
	show("PSCI_FEATURES(SYSTEM_OFF)", rt_smc(0x8400000a, 0x84000008, 0, 0));
	show("PSCI_FEATURES(0x8400ffff)", rt_smc(0x8400000a, 0x8400ffff, 0, 0));
	show("MIGRATE_INFO_TYPE", rt_smc(0x84000006, 0, 0, 0));
	show("AFFINITY_INFO64(self)", rt_smc(0xc4000004, self, 0, 0));
	/* -smp 1: MPIDR 0x1 does not exist. */
	show("AFFINITY_INFO64(0x1)", rt_smc(0xc4000004, 1, 0, 0));
	show("CPU_ON64(self)", rt_smc(0xc4000003, self, RT_LOAD_ADDR, 0));
	show("unknown SMC 0x82000000", rt_smc(0x82000000, 0, 0, 0));
	rt_puts("psci: SYSTEM_OFF\n");
	rt_flush();
	rt_smc(0x84000008, 0, 0, 0);
	rt_puts("psci: SYSTEM_OFF returned\n");
	rt_exit(1);
}
