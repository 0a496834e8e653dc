/* SPDX-License-Identifier: MIT */
/* The L2 of l2trapsvhe: the same code as l2traps' (l2traps_l2.S). */
#include "l2traps_l2.S"
