#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cost of one vel2 exit against QEMU's floor (make bench, BENCH lines).
#
# usage: traploop.sh HV_ELF TRAPLOOP_ELF OUTDIR [N] [RUNS]
#
# guests/traploop.elf runs N trapping MRS VBAR_EL2 at vEL2 under vel2 (one
# exit each, with plain NV and with NV2; nv_tpidr: MRS TPIDR_EL2 with plain
# NV, the Linux boot's exit, which vel2's vector answers alone;
# nv_htimer/nv2_htimer: MSR CNTHP_CVAL_EL2, the timer write vel2's fast
# path answers; nv_eret/nv2_eret: ERET to vEL2 itself, a C-path exit), and
# natively N HVC #0 into a bare ERET handler: the floor, one exception
# entry and return. The measure is
# the QEMU process's host CPU time (user + system, from bash's `times`),
# with the same run at N = 0 subtracted so that QEMU's start-up and vel2's
# boot drop out: us/exit = (cpu(N) - cpu(0)) / N. Each figure is the median
# of RUNS runs; the ratios come from the same invocation.
#
# TRAPLOOP_SMP=2 with guests/traploop2.elf (and an OUTDIR of its own):
# both CPUs run the loop at the same time (-smp 2), N times each; us/exit
# divides by both CPUs' 2N exits, and every BENCH name ends in _smp2 (the
# floor too: QEMU's own exception round trip while the other vCPU thread
# takes them as well). Where `perf stat` can count
# syscalls:sys_enter_futex (TRAPLOOP_PERF=0: never), one more pair of
# runs per mode, apart from the timed ones, gives futex calls and context
# switches per exit: QEMU's global lock (BQL), taken around exception
# entry and return, contended.
#
# TRAPLOOP_IDLE_US=P (with TRAPLOOP_SMP=2 and traploop2.elf): CPU 1 does
# not loop but idles as an idle Linux CPU does, in WFI, woken by its EL2
# timer every P us (250 Hz: 4000); us/exit divides by the boot CPU's N
# exits, and names end in _smp2idle. spin / nv_spin (natively / under
# vel2): the loop takes no exception at all, N times 1000 rounds of an
# empty loop (iteration_us_*: us per N): the partner's wakeups' own cost,
# without exits to contend with. TRAPLOOP_MODES: the modes to run
# (default all but spin). TRAPLOOP_BASELINE=FILE (the -smp 1 run's BENCH
# lines): per mode, host CPU per partner wakeup, what a run took beyond
# N times the -smp 1 figure divided by the wakeups in it (median); with
# TRAPLOOP_TLBI_EVERY, divided by the TLBIs instead.
# TRAPLOOP_TLBI_EVERY=K (any configuration; names end in _tlbiK): every
# looping CPU issues a broadcast TLBI every K iterations (floor, nv_tpidr,
# spin, nv_spin), which QEMU runs on every vCPU, an idle one too.
set -uo pipefail

