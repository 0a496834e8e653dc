// SPDX-License-Identifier: MIT
/*
 * sysregs: write patterns into the architecturally defined bits of every
 * EL2 register a hypervisor programs and print what reads back. Under vel2
 * the emulated registers must show the same. Runs with HCR_EL2.E2H=0 (the
 * reset state QEMU boots with).
 *
 * No RES1 read-back is checked: every RES1 bit of these registers is RES1
 * in the Glossary sense (may read back as last written; QEMU does so, e.g.
 * SCTLR_EL2[29:28], CPTR_EL2[13]), and the RAO/WI bits (ICC_SRE_EL2.SRE,
 * DFB, DIB) are so by IMPLEMENTATION DEFINED choice (no legacy GIC
 * support), not unconditionally: they are compared as ordinary bits.
 *
 * Each probe saves the register, writes, reads back and restores inside one
 * asm block, so that registers that steer this very program (HCR_EL2,
 * VBAR_EL2, SCTLR_EL2, CPTR_EL2) are wrong only for a few instructions with
 * no exception possible in between. Bits that would still break it are
 * kept at their current value ("keep" mask).
 */
#include "rt.h"

/* The asm templates read better as written. */
/* clang-format off */
#define PROBE_FN(fn, enc)                                                 \
	static u64 fn(u64 v)                                              \
	{                                                                 \
		u64 old, r;                                               \
		__asm__ volatile("mrs %[old], " rt_str(enc) "\n\t"        \
				 "msr " rt_str(enc) ", %[v]\n\t"          \
				 "isb\n\t"                                \
				 "mrs %[r], " rt_str(enc) "\n\t"          \
				 "msr " rt_str(enc) ", %[old]\n\t"        \
				 "isb"                                    \
				 : [old] "=&r"(old), [r] "=&r"(r)         \
				 : [v] "r"(v)                             \
				 : "memory");                             \
		return r;                                                 \
	}                                                                 \
	static u64 fn##_get(void)                                         \
	{                                                                 \
		return read_sysreg(enc);                                  \
	}
/* clang-format on */

struct probe {
	const char *name;
	u64 (*rw)(u64 v);
	u64 (*get)(void);
	u64 keep; /* bits written with their current value */
	u64 mask; /* bits the architecture defines here (see below) */
};

#define MDCR_HPMN 0x1fUL /* > PMCR_EL0.N is CONSTRAINED UNPREDICTABLE */
#define ICC_SRE_SRE 1UL /* clearing it would hide the ICH_* registers */

/*
 * Which bits each probe may compare. RES0/RES1 bits read back as 0/1 or as
 * the value last written, at the implementation's choice (Arm ARM, DDI
 * 0487, Glossary: RES0, RES1), and a field written with a reserved value
 * reads back UNKNOWN (K1.2 "Reserved values"). So the deterministic lines
 * show only the bits the architecture defines for the features of QEMU
 * 10.0 "-cpu max" (the E2H=0 layouts, D23.2 register descriptions), minus
 * the multi-bit fields whose values under the four patterns include
 * reserved or IMPLEMENTATION DEFINED encodings. The raw read-back of the
 * all-ones write is printed as a host-dependent "~" line.
 *
 * This table is written from the Arm ARM field lists, independently of
 * the vel2 library's register catalog, on purpose: it checks it.
 */
#define BIT(n) (1UL << (n))
#define BITS(hi, lo) ((~0UL >> (63 - (hi))) & ~((1UL << (lo)) - 1))

/*
 * HCR_EL2 (D23.2.52): [37:0] VM .. TEA (FEAT_RAS: TERR, TEA; FEAT_LOR:
 * TLOR; FEAT_VHE: E2H), [46:40] APK, API (FEAT_PAuth), NV, NV1, AT (FEAT_NV),
 * NV2 (FEAT_NV2), FWB (FEAT_S2FWB), [50:49] TID4, TICAB, [55:52] TOCU,
 * EnSCXT (FEAT_CSV2_2), TTLBIS, TTLBOS (FEAT_EVT). Left out: MIOCNV (38,
 * IMPLEMENTATION DEFINED), FIEN (47, FEAT_RASv1p1), GPF (48, FEAT_RME),
 * AMVOFFEN (51, FEAT_AMUv1p1), ATA/DCT/TID5 (56-58, FEAT_MTE2), TWED (59+),
 * none of which -cpu max has without tag memory / AMU / RME.
 */
