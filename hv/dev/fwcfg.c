// SPDX-License-Identifier: MIT
/*
 * fw_cfg (QEMU's firmware configuration device, docs/specs/fw_cfg.rst in
 * QEMU) at 0x09020000 on virt, always present. Registers:
 *   0x00  data      (1..8 bytes, reads the selected item)
 *   0x08  selector  (2 bytes, big-endian)
 *   0x10  DMA address (8 bytes big-endian; a 64-bit write at 0x10, or the
 *         32-bit write of its low half at 0x14, starts the transfer)
 * A DMA transfer makes the device read a 16-byte descriptor
 *   { be32 control; be32 length; be64 address; }
 * at the written physical address, then read or write `length` bytes at
 * `address`, and write the status back into `control`. Unmediated, a guest
 * points the descriptor or the data at vel2's memory (issue 8).
 *
 * vel2 keeps the frame out of stage 2 and emulates it: data and selector
 * accesses are passed through (no addresses in them); the DMA address
 * register is vel2's. On the trigger, vel2 copies the guest's descriptor
 * into its own memory (per CPU), validates that copy (descriptor and data
 * inside guest RAM, only the read/skip/select operations), points the real
 * device at the copy and hands the resulting status back to the guest's
 * descriptor. Nothing the guest changes after the check reaches the device.
 *
 * Refused: the write direction (guest memory -> device). The only writable
 * items on virt (etc/ramfb, etc/vmgenid_addr, etc/vmcoreinfo, with their
 * devices) hold physical addresses that QEMU later uses unchecked.
 * A refused or invalid transfer gets the device's own error answer, the
 * error bit in control; a descriptor outside guest RAM is ignored (there is
 * nowhere to answer).
 */
#include "dev.h"

#define FWCFG_DATA 0x00
#define FWCFG_SELECTOR 0x08
#define FWCFG_DMA 0x10
#define FWCFG_DMA_LO 0x14

#define CTL_ERROR (1U << 0)
#define CTL_READ (1U << 1)
#define CTL_SKIP (1U << 2)
#define CTL_SELECT (1U << 3)
#define CTL_WRITE (1U << 4)
#define CTL_SELECTOR_MASK 0xffff0000U

struct fwcfg_dma {
	u32 control, length; /* big-endian */
	u64 address; /* big-endian */
};

static struct fwcfg_dma copies[HV_MAX_CPUS] __attribute__((aligned(64)));
/* The high half of the DMA address register, as the device would hold it
 * (written by a 32-bit store at 0x10). */
static u32 dma_hi;

static void copy_in(void *dst, u64 pa, unsigned int n)
{
	/* Byte loads: the guest's descriptor need not be aligned, and vel2's
	 * accesses (MMU off, Device memory) must be. */
	for (unsigned int i = 0; i < n; i++)
		((uint8_t *)dst)[i] = *(volatile uint8_t *)(pa + i);
}

static void copy_out(u64 pa, const void *src, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		*(volatile uint8_t *)(pa + i) = ((const uint8_t *)src)[i];
}

static bool transfer_ok(u32 control, u32 length, u64 address)
{
	if (control & ~(CTL_SELECTOR_MASK | CTL_READ | CTL_SKIP | CTL_SELECT))
		return false; /* ERROR set on entry, WRITE, reserved bits */
	if (!(control & CTL_READ) || !length)
		return true; /* select and/or skip: no memory access */
	return hv_guest_ram(address, length);
}

static void dma_transfer(u64 desc)
{
	struct fwcfg_dma *c = &copies[hv_this_cpu()->id];
	u32 control;

	if (!hv_guest_ram(desc, sizeof(*c)))
		return;
	copy_in(c, desc, sizeof(*c));
	if (!transfer_ok(__builtin_bswap32(c->control),
			 __builtin_bswap32(c->length),
			 __builtin_bswap64(c->address))) {
		control = __builtin_bswap32(CTL_ERROR);
		copy_out(desc, &control, sizeof(control));
		return;
	}
	dsb(sy);
	/* vel2's copy lies below 4 GiB: one 64-bit write starts it. */
	hv_mmio_write(HV_FWCFG_BASE + FWCFG_DMA, 8, __builtin_bswap64((u64)c));
	dsb(sy);
	control = c->control;
	copy_out(desc, &control, sizeof(control));
}

/*
 * Only accesses the device accepts are passed on: QEMU answers any other
 * with a bus error, which would be an external abort taken by vel2 itself.
 */
bool hv_fwcfg_access(struct hv_mmio *m)
{
	u64 off = m->ipa - HV_FWCFG_BASE;

	if (off == FWCFG_DATA) {
		if (m->write)
			return true; /* ignored by the device (read-only) */
	} else if (off == FWCFG_SELECTOR) {
		if (!m->write || m->size != 2)
			return false;
	} else if (off == FWCFG_DMA || off == FWCFG_DMA_LO) {
		if (m->size != 4 && !(m->size == 8 && off == FWCFG_DMA))
			return false;
		if (m->write) {
			/* The device is big-endian: a little-endian store
			 * of v gives it bswap(v). */
			if (m->size == 8)
				dma_transfer(__builtin_bswap64(m->val));
			else if (off == FWCFG_DMA)
				dma_hi = __builtin_bswap32((u32)m->val);
			else
				dma_transfer((u64)dma_hi << 32 |
					     __builtin_bswap32((u32)m->val));
			if (m->size == 8 || off == FWCFG_DMA_LO)
				dma_hi = 0; /* the device clears it too */
			return true;
		}
		/* Reads give the "QEMU CFG" signature: pass through. */
	} else {
		return false;
	}
	if (m->write)
		hv_mmio_write(m->ipa, m->size, m->val);
	else
		m->val = hv_mmio_read(m->ipa, m->size);
	return true;
}
