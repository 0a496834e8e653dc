// SPDX-License-Identifier: MIT
/*
 * vel2_fdt_check(): is a blob from outside safe to hand to libfdt's readers
 * and editors? libfdt checks the header (fdt_check_header) and bounds each
 * access it makes, but it reads tokens through aligned pointers and does
 * not look at the tree's shape until it walks there; vel2 wants the answer
 * once, before any edit, so that an edit never stops half way on bad
 * input. Format: Devicetree Specification v0.4, chapter 5.
 */
#include <vel2/fdt.h>

#include <libfdt.h>

/* Deeper trees are refused: QEMU's is 3 levels deep. */
#define MAX_DEPTH 64

/* [a, a_end) and [b, b_end) share a byte. */
static bool overlap(u64 a, u64 a_end, u64 b, u64 b_end)
{
	return a < b_end && b < a_end;
}

static int check_layout(const void *blob, size_t size)
{
	u64 rsv, rsv_end, st, st_end, str, str_end;
	int r;

	/* The header is 40 bytes (version 17); a version 16 blob still has
	 * more than that after it. */
	if (!blob || size < sizeof(struct fdt_header))
		return -FDT_ERR_TRUNCATED;
	if ((uintptr_t)blob & 7)
		return -FDT_ERR_ALIGNMENT;
	r = fdt_check_header(blob);
	if (r)
		return r;
	if (fdt_totalsize(blob) > size)
		return -FDT_ERR_TRUNCATED;
	/*
	 * Spec 5.3: the reservation block 8-aligned, the structure block
	 * 4-aligned (libfdt reads tokens and reservation entries through
	 * pointers of those types); sizes whole tokens.
	 */
	if ((fdt_off_mem_rsvmap(blob) & 7) || (fdt_off_dt_struct(blob) & 3))
		return -FDT_ERR_BADLAYOUT;
	if (fdt_version(blob) >= 17 && (fdt_size_dt_struct(blob) & 3))
		return -FDT_ERR_BADLAYOUT;
	/*
	 * Counting the entries finds the terminator, or fails. The block,
	 * terminator included, must not overlap the other two: its entries
	 * must not be read out of the structure or strings. A version 16
	 * blob does not say where its structure block ends: its reservation
	 * block must then end before the structure block or lie after its
	 * start.
	 */
	r = fdt_num_mem_rsv(blob);
	if (r < 0)
		return r;
	rsv = fdt_off_mem_rsvmap(blob);
	rsv_end = rsv + 16 * ((u64)r + 1);
	st = fdt_off_dt_struct(blob);
	st_end = fdt_version(blob) >= 17 ? st + fdt_size_dt_struct(blob) :
					   st + 1;
	str = fdt_off_dt_strings(blob);
	str_end = str + fdt_size_dt_strings(blob);
	if (overlap(rsv, rsv_end, st, st_end) ||
	    overlap(rsv, rsv_end, str, str_end) ||
	    (fdt_version(blob) >= 17 && overlap(st, st_end, str, str_end)))
		return -FDT_ERR_BADLAYOUT;
	return 0;
}

/* A node name (spec 2.2.1): not empty, no '/'. The root's is empty. */
static int check_name(const void *blob, int off, int depth)
{
	int len;
	const char *name = fdt_get_name(blob, off, &len);

	if (!name)
		return len;
	if (depth == 0)
		return len == 0 ? 0 : -FDT_ERR_BADSTRUCTURE;
	if (len == 0)
		return -FDT_ERR_BADSTRUCTURE;
	for (int i = 0; i < len; i++)
		if (name[i] == '/')
			return -FDT_ERR_BADSTRUCTURE;
	return 0;
}

/*
 * A property's name must lie, terminated, inside the strings block as its
 * header sizes it. libfdt checks that for version 17 only (a version 16
 * name may run to totalsize), and fdt_open_into() makes version 17 blobs:
 * a version 16 blob that broke the rule would fail after the conversion.
 */
static int check_prop(const void *blob, int off)
{
	const char *strings = (const char *)blob + fdt_off_dt_strings(blob);
	u32 size = fdt_size_dt_strings(blob), at;
	const char *name;
	int len;

	if (!fdt_getprop_by_offset(blob, off, &name, &len))
		return len;
	if (!name || name < strings)
		return -FDT_ERR_BADSTRUCTURE;
	at = (u32)(name - strings);
	if (at >= size || strnlen(name, size - at) == size - at)
		return -FDT_ERR_BADSTRUCTURE;
	return 0;
}

/*
 * The token stream: one root node, balanced, properties of a node before
 * its subnodes (spec 5.4.2), FDT_END only after the root has closed and
 * only at the end of the block.
 */
static int check_struct(const void *blob)
{
	u64 has_subnode = 0; /* bit d: the open node at depth d has one */
	int off = 0, next, depth = -1, r;
	bool root_done = false;
	u32 tag;

	for (;; off = next) {
		tag = fdt_next_tag(blob, off, &next);
		if (next < 0)
			return next == -FDT_ERR_TRUNCATED ?
				       -FDT_ERR_BADSTRUCTURE :
				       next;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (root_done || depth + 1 >= MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			if (depth >= 0)
				has_subnode |= 1ULL << depth;
			depth++;
			has_subnode &= ~(1ULL << depth);
			r = check_name(blob, off, depth);
			if (r)
				return r;
			break;
		case FDT_END_NODE:
			if (depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			if (--depth < 0)
				root_done = true;
			break;
		case FDT_PROP:
			if (depth < 0 || (has_subnode >> depth & 1))
				return -FDT_ERR_BADSTRUCTURE;
			r = check_prop(blob, off);
			if (r)
				return r;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (!root_done)
				return -FDT_ERR_BADSTRUCTURE;
			/* Version 17 says where the block ends. */
			if (fdt_version(blob) >= 17 &&
			    (u32)next != fdt_size_dt_struct(blob))
				return -FDT_ERR_BADSTRUCTURE;
			return 0;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
	}
}

int vel2_fdt_check(const void *blob, size_t size)
{
	int r = check_layout(blob, size);

	return r ? r : check_struct(blob);
}
