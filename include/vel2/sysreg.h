/* SPDX-License-Identifier: MIT */
/*
 * The system register catalog: one entry per AArch64 system register that a
 * nested hypervisor stores, context-switches or emulates. The entries live in
 * sysregs.def (the single source of truth); this header turns them into the
 * register id enum, the storage layout and the metadata table.
 */
#ifndef VEL2_SYSREG_H
#define VEL2_SYSREG_H

#include <vel2/types.h>

/*
 * A register's encoding packed like bits [20:5] of MRS/MSR (Arm ARM C5.2,
 * "System instruction class encoding overview"): op0[15:14] op1[13:11]
 * CRn[10:7] CRm[6:3] op2[2:0].
 */
#define VEL2_SYS_ENC(op0, op1, crn, crm, op2)                                \
	((u16)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | \
	       (op2)))
#define VEL2_ENC_OP0(e) (((e) >> 14) & 3)
#define VEL2_ENC_OP1(e) (((e) >> 11) & 7)
#define VEL2_ENC_CRN(e) (((e) >> 7) & 15)
#define VEL2_ENC_CRM(e) (((e) >> 3) & 15)
#define VEL2_ENC_OP2(e) ((e)&7)

/*
 * Where a register's value lives while the vCPU is loaded. "Live" means in a
 * physical EL0/EL1 register reached through the CPU backend. See
 * docs/design.md for the full table.
 */
enum vel2_loc {
	/* Never on the CPU: pure EL2 state, ID registers, GIC state. */
	VEL2_LOC_STORED,
	/* EL0/EL1 context: on the CPU only while the guest is not in hyp
	 * context (the CPU holds vEL2 state otherwise). */
	VEL2_LOC_EL1,
	/* One register for every EL (SP_EL0, TPIDR_EL0, PAR_EL1, ...): on the
	 * CPU whenever loaded. */
	VEL2_LOC_SHARED,
	/* EL0 timer registers, CNTKCTL_EL1, ZCR_EL1: shared with nVHE vEL2,
	 * stored while a VHE guest hypervisor is in hyp context. */
	VEL2_LOC_EL1_NVHE,
	/* EL2 register held in its EL1 counterpart in hyp context. */
	VEL2_LOC_MAP_HYP,
	/* EL2 register held in its EL1 counterpart only for a VHE guest
	 * hypervisor in hyp context (TTBR1_EL2, CONTEXTIDR_EL2, timers...). */
	VEL2_LOC_MAP_VHE,
	/* An EL2 register the guest hypervisor has in the hardware itself,
	 * the physical register of the same name, on the CPU whenever
	 * loaded: its EL2 timers (CNTHP/CNTHV_*_EL2), which vel2 does not
	 * use. */
	VEL2_LOC_EL2,
	/* *_EL12 / *_EL02: an encoding that names another register. */
	VEL2_LOC_ALIAS,
};

/* Guest access rights at the register's own EL. */
enum vel2_access {
	VEL2_RW,
	VEL2_RO,
	VEL2_WO,
};

/*
 * Register formats that need code: sanitising that depends on the guest's
 * virtual HCR_EL2.E2H, and the EL2 -> EL1 translation. Implemented in
 * src/core/format.c.
 */
enum vel2_fmt {
	VEL2_FMT_NONE,
	VEL2_FMT_SCTLR_EL2,
	VEL2_FMT_TCR_EL2,
	VEL2_FMT_CPTR_EL2,
	VEL2_FMT_TTBR0_EL2,
	VEL2_FMT_CNTHCTL_EL2,
	VEL2_NR_FMTS,
};

#define VEL2_NO_VNCR 0xffffu
#define VEL2_NO_SLOT 0xffffu

/* Register ids: VEL2_SYSREG_<NAME>. */
enum vel2_sysreg {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	VEL2_SYSREG_##name,
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
	VEL2_NR_SYSREGS
};

/*
 * Storage: registers FEAT_NV2 keeps in memory sit at their architected
 * offset in a page-aligned 4 KiB block (Arm ARM D8.x "VNCR_EL2" and the
 * per-register "Offset in the VNCR page" notes), so NV2 can point VNCR_EL2 at
 * it. Every other register sits beside it, indexed by its id.
 */
#define VEL2_VNCR_PAGE_SIZE 4096u
struct vel2_sysregs {
	u64 vncr_page[VEL2_VNCR_PAGE_SIZE / 8] __attribute__((aligned(4096)));
	u64 by_id[VEL2_NR_SYSREGS];
};

#define VEL2_SLOT_OF(id, vncr, loc)               \
	((loc) == VEL2_LOC_ALIAS ? VEL2_NO_SLOT : \
	 (vncr) != VEL2_NO_VNCR	 ? (vncr) :       \
				   VEL2_VNCR_PAGE_SIZE + 8u * (id))

/* Each register's encoding (VEL2_SYS_ENC packing) by name, VEL2_ENC_<NAME>:
 * a constant for tables such as the routing rules (src/trap/route.c). */
enum vel2_sysreg_enc {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	VEL2_ENC_##name = VEL2_SYS_ENC(op0, op1, crn, crm, op2),
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

/* Byte offset of each register's stored copy: VEL2_SLOT_<NAME>. */
enum vel2_sysreg_slot {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	VEL2_SLOT_##name =                                                 \
		VEL2_SLOT_OF(VEL2_SYSREG_##name, vncr, VEL2_LOC_##loc),
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

/*
 * The stored copy of a register known at compile time, for code that means
 * the in-memory value on purpose (e.g. HCR_EL2, which is never on the CPU).
 */
#define vel2_stored(regs, name) \
	(*(__typeof__(&(regs)->by_id[0]))((char *)(regs) + VEL2_SLOT_##name))

struct vel2_sysreg_info {
	const char *name;
	u64 res0;
	u64 res1;
	u16 enc;
	u16 slot; /* byte offset in struct vel2_sysregs, or VEL2_NO_SLOT */
	u16 vncr; /* offset in the VNCR page, or VEL2_NO_VNCR */
	u16 target; /* alias: the register it names; MAP_*: EL1 counterpart;
		       otherwise the register itself */
	u8 loc; /* enum vel2_loc */
	u8 fmt; /* enum vel2_fmt */
	u8 access; /* enum vel2_access */
};

extern const struct vel2_sysreg_info vel2_sysreg_info[VEL2_NR_SYSREGS];

/* Register id for an encoding (VEL2_SYS_ENC), or -VEL2_ENOREG. */
int vel2_sysreg_lookup(u16 enc);

static inline bool vel2_sysreg_valid(unsigned int reg)
{
	return reg < VEL2_NR_SYSREGS;
}

#endif /* VEL2_SYSREG_H */
