// SPDX-License-Identifier: MIT
/*
 * Encoding oracle, step 1: turn the catalog into an assembly file for an
 * independent assembler (GNU as), plus a manifest of what each line should
 * encode to.
 *
 *   gen <out.S> <out.manifest>
 *
 * Each catalog entry gives "mrs x0, <NAME>" unless it is write-only and
 * "msr <NAME>, x0" unless it is read-only. Manifest line i describes
 * assembly line i: "<NAME> <enc as 4 hex digits> <L>", where L is the
 * MRS/MSR direction bit (bit 21: 1 for MRS, 0 for MSR).
 */
#include <stdio.h>
#include <stdlib.h>

#include <vel2/sysreg.h>

struct ent {
	const char *name;
	unsigned int enc;
	int access;
};

static const struct ent ents[] = {
#define VEL2_SYSREG(n, op0, op1, crn, crm, op2, vncr, loc, target, fmt, acc, \
		    res0, res1)                                              \
	{ #n, VEL2_SYS_ENC(op0, op1, crn, crm, op2), VEL2_##acc },
#include <vel2/sysregs.def>
#undef VEL2_SYSREG
};

int main(int argc, char **argv)
{
	FILE *s, *m;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: %s out.S out.manifest\n", argv[0]);
		return 2;
	}
	s = fopen(argv[1], "w");
	m = fopen(argv[2], "w");
	if (!s || !m) {
		perror("fopen");
		return 2;
	}
	/*
	 * One instruction per line, nothing else: the runner drops the lines
	 * the assembler rejects by line number, and the manifest must stay
	 * aligned with the assembly.
	 */
	for (i = 0; i < sizeof(ents) / sizeof(ents[0]); i++) {
		if (ents[i].access != VEL2_WO) {
			fprintf(s, "\tmrs x0, %s\n", ents[i].name);
			fprintf(m, "%s %04x 1\n", ents[i].name, ents[i].enc);
		}
		if (ents[i].access != VEL2_RO) {
			fprintf(s, "\tmsr %s, x0\n", ents[i].name);
			fprintf(m, "%s %04x 0\n", ents[i].name, ents[i].enc);
		}
	}
	if (fclose(s) || fclose(m)) {
		perror("fclose");
		return 2;
	}
	return 0;
}
