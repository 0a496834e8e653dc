// SPDX-License-Identifier: MIT
/*
 * Per-CPU state and the one synchronisation primitive vel2 needs.
 *
 * vel2 runs with its EL2 stage 1 translation off (SCTLR_EL2.M = 0): every
 * data access it makes is to Device-nGnRnE memory (Arm ARM DDI 0487, D8,
 * "The effects of disabling an address translation stage"). The
 * Load-Exclusive/Store-Exclusive instructions are only architecturally
 * supported on Normal memory (B2.9, "Synchronization and semaphores":
 * whether the exclusive monitors support other memory types is
 * IMPLEMENTATION DEFINED), and so are the FEAT_LSE atomics (on Device
 * memory they may be unsupported: cores then report DFSC 0b110101,
 * "unsupported exclusive or atomic access", ESR_EL2 in D24.2). QEMU would
 * run them; real hardware need not. So vel2 builds its lock from plain loads
 * and stores: Lamport's bakery algorithm, which needs only single-copy atomic
 * aligned 32-bit accesses (B2.2.1, "Single-copy atomicity") and each CPU's
 * accesses observed in program order, given here by DMB SY between the steps
 * (B2.3, "Ordering requirements": a DMB orders Device accesses as well
 * as Normal ones). Device memory is always Outer Shareable (B2.7.2,
 * "Device memory"), so all CPUs observe the lock words coherently.
 *
 * The alternative, an EL2 identity map with Normal WB memory, would give
 * vel2 exclusives but change the attributes of its accesses to guest
 * memory it shares with the guest running with its MMU off (the DTB it
 * writes, the VNCR page under NV2), which would then need cache
 * maintenance on real hardware. The lock is taken rarely (a vel2 console
 * line, a PSCI call), so the bakery's O(HV_MAX_CPUS) cost does not matter.
 */
#include "hv.h"

#include <vel2/fdt.h>

struct hv_cpu hv_cpus[HV_MAX_CPUS] __attribute__((aligned(4096)));
struct hv_lock hv_psci_lock;
/* Secondary CPUs' stacks (start.S); the boot CPU keeps __stack_top. */
_Static_assert(HV_STACK_SIZE == 1UL << 14 && HV_MAX_CPUS == 8, "start.S");
char hv_stacks[HV_MAX_CPUS][HV_STACK_SIZE] __attribute__((aligned(16)));

#define dmb_sy() __asm__ volatile("dmb sy" ::: "memory")

void hv_lock(struct hv_lock *l)
{
	unsigned int me = hv_this_cpu()->id;
	u32 max = 0, mine;

	l->choosing[me] = 1;
	dmb_sy();
	for (unsigned int j = 0; j < HV_MAX_CPUS; j++)
		if (l->number[j] > max)
			max = l->number[j];
	mine = max + 1;
	l->number[me] = mine;
	dmb_sy();
	l->choosing[me] = 0;
	dmb_sy();
	for (unsigned int j = 0; j < HV_MAX_CPUS; j++) {
		u32 n;

		if (j == me)
			continue;
		while (l->choosing[j])
			;
		dmb_sy();
		for (;;) {
			n = l->number[j];
			if (!n || n > mine || (n == mine && j > me))
				break;
		}
	}
	/* Acquire: the critical section's accesses come after. */
	dmb_sy();
}

void hv_unlock(struct hv_lock *l)
{
	/* Release: the critical section's accesses come before. */
	dmb_sy();
	l->number[hv_this_cpu()->id] = 0;
	dmb_sy();
}

bool hv_lock_held(const struct hv_lock *l)
{
	return l->number[hv_this_cpu()->id] != 0;
}

/*
 * Make CPU `id` the running CPU's state: TPIDR_EL2 points at its context
 * from now on (hv_enter_guest() writes the same value on every entry).
 */
void hv_cpu_attach(unsigned int id)
{
	struct hv_cpu *cpu = &hv_cpus[id];

	cpu->id = id;
	write_sysreg(tpidr_el2, (u64)&cpu->ctx);
	isb();
}

/*
 * vel2's CPU numbering: the position of a CPU's MPIDR affinity among the
 * DTB's /cpus (vel2_fdt_cpus), read by the boot CPU before anything else
 * runs (hv_cpus_discover). With no usable DTB, QEMU virt's numbering:
 * index = Aff0, the others 0.
 */
static u64 cpu_mpidr[HV_MAX_CPUS];
static int nr_cpus;

int hv_cpus_discover(const void *dtb)
{
	int r = vel2_fdt_check(dtb, 0x100000);

	if (r)
		return r;
	r = vel2_fdt_cpus(dtb, cpu_mpidr, HV_MAX_CPUS);
	if (r > 0)
		nr_cpus = r;
	return r < 0 ? r : 0;
}

int hv_cpu_index(u64 aff)
{
	if (!nr_cpus)
		return aff < HV_MAX_CPUS ? (int)aff : -1;
	for (int i = 0; i < nr_cpus; i++)
		if (cpu_mpidr[i] == aff)
			return i;
	return -1;
}
