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
 *   CPU_OFF                        forwarded: QEMU powers the physical
 *                                  CPU down; CPU_ON starts it afresh.
 *                                  Statistics first if it is the last
 *                                  CPU on
 *   CPU_ON                         vel2's: validated against vel2's view
 *                                  (DEN0022 5.6), then the physical CPU
 *                                  is started by the firmware at vel2's
 *                                  own hv_secondary_entry, which enters
 *                                  the guest's entry point at vEL2h
 *   AFFINITY_INFO                  vel2's view of the vCPU for an existing
 *                                  CPU (the firmware says which exist)
 *   0xc6000e10                     the vel2 exit notice of the test guests
 *                                  (guests/rt/exit.c): statistics, then
 *                                  NOT_SUPPORTED like the firmware
 *   anything else                  NOT_SUPPORTED
 *
 * Function IDs and return codes: Arm DEN 0022 (PSCI) 5.1, Arm DEN 0028
 * (SMCCC) 7.
 *
 * vCPU power states (struct hv_cpu.state) change under hv_psci_lock:
 * OFF -> ON_PENDING (CPU_ON, before the firmware call) -> ON (the
 * secondary, just before it enters the guest) -> OFF_PENDING (CPU_OFF,
 * before the firmware call, which does not return) -> OFF (the next
 * AFFINITY_INFO or CPU_ON that finds the firmware reporting the physical
 * CPU off). OFF_PENDING is reported as ON: the CPU is still running until
 * the firmware has powered it down.
 */
#include "hv.h"
#include "dev/dev.h"

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

#define PSCI_RET_SUCCESS 0UL
#define PSCI_RET_INVALID_PARAMETERS ((u64)-2L)
#define PSCI_RET_ALREADY_ON ((u64)-4L)
#define PSCI_RET_ON_PENDING ((u64)-5L)
#define PSCI_RET_INTERNAL_FAILURE ((u64)-6L)
#define PSCI_RET_INVALID_ADDRESS ((u64)-9L)
#define PSCI_AFF_ON 0UL
#define PSCI_AFF_OFF 1UL
#define PSCI_AFF_ON_PENDING 2UL

/* MPIDR_EL1 affinity fields Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffUL

/*
 * Entry points the guest may pass to CPU_ON: its RAM as vel2's stage 2
 * maps it (hv_guest_ram, stage2.c: the RAM QEMU has, not the window),
 * 4-byte aligned (A64). Anything else is known to be invalid (DEN0022
 * 5.6: INVALID_ADDRESS).
 */

extern char hv_secondary_entry[];

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

static u64 firmware(u64 fid, u64 a1, u64 a2, u64 a3)
{
	u64 x[4] = { fid, a1, a2, a3 };

	firmware_call(x);
	return x[0];
}

/* vel2's index of the CPU with affinity `mpidr`, or -1 (cpu.c). */
static int cpu_index(u64 mpidr)
{
	return hv_cpu_index(mpidr & MPIDR_AFF_MASK);
}

/*
 * The firmware's AFFINITY_INFO for one CPU: INVALID_PARAMETERS if there
 * is no such CPU, else its physical state (OFF while vel2 has not started
 * it, or once CPU_OFF has powered it down).
 */
static u64 firmware_affinity(u64 mpidr)
{
	return firmware(SMC64(PSCI_AFFINITY_INFO), mpidr & MPIDR_AFF_MASK, 0,
			0);
}

/* Under hv_psci_lock: the vCPU's state, OFF_PENDING resolved. */
static u32 cpu_state(struct hv_cpu *cpu, u64 mpidr)
{
	if (cpu->state == HV_CPU_OFF_PENDING &&
	    firmware_affinity(mpidr) == PSCI_AFF_OFF)
		cpu->state = HV_CPU_OFF;
	return cpu->state;
}

/*
 * The boot CPU: refuse more CPUs than vel2 has slots for (a CPU with
 * Aff0 = HV_MAX_CPUS exists: QEMU virt numbers CPUs by Aff0), then mark
 * itself on.
 */
void hv_psci_boot_cpu(void)
{
	struct hv_cpu *cpu = hv_this_cpu();

	if (cpu_index(read_sysreg(mpidr_el1)) != (int)cpu->id) {
		hv_line("FATAL: the boot CPU is not the DTB's first CPU");
		hv_exit(1);
	}
	if ((long)firmware_affinity(HV_MAX_CPUS) >= 0) {
		hv_puts("FATAL: more than ");
		hv_dec(HV_MAX_CPUS);
		hv_puts(" CPUs: vel2 runs one vCPU per CPU, at most ");
		hv_dec(HV_MAX_CPUS);
		hv_puts("\n");
		hv_exit(1);
	}
	cpu->state = HV_CPU_ON;
}

