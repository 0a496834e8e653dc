// SPDX-License-Identifier: MIT
/*
 * The devicetree nodes vel2 takes away from every guest: devices vel2
 * keeps for itself or mediates, which the guest must not find and drive.
 * A node named here is deleted, with its subnodes, from the DTB the guest
 * hypervisor gets (vel2_fdt_prepare_guest, src/fdt/guest.c); its MMIO must
 * also be missing from the guest's stage 2 (hv/stage2.c), or the guest
 * could still reach it at a known address. Nodes hidden for one boot only
 * (vel2's private UART) come in struct vel2_guest_dt instead.
 */
#include <vel2/fdt.h>

const struct vel2_fdt_hidden vel2_fdt_always_hidden[] = {
	/* { "compatible string", VEL2_FDT_ANY_BASE or a reg address }, */
	{ NULL, 0 },
};

/* Entries before the { NULL } end marker (an empty C array is not C11). */
const unsigned int vel2_fdt_always_hidden_count =
	sizeof(vel2_fdt_always_hidden) / sizeof(vel2_fdt_always_hidden[0]) - 1;
