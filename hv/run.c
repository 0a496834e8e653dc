// SPDX-License-Identifier: MIT
/*
 * The vCPU and the run loop: program the physical trap configuration for
 * the vCPU's current mode (vel2_hwcfg), enter the guest, take one exit,
 * let the library handle it (exit.c), repeat. HCR_EL2 is switched on every
 * transition so that vel2 itself always runs in the host regime (TGE=1).
 */
#include "hv.h"

#include <vel2/accessors.h>
#include <vel2/hwcfg.h>

/*
 * HCR_EL2 bits vel2 always wants while the guest runs (D24.2 HCR_EL2);
 * vel2_hwcfg() adds NV/NV1/TVM/TRVM for the guest hypervisor's mode, or
 * its own trap requests while its guest (L2) runs:
 *   E2H    vel2 itself is a VHE host and stays one
 *   RW     EL1 is AArch64
 *   TSC    SMC traps: vel2 is the guest's firmware (smccc.c)
 *   VM     vel2's stage 2 hides vel2 (stage2.c)
 *   API/APK  pointer authentication does not trap
 * IMO/FMO/AMO are clear: vel2 does not virtualize interrupts yet, so the
 * guest hypervisor owns the GIC and takes physical interrupts at EL1
 * itself.
 */
#define HCR_GUEST_HOST_BITS \
	(HCR_E2H | HCR_RW | HCR_TSC | HCR_VM | HCR_API | HCR_APK)

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

/* The register file's VNCR block must be page aligned (vcpu.h). */
_Static_assert(offsetof(struct hv_cpu, vcpu) == 0, "vcpu first");
_Static_assert(sizeof(struct hv_cpu) % 4096 == 0, "hv_cpus[] page aligned");

/*
 * The physical PSTATE that runs the guest in its virtual mode: vEL2 and
 * vEL1 run at EL1 (with the guest's SPSel: EL2h -> EL1h, EL2t -> EL1t),
 * vEL0 at EL0t (Arm ARM D24.2 HCR_EL2.NV: the guest hypervisor runs at
 * EL1). The other PSTATE bits are the guest's own.
 */
u64 hv_phys_spsr(u64 vpstate)
{
	u64 m = VEL2_PSR_EL(vpstate) == 0 ? VEL2_PSR_MODE_EL0T :
					    VEL2_PSR_MODE_EL1T | (vpstate & 1);

	return (vpstate & ~VEL2_PSR_MODE_MASK) | m;
}

/*
 * The identification registers the guest reads (all of ID group 3 traps,
 * vel2_hwcfg) are the hardware's as vel2_id_sanitise() lets the guest see
 * them (no FEAT_NV, no SME), ICH_VTR_EL2 included (the GIC's
 * virtual interface is the hardware's), and VPIDR/VMPIDR_EL2 reset to the real
 * MIDR/MPIDR as the Arm ARM has them do on a CPU with EL2 (D24.2 VPIDR_EL2,
 * VMPIDR_EL2: "reset to MIDR_EL1 / MPIDR_EL1"). Each CPU resets its own
 * vCPU, so VMPIDR_EL2 is that CPU's MPIDR; everything else is the same on
 * every CPU.
 */
#define HW_ID_REGS(X)                         \
	X(MIDR_EL1, midr_el1)                 \
	X(MPIDR_EL1, mpidr_el1)               \
	X(ID_AA64PFR0_EL1, id_aa64pfr0_el1)   \
	X(ID_AA64PFR1_EL1, id_aa64pfr1_el1)   \
	X(ID_AA64ZFR0_EL1, s3_0_c0_c4_4)      \
	X(ID_AA64SMFR0_EL1, s3_0_c0_c4_5)     \
	X(ID_AA64DFR0_EL1, id_aa64dfr0_el1)   \
	X(ID_AA64DFR1_EL1, id_aa64dfr1_el1)   \
	X(ID_AA64AFR0_EL1, id_aa64afr0_el1)   \
	X(ID_AA64AFR1_EL1, id_aa64afr1_el1)   \
	X(ID_AA64ISAR0_EL1, id_aa64isar0_el1) \
	X(ID_AA64ISAR1_EL1, id_aa64isar1_el1) \
	X(ID_AA64ISAR2_EL1, s3_0_c0_c6_2)     \
	X(ID_AA64MMFR0_EL1, id_aa64mmfr0_el1) \
	X(ID_AA64MMFR1_EL1, id_aa64mmfr1_el1) \
	X(ID_AA64MMFR2_EL1, s3_0_c0_c7_2)     \
	X(ID_AA64MMFR3_EL1, s3_0_c0_c7_3)     \
	X(ID_AA64MMFR4_EL1, s3_0_c0_c7_4)     \
	X(ID_AA64PFR2_EL1, s3_0_c0_c4_2)      \
	X(ID_AA64FPFR0_EL1, s3_0_c0_c4_7)     \
	X(ID_AA64DFR2_EL1, s3_0_c0_c5_2)      \
	X(ID_AA64ISAR3_EL1, s3_0_c0_c6_3)     \
	X(ID_PFR0_EL1, s3_0_c0_c1_0)          \
	X(ID_PFR1_EL1, s3_0_c0_c1_1)          \
	X(ID_DFR0_EL1, s3_0_c0_c1_2)          \
	X(ID_AFR0_EL1, s3_0_c0_c1_3)          \
	X(ID_MMFR0_EL1, s3_0_c0_c1_4)         \
	X(ID_MMFR1_EL1, s3_0_c0_c1_5)         \
	X(ID_MMFR2_EL1, s3_0_c0_c1_6)         \
	X(ID_MMFR3_EL1, s3_0_c0_c1_7)         \
	X(ID_ISAR0_EL1, s3_0_c0_c2_0)         \
	X(ID_ISAR1_EL1, s3_0_c0_c2_1)         \
	X(ID_ISAR2_EL1, s3_0_c0_c2_2)         \
	X(ID_ISAR3_EL1, s3_0_c0_c2_3)         \
	X(ID_ISAR4_EL1, s3_0_c0_c2_4)         \
	X(ID_ISAR5_EL1, s3_0_c0_c2_5)         \
	X(ID_MMFR4_EL1, s3_0_c0_c2_6)         \
	X(ID_ISAR6_EL1, s3_0_c0_c2_7)         \
	X(MVFR0_EL1, s3_0_c0_c3_0)            \
	X(MVFR1_EL1, s3_0_c0_c3_1)            \
	X(MVFR2_EL1, s3_0_c0_c3_2)            \
	X(ID_PFR2_EL1, s3_0_c0_c3_4)          \
	X(ID_DFR1_EL1, s3_0_c0_c3_5)          \
	X(ID_MMFR5_EL1, s3_0_c0_c3_6)

