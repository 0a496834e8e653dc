// SPDX-License-Identifier: MIT
/*
 * Physical trap configuration per vCPU mode. See include/vel2/hwcfg.h.
 */
#include <vel2/accessors.h>
#include <vel2/features.h>
#include <vel2/hwcfg.h>

#include "placement.h"

/*
 * Guest hypervisor in hyp context (vEL2, or vEL0 under virtual E2H+TGE),
 * running at physical EL1/EL0 with HCR_EL2.NV=1: every EL2 register access,
 * *_EL12 or *_EL02 access, ERET and SP_EL1 access traps (Arm ARM D24.2,
 * HCR_EL2.NV).
 *
 * VHE guest hypervisor (virtual E2H=1): its EL1-encoded accesses mean EL2
 * registers, and those are what the physical EL1 registers hold
 * (MAP_HYP/MAP_VHE). One exception: CPACR_EL1 means CPTR_EL2, whose
 * TCPAC/TAM have no place in CPACR_EL1, so CPACR_EL1 traps
 * (CPTR_EL2.TCPAC) in both hyp contexts and CPTR_EL2 stays exact.
 *
 * nVHE guest hypervisor (virtual E2H=0): its EL1-encoded accesses mean its
 * guest's EL1 registers, which are stored while the physical ones hold its
 * EL2 state. So they must trap:
 *   NV1  VBAR_EL1, ELR_EL1, SPSR_EL1 (HCR_EL2.NV1, with NV=1). It also
 *        makes EL1&0 stage 1 use the EL2-style descriptors an nVHE
 *        hypervisor's page tables have, and the hardware then reports
 *        SPSR_EL1.M[3:2] as EL1 for exceptions taken at vEL2 (no NV2).
 *   TVM/TRVM  writes/reads of SCTLR, TTBR0/1, TCR, ESR, FAR, AFSR0/1,
 *        MAIR, AMAIR, CONTEXTIDR_EL1.
 *   CPTR_EL2.TCPAC  CPACR_EL1, which holds the translated CPTR_EL2
 *        (set for both hyp contexts, see above).
 *   TACR is not needed: ACTLR_EL1 is one register for every EL.
 *
 * VHE guest hypervisor at vEL2 with NV2 enabled by the host
 * (vel2_vcpu_enable_nv2, accessors column HYP_VHE_NV2): NV2 on top, with
 * NV1=0 and VNCR_EL2 at the vCPU's VNCR page. The hardware then turns the
 * accesses whose "Accessing" pseudocode has HCR_EL2.<NV2,NV> == '11' or
 * <NV2,NV1,NV> == '101' into NVMem[offset] loads and stores (TPIDR_EL2,
 * HCR_EL2, VTTBR_EL2, *_EL12, *_EL02, ACTLR_EL1, MDSCR_EL1, SP_EL1, ...),
 * redirects ELR/SPSR/ESR/FAR_EL2 to the EL1 registers that hold them in
 * HYP_VHE anyway, and still traps the EL2 registers without an offset
 * (SCTLR_EL2, VBAR_EL2, TCR_EL2, CNTHCTL_EL2, MDCR_EL2, ...), ERET and
 * CPACR_EL1 (CPTR_EL2.TCPAC: CPACR_EL1's redirect needs NV1=1). With
 * NV1=0 an exception taken at vEL2 reports EL2 in SPSR_EL1.M
 * (hw_spsr_reports_el1 is only for {NV,NV1,NV2} = {1,1,0}).
 *
 * nVHE guest hypervisor at vEL2 with NV2 (column HYP_NVHE_NV2):
 * {NV2,NV1,NV} = {1,1,1}. Besides the '11' accesses above, every EL0/EL1
 * encoding with a VNCR offset ('111': SCTLR, CPACR, TTBR0/1, TCR, ESR,
 * FAR, AFSR0/1, MAIR, AMAIR, CONTEXTIDR, VBAR, ELR, SPSR_EL1, the EL0
 * timers, ...) becomes NVMem[offset], the guest's EL1 register's slot.
 * But each of those pseudocodes tests the traps first: HCR_EL2.TRVM/TVM
 * (SCTLR_EL1 ... CONTEXTIDR_EL1) and CPTR_EL2.TCPAC (CPACR_EL1) take
 * priority over the NVMem access, so they are left clear here: no exit
 * for what the page serves. NV1's own traps (VBAR/ELR/SPSR_EL1) apply
 * only with NV2=0. _EL12/_EL02 still trap ('101' needs NV1=0; UNDEFINED
 * for an E2H=0 hypervisor, which vel2 injects). With NV2=1 an exception
 * taken at vEL2 reports EL2 in SPSR_EL1.M[3:2] (Arm ARM, "SPSR_EL1" and
 * AArch64.TakeException: EL2 is reported when NV=1 and NV1=0 or NV2=1),
 * so hw_spsr_reports_el1 is off.
 */
