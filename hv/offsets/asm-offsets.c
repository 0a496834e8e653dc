// SPDX-License-Identifier: MIT
/*
 * Compiled to assembly only (mk/hv.mk): each OFFSET() leaves a "->NAME
 * value" line that the Makefile turns into a #define in asm-offsets.h for
 * hv/vectors.S. Not linked into vel2.
 */
#include <stddef.h>

#include "exit_record.h"

#define OFFSET(sym, val) \
	__asm__ volatile("\n.ascii \"->" #sym " %c0\"" ::"i"((long)(val)))

void asm_offsets(void);
void asm_offsets(void)
{
	OFFSET(CTX_X0, offsetof(struct hv_ctx, exit.x));
	OFFSET(CTX_ELR, offsetof(struct hv_ctx, exit.elr));
	OFFSET(CTX_SPSR, offsetof(struct hv_ctx, exit.spsr));
	OFFSET(CTX_ESR, offsetof(struct hv_ctx, exit.esr));
	OFFSET(CTX_FAR, offsetof(struct hv_ctx, exit.far));
	OFFSET(CTX_HPFAR, offsetof(struct hv_ctx, exit.hpfar));
	OFFSET(CTX_VECTOR, offsetof(struct hv_ctx, vector));
	OFFSET(CTX_HOST_X19, offsetof(struct hv_ctx, host_x19_x30));
	OFFSET(CTX_HOST_SP, offsetof(struct hv_ctx, host_sp));
	OFFSET(CTX_RP_ESR, offsetof(struct hv_ctx, replay.esr));
	OFFSET(CTX_RP_SPSR_MASK, offsetof(struct hv_ctx, replay.spsr_mask));
	OFFSET(CTX_RP_SPSR_VAL, offsetof(struct hv_ctx, replay.spsr_val));
	OFFSET(CTX_RP_SRC, offsetof(struct hv_ctx, replay.src));
	OFFSET(CTX_RP_HITS, offsetof(struct hv_ctx, replay_hits));
}
