// SPDX-License-Identifier: MIT
/*
 * eret32el1vhe: eret32el1.c with a VHE guest hypervisor (E2H = 1, TGE = 0
 * around L2): L2's SCTLR and SPSR_svc through SCTLR_EL12/SPSR_EL12,
 * CPTR_EL2 in its CPACR_EL1 layout.
 */
#define ERET32EL1_VHE 1
#include "eret32el1.c"
