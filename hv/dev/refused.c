// SPDX-License-Identifier: MIT
/*
 * The devices vel2 refuses (docs/isolation.md): each takes physical
 * addresses from the guest, stage2.c keeps its frames out of the guest's
 * stage 2, and boot.c deletes its node from the guest's device tree
 * (vel2_fdt_prepare_guest), so the guest does not probe a frame that
 * would only give it external aborts. PCIe is the exception when vel2's
 * SMMU confines its DMA (smmu.c): the host bridge then stays and loses
 * the properties that name the hidden SMMU and ITS (iommu-map, msi-map,
 * msi-parent: the PCI IOMMU and MSI bindings), so the guest drives its
 * devices with INTx and bus addresses equal to its physical addresses.
 */
#include "dev.h"

#include <libfdt.h>

#define PCIE "pci-host-ecam-generic"
#define PCIE_NODE 2 /* hv_refused_nodes[PCIE_NODE] */

const struct vel2_fdt_hidden hv_refused_nodes[HV_NR_REFUSED_NODES] = {
	{ "arm,gic-v3-its", VEL2_FDT_ANY_BASE }, /* tables, command queue */
	{ "virtio,mmio", VEL2_FDT_ANY_BASE }, /* rings anywhere in memory */
	{ PCIE, VEL2_FDT_ANY_BASE }, /* bus-master DMA */
	{ "arm,smmu-v3", VEL2_FDT_ANY_BASE }, /* vel2's, not the guest's */
	{ "qemu,platform", VEL2_FDT_ANY_BASE }, /* dynamic sysbus devices */
};

unsigned int hv_refused_for_guest(struct vel2_fdt_hidden *out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < HV_NR_REFUSED_NODES; i++)
		if (i != PCIE_NODE || !hv_smmu_confining())
			out[n++] = hv_refused_nodes[i];
	return n;
}

int hv_dt_offer_pcie(void *dtb)
{
	static const char *const refs[] = { "iommu-map", "msi-map",
					    "msi-parent" };
	int node = -1, err;

	if (!hv_smmu_confining())
		return 0;
	while ((node = fdt_node_offset_by_compatible(dtb, node, PCIE)) >= 0)
		for (unsigned int j = 0; j < sizeof(refs) / sizeof(refs[0]);
		     j++) {
			err = fdt_delprop(dtb, node, refs[j]);
			if (err < 0 && err != -FDT_ERR_NOTFOUND)
				return err;
		}
	return 0;
}
