/* SPDX-License-Identifier: MIT */
/*
 * vel2's own devicetree logic, on libfdt (the dtc project's library,
 * docs/libfdt.md): checking a blob that comes from outside, and the edits
 * that turn QEMU's DTB into the guest hypervisor's.
 *
 * Errors are libfdt's: negative FDT_ERR_* codes (fdt_strerror() names
 * them).
 */
#ifndef VEL2_FDT_H
#define VEL2_FDT_H

#include <vel2/types.h>

/*
 * Full validation of an untrusted blob in a buffer of `size` bytes: the
 * header (libfdt's fdt_check_header), block alignment (vel2 reads the
 * blob with its MMU off, where an unaligned access faults), a terminated
 * reservation block, and a walk over the whole structure block: balanced
 * nodes, exactly one root with an empty name, named subnodes without '/',
 * properties before subnodes, every property name inside the strings
 * block, FDT_END last. libfdt's readers then stay inside the blob.
 */
int vel2_fdt_check(const void *blob, size_t size);

/* A node vel2 takes away from the guest: by compatible string and, when
 * base != VEL2_FDT_ANY_BASE, the first address of its reg. */
#define VEL2_FDT_ANY_BASE (~0ULL)
struct vel2_fdt_hidden {
	const char *compatible;
	u64 base;
};

struct vel2_guest_dt {
	/* Carved out of every memory node's reg; hv_size == 0: none. */
	u64 hv_base;
	u64 hv_size;
	/* /chosen linux,initrd-start/-end; initrd_size == 0: left alone. */
	u64 initrd_start;
	u64 initrd_size;
	/* /chosen bootargs; NULL: left alone (QEMU's -append stays). */
	const char *bootargs;
	/* Nodes removed for this boot, on top of vel2_fdt_always_hidden[]
	 * (src/fdt/hidden.c); NULL/0: none. */
	const struct vel2_fdt_hidden *hide;
	unsigned int nhide;
};

/*
 * Check blob (in a buffer of cap bytes), make room (fdt_open_into), apply
 * p's edits, pack. Returns 0 or a negative FDT_ERR_*; on failure the blob
 * may be partly edited but is never invalid.
 */
int vel2_fdt_prepare_guest(void *blob, size_t cap,
			   const struct vel2_guest_dt *p);

/*
 * The MPIDR affinity (reg) of each CPU under /cpus, in DTB order, into
 * mpidr[0..max-1]. Returns the count (>= 1), or -FDT_ERR_NOSPACE for more
 * than max CPUs, -FDT_ERR_BADVALUE for a reg that is no affinity or a
 * repeated one, -FDT_ERR_NOTFOUND for no CPU. blob must have passed
 * vel2_fdt_check().
 */
int vel2_fdt_cpus(const void *blob, u64 *mpidr, unsigned int max);

/* The nodes every guest loses (devices vel2 keeps or mediates). */
extern const struct vel2_fdt_hidden vel2_fdt_always_hidden[];
extern const unsigned int vel2_fdt_always_hidden_count;

#endif /* VEL2_FDT_H */
