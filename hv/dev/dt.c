// SPDX-License-Identifier: MIT
/*
 * The guest's device tree loses the devices vel2 refuses (stage2.c keeps
 * their frames unmapped): each gets status = "disabled" (Devicetree
 * Specification 2.3.4), which Linux honours for all of them, so the guest
 * does not probe a frame that would only give it external aborts.
 *   arm,gic-v3-its        the ITS (device/collection tables, command queue)
 *   virtio,mmio           virtio-mmio transports (rings anywhere in memory)
 *   pci-host-ecam-generic PCIe (bus-master DMA, no SMMU programmed by vel2)
 *   arm,smmu-v3           an SMMU (only PCIe is behind it)
 *   qemu,platform         the platform bus for dynamic sysbus devices
 * One function with a plain list, so the edit is re-applied as is on
 * another FDT library.
 */
#include "dev.h"

#include <vel2/fdt.h>

static const char *const hidden[] = {
	"arm,gic-v3-its", "virtio,mmio",   "pci-host-ecam-generic",
	"arm,smmu-v3",	  "qemu,platform",
};

int hv_dt_hide_devices(void *dtb, size_t cap)
{
	for (unsigned int i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		int node = -1, err;

		while ((node = vel2_fdt_find_compatible(dtb, node,
							hidden[i])) >= 0) {
			err = vel2_fdt_setprop_string(dtb, cap, node, "status",
						      "disabled");
			if (err < 0)
				return err;
		}
	}
	return 0;
}
