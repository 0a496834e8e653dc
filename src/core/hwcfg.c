// SPDX-License-Identifier: MIT
/*
 * Physical trap configuration per vCPU mode. See include/vel2/hwcfg.h.
 */
#include <vel2/accessors.h>
#include <vel2/features.h>
#include <vel2/hwcfg.h>
#include <vel2/trap.h>

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
 *   NV1  VBAR_EL1, ELR_EL1, SPSR_EL1, SCXTNUM_EL1, TFSR_EL1 (HCR_EL2.NV1,
 *        with NV=1; their "Accessing" pseudocode). It also
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
	/*
	 * HCR_EL2.ATA (FEAT_MTE2; Arm ARM D24.2 HCR_EL2, and
	 * AArch64.AllocationTagAccessIsEnabled): 0 disables allocation tag
	 * access, and with it every tag check, at EL1 and at EL0 outside
	 * {E2H,TGE} = {1,1}, and traps GCR/RGSR/TFSR/TFSRE0 from there. It
	 * never restricts EL2, whose tag access only SCTLR_EL2.ATA/ATA0
	 * govern, and those the physical SCTLR_EL1 holds in hyp context
	 * (format.c keeps ATA, TCF, ITFSB, TCSO; E2H=1: identity). So 1.
	 */
	if (vel2_has_feat(vcpu, VEL2_FEAT_MTE2))
		*hcr |= VEL2_HCR_ATA;
	/* AT S1E0* and S1E1* at vEL2 translate its guest's EL1&0 regime
	 * unless {E2H,TGE} = {1,1} (then EL2&0, which the physical EL1&0
	 * regime holds): HCR_EL2.AT traps them to the library's walker
	 * (src/mmu/at.c), the hardware would walk vEL2's own tables.
	 * Likewise its TLBI VMALLE1, VAE1, ASIDE1, ... (IS/OS, range, nXS):
	 * at EL2 they act on the EL1&0 regime of VTTBR_EL2's VMID (Arm ARM
	 * D8.16, "The scope of TLB maintenance instructions"), L2's, which
	 * the hardware caches under a shadow VMID; run at physical EL1 they
	 * would hit vel2's VMID. HCR_EL2.TTLB (every EL1 TLBI, D24.2) traps
	 * them for the host to replay on the shadow (docs/nested-mmu.md). */
	if (!vel2_vcpu_e2h(vcpu) || !(vel2_vcpu_hcr(vcpu) & VEL2_HCR_TGE))
		*hcr |= VEL2_HCR_AT | VEL2_HCR_TTLB;
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
	 * HCR_EL2.ATA for L2 is exactly the guest hypervisor's: 1 lets L2
	 * use tags and its MTE registers (live, sysregs.def), 0 disables its
	 * tag checks and traps those registers, and route.c forwards the
	 * exits to vEL2. RES0 without FEAT_MTE2 (a trapped write drops it,
	 * feat_res0.c, but an NV2 store to the VNCR page keeps it).
	 */
	if (vel2_has_feat(vcpu, VEL2_FEAT_MTE2))
		*hcr |= vel2_vcpu_hcr(vcpu) & VEL2_HCR_ATA;
	/*
	 * HCR_EL2.RW (Arm ARM D24.2): the guest hypervisor's RW = 0 makes
	 * its EL1 and EL0 AArch32 where the CPU has AArch32 EL1
	 * (vel2_el1_aarch32; RAO/WI otherwise), and eret.c then enters L2
	 * in an AArch32 EL1 mode: the hardware runs it with the physical RW
	 * = 0, which also makes it take L2's own exceptions to AArch32 EL1.
	 * Hyp context always runs AArch64 EL1 (the host's RW = 1).
	 */
	if (vel2_el1_aarch32(vcpu))
		*hcr &= ~VEL2_HCR_RW;
	/*
	 * The guest hypervisor's FP/SIMD and SVE traps for L2 (Arm ARM D24.2
	 * CPTR_EL2). With E2H=1 its FPEN/ZEN have the physical register's
	 * layout and meaning (L2 runs with TGE=0 in both): copied. With E2H=0,
	 * TFP/TZ = 1 trap EL1 and EL0: FPEN/ZEN = 0b00. The physical value
	 * starts from the host's 0b11 (no trap), so only clearing is needed.
	 * TTA/TAM/TCPAC: l2_cptr_traps().
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
	if (vel2_has_feat(vcpu, VEL2_FEAT_ECV))
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
 * The guest hypervisor's debug, PMU, trace and activity monitor traps for
 * its guest (L2): its MDCR_EL2 and CPTR_EL2.TTA/TAM/TCPAC become the
 * physical ones while L2 runs, so L2's accesses trap (EC 0x18) and its
 * debug exceptions are taken to EL2 (MDCR_EL2.TDE) exactly as the guest
 * hypervisor asked; route.c forwards them to vEL2 with the hardware's
 * syndrome (dispatch.c for the debug exceptions). Only fields whose
 * feature the guest's ID registers offer are taken (Arm ARM D24.2
 * MDCR_EL2: the others are RES0 for it).
 *
 * vel2 itself wants no debug or PMU trap: the guest hypervisor at vEL2
 * (physical EL1) uses the PMU and the debug registers directly. Being EL2
 * it must see every event counter, so the physical HPMN is N there
 * (PMCR_EL0.N read at EL1 returns MDCR_EL2.HPMN; Arm ARM D24.2 PMCR_EL0.N).
 * For L2 the physical HPMN is the guest hypervisor's, so L2 reads its HPMN
 * as PMCR_EL0.N and cannot reach the counters above it, as on hardware.
 * An HPMN above N, or 0 without FEAT_HPMN0, is CONSTRAINED UNPREDICTABLE
 * (MDCR_EL2.HPMN): vel2 uses N.
 *
 * Not modelled: the guest hypervisor's controls of counting at its own EL2
 * (HPMD, HCCD, PMEVTYPER<n>_EL0.NSH) while it runs at vEL2, where the
 * hardware counts it as EL1.
 */
