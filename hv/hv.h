/* SPDX-License-Identifier: MIT */
/* vel2 bare-metal hypervisor: declarations shared by the hv/ files. */
#ifndef HV_H
#define HV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exit_record.h"

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

/* Encodings binutils may not name under -march=armv8.4-a. */
#define ID_AA64MMFR2_EL1 s3_0_c0_c7_2
#define SCTLR_EL12 s3_5_c1_c0_0
#define VNCR_EL2 s3_4_c2_c2_0

/* HCR_EL2 (Arm ARM D23.2.52). */
#define HCR_VM (1UL << 0)
#define HCR_FMO (1UL << 3)
#define HCR_IMO (1UL << 4)
#define HCR_AMO (1UL << 5)
#define HCR_TSC (1UL << 19)
#define HCR_TVM (1UL << 26)
#define HCR_TGE (1UL << 27)
#define HCR_TRVM (1UL << 30)
#define HCR_RW (1UL << 31)
#define HCR_E2H (1UL << 34)
#define HCR_APK (1UL << 40)
#define HCR_API (1UL << 41)
#define HCR_NV (1UL << 42)
#define HCR_NV1 (1UL << 43)

/* ESR_ELx.EC values (D23.2.49) the hv names. */
#define EC_UNKNOWN 0x00
#define EC_WFX 0x01
#define EC_HVC64 0x16
#define EC_SMC64 0x17
#define EC_SYS64 0x18
#define EC_ERET 0x1a
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

/* Where the guest image must be (guests/rt/guest.ld links it there). */
#define GUEST_LOAD_ADDR 0x40200000UL

/* console.c: every vel2 line starts with "vel2: " so the differential
 * harness can tell them from the guest's. */
void hv_puts(const char *s);
void hv_hex(u64 v);
void hv_dec(u64 v);
void hv_line(const char *s);
void hv_kv(const char *key, u64 v);

/* semihost.c: semihosting SYS_EXIT, or PSCI SYSTEM_OFF without it. */
void __attribute__((noreturn)) hv_exit(int status);
extern bool hv_semihosting;
extern bool hv_nv2; /* boot info HV_BOOT_NV2 */

/* boot.c: set the guest's entry state; returns the entry point. */
u64 hv_boot_prepare(struct exit_record *rec);
/* start.S: x0..x3 as QEMU passed them. */
extern u64 hv_boot_regs[4];

/* stage2.c */
void hv_stage2_init(void);

/* stats.c */
void hv_stats_count(const struct exit_record *rec);
void hv_stats_print(void);

/* exit.c: what the run loop does after an exit. */
enum hv_action {
	HV_RESUME, /* re-enter the guest */
	HV_STOP_OK, /* guest finished; exit with the recorded status */
	HV_STOP_ERR, /* cannot continue */
};
struct vel2_vcpu;
enum hv_action hv_handle_exit(struct vel2_vcpu *vcpu, struct exit_record *rec);

/* smccc.c: an SMC the guest made, x0..x3 in/out (PC not advanced). */
enum hv_action hv_handle_smc(u64 *x);

/* sysinsn.c: TLBI / AT the guest hypervisor made; false: unhandled. */
extern u64 hv_guest_hcr;
bool hv_handle_sysinsn(u64 esr, u64 *x);

/* trace.c: exit tracing (off unless hv_trace_init() got a count). */
struct vel2_exit;
void hv_trace_init(u64 first, u64 count);
void hv_trace_exit(const struct vel2_exit *before, const struct vel2_exit *e,
		   int verdict);

/* run.c */
/* CPTR_EL2 with E2H=1 (CPACR layout): FPEN[21:20]=ZEN[17:16]=0b11, no
 * FP/SVE traps; the guest owns those registers outright for now. */
#define HV_CPTR_GUEST ((3UL << 20) | (3UL << 16))
extern struct vel2_vcpu hv_vcpu;
u64 hv_phys_spsr(u64 vpstate);
void hv_vcpu_reset(struct hv_ctx *ctx);
void hv_run(struct hv_ctx *ctx, u64 host_bits, u64 host_hcr);

/* vectors.S */
extern char hv_vectors[];
void hv_enter_guest(struct hv_ctx *ctx);
void hv_panic(u64 vec, u64 esr, u64 elr, u64 far, u64 spsr);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

#endif
