// SPDX-License-Identifier: MIT
/*
 * eret32el1: a guest hypervisor that clears its HCR_EL2.RW and ERETs to
 * AArch32 EL1 (SPSR_EL2.M = 0b10011, Supervisor), where the CPU has
 * AArch32 at EL1 (ID_AA64PFR0_EL1.EL1 = 2 on QEMU -cpu max). Its L2
 * (eret32el1_l2.a32, A32 and T32) runs under the guest hypervisor's own
 * stage 2 and controls, one step at a time (L2's HVC #n asks for the
 * next), and every exit arrives at VBAR_EL2 + 0x600 (lower EL, AArch32)
 * with the hardware's syndrome (Arm ARM D24.2 ESR_EL2):
 *   HVC (EC 0x12), MRC of ID_PFR0 and VMRS of MVFR1 under TID3 (0x03,
 *   0x08), MCR/MCRR of SCTLR/TTBR0 under TVM (0x03, 0x04), WFI under TWI
 *   (0x01; the 16-bit T32 one with IL = 0), SMC under TSC (0x13), a
 *   stage 2 data abort (0x24, HPFAR);
 * and L2 takes its own exceptions at its own vectors (SVC, UDF, BKPT as a
 * Prefetch Abort, a virtual IRQ from HCR_EL2.VI), whose handlers report
 * SPSR_<mode>, LR_<mode>, IFSR/IFAR. Without TID3 its ID reads are
 * answered (under vel2 by vel2, whose own TID3 traps them), in A32 and
 * T32. Then a world switch: the guest hypervisor reads L2's
 * AArch32 state held in EL2 registers (DACR32_EL2, IFSR32_EL2,
 * FPEXC32_EL2, SPSR_irq/abt/und/fiq; SPSR_svc is SPSR_EL1), overwrites
 * it, runs an AArch64 EL1 guest (HCR_EL2.RW = 1), restores it and
 * returns to L2, which reads its registers back. Before all that, the
 * illegal returns: AArch32 Hyp and Monitor, Supervisor with RW = 1,
 * AArch64 EL1 with RW = 0.
 */
#include "rt.h"

#ifdef ERET32EL1_VHE
#define NAME "eret32el1vhe"
#define L1_E2H HCR_E2H
#define L2_SCTLR SCTLR_EL12
#define L2_SPSR SPSR_EL12
#define L2_ELR ELR_EL12
/* CPTR_EL2 with E2H = 1 is CPACR-like: FPEN = 0b11, no FP trap. */
#define CPTR_OPEN() write_sysreg(cpacr_el1, 3UL << 20)
#else
#define NAME "eret32el1"
#define L1_E2H 0UL
#define L2_SCTLR sctlr_el1
#define L2_SPSR spsr_el1
#define L2_ELR elr_el1
/* CPTR_EL2 with E2H = 0: RES1 [7:0], 9, 13; TFP [10] clear. */
#define CPTR_OPEN() write_sysreg(cptr_el2, 0x22ffUL)
#endif

#define HCR_VI (1UL << 7)
#define HCR_TWI (1UL << 13)
#define ID_AA64PFR0_EL1 s3_0_c0_c4_0

/* AArch32 Supervisor mode, A, I, F masked (Arm ARM G1 "Processor modes"). */
#define SPSR_SVC_AIF 0x1d3UL
/* AArch32 SCTLR: MMU off; RES1 11, 22, 23; nTLSMD/LSMAOE 3, 4;
 * CP15BEN 5; nTWI 16, nTWE 18 (Arm ARM G8 SCTLR). */
#define SCTLR32 0x00c50838UL

/* VTCR_EL2 and stage 2 blocks as in l2stage2.c (4 GiB IPA, 4 KiB, level
 * 1 blocks): block 0 Device, 1-2 Normal, block 3 (0xc0000000) invalid. */
#define VTCR_4G 0x80003560UL
#define S2_BLOCK (1UL | 3UL << 6 | 3UL << 8 | 1UL << 10)
#define S2_DEVICE (1UL << 2)
#define S2_NORMAL (0xfUL << 2)

extern char l2_a32[], l2_a64_stub[], l1_eret_back[];
void l1_eret_try(u64 pc, u64 spsr);
static u64 s2_level1[512] __attribute__((aligned(4096)));
static u64 hcr_l2;

/* The world switch: L2's frame, and its AArch32 registers. */
static struct rt_frame saved;
static u64 saved_regs[7];

/* clang-format off */
#define AA32_REGS(X)                                                      \
	X(0, dacr32_el2, "DACR32_EL2")                                    \
	X(1, ifsr32_el2, "IFSR32_EL2")                                    \
	X(2, fpexc32_el2, "FPEXC32_EL2")                                  \
	X(3, spsr_irq, "SPSR_irq")                                        \
	X(4, spsr_abt, "SPSR_abt")                                        \
	X(5, spsr_und, "SPSR_und")                                        \
	X(6, spsr_fiq, "SPSR_fiq")
