// SPDX-License-Identifier: MIT
/*
 * The edits vel2 makes to QEMU's devicetree before it hands it to the
 * guest hypervisor (see vel2_fdt_prepare_guest()).
 */
#include "fdt_int.h"

/* ---- (1) carve vel2 out of memory ------------------------------------- */

struct bank {
	u64 base, end; /* [base, end) */
};

struct reg_view {
	void *blob;
	size_t cap;
	int node;
	u32 ac, sc, entry; /* cells per address, per size; bytes per pair */
};

static u8 *reg_entry(const struct reg_view *v, u32 i)
{
	u8 *reg = (u8 *)vel2_fdt_getprop(v->blob, v->node, "reg", NULL);

	return reg + i * v->entry;
}

static int write_bank(const struct reg_view *v, u32 i, u64 base, u64 end)
{
	u8 *e = reg_entry(v, i);
	int r;

	r = vel2_fdt_cells_st(e, v->ac, base);
	if (!r)
		r = vel2_fdt_cells_st(e + 4 * v->ac, v->sc, end - base);
	return r;
}

/* Remove (ins == 0) or open (ins == 1) one (address, size) pair at i. */
static int resize_reg(const struct reg_view *v, u32 i, bool ins)
{
	u8 *val;

	return fdti_splice_prop(v->blob, v->cap, v->node, "reg", i * v->entry,
				ins ? 0 : v->entry, ins ? v->entry : 0, &val);
}

/*
 * Bank i against the hole [lo, hi). Returns how many pairs bank i became
 * (0, 1 or 2), or a negative error. A hole strictly inside a bank splits
 * it into two pairs, the second inserted right after the first, so reg
 * keeps its order.
 */
static int carve_bank(const struct reg_view *v, u32 i, u64 lo, u64 hi)
{
	const u8 *e = reg_entry(v, i);
	struct bank b;
	int r;

	b.base = vel2_fdt_cells_ld(e, v->ac);
	b.end = b.base + vel2_fdt_cells_ld(e + 4 * v->ac, v->sc);
	if (b.end < b.base)
		return -VEL2_FDT_EBADVALUE; /* wraps around: not memory */
	if (hi <= b.base || lo >= b.end)
		return 1; /* disjoint (an empty bank is always) */
	if (lo <= b.base && hi >= b.end)
		return resize_reg(v, i, false) ?: 0;
	if (lo <= b.base)
		return write_bank(v, i, hi, b.end) ?: 1;
	if (hi >= b.end)
		return write_bank(v, i, b.base, lo) ?: 1;
	r = resize_reg(v, i + 1, true);
	if (!r)
		r = write_bank(v, i, b.base, lo);
	if (!r)
		r = write_bank(v, i + 1, hi, b.end);
	return r ?: 2;
}

/*
 * reg is read through the cells of the memory node's parent, 1 or 2 of
 * each: wider cells would not fit a u64 address, and QEMU uses 2 and 2.
 */
static int carve_node(void *blob, size_t cap, int node, u64 lo, u64 hi)
{
	struct reg_view v = { .blob = blob, .cap = cap, .node = node };
	u32 i, n;
	int len, r;

	r = vel2_fdt_reg_cells(blob, node, &v.ac, &v.sc);
	if (r == -VEL2_FDT_EBADARG)
		return -VEL2_FDT_EBADVALUE; /* a root "memory" has no cells */
	if (r)
		return r;
	if (v.ac < 1 || v.ac > 2 || v.sc < 1 || v.sc > 2)
		return -VEL2_FDT_EBADVALUE;
	v.entry = 4 * (v.ac + v.sc);
	if (!vel2_fdt_getprop(blob, node, "reg", &len))
		return len == -VEL2_FDT_ENOTFOUND ? 0 : len;
	if ((u32)len % v.entry)
		return -VEL2_FDT_EBADVALUE;
	n = (u32)len / v.entry;
	for (i = 0; i < n;) {
		r = carve_bank(&v, i, lo, hi);
		if (r < 0)
			return r;
		/* r pairs replace one: move past them, count the change. */
		i += (u32)r;
		n = n + (u32)r - 1;
	}
	return 0;
}

/*
 * Memory nodes are the ones with device_type "memory" (3.4), whatever
 * their name: QEMU writes one per NUMA node. vel2's own RAM must vanish from
 * all of them or the guest would allocate it; that there is at least one
 * is checked so that a DTB without memory nodes is not silently accepted.
 * Editing a node only moves the nodes after it, so the walk goes on from
 * the same offset.
 */
static int carve_memory(void *blob, size_t cap, u64 lo, u64 hi)
{
	int node, r, found = 0;

	node = vel2_fdt_find_prop_string(blob, -1, "device_type", "memory");
	while (node >= 0) {
		found = 1;
		r = carve_node(blob, cap, node, lo, hi);
		if (r)
			return r;
		node = vel2_fdt_find_prop_string(blob, node, "device_type",
						 "memory");
	}
	if (node != -VEL2_FDT_ENOTFOUND)
		return node;
	return found ? 0 : -VEL2_FDT_ENOTFOUND;
}

