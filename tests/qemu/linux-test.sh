#!/usr/bin/env bash
# Boot a Linux kernel + initramfs natively at EL2 (the reference) and under
# vel2 (scripts/vel2-qemu), in these configurations:
#   linux       the kernel's default: VHE (E2H=1) at EL2
#   linux-nvhe  id_aa64mmfr1.vh=0: the kernel runs at EL1 with its nVHE
#               KVM hyp code at EL2 (E2H=0, NV1, TVM/TRVM under vel2)
#   linux-nv2   linux under vel2-qemu --nv2 (FEAT_NV2 at vEL2), checked
#               against the native run of linux (not booted again)
#   linux-nvhe-nv2  linux-nvhe under --nv2: the nVHE hyp code runs with
#               HCR_EL2.{NV2,NV1,NV} = {1,1,1}, against linux-nvhe's
#               native run
#   linux-smp   linux with -smp 2: the secondary CPU comes up through
#               PSCI CPU_ON (vel2 starts the physical CPU and enters the
#               kernel's secondary entry at vEL2); "smp: Brought up 1
#               node, 2 CPUs" in both runs
#   linux-smp-nv2  linux-smp under vel2-qemu --nv2, against linux-smp's
#               native run
#   linux-mte   linux on a machine with tag memory (-M mte=on), under
#               --nv2: the kernel detects MTE in both runs
# Each must reach the initramfs's marker line in both runs, and the
# EL2-related kernel lines of the configuration must appear in both (the
# differential part: what the kernel concluded about EL2 is the same),
# as must the native run's same_as_native lines.
#
# usage: linux-test.sh IMAGE INITRD OUTDIR [XFAIL_FILE]
# Writes OUTDIR/<name>.{native,vel2} (consoles) and OUTDIR/linux.times
# ("<name>_native S", "<name>_vel2 S": wall seconds). Exit 0: every
# configuration passed or failed as expected.
set -uo pipefail

image=$1 initrd=$2 dir=$3 xfail_file=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
limit=${LINUX_TIMEOUT:-300}
marker="vel2-init: userspace reached"
QEMU=${QEMU:-qemu-system-aarch64}
append="console=ttyAMA0 rdinit=/init panic=-1"
mkdir -p "$dir"
: >"$dir/linux.times"

xfail_reason() {
	[ -n "$xfail_file" ] && [ -f "$xfail_file" ] || return 0
	awk -v n="$1" '$1 == n { $1 = ""; print }' "$xfail_file" | sed 's/^ *//'
}

now() { date +%s.%N; }
# run LOG CMD...: console to LOG, stdin closed, bounded by $limit.
run() {
	local log=$1 t0 t1 rc
	shift
	t0=$(now)
	timeout --kill-after=5 "$limit" "$@" </dev/null >"$log" 2>&1
	rc=$?
	t1=$(now)
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		echo "[linux-test: timed out after ${limit}s]" >>"$log"
	fi
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }'
	return $rc
}

how_far() {
	echo "      last console lines under vel2 ($1):"
	tr -d '\r' <"$1" | grep -v '^$' | tail -12 | sed 's/^/        /'
}

# missing LOG LINE...: print the lines LOG lacks. grep reads the file
# itself: behind a pipe, grep -q's early exit makes the writer die of
# SIGPIPE, which pipefail turns into "not found" at random.
missing() {
	local log=$1 l
	shift
	for l in "$@"; do
		grep -qF -- "$l" "$log" || echo "$l"
	done
}

# Kernel lines whose text depends on what EL2 set up, compared whole: the
# native run's line must appear as such under vel2 (SVE lengths: EL2's
# ZCR_EL2.LEN caps what EL1 sees).
same_as_native=("SVE: maximum available vector length"
	"SVE: default vector length")

# native_lines LOG: the lines of LOG (timestamps dropped) that start with
# one of same_as_native.
native_lines() {
	local p
	for p in "${same_as_native[@]}"; do
		tr -d '\r' <"$1" | sed -n "s/^\[ *[0-9.]*\] \($p.*\)/\1/p"
	done
}

