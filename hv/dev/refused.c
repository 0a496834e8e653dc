// SPDX-License-Identifier: MIT
/*
 * The devices vel2 refuses (docs/isolation.md): each takes physical
 * addresses from the guest, stage2.c keeps its frames out of the guest's
 * stage 2, and boot.c deletes its node from the guest's device tree
 * (vel2_fdt_prepare_guest), so the guest does not probe a frame that
 * would only give it external aborts.
 */
#include "dev.h"

const struct vel2_fdt_hidden hv_refused_nodes[HV_NR_REFUSED_NODES] = {
	{ "arm,gic-v3-its", VEL2_FDT_ANY_BASE }, /* tables, command queue */
	{ "virtio,mmio", VEL2_FDT_ANY_BASE }, /* rings anywhere in memory */
	{ "pci-host-ecam-generic", VEL2_FDT_ANY_BASE }, /* bus-master DMA */
	{ "arm,smmu-v3", VEL2_FDT_ANY_BASE }, /* vel2's, not the guest's */
	{ "qemu,platform", VEL2_FDT_ANY_BASE }, /* dynamic sysbus devices */
};
