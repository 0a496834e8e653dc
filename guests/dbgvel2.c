// SPDX-License-Identifier: MIT
/*
 * dbgvel2: a hypervisor debugging its own EL2 code (Arm ARM D2 "AArch64
 * Self-hosted Debug"). Debug exceptions are taken to EL_D = EL2 when
 * MDCR_EL2.TDE = 1 or HCR_EL2.TGE = 1, and are enabled at EL_D itself only
 * with MDSCR_EL1.KDE = 1, PSTATE.D = 0 and the OS lock clear:
 *   - software step (MDSCR_EL1.SS, SPSR_EL2.SS on the ERET): EC 0x33 at
 *     EL2 after each instruction, ELR = the next one;
 *   - the same with TDE = 0 (EL_D = EL1): EL2 code is never stepped;
 *   - a breakpoint (DBGBCR0_EL1 with HMC = 1, SSC = 0b11, PMC = 0b00:
 *     EL2 only; MDSCR_EL1.MDE): EC 0x31 at EL2, ELR = its address; one
 *     for EL1 only (HMC = 0, PMC = 0b01), which never matches at EL2;
 *   - a store watchpoint for EL2: EC 0x35 at EL2, FAR = the address.
 * The control registers read back as written (vel2 runs vEL2, physical
 * EL1, with EL1-matching copies: src/core/hwcfg_debug.c).
 * Run with E2H = 0 and E2H = 1 (TGE = 0): under vel2 with FEAT_NV2 the
 * MDSCR_EL1 the guest writes at vEL2 is a store to the VNCR page.
 */
#include "rt.h"

#define MDSCR_EL1 s2_0_c0_c2_2
#define OSLAR_EL1 s2_0_c1_c0_4
#define DBGBVR0_EL1 s2_0_c0_c0_4
#define DBGBCR0_EL1 s2_0_c0_c0_5
#define DBGWVR0_EL1 s2_0_c0_c0_6
#define DBGWCR0_EL1 s2_0_c0_c0_7
#define MDSCR_SS (1UL << 0)
#define MDSCR_KDE (1UL << 13)
#define MDSCR_MDE (1UL << 15)
#define MDCR_TDE (1UL << 8)
#define SPSR_SS (1UL << 21)
#define SPSR_D (1UL << 9)
/* E 1, PMC 0b00 [2:1], BAS 0b1111 [8:5], HMC [13], SSC 0b11 [15:14]. */
#define BCR_EL2_ONLY (1UL | (0xfUL << 5) | (1UL << 13) | (3UL << 14))
/* PMC 0b01, HMC 0, SSC 0b00: EL1 only, never EL2. */
#define BCR_EL1_ONLY (1UL | (1UL << 1) | (0xfUL << 5))
/* E, PAC 0b00, LSC 0b10 (stores) [4:3], BAS 0xff [12:5], HMC, SSC 0b11. */
#define WCR_EL2_STORE \
	(1UL | (2UL << 3) | (0xffUL << 5) | (1UL << 13) | (3UL << 14))

extern char bp_here[];
static volatile u64 watched __attribute__((aligned(8)));
static unsigned int steps_left;

static bool hook(struct rt_frame *f, const struct rt_exc *e)
{
	switch (ESR_EC(e->esr)) {
	case 0x33: /* software step, same EL */
		rt_print_exc("step", e);
		/* Step again, or mask D: with MDSCR_EL1.SS still set, an
		 * unmasked return with SPSR.SS = 0 is "active-pending" and
		 * would step at once (Arm ARM D2 "Software Step"). */
		if (steps_left && --steps_left)
			f->spsr |= SPSR_SS;
		else
			f->spsr |= SPSR_D;
		return true;
	case 0x31: /* breakpoint, same EL */
		rt_print_exc("bkpt", e);
		rt_kv_end("at bp_here", e->elr == (u64)bp_here);
		write_sysreg(DBGBCR0_EL1, 0);
		isb();
		return true;
	case 0x35: /* watchpoint, same EL: FAR is the address */
		rt_print_exc("wkpt", e);
		rt_kv_end("at watched", e->far == (u64)&watched);
		write_sysreg(DBGWCR0_EL1, 0);
		isb();
		return true;
	}
	return false;
}

