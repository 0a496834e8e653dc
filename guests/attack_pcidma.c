// SPDX-License-Identifier: MIT
/*
 * attack_pcidma: a PCI device (QEMU's edu, guests/edu.h) made a bus
 * master by the guest and told to DMA at vel2. PCIe is offered to the
 * guest because vel2's SMMUv3 translates every device address through
 * vel2's stage 2 (hv/dev/smmu.c); this guest checks that the device works
 * for the guest's own RAM (else the "blocked" lines below prove nothing:
 * it exits 2) and that it reaches nothing of vel2's:
 *   1. DMA write of 64 stage 2 block descriptors into vel2's stage 2
 *      table (the harness's target): would map vel2 into the guest;
 *   2. DMA read of vel2's code into the device and back into guest RAM;
 *   3. DMA writes into the SMMU's own registers (GBPA = bypass with
 *      UPDATE, CR0 = 0) to switch translation off, then attack 1 again;
 *   4. the CPU reading the SMMU's registers (it is vel2's, not mapped).
 */
/* qemu: -M iommu=smmuv3,highmem=off -device edu,dma_mask=0xffffffff */
#include "attack.h"
#include "edu.h"

#define SMMU 0x09050000UL
#define SMMU_CR0 (SMMU + 0x20)
#define SMMU_GBPA (SMMU + 0x44)

static u64 desc[64] __attribute__((aligned(4096)));
static u64 back[64] __attribute__((aligned(4096)));
static u32 word[2] __attribute__((aligned(8)));

static bool same(const u64 *a, const u64 *b)
{
	for (unsigned int i = 0; i < 64; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static bool all_zero(const u64 *a)
{
	for (unsigned int i = 0; i < 64; i++)
		if (a[i])
			return false;
	return true;
}

static void need(bool ok, const char *what)
{
	if (ok)
		return;
	rt_puts("attack_pcidma: ");
	rt_puts(what);
	rt_puts(": the test proves nothing\n");
	rt_exit(2);
}

/* The descriptors into the device, then the device's buffer at `to`. */
static void dma_descriptors_to(u64 to)
{
	need(edu_from_ram((u64)desc, sizeof(desc)), "DMA from RAM timed out");
	need(edu_to_ram(to, sizeof(desc)), "DMA to the target timed out");
}

/* A 4-byte DMA write of v at bus address a (through the device buffer). */
static void dma_word(u64 a, u32 v)
{
	word[0] = v;
	need(edu_from_ram((u64)word, 4), "DMA from RAM timed out");
	need(edu_to_ram(a, 4), "DMA to the SMMU timed out");
}

int main(void)
{
	u64 cfg, f;

	attack_init("attack_pcidma");
	f = attack_faults;
	cfg = edu_find();
	need(attack_faults == f, "PCIe config space not reachable");
	need(cfg, "no edu device on bus 0 (the harness's -device?)");
	edu_setup(cfg, EDU_BAR0);
	need(*(volatile u32 *)EDU_BAR0 == 0x010000ed, "edu BAR0 not working");
	for (unsigned int i = 0; i < 64; i++)
		desc[i] = (0x40000000UL + ((u64)i << 21)) | 0x7fd;

	/* The device works for the guest's own RAM. */
	dma_descriptors_to((u64)back);
	need(same(desc, back), "DMA into the guest's own RAM lost data");
	rt_puts("edu DMA into the guest's own RAM: works\n");

	/* 1. Into vel2's stage 2 table. */
	dma_descriptors_to(attack_target());
	attack_result("PCI DMA write into vel2's stage 2",
		      attack_vel2_readable(), "vel2's code not readable",
		      READABLE);

	/* 2. vel2's code into the device, then back to the guest. */
	need(edu_from_ram((u64)desc, sizeof(desc)), "DMA timed out");
	need(edu_from_ram(ATTACK_VEL2_CODE, sizeof(back)), "DMA timed out");
	need(edu_to_ram((u64)back, sizeof(back)), "DMA timed out");
	attack_result("PCI DMA read of vel2's code",
		      !same(back, desc) && !all_zero(back),
		      "the device read nothing of vel2's",
		      "vel2's code copied into guest RAM");

	/* 3. Switch the SMMU off behind vel2's back, then attack 1 again. */
	/* GBPA first: once SMMUEN is 0, GBPA.ABORT would stop the rest. */
	dma_word(SMMU_GBPA, 1U << 31); /* UPDATE, ABORT = 0: bypass */
	dma_word(SMMU_CR0, 0);
	dma_descriptors_to(attack_target());
	attack_result("PCI DMA into the SMMU's registers, then vel2's stage 2",
		      attack_vel2_readable(), "vel2's code not readable",
		      READABLE);

	/* 4. The SMMU's registers from the CPU. */
	f = attack_faults;
	wr32(SMMU_CR0, 0);
	attack_result("CPU write to the SMMU's CR0", attack_faults == f,
		      "external abort", "no abort: the SMMU frame is mapped");
	attack_done();
}
