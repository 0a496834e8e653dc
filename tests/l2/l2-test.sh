#!/usr/bin/env bash
# Guest hypervisors running their own VMs (issue 7, docs/l2.md): Debian's
# kernel with KVM as L1 runs an L2 VM, natively at EL2 (the reference) and
# at vEL2 under vel2 (scripts/vel2-qemu), in these configurations:
#   vmm           L1 initramfs build/l2/vmm-initrd.cpio: the minimal VMM
#                 (tests/l2/vmm.c), VHE L1, vel2 with plain NV
#   vmm-nv2       the same under NV2, against vmm's native run
#   vmm-nvhe      L1 in nVHE mode (id_aa64mmfr1.vh=0), plain NV
#   vmm-nvhe-nv2  the same under NV2, against vmm-nvhe's native run
#   qemu          L1 initramfs build/l2/qemu-initrd.cpio: Debian's arm64
#                 qemu-system-aarch64 -enable-kvm boots the same kernel as
#                 L2 up to its /init marker, plain NV
#   qemu-nv2      the same under NV2, against qemu's native run
# Each run must end with the workload's exit status 0 (L1's /init says
# so), and the L2 lines (those L1's /init prefixes with "L2| ": the VMM's
# verdict, or L2's console through QEMU) must be the same in both runs,
# timestamps stripped and order aside, but for the lines matched by
# l2_ignore below (timing-dependent ones). The native run must also have
# the workload's marker (a broken reference fails, not XFAILs).
#
# Expected failures (XFAIL_FILE, "name reason" lines) are strict: a listed
# configuration that passes fails the check (XPASS: remove the line), and
# the reason says how the run must fail today ("-- why" may follow TEXT):
#   refused: TEXT   vel2 stopped with "vel2: cannot run the guest: TEXT"
#   console: TEXT   the console under vel2 has TEXT (e.g. the L1 panic)
#   timeout: TEXT   the run hit the time limit (TEXT says where it hangs)
# A run that fails otherwise is a FAIL ("fails differently"): update the
# line to the new place vel2 stops, which documents the progress.
#
# usage: l2-test.sh IMAGE VMM_INITRD QEMU_INITRD OUTDIR [XFAIL_FILE]
# Environment: QEMU, L2_NV_OPT (vel2-qemu option for plain NV; empty while
# NV is vel2's default, "--no-nv2" once NV2 is), L2_NV2_OPT (default
# --nv2), L2_VMM_TIMEOUT / L2_QEMU_TIMEOUT (seconds per run; the nVHE
# runs boot faster, L2_NVHE_TIMEOUT), L2_NVHE_NV2=1
# (run vmm-nvhe-nv2; the default once L2_NV_OPT=--no-nv2), L2_ONLY
# (space-separated configuration names to run; default all but the slow
# ones), L2_FULL=1 (run the slow ones too: L2_SLOW, "qemu": L1 under plain
# NV traps on each per-CPU access (TPIDR_EL2), and unpacking the 60 MB
# initramfs alone took more than 500 s on a loaded 2-core machine).
# Writes OUTDIR/<name>.{native,vel2} (consoles) and OUTDIR/l2.times.
set -uo pipefail

image=$1 vmm_initrd=$2 qemu_initrd=$3 dir=$4 xfail_file=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
QEMU=${QEMU:-qemu-system-aarch64}
nv_opt=${L2_NV_OPT-}
nv2_opt=${L2_NV2_OPT---nv2}
vmm_limit=${L2_VMM_TIMEOUT:-480}
qemu_limit=${L2_QEMU_TIMEOUT:-600}
nvhe_limit=${L2_NVHE_TIMEOUT:-120}
only=${L2_ONLY:-}
slow=${L2_SLOW-qemu}
# vmm-nvhe-nv2 needs NV2 for an nVHE guest hypervisor, which comes with
# NV2 as vel2's default (then L2_NV_OPT=--no-nv2): until then --nv2 only
# applies to VHE guest hypervisors, and the run would repeat vmm-nvhe.
nvhe_nv2=${L2_NVHE_NV2:-$([ "$nv_opt" = --no-nv2 ] && echo 1 || echo 0)}
full=${L2_FULL:-0}
append="console=ttyAMA0 rdinit=/init panic=-1"
done_line="vel2-l1: workload exited with status 0"
mkdir -p "$dir"
: >"$dir/l2.times"

