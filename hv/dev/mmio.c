// SPDX-License-Identifier: MIT
/*
 * Trapped MMIO: a guest load or store to a frame vel2 left out of its
 * stage 2 (stage2.c) arrives as a data abort from a lower EL (EC 0x24).
 * When the hardware gives a valid instruction syndrome (Arm ARM D24.2,
 * ESR_EL2 ISS for data aborts: ISV[24], SAS[23:22], SSE[21], SRT[20:16],
 * SF[15], S1PTW[7], WnR[6], DFSC[5:0]), vel2 performs or refuses the access
 * for the device model that owns the frame. The IPA is HPFAR_EL2.FIPA
 * (IPA[51:12] in bits [43:4]) plus FAR_EL2[11:0].
 *
 * Anything else (no ISV: pairs, writeback, SIMD; a stage 1 walk into the
 * frame; an unaligned access; a frame with no model) is refused: the caller
 * injects the synchronous external abort an address without a device gives.
 */
#include "dev.h"

#include <vel2/trap.h>

#define ISS_ISV (1UL << 24)
#define ISS_SAS(iss) (((iss) >> 22) & 3)
#define ISS_SSE (1UL << 21)
#define ISS_SRT(iss) (((iss) >> 16) & 0x1f)
#define ISS_SF (1UL << 15)
#define ISS_S1PTW (1UL << 7)
#define ISS_WNR (1UL << 6)
#define ISS_DFSC(iss) ((iss)&0x3f)
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
}

bool hv_mmio_abort(struct vel2_exit *e)
{
	u64 iss = ESR_ISS(e->esr);
	struct hv_mmio m;
	unsigned int rt;

	if (ESR_EC(e->esr) != EC_DABT_LOW || !(iss & ISS_ISV) ||
	    (iss & ISS_S1PTW) || !DFSC_TRANSLATION(ISS_DFSC(iss)))
		goto refused;
	m.size = 1U << ISS_SAS(iss);
	m.ipa = ((e->hpfar >> 4) << 12) | (e->far & 0xfff);
	m.write = iss & ISS_WNR;
	if (m.ipa & (m.size - 1))
		goto refused;
	rt = ISS_SRT(iss);
	m.val = m.write && rt != 31 ? e->x[rt] : 0;
	if (m.write && m.size < 8)
		m.val &= (1UL << (8 * m.size)) - 1;
	if (!dispatch(&m))
		goto refused;
	if (!m.write && rt != 31) {
		u64 v = m.val;

		if ((iss & ISS_SSE) && m.size < 8) {
			unsigned int sh = 64 - 8 * m.size;

			v = (u64)((int64_t)(v << sh) >> sh);
		}
		if (!(iss & ISS_SF))
			v &= 0xffffffffUL;
		e->x[rt] = v;
	}
	vel2_exit_skip(e);
	return true;
refused:
	counts[hv_this_cpu()->id][MMIO_REFUSED]++;
	return false;
}
