// SPDX-License-Identifier: MIT
/*
 * cnthctl: a VHE hypervisor writes CNTHCTL_EL2's EL2-only controls through
 * the CNTKCTL_EL1 encoding, which E2H redirects to CNTHCTL_EL2 (Arm ARM
 * D5.6, "Virtualization Host Extensions"; CNTHCTL_EL2 with E2H=1:
 * EL1PCTEN[10], EL1PCEN[11]).
 *
 * Kept apart from the e2h guest on purpose: under FEAT_NV without NV2 the
 * guest hypervisor's CNTKCTL_EL1 accesses reach the physical CNTKCTL_EL1
 * with no trap control to stop them, and bits [11:10] are RES0 there, so
 * vel2 cannot see this write; NV2 does not help either (CNTKCTL_EL1 has
 * no VNCR offset; docs/design.md). The difference is listed in
 * tests/qemu/known/cnthctl{,.nv2}.diff instead of hiding the rest of e2h.
 */
#include "rt.h"

#define CNTHCTL_EL1PCTEN (1UL << 10)
#define CNTHCTL_EL1PCEN (1UL << 11)

int main(void)
{
	u64 hcr = read_sysreg(hcr_el2);
	u64 saved;

	write_sysreg(hcr_el2, hcr | HCR_E2H);
	isb();
	saved = read_sysreg(cnthctl_el2);

	write_sysreg(cntkctl_el1, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN | 3UL);
	isb();
	rt_kv_end("CNTHCTL_EL2 after CNTKCTL_EL1 write",
		  read_sysreg(cnthctl_el2));

	write_sysreg(cnthctl_el2, saved);
	write_sysreg(hcr_el2, hcr);
	isb();
	return 0;
}
