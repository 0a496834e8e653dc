/* SPDX-License-Identifier: MIT */
/*
 * The trap path: turn one exit of a guest running under HCR_EL2.NV into the
 * effect the guest would see on real EL2 hardware. docs/traps.md has the
 * rules; this header is the whole API the host hypervisor needs.
 *
 * Typical use, in the host's run loop (vCPU loaded, guest just exited):
 *
 *	struct vel2_exit *e = ...;        // filled from the exception entry
 *	switch (vel2_handle_exit(vcpu, e)) {
 *	case VEL2_RESUME: case VEL2_INJECTED: case VEL2_FORWARDED:
 *		break;                    // ERET to e->elr with e->spsr
 *	case VEL2_NEEDS_HOST:
 *		host_handle(e->host, e);  // e.g. MMIO, PSCI, WFI; then
 *		vel2_exit_skip(e);        // if the instruction completed
 *		break;
 *	default:                          // < 0: malformed exit
 *		host_error(...);
 *	}
 */
#ifndef VEL2_TRAP_H
#define VEL2_TRAP_H

#include <vel2/esr.h>
#include <vel2/vcpu.h>

/*
 * One exit, as the host's EL2 vector captured it. elr and spsr are in/out:
 * on return they hold what the host must load into ELR_EL2/SPSR_EL2 before
 * its ERET to the guest (physical PSTATE: the guest at vEL2 or vEL1 runs at
 * physical EL1, at vEL0 at physical EL0). x[] is in/out (MRS results).
 */
struct vel2_exit {
	u64 x[31]; /* X0..X30 */
	u64 elr; /* ELR_EL2 */
	u64 spsr; /* SPSR_EL2 */
	u64 esr; /* ESR_EL2 */
	u64 far; /* FAR_EL2 (aborts, PC alignment) */
	u64 hpfar; /* HPFAR_EL2 (stage 2 aborts) */
	/* Out: filled in by vel2_handle_exit(). */
	struct vel2_esr syn; /* ESR_EL2 decoded */
	u8 host; /* enum vel2_host_reason, for VEL2_NEEDS_HOST */
	/* vel2_fast_exit(): the register it read (for vel2_fast_replay) */
	u16 fast_reg;
};

enum vel2_verdict {
	/* Emulated; the guest continues (PC advanced past the instruction). */
	VEL2_RESUME = 0,
	/* An exception was delivered to the guest at its own level (UNDEF,
	 * a vEL2 HVC to itself, an illegal exception return's IL state). */
	VEL2_INJECTED = 1,
	/* The exit belonged to the guest hypervisor: it was reflected to
	 * vEL2 with the hardware's ESR/ELR/FAR, as a trap to EL2 would be. */
	VEL2_FORWARDED = 2,
	/* The host must act (exit->host says why); guest state untouched,
	 * PC still at (or, for HVC, after) the instruction. */
	VEL2_NEEDS_HOST = 3,

	/* Host-level errors: nothing was changed. */
	VEL2_EXIT_EINVAL = -1, /* NULL argument */
	VEL2_EXIT_EBADSTATE = -2, /* SPSR_EL2 cannot be this guest's */
	VEL2_EXIT_EBADESR = -3, /* ESR_EL2 is not a lower-EL syndrome */
};

enum vel2_host_reason {
	VEL2_HOST_NONE,
	VEL2_HOST_ABORT, /* EC 0x20/0x24: stage 2 fault, MMIO */
	VEL2_HOST_SMC, /* SMC the guest hypervisor did not trap: PSCI */
	VEL2_HOST_WFX, /* WFI/WFE/WFIT/WFET not trapped by the guest */
	VEL2_HOST_SYSINSN, /* TLBI, AT, DC, IC the host must perform */
	VEL2_HOST_EC, /* another exception class (FP, SVE, debug...) */
};

/*
 * Handle one exit. Accesses go through vel2_read/write_sysreg, so the vCPU
 * may be loaded or not. Never fails on guest-controlled values: anything the
 * guest can make the hardware report gives one of the four verdicts.
 */
enum vel2_verdict vel2_handle_exit(struct vel2_vcpu *vcpu,
				   struct vel2_exit *exit);

