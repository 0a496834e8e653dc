// SPDX-License-Identifier: MIT
/*
 * vel2_fdt_cpus(): the CPUs a DTB lists, as vel2 numbers them. Each
 * /cpus child with device_type "cpu" is one CPU; its reg is its MPIDR
 * affinity (Aff3 in bits [39:32] with two cells, Aff2..Aff0 in [23:0]:
 * the arm,cpus binding and Arm ARM D24.2 MPIDR_EL1). Reading them rather
 * than assuming Aff0 = index keeps vel2 right for machines whose CPUs
 * are numbered by cluster or socket.
 */
#include <vel2/fdt.h>

#include <libfdt.h>

/* The affinity fields of MPIDR_EL1: Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffULL

int vel2_fdt_cpus(const void *blob, u64 *mpidr, unsigned int max)
{
	int cpus, node, ac, len;
	unsigned int n = 0;

	cpus = fdt_path_offset(blob, "/cpus");
	if (cpus < 0)
		return cpus;
	ac = fdt_address_cells(blob, cpus);
	if (ac < 0)
		return ac;
	if (ac < 1 || ac > 2)
		return -FDT_ERR_BADNCELLS;
	fdt_for_each_subnode(node, blob, cpus)
	{
		const char *type = fdt_getprop(blob, node, "device_type", &len);
		const fdt32_t *reg;
		u64 v;

		if (!type || len != 4 || memcmp(type, "cpu", 4))
			continue;
		reg = fdt_getprop(blob, node, "reg", &len);
		if (!reg || len != 4 * ac)
			return -FDT_ERR_BADVALUE;
		v = fdt32_ld(reg);
		if (ac == 2)
			v = v << 32 | fdt32_ld(reg + 1);
		if (v & ~MPIDR_AFF_MASK)
			return -FDT_ERR_BADVALUE;
		for (unsigned int i = 0; i < n; i++)
			if (mpidr[i] == v)
				return -FDT_ERR_BADVALUE; /* two CPUs, one MPIDR
							   */
		if (n == max)
			return -FDT_ERR_NOSPACE;
		mpidr[n++] = v;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return node;
	return n ? (int)n : -FDT_ERR_NOTFOUND;
}
