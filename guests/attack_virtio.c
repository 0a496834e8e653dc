// SPDX-License-Identifier: MIT
/*
 * attack_virtio: a virtio-blk device on a virtio-mmio transport (legacy
 * interface, QEMU's default; virtio 1.x spec 4.2.4) reads sector 0 of its
 * disk into vel2's stage 2 table. The disk holds the 64 block descriptors
 * of tests/qemu/attack.sh, so the read maps vel2 into the guest.
 */
/* qemu: -drive if=none,id=d0,format=raw,readonly=on,file=@S2BIN@ -device virtio-blk-device,drive=d0 */
#include "attack.h"

#define VMMIO 0x0a000000UL
#define MAGIC 0x74726976 /* "virt" */
#define QNUM 8

struct desc {
	u64 addr;
	u32 len;
	uint16_t flags, next;
};

static uint8_t ring[2 * 4096] __attribute__((aligned(4096)));
static struct {
	u32 type, reserved;
	u64 sector;
} req;
static volatile uint8_t status = 0xff;

static u64 find_blk(void)
{
	for (int i = 31; i >= 0; i--) {
		u64 t = VMMIO + 0x200UL * (unsigned int)i;
		u64 f = attack_faults;
		u32 magic = rd32(t), id = rd32(t + 8);

		if (attack_faults != f)
			return 0; /* the transports are not reachable */
		if (magic == MAGIC && id == 2)
			return t;
	}
	return 1;
}

int main(void)
{
	struct desc *d = (struct desc *)ring;
	volatile uint16_t *avail = (uint16_t *)(ring + 16 * QNUM);
	volatile uint16_t *used = (uint16_t *)(ring + 4096);
	u64 t;

	attack_init("attack_virtio");
	t = find_blk();
	if (t == 1) {
		rt_puts("no virtio-blk device: the harness's -device?\n");
		rt_exit(2);
	}
	if (!t) {
		attack_result("virtio-blk DMA into vel2's stage 2", false,
			      "virtio-mmio transports not reachable", "");
		attack_done();
	}
	rt_puts("virtio-blk found, version ");
	rt_dec(rd32(t + 4));
	rt_putc('\n');
	wr32(t + 0x70, 0); /* Status: reset */
	wr32(t + 0x70, 1 | 2); /* ACKNOWLEDGE | DRIVER */
	wr32(t + 0x20, 0); /* GuestFeatures */
	wr32(t + 0x28, 4096); /* GuestPageSize */
	wr32(t + 0x30, 0); /* QueueSel */
	wr32(t + 0x38, QNUM); /* QueueNum */
	wr32(t + 0x3c, 4096); /* QueueAlign */
	wr32(t + 0x40, (u32)((u64)ring >> 12)); /* QueuePFN */
	wr32(t + 0x70, 1 | 2 | 4); /* DRIVER_OK */

	req.type = 0; /* VIRTIO_BLK_T_IN */
	req.sector = 0;
	d[0] = (struct desc){ (u64)&req, 16, 1, 1 }; /* NEXT */
	d[1] = (struct desc){ attack_target(), 512, 1 | 2, 2 }; /* WRITE */
	d[2] = (struct desc){ (u64)&status, 1, 2, 0 };
	avail[2] = 0; /* ring[0]: descriptor 0 */
	dsb(sy);
	avail[1] = 1; /* idx */
	dsb(sy);
	wr32(t + 0x50, 0); /* QueueNotify */
	for (u64 n = 0; used[1] == 0 && n < 100000000; n++)
		dsb(sy);
	rt_puts("virtio-blk request done: ");
	rt_puts(used[1] ? "yes" : "no");
	rt_puts(", status ~");
	rt_hex_short(status);
	rt_putc('\n');
	attack_result("virtio-blk DMA into vel2's stage 2",
		      attack_vel2_readable(), "vel2's code not readable",
		      READABLE);
	attack_done();
}
