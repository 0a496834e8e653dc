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
#include "dev/dev.h"
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

static void report(const char *what, const struct hv_ctx *ctx)
{
	const struct vel2_exit *e = &ctx->exit;

	hv_puts(what);
	hv_puts(": vector ");
	hv_hex(ctx->vector);
	hv_puts(" ec ");
	hv_hex(VEL2_ESR_EC(e->esr));
	hv_puts(" esr ");
	hv_hex(e->esr);
	hv_puts(" elr ");
	hv_hex(e->elr);
	hv_puts(" spsr ");
	hv_hex(e->spsr);
	hv_puts("\n");
	if (VEL2_ESR_EC(e->esr) == VEL2_EC_DABT_LOW ||
	    VEL2_ESR_EC(e->esr) == VEL2_EC_IABT_LOW) {
		hv_puts("far ");
		hv_hex(e->far);
		hv_puts(" hpfar ");
		hv_hex(e->hpfar);
		hv_puts("\n");
	}
}

static enum hv_action needs_host(struct vel2_vcpu *vcpu, struct hv_ctx *ctx)
{
	struct vel2_exit *e = &ctx->exit;
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
		if (e->syn.wfx.ti == VEL2_WFX_WFI)
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
		 * real hardware that is a synchronous external abort. The
		 * frames vel2 mediates (dev/mmio.c) are the exception.
		 */
		if (hv_mmio_abort(e)) {
			hv_stats_outcome(HV_OUT_SERVED);
			return HV_RESUME;
		}
		vel2_inject_external_abort(vcpu, e);
		hv_stats_outcome(HV_OUT_ABORT);
		return HV_RESUME;
	case VEL2_HOST_SYSINSN:
		if (!hv_handle_sysinsn(e))
			break;
		vel2_exit_skip(e);
		return HV_RESUME;
	case VEL2_HOST_EC:
		/*
		 * An exception class vel2 sets no trap for: the guest made
		 * it, so it must not stop vel2 (issue 8). The instruction
		 * does nothing vel2 offers, so it is UNDEFINED for the guest.
		 */
		hv_puts("exit class ");
		hv_hex(e->syn.ec);
		hv_puts(" vel2 does not expect: UNDEF for the guest\n");
		vel2_inject_undef(vcpu, e, e->elr);
		hv_stats_outcome(HV_OUT_INJECTED);
		return HV_RESUME;
	default:
		break;
	}
	hv_puts("exit the host cannot handle (");
	hv_puts(e->host < sizeof(host_reason) / sizeof(host_reason[0]) ?
			host_reason[e->host] :
			"?");
	hv_puts(")\n");
	report("unhandled exit", ctx);
	return HV_STOP_ERR;
}

/*
 * A physical IRQ/FIQ/SError (vector 0x480/0x500/0x580, lower EL AArch64):
 * vel2 routes none to itself, so it came while the guest hypervisor's
 * guest ran with the guest hypervisor's IMO/FMO/AMO: take it to vEL2
 * (vel2_forward_interrupt), in the frame the vectors filled. False: not
 * the guest's, vel2 stops.
 */
static bool forward_interrupt(struct vel2_vcpu *vcpu, struct hv_ctx *ctx)
{
	if (ctx->vector < 0x480 || ctx->vector > 0x580 || ctx->vector & 0x7f)
		return false;
	if (vel2_forward_interrupt(vcpu, &ctx->exit,
				   (ctx->vector - 0x400) / 0x80) !=
	    VEL2_FORWARDED)
		return false;
	hv_stats_outcome(HV_OUT_FORWARDED);
	return true;
}

/*
 * The library works on the frame the vectors filled (ctx->exit) in place;
 * it decodes ESR_EL2 once into exit->syn, which everything after it here
 * (needs_host, sysinsn.c, stats.c, trace.c) reads. The frame as the
 * hardware reported it is copied only when the trace prints this exit.
 */
enum hv_action hv_handle_exit(struct vel2_vcpu *vcpu, struct hv_ctx *ctx)
{
	struct vel2_exit *e = &ctx->exit, before;
	bool trace = hv_trace_wanted();
	enum hv_action a = HV_RESUME;
	int v;

	/*
	 * From AArch32 EL0 (vel2's ERET runs it, src/trap/eret.c) the CPU
	 * uses the lower-EL AArch32 vectors, 0x600..0x780; the syndrome and
	 * the SPSR say the rest, so it is handled as 0x400..0x580.
	 */
	if (ctx->vector >= 0x600)
		ctx->vector -= 0x200;
	if (ctx->vector != 0x400) {
		if (forward_interrupt(vcpu, ctx))
			return HV_RESUME;
		/* IRQ/FIQ/SError: vel2 routes none of them to itself. */
		hv_host_regime(hv_this_cpu());
		report("unexpected asynchronous exit", ctx);
		return HV_STOP_ERR;
	}
	if (trace)
		before = *e;
	v = vel2_handle_exit(vcpu, e);
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
		/* Firmware calls, WFI, TLBI/AT, aborts: as the platform. */
		hv_host_regime(hv_this_cpu());
		a = needs_host(vcpu, ctx);
		/* needs_host() counts aborts and UNDEFs itself. */
		if (e->host != VEL2_HOST_ABORT && e->host != VEL2_HOST_EC)
			hv_stats_outcome(HV_OUT_SERVED);
		break;
	default:
		if (trace)
			hv_trace_exit(&before, e, v);
		hv_puts("vel2_handle_exit failed: ");
		hv_dec((u64)-v);
		hv_puts("\n");
		report("bad exit", ctx);
		return HV_STOP_ERR;
	}
	if (trace)
		hv_trace_exit(&before, e, v);
	return a;
}
