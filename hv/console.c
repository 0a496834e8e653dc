// SPDX-License-Identifier: MIT
/*
 * vel2's console: the PL011 of QEMU virt, shared with the guest, which also
 * drives it directly (no stage 2 trap on the UART). vel2 prints only while
 * the guest is stopped on that CPU, and only whole lines prefixed
 * "vel2: ".
 *
 * With a private UART (the launcher's second -serial, bootinfo.h) every
 * line also goes there: scripts/vel2-qemu reads it after QEMU exits and
 * turns vel2's "exit status N" into its own exit status. Lines begun
 * with hv_private_line() (the trace under --trace-file) go there only.
 *
 * Several CPUs may print at once: each builds its line in its own buffer
 * (struct hv_cpu) and sends it whole under the console lock, so lines of
 * different CPUs never interleave (the lock: cpu.c).
 */
#include "hv.h"

#define PL011_BASE 0x09000000UL
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1U << 5)

static struct hv_lock console_lock;
u64 hv_private_uart;
bool hv_trace_private;

static void pl011_tx(u64 base, char c)
{
	volatile u32 *fr = (volatile u32 *)(base + PL011_FR);
	volatile u32 *dr = (volatile u32 *)(base + PL011_DR);

	while (*fr & PL011_FR_TXFF)
		;
	*dr = (u32)(unsigned char)c;
}

/* QEMU's PL011 transmits with the UART disabled too (its CR is left at
 * reset): no set-up needed on either. */
static void uart_tx(char c, bool private_only)
{
	if (!private_only)
		pl011_tx(PL011_BASE, c);
	if (hv_private_uart)
		pl011_tx(hv_private_uart, c);
}

/*
 * Send this CPU's line. A CPU that already holds the lock (an exception
 * in vel2 while it was printing, hv_panic) prints without it rather than
 * deadlock.
 */
static void flush_line(struct hv_cpu *cpu, bool newline)
{
	bool nested = hv_lock_held(&console_lock);
	bool priv = cpu->line_private && hv_private_uart;

	if (!nested)
		hv_lock(&console_lock);
	for (const char *p = "vel2: "; *p; p++)
		uart_tx(*p, priv);
	for (unsigned int i = 0; i < cpu->line_len; i++)
		uart_tx(cpu->line[i], priv);
	if (newline) {
		uart_tx('\r', priv);
		uart_tx('\n', priv);
	}
	cpu->line_len = 0;
	if (newline)
		cpu->line_private = false;
	if (!nested)
		hv_unlock(&console_lock);
}

static void hv_putc(char c)
{
	struct hv_cpu *cpu = hv_this_cpu();

	if (c == '\n') {
		flush_line(cpu, true);
		return;
	}
	/* A line longer than the buffer goes out in pieces. */
	if (cpu->line_len == sizeof(cpu->line))
		flush_line(cpu, false);
	cpu->line[cpu->line_len++] = c;
}

/*
 * The line this CPU is about to print is trace output: with
 * HV_BOOT_TRACE_PRIVATE it goes to the private UART only.
 */
void hv_trace_line(void)
{
	hv_this_cpu()->line_private = hv_trace_private;
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
