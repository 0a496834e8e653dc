// SPDX-License-Identifier: MIT
/*
 * The nested world switch of the guest hypervisor's L2-only EL2 state
 * (include/vel2/hwcfg.h cfg->l2, docs/nested-gic.md):
 *
 * GICv3 virtual CPU interface. vel2 does not use it itself: the guest
 * hypervisor owns the physical CPU interface (physical HCR_EL2.IMO/FMO=0
 * while it runs, so its ICC_* accesses at EL1 reach the physical
 * interface; GIC IHI 0069 "Interrupt routing" / ICC_* accessibility with
 * HCR_EL2.IMO). While L2 runs, the physical IMO/FMO are the guest
 * hypervisor's (hwcfg.c guest_config), so with IMO/FMO=1 L2's ICC_*
 * accesses reach the virtual interface, whose state must then be the
 * guest hypervisor's ICH_* registers: loaded here on entry to L2. The
 * hardware changes them while L2 runs (an ack moves an LR from pending
 * to active and sets an AP1Rn bit, an EOI drops the priority and
 * deactivates, ICH_HCR_EL2.EOIcount counts, L2's ICC_PMR/BPR/IGRPEN
 * writes go to ICH_VMCR_EL2), so everything is saved back before the
 * guest hypervisor runs at vEL2 again, where its ICH_* reads (trapped, or
 * NV2 loads from the VNCR page) see the stored copies.
 *
 * The maintenance interrupt (PPI 9, INTID 25 on virt) is asserted by the
 * hardware from the loaded state while L2 runs; it is a physical
 * interrupt of the guest hypervisor's GIC: with its IMO it is taken to
 * EL2 and forwarded to vEL2 (handle_exit.c forward_interrupt), vel2 never
 * acknowledges it. On hardware it stays asserted while its condition
 * holds (ICH_HCR_EL2.En and ICH_MISR_EL2 != 0, IHI 0069 "Maintenance
 * interrupts"), also while the guest hypervisor runs at EL2 and
 * acknowledges it there. So at vEL2 vel2 computes that level from the
 * stored state (vel2_hwcfg's cfg->maint) before every entry and makes the
 * physical interface assert exactly it (maint_set): ICH_VMCR_EL2 = 0 and
 * ICH_HCR_EL2 = En | VGrp1DIE when asserted (MISR.VGrp1D is set while
 * VGrp1DIE == 1 and VENG1 == 0, whatever the list registers hold), ICH_HCR_EL2
 * = 0 when not. Nothing else of it acts at vEL2: the physical IMO/FMO are 0
 * there, so no virtual interrupt is taken and the guest hypervisor's
 * ICC_* accesses reach the physical interface, and no trap bit is set.
 * Under NV its ICH_* writes trap, so the level follows each one; under
 * NV2 they are stores to the VNCR page and the level follows at its next
 * exit (docs/nested-gic.md): one that moves it is not a fast exit
 * (vel2_hwcfg_inputs_unchanged), so a generic entry computes it again.
 *
 * List registers with HW=1 are loaded as they are: when L2 deactivates
 * the virtual interrupt, the GIC deactivates physical pINTID (IHI 0069
 * ICH_LR<n>_EL2.HW: "deactivation of the virtual interrupt also causes
 * the deactivation of the physical interrupt with the ID that pINTID
 * indicates"). The physical interrupt is the guest hypervisor's (it
 * acknowledged it at its physical CPU interface, EOImode=1), and the GIC
 * is the guest hypervisor's: nothing of vel2's can be deactivated (vel2
 * takes no interrupts).
 *
 * VPIDR/VMPIDR, HSTR, MDCR_EL2, the fine-grained traps, ZCR_EL2.LEN and
 * the physical CNTHCTL_EL2 (the timer traps of the mode, cfg->cnthctl):
 * the values vel2_hwcfg() gives, written when they change. The guest
 * hypervisor's EL2 timers need nothing here: they are the physical EL2
 * timers in every mode (docs/nested-gic.md, "Timers").
 */
#include "l2_switch.h"

#include <vel2/accessors.h>
#include <vel2/trap.h>

/* The GIC and FGT registers by their catalog names (hv.h,
 * read_sysreg_enc): binutils may not know them. */
#define ICH_AP0R(n) ICH_AP0R##n##_EL2
#define ICH_AP1R(n) ICH_AP1R##n##_EL2

#define MAINT_UNKNOWN (-1)

static struct {
	bool init, fgt, sve;
	bool gic; /* the guest hypervisor's ICH state is in the hardware */
	int maint; /* at vEL2: the maintenance level asserted, MAINT_UNKNOWN */
	unsigned int nlr, napr;
	u64 vpidr, vmpidr, hstr, fgt_v[5], zcr;
	u64 mdcr; /* MDCR_EL2: vel2_hwcfg's cfg->mdcr (l2traps) */
	u64 cnthctl; /* the physical CNTHCTL_EL2 */
} pcpu[HV_MAX_CPUS];

/* ICH_LR<n>_EL2 (IHI 0069), n < 16. */
/* clang-format off */
#define LR_CASES(X)                             \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) \
	X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
