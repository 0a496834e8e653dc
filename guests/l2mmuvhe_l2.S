/* SPDX-License-Identifier: MIT */
/* L2 of l2mmuvhe: the same as l2mmu's. */
#include "l2mmu_l2.S"
