// SPDX-License-Identifier: MIT
/*
 * The SMMUv3 of QEMU's virt machine (-M virt,iommu=smmuv3, which puts
 * every PCIe device behind it), owned by vel2 and hidden from the guest:
 * each stream translates through vel2's own stage 2 (stage2.c), so a PCIe
 * device reaches exactly what the guest's CPU reaches, guest RAM and
 * device frames, never vel2's memory nor the frames vel2 mediates. Arm
 * SMMUv3 architecture specification (IHI 0070), cited by chapter and
 * register, structure or command name:
 *
 *   - chapter 6 registers: IDR0.S2P, TTF, ST_LEVEL; IDR1 queue and StreamID
 *     sizes; IDR5.GRAN4K, OAS; CR0/CR0ACK enables; CR1 (attributes of the
 *     SMMU's own table and queue accesses); CR2; GBPA; STRTAB_BASE(_CFG);
 *     CMDQ_BASE/PROD/CONS; EVENTQ_BASE/PROD/CONS (page 1).
 *   - chapter 5 STE: V, Config = 0b110 (stage 1 bypass, stage 2 translate),
 *     S2VMID, S2T0SZ, S2SL0, S2IR0/S2OR0/S2SH0, S2TG, S2PS, S2AA64, S2R,
 *     S2TTB: taken from VTCR_EL2/VTTBR_EL2 (stage2.c), whatever layout
 *     that stage 2 has.
 *   - chapter 4 commands: CFGI_ALL, TLBI_S12_VMALL, TLBI_NSNH_ALL,
 *     CMD_SYNC.
 *   - chapter 7 events: recorded (S2R=1) in a queue vel2 drains when it prints
 *     its statistics, so the tests see each blocked DMA.
 *
 * Every STE is the same, so one 256-entry table of them (16 KiB) serves
 * every bus: with a two-level stream table (IDR0.ST_LEVEL = 1) each of the
 * 256 level 1 descriptors (SPLIT = 8, StreamID = bus << 8 | devfn) points
 * at it; with a linear table only bus 0 is covered, and a StreamID beyond
 * it gets C_BAD_STREAMID: aborted, never untranslated. SMMU_GBPA.ABORT
 * aborts everything while SMMUEN is 0.
 * vel2 runs with its MMU off (Device-nGnRnE, no caches), so CR1 says its
 * tables and queues are Non-cacheable; the stage 2 walk attributes follow
 * VTCR_EL2 as the CPU's walks do.
 */
#include "dev.h"

#include <vel2/fdt.h>

#include <libfdt.h>

#define IDR0 0x00
#define IDR1 0x04
#define IDR5 0x14
#define CR0 0x20
#define CR0ACK 0x24
#define CR1 0x28
#define CR2 0x2c
#define GBPA 0x44
#define IRQ_CTRL 0x50
#define GERROR 0x60
#define STRTAB_BASE 0x80
#define STRTAB_BASE_CFG 0x88
#define CMDQ_BASE 0x90
#define CMDQ_PROD 0x98
#define CMDQ_CONS 0x9c
#define EVENTQ_BASE 0xa0
#define EVENTQ_PROD 0x100a8 /* page 1 */
#define EVENTQ_CONS 0x100ac

#define IDR0_S2P (1U << 0)
#define IDR0_TTF_AA64 (1U << 3) /* TTF [3:2] = 0b10 or 0b11 */
#define CR0_SMMUEN (1U << 0)
#define CR0_EVENTQEN (1U << 2)
#define CR0_CMDQEN (1U << 3)
#define CR2_RECINVSID (1U << 1)
#define CR2_PTM (1U << 2) /* no broadcast TLBI: vel2's tables are static */
#define GBPA_ABORT (1U << 20)
#define GBPA_UPDATE (1U << 31)
#define GERROR_CMDQ_ERR (1U << 0)
#define BASE_RA (1UL << 62) /* read-allocate (WA for the event queue) */

#define STRTAB_LOG2 8 /* the STEs of one bus; SPLIT of the 2-level table */
#define IDR0_ST_LEVEL_2 (1U << 27) /* ST_LEVEL [28:27] = 0b01 */
#define STRTAB_FMT_2LVL (1U << 16)
#define STRTAB_SPLIT(n) ((n) << 6)
#define L1STD_SPAN(n) ((u64)(n) + 1) /* 2^(Span-1) STEs */
#define Q_LOG2 5 /* 32 commands */
#define Q_WRAP (1U << Q_LOG2)
#define Q_IDX(p) ((p) & (Q_WRAP - 1))
#define EQ_LOG2 7 /* 128 events */
#define EQ_WRAP (1U << EQ_LOG2)
#define Q_OVFLG (1U << 31) /* EVENTQ_PROD.OVFLG, EVENTQ_CONS.OVACKFLG */

