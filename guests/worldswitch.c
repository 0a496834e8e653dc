// SPDX-License-Identifier: MIT
/*
 * worldswitch: a guest hypervisor that runs its own guest (L2) at EL1.
 *
 * It programs the EL1 context for L2 (SCTLR_EL1 with the MMU off,
 * VBAR_EL1, SP_EL1), the trap controls in HCR_EL2, then ERETs with
 * SPSR_EL2 = EL1h. Every exit from L2 arrives at VBAR_EL2 + 0x400 (lower
 * EL, AArch64, synchronous); the handler prints what it saw and ERETs back.
 */
#include "rt.h"

/* HCR_EL2 for L2 (D23.2.52): AArch64 EL1, trap ID group 3 reads, VM
 * register writes and SMC; route physical interrupts to EL2. */
#define L2_HCR \
	(HCR_RW | HCR_TID3 | HCR_TVM | HCR_TSC | HCR_IMO | HCR_FMO | HCR_AMO)

/* ESR_EL2 ISS for EC 0x18 (D23.2.49, "ISS encoding for an exception from
 * MSR, MRS or System instruction"). */
#define SYS_ISS_DIR_READ 1UL
#define SYS_ISS_RT(iss) (((iss) >> 5) & 0x1f)
#define SYS_ISS_REG(iss) ((iss)&0x3ffc1e)
#define SYS_ISS_ID_AA64MMFR0_EL1                    \
	0x30000eUL /* op0=3 op1=0 CRn=0 CRm=7 op2=0 \
		    */
#define SYS_ISS_SCTLR_EL1 0x300400UL /* op0=3 op1=0 CRn=1 CRm=0 op2=0 */

/* Guests that include this file (l2stage2.c) may add to L1's setup: the
 * macro runs just before L2's HCR_EL2 is written and returns extra bits. */
#ifndef L1_EXTRA_SETUP
#define L1_EXTRA_SETUP() 0UL
#endif

extern char l2_main[], l2_vectors[];
static u64 l2_stack[512] __attribute__((aligned(16)));
static u64 exits;

static void handle_sysreg(struct rt_frame *f, u64 iss)
{
	unsigned int rt = SYS_ISS_RT(iss);
	u64 *reg = rt == 31 ? 0 : &f->x[rt];

	if (iss & SYS_ISS_DIR_READ) {
		/* Emulate the ID register: a value L2 can recognise. */
		if (SYS_ISS_REG(iss) == SYS_ISS_ID_AA64MMFR0_EL1 && reg)
			*reg = 0x1234;
	} else if (SYS_ISS_REG(iss) == SYS_ISS_SCTLR_EL1) {
		/* Perform the write on L2's behalf, keeping the MMU off. */
		u64 v = reg ? *reg : 0;

		rt_kv_end("l1: l2 wrote SCTLR_EL1", v);
		write_sysreg(sctlr_el1, v & ~1UL);
	}
	f->elr += 4;
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	u64 ec = ESR_EC(e->esr);

	exits++;
	if (e->vec != 0x400)
		return false;
	rt_print_exc("l1: exit", e);
	switch (ec) {
	case 0x16: /* HVC: ELR_EL2 is already past the instruction */
		switch (ESR_ISS(e->esr) & 0xffff) {
		case 1:
			rt_kv_end("l1: l2 says", f->x[0]);
			return true;
		case 2:
			rt_puts("l1: l2 took an exception at EL1:\n");
			rt_kv("esr_el1", f->x[0]);
			rt_kv_end("elr_el1", f->x[1]);
			if (rt_far_valid(f->x[0])) {
				rt_kv("spsr_el1", f->x[2]);
				rt_kv_end("far_el1", f->x[3]);
			} else {
				rt_kv_end("spsr_el1", f->x[2]);
			}
			return true;
		case 0xd0e:
			rt_kv_end("l1: l2 done, exits", exits);
			rt_puts("worldswitch: done\n");
			rt_exit(0);
		}
		return false;
	case 0x17: /* SMC trapped by TSC: ELR_EL2 is the SMC itself */
		f->x[0] = ~0UL; /* SMCCC NOT_SUPPORTED */
		f->elr += 4;
		return true;
	case 0x18:
		handle_sysreg(f, ESR_ISS(e->esr));
		return true;
	}
	return false;
}

int main(void)
{
	rt_vectors_install(l2_exit);
	rt_puts("worldswitch: entering L2 at EL1\n");

	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)l2_vectors);
	write_sysreg(sp_el1, (u64)(l2_stack + 512));
	write_sysreg(hcr_el2, L2_HCR | L1_EXTRA_SETUP());
	rt_kv_end("l1: HCR_EL2", read_sysreg(hcr_el2));
	write_sysreg(elr_el2, (u64)l2_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
