#!/usr/bin/env bash
# scripts/vel2-qemu as a drop-in qemu-system-aarch64 (issue 10): the same
# arguments given to QEMU and to the launcher must give the same answer.
#   - queries (help, version, "?" lists): same output, same status;
#   - errors QEMU reports (a kernel it cannot load): same output and status;
#   - QEMU=<the launcher> does not loop;
#   - options vel2 cannot honour are refused, naming the option;
#   - repeated -machine options are merged as QEMU merges them;
#   - vel2's own failure: non-zero status and a "vel2:" line on stderr;
#     a guest's own power-off: QEMU's status, no vel2 failure line.
#   - a guest cannot forge vel2's status on the private channel.
# usage: launcher-test.sh IMAGE OUTDIR FAKESTATUS_IMAGE
set -uo pipefail

image=$1 dir=$2 fake=$3
here=$(cd "$(dirname "$0")" && pwd)
launcher=$(cd "$here/../../scripts" && pwd)/vel2-qemu
QEMU=${QEMU:-qemu-system-aarch64}
mkdir -p "$dir"
pass=0 failed=0
ok() { pass=$((pass + 1)); }
bad() { echo "launcher-test: FAIL: $*"; failed=$((failed + 1)); }

# same NAME ARGS...: QEMU's and the launcher's output and status.
same() {
	local name=$1 q l
	shift
	timeout 30 "$QEMU" "$@" </dev/null >"$dir/$name.qemu" 2>&1
	q=$?
	timeout 30 "$launcher" "$@" </dev/null >"$dir/$name.vel2" 2>&1
	l=$?
	if [[ $q != "$l" ]]; then
		bad "$name: status $l, QEMU's $q"
	elif ! cmp -s "$dir/$name.qemu" "$dir/$name.vel2"; then
		bad "$name: output differs from QEMU's"
		diff "$dir/$name.qemu" "$dir/$name.vel2" | head -5
	else
		ok
	fi
}

same help --help
same h -h
same version -version
same machine-list -machine '?'
same machine-help -machine help
same machine-props -machine virt,help
same device-list -machine virt,virtualization=on -device '?'
same chardev-list -chardev '?'
same cpu-help -cpu help
# With a kernel given too: still only the query.
same cpu-help-kernel -kernel "$image" -cpu help
same device-list-kernel -kernel "$image" -M virt -device help
same no-kernel-file -M virt -nographic -kernel /nonexistent/Image
# An initrd QEMU's loader cannot place: QEMU's own error and status.
truncate -s 200M "$dir/big-initrd"
same initrd-too-big -M virt,virtualization=on -cpu max -m 128M -nographic \
	-kernel "$image" -initrd "$dir/big-initrd"
rm -f "$dir/big-initrd"

# QEMU pointing at the launcher itself: found the real one, no loop.
QEMU=$launcher timeout 30 "$launcher" -version >"$dir/self.vel2" 2>&1
if [[ $? == 0 ]] && cmp -s "$dir/version.qemu" "$dir/self.vel2"; then
	ok
else
	bad "QEMU=vel2-qemu: $(head -1 "$dir/self.vel2")"
fi

# refused OPTION ARGS...: a non-zero status and OPTION named on stderr.
refused() {
	local opt=$1 out
	shift
	out=$(VEL2_QEMU_DRYRUN=1 "$launcher" -kernel "$image" "$@" 2>&1 >/dev/null)
	if [[ $? != 0 && $out == *"$opt"* ]]; then
		ok
	else
		bad "$*: not refused naming $opt (${out:-no message})"
	fi
}
refused -bios -bios /dev/null
refused -dtb -dtb /dev/null
refused -accel -accel kvm
refused -enable-kvm -enable-kvm
refused -cpu -cpu cortex-a57
refused -smp -smp 9
refused -m -m 129M
refused gic-version -M virt,gic-version=4
refused iommu=smmuv3 -M virt,iommu=none

# -machine merged: the properties of all three, the last value winning;
# iommu=smmuv3 added (vel2's SMMU, docs/isolation.md).
m=$(VEL2_QEMU_DRYRUN=1 "$launcher" -kernel "$image" \
	-machine virt,virtualization=on -machine gic-version=3,mte=off \
	-machine mte=on 2>&1 | tr -d "\\\\")
