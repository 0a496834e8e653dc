// SPDX-License-Identifier: MIT
/*
 * The vCPU and the run loop: program the physical trap configuration for
 * the vCPU's current mode (vel2_hwcfg), enter the guest, take one exit,
 * let the library handle it (handle_exit.c), repeat.
 *
 * The exit path writes nothing it need not (docs/design.md, "Cost of an
 * exit"): HCR_EL2, CPTR_EL2 and VNCR_EL2 are written only when the value
 * changes (hv_set_hcr/hv_set_cptr, the last value cached per CPU); an exit
 * the library emulates on its own (a trapped MRS/MSR, ERET, an exception
 * it injects or forwards) is handled with the guest's configuration still
 * in place, and only exits vel2 serves as the platform (handle_exit.c,
 * needs_host) switch to the host regime, E2H=1 TGE=1 (hv_host_regime).
 * That regime keeps the guest's VEL2_HCR_HOST_KEEP bits (hwcfg.h), so the
 * switch never changes a bit QEMU flushes its TLB on. Why each of those bits is
 * inert at EL2 with E2H=1, TGE=1 (Arm ARM D24.2 HCR_EL2): VM, PTW, DC, DCT, FWB
 * describe the EL1&0 regime's stage 2 (enable, protected walks, default
 * cacheability, combining); the EL2&0 regime that E2H=1 gives EL2 has no stage
 * 2, and with TGE=1 EL0 uses EL2&0 too ("when HCR_EL2.{E2H,TGE} == {1,1}, stage
 * 2 is not used"; DC: "no effect on the EL2&0 regime"). NV, NV1, NV2  "only
 * affect execution at EL1": EL2 accesses, ERET and exception entry are
 * unaffected, and vel2 never runs at EL1. Why the guest configuration is
 * correct for the emulation at EL2: HCR_EL2 and CPTR_EL2 trap controls (TVM,
 * TRVM, TID3, TSC, NV, TCPAC...) trap execution at EL1 and EL0, never at EL2;
 * the EL2&0 regime vel2 runs in is chosen by E2H alone, which is 1 in both;
 * FPEN/ZEN stay 0b11 (HV_CPTR_GUEST), so nothing in EL2 traps; physical
 * interrupts routed to EL1 (IMO/FMO/AMO=0, TGE=0) are not taken at EL2, and
 * vel2 runs with PSTATE.DAIF masked in any case.
 */
#include "hv.h"
#include "l2_switch.h"
#include "shadow_s2.h"

#include <vel2/accessors.h>
#include <vel2/hwcfg.h>
#include <vel2/trap.h>

/*
 * HCR_EL2 bits vel2 always wants while the guest runs (D24.2 HCR_EL2);
 * vel2_hwcfg() adds NV/NV1/TVM/TRVM for the guest hypervisor's mode, or
 * its own trap requests while its guest (L2) runs:
 *   E2H    vel2 itself is a VHE host and stays one
 *   RW     EL1 is AArch64
 *   TSC    SMC traps: vel2 is the guest's firmware (smccc.c)
 *   VM     vel2's stage 2 hides vel2 (stage2.c)
 *   API/APK  pointer authentication does not trap
 * IMO/FMO/AMO are clear: the guest hypervisor owns the GIC and takes
 * physical interrupts at EL1 itself; while its guest runs they are its
 * own (vel2_hwcfg), and its GIC virtual interface is loaded for that
 * guest (l2_switch.c, docs/nested-gic.md).
 */
#define HCR_GUEST_HOST_BITS                                        \
	(VEL2_HCR_E2H | VEL2_HCR_RW | VEL2_HCR_TSC | VEL2_HCR_VM | \
	 VEL2_HCR_API | VEL2_HCR_APK)

