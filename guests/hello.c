// SPDX-License-Identifier: MIT
/*
 * hello: the smallest guest. It touches no EL2 register and installs no
 * vectors, so it runs under vel2 before any emulation exists: it exercises
 * boot, the run loop, the exit notice and the statistics.
 */
#include "rt.h"

int main(void)
{
	rt_puts("hello: guest hypervisor alive\n");
	rt_kv_end("CurrentEL", read_sysreg(CurrentEL));
	rt_puts("hello: done\n");
	return 0;
}
