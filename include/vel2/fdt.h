/* SPDX-License-Identifier: MIT */
/*
 * Flattened devicetree (DTB) reader and in-place editor, freestanding.
 *
 * Format: Devicetree Specification v0.4, chapter 5. Everything works on a
 * caller-provided buffer: `blob` points at the header, `cap` is how many
 * bytes the buffer holds. Edits move blocks inside that buffer and fail with
 * -VEL2_FDT_ENOSPACE, leaving the blob untouched, when the result would not
 * fit. No allocation, no libc.
 *
 * Nodes are named by their offset from the start of the structure block
 * (>= 0). An offset stays valid across edits made before it in the blob's
 * memory reservation block, or inside the node itself; an edit that inserts
 * or removes bytes in the structure block moves every node that follows the
 * edit point, so look such nodes up again afterwards.
 *
 * Trust: vel2_fdt_check() validates an untrusted blob completely. The other
 * functions take the header's totalsize as the buffer size, so they must only
 * see a blob that passed vel2_fdt_check() (or that these functions wrote);
 * they still bound every access by the header, never by a terminator.
 *
 * All functions returning int give a negative enum vel2_fdt_err on failure.
 */
#ifndef VEL2_FDT_H
#define VEL2_FDT_H

#include <vel2/types.h>

#define VEL2_FDT_MAGIC 0xd00dfeedU

/* Error codes, returned negated. Disjoint from enum vel2_err. */
enum vel2_fdt_err {
	VEL2_FDT_EBADMAGIC = 32, /* not a DTB: magic != 0xd00dfeed */
	VEL2_FDT_EBADVERSION, /* version < 16 or last_comp_version > 17 */
	VEL2_FDT_ETRUNCATED, /* buffer smaller than header or totalsize */
	VEL2_FDT_EBADLAYOUT, /* block outside totalsize, misaligned, overlap */
	VEL2_FDT_EBADMEMRSV, /* reservation block has no terminating entry */
	VEL2_FDT_EBADSTRUCT, /* malformed token stream in the struct block */
	VEL2_FDT_EBADSTRINGS, /* property name outside strings / unterminated */
	VEL2_FDT_ENOTFOUND, /* no such node or property */
	VEL2_FDT_ENOSPACE, /* the edit does not fit in the buffer capacity */
	VEL2_FDT_EEXISTS, /* a subnode of that name already exists */
	VEL2_FDT_EBADVALUE, /* a property has an unusable length or value */
	VEL2_FDT_EBADARG, /* bad argument (name, path, range, offset) */
	VEL2_FDT_EUNSUPPORTED, /* valid blob, but a block order we don't edit */
};

/* Short constant description of an error code (positive or negated). */
const char *vel2_fdt_strerror(int err);

/* ---- big-endian cells ------------------------------------------------- */

static inline u32 vel2_fdt32_ld(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static inline u64 vel2_fdt64_ld(const void *p)
{
	return (u64)vel2_fdt32_ld(p) << 32 | vel2_fdt32_ld((const u8 *)p + 4);
}

static inline void vel2_fdt32_st(void *p, u32 v)
{
	u8 *b = p;

	b[0] = v >> 24;
	b[1] = v >> 16;
	b[2] = v >> 8;
	b[3] = v;
}

static inline void vel2_fdt64_st(void *p, u64 v)
{
	vel2_fdt32_st(p, v >> 32);
	vel2_fdt32_st((u8 *)p + 4, (u32)v);
}

/* A 1- or 2-cell number at p; 0 for any other cell count. */
u64 vel2_fdt_cells_ld(const void *p, u32 ncells);
/* Store v as 1 or 2 cells; -VEL2_FDT_EBADVALUE if it does not fit. */
int vel2_fdt_cells_st(void *p, u32 ncells, u64 v);

/* ---- validation and header -------------------------------------------- */

/* Full validation of an untrusted blob in a buffer of `size` bytes. */
int vel2_fdt_check(const void *blob, size_t size);
u32 vel2_fdt_totalsize(const void *blob);

/* ---- lookups ---------------------------------------------------------- */

/* "/", "/chosen", "/memory@40000000"; a component without '@' also matches
 * a name with a unit address ("/memory"), the first one in the blob. */
int vel2_fdt_path_offset(const void *blob, const char *path);
int vel2_fdt_subnode_offset(const void *blob, int parent, const char *name);
int vel2_fdt_parent_offset(const void *blob, int node);
/* The next node in document order, any depth; -ENOTFOUND after the last. */
int vel2_fdt_next_node(const void *blob, int node);
const char *vel2_fdt_node_name(const void *blob, int node);

/* First node after `after` (< 0: from the root, included) whose property
 * `prop` is a string list containing `str`. */
int vel2_fdt_find_prop_string(const void *blob, int after, const char *prop,
			      const char *str);
int vel2_fdt_find_compatible(const void *blob, int after, const char *compat);
int vel2_fdt_node_by_phandle(const void *blob, u32 phandle);

/* The value of property `name` of `node`, and its length in *lenp (or a
 * negative error in *lenp and NULL). lenp may be NULL. */
const void *vel2_fdt_getprop(const void *blob, int node, const char *name,
			     int *lenp);
/* A one-cell property. */
int vel2_fdt_getprop_u32(const void *blob, int node, const char *name,
			 u32 *val);
bool vel2_fdt_stringlist_contains(const void *list, int len, const char *s);

/* The #address-cells and #size-cells that apply to node's "reg": those of
 * its parent, with the spec's defaults (2 and 1) when absent. */
int vel2_fdt_reg_cells(const void *blob, int node, u32 *ac, u32 *sc);

int vel2_fdt_num_memrsv(const void *blob);
int vel2_fdt_get_memrsv(const void *blob, int i, u64 *addr, u64 *size);

/* ---- edits (blob must have passed vel2_fdt_check) --------------------- */

/* Create or replace a property. val must not point into the blob. */
int vel2_fdt_setprop(void *blob, size_t cap, int node, const char *name,
		     const void *val, u32 len);
int vel2_fdt_setprop_u32(void *blob, size_t cap, int node, const char *name,
			 u32 val);
int vel2_fdt_setprop_u64(void *blob, size_t cap, int node, const char *name,
			 u64 val);
int vel2_fdt_setprop_string(void *blob, size_t cap, int node, const char *name,
			    const char *str);
int vel2_fdt_delprop(void *blob, int node, const char *name);
/* Returns the new node's offset. */
int vel2_fdt_add_subnode(void *blob, size_t cap, int parent, const char *name);
int vel2_fdt_add_memrsv(void *blob, size_t cap, u64 addr, u64 size);
/* Close the gaps between blocks and trim totalsize to the data; returns
 * the new totalsize (the bytes to copy), or a negative error. */
int vel2_fdt_pack(void *blob);

/* ---- the hypervisor's edits ------------------------------------------- */

struct vel2_guest_dt {
	/* Carved out of every memory node's reg; hv_size == 0: none. */
	u64 hv_base;
	u64 hv_size;
	/* /chosen linux,initrd-start/-end; initrd_size == 0: left alone. */
	u64 initrd_start;
	u64 initrd_size;
	/* /chosen bootargs; NULL: left alone (QEMU's -append stays). */
	const char *bootargs;
	/* Swap the arch timer's EL2 timer interrupts with the EL1 timers'. */
	bool remap_el2_timers;
};

int vel2_fdt_prepare_guest(void *blob, size_t cap,
			   const struct vel2_guest_dt *p);

#endif /* VEL2_FDT_H */