static void hyp_config(const struct vel2_vcpu *vcpu, u64 *hcr, u64 *cptr)
{
	unsigned int place = vel2_placement_live(vcpu);

	*hcr |= VEL2_HCR_NV | VEL2_HCR_PAUTH;
	/* AT S1E0* and S1E1* at vEL2 translate its guest's EL1&0 regime
	 * unless {E2H,TGE} = {1,1} (then EL2&0, which the physical EL1&0
	 * regime holds): HCR_EL2.AT traps them to the library's walker
	 * (src/mmu/at.c), the hardware would walk vEL2's own tables. */
	if (!vel2_vcpu_e2h(vcpu) || !(vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE))
		*hcr |= VEL2_HCR_AT;
	if (place == VEL2_PLACE_HYP_NVHE_NV2) {
		*hcr |= VEL2_HCR_NV1 | VEL2_HCR_NV2;
		return;
	}
	*cptr |= VEL2_CPTR_TCPAC;
	if (place == VEL2_PLACE_HYP_NVHE)
		*hcr |= VEL2_HCR_NV1 | VEL2_HCR_TVM | VEL2_HCR_TRVM;
	else if (place == VEL2_PLACE_HYP_VHE_NV2)
		*hcr |= VEL2_HCR_NV2; /* the placement's own decision */
}

/*
 * The guest hypervisor's guest (L2) at vEL1/vEL0: a plain EL1 guest, with
 * the guest hypervisor's own trap requests added so the hardware stops on
 * everything that must be forwarded to vEL2. HVC and SMC always trap to the
 * host (HVC unconditionally from EL1, SMC by the host's TSC) and routing
 * decides. The guest hypervisor's own NV bits would ask for recursive
 * nesting, which vel2 does not offer (ID_AA64MMFR2_EL1.NV reads 0 to L2).
 *
 * HCR_EL2.API/APK (Arm ARM D24.2 HCR_EL2: 0 traps the PAC instructions,
 * EC 0x09, and the key registers, EC 0x18, from EL1/EL0) are exactly the
 * guest hypervisor's: with 0 it keeps its keys from L2 and switches them
 * on the trap, so L2 must trap; with 1 L2 uses the keys directly. In hyp
 * context both are 1 (vEL2 is EL2, which these bits never trap). The host
 * bits never decide them.
 */
static void guest_config(struct vel2_vcpu *vcpu, u64 *hcr, u64 *cptr_clear)
{
	u64 cptr = 0, fpen, zen;

	*hcr |= vel2_vcpu_hcr(vcpu) & (VEL2_HCR_GUEST_TRAPS | VEL2_HCR_PAUTH);
	/*
	 * The guest hypervisor's FP/SIMD and SVE traps for L2 (Arm ARM D24.2
	 * CPTR_EL2). With E2H=1 its FPEN/ZEN have the physical register's
	 * layout and meaning (L2 runs with TGE=0 in both): copied. With E2H=0,
	 * TFP/TZ = 1 trap EL1 and EL0: FPEN/ZEN = 0b00. The physical value
	 * starts from the host's 0b11 (no trap), so only clearing is needed.
	 * TTA/TAM/TCPAC are not applied (docs/nested-gic.md).
	 */
	vel2_read_sysreg(vcpu, VEL2_SYSREG_CPTR_EL2, &cptr);
	if (vel2_vcpu_e2h(vcpu)) {
		fpen = cptr & VEL2_CPTR_FPEN;
		zen = cptr & VEL2_CPTR_ZEN;
	} else {
		fpen = cptr & VEL2_CPTR_NVHE_TFP ? 0 : VEL2_CPTR_FPEN;
		zen = cptr & VEL2_CPTR_NVHE_TZ ? 0 : VEL2_CPTR_ZEN;
	}
	*cptr_clear = (VEL2_CPTR_FPEN & ~fpen) | (VEL2_CPTR_ZEN & ~zen);
}

/* ---- timers ------------------------------------------------------------ */

