// SPDX-License-Identifier: MIT
/* Guest-physical memory for walker tests (gmem.h). */
#include "gmem.h"

uint8_t gmem[GMEM_SIZE] __attribute__((aligned(65536)));
unsigned int gmem_reads, gmem_writes;
bool gmem_fail_writes;

static bool in_ram(uint64_t pa)
{
	return pa >= GMEM_BASE && pa - GMEM_BASE <= GMEM_SIZE - 8 && !(pa & 7);
}

static bool rd(void *opaque, u64 pa, u64 *val)
{
	(void)opaque;
	gmem_reads++;
	if (!in_ram(pa))
		return false;
	*val = *gmem_at(pa);
	return true;
}

static bool wr(void *opaque, u64 pa, u64 old, u64 val)
{
	(void)opaque;
	if (gmem_fail_writes || !in_ram(pa) || *gmem_at(pa) != old)
		return false;
	gmem_writes++;
	*gmem_at(pa) = val;
	return true;
}

const struct vel2_gmem_ops gmem_ops = { .read = rd, .write = wr };
