/* SPDX-License-Identifier: MIT */
/*
 * The <string.h> that libfdt's libfdt_env.h includes, for vel2's
 * freestanding builds (-nostdinc): declarations only. The host tests link
 * the C library's; the EL2 image has its own (hv/string.c, hv/fdt_libc.c).
 */
#ifndef VEL2_FDT_LIBC_STRING_H
#define VEL2_FDT_LIBC_STRING_H

#include <stddef.h>

void *memchr(const void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
char *strchr(const char *s, int c);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
char *strrchr(const char *s, int c);

#endif
