// SPDX-License-Identifier: MIT
/*
 * l2stage2: the worldswitch guest hypervisor with its own stage 2 turned
 * on for L2 (HCR_EL2.VM, an identity map of the low 4 GiB), running a
 * minimal L2 (l2stage2_l2.S). Natively L2 runs translated by it; under
 * vel2 on a shadow stage 2 (hv/shadow_s2.c).
 */
#include "rt.h"

static u64 l1_stage2_identity(void);
#define L1_EXTRA_SETUP() l1_stage2_identity()

#include "worldswitch.c"

/*
 * VTCR_EL2 (Arm ARM D24.2): T0SZ[5:0] = 32 (4 GiB IPA), SL0[7:6] = 0b01
 * (4 KiB granule: start at level 1), IRGN0[9:8] = ORGN0[11:10] = 0b01
 * (write-back), SH0[13:12] = 0b11 (inner shareable), TG0[15:14] = 0b00
 * (4 KiB), PS[18:16] = 0b000 (32-bit PA), bit 31 RES1.
 */
#define VTCR_IDENTITY_4G 0x80003560UL

/* Stage 2 level 1 block descriptor (Arm ARM D8.3, VMSAv8-64 descriptors):
 * [1:0] = 0b01 block, MemAttr[5:2], S2AP[7:6] = 0b11 (read/write),
 * SH[9:8] = 0b11, AF[10]. */
#define S2_BLOCK (1UL | 3UL << 6 | 3UL << 8 | 1UL << 10)
#define S2_DEVICE_NGNRE (1UL << 2) /* MemAttr 0b0001 */
#define S2_NORMAL_WB (0xfUL << 2) /* MemAttr 0b1111 */

static u64 s2_level1[512] __attribute__((aligned(4096)));

static u64 l1_stage2_identity(void)
{
	for (u64 i = 0; i < 4; i++)
		s2_level1[i] = (i << 30) | S2_BLOCK |
			       (i == 0 ? S2_DEVICE_NGNRE : S2_NORMAL_WB);
	write_sysreg(vtcr_el2, VTCR_IDENTITY_4G);
	write_sysreg(vttbr_el2, (u64)s2_level1); /* VMID 0 */
	isb();
	__asm__ volatile("tlbi vmalls12e1\n\tdsb ish\n\tisb" ::: "memory");
	rt_puts("l1: stage 2 on for L2\n");
	return HCR_VM;
}