/*
 * The physical CNTHCTL_EL2 (the host runs with E2H=1: its layout) for the
 * vCPU's mode (docs/nested-gic.md, "Timers"). The guest hypervisor's EL2
 * timers are the physical EL2 timers (sysregs.def, loc EL2) and its EL1
 * timers the physical EL1 timers, so no timer is moved or offset; what
 * must trap is whatever encoding would reach the wrong one:
 *
 * - Hyp context, virtual E2H=1: its CNTP_* and CNTV_* (EL0/EL1 encodings)
 *   mean CNTHP_* and CNTHV_* (E2H redirection), but at physical EL1/EL0
 *   they reach the EL1 timers. EL1PCEN=0 traps the EL1 physical timer,
 *   FEAT_ECV's EL1TVT=1 the EL1 virtual timer (Arm ARM D24.2 CNTHCTL_EL2;
 *   both apply to EL1 and to EL0 with TGE=0, which vEL0 physically has);
 *   sysreg_trap.c redirects them to the EL2 timers. Its EL1 timers keep
 *   running in the physical EL1 timers (relocate.c vel2_timer_mirror_el1);
 *   under NV2 EL1NVPCT/EL1NVVCT trap their *_EL02 accesses, which would
 *   be VNCR page stores, so that vel2 mirrors them. The counters need no
 *   trap: CNTPCT has no offset, and CNTVCT has offset 0 there, which is the
 *   physical CNTVOFF_EL2 of this mode (cfg->cntvoff).
 * - Hyp context, virtual E2H=0: EL0/EL1 encodings mean the EL1 timers,
 *   which the physical EL1 timers are: no trap, except under NV2 (NV1=1),
 *   where the EL0 timer encodings would be NVMem accesses to the VNCR
 *   page ('111') and its MSR CNTVOFF_EL2 a store there that reaches the
 *   physical CNTVOFF_EL2 only at its next entry. The CNTHCTL_EL2 traps
 *   come first in those registers' pseudocode: EL1PCEN=0 and EL1TVT=1
 *   keep the EL0 timers on the hardware (access_table.c), EL1TVCT=1 traps
 *   its virtual counter reads, which sysreg_trap.c answers with the
 *   page's offset.
 * - Its guest (L2): exactly the guest hypervisor's own controls for it,
 *   EL1PCTEN/EL1PCEN (bits [1:0] with E2H=0, [11:10] with E2H=1) and,
 *   where it sees FEAT_ECV, EL1TVT/EL1TVCT; route.c forwards the EC 0x18
 *   exits they cause to vEL2. EL1NVPCT/EL1NVVCT act only with
 *   HCR_EL2.NV=1, which L2 never has; ECV[12] needs FEAT_ECV_POFF, hidden.
 *
 * EL1TVT/EL1TVCT need FEAT_ECV in the CPU (QEMU's max CPU has it); on a
 * CPU without it the bits are RES0 and those accesses reach the EL1
 * virtual timer and counter (docs/design.md, "Known limits").
 */
static u64 timer_controls(struct vel2_vcpu *vcpu)
{
	const u64 pcten = VEL2_CNTHCTL_E2H_EL1PCTEN,
		  pcen = VEL2_CNTHCTL_E2H_EL1PCEN;
	u64 g, v = 0;

	if (vel2_is_hyp_ctxt(vcpu)) {
		if (vel2_vcpu_e2h(vcpu))
			return pcten | VEL2_CNTHCTL_EL1TVT |
			       (vcpu->nv2_vncr && vel2_vcpu_el(vcpu) == 2 ?
					VEL2_CNTHCTL_EL1NVPCT |
						VEL2_CNTHCTL_EL1NVVCT :
					0);
		if (vcpu->nv2_vncr)
			return pcten | VEL2_CNTHCTL_EL1TVT |
			       VEL2_CNTHCTL_EL1TVCT;
		return pcten | pcen;
	}
	g = vel2_stored(&vcpu->regs, CNTHCTL_EL2);
	if (vel2_vcpu_e2h(vcpu))
		v = g & (pcten | pcen);
	else
		v = (g & VEL2_CNTHCTL_NVHE_EL1PCTEN ? pcten : 0) |
		    (g & VEL2_CNTHCTL_NVHE_EL1PCEN ? pcen : 0);
	if (vel2_has_feat(vcpu, FEAT_ECV))
		v |= g & (VEL2_CNTHCTL_EL1TVT | VEL2_CNTHCTL_EL1TVCT);
	return v;
}

/* ---- end of timers ------------------------------------------------------ */

