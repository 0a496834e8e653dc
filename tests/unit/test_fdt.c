// SPDX-License-Identifier: MIT
/*
 * src/fdt: vel2's devicetree logic on libfdt (the check of a blob from
 * outside, the edits for the guest), on QEMU's own virt DTB and on small
 * hand-written DTS compiled by dtc (mk/fdt.mk makes both). Every edit is
 * checked twice: re-read with libfdt, and decompiled by dtc, whose output
 * must equal the original's with exactly the expected lines changed.
 * Malformed blobs are hand-made from good ones, then fuzzed: a blob that
 * vel2_fdt_check() accepts must never make libfdt report a broken
 * structure while vel2 edits it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <vel2/fdt.h>

#include <libfdt.h>

#include "helpers/rng.h"

#ifndef FDT_TESTDATA
#define FDT_TESTDATA "build/fdt"
#endif

/* Header fields (Devicetree Specification 5.2). */
#define H_MAGIC 0
#define H_TOTAL 4
#define H_OFF_STRUCT 8
#define H_OFF_STRINGS 12
#define H_OFF_RSV 16
#define H_VERSION 20
#define H_LAST_COMP 24
#define H_SIZE_STRINGS 32
#define H_SIZE_STRUCT 36

#define T_BEGIN 1
#define T_END_NODE 2
#define T_PROP 3
#define T_NOP 4
#define T_END 9

/* A libfdt error code, negated as libfdt returns it. */
#define E(x) (-FDT_ERR_##x)

static u32 ld32(const void *p)
{
	return fdt32_ld((const fdt32_t *)p);
}

static u64 ld64(const void *p)
{
	return fdt64_ld((const fdt64_t *)p);
}

static void st32(void *p, u32 v)
{
	fdt32_st(p, v);
}

static u64 cells_ld(const void *p, u32 n)
{
	return n == 2 ? ld64(p) : ld32(p);
}

static u32 hdr(const u8 *b, int off)
{
	return ld32(b + off);
}

static void set_hdr(u8 *b, int off, u32 v)
{
	st32(b + off, v);
}

/* ---- loading ---------------------------------------------------------- */

static u8 *read_file(const char *name, size_t *len)
{
	char path[512];
	long n;
	FILE *f;
	u8 *p;

	snprintf(path, sizeof(path), "%s/%s", FDT_TESTDATA, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (make fdt-data)", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	p = malloc(n ? n : 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, n, f), n);
	fclose(f);
	*len = n;
	return p;
}

/*
 * A copy of blob in a buffer of exactly cap bytes, so that ASan sees any
 * access past the capacity. The spare bytes are 0xee, not zeros: nothing
 * may rely on free space being clear.
 */
static u8 *copy_cap(const void *blob, size_t len, size_t cap)
{
	u8 *b = malloc(cap ? cap : 1);

	assert_non_null(b);
	assert_true(len <= cap);
	memcpy(b, blob, len);
	memset(b + len, 0xee, cap - len);
	return b;
}

/* name, with extra bytes of room; *cap gets the buffer size. */
static u8 *load(const char *name, size_t extra, size_t *cap)
{
	size_t len;
	u8 *f = read_file(name, &len), *b;

	b = copy_cap(f, len, len + extra);
	free(f);
	if (cap)
		*cap = len + extra;
	return b;
}

/* QEMU's virt DTB, packed (QEMU pads it to 1 MiB), plus extra bytes. */
static u8 *load_virt(size_t extra, size_t *cap)
{
	size_t len;
	u8 *f = read_file("virt.dtb", &len), *b;
	int packed;

	assert_int_equal(vel2_fdt_check(f, len), 0);
	assert_int_equal(fdt_pack(f), 0);
	packed = (int)fdt_totalsize(f);
	b = copy_cap(f, packed, packed + extra);
	free(f);
	*cap = packed + extra;
	return b;
}

/* ---- dtc, the independent reader -------------------------------------- */

static bool have_dtc(void)
{
	static int have = -1;

	if (have < 0)
		have = system("command -v dtc >/dev/null 2>&1") == 0;
	return have;
}

/* dtc's DTS for blob (main() refuses to run without dtc). dtc must accept
 * the blob. */
static char *dts(const void *blob)
{
	char path[] = "/tmp/vel2-fdt-XXXXXX", cmd[128];
	u32 total = fdt_totalsize(blob);
	size_t n = 0, cap = 4096;
	char *out;
	FILE *p;
	int fd;

	if (!have_dtc())
		return NULL;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, blob, total), total);
	close(fd);
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts %s 2>&1", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	out = malloc(cap);
	while (!feof(p)) {
		if (n + 1024 > cap)
			out = realloc(out, cap *= 2);
		n += fread(out + n, 1, cap - n - 1, p);
	}
	out[n] = '\0';
	if (pclose(p) != 0)
		fail_msg("dtc rejects the blob:\n%s", out);
	unlink(path);
	return out;
}

