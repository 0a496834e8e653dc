/* SPDX-License-Identifier: MIT */
/*
 * Shared runtime of the vel2 test guests. A guest is a bare-metal program
 * written for EL2: it is the "guest hypervisor" that vel2 runs at virtual
 * EL2, and it must produce the same console output natively at EL2.
 */
#ifndef GUEST_RT_H
#define GUEST_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sysreg.h"

typedef uint64_t u64;
typedef uint32_t u32;

/* Every guest is linked here; vel2 enters it at this address too. */
#define RT_LOAD_ADDR 0x40200000UL

/* Console (PL011 on QEMU virt), line buffered: see uart.c for why. */
void rt_putc(char c);
void rt_puts(const char *s);
void rt_flush(void);
void rt_hex(u64 v); /* 16 digits, no prefix */
void rt_hex_short(u64 v); /* minimal digits, "0x" prefix */
void rt_dec(u64 v);
/* "<key>=0x<16 hex digits>" followed by a space, or a newline if last. */
void rt_kv(const char *key, u64 v);
void rt_kv_end(const char *key, u64 v);

/* An SMC Calling Convention call (DEN0028: x0 = function id, x1-x3
 * arguments, result in x0; x4-x17 may be clobbered). PSCI on QEMU virt. */
u64 rt_smc(u64 fid, u64 a1, u64 a2, u64 a3);

/* Exit: firmware notice (see poweroff.c), then semihosting SYS_EXIT. */
void __attribute__((noreturn)) rt_exit(int status);
/* Print ID_AA64MMFR1_EL1.VH; without FEAT_VHE say so and exit with 1. */
void rt_require_vhe(const char *guest);

/* Register frame pushed by the EL2 vectors (start.S). */
struct rt_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

/* What the runtime saw on the last exception it took. */
struct rt_exc {
	u64 vec; /* offset into the vector table: 0x000 .. 0x780 */
	u64 esr;
	u64 elr;
	u64 spsr;
	u64 far;
};

/*
 * A guest installs a hook to handle its expected exceptions. The hook may
 * edit the frame (registers, ELR, SPSR) and returns true if it handled the
 * exception; otherwise the runtime reports it and exits with failure.
 */
typedef bool (*rt_exc_hook_t)(struct rt_frame *f, const struct rt_exc *e);
void rt_vectors_install(rt_exc_hook_t hook);
extern struct rt_exc rt_last_exc;
extern u64 rt_exc_count;
/* Print "<tag> vec= esr= elr= spsr=" and "far=" when FAR is valid. */
void rt_print_exc(const char *tag, const struct rt_exc *e);
bool rt_far_valid(u64 esr);

/*
 * Expected exceptions, one at a time: RT_TRY(tag, asm) runs `asm` with the
 * rt_try_hook installed by the guest, which prints the exception under
 * `tag`, moves past it and sets x0 to RT_TRY_TOOK; RT_TRY complains when
 * no exception came. Return addresses, from each class's preferred return
 * (Arm ARM D1.x "Preferred exception return address"): SVC and HVC are
 * already past the instruction; an instruction abort or PC alignment fault
 * happened at a branch target, so go back to the caller of that branch
 * (x30); everything else points at the instruction, so skip it.
 */
#define RT_TRY_TOOK 0xfa11
extern const char *rt_try_tag;
bool rt_try_hook(struct rt_frame *f, const struct rt_exc *e);
#define RT_TRY(tag, code)                                               \
	do {                                                            \
		u64 __r;                                                \
		rt_try_tag = tag;                                       \
		__asm__ volatile("mov x0, #0\n\t" code "\n\tmov %0, x0" \
				 : "=r"(__r)                            \
				 :                                      \
				 : "x0", "x1", "x30", "memory");        \
		if (__r != RT_TRY_TOOK)                                 \
			rt_puts("no exception!\n");                     \
	} while (0)

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

/* Stage 1 EL2 (nVHE format) translation, see mmu.c. */
#define RT_ALIAS_VA 0x80000000UL /* 4 KiB pages: RW, RO, unmapped */
extern u64 rt_magic_page[512];
void rt_mmu_build(void);
void rt_mmu_enable(void);
u64 rt_mmu_root(void);

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

int main(void);

#endif