/*
 * NV, NV1, AT, NV2 [45:42] are left out too: they exist only with
 * FEAT_NV/NV2, which vel2 hides from the guest's ID registers (no
 * recursive nesting), so they are RES0 under vel2 and fields natively.
 * The raw "~" line still shows them.
 */
#define M_HCR \
	(BITS(37, 0) | BITS(41, 40) | BIT(46) | BITS(50, 49) | BITS(55, 52))
/* HCRX_EL2 (FEAT_HCX): FnXS, FGTnXS (FEAT_XS), TALLINT, VINMI, VFNMI
 * (FEAT_NMI), CMOW (FEAT_CMOW), MCE2, MSCEn (FEAT_MOPS). SMPME (5) left
 * out: QEMU 10.0 treats it as RES0 although it has FEAT_SME. */
#define M_HCRX (BIT(3) | BIT(4) | BITS(11, 6))
/* MDCR_EL2: TPMCR, TPM, HPME, TDE, TDA, TDOSA, TDRA [11:5], HPMD (17,
 * FEAT_PMUv3p1), HCCD (23), HLP (26) (FEAT_PMUv3p5), TDCC (27, FEAT_FGT).
 * HPMN [4:0] is kept: above PMCR_EL0.N it is CONSTRAINED UNPREDICTABLE. */
#define M_MDCR (BITS(11, 5) | BIT(17) | BIT(23) | BIT(26) | BIT(27))
/* CPTR_EL2, E2H=0: TZ (8, FEAT_SVE), TFP (10), TSM (12, FEAT_SME), TTA
 * (20), TCPAC (31). TAM (30) needs FEAT_AMUv1. [7:0], 9, 13 are RES1. */
#define M_CPTR (BIT(8) | BIT(10) | BIT(12) | BIT(20) | BIT(31))
/* HSTR_EL2: T<n> for CP15 c0-c15 except c4, c14, when EL1 can be
 * AArch32; see main(). */
#define M_HSTR_AA32 (BITS(15, 0) & ~BIT(4) & ~BIT(14))
/* SCTLR_EL2, E2H=0: C, SA, nAA (FEAT_LSE2), I, EnDB (FEAT_PAuth), WXN,
 * IESB (FEAT_IESB), EnDA, EnIB, EnIA, BT (36, FEAT_BTI; bit 35 is RES0
 * with E2H=0), DSSBS (FEAT_SSBS),
 * NMI, SPINTMASK (FEAT_NMI). M, A, EE are kept. EOS/EIS are RES1 without
 * FEAT_ExS; MTE and TWED fields need features -cpu max lacks here. */
#define M_SCTLR                                                             \
	(BIT(2) | BIT(3) | BIT(6) | BIT(12) | BIT(13) | BIT(19) | BIT(21) | \
	 BIT(27) | BIT(30) | BIT(31) | BIT(36) | BIT(44) | BIT(61) | BIT(62))
/* TCR_EL2, E2H=0: IRGN0, ORGN0 [11:8], TBI (20), HA, HD (FEAT_HAFDBS),
 * HPD (FEAT_HPDS), HWU59-62 (FEAT_HPDS2), TBID (FEAT_PAuth), DS (32,
 * FEAT_LPA2). Left out: T0SZ (out-of-range values read back IMPLEMENTATION
 * DEFINED), SH0 (0b01 reserved), TG0 (0b11 reserved), PS (0b111 reserved),
 * TCMA (FEAT_MTE2). */
#define M_TCR (BITS(11, 8) | BITS(22, 20) | BITS(29, 24) | BIT(32))
/* VTCR_EL2: IRGN0, ORGN0, VS (FEAT_VMID16), HA, HD, HWU (FEAT_HPDS2), DS.
 * T0SZ, SL0, SH0, TG0, PS, SL2 have reserved encodings (see TCR). */
#define M_VTCR (BITS(11, 8) | BIT(19) | BITS(22, 21) | BITS(28, 25) | BIT(32))
/* TTBR0_EL2: BADDR, CnP [47:0]; ASID [63:48] is RES0 with E2H=0. TTBR1_EL2
 * (FEAT_VHE) has its ASID whatever E2H. */
