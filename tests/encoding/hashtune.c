// SPDX-License-Identifier: MIT
/*
 * Finds a multiplier for the collision-free encoding hash in
 * src/core/lookup.c. Run it (make hashtune) when a new catalog entry makes
 * lookup.c fail to compile with an "initialized field overwritten" error,
 * and paste the printed value into VEL2_LOOKUP_MUL.
 */
#include <stdint.h>
#include <stdio.h>

#include <vel2/sysreg.h>

#define BITS 11 /* must match VEL2_LOOKUP_BITS in src/core/lookup.c */

static const uint16_t encs[] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, target, fmt, acc, \
		    res0, res1)                                              \
	VEL2_SYS_ENC(op0, op1, crn, crm, op2),
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

int main(void)
{
	static uint32_t seen[1u << BITS];
	uint32_t x = 2463534242u, m, gen = 0;
	size_t i;

	for (;;) {
		/* xorshift32: a deterministic stream of odd candidates */
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		m = x | 1;
		gen++;
		for (i = 0; i < sizeof(encs) / sizeof(encs[0]); i++) {
			uint32_t h = (uint32_t)(encs[i] * m) >> (32 - BITS);

			if (seen[h] == gen)
				break;
			seen[h] = gen;
		}
		if (i == sizeof(encs) / sizeof(encs[0])) {
			printf("0x%08xu\n", m);
			return 0;
		}
	}
}
