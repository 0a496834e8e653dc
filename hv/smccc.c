// SPDX-License-Identifier: MIT
/*
 * SMCs from the guest (trapped by HCR_EL2.TSC, EC 0x17). vel2 is the
 * guest's firmware. QEMU's own firmware (its built-in PSCI, reached by an
 * SMC from EL2 when there is no EL3) sits underneath: vel2 forwards to it
 * what it can answer for the guest, and keeps what concerns the vCPU.
 *
 *   PSCI_VERSION, PSCI_FEATURES, MIGRATE_INFO_TYPE, SMCCC_VERSION,
 *   SMCCC_ARCH_FEATURES            forwarded: the answers describe the
 *                                  firmware the guest would see natively
 *   CPU_SUSPEND                    forwarded: QEMU implements it as a
 *                                  standby (WFI), returning here
 *   SYSTEM_OFF, SYSTEM_RESET       vel2 prints its statistics, then
 *                                  forwards (QEMU powers off / resets)
 *   CPU_OFF                        statistics, then forwarded: vel2 runs
 *                                  one vCPU, so this is the last CPU going
 *                                  down, as it would natively
 *   CPU_ON                         ALREADY_ON for the running CPU;
 *                                  INTERNAL_FAILURE for others: vel2 runs
 *                                  one vCPU, and forwarding would start the
 *                                  CPU at the guest's entry point at
 *                                  physical EL2, outside vel2
 *   AFFINITY_INFO                  ON for the running CPU; others are
 *                                  never started by vel2, so the firmware's
 *                                  answer (OFF or INVALID_PARAMETERS) holds
 *   0xc6000e10                     the vel2 exit notice of the test guests
 *                                  (guests/rt/exit.c): statistics, then
 *                                  NOT_SUPPORTED like the firmware
 *   anything else                  NOT_SUPPORTED
 *
 * Function IDs and return codes: Arm DEN 0022 (PSCI) 5.1, Arm DEN 0028
 * (SMCCC) 7.
 */
#include "hv.h"

#define SMCCC_VEL2_EXIT_NOTICE 0xc6000e10UL
#define SMCCC_VERSION 0x80000000UL
#define SMCCC_ARCH_FEATURES 0x80000001UL
#define SMCCC_NOT_SUPPORTED (~0UL)

#define PSCI_VERSION 0x84000000UL
#define PSCI_CPU_SUSPEND 0x84000001UL
#define PSCI_CPU_OFF 0x84000002UL
#define PSCI_CPU_ON 0x84000003UL
#define PSCI_AFFINITY_INFO 0x84000004UL
#define PSCI_MIGRATE_INFO_TYPE 0x84000006UL
#define PSCI_SYSTEM_OFF 0x84000008UL
#define PSCI_SYSTEM_RESET 0x84000009UL
#define PSCI_FEATURES 0x8400000aUL
/* SMC64 variants: bit 30 (SMCCC "SMC64/HVC64 calling convention"). */
#define SMC64(fid) ((fid) | 0x40000000UL)

#define PSCI_RET_INTERNAL_FAILURE ((u64)-6L)
#define PSCI_RET_ALREADY_ON ((u64)-4L)
#define PSCI_AFF_ON 0UL

/* MPIDR_EL1 affinity fields Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffUL

/* An SMC from vel2 at EL2 to QEMU's firmware; SMCCC: x0-x3 out. */
static void firmware_call(u64 *x)
{
	register u64 x0 __asm__("x0") = x[0];
	register u64 x1 __asm__("x1") = x[1];
	register u64 x2 __asm__("x2") = x[2];
	register u64 x3 __asm__("x3") = x[3];

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	x[0] = x0;
	x[1] = x1;
	x[2] = x2;
	x[3] = x3;
}

static bool is_self(u64 mpidr)
{
	return ((mpidr ^ read_sysreg(mpidr_el1)) & MPIDR_AFF_MASK) == 0;
}

static void psci_stop_notice(const char *what)
{
	hv_puts("guest ");
	hv_puts(what);
	hv_puts("\n");
	hv_stats_print();
}

enum hv_action hv_handle_smc(u64 *x)
{
	u64 fid = x[0];

	switch (fid) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_MIGRATE_INFO_TYPE:
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
	case PSCI_CPU_SUSPEND:
	case SMC64(PSCI_CPU_SUSPEND):
		firmware_call(x);
		break;
	case PSCI_SYSTEM_OFF:
		psci_stop_notice("PSCI SYSTEM_OFF");
		firmware_call(x);
		break;
	case PSCI_SYSTEM_RESET:
		psci_stop_notice("PSCI SYSTEM_RESET");
		firmware_call(x);
		break;
	case PSCI_CPU_OFF:
		psci_stop_notice("PSCI CPU_OFF (last CPU)");
		firmware_call(x);
		break;
	case PSCI_CPU_ON:
	case SMC64(PSCI_CPU_ON):
		x[0] = is_self(x[1]) ? PSCI_RET_ALREADY_ON :
				       PSCI_RET_INTERNAL_FAILURE;
		break;
	case PSCI_AFFINITY_INFO:
	case SMC64(PSCI_AFFINITY_INFO):
		if (is_self(x[1]))
			x[0] = PSCI_AFF_ON;
		else
			firmware_call(x);
		break;
	case SMCCC_VEL2_EXIT_NOTICE:
		hv_puts("guest exit notice, status ");
		hv_dec(x[1]);
		hv_puts("\n");
		hv_stats_print();
		x[0] = SMCCC_NOT_SUPPORTED;
		break;
	default:
		x[0] = SMCCC_NOT_SUPPORTED;
		break;
	}
	return HV_RESUME;
}
