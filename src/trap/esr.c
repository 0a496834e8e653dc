// SPDX-License-Identifier: MIT
/*
 * ESR_EL2 decoding. Every field position is from the Arm ARM's ISS layout
 * for the class (see include/vel2/esr.h); this file only extracts them and
 * rejects values the hardware cannot report for an exit from a lower EL.
 */
#include <vel2/esr.h>
#include <vel2/sysreg.h>

/*
 * Classes that only describe an exception taken without a change of EL
 * (the "_CUR" variants): an exit from EL1/EL0 to EL2 never carries them.
 */
static bool ec_same_el_only(unsigned int ec)
{
	switch (ec) {
	case VEL2_EC_IABT_CUR:
	case VEL2_EC_DABT_CUR:
	case VEL2_EC_BREAKPT_CUR:
	case VEL2_EC_SOFTSTP_CUR:
	case VEL2_EC_WATCHPT_CUR:
		return true;
	default:
		return false;
	}
}

static int decode_sys(struct vel2_esr *d)
{
	u32 iss = d->iss;

	d->sys.op0 = VEL2_FIELD_GET(VEL2_ISS_SYS_OP0, iss);
	d->sys.op1 = VEL2_FIELD_GET(VEL2_ISS_SYS_OP1, iss);
	d->sys.crn = VEL2_FIELD_GET(VEL2_ISS_SYS_CRN, iss);
	d->sys.crm = VEL2_FIELD_GET(VEL2_ISS_SYS_CRM, iss);
	d->sys.op2 = VEL2_FIELD_GET(VEL2_ISS_SYS_OP2, iss);
	d->sys.rt = VEL2_FIELD_GET(VEL2_ISS_SYS_RT, iss);
	d->sys.read = iss & VEL2_ISS_SYS_READ;
	d->sys.enc = VEL2_SYS_ENC(d->sys.op0, d->sys.op1, d->sys.crn,
				  d->sys.crm, d->sys.op2);
	return (iss & VEL2_ISS_SYS_RES0) ? -VEL2_EINVAL : 0;
}

static int decode_eret(struct vel2_esr *d)
{
	d->eret.auth = d->iss & VEL2_ISS_ERET_AUTH;
	/* ERETA is meaningful only with ERET == 1; RES0 otherwise. */
	d->eret.key_b = d->eret.auth && (d->iss & VEL2_ISS_ERET_KEYB);
	if (!d->eret.auth && (d->iss & VEL2_ISS_ERET_KEYB))
		return -VEL2_EINVAL;
	return (d->iss & VEL2_ISS_ERET_RES0) ? -VEL2_EINVAL : 0;
}

static void decode_abort(struct vel2_esr *d)
{
	u32 iss = d->iss;

	d->abt.isv = iss & VEL2_ISS_DABT_ISV;
	d->abt.sas = VEL2_FIELD_GET(VEL2_ISS_DABT_SAS, iss);
	d->abt.sse = iss & VEL2_ISS_DABT_SSE;
	d->abt.srt = VEL2_FIELD_GET(VEL2_ISS_DABT_SRT, iss);
	d->abt.sf = iss & VEL2_ISS_DABT_SF;
	d->abt.ar = iss & VEL2_ISS_DABT_AR;
	d->abt.vncr = iss & VEL2_ISS_DABT_VNCR;
	d->abt.set = VEL2_FIELD_GET(VEL2_ISS_ABT_SET, iss);
	d->abt.fnv = iss & VEL2_ISS_ABT_FNV;
	d->abt.ea = iss & VEL2_ISS_ABT_EA;
	d->abt.cm = iss & VEL2_ISS_DABT_CM;
	d->abt.s1ptw = iss & VEL2_ISS_ABT_S1PTW;
	d->abt.wnr = iss & VEL2_ISS_DABT_WNR;
	d->abt.fsc = VEL2_FIELD_GET(VEL2_ISS_ABT_FSC, iss);
	if (d->ec == VEL2_EC_IABT_LOW) {
		/* Instruction Abort ISS: the data-only fields are RES0. */
		d->abt.isv = d->abt.sse = d->abt.sf = d->abt.ar = false;
		d->abt.vncr = d->abt.cm = d->abt.wnr = false;
		d->abt.sas = d->abt.srt = 0;
	}
}

int vel2_esr_decode(u64 esr, struct vel2_esr *d)
{
	int ret = 0;

	d->raw = esr;
	d->ec = VEL2_ESR_EC(esr);
	d->il = esr & VEL2_ESR_IL;
	d->iss = VEL2_ESR_ISS(esr);
	d->iss2 = VEL2_FIELD_GET(VEL2_ESR_ISS2_MASK, esr);

	if (esr & VEL2_ESR_RES0_MASK)
		ret = -VEL2_EINVAL;
	if (ec_same_el_only(d->ec))
		ret = -VEL2_EINVAL;

	switch (d->ec) {
	case VEL2_EC_SYS64:
		if (decode_sys(d) < 0)
			ret = -VEL2_EINVAL;
		break;
	case VEL2_EC_ERET:
		if (decode_eret(d) < 0)
			ret = -VEL2_EINVAL;
		break;
	case VEL2_EC_HVC64:
	case VEL2_EC_SMC64:
		d->call.imm16 = VEL2_FIELD_GET(VEL2_ISS_CALL_IMM16, d->iss);
		/* The AArch64 forms use ISS[15:0] only. */
		if (d->iss & ~(u32)VEL2_ISS_CALL_IMM16)
			ret = -VEL2_EINVAL;
		break;
	case VEL2_EC_WFX:
		d->wfx.ti = VEL2_FIELD_GET(VEL2_ISS_WFX_TI, d->iss);
		d->wfx.rv = d->iss & VEL2_ISS_WFX_RV;
		d->wfx.rt = VEL2_FIELD_GET(VEL2_ISS_WFX_RT, d->iss);
		/* A 16-bit T32 WFI/WFE (AArch32 EL0) traps with IL = 0. */
		return ret;
	case VEL2_EC_DABT_LOW:
	case VEL2_EC_IABT_LOW:
		decode_abort(d);
		return ret;
	default:
		return ret;
	}
	/*
	 * MSR/MRS/SYS, ERET*, HVC and SMC are 32-bit A64 instructions: the
	 * hardware sets IL for them.
	 */
	if (!d->il)
		ret = -VEL2_EINVAL;
	return ret;
}