static void expect_dts(const void *blob, const char *line)
{
	char *d = dts(blob);

	assert_non_null(d);
	if (!strstr(d, line))
		fail_msg("dtc output lacks \"%s\":\n%s", line, d);
	free(d);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The non-empty lines of a copy of text, leading whitespace dropped;
 * the copy is out[0]'s block, freed with free(*keep). */
static size_t lines(const char *text, char ***out, size_t extra, char **keep)
{
	size_t n = 0, cap = 64;
	char **v = malloc(cap * sizeof(*v)), *s;

	*keep = strdup(text);
	for (s = strtok(*keep, "\n"); s; s = strtok(NULL, "\n")) {
		s += strspn(s, " \t");
		if (!*s)
			continue;
		if (n + extra + 1 >= cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
		v[n++] = s;
	}
	*out = v;
	return n;
}

/*
 * dtc's view of after must be dtc's view of before, minus the lines in
 * removed, plus those in added (as multisets: order inside a node is
 * whatever the blob's order is).
 */
static void expect_dts_diff(const char *before, const char *after,
			    const char *const *removed,
			    const char *const *added)
{
	char **a, **b, *ka, *kb;
	size_t na, nb, i, j, nadd = 0;

	assert_non_null(before);
	assert_non_null(after);
	while (added && added[nadd])
		nadd++;
	na = lines(before, &a, nadd, &ka);
	nb = lines(after, &b, 0, &kb);
	for (i = 0; removed && removed[i]; i++) {
		for (j = 0; j < na && strcmp(a[j], removed[i]); j++)
			;
		if (j == na)
			fail_msg("line \"%s\" not in the original", removed[i]);
		a[j] = a[--na];
	}
	for (i = 0; i < nadd; i++)
		a[na++] = (char *)added[i];
	qsort(a, na, sizeof(*a), cmp_line);
	qsort(b, nb, sizeof(*b), cmp_line);
	for (i = 0; i < na && i < nb; i++)
		if (strcmp(a[i], b[i]))
			fail_msg("dtc output differs: expected \"%s\", got "
				 "\"%s\"",
				 a[i], b[i]);
	if (na != nb)
		fail_msg("dtc output has %zu lines, expected %zu", nb, na);
	free(a);
	free(b);
	free(ka);
	free(kb);
}

/* expect_dts_diff() of dtc's view of blob now against before. */
static void expect_blob_diff(const void *blob, const char *before,
			     const char *const *removed,
			     const char *const *added)
{
	char *after = dts(blob);

	expect_dts_diff(before, after, removed, added);
	free(after);
}

/* "reg = <0x00 0x40000000 ...>;" as dtc prints cells. */
static char *cells_line(char *buf, const char *name, const u32 *c, int n)
{
	int i, k;

	k = sprintf(buf, "%s = <", name);
	for (i = 0; i < n; i++)
		k += sprintf(buf + k, "%s0x%02x", i ? " " : "", c[i]);
	sprintf(buf + k, ">;");
	return buf;
}

/* ---- reader helpers --------------------------------------------------- */

static int node_at(const void *b, const char *path)
{
	int node = fdt_path_offset(b, path);

	if (node < 0)
		fail_msg("%s: %s", path, fdt_strerror(node));
	return node;
}

/*
 * The reg of path must be the (base, size) pairs in want, read back with
 * the reader and seen by dtc.
 */
static void expect_reg(const u8 *b, const char *path, const u64 *want,
		       int npairs)
{
	int node = node_at(b, path), len, i, k = 0;
	u32 ac, sc, cells[64];
	const u8 *reg, *e;
	char line[1024];

	ac = (u32)fdt_address_cells(b, fdt_parent_offset(b, node));
	sc = (u32)fdt_size_cells(b, fdt_parent_offset(b, node));
	assert_true(ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2);
	reg = fdt_getprop(b, node, "reg", &len);
	assert_non_null(reg);
	assert_int_equal(len, npairs * 4 * (ac + sc));
	for (i = 0; i < npairs; i++) {
		e = reg + i * 4 * (ac + sc);
		assert_int_equal(cells_ld(e, ac), want[2 * i]);
		assert_int_equal(cells_ld(e + 4 * ac, sc), want[2 * i + 1]);
		if (ac == 2)
			cells[k++] = want[2 * i] >> 32;
		cells[k++] = (u32)want[2 * i];
		if (sc == 2)
			cells[k++] = want[2 * i + 1] >> 32;
		cells[k++] = (u32)want[2 * i + 1];
	}
	if (npairs)
		expect_dts(b, cells_line(line, "reg", cells, k));
	else
		expect_dts(b, "reg;");
}

/* A malformed blob must be refused; which of libfdt's error codes says so
 * is libfdt's business. */
static void expect_refused(int r)
{
	assert_true(r < 0 && r >= -FDT_ERR_MAX);
}

/* expect == 0: accepted; otherwise refused, with any error. */
static bool verdict_ok(int r, int expect)
{
	return expect ? r < 0 && r >= -FDT_ERR_MAX : r == 0;
}

/* ---- validation: good blobs ------------------------------------------- */

static void test_check_good(void **state)
{
	static const char *const names[] = { "virt.dtb", "banks.dtb",
					     "banks.v16.dtb", "cells1.dtb",
					     "cells1.v16.dtb" };
	size_t i, cap;
	u8 *b;

	for (i = 0; i < VEL2_ARRAY_SIZE(names); i++) {
		b = load(names[i], 0, &cap);
		assert_int_equal(vel2_fdt_check(b, cap), 0);
		/* One byte short of totalsize is a truncated blob. */
		expect_refused(vel2_fdt_check(b, hdr(b, H_TOTAL) - 1));
		free(b);
	}
	b = load("banks.v16.dtb", 0, &cap);
	assert_int_equal(hdr(b, H_VERSION), 16);
	free(b);
}

/* ---- lookups on QEMU's DTB -------------------------------------------- */

/* ---- prepare_guest on QEMU's DTB -------------------------------------- */

static const struct vel2_guest_dt virt_params = {
	.hv_base = 0x40080000, /* vel2, up to the guest at 0x40200000 */
	.hv_size = 0x180000,
	.initrd_start = 0x44000000,
	.initrd_size = 0x123400,
	.bootargs = "console=ttyAMA0 earlycon",
};

static void expect_virt_prepared(const u8 *b, char *before)
{
	static const u64 reg[] = { 0x40000000, 0x80000, 0x40200000, 0x7e00000 };
	static const u8 irq[] = { 1, 13, 4,  1, 14, 4,	1, 11,
				  4, 1,	 10, 4, 1,  12, 4 };
	static const char *const removed[] = {
		"reg = <0x00 0x40000000 0x00 0x8000000>;", NULL
	};
	static const char *const added[] = {
		"reg = <0x00 0x40000000 0x00 0x80000 0x00 0x40200000 0x00 "
		"0x7e00000>;",
		"linux,initrd-start = <0x00 0x44000000>;",
		"linux,initrd-end = <0x00 0x44123400>;",
		"bootargs = \"console=ttyAMA0 earlycon\";", NULL
	};
	int chosen = node_at(b, "/chosen"), timer, len, i;
	const u8 *p;

	expect_reg(b, "/memory@40000000", reg, 2);
	p = fdt_getprop(b, chosen, "linux,initrd-start", &len);
	assert_int_equal(len, 8);
	assert_int_equal(ld64(p), 0x44000000);
	p = fdt_getprop(b, chosen, "linux,initrd-end", &len);
	assert_int_equal(len, 8);
	assert_int_equal(ld64(p), 0x44123400);
	p = fdt_getprop(b, chosen, "bootargs", &len);
	assert_int_equal(len, strlen(virt_params.bootargs) + 1);
	assert_string_equal((const char *)p, virt_params.bootargs);
	timer = node_at(b, "/timer");
	p = fdt_getprop(b, timer, "interrupts", &len);
	assert_int_equal(len, 60);
	for (i = 0; i < 15; i++)
		assert_int_equal(ld32(p + 4 * i), irq[i]);
	expect_blob_diff(b, before, removed, added);
}

/* Packed, with room to spare. */
static void test_virt_prepare(void **state)
{
	size_t cap;
	u8 *b = load_virt(1024, &cap);
	char *before = dts(b);

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &virt_params), 0);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	assert_int_equal(hdr(b, H_VERSION), 17);
	expect_virt_prepared(b, before);
	free(before);
	free(b);
}

