// SPDX-License-Identifier: MIT
/*
 * E2H redirection (FEAT_VHE, Arm ARM D5.x "Virtualization Host
 * Extensions"): with HCR_EL2.E2H == 1, an access from EL2 using the
 * mnemonic X_EL1 (or X_EL0 for the EL0 timers) reaches X_EL2 (CNTHx_EL2),
 * and the *_EL12 / *_EL02 encodings were added to reach the EL1 register
 * that the EL1 mnemonic no longer does.
 *
 * So the catalog already says which registers are redirected: exactly those
 * some *_EL12 or *_EL02 alias names (SP_EL1 and TPIDR_EL1 have none and are not
 * redirected). The register reached is the EL2 register that holds the EL1
 * one in hyp context (loc MAP_HYP/MAP_VHE, target = it), which covers
 * CPACR_EL1 -> CPTR_EL2 and CNTKCTL_EL1 -> CNTHCTL_EL2, or else the EL2
 * register at the same encoding with op1 = 4 (SCTLR2, TCR2, ...: the
 * architecture gives X_EL2 X_EL1's encoding with op1 = 4). No init code:
 * both inputs are constant tables built from sysregs.def.
 * tests/unit/test_trap_sysreg.c checks every pair against a list written
 * from the Arm ARM.
 */
#include "handlers.h"

/* Designated initialisers emitted only for some locations. */
#define IF_MAP_MAP_HYP(...) __VA_ARGS__
#define IF_MAP_MAP_VHE(...) __VA_ARGS__
#define IF_MAP_STORED(...)
#define IF_MAP_EL1(...)
#define IF_MAP_SHARED(...)
#define IF_MAP_EL1_NVHE(...)
#define IF_MAP_EL2(...)
#define IF_MAP_ALIAS(...)
#define IF_ALIAS_ALIAS(...) __VA_ARGS__
#define IF_ALIAS_MAP_HYP(...)
#define IF_ALIAS_MAP_VHE(...)
#define IF_ALIAS_STORED(...)
#define IF_ALIAS_EL1(...)
#define IF_ALIAS_SHARED(...)
#define IF_ALIAS_EL1_NVHE(...)
#define IF_ALIAS_EL2(...)

/*
 * id + 1 of the EL2 register held in each EL1 register, 0 if none. Two
 * MAP entries naming one EL1 register would be a catalog bug: the double
 * initialisation is rejected by -Woverride-init (-Wextra, -Werror).
 */
static const u16 map_holder[VEL2_NR_SYSREGS] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, tgt, fmt, acc, r0, \
		    r1)                                                       \
	IF_MAP_##loc([VEL2_SYSREG_##tgt] = VEL2_SYSREG_##n + 1, )
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

/* Does an *_EL12 / *_EL02 alias name this register? */
static const bool has_alias[VEL2_NR_SYSREGS] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, tgt, fmt, acc, r0, \
		    r1)                                                       \
	IF_ALIAS_##loc([VEL2_SYSREG_##tgt] = true, )
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

unsigned int vel2_e2h_redirect(unsigned int reg)
{
	u16 enc;
	int el2;

	if (reg >= VEL2_NR_SYSREGS || !has_alias[reg])
		return reg;
	if (map_holder[reg])
		return map_holder[reg] - 1u;
	enc = vel2_sysreg_info[reg].enc;
	el2 = vel2_sysreg_lookup(
		VEL2_SYS_ENC(VEL2_ENC_OP0(enc), 4, VEL2_ENC_CRN(enc),
			     VEL2_ENC_CRM(enc), VEL2_ENC_OP2(enc)));
	/*
	 * X_EL2 not in the catalog (a feature vel2 does not offer): report
	 * "no register", the caller UNDEFs as the hardware without it would.
	 */
	return el2 < 0 ? VEL2_NR_SYSREGS : (unsigned int)el2;
}
