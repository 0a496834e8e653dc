// SPDX-License-Identifier: MIT
/*
 * vel2's console: the PL011 of QEMU virt, shared with the guest, which also
 * drives it directly (no stage 2 trap on the UART). vel2 prints only while
 * the guest is stopped, and only whole lines prefixed "vel2: ".
 */
#include "hv.h"

#define PL011_BASE 0x09000000UL
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1U << 5)

static bool at_line_start = true;

static void uart_tx(char c)
{
	volatile u32 *fr = (volatile u32 *)(PL011_BASE + PL011_FR);
	volatile u32 *dr = (volatile u32 *)(PL011_BASE + PL011_DR);

	while (*fr & PL011_FR_TXFF)
		;
	*dr = (u32)(unsigned char)c;
}

static void hv_putc(char c)
{
	if (at_line_start) {
		for (const char *p = "vel2: "; *p; p++)
			uart_tx(*p);
		at_line_start = false;
	}
	if (c == '\n') {
		uart_tx('\r');
		at_line_start = true;
	}
	uart_tx(c);
}

void hv_puts(const char *s)
{
	while (*s)
		hv_putc(*s++);
}

void hv_hex(u64 v)
{
	int shift = 60;

	hv_puts("0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		hv_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

void hv_dec(u64 v)
{
	char buf[21];
	int i = 0;

	do {
		buf[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i)
		hv_putc(buf[--i]);
}

void hv_line(const char *s)
{
	hv_puts(s);
	hv_putc('\n');
}

void hv_kv(const char *key, u64 v)
{
	hv_puts(key);
	hv_puts("=");
	hv_hex(v);
	hv_putc('\n');
}