/* As QEMU hands it over: 1 MiB totalsize, the edits use its padding;
 * the result is packed. */
static void test_virt_prepare_unpacked(void **state)
{
	size_t cap;
	u8 *b = load("virt.dtb", 0, &cap);
	char *before = dts(b);
	u32 packed;

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &virt_params), 0);
	packed = hdr(b, H_TOTAL);
	assert_true(packed > 0 && packed < 16384);
	assert_int_equal(vel2_fdt_check(b, packed), 0);
	expect_virt_prepared(b, before);
	free(before);
	free(b);
}

/*
 * The smallest capacity that takes the edits: below it the error is
 * ENOSPACE and the blob stays valid. Printed for the hypervisor's author.
 */
static void test_virt_capacity(void **state)
{
	size_t cap, extra;
	int r = 1;
	u8 *b;

	for (extra = 0; r; extra += 4) {
		assert_true(extra <= 512);
		b = load_virt(extra, &cap);
		r = vel2_fdt_prepare_guest(b, cap, &virt_params);
		if (r)
			assert_int_equal(r, E(NOSPACE));
		assert_int_equal(vel2_fdt_check(b, cap), 0);
		free(b);
	}
	printf("[ NOTE     ] prepare_guest on QEMU's packed virt DTB "
	       "(%zu bytes) needs %zu more\n",
	       cap - (extra - 4), extra - 4);
}

/* ---- carve-out -------------------------------------------------------- */

/* banks.dtb: memory@40000000 = [0x40000000, +256M) [0x60000000, +256M),
 * memory@100000000 = [0x100000000, +512M). */
static u8 *carve(const char *file, u64 base, u64 size, int expect, size_t extra)
{
	struct vel2_guest_dt p = { .hv_base = base, .hv_size = size };
	size_t cap;
	u8 *b = load(file, extra, &cap);

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), expect);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	return b;
}

static const u64 bank1[] = { 0x40000000, 0x10000000, 0x60000000, 0x10000000 };
static const u64 bank2[] = { 0x100000000ULL, 0x20000000 };

/* A hole carved from banks.dtb and the reg of up to two nodes after it. */
struct carve_case {
	const char *what;
	u64 base, size;
	const char *node;
	const u64 *reg;
	int npairs;
	const char *node2;
	const u64 *reg2;
	int npairs2;
};

static void carve_cases(const struct carve_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		u8 *b = carve("banks.dtb", c[i].base, c[i].size, 0, 0);

		print_message("carve [%#llx, +%#llx): %s\n",
			      (unsigned long long)c[i].base,
			      (unsigned long long)c[i].size, c[i].what);
		expect_reg(b, c[i].node, c[i].reg, c[i].npairs);
		if (c[i].node2)
			expect_reg(b, c[i].node2, c[i].reg2, c[i].npairs2);
		free(b);
	}
}

static void test_carve_start(void **state)
{
	static const u64 want[] = { 0x40100000, 0xff00000, 0x60000000,
				    0x10000000 };
	static const struct carve_case cases[] = {
		{ "the start of a bank", 0x40000000, 0x100000,
		  "/memory@40000000", want, 2, "/memory@100000000", bank2, 1 },
		{ "a hole starting below the bank trims the bank's start too",
		  0x3ff00000, 0x200000, "/memory@40000000", want, 2, NULL, NULL,
		  0 },
	};

	carve_cases(cases, VEL2_ARRAY_SIZE(cases));
}

static void test_carve_end(void **state)
{
	static const u64 want[] = { 0x40000000, 0x10000000, 0x60000000,
				    0xff00000 };
	static const struct carve_case cases[] = {
		{ "the end of a bank", 0x6ff00000, 0x100000, "/memory@40000000",
		  want, 2, NULL, NULL, 0 },
		{ "a hole ending above the bank", 0x6ff00000, 0x8000000,
		  "/memory@40000000", want, 2, NULL, NULL, 0 },
	};

	carve_cases(cases, VEL2_ARRAY_SIZE(cases));
}

static void test_carve_middle(void **state)
{
	static const u64 want[] = { 0x40000000, 0x80000,    0x40200000,
				    0xfe00000,	0x60000000, 0x10000000 };
	static const u64 want2[] = { 0x100000000ULL, 0x10000000, 0x110001000ULL,
				     0xffff000 };
	size_t len;
	u8 *b = carve("banks.dtb", 0x40080000, 0x180000, 0, 16);
	u8 *orig = read_file("banks.dtb", &len);
	char *before = dts(orig), *after = dts(b);
	static const char *const removed[] = {
		"reg = <0x00 0x40000000 0x00 0x10000000 0x00 0x60000000 "
		"0x00 0x10000000>;",
		NULL
	};
	static const char *const added[] = {
		"reg = <0x00 0x40000000 0x00 0x80000 0x00 0x40200000 0x00 "
		"0xfe00000 0x00 0x60000000 0x00 0x10000000>;",
		NULL
	};

	expect_reg(b, "/memory@40000000", want, 3);
	expect_reg(b, "/memory@100000000", bank2, 1);
	expect_dts_diff(before, after, removed, added);
	free(before);
	free(after);
	free(orig);
	free(b);
	/* In the second node, a 64-bit address. */
	b = carve("banks.dtb", 0x110000000ULL, 0x1000, 0, 16);
	expect_reg(b, "/memory@40000000", bank1, 2);
	expect_reg(b, "/memory@100000000", want2, 2);
	free(b);
	/* A split needs 16 more bytes of reg: without them, ENOSPACE. */
	b = carve("banks.dtb", 0x40080000, 0x180000, E(NOSPACE), 12);
	expect_reg(b, "/memory@40000000", bank1, 2);
	free(b);
}