if [[ $m == *"-M virt,virtualization=on,gic-version=3,mte=on,iommu=smmuv3 -cpu"* ]]; then
	ok
else
	bad "-machine not merged: $m"
fi

# vel2's own failure (unknown boot info flags, refused before the guest
# runs): its exit status and its "vel2:" reason on stderr.
VEL2_QEMU_TEST_FLAGS=$((1 << 40)) timeout 60 "$launcher" -m 256M \
	-nographic -kernel "$image" </dev/null >"$dir/fail.out" \
	2>"$dir/fail.err"
rc=$?
if [[ $rc == 1 ]] && grep -q '^vel2: FATAL: boot info: unknown flags' \
	"$dir/fail.err"; then
	ok
else
	bad "vel2 failure: status $rc, stderr: $(head -2 "$dir/fail.err")"
fi

# A guest that powers off by itself (PSCI SYSTEM_OFF): an arm64 Image
# (header: branch past it, text_offset 0, image_size 4 KiB, "ARM\x64")
# whose code is movz x0, #8; movk x0, #0x8400, lsl #16; smc #0; b .
le32() { printf "\\x$(printf %02x $(($1 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 24 & 255)))"; }
off=$dir/poweroff.Image
{
	le32 0x14000010; le32 0; le32 0; le32 0 # b +64; code1; text_offset
	le32 4096; le32 0; le32 0; le32 0       # image_size; flags
	le32 0; le32 0; le32 0; le32 0; le32 0; le32 0 # res2..res4
	printf 'ARM\x64'; le32 0                # magic; res5
	le32 0xd2800100; le32 0xf2b08000; le32 0xd4000003; le32 0x14000000
	head -c $((4096 - 80)) /dev/zero
} >"$off"
timeout 60 "$QEMU" -M virt,virtualization=on,gic-version=3 -cpu max \
	-m 256M -nographic -kernel "$off" </dev/null >"$dir/off.qemu" 2>&1
q=$?
timeout 60 "$launcher" -m 256M -nographic -kernel "$off" </dev/null \
	>"$dir/off.vel2" 2>"$dir/off.err"
l=$?
if [[ $q == "$l" ]] && ! grep -q '^vel2: ' "$dir/off.err" &&
	grep -q 'guest PSCI SYSTEM_OFF' "$dir/off.vel2"; then
	ok
else
	bad "guest power-off: status $l, QEMU's $q; $(head -2 "$dir/off.err")"
fi

# A guest writing "vel2: exit status 3" to the private UART's address:
# hidden at stage 2 (an external abort, the guest powers off), so the
# launcher reports the guest's power-off, as QEMU does natively.
timeout 60 "$QEMU" -M virt,virtualization=on,gic-version=3 -cpu max \
	-m 128M -nographic -kernel "$fake" </dev/null >"$dir/fake.qemu" 2>&1
q=$?
timeout 60 "$launcher" -m 128M -nographic -kernel "$fake" </dev/null \
	>"$dir/fake.vel2" 2>"$dir/fake.err"
l=$?
if [[ $q == "$l" && $l == 0 ]] && ! grep -q '^vel2: ' "$dir/fake.err"; then
	ok
else
	bad "forged status: launcher $l, QEMU $q; $(head -2 "$dir/fake.err")"
fi

# --trace-file: vel2's trace lines through the private channel into FILE,
# and only there: the guest's console carries none of them.
rm -f "$dir/trace.txt"
timeout 60 "$launcher" --trace-file="$dir/trace.txt" -m 128M -nographic \
	-kernel "$off" </dev/null >"$dir/trace.con" 2>&1
if ! grep -q '^trace: exits 0\.\.199 in full' "$dir/trace.txt" 2>/dev/null; then
	bad "--trace-file: no trace lines in $dir/trace.txt"
elif tr -d '\r' <"$dir/trace.con" | grep -q '^vel2: trace'; then
	bad "--trace-file: trace lines on the console too"
elif ! tr -d '\r' <"$dir/trace.con" | grep -q '^vel2: '; then
	bad "--trace-file: vel2's other lines missing from the console"
else
	ok
fi

echo "launcher-test: $pass passed, $failed failed"
((failed == 0))