# L2 lines whose text depends on timing, not on what L1 and vel2 did: a
# loaded host starves L2's vCPU (TCG), and L2 reports soft lockups, RCU
# stalls or hung tasks with a register dump and a backtrace.
l2_ignore='hrtimer: interrupt took|sched: RT throttling|rcu: INFO|rcu_(sched|preempt)|clocksource: (timekeeping watchdog|Long readout|Switched to clocksource)|watchdog|soft lockup|blocked for more than|hung_task_timeout_secs|took [0-9]+ (ms|us|usecs)|^Call trace:|^Modules linked in:|^CPU: [0-9]+ PID: |^Hardware name: |^Workqueue: |^pstate: |^(pc|lr|sp) : |^x[0-9]+ *: |^ [A-Za-z0-9_.]+\+0x[0-9a-f]+/0x[0-9a-f]+|^\s*$'

xfail_reason() {
	[ -n "$xfail_file" ] && [ -f "$xfail_file" ] || return 0
	awk -v n="$1" '$1 == n { $1 = ""; print }' "$xfail_file" | sed 's/^ *//'
}

run_tag=l2-test run_digits=1
# shellcheck source=tests/l2/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/run.sh"

# Times inside L2's lines, made the same (the lines stay compared): the
# audit subsystem's timestamp, a duration in ms, the RTC's wall clock.
l2_times='s/audit\([0-9.]+:/audit(T:/; s/ in [0-9]+ms$/ in Tms/;'
l2_times+=' s/(setting system clock to ).*/\1T/'

# l2_lines LOG: the L2 lines of LOG, timestamps stripped, sorted.
l2_lines() {
	tr -d '\r' <"$1" | sed -n 's/^L2| \(\[ *[0-9.]*\] \)\{0,1\}//p' |
		sed -E "$l2_times" | grep -Ev "$l2_ignore" | LC_ALL=C sort
}

how_far() {
	echo "      last console lines under vel2 ($1):"
	tr -d '\r' <"$1" | grep -av '^$' | grep -av '^vel2: stats: ' |
		tail -12 | sed 's/^/        /'
}

# failure_matches LOG REASON: does the vel2 run fail the way REASON says?
failure_matches() {
	local log=$1 reason=$2 text
	text=$(echo "${reason#*:}" | sed 's/^ *//; s/ -- .*//')
	case $reason in
	refused:*)
		grep -qF -- "vel2: cannot run the guest: $text" "$log" ;;
	console:*)
		grep -qF -- "$text" "$log" ;;
	timeout:*)
		grep -qF -- "[l2-test: timed out after" "$log" ;;
	*) return 0 ;;
	esac
}

declare -A native_s

