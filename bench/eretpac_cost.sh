#!/usr/bin/env bash
# Deterministic cost of vel2's ERETAA/ERETAB emulation: the instructions
# vel2 executes per exit, from QEMU's own trace of one eretpac5 run
# (-d in_asm,exec,nochain: every translation block as it is translated,
# then every execution of one). An exit is a run of consecutive blocks in
# vel2's image ([0x40100000, 0x40200000), hv/hv.ld); it took the PACGA
# path if one of its blocks holds vel2's PACGA instruction, the software
# cipher if it entered vel2_hw_qarma_ikey (src/trap/pac_auth.c).
#
# usage: eretpac_cost.sh HV_ELF GUEST_ELF OUTDIR
# Prints "BENCH eretaa_pacga_insns N count" and the same for
# eretaa_qarma_insns (mean over the exits of each kind).
set -euo pipefail

hv=$1 guest=$2 dir=$3
QEMU=${QEMU:-qemu-system-aarch64}
OBJDUMP=${OBJDUMP:-aarch64-linux-gnu-objdump}
mkdir -p "$dir"
log=$dir/eretpac_cost.log

timeout --kill-after=5 "${QEMU_TIMEOUT:-120}" "$QEMU" \
	-M virt,virtualization=on,gic-version=3 -cpu max,pauth-qarma5=on \
	-m 128M -nographic -semihosting -no-reboot -kernel "$hv" \
	-device "loader,file=$guest" -d in_asm,exec,nochain -D "$log" \
	</dev/null >"$dir/eretpac_cost.out" 2>&1

"$OBJDUMP" -d "$hv" | awk '
	/^[0-9a-f]+ <vel2_hw_qarma_ikey>:/ { print "Q", $1 }
	/\tpacga\t/ { sub(":", "", $1); print "G", $1 }' >"$dir/eretpac_cost.sym"

awk -v lo=$((0x40100000)) -v hi=$((0x40200000)) '
	function hex(s,    i, v) {
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	FNR == NR { if ($1 == "Q") q = hex($2); else g[hex($2)] = 1; next }
	/^IN:/ { cur = ""; next }
	/^0x[0-9a-f]+:/ {
		a = hex(substr($1, 3, length($1) - 3))
		if (cur == "") { cur = a; n[cur] = 0 }
		n[cur]++
		next
	}
	/^Trace/ {
		cur = ""
		split($0, f, "/"); pc = hex(f[2])
		if (pc >= lo && pc < hi) {
			seg += n[pc]
			if (pc == q) sq = 1
			for (p in g) if (p >= pc && p < pc + 4 * n[pc]) sg = 1
			inseg = 1
		} else if (inseg) {
			if (sq) { nq++; tq += seg } else if (sg) { ng++; tg += seg }
			seg = sq = sg = inseg = 0
		}
	}
	END {
		printf "BENCH eretaa_pacga_insns %d count\n", ng ? tg / ng : 0
		printf "BENCH eretaa_qarma_insns %d count\n", nq ? tq / nq : 0
		printf "BENCH eretaa_qarma/pacga %.2f x\n", ng && nq ? (tq / nq) / (tg / ng) : 0
	}' "$dir/eretpac_cost.sym" "$log"
rm -f "$log"
