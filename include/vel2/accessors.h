/* SPDX-License-Identifier: MIT */
/*
 * The vEL2-aware register accessors. Callers name the architectural register
 * they mean (SCTLR_EL2, SCTLR_EL1, ...) and never care which EL the guest is
 * in or whether the vCPU is loaded: the accessor finds the value in memory,
 * on the CPU, or in the EL1 register that holds an EL2 register while the
 * guest runs in vEL2 (translating its format for an nVHE guest hypervisor).
 * Rules: docs/design.md, "Accessor rules".
 */
#ifndef VEL2_ACCESSORS_H
#define VEL2_ACCESSORS_H

#include <vel2/vcpu.h>

/*
 * Read/write a register by id. Returns 0, or -VEL2_ENOREG for an id outside
 * the catalog or an alias (*_EL12, *_EL02 name another register: resolve
 * them first, see vel2_sysreg_info[].target). Writes apply the register's
 * RES0/RES1 bits; the value read back is exactly the value the guest would
 * read on real EL2 hardware.
 */
int vel2_read_sysreg(struct vel2_vcpu *vcpu, unsigned int reg, u64 *val);

/*
 * The stored copy that a read of `reg` returns as it is in the vCPU's
 * current placement (the read is a load of it), or NULL when the read
 * goes to the CPU or computes its answer.
 */
const u64 *vel2_sysreg_read_source(const struct vel2_vcpu *vcpu,
				   unsigned int reg);
int vel2_write_sysreg(struct vel2_vcpu *vcpu, unsigned int reg, u64 val);

#endif /* VEL2_ACCESSORS_H */
