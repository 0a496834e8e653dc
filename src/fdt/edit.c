// SPDX-License-Identifier: MIT
/*
 * In-place edits. The blob keeps the order header, reservation block,
 * structure block, strings block, free space (see fdti_open_rw()); a block
 * that grows first uses the gap after it, then pushes the blocks after it
 * towards the end of the buffer. Every edit checks that the result fits in
 * the capacity before it changes a byte, so a failed edit leaves the blob
 * as it was. Removed bytes are zeroed, never left as stale tokens.
 */
#include "fdt_int.h"

static u32 gap_after_struct(const struct fdt *f)
{
	return f->str_off - (f->st_off + f->st_size);
}

/*
 * Does the blob still fit in the buffer once the structure block grows by
 * sd bytes and the strings block by strd? The strings block is last; it
 * only moves when the gap before it is too small.
 */
static bool fits(const struct fdt *f, u64 sd, u64 strd)
{
	u64 gap = gap_after_struct(f);
	u64 end = (u64)f->str_off + f->str_size + strd;

	if (sd > gap)
		end += sd - gap;
	return end <= f->cap;
}

static void update_total(struct fdt *f)
{
	u32 end = f->str_off + f->str_size;

	if (end > f->total)
		f->total = end;
}

/* Make sure the structure block can grow by d: push strings up. */
static void room_after_struct(struct fdt *f, u32 d)
{
	u32 gap = gap_after_struct(f);

	if (d <= gap)
		return;
	fdti_move(f->b + f->str_off + (d - gap), f->b + f->str_off,
		  f->str_size);
	f->str_off += d - gap;
	update_total(f);
}

/* Open d zeroed bytes at structure offset at; the caller checked fits(). */
static void struct_insert(struct fdt *f, u32 at, u32 d)
{
	u8 *st;

	room_after_struct(f, d);
	st = fdti_st(f);
	fdti_move(st + at + d, st + at, f->st_size - at);
	fdti_zero(st + at, d);
	f->st_size += d;
}

static void struct_remove(struct fdt *f, u32 at, u32 d)
{
	u8 *st = fdti_st(f);

	fdti_move(st + at, st + at + d, f->st_size - at - d);
	f->st_size -= d;
	fdti_zero(st + f->st_size, d);
}

/*
 * A name offset may point anywhere in the strings block that reads as the
 * name, including the tail of a longer name: reuse any existing copy.
 */
static int find_string(const struct fdt *f, const char *name, u32 n)
{
	const u8 *s = f->b + f->str_off;
	u32 i;

	for (i = 0; i + n <= f->str_size; i++)
		if (fdti_memeq(s + i, name, n))
			return (int)i;
	return -1;
}

static u32 add_string(struct fdt *f, const char *name, u32 n)
{
	u32 off = f->str_size;

	fdti_move(f->b + f->str_off + off, name, n);
	f->str_size += n;
	update_total(f);
	return off;
}

/*
 * Replace del bytes at off of the value of property t with ins bytes
 * (zeroed), growing or shrinking its padded slot in the structure block.
 */
static int splice(struct fdt *f, const struct fdt_tok *t, u32 off, u32 del,
		  u32 ins)
{
	u32 oldp = FDT_ALIGN4(t->len), newlen, newp;
	u8 *val = fdti_st(f) + t->val;

	if (off > t->len || del > t->len - off)
		return -VEL2_FDT_EBADARG;
	if ((u64)t->len - del + ins > FDT_MAX_SIZE)
		return -VEL2_FDT_ENOSPACE;
	newlen = t->len - del + ins;
	newp = FDT_ALIGN4(newlen);
	if (newp > oldp) {
		if (!fits(f, newp - oldp, 0))
			return -VEL2_FDT_ENOSPACE;
		struct_insert(f, t->val + oldp, newp - oldp);
	}
	fdti_move(val + off + ins, val + off + del, t->len - off - del);
	if (newp < oldp)
		struct_remove(f, t->val + newp, oldp - newp);
	fdti_zero(val + off, ins);
	fdti_zero(val + newlen, newp - newlen);
	vel2_fdt32_st(fdti_st(f) + t->off + 4, newlen);
	return 0;
}

int fdti_splice_prop(void *blob, size_t cap, int node, const char *name,
		     u32 off, u32 del, u32 ins, u8 **valp)
{
	struct fdt_tok t;
	struct fdt f;
	int r;

	r = fdti_open_rw(&f, blob, cap);
	if (!r)
		r = fdti_find_prop(&f, node, name, &t, NULL);
	if (!r)
		r = splice(&f, &t, off, del, ins);
	if (r)
		return r;
	fdti_commit(&f);
	*valp = fdti_st(&f) + t.val;
	return 0;
}

static int add_prop(struct fdt *f, u32 at, const char *name, const void *val,
		    u32 len)
{
	u32 n = fdti_strlen(name) + 1, d = 12 + FDT_ALIGN4(len);
	int so = find_string(f, name, n);
	u8 *p;

	if (!fits(f, d, so < 0 ? n : 0))
		return -VEL2_FDT_ENOSPACE;
	struct_insert(f, at, d);
	if (so < 0)
		so = (int)add_string(f, name, n);
	p = fdti_st(f) + at;
	vel2_fdt32_st(p, FDT_PROP);
	vel2_fdt32_st(p + 4, len);
	vel2_fdt32_st(p + 8, (u32)so);
	fdti_move(p + 12, val, len);
	return 0;
}

