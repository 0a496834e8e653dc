#!/usr/bin/env bash
# Differential test of one guest: run it natively at EL2 (the reference)
# and under vel2; the filtered consoles and the exit statuses must match.
#
# usage: diff-guest.sh NAME GUEST_ELF HV_ELF OUTDIR [XFAIL_FILE]
# Exit status 0: pass, or expected failure; 1: failure.
set -uo pipefail

name=$1 guest=$2 hv=$3 dir=$4 xfail_file=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
limit=${QEMU_TIMEOUT:-30}
mkdir -p "$dir"

xfail_reason=
if [ -n "$xfail_file" ] && [ -f "$xfail_file" ]; then
	xfail_reason=$(awk -v n="$name" '$1 == n { $1 = ""; print }' \
		"$xfail_file" | sed 's/^ *//')
fi

"$here/qemu-run.sh" "$dir/$name.native" "$limit" "$guest"
native_rc=$?
if [ $native_rc != 0 ]; then
	echo "FAIL $name: native run exited $native_rc (the reference itself" \
		"is broken); log: $dir/$name.native" >&2
	tail -5 "$dir/$name.native" >&2
	exit 1
fi

"$here/qemu-run.sh" "$dir/$name.vel2" "$limit" "$hv" "$guest"
vel2_rc=$?

"$here/filter.sh" "$dir/$name.native" >"$dir/$name.native.cmp"
"$here/filter.sh" "$dir/$name.vel2" >"$dir/$name.vel2.cmp"

ok=1
why=
if [ $vel2_rc != $native_rc ]; then
	ok=0
	why="exit status $vel2_rc under vel2, $native_rc natively"
fi
if ! diff -u --label "$name native" --label "$name under vel2" \
	"$dir/$name.native.cmp" "$dir/$name.vel2.cmp" >"$dir/$name.diff"; then
	ok=0
	why="${why:+$why; }console differs"
fi

if [ $ok = 1 ]; then
	if [ -n "$xfail_reason" ]; then
		echo "XPASS $name: passes under vel2 but is listed in" \
			"$xfail_file; remove it from the list" >&2
		exit 1
	fi
	echo "PASS  $name"
	exit 0
fi
if [ -n "$xfail_reason" ]; then
	echo "XFAIL $name: $why (expected: $xfail_reason)"
	echo "      see $dir/$name.diff and $dir/$name.vel2"
	exit 0
fi
echo "FAIL  $name: $why" >&2
head -40 "$dir/$name.diff" >&2
grep '^vel2: ' "$dir/$name.vel2" | tail -8 | tr -d '\r' >&2
exit 1
