#!/usr/bin/env bash
# Run one attack guest (guests/attack.h) under vel2.
#
# usage: attack.sh NAME GUEST_ELF HV_ELF OUTDIR
# The attacker has vel2's binary: the address of vel2's stage 2 table for
# IPA 0x40000000 - 0x7fffffff (symbol s2_l2_ram) is read from HV_ELF and
# left in guest memory at 0x47fff000 (guests/attack.h). OUTDIR/attack-s2.bin
# is what the DMA attacks copy there: 64 stage 2 block descriptors, the
# identity map of IPA 0x40000000 - 0x47ffffff with vel2's 2 MiB included
# (Normal WB, read/write, inner shareable, AF: 0x7fd), for the guest's
# "-fw_cfg ...file=@S2BIN@" or "-drive ...file=@S2BIN@" option.
# Pass: exit status 0, at least one "attack ...: blocked" line and no
# "ESCAPED", and vel2's integrity line. Prints "ATTACK NAME tried N
# blocked M".
set -uo pipefail

name=$1 guest=$2 hv=$3 dir=$4
here=$(cd "$(dirname "$0")" && pwd)
limit=${QEMU_TIMEOUT:-30}
nm=${TARGET_NM:-aarch64-linux-gnu-nm}
mkdir -p "$dir"

target=$("$nm" "$hv" | awk '$3 == "s2_l2_ram" { print $1 }')
if [ -z "$target" ]; then
	echo "FAIL $name: no s2_l2_ram in $hv" >&2
	exit 1
fi
s2bin=$dir/attack-s2.bin
perl -e 'print pack("Q<*", map { (0x40000000 + ($_ << 21)) | 0x7fd } 0..63)' \
	>"$s2bin"

opts=${QEMU_OPTS:-}
opts=${opts//@S2BIN@/$s2bin}
log=$dir/$name.vel2
QEMU_OPTS="$opts -device loader,addr=0x47fff000,data=0x$target,data-len=8" \
	"$here/qemu-run.sh" "$log" "$limit" "$hv" "$guest"
rc=$?

tried=$(grep -c '^attack .*: \(blocked\|ESCAPED\)' "$log")
blocked=$(grep -c '^attack .*: blocked' "$log")
echo "ATTACK $name tried $tried blocked $blocked"
why=
[ $rc = 0 ] || why="exit status $rc"
[ "$tried" -gt 0 ] || why="${why:+$why, }no attempt reported"
[ "$tried" = "$blocked" ] || why="${why:+$why, }an attack escaped"
grep -q '^vel2: integrity: code, read-only data and stage 2 unchanged' \
	"$log" || why="${why:+$why, }no vel2 integrity line"
if [ -n "$why" ]; then
	echo "FAIL $name: $why; log: $log" >&2
	grep -E '^(attack|vel2: (integrity|FATAL|PANIC|unhandled))' "$log" \
		| tr -d '\r' | head -20 >&2
	exit 1
fi
echo "PASS $name"
