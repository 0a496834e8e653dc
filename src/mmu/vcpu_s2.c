// SPDX-License-Identifier: MIT
/* include/vel2/nested_mmu.h: the vCPU's stage 2 and its faults. */
#include <vel2/accessors.h>
#include <vel2/arch.h>
#include <vel2/nested_mmu.h>

static u64 rd(struct vel2_vcpu *vcpu, unsigned int reg)
{
	u64 v = 0;

	vel2_read_sysreg(vcpu, reg, &v);
	return v;
}

void vel2_s2_cfg_from_vcpu(struct vel2_vcpu *vcpu, struct vel2_s2_cfg *cfg)
{
	/* ID_AA64MMFR0_EL1.PARange[3:0] (D23.2): 32..52 bits. */
	static const u8 pa[16] = { 32, 36, 40, 42, 44, 48, 52, 52,
				   52, 52, 52, 52, 52, 52, 52, 52 };
	u64 mmfr0 = rd(vcpu, VEL2_SYSREG_ID_AA64MMFR0_EL1);
	u64 mmfr1 = rd(vcpu, VEL2_SYSREG_ID_AA64MMFR1_EL1);
	u64 mmfr2 = rd(vcpu, VEL2_SYSREG_ID_AA64MMFR2_EL1);

	cfg->vttbr = rd(vcpu, VEL2_SYSREG_VTTBR_EL2);
	cfg->vtcr = rd(vcpu, VEL2_SYSREG_VTCR_EL2);
	cfg->hcr = vel2_vcpu_hcr(vcpu);
	cfg->pa_bits = pa[VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_PARANGE, mmfr0)];
	cfg->feat = 0;
	if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR1_XNX, mmfr1))
		cfg->feat |= VEL2_S2F_XNX;
	if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR2_ST, mmfr2))
		cfg->feat |= VEL2_S2F_TTST;
	if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR1_HAFDBS, mmfr1))
		cfg->feat |= VEL2_S2F_HAFDBS;
	/* TGran4[31:28] = 1 or TGran16[23:20] = 2: 52-bit (FEAT_LPA2). */
	if (VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_TGRAN4, mmfr0) == 1 ||
	    VEL2_ID_FIELD(VEL2_ID_AA64MMFR0_TGRAN16, mmfr0) == 2)
		cfg->feat |= VEL2_S2F_LPA2;
}

int vel2_forward_s2_fault(struct vel2_vcpu *vcpu, struct vel2_exit *exit,
			  const struct vel2_shadow_fault *f)
{
	exit->esr = vel2_shadow_fault_esr(exit->esr, &f->walk);
	exit->hpfar = vel2_shadow_hpfar(f->ipa);
	vel2_forward_to_vel2(vcpu, exit);
	return VEL2_FORWARDED;
}
