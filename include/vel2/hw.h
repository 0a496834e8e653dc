/* SPDX-License-Identifier: MIT */
/*
 * CPU backend: the physical EL0/EL1 registers of the CPU the vCPU is loaded
 * on. Chosen at link time (src/backend/sim.c for host tests and benchmarks,
 * src/backend/aarch64.c at EL2): the accessors' hot path makes a direct
 * call, never an indirect one.
 *
 * `reg` is always a register whose vel2_sysreg_info.loc is EL1, SHARED or
 * EL1_NVHE (a physical EL0/EL1 register) or EL2 (a physical EL2 timer
 * register the guest hypervisor owns); other ids are a caller bug: the
 * aarch64 backend returns 0 / ignores them, the sim (bounds-checked) counts
 * them so tests can catch the bug.
 */
#ifndef VEL2_HW_H
#define VEL2_HW_H

#include <vel2/sysreg.h>

u64 vel2_hw_read(unsigned int reg);
void vel2_hw_write(unsigned int reg, u64 val);

/* The physical count, CNTPCT_EL0 as EL2 reads it (no offset applied). */
u64 vel2_hw_cntpct(void);

/*
 * PACGA of (x, y) with the instruction key A (key_b false) or B that is on
 * the CPU, i.e. the guest's APIAKey_EL1/APIBKey_EL1 (vel2 never switches
 * the pointer authentication keys: docs/traps.md "ERETAA/ERETAB"). The
 * result is ComputePAC(x, y, key)<63:32> in bits [63:32], bits [31:0]
 * zero (Arm ARM C6.2 PACGA): the same ComputePAC that AddPAC/Auth use for
 * the key, when the generic and the address algorithm are the same
 * (vel2_eret_auth checks the ID registers). The CPU's APGAKey_EL1 is put
 * back before returning; nothing but the PAC leaves the function.
 */
u64 vel2_hw_pacga_ikey(bool key_b, u64 x, u64 y);

/*
 * ComputePAC(x, y, key) in full, all 64 bits, with the instruction key A
 * or B that is on the CPU, computed in software with the architected
 * QARMA5 or QARMA3 (src/core/qarma.c): for a PAC field that reaches below
 * PACGA's bits, or a generic algorithm that is not the address one. Only
 * for a CPU whose address algorithm that is (vel2_eret_auth checks the ID
 * registers). The key goes from the key registers to the cipher and no
 * further: nothing but the PAC leaves the function.
 */
u64 vel2_hw_qarma_ikey(bool key_b, u64 x, u64 y, bool qarma3);

/*
 * DBGBCR<n>_EL1 (kind VEL2_HW_DBG_BCR) or DBGWCR<n>_EL1 (VEL2_HW_DBG_WCR),
 * n < 16: the breakpoint and watchpoint controls, which have no place in
 * the catalog (src/core/hwcfg_debug.c keeps the guest's copies).
 */
#define VEL2_HW_DBG_BCR 0
#define VEL2_HW_DBG_WCR 1
u64 vel2_hw_dbg_read(unsigned int kind, unsigned int n);
void vel2_hw_dbg_write(unsigned int kind, unsigned int n, u64 v);

/*
 * MRS/MSR of a catalog register by its encoding, VEL2_ENC_<NAME>
 * (sysreg.h, from sysregs.def), for code at EL2: emitted as the
 * instruction word (Arm ARM C6.2.*, MRS and MSR (register): 0xd5200000
 * and 0xd5000000 | op0<1:0>:op1:CRn:CRm:op2 << 5 | Rt, op0 2 or 3), so
 * the assembler need not know the register's name and the encoding has
 * one home. `.irp` gives each X register's number as .Lvel2_gpr_x<n>;
 * "asm inline" keeps the compiler's size estimate at one instruction.
 */
#define VEL2_ASM_GPR_NUMS                                                    \
	".irp n,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22," \
	"23,24,25,26,27,28,29,30\n.equ .Lvel2_gpr_x\\n, \\n\n.endr\n"
#define vel2_mrs_enc(enc)                                              \
	({                                                             \
		u64 __v;                                               \
		asm volatile inline(VEL2_ASM_GPR_NUMS                  \
				    ".inst 0xd5200000 | (%c1 << 5) | " \
				    ".Lvel2_gpr_%0"                    \
				    : "=r"(__v)                        \
				    : "i"(enc));                       \
		__v;                                                   \
	})
#define vel2_msr_enc(enc, v)                                                \
	asm volatile inline(VEL2_ASM_GPR_NUMS                               \
			    ".inst 0xd5000000 | (%c0 << 5) | .Lvel2_gpr_%1" \
			    :                                               \
			    : "i"(enc), "r"((u64)(v))                       \
			    : "memory")

#endif /* VEL2_HW_H */
