// SPDX-License-Identifier: MIT
/*
 * hv_handle_exit(): decide what one guest exit means.
 *
 * MINIMAL DISPATCH. The emulation of virtual EL2 (trapped EL2 register
 * accesses, ERET, exception injection into vEL2, HVC forwarding) is the
 * vel2 library's trap path (include/vel2/trap.h). Until it is linked in,
 * only what belongs to the platform is handled here: the SMC firmware
 * interface. Every other exit is reported and stops the guest, so a guest
 * that needs the library fails loudly rather than running wrongly.
 */
#include "hv.h"

static void report_unhandled(const struct exit_record *rec)
{
	hv_puts("unhandled exit (needs the vel2 trap path): vector ");
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
		hv_kv("far", rec->far);
		hv_kv("hpfar", rec->hpfar);
	}
}

enum hv_action hv_handle_exit(struct exit_record *rec)
{
	hv_stats_count(rec);
	if (rec->vector == 0x400) {
		switch (ESR_EC(rec->esr)) {
		case EC_SMC64:
			return hv_handle_smc(rec);
		default:
			break;
		}
	}
	report_unhandled(rec);
	return HV_STOP_ERR;
}
