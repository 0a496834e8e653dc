/* SPDX-License-Identifier: MIT */
/* vel2 bare-metal hypervisor: declarations shared by the hv/ files. */
#ifndef HV_H
#define HV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exit_record.h"

#include <vel2/hw.h>
#include <vel2/hwcfg.h>
#include <vel2/vcpu.h>

typedef uint64_t u64;
typedef uint32_t u32;

#define __hv_str(x) #x
#define hv_str(x) __hv_str(x)
#define read_sysreg(r)                                              \
	({                                                          \
		u64 __v;                                            \
		__asm__ volatile("mrs %0, " hv_str(r) : "=r"(__v)); \
		__v;                                                \
	})
#define write_sysreg(r, v) \
	__asm__ volatile("msr " hv_str(r) ", %0" ::"r"((u64)(v)) : "memory")
#define isb() __asm__ volatile("isb" ::: "memory")
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")

/*
 * Registers binutils may not name under -march=armv8.4-a, by name through
 * their catalog encoding (VEL2_ENC_<NAME>, include/vel2/sysregs.def):
 * read_sysreg_enc(VNCR_EL2). The name is macro-expanded first.
 */
#define HV_ENC(name) VEL2_ENC_##name
#define read_sysreg_enc(name) vel2_mrs_enc(HV_ENC(name))
#define write_sysreg_enc(name, v) vel2_msr_enc(HV_ENC(name), v)

/* HCR_EL2 while vel2 runs: the EL2&0 host regime (E2H=1, TGE=1), plus
 * the guest's VEL2_HCR_HOST_KEEP bits (run.c, hv_host_hcr). */
#define HCR_HOST (VEL2_HCR_E2H | VEL2_HCR_TGE | VEL2_HCR_RW)

/* The subset of HCR_EL2 QEMU (10.x TCG) flushes its whole softmmu TLB
 * on when a write changes it: counted per CPU (run.c, stats.c). */
#define HCR_FLUSH_BITS                                            \
	(VEL2_HCR_VM | VEL2_HCR_PTW | VEL2_HCR_DC | VEL2_HCR_NV | \
	 VEL2_HCR_NV1 | VEL2_HCR_FWB | VEL2_HCR_DCT)

/* Where the guest image must be (guests/rt/guest.ld links it there). */
#define GUEST_LOAD_ADDR 0x40200000UL

/*
 * Per physical CPU state (cpu.c). vel2 runs one vCPU per physical CPU, at
 * most HV_MAX_CPUS of them; QEMU virt numbers CPU n with MPIDR Aff0 = n
 * (Aff1..3 = 0) below 16 CPUs with GICv3, and vel2 indexes its CPUs by
 * that Aff0.
 */
#define HV_MAX_CPUS 8
#define HV_STACK_SIZE 0x4000UL

/* PSCI power state of a vCPU as vel2 sees it (DEN0022 5.7, AFFINITY_INFO). */
enum hv_cpu_state {
	HV_CPU_OFF, /* never started, or off: CPU_ON may start it */
	HV_CPU_ON_PENDING, /* firmware CPU_ON done, not in the guest yet */
	HV_CPU_ON, /* running the guest */
	HV_CPU_OFF_PENDING, /* CPU_OFF forwarded, the firmware not done yet */
};

#define HV_MAX_SYSREGS 96
/* Open-addressed index over sysregs[] (stats.c): a power of two above
 * HV_MAX_SYSREGS, so a probe always ends at the key or an empty slot. */
#define HV_SYSREG_SLOTS 128

/* Exits and the time vel2 spent on them (CNTPCT_EL0 ticks, from the
 * exception entry seen by the run loop to the next ERET). */
struct hv_count {
	u64 n;
	u64 ticks;
};

struct hv_sysreg_count {
	u32 key; /* HV_SYSREG_KEY(): the register and the direction */
	struct hv_count c;
};
/* A trapped MRS/MSR/SYS: catalog encoding (VEL2_SYS_ENC) and read bit. */
#define HV_SYSREG_KEY(syn) (((u32)(syn)->sys.enc << 1) | (syn)->sys.read)

