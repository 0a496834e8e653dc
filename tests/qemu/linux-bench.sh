#!/usr/bin/env bash
# BENCH lines for the Linux boot (make bench): per configuration (linux:
# VHE, linux_nvhe: id_aa64mmfr1.vh=0, linux_nv2: VHE under vel2-qemu
# --nv2, against linux's native run, linux_nvhe_nv2 likewise against
# linux_nvhe's; linux_smp2 and linux_smp2_nv2 the same with -smp 2, the
# others run -smp 1), vel2's exit count in total and by
# exception class (deterministic up to timer interrupts: from vel2's
# statistics at SYSTEM_OFF), the wall time of the whole QEMU run natively
# and under vel2, and the QEMU process's host CPU time (user + system,
# from bash's `times` in a subshell), which a loaded machine disturbs far
# less than wall time: on a shared 2-core machine a -smp 2 run's wall time
# mostly measures how often both of its vCPU threads got a core.
#
# Every figure is the median of LINUX_BENCH_ROUNDS rounds (default 3);
# each round runs every configuration, native and vel2 in turn, so slow
# phases of a shared machine hit both sides. A ratio is the median of the
# rounds' own ratios (native and vel2 of the same round), followed by
# _min and _max lines: one boot's host CPU time varies by 5-10% from run
# to run, which a single pair would report as a difference.
#
# usage: linux-bench.sh IMAGE INITRD OUTDIR
set -uo pipefail

image=$1 initrd=$2 dir=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
limit=${LINUX_TIMEOUT:-120}
QEMU=${QEMU:-qemu-system-aarch64}
append="console=ttyAMA0 rdinit=/init panic=-1"
mkdir -p "$dir"

now() { date +%s.%N; }
# cpu_run LOG CMD...: run CMD (stdin closed, output to LOG, bounded by
# $limit); print "RC CPU_SECONDS" (the subshell's children's user + system
# time; `times` must run in that subshell itself, not in a pipeline's
# fork, whose children have used nothing).
cpu_run() {
	local log=$1
	shift
	(
		timeout --kill-after=5 "$limit" "$@" </dev/null >"$log" 2>&1
		echo "rc $?"
		times
	) | awk '/^rc / { rc = $2; next } { n++ } n == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/);
		printf "%d %.2f\n", rc, u[1] * 60 + u[2] + s[1] * 60 + s[2] }'
}
# warn LOG RC: a run that failed gives figures of a boot that did not finish.
warn() {
	local why="exited $2"
	[ "$2" = 0 ] && return
	{ [ "$2" = 124 ] || [ "$2" = 137 ]; } && why="timed out after ${limit}s"
	echo "linux-bench: $1: QEMU $why; its figures are not a full boot's" >&2
}

# Native wall and CPU time per configuration, for the ones that reuse it.
declare -A native_s native_cpu
# vel2's CPU time and exits per configuration (per_exit below).
declare -A vel2_cpu vel2_exits