# config NAME WORKLOAD EXTRA_APPEND VEL2_OPTS NATIVE_OF
config() {
	local name=$1 wl=$2 extra=$3 vopts=$4 native_of=${5:-$1}
	local initrd limit marker reason nt vt problems nlog vlog
	if [ -n "$only" ] && [[ " $only " != *" $name "* ]]; then
		return 0
	fi
	if [ -z "$only" ] && [ "$full" != 1 ] && [[ " $slow " == *" $name "* ]]
	then
		echo "SKIP  $name: too slow for check under vel2 today" \
			"(L2_FULL=1 or L2_ONLY=$name runs it)"
		return 0
	fi
	case $wl in
	vmm) initrd=$vmm_initrd limit=$vmm_limit marker="L2| vmm: PASS"
		[[ $extra == *id_aa64mmfr1.vh=0* ]] && limit=$nvhe_limit ;;
	qemu) initrd=$qemu_initrd limit=$qemu_limit
		marker="L2| vel2-init: userspace reached" ;;
	esac
	local common=(-m 1G -nographic -no-reboot -kernel "$image"
		-initrd "$initrd" -append "$append${extra:+ $extra}")
	nlog=$dir/$native_of.native vlog=$dir/$name.vel2

	if [ -z "${native_s[$native_of]:-}" ]; then
		native_s[$native_of]=$(run "$nlog" "$limit" "$QEMU" \
			-M virt,virtualization=on,gic-version=3 -cpu max \
			"${common[@]}")
	fi
	nt=${native_s[$native_of]}
	if ! grep -qF -- "$marker" "$nlog" || ! grep -qF -- "$done_line" "$nlog"
	then
		echo "FAIL  $name: the native run lacks \"$marker\" or" \
			"\"$done_line\" (the reference is broken; log: $nlog)" >&2
		tr -d '\r' <"$nlog" | grep -a '^L2|\|^vel2-l1:' | tail -5 |
			sed 's/^/        /' >&2
		return 1
	fi

	# shellcheck disable=SC2086 # vopts: zero or more words
	vt=$(run "$vlog" "$limit" env QEMU="$QEMU" "$root/scripts/vel2-qemu" \
		$vopts "${common[@]}")
	printf '%s_native %s\n%s_vel2 %s\n' "$name" "$nt" "$name" "$vt" \
		>>"$dir/l2.times"

	problems=
	grep -qF -- "$done_line" "$vlog" ||
		problems="the workload did not end with status 0"
	local d
	d=$(diff <(l2_lines "$nlog") <(l2_lines "$vlog") |
		sed -n 's/^</  only native:/p; s/^>/  only vel2:  /p')
	if [ -n "$d" ]; then
		problems="${problems:+$problems; }L2 lines differ ($(grep -c \
			'only native' <<<"$d") only native, $(grep -c 'only vel2' \
			<<<"$d") only vel2), first:"$'\n'"$(head -6 <<<"$d")"
	fi
	# An NV2 run must have had NV2 taken up, or it proves nothing new.
	if [ -n "$nv2_opt" ] && [[ " $vopts " == *" $nv2_opt "* ]] &&
		! grep -qF "vel2: NV2 on" "$vlog"; then
		problems="${problems:+$problems; }vel2 did not turn NV2 on"
	fi

	reason=$(xfail_reason "$name")
	if [ -z "$problems" ]; then
		if [ -n "$reason" ]; then
			echo "XPASS $name: passes under vel2 but is listed in" \
				"$xfail_file; remove it from the list" >&2
			return 1
		fi
		echo "PASS  $name: same L2 lines natively (${nt}s) and under" \
			"vel2 (${vt}s): $(tr -d '\r' <"$vlog" |
				grep -aF -- "$marker" | head -1 | cut -c5-)"
		return 0
	fi
	if [ -n "$reason" ] && failure_matches "$vlog" "$reason"; then
		echo "XFAIL $name: under vel2 (expected: $reason; ${vt}s):"
		echo "$problems" | head -8 | sed 's/^/        /'
		how_far "$vlog"
		return 0
	fi
	if [ -n "$reason" ]; then
		echo "FAIL  $name: fails differently than listed in" \
			"$xfail_file ($reason); update the line:" >&2
	else
		echo "FAIL  $name: under vel2:" >&2
	fi
	echo "$problems" | head -20 | sed 's/^/        /' >&2
	how_far "$vlog" >&2
	return 1
}

fail=0
config vmm vmm "" "$nv_opt" || fail=1
config vmm-nv2 vmm "" "$nv2_opt" vmm || fail=1
config vmm-nvhe vmm "id_aa64mmfr1.vh=0" "$nv_opt" || fail=1
if [ "$nvhe_nv2" = 1 ]; then
	config vmm-nvhe-nv2 vmm "id_aa64mmfr1.vh=0" "$nv2_opt" vmm-nvhe || fail=1
else
	echo "SKIP  vmm-nvhe-nv2: vel2's NV2 is for VHE guest hypervisors only" \
		"(L2_NVHE_NV2=1 runs it)"
fi
config qemu qemu "" "$nv_opt" || fail=1
config qemu-nv2 qemu "" "$nv2_opt" qemu || fail=1
exit $fail