/* clang-format on */

static u64 lr_read(unsigned int n)
{
	switch (n) {
#define X(i)    \
	case i: \
		return read_sysreg_enc(ICH_LR##i##_EL2);
		LR_CASES(X)
#undef X
	}
	return 0;
}

static void lr_write(unsigned int n, u64 v)
{
	switch (n) {
#define X(i)                                          \
	case i:                                       \
		write_sysreg_enc(ICH_LR##i##_EL2, v); \
		break;
		LR_CASES(X)
#undef X
	}
}

static void apr_read(unsigned int n, u64 *ap0, u64 *ap1)
{
	switch (n) {
	case 0:
		*ap0 = read_sysreg_enc(ICH_AP0R(0));
		*ap1 = read_sysreg_enc(ICH_AP1R(0));
		break;
	case 1:
		*ap0 = read_sysreg_enc(ICH_AP0R(1));
		*ap1 = read_sysreg_enc(ICH_AP1R(1));
		break;
	case 2:
		*ap0 = read_sysreg_enc(ICH_AP0R(2));
		*ap1 = read_sysreg_enc(ICH_AP1R(2));
		break;
	case 3:
		*ap0 = read_sysreg_enc(ICH_AP0R(3));
		*ap1 = read_sysreg_enc(ICH_AP1R(3));
		break;
	}
}

static void apr_write(unsigned int n, u64 ap0, u64 ap1)
{
	switch (n) {
	case 0:
		write_sysreg_enc(ICH_AP0R(0), ap0);
		write_sysreg_enc(ICH_AP1R(0), ap1);
		break;
	case 1:
		write_sysreg_enc(ICH_AP0R(1), ap0);
		write_sysreg_enc(ICH_AP1R(1), ap1);
		break;
	case 2:
		write_sysreg_enc(ICH_AP0R(2), ap0);
		write_sysreg_enc(ICH_AP1R(2), ap1);
		break;
	case 3:
		write_sysreg_enc(ICH_AP0R(3), ap0);
		write_sysreg_enc(ICH_AP1R(3), ap1);
		break;
	}
}

static void probe(unsigned int id)
{
	/* ID_AA64PFR0_EL1.GIC [27:24]: the GICv3 system registers. */
	bool gic = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;
	u64 vtr = gic ? read_sysreg_enc(ICH_VTR_EL2) : 0;
	unsigned int pri =
		(unsigned int)VEL2_FIELD_GET(VEL2_ICH_VTR_PRIBITS, vtr) + 1;

	/* ICH_VTR_EL2.ListRegs is the number of LRs minus one; PRIbits + 1
	 * priority bits: 5 -> AP*R0 only, 6 -> 0-1, 7 -> 0-3 (IHI 0069
	 * ICH_AP0R<n>_EL2). No GIC: nothing to load. */
	pcpu[id].nlr = gic ? VEL2_FIELD_GET(VEL2_ICH_VTR_LISTREGS, vtr) + 1 : 0;
	pcpu[id].napr = !gic ? 0 : pri >= 7 ? 4 : pri == 6 ? 2 : 1;
	/* ID_AA64MMFR0_EL1.FGT [59:56], ID_AA64PFR0_EL1.SVE [35:32]. */
	pcpu[id].fgt = (read_sysreg(id_aa64mmfr0_el1) >> 56) & 0xf;
	pcpu[id].sve = (read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf;
	/* What main.c and the reset left: MIDR/MPIDR, no traps, max LEN. */
	pcpu[id].vpidr = read_sysreg(vpidr_el2);
	pcpu[id].vmpidr = read_sysreg(vmpidr_el2);
	pcpu[id].hstr = read_sysreg(hstr_el2);
	pcpu[id].mdcr = read_sysreg(mdcr_el2);
	if (pcpu[id].fgt) {
		pcpu[id].fgt_v[0] = read_sysreg_enc(HFGRTR_EL2);
		pcpu[id].fgt_v[1] = read_sysreg_enc(HFGWTR_EL2);
		pcpu[id].fgt_v[2] = read_sysreg_enc(HFGITR_EL2);
		pcpu[id].fgt_v[3] = read_sysreg_enc(HDFGRTR_EL2);
		pcpu[id].fgt_v[4] = read_sysreg_enc(HDFGWTR_EL2);
	}
	pcpu[id].zcr = pcpu[id].sve ? read_sysreg_enc(ZCR_EL2) & 0xf : 0;
	pcpu[id].cnthctl = read_sysreg(cnthctl_el2);
	pcpu[id].maint = MAINT_UNKNOWN; /* the first maint_set() writes */
	pcpu[id].init = true;
}

/* The guest hypervisor's ICH_* (stored, or in its VNCR page under NV2:
 * the same memory) into the virtual interface; En last (IHI 0069). */
static void gic_load(struct vel2_vcpu *vcpu, unsigned int id)
{
	struct vel2_sysregs *r = &vcpu->regs;
	u64 *lr = &vel2_stored(r, ICH_LR0_EL2);
	u64 *ap0 = &vel2_stored(r, ICH_AP0R0_EL2);
	u64 *ap1 = &vel2_stored(r, ICH_AP1R0_EL2);

	for (unsigned int i = 0; i < pcpu[id].nlr; i++)
		lr_write(i, lr[i]);
	for (unsigned int i = 0; i < pcpu[id].napr; i++)
		apr_write(i, ap0[i], ap1[i]);
	write_sysreg_enc(ICH_VMCR_EL2, vel2_stored(r, ICH_VMCR_EL2));
	write_sysreg_enc(ICH_HCR_EL2, vel2_stored(r, ICH_HCR_EL2));
}

/* Back to the stored copies; maint_set() then decides what the physical
 * interface asserts while vEL2 runs. */
static void gic_save(struct vel2_vcpu *vcpu, unsigned int id)
{
	struct vel2_sysregs *r = &vcpu->regs;
	u64 *lr = &vel2_stored(r, ICH_LR0_EL2);
	u64 *ap0 = &vel2_stored(r, ICH_AP0R0_EL2);
	u64 *ap1 = &vel2_stored(r, ICH_AP1R0_EL2);

	vel2_stored(r, ICH_HCR_EL2) = read_sysreg_enc(ICH_HCR_EL2);
	vel2_stored(r, ICH_VMCR_EL2) = read_sysreg_enc(ICH_VMCR_EL2);
	for (unsigned int i = 0; i < pcpu[id].nlr; i++)
		lr[i] = lr_read(i);
	for (unsigned int i = 0; i < pcpu[id].napr; i++)
		apr_read(i, &ap0[i], &ap1[i]);
}

/*
 * At vEL2: the physical interface asserts the maintenance interrupt
 * exactly when the guest hypervisor's stored state does (see the top).
 * Written only when the level changes. True if it wrote.
 */
static bool maint_set(bool maint, unsigned int id)
{
	int level = maint;

	if (level == pcpu[id].maint)
		return false;
	if (level)
		write_sysreg_enc(ICH_VMCR_EL2, 0);
	write_sysreg_enc(ICH_HCR_EL2,
			 level ? VEL2_ICH_HCR_EN | VEL2_ICH_HCR_VGRP1DIE : 0);
	pcpu[id].maint = level;
	return true;
}

/*
 * The guest hypervisor is back in hyp context and its interface still
 * in the hardware: saved to the stored copies before vel2_hwcfg() reads
 * them (cfg->maint).
 */
void hv_l2_save(struct hv_cpu *cpu)
{
	unsigned int id = cpu->id;

	if (pcpu[id].gic && vel2_is_hyp_ctxt(&cpu->vcpu)) {
		gic_save(&cpu->vcpu, id);
		pcpu[id].gic = false;
		pcpu[id].maint = MAINT_UNKNOWN;
	}
}

/* pcpu[id].field = v, and `write` (of v) when that changes it. */
#define SET_BY(field, v, write)               \
	do {                                  \
		if (pcpu[id].field != (v)) {  \
			pcpu[id].field = (v); \
			write;                \
			changed = true;       \
		}                             \
	} while (0)
#define SET(field, reg, v) SET_BY(field, v, write_sysreg(reg, (v)))
#define SET_ENC(field, name, v) SET_BY(field, v, write_sysreg_enc(name, (v)))

void hv_l2_switch(struct hv_cpu *cpu, const struct vel2_hwcfg *cfg)
{
	unsigned int id = cpu->id;
	bool changed = false;

	if (!pcpu[id].init)
		probe(id);
	/* Saved already (hv_l2_save) when the guest left L2. */
	if (cfg->l2 && !pcpu[id].gic && pcpu[id].nlr) {
		gic_load(&cpu->vcpu, id);
		pcpu[id].gic = true;
		changed = true;
	}
	/* At vEL2, before every entry: the stored state may have changed
	 * (a trapped ICH_* write, NV2 stores, hv_l2_save). */
	if (!cfg->l2 && pcpu[id].nlr && maint_set(cfg->maint, id))
		changed = true;
	SET(vpidr, vpidr_el2, cfg->vpidr);
	SET(vmpidr, vmpidr_el2, cfg->vmpidr);
	SET(hstr, hstr_el2, cfg->hstr);
	SET(mdcr, mdcr_el2, cfg->mdcr);
	if (pcpu[id].fgt) {
		SET_ENC(fgt_v[0], HFGRTR_EL2, cfg->fgt[0]);
		SET_ENC(fgt_v[1], HFGWTR_EL2, cfg->fgt[1]);
		SET_ENC(fgt_v[2], HFGITR_EL2, cfg->fgt[2]);
		SET_ENC(fgt_v[3], HDFGRTR_EL2, cfg->fgt[3]);
		SET_ENC(fgt_v[4], HDFGWTR_EL2, cfg->fgt[4]);
	}
	if (pcpu[id].sve)
		SET_ENC(zcr, ZCR_EL2, cfg->zcr_len);
	SET(cnthctl, cnthctl_el2, cfg->cnthctl);
	if (changed)
		isb();
}
