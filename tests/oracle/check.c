// SPDX-License-Identifier: MIT
/*
 * Register facts oracle: the catalog (include/vel2/sysregs.def) against
 * Linux's arch/arm64/tools/sysreg, a machine-readable description of the
 * AArch64 system registers written from the Arm ARM independently of vel2.
 *
 *   check <sysreg> <explained> <format-fields>
 *
 * For every catalog register the file describes (by name, else by
 * encoding):
 *   - the encoding must be the same;
 *   - every bit the catalog forces to 0 (res0) must be Res0 (or Raz)
 *     there, every bit it forces to 1 (res1) must be Res1 there;
 *   - a register found only by its encoding must have the same name.
 * Each difference must be listed in <explained> ("NAME what MASK|NAME" and
 * the Arm ARM text that decides it); a listed difference that is not found
 * fails as well (stale). <format-fields> lists the field positions
 * src/core/format.c relies on ("REG FIELD HI LO"): each must be a Field of
 * that name and position in the file.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vel2/sysreg.h>

typedef uint64_t u64;

struct field {
	char name[64];
	unsigned int hi, lo;
};

struct block {
	char name[64];
	char fields_ref[64]; /* "Fields X": layout shared with X */
	int is_fields; /* SysregFields block */
	int has_enc;
	unsigned int enc;
	u64 res0, res1;
	u64 raz; /* "Raz": reads as zero, writes ignored */
	struct field f[96];
	unsigned int nf;
};

static struct block blocks[512];
static unsigned int nblocks;

struct cat {
	const char *name;
	unsigned int enc;
	u64 res0, res1;
};

static const struct cat cat[] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, target, fmt, acc, \
		    r0, r1)                                                  \
	{ #n, VEL2_SYS_ENC(op0, op1, crn, crm, op2), (r0), (r1) },
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

static u64 range_mask(const char *s, unsigned int *hi, unsigned int *lo)
{
	char *end;

	*hi = (unsigned int)strtoul(s, &end, 10);
	*lo = *end == ':' ? (unsigned int)strtoul(end + 1, NULL, 10) : *hi;
	if (*hi > 63 || *lo > *hi) {
		fprintf(stderr, "oracle: bad bit range %s\n", s);
		exit(2);
	}
	return (~0ULL >> (63 - *hi)) & ~((1ULL << *lo) - 1);
}

static void parse(const char *path)
{
	char line[512], kw[64], a[64], b[64];
	struct block *cur = NULL;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		int n;
		unsigned int hi, lo;

		if (line[0] == '#')
			continue;
		n = sscanf(line, "%63s %63s %63s", kw, a, b);
		if (n < 1)
			continue;
		if (!strcmp(kw, "Sysreg") || !strcmp(kw, "SysregFields")) {
			unsigned int e[5] = { 0 };

			if (nblocks == sizeof(blocks) / sizeof(blocks[0])) {
				fprintf(stderr, "oracle: too many blocks\n");
				exit(2);
			}
			cur = &blocks[nblocks++];
			snprintf(cur->name, sizeof(cur->name), "%s", a);
			cur->is_fields = !strcmp(kw, "SysregFields");
			if (!cur->is_fields &&
			    sscanf(line, "%*s %*s %u %u %u %u %u", &e[0], &e[1],
				   &e[2], &e[3], &e[4]) == 5) {
				cur->has_enc = 1;
				cur->enc = VEL2_SYS_ENC(e[0], e[1], e[2], e[3],
							e[4]);
			}
		} else if (!cur) {
			continue;
		} else if (!strcmp(kw, "EndSysreg") ||
			   !strcmp(kw, "EndSysregFields")) {
			cur = NULL;
		} else if (!strcmp(kw, "Res0") && n >= 2) {
			cur->res0 |= range_mask(a, &hi, &lo);
		} else if (!strcmp(kw, "Raz") && n >= 2) {
			cur->raz |= range_mask(a, &hi, &lo);
		} else if (!strcmp(kw, "Res1") && n >= 2) {
			cur->res1 |= range_mask(a, &hi, &lo);
		} else if (!strcmp(kw, "Fields") && n >= 2) {
			snprintf(cur->fields_ref, sizeof(cur->fields_ref), "%s",
				 a);
		} else if ((!strcmp(kw, "Field") || !strcmp(kw, "Enum") ||
			    !strcmp(kw, "UnsignedEnum") ||
			    !strcmp(kw, "SignedEnum")) &&
			   n >= 3 && cur->nf < 96) {
			struct field *fl = &cur->f[cur->nf++];

			range_mask(a, &hi, &lo);
			snprintf(fl->name, sizeof(fl->name), "%s", b);
			fl->hi = hi;
			fl->lo = lo;
		}
	}
	fclose(f);
}

static struct block *find_name(const char *name, int fields)
{
	for (unsigned int i = 0; i < nblocks; i++)
		if (blocks[i].is_fields == fields &&
		    !strcmp(blocks[i].name, name))
			return &blocks[i];
	return NULL;
}

static struct block *find_enc(unsigned int enc)
{
	for (unsigned int i = 0; i < nblocks; i++)
		if (blocks[i].has_enc && blocks[i].enc == enc)
			return &blocks[i];
	return NULL;
}

/* A Sysreg block with its shared layout ("Fields X") resolved. */
static const struct block *layout(const struct block *b)
{
	const struct block *l;

	if (!b->fields_ref[0])
		return b;
	l = find_name(b->fields_ref, 1);
	if (!l) {
		fprintf(stderr, "oracle: %s: no SysregFields %s\n", b->name,
			b->fields_ref);
		exit(2);
	}
	return l;
}

/* ---- explained differences ---------------------------------------------- */

