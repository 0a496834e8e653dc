// SPDX-License-Identifier: MIT
/*
 * mtenv2: mte (an nVHE hypervisor) without its TFSR_EL2 accesses, so that
 * it runs under FEAT_NV2 too: QEMU 10.0 crashes on the NV2 redirection of
 * TFSR_EL2 (mk/qemu.mk). Under NV2 it covers the nVHE column: L2's
 * TFSR_EL1 in the VNCR page (offset 0x190, <NV2,NV1,NV> = '111') and the
 * tag-check faults at vEL2 with {NV2,NV1,NV} = {1,1,1}.
 */
/* qemu: -M mte=on */
#define MTE_NO_TFSR_EL2 1
#include "mte.c"
