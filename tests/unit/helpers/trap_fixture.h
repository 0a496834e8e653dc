/* SPDX-License-Identifier: MIT */
/*
 * Shared by the trap-path tests: syndromes built from the Arm ARM field
 * layouts (written out here, not taken from the library), an exit record,
 * and the physical SPSR the hardware would report for a virtual PSTATE.
 */
#ifndef VEL2_TRAP_FIXTURE_H
#define VEL2_TRAP_FIXTURE_H

#include <string.h>

#include "vel2_fixture.h"
#include <vel2/trap.h>

/* ESR_ELx: EC [31:26], IL [25], ISS [24:0]. */
#define T_EC(ec) ((u64)(ec) << 26)
#define T_IL (1ULL << 25)

/*
 * EC 0x18 ISS: Op0 [21:20], Op2 [19:17], Op1 [16:14], CRn [13:10],
 * Rt [9:5], CRm [4:1], Direction [0] (1 = read, MRS).
 */
static inline u64 esr_sys(unsigned int op0, unsigned int op1, unsigned int crn,
			  unsigned int crm, unsigned int op2, unsigned int rt,
			  bool read)
{
	return T_EC(0x18) | T_IL | ((u64)op0 << 20) | ((u64)op2 << 17) |
	       ((u64)op1 << 14) | ((u64)crn << 10) | ((u64)rt << 5) |
	       ((u64)crm << 1) | (read ? 1 : 0);
}

static inline u64 esr_of_enc(u16 enc, unsigned int rt, bool read)
{
	/* enc packs op0[15:14] op1[13:11] CRn[10:7] CRm[6:3] op2[2:0]. */
	return esr_sys(enc >> 14, (enc >> 11) & 7, (enc >> 7) & 15,
		       (enc >> 3) & 15, enc & 7, rt, read);
}

/* EC 0x1a ISS: ERET [1] (1 = ERETAA/ERETAB), ERETA [0] (1 = ERETAB). */
#define ESR_ERET (T_EC(0x1a) | T_IL)
#define ESR_ERETAA (T_EC(0x1a) | T_IL | 2)
#define ESR_ERETAB (T_EC(0x1a) | T_IL | 3)
/* EC 0x16/0x17 ISS: imm16 [15:0]. */
#define ESR_HVC(imm) (T_EC(0x16) | T_IL | (u64)(imm))
#define ESR_SMC(imm) (T_EC(0x17) | T_IL | (u64)(imm))
/* EC 0x01 ISS: TI [1:0] (0 WFI, 1 WFE, 2 WFIT, 3 WFET). */
#define ESR_WFX(ti) (T_EC(0x01) | T_IL | (u64)(ti))
/* UNDEF as delivered: EC 0x00, IL 1, ISS 0. */
#define ESR_UNDEF 0x02000000ULL

/* PSTATE modes (M[3:0]) and DAIF (bits [9:6]). */
#define PS_EL2T (VEL2_GENMASK(9, 6) | 0x8ULL)
#define PS_EL1T (VEL2_GENMASK(9, 6) | 0x4ULL)
#define DAIF_ALL VEL2_GENMASK(9, 6)

static struct vel2_exit tx;

/* The hardware's SPSR_EL2 for the guest: vEL2 runs at EL1 (HCR_EL2.NV). */
static inline u64 phys_spsr(u64 pstate)
{
	u64 m = pstate & 0xf;

	if ((m >> 2) == 2)
		m = (1 << 2) | (m & 1);
	return (pstate & ~0xfULL) | m;
}

static inline int exit_with(struct vel2_vcpu *v, u64 esr, u64 pc)
{
	memset(&tx, 0, sizeof(tx));
	for (unsigned int i = 0; i < 31; i++)
		tx.x[i] = 0x1000 + i;
	tx.esr = esr;
	tx.elr = pc;
	tx.spsr = phys_spsr(v->pstate);
	return vel2_handle_exit(v, &tx);
}

/* fx_enter(), then the guest hypervisor's VBAR_EL2 and its guest's VBAR_EL1. */
static inline struct vel2_vcpu *fx_enter_vectors(bool e2h, bool tge, u64 pstate,
						 u64 vbar_el2, u64 vbar_el1)
{
	struct vel2_vcpu *v = fx_enter(e2h, tge, pstate);

	wr(ID(VBAR_EL2), vbar_el2);
	wr(ID(VBAR_EL1), vbar_el1);
	return v;
}

static inline unsigned int vel(const struct vel2_vcpu *v)
{
	return (v->pstate >> 2) & 3;
}

static inline int id_of(const char *name)
{
	for (unsigned int i = 0; i < VEL2_NR_SYSREGS; i++)
		if (!strcmp(vel2_sysreg_info[i].name, name))
			return (int)i;
	return -1;
}

#endif /* VEL2_TRAP_FIXTURE_H */
