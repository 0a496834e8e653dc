// SPDX-License-Identifier: MIT
/*
 * SMCs from the guest (trapped by HCR_EL2.TSC, EC 0x17). vel2 is the
 * guest's firmware: it answers the vel2 exit notice (see guests/rt/exit.c)
 * and NOT_SUPPORTED for everything else (PSCI is future work).
 */
#include "hv.h"

#define SMCCC_VEL2_EXIT_NOTICE 0xc6000e10UL
#define SMCCC_NOT_SUPPORTED (~0UL)

enum hv_action hv_handle_smc(struct exit_record *rec)
{
	u64 fid = rec->x[0];

	/* A trapped SMC's preferred return address is the SMC itself. */
	rec->elr += 4;
	rec->x[0] = SMCCC_NOT_SUPPORTED;
	if (fid == SMCCC_VEL2_EXIT_NOTICE) {
		hv_puts("guest exit notice, status ");
		hv_dec(rec->x[1]);
		hv_puts("\n");
		hv_stats_print();
	}
	return HV_RESUME;
}