struct expl {
	char reg[48], what[16], arg[64];
	int seen;
};
static struct expl expls[256];
static unsigned int nexpl;

static void read_explained(const char *path)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		struct expl *e = &expls[nexpl];

		if (line[0] == '#' || isspace((unsigned char)line[0]))
			continue;
		if (nexpl == sizeof(expls) / sizeof(expls[0]) ||
		    sscanf(line, "%47s %15s %63s", e->reg, e->what, e->arg) !=
			    3) {
			fprintf(stderr, "oracle: %s: bad line: %s", path, line);
			exit(2);
		}
		nexpl++;
	}
	fclose(f);
}

static unsigned int unexplained;

static void difference(const char *reg, const char *what, const char *arg,
		       const char *detail)
{
	for (unsigned int i = 0; i < nexpl; i++)
		if (!strcmp(expls[i].reg, reg) &&
		    !strcmp(expls[i].what, what) &&
		    !strcmp(expls[i].arg, arg)) {
			expls[i].seen = 1;
			printf("explained   %s %s %s\n", reg, what, arg);
			return;
		}
	printf("DIFFERENCE  %s %s %s: %s\n", reg, what, arg, detail);
	unexplained++;
}

static void mask_fields(const struct block *l, u64 mask, char *out, size_t n)
{
	size_t used = 0;

	out[0] = 0;
	for (unsigned int i = 0; i < l->nf; i++) {
		const struct field *fl = &l->f[i];
		u64 m = (~0ULL >> (63 - fl->hi)) & ~((1ULL << fl->lo) - 1);

		if ((m & mask) && used + strlen(fl->name) + 2 < n)
			used += (size_t)snprintf(out + used, n - used, "%s%s",
						 used ? "," : "", fl->name);
	}
}

static void check_catalog(void)
{
	unsigned int described = 0, by_enc = 0;
	char arg[64], detail[512], names[400];

	for (size_t i = 0; i < sizeof(cat) / sizeof(cat[0]); i++) {
		const struct cat *c = &cat[i];
		const struct block *b = find_name(c->name, 0), *l;
		u64 bad;

		if (!b) {
			b = find_enc(c->enc);
			if (!b)
				continue;
			by_enc++;
			snprintf(detail, sizeof(detail),
				 "the file names encoding %04x %s", c->enc,
				 b->name);
			difference(c->name, "name", b->name, detail);
		}
		described++;
		if (b->has_enc && b->enc != c->enc) {
			snprintf(arg, sizeof(arg), "%04x", b->enc);
			snprintf(detail, sizeof(detail),
				 "catalog %04x, file %04x", c->enc, b->enc);
			difference(c->name, "enc", arg, detail);
		}
		l = layout(b);
		/* A Raz bit reads as 0 whatever is written: forcing it to 0
		 * is exactly that behaviour. */
		bad = c->res0 & ~(l->res0 | l->raz);
		if (bad) {
			mask_fields(l, bad, names, sizeof(names));
			snprintf(arg, sizeof(arg), "0x%llx",
				 (unsigned long long)bad);
			snprintf(detail, sizeof(detail),
				 "catalog res0 bits not Res0 in the file%s%s",
				 names[0] ? "; fields " : "", names);
			difference(c->name, "res0", arg, detail);
		}
		bad = c->res1 & ~l->res1;
		if (bad) {
			mask_fields(l, bad, names, sizeof(names));
			snprintf(arg, sizeof(arg), "0x%llx",
				 (unsigned long long)bad);
			snprintf(detail, sizeof(detail),
				 "catalog res1 bits not Res1 in the file%s%s",
				 names[0] ? "; fields " : "", names);
			difference(c->name, "res1", arg, detail);
		}
	}
	printf("oracle: %zu catalog registers, %u described by the file "
	       "(%u found by encoding only)\n",
	       sizeof(cat) / sizeof(cat[0]), described, by_enc);
}

static void check_format_fields(const char *path)
{
	char line[512], reg[48], name[48];
	unsigned int hi, lo, checked = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		const struct block *b, *l;
		int ok = 0;

		if (line[0] == '#' || isspace((unsigned char)line[0]))
			continue;
		if (sscanf(line, "%47s %47s %u %u", reg, name, &hi, &lo) != 4) {
			fprintf(stderr, "oracle: %s: bad line: %s", path, line);
			exit(2);
		}
		b = find_name(reg, 0);
		if (!b) {
			printf("DIFFERENCE  %s field %s: register not in the "
			       "file\n",
			       reg, name);
			unexplained++;
			continue;
		}
		l = layout(b);
		for (unsigned int i = 0; i < l->nf; i++)
			if (!strcmp(l->f[i].name, name) && l->f[i].hi == hi &&
			    l->f[i].lo == lo)
				ok = 1;
		if (!ok) {
			printf("DIFFERENCE  %s field %s [%u:%u]: not so in the "
			       "file\n",
			       reg, name, hi, lo);
			unexplained++;
		}
		checked++;
	}
	fclose(f);
	printf("oracle: %u format field positions checked\n", checked);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s sysreg explained format-fields\n",
			argv[0]);
		return 2;
	}
	parse(argv[1]);
	read_explained(argv[2]);
	check_catalog();
	check_format_fields(argv[3]);
	for (unsigned int i = 0; i < nexpl; i++)
		if (!expls[i].seen) {
			printf("STALE       %s %s %s: listed in %s, not "
			       "found\n",
			       expls[i].reg, expls[i].what, expls[i].arg,
			       argv[2]);
			unexplained++;
		}
	if (unexplained) {
		printf("oracle: %u unexplained difference(s)\n", unexplained);
		return 1;
	}
	printf("oracle: no unexplained differences\n");
	return 0;
}
