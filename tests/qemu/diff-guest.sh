#!/usr/bin/env bash
# Differential test of one guest: run it natively at EL2 (the reference)
# and under vel2; the filtered consoles and the exit statuses must match.
#
# usage: diff-guest.sh NAME GUEST_ELF HV_ELF OUTDIR [XFAIL_FILE]
# With VEL2_NV2=1 in the environment, vel2 runs the guest with FEAT_NV2
# (qemu-run.sh) and its console goes to NAME.vel2-nv2; the result is
# reported as "NAME/nv2" and NAME's xfail entry applies.
# Exit status 0: pass, or expected failure; 1: failure.
#
# Known differences: tests/qemu/known/NAME.diff (NAME.nv2.diff for the NV2
# run) lists, after '#' comment lines saying why, the exact '-'/'+' lines
# of the console diff that are expected. The run then passes only if its
# diff is exactly those lines, so any other difference still fails (unlike
# an xfail entry, which excuses the whole guest). A listed difference that
# no longer appears fails too: remove it from the file.
set -uo pipefail

name=$1 guest=$2 hv=$3 dir=$4 xfail_file=${5:-}
run=vel2 label=$name
if [ "${VEL2_NV2:-0}" = 1 ]; then
	run=vel2-nv2 label=$name/nv2
fi
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

"$here/qemu-run.sh" "$dir/$name.$run" "$limit" "$hv" "$guest"
vel2_rc=$?

"$here/filter.sh" "$dir/$name.native" >"$dir/$name.native.cmp"
"$here/filter.sh" "$dir/$name.$run" >"$dir/$name.$run.cmp"

ok=1
why=
if [ $vel2_rc != $native_rc ]; then
	ok=0
	why="exit status $vel2_rc under vel2, $native_rc natively"
fi
known=
known_file="$here/known/$name.diff"
[ $run = vel2-nv2 ] && known_file="$here/known/$name.nv2.diff"
if ! diff -u --label "$name native" --label "$label under vel2" \
	"$dir/$name.native.cmp" "$dir/$name.$run.cmp" >"$dir/$name.$run.diff"; then
	if [ -f "$known_file" ] &&
		grep -v -e '^---' -e '^+++' "$dir/$name.$run.diff" |
		grep '^[-+]' | diff -q - <(grep '^[-+]' "$known_file") \
			>/dev/null; then
		known=" ($(grep -c '^[-+]' "$known_file") known difference lines"
		known="$known: tests/qemu/${known_file#"$here/"})"
	else
		ok=0
		why="${why:+$why; }console differs"
		[ -f "$known_file" ] &&
			why="$why from the known differences in $known_file"
	fi
elif [ -f "$known_file" ]; then
	ok=0
	why="no difference, but $known_file lists some: remove them"
fi
if [ $run = vel2-nv2 ] && ! grep -q '^vel2: NV2 on' "$dir/$name.$run"; then
	ok=0
	why="${why:+$why; }vel2 did not take up NV2"
fi

if [ $ok = 1 ]; then
	if [ -n "$xfail_reason" ]; then
		echo "XPASS $label: passes under vel2 but is listed in" \
			"$xfail_file; remove it from the list" >&2
		exit 1
	fi
	echo "PASS  $label$known"
	exit 0
fi
# "refused: <text>": vel2 must have stopped the guest on purpose, saying
# "vel2: cannot run the guest: <text>", not failed in some other way.
case $xfail_reason in
refused:*)
	want=${xfail_reason#refused: }
	if [ $vel2_rc = 0 ] ||
		! tr -d '\r' <"$dir/$name.$run" |
		grep -qF "vel2: cannot run the guest: $want"; then
		echo "FAIL  $label: expected vel2 to refuse it with" \
			"\"cannot run the guest: $want\"" >&2
		grep '^vel2: ' "$dir/$name.$run" | tail -8 | tr -d '\r' >&2
		exit 1
	fi
	;;
esac
if [ -n "$xfail_reason" ]; then
	echo "XFAIL $label: $why (expected: $xfail_reason)"
	echo "      see $dir/$name.$run.diff and $dir/$name.$run"
	exit 0
fi
echo "FAIL  $label: $why" >&2
head -40 "$dir/$name.$run.diff" >&2
grep '^vel2: ' "$dir/$name.$run" | tail -8 | tr -d '\r' >&2
exit 1