static void test_carve_outside(void **state)
{
	size_t len;
	u8 *orig = read_file("banks.dtb", &len);
	u8 *b = carve("banks.dtb", 0x80000000, 0x1000000, 0, 0);

	/* Untouched, to the byte; so is a hole ending at a bank's base. */
	assert_memory_equal(b, orig, len);
	free(b);
	b = carve("banks.dtb", 0x3ff00000, 0x100000, 0, 0);
	assert_memory_equal(b, orig, len);
	free(b);
	b = carve("banks.dtb", 0x50000000, 0x10000000, 0, 0);
	assert_memory_equal(b, orig, len);
	free(b);
	free(orig);
}

static void test_carve_whole(void **state)
{
	static const u64 first[] = { 0x40000000, 0x10000000 };
	static const u64 second[] = { 0x60000000, 0x10000000 };
	static const u64 trimmed[] = { 0x40000000, 0xff00000, 0x60100000,
				       0xff00000 };
	static const struct carve_case cases[] = {
		{ "a whole bank", 0x60000000, 0x10000000, "/memory@40000000",
		  first, 1, "/memory@100000000", bank2, 1 },
		{ "a whole bank and around it", 0x3f000000, 0x12000000,
		  "/memory@40000000", second, 1, NULL, NULL, 0 },
		{ "one hole across two banks: the end of one, the start of "
		  "next",
		  0x4ff00000, 0x10200000, "/memory@40000000", trimmed, 2, NULL,
		  NULL, 0 },
		{ "everything: reg is left empty, the nodes stay", 0,
		  1ULL << 40, "/memory@40000000", NULL, 0, "/memory@100000000",
		  NULL, 0 },
	};

	carve_cases(cases, VEL2_ARRAY_SIZE(cases));
}

static void test_carve_cells1(void **state)
{
	static const u64 mem[] = { 0x80100000, 0x3ff00000 };
	static const u64 sram[] = { 0x2000, 0x800, 0x2900, 0x700 };
	u8 *b = carve("cells1.dtb", 0x80000000, 0x100000, 0, 0);
	size_t cap;
	int node;

	expect_reg(b, "/memory@80000000", mem, 1);
	free(b);
	/* The nested node with device_type "memory" is carved too. */
	b = carve("cells1.dtb", 0x2800, 0x100, 0, 8);
	expect_reg(b, "/soc/sram@2000", sram, 2);
	free(b);
	b = carve("cells1.v16.dtb", 0x2800, 0x100, 0, 8);
	expect_reg(b, "/soc/sram@2000", sram, 2);
	assert_int_equal(hdr(b, H_VERSION), 17);
	assert_int_equal(hdr(b, H_LAST_COMP), 16);
	free(b);
	/* A new start that one cell cannot hold is refused. */
	b = load("cells1.dtb", 0, &cap);
	node = node_at(b, "/memory@80000000");
	{
		u8 reg[8];
		struct vel2_guest_dt p = { .hv_base = 0xf0000000,
					   .hv_size = 0x10001000 };

		st32(reg, 0xf0000000);
		st32(reg + 4, 0x20000000);
		assert_int_equal(fdt_setprop(b, node, "reg", reg, 8), 0);
		assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p),
				 E(BADVALUE));
	}
	free(b);
}

static void test_carve_errors(void **state)
{
	struct vel2_guest_dt p = { .hv_base = ~0ULL, .hv_size = 2 };
	size_t cap;
	u8 *b = load("cells1.dtb", 0, &cap);

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), E(BADVALUE));
	assert_int_equal(vel2_fdt_prepare_guest(b, cap, NULL), E(BADVALUE));
	/* No memory node at all: the carve-out cannot be enforced. */
	assert_int_equal(
		fdt_delprop(b, node_at(b, "/memory@80000000"), "device_type"),
		0);
	assert_int_equal(
		fdt_delprop(b, node_at(b, "/soc/sram@2000"), "device_type"), 0);
	p.hv_base = 0x80000000;
	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), E(NOTFOUND));
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	free(b);
	/* A blob that fails validation is refused before any edit. */
	b = load("cells1.dtb", 0, &cap);
	set_hdr(b, H_VERSION, 15);
	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), E(BADVERSION));
	free(b);
}

/* ---- /chosen ---------------------------------------------------------- */

static void test_chosen_existing(void **state)
{
	struct vel2_guest_dt p = { .initrd_start = 0x48000000,
				   .initrd_size = 0x200000,
				   .bootargs = "console=hvc0" };
	static const char *const removed[] = {
		"bootargs = \"console=ttyAMA0 quiet\";", NULL
	};
	static const char *const added[] = {
		"bootargs = \"console=hvc0\";",
		"linux,initrd-start = <0x00 0x48000000>;",
		"linux,initrd-end = <0x00 0x48200000>;", NULL
	};
	size_t cap;
	u8 *b = load("banks.dtb", 128, &cap);
	char *before = dts(b);
	int chosen;

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), 0);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	chosen = node_at(b, "/chosen");
	assert_string_equal(fdt_getprop(b, chosen, "bootargs", NULL),
			    "console=hvc0");
	assert_string_equal(fdt_getprop(b, chosen, "stdout-path", NULL),
			    "/uart");
	expect_blob_diff(b, before, removed, added);
	free(before);
	free(b);
}

