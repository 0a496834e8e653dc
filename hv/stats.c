// SPDX-License-Identifier: MIT
/*
 * Per-exit statistics: counts by exception class, and for trapped
 * MSR/MRS/SYS (EC 0x18) by register encoding and direction. This is the
 * number that matters for nested virtualization cost (NEVE, SOSP'17:
 * traps per nested hypercall round trip).
 */
#include "hv.h"

#include <vel2/sysreg.h>

#define MAX_SYSREGS 96

struct sysreg_count {
	u32 key; /* ISS without Rt: op0 op2 op1 CRn CRm dir */
	u64 count;
};

static u64 total;
static u64 by_ec[64];
static struct sysreg_count sysregs[MAX_SYSREGS];
static unsigned int nr_sysregs;
static u64 sysreg_overflow;

/* ISS for EC 0x18 (D23.2.49): Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10]
 * Rt[9:5] CRm[4:1] Direction[0] (1 = read, MRS). */
#define ISS_SYS_KEY_MASK 0x3ffc1fU

void hv_stats_count(const struct exit_record *rec)
{
	u64 ec = ESR_EC(rec->esr);
	u32 key;

	total++;
	if (rec->vector != 0x400) /* asynchronous: no ESR syndrome */
		return;
	by_ec[ec]++;
	if (ec != EC_SYS64)
		return;
	key = (u32)ESR_ISS(rec->esr) & ISS_SYS_KEY_MASK;
	for (unsigned int i = 0; i < nr_sysregs; i++) {
		if (sysregs[i].key == key) {
			sysregs[i].count++;
			return;
		}
	}
	if (nr_sysregs == MAX_SYSREGS) {
		sysreg_overflow++;
		return;
	}
	sysregs[nr_sysregs].key = key;
	sysregs[nr_sysregs++].count = 1;
}

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:
		return "UNKNOWN";
	case EC_WFX:
		return "WFx";
	case EC_HVC64:
		return "HVC64";
	case EC_SMC64:
		return "SMC64";
	case EC_SYS64:
		return "SYS64";
	case EC_ERET:
		return "ERET";
	case EC_IABT_LOW:
		return "IABT_LOW";
	case EC_DABT_LOW:
		return "DABT_LOW";
	default:
		return "EC";
	}
}

/*
 * The key is the EC 0x18 ISS without Rt (ESR_EL2: Op0[21:20], Op2[19:17],
 * Op1[16:14], CRn[13:10], CRm[4:1], Direction[0]): named from the catalog
 * when vel2 knows the register, else in the generic S<op0>_<op1>_C<n>_C<m>_
 * <op2> form.
 */
static void print_sysreg_key(u32 key)
{
	int id = vel2_sysreg_lookup(VEL2_SYS_ENC((key >> 20) & 3, (key >> 14) & 7,
						 (key >> 10) & 15,
						 (key >> 1) & 15,
						 (key >> 17) & 7));

	if (id >= 0) {
		hv_puts(vel2_sysreg_info[id].name);
		hv_puts(key & 1 ? " mrs " : " msr ");
		return;
	}
	hv_puts("s");
	hv_dec((key >> 20) & 3);
	hv_puts("_");
	hv_dec((key >> 14) & 7);
	hv_puts("_c");
	hv_dec((key >> 10) & 15);
	hv_puts("_c");
	hv_dec((key >> 1) & 15);
	hv_puts("_");
	hv_dec((key >> 17) & 7);
	hv_puts(key & 1 ? " mrs " : " msr ");
}

void hv_stats_print(void)
{
	hv_puts("stats: exits ");
	hv_dec(total);
	hv_puts("\n");
	for (unsigned int ec = 0; ec < 64; ec++) {
		if (!by_ec[ec])
			continue;
		hv_puts("stats: ec ");
		hv_hex(ec);
		hv_puts(" ");
		hv_puts(ec_name(ec));
		hv_puts(" ");
		hv_dec(by_ec[ec]);
		hv_puts("\n");
	}
	for (unsigned int i = 0; i < nr_sysregs; i++) {
		hv_puts("stats: sysreg ");
		print_sysreg_key(sysregs[i].key);
		hv_dec(sysregs[i].count);
		hv_puts("\n");
	}
	if (sysreg_overflow) {
		hv_puts("stats: sysreg (table full) ");
		hv_dec(sysreg_overflow);
		hv_puts("\n");
	}
}