#define M_TTBR0 BITS(47, 0)
/* VNCR_EL2: BADDR [56:12]; [63:57] are RESS (sign extension of bit 56). */
#define M_VNCR BITS(56, 12)
/* VBAR_EL2: [10:0] RES0. */
#define M_VBAR BITS(63, 11)
/* ESR_EL2: EC, IL, ISS [31:0]; ISS2 needs FEAT_LS64/GCS/THE. */
#define M_ESR BITS(31, 0)
/* HPFAR_EL2: FIPA [47:4] (52-bit IPA with FEAT_LPA); NS (63) needs
 * Secure EL2 in use. */
#define M_HPFAR BITS(47, 4)
/* CONTEXTIDR_EL2: PROCID [31:0]. VPIDR_EL2: the 32-bit MIDR. */
#define M_LO32 BITS(31, 0)
/* VMPIDR_EL2: Aff3 [39:32], U (30), MT (24), Aff2-0 [23:0]; 31 is RES1. */
#define M_VMPIDR (BITS(39, 32) | BIT(30) | BITS(24, 0))
/* CNTHCTL_EL2, E2H=0: EL1PCTEN, EL1PCEN, EVNTEN, EVNTDIR, EVNTI [7:0];
 * ECV, EL1TVT, EL1TVCT, EL1NVPCT, EL1NVVCT, EVNTIS [17:12] (FEAT_ECV). */
#define M_CNTHCTL (BITS(7, 0) | BITS(17, 12))
/*
 * SPSR_EL2 has two layouts chosen by M[4] (C5.2.19): the patterns write
 * both. Compared: the bits defined in both, NZCV [31:28], DIT, UAO/SSBS,
 * PAN, SS, IL [24:20], ALLINT/IT, SSBS/IT, BTYPE/IT, D/E, A, I, F
 * [13:6], M [4:0].
 */
#define M_SPSR (BITS(31, 28) | BITS(24, 20) | BITS(13, 6) | BITS(4, 0))
/*
 * Fine-grained traps (FEAT_FGT), each bit RES0 unless the feature of the
 * register it traps is implemented. HFGRTR_EL2 (D24.2.73): AFSR0 ..
 * ICC_IGRPENn [39:0] (LORC..LORSA: FEAT_LOR, SCXTNUM: FEAT_CSV2_2), ERRIDR
 * .. ERXMISCn [45:40] and ERXADDR (49) (FEAT_RAS; ERXPFG* [48:46] need
 * FEAT_RASv1p1). HFGWTR_EL2 (D24.2.75): the same minus the read-only
 * registers (AIDR, CCSIDR, CLIDR, CTR, DCZID, ISR, LORID, MIDR, MPIDR,
 * REVIDR, ERRIDR, ERXFR). HFGITR_EL2 (D24.2.71) [54:0]: cache, AT, TLBI
 * (FEAT_TLBIOS, FEAT_TLBIRANGE), DCCVADP (FEAT_DPB2), AT S1E1RP/WP
 * (FEAT_PAN2), CFP/DVP/CPP RCTX [50:48] (FEAT_SPECRES), ERET (51),
 * SVC_EL0/EL1 (52, 53), DCCVAC (54). The debug FGT registers are left out: too many of
 * their bits hang on PMU/SPE/TRBE/trace versions to state here.
 */
#define M_HFGRTR (BITS(45, 0) | BIT(49))
#define M_HFGWTR                                                               \
	(M_HFGRTR &                                                            \
	 ~(BIT(2) | BIT(9) | BIT(10) | BIT(14) | BIT(15) | BIT(18) | BIT(21) | \
	   BIT(25) | BIT(26) | BIT(28) | BIT(40) | BIT(42)))
#define M_HFGITR BITS(54, 0)
/* ICC_SRE_EL2: SRE, DFB, DIB, Enable (GICv3, IHI 0069 12.2.11). Whether
 * they are RAO/WI is IMPLEMENTATION DEFINED but fixed for a CPU. */
