/* SPDX-License-Identifier: MIT */
/*
 * vel2's EL2 vectors and the guest entry/exit path.
 *
 * hv_enter_guest(ctx) saves the host's callee-saved registers and SP in
 * ctx, points TPIDR_EL2 at ctx, loads the guest from ctx->exit (the
 * library's struct vel2_exit, exit_record.h) and ERETs. An exception from
 * the guest (VBAR_EL2 + 0x400..0x780: lower EL, AArch64) saves the guest
 * straight into ctx->exit and "returns" from hv_enter_guest() to the run
 * loop. The CTX_* offsets are generated from the C structure
 * (asm-offsets.h, mk/hv.mk). Exceptions from vel2 itself (offsets 0x000..0x380) are bugs:
 * hv_panic() reports them.
 *
 * The host runs with HCR_EL2.E2H=1, where ELR_EL2/SPSR_EL2/ESR_EL2/FAR_EL2
 * are still reached by their own names (Arm ARM D5.6.1).
 */
#include "asm-offsets.h"

	.text
	.global	hv_enter_guest
hv_enter_guest:
	stp	x19, x20, [x0, #CTX_HOST_X19]
	stp	x21, x22, [x0, #CTX_HOST_X19 + 16]
	stp	x23, x24, [x0, #CTX_HOST_X19 + 32]
	stp	x25, x26, [x0, #CTX_HOST_X19 + 48]
	stp	x27, x28, [x0, #CTX_HOST_X19 + 64]
	stp	x29, x30, [x0, #CTX_HOST_X19 + 80]
	mov	x1, sp
	str	x1, [x0, #CTX_HOST_SP]
	/*
	 * Only what changed is written: QEMU's TCG ends the translation
	 * block after every MSR and rebuilds its cached CPU state (a trip
	 * through its main loop, the dearest part of a fast exit), while an
	 * MRS and a compare are cheap. TPIDR_EL2 is set once per CPU, and
	 * an emulated exit seldom changes SPSR_EL2; ELR_EL2 moves on every
	 * exit. The guest's SP_EL0 is not in the frame: vel2 runs on SP_EL2
	 * (SPSel=1 at EL2) and never uses SP_EL0, so it stays in the
	 * register, where the library reaches it (sysregs.def: SHARED).
	 */
	mrs	x4, tpidr_el2
	cmp	x4, x0
	b.eq	1f
	msr	tpidr_el2, x0
1:	ldr	x1, [x0, #CTX_ELR]
	ldr	x2, [x0, #CTX_SPSR]
	msr	elr_el2, x1
	mrs	x4, spsr_el2
	cmp	x4, x2
	b.eq	2f
	msr	spsr_el2, x2
2:
	ldp	x2, x3, [x0, #CTX_X0 + 16]
	ldp	x4, x5, [x0, #CTX_X0 + 32]
	ldp	x6, x7, [x0, #CTX_X0 + 48]
	ldp	x8, x9, [x0, #CTX_X0 + 64]
	ldp	x10, x11, [x0, #CTX_X0 + 80]
	ldp	x12, x13, [x0, #CTX_X0 + 96]
	ldp	x14, x15, [x0, #CTX_X0 + 112]
	ldp	x16, x17, [x0, #CTX_X0 + 128]
	ldp	x18, x19, [x0, #CTX_X0 + 144]
	ldp	x20, x21, [x0, #CTX_X0 + 160]
	ldp	x22, x23, [x0, #CTX_X0 + 176]
	ldp	x24, x25, [x0, #CTX_X0 + 192]
	ldp	x26, x27, [x0, #CTX_X0 + 208]
	ldp	x28, x29, [x0, #CTX_X0 + 224]
	ldr	x30, [x0, #CTX_X0 + 240]
	ldp	x0, x1, [x0, #CTX_X0]
	eret
	/* Straight-line speculation barrier after ERET. */
	dsb	nsh
	isb

hv_guest_exit:
	/* x0, x1 of the guest are on the stack; x0 holds the vector offset. */
	mrs	x1, tpidr_el2
	str	x0, [x1, #CTX_VECTOR]
	stp	x2, x3, [x1, #CTX_X0 + 16]
	stp	x4, x5, [x1, #CTX_X0 + 32]
	stp	x6, x7, [x1, #CTX_X0 + 48]
	stp	x8, x9, [x1, #CTX_X0 + 64]
	stp	x10, x11, [x1, #CTX_X0 + 80]
	stp	x12, x13, [x1, #CTX_X0 + 96]
	stp	x14, x15, [x1, #CTX_X0 + 112]
	stp	x16, x17, [x1, #CTX_X0 + 128]
	stp	x18, x19, [x1, #CTX_X0 + 144]
	stp	x20, x21, [x1, #CTX_X0 + 160]
	stp	x22, x23, [x1, #CTX_X0 + 176]
	stp	x24, x25, [x1, #CTX_X0 + 192]
	stp	x26, x27, [x1, #CTX_X0 + 208]
	stp	x28, x29, [x1, #CTX_X0 + 224]
	str	x30, [x1, #CTX_X0 + 240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1, #CTX_X0]
	mrs	x3, elr_el2
	mrs	x4, spsr_el2
	mrs	x5, esr_el2
	mrs	x6, far_el2
	mrs	x7, hpfar_el2
	str	x3, [x1, #CTX_ELR]
	str	x4, [x1, #CTX_SPSR]
	str	x5, [x1, #CTX_ESR]
	str	x6, [x1, #CTX_FAR]
	str	x7, [x1, #CTX_HPFAR]

	ldp	x19, x20, [x1, #CTX_HOST_X19]
	ldp	x21, x22, [x1, #CTX_HOST_X19 + 16]
	ldp	x23, x24, [x1, #CTX_HOST_X19 + 32]
	ldp	x25, x26, [x1, #CTX_HOST_X19 + 48]
	ldp	x27, x28, [x1, #CTX_HOST_X19 + 64]
	ldp	x29, x30, [x1, #CTX_HOST_X19 + 80]
	ldr	x2, [x1, #CTX_HOST_SP]
	mov	sp, x2
	ret

/*
 * A synchronous exit from the guest (VBAR_EL2 + 0x400). While run.c has
 * armed a replay (CTX_RP_ESR != 0: the library's vel2_fast_replay()
 * recipe for the MRS it just answered), an exit with that ESR (any Rt)
 * and an SPSR that matches under the recipe's mask is answered here:
 * Xt = *src, ELR_EL2 += 4, ERET with the SPSR the hardware wrote, the
 * hit counted. No frame, no C. The decision stays the library's; this
 * code only compares. Anything else goes to hv_guest_exit with
 * x0 = 0x400, as the other vectors do.
 *
 * Laid out for QEMU's TCG, where an exit's cost is in translation-block
 * ends and lookups rather than in instructions (docs/hv.md, "Replay in
 * the vector"): the checks sit in the vector slot itself and end in one
 * conditional branch per outcome; Xt for Rt 0..3 (the guest's x0..x3,
 * saved on the stack here; 92% of a Linux boot's replays) is written by
 * one indexed store, [sp] x2, [sp + 8] x3, [sp + 16] x0, [sp + 24] x1,
 * so Xt is at sp + 8 * (t ^ 2); Rt 4..31 go through a table (an indirect
 * branch, which costs TCG a block lookup). The MSR ELR_EL2 is the one
 * system register write, and every such write makes TCG recompute its
 * cached CPU state and leave the block (about 0.1 us): no other way to
 * set the return address exists.
 */
	.if	CTX_RP_SPSR_MASK != CTX_RP_ESR + 8 || CTX_RP_HITS != CTX_RP_SRC + 8
	.error	"hv_sync_exit loads these in pairs"
	.endif
	.if	CTX_RP_SRC > 504
	.error	"LDP reaches 504 bytes: keep the replay near hv_ctx's start"
	.endif
hv_replay_low:
	/* x1 = ctx; the recipe matched and Rt < 4. */
	ldp	x0, x2, [x1, #CTX_RP_SRC]	/* src, hits */
	add	x2, x2, #1
	str	x2, [x1, #CTX_RP_HITS]
	ldr	x0, [x0]
	mrs	x2, esr_el2
	ubfx	x2, x2, #5, #2		/* ISS.Rt [6:5]: 0..3 here */
	eor	x2, x2, #2
	str	x0, [sp, x2, lsl #3]
	mrs	x0, elr_el2
	add	x0, x0, #4
	msr	elr_el2, x0
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	eret
	/* Straight-line speculation barrier after ERET. */
	dsb	nsh
	isb

hv_replay_high:
	/* x1 = ctx; the recipe matched and Rt >= 4. */
	ldp	x0, x2, [x1, #CTX_RP_SRC]	/* src, hits */
	add	x2, x2, #1
	str	x2, [x1, #CTX_RP_HITS]
	mrs	x3, elr_el2
	add	x3, x3, #4
	msr	elr_el2, x3
	ldr	x0, [x0]
	mrs	x2, esr_el2
	ubfx	x2, x2, #5, #5
	adr	x3, hv_replay_rt - 4 * 8
	add	x3, x3, x2, lsl #3
	br	x3
	/*
	 * One 8-byte entry per Rt from 4; Rt = 31 is XZR: nothing.
	 */
hv_replay_rt:
	.irp	n, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\n, x0
	b	hv_replay_done
	.endr
	b	hv_replay_done
	nop
hv_replay_done:
	.if	hv_replay_done - hv_replay_rt != 28 * 8
	.error	"one 8-byte entry per Rt from 4"
	.endif
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	eret
	/* Straight-line speculation barrier after ERET. */
	dsb	nsh
	isb

hv_self_exception:
	/* x0 = vector offset; the stack still works, report and stop. */
	add	sp, sp, #16
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	mrs	x4, spsr_el2
	bl	hv_panic
1:	wfi
	b	1b

	.macro	vent off, target
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\off
	b	\target
	.endm

	.balign	0x800
	.global	hv_vectors
hv_vectors:
	/* 0x000..0x380: from EL2 itself. */
	vent	0x000, hv_self_exception
	vent	0x080, hv_self_exception
	vent	0x100, hv_self_exception
	vent	0x180, hv_self_exception
	vent	0x200, hv_self_exception
	vent	0x280, hv_self_exception
	vent	0x300, hv_self_exception
	vent	0x380, hv_self_exception
	/* 0x400..0x780: from the guest (EL1/EL0). */
	.balign	0x80
hv_sync_exit:
	/* The replay's checks (comment above hv_replay_low): one block. */
	stp	x0, x1, [sp, #-16]!
	stp	x2, x3, [sp, #-16]!
	mrs	x1, tpidr_el2
	ldp	x0, x2, [x1, #CTX_RP_ESR]	/* esr (0: none), spsr_mask */
	mrs	x3, spsr_el2
	and	x3, x3, x2
	ldr	x2, [x1, #CTX_RP_SPSR_VAL]
	eor	x3, x3, x2
	mrs	x2, esr_el2
	eor	x2, x2, x0
	bic	x2, x2, #0x3e0		/* ISS.Rt [9:5] */
	orr	x3, x3, x2		/* 0: the recipe's exit, any Rt */
	mrs	x2, esr_el2
	and	x2, x2, #0x380		/* Rt >= 4 */
	orr	x2, x2, x3
	cmp	x0, #0
	ccmp	x2, #0, #0, ne		/* no recipe: Z clear */
	b.eq	hv_replay_low
	cmp	x0, #0
	ccmp	x3, #0, #0, ne
	b.eq	hv_replay_high
	ldp	x2, x3, [sp], #16
	mov	x0, #0x400
	b	hv_guest_exit
	.if	. - hv_sync_exit > 0x80
	.error	"hv_sync_exit: one vector slot"
	.endif
	vent	0x480, hv_guest_exit
	vent	0x500, hv_guest_exit
	vent	0x580, hv_guest_exit
	vent	0x600, hv_guest_exit
	vent	0x680, hv_guest_exit
	vent	0x700, hv_guest_exit
	vent	0x780, hv_guest_exit
