/* SPDX-License-Identifier: MIT */
/*
 * The features of the virtual CPU, as its stored ID registers (what the
 * guest reads, vel2_id_sanitise) describe them. The trap code asks these
 * to decide which registers and PSTATE bits exist for the guest.
 */
#ifndef VEL2_FEATURES_H
#define VEL2_FEATURES_H

#include <vel2/vcpu.h>

/* Features of the virtual CPU, from its stored ID registers. */
enum vel2_feat {
	FEAT_ANY,
	FEAT_PAN, /* ID_AA64MMFR1_EL1.PAN != 0 */
	FEAT_SSBS, /* ID_AA64PFR1_EL1.SSBS != 0 */
	FEAT_MTE, /* ID_AA64PFR1_EL1.MTE != 0 (PSTATE.TCO) */
	FEAT_MTE2, /* ID_AA64PFR1_EL1.MTE >= 2 */
	FEAT_NMI, /* ID_AA64PFR1_EL1.NMI != 0 */
	FEAT_PAUTH, /* ID_AA64ISAR1_EL1.{APA,API,GPA,GPI}/ISAR2.{APA3,GPA3} */
	FEAT_FGT, /* ID_AA64MMFR0_EL1.FGT != 0 */
	FEAT_EL3, /* ID_AA64PFR0_EL1.EL3 != 0 */
	FEAT_CSV2_2, /* ID_AA64PFR0_EL1.CSV2 >= 2 or PFR1.CSV2_frac >= 2 */
	FEAT_ECV, /* ID_AA64MMFR0_EL1.ECV != 0 (CNTHCTL_EL2.EL1TVT/EL1TVCT) */
};
bool vel2_has_feat(const struct vel2_vcpu *vcpu, enum vel2_feat feat);

#endif /* VEL2_FEATURES_H */
