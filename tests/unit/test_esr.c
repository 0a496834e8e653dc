// SPDX-License-Identifier: MIT
/*
 * ESR_EL2 decoding, against syndromes assembled by hand from the Arm ARM
 * ISS layouts (the shifts are spelled out here, not taken from esr.h).
 */
#include "helpers/trap_fixture.h"

#include <vel2/esr.h>

/* The decoded EC 0x18 fields of a system register access. */
static void assert_sys(const struct vel2_esr *d, unsigned int op0,
		       unsigned int op1, unsigned int crn, unsigned int crm,
		       unsigned int op2, unsigned int rt, bool read)
{
	assert_int_equal(d->sys.op0, op0);
	assert_int_equal(d->sys.op1, op1);
	assert_int_equal(d->sys.crn, crn);
	assert_int_equal(d->sys.crm, crm);
	assert_int_equal(d->sys.op2, op2);
	assert_int_equal(d->sys.rt, rt);
	assert_int_equal(d->sys.read, read);
}

static void test_sys_mrs(void **state)
{
	struct vel2_esr d;
	/* MRS x3, SCTLR_EL2 = op0 3, op1 4, CRn 1, CRm 0, op2 0, Rt 3,
	 * Direction 1: ISS = 3<<20 | 0<<17 | 4<<14 | 1<<10 | 3<<5 | 0<<1 | 1 */
	u64 esr = (0x18ULL << 26) | (1ULL << 25) | (3 << 20) | (4 << 14) |
		  (1 << 10) | (3 << 5) | 1;

	assert_int_equal(esr, 0x62310461ULL);
	assert_int_equal(vel2_esr_decode(esr, &d), 0);
	assert_int_equal(d.ec, 0x18);
	assert_true(d.il);
	assert_sys(&d, 3, 4, 1, 0, 0, 3, true);
	/* op0 [15:14] op1 [13:11] CRn [10:7] CRm [6:3] op2 [2:0]. */
	assert_int_equal(d.sys.enc, 0xe080);
	assert_int_equal(d.sys.enc, VEL2_SYS_ENC(3, 4, 1, 0, 0));
	assert_int_equal(d.sys.enc, vel2_sysreg_info[ID(SCTLR_EL2)].enc);
}

static void test_sys_msr_all_fields(void **state)
{
	struct vel2_esr d;
	/* MSR CNTV_CTL_EL02, x30: op0 3, op1 5, CRn 14, CRm 3, op2 1. */
	u64 esr = 0x62000000ULL | (3 << 20) | (1 << 17) | (5 << 14) |
		  (14 << 10) | (30 << 5) | (3 << 1);

	assert_int_equal(esr, 0x62337bc6ULL);
	assert_int_equal(vel2_esr_decode(esr, &d), 0);
	assert_sys(&d, 3, 5, 14, 3, 1, 30, false);
	assert_int_equal(d.sys.enc, 0xef19);
	assert_int_equal(d.sys.enc, vel2_sysreg_info[ID(CNTV_CTL_EL02)].enc);
}

static void test_eret_variants(void **state)
{
	struct vel2_esr d;

	/* EC 0x1a: ISS 0 ERET, 2 ERETAA, 3 ERETAB. */
	assert_int_equal(vel2_esr_decode(0x6a000000ULL, &d), 0);
	assert_int_equal(d.ec, 0x1a);
	assert_false(d.eret.auth);
	assert_int_equal(vel2_esr_decode(0x6a000002ULL, &d), 0);
	assert_true(d.eret.auth);
	assert_false(d.eret.key_b);
	assert_int_equal(vel2_esr_decode(0x6a000003ULL, &d), 0);
	assert_true(d.eret.auth);
	assert_true(d.eret.key_b);
	/* ERETA without ERET is RES0. */
	assert_int_equal(vel2_esr_decode(0x6a000001ULL, &d), -VEL2_EINVAL);
}

static void test_hvc_smc_imm(void **state)
{
	struct vel2_esr d;

	/* HVC #0x1234: EC 0x16 -> 0x5a000000 | IL. */
	assert_int_equal(vel2_esr_decode(0x5a001234ULL, &d), 0);
	assert_int_equal(d.ec, 0x16);
	assert_int_equal(d.call.imm16, 0x1234);
	/* SMC #0: EC 0x17. */
	assert_int_equal(vel2_esr_decode(0x5e000000ULL, &d), 0);
	assert_int_equal(d.ec, 0x17);
	assert_int_equal(d.call.imm16, 0);
	/* ISS[24:16] set: not an AArch64 HVC syndrome. */
	assert_int_equal(vel2_esr_decode(0x5a010000ULL, &d), -VEL2_EINVAL);
}

