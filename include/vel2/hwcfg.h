/* SPDX-License-Identifier: MIT */
/*
 * The physical trap configuration that runs a vCPU in its current mode.
 *
 * Where the accessors keep each register (docs/design.md) only holds if the
 * hardware traps every guest access that would otherwise reach a physical
 * register holding something else. This is the one place that decides the
 * physical HCR_EL2 and CPTR_EL2 for that, so placement and trapping cannot
 * drift apart.
 */
#ifndef VEL2_HWCFG_H
#define VEL2_HWCFG_H

#include <vel2/vcpu.h>

/*
 * The guest hypervisor's own trap controls for its guest: while that guest
 * (L2) runs, the hardware must trap what the guest hypervisor asked to see,
 * so the exit can be forwarded to vEL2. Virtual-interrupt and routing bits
 * (VI/VF/VSE, IMO/FMO/AMO) pass through too: they are how the guest
 * hypervisor injects interrupts into L2 and takes physical ones itself.
 */
#define VEL2_HCR_GUEST_TRAPS                                                  \
	(VEL2_HCR_TWI | VEL2_HCR_TWE | VEL2_HCR_TID0 | VEL2_HCR_TID1 |        \
	 VEL2_HCR_TID2 | VEL2_HCR_TID3 | VEL2_HCR_TSC | VEL2_HCR_TIDCP |      \
	 VEL2_HCR_TACR | VEL2_HCR_TSW | VEL2_HCR_TPC | VEL2_HCR_TPU |         \
	 VEL2_HCR_TTLB | VEL2_HCR_TVM | VEL2_HCR_TDZ | VEL2_HCR_TRVM |        \
	 VEL2_HCR_TLOR | VEL2_HCR_TERR | VEL2_HCR_TEA | VEL2_HCR_TID4 |       \
	 VEL2_HCR_TICAB | VEL2_HCR_TOCU | VEL2_HCR_TTLBIS | VEL2_HCR_TTLBOS | \
	 VEL2_HCR_TID5 | VEL2_HCR_FMO | VEL2_HCR_IMO | VEL2_HCR_AMO |         \
	 VEL2_HCR_VF | VEL2_HCR_VI | VEL2_HCR_VSE | VEL2_HCR_FB |             \
	 VEL2_HCR_BSU)

/* Pointer authentication traps: follow the guest hypervisor's for L2. */
#define VEL2_HCR_PAUTH (VEL2_HCR_API | VEL2_HCR_APK)

