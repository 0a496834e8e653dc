/* SPDX-License-Identifier: MIT */
/*
 * A bare-metal driver for QEMU's "edu" PCI device (docs/specs/edu.rst in
 * QEMU: vendor 0x1234, device 0x11e8), the simplest PCI device with a DMA
 * engine: it copies between a 4 KiB buffer of its own (device address
 * 0x40000) and a bus address the driver gives. Used by guests/pcidma
 * (the same DMA natively and under vel2) and guests/attack_pcidma (DMA
 * aimed at vel2). The guests run with their MMU off; every access is
 * aligned.
 *
 * QEMU's virt machine with highmem=off: PCIe ECAM at 0x3f000000 (bus 0:
 * device d at d << 15), 32-bit MMIO window from 0x10000000 (hw/arm/virt.c).
 * The device needs -device edu,dma_mask=0xffffffff (its default mask is 28
 * bits, below RAM).
 */
#ifndef GUEST_EDU_H
#define GUEST_EDU_H

#include "rt.h"

#define ECAM 0x3f000000UL
#define EDU_BAR0 0x10000000UL /* 1 MiB BARs, placed by the guest */
#define EDU_BAR1 0x10100000UL /* the one behind the root port */
#define EDU_ID 0x11e81234U
#define EDU_BUF 0x40000UL /* the device's DMA buffer */

#define EDU_DMA_SRC 0x80
#define EDU_DMA_DST 0x88
#define EDU_DMA_CNT 0x90
#define EDU_DMA_CMD 0x98
#define EDU_CMD_RUN 1UL
#define EDU_CMD_TO_RAM 2UL /* direction: buffer -> RAM */

static inline u32 cfg_rd32(u64 a)
{
	return *(volatile u32 *)a;
}

static inline void cfg_wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}

/* The config space of the first device `id` on `bus`, or 0. */
static inline u64 pci_find(u64 bus, u32 id)
{
	for (u64 dev = 0; dev < 32; dev++) {
		u64 cfg = ECAM + (bus << 20) + (dev << 15);

		if (cfg_rd32(cfg) == id)
			return cfg;
	}
	return 0;
}

static inline u64 edu_find(void)
{
	return pci_find(0, EDU_ID);
}

/* BAR0 at `bar`, memory decoding and bus mastering on (PCI Local Bus
 * 6.2.2 Command register: bit 1 Memory Space, bit 2 Bus Master). */
static inline void edu_setup(u64 cfg, u64 bar)
{
	cfg_wr32(cfg + 0x10, (u32)bar);
	cfg_wr32(cfg + 0x04, 0x6);
	dsb(sy);
}

/*
 * A PCIe root port (QEMU's pcie-root-port, 1b36:000c) on bus 0 opened to
 * bus 1 with the memory window [EDU_BAR1, +1 MiB) (PCI-to-PCI Bridge
 * Architecture 3.2: type 1 header, bus numbers at 0x18, memory base and
 * limit at 0x20 in 1 MiB units, prefetchable window and I/O closed), bus
 * mastering on so DMA from behind it goes upstream. False: no root port.
 */
static inline bool pci_open_root_port(void)
{
	u64 rp = pci_find(0, 0x000c1b36);

	if (!rp)
		return false;
	cfg_wr32(rp + 0x18, 0x00010100); /* primary 0, secondary 1, sub 1 */
	cfg_wr32(rp + 0x1c, 0x000000f0); /* I/O base > limit: closed */
	cfg_wr32(rp + 0x20, (u32)((EDU_BAR1 >> 16) | (EDU_BAR1 & 0xfff00000)));
	cfg_wr32(rp + 0x24, 0x0000fff0); /* prefetchable: closed */
	cfg_wr32(rp + 0x04, 0x6);
	dsb(sy);
	return true;
}

/* One DMA, waited for (the device runs it from a timer, ~100 ms). */
static inline bool edu_dma(u64 bar, u64 src, u64 dst, u64 len, u64 cmd)
{
	volatile u64 *r = (volatile u64 *)bar;

	dsb(sy);
	r[EDU_DMA_SRC / 8] = src;
	r[EDU_DMA_DST / 8] = dst;
	r[EDU_DMA_CNT / 8] = len;
	r[EDU_DMA_CMD / 8] = cmd | EDU_CMD_RUN;
	for (u64 n = 0; n < 2000000000UL; n++)
		if (!(r[EDU_DMA_CMD / 8] & EDU_CMD_RUN)) {
			dsb(sy);
			return true;
		}
	return false;
}

/* RAM (bus address) -> the device's buffer, and back. */
static inline bool edu_from_ram_at(u64 bar, u64 ram, u64 len)
{
	return edu_dma(bar, ram, EDU_BUF, len, 0);
}

static inline bool edu_to_ram_at(u64 bar, u64 ram, u64 len)
{
	return edu_dma(bar, EDU_BUF, ram, len, EDU_CMD_TO_RAM);
}

/* The device on bus 0 at EDU_BAR0. */
static inline bool edu_from_ram(u64 ram, u64 len)
{
	return edu_from_ram_at(EDU_BAR0, ram, len);
}

static inline bool edu_to_ram(u64 ram, u64 len)
{
	return edu_to_ram_at(EDU_BAR0, ram, len);
}

#endif
