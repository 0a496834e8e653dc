// SPDX-License-Identifier: MIT
/* mtevhe: mte as a VHE hypervisor (E2H=1, TGE=0): its EL2 registers in the
 * SCTLR_EL1 layout, L2's TFSR_EL1 through TFSR_EL12. */
/* qemu: -M mte=on */
#define MTE_VHE 1
#include "mte.c"