static void test_chosen_created(void **state)
{
	struct vel2_guest_dt p = { .initrd_start = 0x1ff000000ULL,
				   .initrd_size = 0x1000 };
	static const char *const added[] = {
		"chosen {", "linux,initrd-start = <0x01 0xff000000>;",
		"linux,initrd-end = <0x01 0xff001000>;", "};", NULL
	};
	size_t cap;
	u8 *b = load("cells1.dtb", 128, &cap);
	char *before = dts(b);
	const u8 *v;
	int chosen, len;

	assert_int_equal(fdt_path_offset(b, "/chosen"), E(NOTFOUND));
	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), 0);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	chosen = node_at(b, "/chosen");
	assert_int_equal(fdt_parent_offset(b, chosen), node_at(b, "/"));
	v = fdt_getprop(b, chosen, "linux,initrd-end", &len);
	assert_int_equal(len, 8);
	assert_int_equal(ld64(v), 0x1ff001000ULL);
	assert_null(fdt_getprop(b, chosen, "bootargs", NULL));
	expect_blob_diff(b, before, NULL, added);
	free(before);
	free(b);
}

/* Nothing asked: not even /chosen is created. */
static void test_nothing_to_do(void **state)
{
	struct vel2_guest_dt p = { 0 };
	size_t cap, len;
	u8 *orig = read_file("cells1.dtb", &len);
	u8 *b = load("cells1.dtb", 128, &cap);

	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), 0);
	assert_memory_equal(b, orig, len);
	free(orig);
	free(b);
}

/* ---- CPUs ----------------------------------------------------------- */

static void test_cpus(void **state)
{
	static const u64 want[] = { 0, 1, 0x100, 0x101 };
	u64 mpidr[8];
	size_t cap;
	u8 *b = load("cpus.dtb", 64, &cap);
	int n, i;

	assert_int_equal(vel2_fdt_check(b, cap), 0);
	n = vel2_fdt_cpus(b, mpidr, 8);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_int_equal(mpidr[i], want[i]);
	/* One slot short: refused, not truncated. */
	assert_int_equal(vel2_fdt_cpus(b, mpidr, 3), E(NOSPACE));
	/* Two CPUs with one MPIDR. */
	st32((u8 *)fdt_getprop(b, node_at(b, "/cpus/cpu@100"), "reg", NULL) + 4,
	     1);
	assert_int_equal(vel2_fdt_cpus(b, mpidr, 8), E(BADVALUE));
	/* Bits outside the affinity fields ([31] is RES1 in MPIDR_EL1,
	 * never in a DTB's reg). */
	st32((u8 *)fdt_getprop(b, node_at(b, "/cpus/cpu@100"), "reg", NULL) + 4,
	     0x80000100);
	assert_int_equal(vel2_fdt_cpus(b, mpidr, 8), E(BADVALUE));
	free(b);
	/* QEMU's own: CPU 0 only, reg 0. */
	b = load("virt.dtb", 0, &cap);
	assert_int_equal(vel2_fdt_cpus(b, mpidr, 8), 1);
	assert_int_equal(mpidr[0], 0);
	free(b);
	/* No /cpus. */
	b = load("banks.dtb", 0, &cap);
	assert_true(vel2_fdt_cpus(b, mpidr, 8) < 0);
	free(b);
}

/* ---- timer ------------------------------------------------------------ */

/*
 * The timer's interrupts are never edited: the guest hypervisor's EL1 and
 * EL2 timers are the physical timers of those names, whose PPIs QEMU's
 * entries give (docs/nested-gic.md, "Timers").
 */
static void test_timer_untouched(void **state)
{
	static const u32 five_orig[] = { 1, 13, 4,  1, 14, 4,  1, 11,
					 4, 1,	10, 4, 1,  12, 4 };
	struct vel2_guest_dt p = { 0 };
	size_t cap;
	u8 *b = load("banks.dtb", 0, &cap);
	int timer = node_at(b, "/timer"), len, i;
	const u8 *irq;

	(void)state;
	assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), 0);
	irq = fdt_getprop(b, timer, "interrupts", &len);
	assert_int_equal(len, 60);
	for (i = 0; i < 15; i++)
		assert_int_equal(ld32(irq + 4 * i), five_orig[i]);
	free(b);
}

/* ---- setprop / delprop ------------------------------------------------ */

/* ---- subnodes, reservations, pack ------------------------------------- */

/* ---- malformed blobs -------------------------------------------------- */

/* banks.dtb with `extra` bytes opened at the end of the structure block
 * (strings moved up); returns the old FDT_END's offset in the blob. */
static u32 widen_struct(u8 *b, u32 extra)
{
	u32 st = hdr(b, H_OFF_STRUCT), sts = hdr(b, H_SIZE_STRUCT);
	u32 str = hdr(b, H_OFF_STRINGS), strs = hdr(b, H_SIZE_STRINGS);

	memmove(b + str + extra, b + str, strs);
	memset(b + st + sts, 0, extra);
	set_hdr(b, H_OFF_STRINGS, str + extra);
	set_hdr(b, H_SIZE_STRUCT, sts + extra);
	set_hdr(b, H_TOTAL, hdr(b, H_TOTAL) + extra);
	return st + sts - 4;
}

static void put_tokens(u8 *p, const u32 *t, int n)
{
	int i;

	for (i = 0; i < n; i++)
		st32(p + 4 * i, t[i]);
}

struct bad_case {
	const char *what;
	int field; /* header field to overwrite, or -1 */
	u32 value;
	int expect;
};

