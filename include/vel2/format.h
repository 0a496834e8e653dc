/* SPDX-License-Identifier: MIT */
/*
 * Register formats whose layout depends on the guest hypervisor's virtual
 * HCR_EL2.E2H, and their translation to the EL1 register that holds them
 * while the guest runs in vEL2.
 */
#ifndef VEL2_FORMAT_H
#define VEL2_FORMAT_H

#include <vel2/sysreg.h>

/* Apply RES0/RES1 for the layout in force under `e2h`. */
u64 vel2_fmt_sanitise(enum vel2_fmt fmt, u64 val, bool e2h);

/*
 * The EL1-format value that makes physical EL1 behave as the EL2 register
 * would. Identity where the layouts agree.
 */
u64 vel2_fmt_to_el1(enum vel2_fmt fmt, u64 val, bool e2h);

/* True when vel2_fmt_to_el1 is the identity for this E2H. */
bool vel2_fmt_is_identity(enum vel2_fmt fmt, bool e2h);

/*
 * Bits of the EL2 value that sit at the same position in the EL1 register
 * holding it and that the guest hypervisor changes directly there, without
 * a trap. They are live even when the format is not the identity; the
 * other bits stay in memory. Zero when every guest access to the EL1
 * register traps (include/vel2/hwcfg.h).
 */
u64 vel2_fmt_direct_mask(enum vel2_fmt fmt, bool e2h);

#endif /* VEL2_FORMAT_H */
