// SPDX-License-Identifier: MIT
/*
 * vel2 boot: check the CPU, become a VHE host, prepare the guest's EL1
 * context and start the run loop. The boot CPU comes here from _start;
 * a secondary CPU from hv_secondary_entry (start.S) once the guest has
 * started it with PSCI CPU_ON (smccc.c). Both set up their EL2 state with
 * cpu_init_el2() and their vCPU with the same reset state.
 *
 * The guest (a guest hypervisor, built for EL2) is loaded by QEMU itself:
 *   -kernel build/hv/vel2.elf -device loader,file=build/guests/<g>.elf
 * The loader does not touch the PC, so vel2 boots and finds the guest at
 * its fixed link address, GUEST_LOAD_ADDR, where it enters it. A Linux
 * kernel comes with a boot info block instead (boot.c, bootinfo.h).
 */
#include "hv.h"
#include "dev/dev.h"

#include <vel2/vcpu.h>

#include <libfdt.h>

/* SCTLR_EL1 RES1 bits (29,28,23,22,20,11): MMU and caches off. */
#define SCTLR_EL1_RESET 0x30d00800UL

/* CNTHCTL_EL2 with E2H=1: EL1PCTEN(10), EL1PCEN(11): EL1 physical
 * counter and timer are not trapped. */
#define CNTHCTL_GUEST (VEL2_CNTHCTL_E2H_EL1PCTEN | VEL2_CNTHCTL_E2H_EL1PCEN)

/*
 * ZCR_EL2 (FEAT_SVE), encoding op0=3 op1=4 CRn=1 CRm=2 op2=0. LEN [3:0]
 * caps the vector length at EL1 and EL0 (Arm ARM D24.2 ZCR_EL2: the
 * effective length at EL1 is the smaller of ZCR_EL1.LEN and ZCR_EL2.LEN,
 * then the largest the PE implements). The guest hypervisor runs at EL1,
 * and its own ZCR_EL2 lives in the physical ZCR_EL1 (E2H=1) or is stored
 * (E2H=0): vel2's physical ZCR_EL2 must not cap it, so LEN is all ones,
 * which selects the largest implemented length. Left at its reset value
 * (QEMU: 0), Linux under vel2 found a 16-byte maximum where it finds 256
 * natively. Its L2 would need the guest hypervisor's ZCR_EL2 here instead
 * (not done: vel2 does not switch SVE state for L2 yet).
 */
#define ZCR_LEN_MAX 0xfUL

static void check_cpu(void)
{
	/* ID_AA64MMFR2_EL1.NV [27:24]: 1 = FEAT_NV, 2 = FEAT_NV2. */
	u64 nv = (read_sysreg_enc(ID_AA64MMFR2_EL1) >> 24) & 0xf;
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
		hv_poweroff(1);
	}
	if (vh < 1) {
		hv_line("FATAL: this CPU lacks FEAT_VHE; vel2 runs as a VHE "
			"host");
		hv_poweroff(1);
	}
}

/*
 * The EL2 state every CPU needs before it runs its vCPU: the physical
 * CPU comes out of QEMU's firmware (reset, or PSCI CPU_ON, which resets
 * it too) with the EL2 registers at their reset values.
 */
