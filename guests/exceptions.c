// SPDX-License-Identifier: MIT
/*
 * exceptions: exceptions taken at EL2 from EL2 itself must arrive at the
 * right VBAR_EL2 offset (0x000 with SP_EL0, 0x200 with SP_EL2; Arm ARM
 * D1.3.1 "Exception vectors") with the right ESR_EL2 (EC/IL/ISS), ELR_EL2
 * (preferred return address) and, for aborts, FAR_EL2.
 */
#include "rt.h"

static const char *current_tag;

/*
 * SVC and HVC return to the next instruction (their preferred return
 * address is already past them); the aborts and BRK/UDF point at the
 * faulting instruction and we skip it; an instruction abort or a PC
 * alignment fault happened at a branch target, so return to the caller of
 * that branch (x30).
 */
static bool hook(struct rt_frame *f, const struct rt_exc *e)
{
	rt_print_exc(current_tag, e);
	switch (ESR_EC(e->esr)) {
	case 0x15: /* SVC (AArch64) */
	case 0x16: /* HVC (AArch64) */
		break;
	case 0x21: /* instruction abort, same EL */
	case 0x22: /* PC alignment fault */
		f->elr = f->x[30];
		break;
	default:
		f->elr += 4;
		break;
	}
	f->x[0] = 0xfa11;
	return true;
}

#define TRY(tag, code)                                                  \
	do {                                                            \
		u64 __r;                                                \
		current_tag = tag;                                      \
		__asm__ volatile("mov x0, #0\n\t" code "\n\tmov %0, x0" \
				 : "=r"(__r)                            \
				 :                                      \
				 : "x0", "x1", "x30", "memory");        \
		if (__r != 0xfa11)                                      \
			rt_puts("no exception!\n");                     \
	} while (0)

static void el2_sync(void)
{
	rt_puts("exceptions: synchronous, MMU off\n");
	TRY("svc", "svc #0x12");
	TRY("hvc", "hvc #0x34");
	TRY("brk", "brk #0x56");
	TRY("udf", "udf #0x78");
	/* From EL2t: the vector is the "current EL with SP_EL0" one. */
	TRY("svc-sp0", "msr spsel, #0\n\tsvc #0x9a\n\tmsr spsel, #1");
	/* MMU off: an address above the implemented PA size is an address
	 * size fault at level 0 (DFSC 0b000000). */
	TRY("addr-size", "movz x1, #0xf0, lsl #48\n\tldr x1, [x1]");
	/* PC alignment fault: branch to a target with bit 1 set. */
	TRY("pc-align", "adr x1, 1f\n\tadd x1, x1, #2\n\tblr x1\n1:");
}

static void el2_mmu(void)
{
	rt_puts("exceptions: aborts, MMU on\n");
	rt_mmu_build();
	rt_mmu_enable();
	/* Level 3 descriptor invalid: translation fault, level 3. */
	TRY("dabt-read",
	    "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2000\n\tldr x1, [x1]");
	TRY("dabt-write",
	    "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2008\n\tstr x1, [x1]");
	/* AP[2]=1: permission fault, level 3, WnR=1. */
	TRY("dabt-perm",
	    "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x1000\n\tstr x1, [x1]");
	/* SCTLR_EL2.A=1: unaligned access is an alignment fault (DFSC
	 * 0b100001). Only this block runs with A set; the vectors and the
	 * C handler only make aligned accesses (-mstrict-align). */
	TRY("dabt-align", "mrs x1, sctlr_el2\n\torr x1, x1, #2\n\t"
			  "msr sctlr_el2, x1\n\tisb\n\t"
			  "adr x1, rt_magic_page\n\tldur x1, [x1, #1]\n\t"
			  "mrs x1, sctlr_el2\n\tbic x1, x1, #2\n\t"
			  "msr sctlr_el2, x1\n\tisb");
	/* Outside the 39-bit TTBR0_EL2 range: translation fault, level 0. */
	TRY("dabt-range", "movz x1, #0x8000, lsl #32\n\tldr x1, [x1]");
	TRY("iabt-unmapped",
	    "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2000\n\tblr x1");
	TRY("iabt-xn", "movz x1, #0x8000, lsl #16\n\tblr x1");
}

int main(void)
{
	rt_vectors_install(hook);
	el2_sync();
	el2_mmu();
	rt_kv_end("exceptions", rt_exc_count);
	rt_puts("exceptions: done\n");
	return 0;
}
