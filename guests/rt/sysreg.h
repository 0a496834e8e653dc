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

/* FEAT_HCX, FEAT_NV2, FEAT_FGT, FEAT_SVE registers; GICv3 CPU interface
 * (IHI 0069) and EL2 timer registers the guests share. */
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
#define ICC_PMR_EL1 s3_0_c4_c6_0
#define ICC_IGRPEN1_EL1 s3_0_c12_c12_7
#define ICC_IAR1_EL1 s3_0_c12_c12_0
#define ICC_EOIR1_EL1 s3_0_c12_c12_1
#define ICH_MISR_EL2 s3_4_c12_c11_2
#define ICH_LR0_EL2 s3_4_c12_c12_0
#define ICH_LR1_EL2 s3_4_c12_c12_1
#define ICH_AP1R0_EL2 s3_4_c12_c9_0
#define CNTHP_CTL_EL2 s3_4_c14_c2_1
#define CNTHP_CVAL_EL2 s3_4_c14_c2_2
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

/* FEAT_PAuth keys (Arm ARM D24.2 APIAKeyLo_EL1 ... APGAKeyHi_EL1) and the
 * ID registers naming its algorithms. */
#define APIAKEYLO_EL1 s3_0_c2_c1_0
#define APIAKEYHI_EL1 s3_0_c2_c1_1
#define APIBKEYLO_EL1 s3_0_c2_c1_2
#define APIBKEYHI_EL1 s3_0_c2_c1_3
#define APGAKEYLO_EL1 s3_0_c2_c3_0
#define APGAKEYHI_EL1 s3_0_c2_c3_1
#define ID_AA64ISAR1_EL1 s3_0_c0_c6_1
#define ID_AA64ISAR2_EL1 s3_0_c0_c6_2

/* SCTLR_ELx bits (D24.2 SCTLR_EL1/SCTLR_EL2) used by the guests. */
#define SCTLR_EL1_RES1 0x30d00800UL /* RES1 in Armv8.0: 29,28,23,22,20,11 */
#define SCTLR_M (1UL << 0)
#define SCTLR_A (1UL << 1)
#define SCTLR_C (1UL << 2)
#define SCTLR_I (1UL << 12)
#define SCTLR_EE (1UL << 25)
#define SCTLR_ENIB (1UL << 30)
#define SCTLR_ENIA (1UL << 31)

/* SPSR_EL2 for an ERET to EL1h with D, A, I, F masked. */
#define SPSR_EL1H_DAIF 0x3c5UL

/*
 * *_EL12 / *_EL02 (FEAT_VHE): the EL1/EL0 registers seen from EL2 with
 * HCR_EL2.E2H=1, op1 = 5 (Arm ARM D24.2, each register's "Accessing"
 * table). Spelled as encodings because not every assembler knows them.
 */
#define SCTLR_EL12 s3_5_c1_c0_0
#define TCR_EL12 s3_5_c2_c0_2
#define TTBR0_EL12 s3_5_c2_c0_0
#define TTBR1_EL12 s3_5_c2_c0_1
#define MAIR_EL12 s3_5_c10_c2_0
#define CONTEXTIDR_EL12 s3_5_c13_c0_1
#define VBAR_EL12 s3_5_c12_c0_0
#define ESR_EL12 s3_5_c5_c2_0
#define FAR_EL12 s3_5_c6_c0_0
#define ELR_EL12 s3_5_c4_c0_1
#define SPSR_EL12 s3_5_c4_c0_0
#define CNTV_CTL_EL02 s3_5_c14_c3_1
#define CNTV_CVAL_EL02 s3_5_c14_c3_2

#endif
