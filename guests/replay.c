// SPDX-License-Identifier: MIT
/*
 * replay: repeated MRS TPIDR_EL2 at EL2, the Linux boot's commonest exit,
 * which vel2's vector answers alone after the first (hv/vectors.S,
 * hv_sync_exit; the library's vel2_fast_replay()). Checks, with output
 * that is the same natively:
 *   - every Rt, XZR included: Xt gets TPIDR_EL2, no other register moves
 *     (replay_probe.S);
 *   - a write between reads (an exit the vector does not answer) is seen
 *     by the next read;
 *   - reads with other NZCV/DAIF (bits the replay passes through) and
 *     with SP_EL0 selected (EL2t: a mode the replay does not match) give
 *     the value and keep those PSTATE bits;
 *   - a read at a branch target leaves PSTATE.BTYPE clear (a BRK after
 *     it reports SPSR_EL2.BTYPE).
 * Under vel2 with plain NV, tests/qemu/replay-count.sh checks how many of
 * these reads the vector answered: a replay that answers too much (a
 * missing check) reads the same value and shows only there.
 */
#include "rt.h"

extern void replay_probe(u64 *out);

static u64 out[32 * 31];

static u64 read_tpidr(void)
{
	u64 v;

	__asm__ volatile("mrs %0, tpidr_el2" : "=r"(v)::"memory");
	return v;
}

static unsigned int probe(u64 val)
{
	unsigned int bad = 0;

	write_sysreg(tpidr_el2, val);
	replay_probe(out);
	for (unsigned int rt = 0; rt < 32; rt++) {
		for (unsigned int i = 0; i < 31; i++) {
			u64 want = i == rt ? val : 0x5500 + i;

			if (out[rt * 31 + i] != want) {
				rt_kv("replay: rt", rt);
				rt_kv("x", i);
				rt_kv_end("got", out[rt * 31 + i]);
				bad++;
			}
		}
	}
	return bad;
}

int main(void)
{
	unsigned int bad = probe(0x123456789abcdef0ULL);
	u64 nzcv, daif, a, b;

	bad += probe(0xfedcba9876543210ULL);
	rt_kv_end("replay: register mismatches", bad);

	/* Write, read, write again: the second read sees the second value. */
	write_sysreg(tpidr_el2, 0x1111);
	a = read_tpidr();
	a = read_tpidr();
	write_sysreg(tpidr_el2, 0x2222);
	b = read_tpidr();
	rt_kv("replay: after writes", a);
	rt_kv_end("then", b);

	/* NZCV = 0b1010 and D/A/I/F all set around the reads. */
	__asm__ volatile("msr nzcv, %0" ::"r"(0xa0000000ULL));
	__asm__ volatile("msr daifset, #0xf");
	a = read_tpidr();
	b = read_tpidr();
	__asm__ volatile("mrs %0, nzcv" : "=r"(nzcv));
	__asm__ volatile("mrs %0, daif" : "=r"(daif));
	rt_kv("replay: flags", nzcv);
	rt_kv("daif", daif);
	rt_kv("reads", a);
	rt_kv_end("and", b);

	/*
	 * EL2t (SPSel = 0) right after an EL2h read, with no exit between:
	 * another mode, so a fresh C answer (the vector's SPSR check), then
	 * replays (tests/qemu/replay-count.sh counts them).
	 */
	write_sysreg(tpidr_el2, 0x3333);
	__asm__ volatile("mrs %0, tpidr_el2\n\t"
			 "msr spsel, #0\n\t"
			 "mrs %0, tpidr_el2\n\t"
			 "mrs %1, tpidr_el2\n\t"
			 "msr spsel, #1"
			 : "=&r"(a), "=&r"(b)::"memory");
	rt_kv("replay: EL2t reads", a);
	rt_kv_end("and", b);

	/*
	 * A read at a branch target: BR X16 leaves PSTATE.BTYPE 0b01 for the
	 * MRS, which the completed MRS clears (Arm ARM "PSTATE.BTYPE"), so
	 * the BRK after it reports SPSR_EL2.BTYPE [11:10] = 0 natively. The
	 * read before arms the replay; this one differs from it in BTYPE
	 * alone and must not be replayed (the vector's ERET would keep the
	 * BTYPE): it is answered in C, which clears it. Then VBAR_EL2, which
	 * traps under NV2 too (no VNCR slot): the C path clears it there.
	 */
	rt_vectors_install(rt_try_hook);
	write_sysreg(tpidr_el2, 0x4444);
	rt_try_tag = "replay: brk after a branch-target read";
	__asm__ volatile("mov x0, #0\n\t"
			 "mrs x1, tpidr_el2\n\t"
			 "adr x16, 1f\n\t"
			 "br x16\n"
			 "1:\tmrs x1, tpidr_el2\n\t"
			 "brk #0\n\t"
			 "adr x16, 2f\n\t"
			 "br x16\n"
			 "2:\tmrs x1, vbar_el2\n\t"
			 "brk #0\n\t"
			 "mrs x1, tpidr_el2\n\t"
			 "mov %0, x0\n\t"
			 "mov %1, x1"
			 : "=r"(a), "=r"(b)
			 :
			 : "x0", "x1", "x16", "x30", "memory");
	rt_kv("replay: took", a == RT_TRY_TOOK);
	rt_kv_end("read", b);
	rt_puts("replay: done\n");
	return bad != 0;
}
