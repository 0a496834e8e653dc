/* SPDX-License-Identifier: MIT */
/*
 * The guest hypervisor's EL2 state that acts only on its guest (L2):
 * loaded into the hardware while L2 runs, saved back (what the hardware
 * changes) before the guest hypervisor runs at vEL2 again. See
 * docs/nested-gic.md.
 */
#ifndef HV_L2_SWITCH_H
#define HV_L2_SWITCH_H

#include "hv.h"

#include <vel2/hwcfg.h>

/* Before every generic entry, before vel2_hwcfg(): the guest hypervisor
 * left its guest, its GIC state goes back to the stored copies. */
void hv_l2_save(struct hv_cpu *cpu);
/* ... and after it: switch what cfg->l2 says. */
void hv_l2_switch(struct hv_cpu *cpu, const struct vel2_hwcfg *cfg);

#endif
