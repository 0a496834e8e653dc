// SPDX-License-Identifier: MIT
/*
 * vel2_s2_walk(): a guest hypervisor's stage 2 tables built by hand in a
 * guest-physical buffer (helpers/gmem.h, descriptor bits from the Arm ARM
 * D8.3), translated for each granule and start level, and every fault with
 * the level and the ESR FSC the Arm ARM gives (D24.2 ESR_EL2, ISS DFSC).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <vel2/s2walk.h>

#include "helpers/gmem.h"
#include "helpers/rng.h"

#define T(n) (GMEM_BASE + (uint64_t)(n)*0x10000) /* 64K-aligned slots */

static struct vel2_s2_cfg cfg(uint64_t vtcr, uint64_t baddr)
{
	return (struct vel2_s2_cfg){ .vttbr = baddr | (5ULL << 48),
				     .vtcr = vtcr | VT_RES1,
				     .hcr = H_VM,
				     .pa_bits = 48,
				     .feat = VEL2_S2F_XNX | VEL2_S2F_TTST };
}

static struct vel2_s2_result res;

static enum vel2_s2_fault_type walk(const struct vel2_s2_cfg *c, uint64_t ipa,
				    unsigned int acc)
{
	return vel2_s2_walk(c, &gmem_ops, ipa, acc, &res);
}

static void expect_fault(const struct vel2_s2_cfg *c, uint64_t ipa,
			 unsigned int acc, enum vel2_s2_fault_type t, int level,
			 uint32_t fsc)
{
	assert_int_equal(walk(c, ipa, acc), t);
	assert_int_equal(res.fault, t);
	assert_int_equal(res.level, level);
	assert_int_equal(vel2_s2_fsc(res.fault, res.level), fsc);
}

/* 4K granule, 32-bit IPA, start level 1 (T0SZ=32, SL0=1): the layout vel2
 * uses itself; a 1G block, a 2M block and a 4K page. */
static void test_4k_block_and_page(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 0, 0x40000000 | D_LEAF); /* IPA 0-1G -> 1G block */
	gmem_set(T(0), 1, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 3, 0x12600000 | D_LEAF); /* IPA 0x40600000 2M */
	gmem_set(T(1), 4, T(2) | D_VALID | D_TABLE);
	gmem_set(T(2), 5,
		 0x77005000 | D_VALID | D_PAGE | D_ATTR_DEV | D_S2AP_R | D_AF);

	assert_int_equal(walk(&c, 0x12345678, VEL2_ACC_WRITE), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x52345678);
	assert_int_equal(res.size, 1 << 30);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.memattr, 0xf);
	assert_int_equal(res.sh, 3);
	assert_true(res.r && res.w && res.x_el1 && res.x_el0);
	assert_int_equal(res.desc_pa, T(0));

	assert_int_equal(walk(&c, 0x406abcde, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x126abcde);
	assert_int_equal(res.size, 2 << 20);
	assert_int_equal(res.level, 2);

	assert_int_equal(walk(&c, 0x40805123, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x77005123);
	assert_int_equal(res.size, 4096);
	assert_int_equal(res.level, 3);
	assert_int_equal(res.memattr, 0x1);
	assert_true(res.r);
	assert_false(res.w);
	assert_int_equal(res.desc_pa, T(2) + 5 * 8);
	/* Read-only page: a write is a Permission fault, level 3 (0x0f). */
	expect_fault(&c, 0x40805123, VEL2_ACC_WRITE, VEL2_S2_PERMISSION, 3,
		     0x0f);
	/* Not mapped at level 2 / level 3 / level 1: Translation faults. */
	expect_fault(&c, 0x40a00000, 0, VEL2_S2_TRANSLATION, 2, 0x06);
	expect_fault(&c, 0x40806000, 0, VEL2_S2_TRANSLATION, 3, 0x07);
	expect_fault(&c, 0x80000000, 0, VEL2_S2_TRANSLATION, 1, 0x05);
	/* IPA beyond 2^32: Translation fault, level 0 (0x04). */
	expect_fault(&c, 0x100000000ULL, 0, VEL2_S2_TRANSLATION, 0, 0x04);
}

/* 4K, 40-bit IPA from level 1: two concatenated level 1 tables (8 KiB,
 * D8.2 "Concatenated translation tables"): IPA bit 39 picks the second. */
static void test_4k_concatenated(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(24) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), T(0));

	(void)state;
	gmem_reset();
	/* entry 512 + 3 = second table, index 3 */
	gmem_set(T(0), 515, 0x40000000 | D_LEAF);
	assert_int_equal(walk(&c, (1ULL << 39) | (3ULL << 30) | 0x1234, 0),
			 VEL2_S2_OK);
	assert_int_equal(res.pa, 0x40001234);
	assert_int_equal(res.desc_pa, T(0) + 515 * 8);
	expect_fault(&c, 3ULL << 30, 0, VEL2_S2_TRANSLATION, 1, 0x05);

	/* 32-bit IPA from level 2: 4 concatenated level 2 tables. */
	c = cfg(VT_T0SZ(32) | VT_SL0(0) | VT_TG0_4K | VT_PS(2), T(0));
	gmem_reset();
	gmem_set(T(0), 3 * 512 + 7, 0x40e00000 | D_LEAF);
	assert_int_equal(walk(&c, 0xc0e12345, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x40e12345);
	assert_int_equal(res.level, 2);
}