# config NAME EXTRA_APPEND VEL2_QEMU_OPTS NATIVE_OF EL2_LINE...
# NATIVE_OF: the configuration whose native run is the reference ("" for
# NAME's own, booted here). QOPTS in the environment: QEMU options for
# both runs (-smp 2).
config() {
	local name=$1 extra=$2 vopts=$3 native_of=${4:-$1} reason nt vt miss
	shift 4
	# shellcheck disable=SC2206 # QOPTS: words
	local common=(${QOPTS:-} -m 1G -nographic -no-reboot -kernel "$image"
		-initrd "$initrd" -append "$append${extra:+ $extra}")
	local nlog=$dir/$native_of.native vlog=$dir/$name.vel2

	reason=$(xfail_reason "$name")
	if [ "$native_of" = "$name" ]; then
		nt=$(run "$nlog" "$QEMU" -M virt,virtualization=on,gic-version=3 \
			-cpu max "${common[@]}")
	else
		nt=$(sed -n "s/^${native_of}_native //p" "$dir/linux.times")
	fi
	miss=$(missing "$nlog" "$marker" "$@")
	if [ -n "$miss" ]; then
		echo "FAIL  $name: the native boot lacks (the reference is" \
			"broken; log: $nlog):" >&2
		echo "$miss" | sed 's/^/        /' >&2
		return 1
	fi
	mapfile -t from_native < <(native_lines "$nlog")
	# shellcheck disable=SC2086 # vopts: zero or more words
	vt=$(QEMU=$QEMU run "$vlog" "$root/scripts/vel2-qemu" $vopts \
		"${common[@]}")
	printf '%s_native %s\n%s_vel2 %s\n' "$name" "$nt" "$name" "$vt" \
		>>"$dir/linux.times"
	miss=$(missing "$vlog" "$marker" "$@" "${from_native[@]}")
	# --nv2 must have been taken up, or this run proves nothing new.
	if [[ " $vopts " == *" --nv2 "* ]]; then
		miss="${miss:+$miss$'\n'}$(missing "$vlog" \
			"vel2: NV2 on for the guest hypervisor")"
	fi
	if [ -z "$miss" ]; then
		if [ -n "$reason" ]; then
			echo "XPASS $name: boots under vel2 but is listed in" \
				"$xfail_file; remove it from the list" >&2
			return 1
		fi
		echo "PASS  $name: userspace reached natively (${nt}s) and" \
			"under vel2 (${vt}s), same EL2 lines"
		return 0
	fi
	if [ -n "$reason" ]; then
		echo "XFAIL $name: under vel2 (expected: $reason), missing:"
		echo "$miss" | sed 's/^/        /'
		how_far "$vlog"
		return 0
	fi
	echo "FAIL  $name: under vel2, missing what the native boot printed:" >&2
	echo "$miss" | sed 's/^/        /' >&2
	how_far "$vlog" >&2
	return 1
}

fail=0
# NV2 is vel2-qemu's default: the plain-NV configurations say --no-nv2.
# The default NIC (virtio-net-pci) enumerated: vel2 offers PCIe behind its
# SMMU (docs/isolation.md); on a vel2 that refuses PCIe the line is missing.
config linux "" --no-nv2 "" "CPU: All CPU(s) started at EL2" \
	"kvm [1]: VHE mode initialized successfully" \
	"pci 0000:00:01.0: [1af4:1000] type 00 class 0x020000" || fail=1
config linux-nv2 "" --nv2 linux "CPU: All CPU(s) started at EL2" \
	"kvm [1]: VHE mode initialized successfully" || fail=1
config linux-nvhe "id_aa64mmfr1.vh=0" --no-nv2 "" "CPU: All CPU(s) started at EL2" \
	"kvm [1]: Hyp mode initialized successfully" || fail=1
config linux-nvhe-nv2 "id_aa64mmfr1.vh=0" --nv2 linux-nvhe \
	"CPU: All CPU(s) started at EL2" \
	"kvm [1]: Hyp mode initialized successfully" || fail=1
smp_lines=("smp: Brought up 1 node, 2 CPUs" "CPU: All CPU(s) started at EL2"
	"kvm [1]: VHE mode initialized successfully")
QOPTS="-smp 2" config linux-smp "" --no-nv2 "" "${smp_lines[@]}" || fail=1
QOPTS="-smp 2" config linux-smp-nv2 "" --nv2 linux-smp "${smp_lines[@]}" ||
	fail=1
# Tag memory: the kernel finds FEAT_MTE2/MTE3 and uses it at EL2 (VHE)
# under NV2, vel2-qemu's default (docs/design.md, "MTE").
mte_lines=("CPU features: detected: Memory Tagging Extension"
	"CPU: All CPU(s) started at EL2"
	"kvm [1]: VHE mode initialized successfully")
QOPTS="-M mte=on" config linux-mte "" --nv2 "" "${mte_lines[@]}" || fail=1
exit $fail
