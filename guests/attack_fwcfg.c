// SPDX-License-Identifier: MIT
/*
 * attack_fwcfg: fw_cfg DMA (0x09020000) aimed at vel2's stage 2 table.
 * QEMU gets a file whose 512 bytes are 64 stage 2 block descriptors: the
 * identity map of IPA 0x40000000 - 0x47ffffff with entry 0 valid
 * (tests/qemu/attack.sh writes it). A DMA read of that file to the table
 * maps vel2 into the guest. Tried through the 64-bit DMA register write
 * and through the two 32-bit halves Linux writes; a DMA into the guest's
 * own RAM must keep working (the signature, the file directory).
 */
/* qemu: -fw_cfg name=opt/vel2/s2,file=@S2BIN@ */
#include "attack.h"

#define FW 0x09020000UL
#define CTL_ERROR 1U
#define CTL_READ 2U
#define CTL_SELECT 8U

struct dma {
	u32 control, length;
	u64 address;
} __attribute__((aligned(16)));

static struct dma desc;
static uint8_t buf[4096] __attribute__((aligned(16)));

static u32 be32(u32 v)
{
	return __builtin_bswap32(v);
}

/* One DMA read of `len` bytes of item `key` to `to`; returns control. */
static u32 dma_read(unsigned int key, u64 to, u32 len, bool split)
{
	desc.control = be32((u32)key << 16 | CTL_SELECT | CTL_READ);
	desc.length = be32(len);
	desc.address = __builtin_bswap64(to);
	dsb(sy);
	if (split) {
		wr32(FW + 0x10, be32((u32)((u64)&desc >> 32)));
		wr32(FW + 0x14, be32((u32)(u64)&desc));
	} else {
		wr64(FW + 0x10, __builtin_bswap64((u64)&desc));
	}
	dsb(sy);
	return be32(desc.control);
}

static unsigned int find_file(const char *name)
{
	u32 n;

	if (dma_read(0x19, (u64)buf, sizeof(buf), false))
		return 0;
	n = be32(*(u32 *)buf);
	for (u32 i = 0; i < n && 4 + (i + 1) * 64 <= sizeof(buf); i++) {
		const uint8_t *e = buf + 4 + i * 64;
		const char *s = (const char *)e + 8, *t = name;

		while (*t && *s == *t)
			s++, t++;
		if (!*t && !*s)
			return (unsigned int)e[4] << 8 | e[5];
	}
	return 0;
}

int main(void)
{
	unsigned int key;
	u32 ctl;

	attack_init("attack_fwcfg");
	ctl = dma_read(0, (u64)buf, 4, false);
	rt_puts("fw_cfg DMA into guest RAM: control ");
	rt_hex_short(ctl);
	rt_puts(" signature ");
	for (int i = 0; i < 4; i++)
		rt_putc((char)buf[i]);
	rt_putc('\n');
	key = find_file("opt/vel2/s2");
	rt_puts("fw_cfg file opt/vel2/s2 ");
	rt_puts(key ? "found\n" : "missing\n");
	if (!key)
		rt_exit(2);

	ctl = dma_read(key, attack_target(), 512, false);
	attack_result("fw_cfg DMA (64-bit trigger) into vel2's stage 2",
		      attack_vel2_readable(),
		      ctl & CTL_ERROR ? "device reported an error" :
					"vel2's code not readable",
		      READABLE);
	ctl = dma_read(key, attack_target(), 512, true);
	attack_result("fw_cfg DMA (32-bit halves) into vel2's stage 2",
		      attack_vel2_readable(),
		      ctl & CTL_ERROR ? "device reported an error" :
					"vel2's code not readable",
		      READABLE);
	/* Straddling: starts in guest RAM, ends in vel2's memory. */
	ctl = dma_read(key, 0x40200000UL - 256, 260, false);
	attack_result("fw_cfg DMA across the end of vel2's memory",
		      !(ctl & CTL_ERROR),
		      ctl & CTL_ERROR ? "device reported an error" : "",
		      "the device wrote it");
	attack_done();
}
