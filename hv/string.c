// SPDX-License-Identifier: MIT
/*
 * The compiler may emit calls to these even with -ffreestanding. Word at a
 * time where both ends allow it (vel2 runs with its MMU on, but also
 * copies before that, and Device memory faults on unaligned accesses, so
 * only aligned words), bytes for the rest.
 */
#include "hv.h"

#define WORD sizeof(u64)
#define ALIGNED(p) (((uintptr_t)(p) & (WORD - 1)) == 0)

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	if (n >= WORD) {
		u64 w = 0x0101010101010101ULL * (unsigned char)c;

		while (!ALIGNED(p) && n) {
			*p++ = (unsigned char)c;
			n--;
		}
		for (; n >= WORD; n -= WORD, p += WORD)
			*(u64 *)p = w;
	}
	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (n >= WORD && (((uintptr_t)dp ^ (uintptr_t)sp) & (WORD - 1)) == 0) {
		while (!ALIGNED(dp) && n) {
			*dp++ = *sp++;
			n--;
		}
		for (; n >= WORD; n -= WORD, dp += WORD, sp += WORD)
			*(u64 *)dp = *(const u64 *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}