# bench NAME EXTRA_APPEND [VEL2_QEMU_OPTS NATIVE_OF]
bench() {
	local name=$1 extra=$2 vopts=${3:-} native_of=${4:-} t0 t1 t2 n rc c
	# shellcheck disable=SC2206 # QOPTS: words
	local common=(${QOPTS:--smp 1} -m 1G -nographic -no-reboot
		-kernel "$image" -initrd "$initrd"
		-append "$append${extra:+ $extra}")

	if [ -z "$native_of" ]; then
		t0=$(now)
		read -r rc c < <(cpu_run "$dir/$name.native" "$QEMU" \
			-M virt,virtualization=on,gic-version=3 -cpu max \
			"${common[@]}")
		t1=$(now)
		warn "$dir/$name.native" "$rc"
		native_s[$name]=$(echo "$t0 $t1" | awk '{ print $2 - $1 }')
		native_cpu[$name]=$c
		echo "BENCH cpu_${name}_native $c s"
	fi
	t1=$(now)
	# shellcheck disable=SC2086 # vopts: zero or more words
	read -r rc c < <(QEMU=$QEMU cpu_run "$dir/$name.vel2" \
		"$root/scripts/vel2-qemu" $vopts "${common[@]}")
	t2=$(now)
	warn "$dir/$name.vel2" "$rc"
	echo "${native_cpu[${native_of:-$name}]} $c" | awk -v g="$name" \
		'{ printf "BENCH cpu_%s_vel2 %.2f s\nBENCH cpu_%s/native %.2f x\n", g, $2, g, $2 / $1 }'
	n=$(tr -d '\r' <"$dir/$name.vel2" | sed -n 's/^vel2: stats: exits //p' |
		tail -1)
	echo "BENCH traps_$name ${n:-0} count"
	vel2_cpu[$name]=$c vel2_exits[$name]=${n:-0}
	# "vel2: stats: ec 0x18 SYS64   416806 ..." (hv/stats.c's table)
	# -> BENCH traps_linux_ec0x18_SYS64
	tr -d '\r' <"$dir/$name.vel2" |
		sed -n "s/^vel2: stats: ec \(0x[0-9a-f]*\) \([A-Za-z0-9_]*\)  *\([0-9]*\) .*/BENCH traps_${name}_ec\1_\2 \3 count/p"
	# Exits vel2's fast path took, and those its vector replayed alone
	# (hv/stats.c, docs/hv.md "Where an exit's time goes").
	tr -d '\r' <"$dir/$name.vel2" |
		sed -n "s/^vel2: stats: fast-path exits \([0-9]*\) replayed \([0-9]*\) .*/BENCH traps_${name}_fast \1 count\nBENCH traps_${name}_replayed \2 count/p"
	# QEMU flushes its TLB on an HCR_EL2 write that changes a
	# stage-2/NV bit: vel2 counts such writes (hv/stats.c).
	tr -d '\r' <"$dir/$name.vel2" |
		sed -n "s/^vel2: stats: hcr_el2 writes \([0-9]*\) tlb-flushing \([0-9]*\) .*/BENCH hcr_writes_${name} \1 count\nBENCH hcr_tlb_flushing_writes_${name} \2 count/p"
	if [ -n "$native_of" ]; then
		# "BENCH wall_linux_nv2 S": vel2 with NV2; the ratio is
		# against the native run of $native_of.
		echo "${native_s[$native_of]} $t1 $t2" | awk -v g="$name" \
			'{ v = $3 - $2; printf "BENCH wall_%s %.3f s\nBENCH wall_%s/native %.2f x\n", g, v, g, v / $1 }'
		return
	fi
	echo "${native_s[$name]} $t1 $t2" | awk -v g="$name" '{ n = $1; v = $3 - $2;
		printf "BENCH wall_%s_native %.3f s\nBENCH wall_%s_vel2 %.3f s\nBENCH wall_%s/native %.2f x\n",
			g, n, g, v, g, v / n }'
}

# vel2-qemu runs make for its ELF on every call; the CPU time of even an
# up-to-date check would be counted as the boot's (and a rebuild's LTO
# link as seconds of it): build it once here for -m 1G's region.
make -s -C "$root" build/hv/vel2-at-0x80000000.elf || exit 1
export VEL2_ELF=$root/build/hv/vel2-at-0x80000000.elf

# One round: every configuration once, its BENCH lines on stdout.
round() {
	bench linux "" --no-nv2
	bench linux_nv2 "" --nv2 linux
	bench linux_nvhe "id_aa64mmfr1.vh=0" --no-nv2
	bench linux_nvhe_nv2 "id_aa64mmfr1.vh=0" --nv2 linux_nvhe
	QOPTS="-smp 2" bench linux_smp2 "" --no-nv2
	QOPTS="-smp 2" bench linux_smp2_nv2 "" --nv2 linux_smp2
	per_exit linux linux_nv2
	per_exit linux_smp2 linux_smp2_nv2
}

# What an exit costs in the boot: host CPU of the plain NV boot minus the
# NV2 boot's, per exit more (both pay everything else: stage 2, QEMU's
# price for a kernel at EL1); against traploop's exit_us_nv_tpidr
# (docs/hv.md, "At -smp 2").
per_exit() {
	echo "${vel2_cpu[$1]} ${vel2_cpu[$2]} ${vel2_exits[$1]} ${vel2_exits[$2]}" |
		awk -v g="$1" '$3 > $4 { printf "BENCH cpu_per_exit_%s %.2f us\n", g, ($1 - $2) * 1e6 / ($3 - $4) }'
}

rounds=${LINUX_BENCH_ROUNDS:-3}
for ((r = 1; r <= rounds; r++)); do
	round >"$dir/linux-bench.round$r"
done
# The median of each BENCH line over the rounds (the upper middle one for
# an even count), in the order of the first round; ratios (unit x) also
# with the rounds' extremes. The QEMU logs in $dir are the last round's.
for ((r = 1; r <= rounds; r++)); do
	cat "$dir/linux-bench.round$r"
done | awk '$1 == "BENCH" {
		if (!($2 in n)) { order[++names] = $2; unit[$2] = $4 }
		v[$2, ++n[$2]] = $3
	}
	END {
		for (i = 1; i <= names; i++) {
			k = order[i]; m = n[k]
			for (a = 1; a <= m; a++) s[a] = v[k, a]
			for (a = 1; a <= m; a++)
				for (b = a + 1; b <= m; b++)
					if (s[b] + 0 < s[a] + 0) { t = s[a]; s[a] = s[b]; s[b] = t }
			print "BENCH", k, s[int(m / 2) + 1], unit[k]
			if (unit[k] == "x" && m > 1) {
				print "BENCH", k "_min", s[1], "x"
				print "BENCH", k "_max", s[m], "x"
			}
		}
	}'
