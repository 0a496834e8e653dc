// SPDX-License-Identifier: MIT
/*
 * Exit tracing, off by default. Turned on by the boot info block
 * (scripts/vel2-qemu --trace[=N[@S]], bootinfo.h) or at build time
 * (make hv HV_TRACE=N, for the test guests that come without a block).
 *
 * Exits S .. S+N-1 of each CPU are printed in full, one line each, fields
 * separated by single spaces so that sort/awk read them (docs/hv.md,
 * "Trace lines"):
 *
 *   vel2: trace CPU N TICKS CLASS REGISTER OUTCOME esr=.. elr=.. spsr=.. [...]
 *
 *   $3 CPU       vel2's CPU index (MPIDR_EL1.Aff0)
 *   $4 N         the exit's number on that CPU, from 0
 *   $5 TICKS     CNTPCT_EL0 when vel2 had the exit (CNTFRQ_EL0 per second)
 *   $6 CLASS     exception class name (SYS64, ERET, HVC64...; stats.c)
 *   $7 REGISTER  for SYS64 "mrs:NAME" / "msr:NAME" (catalog name or
 *                s<op0>_<op1>_c<n>_c<m>_<op2>), else "-"
 *   $8 OUTCOME   resume | injected | forwarded | host | error-<n>
 *   then key=value details: esr, elr, spsr as reported; val= the value
 *   written or read (SYS64), x0= and ret= (HVC/SMC), far=, hpfar= (aborts),
 *   to_elr=, to_spsr= where the guest goes when not the next instruction.
 *
 * After the full trace window a counter line every 2^20 exits (with the last
 * ELR) keeps a tight exit loop visible without flooding the console:
 *   vel2: trace-count CPU N elr=.. esr=..
 */
#include "hv.h"

static u64 hv_trace_first; /* first exit (0-based) printed in full */
static u64 hv_trace_count; /* how many; 0: tracing off */

void hv_trace_init(u64 first, u64 count)
{
	hv_trace_first = first;
	hv_trace_count = count;
	if (count) {
		hv_trace_line();
		hv_puts("trace: exits ");
		hv_dec(first);
		hv_puts("..");
		hv_dec(first + count - 1);
		hv_puts(" in full, then a count every 1048576\n");
	}
}

bool hv_trace_enabled(void)
{
	return hv_trace_count != 0;
}

/*
 * Called once per synchronous exit before the library sees it: numbers
 * the exit and says whether hv_trace_exit() will print it, so that the
 * copy of the frame it needs is made only then.
 */
bool hv_trace_wanted(void)
{
	struct hv_cpu *cpu;
	u64 n;

	if (!hv_trace_count)
		return false;
	cpu = hv_this_cpu();
	n = cpu->nr_exits++;
	if (n >= hv_trace_first && n - hv_trace_first < hv_trace_count)
		return true;
	if (n && !(n & 0xfffff)) {
		hv_trace_line();
		hv_puts("trace-count ");
		hv_dec(cpu->id);
		hv_puts(" ");
		hv_dec(n);
		hv_puts(" elr=");
		hv_hex(cpu->ctx.exit.elr);
		hv_puts(" esr=");
		hv_hex(cpu->ctx.exit.esr);
		hv_puts("\n");
	}
	return false;
}

static const char *const verdicts[] = { "resume", "injected", "forwarded",
					"host" };

static void kv(const char *k, u64 v)
{
	hv_puts(" ");
	hv_puts(k);
	hv_puts("=");
	hv_hex(v);
}

/*
 * One exit: `before` as the hardware reported it, `e` after the library
 * (and the host) acted, with e->syn the library's decode; `v` the
 * library's verdict.
 */
void hv_trace_exit(const struct vel2_exit *before, const struct vel2_exit *e,
		   int v)
{
	struct hv_cpu *cpu = hv_this_cpu();
	bool decoded = v >= 0 || v == VEL2_EXIT_EBADSTATE;
	unsigned int ec = decoded ? e->syn.ec : VEL2_ESR_EC(before->esr);
	unsigned int rt = e->syn.sys.rt;

	hv_trace_line();
	hv_puts("trace ");
	hv_dec(cpu->id);
	hv_puts(" ");
	hv_dec(cpu->nr_exits - 1);
	hv_puts(" ");
	hv_dec(read_sysreg(cntpct_el0));
	hv_puts(" ");
	hv_puts(hv_ec_name(ec));
	if (decoded && ec == VEL2_EC_SYS64) {
		hv_puts(e->syn.sys.read ? " mrs:" : " msr:");
		hv_put_sysreg(HV_SYSREG_KEY(&e->syn));
	} else {
		hv_puts(" -");
	}
	hv_puts(" ");
	if (v >= 0 && v < 4) {
		hv_puts(verdicts[v]);
	} else {
		hv_puts("error-");
		hv_dec((u64)-v);
	}
	kv("esr", before->esr);
	kv("elr", before->elr);
	kv("spsr", before->spsr);
	if (decoded) {
		switch (ec) {
		case VEL2_EC_SYS64:
			if (rt != 31)
				kv("val",
				   e->syn.sys.read ? e->x[rt] : before->x[rt]);
			break;
		case VEL2_EC_HVC64:
		case VEL2_EC_SMC64:
			kv("x0", before->x[0]);
			kv("ret", e->x[0]);
			break;
		case VEL2_EC_IABT_LOW:
		case VEL2_EC_DABT_LOW:
			kv("far", before->far);
			kv("hpfar", before->hpfar);
			break;
		default:
			break;
		}
	}
	if (e->elr != before->elr + 4 || e->spsr != before->spsr) {
		kv("to_elr", e->elr);
		kv("to_spsr", e->spsr);
	}
	hv_puts("\n");
}
