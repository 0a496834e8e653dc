// SPDX-License-Identifier: MIT
/*
 * vel2 boot: check the CPU, become a VHE host, prepare the guest's EL1
 * context and start the run loop.
 *
 * The guest (a guest hypervisor, built for EL2) is loaded by QEMU itself:
 *   -kernel build/hv/vel2.elf -device loader,file=build/guests/<g>.elf
 * The loader does not touch the PC, so vel2 boots and finds the guest at
 * its fixed link address, GUEST_LOAD_ADDR, where it enters it. A Linux
 * kernel comes with a boot info block instead (boot.c, bootinfo.h).
 */
#include "hv.h"

/* SPSR_EL2 for the first entry: EL1h, D/A/I/F masked, like a reset into
 * EL2h. Under HCR_EL2.NV the guest reads CurrentEL as EL2. */
#define GUEST_SPSR 0x3c5UL
/* SCTLR_EL1 RES1 bits (29,28,23,22,20,11): MMU and caches off. */
#define SCTLR_EL1_RESET 0x30d00800UL

/*
 * HCR_EL2 while the guest runs (D23.2.52), nVHE guest hypervisor:
 *   E2H    vel2 itself is a VHE host and stays one
 *   RW     EL1 is AArch64
 *   NV     EL2 accesses, ERET, AT S1E2*, TLBI *E2 at EL1 trap (FEAT_NV)
 *   NV1    EL1 registers that the guest uses as its EL2 ones are kept for
 *          its L2 (VBAR_EL1, ELR_EL1, SPSR_EL1 ...) and trap
 *   TVM/TRVM  the EL1 VM registers trap: they belong to the guest's L2
 *   TSC    SMC traps: vel2 is the guest's firmware
 *   AMO/IMO/FMO  physical interrupts go to vel2
 *   VM     vel2's stage 2 hides vel2 (stage2.c)
 *   API/APK  pointer authentication does not trap
 */
#define HCR_GUEST_NVHE                                                        \
	(HCR_E2H | HCR_RW | HCR_NV | HCR_NV1 | HCR_TVM | HCR_TRVM | HCR_TSC | \
	 HCR_AMO | HCR_IMO | HCR_FMO | HCR_VM | HCR_API | HCR_APK)
/* HCR_EL2 while vel2 runs: the EL2&0 host regime (E2H=1, TGE=1). */
#define HCR_HOST (HCR_E2H | HCR_TGE | HCR_RW)

/* CPTR_EL2 with E2H=1 (CPACR layout): FPEN[21:20]=ZEN[17:16]=0b11, no
 * FP/SVE traps; the guest owns those registers outright for now. */
#define CPTR_GUEST ((3UL << 20) | (3UL << 16))
/* CNTHCTL_EL2 with E2H=1: EL1PCTEN(10), EL1PCEN(11): EL1 physical
 * counter and timer are not trapped. */
#define CNTHCTL_GUEST ((1UL << 10) | (1UL << 11))

void hv_run(struct hv_ctx *ctx, u64 guest_hcr, u64 host_hcr);

static struct hv_ctx guest_ctx;

static void check_cpu(void)
{
	/* ID_AA64MMFR2_EL1.NV [27:24]: 1 = FEAT_NV, 2 = FEAT_NV2. */
	u64 nv = (read_sysreg(ID_AA64MMFR2_EL1) >> 24) & 0xf;
	/* ID_AA64MMFR1_EL1.VH [11:8]: FEAT_VHE. */
	u64 vh = (read_sysreg(id_aa64mmfr1_el1) >> 8) & 0xf;

	hv_puts("ID_AA64MMFR2_EL1.NV=");
	hv_dec(nv);
	hv_puts(" ID_AA64MMFR1_EL1.VH=");
	hv_dec(vh);
	hv_puts("\n");
	if (nv < 1) {
		hv_line("FATAL: this CPU lacks FEAT_NV (ID_AA64MMFR2_EL1.NV=0);"
			" vel2 needs it (QEMU >= 9: -cpu max)");
		hv_exit(1);
	}
	if (vh < 1) {
		hv_line("FATAL: this CPU lacks FEAT_VHE; vel2 runs as a VHE "
			"host");
		hv_exit(1);
	}
}

static void setup_host(void)
{
	write_sysreg(hcr_el2, HCR_HOST);
	isb();
	write_sysreg(vbar_el2, (u64)hv_vectors);
	write_sysreg(cptr_el2, CPTR_GUEST);
	write_sysreg(cnthctl_el2, CNTHCTL_GUEST);
	write_sysreg(cntvoff_el2, 0);
	isb();
	hv_stage2_init();
}

static u64 setup_guest(struct hv_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->rec.spsr = GUEST_SPSR;
	/* With E2H=1, *_EL12 names the guest's EL1 registers. */
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RESET);
	isb();
	return hv_boot_prepare(&ctx->rec);
}

void __attribute__((noreturn)) hv_main(void);
void hv_main(void)
{
	u64 entry;

	hv_line("booting at EL2");
	check_cpu();
	setup_host();
	entry = setup_guest(&guest_ctx);
	hv_puts("entering guest at ");
	hv_hex(entry);
	hv_puts(" (EL1, HCR_EL2=");
	hv_hex(HCR_GUEST_NVHE);
	hv_puts(")\n");
	hv_run(&guest_ctx, HCR_GUEST_NVHE, HCR_HOST);
	hv_exit(1);
}

void hv_panic(u64 vec, u64 esr, u64 elr, u64 far, u64 spsr)
{
	hv_puts("PANIC: exception in vel2 itself: vector ");
	hv_hex(vec);
	hv_puts(" esr ");
	hv_hex(esr);
	hv_puts(" elr ");
	hv_hex(elr);
	hv_puts(" far ");
	hv_hex(far);
	hv_puts(" spsr ");
	hv_hex(spsr);
	hv_puts("\n");
	hv_exit(2);
}
