// SPDX-License-Identifier: MIT
/* Number formatting on top of rt_putc; no libc in a freestanding guest. */
#include "rt.h"

static const char digits[] = "0123456789abcdef";

void rt_puts(const char *s)
{
	while (*s)
		rt_putc(*s++);
}

void rt_hex(u64 v)
{
	for (int shift = 60; shift >= 0; shift -= 4)
		rt_putc(digits[(v >> shift) & 0xf]);
}

void rt_hex_short(u64 v)
{
	int shift = 60;

	rt_puts("0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		rt_putc(digits[(v >> shift) & 0xf]);
}

void rt_dec(u64 v)
{
	char buf[21];
	int i = 0;

	do {
		buf[i++] = digits[v % 10];
		v /= 10;
	} while (v);
	while (i)
		rt_putc(buf[--i]);
}

void rt_kv(const char *key, u64 v)
{
	rt_puts(key);
	rt_puts("=0x");
	rt_hex(v);
	rt_putc(' ');
}

void rt_kv_end(const char *key, u64 v)
{
	rt_puts(key);
	rt_puts("=0x");
	rt_hex(v);
	rt_putc('\n');
}
