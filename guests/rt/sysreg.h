/* SPDX-License-Identifier: MIT */
/*
 * System register access for the guests. Registers that binutils might not
 * know by name under -march=armv8.4-a are spelled by encoding
 * (S<op0>_<op1>_C<n>_C<m>_<op2>, Arm ARM DDI 0487 D23).
 */
#ifndef GUEST_SYSREG_H
#define GUEST_SYSREG_H

#define __rt_str(x) #x
#define rt_str(x) __rt_str(x)

#define read_sysreg(r)                                              \
	({                                                          \
		unsigned long __v;                                  \
		__asm__ volatile("mrs %0, " rt_str(r) : "=r"(__v)); \
		__v;                                                \
	})
#define write_sysreg(r, v)                                                 \
	__asm__ volatile("msr " rt_str(r) ", %0" ::"r"((unsigned long)(v)) \
			 : "memory")
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

/* FEAT_HCX, FEAT_NV2, FEAT_FGT, FEAT_SVE registers. */
#define HCRX_EL2 s3_4_c1_c2_2
#define VNCR_EL2 s3_4_c2_c2_0
#define HFGRTR_EL2 s3_4_c1_c1_4
#define HFGWTR_EL2 s3_4_c1_c1_5
#define HFGITR_EL2 s3_4_c1_c1_6
#define HDFGRTR_EL2 s3_4_c3_c1_4
#define HDFGWTR_EL2 s3_4_c3_c1_5
#define ZCR_EL2 s3_4_c1_c2_0
#define ICH_HCR_EL2 s3_4_c12_c11_0
#define ICH_VTR_EL2 s3_4_c12_c11_1
#define ICH_VMCR_EL2 s3_4_c12_c11_7
#define ICC_SRE_EL2 s3_4_c12_c9_5
#define ID_AA64MMFR2_EL1 s3_0_c0_c7_2

/* HCR_EL2 bits (D23.2.52) used by the guests. */
#define HCR_VM (1UL << 0)
#define HCR_FMO (1UL << 3)
#define HCR_IMO (1UL << 4)
#define HCR_AMO (1UL << 5)
#define HCR_TSC (1UL << 19)
#define HCR_TID3 (1UL << 18)
#define HCR_TVM (1UL << 26)
#define HCR_TGE (1UL << 27)
#define HCR_RW (1UL << 31)
#define HCR_E2H (1UL << 34)

#endif
