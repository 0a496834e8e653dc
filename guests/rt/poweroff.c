// SPDX-License-Identifier: MIT
/*
 * Guest exit (and rt_require_vhe, the VHE guests' way out without it).
 *
 * QEMU implements semihosting HLT #0xf000 at translation time, at any EL
 * above EL0: the instruction never traps to EL2. A hypervisor underneath
 * therefore cannot see the guest leave. So, like an OS announcing power-off
 * to firmware, the guest first makes an SMC Calling Convention call in the
 * vendor-specific hypervisor service range (ARM DEN 0028, OEN 6). Natively,
 * QEMU's firmware (PSCI over SMC, no EL3) answers NOT_SUPPORTED and nothing
 * else happens; vel2 traps it (HCR_EL2.TSC) and prints its statistics.
 * Then SYS_EXIT (semihosting 0x18, ADP_Stopped_ApplicationExit 0x20026)
 * carries the status out of QEMU either way.
 */
#include "rt.h"

#define SMCCC_VEL2_EXIT_NOTICE 0xc6000e10UL
#define SEMIHOST_SYS_EXIT 0x18UL
#define ADP_STOPPED_APPLICATION_EXIT 0x20026UL

void rt_exit(int status)
{
	static u64 block[2];
	register u64 x0 __asm__("x0");
	register u64 x1 __asm__("x1");

	rt_flush();
	rt_smc(SMCCC_VEL2_EXIT_NOTICE, (u64)status, 0, 0);

	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (u64)status;
	x0 = SEMIHOST_SYS_EXIT;
	x1 = (u64)block;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}

u64 rt_smc(u64 fid, u64 a1, u64 a2, u64 a3)
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

void rt_require_vhe(const char *guest)
{
	/* ID_AA64MMFR1_EL1.VH [11:8]: FEAT_VHE. */
	u64 vh = (read_sysreg(id_aa64mmfr1_el1) >> 8) & 0xf;

	rt_kv_end("MMFR1.VH", vh);
	if (vh)
		return;
	rt_puts(guest);
	rt_puts(": no FEAT_VHE\n");
	rt_exit(1);
}
