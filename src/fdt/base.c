// SPDX-License-Identifier: MIT
/*
 * DTB header decoding, the token decoder and full validation.
 *
 * Every access to the blob goes through fdti_open() (header and block
 * layout) and fdti_tok() (one token, bounded by the structure block), so an
 * image that lies about its sizes produces an error, never a read outside
 * the buffer. Multi-byte fields are read byte by byte: the blob needs no
 * alignment in memory, and -mstrict-align code stays correct.
 */
#include "fdt_int.h"

/* ---- byte helpers (no libc) ------------------------------------------- */

/*
 * The attribute keeps GCC from turning these loops back into calls to
 * memmove()/memset(), which the freestanding library cannot rely on.
 */
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void
fdti_move(void *dst, const void *src, u32 n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (d == s || n == 0)
		return;
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
}

__attribute__((optimize("no-tree-loop-distribute-patterns"))) void
fdti_zero(void *dst, u32 n)
{
	u8 *d = dst;

	while (n--)
		*d++ = 0;
}

u32 fdti_strlen(const char *s)
{
	u32 n = 0;

	while (s[n])
		n++;
	return n;
}

bool fdti_memeq(const void *a, const void *b, u32 n)
{
	const u8 *x = a, *y = b;
	u32 i;

	for (i = 0; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

bool fdti_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Length of the string at s, or max if no NUL within max bytes. */
static u32 strnlen_bounded(const u8 *s, u32 max)
{
	u32 n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

u8 *fdti_st(const struct fdt *f)
{
	return f->b + f->st_off;
}

const char *vel2_fdt_strerror(int err)
{
	static const char *const msg[] = {
		[VEL2_FDT_EBADMAGIC - VEL2_FDT_EBADMAGIC] = "bad magic",
		[VEL2_FDT_EBADVERSION - VEL2_FDT_EBADMAGIC] =
			"unsupported version",
		[VEL2_FDT_ETRUNCATED - VEL2_FDT_EBADMAGIC] = "truncated",
		[VEL2_FDT_EBADLAYOUT - VEL2_FDT_EBADMAGIC] = "bad block layout",
		[VEL2_FDT_EBADMEMRSV - VEL2_FDT_EBADMAGIC] =
			"unterminated memory reservation block",
		[VEL2_FDT_EBADSTRUCT - VEL2_FDT_EBADMAGIC] =
			"malformed structure block",
		[VEL2_FDT_EBADSTRINGS - VEL2_FDT_EBADMAGIC] =
			"bad property name offset",
		[VEL2_FDT_ENOTFOUND - VEL2_FDT_EBADMAGIC] = "not found",
		[VEL2_FDT_ENOSPACE - VEL2_FDT_EBADMAGIC] =
			"buffer capacity exceeded",
		[VEL2_FDT_EEXISTS - VEL2_FDT_EBADMAGIC] = "node exists",
		[VEL2_FDT_EBADVALUE - VEL2_FDT_EBADMAGIC] =
			"unusable property value",
		[VEL2_FDT_EBADARG - VEL2_FDT_EBADMAGIC] = "bad argument",
		[VEL2_FDT_EUNSUPPORTED - VEL2_FDT_EBADMAGIC] =
			"block order not editable",
	};
	u32 e = err < 0 ? -(u32)err : (u32)err;

	if (e == 0)
		return "ok";
	if (e < VEL2_FDT_EBADMAGIC || e > VEL2_FDT_EUNSUPPORTED)
		return "unknown error";
	return msg[e - VEL2_FDT_EBADMAGIC];
}

u64 vel2_fdt_cells_ld(const void *p, u32 ncells)
{
	if (ncells == 1)
		return vel2_fdt32_ld(p);
	if (ncells == 2)
		return vel2_fdt64_ld(p);
	return 0;
}

int vel2_fdt_cells_st(void *p, u32 ncells, u64 v)
{
	if (ncells == 1 && v <= 0xffffffffULL) {
		vel2_fdt32_st(p, (u32)v);
		return 0;
	}
	if (ncells == 2) {
		vel2_fdt64_st(p, v);
		return 0;
	}
	return -VEL2_FDT_EBADVALUE;
}

/* ---- header and layout ------------------------------------------------ */

/* [off, off + len) lies after the header and inside totalsize. */
static bool in_blob(u32 off, u32 len, u32 hdr, u32 total)
{
	return off >= hdr && (u64)off + len <= total;
}

static bool disjoint(u32 a, u32 alen, u32 b, u32 blen)
{
	return alen == 0 || blen == 0 || (u64)a + alen <= b ||
	       (u64)b + blen <= a;
}

/*
 * The memory reservation block has no size field: it runs to the first
 * all-zero entry (5.3.2), which must lie inside totalsize.
 */
static int scan_memrsv(struct fdt *f)
{
	u32 off = f->rsv_off;

	while ((u64)off + RSV_ENTRY <= f->total) {
		if (vel2_fdt64_ld(f->b + off) == 0 &&
		    vel2_fdt64_ld(f->b + off + 8) == 0) {
			f->rsv_size = off + RSV_ENTRY - f->rsv_off;
			return 0;
		}
		off += RSV_ENTRY;
	}
	return -VEL2_FDT_EBADMEMRSV;
}

/*
 * Version 16 headers lack size_dt_struct: the block runs to its FDT_END
 * token. Walk the tokens within what totalsize allows to find it.
 */
static int size_struct_v16(struct fdt *f)
{
	struct fdt_tok t;
	u32 off = 0;
	int r;

	f->st_size = (f->total - f->st_off) & ~3U;
	for (;;) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		if (t.tag == FDT_END) {
			f->st_size = t.next;
			return 0;
		}
		off = t.next;
	}
}

static int read_layout(struct fdt *f, u32 hdr)
{
	const u8 *b = f->b;
	int r;

	f->rsv_off = vel2_fdt32_ld(b + HDR_OFF_RSVMAP);
	f->st_off = vel2_fdt32_ld(b + HDR_OFF_STRUCT);
	f->str_off = vel2_fdt32_ld(b + HDR_OFF_STRINGS);
	f->str_size = vel2_fdt32_ld(b + HDR_SIZE_STRINGS);
	f->st_size = 0;
	/* 5.1: the reservation block is 8-byte aligned, the structure
	 * block 4-byte aligned; the strings block has no alignment. */
	if (f->rsv_off % 8 || f->st_off % 4)
		return -VEL2_FDT_EBADLAYOUT;
	if (!in_blob(f->rsv_off, RSV_ENTRY, hdr, f->total) ||
	    !in_blob(f->st_off, 0, hdr, f->total) ||
	    !in_blob(f->str_off, f->str_size, hdr, f->total))
		return -VEL2_FDT_EBADLAYOUT;
	if (f->version >= 17) {
		f->st_size = vel2_fdt32_ld(b + HDR_SIZE_STRUCT);
		if (f->st_size % 4 ||
		    !in_blob(f->st_off, f->st_size, hdr, f->total))
			return -VEL2_FDT_EBADLAYOUT;
	} else {
		r = size_struct_v16(f);
		if (r)
			return r;
	}
	r = scan_memrsv(f);
	if (r)
		return r;
	if (!disjoint(f->rsv_off, f->rsv_size, f->st_off, f->st_size) ||
	    !disjoint(f->rsv_off, f->rsv_size, f->str_off, f->str_size) ||
	    !disjoint(f->st_off, f->st_size, f->str_off, f->str_size))
		return -VEL2_FDT_EBADLAYOUT;
	return 0;
}

int fdti_open(struct fdt *f, const void *blob, size_t size)
{
	const u8 *b = blob;
	u32 hdr, last_comp;

	if (!blob || size < 4)
		return -VEL2_FDT_ETRUNCATED;
	if (vel2_fdt32_ld(b + HDR_MAGIC) != VEL2_FDT_MAGIC)
		return -VEL2_FDT_EBADMAGIC;
	if (size < HDR_LEN_V16)
		return -VEL2_FDT_ETRUNCATED;
	f->b = (u8 *)blob;
	f->version = vel2_fdt32_ld(b + HDR_VERSION);
	last_comp = vel2_fdt32_ld(b + HDR_LAST_COMP);
	/* 16 is the oldest layout with the header fields we rely on (and
	 * an empty root name); a blob that needs a reader newer than 17
	 * says so with last_comp_version. */
	if (f->version < 16 || last_comp > 17)
		return -VEL2_FDT_EBADVERSION;
	hdr = f->version >= 17 ? HDR_LEN_V17 : HDR_LEN_V16;
	f->total = vel2_fdt32_ld(b + HDR_TOTALSIZE);
	if (f->total > size)
		return -VEL2_FDT_ETRUNCATED;
	if (f->total < hdr || f->total > FDT_MAX_SIZE)
		return -VEL2_FDT_EBADLAYOUT;
	f->cap = f->total;
	return read_layout(f, hdr);
}

/* Reads trust totalsize: the blob has been through vel2_fdt_check(). */
int fdti_open_ro(struct fdt *f, const void *blob)
{
	if (!blob)
		return -VEL2_FDT_EBADARG;
	if (vel2_fdt32_ld(blob) != VEL2_FDT_MAGIC)
		return -VEL2_FDT_EBADMAGIC;
	return fdti_open(f, blob,
			 vel2_fdt32_ld((const u8 *)blob + HDR_TOTALSIZE));
}

/*
 * Edits keep the block order dtc, QEMU and every other writer use:
 * header, reservation block, structure block, strings block, free space.
 * Growing a block then only ever moves the blocks after it towards the end
 * of the buffer. The reservation block at >= 40 leaves room for the v17
 * header that fdti_commit() writes. cap == 0: no growth (totalsize).
 */
int fdti_open_rw(struct fdt *f, void *blob, size_t cap)
{
	int r;

	if (cap > FDT_MAX_SIZE)
		cap = FDT_MAX_SIZE;
	r = cap ? fdti_open(f, blob, cap) : fdti_open_ro(f, blob);
	if (r)
		return r;
	if (cap)
		f->cap = (u32)cap;
	if (f->rsv_off < HDR_LEN_V17 || f->rsv_off + f->rsv_size > f->st_off ||
	    f->st_off + f->st_size > f->str_off)
		return -VEL2_FDT_EUNSUPPORTED;
	return 0;
}

/*
 * Write back the header. The result is always a version 17 blob, whose
 * last_comp_version is 16 (5.2): it is the only layout we write.
 */
void fdti_commit(struct fdt *f)
{
	u8 *b = f->b;

	vel2_fdt32_st(b + HDR_TOTALSIZE, f->total);
	vel2_fdt32_st(b + HDR_OFF_STRUCT, f->st_off);
	vel2_fdt32_st(b + HDR_OFF_STRINGS, f->str_off);
	vel2_fdt32_st(b + HDR_OFF_RSVMAP, f->rsv_off);
	vel2_fdt32_st(b + HDR_VERSION, 17);
	vel2_fdt32_st(b + HDR_LAST_COMP, 16);
	vel2_fdt32_st(b + HDR_SIZE_STRINGS, f->str_size);
	vel2_fdt32_st(b + HDR_SIZE_STRUCT, f->st_size);
	f->version = 17;
}

u32 vel2_fdt_totalsize(const void *blob)
{
	if (!blob || vel2_fdt32_ld(blob) != VEL2_FDT_MAGIC)
		return 0;
	return vel2_fdt32_ld((const u8 *)blob + HDR_TOTALSIZE);
}

/* ---- tokens ----------------------------------------------------------- */

static int tok_node(const struct fdt *f, struct fdt_tok *t)
{
	const u8 *name = fdti_st(f) + t->off + 4;
	u32 room = f->st_size - t->off - 4;
	u32 n = strnlen_bounded(name, room);

	if (n == room)
		return -VEL2_FDT_EBADSTRUCT;
	t->name = (const char *)name;
	t->next = t->off + 4 + FDT_ALIGN4(n + 1);
	if (t->next > f->st_size)
		return -VEL2_FDT_EBADSTRUCT;
	return 0;
}

static int tok_prop(const struct fdt *f, struct fdt_tok *t)
{
	const u8 *p = fdti_st(f) + t->off;
	u32 nameoff;

	if (f->st_size - t->off < 12)
		return -VEL2_FDT_EBADSTRUCT;
	t->len = vel2_fdt32_ld(p + 4);
	nameoff = vel2_fdt32_ld(p + 8);
	if (t->len > f->st_size - t->off - 12)
		return -VEL2_FDT_EBADSTRUCT;
	t->val = t->off + 12;
	t->next = t->val + FDT_ALIGN4(t->len);
	if (t->next > f->st_size)
		return -VEL2_FDT_EBADSTRUCT;
	if (nameoff >= f->str_size ||
	    strnlen_bounded(f->b + f->str_off + nameoff,
			    f->str_size - nameoff) == f->str_size - nameoff)
		return -VEL2_FDT_EBADSTRINGS;
	t->name = (const char *)f->b + f->str_off + nameoff;
	return 0;
}

int fdti_tok(const struct fdt *f, u32 off, struct fdt_tok *t)
{
	if (off % 4 || off > f->st_size || f->st_size - off < 4)
		return -VEL2_FDT_EBADSTRUCT;
	t->off = off;
	t->tag = vel2_fdt32_ld(fdti_st(f) + off);
	t->name = NULL;
	t->len = 0;
	t->val = 0;
	t->next = off + 4;
	switch (t->tag) {
	case FDT_BEGIN_NODE:
		return tok_node(f, t);
	case FDT_PROP:
		return tok_prop(f, t);
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		return 0;
	}
	return -VEL2_FDT_EBADSTRUCT;
}

/* ---- full validation -------------------------------------------------- */

/* A node name must be usable in a path: non-empty, no '/'. */
static bool node_name_ok(const char *name)
{
	if (!*name)
		return false;
	for (; *name; name++)
		if (*name == '/')
			return false;
	return true;
}

/* What may legitimately follow, given the tokens seen so far. */
struct walk {
	u32 depth;
	bool root_seen;
	bool after_end_node; /* last structural token was FDT_END_NODE */
};

static int check_begin(struct walk *w, const struct fdt_tok *t)
{
	if (w->depth == 0) {
		/* One root, and its name is empty (5.4.1, 2.2.1). */
		if (w->root_seen || t->name[0])
			return -VEL2_FDT_EBADSTRUCT;
		w->root_seen = true;
	} else if (!node_name_ok(t->name)) {
		return -VEL2_FDT_EBADSTRUCT;
	}
	w->depth++;
	w->after_end_node = false;
	return 0;
}

static int check_token(const struct fdt *f, struct walk *w,
		       const struct fdt_tok *t)
{
	switch (t->tag) {
	case FDT_BEGIN_NODE:
		return check_begin(w, t);
	case FDT_END_NODE:
		if (w->depth == 0)
			return -VEL2_FDT_EBADSTRUCT;
		w->depth--;
		w->after_end_node = true;
		return 0;
	case FDT_PROP:
		/* Properties precede subnodes (5.4.2): one right after a
		 * subnode's FDT_END_NODE is out of place. */
		if (w->depth == 0 || w->after_end_node)
			return -VEL2_FDT_EBADSTRUCT;
		return 0;
	case FDT_END:
		/* The single FDT_END is the block's last token. */
		if (w->depth || !w->root_seen || t->next != f->st_size)
			return -VEL2_FDT_EBADSTRUCT;
		return 0;
	}
	return 0; /* FDT_NOP */
}

static int check_struct(const struct fdt *f)
{
	struct walk w = { 0 };
	struct fdt_tok t;
	u32 off = 0;
	int r;

	for (;;) {
		r = fdti_tok(f, off, &t);
		if (r)
			return r;
		r = check_token(f, &w, &t);
		if (r || t.tag == FDT_END)
			return r;
		off = t.next;
	}
}

int vel2_fdt_check(const void *blob, size_t size)
{
	struct fdt f;
	int r;

	r = fdti_open(&f, blob, size);
	if (r)
		return r;
	return check_struct(&f);
}