/*
 * The fast path for the commonest exits, a trapped MRS at vEL2 in hyp
 * context whose answer is the accessor's (TPIDR_EL2, VBAR_EL2, an EL1
 * register at vEL2, ...) and an MSR at vEL2 to the guest hypervisor's own
 * EL2 timers (CNTHP_* and CNTHV_* CTL/CVAL, also as CNTP_* and CNTV_* with
 * E2H=1): true when it handled the exit exactly as
 * vel2_handle_exit() would (verdict VEL2_RESUME, exit->syn decoded) and
 * the physical configuration vel2_hwcfg() last gave for this vCPU still
 * holds (no register it reads changed, NV2 page stores included), so the
 * host may re-enter without computing it again. False: not such an exit;
 * hand it to vel2_handle_exit() (the exit's ESR/ELR/SPSR/x[] untouched;
 * the vCPU may have been synced with it, which vel2_handle_exit() repeats
 * to the same effect).
 */
bool vel2_fast_exit(struct vel2_vcpu *vcpu, struct vel2_exit *exit);

/*
 * PSTATE after an AArch32 instruction completes in T32 (Arm ARM J1
 * AArch32.ITAdvance): the IT state (IT[7:2] in SPSR [15:10], IT[1:0] in
 * [26:25]) ends when IT[2:0] = 0, else IT[4:0] shifts left by one. Other
 * values (A32, AArch64) are returned unchanged.
 */
static inline u64 vel2_psr_it_advance(u64 spsr)
{
	unsigned int it;

	if ((spsr & (VEL2_PSR_M_32 | VEL2_PSR32_T)) !=
	    (VEL2_PSR_M_32 | VEL2_PSR32_T))
		return spsr;
	it = (unsigned int)(VEL2_FIELD_GET(VEL2_PSR32_IT_LO, spsr) << 2 |
			    VEL2_FIELD_GET(VEL2_PSR32_IT_HI, spsr));
	if (!it)
		return spsr;
	it = (it & 7) ? (it & 0xe0) | ((it << 1) & 0x1f) : 0;
	spsr &= ~(VEL2_PSR32_IT_LO | VEL2_PSR32_IT_HI);
	return spsr | VEL2_FIELD_PREP(VEL2_PSR32_IT_LO, it >> 2) |
	       VEL2_FIELD_PREP(VEL2_PSR32_IT_HI, it & 3);
}

/*
 * What lets a host answer the same MRS again without any C: after
 * vel2_fast_exit() took `exit`, true when, until the next exit the host
 * does not answer this way, an exit whose ESR_EL2 equals `esr` but for
 * ISS.Rt and whose SPSR_EL2 & spsr_mask equals spsr_val is handled
 * exactly by Xt = *src (nothing when Rt is 31), ELR_EL2 += 4 and an ERET
 * with SPSR_EL2 as the hardware wrote it (hv/vectors.S). The library
 * decides, the host only compares; it must stop replaying at the first
 * exit it hands to C, since that exit may change what this decision read.
 */
struct vel2_fast_replay {
	u64 esr; /* ESR_EL2 with ISS.Rt [9:5] clear */
	u64 spsr_mask, spsr_val;
	const u64 *src; /* the register's stored copy */
};

bool vel2_fast_replay(const struct vel2_vcpu *vcpu,
		      const struct vel2_exit *exit, struct vel2_fast_replay *r);

/*
 * PSTATE (as an SPSR holds it) once an emulated instruction has completed,
 * as the instruction itself would have left it:
 *   - SS cleared: a completed instruction moves software step from
 *     active-not-pending to active-pending, so a guest stepping the
 *     trapped instruction takes its Software Step exception before the
 *     next one (Arm ARM D2 "Software Step exceptions", the state machine;
 *     SPSR.SS [21] in both states);
 *   - AArch64: BTYPE [11:10] cleared; every instruction but the branches
 *     that set it leaves PSTATE.BTYPE 0b00 (Arm ARM "PSTATE.BTYPE"), so a
 *     next instruction in a guarded page takes no Branch Target exception;
 *   - AArch32 T32: the IT state advanced ([15:10] there are IT[7:2]).
 */
static inline u64 vel2_psr_completed(u64 psr)
{
	psr &= ~VEL2_PSR_SS;
	if (psr & VEL2_PSR_M_32)
		return vel2_psr_it_advance(psr);
	return psr & ~VEL2_PSR_BTYPE;
}

