// SPDX-License-Identifier: MIT
/* pacprobe3: pacprobe (see there) on a CPU with QARMA3 (FEAT_PACQARMA3). */
/* qemu: -cpu max,pauth-qarma3=on */
#include "pacprobe.c"