/* clang-format on */

static void set_hcr(u64 traps)
{
	write_sysreg(hcr_el2, hcr_l2 | traps);
	isb();
}

static void print_aa32_regs(const char *tag)
{
	rt_puts(tag);
	rt_putc('\n');
#define PRINT(i, reg, name) rt_kv(name, read_sysreg(reg));
	AA32_REGS(PRINT)
#undef PRINT
	rt_kv_end("SPSR_svc", read_sysreg(L2_SPSR));
}

static void world_switch(struct rt_frame *f)
{
	print_aa32_regs("l1: L2's AArch32 state:");
#define SAVE(i, reg, name) saved_regs[i] = read_sysreg(reg);
	AA32_REGS(SAVE)
#undef SAVE
	saved = *f;
	/* Another guest's values, read back as written. */
	write_sysreg(dacr32_el2, 0x12345678UL);
	write_sysreg(ifsr32_el2, 0x5UL);
	write_sysreg(fpexc32_el2, 0UL);
	write_sysreg(spsr_irq, 0x1d2UL);
	write_sysreg(spsr_abt, 0x1d7UL);
	write_sysreg(spsr_und, 0x1dbUL);
	write_sysreg(spsr_fiq, 0x1d1UL);
	print_aa32_regs("l1: another guest's:");
	/* An AArch64 EL1 guest in between. */
	rt_puts("l1: to an AArch64 guest (RW = 1)\n");
	write_sysreg(hcr_el2, hcr_l2 | HCR_RW);
	isb();
	f->elr = (u64)l2_a64_stub;
	f->spsr = SPSR_EL1H_DAIF;
}

static void world_back(struct rt_frame *f)
{
	rt_puts("l1: back to the AArch32 guest (RW = 0)\n");
#define RESTORE(i, reg, name) write_sysreg(reg, saved_regs[i]);
	AA32_REGS(RESTORE)
#undef RESTORE
	set_hcr(0);
	*f = saved;
}

static void hvc(struct rt_frame *f, unsigned int imm)
{
	u64 *x = f->x;

	switch (imm) {
	case 1:
		rt_kv_end("l1: l2 says", x[0]);
		break;
	case 2:
		rt_kv("l1: l2 read ID_PFR0", x[0]);
		rt_kv("ID_ISAR0", x[1]);
		rt_kv("ID_MMFR0", x[2]);
		rt_kv_end("MVFR0", x[3]);
		set_hcr(HCR_TID3);
		break;
	case 3:
		rt_kv("l1: under TID3 l2 read", x[0]);
		rt_kv_end("and", x[1]);
		set_hcr(HCR_TVM);
		break;
	case 4:
		set_hcr(HCR_TWI);
		break;
	case 5:
		set_hcr(HCR_TSC);
		break;
	case 6:
		set_hcr(0);
		break;
	case 7:
		rt_kv_end("l1: l2 loaded", x[0]);
		break;
	case 8:
		set_hcr(HCR_VI);
		break;
	case 9:
		world_switch(f);
		break;
	case 10:
		rt_kv("l1: l2 reads DACR", x[0]);
		rt_kv("IFSR", x[1]);
		rt_kv("FPEXC", x[2]);
		rt_kv_end("SPSR_irq", x[3]);
		break;
	case 11:
		rt_kv("l1: l2 reads SPSR_abt", x[0]);
		rt_kv("SPSR_und", x[1]);
		rt_kv("SPSR_fiq", x[2]);
		rt_kv_end("SPSR_svc", x[3]);
		break;
	case 12:
		set_hcr(HCR_TWI);
		break;
	case 13:
		set_hcr(0);
		break;
	case 14:
		rt_kv_end("l1: in T32 l2 read ID_PFR0", x[0]);
		break;
	case 0x20:
		rt_kv("l1: l2 undef: SPSR_und", x[0]);
		rt_kv_end("LR_und", x[1]);
		break;
	case 0x21:
		rt_kv("l1: l2 svc: SPSR_svc", x[0]);
		rt_kv_end("imm", x[1]);
		break;
	case 0x22:
		rt_kv("l1: l2 prefetch abort: SPSR_abt", x[0]);
		rt_kv("IFSR", x[1]);
		rt_kv("IFAR", x[2]);
		rt_kv_end("LR_abt", x[3]);
		break;
	case 0x23:
		rt_kv("l1: l2 irq: SPSR_irq", x[0]);
		rt_kv_end("LR_irq", x[1]);
		set_hcr(0);
		break;
	case 0xd0e:
		rt_puts(NAME ": done\n");
		rt_exit(0);
	default:
		rt_kv_end("l1: unexpected hvc", imm);
		rt_exit(1);
	}
}

