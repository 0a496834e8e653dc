// SPDX-License-Identifier: MIT
/*
 * Trapped MMIO: a guest load or store to a frame vel2 left out of its
 * stage 2 (stage2.c) arrives as a data abort from a lower EL (EC 0x24).
 * When the hardware gives a valid instruction syndrome (Arm ARM D24.2,
 * ESR_EL2 ISS for data aborts, as the library decodes it into e->syn.abt),
 * vel2 performs or refuses the access
 * for the device model that owns the frame. The IPA is HPFAR_EL2.FIPA
 * (IPA[51:12] in bits [43:4]) plus FAR_EL2[11:0].
 *
 * Anything else (no ISV: pairs, writeback, SIMD; a stage 1 walk into the
 * frame; an unaligned access; a frame with no model) is refused: the caller
 * injects the synchronous external abort an address without a device gives.
 */
#include "dev.h"

#include <vel2/trap.h>

/* DFSC 0b0001LL: translation fault, level LL (ESR_EL2 ISS, DFSC). */
#define DFSC_TRANSLATION(fsc) (((fsc)&0x3c) == 0x04) /* levels 0-3 */

/* Exits mediation costs, per CPU (written by the owner only). */
enum { MMIO_FWCFG, MMIO_GICR, MMIO_REFUSED, MMIO_NR };
static u64 counts[HV_MAX_CPUS][MMIO_NR];

static bool dispatch(struct hv_mmio *m)
{
	u64 *c = counts[hv_this_cpu()->id];
	u64 page = m->ipa & ~0xfffUL;

	if (page == HV_FWCFG_BASE) {
		c[MMIO_FWCFG]++;
		return hv_fwcfg_access(m);
	}
	if (page >= HV_GICR_BASE &&
	    page < HV_GICR_BASE + hv_gicr_count() * HV_GICR_STRIDE &&
	    (page - HV_GICR_BASE) % HV_GICR_STRIDE == 0) {
		c[MMIO_GICR]++;
		return hv_gicr_access((page - HV_GICR_BASE) / HV_GICR_STRIDE,
				      m);
	}
	return false;
}

void hv_mmio_print(void)
{
	u64 sum[MMIO_NR] = { 0 };

	for (unsigned int cpu = 0; cpu < HV_MAX_CPUS; cpu++)
		for (unsigned int i = 0; i < MMIO_NR; i++)
			sum[i] += counts[cpu][i];
	hv_puts("mmio: mediated exits fw_cfg ");
	hv_dec(sum[MMIO_FWCFG]);
	hv_puts(" gicr ");
	hv_dec(sum[MMIO_GICR]);
	hv_puts(", stage 2 aborts refused ");
	hv_dec(sum[MMIO_REFUSED]);
	hv_puts("\n");
	hv_smmu_print();
}

bool hv_mmio_abort(struct vel2_exit *e)
{
	/* The library's decode of the syndrome (vel2_handle_exit). */
	const typeof(e->syn.abt) *abt = &e->syn.abt;
	struct hv_mmio m;
	unsigned int rt;

	if (e->syn.ec != VEL2_EC_DABT_LOW || !abt->isv || abt->s1ptw ||
	    !DFSC_TRANSLATION(abt->fsc))
		goto refused;
	m.size = 1U << abt->sas;
	m.ipa = ((e->hpfar >> 4) << 12) | (e->far & 0xfff);
	m.write = abt->wnr;
	if (m.ipa & (m.size - 1))
		goto refused;
	rt = abt->srt;
	m.val = m.write && rt != 31 ? e->x[rt] : 0;
	if (m.write && m.size < 8)
		m.val &= (1UL << (8 * m.size)) - 1;
	if (!dispatch(&m))
		goto refused;
	if (!m.write && rt != 31) {
		u64 v = m.val;

		if (abt->sse && m.size < 8) {
			unsigned int sh = 64 - 8 * m.size;

			v = (u64)((int64_t)(v << sh) >> sh);
		}
		if (!abt->sf)
			v &= 0xffffffffUL;
		e->x[rt] = v;
	}
	vel2_exit_skip(e);
	return true;
refused:
	counts[hv_this_cpu()->id][MMIO_REFUSED]++;
	return false;
}