/*
 * The guest hypervisor's EL2 controls that act only on its guest (L2):
 * loaded while L2 runs, vel2's own values in hyp context (hwcfg.h). Read
 * from the stored copies (under NV2 the VNCR page, where the guest writes
 * them without a trap); ZCR_EL2 through the accessors, since a VHE guest
 * hypervisor's lives in ZCR_EL1 while it runs.
 */
static void l2_controls(struct vel2_vcpu *vcpu, struct vel2_hwcfg *cfg)
{
	u64 zcr = 0;

	cfg->l2 = !vel2_is_hyp_ctxt(vcpu);
	if (!cfg->l2) {
		cfg->vpidr = vel2_stored(&vcpu->regs, MIDR_EL1);
		cfg->vmpidr = vel2_stored(&vcpu->regs, MPIDR_EL1);
		cfg->hstr = 0;
		for (unsigned int i = 0; i < 5; i++)
			cfg->fgt[i] = 0;
		cfg->zcr_len = 0xf;
		return;
	}
	cfg->vpidr = vel2_stored(&vcpu->regs, VPIDR_EL2);
	cfg->vmpidr = vel2_stored(&vcpu->regs, VMPIDR_EL2);
	cfg->hstr = vel2_stored(&vcpu->regs, HSTR_EL2);
	cfg->fgt[0] = vel2_stored(&vcpu->regs, HFGRTR_EL2);
	cfg->fgt[1] = vel2_stored(&vcpu->regs, HFGWTR_EL2);
	cfg->fgt[2] = vel2_stored(&vcpu->regs, HFGITR_EL2);
	cfg->fgt[3] = vel2_stored(&vcpu->regs, HDFGRTR_EL2);
	cfg->fgt[4] = vel2_stored(&vcpu->regs, HDFGWTR_EL2);
	vel2_read_sysreg(vcpu, VEL2_SYSREG_ZCR_EL2, &zcr);
	cfg->zcr_len = zcr & 0xf;
}

/*
 * ID group 3 (HCR_EL2.TID3) traps in every mode: the guest hypervisor and
 * its guest must read vel2's view of the CPU (vel2_id_sanitise), not the
 * hardware's, which advertises features vel2 does not virtualize (FEAT_NV
 * for recursive nesting, SME with SMCR_EL2 and friends). Reading an ID
 * register is rare (boot, CPU feature probing), so the trap costs little.
 * While L2 runs, a TID3 exit the guest hypervisor did not ask for is
 * answered by vel2 from the same view (src/trap/route.c decides).
 */
void vel2_hwcfg(struct vel2_vcpu *vcpu, u64 host_hcr, struct vel2_hwcfg *cfg)
{
	u64 hcr = (host_hcr & ~(VEL2_HCR_NV | VEL2_HCR_NV1 | VEL2_HCR_NV2 |
				VEL2_HCR_TGE | VEL2_HCR_PAUTH)) |
		  VEL2_HCR_TID3;
	u64 cptr = 0, cptr_clear = 0;

	if (vel2_is_hyp_ctxt(vcpu))
		hyp_config(vcpu, &hcr, &cptr);
	else
		guest_config(vcpu, &hcr, &cptr_clear);

	cfg->unsupported = NULL;
	/* HCR_EL2.VM[0] enables stage 2; DC[12] implies it (Arm ARM HCR_EL2).
	 */
	cfg->cntvoff = vel2_is_hyp_ctxt(vcpu) && vel2_vcpu_e2h(vcpu) ?
			       0 :
			       vel2_stored(&vcpu->regs, CNTVOFF_EL2);
	cfg->shadow_s2 = !vel2_is_hyp_ctxt(vcpu) &&
			 (vel2_vcpu_hcr(vcpu) & (VEL2_HCR_VM | VEL2_HCR_DC));
	l2_controls(vcpu, cfg);
	cfg->cnthctl = timer_controls(vcpu);
	cfg->hcr = hcr;
	cfg->cptr = cptr;
	cfg->cptr_clear = cptr_clear;
	cfg->vncr = (hcr & VEL2_HCR_NV2) ? vcpu->nv2_vncr : 0;
	/* Through the setter: a loaded SPSR_EL1 must be re-encoded. */
	vel2_vcpu_set_hw_spsr_reports_el1(vcpu, (hcr & VEL2_HCR_NV1) &&
							!(hcr & VEL2_HCR_NV2));
}

u64 vel2_hwcfg_host_hcr(u64 host_hcr, u64 guest_hcr)
{
	return (host_hcr & ~VEL2_HCR_HOST_KEEP) | VEL2_HCR_E2H | VEL2_HCR_TGE |
	       (guest_hcr & VEL2_HCR_HOST_KEEP);
}
