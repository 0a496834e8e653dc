/* SPDX-License-Identifier: MIT */
/* traploop2's floor vector: traploop's (one table, both CPUs use it). */
#include "traploop_vec.S"
