/* SPDX-License-Identifier: MIT */
/*
 * The exit record: everything the vectors capture when the guest leaves
 * EL1 for EL2, and everything hv_enter_guest() loads before ERET. Offsets
 * are shared with vectors.S, hence plain #defines checked by
 * _Static_assert in run.c.
 */
#ifndef HV_EXIT_RECORD_H
#define HV_EXIT_RECORD_H

#define REC_X0 0
#define REC_SP_EL0 (31 * 8)
#define REC_ELR (32 * 8)
#define REC_SPSR (33 * 8)
#define REC_ESR (34 * 8)
#define REC_FAR (35 * 8)
#define REC_HPFAR (36 * 8)
#define REC_VECTOR (37 * 8)
#define REC_SIZE (38 * 8)

/* struct hv_ctx = exit record, then the host's callee-saved state. */
#define CTX_HOST_X19 REC_SIZE /* x19..x30: 12 registers */
#define CTX_HOST_SP (CTX_HOST_X19 + 12 * 8)
#define CTX_SIZE (CTX_HOST_SP + 8)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct exit_record {
	uint64_t x[31];
	uint64_t sp_el0;
	uint64_t elr; /* ELR_EL2: where the guest resumes */
	uint64_t spsr; /* SPSR_EL2: the guest's PSTATE */
	uint64_t esr; /* ESR_EL2 */
	uint64_t far; /* FAR_EL2 (valid for aborts only) */
	uint64_t hpfar; /* HPFAR_EL2 (stage 2 aborts only) */
	uint64_t vector; /* VBAR_EL2 offset the exit came through */
};

struct hv_ctx {
	struct exit_record rec;
	uint64_t host_x19_x30[12];
	uint64_t host_sp;
};
#endif

#endif
