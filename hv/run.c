// SPDX-License-Identifier: MIT
/*
 * The run loop: enter the guest, take one exit, handle it, repeat.
 * HCR_EL2 is switched on every transition so that vel2 itself always runs
 * in the host regime (TGE=1) and the guest never sees it set.
 */
#include "hv.h"

_Static_assert(offsetof(struct exit_record, sp_el0) == REC_SP_EL0, "rec");
_Static_assert(offsetof(struct exit_record, elr) == REC_ELR, "rec");
_Static_assert(offsetof(struct exit_record, spsr) == REC_SPSR, "rec");
_Static_assert(offsetof(struct exit_record, esr) == REC_ESR, "rec");
_Static_assert(offsetof(struct exit_record, far) == REC_FAR, "rec");
_Static_assert(offsetof(struct exit_record, hpfar) == REC_HPFAR, "rec");
_Static_assert(offsetof(struct exit_record, vector) == REC_VECTOR, "rec");
_Static_assert(sizeof(struct exit_record) == REC_SIZE, "rec");
_Static_assert(offsetof(struct hv_ctx, host_x19_x30) == CTX_HOST_X19, "ctx");
_Static_assert(offsetof(struct hv_ctx, host_sp) == CTX_HOST_SP, "ctx");
_Static_assert(sizeof(struct hv_ctx) == CTX_SIZE, "ctx");

void hv_run(struct hv_ctx *ctx, u64 guest_hcr, u64 host_hcr);
void hv_run(struct hv_ctx *ctx, u64 guest_hcr, u64 host_hcr)
{
	for (;;) {
		write_sysreg(hcr_el2, guest_hcr);
		isb();
		hv_enter_guest(ctx);
		write_sysreg(hcr_el2, host_hcr);
		isb();

		switch (hv_handle_exit(&ctx->rec)) {
		case HV_RESUME:
			continue;
		case HV_STOP_OK:
			hv_stats_print();
			hv_exit(0);
		case HV_STOP_ERR:
			hv_stats_print();
			hv_exit(1);
		}
	}
}
