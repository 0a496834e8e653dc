// SPDX-License-Identifier: MIT
/*
 * Encoding oracle, step 2: compare what GNU as produced with the catalog.
 *
 *   check <known.manifest> <known.bin>
 *
 * known.bin is the raw .text of the assembled known.S (objcopy -O binary),
 * one 32-bit little-endian word per manifest line. MRS/MSR (Arm ARM C6.2,
 * "MRS" / "MSR (register)") is
 *   1101010100 | L[21] | o0:op0[20:19] op1[18:16] CRn[15:12] CRm[11:8]
 *   op2[7:5] | Rt[4:0]
 * so bits [20:5] are exactly the catalog's VEL2_SYS_ENC packing and bit 21
 * is 1 for MRS (read) and 0 for MSR (write).
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	FILE *m, *b;
	char name[64];
	unsigned int enc, l, n = 0, bad = 0;
	unsigned char w[4];

	if (argc != 3) {
		fprintf(stderr, "usage: %s known.manifest known.bin\n",
			argv[0]);
		return 2;
	}
	m = fopen(argv[1], "r");
	b = fopen(argv[2], "rb");
	if (!m || !b) {
		perror("fopen");
		return 2;
	}
	while (fscanf(m, "%63s %x %u", name, &enc, &l) == 3) {
		unsigned long insn;

		if (fread(w, 1, 4, b) != 4) {
			fprintf(stderr, "FAIL: %s: no instruction in output\n",
				name);
			return 1;
		}
		insn = w[0] | w[1] << 8 | (unsigned long)w[2] << 16 |
		       (unsigned long)w[3] << 24;
		n++;
		if ((insn >> 22) != 0x354 || (insn & 0x1f) != 0) {
			printf("FAIL: %s: %08lx is not MRS/MSR x0\n", name,
			       insn);
			bad++;
			continue;
		}
		if (((insn >> 5) & 0xffff) != enc || ((insn >> 21) & 1) != l) {
			printf("FAIL: %s %s: catalog enc %04x, as gives %04lx "
			       "(op0=%lu op1=%lu CRn=%lu CRm=%lu op2=%lu)\n",
			       l ? "mrs" : "msr", name, enc,
			       (insn >> 5) & 0xffff, (insn >> 19) & 3,
			       (insn >> 16) & 7, (insn >> 12) & 15,
			       (insn >> 8) & 15, (insn >> 5) & 7);
			bad++;
		}
	}
	if (fread(w, 1, 4, b) == 4) {
		fprintf(stderr,
			"FAIL: more instructions than manifest lines\n");
		return 1;
	}
	printf("encoding-test: %u instructions checked against GNU as, "
	       "%u mismatches\n",
	       n, bad);
	return bad ? 1 : 0;
}
