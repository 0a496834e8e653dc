// SPDX-License-Identifier: MIT
/*
 * hypercall: the cost of a nested hypercall. A VHE guest hypervisor
 * (HCR_EL2.E2H=1, kept, TGE=0) runs L2 at EL1 (hypercall_l2.S), which
 * makes HYPERCALL_ROUND_TRIPS HVCs; each arrives at this program's lower-EL
 * synchronous vector (VBAR_EL2 + 0x400), whose runtime handler reads
 * ESR_EL2/FAR_EL2 and saves and restores ELR_EL2/SPSR_EL2 as any
 * hypervisor's would, then ERETs back to L2 (Arm ARM D1.x: the preferred
 * return address of HVC is the next instruction).
 *
 * Natively each round trip is two exception-level changes. Under vel2
 * every one of them, and every EL2 register access of the handler that
 * FEAT_NV (without NV2) traps, is an exit: vel2's exit count divided by
 * the round trips is the figure the NEVE paper (SOSP'17) reports, 2 being
 * the floor (the HVC and the ERET). make bench prints it for NV and NV2.
 */
#include "rt.h"

#define HYPERCALL_ROUND_TRIPS 1000
#define HVC_DONE 0xd0e

extern char hypercall_l2[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 round_trips;

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x400 || ESR_EC(e->esr) != 0x16) /* HVC64 */
		return false;
	if (ESR_ISS(e->esr) != HVC_DONE) {
		round_trips++;
		return true;
	}
	rt_kv_end("hypercall: round trips", round_trips);
	rt_kv_end("hypercall: HCR_EL2.E2H still set",
		  (read_sysreg(hcr_el2) & HCR_E2H) != 0);
	rt_exit(round_trips == HYPERCALL_ROUND_TRIPS ? 0 : 1);
}

int main(void)
{
	rt_vectors_install(l2_exit);
	/* E2H=1 first: from now on L2's EL1 registers are the *_EL12. */
	write_sysreg(hcr_el2, HCR_RW | HCR_E2H);
	isb();
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1); /* L2's MMU off */
	write_sysreg(VBAR_EL12, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(elr_el2, (u64)hypercall_l2);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("mov x0, %0\n\teret" ::"r"((u64)HYPERCALL_ROUND_TRIPS)
			 : "x0");
	__builtin_unreachable();
}
