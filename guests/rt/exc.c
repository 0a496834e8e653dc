// SPDX-License-Identifier: MIT
/* C side of the EL2 vectors in start.S. */
#include "rt.h"

extern char rt_vectors[];

struct rt_exc rt_last_exc;
u64 rt_exc_count;
static rt_exc_hook_t exc_hook;

void rt_exception(u64 vec, struct rt_frame *f);

void rt_vectors_install(rt_exc_hook_t hook)
{
	exc_hook = hook;
	write_sysreg(vbar_el2, (u64)rt_vectors);
	isb();
}

/*
 * FAR_EL2 is UNKNOWN except for the ECs that report a faulting address
 * (Arm ARM D23.2.56 FAR_EL2): instruction/data aborts, PC alignment,
 * watchpoints. Printing it otherwise would print noise.
 */
bool rt_far_valid(u64 esr)
{
	switch (ESR_EC(esr)) {
	case 0x20: /* instruction abort, lower EL */
	case 0x21: /* instruction abort, same EL */
	case 0x22: /* PC alignment */
	case 0x24: /* data abort, lower EL */
	case 0x25: /* data abort, same EL */
	case 0x34: /* watchpoint, lower EL */
	case 0x35: /* watchpoint, same EL */
		return true;
	default:
		return false;
	}
}

void rt_print_exc(const char *tag, const struct rt_exc *e)
{
	rt_puts(tag);
	rt_puts(" vec=");
	rt_hex_short(e->vec);
	rt_puts(" ec=");
	rt_hex_short(ESR_EC(e->esr));
	rt_puts(" esr=");
	rt_hex_short(e->esr);
	rt_puts(" elr=");
	rt_hex_short(e->elr);
	rt_puts(" spsr=");
	rt_hex_short(e->spsr);
	if (rt_far_valid(e->esr)) {
		rt_puts(" far=");
		rt_hex_short(e->far);
	}
	rt_putc('\n');
}

void rt_exception(u64 vec, struct rt_frame *f)
{
	struct rt_exc *e = &rt_last_exc;

	e->vec = vec;
	e->esr = read_sysreg(esr_el2);
	e->far = read_sysreg(far_el2);
	e->elr = f->elr;
	e->spsr = f->spsr;
	rt_exc_count++;

	if (exc_hook && exc_hook(f, e))
		return;
	rt_print_exc("unexpected exception", e);
	rt_exit(1);
}

const char *rt_try_tag;

bool rt_try_hook(struct rt_frame *f, const struct rt_exc *e)
{
	rt_print_exc(rt_try_tag, e);
	switch (ESR_EC(e->esr)) {
	case 0x15: /* SVC (AArch64) */
	case 0x16: /* HVC (AArch64) */
		break;
	case 0x21: /* instruction abort, same EL */
	case 0x22: /* PC alignment fault */
		f->elr = f->x[30];
		break;
	default:
		f->elr += 4;
		break;
	}
	f->x[0] = RT_TRY_TOOK;
	return true;
}
