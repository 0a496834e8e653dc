// SPDX-License-Identifier: MIT
/*
 * ComputePACQARMA (Arm ARM J1 shared/functions/crypto): the QARMA-64
 * tweakable block cipher as pointer authentication uses it, with 5
 * (QARMA5) or 3 (QARMA3) forward and backward rounds around a reflector.
 * Written from the Arm ARM pseudocode; checked against the published
 * QARMA-64 test vector (Avanzi, "The QARMA Block Cipher Family", ToSC
 * 2017(1), sigma2, r = 5) and against QEMU's PACGA/PACIA
 * (tests/unit/test_qarma.c, guests/pacprobe.c).
 *
 * The state is 16 4-bit cells; cell i is bits [4i+3:4i]. The pseudocode's
 * cell-wise functions are tables here (the permutations name, for each
 * output cell, the input cell it takes) and the column mixing is done on
 * all cells at once.
 */
#include <vel2/qarma.h>

#define CELL_LOW 0x1111111111111111ULL /* bit 0 of every cell */
#define CELL(n) (0xfULL << (4 * (n)))

/* clang-format off */
/* PACCellShuffle: out<4i+3:4i> = in<4s+3:4s>, s = cell_shuffle[i]. */
static const u8 cell_shuffle[16] = {
	13, 6, 11, 0, 7, 12, 1, 10, 8, 3, 14, 5, 2, 9, 4, 15
};
/* PACCellInvShuffle, the inverse permutation. */
static const u8 cell_inv_shuffle[16] = {
	3, 6, 12, 9, 14, 11, 1, 4, 8, 13, 7, 2, 5, 0, 10, 15
};
/*
 * TweakShuffle moves cells like this and applies TweakCellRot to the
 * output cells in TWEAK_ROT; TweakInvShuffle is its inverse, with
 * TweakCellInvRot on the cells in TWEAK_INV_ROT.
 */
static const u8 tweak_shuffle[16] = {
	4, 5, 6, 7, 11, 2, 3, 8, 12, 13, 14, 15, 0, 1, 10, 9
};
#define TWEAK_ROT (CELL(2) | CELL(4) | CELL(7) | CELL(11) | CELL(12) | \
		   CELL(14) | CELL(15))
static const u8 tweak_inv_shuffle[16] = {
	12, 13, 5, 6, 0, 1, 2, 3, 7, 15, 14, 4, 8, 9, 10, 11
};
#define TWEAK_INV_ROT (CELL(0) | CELL(6) | CELL(8) | CELL(9) | CELL(10) | \
		       CELL(11) | CELL(15))

/* PACSub, PACInvSub (QARMA5) and PACSub1 (QARMA3, an involution). */
static const u8 sub5[16] = {
	0xb, 0x6, 0x8, 0xf, 0xc, 0x0, 0x9, 0xe,
	0x3, 0x7, 0x4, 0x5, 0xd, 0x2, 0x1, 0xa
};
static const u8 inv_sub5[16] = {
	0x5, 0xe, 0xd, 0x8, 0xa, 0xb, 0x1, 0x9,
	0x2, 0x6, 0xf, 0x0, 0x4, 0xc, 0x7, 0x3
};
static const u8 sub3[16] = {
	0xa, 0xd, 0xe, 0x6, 0xf, 0x7, 0x3, 0x5,
	0x9, 0x8, 0x0, 0xc, 0xb, 0x1, 0x2, 0x4
};
/* clang-format on */

/* The round constants RC[0..4] and the reflection constant Alpha. */
static const u64 rc[5] = { 0, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL,
			   0x082efa98ec4e6c89ULL, 0x452821e638d01377ULL };
#define ALPHA 0xc0ac29b7c97c50ddULL

/*
 * The cell loops are unrolled and inlined so that the table entries are
 * constants: each cell move becomes a bit-field extract and insert, each
 * substitution one load (ERETAA's cost, docs/traps.md).
 */
static inline __attribute__((always_inline)) u64 permute(u64 x,
							 const u8 src[16])
{
	u64 out = 0;
	unsigned int i;

#pragma GCC unroll 16
	for (i = 0; i < 16; i++)
		out |= ((x >> (4 * src[i])) & 0xf) << (4 * i);
	return out;
}

static inline __attribute__((always_inline)) u64 substitute(u64 x,
							    const u8 box[16])
{
	u64 out = 0;
	unsigned int i;

#pragma GCC unroll 16
	for (i = 0; i < 16; i++)
		out |= (u64)box[(x >> (4 * i)) & 0xf] << (4 * i);
	return out;
}

