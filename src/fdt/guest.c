// SPDX-License-Identifier: MIT
/*
 * The edits vel2 makes to QEMU's devicetree before it hands it to the
 * guest hypervisor (vel2_fdt_prepare_guest()), on libfdt: what to carve
 * out of memory, what to add to /chosen, which nodes it does not see. The
 * timer interrupts stay as QEMU made them: each timer of the guest
 * hypervisor is the physical timer its entry names (docs/nested-gic.md).
 */
#include <vel2/fdt.h>

#include <libfdt.h>

/* A memory node's reg with at most this many (address, size) pairs is
 * edited; QEMU writes one per node. */
#define MAX_BANKS 32

/* ---- big-endian cells -------------------------------------------------- */

/* A 1- or 2-cell number at p (byte loads: p may be 4-aligned only). */
static u64 cells_ld(const u8 *p, u32 ncells)
{
	u64 v = fdt32_ld((const fdt32_t *)p);

	return ncells == 2 ? v << 32 | fdt32_ld((const fdt32_t *)(p + 4)) : v;
}

static int cells_st(u8 *p, u32 ncells, u64 v)
{
	if (ncells == 1 && v >> 32)
		return -FDT_ERR_BADVALUE;
	if (ncells == 2) {
		fdt32_st(p, (u32)(v >> 32));
		p += 4;
	}
	fdt32_st(p, (u32)v);
	return 0;
}

/*
 * The #address-cells and #size-cells for node's reg: its parent's (spec
 * 2.3.5), 1 or 2 each (wider would not fit a u64). A node without parent
 * (the root) has no reg cells.
 */
static int reg_cells(const void *blob, int node, u32 *ac, u32 *sc)
{
	int parent = fdt_parent_offset(blob, node), a, s;

	if (parent < 0)
		return parent == -FDT_ERR_NOTFOUND ? -FDT_ERR_BADVALUE : parent;
	a = fdt_address_cells(blob, parent);
	s = fdt_size_cells(blob, parent);
	if (a < 0)
		return a;
	if (s < 0)
		return s;
	if (a < 1 || a > 2 || s < 1 || s > 2)
		return -FDT_ERR_BADNCELLS;
	*ac = (u32)a;
	*sc = (u32)s;
	return 0;
}

/* ---- (1) carve vel2 out of memory ------------------------------------- */

/*
 * node's reg minus the hole [lo, hi): each pair is kept, trimmed, dropped,
 * or split in two around the hole, in order, in a new reg written back
 * with fdt_setprop (which moves the nodes after this one).
 */
static int carve_node(void *blob, int node, u64 lo, u64 hi)
{
	u8 out[(MAX_BANKS + 1) * 16];
	u32 ac, sc, entry, n = 0;
	const u8 *reg;
	int len, r;

	r = reg_cells(blob, node, &ac, &sc);
	if (r)
		return r;
	entry = 4 * (ac + sc);
	reg = fdt_getprop(blob, node, "reg", &len);
	if (!reg)
		return len == -FDT_ERR_NOTFOUND ? 0 : len;
	if ((u32)len % entry || (u32)len / entry > MAX_BANKS)
		return -FDT_ERR_BADVALUE;
	for (u32 i = 0; i < (u32)len / entry; i++) {
		u64 base = cells_ld(reg + i * entry, ac);
		u64 end = base + cells_ld(reg + i * entry + 4 * ac, sc);
		u64 keep[2][2] = { { base, lo }, { hi, end } };

		if (end < base)
			return -FDT_ERR_BADVALUE; /* wraps: not memory */
		if (hi <= base || lo >= end) {
			keep[0][1] = end; /* disjoint: kept whole */
			keep[1][0] = end;
		}
		for (int k = 0; k < 2; k++) {
			u64 b = keep[k][0] > base ? keep[k][0] : base;
			u64 e = keep[k][1] < end ? keep[k][1] : end;

			if (b >= e)
				continue;
			r = cells_st(out + n * entry, ac, b);
			if (!r)
				r = cells_st(out + n * entry + 4 * ac, sc,
					     e - b);
			if (r)
				return r;
			n++;
		}
	}
	if (n * entry == (u32)len && !memcmp(out, reg, (size_t)len))
		return 0; /* untouched: no write */
	return fdt_setprop(blob, node, "reg", out, (int)(n * entry));
}

/*
 * Memory nodes are the ones with device_type "memory" (spec 3.4),
 * whatever their name: QEMU writes one per NUMA node. vel2's RAM must
 * vanish from all of them or the guest would allocate it; a DTB without
 * any is refused rather than silently accepted. An edit moves only the
 * nodes after the edited one, so the search goes on from the same offset.
 */
