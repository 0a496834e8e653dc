// SPDX-License-Identifier: MIT
/*
 * badinput: a guest hypervisor doing what it should not. Each case has an
 * architectural answer that vel2 must reproduce, never a host crash:
 *   - an EL2 encoding that is unallocated or IMPLEMENTATION DEFINED and
 *     not implemented, and MSR to a read-only register: UNDEFINED, taken
 *     at EL2 (ESR_EL2.EC 0x00, Arm ARM D24.2 register "Accessing" rules);
 *   - every trap control of HCR_EL2 that only affects EL1/EL0 set at once:
 *     EL2 itself keeps running, the bits read back as written;
 *   - a branch to physical memory where nothing is: a synchronous external
 *     abort on the instruction fetch (ESR_EL2.EC 0x21, IFSC 0x10).
 */
#include "rt.h"

/*
 * HCR_EL2 controls that trap or route EL1/EL0 activity only (Arm ARM
 * D24.2, HCR_EL2): TWI[13], TWE[14], TID0-3[18:15], TSC[19], TIDCP[20],
 * TACR[21], TSW[22], TPCP[23], TPU[24], TTLB[25], TVM[26], TDZ[28],
 * TRVM[30], TLOR[35], TERR[36], TEA[37], TOCU[52], TTLBIS[54],
 * TTLBOS[55]. TID4/TICAB (FEAT_EVT) and TID5 (FEAT_MTE2) are left out:
 * QEMU 10.0 -cpu max lacks those features, so the bits are RES0 there.
 */
#define HCR_LOWER_EL_TRAPS                                               \
	(0xfffUL << 13 | 1UL << 26 | 1UL << 28 | 1UL << 30 | 7UL << 35 | \
	 1UL << 52 | 3UL << 54)

static void hcr_junk(void)
{
	u64 hcr = read_sysreg(hcr_el2);

	write_sysreg(hcr_el2, hcr | HCR_LOWER_EL_TRAPS);
	isb();
	rt_kv_end("HCR_EL2 traps read back",
		  read_sysreg(hcr_el2) & HCR_LOWER_EL_TRAPS);
	/* EL2 is not affected by any of them: an ID register read, a
	 * system register write and a TLB invalidation still just work. */
	rt_kv_end("MIDR_EL1 read", read_sysreg(midr_el1) != 0);
	write_sysreg(tpidr_el2, 0x600d);
	rt_kv_end("TPIDR_EL2", read_sysreg(tpidr_el2));
	__asm__ volatile("tlbi alle2\n\tdsb ish\n\tisb" ::: "memory");
	write_sysreg(hcr_el2, hcr);
	isb();
}

int main(void)
{
	rt_vectors_install(rt_try_hook);
	rt_puts("badinput: undefined encodings at EL2\n");
	/* op0=3 op1=4 CRn=2 CRm=5 op2=7: unallocated. */
	RT_TRY("unallocated-mrs", "mrs x1, s3_4_c2_c5_7");
	RT_TRY("unallocated-msr", "msr s3_4_c2_c5_7, x1");
	/* CRn=15 with op1=4: IMPLEMENTATION DEFINED space, none here. */
	RT_TRY("impdef-mrs", "mrs x1, s3_4_c15_c2_7");
	/* Read-only registers: MSR is UNDEFINED. */
	RT_TRY("msr-ich_vtr", "msr s3_4_c12_c11_1, x1"); /* ICH_VTR_EL2 */
	RT_TRY("msr-midr", "msr s3_0_c0_c0_0, x1");

	rt_puts("badinput: HCR_EL2 junk\n");
	hcr_junk();

	rt_puts("badinput: jump to nothing\n");
	/* QEMU virt has no device at 0x0c000000 and the guest's MMU is
	 * off, so the fetch reaches an empty physical address. */
	RT_TRY("iabt-nothing", "movz x1, #0x0c00, lsl #16\n\tblr x1");

	rt_kv_end("badinput", rt_exc_count);
	rt_puts("badinput: done\n");
	return 0;
}