static void test_malformed_header(void **state)
{
	size_t cap, i;
	u8 *good = load("banks.dtb", 0, &cap), *b;
	u32 st = hdr(good, H_OFF_STRUCT), str = hdr(good, H_OFF_STRINGS);
	u32 total = hdr(good, H_TOTAL);
	const struct bad_case cases[] = {
		{ "magic", H_MAGIC, 0xd00dfeee, E(BADMAGIC) },
		{ "version 15", H_VERSION, 15, E(BADVERSION) },
		{ "last_comp 18", H_LAST_COMP, 18, E(BADVERSION) },
		{ "totalsize > size", H_TOTAL, total + 4, E(TRUNCATED) },
		{ "totalsize < header", H_TOTAL, 20, E(BADLAYOUT) },
		{ "totalsize huge", H_TOTAL, 0xffffffff, E(TRUNCATED) },
		{ "rsvmap misaligned", H_OFF_RSV, 0x2c, E(BADLAYOUT) },
		{ "rsvmap in header", H_OFF_RSV, 0x20, E(BADLAYOUT) },
		{ "rsvmap past end", H_OFF_RSV, total, E(BADLAYOUT) },
		{ "rsvmap unterminated", H_OFF_RSV, st, E(TRUNCATED) },
		{ "struct overlaps rsvmap", H_OFF_STRUCT, 0x30, E(BADLAYOUT) },
		{ "struct misaligned", H_OFF_STRUCT, st + 2, E(BADLAYOUT) },
		{ "struct in header", H_OFF_STRUCT, 8, E(BADLAYOUT) },
		{ "struct past end", H_OFF_STRUCT, total + 4, E(BADLAYOUT) },
		{ "struct size past end", H_SIZE_STRUCT, total, E(BADLAYOUT) },
		{ "struct size unaligned", H_SIZE_STRUCT,
		  hdr(good, H_SIZE_STRUCT) - 2, E(BADLAYOUT) },
		{ "struct size short", H_SIZE_STRUCT,
		  hdr(good, H_SIZE_STRUCT) - 4, E(BADSTRUCTURE) },
		{ "struct size huge", H_SIZE_STRUCT, 0xfffffffc, E(BADLAYOUT) },
		{ "strings overlap struct", H_OFF_STRINGS, st + 8,
		  E(BADLAYOUT) },
		{ "strings in header", H_OFF_STRINGS, 4, E(BADLAYOUT) },
		{ "strings past end", H_OFF_STRINGS, str + 1, E(BADLAYOUT) },
		{ "strings size huge", H_SIZE_STRINGS, 0xffffffff,
		  E(BADLAYOUT) },
		{ "strings size short", H_SIZE_STRINGS, 3, E(BADSTRUCTURE) },
	};

	for (i = 0; i < VEL2_ARRAY_SIZE(cases); i++) {
		b = copy_cap(good, cap, cap);
		set_hdr(b, cases[i].field, cases[i].value);
		if (!verdict_ok(vel2_fdt_check(b, cap), cases[i].expect))
			fail_msg("%s: got %d (%s), expected %d", cases[i].what,
				 vel2_fdt_check(b, cap),
				 fdt_strerror(vel2_fdt_check(b, cap)),
				 cases[i].expect);
		free(b);
	}
	expect_refused(vel2_fdt_check(good, 3));
	expect_refused(vel2_fdt_check(good, 35));
	expect_refused(vel2_fdt_check(NULL, 100));
	assert_int_equal(vel2_fdt_check(good, cap), 0);
	free(good);
}

static void test_malformed_memrsv(void **state)
{
	size_t cap;
	u8 *b = load("banks.dtb", 64, &cap);
	u32 end = (hdr(b, H_TOTAL) + 7) & ~7U;

	/* A reservation block at the end, whose entry is not terminated
	 * before totalsize. */
	memset(b + end, 0xff, 16);
	set_hdr(b, H_TOTAL, end + 16);
	set_hdr(b, H_OFF_RSV, end);
	expect_refused(vel2_fdt_check(b, cap));
	/* Terminated just in time: fine. */
	memset(b + end, 0, 16);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	assert_int_equal(fdt_num_mem_rsv(b), 0);
	free(b);
}

struct bad_tokens {
	const char *what;
	u32 extra; /* bytes to open at the end of the struct block */
	u32 tok[8]; /* written from the root's FDT_END_NODE on */
	int n;
	int expect;
};

static void test_malformed_struct(void **state)
{
	static const struct bad_tokens cases[] = {
		{ "FDT_END before the end",
		  8,
		  { T_END_NODE, T_END, T_NOP, T_NOP },
		  4,
		  E(BADSTRUCTURE) },
		{ "second root",
		  12,
		  { T_END_NODE, T_BEGIN, 0, T_END_NODE, T_END },
		  5,
		  E(BADSTRUCTURE) },
		{ "property after a subnode",
		  12,
		  { T_PROP, 0, 0, T_END_NODE, T_END },
		  5,
		  E(BADSTRUCTURE) },
		{ "empty node name",
		  8,
		  { T_BEGIN, 0, T_END_NODE, T_END_NODE, T_END },
		  5,
		  E(BADSTRUCTURE) },
		{ "node name with '/'",
		  8,
		  { T_BEGIN, 0x612f6200, T_END_NODE, T_END_NODE, T_END },
		  5,
		  E(BADSTRUCTURE) },
		{ "unknown token", 0, { 5, T_END }, 2, E(BADSTRUCTURE) },
		{ "FDT_END inside the root",
		  0,
		  { T_NOP, T_END },
		  2,
		  E(BADSTRUCTURE) },
		{ "END_NODE at depth 0",
		  4,
		  { T_END_NODE, T_END_NODE, T_END },
		  3,
		  E(BADSTRUCTURE) },
		{ "node name runs off the block",
		  0,
		  { T_END_NODE, T_BEGIN },
		  2,
		  E(BADSTRUCTURE) },
		{ "property runs off the block",
		  4,
		  { T_END_NODE, T_NOP, T_PROP },
		  3,
		  E(BADSTRUCTURE) },
		{ "property value runs off",
		  12,
		  { T_PROP, 64, 0, T_END_NODE, T_END },
		  5,
		  E(BADSTRUCTURE) },
		{ "name offset outside strings",
		  12,
		  { T_NOP, T_NOP, T_NOP, T_END_NODE, T_END },
		  5,
		  0 },
		{ "a NOP-padded valid tail",
		  8,
		  { T_NOP, T_END_NODE, T_NOP, T_END },
		  4,
		  0 },
	};
	size_t cap, i;
	u8 *b;
	u32 at;

	for (i = 0; i < VEL2_ARRAY_SIZE(cases); i++) {
		b = load("banks.dtb", 16, &cap);
		at = widen_struct(b, cases[i].extra) - 4;
		put_tokens(b + at, cases[i].tok, cases[i].n);
		if (!verdict_ok(vel2_fdt_check(b, cap), cases[i].expect))
			fail_msg("%s: got %d (%s), expected %d", cases[i].what,
				 vel2_fdt_check(b, cap),
				 fdt_strerror(vel2_fdt_check(b, cap)),
				 cases[i].expect);
		free(b);
	}
}

