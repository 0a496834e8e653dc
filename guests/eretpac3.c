// SPDX-License-Identifier: MIT
/* eretpac3: eretpac (see there) on a CPU with QARMA3 (FEAT_PACQARMA3). */
/* qemu: -cpu max,pauth-qarma3=on */
#include "eretpac.c"