hv=$1 guest=$2 dir=$3 n=${4:-200000} runs=${5:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"
smp=${TRAPLOOP_SMP:-1} sfx=
[ "$smp" != 1 ] && sfx=_smp$smp
idle=${TRAPLOOP_IDLE_US:-0} looping=$smp tlbi=${TRAPLOOP_TLBI_EVERY:-0}
[ "$idle" != 0 ] && sfx=${sfx}idle looping=1
tsfx=
[ "$tlbi" != 0 ] && tsfx=_tlbi$tlbi sfx=${sfx}_tlbi$tlbi
export sfx
exits=$((n * looping)) # in all, N per looping CPU
modes=${TRAPLOOP_MODES:-floor nv nv_tpidr nv2 nv_htimer nv2_htimer nv_eret nv2_eret}
# The modes that count vel2 exits, one per iteration.
# shellcheck disable=SC2086 # $modes: words
vmodes=$(printf '%s\n' $modes | grep -v -e '^floor$' -e 'spin$')
events=task-clock,context-switches,syscalls:sys_enter_futex perf_ok=0
if [ "${TRAPLOOP_PERF:-1}" != 0 ] &&
	perf stat -x, -e $events -o /dev/null -- true >/dev/null 2>&1; then
	# QEMU for the counting runs (qemu-run.sh runs $QEMU): under perf.
	# shellcheck disable=SC2016 # $PERF_LOG and $@: the wrapper's
	printf '#!/bin/sh\nexec perf stat -x, -o "$PERF_LOG" -e %s -- %s "$@"\n' \
		"$events" "${QEMU:-qemu-system-aarch64}" >"$dir/perf-qemu"
	chmod +x "$dir/perf-qemu"
	perf_ok=1
fi

# cpu_of MODE N [perf]: host CPU seconds of one QEMU run; with "perf",
# QEMU runs under `perf stat`, its counts in LOG.perf.
cpu_of() {
	local mode=$1 count=$2 arg log
	arg=$count
	[ "$mode" = floor ] && arg=$(printf '0x%x' $((count | (1 << 63))))
	[ "$mode" = nv_tpidr ] && arg=$(printf '0x%x' $((count | (1 << 62))))
	case $mode in
	*htimer) arg=$(printf '0x%x' $((count | (1 << 61)))) ;;
	*eret) arg=$(printf '0x%x' $((count | (1 << 60)))) ;;
	*spin) arg=$(printf '0x%x' $((count | (1 << 59)))) ;;
	esac
	log=$dir/traploop.$mode.$count
	export QEMU_OPTS="-device loader,addr=0x47ff0000,data=$arg,data-len=8"
	[ "$smp" != 1 ] && QEMU_OPTS="-smp $smp $QEMU_OPTS"
	[ "$idle$tlbi" != 00 ] && QEMU_OPTS="$QEMU_OPTS -device loader,addr=0x47ff0008,data=$(
		printf '0x%x' $((idle | tlbi << 32))),data-len=8"
	(
		[ "${3:-}" = perf ] && export QEMU=$dir/perf-qemu PERF_LOG=$log.perf
		case $mode in
		floor | spin) "$here/tests/qemu/qemu-run.sh" "$log" 120 "$guest" ;;
		nv | nv_tpidr | nv_htimer | nv_eret | nv_spin) VEL2_NV2=0 "$here/tests/qemu/qemu-run.sh" "$log" 120 "$hv" \
			"$guest" ;;
		nv2 | nv2_htimer | nv2_eret) VEL2_NV2=1 "$here/tests/qemu/qemu-run.sh" "$log" 120 \
			"$hv" "$guest" ;;
		esac >/dev/null 2>&1
		times
	) | awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/);
		printf "%.4f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
	grep -q "traploop2\?: done" "$log" ||
		echo "traploop.sh: $mode N=$count did not finish: $log" >&2
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# wakeups LOG: the idle partner's wakeups in one run.
wakeups() {
	tr -d '\r' <"$1" | sed -n 's/^traploop2: partner wakeups //p'
}
# base MODE: the mode's us per iteration in TRAPLOOP_BASELINE, if any.
base() {
	[ -n "${TRAPLOOP_BASELINE:-}" ] || return 0
	sed -n "s/^BENCH [a-z]*_us_$1 \([0-9.]*\) us$/\1/p" "$TRAPLOOP_BASELINE"
}