/* 16K granule, 36-bit IPA from level 2 (SL0=1): 2048-entry tables, a 32M
 * block at level 2 and a 16K page at level 3. */
static void test_16k(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(28) | VT_SL0(1) | VT_TG0_16K | VT_PS(2), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 2047, 0x46000000 | D_LEAF); /* 32M */
	gmem_set(T(0), 1, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 2000, 0x4567c000 | D_LEAF | D_PAGE);
	assert_int_equal(walk(&c, 0xffe000000ULL | 0x1abcdef, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x47abcdef);
	assert_int_equal(res.size, 32 << 20);
	assert_int_equal(walk(&c, (1ULL << 25) | (2000ULL << 14) | 0x3ff8, 0),
			 VEL2_S2_OK);
	assert_int_equal(res.pa, 0x4567fff8);
	assert_int_equal(res.size, 16384);
	/* A block at level 1 is not allowed with 16K (DS=0): but level 1
	 * is not reached here; level 3 entry with bit 1 = 0 is reserved. */
	gmem_set(T(1), 5, 0x4567c000 | D_LEAF);
	expect_fault(&c, (1ULL << 25) | (5ULL << 14), 0, VEL2_S2_TRANSLATION, 3,
		     0x07);
}

/* 64K granule, 42-bit IPA from level 2 (SL0=1): 8192-entry tables,
 * 512M blocks, 64K pages. */
static void test_64k(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(22) | VT_SL0(1) | VT_TG0_64K | VT_PS(3), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 8000, 0x20000000 | D_LEAF); /* 512M block */
	gmem_set(T(0), 2, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 8191, 0x1230000 | D_LEAF | D_PAGE);
	assert_int_equal(walk(&c, (8000ULL << 29) | 0x1fffffff, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x3fffffff);
	assert_int_equal(res.size, 512 << 20);
	assert_int_equal(walk(&c, (2ULL << 29) | (8191ULL << 16) | 0x10, 0),
			 VEL2_S2_OK);
	assert_int_equal(res.pa, 0x1230010);
	/* Output beyond PS = 42 bits: Address size fault at level 3. */
	gmem_set(T(1), 8190, (1ULL << 42) | D_LEAF | D_PAGE);
	expect_fault(&c, (2ULL << 29) | (8190ULL << 16), 0, VEL2_S2_ADDR_SIZE,
		     3, 0x03);
	/* A 4T level 1 block needs a 52-bit PE: not reached from level 2;
	 * a table address beyond PS: Address size fault at its level. */
	gmem_set(T(0), 3, (1ULL << 43) | D_VALID | D_TABLE);
	expect_fault(&c, 3ULL << 29, 0, VEL2_S2_ADDR_SIZE, 2, 0x02);
}

/* Level 0 start (4K, 48-bit IPA, SL0=2), and blocks where the granule
 * has none: level 0 with 4K (DS=0) is Translation fault level 0. */