/* PSCI CPU_ON (DEN0022 5.6): x1 target MPIDR, x2 entry, x3 context id. */
static u64 psci_cpu_on(u64 target, u64 entry, u64 context_id)
{
	int idx = cpu_index(target);
	struct hv_cpu *cpu;
	u64 ret;

	/* DEN0022 5.6 CPU_ON, target_cpu: everything but the affinity fields
	 * must be zero; such an MPIDR names no CPU. */
	if (target & ~MPIDR_AFF_MASK)
		return PSCI_RET_INVALID_PARAMETERS;
	if ((long)firmware_affinity(target) < 0)
		return PSCI_RET_INVALID_PARAMETERS; /* no such CPU */
	if (idx < 0)
		return PSCI_RET_INTERNAL_FAILURE; /* cannot happen on virt */
	if (!hv_guest_ram(entry, 4) || (entry & 3))
		return PSCI_RET_INVALID_ADDRESS;
	cpu = &hv_cpus[idx];
	hv_lock(&hv_psci_lock);
	switch (cpu_state(cpu, target)) {
	case HV_CPU_ON:
	case HV_CPU_OFF_PENDING:
		ret = PSCI_RET_ALREADY_ON;
		break;
	case HV_CPU_ON_PENDING:
		ret = PSCI_RET_ON_PENDING;
		break;
	default:
		cpu->entry = entry;
		cpu->context_id = context_id;
		cpu->state = HV_CPU_ON_PENDING;
		/* The secondary reads entry/context_id once it runs. */
		dsb(sy);
		ret = firmware(SMC64(PSCI_CPU_ON), target & MPIDR_AFF_MASK,
			       (u64)hv_secondary_entry, (u64)idx);
		if (ret != PSCI_RET_SUCCESS)
			cpu->state = HV_CPU_OFF;
		break;
	}
	hv_unlock(&hv_psci_lock);
	return ret;
}

/* PSCI AFFINITY_INFO (DEN0022 5.7) at level 0: vel2's view. */
static u64 psci_affinity_info(u64 target, u64 level)
{
	int idx = cpu_index(target);
	u64 ret;

	u32 state;

	if (level != 0 || idx < 0 || (long)firmware_affinity(target) < 0)
		return firmware(SMC64(PSCI_AFFINITY_INFO), target, level, 0);
	/*
	 * Without the lock unless OFF_PENDING must be resolved: the state is
	 * one aligned 32-bit word, written under the lock, read with
	 * single-copy atomicity (Arm ARM B2.2.1), so the answer is a state
	 * the vCPU was in. This is the call guests poll; under the lock, 8
	 * polling TCG vCPUs on fewer host cores spun away the lock holder's
	 * time (about 50 exits/s per CPU; docs/isolation.md).
	 */
	state = *(volatile u32 *)&hv_cpus[idx].state;
	if (state == HV_CPU_OFF_PENDING) {
		hv_lock(&hv_psci_lock);
		state = cpu_state(&hv_cpus[idx], target);
		hv_unlock(&hv_psci_lock);
	}
	switch (state) {
	case HV_CPU_OFF:
		ret = PSCI_AFF_OFF;
		break;
	case HV_CPU_ON_PENDING:
		ret = PSCI_AFF_ON_PENDING;
		break;
	default:
		ret = PSCI_AFF_ON;
		break;
	}
	return ret;
}

static void psci_stop_notice(const char *what)
{
	hv_puts("guest ");
	hv_puts(what);
	hv_puts("\n");
	hv_stats_print();
}

/*
 * PSCI CPU_OFF (DEN0022 5.5): forwarded, so QEMU powers the physical CPU
 * down and a later CPU_ON restarts it from reset. It does not return on
 * success; on failure (DENIED) the CPU stays on.
 */
static void psci_cpu_off(u64 *x)
{
	struct hv_cpu *cpu = hv_this_cpu();
	bool last = true;

	hv_lock(&hv_psci_lock);
	for (unsigned int i = 0; i < HV_MAX_CPUS; i++)
		if (i != cpu->id && hv_cpus[i].state != HV_CPU_OFF)
			last = false;
	cpu->state = HV_CPU_OFF_PENDING;
	hv_unlock(&hv_psci_lock);
	/*
	 * Print only for the last CPU: another CPU's guest may be printing,
	 * and a vel2 line must not land inside one of its lines.
	 */
	if (last)
		psci_stop_notice("PSCI CPU_OFF (last CPU)");
	firmware_call(x);
	hv_lock(&hv_psci_lock);
	cpu->state = HV_CPU_ON;
	hv_unlock(&hv_psci_lock);
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
		psci_cpu_off(x);
		break;
	case PSCI_CPU_ON:
		x[0] = psci_cpu_on(x[1] & 0xffffffffUL, x[2] & 0xffffffffUL,
				   x[3] & 0xffffffffUL);
		break;
	case SMC64(PSCI_CPU_ON):
		x[0] = psci_cpu_on(x[1], x[2], x[3]);
		break;
	case PSCI_AFFINITY_INFO:
		x[0] = psci_affinity_info(x[1] & 0xffffffffUL,
					  x[2] & 0xffffffffUL);
		break;
	case SMC64(PSCI_AFFINITY_INFO):
		x[0] = psci_affinity_info(x[1], x[2]);
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
