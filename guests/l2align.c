// SPDX-License-Identifier: MIT
/*
 * l2align: the worldswitch guest hypervisor running a different L2
 * (l2align_l2.S), which makes one unaligned load with its MMU off. See
 * l2align_l2.S for why this is a separate guest.
 */
#include "worldswitch.c"