int vel2_fdt_setprop(void *blob, size_t cap, int node, const char *name,
		     const void *val, u32 len)
{
	struct fdt_tok t;
	struct fdt f;
	u32 at;
	int r;

	if (!name || !*name || (len && !val))
		return -VEL2_FDT_EBADARG;
	if (len > FDT_MAX_SIZE - 16)
		return -VEL2_FDT_ENOSPACE;
	r = fdti_open_rw(&f, blob, cap);
	if (r)
		return r;
	r = fdti_find_prop(&f, node, name, &t, &at);
	if (r == 0) {
		r = splice(&f, &t, 0, t.len, len);
		if (!r)
			fdti_move(fdti_st(&f) + t.val, val, len);
	} else if (r == -VEL2_FDT_ENOTFOUND) {
		r = add_prop(&f, at, name, val, len);
	}
	if (!r)
		fdti_commit(&f);
	return r;
}

int vel2_fdt_setprop_u32(void *blob, size_t cap, int node, const char *name,
			 u32 val)
{
	u8 v[4];

	vel2_fdt32_st(v, val);
	return vel2_fdt_setprop(blob, cap, node, name, v, sizeof(v));
}

int vel2_fdt_setprop_u64(void *blob, size_t cap, int node, const char *name,
			 u64 val)
{
	u8 v[8];

	vel2_fdt64_st(v, val);
	return vel2_fdt_setprop(blob, cap, node, name, v, sizeof(v));
}

int vel2_fdt_setprop_string(void *blob, size_t cap, int node, const char *name,
			    const char *str)
{
	if (!str)
		return -VEL2_FDT_EBADARG;
	return vel2_fdt_setprop(blob, cap, node, name, str,
				fdti_strlen(str) + 1);
}

/* The name stays in the strings block: other properties may share it. */
int vel2_fdt_delprop(void *blob, int node, const char *name)
{
	struct fdt_tok t;
	struct fdt f;
	int r;

	if (!name)
		return -VEL2_FDT_EBADARG;
	r = fdti_open_rw(&f, blob, 0);
	if (!r)
		r = fdti_find_prop(&f, node, name, &t, NULL);
	if (r)
		return r;
	struct_remove(&f, t.off, t.next - t.off);
	fdti_commit(&f);
	return 0;
}

static bool node_name_ok(const char *name)
{
	if (!name || !*name)
		return false;
	for (; *name; name++)
		if (*name == '/')
			return false;
	return true;
}

/* The new node goes last among parent's children, just before its
 * FDT_END_NODE: nothing after it moves but the nodes that follow parent. */
int vel2_fdt_add_subnode(void *blob, size_t cap, int parent, const char *name)
{
	struct fdt f;
	u32 n, d;
	int at, r;
	u8 *p;

	if (!node_name_ok(name))
		return -VEL2_FDT_EBADARG;
	r = fdti_open_rw(&f, blob, cap);
	if (r)
		return r;
	r = fdti_child_exact(&f, parent, name);
	if (r >= 0)
		return -VEL2_FDT_EEXISTS;
	if (r != -VEL2_FDT_ENOTFOUND)
		return r;
	at = fdti_node_end(&f, parent);
	if (at < 0)
		return at;
	n = fdti_strlen(name) + 1;
	d = 4 + FDT_ALIGN4(n) + 4;
	if (!fits(&f, d, 0))
		return -VEL2_FDT_ENOSPACE;
	struct_insert(&f, (u32)at, d);
	p = fdti_st(&f) + at;
	vel2_fdt32_st(p, FDT_BEGIN_NODE);
	fdti_move(p + 4, name, n);
	vel2_fdt32_st(p + 4 + FDT_ALIGN4(n), FDT_END_NODE);
	fdti_commit(&f);
	return at;
}

/*
 * The new entry replaces the terminator, and a new terminator follows. If
 * the gap before the structure block is short, the structure (and, if
 * needed, the strings) block moves up by a multiple of 4, which keeps the
 * structure block 4-byte aligned.
 */
int vel2_fdt_add_memrsv(void *blob, size_t cap, u64 addr, u64 size)
{
	struct fdt f;
	u32 gap, d;
	u8 *e;
	int r;

	/* (0, 0) is the terminator; an empty region reserves nothing. */
	if (size == 0)
		return -VEL2_FDT_EBADARG;
	r = fdti_open_rw(&f, blob, cap);
	if (r)
		return r;
	gap = f.st_off - (f.rsv_off + f.rsv_size);
	if (gap < RSV_ENTRY) {
		d = RSV_ENTRY - gap;
		if (!fits(&f, d, 0))
			return -VEL2_FDT_ENOSPACE;
		room_after_struct(&f, d);
		fdti_move(f.b + f.st_off + d, f.b + f.st_off, f.st_size);
		f.st_off += d;
	}
	e = f.b + f.rsv_off + f.rsv_size - RSV_ENTRY;
	vel2_fdt64_st(e, addr);
	vel2_fdt64_st(e + 8, size);
	fdti_zero(e + RSV_ENTRY, RSV_ENTRY);
	f.rsv_size += RSV_ENTRY;
	fdti_commit(&f);
	return 0;
}

int vel2_fdt_pack(void *blob)
{
	struct fdt f;
	int r;

	r = fdti_open_rw(&f, blob, 0);
	if (r)
		return r;
	/* 40 is 8-byte aligned, as the reservation block must be. */
	fdti_move(f.b + HDR_LEN_V17, f.b + f.rsv_off, f.rsv_size);
	f.rsv_off = HDR_LEN_V17;
	fdti_move(f.b + f.rsv_off + f.rsv_size, fdti_st(&f), f.st_size);
	f.st_off = f.rsv_off + f.rsv_size;
	fdti_move(f.b + f.st_off + f.st_size, f.b + f.str_off, f.str_size);
	f.str_off = f.st_off + f.st_size;
	f.total = f.str_off + f.str_size;
	fdti_commit(&f);
	return (int)f.total;
}
