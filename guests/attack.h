/* SPDX-License-Identifier: MIT */
/*
 * Shared by the attack guests (guests/attack_*.c, tests/qemu/attack.sh):
 * guest hypervisors that try, as an attacker with vel2's binary would, to
 * reach vel2's memory through a device. They run under vel2 only (there is
 * nothing to attack natively). Each attempt prints one line,
 *   attack <what>: blocked (<how it failed>)
 *   attack <what>: ESCAPED (<evidence>)
 * and the guest exits with status 1 if any attempt escaped.
 *
 * The target every DMA aims at is vel2's stage 2 table for IPA 0x40000000
 * - 0x7fffffff (2 MiB blocks; entry 0 is vel2's own 2 MiB, left invalid),
 * whose address the harness takes from vel2.elf's symbol table and leaves
 * at ATTACK_TARGET_SLOT. A write of a valid block descriptor into entry 0
 * maps vel2 into the guest: the guest then reads vel2's code at
 * 0x40100000 without an abort, which is the evidence of escape.
 */
#ifndef GUEST_ATTACK_H
#define GUEST_ATTACK_H

#include "rt.h"

#define ATTACK_TARGET_SLOT 0x47fff000UL /* last page of -m 128M */
#define ATTACK_VEL2_CODE 0x40100000UL
#define READABLE "vel2's code readable at 0x40100000"

static inline u64 attack_target(void)
{
	return *(volatile u64 *)ATTACK_TARGET_SLOT;
}

/* Aborts taken while probing: counted, the instruction skipped. */
static volatile u64 attack_faults;

static bool attack_hook(struct rt_frame *f, const struct rt_exc *e)
{
	if (ESR_EC(e->esr) != 0x25)
		return false;
	attack_faults++;
	f->elr += 4;
	return true;
}

static inline void attack_init(const char *name)
{
	rt_vectors_install(attack_hook);
	rt_puts(name);
	rt_puts(": target ~");
	rt_hex(attack_target());
	rt_putc('\n');
	if (!attack_target()) {
		rt_puts("no target address from the harness\n");
		rt_exit(2);
	}
}

static inline u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}
static inline u64 rd64(u64 a)
{
	return *(volatile u64 *)a;
}
static inline void wr32(u64 a, u32 v)
{
	*(volatile u32 *)a = v;
}
static inline void wr64(u64 a, u64 v)
{
	*(volatile u64 *)a = v;
}

/* Whether vel2's code is now readable by the guest (TLBs flushed first). */
static inline bool attack_vel2_readable(void)
{
	u64 before = attack_faults;

	dsb(sy);
	__asm__ volatile("tlbi alle2\n\ttlbi vmalle1\n\tdsb sy\n\tisb" ::
				 : "memory");
	(void)rd64(ATTACK_VEL2_CODE);
	return attack_faults == before;
}

static int attack_escaped;

/* `blocked`: how the attempt failed; `escaped`: the evidence it did not. */
static inline void attack_result(const char *what, bool escaped,
				 const char *blocked, const char *evidence)
{
	rt_puts("attack ");
	rt_puts(what);
	rt_puts(escaped ? ": ESCAPED (" : ": blocked (");
	rt_puts(escaped ? evidence : blocked);
	rt_puts(")\n");
	attack_escaped |= escaped;
}

/* The usual ending: one more look, then the exit status. */
static inline void __attribute__((noreturn)) attack_done(void)
{
	if (attack_vel2_readable())
		attack_result("(final check)", true, "", READABLE);
	rt_exit(attack_escaped);
}

#endif
