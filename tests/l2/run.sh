# SPDX-License-Identifier: MIT
# Sourced by tests/l2/l2-test.sh and l2-bench.sh: one bounded QEMU run.
# The sourcing script sets run_tag (its name, for the timeout marker) and
# run_digits (decimals of the wall time it prints).

now() { date +%s.%N; }

# run LOG LIMIT CMD...: console to LOG, stdin closed, bounded by LIMIT;
# prints the wall seconds. "[<run_tag>: timed out" marks a timeout.
run() {
	local log=$1 limit=$2 t0 t1 rc
	shift 2
	t0=$(now)
	timeout --kill-after=5 "$limit" "$@" </dev/null >"$log" 2>&1
	rc=$?
	t1=$(now)
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		echo "[$run_tag: timed out after ${limit}s]" >>"$log"
	fi
	awk -v a="$t0" -v b="$t1" -v d="$run_digits" \
		'BEGIN { printf "%.*f\n", d, b - a }'
}