static void test_4k_level0(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(16) | VT_SL0(2) | VT_TG0_4K | VT_PS(5), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 1, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 0, T(2) | D_VALID | D_TABLE);
	gmem_set(T(2), 0, 0x40000000 | D_LEAF); /* 2M at 512G */
	gmem_set(T(0), 2, 0x40000000 | D_LEAF); /* a level 0 "block" */
	assert_int_equal(walk(&c, (1ULL << 39) | 0x1234, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x40001234);
	assert_int_equal(res.level, 2);
	expect_fault(&c, 2ULL << 39, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	/* PAMax 40 bits: SL0=2 (level 0) is reserved for 4K (S2InvalidSL). */
	c.pa_bits = 40;
	c.vtcr = VT_T0SZ(24) | VT_SL0(2) | VT_TG0_4K | VT_PS(2) | VT_RES1;
	expect_fault(&c, 1ULL << 39, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	c.pa_bits = 44;
	assert_int_equal(walk(&c, 1ULL << 39, 0), VEL2_S2_OK);
}

/* Access flag, XN/XNX, S2AP, PTW, stage 2 off, DC. */
static void test_permissions(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 1, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 0, 0x40000000 | (D_LEAF & ~D_AF)); /* AF = 0 */
	gmem_set(T(1), 1, 0x40200000 | D_LEAF | D_XN(2));
	gmem_set(T(1), 2, 0x40400000 | D_LEAF | D_XN(1));
	gmem_set(T(1), 3, 0x40600000 | D_LEAF | D_XN(3));
	gmem_set(T(1), 4, 0x40800000 | (D_LEAF & ~D_S2AP_RW) | D_S2AP_W);
	gmem_set(T(1), 5, 0x40a00000 | (D_LEAF & ~D_ATTR_WB) | D_ATTR_DEV);

	expect_fault(&c, 0x40000000, 0, VEL2_S2_ACCESS_FLAG, 2, 0x0a);
	expect_fault(&c, 0x40200000, VEL2_ACC_EXEC, VEL2_S2_PERMISSION, 2,
		     0x0e);
	expect_fault(&c, 0x40200000, VEL2_ACC_EXEC | VEL2_ACC_EL0,
		     VEL2_S2_PERMISSION, 2, 0x0e);
	assert_int_equal(walk(&c, 0x40200000, VEL2_ACC_WRITE), VEL2_S2_OK);
	/* XN 0b01: EL1 may not execute, EL0 may (FEAT_XNX). */
	expect_fault(&c, 0x40400000, VEL2_ACC_EXEC, VEL2_S2_PERMISSION, 2,
		     0x0e);
	assert_int_equal(walk(&c, 0x40400000, VEL2_ACC_EXEC | VEL2_ACC_EL0),
			 VEL2_S2_OK);
	/* XN 0b11: EL1 may, EL0 may not. */
	assert_int_equal(walk(&c, 0x40600000, VEL2_ACC_EXEC), VEL2_S2_OK);
	expect_fault(&c, 0x40600000, VEL2_ACC_EXEC | VEL2_ACC_EL0,
		     VEL2_S2_PERMISSION, 2, 0x0e);
	/* Without FEAT_XNX, XN[0] is ignored: 01 executes, 11 does not. */
	c.feat &= ~VEL2_S2F_XNX;
	assert_int_equal(walk(&c, 0x40400000, VEL2_ACC_EXEC), VEL2_S2_OK);
	expect_fault(&c, 0x40600000, VEL2_ACC_EXEC | VEL2_ACC_EL0,
		     VEL2_S2_PERMISSION, 2, 0x0e);
	/* Write-only: reads fault, writes pass. */
	expect_fault(&c, 0x40800000, 0, VEL2_S2_PERMISSION, 2, 0x0e);
	assert_int_equal(walk(&c, 0x40800000, VEL2_ACC_WRITE), VEL2_S2_OK);
	/* HCR_EL2.PTW: a stage 1 walk into Device memory faults. */
	assert_int_equal(walk(&c, 0x40a00000, VEL2_ACC_S1PTW), VEL2_S2_OK);
	c.hcr |= H_PTW;
	expect_fault(&c, 0x40a00000, VEL2_ACC_S1PTW, VEL2_S2_PERMISSION, 2,
		     0x0e);
	assert_int_equal(walk(&c, 0x40a00000, 0), VEL2_S2_OK);
	/* Stage 2 off: identity; DC alone turns it on. */
	c.hcr = 0;
	assert_int_equal(walk(&c, 0x40000000, VEL2_ACC_WRITE), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x40000000);
	assert_int_equal(gmem_reads, 0 + gmem_reads); /* no table read */
	c.hcr = H_DC;
	expect_fault(&c, 0x40000000, 0, VEL2_S2_ACCESS_FLAG, 2, 0x0a);
}

/* FEAT_HAFDBS: VTCR.HA sets AF, VTCR.HD makes a DBM page writable, both
 * by writing the descriptor back. */
static void test_hw_update(void **state)
{
	struct vel2_s2_cfg c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K |
					   VT_PS(2) | VT_HA | VT_HD,
				   T(0));
	uint64_t d = 0x40000000 | D_VALID | D_ATTR_WB | D_S2AP_R | D_DBM;

	(void)state;
	gmem_reset();
	gmem_set(T(0), 1, T(1) | D_VALID | D_TABLE);
	gmem_set(T(1), 0, d);
	/* Without FEAT_HAFDBS the bits do nothing. */
	expect_fault(&c, 0x40000000, 0, VEL2_S2_ACCESS_FLAG, 2, 0x0a);
	c.feat |= VEL2_S2F_HAFDBS;
	assert_int_equal(walk(&c, 0x40000000, 0), VEL2_S2_OK);
	assert_int_equal(gmem_at(T(1))[0], d | D_AF);
	assert_false(res.w);
	assert_int_equal(walk(&c, 0x40000000, VEL2_ACC_WRITE), VEL2_S2_OK);
	assert_int_equal(gmem_at(T(1))[0], d | D_AF | D_S2AP_W);
	/* A failed update (descriptor changed under it) is not taken. */
	gmem_set(T(1), 0, d);
	gmem_fail_writes = true;
	expect_fault(&c, 0x40000000, 0, VEL2_S2_ACCESS_FLAG, 2, 0x0a);
}

