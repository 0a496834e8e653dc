// SPDX-License-Identifier: MIT
/*
 * The physical trap configuration per vCPU mode. Expected bits are written
 * from the Arm ARM HCR_EL2 / CPTR_EL2 field positions, not from the
 * library's macros, so a wrong macro fails here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <vel2/accessors.h>
#include <vel2/hwcfg.h>
#include <vel2/sim.h>
#include "helpers/arm_bits.h"

#define PSR_EL2H 0x9
#define PSR_EL1H 0x5
#define PSR_EL0T 0x0

static const unsigned long long host = HCR_E2H | HCR_RW | HCR_VM | HCR_TSC;
/* In hyp context pointer authentication never traps: vEL2 is EL2. */
#define HYP_PAUTH (HCR_API | HCR_APK)
/* At vEL2 unless {E2H,TGE} = {1,1}, AT S1E* and the EL1 TLBIs mean its
 * guest's EL1&0 regime: HCR_EL2.AT and TTLB trap them to vel2. */
#define HYP_L2_REGIME (HCR_AT | HCR_TTLB)
static struct vel2_vcpu vcpu;

static void setup_vcpu(unsigned long long vhcr, unsigned long long pstate)
{
	vel2_vcpu_init(&vcpu);
	assert_int_equal(vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2, vhcr),
			 0);
	vel2_vcpu_set_pstate(&vcpu, pstate);
}

static void nvhe_guest_hypervisor(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW, PSR_EL2H);
	vel2_vcpu_load(&vcpu);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV1 | HCR_TVM | HCR_TRVM |
					  HYP_L2_REGIME);
	assert_int_equal(cfg.cptr, CPTR_TCPAC);
	/* NV1 without NV2: the CPU reports EL1 in SPSR_EL1.M at vEL2 (the
	 * placement's flag, which relocation set). */
	assert_true(vcpu.hw_spsr_reports_el1);
	vel2_vcpu_put(&vcpu);
}

static void vhe_guest_hypervisor(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_E2H, PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	/* TGE=0: AT S1E1* mean its guest's EL1&0 regime, walked by the
	 * library (HCR_EL2.AT); with TGE=1 they mean EL2&0, the physical
	 * EL1&0 regime, and need no trap. */
	assert_int_equal(cfg.hcr,
			 host | HCR_TID3 | HYP_PAUTH | HCR_NV | HYP_L2_REGIME);
	setup_vcpu(HCR_RW | HCR_E2H | HCR_TGE, PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV);
	/* CPACR_EL1 means CPTR_EL2 here, and cannot hold TCPAC/TAM. */
	assert_int_equal(cfg.cptr, CPTR_TCPAC);
	assert_false(vcpu.hw_spsr_reports_el1);
}

/* vEL0 under virtual E2H and TGE is the VHE host's userspace: hyp context. */
static void vhe_host_userspace(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV);
	/* The guest's TGE never reaches the hardware: the host keeps EL1. */
	assert_int_equal(cfg.hcr & HCR_TGE, 0);
}

/* L2 at vEL1: the guest hypervisor's trap requests reach the hardware. */
static void nested_guest_gets_guest_traps(void **state)
{
	struct vel2_hwcfg cfg;
	const unsigned long long vhcr =
		HCR_RW | HCR_TVM | HCR_TID3 | HCR_IMO | HCR_VI;

	setup_vcpu(vhcr, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TVM | HCR_TID3 | HCR_IMO | HCR_VI);
	assert_int_equal(cfg.cptr, 0);
	assert_false(vcpu.hw_spsr_reports_el1);
}

/*
 * Pointer authentication while L2 runs: HCR_EL2.API[41]/APK[40] are the
 * guest hypervisor's (0 = L2's PAC instructions and key registers trap to
 * it), whatever the host passes; in hyp context always 1 (issue 8: L2 read
 * the guest hypervisor's keys with API/APK forced on).
 */