static void test_malformed_misc(void **state)
{
	size_t cap;
	u8 *b = load("banks.dtb", 0, &cap);
	u32 st = hdr(b, H_OFF_STRUCT);

	/* The root's name must be empty. */
	b[st + 4] = 'x';
	expect_refused(vel2_fdt_check(b, cap));
	b[st + 4] = 0;
	/* First property: its name offset, then its length. */
	assert_int_equal(ld32(b + st + 8), T_PROP);
	st32(b + st + 16, hdr(b, H_SIZE_STRINGS));
	expect_refused(vel2_fdt_check(b, cap));
	st32(b + st + 16, 0);
	st32(b + st + 12, 0x7fffffff);
	expect_refused(vel2_fdt_check(b, cap));
	st32(b + st + 12, 4);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	/* The first token is not a node. */
	st32(b + st, T_END_NODE);
	expect_refused(vel2_fdt_check(b, cap));
	free(b);
	/* Version 16 has no struct size: a missing FDT_END runs the walk
	 * into the strings, which are no tokens. */
	b = load("banks.v16.dtb", 0, &cap);
	st = hdr(b, H_OFF_STRINGS) - 4;
	assert_int_equal(ld32(b + st), T_END);
	st32(b + st, T_NOP);
	expect_refused(vel2_fdt_check(b, cap));
	free(b);
}

/* Valid, but strings before struct: checked, then reordered by
 * fdt_open_into (given room for a second copy) and edited. */
static void test_unusual_order(void **state)
{
	size_t len, cap;
	u8 *f = read_file("banks.dtb", &len), *b;
	u32 rsv = hdr(f, H_OFF_RSV), st = hdr(f, H_OFF_STRUCT);
	u32 sts = hdr(f, H_SIZE_STRUCT), str = hdr(f, H_OFF_STRINGS);
	u32 strs = hdr(f, H_SIZE_STRINGS), nst;

	cap = 2 * len + 64;
	b = calloc(1, cap);
	memcpy(b, f, st);
	memcpy(b + st, f + str, strs);
	nst = (st + strs + 3) & ~3U;
	memcpy(b + nst, f + st, sts);
	set_hdr(b, H_OFF_STRINGS, st);
	set_hdr(b, H_OFF_STRUCT, nst);
	set_hdr(b, H_TOTAL, nst + sts);
	assert_true(nst + sts <= cap);
	assert_int_equal(hdr(b, H_OFF_RSV), rsv);
	assert_int_equal(vel2_fdt_check(b, cap), 0);
	expect_reg(b, "/memory@100000000", bank2, 1);
	{
		static const u64 want[] = { 0x100000000ULL, 0x10000000,
					    0x110001000ULL, 0xffff000 };
		struct vel2_guest_dt p = { .hv_base = 0x110000000ULL,
					   .hv_size = 0x1000 };

		assert_int_equal(vel2_fdt_prepare_guest(b, cap, &p), 0);
		assert_int_equal(vel2_fdt_check(b, cap), 0);
		expect_reg(b, "/memory@100000000", want, 2);
	}
	free(b);
	free(f);
}

/* ---- fuzzing ---------------------------------------------------------- */

static u64 fuzz_seed, fuzz_iter;
static const char *fuzz_input;
static u8 *fuzz_blob; /* the current mutant, before any edit */
static size_t fuzz_len;

static void fuzz_where(void)
{
	FILE *f = fopen("/tmp/vel2-fdt-fuzz.dtb", "wb");

	if (f && fuzz_blob) {
		fwrite(fuzz_blob, 1, fuzz_len, f);
		fprintf(stderr, "fuzz: mutant in /tmp/vel2-fdt-fuzz.dtb\n");
	}
	if (f)
		fclose(f);
	fprintf(stderr,
		"fuzz: input %s seed 0x%llx iteration %llu "
		"(VEL2_FDT_SEED=0x%llx VEL2_FDT_ITER=%llu reproduces)\n",
		fuzz_input, (unsigned long long)fuzz_seed,
		(unsigned long long)fuzz_iter, (unsigned long long)fuzz_seed,
		(unsigned long long)fuzz_iter);
}

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

static u32 interesting(u32 len, u32 old)
{
	const u32 v[] = { 0,	      1,	  2,	      3,
			  4,	      8,	  9,	      16,
			  17,	      40,	  0x7fffffff, 0x80000000,
			  0xfffffffc, 0xffffffff, len,	      len - 4,
			  len + 4,    old + 4,	  old - 4,    old + 1 };

	return v[rng_next() % VEL2_ARRAY_SIZE(v)];
}

static void mutate(u8 *b, size_t len)
{
	int n = 1 + rng_next() % 6, i;
	size_t at;

	for (i = 0; i < n; i++) {
		switch (rng_next() % 5) {
		case 0: /* a bit */
			b[rng_next() % len] ^= 1 << (rng_next() % 8);
			break;
		case 1: /* a byte */
			b[rng_next() % len] = rng_next();
			break;
		case 2: /* a header field */
			at = 4 * (rng_next() % 10);
			st32(b + at, interesting(len, ld32(b + at)));
			break;
		default: /* a token-aligned word */
			at = 4 * (rng_next() % (len / 4));
			st32(b + at, rng_next() % 2 ?
					     interesting(len, ld32(b + at)) :
					     (u32)(rng_next() % 10));
			break;
		}
	}
}

/* What vel2_fdt_prepare_guest() may answer for a blob that passed the
 * check: edits that do not fit, or values vel2 does not accept. A broken
 * structure (BADSTRUCTURE, BADOFFSET, TRUNCATED...) would mean the check
 * let through what libfdt cannot walk. */
static bool expected_refusal(int r)
{
	return r == 0 || r == E(NOSPACE) || r == E(BADVALUE) ||
	       r == E(NOTFOUND) || r == E(BADNCELLS);
}

/* A blob that passes the check must survive libfdt's readers, vel2's
 * edits and libfdt's editors, and still pass it afterwards. */
