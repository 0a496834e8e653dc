// SPDX-License-Identifier: MIT
/* l2mmuvhe: l2mmu as a VHE guest hypervisor (E2H=1, TGE=0 around L2). */
#define L2MMU_VHE 1
#include "l2mmu.c"