static void pauth_traps_follow_guest_hypervisor(void **state)
{
	const unsigned long long with = host | HCR_API | HCR_APK;
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_E2H, PSR_EL1H);
	vel2_hwcfg(&vcpu, with, &cfg);
	assert_int_equal(cfg.hcr & (HCR_API | HCR_APK), 0);
	setup_vcpu(HCR_RW | HCR_E2H | HCR_API, PSR_EL0T);
	vel2_hwcfg(&vcpu, with, &cfg);
	assert_int_equal(cfg.hcr & (HCR_API | HCR_APK), HCR_API);
	setup_vcpu(HCR_RW | HCR_APK, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & (HCR_API | HCR_APK), HCR_APK);
	/* The guest hypervisor itself, whatever its own bits say. */
	setup_vcpu(HCR_RW, PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & (HCR_API | HCR_APK), HCR_API | HCR_APK);
	setup_vcpu(HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & (HCR_API | HCR_APK), HCR_API | HCR_APK);
	/* SCXTNUM: the physical EnSCXT[53] stays 0, so L2's accesses trap to
	 * vel2, which forwards or emulates them (route.c). */
	setup_vcpu(HCR_RW | HCR_E2H | HCR_ENSCXT, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & HCR_ENSCXT, 0);
}

/*
 * HCR_EL2.APK = 0 traps EL1's key registers (Arm ARM HCR_EL2.APK): a host
 * that sets APK for itself keeps it for L2 only if the guest hypervisor
 * set it too; at vEL2 the host's value stands.
 */
static void nested_guest_apk_from_guest(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW, PSR_EL1H);
	vel2_hwcfg(&vcpu, host | HCR_APK, &cfg);
	assert_false(cfg.hcr & HCR_APK);
	setup_vcpu(HCR_RW | HCR_APK, PSR_EL1H);
	vel2_hwcfg(&vcpu, host | HCR_APK, &cfg);
	assert_true(cfg.hcr & HCR_APK);
	setup_vcpu(HCR_RW, PSR_EL2H);
	vel2_hwcfg(&vcpu, host | HCR_APK, &cfg);
	assert_true(cfg.hcr & HCR_APK);
}

/*
 * The shadow stage 2 takes 48-bit IPAs: ID_AA64MMFR0_EL1 offers at most
 * 48-bit PAs (PARange [3:0] 0b0101) and no FEAT_LPA2 52-bit granules
 * (TGran4 [31:28] 0b0001, TGran16 [23:20] 0b0010, TGran16_2 [35:32] and
 * TGran4_2 [43:40] 0b0011 read as the 48-bit values). Positions from the
 * Arm ARM's ID_AA64MMFR0_EL1.
 */
static void id_sanitise_pa48(void **state)
{
	/* QEMU -cpu max like: PARange 52, ASIDBits 16, BigEnd, SNSMem,
	 * TGran16 2, TGran4 1, TGran16_2 3, TGran64_2 2, TGran4_2 3, FGT 1,
	 * ECV 2 (which reads 1 as well). */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x2100032310201126ULL),
			 0x1100022200101125ULL);
	/* 48 bits and below, and the 48-bit granule forms, stay. */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x0000022200101122ULL),
			 0x0000022200101122ULL);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x00000f0ff0f00005ULL),
			 0x00000f0ff0f00005ULL);
}

/*
 * On the shadow stage 2 the guest hypervisor's HCR_EL2.PTW [2] and FWB
 * [46] are the physical ones (the hardware translates L2 as its stage 2
 * says); never in hyp context, nor for an L2 without its stage 2, which
 * run on vel2's own stage 2.
 */
static void ptw_fwb_follow_shadow(void **state)
{
	const unsigned long long ptw = 1ULL << 2, fwb = 1ULL << 46;
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_VM | ptw | fwb, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_true(cfg.shadow_s2);
	assert_int_equal(cfg.hcr & (ptw | fwb), ptw | fwb);
	setup_vcpu(HCR_RW | HCR_VM | fwb, PSR_EL0T);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & (ptw | fwb), fwb);
	setup_vcpu(HCR_RW | ptw | fwb, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_false(cfg.shadow_s2);
	assert_int_equal(cfg.hcr & (ptw | fwb), 0);
	setup_vcpu(HCR_RW | HCR_E2H | HCR_VM | ptw | fwb, PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr & (ptw | fwb), 0);
}

/*
 * ID group 3 traps in every mode, whether the guest hypervisor asked or not:
 * vel2's view of the CPU (vel2_id_sanitise) is what both levels read.
 */
static void id_group3_always_trapped(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3);
	setup_vcpu(HCR_RW | HCR_E2H, PSR_EL0T);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_true(cfg.hcr & HCR_TID3);
}

/*
 * The features vel2 does not virtualize read as "not implemented"; field
 * positions from the Arm ARM register descriptions: ID_AA64MMFR2_EL1.NV
 * [27:24], ID_AA64MMFR4_EL1.NV_frac [23:20], ID_AA64PFR1_EL1.SME [27:24].
 */
