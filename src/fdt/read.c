// SPDX-License-Identifier: MIT
/*
 * Lookups: nodes by path, by property string and by phandle; properties;
 * the cells that size a node's reg; memory reservations.
 *
 * The tree is only ever walked forwards, token by token, with a depth
 * counter: no recursion and no stack of ancestors, so a deep or hostile
 * tree costs time, never memory.
 */
#include "fdt_int.h"

int fdti_root(const struct fdt *f)
{
	struct fdt_tok t;
	u32 off = 0;
	int r;

	/* Only NOPs may precede the root's FDT_BEGIN_NODE. */
	for (;;) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (t.tag != FDT_NOP)
			return -VEL2_FDT_EBADSTRUCT;
		off = t.next;
	}
}

int fdti_node_tok(const struct fdt *f, int node, struct fdt_tok *t)
{
	if (node < 0 || fdti_tok(f, (u32)node, t) || t->tag != FDT_BEGIN_NODE)
		return -VEL2_FDT_EBADARG;
	return 0;
}

/* Offset of the FDT_END_NODE token that closes node. */
int fdti_node_end(const struct fdt *f, int node)
{
	struct fdt_tok t;
	u32 depth = 0, off = (u32)node;
	int r;

	r = fdti_node_tok(f, node, &t);
	if (r)
		return r;
	for (;;) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE)
			depth++;
		else if (t.tag == FDT_END_NODE && --depth == 0)
			return (int)off;
		else if (t.tag == FDT_END)
			return -VEL2_FDT_EBADSTRUCT;
		off = t.next;
	}
}

/*
 * Find property name of node in *t. When absent, *insert_at (if non-NULL)
 * gets where a new property goes: after the existing ones, before the
 * first subnode, which keeps properties ahead of subnodes (5.4.2).
 */
int fdti_find_prop(const struct fdt *f, int node, const char *name,
		   struct fdt_tok *t, u32 *insert_at)
{
	u32 off;
	int r;

	r = fdti_node_tok(f, node, t);
	if (r)
		return r;
	off = t->next;
	for (;;) {
		r = fdti_tok(f, off, t);
		if (r)
			return r;
		if (t->tag == FDT_PROP && fdti_streq(t->name, name))
			return 0;
		if (t->tag != FDT_PROP && t->tag != FDT_NOP)
			break;
		off = t->next;
	}
	if (insert_at)
		*insert_at = off;
	return -VEL2_FDT_ENOTFOUND;
}

/*
 * Does a node name match a path component? A component without a unit
 * address also matches "comp@unit", so "/memory" finds "memory@40000000".
 */
static bool name_matches(const char *name, const char *comp, u32 clen,
			 bool exact)
{
	u32 i;

	for (i = 0; i < clen; i++)
		if (name[i] != comp[i])
			return false;
	if (name[clen] == '\0')
		return true;
	if (exact || name[clen] != '@')
		return false;
	for (i = 0; i < clen; i++)
		if (comp[i] == '@')
			return false;
	return true;
}

static int child(const struct fdt *f, int parent, const char *comp, u32 clen,
		 bool exact)
{
	struct fdt_tok t;
	u32 depth = 0, off;
	int r;

	r = fdti_node_tok(f, parent, &t);
	if (r)
		return r;
	off = t.next;
	for (;;) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE) {
			if (depth == 0 &&
			    name_matches(t.name, comp, clen, exact))
				return (int)off;
			depth++;
		} else if (t.tag == FDT_END_NODE) {
			if (depth == 0)
				return -VEL2_FDT_ENOTFOUND;
			depth--;
		} else if (t.tag == FDT_END) {
			return -VEL2_FDT_EBADSTRUCT;
		}
		off = t.next;
	}
}

int fdti_child_exact(const struct fdt *f, int parent, const char *name)
{
	return child(f, parent, name, fdti_strlen(name), true);
}

