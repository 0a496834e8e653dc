/* SPDX-License-Identifier: MIT */
/*
 * Fixed-width types and bit helpers for the freestanding core. Only the
 * compiler's own freestanding headers are used: the same code links into
 * host tests and into the bare-metal EL2 image.
 */
#ifndef VEL2_TYPES_H
#define VEL2_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define VEL2_BIT(n) (1ULL << (n))
/* Bits h..l inclusive, h >= l. */
#define VEL2_GENMASK(h, l) ((~0ULL >> (63 - (h))) & (~0ULL << (l)))
#define VEL2_FIELD_GET(mask, val) (((val) & (mask)) >> __builtin_ctzll(mask))
#define VEL2_FIELD_PREP(mask, v) (((u64)(v) << __builtin_ctzll(mask)) & (mask))

#define VEL2_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define vel2_likely(x) __builtin_expect(!!(x), 1)
#define vel2_unlikely(x) __builtin_expect(!!(x), 0)

/* Error codes returned (negated) by the library. */
enum vel2_err {
	VEL2_OK = 0,
	VEL2_ENOREG = 1, /* id is not a register, or names an alias */
	VEL2_EINVAL = 2, /* argument out of range */
};

#endif /* VEL2_TYPES_H */