/* RotCell(cell, n) on every cell: a left rotation within the 4 bits. */
static u64 rot_cells(u64 x, unsigned int n)
{
	u64 keep = (0xfULL >> n) * CELL_LOW; /* bits that stay in the cell */

	return ((x & keep) << n) | ((x >> (4 - n)) & ~(keep << n));
}

/*
 * PACMult: out cell i of each column (cells i, i+4, i+8, i+12, i < 4) is
 * t3 = Rot1(c[i+12]) ^ Rot2(c[i+8]) ^ Rot1(c[i+4]), cell i+4 is
 * t2 = Rot2(c[i+12]) ^ Rot1(c[i+8]) ^ Rot1(c[i]), cell i+8 is
 * t1 = Rot1(c[i+12]) ^ Rot1(c[i+4]) ^ Rot2(c[i]), cell i+12 is
 * t0 = Rot1(c[i+8]) ^ Rot2(c[i+4]) ^ Rot1(c[i]). With the 16-bit row r
 * holding cells 4r..4r+3, row r of the result is Rot1 of row r+1, Rot2
 * of row r+2 and Rot1 of row r+3 (rows mod 4): rotations of the word.
 */
static u64 ror(u64 x, unsigned int n)
{
	return (x >> n) | (x << (64 - n));
}

static u64 pac_mult(u64 x)
{
	u64 r1 = rot_cells(x, 1), r2 = rot_cells(x, 2);

	return ror(r1, 16) ^ ror(r2, 32) ^ ror(r1, 48);
}

/* TweakCellRot: out<3> = in<0> ^ in<1>, out<2:0> = in<3:1>. */
static u64 tweak_rot_cells(u64 x)
{
	return ((x >> 1) & (0x7 * CELL_LOW)) |
	       (((x ^ (x >> 1)) & CELL_LOW) << 3);
}

/* TweakCellInvRot: out<3:1> = in<2:0>, out<0> = in<0> ^ in<3>. */
static u64 tweak_inv_rot_cells(u64 x)
{
	return ((x << 1) & (0xe * CELL_LOW)) | ((x ^ (x >> 3)) & CELL_LOW);
}

static u64 tweak_shuffle_fwd(u64 x)
{
	x = permute(x, tweak_shuffle);
	return (x & ~TWEAK_ROT) | (tweak_rot_cells(x) & TWEAK_ROT);
}

static u64 tweak_shuffle_inv(u64 x)
{
	x = permute(x, tweak_inv_shuffle);
	return (x & ~TWEAK_INV_ROT) | (tweak_inv_rot_cells(x) & TWEAK_INV_ROT);
}

u64 vel2_qarma_pac(u64 data, u64 modifier, u64 key0, u64 key1, bool qarma3)
{
	const u8 *sub = qarma3 ? sub3 : sub5;
	const u8 *inv_sub = qarma3 ? sub3 : inv_sub5;
	unsigned int rounds = qarma3 ? 2 : 4; /* "iterations" */
	/* modk0 = key0<0>:key0<63:2>:(key0<63> EOR key0<1>) */
	u64 modk0 = (key0 << 63) | ((key0 >> 2) << 1) |
		    (((key0 >> 63) ^ (key0 >> 1)) & 1);
	u64 tweak = modifier, w = data ^ key0;
	unsigned int i;

	/* Forward rounds. */
	for (i = 0; i <= rounds; i++) {
		w ^= key1 ^ tweak ^ rc[i];
		if (i > 0)
			w = pac_mult(permute(w, cell_shuffle));
		w = substitute(w, sub);
		tweak = tweak_shuffle_fwd(tweak);
	}
	/* The reflector, around key1. */
	w ^= modk0 ^ tweak;
	w = pac_mult(permute(w, cell_shuffle));
	w = substitute(w, sub);
	w = pac_mult(permute(w, cell_shuffle));
	w ^= key1;
	w = permute(w, cell_inv_shuffle);
	w = pac_mult(substitute(w, inv_sub));
	w = permute(w, cell_inv_shuffle);
	w ^= key0 ^ tweak;
	/* Backward rounds. */
	for (i = 0; i <= rounds; i++) {
		w = substitute(w, inv_sub);
		if (i < rounds)
			w = permute(pac_mult(w), cell_inv_shuffle);
		tweak = tweak_shuffle_inv(tweak);
		w ^= key1 ^ tweak ^ rc[rounds - i] ^ ALPHA;
	}
	return w ^ modk0;
}