static void test_wfx(void **state)
{
	struct vel2_esr d;

	/* EC 0x01 is 0x04000000, IL 0x02000000. TI [1:0], RV [2], Rt [9:5].
	 * IL = 0: a 16-bit T32 WFI from AArch32 EL0 (eret.c runs it). */
	assert_int_equal(vel2_esr_decode(0x04000000ULL, &d), 0);
	assert_int_equal(vel2_esr_decode(0x04000000ULL | T_IL, &d), 0);
	assert_int_equal(d.wfx.ti, 0);
	assert_int_equal(vel2_esr_decode(0x04000001ULL | T_IL, &d), 0);
	assert_int_equal(d.wfx.ti, 1);
	/* WFIT x7: TI 2, RV 1, Rt 7. */
	assert_int_equal(
		vel2_esr_decode(0x04000000ULL | T_IL | 2 | 4 | (7 << 5), &d),
		0);
	assert_int_equal(d.wfx.ti, 2);
	assert_true(d.wfx.rv);
	assert_int_equal(d.wfx.rt, 7);
}

static void test_data_abort(void **state)
{
	struct vel2_esr d;
	/* EC 0x24 (0x92000000 with IL): ISV 1, SAS 2 (word), SSE 0, SRT 5,
	 * SF 0, AR 1, WnR 1, DFSC 0x07 (translation fault, level 3). */
	u64 esr = (0x24ULL << 26) | T_IL | (1 << 24) | (2 << 22) | (5 << 16) |
		  (1 << 14) | (1 << 6) | 0x07;

	assert_int_equal(esr, 0x93854047ULL);
	assert_int_equal(vel2_esr_decode(esr, &d), 0);
	assert_int_equal(d.ec, 0x24);
	assert_true(d.abt.isv);
	assert_int_equal(d.abt.sas, 2);
	assert_false(d.abt.sse);
	assert_int_equal(d.abt.srt, 5);
	assert_true(d.abt.ar);
	assert_true(d.abt.wnr);
	assert_false(d.abt.s1ptw);
	assert_int_equal(d.abt.fsc, 7);
	/* VNCR [13], S1PTW [7], EA [9], CM [8], FnV [10]. */
	assert_int_equal(vel2_esr_decode((0x24ULL << 26) | (1 << 13) |
						 (1 << 10) | (1 << 9) |
						 (1 << 8) | (1 << 7),
					 &d),
			 0);
	assert_true(d.abt.vncr && d.abt.fnv && d.abt.ea && d.abt.cm &&
		    d.abt.s1ptw);
	assert_false(d.abt.isv);
}

static void test_instruction_abort(void **state)
{
	struct vel2_esr d;
	/* EC 0x20, S1PTW 1, IFSC 0x0b (access flag, level 3). */
	u64 esr = (0x20ULL << 26) | T_IL | (1 << 7) | 0x0b;

	assert_int_equal(vel2_esr_decode(esr, &d), 0);
	assert_int_equal(d.ec, 0x20);
	assert_true(d.abt.s1ptw);
	assert_int_equal(d.abt.fsc, 0x0b);
	assert_false(d.abt.wnr);
}

static void test_unknown_and_malformed(void **state)
{
	struct vel2_esr d;

	assert_int_equal(vel2_esr_decode(0x02000000ULL, &d), 0);
	assert_int_equal(d.ec, 0);
	/* Bits [63:56] are RES0. */
	assert_int_equal(vel2_esr_decode(0x0100000002000000ULL, &d),
			 -VEL2_EINVAL);
	/* ISS2 [55:32] is carried, not rejected. */
	assert_int_equal(vel2_esr_decode(0x0000001f92000000ULL, &d), 0);
	assert_int_equal(d.iss2, 0x1f);
	/* EC 0x18 with ISS[24:22] set, or IL clear. */
	assert_int_equal(vel2_esr_decode(0x62400000ULL, &d), -VEL2_EINVAL);
	assert_int_equal(vel2_esr_decode(0x60000000ULL, &d), -VEL2_EINVAL);
	/* Same-EL classes cannot be an exit from a lower EL. */
	assert_int_equal(vel2_esr_decode(0x25ULL << 26, &d), -VEL2_EINVAL);
	assert_int_equal(vel2_esr_decode(0x21ULL << 26, &d), -VEL2_EINVAL);
	/* An EC vel2 does not decode (FP trap): accepted, raw fields set. */
	assert_int_equal(
		vel2_esr_decode((0x07ULL << 26) | T_IL | 0x1e00000, &d), 0);
	assert_int_equal(d.ec, 7);
	assert_int_equal(d.iss, 0x1e00000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sys_mrs),
		cmocka_unit_test(test_sys_msr_all_fields),
		cmocka_unit_test(test_eret_variants),
		cmocka_unit_test(test_hvc_smc_imm),
		cmocka_unit_test(test_wfx),
		cmocka_unit_test(test_data_abort),
		cmocka_unit_test(test_instruction_abort),
		cmocka_unit_test(test_unknown_and_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