static void set_reg(struct vel2_vcpu *vcpu, unsigned int reg, const char *n,
		    u64 v)
{
	if (vel2_write_sysreg(vcpu, reg, v) < 0) {
		hv_puts("FATAL: cannot set the virtual ");
		hv_puts(n);
		hv_puts("\n");
		hv_exit(1);
	}
}

void hv_vcpu_reset(struct hv_cpu *cpu)
{
	struct vel2_vcpu *vcpu = &cpu->vcpu;

	/* vEL2h, D/A/I/F masked, HCR_EL2 and the rest at reset values. */
	vel2_vcpu_init(vcpu);
#define X(name, enc)                             \
	set_reg(vcpu, VEL2_SYSREG_##name, #name, \
		vel2_id_sanitise(VEL2_SYSREG_##name, read_sysreg(enc)));
	HW_ID_REGS(X)
#undef X
	/*
	 * ICH_VTR_EL2 exists only with the GIC's system register interface
	 * (ID_AA64PFR0_EL1.GIC [27:24] != 0, GICv3); on a GICv2 machine the
	 * read is UNDEFINED and the guest's virtual interface is the GICH/
	 * GICV MMIO frames, passed through (docs/hv.md).
	 */
	if ((read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf)
		set_reg(vcpu, VEL2_SYSREG_ICH_VTR_EL2, "ICH_VTR_EL2",
			vel2_id_sanitise(VEL2_SYSREG_ICH_VTR_EL2,
					 read_sysreg(s3_4_c12_c11_1)));
	set_reg(vcpu, VEL2_SYSREG_VPIDR_EL2, "VPIDR_EL2",
		read_sysreg(midr_el1));
	set_reg(vcpu, VEL2_SYSREG_VMPIDR_EL2, "VMPIDR_EL2",
		read_sysreg(mpidr_el1));
	/*
	 * MDCR_EL2.HPMN [4:0] resets to PMCR_EL0.N [15:11] (Arm ARM MDCR_EL2,
	 * HPMN): every event counter starts out as EL1/EL0's. The other
	 * fields reset to UNKNOWN or 0; vel2 picks 0.
	 */
	set_reg(vcpu, VEL2_SYSREG_MDCR_EL2, "MDCR_EL2",
		(read_sysreg(pmcr_el0) >> 11) & 0x1f);
	cpu->ctx.rec.spsr = hv_phys_spsr(vcpu->pstate);
	vel2_vcpu_load(vcpu);
}

void hv_run(struct hv_cpu *cpu)
{
	struct hv_ctx *ctx = &cpu->ctx;
	struct vel2_hwcfg cfg;

	for (;;) {
		vel2_hwcfg(&cpu->vcpu, HCR_GUEST_HOST_BITS, &cfg);
		if (cfg.unsupported) {
			/* Better a clear stop than an L2 run wrongly. */
			hv_puts("cannot run the guest: ");
			hv_puts(cfg.unsupported);
			hv_puts("\n");
			hv_stats_print();
			hv_exit(1);
		}
		/* NV2: the guest's NVMem[] accesses go to its VNCR page. */
		if (cfg.vncr)
			write_sysreg(VNCR_EL2, cfg.vncr);
		write_sysreg(cptr_el2, HV_CPTR_GUEST | cfg.cptr);
		write_sysreg(hcr_el2, cfg.hcr);
		cpu->guest_hcr = cfg.hcr;
		isb();
		hv_enter_guest(ctx);
		write_sysreg(hcr_el2, HCR_HOST);
		write_sysreg(cptr_el2, HV_CPTR_GUEST);
		isb();

		switch (hv_handle_exit(&cpu->vcpu, &ctx->rec)) {
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
