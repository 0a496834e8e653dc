#!/usr/bin/env bash
# How many of guests/replay.c's MRS TPIDR_EL2 the vector answered alone
# (hv/vectors.S hv_sync_exit; vel2's "stats: fast-path exits N replayed
# M" line). A replay that answers an exit it should have handed to C
# gives the same register value (TPIDR_EL2 is the same in every mode), so
# the differential test cannot see it: only this count does, and so does
# a replay that is not counted.
#
# The expected counts follow from the guest's sequence of exits, not from
# vel2: every MSR TPIDR_EL2 is a C exit (the replay ends there), the first
# read after one is answered in C (which arms the replay), and a read
# whose SPSR differs from the armed one in M[4:0] (EL2t after EL2h) is too.
#   probe(), twice: a write, then 32 Rt x 3 reads: 2 x 95       190
#   write, read, read, write, read                                 1
#   NZCV and DAIF changed (no exit), read, read                    2
#   write, EL2h read, EL2t read (another mode: C), EL2t read       1
#   write, read, read at a branch target (BTYPE differs: C)        0
# With NV2 nothing is replayed (vel2_fast_replay refuses NV2).
#
# usage: replay-count.sh HV_ELF REPLAY_GUEST_ELF OUTDIR
set -uo pipefail

hv=$1 guest=$2 dir=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
fail=0
for nv2 in 0 1; do
	want=$((2 * (32 * 3 - 1) + 1 + 2 + 1))
	[ $nv2 = 1 ] && want=0
	log=$dir/replay-count.nv2-$nv2
	VEL2_NV2=$nv2 "$here/qemu-run.sh" "$log" "${QEMU_TIMEOUT:-30}" "$hv" \
		"$guest" >/dev/null 2>&1
	got=$(tr -d '\r' <"$log" |
		sed -n 's/^vel2: stats: fast-path exits [0-9]* replayed \([0-9]*\) .*/\1/p')
	if ! tr -d '\r' <"$log" | grep -q '^replay: done$'; then
		echo "FAIL replay-count nv2=$nv2: the guest did not finish: $log"
		fail=1
	elif [ "$got" != "$want" ]; then
		echo "FAIL replay-count nv2=$nv2: ${got:-no count} replayed, want $want: $log"
		fail=1
	else
		echo "PASS replay-count nv2=$nv2 ($got replayed)"
	fi
done
exit $fail
