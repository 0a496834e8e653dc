/* SPDX-License-Identifier: MIT */
/*
 * Register fields the tests spell out from the Arm ARM (DDI 0487), not
 * from the library's macros, so a wrong library macro fails a test.
 */
#ifndef VEL2_TEST_ARM_BITS_H
#define VEL2_TEST_ARM_BITS_H

/* HCR_EL2. */
#define HCR_VM (1ULL << 0)
#define HCR_IMO (1ULL << 4)
#define HCR_VI (1ULL << 7)
#define HCR_TWI (1ULL << 13)
#define HCR_TWE (1ULL << 14)
#define HCR_TID1 (1ULL << 16)
#define HCR_TID2 (1ULL << 17)
#define HCR_TID3 (1ULL << 18)
#define HCR_TSC (1ULL << 19)
#define HCR_TIDCP (1ULL << 20)
#define HCR_TACR (1ULL << 21)
#define HCR_TSW (1ULL << 22)
#define HCR_TPCP (1ULL << 23)
#define HCR_TPU (1ULL << 24)
#define HCR_TTLB (1ULL << 25)
#define HCR_TVM (1ULL << 26)
#define HCR_TGE (1ULL << 27)
#define HCR_TDZ (1ULL << 28)
#define HCR_HCD (1ULL << 29)
#define HCR_TRVM (1ULL << 30)
#define HCR_RW (1ULL << 31)
#define HCR_E2H (1ULL << 34)
#define HCR_TLOR (1ULL << 35)
#define HCR_TERR (1ULL << 36)
#define HCR_TEA (1ULL << 37)
#define HCR_APK (1ULL << 40)
#define HCR_API (1ULL << 41)
#define HCR_NV (1ULL << 42)
#define HCR_NV1 (1ULL << 43)
#define HCR_ENSCXT (1ULL << 53)
#define HCR_AT (1ULL << 44)
#define HCR_NV2 (1ULL << 45)
#define HCR_TID4 (1ULL << 49)
#define HCR_TICAB (1ULL << 50)
#define HCR_TOCU (1ULL << 52)
#define HCR_TTLBIS (1ULL << 54)
#define HCR_TTLBOS (1ULL << 55)
#define HCR_TID5 (1ULL << 58)

/* CPTR_EL2 (E2H == 0 layout). */
#define CPTR_TCPAC (1ULL << 31)

/* SPSR_ELx / PSTATE in AArch64. */
#define PSR_BTYPE (3ULL << 10)
#define PSR_SSBS (1ULL << 12)
#define PSR_IL (1ULL << 20)
#define PSR_SS (1ULL << 21)
#define PSR_PAN (1ULL << 22)
#define PSR_UAO (1ULL << 23)
#define PSR_DIT (1ULL << 24)
#define PSR_TCO (1ULL << 25)
#define NZCV_C (1ULL << 29)

#endif /* VEL2_TEST_ARM_BITS_H */