#define M_ICC_SRE BITS(3, 0)
/* ICH_HCR_EL2: En, UIE, LRENPIE, NPIE, VGrp0/1E/DIE [7:0], TC, TALL0,
 * TALL1 [12:10], TDIR (14), EOIcount [31:27]. TSEI needs ICH_VTR_EL2.SEIS
 * (0 here), vSGIEOICount GICv4.1. */
#define M_ICH_HCR (BITS(7, 0) | BITS(12, 10) | BIT(14) | BITS(31, 27))
/* ICH_VMCR_EL2: VENG0, VENG1, VCBPR, VEOIM and the 5 implemented priority
 * bits of VPMR (ICH_VTR_EL2.PRIbits=4). VAckCtl/VFIQEn are RAO/RAZ with
 * no legacy support, VBPR0/1 clamp to a minimum. */
#define M_ICH_VMCR (BIT(0) | BIT(1) | BIT(4) | BIT(9) | BITS(31, 27))
#define M_ALL (~0UL)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define M_IMPDEF 0UL /* IMPLEMENTATION DEFINED: raw "~" line only */

/* clang-format off */
/* Registers whose read-back is a pure function of what was written:
 * X(name, encoding, bits kept at their current value, bits compared). */
#define PLAIN_REGS(X)                                                     \
	X(HCR_EL2, hcr_el2, 0, M_HCR)                                     \
	X(HCRX_EL2, HCRX_EL2, 0, M_HCRX)                                  \
	X(MDCR_EL2, mdcr_el2, MDCR_HPMN, M_MDCR)                          \
	X(CPTR_EL2, cptr_el2, 0, M_CPTR)                                  \
	X(HSTR_EL2, hstr_el2, 0, M_HSTR_AA32)                             \
	X(HACR_EL2, hacr_el2, 0, M_IMPDEF)                                \
	X(ACTLR_EL2, actlr_el2, 0, M_IMPDEF)                              \
	X(SCTLR_EL2, sctlr_el2, SCTLR_M | SCTLR_A | SCTLR_EE, M_SCTLR)    \
	X(TTBR0_EL2, ttbr0_el2, 0, M_TTBR0)                                 \
	X(TTBR1_EL2, s3_4_c2_c0_1, 0, M_ALL)                              \
	X(TCR_EL2, tcr_el2, 0, M_TCR)                                     \
	X(VTTBR_EL2, vttbr_el2, 0, M_ALL)                                 \
	X(VTCR_EL2, vtcr_el2, 0, M_VTCR)                                  \
	X(VNCR_EL2, VNCR_EL2, 0, M_VNCR)                                  \
	X(VBAR_EL2, vbar_el2, 0, M_VBAR)                                  \
	X(ESR_EL2, esr_el2, 0, M_ESR)                                     \
	X(FAR_EL2, far_el2, 0, M_ALL)                                     \
	X(HPFAR_EL2, hpfar_el2, 0, M_HPFAR)                               \
	X(AFSR0_EL2, afsr0_el2, 0, M_IMPDEF)                              \
	X(AFSR1_EL2, afsr1_el2, 0, M_IMPDEF)                              \
	X(MAIR_EL2, mair_el2, 0, M_ALL)                                   \
	X(AMAIR_EL2, amair_el2, 0, M_IMPDEF)                              \
	X(CONTEXTIDR_EL2, s3_4_c13_c0_1, 0, M_LO32)                       \
	X(TPIDR_EL2, tpidr_el2, 0, M_ALL)                                 \
	X(VPIDR_EL2, vpidr_el2, 0, M_LO32)                                \
	X(VMPIDR_EL2, vmpidr_el2, 0, M_VMPIDR)                            \
	X(CNTHCTL_EL2, cnthctl_el2, 0, M_CNTHCTL)                         \
	X(CNTVOFF_EL2, cntvoff_el2, 0, M_ALL)                             \
	X(CNTHP_CVAL_EL2, cnthp_cval_el2, 0, M_ALL)                       \
	X(CNTHV_CVAL_EL2, s3_4_c14_c3_2, 0, M_ALL)                        \
	X(ELR_EL2, elr_el2, 0, M_ALL)                                     \
	X(SPSR_EL2, spsr_el2, 0, M_SPSR)                                  \
	X(SP_EL1, sp_el1, 0, M_ALL)                                       \
	X(SP_EL0, sp_el0, 0, M_ALL)                                       \
	X(HFGRTR_EL2, HFGRTR_EL2, 0, M_HFGRTR)                            \
	X(HFGWTR_EL2, HFGWTR_EL2, 0, M_HFGWTR)                            \
	X(HFGITR_EL2, HFGITR_EL2, 0, M_HFGITR)                            \
	X(HDFGRTR_EL2, HDFGRTR_EL2, 0, M_IMPDEF)                          \
	X(HDFGWTR_EL2, HDFGWTR_EL2, 0, M_IMPDEF)                          \
	X(ICC_SRE_EL2, ICC_SRE_EL2, ICC_SRE_SRE, M_ICC_SRE)               \
	X(ICH_HCR_EL2, ICH_HCR_EL2, 0, M_ICH_HCR)                         \
	X(ICH_VMCR_EL2, ICH_VMCR_EL2, 0, M_ICH_VMCR)