static void exercise(u8 *b, size_t cap)
{
	struct vel2_guest_dt p = virt_params;
	int node, n = 0, len, r;

	for (node = 0; node >= 0 && n < 64;
	     node = fdt_next_node(b, node, NULL), n++) {
		fdt_getprop(b, node, "reg", &len);
		fdt_address_cells(b, node);
		fdt_size_cells(b, node);
	}
	fdt_path_offset(b, "/memory");
	fdt_path_offset(b, "/cpus/cpu@0");
	fdt_node_offset_by_compatible(b, -1, "arm,armv8-timer");
	fdt_num_mem_rsv(b);
	p.hv_base = 0x40000000 + (rng_next() % 0x200) * 0x100000;
	p.hv_size = (rng_next() % 0x200) * 0x100000;
	r = vel2_fdt_prepare_guest(b, cap, &p);
	if (!expected_refusal(r)) {
		fuzz_where();
		fail_msg("prepare_guest on a checked blob: %s",
			 fdt_strerror(r));
	}
	r = vel2_fdt_check(b, cap);
	if (r) {
		fuzz_where();
		fail_msg("check fails after prepare_guest: %s",
			 fdt_strerror(r));
	}
	/* libfdt's editors, on whatever the mutant has become. */
	fdt_add_mem_rsv(b, 0x1000, 0x2000);
	fdt_setprop_u32(b, 0, "vel2,x", 1);
	fdt_add_subnode(b, 0, "vel2");
	fdt_delprop(b, 0, "compatible");
	r = vel2_fdt_check(b, cap);
	if (r) {
		fuzz_where();
		fail_msg("check fails after edits: %s", fdt_strerror(r));
	}
	/* libfdt edits only version 17: a version 16 blob that
	 * prepare_guest had no room to convert stays as it is. */
	r = fdt_pack(b);
	if ((r && !(r == E(BADVERSION) && fdt_version(b) < 17)) ||
	    vel2_fdt_check(b, fdt_totalsize(b))) {
		fuzz_where();
		fail_msg("check fails after pack");
	}
}

static void fuzz(const char *name, const u8 *seed_blob, size_t len, u64 iters,
		 u64 *passed)
{
	u64 first = 0;
	size_t size, cap;
	u8 *b;
	int r;

	if (getenv("VEL2_FDT_ITER"))
		first = strtoull(getenv("VEL2_FDT_ITER"), NULL, 0);
	fuzz_input = name;
	for (fuzz_iter = first; fuzz_iter < first + iters; fuzz_iter++) {
		/* Each iteration reproducible on its own. */
		rng = fuzz_seed ^ (fuzz_iter * 0x9e3779b97f4a7c15ULL) ^
		      (u64)len;
		rng_next();
		cap = len + 64;
		b = copy_cap(seed_blob, len, cap);
		mutate(b, len);
		/* Sometimes a shorter buffer than the blob claims. */
		size = rng_next() % 8 == 0 ? rng_next() % cap : cap;
		if (size < cap) {
			u8 *t = copy_cap(b, size, size);

			free(b);
			b = t;
			cap = size;
		}
		r = vel2_fdt_check(b, cap);
		if (r == 0) {
			(*passed)++;
			fuzz_blob = copy_cap(b, cap, cap);
			fuzz_len = cap;
			exercise(b, cap);
			free(fuzz_blob);
			fuzz_blob = NULL;
		} else if (r > 0 || r < E(BADLAYOUT)) {
			fuzz_where();
			fail_msg("check returned %d", r);
		}
		free(b);
	}
}

static void test_fuzz(void **state)
{
	u64 iters = 20000, passed = 0;
	size_t len, cap;
	u8 *f = read_file("banks.dtb", &len), *v;

	fuzz_seed = 0x76656c32666474ULL; /* "vel2fdt" */
	if (getenv("VEL2_FDT_SEED"))
		fuzz_seed = strtoull(getenv("VEL2_FDT_SEED"), NULL, 0);
	if (getenv("VEL2_FDT_ITERS"))
		iters = strtoull(getenv("VEL2_FDT_ITERS"), NULL, 0);
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_set_death_callback(fuzz_where);
#endif
	printf("[ NOTE     ] fuzz seed 0x%llx, %llu iterations per input\n",
	       (unsigned long long)fuzz_seed, (unsigned long long)iters);
	fuzz("banks.dtb", f, len, iters, &passed);
	free(f);
	f = read_file("cells1.v16.dtb", &len);
	fuzz("cells1.v16.dtb", f, len, iters, &passed);
	free(f);
	v = load_virt(0, &cap);
	fuzz("virt.dtb (packed)", v, cap, iters, &passed);
	free(v);
	printf("[ NOTE     ] %llu mutated blobs passed the check and were "
	       "edited\n",
	       (unsigned long long)passed);
	/* The mutations must not all be caught by the header checks. */
	assert_true(passed > iters / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_good),
		cmocka_unit_test(test_virt_prepare),
		cmocka_unit_test(test_virt_prepare_unpacked),
		cmocka_unit_test(test_virt_capacity),
		cmocka_unit_test(test_carve_start),
		cmocka_unit_test(test_carve_end),
		cmocka_unit_test(test_carve_middle),
		cmocka_unit_test(test_carve_outside),
		cmocka_unit_test(test_carve_whole),
		cmocka_unit_test(test_carve_cells1),
		cmocka_unit_test(test_carve_errors),
		cmocka_unit_test(test_chosen_existing),
		cmocka_unit_test(test_chosen_created),
		cmocka_unit_test(test_nothing_to_do),
		cmocka_unit_test(test_cpus),
		cmocka_unit_test(test_timer_untouched),
		cmocka_unit_test(test_malformed_header),
		cmocka_unit_test(test_malformed_memrsv),
		cmocka_unit_test(test_malformed_struct),
		cmocka_unit_test(test_malformed_misc),
		cmocka_unit_test(test_unusual_order),
		cmocka_unit_test(test_fuzz),
	};

	/* Without dtc every DTS comparison would pass unchecked; the build
	 * needs dtc for the test data anyway (mk/fdt.mk). */
	if (!have_dtc()) {
		printf("[  ERROR   ] dtc not found: DTS comparisons need it\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
