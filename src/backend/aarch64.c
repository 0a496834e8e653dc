// SPDX-License-Identifier: MIT
/*
 * AArch64 CPU backend: the host runs at EL2 with HCR_EL2.E2H=1, so an EL1
 * register's own encoding is redirected to its EL2 counterpart. The
 * physical EL0/EL1 register is reached through its *_EL12 / *_EL02 alias
 * when it has one (SCTLR_EL12, CNTV_CTL_EL02, ...) and through its own
 * encoding otherwise: SP_EL1, TPIDR_EL1, PAR_EL1, MDSCR_EL1, ACTLR_EL1,
 * CSSELR_EL1, SP_EL0, TPIDR_EL0, TPIDRRO_EL0, ... are not redirected by E2H
 * and have no alias (Arm ARM D5.x "Virtualization Host Extensions",
 * register redirection). tests/unit/test_accessors.c checks the catalog
 * against that list, since the switches below trust its ALIAS entries.
 *
 * The switches are generated from sysregs.def. Every register is named by
 * its generic S<op0>_<op1>_C<n>_C<m>_<op2> form, which GNU as accepts for
 * registers it has no name for.
 */
#include <vel2/hw.h>
#include <vel2/qarma.h>

#define VEL2_HW_STR(x) #x
#define VEL2_HW_ENC(op0, op1, crn, crm, op2)                        \
	"S" VEL2_HW_STR(op0) "_" VEL2_HW_STR(op1) "_C" VEL2_HW_STR( \
		crn) "_C" VEL2_HW_STR(crm) "_" VEL2_HW_STR(op2)

#define VEL2_HW_MRS(enc)                                  \
	({                                                \
		u64 __v;                                  \
		asm volatile("mrs %0, " enc : "=r"(__v)); \
		__v;                                      \
	})
#define VEL2_HW_MSR(enc, v) asm volatile("msr " enc ", %0" : : "r"(v))

/* Per-class filters: pasted with the loc / access tokens of an entry. */
#define HW_ALIAS_RD_ALIAS(target, enc) \
	case VEL2_SYSREG_##target:     \
		return VEL2_HW_MRS(enc);
#define HW_ALIAS_RD_STORED(target, enc)
#define HW_ALIAS_RD_EL1(target, enc)
#define HW_ALIAS_RD_SHARED(target, enc)
#define HW_ALIAS_RD_EL1_NVHE(target, enc)
#define HW_ALIAS_RD_MAP_HYP(target, enc)
#define HW_ALIAS_RD_MAP_VHE(target, enc)
#define HW_ALIAS_RD_EL2(target, enc)

#define HW_OWN_RD_EL1(name, enc) \
	case VEL2_SYSREG_##name: \
		return VEL2_HW_MRS(enc);
#define HW_OWN_RD_SHARED HW_OWN_RD_EL1
#define HW_OWN_RD_EL1_NVHE HW_OWN_RD_EL1
#define HW_OWN_RD_STORED(name, enc)
#define HW_OWN_RD_MAP_HYP(name, enc)
#define HW_OWN_RD_MAP_VHE(name, enc)
/* The EL2 timers: their own encoding, accessed from EL2 (E2H redirects
 * only EL0/EL1 encodings). */
#define HW_OWN_RD_EL2 HW_OWN_RD_EL1
#define HW_OWN_RD_ALIAS(name, enc)

/* Writes: as above, skipping read-only registers (MSR would UNDEF). */
#define HW_WR_RW(reg, enc, v)        \
	case VEL2_SYSREG_##reg:      \
		VEL2_HW_MSR(enc, v); \
		return;
#define HW_WR_WO HW_WR_RW
#define HW_WR_RO(reg, enc, v)

#define HW_ALIAS_WR_ALIAS(target, acc, enc, v) HW_WR_##acc(target, enc, v)
#define HW_ALIAS_WR_STORED(target, acc, enc, v)
#define HW_ALIAS_WR_EL1(target, acc, enc, v)
#define HW_ALIAS_WR_SHARED(target, acc, enc, v)
#define HW_ALIAS_WR_EL1_NVHE(target, acc, enc, v)
#define HW_ALIAS_WR_MAP_HYP(target, acc, enc, v)
#define HW_ALIAS_WR_MAP_VHE(target, acc, enc, v)
#define HW_ALIAS_WR_EL2(target, acc, enc, v)

#define HW_OWN_WR_EL1(name, acc, enc, v) HW_WR_##acc(name, enc, v)
#define HW_OWN_WR_SHARED HW_OWN_WR_EL1
#define HW_OWN_WR_EL1_NVHE HW_OWN_WR_EL1
#define HW_OWN_WR_STORED(name, acc, enc, v)
#define HW_OWN_WR_MAP_HYP(name, acc, enc, v)
#define HW_OWN_WR_MAP_VHE(name, acc, enc, v)
#define HW_OWN_WR_EL2 HW_OWN_WR_EL1
#define HW_OWN_WR_ALIAS(name, acc, enc, v)

/*
 * The first switch reaches every register that has an alias through it;
 * the second, only reached for the others, uses the register's own
 * encoding. (A register listed in both is caught by the first.)
 */