static u64 l2_mdcr(const struct vel2_vcpu *vcpu)
{
	u64 g = vel2_stored(&vcpu->regs, MDCR_EL2);
	u64 n = vcpu->pmcr_n, hpmn = VEL2_FIELD_GET(VEL2_MDCR_HPMN, g);
	u64 keep = VEL2_MDCR_TDE | VEL2_MDCR_TDA | VEL2_MDCR_TDOSA |
		   VEL2_MDCR_TDRA;

	if (vel2_is_hyp_ctxt(vcpu))
		return n;
	if (!vel2_has_feat(vcpu, VEL2_FEAT_PMUV3))
		return n | (g & keep);
	keep |= VEL2_MDCR_TPMCR | VEL2_MDCR_TPM | VEL2_MDCR_HPME;
	if (vel2_has_feat(vcpu, VEL2_FEAT_PMUV3P1))
		keep |= VEL2_MDCR_HPMD;
	if (vel2_has_feat(vcpu, VEL2_FEAT_PMUV3P5))
		keep |= VEL2_MDCR_HCCD | VEL2_MDCR_HLP;
	if (vel2_has_feat(vcpu, VEL2_FEAT_SPE))
		keep |= VEL2_MDCR_TPMS | VEL2_MDCR_E2PB;
	if (vel2_has_feat(vcpu, VEL2_FEAT_TRF))
		keep |= VEL2_MDCR_TTRF;
	if (vel2_has_feat(vcpu, VEL2_FEAT_TRBE))
		keep |= VEL2_MDCR_E2TB;
	if (vel2_has_feat(vcpu, VEL2_FEAT_FGT))
		keep |= VEL2_MDCR_TDCC;
	if (hpmn > n || (!hpmn && !vel2_has_feat(vcpu, VEL2_FEAT_HPMN0)))
		hpmn = n;
	return (g & keep) | hpmn;
}

/*
 * CPTR_EL2.TTA, TAM and TCPAC of the guest hypervisor for L2 (Arm ARM
 * D24.2 CPTR_EL2): trace system registers (EC 0x18), activity monitor
 * registers (FEAT_AMU) and CPACR_EL1 from EL1. TAM[30] and TCPAC[31] sit
 * at the same place in both layouts, TTA at [20] with E2H=0 and at [28]
 * (the CPACR_EL1 layout) with E2H=1. Returned in the physical register's
 * E2H=1 layout, to be ORed into it; TAM only where the guest sees
 * FEAT_AMU (RES0 otherwise).
 */
static u64 l2_cptr_traps(struct vel2_vcpu *vcpu)
{
	u64 g = 0, r;

	if (vel2_is_hyp_ctxt(vcpu))
		return 0;
	vel2_read_sysreg(vcpu, VEL2_SYSREG_CPTR_EL2, &g);
	r = g & VEL2_CPTR_TCPAC;
	if (vel2_has_feat(vcpu, VEL2_FEAT_AMU))
		r |= g & VEL2_CPTR_TAM;
	if (g & (vel2_vcpu_e2h(vcpu) ? VEL2_CPACR_TTA : VEL2_CPTR_NVHE_TTA))
		r |= VEL2_CPACR_TTA;
	return r;
}