/* What vel2 did with an exit: the library's verdict, refined by the host. */
enum hv_outcome {
	HV_OUT_EMULATED, /* VEL2_RESUME */
	HV_OUT_INJECTED, /* VEL2_INJECTED: UNDEF, illegal ERET, vEL2's HVC */
	HV_OUT_FORWARDED, /* VEL2_FORWARDED to the guest hypervisor */
	HV_OUT_SERVED, /* VEL2_NEEDS_HOST, done by vel2 (PSCI, WFI...) */
	HV_OUT_ABORT, /* external abort injected (access to nothing) */
	HV_NR_OUTCOMES,
};

/* stats.c: written by the owning CPU only, summed when printed. */
struct hv_stats {
	struct hv_count total;
	struct hv_count by_ec[65]; /* [64]: asynchronous (IRQ/FIQ/SError) */
	u64 by_outcome[HV_NR_OUTCOMES];
	u64 hcr_writes; /* physical HCR_EL2 writes (run.c, sysinsn.c) */
	u64 hcr_flushes; /* ... that changed an HCR_FLUSH_BITS bit */
	u64 cptr_writes;
	u64 fast_exits; /* taken by vel2_fast_exit() (run.c): time not counted
			 */
	u64 replayed; /* ... of which answered in the vector (vectors.S) */
	struct hv_sysreg_count sysregs[HV_MAX_SYSREGS];
	unsigned int nr_sysregs;
	u8 sysreg_slot[HV_SYSREG_SLOTS]; /* index into sysregs[] + 1, 0: free */
	u64 sysreg_overflow;
};

struct hv_cpu {
	/* First: its VNCR block must be page aligned (vcpu.h). */
	struct vel2_vcpu vcpu;
	/* TPIDR_EL2 points here while vel2 runs on this CPU (vectors.S). */
	struct hv_ctx ctx;
	unsigned int id; /* index: MPIDR_EL1.Aff0 */
	u64 guest_hcr; /* the physical HCR_EL2 the guest last ran with */
	/* The last values written to the hardware (run.c hv_set_*). */
	u64 hw_hcr, hw_cptr, hw_vncr;
	u64 nr_exits; /* trace.c */
	struct hv_stats stats;
	/* console.c: this CPU's line, emitted whole under the console lock */
	char line[160];
	unsigned int line_len;
	bool line_private; /* this line to the private UART only */
	/* PSCI (smccc.c), under hv_psci_lock */
	u32 state; /* enum hv_cpu_state */
	u64 entry; /* CPU_ON entry point and context id for the secondary */
	u64 context_id;
};

extern struct hv_cpu hv_cpus[HV_MAX_CPUS];

/* The running CPU's state: TPIDR_EL2 holds &cpu->ctx (hv_cpu_attach). */
static inline struct hv_cpu *hv_this_cpu(void)
{
	struct hv_ctx *ctx;

	__asm__ volatile("mrs %0, tpidr_el2" : "=r"(ctx));
	return (struct hv_cpu *)((char *)ctx - offsetof(struct hv_cpu, ctx));
}

/*
 * A mutual exclusion lock for up to HV_MAX_CPUS CPUs built from plain
 * loads and stores (Lamport's bakery), see cpu.c for why not exclusives.
 */
struct hv_lock {
	volatile u32 choosing[HV_MAX_CPUS];
	volatile u32 number[HV_MAX_CPUS];
};
void hv_lock(struct hv_lock *l);
void hv_unlock(struct hv_lock *l);
bool hv_lock_held(const struct hv_lock *l);
extern struct hv_lock hv_psci_lock;

void hv_cpu_attach(unsigned int id);

/* console.c: every vel2 line starts with "vel2: " so the differential
 * harness can tell them from the guest's. */
void hv_puts(const char *s);
void hv_hex(u64 v);
void hv_dec(u64 v);
void hv_line(const char *s);

/* semihost.c: semihosting SYS_EXIT, or PSCI SYSTEM_OFF without it. */
void __attribute__((noreturn)) hv_poweroff(int status);
extern bool hv_semihosting;
extern bool hv_nv2; /* boot info HV_BOOT_NV2 */

/* boot.c: set the guest's entry state; returns the entry point. */
u64 hv_boot_prepare(struct vel2_exit *rec);

/* console.c: vel2's private UART (bootinfo.h), 0 when there is none;
 * hv_trace_private: trace lines go there only (HV_BOOT_TRACE_PRIVATE),
 * each begun with hv_trace_line(). */