static bool l2_exit(struct rt_frame *f, const struct rt_exc *e)
{
	u64 iss = ESR_ISS(e->esr);
	u64 len = (e->esr >> 25) & 1 ? 4 : 2; /* ESR.IL */

	if (e->vec == 0x400 && ESR_EC(e->esr) == 0x16 &&
	    (iss & 0xffff) == 0x64) {
		rt_print_exc("l1: exit", e);
		world_back(f);
		return true;
	}
	if (e->vec == 0x200 && ESR_EC(e->esr) == 0x0e) {
		/* An illegal return: PSTATE.IL at EL2 itself. */
		rt_print_exc("l1: illegal return", e);
		f->elr = (u64)l1_eret_back;
		f->spsr = 0x3c9; /* EL2h, DAIF masked */
		return true;
	}
	if (e->vec != 0x600)
		return false;
	rt_print_exc("l1: exit", e);
	switch (ESR_EC(e->esr)) {
	case 0x12: /* HVC: ELR is past it */
		hvc(f, iss & 0xffff);
		return true;
	case 0x03: /* MCR/MRC: Rt [9:5] (AArch64 view), read [0] */
	case 0x08: /* VMRS */
		if (iss & 1)
			f->x[(iss >> 5) & 0x1f] = 0xdead;
		f->elr += len;
		return true;
	case 0x04: /* MCRR/MRRC */
	case 0x01: /* WFI */
	case 0x13: /* SMC: ELR is the SMC */
		f->elr += len;
		return true;
	case 0x24: /* stage 2 data abort */
		rt_kv("l1: far", read_sysreg(far_el2));
		rt_kv_end("hpfar", read_sysreg(hpfar_el2));
		f->x[(iss >> 16) & 0x1f] = 0xabcd; /* SRT */
		f->elr += len;
		return true;
	}
	return false;
}

static u64 stage2(void)
{
	s2_level1[0] = S2_BLOCK | S2_DEVICE;
	s2_level1[1] = (1UL << 30) | S2_BLOCK | S2_NORMAL;
	s2_level1[2] = (2UL << 30) | S2_BLOCK | S2_NORMAL;
	s2_level1[3] = 0;
	write_sysreg(vtcr_el2, VTCR_4G);
	write_sysreg(vttbr_el2, (u64)s2_level1);
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" ::: "memory");
	return HCR_VM;
}

/* ERET to `spsr` at `pc`; an illegal return comes back to the caller. */
static void try_return(const char *what, u64 hcr, u64 spsr, u64 pc)
{
	rt_puts("l1: illegal: ");
	rt_puts(what);
	rt_putc('\n');
	set_hcr(hcr);
	l1_eret_try(pc, spsr);
}

int main(void)
{
	u64 pfr0 = read_sysreg(ID_AA64PFR0_EL1);

	rt_vectors_install(l2_exit);
	rt_kv("PFR0.EL0", pfr0 & 0xf);
	rt_kv_end("PFR0.EL1", (pfr0 >> 4) & 0xf);
	if (((pfr0 >> 4) & 0xf) < 2) {
		rt_puts(NAME ": no AArch32 EL1\n");
		rt_exit(1);
	}
#ifdef ERET32EL1_VHE
	rt_require_vhe(NAME);
	write_sysreg(hcr_el2, HCR_E2H);
	isb();
	/* VBAR_EL2 has no VNCR offset: under NV2 this traps, so vel2 sees
	 * E2H = 1 before the E2H-dependent accesses below. */
	(void)read_sysreg(vbar_el2);
#endif
	CPTR_OPEN();
	write_sysreg(L2_SCTLR, SCTLR32);
	hcr_l2 = L1_E2H | stage2() | HCR_IMO;

	try_return("AArch32 Hyp", 0, 0x1da, (u64)l2_a32);
	try_return("AArch32 Monitor", 0, 0x1d6, (u64)l2_a32);
	try_return("AArch32 Supervisor with RW = 1", HCR_RW, SPSR_SVC_AIF,
		   (u64)l2_a32);
	try_return("AArch64 EL1 with RW = 0", 0, SPSR_EL1H_DAIF,
		   (u64)l2_a64_stub);

	rt_puts(NAME ": to AArch32 Supervisor, RW = 0\n");
	set_hcr(0);
	rt_kv_end("HCR_EL2", read_sysreg(hcr_el2));
	write_sysreg(elr_el2, (u64)l2_a32);
	write_sysreg(spsr_el2, SPSR_SVC_AIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