struct vel2_hwcfg {
	u64 hcr; /* physical HCR_EL2 */
	u64 cptr; /* bits to OR into the host's physical CPTR_EL2 */
	/*
	 * Bits to clear from the host's physical CPTR_EL2 (FPEN/ZEN): the
	 * guest hypervisor's FP/SIMD and SVE traps for its guest (L2), e.g.
	 * KVM's lazy FP switch. The exits (EC 0x07, 0x19) go to vEL2.
	 */
	u64 cptr_clear;
	/*
	 * Bits to clear as well while the guest's "SVE open" flag is clear
	 * (vcpu->sve_open, src/trap/sve_lazy.c): CPTR_EL2.ZEN, vel2's own
	 * lazy SVE trap. Its exits (EC 0x19) are vel2's unless cptr_clear's
	 * ZEN (the guest hypervisor's) traps them too. The host must open
	 * ZEN again before touching ZCR_EL1/ZCR_EL2 itself.
	 */
	u64 cptr_lazy;
	/*
	 * With HCR_EL2.NV2 in hcr: the physical VNCR_EL2 the host must
	 * program before entry (vcpu->nv2_vncr, the VNCR page). 0 otherwise:
	 * the physical VNCR_EL2 is then unused and may hold anything.
	 */
	u64 vncr;
	/*
	 * The guest hypervisor's guest (L2) runs under the guest
	 * hypervisor's own stage 2 (virtual HCR_EL2.VM or DC): the host must
	 * run it on a shadow stage 2 (include/vel2/shadow.h), never on its
	 * own stage 2 alone, which would ignore the guest hypervisor's
	 * translation and isolation.
	 */
	bool shadow_s2;
	/*
	 * The physical CNTVOFF_EL2 for this mode: the guest hypervisor's
	 * CNTVOFF_EL2 for its guest (vEL1/vEL0) and for itself at vEL2 with
	 * E2H=0; 0 in its EL2&0 regime (E2H=1 at vEL2, and vEL0 with
	 * {E2H,TGE} = {1,1}), where the Arm ARM treats the offset as 0
	 * (D12 "The virtual counter": CNTVCT_EL0 = CNTPCT_EL0 -
	 * CNTVOFF_EL2, except in the EL2&0 regime).
	 */
	u64 cntvoff;
	/*
	 * The guest hypervisor's guest (L2) runs (not hyp context): the
	 * guest hypervisor's EL2 controls that act on L2 must be in the
	 * hardware while it does (docs/nested-gic.md), the host switches them
	 * when this changes:
	 *   - its GICv3 virtual CPU interface (ICH_HCR/VMCR/LRn/AP0Rn/AP1Rn,
	 *     stored in the vCPU or its VNCR page) is loaded into the real
	 *     ICH_* registers on entry and saved back before it runs at vEL2
	 *     again (the hardware changes LR state as L2 acks and EOIs);
	 *   - the values below.
	 * In hyp context vel2 owns them: its own (no trap) values.
	 */
	bool l2;
	/*
	 * The physical VPIDR_EL2/VMPIDR_EL2: what MIDR_EL1/MPIDR_EL1 read at
	 * EL1 (Arm ARM D24.2 MIDR_EL1, MPIDR_EL1: "reads VPIDR_EL2/VMPIDR_EL2"
	 * from EL1 when EL2 is enabled). L2: the guest hypervisor's; hyp
	 * context: the vCPU's MIDR_EL1/MPIDR_EL1, which EL2 reads natively.
	 */
	u64 vpidr, vmpidr;
	/*
	 * The physical MDCR_EL2: HPMN = vcpu->pmcr_n and no trap in hyp
	 * context; for L2 the guest hypervisor's debug/PMU traps and HPMN
	 * (hwcfg.c l2_mdcr).
	 */
	u64 mdcr;
	/* The physical HSTR_EL2: the guest hypervisor's for L2, else 0. */
	u64 hstr;
	/*
	 * The physical fine-grained traps (FEAT_FGT: HFGRTR, HFGWTR, HFGITR,
	 * HDFGRTR, HDFGWTR_EL2, in that order): the guest hypervisor's for
	 * L2, so the hardware traps what it asked for (route.c forwards the
	 * exits); 0 (vel2 wants none) in hyp context.
	 */
	u64 fgt[5];
	/*
	 * ZCR_EL2.LEN [3:0] (FEAT_SVE): L2's vector length is limited by the
	 * guest hypervisor's ZCR_EL2 (Arm ARM D24.2 ZCR_EL2); in hyp context
	 * the guest hypervisor's own ZCR_EL2 lives in ZCR_EL1 and vel2 must
	 * not cap it: 0xf, the largest length.
	 */
	u64 zcr_len;
	/*
	 * The physical CNTHCTL_EL2 (E2H=1 layout) for this mode: which
	 * counter and timer accesses from EL1/EL0 trap (src/core/hwcfg.c,
	 * timer_controls; docs/nested-gic.md, "Timers").
	 */
	u64 cnthctl;
	/*
	 * In hyp context: the level of the maintenance interrupt the guest
	 * hypervisor's stored GICv3 virtual interface state asserts
	 * (vel2_gic_maint_level; IHI 0069 "Maintenance interrupts"), which
	 * the host makes the physical interface assert while it runs at
	 * vEL2 (hv/l2_switch.c). The stored state must be current: the host
	 * saves what L2 left in the hardware before calling vel2_hwcfg().
	 * false while L2 runs (its interface is loaded, the hardware
	 * computes the level itself).
	 */
	bool maint;
	/*
	 * Self-hosted debug at vEL2 (src/core/hwcfg_debug.c), for the host
	 * to write before entry: with mdscr_valid the CPU's MDSCR_EL1 must
	 * hold mdscr (else it holds the guest's own value already); bit n of
	 * dbg_write[kind] says DBGBCR<n>_EL1 (kind VEL2_HW_DBG_BCR) or
	 * DBGWCR<n>_EL1 (VEL2_HW_DBG_WCR) must be written with dbg[kind][n]
	 * (the EL-matching translation starts or ends: a change, asked
	 * once; the vCPU then assumes it done).
	 */
	bool mdscr_valid;
	u64 mdscr;
	u16 dbg_write[2];
	u64 dbg[2][16];
	/*
	 * NULL, or why this mode cannot be run correctly: the host must not
	 * enter the guest then, but stop with this message.
	 */
	const char *unsupported;
};

/*
 * A VHE guest hypervisor in hyp context: its stored EL1 timers into the
 * physical EL1 timers (CNTV_CVAL offset by its CNTVOFF_EL2, the physical
 * one being 0 there). Called by relocation and after each of its writes
 * to them or to CNTVOFF_EL2 (src/core/relocate.c).
 */
