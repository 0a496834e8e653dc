// SPDX-License-Identifier: MIT
/*
 * traploop: the exit-cost benchmark's guest (bench/traploop.sh). It reads
 * a 64-bit word at TRAPLOOP_ARG, which the benchmark puts there with
 * QEMU's data loader:
 *   N           N times MRS VBAR_EL2: natively free, under vel2 one exit
 *               each (it traps with HCR_EL2.NV, with and without NV2: no
 *               VNCR offset);
 *   N | 1<<63   the floor: N times HVC #0 to this guest's own EL2 vector,
 *               whose handler is a bare ERET (traploop_vec.S): one
 *               exception entry and return, the least an exit can cost;
 *   N | 1<<62   N times MRS TPIDR_EL2, the Linux boot's exit: vel2 keeps
 *               it in memory, where its vector answers a repeated read
 *               alone (hv/vectors.S), while VBAR_EL2 is in the CPU.
 *   N | 1<<61   N times MSR CNTHP_CVAL_EL2 (a new value each time; the
 *               timer stays disabled): the guest hypervisor's own timer,
 *               the commonest exit of an NV2 Linux boot (as CNTP_CVAL_EL0
 *               with E2H=1), one trapped write each under vel2.
 *   N | 1<<60   N times ERET from EL2 to EL2h itself (ELR_EL2 and
 *               SPSR_EL2 set once: an exception return leaves them as they
 *               are): one trapped ERET each under vel2, the exit vel2's
 *               generic path always handles, without a mode change.
 *   N | 1<<59   N times 1000 rounds of an empty loop, no exception at
 *               all: what the host pays for the other CPU's doings
 *               (traploop2's idle partner) without this CPU's exceptions.
 * Without a word (the differential test) it loops zero times, so its
 * console is the same natively and under vel2. traploop2.c runs the same
 * loop on two CPUs at once (-smp 2); it includes this file with
 * TRAPLOOP_NO_MAIN.
 */
#include "rt.h"

#define TRAPLOOP_ARG ((volatile u64 *)0x47ff0000UL)
#define FLOOR (1ULL << 63)
#define TPIDR (1ULL << 62)
#define HTIMER (1ULL << 61)
#define ERET (1ULL << 60)
#define SPIN (1ULL << 59)

extern char traploop_vectors[];

/*
 * Bits [63:32] of the word at TRAPLOOP_IDLE (traploop2.c's idle partner
 * period is [31:0]): every this many iterations of the floor, TPIDR and
 * spin loops, a broadcast TLB invalidation (TLBI VMALLE1IS; a kernel's
 * TLB maintenance is broadcast), which QEMU runs on every vCPU, a halted
 * one too. 0 (no word): never.
 */
#define TRAPLOOP_IDLE (TRAPLOOP_ARG + 1)
static u64 traploop_tlbi_every;

static inline void tlbi_maybe(u64 *left)
{
	if (traploop_tlbi_every && !--*left) {
		*left = traploop_tlbi_every;
		__asm__ volatile("dsb ishst\n\ttlbi vmalle1is\n\t"
				 "dsb ish\n\tisb" ::
					 : "memory");
	}
}

/* One CPU's loop, as the word at TRAPLOOP_ARG says. */
static void traploop_run(void)
{
	u64 arg = *TRAPLOOP_ARG,
	    n = arg & ~(FLOOR | TPIDR | HTIMER | ERET | SPIN), left;

	traploop_tlbi_every = *TRAPLOOP_IDLE >> 32;
	left = traploop_tlbi_every;

	if (arg & SPIN) {
		for (u64 i = 0; i < n; i++) {
			for (u64 j = 0; j < 1000; j++)
				__asm__ volatile("" ::: "memory");
			tlbi_maybe(&left);
		}
	} else if (arg & FLOOR) {
		u64 saved = read_sysreg(vbar_el2);

		write_sysreg(vbar_el2, (u64)traploop_vectors);
		__asm__ volatile("isb");
		for (u64 i = 0; i < n; i++) {
			__asm__ volatile("hvc #0" ::: "memory");
			tlbi_maybe(&left);
		}
		write_sysreg(vbar_el2, saved);
		__asm__ volatile("isb");
	} else if (arg & ERET) {
		/* EL2h with the current DAIF (SPSR_EL2.M [3:0] = 0b1001). */
		u64 spsr = (read_sysreg(daif) & 0x3c0) | 0x9;

		__asm__ volatile("adr x1, 2f\n\t"
				 "msr elr_el2, x1\n\t"
				 "msr spsr_el2, %1\n\t"
				 "isb\n"
				 "1:\tcbz %0, 3f\n\t"
				 "eret\n"
				 "2:\tsub %0, %0, #1\n\t"
				 "b 1b\n"
				 "3:"
				 : "+r"(n)
				 : "r"(spsr)
				 : "x1", "memory");
	} else if (arg & HTIMER) {
		for (u64 i = 0; i < n; i++)
			__asm__ volatile("msr cnthp_cval_el2, %0" ::"r"(~i)
					 : "memory");
	} else if (arg & TPIDR) {
		for (u64 i = 0; i < n; i++) {
			u64 v;

			__asm__ volatile("mrs %0, tpidr_el2"
					 : "=r"(v)::"memory");
			tlbi_maybe(&left);
		}
	} else {
		for (u64 i = 0; i < n; i++) {
			u64 v;

			__asm__ volatile("mrs %0, vbar_el2"
					 : "=r"(v)::"memory");
		}
	}
}

#ifndef TRAPLOOP_NO_MAIN
int main(void)
{
	traploop_run();
	rt_puts("traploop: done\n");
	return 0;
}
#endif
