// SPDX-License-Identifier: MIT
/*
 * sweep: every op0=3 system register encoding (op1 0-7, CRn 0-15, CRm
 * 0-15, op2 0-7: 16,384 of them) probed as the hardware answers it, in
 * three phases:
 *   e2h0  at EL2 with HCR_EL2.E2H=0 (vEL2 of an nVHE guest hypervisor),
 *   l2    at EL1 in this program's own guest, HCR_EL2 = RW only (L2),
 *   l2vhe at EL1 in the guest of the VHE guest hypervisor, HCR_EL2 =
 *         RW | E2H (TGE=0);
 *   e2h1  at EL2 with HCR_EL2.E2H=1 (VHE; under vel2 with VEL2_NV2=1 the
 *         NV2 configuration).
 * Per encoding: MRS; MSR of the value read; MRS again; MSR of a
 * deterministic pseudo-random value, MRS of what stuck, MSR of the original
 * value. Every exception a probe raises is caught (sweep_tbl.S) and its ESR
 * recorded, with the level that took it. One line per encoding that is not
 * plainly UNDEFINED (EC 0x00 at the probing level) both ways:
 *   <phase> S3_<op1>_C<n>_C<m>_<op2> r=<value|v|!esr> w=<ok|!esr>
 *           [r2=<second read, if different>] x=<random read-back|!esr>
 * ("v": readable and writable, its reset value is not compared).
 * "!esr" is an exception's ESR ("@2": the guest hypervisor took it from
 * its guest, "@1": the guest's own EL1 took it).
 *
 * Deterministic output only. RES0/RES1 bits whose statefulness is the
 * implementation's choice are not compared (reserved_bits()). Values that
 * follow time or a true random source are printed as "*": the counters
 * (CNTPCT/CNTVCT and their SS forms, PMCCNTR, PMXEVCNTR, PMEVCNTR<n>), the
 * timers' TVAL registers and RNDR/RNDRRS. Lines starting with "~" are
 * host-dependent and not compared, for one reason only: vel2 shows the guest
 * sanitised ID registers (src/core/idregs.c) and hides the features behind
 * them, so the ID group 3 registers (op1=0 CRn=0 CRm=1..7) and the registers of
 * the hidden features (FEAT_SME: SMCR_ELx, SMPRI_EL1, SMPRIMAP_EL2, SVCR,
 * SMIDR_EL1, TPIDR2_EL0, MPAMSM_EL1; FEAT_NV2: VNCR_EL2; FEAT_NV:
 * HCR_EL2.{NV,NV1,AT,NV2}, whose random read-back is printed once with those
 * bits cleared and once raw) differ from the hardware's by design.
 *
 * Random writes that would stop the sweep itself are restricted ("keep":
 * those bits are written with their current value):
 *   SCTLR of the running regime (SCTLR_EL2; SCTLR_EL1 in e2h1, where it
 *     means SCTLR_EL2, and in l2): M, A, SA, EE -- the MMU with a random
 *     table, alignment or endianness would change the very next fetch;
 *   HCR_EL2: E2H, TGE -- they change what the following encodings name;
 *   DAIF: all -- an unmasked interrupt would enter the runtime mid-probe.
 * Everything else may take any value for the three instructions of the
 * window (MSR random, MRS, MSR original): they run from one asm block with
 * no memory or stack access, and the exception handlers use neither.
 * Write-only registers of the GIC CPU interface (EOIR, DIR, SGI*R) are not
 * written: a write is an action. ICC_SRE_EL2.SRE stays set, or the ICH and
 * ICC registers after it would change meaning.
 */
#include "rt.h"

/*
 * About 75,000 exits under vel2 without NV2 (2-3 s of CPU on QEMU TCG),
 * several times that in wall time on a loaded machine.
 */
/* timeout: 120 */

