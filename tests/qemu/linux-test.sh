#!/usr/bin/env bash
# Boot a Linux kernel + initramfs natively at EL2 (the reference) and under
# vel2 (scripts/vel2-qemu); both must print the initramfs's marker line.
#
# usage: linux-test.sh IMAGE INITRD OUTDIR [XFAIL_FILE]
# Writes OUTDIR/linux.{native,vel2} (consoles) and OUTDIR/linux.times
# ("native S", "vel2 S": wall seconds). Exit 0: pass or expected failure.
set -uo pipefail

image=$1 initrd=$2 dir=$3 xfail_file=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
limit=${LINUX_TIMEOUT:-300}
marker="vel2-init: userspace reached"
QEMU=${QEMU:-qemu-system-aarch64}
append="console=ttyAMA0 rdinit=/init panic=-1"
common=(-m 1G -nographic -no-reboot -kernel "$image" -initrd "$initrd"
	-append "$append")
mkdir -p "$dir"

xfail_reason=
if [ -n "$xfail_file" ] && [ -f "$xfail_file" ]; then
	xfail_reason=$(awk '$1 == "linux" { $1 = ""; print }' "$xfail_file" |
		sed 's/^ *//')
fi

now() { date +%s.%N; }
# run LOG CMD...: console to LOG, stdin closed, bounded by $limit.
run() {
	local log=$1 t0 t1 rc
	shift
	t0=$(now)
	timeout "$limit" "$@" </dev/null >"$log" 2>&1
	rc=$?
	t1=$(now)
	[ $rc = 124 ] && echo "[linux-test: timed out after ${limit}s]" >>"$log"
	echo "$(echo "$t1 - $t0" | bc)"
	return $rc
}

native_t=$(run "$dir/linux.native" "$QEMU" -M virt,virtualization=on,gic-version=3 \
	-cpu max "${common[@]}")
if ! grep -q "$marker" "$dir/linux.native"; then
	echo "FAIL  linux: the native boot did not reach userspace (the" \
		"reference is broken); log: $dir/linux.native" >&2
	tail -5 "$dir/linux.native" | tr -d '\r' >&2
	exit 1
fi
vel2_t=$(QEMU=$QEMU run "$dir/linux.vel2" "$root/scripts/vel2-qemu" "${common[@]}")
printf 'native %s\nvel2 %s\n' "$native_t" "$vel2_t" >"$dir/linux.times"

if grep -q "$marker" "$dir/linux.vel2"; then
	if [ -n "$xfail_reason" ]; then
		echo "XPASS linux: boots under vel2 but is listed in" \
			"$xfail_file; remove it from the list" >&2
		exit 1
	fi
	echo "PASS  linux: userspace reached natively (${native_t}s) and under vel2 (${vel2_t}s)"
	exit 0
fi
how_far() {
	echo "      last console lines under vel2 ($dir/linux.vel2):"
	tr -d '\r' <"$dir/linux.vel2" | grep -v '^$' | tail -12 | sed 's/^/        /'
}
if [ -n "$xfail_reason" ]; then
	echo "XFAIL linux: no userspace under vel2 (expected: $xfail_reason)"
	how_far
	exit 0
fi
echo "FAIL  linux: userspace reached natively but not under vel2" >&2
how_far >&2
exit 1
