/* SPDX-License-Identifier: MIT */
/*
 * The <stdlib.h> that libfdt's libfdt_env.h includes, for vel2's
 * freestanding builds: nothing vel2 compiles of libfdt calls into it
 * (only fdt_overlay.c uses strtoul, and vel2 leaves that file out).
 */
#ifndef VEL2_FDT_LIBC_STDLIB_H
#define VEL2_FDT_LIBC_STDLIB_H

#include <stddef.h>

#endif
