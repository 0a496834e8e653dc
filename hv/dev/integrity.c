// SPDX-License-Identifier: MIT
/*
 * vel2 checks its own integrity at exit: a hash of its code and read-only
 * data (__hv_start..__hv_ro_end, hv.ld), of its stage 2 tables and of the
 * SMMU's stream table (smmu.c: the STEs that point devices at them), taken
 * at boot before the guest runs, must be the same when vel2 prints its
 * statistics. A device, a DMA or any other path that wrote into them
 * shows up as a mismatch, which ends vel2 with status 3 and a vel2: line.
 * Not a defence (a guest that owns EL2 can skip the check), a tripwire
 * for the attack tests: each one's vel2 line says whether vel2 survived.
 *
 * The hash is FNV-1a over 64-bit words (not cryptographic: it detects
 * accidental and unaware changes, which is all a test needs).
 */
#include "dev.h"

extern char __hv_start[], __hv_ro_end[];

static u64 boot_hash;

static u64 fnv(u64 h, const void *p, u64 size)
{
	const volatile u64 *w = p;

	for (u64 i = 0; i < size / 8; i++) {
		h ^= w[i];
		h *= 0x100000001b3UL;
	}
	return h;
}

static u64 hash_now(void)
{
	const void *tables[3], *st;
	u64 size[3], st_size, h = 0xcbf29ce484222325UL;

	h = fnv(h, __hv_start, (u64)(__hv_ro_end - __hv_start));
	hv_stage2_tables(tables, size);
	h = fnv(h, tables[0], size[0]);
	h = fnv(h, tables[1], size[1]);
	h = fnv(h, tables[2], size[2]);
	st = hv_smmu_tables(&st_size);
	return fnv(h, st, st_size);
}

void hv_integrity_init(void)
{
	boot_hash = hash_now();
}

void hv_integrity_check(void)
{
	u64 h = hash_now();

	hv_mmio_print();
	if (h == boot_hash) {
		hv_line("integrity: code, read-only data and stage 2 "
			"unchanged");
		return;
	}
	hv_puts("integrity: MISMATCH: vel2's code, read-only data or stage 2 "
		"changed since boot (hash ");
	hv_hex(boot_hash);
	hv_puts(" -> ");
	hv_hex(h);
	hv_puts(")\n");
	hv_poweroff(3);
}