#define NENC 16384u
#define ENC(op1, crn, crm, op2) \
	((unsigned)(((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))
#define ESR_UNDEF 0x2000000UL /* EC 0x00, IL=1 */
#define AT_EL2 (1UL << 63)
#define AT_EL1 (1UL << 62)

extern char sweep_mrs[], sweep_msr[];
extern char sweep_vectors_el2[], sweep_vectors_el2_vhe[], sweep_vectors_el1[];

struct res {
	u64 r, r2, rb; /* first read, read after write-back, random read */
	u64 er, ew, er2, ex, erb; /* ESR (| AT_*) of each step, 0: none */
};
static struct res res[NENC];

enum phase { E2H0, L2, E2H1, L2VHE };
#define IN_L2(p) ((p) == L2 || (p) == L2VHE)
static enum phase phase;

static u64 mix(u64 x)
{
	/* splitmix64 finaliser: a fixed pseudo-random value per encoding. */
	x += 0x9e3779b97f4a7c15UL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
	return x ^ (x >> 31);
}

static u64 keep_mask(unsigned int i)
{
	const u64 sctlr_keep =
		(1UL << 0) | (1UL << 1) | (1UL << 3) | (1UL << 25);

	switch (i) {
	case ENC(4, 1, 0, 0): /* SCTLR_EL2 */
		return sctlr_keep;
	case ENC(0, 1, 0, 0): /* SCTLR_EL1: the running one in e2h1, l2 */
		return phase == E2H0 ? 0 : sctlr_keep;
	case ENC(4, 1, 1, 0): /* HCR_EL2: E2H, TGE */
		return (1UL << 34) | (1UL << 27);
	case ENC(3, 4, 2, 1): /* DAIF */
		return ~0UL;
	case ENC(4, 12, 9, 5): /* ICC_SRE_EL2.SRE */
		return 1;
	default:
		return 0;
	}
}

static bool no_write(unsigned int i)
{
	switch (i) {
	case ENC(0, 12, 8, 1): /* ICC_EOIR0_EL1 */
	case ENC(0, 12, 12, 1): /* ICC_EOIR1_EL1 */
	case ENC(0, 12, 11, 1): /* ICC_DIR_EL1 */
	case ENC(0, 12, 11, 5): /* ICC_SGI1R_EL1 */
	case ENC(0, 12, 11, 6): /* ICC_ASGI1R_EL1 */
	case ENC(0, 12, 11, 7): /* ICC_SGI0R_EL1 */
		return true;
	default:
		return false;
	}
}

/* Values that follow time or a true random source: not compared. */
static bool volatile_value(unsigned int i)
{
	unsigned int op1 = i >> 11, crn = (i >> 7) & 15, crm = (i >> 3) & 15,
		     op2 = i & 7;

	if (crn == 14 && crm == 0 && op1 == 3 &&
	    (op2 == 1 || op2 == 2 || op2 == 5 || op2 == 6))
		return true; /* CNTPCT, CNTVCT, CNTPCTSS, CNTVCTSS */
	if (crn == 14 && crm >= 2 && crm <= 5 && op2 == 0)
		return true; /* CNT*_TVAL_* */
	if (op1 == 3 && crn == 2 && crm == 4 && op2 <= 1)
		return true; /* RNDR, RNDRRS */
	if (op1 == 3 && crn == 9 && crm == 13 && (op2 == 0 || op2 == 2))
		return true; /* PMCCNTR_EL0, PMXEVCNTR_EL0 */
	if (op1 == 3 && crn == 14 && crm >= 8 && crm <= 10)
		return true; /* PMEVCNTR<n>_EL0 */
	return false;
}

/* Host-dependent by the documented ID-register sanitising (see top). */
static bool sanitised(unsigned int i)
{
	unsigned int op1 = i >> 11, crn = (i >> 7) & 15, crm = (i >> 3) & 15;

	if (op1 == 0 && crn == 0 && crm >= 1)
		return true; /* ID group 3 */
	switch (i) {
	case ENC(0, 1, 2, 6): /* SMCR_EL1 */
	case ENC(4, 1, 2, 6): /* SMCR_EL2 */
	case ENC(5, 1, 2, 6): /* SMCR_EL12 */
	case ENC(0, 1, 2, 4): /* SMPRI_EL1 */
	case ENC(4, 1, 2, 5): /* SMPRIMAP_EL2 */
	case ENC(3, 4, 2, 2): /* SVCR */
	case ENC(1, 0, 0, 6): /* SMIDR_EL1 */
	case ENC(3, 13, 0, 5): /* TPIDR2_EL0 */
	case ENC(0, 10, 5, 3): /* MPAMSM_EL1 */
	case ENC(4, 2, 2, 0): /* VNCR_EL2 */
		return true;
	default:
		return false;
	}
}

/* clang-format off */
/*
 * One probe: call table entry `fn` with x1 = `in`; x0 out, x10 = ESR of an
 * exception it raised (0: none).
 */
static u64 call(const char *fn, u64 in, u64 *esr)
{
	register u64 x0 __asm__("x0");
	register u64 x1 __asm__("x1") = in;
	register u64 x10 __asm__("x10") = 0;

	__asm__ volatile("blr %[fn]"
			 : "=r"(x0), "+r"(x10), "+r"(x1)
			 : [fn] "r"(fn)
			 : "x9", "x30", "cc", "memory");
	*esr = x10;
	return x0;
}

/* MSR random, MRS, MSR old: one block, no memory access in between. */
static void random_window(unsigned int i, u64 rnd, u64 old, struct res *o)
{
	const char *w = sweep_msr + 8 * i, *r = sweep_mrs + 8 * i;
	u64 ex, rb, erb, erest;

	__asm__ volatile("mov x1, %[rnd]\n\t"
			 "mov x10, #0\n\t"
			 "blr %[w]\n\t"
			 "mov %[ex], x10\n\t"
			 "mov x10, #0\n\t"
			 "blr %[r]\n\t"
			 "mov %[rb], x0\n\t"
			 "mov %[erb], x10\n\t"
			 "mov x1, %[old]\n\t"
			 "mov x10, #0\n\t"
			 "blr %[w]\n\t"
			 "mov %[erest], x10"
			 : [ex] "=&r"(ex), [rb] "=&r"(rb), [erb] "=&r"(erb),
			   [erest] "=&r"(erest)
			 : [rnd] "r"(rnd), [old] "r"(old), [w] "r"(w),
			   [r] "r"(r)
			 : "x0", "x1", "x9", "x10", "x30", "cc", "memory");
	o->ex = ex;
	o->rb = rb;
	o->erb = erb;
	(void)erest;
}
/* clang-format on */

static unsigned int crn_of(unsigned int i)
{
	return (i >> 7) & 15;
}

/*
 * The timers' compare values reset to UNKNOWN, and a timer's ISTATUS (read
 * in the CTL probes) follows from CVAL and the count: start every phase
 * with CVAL = 0 (condition met), so that ISTATUS only depends on ENABLE.
 */
static void timers_known(void)
{
	write_sysreg(cntp_cval_el0, 0);
	write_sysreg(cntv_cval_el0, 0);
	if (!IN_L2(phase)) {
		write_sysreg(cnthp_cval_el2, 0);
		write_sysreg(s3_4_c14_c3_2, 0); /* CNTHV_CVAL_EL2 */
	}
	if (phase == E2H1) {
		write_sysreg(s3_5_c14_c2_2, 0); /* CNTP_CVAL_EL02 */
		write_sysreg(s3_5_c14_c3_2, 0); /* CNTV_CVAL_EL02 */
	}
	isb();
}

/* Whether an MSR follows an MRS that raised an exception (sweep_one). */
static bool write_probed(unsigned int i)
{
	return !no_write(i) && (crn_of(i) == 9 || crn_of(i) == 12);
}

static void sweep_one(unsigned int i)
{
	struct res *o = &res[i];
	u64 keep, rnd;

	o->r = call(sweep_mrs + 8 * i, 0, &o->er);
	if (o->er) {
		/*
		 * Write-only, or not there: one MSR of 0 tells which. The
		 * op0=3 write-only registers are the GIC CPU interface's
		 * (CRn 12: ICC_EOIR*, ICC_DIR, ICC_SGI*R) and PMSWINC_EL0
		 * (CRn 9); elsewhere an unreadable encoding is not probed
		 * further, which halves the sweep's exceptions (each costs
		 * several exits under vel2).
		 */
		if (write_probed(i))
			call(sweep_msr + 8 * i, 0, &o->ew);
		return;
	}
	call(sweep_msr + 8 * i, o->r, &o->ew);
	o->r2 = call(sweep_mrs + 8 * i, 0, &o->er2);
	if (o->ew)
		return;
	keep = keep_mask(i);
	rnd = (mix(i ^ ((u64)phase << 20)) & ~keep) | (o->r & keep);
	random_window(i, rnd, o->r, o);
	/*
	 * A TVAL write sets CVAL to the count plus the value: restoring the
	 * TVAL read earlier leaves CVAL shifted by the time in between. Put
	 * the known CVAL back for the CTL probes that follow.
	 */
	if (crn_of(i) == 14 && (i & 0x7f) >= ENC(0, 0, 2, 0) &&
	    (i & 0x7f) <= ENC(0, 0, 5, 0) && (i & 7) == 0)
		timers_known();
}

static void sweep_all(void)
{
	for (unsigned int i = 0; i < NENC; i++)
		sweep_one(i);
}

/* ---- output ------------------------------------------------------------ */

static bool plain_undef(u64 esr)
{
	return (esr & ~(AT_EL1 | AT_EL2)) == ESR_UNDEF &&
	       (IN_L2(phase) == !!(esr & AT_EL1));
}

static void put_esr(u64 esr)
{
	rt_putc('!');
	rt_hex_short(esr & ~(AT_EL1 | AT_EL2));
	if (esr & AT_EL2)
		rt_puts("@2");
	if (esr & AT_EL1)
		rt_puts("@1");
}

/*
 * CNT*_CTL.ISTATUS[2] is UNKNOWN while ENABLE[0] is 0 (Arm ARM D24.8,
 * "CNTP_CTL_EL0" and its siblings: op1 3/4/5/7, CRn 14, CRm 2-5, op2 1).
 */
static u64 unknown_bits(unsigned int i, u64 v)
{
	unsigned int op1 = i >> 11, crn = (i >> 7) & 15, crm = (i >> 3) & 15;

	if (op1 >= 3 && crn == 14 && crm >= 2 && crm <= 5 && (i & 7) == 1 &&
	    !(v & 1))
		return 1UL << 2;
	return 0;
}

/*
 * RES0 and RES1 bits: an implementation may make them stateful (read back
 * as written) or fixed (Arm ARM, Glossary "RES0", "RES1"), so their
 * read-back is not compared where the CPU and vel2 may choose differently.
 * Listed from each register's field descriptions, for the layout in force
 * (E2H=0 in e2h0, E2H=1 in e2h1, where the EL1 encodings mean the EL2
 * registers); other registers' RES0 bits are compared, vel2 must then
 * match the CPU.
 */
#define B(n) (1UL << (n))
#define BITS(hi, lo) ((~0UL >> (63 - (hi))) & ~((1UL << (lo)) - 1))
static u64 reserved_bits(unsigned int i)
{
	bool vhe = phase == E2H1;

	switch (i) {
	case ENC(0, 12, 0, 0): /* VBAR_EL1 (VBAR_EL2 in e2h1) */
	case ENC(4, 12, 0, 0): /* VBAR_EL2 */
	case ENC(5, 12, 0, 0): /* VBAR_EL12 */
		return BITS(10, 0);
	case ENC(4, 1, 0, 0): /* SCTLR_EL2 */
		if (vhe)
			return B(9) | B(17) | BITS(53, 50);
		/* E2H=0: RES1 4, 5, 16, 18, 23, 28, 29; RES0 the EL2&0-only
		 * fields and 9, 17, 53:50. */
		return B(4) | B(5) | B(16) | B(18) | B(23) | B(28) | B(29) |
		       BITS(10, 7) | BITS(15, 14) | B(17) | B(20) | B(26) |
		       BITS(35, 32) | BITS(39, 38) | B(42) | BITS(58, 45) |
		       B(60) | B(63);
	case ENC(0, 1, 0, 0): /* SCTLR_EL2 in e2h1 */
		return vhe ? B(9) | B(17) | BITS(53, 50) : 0;
	case ENC(4, 1, 1, 2): /* CPTR_EL2 */
	case ENC(0, 1, 0, 2): /* CPTR_EL2 in e2h1 (CPACR_EL1 encoding) */
		if (vhe)
			return BITS(63, 32) | BITS(27, 26) | BITS(23, 22) |
			       BITS(19, 18) | BITS(15, 0);
		if (i != ENC(4, 1, 1, 2))
			return 0;
		return BITS(63, 32) | BITS(28, 21) | BITS(19, 14) | B(13) |
		       B(11) | B(9) | BITS(7, 0);
	case ENC(4, 2, 0, 2): /* TCR_EL2 */
	case ENC(0, 2, 0, 2): /* TCR_EL2 in e2h1 (TCR_EL1 encoding) */
		if (vhe)
			return BITS(63, 60) | B(35) | B(6);
		if (i != ENC(4, 2, 0, 2))
			return 0;
		return BITS(63, 33) | B(31) | B(23) | B(19) | BITS(7, 6);
	case ENC(4, 2, 0, 0): /* TTBR0_EL2: no ASID with E2H=0 */
		return vhe ? 0 : BITS(63, 48);
	case ENC(4, 1, 1, 3): /* HSTR_EL2 */
		return BITS(63, 16) | B(14) | B(4);
	case ENC(4, 14, 1, 0): /* CNTHCTL_EL2: [11:8] with E2H=0 */
		return vhe ? 0 : BITS(11, 8);
	default:
		return 0;
	}
}

static void put_val(unsigned int i, u64 v, u64 esr, u64 clear)
{
	clear |= unknown_bits(i, v) | reserved_bits(i);
	if (esr)
		put_esr(esr);
	else if (volatile_value(i))
		rt_putc('*');
	else
		rt_hex_short(v & ~clear);
}

static void put_enc(unsigned int i)
{
	rt_puts("S3_");
	rt_dec(i >> 11);
	rt_puts("_C");
	rt_dec((i >> 7) & 15);
	rt_puts("_C");
	rt_dec((i >> 3) & 15);
	rt_putc('_');
	rt_dec(i & 7);
}

static const char *const phase_name[] = { "e2h0", "l2", "e2h1", "l2vhe" };

static void print_line(unsigned int i, bool host_dep, u64 clear)
{
	const struct res *o = &res[i];

	if (host_dep)
		rt_putc('~');
	rt_puts(phase_name[phase]);
	rt_putc(' ');
	put_enc(i);
	/*
	 * A writable register's first value is its reset value, UNKNOWN for
	 * almost every register (Arm ARM D1.x "Reset"): only a read-only
	 * register's value is compared; a writable one shows "v".
	 */
	rt_puts(" r=");
	if (!o->er && !o->ew)
		rt_putc('v');
	else
		put_val(i, o->r, o->er, 0);
	rt_puts(" w=");
	if (o->ew)
		put_esr(o->ew);
	else if (o->er && !write_probed(i))
		rt_putc('-');
	else
		rt_puts("ok");
	if (!o->er && (o->er2 || (((o->r2 ^ o->r) & ~reserved_bits(i)) &&
				  !volatile_value(i)))) {
		rt_puts(" r2=");
		put_val(i, o->r2, o->er2, 0);
	}
	if (!o->er && !o->ew) {
		rt_puts(" x=");
		put_val(i, o->rb, o->ex ? o->ex : o->erb, clear);
	}
	rt_putc('\n');
}

static void print_all(void)
{
	const u64 hcr_nv = 0xfUL << 42; /* NV, NV1, AT, NV2 */
	unsigned int shown = 0;

	for (unsigned int i = 0; i < NENC; i++) {
		const struct res *o = &res[i];

		if (plain_undef(o->er) &&
		    (o->ew == 0 ? !write_probed(i) : plain_undef(o->ew)))
			continue;
		if (!sanitised(i))
			shown++;
		if (i == ENC(4, 1, 1, 0)) {
			print_line(i, false, hcr_nv);
			print_line(i, true, 0);
		} else {
			print_line(i, sanitised(i), 0);
		}
	}
	rt_puts("sweep ");
	rt_puts(phase_name[phase]);
	rt_puts(": ");
	rt_dec(shown);
	rt_puts(" compared encodings not plainly UNDEFINED\n");
}

/* ---- phases ------------------------------------------------------------- */

static u64 l2_stack[1024] __attribute__((aligned(16)));

/* L2: runs at EL1 with the MMU off, the sweep's EL1 vectors. */
static void __attribute__((noreturn, used)) l2_main(void)
{
	timers_known();
	sweep_all();
	__asm__ volatile("hvc #0x5e");
	for (;;)
		;
}

/* Where the guest hypervisor continues when its L2 is done. */
static void (*l2_then)(void);

/* HVC #0x5e from L2: it is done; continue at EL2 in l2_then(). */
static bool l2_done(struct rt_frame *f, const struct rt_exc *e)
{
	if (e->vec != 0x400 || ESR_EC(e->esr) != 0x16 ||
	    (e->esr & 0xffff) != 0x5e)
		return false;
	f->elr = (u64)l2_then;
	f->spsr = 0x3c9; /* EL2h, DAIF masked */
	return true;
}

static void run_phase(enum phase p)
{
	phase = p;
	timers_known();
	memset(res, 0, sizeof(res));
	sweep_all();
	print_all();
}

static void __attribute__((noreturn)) after_l2vhe(void)
{
	print_all();
	rt_puts("sweep: done\n");
	rt_exit(0);
}

static void __attribute__((noreturn)) after_l2(void)
{
	print_all();

	/* VHE: E2H=1 (TGE=0), then the same sweep at EL2. */
	write_sysreg(hcr_el2, HCR_RW | HCR_E2H);
	isb();
	write_sysreg(vbar_el2, (u64)sweep_vectors_el2_vhe);
	isb();
	run_phase(E2H1);

	/* Its L2, with E2H=1: L2's EL1 registers through *_EL12. */
	phase = L2VHE;
	memset(res, 0, sizeof(res));
	l2_then = after_l2vhe;
	write_sysreg(SCTLR_EL12, SCTLR_EL1_RES1);
	write_sysreg(VBAR_EL12, (u64)sweep_vectors_el1);
	write_sysreg(sp_el1, (u64)(l2_stack + 1024));
	write_sysreg(elr_el2, (u64)l2_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}

int main(void)
{
	rt_vectors_install(l2_done);
	write_sysreg(vbar_el2, (u64)sweep_vectors_el2);
	write_sysreg(hcr_el2, HCR_RW);
	isb();
	rt_puts("sweep: op0=3, 16384 encodings per phase\n");
	run_phase(E2H0);

	/* L2 at EL1: the guest hypervisor's HCR_EL2 = RW only. */
	phase = L2;
	memset(res, 0, sizeof(res));
	l2_then = after_l2;
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(vbar_el1, (u64)sweep_vectors_el1);
	write_sysreg(sp_el1, (u64)(l2_stack + 1024));
	write_sysreg(elr_el2, (u64)l2_main);
	write_sysreg(spsr_el2, SPSR_EL1H_DAIF);
	isb();
	rt_flush();
	__asm__ volatile("eret");
	__builtin_unreachable();
}
