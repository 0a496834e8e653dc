// SPDX-License-Identifier: MIT
/*
 * The edits vel2 makes to QEMU's devicetree before it hands it to the
 * guest hypervisor (vel2_fdt_prepare_guest()), on libfdt: what to carve
 * out of memory, what to add to /chosen, which timer interrupts the guest
 * is told about, which nodes it does not see.
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

/* ---- (3) the arch timer's EL2 interrupts ------------------------------ */

/*
 * #interrupt-cells of node's interrupt parent: "interrupt-parent" of the
 * node or, when absent, of its nearest ancestor that has one (spec 2.4.1).
 */
static int interrupt_cells(const void *blob, int node, u32 *cells)
{
	const fdt32_t *v;
	int len;

	while (node >= 0) {
		v = fdt_getprop(blob, node, "interrupt-parent", &len);
		if (v) {
			u32 ph = len == 4 ? fdt32_ld(v) : 0;

			/* 0 and ~0 are never phandles (spec 2.3.3). */
			if (ph == 0 || ph == 0xffffffffU)
				return -FDT_ERR_BADVALUE;
			node = fdt_node_offset_by_phandle(blob, ph);
			if (node < 0)
				return node;
			v = fdt_getprop(blob, node, "#interrupt-cells", &len);
			if (!v)
				return len;
			if (len != 4)
				return -FDT_ERR_BADVALUE;
			*cells = fdt32_ld(v);
			return 0;
		}
		if (len != -FDT_ERR_NOTFOUND)
			return len;
		node = fdt_parent_offset(blob, node);
	}
	return node;
}

static void swap_specifiers(u8 *a, u8 *b, u32 sz)
{
	for (u32 i = 0; i < sz; i++) {
		u8 t = a[i];

		a[i] = b[i];
		b[i] = t;
	}
}

/*
 * The timer's interrupts list (arm,arch_timer binding) is, in order: secure
 * EL1 physical, non-secure EL1 physical, EL1 virtual, EL2 ("hypervisor")
 * physical and, optionally, EL2 virtual. The guest hypervisor runs at
 * physical EL1: the CNTHP/CNTHV timers it programs as "its" EL2 timers are
 * really the EL1 physical and virtual timers, so the interrupts that fire
 * for them are those of entries 1 and 2. Linux at EL2 takes its timer
 * interrupt from the EL2 entries, so these get the EL1 entries'
 * specifiers; otherwise it would wait for PPIs that never come.
 *
 * The EL1 entries get the EL2 ones in exchange (a swap, not a copy): the
 * real EL2 timers are vel2's, which it leaves off, so these interrupts
 * never fire, which is the truth for the guest's EL1 timers too (vel2
 * does not back its L2's timers yet). A copy would make two entries equal:
 * KVM at EL2 requests the EL1 physical timer's interrupt for its guests
 * beside the host's EL2 timer, and with one PPI for both the request
 * fails ("genirq: Flags mismatch irq ... kvm guest ptimer vs arch_timer")
 * and KVM does not initialise. A list shorter than 4 has no EL2 entries:
 * nothing to do. The swap keeps the length: edited in place.
 */
static int remap_timers(void *blob)
{
	u32 cells = 0, sz, n;
	int node, len, r;
	u8 *irq;

	node = fdt_node_offset_by_compatible(blob, -1, "arm,armv8-timer");
	if (node < 0)
		return node;
	r = interrupt_cells(blob, node, &cells);
	if (r)
		return r;
	irq = fdt_getprop_w(blob, node, "interrupts", &len);
	if (!irq)
		return len;
	sz = 4 * cells;
	if (cells == 0 || cells > 4 || (u32)len % sz)
		return -FDT_ERR_BADVALUE;
	n = (u32)len / sz;
	if (n >= 4)
		swap_specifiers(irq + 3 * sz, irq + 1 * sz, sz);
	if (n >= 5)
		swap_specifiers(irq + 4 * sz, irq + 2 * sz, sz);
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
	if (!r && p->remap_el2_timers)
		r = remap_timers(blob);
	fdt_pack(blob);
	return r;
}