u64 vel2_hw_read(unsigned int reg)
{
	/*
	 * FEAT_MTE2: a tag-check fault taken asynchronously is recorded in
	 * TFSR_EL1/TFSRE0_EL1 some time after the access (Arm ARM D10,
	 * asynchronous Tag Check Faults); a DSB and context synchronization
	 * make every earlier one visible, so the value vel2 saves (on a
	 * switch between vEL2 and L2, or put) holds them all, and none lands
	 * in the register after it holds the other level's value.
	 */
	if (reg == VEL2_SYSREG_TFSR_EL1 || reg == VEL2_SYSREG_TFSRE0_EL1)
		asm volatile("dsb nsh\n\tisb" ::: "memory");
	switch (reg) {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	HW_ALIAS_RD_##loc(target, VEL2_HW_ENC(op0, op1, crn, crm, op2))
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
	default:
		break;
	}
	switch (reg) {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	HW_OWN_RD_##loc(name, VEL2_HW_ENC(op0, op1, crn, crm, op2))
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
	default:
		return 0;
	}
}

void vel2_hw_write(unsigned int reg, u64 val)
{
	switch (reg) {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	HW_ALIAS_WR_##loc(target, access,                                  \
			  VEL2_HW_ENC(op0, op1, crn, crm, op2), val)
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
	default:
		break;
	}
	switch (reg) {
#define VEL2_SYSREG(name, op0, op1, crn, crm, op2, vncr, loc, target, fmt, \
		    access, res0, res1)                                    \
	HW_OWN_WR_##loc(name, access, VEL2_HW_ENC(op0, op1, crn, crm, op2), val)
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
	default:
		return;
	}
}

/* At EL2 CNTPCT_EL0 is the physical count without any offset. */
u64 vel2_hw_cntpct(void)
{
	u64 v;

	asm volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v));
	return v;
}

/*
 * The instruction key the guest last loaded (APIAKey or APIBKey, each
 * <127:64> in Hi and <63:0> in Lo), straight into registers: inlined, so
 * its callers hold it nowhere else.
 */
static inline __attribute__((always_inline)) void read_ikey(bool key_b, u64 *lo,
							    u64 *hi)
{
	if (key_b) {
		*lo = VEL2_HW_MRS("APIBKeyLo_EL1");
		*hi = VEL2_HW_MRS("APIBKeyHi_EL1");
	} else {
		*lo = VEL2_HW_MRS("APIAKeyLo_EL1");
		*hi = VEL2_HW_MRS("APIAKeyHi_EL1");
	}
}

/*
 * The key registers have no EL2 counterpart, so E2H does not redirect
 * them. PACGA at EL2 is only trapped by SCR_EL3.API (Arm ARM D24.2
 * HCR_EL2.API traps EL0/EL1 only); vel2 itself is built without pointer
 * authentication, so the generic key is free to borrow.
 */
u64 vel2_hw_pacga_ikey(bool key_b, u64 x, u64 y)
{
	u64 lo, hi, glo, ghi, pac;

	read_ikey(key_b, &lo, &hi);
	glo = VEL2_HW_MRS("APGAKeyLo_EL1");
	ghi = VEL2_HW_MRS("APGAKeyHi_EL1");
	VEL2_HW_MSR("APGAKeyLo_EL1", lo);
	VEL2_HW_MSR("APGAKeyHi_EL1", hi);
	asm volatile("isb\n\tpacga %0, %1, %2\n\t"
		     : "=r"(pac)
		     : "r"(x), "r"(y));
	VEL2_HW_MSR("APGAKeyLo_EL1", glo);
	VEL2_HW_MSR("APGAKeyHi_EL1", ghi);
	asm volatile("isb");
	return pac;
}

/*
 * The key is read into registers and handed to the cipher, which keeps
 * its state in registers (it is a leaf without a stack frame at -O2:
 * vel2's disassembly shows no store in vel2_qarma_pac); vel2 writes it
 * nowhere, and the CPU's key registers are not touched.
 */
__attribute__((noinline)) u64 vel2_hw_qarma_ikey(bool key_b, u64 x, u64 y,
						 bool qarma3)
{
	u64 lo, hi;

	read_ikey(key_b, &lo, &hi);
	/* ComputePAC(data, modifier, K<127:64>, K<63:0>) */
	return vel2_qarma_pac(x, y, hi, lo, qarma3);
}

/* DBGBCR<n>_EL1 is S2_0_C0_C<n>_5, DBGWCR<n>_EL1 S2_0_C0_C<n>_7. */
/* clang-format off */
#define HW_DBG_CASES(X) \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) \
	X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
/* clang-format on */
#define HW_DBG_RD(n)                                              \
	case n:                                                   \
		return kind == VEL2_HW_DBG_BCR ?                  \
			       VEL2_HW_MRS("S2_0_C0_C" #n "_5") : \
			       VEL2_HW_MRS("S2_0_C0_C" #n "_7");
#define HW_DBG_WR(n)                                         \
	case n:                                              \
		if (kind == VEL2_HW_DBG_BCR)                 \
			VEL2_HW_MSR("S2_0_C0_C" #n "_5", v); \
		else                                         \
			VEL2_HW_MSR("S2_0_C0_C" #n "_7", v); \
		return;

u64 vel2_hw_dbg_read(unsigned int kind, unsigned int n)
{
	switch (n) {
		HW_DBG_CASES(HW_DBG_RD)
	default:
		return 0;
	}
}

void vel2_hw_dbg_write(unsigned int kind, unsigned int n, u64 v)
{
	switch (n) {
		HW_DBG_CASES(HW_DBG_WR)
	default:
		return;
	}
}
