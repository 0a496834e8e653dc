/* SPDX-License-Identifier: MIT */
/* eret32el1vhe: the same guests as eret32el1 (eret32el1_blob.S). */
#include "eret32el1_blob.S"