void vel2_timer_mirror_el1(struct vel2_vcpu *vcpu);

/*
 * Compute the physical trap configuration for the vCPU's current mode.
 * `host_hcr` holds what the host always wants (E2H, RW, VM for its own
 * stage 2, TSC for PSCI, ...). It writes no CPU register: the host
 * applies every result it gets before its next entry (how the hardware
 * reports SPSR_EL1.M at vEL2 under the result, vcpu->hw_spsr_reports_el1,
 * follows the placement: relocation sets it).
 */
void vel2_hwcfg(struct vel2_vcpu *vcpu, u64 host_hcr, struct vel2_hwcfg *cfg);

/*
 * True while the registers vel2_hwcfg() read for its last result that a
 * guest hypervisor can change without an exit (its VNCR page under NV2)
 * still hold what it read: with the vCPU still at vEL2 and no trapped
 * write since (vel2_fast_exit()), that result still holds.
 */
bool vel2_hwcfg_inputs_unchanged(const struct vel2_vcpu *vcpu);

/*
 * The HCR_EL2 bits the host keeps at the guest's values while it runs
 * itself at EL2 with E2H=1, TGE=1 (see vel2_hwcfg_host_hcr): EL1&0 stage 2
 * controls (VM, PTW, DC, DCT, FWB) and the NV controls (NV, NV1, NV2).
 * Changing any but NV2 changes how EL1&0 translates, and an implementation
 * may flush its TLBs on such a write (QEMU's TCG does, whole). ATA
 * (FEAT_MTE2) only enables tag access at EL1 and at EL0 outside
 * {E2H,TGE} = {1,1}: kept so that an exit costs no HCR_EL2 write for it.
 */
#define VEL2_HCR_HOST_KEEP                                          \
	(VEL2_HCR_VM | VEL2_HCR_PTW | VEL2_HCR_DC | VEL2_HCR_DCT |  \
	 VEL2_HCR_FWB | VEL2_HCR_NV | VEL2_HCR_NV1 | VEL2_HCR_NV2 | \
	 VEL2_HCR_ATA)

/*
 * The physical HCR_EL2 for the host itself at EL2 (E2H=1 and TGE=1 with
 * `host_hcr`'s other bits), given `guest_hcr`, the cfg.hcr the guest last
 * ran with: VEL2_HCR_HOST_KEEP taken from the guest, so that switching
 * between the two changes no bit that could flush a TLB. Each kept bit is
 * inert at EL2 in that regime (Arm ARM D24.2, HCR_EL2): VM, PTW, DC, DCT
 * and FWB act on the EL1&0 regime's stage 2, and EL2 with E2H=1 (and EL0
 * with TGE=1 as well) translates in the EL2&0 regime, which has none; NV,
 * NV1 and NV2 change only how execution at EL1 behaves.
 */
u64 vel2_hwcfg_host_hcr(u64 host_hcr, u64 guest_hcr);

/*
 * The value of ID register `reg` the guest sees, from the hardware's `hw`:
 * fields of features vel2 does not offer read as "not implemented". The
 * host stores the result in the vCPU (vel2_write_sysreg) once at reset;
 * vel2_hwcfg() traps ID group 3 so that the guest reads it. Registers vel2
 * changes nothing in come back as `hw`. See src/core/idregs.c.
 */
u64 vel2_id_sanitise(unsigned int reg, u64 hw);

/*
 * The guest's self-hosted debug controls at vEL2 (src/core/hwcfg_debug.c):
 * vel2_debug_config() from vel2_hwcfg() computes the CPU's MDSCR_EL1 and
 * DBGBCR/DBGWCR for the mode (cfg->mdscr, cfg->dbg; and the FGT bits that
 * hide them), which the host writes before the entry;
 * vel2_debug_exit() first thing on an exit puts the guest's value back.
 */
void vel2_debug_config(struct vel2_vcpu *vcpu, struct vel2_hwcfg *cfg);
void vel2_debug_exit(struct vel2_vcpu *vcpu);
/*
 * The guest's DBGBCR<n>_EL1 (kind VEL2_HW_DBG_BCR) / DBGWCR<n>_EL1 as it
 * reads and writes them (an FGT trap in hyp context), and the EL1-matching
 * translation the CPU runs vEL2 with.
 */
u64 vel2_debug_ctl_read(struct vel2_vcpu *vcpu, unsigned int kind,
			unsigned int n);
void vel2_debug_ctl_write(struct vel2_vcpu *vcpu, unsigned int kind,
			  unsigned int n, u64 v);
u64 vel2_debug_xlat(u64 ctl);

#endif /* VEL2_HWCFG_H */
