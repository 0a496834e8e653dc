#!/usr/bin/env bash
# BENCH lines for guest hypervisors running VMs (make bench-l2, docs/l2.md):
#   l2_hvc_exits_per_round_trip_{nv,nv2}
#       vel2's exits per L2 hypercall round trip (L2 HVC -> L1 KVM ->
#       L2), VHE L1: the minimal VMM's L2 runs PSCI_VERSION HVCs in a
#       loop; (exits with N HVCs - exits with 0) / N, from vel2's
#       statistics, so the L1 boot and VM set-up cancel out (up to timer
#       interrupts). Anchors (NEVE, SOSP'17): 82 (VHE KVM, ARMv8.3 NV),
#       15 (NEVE = NV2), floor 2.
#   wall_l2_linux_{native,nv,nv2} and wall_l2_linux_{nv,nv2}/native
#       the whole run of the qemu workload (L1 boots, its QEMU boots L2
#       Linux to its /init marker), natively nested and under vel2, in
#       the same make run; l2_linux_boot_*: L2's own timestamp of
#       "Run /init as init process" (L2's virtual counter: L2's boot).
# A figure whose runs do not all succeed is not made up: the line is
#   bench-l2: <name> not runnable: <why, from vel2 or the L1 kernel>
#
# usage: l2-bench.sh IMAGE VMM_INITRD QEMU_INITRD OUTDIR
# Environment as tests/l2/l2-test.sh (L2_FULL=1: the L2 Linux boot under
# plain NV too), and L2_BENCH_HVCS (N).
set -uo pipefail

image=$1 vmm_initrd=$2 qemu_initrd=$3 dir=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
QEMU=${QEMU:-qemu-system-aarch64}
nv_opt=${L2_NV_OPT-}
nv2_opt=${L2_NV2_OPT---nv2}
vmm_limit=${L2_VMM_TIMEOUT:-480}
qemu_limit=${L2_QEMU_TIMEOUT:-600}
hvcs=${L2_BENCH_HVCS:-2000}
append="console=ttyAMA0 rdinit=/init panic=-1"
done_line="vel2-l1: workload exited with status 0"
mkdir -p "$dir"

run_tag=l2-bench run_digits=3
# shellcheck source=tests/l2/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/run.sh"

# why LOG: how a run that did not succeed ended, in one line.
why() {
	local log=$1 l
	l=$(tr -d '\r' <"$log" | grep -a -m1 'vel2: cannot run the guest:')
	[ -z "$l" ] && l=$(tr -d '\r' <"$log" |
		grep -a -A1 -m1 'Kernel panic - not syncing' |
		sed 's/^\[ *[0-9.]*\] //' | tr '\n' ' ')
	[ -z "$l" ] && l=$(tr -d '\r' <"$log" | grep -a -m1 'l2-bench: timed out')
	[ -z "$l" ] && l=$(tr -d '\r' <"$log" | grep -a -m1 '^L2| vmm: FAIL')
	[ -z "$l" ] && l="last line: $(tr -d '\r' <"$log" | grep -av '^$' |
		grep -av '^vel2: stats:' | tail -1)"
	echo "$l (log: $log)" | sed 's/  */ /g'
}

# vel2 OPTS INITRD APPEND: the command line of a run under vel2.
vel2() {
	# shellcheck disable=SC2206 # $1: zero or more vel2-qemu options
	cmd=(env QEMU="$QEMU" "$root/scripts/vel2-qemu" $1 -m 1G -nographic
		-no-reboot -kernel "$image" -initrd "$2" -append "$3")
}

exits() {
	tr -d '\r' <"$1" | sed -n 's/^vel2: stats: exits //p' | tail -1
}

# Exits per L2 hypercall round trip.
for mode in nv nv2; do
	opt=$nv_opt
	[ $mode = nv2 ] && opt=$nv2_opt
	name=l2_hvc_exits_per_round_trip_$mode
	ok=1
	for n in 0 "$hvcs"; do
		log=$dir/hvc$n.$mode
		vel2 "$opt" "$vmm_initrd" "$append -- bench $n $vmm_limit"
		run "$log" "$vmm_limit" "${cmd[@]}" >/dev/null
		if ! grep -qF "L2| vmm: PASS" "$log" ||
			! grep -qF "hvc_loop=$n " "$log" ||
			! grep -qF "$done_line" "$log" || [ -z "$(exits "$log")" ]
		then
			echo "bench-l2: $name not runnable: $(why "$log")"
			ok=0
			break
		fi
		if [ $mode = nv2 ] && ! grep -qF "vel2: NV2 on" "$log"; then
			echo "bench-l2: $name not runnable: vel2 did not turn NV2 on (log: $log)"
			ok=0
			break
		fi
	done
	[ $ok = 1 ] || continue
	echo "$(exits "$dir/hvc0.$mode") $(exits "$dir/hvc$hvcs.$mode")" |
		awk -v m="$name" -v n="$hvcs" \
			'{ printf "BENCH %s %.2f count\n", m, ($2 - $1) / n }'
done

# L2 Linux boot, natively nested and under vel2, same make run.
# boot_s LOG: L2's timestamp of its "Run /init" line.
boot_s() {
	tr -d '\r' <"$1" |
		sed -n 's/^L2| \[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' |
		head -1
}
# Under vel2 first: the native run (minutes) only serves a ratio.
declare -A vt
ran=0
for mode in nv nv2; do
	opt=$nv_opt
	[ $mode = nv2 ] && opt=$nv2_opt
	log=$dir/qemu.$mode
	if [ $mode = nv ] && [ "${L2_FULL:-0}" != 1 ]; then
		echo "bench-l2: wall_l2_linux_nv not run: L1's boot under plain" \
			"NV takes more than 500 s with this initramfs (L2_FULL=1 runs it)"
		continue
	fi
	vel2 "$opt" "$qemu_initrd" "$append"
	t=$(run "$log" "$qemu_limit" "${cmd[@]}")
	if ! grep -qF "L2| vel2-init: userspace reached" "$log"; then
		echo "bench-l2: wall_l2_linux_$mode not runnable: $(why "$log")"
		continue
	fi
	vt[$mode]=$t
	ran=$((ran + 1))
done
[ $ran -gt 0 ] || exit 0
nlog=$dir/qemu.native
nt=$(run "$nlog" "$qemu_limit" "$QEMU" -M virt,virtualization=on,gic-version=3 \
	-cpu max -m 1G -nographic -no-reboot -kernel "$image" \
	-initrd "$qemu_initrd" -append "$append")
if ! grep -qF "L2| vel2-init: userspace reached" "$nlog"; then
	echo "bench-l2: wall_l2_linux_native not runnable: $(why "$nlog")"
	exit 0
fi
echo "BENCH wall_l2_linux_native $nt s"
echo "BENCH l2_linux_boot_native $(boot_s "$nlog") s"
for mode in nv nv2; do
	[ -n "${vt[$mode]:-}" ] || continue
	echo "BENCH wall_l2_linux_$mode ${vt[$mode]} s"
	echo "BENCH l2_linux_boot_$mode $(boot_s "$dir/qemu.$mode") s"
	awk -v m="$mode" -v n="$nt" -v v="${vt[$mode]}" \
		'BEGIN { printf "BENCH wall_l2_linux_%s/native %.2f x\n", m, v / n }'
done
exit 0