/*
 * The registers vel2_hwcfg() reads at vEL2 (hyp context) that have a VNCR
 * page slot, so that a guest under NV2 stores them without an exit:
 * HCR_EL2 (placement, E2H/TGE for HCR_EL2.AT), CNTVOFF_EL2 (cfg->cntvoff
 * with E2H=0) and MDSCR_EL1 (cfg->mdscr, the CPU's copy: vel2_debug_config);
 * and its ICH_HCR/VMCR/LRn_EL2, whose stores count only where they move
 * cfg->maint (maint_unchanged). tests/unit/test_fast_exit.c stores into
 * every other slot and checks that vel2_hwcfg()'s result does not move.
 */
static void page_inputs(const struct vel2_vcpu *vcpu, u64 v[3])
{
	v[0] = vel2_stored(&vcpu->regs, HCR_EL2);
	v[1] = vel2_stored(&vcpu->regs, CNTVOFF_EL2);
	/* The CPU's MDSCR_EL1 under NV2 (cfg->mdscr, which the host writes
	 * before each entry: hwcfg_debug.c, vel2_debug_config). */
	v[2] = vel2_stored(&vcpu->regs, MDSCR_EL1);
}

/*
 * cfg->maint at vEL2 as vel2_hwcfg() would give it now. Under plain NV
 * the guest hypervisor's ICH_* writes at vEL2 trap (HCR_EL2.NV: every EL2
 * register access), so the level only moves in an exit the host hands to
 * vel2_hwcfg() anyway; under NV2 they are page stores.
 */
static bool maint_unchanged(const struct vel2_vcpu *vcpu)
{
	return !vel2_place_is_nv2(vcpu->placement) ||
	       vel2_gic_maint_level(vcpu) == vcpu->hwcfg_maint;
}

bool vel2_hwcfg_inputs_unchanged(const struct vel2_vcpu *vcpu)
{
	u64 v[3];

	page_inputs(vcpu, v);
	return v[0] == vcpu->hwcfg_seen[0] && v[1] == vcpu->hwcfg_seen[1] &&
	       v[2] == vcpu->hwcfg_seen[2] && maint_unchanged(vcpu);
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
	page_inputs(vcpu, vcpu->hwcfg_seen);
	/* HCR_EL2.VM[0] enables stage 2; DC[12] implies it (Arm ARM HCR_EL2).
	 */
	cfg->cntvoff = vel2_is_hyp_ctxt(vcpu) && vel2_vcpu_e2h(vcpu) ?
			       0 :
			       vel2_stored(&vcpu->regs, CNTVOFF_EL2);
	cfg->shadow_s2 = !vel2_is_hyp_ctxt(vcpu) &&
			 (vel2_vcpu_hcr(vcpu) & (VEL2_HCR_VM | VEL2_HCR_DC));
	/*
	 * On the shadow, the hardware translates L2 as the guest hypervisor's
	 * stage 2 would (docs/nested-mmu.md): its HCR_EL2.PTW (a stage 1
	 * walk into stage 2 Device memory takes a stage 2 Permission fault)
	 * and FWB (stage 2 attributes override stage 1's, D8.6.6) are the
	 * physical ones, and the shadow's descriptors are in the encoding FWB
	 * selects (src/mmu/shadow.c). vel2's own stage 2 never runs with them.
	 */
	if (cfg->shadow_s2)
		hcr |= vel2_vcpu_hcr(vcpu) & (VEL2_HCR_PTW | VEL2_HCR_FWB);
	l2_controls(vcpu, cfg);
	cfg->mdcr = l2_mdcr(vcpu);
	cptr |= l2_cptr_traps(vcpu);
	vel2_debug_config(vcpu, cfg);
	cfg->cnthctl = timer_controls(vcpu);
	cfg->maint = !cfg->l2 && vel2_gic_maint_level(vcpu);
	vcpu->hwcfg_maint = cfg->maint;
	cfg->hcr = hcr;
	cfg->cptr = cptr;
	cfg->cptr_clear = cptr_clear;
	/* vel2's lazy SVE trap, in every mode (src/trap/sve_lazy.c). */
	cfg->cptr_lazy = vcpu->sve_open ? 0 : VEL2_CPTR_ZEN;
	cfg->vncr = (hcr & VEL2_HCR_NV2) ? vcpu->nv2_vncr : 0;
}

u64 vel2_hwcfg_host_hcr(u64 host_hcr, u64 guest_hcr)
{
	return (host_hcr & ~VEL2_HCR_HOST_KEEP) | VEL2_HCR_E2H | VEL2_HCR_TGE |
	       (guest_hcr & VEL2_HCR_HOST_KEEP);
}
