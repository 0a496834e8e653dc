// SPDX-License-Identifier: MIT
/*
 * hv_handle_exit(): one guest exit. The exit record is handed to the vel2
 * library's trap path (vel2_handle_exit, include/vel2/trap.h), which
 * emulates virtual EL2: EL2 register accesses, ERET, exception entry into
 * vEL2, forwarding of the guest hypervisor's own traps. What it gives back
 * as "needs host" belongs to the platform and is handled here: the SMC
 * firmware interface (smccc.c), WFI, TLBI/AT S1E2* (sysinsn.c) and stage 2
 * aborts (an external abort for the guest). Anything else stops vel2 with
 * a report, so a guest that needs more fails loudly rather than running
 * wrongly.
 */
#include "hv.h"
#include "shadow_s2.h"

#include <vel2/trap.h>

static const char *const host_reason[] = {
	[VEL2_HOST_NONE] = "none",
	[VEL2_HOST_ABORT] = "stage 2 abort",
	[VEL2_HOST_SMC] = "SMC",
	[VEL2_HOST_WFX] = "WFx",
	[VEL2_HOST_SYSINSN] = "system instruction (TLBI/AT/DC/IC)",
	[VEL2_HOST_EC] = "exception class",
};

static void report(const char *what, const struct exit_record *rec)
{
	hv_puts(what);
	hv_puts(": vector ");
	hv_hex(rec->vector);
	hv_puts(" ec ");
	hv_hex(ESR_EC(rec->esr));
	hv_puts(" esr ");
	hv_hex(rec->esr);
	hv_puts(" elr ");
	hv_hex(rec->elr);
	hv_puts(" spsr ");
	hv_hex(rec->spsr);
	hv_puts("\n");
	if (ESR_EC(rec->esr) == EC_DABT_LOW ||
	    ESR_EC(rec->esr) == EC_IABT_LOW) {
		hv_puts("far ");
		hv_hex(rec->far);
		hv_puts(" hpfar ");
		hv_hex(rec->hpfar);
		hv_puts("\n");
	}
}

static enum hv_action needs_host(struct vel2_vcpu *vcpu, struct vel2_exit *e,
				 const struct exit_record *rec)
{
	enum hv_action a;

	switch (e->host) {
	case VEL2_HOST_SMC:
		a = hv_handle_smc(e->x);
		vel2_exit_skip(e);
		return a;
	case VEL2_HOST_WFX:
		/*
		 * The guest hypervisor did not trap its WFI/WFE. Physical
		 * interrupts are the guest's (HCR_EL2.IMO=0 while it runs)
		 * and pend on vel2 at EL2 with PSTATE.I masked, which WFI
		 * still wakes on (Arm ARM D1.6.2): wait here, then resume.
		 */
		if (!(e->esr & 1)) /* ISS.TI: 0 = WFI */
			__asm__ volatile("dsb sy\n\twfi" ::: "memory");
		vel2_exit_skip(e);
		return HV_RESUME;
	case VEL2_HOST_ABORT:
		if (hv_shadow_abort(vcpu, e)) /* L2: filled or forwarded */
			return HV_RESUME;
		/*
		 * vel2 passes RAM and devices through at stage 2 and emulates
		 * no MMIO, so a stage 2 abort means the guest touched an IPA
		 * with nothing behind it (or vel2's own hidden memory): on
		 * real hardware that is a synchronous external abort.
		 */
		vel2_inject_external_abort(vcpu, e);
		hv_stats_outcome(HV_OUT_ABORT);
		return HV_RESUME;
	case VEL2_HOST_SYSINSN:
		if (!hv_handle_sysinsn(e->esr, e->x))
			break;
		vel2_exit_skip(e);
		return HV_RESUME;
	default:
		break;
	}
	hv_puts("exit the host cannot handle (");
	hv_puts(e->host < sizeof(host_reason) / sizeof(host_reason[0]) ?
			host_reason[e->host] :
			"?");
	hv_puts(")\n");
	report("unhandled exit", rec);
	return HV_STOP_ERR;
}

enum hv_action hv_handle_exit(struct vel2_vcpu *vcpu, struct exit_record *rec)
{
	struct vel2_exit e, before;
	enum hv_action a = HV_RESUME;
	int v;

	hv_stats_count(rec);
	if (rec->vector != 0x400) {
		/* IRQ/FIQ/SError: vel2 routes none of them to itself. */
		report("unexpected asynchronous exit", rec);
		return HV_STOP_ERR;
	}
	memcpy(e.x, rec->x, sizeof(e.x));
	e.elr = rec->elr;
	e.spsr = rec->spsr;
	e.esr = rec->esr;
	e.far = rec->far;
	e.hpfar = rec->hpfar;

	before = e;
	v = vel2_handle_exit(vcpu, &e);
	switch (v) {
	case VEL2_RESUME:
		hv_stats_outcome(HV_OUT_EMULATED);
		break;
	case VEL2_INJECTED:
		hv_stats_outcome(HV_OUT_INJECTED);
		break;
	case VEL2_FORWARDED:
		hv_stats_outcome(HV_OUT_FORWARDED);
		break;
	case VEL2_NEEDS_HOST:
		a = needs_host(vcpu, &e, rec);
		if (e.host != VEL2_HOST_ABORT)
			hv_stats_outcome(HV_OUT_SERVED);
		break;
	default:
		hv_trace_exit(&before, &e, v);
		hv_puts("vel2_handle_exit failed: ");
		hv_dec((u64)-v);
		hv_puts("\n");
		report("bad exit", rec);
		return HV_STOP_ERR;
	}
	hv_trace_exit(&before, &e, v);
	memcpy(rec->x, e.x, sizeof(e.x));
	rec->elr = e.elr;
	rec->spsr = e.spsr;
	return a;
}