/* The register file's VNCR block must be page aligned (vcpu.h). */
_Static_assert(offsetof(struct hv_cpu, vcpu) == 0, "vcpu first");
_Static_assert(sizeof(struct hv_cpu) % 4096 == 0, "hv_cpus[] page aligned");

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
#define HW_ID_REGS(X)       \
	X(MIDR_EL1)         \
	X(MPIDR_EL1)        \
	X(ID_AA64PFR0_EL1)  \
	X(ID_AA64PFR1_EL1)  \
	X(ID_AA64ZFR0_EL1)  \
	X(ID_AA64SMFR0_EL1) \
	X(ID_AA64DFR0_EL1)  \
	X(ID_AA64DFR1_EL1)  \
	X(ID_AA64AFR0_EL1)  \
	X(ID_AA64AFR1_EL1)  \
	X(ID_AA64ISAR0_EL1) \
	X(ID_AA64ISAR1_EL1) \
	X(ID_AA64ISAR2_EL1) \
	X(ID_AA64MMFR0_EL1) \
	X(ID_AA64MMFR1_EL1) \
	X(ID_AA64MMFR2_EL1) \
	X(ID_AA64MMFR3_EL1) \
	X(ID_AA64MMFR4_EL1) \
	X(ID_AA64PFR2_EL1)  \
	X(ID_AA64FPFR0_EL1) \
	X(ID_AA64DFR2_EL1)  \
	X(ID_AA64ISAR3_EL1) \
	X(ID_PFR0_EL1)      \
	X(ID_PFR1_EL1)      \
	X(ID_DFR0_EL1)      \
	X(ID_AFR0_EL1)      \
	X(ID_MMFR0_EL1)     \
	X(ID_MMFR1_EL1)     \
	X(ID_MMFR2_EL1)     \
	X(ID_MMFR3_EL1)     \
	X(ID_ISAR0_EL1)     \
	X(ID_ISAR1_EL1)     \
	X(ID_ISAR2_EL1)     \
	X(ID_ISAR3_EL1)     \
	X(ID_ISAR4_EL1)     \
	X(ID_ISAR5_EL1)     \
	X(ID_MMFR4_EL1)     \
	X(ID_ISAR6_EL1)     \
	X(MVFR0_EL1)        \
	X(MVFR1_EL1)        \
	X(MVFR2_EL1)        \
	X(ID_PFR2_EL1)      \
	X(ID_DFR1_EL1)      \
	X(ID_MMFR5_EL1)

static void set_reg(struct vel2_vcpu *vcpu, unsigned int reg, const char *n,
		    u64 v)
{
	if (vel2_write_sysreg(vcpu, reg, v) < 0) {
		hv_puts("FATAL: cannot set the virtual ");
		hv_puts(n);
		hv_puts("\n");
		hv_poweroff(1);
	}
}

void hv_vcpu_reset(struct hv_cpu *cpu)
{
	struct vel2_vcpu *vcpu = &cpu->vcpu;

	/* vEL2h, D/A/I/F masked, HCR_EL2 and the rest at reset values. */
	vel2_vcpu_init(vcpu);
#define X(name)                                  \
	set_reg(vcpu, VEL2_SYSREG_##name, #name, \
		vel2_id_sanitise(VEL2_SYSREG_##name, read_sysreg_enc(name)));
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
					 read_sysreg_enc(ICH_VTR_EL2)));
	set_reg(vcpu, VEL2_SYSREG_VPIDR_EL2, "VPIDR_EL2",
		read_sysreg(midr_el1));
	set_reg(vcpu, VEL2_SYSREG_VMPIDR_EL2, "VMPIDR_EL2",
		read_sysreg(mpidr_el1));
	/*
	 * MDCR_EL2.HPMN [4:0] resets to PMCR_EL0.N [15:11] (Arm ARM MDCR_EL2,
	 * HPMN): every event counter starts out as EL1/EL0's. The other
	 * fields reset to UNKNOWN or 0; vel2 picks 0. The same N bounds its
	 * HPMN for L2 and is vEL2's own (hwcfg.c).
	 */
	vcpu->pmcr_n = (read_sysreg(pmcr_el0) >> 11) & 0x1f;
	set_reg(vcpu, VEL2_SYSREG_MDCR_EL2, "MDCR_EL2", vcpu->pmcr_n);
	/*
	 * CNTHCTL_EL2.EL1PCTEN [0] and EL1PCEN [1] (E2H=0 layout) reset to
	 * IMPLEMENTATION DEFINED values (Arm ARM CNTHCTL_EL2; Armv7 required
	 * 1): vel2 picks 1 like QEMU's CPU, so a guest hypervisor that never
	 * writes CNTHCTL_EL2 lets its guest use the physical counter and
	 * timer (its L2 traps follow this value, hwcfg.c timer_controls).
	 */
	set_reg(vcpu, VEL2_SYSREG_CNTHCTL_EL2, "CNTHCTL_EL2", 3);
	cpu->ctx.exit.spsr = vel2_pstate_to_phys(vcpu->pstate);
	vel2_vcpu_load(vcpu);
}