/*
 * Advance the guest past the trapped instruction (after NEEDS_HOST): 4
 * bytes, or 2 for a 16-bit T32 one from AArch32 (ESR_ELx.IL = 0), and
 * PSTATE as the completed instruction leaves it (vel2_psr_completed).
 */
static inline void vel2_exit_skip(struct vel2_exit *exit)
{
	exit->elr += exit->syn.il ? 4 : 2;
	exit->spsr = vel2_psr_completed(exit->spsr);
}

/*
 * Building blocks, for decisions that belong to the host (e.g. a stage 2
 * fault that the host finds the guest hypervisor's own stage 2 causes).
 * Both take the exit as synced by vel2_handle_exit() or vel2_exit_sync().
 */

/* Bring vcpu->pstate in line with exit->spsr. Returns 0 or
 * VEL2_EXIT_EBADSTATE. vel2_handle_exit() starts with this. */
int vel2_exit_sync(struct vel2_vcpu *vcpu, const struct vel2_exit *exit);

/* Reflect the exit to vEL2 exactly as the hardware reported it (ESR, ELR,
 * FAR/HPFAR for the classes that define them). */
void vel2_forward_to_vel2(struct vel2_vcpu *vcpu, struct vel2_exit *exit);

/*
 * A physical IRQ, FIQ or SError the host took while the guest ran (its
 * vector offset / 0x80 - 8: VEL2_IRQ 1, VEL2_FIQ 2, VEL2_SERROR 3). If the
 * guest hypervisor's guest runs and the guest hypervisor routes that kind
 * to itself (virtual HCR_EL2.IMO/FMO/AMO), it is taken to vEL2 and
 * VEL2_FORWARDED returned (exit->elr/spsr: where the guest resumes);
 * otherwise VEL2_NEEDS_HOST (the host's own, nothing changed).
 */
enum { VEL2_IRQ = 1, VEL2_FIQ = 2, VEL2_SERROR = 3 };
int vel2_forward_interrupt(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			   unsigned int kind);

/*
 * The guest hypervisor's GICv3 maintenance interrupt (PPI 9, INTID 25 on
 * virt) as its stored ICH_* state asserts it: ICH_HCR_EL2.En == 1 and
 * ICH_MISR_EL2 != 0 (GIC IHI 0069 "Maintenance interrupts"). While it runs
 * at vEL2 the host keeps that level at the physical GIC (hv/l2_switch.c);
 * while L2 runs the loaded state asserts it itself.
 */
bool vel2_gic_maint_level(const struct vel2_vcpu *vcpu);

/* Take an UNDEFINED exception (EC 0x00) for the instruction at `pc`, to the
 * EL the hardware would: vEL2 from vEL2, vEL1 from vEL1, from vEL0 vEL1 or
 * vEL2 (virtual HCR_EL2.TGE). */
void vel2_inject_undef(struct vel2_vcpu *vcpu, struct vel2_exit *exit, u64 pc);

/*
 * The guest accessed an IPA with nothing behind it (an exit with EC
 * 0x20/0x24 that the host does not back with memory or a device): give it
 * the synchronous external abort real hardware would, FSC 0x10 (ESR_ELx
 * ISS, "Synchronous External abort, not on translation table walk"), FAR
 * = the faulting VA, at the EL the abort targets: the guest's own EL from
 * vEL2/vEL1; from vEL0, vEL1 or vEL2 by virtual HCR_EL2.TGE; and vEL2 from
 * the guest hypervisor's guest when it set HCR_EL2.TEA. Returns
 * VEL2_INJECTED, or VEL2_EXIT_EBADESR for an exit that is not such an
 * abort (nothing changed).
 */
int vel2_inject_external_abort(struct vel2_vcpu *vcpu, struct vel2_exit *exit);

/* Which register a trapped MRS/MSR from vEL2 with virtual E2H=1 reaches
 * for an EL1/EL0 encoding (SCTLR_EL1 -> SCTLR_EL2, ...): `reg` when the
 * architecture does not redirect it, VEL2_NR_SYSREGS when it redirects to
 * an EL2 register the catalog does not have (the access is UNDEFINED). */
unsigned int vel2_e2h_redirect(unsigned int reg);

#endif /* VEL2_TRAP_H */
