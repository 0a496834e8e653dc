// SPDX-License-Identifier: MIT
/*
 * pcidma: a PCI device's DMA into the guest's own RAM, natively and under
 * vel2, where QEMU's SMMUv3 is vel2's and translates the device's bus
 * addresses through vel2's stage 2 (hv/dev/smmu.c, docs/isolation.md).
 * The consoles must match: RAM -> device -> RAM round trips of 64, 512 and
 * 4096 bytes at several places in guest RAM, the last one near the end of
 * the 128 MiB; then the same with a second edu behind a PCIe root port
 * (StreamID 0x100: bus 1, which vel2's two-level stream table covers).
 * Under vel2 without the SMMU, PCIe is refused and the device cannot be
 * found.
 */
/* qemu: -M iommu=smmuv3,highmem=off -device edu,dma_mask=0xffffffff -device pcie-root-port,id=rp0,chassis=1 -device edu,bus=rp0,dma_mask=0xffffffff */
#include "edu.h"

static u64 src[512] __attribute__((aligned(4096)));
static u64 dst[512] __attribute__((aligned(4096)));
#define HIGH 0x47ff0000UL /* near the end of -m 128M */

static u64 sum(const u64 *p, unsigned int n)
{
	u64 h = 0;

	for (unsigned int i = 0; i < n; i++)
		h = h * 31 + p[i];
	return h;
}

static void round_trip(u64 bar, u64 from, u64 to, u64 len)
{
	u64 *f = (u64 *)from, *t = (u64 *)to;
	bool ok;

	for (unsigned int i = 0; i < len / 8; i++) {
		f[i] = 0x0123456789abcdefUL * (i + 1) ^ from ^ len;
		t[i] = 0;
	}
	ok = edu_from_ram_at(bar, from, len) && edu_to_ram_at(bar, to, len);
	rt_puts("dma ");
	rt_dec(len);
	rt_puts(" bytes ");
	rt_puts(ok ? "done" : "TIMEOUT");
	rt_puts(", copy ");
	rt_puts(sum(f, len / 8) == sum(t, len / 8) ? "equal" : "DIFFERS");
	rt_puts(", checksum ");
	rt_hex(sum(t, len / 8));
	rt_putc('\n');
}

int main(void)
{
	u64 cfg = edu_find();

	if (!cfg) {
		rt_puts("pcidma: no edu device on bus 0\n");
		rt_exit(1);
	}
	rt_puts("pcidma: edu at device ");
	rt_dec((cfg - ECAM) >> 15);
	rt_putc('\n');
	edu_setup(cfg, EDU_BAR0);
	rt_puts("edu id ");
	rt_hex_short(*(volatile u32 *)EDU_BAR0);
	rt_putc('\n');
	round_trip(EDU_BAR0, (u64)src, (u64)dst, 64);
	round_trip(EDU_BAR0, (u64)src, (u64)dst, 512);
	round_trip(EDU_BAR0, (u64)src, (u64)dst, 4096);
	round_trip(EDU_BAR0, (u64)dst, HIGH, 4096);

	if (!pci_open_root_port()) {
		rt_puts("pcidma: no PCIe root port on bus 0\n");
		rt_exit(1);
	}
	cfg = pci_find(1, EDU_ID);
	if (!cfg) {
		rt_puts("pcidma: no edu device on bus 1\n");
		rt_exit(1);
	}
	rt_puts("pcidma: edu behind the root port, bus 1 device ");
	rt_dec((cfg - ECAM - (1UL << 20)) >> 15);
	rt_putc('\n');
	edu_setup(cfg, EDU_BAR1);
	rt_puts("edu id ");
	rt_hex_short(*(volatile u32 *)EDU_BAR1);
	rt_putc('\n');
	round_trip(EDU_BAR1, (u64)src, (u64)dst, 4096);
	round_trip(EDU_BAR1, (u64)dst, HIGH, 512);
	rt_exit(0);
}