void hv_set_hcr(struct hv_cpu *cpu, u64 hcr)
{
	if (hcr == cpu->hw_hcr)
		return;
	cpu->stats.hcr_writes++;
	if ((hcr ^ cpu->hw_hcr) & HCR_FLUSH_BITS)
		cpu->stats.hcr_flushes++;
	cpu->hw_hcr = hcr;
	write_sysreg(hcr_el2, hcr);
}

void hv_set_cptr(struct hv_cpu *cpu, u64 cptr)
{
	if (cptr == cpu->hw_cptr)
		return;
	cpu->stats.cptr_writes++;
	cpu->hw_cptr = cptr;
	write_sysreg(cptr_el2, cptr);
}

static bool set_vncr(struct hv_cpu *cpu, u64 vncr)
{
	/* 0: NV2 off for this entry, VNCR_EL2 is not used (and may not
	 * exist): leave it as it is. */
	if (!vncr || vncr == cpu->hw_vncr)
		return false;
	cpu->hw_vncr = vncr;
	write_sysreg_enc(VNCR_EL2, vncr);
	return true;
}

/* vel2 as the platform: E2H=1 TGE=1, no CPTR_EL2 traps (handle_exit.c). */
void hv_host_regime(struct hv_cpu *cpu)
{
	u64 before = cpu->stats.hcr_writes + cpu->stats.cptr_writes;

	hv_set_hcr(cpu, hv_host_hcr(cpu->guest_hcr));
	hv_set_cptr(cpu, HV_CPTR_GUEST);
	if (cpu->stats.hcr_writes + cpu->stats.cptr_writes != before)
		isb();
}

/*
 * Exits the library's fast path handles (vel2_fast_exit: an MRS at vEL2
 * answered by the accessors, an MSR to the guest hypervisor's EL2
 * timers), re-entering the guest at once: the library says the
 * configuration vel2_hwcfg() gave for this entry still holds (the
 * maintenance interrupt level at vEL2, which the guest's NV2 ICH_* stores
 * move, included), so the shadow stage 2 and the L2 switch would leave
 * the hardware as it is too. Returns with the first exit the generic path
 * must handle.
 * Tracing sees every exit: no fast path then. Their time is not counted:
 * under TCG each CNTPCT_EL0 read is a host clock_gettime call made under
 * QEMU's BQL (an ARM_CP_IO register), 0.2 us of a C-path exit each.
 */
static void fast_exits(struct hv_cpu *cpu)
{
	struct hv_ctx *ctx = &cpu->ctx;

	if (hv_trace_enabled())
		return;
	while (vel2_fast_exit(&cpu->vcpu, &ctx->exit)) {
		struct vel2_esr syn = ctx->exit.syn;

		hv_stats_fast(&syn, 1, false);
		/*
		 * The same MRS again is answered in the vector (vectors.S,
		 * hv_sync_exit) until the first exit it does not match,
		 * which comes back here: the replay ends with it, since
		 * handling it may change what the library's recipe read.
		 * A recipe's ESR is never 0 (EC 0x18); 0 means none.
		 */
		if (!vel2_fast_replay(&cpu->vcpu, &ctx->exit, &ctx->replay))
			ctx->replay.esr = 0;
		ctx->replay_hits = 0;
		hv_enter_guest(ctx);
		if (ctx->replay.esr) {
			ctx->replay.esr = 0;
			hv_stats_fast(&syn, ctx->replay_hits, true);
		}
	}
}

