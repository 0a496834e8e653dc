// SPDX-License-Identifier: MIT
/*
 * The guest's self-hosted debug controls at vEL2 into the CPU before an
 * entry: the MDSCR_EL1 and DBGBCR<n>_EL1/DBGWCR<n>_EL1 values vel2_hwcfg()
 * computed (src/core/hwcfg_debug.c says why they differ from the guest's
 * own). vel2_hwcfg() only computes; the writes are the host's, with the
 * rest of the configuration (run.c).
 */
#include "hv.h"

#include <vel2/hw.h>

void hv_debug_enter(const struct vel2_hwcfg *cfg)
{
	unsigned int kind, n;

	/* A read is cheaper than a write (QEMU recomputes its debug state
	 * on every MDSCR_EL1 write): most entries change nothing. */
	if (cfg->mdscr_valid &&
	    vel2_hw_read(VEL2_SYSREG_MDSCR_EL1) != cfg->mdscr)
		vel2_hw_write(VEL2_SYSREG_MDSCR_EL1, cfg->mdscr);
	if (!(cfg->dbg_write[0] | cfg->dbg_write[1]))
		return;
	for (kind = 0; kind < 2; kind++)
		for (n = 0; n < 16; n++)
			if (cfg->dbg_write[kind] & (1u << n))
				vel2_hw_dbg_write(kind, n, cfg->dbg[kind][n]);
}
