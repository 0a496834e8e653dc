// SPDX-License-Identifier: MIT
/*
 * attack_gicr: the redistributor's LPI pending table (GICR_PENDBASER, IHI
 * 0069 12.11.30) placed on vel2's code. Enabling LPIs makes the GIC read
 * that memory as pending bits; with a configuration table that enables
 * every LPI, the guest then reads vel2's bits as LPIs at ICC_IAR1_EL1
 * (and acknowledging one makes the GIC clear that bit in vel2's code).
 * Then the same with tables in guest RAM, which must work (an LPI whose
 * pending bit the guest set), and a PENDBASER rewrite while LPIs are on.
 */
#include "attack.h"

#define GICD 0x08000000UL
#define GICR 0x080a0000UL
#define GICR_CTLR 0x00
#define GICR_WAKER 0x14
#define GICR_PROPBASER 0x70
#define GICR_PENDBASER 0x78
#define ICC_SRE_EL1 s3_0_c12_c12_5
#define IDBITS 13 /* 2^14 interrupt IDs: LPIs 8192 - 16383 */

static uint8_t prop[8192] __attribute__((aligned(65536)));
static uint8_t pend[65536] __attribute__((aligned(65536)));

static u64 ack(void)
{
	u64 id;

	dsb(sy);
	isb();
	id = read_sysreg(ICC_IAR1_EL1);
	if (id >= 8192 && id < 16384)
		write_sysreg(ICC_EOIR1_EL1, id);
	isb();
	return id;
}

int main(void)
{
	u64 id;

	attack_init("attack_gicr");
	memset(prop, 0xa1, sizeof(prop)); /* priority 0xa0, enabled */
	wr32(GICD, (1U << 4) | (1U << 1)); /* ARE, EnableGrp1 */
	wr32(GICR + GICR_WAKER, 0); /* ProcessorSleep = 0 */
	while (rd32(GICR + GICR_WAKER) & 4)
		;
	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | 1);
	isb();
	write_sysreg(ICC_PMR_EL1, 0xff);
	write_sysreg(ICC_IGRPEN1_EL1, 1);
	isb();

	wr64(GICR + GICR_PROPBASER, (u64)prop | IDBITS);
	wr64(GICR + GICR_PENDBASER, ATTACK_VEL2_CODE);
	wr32(GICR + GICR_CTLR, 1); /* EnableLPIs */
	id = ack();
	rt_puts("GICR_CTLR.EnableLPIs ");
	rt_dec(rd32(GICR + GICR_CTLR) & 1);
	rt_puts(" with PENDBASER on vel2's code, ICC_IAR1 ~");
	rt_hex_short(id);
	rt_putc('\n');
	attack_result("LPI pending table on vel2's code",
		      id >= 8192 && id < 16384, "no LPI from vel2's bits",
		      "vel2's code read as pending LPIs");
	if (id >= 8192 && id < 16384)
		attack_done(); /* LPIs are on now: the rest cannot be run */

	/* The legitimate use: tables in guest RAM, LPI 8192 pending. */
	pend[8192 / 8] = 1;
	dsb(sy);
	wr64(GICR + GICR_PENDBASER, (u64)pend);
	wr32(GICR + GICR_CTLR, 1);
	rt_puts("tables in guest RAM: EnableLPIs ");
	rt_dec(rd32(GICR + GICR_CTLR) & 1);
	rt_puts(", ICC_IAR1 ");
	rt_hex_short(ack());
	rt_putc('\n');

	wr64(GICR + GICR_PENDBASER, ATTACK_VEL2_CODE);
	attack_result("PENDBASER moved to vel2's code while LPIs are on",
		      rd64(GICR + GICR_PENDBASER) == ATTACK_VEL2_CODE,
		      "the write was ignored",
		      "PENDBASER reads back vel2's code");
	attack_done();
}
