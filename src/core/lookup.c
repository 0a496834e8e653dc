// SPDX-License-Identifier: MIT
/*
 * Register id from an MRS/MSR encoding, on every trapped system register
 * access (ESR_EL2.ISS for EC 0x18 carries the same op0/op1/CRn/CRm/op2).
 *
 * O(1), no allocation, no runtime initialisation: a perfect hash whose
 * table is a constant expression built from sysregs.def with designated
 * initialisers. The hash is a multiplicative one,
 *	h(enc) = (enc * VEL2_LOOKUP_MUL mod 2^32) >> (32 - VEL2_LOOKUP_BITS),
 * with a multiplier chosen so the catalog's encodings do not collide.
 *
 * A collision cannot go unnoticed: two entries with the same h() would
 * initialise the same element twice, which -Woverride-init (in -Wextra,
 * an error under -Werror) rejects at compile time. The fix is to run
 * tests/encoding/hashtune.c (make hashtune) and paste its multiplier here.
 *
 * Why not a sorted table and a binary search: sorting at compile time is
 * not possible in C, and sorting at run time would need an init hook the
 * API does not have (and would race between CPUs). 2^11 u16 slots (4 KiB)
 * leave the table about 8% full, so a multiplier is quick to find as the
 * catalog grows.
 */
#include <vel2/sysreg.h>

#define VEL2_LOOKUP_BITS 11
#define VEL2_LOOKUP_MUL 0x08e4c107u

#define VEL2_LOOKUP_HASH(enc) \
	((u32)((u32)(enc)*VEL2_LOOKUP_MUL) >> (32 - VEL2_LOOKUP_BITS))

/* id + 1 of the register whose encoding hashes to each slot; 0: none. */
static const u16 vel2_lookup_table[1u << VEL2_LOOKUP_BITS] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, target, fmt, acc, \
		    res0, res1)                                              \
	[VEL2_LOOKUP_HASH(VEL2_SYS_ENC(op0, op1, crn, crm, op2))] =          \
		VEL2_SYSREG_##n + 1,
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

_Static_assert(VEL2_NR_SYSREGS < 0xffff, "ids must fit the u16 table");

int vel2_sysreg_lookup(u16 enc)
{
	unsigned int slot = vel2_lookup_table[VEL2_LOOKUP_HASH(enc)];

	/* The hash is perfect only on the catalog: confirm the match. */
	if (slot && vel2_sysreg_info[slot - 1].enc == enc)
		return (int)(slot - 1);
	return -VEL2_ENOREG;
}