int vel2_fdt_subnode_offset(const void *blob, int parent, const char *name)
{
	struct fdt f;
	int r;

	if (!name || !*name)
		return -VEL2_FDT_EBADARG;
	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	return child(&f, parent, name, fdti_strlen(name), false);
}

int vel2_fdt_path_offset(const void *blob, const char *path)
{
	struct fdt f;
	int node, r;
	u32 n;

	if (!path || *path != '/')
		return -VEL2_FDT_EBADARG;
	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	node = fdti_root(&f);
	while (node >= 0) {
		while (*path == '/')
			path++;
		if (!*path)
			break;
		for (n = 0; path[n] && path[n] != '/'; n++)
			;
		node = child(&f, node, path, n, false);
		path += n;
	}
	return node;
}

static int next_node(const struct fdt *f, int node)
{
	struct fdt_tok t;
	u32 off;
	int r;

	r = fdti_node_tok(f, node, &t);
	if (r)
		return r;
	for (off = t.next;; off = t.next) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (t.tag == FDT_END)
			return -VEL2_FDT_ENOTFOUND;
	}
}

int vel2_fdt_next_node(const void *blob, int node)
{
	struct fdt f;
	int r;

	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	return next_node(&f, node);
}

const char *vel2_fdt_node_name(const void *blob, int node)
{
	struct fdt_tok t;
	struct fdt f;

	if (fdti_open_ro(&f, blob) || fdti_node_tok(&f, node, &t))
		return NULL;
	return t.name;
}

/* Depth of node below the root (root: 0), found by walking from the root. */
static int node_depth(const struct fdt *f, int node, u32 *depth)
{
	struct fdt_tok t;
	u32 d = 0, off;
	int r;

	r = fdti_root(f);
	if (r < 0)
		return r;
	for (off = (u32)r; off <= (u32)node; off = t.next) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE) {
			if (off == (u32)node) {
				*depth = d;
				return 0;
			}
			d++;
		} else if (t.tag == FDT_END_NODE) {
			d--;
		}
	}
	return -VEL2_FDT_EBADARG; /* not a node's offset */
}

/*
 * Two forward passes instead of a stack of ancestors: the parent is the
 * last node opened at depth - 1 before node itself.
 */
static int parent_of(const struct fdt *f, int node)
{
	struct fdt_tok t;
	u32 want, d = 0, off;
	int r, parent = -VEL2_FDT_ENOTFOUND;

	r = fdti_node_tok(f, node, &t);
	if (!r)
		r = node_depth(f, node, &want);
	if (r)
		return r;
	if (want == 0)
		return -VEL2_FDT_ENOTFOUND; /* the root has no parent */
	for (off = (u32)fdti_root(f); off != (u32)node; off = t.next) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_BEGIN_NODE) {
			if (d == want - 1)
				parent = (int)off;
			d++;
		} else if (t.tag == FDT_END_NODE) {
			d--;
		}
	}
	return parent;
}

int vel2_fdt_parent_offset(const void *blob, int node)
{
	struct fdt f;
	int r;

	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	return parent_of(&f, node);
}

const void *vel2_fdt_getprop(const void *blob, int node, const char *name,
			     int *lenp)
{
	struct fdt_tok t;
	struct fdt f;
	int r;

	r = name ? fdti_open_ro(&f, blob) : -VEL2_FDT_EBADARG;
	if (!r)
		r = fdti_find_prop(&f, node, name, &t, NULL);
	if (lenp)
		*lenp = r ? r : (int)t.len;
	return r ? NULL : fdti_st(&f) + t.val;
}

int vel2_fdt_getprop_u32(const void *blob, int node, const char *name, u32 *val)
{
	const void *p;
	int len;

	p = vel2_fdt_getprop(blob, node, name, &len);
	if (!p)
		return len;
	if (len != 4)
		return -VEL2_FDT_EBADVALUE;
	*val = vel2_fdt32_ld(p);
	return 0;
}

