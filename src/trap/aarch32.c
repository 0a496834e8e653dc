// SPDX-License-Identifier: MIT
/*
 * Exits from AArch32 EL1/EL0 (the guest hypervisor's guest with its
 * HCR_EL2.RW = 0, or AArch32 EL0): the coprocessor and VMRS traps vel2
 * itself causes, and completing an AArch32 instruction vel2 emulated.
 *
 * vel2 adds one trap of its own while L2 runs, HCR_EL2.TID3 (hwcfg.c: the
 * guest reads vel2's view of the CPU). From AArch32 EL1 it traps the MRC
 * accesses to the ID group 3 registers, CP15 CRn = c0, Opc1 = 0, CRm =
 * c1-c7 (ID_PFR0 ... ID_MMFR5, the reserved encodings), with EC 0x03, and
 * VMRS of MVFR0/1/2 with EC 0x08 (Arm ARM D24.2 HCR_EL2.TID3). Unless the
 * guest hypervisor traps them too (its own TID3, or HSTR_EL2.T0 for CRn =
 * c0, Arm ARM D24.2 HSTR_EL2), vel2 answers them as it answers the
 * AArch64 views, which have the same Opc1/CRn/CRm/Opc2 with op0 = 3 (Arm
 * ARM G8: "ID_PFR0 is architecturally mapped to AArch64 register
 * ID_PFR0_EL1", and so on); every other AArch32 trap from outside hyp
 * context is the guest hypervisor's own and goes to it (dispatch.c).
 */
#include "handlers.h"

/* HSTR_EL2.T0 [0]: traps CP15 CRn = c0 accesses from EL1/EL0 (AArch32). */
#define HSTR_T0 VEL2_BIT(0)

/*
 * ConditionHolds(cond) on the NZCV of `spsr` (Arm ARM J1
 * shared/functions/system/ConditionHolds).
 */
static bool condition_holds(u64 spsr, unsigned int cond)
{
	bool n = spsr & VEL2_BIT(31), z = spsr & VEL2_BIT(30);
	bool c = spsr & VEL2_BIT(29), v = spsr & VEL2_BIT(28);
	bool r;

	switch (cond >> 1) {
	case 0:
		r = z;
		break;
	case 1:
		r = c;
		break;
	case 2:
		r = n;
		break;
	case 3:
		r = v;
		break;
	case 4:
		r = c && !z;
		break;
	case 5:
		r = n == v;
		break;
	case 6:
		r = n == v && !z;
		break;
	default:
		return true; /* AL (0b1110) and 0b1111 */
	}
	return (cond & 1) ? !r : r;
}

/*
 * Did the trapped AArch32 instruction pass its condition? ESR ISS.CV [24]
 * = 1: COND [23:20] is the condition; CV = 0 (an unconditional
 * instruction, or the CPU does not say), the hardware trapped it because
 * it executes (Arm ARM D24.2 ESR_EL2, "ISS encoding for an exception from
 * an MCR or MRC access").
 */
static bool passed(const struct vel2_exit *exit)
{
	u32 iss = exit->syn.iss;

	if (!(iss & VEL2_BIT(24)))
		return true;
	return condition_holds(exit->spsr,
			       VEL2_FIELD_GET(VEL2_GENMASK(23, 20), iss));
}

/*
 * An MRC (EC 0x03) or VMRS (EC 0x08) from AArch32 outside hyp context
 * that only vel2's TID3 trapped: read the AArch64 view `enc` into Rt
 * (the ISS names the register in its AArch64 view, Arm ARM D1 "Mapping
 * of the general-purpose registers") and complete the instruction.
 * Unallocated ID group 3 encodings read as zero, as natively.
 */
static void id_read(struct vel2_vcpu *vcpu, struct vel2_exit *exit, u32 enc)
{
	unsigned int rt = VEL2_FIELD_GET(VEL2_ISS_CP_RT, exit->syn.iss);
	int reg = vel2_sysreg_lookup(enc);
	u64 v = 0;

	if (passed(exit)) {
		if (reg >= 0)
			vel2_read_sysreg(vcpu, (unsigned int)reg, &v);
		/* AArch32 registers are 32 bits; the upper half of Xt is
		 * zero after a write from AArch32. Rt = 15 in T32/A32 is
		 * not a valid MRC destination for these (APSR_nzcv is
		 * only for the debug DSCR), so rt < 15 here. */
		if (rt < 15)
			exit->x[rt] = (u32)v;
	}
	vel2_complete(vcpu, exit);
}

bool vel2_aarch32_id_trap(struct vel2_vcpu *vcpu, struct vel2_exit *exit)
{
	u32 iss = exit->syn.iss;
	unsigned int opc1 = VEL2_FIELD_GET(VEL2_ISS_CP_OPC1, iss);
	unsigned int opc2 = VEL2_FIELD_GET(VEL2_ISS_CP_OPC2, iss);
	unsigned int crn = VEL2_FIELD_GET(VEL2_ISS_CP_CRN, iss);
	unsigned int crm = VEL2_FIELD_GET(VEL2_ISS_CP_CRM, iss);
	u64 hcr = vel2_vcpu_hcr(vcpu);

	if (!(iss & VEL2_ISS_CP_READ) || (hcr & VEL2_HCR_TID3))
		return false;
	if (exit->syn.ec == VEL2_EC_CP15_32) {
		if (opc1 != 0 || crn != 0 || crm < 1 || crm > 7 ||
		    (vel2_rd_stored(vcpu, HSTR_EL2) & HSTR_T0))
			return false;
		id_read(vcpu, exit, VEL2_SYS_ENC(3, 0, 0, crm, opc2));
		return true;
	}
	/* VMRS: reg (ISS.CRn) 0b0111 MVFR0, 0b0110 MVFR1, 0b0101 MVFR2;
	 * FPSID (0b0000) is TID0's, never vel2's. */
	if (exit->syn.ec == VEL2_EC_CP10_ID && crn >= 5 && crn <= 7) {
		id_read(vcpu, exit, VEL2_SYS_ENC(3, 0, 0, 3, 7 - crn));
		return true;
	}
	return false;
}
