// SPDX-License-Identifier: MIT
/*
 * bootview: what a kernel sees when the loader enters it: its entry
 * registers, where it was loaded, the exception level, and from the DTB
 * the memory node, /chosen's initrd range and bootargs, and what a load
 * just past the end of its RAM does (nothing is there: an abort). Run
 * natively by
 * QEMU and by scripts/vel2-qemu with the same arguments, for each kernel
 * format (tests/qemu/bootview-test.sh): the outputs must be identical.
 * Position-independent (the raw binary runs wherever QEMU puts it); MMU
 * off, so every access is aligned. Prints on the PL011, then powers off
 * through PSCI SYSTEM_OFF.
 */
#include <stdint.h>

#define UART_DR ((volatile uint32_t *)0x09000000UL)
#define UART_FR ((volatile uint32_t *)0x09000018UL)
#define RAM_BASE 0x40000000UL
#define FDT_MAGIC 0xd00dfeedU

extern uint64_t entry_regs[6];
extern uint64_t fault_esr;
extern char bootview_vectors[];
void bootview_main(void);

/* The end of the first memory range in the DTB (show_dtb). */
static uint64_t ram_end;

static void putc_(char c)
{
	while (*UART_FR & (1U << 5)) /* TXFF */
		;
	*UART_DR = (uint32_t)(unsigned char)c;
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static void hex(uint64_t v)
{
	int shift = 60;

	puts_("0x");
	while (shift > 0 && !((v >> shift) & 0xf))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_("0123456789abcdef"[(v >> shift) & 0xf]);
}

static uint32_t be32(const volatile uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint64_t cells(const volatile uint8_t *p, uint32_t n)
{
	return n == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

static int streq(const volatile char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static int strlen_(const volatile char *s)
{
	int n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * One pass over the structure block (Devicetree Specification 5.4):
 * #address-cells/#size-cells of the root, the reg of device_type
 * "memory" nodes, and /chosen's properties.
 */
static void show_dtb(const volatile uint8_t *fdt)
{
	const volatile uint8_t *st = fdt + be32(fdt + 8);
	const volatile char *strs = (const volatile char *)fdt + be32(fdt + 12);
	uint32_t ac = 2, sc = 1, off = 0, depth = 0, len;
	const volatile uint8_t *reg = 0;
	int is_memory = 0, in_chosen = 0;
	uint32_t reg_len = 0;

	for (;;) {
		uint32_t tok = be32(st + off);
		const volatile char *name;

		off += 4;
		if (tok == 1) { /* BEGIN_NODE */
			name = (const volatile char *)st + off;
			depth++;
			in_chosen = depth == 2 && streq(name, "chosen");
			is_memory = 0;
			reg = 0;
			off += (strlen_(name) + 4) & ~3U;
		} else if (tok == 2) { /* END_NODE */
			if (is_memory && reg) {
				for (uint32_t i = 0;
				     i + 4 * (ac + sc) <= reg_len;
				     i += 4 * (ac + sc)) {
					if (!ram_end)
						ram_end =
							cells(reg + i, ac) +
							cells(reg + i + 4 * ac,
							      sc);
					puts_("bootview: memory ");
					hex(cells(reg + i, ac));
					puts_(" size ");
					hex(cells(reg + i + 4 * ac, sc));
					puts_("\r\n");
				}
			}
			is_memory = 0;
			in_chosen = 0;
			depth--;
		} else if (tok == 3) { /* PROP */
			const volatile uint8_t *val = st + off + 8;

			len = be32(st + off);
			name = strs + be32(st + off + 4);
			if (depth == 1 && streq(name, "#address-cells"))
				ac = be32(val);
			if (depth == 1 && streq(name, "#size-cells"))
				sc = be32(val);
			if (streq(name, "device_type") &&
			    streq((const volatile char *)val, "memory"))
				is_memory = 1;
			if (streq(name, "reg")) {
				reg = val;
				reg_len = len;
			}
			if (in_chosen && (streq(name, "linux,initrd-start") ||
					  streq(name, "linux,initrd-end"))) {
				puts_("bootview: chosen ");
				puts_((const char *)name);
				puts_(" ");
				hex(cells(val, len / 4));
				puts_(" (");
				hex(len);
				puts_(" bytes)");
				puts_("\r\n");
			}
			if (in_chosen && streq(name, "bootargs")) {
				puts_("bootview: chosen bootargs \"");
				puts_((const char *)val);
				puts_("\"\r\n");
			}
			off += 8 + ((len + 3) & ~3U);
		} else if (tok == 4) { /* NOP */
			continue;
		} else {
			break; /* END, or not a DTB we understand */
		}
	}
}

/*
 * A 64-bit load from pa: the syndrome's EC and DFSC if it aborted (the
 * vectors in start.S record ESR_EL2 and skip the load), else "read".
 * Past the end of the guest's RAM is vel2's memory under vel2-qemu (its
 * region and stage 2 tables): the guest must find nothing there, as
 * natively.
 */
static void probe(uint64_t pa)
{
	register uint64_t x0 __asm__("x0") = pa;

	fault_esr = 0;
	__asm__ volatile("ldr %0, [%0]" : "+r"(x0)::"x9", "x10", "memory");
	puts_("bootview: load at memory end + ");
	hex(pa - ram_end);
	if (fault_esr) {
		puts_(": abort EC ");
		hex(fault_esr >> 26 & 0x3f);
		puts_(" DFSC ");
		hex(fault_esr & 0x3f);
	} else {
		puts_(": read");
	}
	puts_("\r\n");
}

void bootview_main(void)
{
	const volatile uint8_t *fdt;
	uint64_t el;

	__asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
	puts_("bootview: entered at ");
	hex(entry_regs[5]);
	puts_(" EL");
	hex(el >> 2 & 3);
	puts_("\r\n");
	for (int i = 0; i < 5; i++) {
		/* No table of names: its pointers would be absolute. */
		puts_("bootview: x");
		putc_((char)('0' + i));
		putc_(' ');
		hex(entry_regs[i]);
		puts_("\r\n");
	}
	/* x0 is the DTB for a Linux boot; for an ELF QEMU puts it at the
	 * start of RAM when it fits below the image. */
	fdt = (const volatile uint8_t *)(entry_regs[0] ? entry_regs[0] :
							 RAM_BASE);
	if (be32(fdt) == FDT_MAGIC) {
		puts_("bootview: dtb at ");
		hex((uint64_t)fdt);
		puts_("\r\n");
		show_dtb(fdt);
	} else {
		puts_("bootview: no dtb\r\n");
	}
	/* The word QEMU's loader leaves at the start of RAM (its boot
	 * stub's first instruction for Linux, else 0 or the DTB). */
	puts_("bootview: ram[0] ");
	hex(*(volatile uint32_t *)RAM_BASE);
	puts_("\r\n");
	if (ram_end) {
		__asm__ volatile(
			"msr vbar_el2, %0\n\tisb" ::"r"(bootview_vectors));
		for (uint64_t off = 0; off < (8UL << 20); off += 2UL << 20)
			probe(ram_end + off);
	}
	puts_("bootview: end\r\n");
	{
		register uint64_t x0 __asm__("x0") = 0x84000008UL;

		__asm__ volatile("smc #0" : "+r"(x0)::"memory");
	}
	for (;;)
		__asm__ volatile("wfi");
}
