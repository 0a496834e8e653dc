/* SPDX-License-Identifier: MIT */
/*
 * The <limits.h> that libfdt's libfdt_env.h includes, for vel2's
 * freestanding builds: GCC's own limits.h would #include_next the C
 * library's, which -nostdinc leaves out. The compiler's predefined macros
 * give the values.
 */
#ifndef VEL2_FDT_LIBC_LIMITS_H
#define VEL2_FDT_LIBC_LIMITS_H

#define CHAR_BIT __CHAR_BIT__
#define INT_MAX __INT_MAX__
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (INT_MAX * 2U + 1U)

#endif
