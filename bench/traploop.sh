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
set -uo pipefail

hv=$1 guest=$2 dir=$3 n=${4:-200000} runs=${5:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir"

# cpu_of MODE N: host CPU seconds of one QEMU run
cpu_of() {
	local mode=$1 count=$2 arg log
	arg=$count
	[ "$mode" = floor ] && arg=$(printf '0x%x' $((count | (1 << 63))))
	[ "$mode" = nv_tpidr ] && arg=$(printf '0x%x' $((count | (1 << 62))))
	case $mode in
	*htimer) arg=$(printf '0x%x' $((count | (1 << 61)))) ;;
	*eret) arg=$(printf '0x%x' $((count | (1 << 60)))) ;;
	esac
	log=$dir/traploop.$mode.$count
	export QEMU_OPTS="-device loader,addr=0x47ff0000,data=$arg,data-len=8"
	(
		case $mode in
		floor) "$here/tests/qemu/qemu-run.sh" "$log" 120 "$guest" ;;
		nv | nv_tpidr | nv_htimer | nv_eret) VEL2_NV2=0 "$here/tests/qemu/qemu-run.sh" "$log" 120 "$hv" \
			"$guest" ;;
		nv2 | nv2_htimer | nv2_eret) VEL2_NV2=1 "$here/tests/qemu/qemu-run.sh" "$log" 120 \
			"$hv" "$guest" ;;
		esac >/dev/null 2>&1
		times
	) | awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/);
		printf "%.4f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
	grep -q "traploop: done" "$log" ||
		echo "traploop.sh: $mode N=$count did not finish: $log" >&2
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

declare -A us
for mode in floor nv nv_tpidr nv2 nv_htimer nv2_htimer nv_eret nv2_eret; do
	per=()
	for ((r = 0; r < runs; r++)); do
		c0=$(cpu_of $mode 0)
		c1=$(cpu_of $mode "$n")
		per+=("$(echo "$c0 $c1" | awk -v n="$n" '{ printf "%.4f", ($2 - $1) * 1e6 / n }')")
	done
	us[$mode]=$(printf '%s\n' "${per[@]}" | median)
	echo "BENCH exit_us_$mode ${us[$mode]} us"
done
# Exits per loop iteration under vel2 (deterministic): should be 1.
for mode in nv nv_tpidr nv2 nv_htimer nv2_htimer nv_eret nv2_eret; do
	e0=$(tr -d '\r' <"$dir/traploop.$mode.0" | sed -n 's/^vel2: stats: exits //p')
	e1=$(tr -d '\r' <"$dir/traploop.$mode.$n" | sed -n 's/^vel2: stats: exits //p')
	echo "${e0:-0} ${e1:-0}" | awk -v n="$n" -v m="$mode" \
		'{ printf "BENCH traploop_exits_per_iteration_%s %.3f count\n", m, ($2 - $1) / n }'
	tr -d '\r' <"$dir/traploop.$mode.$n" | sed -n \
		"s/^vel2: stats: hcr_el2 writes \([0-9]*\) tlb-flushing \([0-9]*\) .*/BENCH traploop_tlb_flushing_hcr_writes_$mode \2 count/p"
done
for mode in nv nv_tpidr nv2 nv_htimer nv2_htimer nv_eret nv2_eret; do
	echo "${us[$mode]} ${us[floor]}" | awk -v m="$mode" \
		'{ printf "BENCH exit_us_%s/floor %.2f x\n", m, $1 / $2 }'
done