/* clang-format on */

#define X_FN(name, enc, keep, mask) PROBE_FN(probe_##name, enc)
PLAIN_REGS(X_FN)
PROBE_FN(probe_ZCR_EL2, ZCR_EL2)
PROBE_FN(probe_CNTHP_CTL_EL2, cnthp_ctl_el2)
PROBE_FN(probe_CNTHV_CTL_EL2, s3_4_c14_c3_1)

#define X_ENT(name, enc, k, m) \
	{ #name, probe_##name, probe_##name##_get, k, m },
static struct probe plain[] = { PLAIN_REGS(X_ENT) };

static const u64 patterns[] = {
	0,
	~0UL,
	0x5555555555555555UL,
	0xaaaaaaaaaaaaaaaaUL,
};

/*
 * One line of masked read-backs for the four patterns, then the raw
 * read-back of an all-ones write (RES0/RES1 bits included) as a
 * host-dependent "~" line. IMPLEMENTATION DEFINED registers (mask 0) get
 * the "~" line only.
 */
static void run_probe(const struct probe *p, u64 (*fixup)(u64))
{
	u64 old = p->get();

	if (p->mask) {
		rt_puts(p->name);
		for (unsigned int i = 0;
		     i < sizeof(patterns) / sizeof(patterns[0]); i++) {
			u64 w = (patterns[i] & p->mask & ~p->keep) |
				(old & p->keep);
			u64 r = p->rw(w);

			rt_putc(' ');
			rt_hex((fixup ? fixup(r) : r) & p->mask);
		}
		rt_putc('\n');
	}
	rt_putc('~');
	rt_puts(p->name);
	rt_puts(".ones ");
	rt_hex(p->rw(~p->keep | (old & p->keep)));
	rt_putc('\n');
}

/*
 * CNTHx_CTL_EL2.ISTATUS (bit 2) is only meaningful with ENABLE (bit 0) set
 * (D23.10); the timers are compared against CVAL=0, so when enabled the
 * condition is always met and ISTATUS is deterministic.
 */
static u64 timer_ctl_fixup(u64 r)
{
	return (r & 1) ? r : (r & ~4UL);
}

static void probe_timers(void)
{
	static const struct probe ctl[] = {
		/* ENABLE, IMASK, ISTATUS (read-only) */
		{ "CNTHP_CTL_EL2", probe_CNTHP_CTL_EL2, probe_CNTHP_CTL_EL2_get,
		  0, BITS(2, 0) },
		{ "CNTHV_CTL_EL2", probe_CNTHV_CTL_EL2, probe_CNTHV_CTL_EL2_get,
		  0, BITS(2, 0) },
	};

	write_sysreg(cnthp_cval_el2, 0);
	write_sysreg(s3_4_c14_c3_2, 0);
	isb();
	for (unsigned int i = 0; i < 2; i++)
		run_probe(&ctl[i], timer_ctl_fixup);
	write_sysreg(cnthp_ctl_el2, 0);
	write_sysreg(s3_4_c14_c3_1, 0);
	isb();
}

/*
 * SP_EL2 cannot be named by MSR at EL2 (only from EL3): at EL2 it *is* SP
 * when PSTATE.SPSel=1. Check that it holds a value, and that SPSel=0
 * switches SP to SP_EL0 without disturbing it.
 */
static void probe_sp_el2(void)
{
	u64 saved_sp0 = read_sysreg(sp_el0), a, b, c, spsel;

	__asm__ volatile(
		"mov x9, sp\n\t"
		"msr sp_el0, %[p0]\n\t"
		"mov x10, %[p2]\n\t"
		"mov sp, x10\n\t"
		"mov %[a], sp\n\t"
		"msr spsel, #0\n\t"
		"mov %[b], sp\n\t"
		"mrs %[sel], spsel\n\t"
		"msr spsel, #1\n\t"
		"mov %[c], sp\n\t"
		"mov sp, x9"
		: [a] "=&r"(a), [b] "=&r"(b), [c] "=&r"(c), [sel] "=&r"(spsel)
		: [p0] "r"(0x1234567890abcdf0UL), [p2] "r"(0x0fedcba987654320UL)
		: "x9", "x10", "memory");
	write_sysreg(sp_el0, saved_sp0);
	rt_kv("SP_EL2", a);
	rt_kv("SP(SPSel=0)", b);
	rt_kv("SPSel", spsel);
	rt_kv_end("SP_EL2.after", c);
}

int main(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);

	rt_puts("sysregs: write 0, ~0, 0x55.., 0xaa.. into the defined bits, "
		"read back\n");
	/* Reset values are UNKNOWN architecturally: host-dependent lines. */
	rt_puts("~");
	rt_kv_end("HCR_EL2.reset", read_sysreg(hcr_el2));
	rt_puts("~");
	rt_kv_end("SCTLR_EL2.reset", read_sysreg(sctlr_el2));
	/* Not UNKNOWN: MDCR_EL2.HPMN [4:0] resets to PMCR_EL0.N [15:11]
	 * (Arm ARM MDCR_EL2, HPMN), every event counter left to EL1/EL0. */
	rt_kv_end("MDCR_EL2.HPMN.reset==PMCR_EL0.N",
		  (read_sysreg(mdcr_el2) & 0x1f) ==
			  ((read_sysreg(pmcr_el0) >> 11) & 0x1f));

	/*
	 * HSTR_EL2 traps AArch32 EL1 CP15 accesses: with EL1 AArch64-only
	 * (ID_AA64PFR0_EL1.EL1 [7:4] = 1) the whole register is RES0.
	 */
	if (((pfr0 >> 4) & 0xf) < 2)
		for (unsigned int i = 0; i < ARRAY_SIZE(plain); i++)
			if (plain[i].rw == probe_HSTR_EL2)
				plain[i].mask = 0;
	rt_puts("~");
	rt_kv_end("ID_AA64PFR0_EL1", pfr0);
	rt_puts("~");
	rt_kv_end("ID_AA64PFR1_EL1", read_sysreg(id_aa64pfr1_el1));
	rt_puts("~");
	rt_kv_end("ID_AA64MMFR1_EL1", read_sysreg(id_aa64mmfr1_el1));
	rt_puts("~");
	rt_kv_end("ID_AA64DFR0_EL1", read_sysreg(id_aa64dfr0_el1));

	for (unsigned int i = 0; i < ARRAY_SIZE(plain); i++)
		run_probe(&plain[i], 0);
	probe_timers();
	probe_sp_el2();

	rt_kv_end("ICH_VTR_EL2", read_sysreg(ICH_VTR_EL2));
	/* ZCR_EL2 exists with FEAT_SVE: ID_AA64PFR0_EL1.SVE, bits [35:32]. */
	if ((pfr0 >> 32) & 0xf) {
		/* CPTR_EL2.TZ (bit 8, E2H=0) must be clear to reach ZCR. */
		u64 cptr = read_sysreg(cptr_el2);

		write_sysreg(cptr_el2, cptr & ~(1UL << 8));
		isb();
		/* ZCR_EL2.LEN [3:0]; [8:4] are RAZ/WI. */
		static const struct probe zcr = { "ZCR_EL2", probe_ZCR_EL2,
						  probe_ZCR_EL2_get, 0,
						  BITS(3, 0) };
		run_probe(&zcr, 0);
		write_sysreg(cptr_el2, cptr);
		isb();
	} else {
		rt_puts("ZCR_EL2 absent\n");
	}
	rt_puts("sysregs: done\n");
	return 0;
}
