/* SPDX-License-Identifier: MIT */
/*
 * vel2's shadow stage 2 for the guest hypervisor's guests (shadow_s2.c):
 * the hooks run.c, handle_exit.c and sysinsn.c call.
 */
#ifndef HV_SHADOW_S2_H
#define HV_SHADOW_S2_H

#include <vel2/hwcfg.h>
#include <vel2/trap.h>

struct hv_cpu;

/* Before entering the guest with `cfg`: point VTTBR/VTCR_EL2 at the shadow
 * of the guest hypervisor's stage 2 while L2 runs on it, at vel2's own
 * otherwise; CNTVOFF_EL2 = cfg->cntvoff. The one hook for the physical
 * state that differs between the guest hypervisor and its guest. */
void hv_shadow_enter(struct hv_cpu *cpu, const struct vel2_hwcfg *cfg);

/* A stage 2 abort (VEL2_HOST_ABORT): true if it was the shadow's (filled,
 * or forwarded to vEL2 as the guest hypervisor's own stage 2 fault). */
bool hv_shadow_abort(struct vel2_vcpu *vcpu, struct vel2_exit *e);

/* A TLBI the guest hypervisor executed (SYS op1, CRn, CRm, op2, Xt). */
void hv_shadow_tlbi(struct vel2_vcpu *vcpu, unsigned int op1, unsigned int crn,
		    unsigned int crm, unsigned int op2, u64 xt);

/* AT S1E0*, S1E1*, S12E* from vEL2 on its guest's EL1&0 regime: PAR_EL1
 * written, true; false if not such an AT. */
bool hv_shadow_at(struct vel2_vcpu *vcpu, unsigned int op1, unsigned int crm,
		  unsigned int op2, u64 va);

/* The shadow's counters, one "stats: shadow ..." line (stats.c). */
void hv_shadow_stats_print(void);

#endif /* HV_SHADOW_S2_H */
