/* SPDX-License-Identifier: MIT */
/*
 * A guest-physical memory for walker tests: GMEM_SIZE bytes of host memory
 * at guest PA GMEM_BASE, and stage 2 descriptor bits written from the Arm
 * ARM (D8.3 "Translation table descriptor formats", stage 2 block/page
 * attributes), not from the library's own definitions.
 */
#ifndef TEST_GMEM_H
#define TEST_GMEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <vel2/s2walk.h>

#define GMEM_BASE 0x80000000ULL
#define GMEM_SIZE (8ULL << 20)

/* Stage 2 descriptor bits (Arm ARM D8.3). */
#define D_VALID (1ULL << 0)
#define D_TABLE (1ULL << 1) /* table at level 0-2, page at level 3 */
#define D_PAGE (1ULL << 1)
#define D_ATTR_WB (0xfULL << 2) /* MemAttr[5:2] 0b1111: Normal WB */
#define D_ATTR_NC (0x5ULL << 2) /* 0b0101: Normal Non-cacheable */
#define D_ATTR_DEV (0x1ULL << 2) /* 0b0001: Device-nGnRE */
#define D_S2AP_R (1ULL << 6)
#define D_S2AP_W (1ULL << 7)
#define D_S2AP_RW (3ULL << 6)
#define D_SH_IS (3ULL << 8)
#define D_AF (1ULL << 10)
#define D_DBM (1ULL << 51)
#define D_XN(v) ((uint64_t)(v) << 53) /* XN[54:53] */
#define D_LEAF (D_VALID | D_ATTR_WB | D_S2AP_RW | D_SH_IS | D_AF)

/* VTCR_EL2 fields (Arm ARM D23.2 VTCR_EL2). */
#define VT_T0SZ(n) ((uint64_t)(n))
#define VT_SL0(n) ((uint64_t)(n) << 6)
#define VT_TG0_4K (0ULL << 14)
#define VT_TG0_64K (1ULL << 14)
#define VT_TG0_16K (2ULL << 14)
#define VT_PS(n) ((uint64_t)(n) << 16) /* 0:32 1:36 2:40 3:42 4:44 5:48 */
#define VT_HA (1ULL << 21)
#define VT_HD (1ULL << 22)
#define VT_DS (1ULL << 32)
#define VT_SL2 (1ULL << 33)
#define VT_RES1 (1ULL << 31)

/* HCR_EL2 (Arm ARM D23.2 HCR_EL2). */
#define H_VM (1ULL << 0)
#define H_PTW (1ULL << 2)
#define H_DC (1ULL << 12)

extern uint8_t gmem[GMEM_SIZE];
extern unsigned int gmem_reads, gmem_writes;
extern bool gmem_fail_writes;
extern const struct vel2_gmem_ops gmem_ops;

static inline uint64_t *gmem_at(uint64_t gpa)
{
	return (uint64_t *)&gmem[gpa - GMEM_BASE];
}

/* Store descriptor `d` as entry `idx` of the table at guest PA `table`. */
static inline void gmem_set(uint64_t table, uint64_t idx, uint64_t d)
{
	gmem_at(table)[idx] = d;
}

static inline void gmem_reset(void)
{
	memset(gmem, 0, GMEM_SIZE);
	gmem_reads = gmem_writes = 0;
	gmem_fail_writes = false;
}

#endif /* TEST_GMEM_H */