static void id_sanitise_hides_nv_and_sme(void **state)
{
	const unsigned long long all = ~0ULL;

	/* QEMU -cpu max: NV=2 (FEAT_NV2) among other MMFR2 fields. */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR2_EL1,
					  0x1221011112101011ULL),
			 0x1221011110101011ULL);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR2_EL1, all),
			 all & ~(0xfULL << 24));
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR4_EL1, all),
			 all & ~(0xfULL << 20));
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64PFR1_EL1, all),
			 all & ~(0xfULL << 24));
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64SMFR0_EL1, all),
			 0);
	/* ECV 2 (FEAT_ECV_POFF) reads 1: CNTPOFF_EL2 is not applied to L2;
	 * 0 and 1 stay, and so do the other fields. */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x2000000000101125ULL),
			 0x1000000000101125ULL);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x1000000000101125ULL),
			 0x1000000000101125ULL);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR0_EL1,
					  0x0fffffffffffffffULL),
			 0x0ffffffffffffff5ULL); /* PARange: below */
	/* ID_AA64PFR2_EL1.MTEPERM [3:0] (FEAT_MTE_PERM): hidden. */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64PFR2_EL1, all),
			 all & ~0xfULL);
	/* Everything else is the hardware's. */
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64PFR0_EL1, all),
			 all);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_ID_AA64MMFR1_EL1, all),
			 all);
	assert_int_equal(vel2_id_sanitise(VEL2_SYSREG_MIDR_EL1, 0x410fd4f0),
			 0x410fd4f0);
}

/* A guest asking for NV itself gets no recursive nesting. */
static void nested_guest_nv_bits_dropped(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_NV | HCR_NV1 | HCR_NV2, PSR_EL1H);
	vel2_hwcfg(&vcpu, host | HCR_NV2, &cfg);
	assert_int_equal(cfg.hcr & (HCR_NV | HCR_NV1 | HCR_NV2), 0);
}

/* Where the host's EL2 regime maps the VNCR page (MMU off: its PA). */
#define VNCR_VA 0x40101000ULL

/*
 * FEAT_NV2 for a VHE guest hypervisor at vEL2: NV2[45] on top of NV[42],
 * NV1[43] clear, CPACR_EL1 still trapped (its NV2 redirect needs NV1=1),
 * VNCR_EL2 at the page. SPSR_EL1.M reports EL2 with NV2 (no fix-up).
 */
static void vhe_nv2_guest_hypervisor(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_E2H, PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.vncr, 0); /* not enabled: plain NV */
	assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, VNCR_VA), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV2 | HYP_L2_REGIME);
	assert_int_equal(cfg.cptr, CPTR_TCPAC);
	assert_int_equal(cfg.vncr, VNCR_VA);
	assert_false(vcpu.hw_spsr_reports_el1);
	/* VNCR_EL2.BADDR is a page address. */
	assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, VNCR_VA + 8),
			 -VEL2_EINVAL);
	assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, 0), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr,
			 host | HCR_TID3 | HYP_PAUTH | HCR_NV | HYP_L2_REGIME);
	assert_int_equal(cfg.vncr, 0);
}

/*
 * nVHE guest hypervisor with NV2: {NV2,NV1,NV} = {1,1,1}. TVM/TRVM and
 * CPTR_EL2.TCPAC would take priority over the NVMem accesses of SCTLR_EL1
 * ... CONTEXTIDR_EL1 and CPACR_EL1 (each register's "Accessing"
 * pseudocode tests them first), so they are off; with NV2 the hardware
 * reports EL2 in SPSR_EL1.M, so no fix-up.
 */
static void nvhe_nv2_guest_hypervisor(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW, PSR_EL2H);
	vel2_vcpu_load(&vcpu);
	assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, VNCR_VA), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV1 | HCR_NV2 | HYP_L2_REGIME);
	assert_int_equal(cfg.cptr, 0);
	assert_int_equal(cfg.vncr, VNCR_VA);
	assert_false(vcpu.hw_spsr_reports_el1);
	/* Off again: the trap-based nVHE configuration, fix-up included. */
	assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, 0), 0);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV1 | HCR_TVM | HCR_TRVM |
					  HYP_L2_REGIME);
	assert_int_equal(cfg.cptr, CPTR_TCPAC);
	assert_true(vcpu.hw_spsr_reports_el1);
	vel2_vcpu_put(&vcpu);
}