static void cpu_init_el2(void)
{
	write_sysreg(hcr_el2, HCR_HOST);
	isb();
	write_sysreg(vbar_el2, (u64)hv_vectors);
	write_sysreg(cptr_el2, HV_CPTR_GUEST);
	write_sysreg(cnthctl_el2, CNTHCTL_GUEST);
	write_sysreg(cntvoff_el2, 0);
	/* ID_AA64PFR0_EL1.SVE [35:32]: ZCR_EL2 exists. */
	if ((read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf)
		write_sysreg_enc(ZCR_EL2, ZCR_LEN_MAX);
	isb();
	hv_stage2_install();
}

/*
 * FEAT_NV2 on request (vel2-qemu --nv2): VNCR_EL2.BADDR is a virtual
 * address in vel2's own EL2&0 regime, whose stage 1 is off (SCTLR_EL2.M
 * stays at its reset value 0 on QEMU; vel2 never sets it), so the VA of
 * the vCPU's VNCR page is its physical address. The hardware's NVMem[]
 * accesses then use the EL2 regime's MMU-off attributes (Device-nGnRnE
 * for data), as do vel2's own accesses to the page: the same view.
 */
static void setup_nv2(struct hv_cpu *cpu)
{
	/* ID_AA64MMFR2_EL1.NV [27:24]: 2 = FEAT_NV2. */
	u64 nv = (read_sysreg_enc(ID_AA64MMFR2_EL1) >> 24) & 0xf;

	if (!hv_nv2)
		return;
	if (nv < 2) {
		/* NV2 is vel2-qemu's default: plain NV where it is missing. */
		if (!cpu->id)
			hv_line("NV2 requested but this CPU lacks FEAT_NV2: "
				"plain NV");
		hv_nv2 = false;
		return;
	}
	if (vel2_vcpu_enable_nv2(&cpu->vcpu, (u64)cpu->vcpu.regs.vncr_page) <
	    0) {
		hv_line("FATAL: the VNCR page is not page aligned");
		hv_poweroff(1);
	}
	/* Said once, by the boot CPU (the harness looks for the line). */
	if (cpu->id)
		return;
	hv_line("NV2 on for the guest hypervisor at vEL2 (VNCR page)");
}

/* The vCPU at its reset state (vEL2h, MMU off, D/A/I/F masked). */
static void setup_vcpu(struct hv_cpu *cpu)
{
	memset(&cpu->ctx, 0, sizeof(cpu->ctx));
	/* With E2H=1, *_EL12 names the guest's EL1 registers. */
	write_sysreg_enc(SCTLR_EL12, SCTLR_EL1_RESET);
	isb();
	hv_vcpu_reset(cpu);
}

/* QEMU's DTB: at the start of RAM, for vel2 as for any ELF kernel
 * (boot.c). */
#define QEMU_DTB_ADDR 0x40000000UL
/* MPIDR_EL1's affinity fields: Aff3 [39:32], Aff2..Aff0 [23:0]. */
#define MPIDR_AFF_MASK 0xff00ffffffUL

/* vel2's index of the running CPU: its place in the DTB's /cpus. */
static unsigned int this_cpu_index(void)
{
	return (unsigned int)hv_cpu_index(read_sysreg(mpidr_el1) &
					  MPIDR_AFF_MASK);
}

void __attribute__((noreturn)) hv_main(void);
void hv_main(void)
{
	int dt = hv_cpus_discover((const void *)QEMU_DTB_ADDR);
	unsigned int id = this_cpu_index();
	struct hv_cpu *cpu;
	u64 entry;

	/*
	 * TPIDR_EL2 first: the console's line buffer is per CPU. A boot CPU
	 * outside vel2's numbering (not QEMU virt) gets slot 0 to report.
	 */
	hv_cpu_attach(id < HV_MAX_CPUS ? id : 0);
	cpu = hv_this_cpu();
	hv_line("booting at EL2");
	if (dt) {
		hv_puts("FATAL: the DTB's /cpus: ");
		hv_puts(fdt_strerror(dt));
		hv_puts(" (vel2 runs at most 8 CPUs)\n");
		hv_poweroff(1);
	}
	check_cpu();
#ifdef HV_TRACE
	/* make hv HV_TRACE=N: trace the first N exits of any guest. */
	hv_trace_init(0, HV_TRACE);
#endif
	hv_stage2_init();
	cpu_init_el2();
	hv_psci_boot_cpu();
	setup_vcpu(cpu);
	entry = hv_boot_prepare(&cpu->ctx.exit);
	setup_nv2(cpu);
	hv_integrity_init();
	hv_puts("entering guest at ");
	hv_hex(entry);
	hv_puts(" at vEL2h (physical SPSR_EL2=");
	hv_hex(cpu->ctx.exit.spsr);
	hv_puts(")\n");
	hv_run(cpu);
}

/*
 * A secondary CPU, started by vel2's firmware CPU_ON on behalf of the
 * guest's (smccc.c), with x0 = its index as context id. PSCI (DEN0022
 * 5.6, CPU_ON): the CPU starts at the entry point in the caller's
 * exception level, here vEL2h, with the MMU and caches off, D/A/I/F
 * masked and x0 = context_id: that is the vCPU's reset state plus the
 * entry point and x0. No console output here: the guest may be printing
 * on another CPU, and vel2's lines must not land inside its lines.
 */
void __attribute__((noreturn)) hv_secondary_main(u64 id);
void hv_secondary_main(u64 id)
{
	struct hv_cpu *cpu;

	hv_cpu_attach((unsigned int)id);
	cpu = hv_this_cpu();
	cpu_init_el2();
	setup_vcpu(cpu);
	setup_nv2(cpu);
	cpu->ctx.exit.elr = cpu->entry;
	cpu->ctx.exit.x[0] = cpu->context_id;
	hv_lock(&hv_psci_lock);
	cpu->state = HV_CPU_ON;
	hv_unlock(&hv_psci_lock);
	hv_run(cpu);
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
	hv_poweroff(2);
}
