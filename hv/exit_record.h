/* SPDX-License-Identifier: MIT */
/*
 * The exit frame: what the vectors capture when the guest leaves EL1 for
 * EL2 and what hv_enter_guest() loads before ERET. The guest's registers
 * are saved straight into the library's struct vel2_exit (the first member),
 * which vel2_handle_exit() works on in place: no copy on the exit path.
 * vectors.S reaches the fields through offsets generated from these C
 * definitions at build time (hv/offsets/asm-offsets.c -> asm-offsets.h,
 * mk/hv.mk), so the two cannot drift apart.
 */
#ifndef HV_EXIT_RECORD_H
#define HV_EXIT_RECORD_H

#include <vel2/trap.h>

struct hv_ctx {
	/* x0..x30, ELR/SPSR/ESR/FAR/HPFAR_EL2; the library's decode (syn) */
	struct vel2_exit exit;
	u64 vector; /* VBAR_EL2 offset the exit came through */
	u64 host_x19_x30[12]; /* hv_enter_guest()'s callee-saved registers */
	u64 host_sp;
	/*
	 * The MRS the vector answers alone (vectors.S, run.c fast_exits):
	 * the library's recipe (vel2_fast_replay), replay.esr 0 when none,
	 * and how many exits it answered since run.c armed it.
	 */
	struct vel2_fast_replay replay;
	u64 replay_hits;
};

#endif