declare -A us
for mode in $modes; do
	per=() wake=() b=
	[ "$idle" != 0 ] && b=$(base "$mode$tsfx")
	for ((r = 0; r < runs; r++)); do
		c0=$(cpu_of "$mode" 0)
		w0=$(wakeups "$dir/traploop.$mode.0")
		c1=$(cpu_of "$mode" "$n")
		w1=$(wakeups "$dir/traploop.$mode.$n")
		per+=("$(echo "$c0 $c1" | awk -v n="$exits" '{ printf "%.4f", ($2 - $1) * 1e6 / n }')")
		# Host CPU per partner wakeup (with TLBIs: per TLBI): what
		# the run took beyond the baseline's (-smp 1) price of its N
		# iterations.
		[ -n "$b" ] && wake+=("$(echo "$c0 $c1 ${w0:-0} ${w1:-0}" |
			awk -v n="$exits" -v b="$b" -v k="$tlbi" '
				k > 0 { $3 = 0; $4 = int(n / k) }
				$4 > $3 {
				printf "%.1f", (($2 - $1) * 1e6 - b * n) / ($4 - $3) }')")
	done
	us[$mode]=$(printf '%s\n' "${per[@]}" | median)
	name=exit_us
	[[ $mode == *spin ]] && name=iteration_us
	echo "BENCH ${name}_$mode$sfx ${us[$mode]} us"
	[ ${#wake[@]} -gt 0 ] &&
		echo "BENCH traploop_us_per_$([ "$tlbi" = 0 ] && echo wakeup || echo tlbi)_$mode$sfx $(printf '%s\n' "${wake[@]}" | median) us"
	[ -n "${w1:-}" ] && echo "BENCH traploop_wakeups_$mode$sfx $((w1 - ${w0:-0})) count"
done
# Exits per loop iteration under vel2 (deterministic): should be 1.
for mode in $vmodes; do
	e0=$(tr -d '\r' <"$dir/traploop.$mode.0" | sed -n 's/^vel2: stats: exits //p')
	e1=$(tr -d '\r' <"$dir/traploop.$mode.$n" | sed -n 's/^vel2: stats: exits //p')
	echo "${e0:-0} ${e1:-0}" | awk -v n="$exits" -v m="$mode$sfx" \
		'{ printf "BENCH traploop_exits_per_iteration_%s %.3f count\n", m, ($2 - $1) / n }'
	tr -d '\r' <"$dir/traploop.$mode.$n" | sed -n \
		"s/^vel2: stats: hcr_el2 writes \([0-9]*\) tlb-flushing \([0-9]*\) .*/BENCH traploop_tlb_flushing_hcr_writes_$mode$sfx \2 count/p"
	# Each CPU's ("vel2: stats: cpu <i> exits <n>", SMP runs only).
	for ((c = 0; c < smp && smp > 1; c++)); do
		e0=$(tr -d '\r' <"$dir/traploop.$mode.0" | sed -n "s/^vel2: stats: cpu $c exits //p")
		e1=$(tr -d '\r' <"$dir/traploop.$mode.$n" | sed -n "s/^vel2: stats: cpu $c exits //p")
		echo "${e0:-0} ${e1:-0}" | awk -v n="$n" -v m="$mode$sfx" -v c=$c \
			'{ printf "BENCH traploop_exits_per_iteration_%s_cpu%d %.3f count\n", m, c, ($2 - $1) / n }'
	done
done
for mode in $vmodes; do
	[ -n "${us[floor]:-}" ] || break
	echo "${us[$mode]} ${us[floor]}" | awk -v m="$mode" \
		'{ s = ENVIRON["sfx"]; printf "BENCH exit_us_%s%s/floor%s %.2f x\n", m, s, s, $1 / $2 }'
done
# QEMU's global lock, contended: futex calls and context switches per
# exit (N minus N = 0; one untimed pair of runs per mode).
[ $perf_ok = 1 ] || exit 0
count() { awk -F, -v e="$2" '$3 == e { print $1 }' "$1"; }
for mode in $(printf '%s\n' "${!us[@]}" | sort); do
	cpu_of "$mode" 0 perf >/dev/null
	cpu_of "$mode" "$n" perf >/dev/null
	for ev in syscalls:sys_enter_futex context-switches; do
		a=$(count "$dir/traploop.$mode.0.perf" $ev)
		b=$(count "$dir/traploop.$mode.$n.perf" $ev)
		echo "${a:-0} ${b:-0}" | awk -v n="$exits" -v m="$mode$sfx" \
			-v e="${ev#syscalls:sys_enter_}" \
			'{ printf "BENCH traploop_%s_per_exit_%s %.4f count\n", e, m, ($2 - $1) / n }'
	done
done
