/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the src/fdt sources: the decoded header, the token
 * decoder and byte helpers. Format references are to the Devicetree
 * Specification v0.4, chapter 5.
 */
#ifndef VEL2_FDT_INT_H
#define VEL2_FDT_INT_H

#include <vel2/fdt.h>

/* Structure block tokens (5.4.1). */
#define FDT_BEGIN_NODE 0x1U
#define FDT_END_NODE 0x2U
#define FDT_PROP 0x3U
#define FDT_NOP 0x4U
#define FDT_END 0x9U

/* Header fields, byte offsets (5.2). */
#define HDR_MAGIC 0
#define HDR_TOTALSIZE 4
#define HDR_OFF_STRUCT 8
#define HDR_OFF_STRINGS 12
#define HDR_OFF_RSVMAP 16
#define HDR_VERSION 20
#define HDR_LAST_COMP 24
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT 36
/* Version 16 has no size_dt_struct; 17 adds it (5.2). */
#define HDR_LEN_V16 36U
#define HDR_LEN_V17 40U

#define RSV_ENTRY 16U /* two big-endian u64: address, size */

/*
 * Node offsets are ints, so every offset and size is kept below 2^31; a
 * larger blob is refused as EBADLAYOUT (nothing real comes close).
 */
#define FDT_MAX_SIZE 0x7fffffffU

#define FDT_ALIGN4(x) (((x) + 3U) & ~3U)

/* The decoded header of a blob whose layout has been checked. */
struct fdt {
	u8 *b;
	u32 cap; /* buffer capacity (edits), else totalsize */
	u32 total;
	u32 version;
	u32 rsv_off, rsv_size; /* rsv_size includes the terminator */
	u32 st_off, st_size;
	u32 str_off, str_size;
};

/* One decoded token; offsets are relative to the structure block. */
struct fdt_tok {
	u32 tag;
	u32 off;
	u32 next;
	const char *name; /* BEGIN_NODE: node name; PROP: property name */
	u32 len; /* PROP: value length */
	u32 val; /* PROP: value offset */
};

int fdti_open(struct fdt *f, const void *blob, size_t size);
int fdti_open_ro(struct fdt *f, const void *blob);
int fdti_open_rw(struct fdt *f, void *blob, size_t cap);
void fdti_commit(struct fdt *f);
int fdti_tok(const struct fdt *f, u32 off, struct fdt_tok *t);
int fdti_root(const struct fdt *f);
int fdti_node_tok(const struct fdt *f, int node, struct fdt_tok *t);
int fdti_node_end(const struct fdt *f, int node);
int fdti_child_exact(const struct fdt *f, int parent, const char *name);
int fdti_find_prop(const struct fdt *f, int node, const char *name,
		   struct fdt_tok *t, u32 *insert_at);
int fdti_splice_prop(void *blob, size_t cap, int node, const char *name,
		     u32 off, u32 del, u32 ins, u8 **valp);

u8 *fdti_st(const struct fdt *f);
void fdti_move(void *dst, const void *src, u32 n);
void fdti_zero(void *dst, u32 n);
u32 fdti_strlen(const char *s);
bool fdti_memeq(const void *a, const void *b, u32 n);
bool fdti_streq(const char *a, const char *b);

#endif /* VEL2_FDT_INT_H */
