// SPDX-License-Identifier: MIT
/*
 * Exit tracing, off by default. Turned on by the boot info block
 * (scripts/vel2-qemu --trace[=N[@S]], bootinfo.h) or at build time
 * (make hv HV_TRACE=N, for the test guests that come without a block).
 *
 * Exits S .. S+N-1 are printed in full, one line each:
 *   vel2: trace <n> ec <ec> esr <esr> elr <elr> spsr <spsr> [what] -> <verdict>
 * [elr'/spsr'] where "what" decodes EC 0x18 (register name from the catalog,
 * direction, value written or read), HVC/SMC (x0) and aborts (FAR, HPFAR).
 * After the full trace window a counter line every 2^20 exits (with the last
 * ELR) keeps a tight exit loop visible without flooding the console.
 * Exits are numbered per CPU; a secondary CPU's lines say "trace cpu<i>".
 */
#include "hv.h"

#include <vel2/trap.h>

static u64 hv_trace_first; /* first exit (0-based) printed in full */
static u64 hv_trace_count; /* how many; 0: tracing off */

void hv_trace_init(u64 first, u64 count)
{
	hv_trace_first = first;
	hv_trace_count = count;
	if (count) {
		hv_puts("trace: exits ");
		hv_dec(first);
		hv_puts("..");
		hv_dec(first + count - 1);
		hv_puts(" in full, then a count every 1048576\n");
	}
}

static const char *const verdicts[] = { "resume", "injected", "forwarded",
					"host" };

static void sysreg(const struct vel2_exit *before, const struct vel2_exit *e)
{
	u32 iss = ESR_ISS(before->esr);
	unsigned int rt = ISS_RT(iss);
	bool read = iss & 1;

	hv_puts(" ");
	hv_put_sysreg(iss);
	hv_puts(read ? " read " : " write ");
	if (rt == 31)
		hv_puts("xzr");
	else
		hv_hex(read ? e->x[rt] : before->x[rt]);
}

/*
 * One exit: `before` as the hardware reported it, `e` after the library
 * (and the host) acted, `v` the library's verdict.
 */
void hv_trace_exit(const struct vel2_exit *before, const struct vel2_exit *e,
		   int v)
{
	struct hv_cpu *cpu = hv_this_cpu();
	u64 n = cpu->nr_exits++;
	unsigned int ec = ESR_EC(before->esr);

	if (!hv_trace_count)
		return;
	if (n - hv_trace_first >= hv_trace_count || n < hv_trace_first) {
		if (n && !(n & 0xfffff)) {
			hv_puts("trace: ");
			if (cpu->id) {
				hv_puts("cpu");
				hv_dec(cpu->id);
				hv_puts(" ");
			}
			hv_dec(n);
			hv_puts(" exits, last elr ");
			hv_hex(before->elr);
			hv_puts(" esr ");
			hv_hex(before->esr);
			hv_puts("\n");
		}
		return;
	}
	hv_puts("trace ");
	if (cpu->id) {
		hv_puts("cpu");
		hv_dec(cpu->id);
		hv_puts(".");
	}
	hv_dec(n);
	hv_puts(" ec ");
	hv_hex(ec);
	hv_puts(" esr ");
	hv_hex(before->esr);
	hv_puts(" elr ");
	hv_hex(before->elr);
	hv_puts(" spsr ");
	hv_hex(before->spsr);
	switch (ec) {
	case EC_SYS64:
		sysreg(before, e);
		break;
	case EC_HVC64:
	case EC_SMC64:
		hv_puts(" x0 ");
		hv_hex(before->x[0]);
		hv_puts(" -> x0 ");
		hv_hex(e->x[0]);
		break;
	case EC_IABT_LOW:
	case EC_DABT_LOW:
		hv_puts(" far ");
		hv_hex(before->far);
		hv_puts(" hpfar ");
		hv_hex(before->hpfar);
		break;
	default:
		break;
	}
	hv_puts(" -> ");
	if (v >= 0 && v < 4)
		hv_puts(verdicts[v]);
	else
		hv_dec((u64)-v);
	if (e->elr != before->elr + 4 || e->spsr != before->spsr) {
		hv_puts(" elr ");
		hv_hex(e->elr);
		hv_puts(" spsr ");
		hv_hex(e->spsr);
	}
	hv_puts("\n");
}
