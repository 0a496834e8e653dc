// SPDX-License-Identifier: MIT
/*
 * exceptions: exceptions taken at EL2 from EL2 itself must arrive at the
 * right VBAR_EL2 offset (0x000 with SP_EL0, 0x200 with SP_EL2; Arm ARM
 * D1.3.1 "Exception vectors") with the right ESR_EL2 (EC/IL/ISS), ELR_EL2
 * (preferred return address) and, for aborts, FAR_EL2.
 */
#include "rt.h"

static void el2_sync(void)
{
	rt_puts("exceptions: synchronous, MMU off\n");
	RT_TRY("svc", "svc #0x12");
	RT_TRY("hvc", "hvc #0x34");
	RT_TRY("brk", "brk #0x56");
	RT_TRY("udf", "udf #0x78");
	/* From EL2t: the vector is the "current EL with SP_EL0" one. */
	RT_TRY("svc-sp0", "msr spsel, #0\n\tsvc #0x9a\n\tmsr spsel, #1");
	/* MMU off: an address above the implemented PA size is an address
	 * size fault at level 0 (DFSC 0b000000). */
	RT_TRY("addr-size", "movz x1, #0xf0, lsl #48\n\tldr x1, [x1]");
	/* PC alignment fault: branch to a target with bit 1 set. */
	RT_TRY("pc-align", "adr x1, 1f\n\tadd x1, x1, #2\n\tblr x1\n1:");
}

static void el2_mmu(void)
{
	rt_puts("exceptions: aborts, MMU on\n");
	rt_mmu_build();
	rt_mmu_enable();
	/* Level 3 descriptor invalid: translation fault, level 3. */
	RT_TRY("dabt-read",
	       "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2000\n\tldr x1, [x1]");
	RT_TRY("dabt-write",
	       "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2008\n\tstr x1, [x1]");
	/* AP[2]=1: permission fault, level 3, WnR=1. */
	RT_TRY("dabt-perm",
	       "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x1000\n\tstr x1, [x1]");
	/* SCTLR_EL2.A=1: unaligned access is an alignment fault (DFSC
	 * 0b100001). Only this block runs with A set; the vectors and the
	 * C handler only make aligned accesses (-mstrict-align). */
	RT_TRY("dabt-align", "mrs x1, sctlr_el2\n\torr x1, x1, #2\n\t"
			     "msr sctlr_el2, x1\n\tisb\n\t"
			     "adr x1, rt_magic_page\n\tldur x1, [x1, #1]\n\t"
			     "mrs x1, sctlr_el2\n\tbic x1, x1, #2\n\t"
			     "msr sctlr_el2, x1\n\tisb");
	/* Outside the 39-bit TTBR0_EL2 range: translation fault, level 0. */
	RT_TRY("dabt-range", "movz x1, #0x8000, lsl #32\n\tldr x1, [x1]");
	RT_TRY("iabt-unmapped",
	       "movz x1, #0x8000, lsl #16\n\tmovk x1, #0x2000\n\tblr x1");
	RT_TRY("iabt-xn", "movz x1, #0x8000, lsl #16\n\tblr x1");
}

int main(void)
{
	rt_vectors_install(rt_try_hook);
	el2_sync();
	el2_mmu();
	rt_kv_end("exceptions", rt_exc_count);
	rt_puts("exceptions: done\n");
	return 0;
}
