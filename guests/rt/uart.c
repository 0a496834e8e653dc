// SPDX-License-Identifier: MIT
/*
 * PL011 console, line buffered.
 *
 * Why buffer: under vel2 the hypervisor prints its own "vel2:" lines on the
 * same UART whenever it handles an exit. A guest that prints half a line and
 * then traps would get a vel2 line spliced into it; emitting whole lines
 * keeps the two streams separable by the differential harness.
 */
#include "rt.h"

#define PL011_BASE 0x09000000UL
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1U << 5) /* transmit FIFO full (PL011 TRM 3.3.3) */

static char line[256];
static unsigned int line_len;

static void uart_tx(char c)
{
	volatile u32 *fr = (volatile u32 *)(PL011_BASE + PL011_FR);
	volatile u32 *dr = (volatile u32 *)(PL011_BASE + PL011_DR);

	while (*fr & PL011_FR_TXFF)
		;
	*dr = (u32)(unsigned char)c;
}

void rt_flush(void)
{
	for (unsigned int i = 0; i < line_len; i++)
		uart_tx(line[i]);
	line_len = 0;
}

void rt_putc(char c)
{
	if (c == '\n') {
		/* CRLF: -nographic puts the terminal in raw mode. */
		line[line_len++] = '\r';
		line[line_len++] = '\n';
		rt_flush();
		return;
	}
	line[line_len++] = c;
	if (line_len >= sizeof(line) - 2)
		rt_flush();
}
