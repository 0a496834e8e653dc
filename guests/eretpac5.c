// SPDX-License-Identifier: MIT
/* eretpac5: eretpac (see there) on a CPU with QARMA5 (FEAT_PACQARMA5). */
/* qemu: -cpu max,pauth-qarma5=on */
#include "eretpac.c"
