// SPDX-License-Identifier: MIT
/*
 * The catalog's metadata table, generated from sysregs.def.
 */
#include <vel2/sysreg.h>

const struct vel2_sysreg_info vel2_sysreg_info[VEL2_NR_SYSREGS] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr_off, l, tgt, f, acc, r0, \
		    r1)                                                       \
	[VEL2_SYSREG_##n] = {                                                 \
		.name = #n,                                                   \
		.res0 = (r0),                                                 \
		.res1 = (r1),                                                 \
		.enc = VEL2_SYS_ENC(op0, op1, crn, crm, op2),                 \
		.slot = VEL2_SLOT_##n,                                        \
		.vncr = (vncr_off),                                           \
		.target = VEL2_SYSREG_##tgt,                                  \
		.loc = VEL2_LOC_##l,                                          \
		.fmt = VEL2_FMT_##f,                                          \
		.access = VEL2_##acc,                                         \
	},
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};
