/* SPDX-License-Identifier: MIT */
/*
 * The architected pointer authentication ciphers (Arm ARM J1
 * shared/functions/crypto, "ComputePACQARMA"): QARMA5 (FEAT_PACQARMA5,
 * ID_AA64ISAR1_EL1.APA/GPA) and QARMA3 (FEAT_PACQARMA3, ID_AA64ISAR2_EL1.
 * APA3/GPA3). src/core/qarma.c.
 */
#ifndef VEL2_QARMA_H
#define VEL2_QARMA_H

#include <vel2/types.h>

/*
 * ComputePAC(data, modifier, key0, key1) for QARMA5 (qarma3 false) or
 * QARMA3: all 64 bits. For a key register pair the Arm ARM passes
 * key0 = APxKeyHi_EL1, key1 = APxKeyLo_EL1 (AddPAC/Auth: K<127:64>,
 * K<63:0>). Pure: no state but the arguments and the stack.
 */
u64 vel2_qarma_pac(u64 data, u64 modifier, u64 key0, u64 key1, bool qarma3);

#endif /* VEL2_QARMA_H */