/* Entries of a string list are NUL-terminated; a trailing unterminated
 * fragment is not an entry. */
bool vel2_fdt_stringlist_contains(const void *list, int len, const char *s)
{
	const char *l = list;
	u32 want = fdti_strlen(s) + 1, i = 0, e;

	if (!list || len <= 0)
		return false;
	while (i < (u32)len) {
		for (e = i; e < (u32)len && l[e]; e++)
			;
		if (e == (u32)len)
			break;
		if (e - i + 1 == want && fdti_memeq(l + i, s, want))
			return true;
		i = e + 1;
	}
	return false;
}

int vel2_fdt_find_prop_string(const void *blob, int after, const char *prop,
			      const char *str)
{
	struct fdt_tok t;
	struct fdt f;
	int node, r;

	if (!prop || !str)
		return -VEL2_FDT_EBADARG;
	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	node = after < 0 ? fdti_root(&f) : next_node(&f, after);
	for (; node >= 0; node = next_node(&f, node)) {
		r = fdti_find_prop(&f, node, prop, &t, NULL);
		if (r == 0 && vel2_fdt_stringlist_contains(fdti_st(&f) + t.val,
							   (int)t.len, str))
			return node;
		if (r && r != -VEL2_FDT_ENOTFOUND)
			return r;
	}
	return node;
}

int vel2_fdt_find_compatible(const void *blob, int after, const char *compat)
{
	return vel2_fdt_find_prop_string(blob, after, "compatible", compat);
}

/* "linux,phandle" is the older spelling of "phandle" (2.3.3). */
int vel2_fdt_node_by_phandle(const void *blob, u32 phandle)
{
	struct fdt f;
	int node, r;
	u32 v;

	if (phandle == 0 || phandle == 0xffffffffU)
		return -VEL2_FDT_EBADARG;
	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	for (node = fdti_root(&f); node >= 0; node = next_node(&f, node)) {
		if (vel2_fdt_getprop_u32(blob, node, "phandle", &v) == 0 &&
		    v == phandle)
			return node;
		if (vel2_fdt_getprop_u32(blob, node, "linux,phandle", &v) ==
			    0 &&
		    v == phandle)
			return node;
	}
	return node;
}

/* A cell-count property, or its default when absent (2.3.5). */
static int cells_prop(const void *blob, int node, const char *name, u32 dflt,
		      u32 *out)
{
	int r = vel2_fdt_getprop_u32(blob, node, name, out);

	if (r == -VEL2_FDT_ENOTFOUND) {
		*out = dflt;
		return 0;
	}
	return r;
}

int vel2_fdt_reg_cells(const void *blob, int node, u32 *ac, u32 *sc)
{
	int parent, r;

	parent = vel2_fdt_parent_offset(blob, node);
	if (parent == -VEL2_FDT_ENOTFOUND)
		return -VEL2_FDT_EBADARG; /* the root has no reg */
	if (parent < 0)
		return parent;
	r = cells_prop(blob, parent, "#address-cells", 2, ac);
	if (r)
		return r;
	return cells_prop(blob, parent, "#size-cells", 1, sc);
}

int vel2_fdt_num_memrsv(const void *blob)
{
	struct fdt f;
	int r;

	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	return (int)(f.rsv_size / RSV_ENTRY) - 1;
}

int vel2_fdt_get_memrsv(const void *blob, int i, u64 *addr, u64 *size)
{
	struct fdt f;
	const u8 *e;
	int r;

	r = fdti_open_ro(&f, blob);
	if (r)
		return r;
	if (i < 0 || (u32)i >= f.rsv_size / RSV_ENTRY - 1)
		return -VEL2_FDT_ENOTFOUND;
	e = f.b + f.rsv_off + (u32)i * RSV_ENTRY;
	*addr = vel2_fdt64_ld(e);
	*size = vel2_fdt64_ld(e + 8);
	return 0;
}