/* STE (chapter 5, Stream Table Entry): dword 0 and the stage 2 dword 2; S2TTB
 * is dword 3. */
#define STE_V (1UL << 0)
#define STE_CFG_S2 (6UL << 1) /* Config [3:1] = 0b110 */
#define STE_SHCFG_INCOMING (1UL << 44) /* dword 1 */
/*
 * S2T0SZ [37:32], S2SL0 [39:38], S2IR0 [41:40], S2OR0 [43:42], S2SH0
 * [45:44], S2TG [47:46], S2PS [50:48] of dword 2 are VTCR_EL2's T0SZ
 * [5:0], SL0 [7:6], IRGN0, ORGN0, SH0, TG0 [15:14], PS [18:16] (Arm ARM
 * D23.2.186) with the same encodings, 32 bits higher.
 */
#define VTCR_S2_FIELDS 0x7ffffUL
#define VTCR_TG0(v) (((v) >> 14) & 3) /* 0 4K, 1 64K, 2 16K */
#define VTCR_PS(v) (((v) >> 16) & 7)
#define STE_S2AA64 (1UL << 51)
#define STE_S2R (1UL << 58)

/* Command opcodes (chapter 4). */
#define CMD_CFGI_ALL 0x04 /* CFGI_STE_RANGE with Range = 31 */
#define CMD_TLBI_S12_VMALL 0x28
#define CMD_TLBI_NSNH_ALL 0x30
#define CMD_SYNC 0x46

#define POLL_LIMIT 10000000UL

/*
 * Each table and queue aligned to its size (SMMU_STRTAB_BASE, CMDQ_BASE,
 * EVENTQ_BASE: the SMMU ignores the address bits below it); STEs and level 1
 * contiguous for hv_smmu_tables().
 */
static struct {
	u64 ste[1U << STRTAB_LOG2][8]; /* 16 KiB */
	u64 l1[1U << STRTAB_LOG2]; /* level 1: one descriptor per bus */
	u64 cmdq[Q_WRAP][2] __attribute__((aligned(Q_WRAP * 16)));
	u64 eventq[EQ_WRAP][4] __attribute__((aligned(EQ_WRAP * 32)));
} smmu __attribute__((aligned(1U << (STRTAB_LOG2 + 6))));

static u64 base; /* 0: no SMMU in QEMU's DTB */
static bool confining;
static u32 cmd_prod;
static u64 events, last_event[4];
static bool overflowed;

static u32 rd(u64 off)
{
	return (u32)hv_mmio_read(base + off, 4);
}

static void wr(u64 off, u32 v)
{
	hv_mmio_write(base + off, 4, v);
}

static void __attribute__((noreturn)) fail(const char *what)
{
	hv_puts("FATAL: smmu: ");
	hv_puts(what);
	hv_puts("\n");
	hv_exit(1);
}

static void wait_eq(u64 off, u32 mask, u32 want, const char *what)
{
	for (u64 n = 0; n < POLL_LIMIT; n++)
		if ((rd(off) & mask) == want)
			return;
	fail(what);
}

/* CR0 and its acknowledgement (SMMU_CR0ACK follows SMMU_CR0). */
static void set_cr0(u32 v)
{
	wr(CR0, v);
	wait_eq(CR0ACK, ~0U, v, "CR0ACK did not follow CR0");
}

static void cmd(u64 w0, u64 w1)
{
	u32 idx = Q_IDX(cmd_prod);

	smmu.cmdq[idx][0] = w0;
	smmu.cmdq[idx][1] = w1;
	dsb(sy);
	cmd_prod = (cmd_prod + 1) & (2 * Q_WRAP - 1);
	wr(CMDQ_PROD, cmd_prod);
}

/* CMD_SYNC, then wait until the SMMU consumed everything (CMD_SYNC: completes
 * all earlier commands). */
static void cmd_sync(void)
{
	cmd(CMD_SYNC, 0);
	wait_eq(CMDQ_CONS, 2 * Q_WRAP - 1, cmd_prod, "CMD_SYNC not consumed");
	if (rd(GERROR) & GERROR_CMDQ_ERR)
		fail("command queue error");
}