/* ---- (2) /chosen ------------------------------------------------------ */

static int chosen_node(void *blob, size_t cap)
{
	int node = vel2_fdt_path_offset(blob, "/chosen");

	if (node != -VEL2_FDT_ENOTFOUND)
		return node;
	return vel2_fdt_add_subnode(blob, cap, vel2_fdt_path_offset(blob, "/"),
				    "chosen");
}

/*
 * linux,initrd-start/-end are written as 64-bit numbers: Linux reads them
 * with whatever size the property has, and two cells hold any address.
 * The end is exclusive, as Linux takes it.
 */
static int set_chosen(void *blob, size_t cap, const struct vel2_guest_dt *p)
{
	int node, r;

	if (!p->initrd_size && !p->bootargs)
		return 0;
	node = chosen_node(blob, cap);
	if (node < 0)
		return node;
	if (p->initrd_size) {
		r = vel2_fdt_setprop_u64(blob, cap, node, "linux,initrd-start",
					 p->initrd_start);
		if (!r)
			r = vel2_fdt_setprop_u64(
				blob, cap, node, "linux,initrd-end",
				p->initrd_start + p->initrd_size);
		if (r)
			return r;
	}
	if (p->bootargs)
		return vel2_fdt_setprop_string(blob, cap, node, "bootargs",
					       p->bootargs);
	return 0;
}

/* ---- (3) the arch timer's EL2 interrupts ------------------------------ */

/*
 * #interrupt-cells of node's interrupt parent: "interrupt-parent" of the
 * node or, when absent, of its nearest ancestor that has one (2.4.1).
 */
static int interrupt_cells(const void *blob, int node, u32 *cells)
{
	u32 ph;
	int r;

	while (node >= 0) {
		r = vel2_fdt_getprop_u32(blob, node, "interrupt-parent", &ph);
		if (r == 0) {
			/* 0 and ~0 are never phandles (2.3.3). */
			if (ph == 0 || ph == 0xffffffffU)
				return -VEL2_FDT_EBADVALUE;
			node = vel2_fdt_node_by_phandle(blob, ph);
			if (node < 0)
				return node;
			return vel2_fdt_getprop_u32(blob, node,
						    "#interrupt-cells", cells);
		}
		if (r != -VEL2_FDT_ENOTFOUND)
			return r;
		node = vel2_fdt_parent_offset(blob, node);
	}
	return node;
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
 * nothing to do.
 */
static void swap_specifiers(u8 *a, u8 *b, u32 sz)
{
	for (u32 i = 0; i < sz; i++) {
		u8 t = a[i];

		a[i] = b[i];
		b[i] = t;
	}
}

static int remap_timers(void *blob)
{
	u32 cells, sz, n;
	int node, len, r;
	u8 *irq;

	node = vel2_fdt_find_compatible(blob, -1, "arm,armv8-timer");
	if (node < 0)
		return node;
	r = interrupt_cells(blob, node, &cells);
	if (r)
		return r;
	irq = (u8 *)vel2_fdt_getprop(blob, node, "interrupts", &len);
	if (!irq)
		return len;
	sz = 4 * cells;
	if (cells == 0 || cells > 4 || (u32)len % sz)
		return -VEL2_FDT_EBADVALUE;
	n = (u32)len / sz;
	if (n >= 4)
		swap_specifiers(irq + 3 * sz, irq + 1 * sz, sz);
	if (n >= 5)
		swap_specifiers(irq + 4 * sz, irq + 2 * sz, sz);
	return 0;
}

/* ---- all of it -------------------------------------------------------- */

/*
 * The blob comes from QEMU, outside vel2: validate it fully first. Each
 * step leaves a valid blob, so a failure part way leaves a consistent
 * (partly edited) tree and the error says which edit did not fit.
 */
int vel2_fdt_prepare_guest(void *blob, size_t cap,
			   const struct vel2_guest_dt *p)
{
	int r;

	if (!p)
		return -VEL2_FDT_EBADARG;
	if (p->hv_base + p->hv_size < p->hv_base ||
	    p->initrd_start + p->initrd_size < p->initrd_start)
		return -VEL2_FDT_EBADARG;
	r = vel2_fdt_check(blob, cap);
	if (r)
		return r;
	if (p->hv_size) {
		r = carve_memory(blob, cap, p->hv_base,
				 p->hv_base + p->hv_size);
		if (r)
			return r;
	}
	r = set_chosen(blob, cap, p);
	if (r)
		return r;
	return p->remap_el2_timers ? remap_timers(blob) : 0;
}
