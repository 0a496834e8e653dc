#!/usr/bin/env bash
# vel2's per-register exit statistics (hv/stats.c) against its own trace:
# each guest runs under scripts/vel2-qemu with every exit traced, and the
# "stats: sysreg mrs|msr NAME COUNT" table must hold exactly the counts of
# the trace's "mrs:NAME"/"msr:NAME" lines (docs/hv.md, "Exit statistics"
# and "Trace lines"). The table is found through a hash index; a lost or
# misfiled count shows here.
#
# usage: stats-test.sh OUTDIR GUEST_ELF...
set -uo pipefail

dir=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$dir"
fail=0
for elf in "$@"; do
	g=$(basename "$elf" .elf)
	log=$dir/$g.stats
	timeout --kill-after=5 "${QEMU_TIMEOUT:-30}" "$root/scripts/vel2-qemu" \
		--trace=1000000 -M virt -m 128M -nographic -semihosting \
		-no-reboot -kernel "$elf" </dev/null >"$log" 2>&1
	rc=$?
	tr -d '\r' <"$log" | awk '$1 == "vel2:" && $2 == "trace" &&
		$6 == "SYS64" { print $7 }' | sort | uniq -c |
		awk '{ print $2, $1 }' | sort >"$log.trace"
	tr -d '\r' <"$log" | awk '$1 == "vel2:" && $2 == "stats:" &&
		$3 == "sysreg" && ($4 == "mrs" || $4 == "msr") {
			print $4 ":" $5, $6 }' | sort >"$log.table"
	if [ $rc != 0 ] || ! [ -s "$log.trace" ]; then
		echo "FAIL stats $g: run exited $rc or traced no MRS/MSR: $log"
		fail=1
	elif ! diff -u "$log.trace" "$log.table" >"$log.diff"; then
		echo "FAIL stats $g: table differs from the trace: $log.diff"
		fail=1
	else
		echo "PASS stats $g ($(wc -l <"$log.table") registers)"
	fi
done
exit $fail
