// SPDX-License-Identifier: MIT
/*
 * vel2_qarma_pac (src/core/qarma.c) against independent oracles:
 *  - the published QARMA-64 test vector (Avanzi, "The QARMA Block Cipher
 *    Family", ToSC 2017(1), sigma2 S-box, r = 5: the cipher Arm's QARMA5
 *    is), all 64 bits;
 *  - the CPU: QEMU 10.0's PACGA, PACIA and PACIB at EL2 with known keys,
 *    as guests/pacprobe.c prints them on -cpu max,pauth-qarma5=on and
 *    guests/pacprobe3.c on -cpu max,pauth-qarma3=on (copied from those
 *    runs, not from this code). PACGA shows ComputePAC<63:32>; PACIA/PACIB
 *    with T0SZ=48 and TBI=0 of a pointer with bits [63:16] zero show it at
 *    [63:56] and [54:16] (FEAT_PAuth2 XORs it into the zero field).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vel2/qarma.h>

#define PACGA_MASK VEL2_GENMASK(63, 32)
/* The PAC field for bottom_PAC_bit 16 without TBI. */
#define PACI_MASK (VEL2_GENMASK(63, 56) | VEL2_GENMASK(54, 16))

struct vec {
	u64 key_hi, key_lo, data, mod;
	u64 pacga5, paci5; /* -cpu max,pauth-qarma5=on */
	u64 pacga3, paci3; /* -cpu max,pauth-qarma3=on */
};

/* pacprobe's probes and what QEMU printed for them. */
static const struct vec vecs[] = {
	{ 0x84be85ce9804e94bULL, 0xec2802d4e0a488e9ULL, 0xfb623599da6e8127ULL,
	  0x477d469dec0b8762ULL, 0xc003b93900000000ULL, 0xd439038231088127ULL,
	  0xc8b7fdc100000000ULL, 0xba02ff2e5a898127ULL },
	{ 0xfedcba9876543210ULL, 0x0123456789abcdefULL, 0x00000000402000b0ULL,
	  0x0000000040280000ULL, 0x5c6af11200000000ULL, 0x285d90286bd500b0ULL,
	  0x88ffb60d00000000ULL, 0x757a14e23e0100b0ULL },
	{ 0, 0, 0, 0, 0x76243b9500000000ULL, 0x76243b9535920000ULL,
	  0x10d058ee00000000ULL, 0x105058ee82d80000ULL },
	{ ~0ULL, ~0ULL, ~0ULL, ~0ULL, 0x56b6776d00000000ULL,
	  0x37473eee28f0ffffULL, 0x71cbda5800000000ULL, 0xc402a1abee7effffULL },
	{ 0x5555666677778888ULL, 0x1111222233334444ULL, 0x000000000000beefULL,
	  0xffff800000001230ULL, 0xaccef93600000000ULL, 0xac4ef936a528beefULL,
	  0x1098bd7d00000000ULL, 0x1018bd7d38cbbeefULL },
	{ 0x8000000000000001ULL, 0x0000000000000002ULL, 0x0000000000000001ULL,
	  0x8000000000000000ULL, 0xb5a08b2c00000000ULL, 0xb5208b2cf30e0001ULL,
	  0x947d9faf00000000ULL, 0x947d9faf24d00001ULL },
};

/* The paper's vector: P, T, w0 (key0), k0 (key1) -> C, all 64 bits. */
static void test_published_vector(void **state)
{
	(void)state;
	assert_int_equal(vel2_qarma_pac(0xfb623599da6e8127ULL,
					0x477d469dec0b8762ULL,
					0x84be85ce9804e94bULL,
					0xec2802d4e0a488e9ULL, false),
			 0xc003b93999b33765ULL);
}

static void check(bool qarma3)
{
	unsigned int i;

	for (i = 0; i < VEL2_ARRAY_SIZE(vecs); i++) {
		const struct vec *v = &vecs[i];
		u64 ga = qarma3 ? v->pacga3 : v->pacga5;
		u64 pi = qarma3 ? v->paci3 : v->paci5;
		u64 ptr = v->data & 0xffff;
		u64 pac;

		pac = vel2_qarma_pac(v->data, v->mod, v->key_hi, v->key_lo,
				     qarma3);
		assert_int_equal(pac & PACGA_MASK, ga);
		pac = vel2_qarma_pac(ptr, v->mod, v->key_hi, v->key_lo, qarma3);
		assert_int_equal(pac & PACI_MASK, pi & PACI_MASK);
		/* The rest of PACIA's result is the pointer itself. */
		assert_int_equal(pi & ~PACI_MASK, ptr);
	}
}

static void test_qarma5_matches_cpu(void **state)
{
	(void)state;
	check(false);
}

static void test_qarma3_matches_cpu(void **state)
{
	(void)state;
	check(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_vector),
		cmocka_unit_test(test_qarma5_matches_cpu),
		cmocka_unit_test(test_qarma3_matches_cpu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