/* ERET to the next instruction with SPSR.SS = 1, D = 0; step `n`. */
static u64 step(unsigned int n)
{
	u64 x3 = 0;

	steps_left = n;
	__asm__ volatile("adr x1, 1f\n\t"
			 "msr elr_el2, x1\n\t"
			 "mov x1, #0x1c9\n\t" /* EL2h, A I F masked, D clear */
			 "orr x1, x1, #(1 << 21)\n\t"
			 "msr spsr_el2, x1\n\t"
			 "eret\n"
			 "1:\tadd %0, %0, #1\n\t"
			 "add %0, %0, #2\n\t"
			 "add %0, %0, #4\n\t"
			 "add %0, %0, #8\n\t"
			 "add %0, %0, #16\n\t"
			 "msr daifset, #8"
			 : "+r"(x3)
			 :
			 : "x1", "memory");
	return x3;
}

/* Runs over bp_here with debug exceptions unmasked (PSTATE.D = 0). */
static void __attribute__((noinline)) hit_bp_here(void)
{
	__asm__ volatile("msr daifclr, #8\n\t"
			 "nop\n"
			 ".global bp_here\n"
			 "bp_here:\tnop\n\t"
			 "msr daifset, #8" ::
				 : "memory");
}

static void phase(const char *name)
{
	u64 mdcr = read_sysreg(mdcr_el2);

	rt_puts(name);
	rt_puts(": step 3 with TDE=1, KDE=1\n");
	write_sysreg(mdcr_el2, mdcr | MDCR_TDE);
	write_sysreg(MDSCR_EL1, MDSCR_SS | MDSCR_KDE);
	isb();
	rt_kv_end("sum", step(3));
	rt_kv_end("MDSCR_EL1", read_sysreg(MDSCR_EL1));

	rt_puts(name);
	rt_puts(": TDE=0: EL2 is above EL_D, no step\n");
	write_sysreg(mdcr_el2, mdcr & ~MDCR_TDE);
	isb();
	rt_kv_end("sum", step(3));
	/* KDE reads back as written, and a write keeps it. */
	rt_kv_end("MDSCR_EL1", read_sysreg(MDSCR_EL1));
	write_sysreg(MDSCR_EL1, MDSCR_SS | MDSCR_KDE | MDSCR_MDE);
	isb();
	rt_kv_end("sum", step(3));
	rt_kv_end("MDSCR_EL1", read_sysreg(MDSCR_EL1));

	rt_puts(name);
	rt_puts(": TDE=1, KDE=0: no step\n");
	write_sysreg(mdcr_el2, mdcr | MDCR_TDE);
	write_sysreg(MDSCR_EL1, MDSCR_SS);
	isb();
	rt_kv_end("sum", step(3));

	rt_puts(name);
	rt_puts(": EL2 breakpoint, TDE=1, KDE=1, MDE=1\n");
	write_sysreg(MDSCR_EL1, MDSCR_KDE | MDSCR_MDE);
	write_sysreg(DBGBVR0_EL1, (u64)bp_here);
	write_sysreg(DBGBCR0_EL1, BCR_EL2_ONLY);
	isb();
	rt_kv_end("DBGBCR0_EL1", read_sysreg(DBGBCR0_EL1));
	hit_bp_here();
	rt_puts(name);
	rt_puts(": EL1-only breakpoint: no match at EL2\n");
	write_sysreg(DBGBCR0_EL1, BCR_EL1_ONLY);
	isb();
	rt_kv_end("DBGBCR0_EL1", read_sysreg(DBGBCR0_EL1));
	hit_bp_here();
	write_sysreg(DBGBCR0_EL1, 0);
	rt_puts(name);
	rt_puts(": EL2 store watchpoint\n");
	write_sysreg(DBGWVR0_EL1, (u64)&watched);
	write_sysreg(DBGWCR0_EL1, WCR_EL2_STORE);
	isb();
	rt_kv_end("DBGWCR0_EL1", read_sysreg(DBGWCR0_EL1));
	__asm__ volatile("msr daifclr, #8" ::: "memory");
	watched = 0x77;
	__asm__ volatile("msr daifset, #8" ::: "memory");
	rt_kv_end("watched", watched);
	write_sysreg(DBGWCR0_EL1, 0);
	write_sysreg(MDSCR_EL1, 0);
	write_sysreg(mdcr_el2, mdcr);
	isb();
}

int main(void)
{
	rt_vectors_install(hook);
	write_sysreg(OSLAR_EL1, 0);
	isb();
	phase("e2h0");
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_E2H);
	isb();
	phase("e2h1");
	rt_kv_end("dbgvel2", rt_exc_count);
	rt_puts("dbgvel2: done\n");
	return 0;
}
