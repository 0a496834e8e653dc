// SPDX-License-Identifier: MIT
/*
 * The GICv3 redistributors' LPI tables (Arm IHI 0069, 12.11: GICR_CTLR,
 * GICR_PROPBASER, GICR_PENDBASER). With GICR_CTLR.EnableLPIs = 1 the GIC
 * reads the LPI configuration table at PROPBASER and reads and writes the
 * pending table at PENDBASER: physical addresses the guest chooses. A
 * pending table in vel2's memory lets a guest read vel2's bits as
 * pending LPIs and clear them by acknowledging the LPIs (issue 8).
 *
 * vel2 keeps the first 4 KiB of each RD_base frame (CTLR, TYPER, WAKER,
 * PROPBASER at 0x70, PENDBASER at 0x78, the LPI maintenance registers) out
 * of stage 2 and passes 32- and 64-bit accesses through, except:
 *   - EnableLPIs 0 -> 1 is only passed on if both tables, as the
 *     redistributor holds them at that moment, lie in guest RAM; otherwise
 *     EnableLPIs stays 0 (the guest reads it back as 0);
 *   - writes to PROPBASER/PENDBASER while EnableLPIs = 1 are ignored (the
 *     GIC architecture makes them UNPREDICTABLE, 12.11.29/12.11.30), so
 *     the tables checked are the tables used.
 * The check and the write happen under one lock: another CPU cannot change
 * a base register between them.
 *
 * Table sizes: the configuration table holds 2^(IDbits+1) - 8192 bytes,
 * the pending table 2^(IDbits+1) / 8 (IHI 0069 5.1.1); IDbits is the
 * guest's GICR_PROPBASER.IDbits, at least 13 (the smallest LPI range), so
 * the range checked covers whatever the GIC will use (QEMU uses the smaller
 * of it and GICD_TYPER.IDbits).
 *
 * vLPIs (GICv4: GICR_VPROPBASER/VPENDBASER) are not mediated: vel2 refuses
 * a GIC whose redistributors have them (hv_gicr_count).
 */
#include "dev.h"

#define GICD_BASE 0x08000000UL
#define GICR_CTLR 0x00
#define GICR_TYPER 0x08
#define GICR_PROPBASER 0x70
#define GICR_PENDBASER 0x78
#define CTLR_ENABLE_LPIS (1UL << 0)
#define TYPER_VLPIS (1UL << 1)
#define TYPER_LAST (1UL << 4)
#define PROPBASER_IDBITS(v) ((v)&0x1f)
#define PROPBASER_PA(v) ((v)&0x000ffffffffff000UL) /* [51:12] */
#define PENDBASER_PA(v) ((v)&0x000fffffffff0000UL) /* [51:16] */
#define GICR_MAX 16

static struct hv_lock gicr_lock;
static unsigned int nr_gicr;

/*
 * Walk the redistributors once (GICR_TYPER.Last ends the region). Only the
 * frames found are mediated; the rest of the GICR region has no device and
 * stays an external abort for the guest.
 */
unsigned int hv_gicr_count(void)
{
	if (nr_gicr)
		return nr_gicr;
	/* ID_AA64PFR0_EL1.GIC [27:24] = 0: no GICv3 CPU interface, so a
	 * GICv2 machine: no redistributors, no LPI tables to mediate. */
	if (!((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf))
		return 0;
	for (unsigned int i = 0; i < GICR_MAX; i++) {
		u64 typer = hv_mmio_read(
			HV_GICR_BASE + i * HV_GICR_STRIDE + GICR_TYPER, 8);

		if (typer & TYPER_VLPIS) {
			hv_line("FATAL: GICv4 vLPIs: GICR_VPROPBASER/"
				"VPENDBASER are not mediated; use "
				"gic-version=3");
			hv_exit(1);
		}
		if (typer & TYPER_LAST) {
			nr_gicr = i + 1;
			break;
		}
	}
	if (!nr_gicr) {
		hv_line("FATAL: no last redistributor in the GICR region");
		hv_exit(1);
	}
	return nr_gicr;
}

static bool tables_in_guest_ram(u64 rd)
{
	u64 prop = hv_mmio_read(rd + GICR_PROPBASER, 8);
	u64 pend = hv_mmio_read(rd + GICR_PENDBASER, 8);
	unsigned int bits = PROPBASER_IDBITS(prop) + 1;

	if (bits < 14)
		bits = 14;
	return hv_guest_ram(PROPBASER_PA(prop), (1UL << bits) - 8192) &&
	       hv_guest_ram(PENDBASER_PA(pend), (1UL << bits) / 8);
}

bool hv_gicr_access(unsigned int n, struct hv_mmio *m)
{
	u64 rd = HV_GICR_BASE + n * HV_GICR_STRIDE;
	u64 off = m->ipa - rd;

	if (m->size != 4 && m->size != 8)
		return false;
	if (!m->write) {
		m->val = hv_mmio_read(m->ipa, m->size);
		return true;
	}
	hv_lock(&gicr_lock);
	if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8) {
		if (hv_mmio_read(rd + GICR_CTLR, 4) & CTLR_ENABLE_LPIS)
			goto out; /* ignored: the tables are in use */
	} else if (off == GICR_CTLR && (m->val & CTLR_ENABLE_LPIS) &&
		   !(hv_mmio_read(rd + GICR_CTLR, 4) & CTLR_ENABLE_LPIS) &&
		   !tables_in_guest_ram(rd)) {
		m->val &= ~CTLR_ENABLE_LPIS;
	}
	hv_mmio_write(m->ipa, m->size, m->val);
out:
	hv_unlock(&gicr_lock);
	return true;
}