extern u64 hv_private_uart;
extern bool hv_trace_private;
void hv_trace_line(void);

/* boot.c: vel2's 2 MiB region (hv.ld), which stage 2 hides; the guest's
 * RAM, where PSCI CPU_ON entry points must lie. */
u64 hv_region_base(void);
#define HV_REGION_SIZE 0x200000UL

/* cpu.c: vel2's CPU index of an MPIDR affinity (-1: none), from the DTB's
 * /cpus once hv_cpus_discover() has read them (0 or a libfdt error). */
int hv_cpus_discover(const void *dtb);
int hv_cpu_index(u64 aff);

/* stage2.c: build the tables once, install them on every CPU. */
void hv_stage2_init(void);
void hv_stage2_install(void);
/* stage2.c: unmap one page of QEMU virt's platform devices (0x09000000 +
 * 2 MiB); false if pa is not such a page. */
bool hv_stage2_hide_page(u64 pa);

/* stats.c */
void hv_stats_count(const struct hv_ctx *ctx, u64 ticks);
void hv_stats_outcome(enum hv_outcome o);
/* n exits of `syn` that the fast path (replayed: the vector) answered. */
void hv_stats_fast(const struct vel2_esr *syn, u64 n, bool replayed);
void hv_stats_print(void);
/* The register a HV_SYSREG_KEY names: catalog name, else s<op0>_<op1>_... */
void hv_put_sysreg(u32 key);

const char *hv_ec_name(unsigned int ec);

/* handle_exit.c: what the run loop does after an exit. */
enum hv_action {
	HV_RESUME, /* re-enter the guest */
	HV_STOP_OK, /* guest finished; exit with the recorded status */
	HV_STOP_ERR, /* cannot continue */
};
enum hv_action hv_handle_exit(struct vel2_vcpu *vcpu, struct hv_ctx *ctx);

/* smccc.c: an SMC the guest made, x0..x3 in/out (PC not advanced). */
enum hv_action hv_handle_smc(u64 *x);
void hv_psci_boot_cpu(void);

/* sysinsn.c: TLBI / AT the guest hypervisor made; false: unhandled. */
bool hv_handle_sysinsn(struct vel2_exit *e);

/* trace.c: exit tracing (off unless hv_trace_init() got a count). */
void hv_trace_init(u64 first, u64 count);
/* Whether the exit now being handled is printed in full: only then does
 * handle_exit.c keep a copy of the frame as the hardware reported it. */
bool hv_trace_wanted(void);
/* Tracing is on: every exit goes through hv_handle_exit() (run.c). */
bool hv_trace_enabled(void);
void hv_trace_exit(const struct vel2_exit *before, const struct vel2_exit *e,
		   int verdict);

/* run.c */
/* CPTR_EL2 with E2H=1 (CPACR layout): FPEN[21:20]=ZEN[17:16]=0b11, no
 * FP/SVE traps; the guest owns those registers outright for now. */
#define HV_CPTR_GUEST (VEL2_CPACR_FPEN | VEL2_CPACR_ZEN)
/* Write HCR_EL2 / CPTR_EL2 only when the value changes (no ISB). */
void hv_set_hcr(struct hv_cpu *cpu, u64 hcr);
void hv_set_cptr(struct hv_cpu *cpu, u64 cptr);
/* Switch to vel2's own configuration (E2H=1, TGE=1) before serving an
 * exit as the platform; the emulation needs none (run.c). */
void hv_host_regime(struct hv_cpu *cpu);
/* HCR_EL2 for vel2 itself, given what the guest ran with. */
static inline u64 hv_host_hcr(u64 guest_hcr)
{
	return vel2_hwcfg_host_hcr(HCR_HOST, guest_hcr);
}
void hv_vcpu_reset(struct hv_cpu *cpu);
void __attribute__((noreturn)) hv_run(struct hv_cpu *cpu);

/* debug.c: before every entry, after vel2_hwcfg(), the CPU's MDSCR_EL1
 * and DBGBCR/DBGWCR as cfg says. */
void hv_debug_enter(const struct vel2_hwcfg *cfg);

/* vectors.S */
extern char hv_vectors[];
void hv_enter_guest(struct hv_ctx *ctx);
void hv_panic(u64 vec, u64 esr, u64 elr, u64 far, u64 spsr);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