/* Enabled, but not the guest hypervisor at vEL2: no NV2 bit, no VNCR. */
static void nv2_only_at_vel2(void **state)
{
	struct vel2_hwcfg cfg;
	/* vEL0 of the VHE host: EL0 accesses are not redirected anyway. */
	setup_vcpu(HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T);
	vel2_vcpu_enable_nv2(&vcpu, VNCR_VA);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV);
	assert_int_equal(cfg.vncr, 0);
	/* L2: no NV bits at all. */
	setup_vcpu(HCR_RW | HCR_E2H | HCR_VI, PSR_EL1H);
	vel2_vcpu_enable_nv2(&vcpu, VNCR_VA);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HCR_VI);
	assert_int_equal(cfg.vncr, 0);
}

/*
 * Under NV2 the guest writes HCR_EL2 (VNCR offset 0x78) in memory without
 * a trap; the configuration for the next entry follows the page.
 */
static void nv2_hcr_written_in_memory(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | HCR_E2H, PSR_EL2H);
	vel2_vcpu_enable_nv2(&vcpu, VNCR_VA);
	vcpu.regs.vncr_page[0x78 / 8] = HCR_RW; /* E2H cleared by the guest */
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV1 | HCR_NV2 | HYP_L2_REGIME);
	assert_int_equal(cfg.vncr, VNCR_VA);
	/* And set again: back to the VHE NV2 configuration. */
	vcpu.regs.vncr_page[0x78 / 8] = HCR_RW | HCR_E2H;
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_int_equal(cfg.hcr, host | HCR_TID3 | HYP_PAUTH | HCR_NV |
					  HCR_NV2 | HYP_L2_REGIME);
	assert_int_equal(cfg.cptr, CPTR_TCPAC);
}

/*
 * The guest hypervisor's own stage 2 (VM[0], or DC[12] which implies it)
 * for its guest asks for a shadow stage 2; in hyp context those bits only
 * affect the guest hypervisor's guest, so vEL2 itself runs on vel2's.
 */
