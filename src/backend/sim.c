// SPDX-License-Identifier: MIT
/*
 * Simulated CPU backend for host builds: the physical EL0/EL1 registers are
 * an array indexed by register id, with per-register access counters so
 * tests can tell which accesses reached the "hardware".
 */
#include <vel2/hw.h>
#include <vel2/qarma.h>
#include <vel2/sim.h>

struct vel2_sim_cpu vel2_sim;

void vel2_sim_reset(void)
{
	unsigned int i;

	for (i = 0; i < VEL2_NR_SYSREGS; i++) {
		vel2_sim.reg[i] = 0;
		vel2_sim.reads[i] = 0;
		vel2_sim.writes[i] = 0;
	}
	vel2_sim.cntpct = 0;
	for (i = 0; i < 2; i++)
		vel2_sim.ikey[i][0] = vel2_sim.ikey[i][1] = 0;
	vel2_sim.pacga_calls = 0;
	vel2_sim.qarma_calls = 0;
	vel2_sim.pac_qarma = 0;
	for (i = 0; i < 16; i++)
		vel2_sim.dbg[0][i] = vel2_sim.dbg[1][i] = 0;
	vel2_sim.dbg_writes = 0;
}

/*
 * Only the bounds are checked (memory safety). An id that is not a physical
 * EL0/EL1 register is a caller bug; the sim records it like any other so
 * the unit tests can see it in the counters (they check that no other id is
 * ever counted), and the hot path stays one compare.
 */
u64 vel2_hw_read(unsigned int reg)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return 0;
	vel2_sim.reads[reg]++;
	return vel2_sim.reg[reg];
}

u64 vel2_hw_cntpct(void)
{
	return vel2_sim.cntpct;
}

void vel2_hw_write(unsigned int reg, u64 val)
{
	if (vel2_unlikely(reg >= VEL2_NR_SYSREGS))
		return;
	vel2_sim.writes[reg]++;
	vel2_sim.reg[reg] = val;
}

/* splitmix64's finaliser, chained over the four inputs. */
static u64 sim_mix(u64 h, u64 v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

u64 vel2_sim_compute_pac(u64 x, u64 y, u64 key_lo, u64 key_hi)
{
	return sim_mix(sim_mix(sim_mix(sim_mix(0, x), y), key_lo), key_hi);
}

u64 vel2_hw_pacga_ikey(bool key_b, u64 x, u64 y)
{
	const u64 *k = vel2_sim.ikey[key_b ? 1 : 0];

	u64 pac;

	vel2_sim.pacga_calls++;
	if (vel2_sim.pac_qarma)
		pac = vel2_qarma_pac(x, y, k[1], k[0], vel2_sim.pac_qarma == 3);
	else
		pac = vel2_sim_compute_pac(x, y, k[0], k[1]);
	return pac & 0xffffffff00000000ULL;
}

u64 vel2_hw_qarma_ikey(bool key_b, u64 x, u64 y, bool qarma3)
{
	const u64 *k = vel2_sim.ikey[key_b ? 1 : 0];

	vel2_sim.qarma_calls++;
	return vel2_qarma_pac(x, y, k[1], k[0], qarma3);
}

u64 vel2_hw_dbg_read(unsigned int kind, unsigned int n)
{
	return kind < 2 && n < 16 ? vel2_sim.dbg[kind][n] : 0;
}

void vel2_hw_dbg_write(unsigned int kind, unsigned int n, u64 v)
{
	if (kind < 2 && n < 16) {
		vel2_sim.dbg[kind][n] = v;
		vel2_sim.dbg_writes++;
	}
}