void hv_run(struct hv_cpu *cpu)
{
	struct hv_ctx *ctx = &cpu->ctx;
	struct vel2_hwcfg cfg;
	bool counted = true;
	u64 t0 = 0;

	/* What cpu_init_el2() (main.c) left in the hardware. */
	cpu->hw_hcr = read_sysreg(hcr_el2);
	cpu->hw_cptr = read_sysreg(cptr_el2);
	/*
	 * VNCR_EL2 resets to an UNKNOWN value, and a CPU started again by
	 * PSCI CPU_ON after CPU_OFF was reset: 0 (never a page vel2 uses)
	 * makes the first NV2 entry write it.
	 */
	cpu->hw_vncr = 0;
	for (;;) {
		u64 writes = cpu->stats.hcr_writes + cpu->stats.cptr_writes;
		bool wrote;

		hv_l2_save(cpu); /* ICH_* of L2 back before vel2_hwcfg */
		vel2_hwcfg(&cpu->vcpu, HCR_GUEST_HOST_BITS, &cfg);
		if (cfg.unsupported) {
			/* Better a clear stop than an L2 run wrongly. */
			hv_host_regime(cpu);
			hv_puts("cannot run the guest: ");
			hv_puts(cfg.unsupported);
			hv_puts("\n");
			hv_stats_print();
			hv_poweroff(1);
		}
		/* NV2: the guest's NVMem[] accesses go to its VNCR page. */
		wrote = set_vncr(cpu, cfg.vncr);
		hv_shadow_enter(cpu, &cfg); /* VTTBR: shadow or vel2's */
		hv_l2_switch(cpu, &cfg); /* ICH_*, VPIDR, FGT, ZCR, ... */
		hv_debug_enter(&cfg); /* MDSCR_EL1, DBGxCR at vEL2 */
		hv_set_cptr(cpu, (HV_CPTR_GUEST &
				  ~(cfg.cptr_clear | cfg.cptr_lazy)) |
					 cfg.cptr);
		hv_set_hcr(cpu, cfg.hcr);
		cpu->guest_hcr = cfg.hcr;
		/*
		 * Only a write needs synchronizing: nothing changed, nothing
		 * to wait for (the ERET itself is a context synchronization
		 * event too unless FEAT_ExS's SCTLR_EL2.EOS is 0; Arm ARM
		 * Glossary, "Context synchronization event").
		 */
		if (wrote ||
		    cpu->stats.hcr_writes + cpu->stats.cptr_writes != writes)
			isb();
		if (!counted) {
			hv_stats_count(ctx, read_sysreg(cntpct_el0) - t0);
			counted = true;
		}
		hv_enter_guest(ctx);
		/*
		 * The guest hypervisor's FP/SIMD and SVE traps for L2
		 * (cfg.cptr_clear) trap EL2 too: with E2H=1, CPTR_EL2.FPEN/ZEN
		 * = 0b00 "causes execution at EL2, EL1 and EL0 to be trapped"
		 * (Arm ARM D24.2 CPTR_EL2). The library moves ZCR_EL1 and
		 * friends on this exit: open them again first.
		 */
		if (cfg.cptr_clear) {
			hv_set_cptr(cpu, HV_CPTR_GUEST | cfg.cptr);
			isb();
		} else {
			/*
			 * vel2's lazy SVE trap (cfg.cptr_lazy) stays on
			 * through the fast exits, which never touch SVE or
			 * ZCR_* (vel2_fast_exit refuses them); the C path
			 * may (relocation, l2_switch), so it opens first.
			 */
			fast_exits(cpu);
			if (cfg.cptr_lazy) {
				hv_set_cptr(cpu, HV_CPTR_GUEST | cfg.cptr);
				isb();
			}
		}
		t0 = read_sysreg(cntpct_el0);
		counted = false;

		switch (hv_handle_exit(&cpu->vcpu, ctx)) {
		case HV_RESUME:
			continue;
		case HV_STOP_OK:
			hv_host_regime(cpu);
			hv_stats_count(ctx, read_sysreg(cntpct_el0) - t0);
			hv_stats_print();
			hv_poweroff(0);
		case HV_STOP_ERR:
			hv_host_regime(cpu);
			hv_stats_count(ctx, read_sysreg(cntpct_el0) - t0);
			hv_stats_print();
			hv_poweroff(1);
		}
	}
}