static u64 cells(const fdt32_t *p, int n)
{
	return n == 2 ? (u64)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]) :
			fdt32_to_cpu(p[0]);
}

/* The SMMU node of QEMU's DTB (compatible "arm,smmu-v3"), reg in its
 * parent's cells. */
static u64 find_smmu(const void *dtb, u64 *size)
{
	int node = fdt_node_offset_by_compatible(dtb, -1, "arm,smmu-v3");
	int parent, ac, sc, len;
	const fdt32_t *reg;

	if (node < 0)
		return 0;
	parent = fdt_parent_offset(dtb, node);
	ac = parent < 0 ? -1 : fdt_address_cells(dtb, parent);
	sc = parent < 0 ? -1 : fdt_size_cells(dtb, parent);
	reg = fdt_getprop(dtb, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc))
		fail("SMMU node without a usable reg");
	*size = cells(reg + ac, sc);
	return cells(reg, ac);
}

u64 hv_smmu_probe(const void *dtb, u64 *size)
{
	*size = 0;
	base = find_smmu(dtb, size);
	/* Both 64 KiB register pages, below the 1 GiB MMIO part of stage 2
	 * (stage2.c unmaps them). */
	if (base && (*size < 0x20000 || base >= 0x40000000UL ||
		     *size > 0x40000000UL - base || (base & 0xffff)))
		fail("SMMU registers outside what vel2 can unmap");
	return base;
}

/*
 * Program the SMMU: every stream through the stage 2 the CPUs use (root
 * table s2_root, walked as VTCR_EL2 = vtcr says), everything else
 * aborted. False (PCIe stays refused) when the SMMU cannot do stage 2
 * translation with those tables; it is left with GBPA.ABORT, so no DMA
 * passes.
 */
bool hv_smmu_enable(u64 s2_root, u64 vtcr)
{
	/* SMMU_IDR5: GRAN4K [4], GRAN16K [5], GRAN64K [6]; OAS [2:0] in
	 * VTCR_EL2.PS's encoding. */
	static const u32 gran[4] = { 1U << 4, 1U << 6, 1U << 5, 0 };
	u32 idr0, idr1, idr5, sidsize;
	u64 ste2;
	bool two_level;

	if (!base)
		return false;
	/* Disabled first (SMMU_CR0), then abort every incoming transaction
	 * while it is (SMMU_GBPA: UPDATE completes the write). */
	set_cr0(0);
	wr(GBPA, GBPA_ABORT | GBPA_UPDATE);
	wait_eq(GBPA, GBPA_UPDATE, 0, "GBPA update did not complete");

	idr0 = rd(IDR0);
	idr1 = rd(IDR1);
	idr5 = rd(IDR5);
	if (!(idr0 & IDR0_S2P) || !(idr0 & IDR0_TTF_AA64) ||
	    !(idr5 & gran[VTCR_TG0(vtcr)]) || (idr5 & 7) < VTCR_PS(vtcr) ||
	    (idr1 & 0x3f) < STRTAB_LOG2 || ((idr1 >> 21) & 0x1f) < Q_LOG2 ||
	    ((idr1 >> 16) & 0x1f) < EQ_LOG2) {
		hv_line("smmu: no stage 2 translation (SMMU_IDR0.S2P): PCIe "
			"stays refused, all DMA aborted");
		return false;
	}

	/* S2VMID 0: the CPUs' VMID (VTTBR_EL2, stage2.c). */
	ste2 = (vtcr & VTCR_S2_FIELDS) << 32 | STE_S2AA64 | STE_S2R;
	for (unsigned int i = 0; i < (1U << STRTAB_LOG2); i++) {
		smmu.ste[i][0] = STE_V | STE_CFG_S2;
		smmu.ste[i][1] = STE_SHCFG_INCOMING;
		smmu.ste[i][2] = ste2;
		smmu.ste[i][3] = s2_root & 0xffffffffffff0UL; /* S2TTB [51:4] */
		for (unsigned int j = 4; j < 8; j++)
			smmu.ste[i][j] = 0;
	}
	/* Level 1 descriptors (chapter 5, Level 1 Stream Table Descriptor):
	 * L2Ptr [51:6], Span [4:0]. */
	sidsize = idr1 & 0x3f;
	two_level = (idr0 & IDR0_ST_LEVEL_2) && sidsize > STRTAB_LOG2;
	if (sidsize > 16)
		sidsize = 16; /* PCIe: 16-bit requester IDs */
	for (unsigned int i = 0; i < (1U << STRTAB_LOG2); i++)
		smmu.l1[i] = (u64)smmu.ste | L1STD_SPAN(STRTAB_LOG2);
	dsb(sy);

	wr(IRQ_CTRL, 0); /* vel2 polls; no interrupts */
	wr(CR1, 0); /* queues and tables: Non-cacheable, as vel2 sees them */
	wr(CR2, CR2_RECINVSID | CR2_PTM);
	if (two_level) {
		hv_mmio_write(base + STRTAB_BASE, 8, (u64)smmu.l1 | BASE_RA);
		wr(STRTAB_BASE_CFG,
		   STRTAB_FMT_2LVL | STRTAB_SPLIT(STRTAB_LOG2) | sidsize);
	} else {
		hv_mmio_write(base + STRTAB_BASE, 8, (u64)smmu.ste | BASE_RA);
		wr(STRTAB_BASE_CFG, STRTAB_LOG2); /* FMT 0: linear */
	}
	hv_mmio_write(base + CMDQ_BASE, 8, (u64)smmu.cmdq | BASE_RA | Q_LOG2);
	wr(CMDQ_PROD, 0);
	wr(CMDQ_CONS, 0);
	hv_mmio_write(base + EVENTQ_BASE, 8,
		      (u64)smmu.eventq | BASE_RA | EQ_LOG2);
	wr(EVENTQ_PROD, 0);
	wr(EVENTQ_CONS, 0);
	cmd_prod = 0;

	set_cr0(CR0_CMDQEN);
	/* Nothing cached from before vel2 may survive (CFGI_ALL, TLBI_*). */
	cmd(CMD_CFGI_ALL, 31);
	cmd(CMD_TLBI_S12_VMALL, 0); /* VMID 0 in dword 0 [47:32] */
	cmd(CMD_TLBI_NSNH_ALL, 0);
	cmd_sync();
	set_cr0(CR0_CMDQEN | CR0_EVENTQEN);
	set_cr0(CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN);
	confining = true;
	hv_line(two_level ? "smmu: PCIe DMA translated by vel2's stage 2, "
			    "every bus" :
			    "smmu: PCIe DMA translated by vel2's stage 2, "
			    "bus 0 only");
	return true;
}

