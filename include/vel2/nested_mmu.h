/* SPDX-License-Identifier: MIT */
/*
 * The guest hypervisor's stage 2 as the vCPU holds it, and stage 2 faults
 * delivered to it: glue between the vCPU (accessors, trap path) and the
 * walker/shadow (s2walk.h, shadow.h).
 */
#ifndef VEL2_NESTED_MMU_H
#define VEL2_NESTED_MMU_H

#include <vel2/shadow.h>
#include <vel2/trap.h>

/* The walk parameters of the guest hypervisor's current stage 2: its
 * VTTBR_EL2, VTCR_EL2, HCR_EL2 and the features its ID registers show
 * (PARange, XNX, ST, HAFDBS, LPA2). */
void vel2_s2_cfg_from_vcpu(struct vel2_vcpu *vcpu, struct vel2_s2_cfg *cfg);

/* Deliver a fault of the guest hypervisor's stage 2 (f from
 * vel2_shadow_fault, VEL2_SHADOW_GUEST_FAULT) for the exit that caused it:
 * a stage 2 abort taken to vEL2 with the hardware's syndrome and the
 * guest's fault status code, FAR_EL2 = the L2 VA, HPFAR_EL2 = the L2 IPA.
 * Returns VEL2_FORWARDED. */
int vel2_forward_s2_fault(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			  const struct vel2_shadow_fault *f);

#endif /* VEL2_NESTED_MMU_H */