/* VTTBR/VTCR values the walk must refuse, with the architected fault. */
static void test_bad_config(void **state)
{
	struct vel2_s2_cfg c;

	(void)state;
	gmem_reset();
	gmem_set(T(0), 0, 0x40000000 | D_LEAF);
	/* T0SZ above 39 without FEAT_TTST, below 64 - PAMax: level 0. */
	c = cfg(VT_T0SZ(40) | VT_SL0(0) | VT_TG0_4K, T(0));
	c.feat = 0;
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	c = cfg(VT_T0SZ(15) | VT_SL0(2) | VT_TG0_4K | VT_PS(5), T(0));
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	/* SL0 = 3 (level 3) with 4K needs FEAT_TTST; with 64K it is
	 * reserved. A 25-bit IPA from level 3: 8192 concatenated pages. */
	gmem_set(T(0), 4000, 0x40000000 | D_LEAF | D_PAGE);
	c = cfg(VT_T0SZ(39) | VT_SL0(3) | VT_TG0_4K, T(0));
	c.feat = 0;
	expect_fault(&c, 4000 << 12, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	c.feat = VEL2_S2F_TTST;
	assert_int_equal(walk(&c, 4000 << 12, 0), VEL2_S2_OK);
	assert_int_equal(res.level, 3);
	c = cfg(VT_T0SZ(22) | VT_SL0(3) | VT_TG0_64K, T(0));
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	/* Inconsistent: 39-bit IPA from level 2 would need 64 tables. */
	c = cfg(VT_T0SZ(25) | VT_SL0(0) | VT_TG0_4K | VT_PS(2), T(0));
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	/* ... and 32-bit from level 0 resolves nothing at level 0. */
	c = cfg(VT_T0SZ(32) | VT_SL0(2) | VT_TG0_4K | VT_PS(2), T(0));
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
	/* VTTBR beyond PS (32 bits): Address size fault, level 0. */
	c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(0), 0x100000000ULL);
	expect_fault(&c, 0, 0, VEL2_S2_ADDR_SIZE, 0, 0x00);
	/* PS above PAMax is capped: 2^40 is out of a 36-bit PE's reach. */
	c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(5), 1ULL << 40);
	c.pa_bits = 36;
	expect_fault(&c, 0, 0, VEL2_S2_ADDR_SIZE, 0, 0x00);
	/* VTTBR bits below the start table size (4 entries: 32 bytes) are
	 * treated as zero, and CnP (bit 0) is not an address bit. */
	c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), T(0) | 0x19);
	assert_int_equal(walk(&c, 0x1000, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, 0x40001000);
	/* Tables outside guest RAM: external abort on the walk (0x14+l). */
	c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), 0x1000);
	expect_fault(&c, 0, 0, VEL2_S2_EXT_WALK, 1, 0x15);
	c = cfg(VT_T0SZ(32) | VT_SL0(1) | VT_TG0_4K | VT_PS(2), T(0));
	gmem_set(T(0), 1, 0x2000 | D_VALID | D_TABLE);
	expect_fault(&c, 1ULL << 30, 0, VEL2_S2_EXT_WALK, 2, 0x16);
}

/* A table that points at itself at every level ends at level 3 (a page
 * mapping the table), after exactly one read per level. */
static void test_loop_bounded(void **state)
{
	struct vel2_s2_cfg c =
		cfg(VT_T0SZ(16) | VT_SL0(2) | VT_TG0_4K | VT_PS(5), T(0));

	(void)state;
	gmem_reset();
	gmem_set(T(0), 0, T(0) | D_LEAF | D_TABLE);
	gmem_reads = 0;
	assert_int_equal(walk(&c, 0x123, 0), VEL2_S2_OK);
	assert_int_equal(gmem_reads, 4);
	assert_int_equal(res.level, 3);
	assert_int_equal(res.pa, T(0) + 0x123);
}