static int carve_memory(void *blob, u64 lo, u64 hi)
{
	int node, r, found = 0;

	for (node = fdt_node_offset_by_prop_value(blob, -1, "device_type",
						  "memory", 7);
	     node >= 0; node = fdt_node_offset_by_prop_value(
				blob, node, "device_type", "memory", 7)) {
		found = 1;
		r = carve_node(blob, node, lo, hi);
		if (r)
			return r;
	}
	if (node != -FDT_ERR_NOTFOUND)
		return node;
	return found ? 0 : -FDT_ERR_NOTFOUND;
}

/* ---- (2) /chosen ------------------------------------------------------ */

/*
 * linux,initrd-start/-end as QEMU 10's loader writes them (hw/arm/boot.c):
 * 64-bit numbers, two cells (Linux reads whatever size the property has).
 * The end is exclusive, as Linux takes it.
 */
static int set_chosen(void *blob, const struct vel2_guest_dt *p)
{
	int node, r;

	if (!p->initrd_size && !p->bootargs)
		return 0;
	node = fdt_path_offset(blob, "/chosen");
	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(blob, 0, "chosen");
	if (node < 0)
		return node;
	if (p->initrd_size) {
		r = fdt_setprop_u64(blob, node, "linux,initrd-start",
				    p->initrd_start);
		if (!r)
			r = fdt_setprop_u64(blob, node, "linux,initrd-end",
					    p->initrd_start + p->initrd_size);
		if (r)
			return r;
	}
	if (p->bootargs)
		return fdt_setprop_string(blob, node, "bootargs", p->bootargs);
	return 0;
}

/* ---- (4) nodes the guest does not see --------------------------------- */

static bool reg_base_is(const void *blob, int node, u64 base)
{
	const u8 *reg;
	u32 ac, sc;
	int len;

	if (base == VEL2_FDT_ANY_BASE)
		return true;
	if (reg_cells(blob, node, &ac, &sc))
		return false;
	reg = fdt_getprop(blob, node, "reg", &len);
	return reg && len >= (int)(4 * ac) && cells_ld(reg, ac) == base;
}

/* Delete every node matching h; a deletion moves the nodes after it, so
 * the search starts again from the last kept node. */
static int hide(void *blob, const struct vel2_fdt_hidden *h)
{
	int node = -1, next, r;

	for (;;) {
		next = fdt_node_offset_by_compatible(blob, node, h->compatible);
		if (next == -FDT_ERR_NOTFOUND)
			return 0;
		if (next < 0)
			return next;
		if (!reg_base_is(blob, next, h->base)) {
			node = next;
			continue;
		}
		r = fdt_del_node(blob, next);
		if (r)
			return r;
	}
}

static int hide_all(void *blob, const struct vel2_guest_dt *p)
{
	int r;

	for (unsigned int i = 0; i < vel2_fdt_always_hidden_count; i++) {
		r = hide(blob, &vel2_fdt_always_hidden[i]);
		if (r)
			return r;
	}
	for (unsigned int i = 0; p->hide && i < p->nhide; i++) {
		if (!p->hide[i].compatible)
			return -FDT_ERR_BADVALUE;
		r = hide(blob, &p->hide[i]);
		if (r)
			return r;
	}
	return 0;
}

/* ---- all of it -------------------------------------------------------- */

/*
 * The blob comes from QEMU, outside vel2: validated fully first. Then it
 * is reorganised to use the whole buffer (fdt_open_into: version 17,
 * blocks in the usual order, free space at the end), edited, and packed.
 */
int vel2_fdt_prepare_guest(void *blob, size_t cap,
			   const struct vel2_guest_dt *p)
{
	int r;

	if (!p || cap > INT32_MAX)
		return -FDT_ERR_BADVALUE;
	if (p->hv_base + p->hv_size < p->hv_base ||
	    p->initrd_start + p->initrd_size < p->initrd_start)
		return -FDT_ERR_BADVALUE;
	r = vel2_fdt_check(blob, cap);
	if (r)
		return r;
	r = fdt_open_into(blob, blob, (int)cap);
	if (r)
		return r;
	r = hide_all(blob, p);
	if (!r && p->hv_size)
		r = carve_memory(blob, p->hv_base, p->hv_base + p->hv_size);
	if (!r)
		r = set_chosen(blob, p);
	fdt_pack(blob);
	return r;
}
