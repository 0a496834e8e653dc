// SPDX-License-Identifier: MIT
/*
 * l2trapsvhe: l2traps.c with a VHE guest hypervisor (E2H=1, TGE=0 around
 * L2): the same steps, CPTR_EL2 in its CPACR_EL1 layout.
 */
#define L2TRAPS_VHE 1
#include "l2traps.c"