static void own_stage2_shadowed(void **state)
{
	struct vel2_hwcfg cfg;

	setup_vcpu(HCR_RW | (1ULL << 0), PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_true(cfg.shadow_s2);
	assert_null(cfg.unsupported);

	setup_vcpu(HCR_RW | (1ULL << 12), PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_true(cfg.shadow_s2);

	setup_vcpu(HCR_RW | (1ULL << 0), PSR_EL2H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_false(cfg.shadow_s2);

	setup_vcpu(HCR_RW | HCR_TVM, PSR_EL1H);
	vel2_hwcfg(&vcpu, host, &cfg);
	assert_false(cfg.shadow_s2);
	assert_null(cfg.unsupported);
}

/*
 * The host's own HCR_EL2 (vel2_hwcfg_host_hcr) against the configuration
 * of every mode: E2H and TGE set, and none of the bits whose change makes
 * QEMU flush its TLB differs, so that neither switch (guest -> host on an
 * exit, host -> guest on entry) changes one. Bit positions from the Arm
 * ARM HCR_EL2: VM[0] PTW[2] DC[12] NV[42] NV1[43] FWB[46] DCT[57].
 */
#define FLUSH_BITS                                                 \
	((1ULL << 0) | (1ULL << 2) | (1ULL << 12) | (1ULL << 42) | \
	 (1ULL << 43) | (1ULL << 46) | (1ULL << 57))

static void check_host_hcr(unsigned long long guest_hcr)
{
	unsigned long long h = vel2_hwcfg_host_hcr(HCR_E2H | HCR_RW, guest_hcr);

	assert_int_equal(h & (HCR_E2H | HCR_TGE), HCR_E2H | HCR_TGE);
	assert_int_equal(h & FLUSH_BITS, guest_hcr & FLUSH_BITS);
	assert_int_equal(h & HCR_NV2, guest_hcr & HCR_NV2);
	/* The guest's trap controls are not vel2's. */
	assert_int_equal(h & (HCR_TVM | HCR_TRVM | HCR_TID3 | HCR_TSC), 0);
}

static void host_hcr_keeps_flush_bits(void **state)
{
	static const struct {
		unsigned long long vhcr, pstate;
	} modes[] = {
		{ HCR_RW, PSR_EL2H }, /* nVHE vEL2: NV, NV1 */
		{ HCR_RW | HCR_E2H, PSR_EL2H }, /* VHE vEL2: NV */
		{ HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T }, /* VHE host EL0 */
		{ HCR_RW | HCR_TVM, PSR_EL1H }, /* L2 */
		{ HCR_RW | HCR_TVM, PSR_EL0T },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		setup_vcpu(modes[i].vhcr, modes[i].pstate);
		vel2_hwcfg(&vcpu, host, &cfg);
		check_host_hcr(cfg.hcr);
	}
	/* And every single flush-relevant bit on its own, plus NV2. */
	for (unsigned int b = 0; b < 64; b++)
		if ((FLUSH_BITS | HCR_NV2) & (1ULL << b))
			check_host_hcr(HCR_E2H | HCR_RW | (1ULL << b));
}

/*
 * HCR_EL2.ATA [56] (FEAT_MTE2, Arm ARM D24.2 HCR_EL2): 0 disables tag
 * access and checks at EL1/EL0 and traps the MTE registers there. vEL2 is
 * EL2, which it never restricts: 1 in hyp context when the vCPU has
 * FEAT_MTE2 (ID_AA64PFR1_EL1.MTE [11:8] >= 2), 0 (RES0) without. For L2
 * it is the guest hypervisor's own bit. The host keeps it (inert at EL2
 * with TGE=1), so an exit does not rewrite HCR_EL2 for it.
 */
#define HCR_ATA (1ULL << 56)
static void mte2_ata_per_mode(void **state)
{
	static const struct {
		unsigned long long vhcr, pstate, want;
	} modes[] = {
		{ HCR_RW, PSR_EL2H, HCR_ATA }, /* nVHE vEL2 */
		{ HCR_RW | HCR_E2H, PSR_EL2H, HCR_ATA }, /* VHE vEL2 */
		{ HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T,
		  HCR_ATA }, /* host EL0 */
		{ HCR_RW, PSR_EL1H, 0 }, /* L2, ATA = 0: trapped */
		{ HCR_RW | HCR_ATA, PSR_EL1H, HCR_ATA }, /* L2 with tags */
		{ HCR_RW | HCR_E2H | HCR_ATA, PSR_EL0T, HCR_ATA },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		for (unsigned int mte = 1; mte <= 2; mte++) {
			setup_vcpu(modes[i].vhcr, modes[i].pstate);
			vcpu.regs.by_id[VEL2_SYSREG_ID_AA64PFR1_EL1] =
				(unsigned long long)mte << 8;
			vel2_hwcfg(&vcpu, host, &cfg);
			/* Without FEAT_MTE2 the bit is RES0, whatever the
			 * guest stored (an NV2 store is not sanitised). */
			assert_int_equal(cfg.hcr & HCR_ATA,
					 mte == 2 ? modes[i].want : 0);
			assert_int_equal(vel2_hwcfg_host_hcr(host, cfg.hcr) &
						 HCR_ATA,
					 cfg.hcr & HCR_ATA);
		}
	}
}

/*
 * CNTVOFF_EL2: the guest hypervisor's offset applies to its guest and to
 * itself at EL2 with E2H=0; in its EL2&0 regime the offset is 0 (Arm ARM
 * D12, the virtual counter).
 */
static void cntvoff_per_mode(void **state)
{
	static const struct {
		unsigned long long hcr, pstate, expect;
	} c[] = {
		{ HCR_RW, PSR_EL2H, 0x1234 }, /* nVHE EL2 */
		{ HCR_RW | HCR_E2H, PSR_EL2H, 0 }, /* VHE EL2 */
		{ HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T, 0 }, /* its EL0 */
		{ HCR_RW | HCR_E2H, PSR_EL1H, 0x1234 }, /* L2 */
		{ HCR_RW | HCR_E2H, PSR_EL0T, 0x1234 }, /* L2's EL0 */
		{ HCR_RW, PSR_EL1H, 0x1234 },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		setup_vcpu(c[i].hcr, c[i].pstate);
		assert_int_equal(vel2_write_sysreg(&vcpu,
						   VEL2_SYSREG_CNTVOFF_EL2,
						   0x1234),
				 0);
		vel2_hwcfg(&vcpu, host, &cfg);
		assert_int_equal(cfg.cntvoff, c[i].expect);
	}
}

/*
 * The guest hypervisor's L2-only EL2 controls (hwcfg.h cfg->l2 & co): its
 * values while L2 runs, vel2's (the identity registers EL2 reads, no
 * traps, the largest vector length) in hyp context. For each register a
 * distinct value, so a swapped or missing field fails.
 */
static void l2_controls_per_mode(void **state)
{
	static const struct {
		unsigned long long hcr, pstate;
		bool l2;
	} c[] = {
		{ HCR_RW | HCR_E2H, PSR_EL1H, true }, /* L2 of a VHE one */
		{ HCR_RW | HCR_E2H, PSR_EL0T, true }, /* L2's EL0 */
		{ HCR_RW, PSR_EL1H, true }, /* L2 of an nVHE one */
		{ HCR_RW, PSR_EL2H, false }, /* nVHE EL2 */
		{ HCR_RW | HCR_E2H, PSR_EL2H, false }, /* VHE EL2 */
		{ HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T, false }, /* its EL0 */
	};
	static const struct {
		unsigned int reg;
		unsigned long long v;
	} w[] = {
		{ VEL2_SYSREG_MIDR_EL1, 0x410fd0c0 },
		{ VEL2_SYSREG_MPIDR_EL1, 0x80000001 },
		{ VEL2_SYSREG_VPIDR_EL2, 0x4100d4f0 },
		{ VEL2_SYSREG_VMPIDR_EL2, 0x80000003 },
		{ VEL2_SYSREG_HSTR_EL2, 0x8001 },
		{ VEL2_SYSREG_HFGRTR_EL2, 0x11 },
		{ VEL2_SYSREG_HFGWTR_EL2, 0x22 },
		{ VEL2_SYSREG_HFGITR_EL2, 0x44 },
		{ VEL2_SYSREG_HDFGRTR_EL2, 0x88 },
		{ VEL2_SYSREG_HDFGWTR_EL2, 0x110 },
		{ VEL2_SYSREG_ZCR_EL2, 0x3 },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		setup_vcpu(c[i].hcr, c[i].pstate);
		for (unsigned int j = 0; j < sizeof(w) / sizeof(w[0]); j++)
			assert_int_equal(
				vel2_write_sysreg(&vcpu, w[j].reg, w[j].v), 0);
		vel2_hwcfg(&vcpu, host, &cfg);
		assert_int_equal(cfg.l2, c[i].l2);
		if (c[i].l2) {
			assert_int_equal(cfg.vpidr, 0x4100d4f0);
			assert_int_equal(cfg.vmpidr, 0x80000003);
			assert_int_equal(cfg.hstr, 0x8001);
			assert_int_equal(cfg.fgt[0], 0x11);
			assert_int_equal(cfg.fgt[1], 0x22);
			assert_int_equal(cfg.fgt[2], 0x44);
			assert_int_equal(cfg.fgt[3], 0x88);
			assert_int_equal(cfg.fgt[4], 0x110);
			assert_int_equal(cfg.zcr_len, 3);
		} else {
			assert_int_equal(cfg.vpidr, 0x410fd0c0);
			assert_int_equal(cfg.vmpidr, 0x80000001);
			assert_int_equal(cfg.hstr, 0);
			for (unsigned int k = 0; k < 5; k++)
				assert_int_equal(cfg.fgt[k], 0);
			assert_int_equal(cfg.zcr_len, 0xf);
		}
	}
}

/*
 * The guest hypervisor's FP/SIMD and SVE traps for L2 reach the physical
 * CPTR_EL2 (E2H=1 layout: FPEN [21:20], ZEN [17:16]) as bits to clear from
 * vel2's 0b11: E2H=1 copies its FPEN/ZEN, E2H=0 turns TFP [10] / TZ [8]
 * into 0b00. Nothing is cleared in hyp context.
 */
static void cptr_fp_traps_for_l2(void **state)
{
	static const struct {
		unsigned long long hcr, pstate, cptr, clear;
	} c[] = {
		/* VHE: FPEN=0b00 ZEN=0b11 -> clear FPEN */
		{ HCR_RW | HCR_E2H, PSR_EL1H, 3ULL << 16, 3ULL << 20 },
		/* VHE: FPEN=0b01 (EL0 with TGE=1 only), ZEN=0b00 */
		{ HCR_RW | HCR_E2H, PSR_EL0T, 1ULL << 20,
		  (2ULL << 20) | (3ULL << 16) },
		/* VHE: nothing trapped */
		{ HCR_RW | HCR_E2H, PSR_EL1H, (3ULL << 20) | (3ULL << 16), 0 },
		/* nVHE: TFP */
		{ HCR_RW, PSR_EL1H, 1ULL << 10, 3ULL << 20 },
		/* nVHE: TZ */
		{ HCR_RW, PSR_EL1H, 1ULL << 8, 3ULL << 16 },
		/* nVHE: neither */
		{ HCR_RW, PSR_EL1H, 0, 0 },
		/* hyp context: its CPTR_EL2 acts on vEL2 via CPACR_EL1 */
		{ HCR_RW, PSR_EL2H, 1ULL << 10, 0 },
		{ HCR_RW | HCR_E2H, PSR_EL2H, 0, 0 },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		setup_vcpu(c[i].hcr, c[i].pstate);
		assert_int_equal(vel2_write_sysreg(&vcpu, VEL2_SYSREG_CPTR_EL2,
						   c[i].cptr),
				 0);
		vel2_hwcfg(&vcpu, host, &cfg);
		assert_int_equal(cfg.cptr_clear, c[i].clear);
	}
}

/*
 * The physical CNTHCTL_EL2 (E2H=1 layout: EL1PCTEN[10], EL1PCEN[11],
 * EL1TVT[13], EL1TVCT[14]; Arm ARM D24.2 CNTHCTL_EL2) per mode. Hyp
 * context with E2H=1: its CNTP_* and CNTV_* mean the EL2 timers and must
 * trap (EL1PCEN=0, EL1TVT=1). nVHE vEL2: nothing, but its virtual counter
 * under NV2 (EL1TVCT=1). L2: the guest hypervisor's own controls, moved
 * from bits [1:0] when its E2H=0, the ECV ones only if it sees FEAT_ECV.
 */
static void timer_traps_per_mode(void **state)
{
	static const struct {
		unsigned long long hcr, pstate;
		bool nv2, ecv;
		unsigned long long guest, expect;
	} c[] = {
		{ HCR_RW | HCR_E2H, PSR_EL2H, false, true, 0xc03, 0x2400 },
		{ HCR_RW | HCR_E2H, PSR_EL2H, true, true, 0, 0x1a400 },
		{ HCR_RW | HCR_E2H | HCR_TGE, PSR_EL0T, false, true, 0,
		  0x2400 },
		{ HCR_RW, PSR_EL2H, false, true, 0, 0xc00 },
		{ HCR_RW, PSR_EL2H, true, true, 0, 0x6400 },
		/* L2 under E2H=1 */
		{ HCR_RW | HCR_E2H, PSR_EL1H, false, true, 0, 0 },
		{ HCR_RW | HCR_E2H, PSR_EL0T, false, true, 0x800, 0x800 },
		{ HCR_RW | HCR_E2H, PSR_EL1H, false, true, 0x6c00, 0x6c00 },
		{ HCR_RW | HCR_E2H, PSR_EL1H, false, false, 0x6c00, 0xc00 },
		{ HCR_RW | HCR_E2H, PSR_EL1H, true, true, 0x1c400, 0x4400 },
		/* L2 under E2H=0: bits [1:0], [11:8] RES0 */
		{ HCR_RW, PSR_EL1H, false, true, 0x3, 0xc00 },
		{ HCR_RW, PSR_EL1H, false, true, 0x1, 0x400 },
		{ HCR_RW, PSR_EL1H, true, true, 0x2, 0x800 },
		{ HCR_RW, PSR_EL1H, false, true, 0xc00, 0 },
		{ HCR_RW, PSR_EL1H, false, true, 0x2002, 0x2800 },
	};
	struct vel2_hwcfg cfg;

	for (unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		setup_vcpu(c[i].hcr, c[i].pstate);
		vel2_stored(&vcpu.regs, ID_AA64MMFR0_EL1) =
			c[i].ecv ? 1ULL << 60 : 0;
		if (c[i].nv2)
			assert_int_equal(vel2_vcpu_enable_nv2(&vcpu, VNCR_VA),
					 0);
		assert_int_equal(vel2_write_sysreg(&vcpu,
						   VEL2_SYSREG_CNTHCTL_EL2,
						   c[i].guest),
				 0);
		vel2_hwcfg(&vcpu, host, &cfg);
		if (cfg.cnthctl != c[i].expect)
			fail_msg("case %u: cnthctl %#llx, want %#llx", i,
				 (unsigned long long)cfg.cnthctl, c[i].expect);
	}
}

/*
 * vel2_hwcfg() computes; the host writes what cfg says (hv/run.c,
 * hv/debug.c). In every mode, loaded, with debug controls that make it
 * translate DBGBCR/DBGWCR (MDSCR_EL1.MDE in hyp context) or hide
 * MDSCR_EL1.KDE (its debug target EL1 at vEL2): no register of the
 * simulated CPU changes, at the first entry after a change of mode and
 * at the next.
 */
static void hwcfg_writes_no_cpu_register(void **state)
{
	static const unsigned long long ps[] = { PSR_EL2H, PSR_EL1H, PSR_EL0T };
	/* ID_AA64MMFR0_EL1.FGT [59:56] = 1; ID_AA64DFR0_EL1 BRPs [15:12],
	 * WRPs [23:20]: 2 each. MDSCR_EL1 KDE [13], MDE [15], SS [0].
	 * DBGBCR0_EL1: E, BAS 0xf, HMC, SSC 0b11 (EL2 only). */
	const unsigned long long mmfr0 = 1ULL << 56, dfr0 = 0x101000ULL;
	const unsigned long long mdscr = (1ULL << 13) | (1ULL << 15) | 1;

	for (unsigned int m = 0; m < 16; m++) {
		bool e2h = m & 1, tge = (m & 2) && e2h, nv2 = m & 4;
		bool tde = m & 8;

		for (unsigned int from = 0; from < 3; from++) {
			for (unsigned int to = 0; to < 3; to++) {
				struct vel2_hwcfg cfg;
				struct vel2_sim_cpu before;

				vel2_sim_reset();
				vel2_sim.dbg[0][0] = 0xe1e1;
				vel2_vcpu_init(&vcpu);
				vel2_write_sysreg(&vcpu,
						  VEL2_SYSREG_ID_AA64MMFR0_EL1,
						  mmfr0);
				vel2_write_sysreg(&vcpu,
						  VEL2_SYSREG_ID_AA64DFR0_EL1,
						  dfr0);
				vel2_write_sysreg(&vcpu, VEL2_SYSREG_MDCR_EL2,
						  tde ? 1ULL << 8 : 0);
				vel2_write_sysreg(&vcpu, VEL2_SYSREG_HCR_EL2,
						  HCR_RW | (e2h ? HCR_E2H : 0) |
							  (tge ? HCR_TGE : 0));
				vel2_write_sysreg(&vcpu, VEL2_SYSREG_MDSCR_EL1,
						  mdscr);
				vel2_write_sysreg(&vcpu, VEL2_SYSREG_SPSR_EL2,
						  0x3c5);
				vel2_vcpu_set_pstate(&vcpu, ps[from]);
				vel2_vcpu_load(&vcpu);
				if (nv2)
					assert_int_equal(vel2_vcpu_enable_nv2(
								 &vcpu, 0x7000),
							 0);
				vel2_hwcfg(&vcpu, host, &cfg);
				vel2_vcpu_set_pstate(&vcpu, ps[to]);
				for (unsigned int i = 0; i < 2; i++) {
					before = vel2_sim;
					vel2_hwcfg(&vcpu, host, &cfg);
					if (memcmp(vel2_sim.reg, before.reg,
						   sizeof(before.reg)) ||
					    memcmp(vel2_sim.writes,
						   before.writes,
						   sizeof(before.writes)) ||
					    memcmp(vel2_sim.dbg, before.dbg,
						   sizeof(before.dbg)) ||
					    vel2_sim.dbg_writes !=
						    before.dbg_writes)
						fail_msg("mode %u, %u -> %u, "
							 "entry %u: CPU "
							 "written",
							 m, from, to, i);
				}
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nvhe_guest_hypervisor),
		cmocka_unit_test(vhe_guest_hypervisor),
		cmocka_unit_test(vhe_host_userspace),
		cmocka_unit_test(vhe_nv2_guest_hypervisor),
		cmocka_unit_test(nvhe_nv2_guest_hypervisor),
		cmocka_unit_test(nv2_only_at_vel2),
		cmocka_unit_test(nv2_hcr_written_in_memory),
		cmocka_unit_test(pauth_traps_follow_guest_hypervisor),
		cmocka_unit_test(nested_guest_gets_guest_traps),
		cmocka_unit_test(nested_guest_nv_bits_dropped),
		cmocka_unit_test(own_stage2_shadowed),
		cmocka_unit_test(cntvoff_per_mode),
		cmocka_unit_test(l2_controls_per_mode),
		cmocka_unit_test(cptr_fp_traps_for_l2),
		cmocka_unit_test(timer_traps_per_mode),
		cmocka_unit_test(nested_guest_apk_from_guest),
		cmocka_unit_test(id_group3_always_trapped),
		cmocka_unit_test(id_sanitise_pa48),
		cmocka_unit_test(ptw_fwb_follow_shadow),
		cmocka_unit_test(id_sanitise_hides_nv_and_sme),
		cmocka_unit_test(host_hcr_keeps_flush_bits),
		cmocka_unit_test(mte2_ata_per_mode),
		cmocka_unit_test(hwcfg_writes_no_cpu_register),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