/* FEAT_LPA2 (VTCR.DS = 1): 4K start at level -1 (SL2:SL0 = 1:00) and the
 * OA[51:50] bits in descriptor bits [9:8]. */
static void test_lpa2(void **state)
{
	struct vel2_s2_cfg c = cfg(VT_T0SZ(12) | VT_SL0(0) | VT_SL2 | VT_DS |
					   VT_TG0_4K | VT_PS(6),
				   T(0));

	(void)state;
	c.pa_bits = 52;
	c.feat |= VEL2_S2F_LPA2;
	gmem_reset();
	gmem_set(T(0), 15, T(1) | D_VALID | D_TABLE); /* level -1 */
	gmem_set(T(1), 0, T(2) | D_VALID | D_TABLE); /* level 0 */
	gmem_set(T(2), 0,
		 0x40000000 | D_VALID | D_AF | D_S2AP_RW | D_ATTR_WB |
			 (1ULL << 8)); /* 1G, OA[50] */
	assert_int_equal(walk(&c, (15ULL << 48) | 0x1234, 0), VEL2_S2_OK);
	assert_int_equal(res.pa, (1ULL << 50) | 0x40001234);
	assert_int_equal(res.level, 1);
	expect_fault(&c, 14ULL << 48, 0, VEL2_S2_TRANSLATION, -1, 0x2b);
	/* Without FEAT_LPA2 DS is ignored: SL2 means nothing, T0SZ = 12 is
	 * out of range. */
	c.feat &= ~VEL2_S2F_LPA2;
	expect_fault(&c, 0, 0, VEL2_S2_TRANSLATION, 0, 0x04);
}

/* Random VTCR/VTTBR/descriptors: every walk ends with a valid fault code
 * or a translation, after at most 5 reads. */
static void test_garbage(void **state)
{
	(void)state;
	rng = 0x5eed;
	gmem_reset();
	for (unsigned int i = 0; i < 64 * 1024; i++)
		gmem_at(GMEM_BASE)[i] =
			(rng_next() & ~0xffff000000000000ULL &
			 ~(GMEM_SIZE - 1) & 0x0000ffffffffffffULL) |
			(rng_next() &
			 (GMEM_BASE | (GMEM_SIZE - 1) | 0xfff0000000000fffULL));
	for (unsigned int i = 0; i < 200000; i++) {
		struct vel2_s2_cfg c = {
			.vttbr = GMEM_BASE | (rng_next() & 0x7ffff),
			.vtcr = rng_next(),
			.hcr = H_VM | (rng_next() & (1ULL << 46)),
			.pa_bits = (uint8_t)(32 + rng_next() % 21),
			.feat = (uint32_t)(rng_next() & 0xf),
		};
		enum vel2_s2_fault_type t;

		gmem_reads = 0;
		t = walk(&c, rng_next() >> (rng_next() % 64),
			 (unsigned int)(rng_next() & 0xf));
		assert_true(gmem_reads <= 5);
		assert_true(t <= VEL2_S2_EXT_WALK);
		assert_true(res.level >= -1 && res.level <= 3);
		if (t == VEL2_S2_OK)
			assert_true(res.size >= 4096 && res.pa >> 52 == 0);
	}
}

/* FSC encodings, Arm ARM D24.2 ESR_EL2 ISS (data abort) DFSC. */
static void test_fsc(void **state)
{
	(void)state;
	assert_int_equal(vel2_s2_fsc(VEL2_S2_ADDR_SIZE, 0), 0x00);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_TRANSLATION, 2), 0x06);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_ACCESS_FLAG, 1), 0x09);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_PERMISSION, 3), 0x0f);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_EXT_WALK, 0), 0x14);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_EXT_WALK, -1), 0x13);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_ADDR_SIZE, -1), 0x29);
	assert_int_equal(vel2_s2_fsc(VEL2_S2_TRANSLATION, -1), 0x2b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_4k_block_and_page),
		cmocka_unit_test(test_4k_concatenated),
		cmocka_unit_test(test_16k),
		cmocka_unit_test(test_64k),
		cmocka_unit_test(test_4k_level0),
		cmocka_unit_test(test_permissions),
		cmocka_unit_test(test_hw_update),
		cmocka_unit_test(test_bad_config),
		cmocka_unit_test(test_loop_bounded),
		cmocka_unit_test(test_lpa2),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_fsc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
