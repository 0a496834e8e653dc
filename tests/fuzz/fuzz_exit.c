// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for vel2_handle_exit(): the input chooses the guest mode,
 * the guest hypervisor's virtual HCR_EL2 / fine-grained traps / ID
 * registers / vector bases, and the whole exit record. Built with ASan and
 * UBSan (`make fuzz`); any crash, sanitizer report or broken invariant
 * aborts with the input saved by libFuzzer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vel2/accessors.h>
#include <vel2/sim.h>
#include <vel2/trap.h>

static struct vel2_vcpu vcpu;

struct input {
	uint8_t mode;
	uint8_t loaded;
	uint64_t hcr, hfgrtr, hfgwtr, hfgitr, mdcr;
	uint64_t mmfr0, mmfr1, pfr0, pfr1, isar1;
	uint64_t vbar2, vbar1, elr2, spsr2, elr1, spsr1, sctlr2, sctlr1;
	uint64_t x[31], elr, spsr, esr, far, hpfar;
};

static const uint64_t pstates[] = { 0x3c9, 0x3c8, 0x3c5, 0x3c4, 0x0 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;
	struct vel2_exit e;
	int v;

	memset(&in, 0, sizeof(in));
	memcpy(&in, data, size < sizeof(in) ? size : sizeof(in));

	vel2_sim_reset();
	vel2_vcpu_init(&vcpu);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2, in.hcr);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HFGRTR_EL2, in.hfgrtr);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HFGWTR_EL2, in.hfgwtr);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_HFGITR_EL2, in.hfgitr);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_MDCR_EL2, in.mdcr);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64MMFR0_EL1, in.mmfr0);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64MMFR1_EL1, in.mmfr1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64PFR0_EL1, in.pfr0);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64PFR1_EL1, in.pfr1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ID_AA64ISAR1_EL1, in.isar1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_VBAR_EL2, in.vbar2);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_VBAR_EL1, in.vbar1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ELR_EL2, in.elr2);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL2, in.spsr2);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_ELR_EL1, in.elr1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL1, in.spsr1);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SCTLR_EL2, in.sctlr2);
	vel2_write_sysreg(&vcpu, VEL2_SYSREG_SCTLR_EL1, in.sctlr1);
	vel2_vcpu_set_pstate(&vcpu, pstates[in.mode % 5]);
	if (in.loaded & 1)
		vel2_vcpu_load(&vcpu);

	memset(&e, 0, sizeof(e));
	memcpy(e.x, in.x, sizeof(e.x));
	e.elr = in.elr;
	e.spsr = in.spsr;
	e.esr = in.esr;
	e.far = in.far;
	e.hpfar = in.hpfar;

	v = vel2_handle_exit(&vcpu, &e);
	if (v < VEL2_EXIT_EBADESR || v > VEL2_NEEDS_HOST)
		abort();
	if (v >= 0 && (((e.spsr >> 2) & 3) > 1 || (e.spsr & 0x10)))
		abort(); /* never hand back an EL2/EL3 or AArch32 PSTATE */
	vel2_vcpu_put(&vcpu);
	return 0;
}