bool hv_smmu_confining(void)
{
	return confining;
}

/* The stream table (STEs and level 1), static once programmed. */
const void *hv_smmu_tables(u64 *size)
{
	*size = confining ? sizeof(smmu.ste) + sizeof(smmu.l1) : 0;
	return smmu.ste;
}

/* Drain the event queue (chapter 7; PROD/CONS: index plus wrap bit). */
static void drain_events(void)
{
	u32 prod, cons, ovf;

	if (!confining)
		return;
	prod = rd(EVENTQ_PROD);
	ovf = prod & Q_OVFLG;
	prod &= 2 * EQ_WRAP - 1;
	cons = rd(EVENTQ_CONS);
	/* OVFLG differs from OVACKFLG: events were lost
	 * (SMMU_EVENTQ_PROD.OVFLG). */
	overflowed |= ovf != (cons & Q_OVFLG);
	cons &= 2 * EQ_WRAP - 1;
	/* A full queue drops events too (QEMU does without OVFLG). */
	overflowed |= ((prod - cons) & (2 * EQ_WRAP - 1)) == EQ_WRAP;
	while (cons != prod) {
		for (unsigned int j = 0; j < 4; j++)
			last_event[j] = smmu.eventq[cons & (EQ_WRAP - 1)][j];
		events++;
		cons = (cons + 1) & (2 * EQ_WRAP - 1);
	}
	wr(EVENTQ_CONS, cons | ovf);
}

void hv_smmu_print(void)
{
	if (!base)
		return;
	drain_events();
	hv_puts("smmu: ");
	hv_puts(confining ? "stage 2 on" : "off, DMA aborted");
	hv_puts(", fault events ");
	hv_dec(events);
	if (overflowed)
		hv_puts(" (and more: the queue overflowed)");
	if (events) {
		/* Event record: type [7:0], StreamID [63:32], input address
		 * in dword 2 (chapter 7). */
		hv_puts(", last type ");
		hv_hex(last_event[0] & 0xff);
		hv_puts(" stream ");
		hv_hex(last_event[0] >> 32);
		hv_puts(" address ");
		hv_hex(last_event[2]);
	}
	hv_puts("\n");
}
