/* SPDX-License-Identifier: MIT */
/*
 * The fuzz tests' PRNG: xorshift64* (Vigna, "An experimental exploration
 * of Marsaglia's xorshift generators, scrambled"). One stream per test
 * program; seed it by assigning rng (non-zero). Fixed seeds keep a failing
 * seed and iteration reproducible.
 */
#ifndef VEL2_TEST_RNG_H
#define VEL2_TEST_RNG_H

#include <vel2/types.h>

static u64 rng;

static inline u64 rng_next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

#endif /* VEL2_TEST_RNG_H */
