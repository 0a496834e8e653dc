#!/usr/bin/env bash
# Tests of tests/l2/l2-test.sh itself: it must fail when it should. A fake
# QEMU prints canned consoles (the native one, or the one "under vel2"
# when scripts/vel2-qemu starts it with vel2's image), so every verdict
# of the harness is exercised in a second, without booting anything.
#
# usage: harness-test.sh WORKDIR
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$1
mkdir -p "$work"
work=$(cd "$work" && pwd)
rm -rf "${work:?}"/*

# Files vel2-qemu and the harness only need to exist.
# An arm64 Image header (Linux's booting.rst): text_offset 0, image_size
# 64 KiB, magic "ARM\x64" at 56; vel2-qemu reads nothing else.
head -c 65536 /dev/zero >"$work/Image"
printf '\x00\x00\x01' | dd of="$work/Image" bs=1 seek=16 conv=notrunc \
	status=none
printf 'ARM\x64' | dd of="$work/Image" bs=1 seek=56 conv=notrunc status=none
# vel2-qemu checks only that vel2 is linked for its region: ELF e_entry
# (offset 24) = region + 1 MiB, the region just above the workloads' 1 GiB
# of guest RAM (0x80000000).
head -c 32 /dev/zero >"$work/vel2.elf"
printf '\x00\x00\x10\x80' | dd of="$work/vel2.elf" bs=1 seek=24 \
	conv=notrunc status=none
: >"$work/initrd"
cat >"$work/qemu" <<'EOF'
#!/usr/bin/env bash
# Fake qemu-system-aarch64: the console of $FAKE_DIR/native or
# $FAKE_DIR/vel2 (vel2-qemu loads vel2.elf as the kernel). vel2-qemu's
# first run only dumps QEMU's DTB (-machine ...,dumpdtb=F): the real QEMU
# does that, quickly and without a kernel.
case " $* " in
*dumpdtb=*) exec qemu-system-aarch64 "$@" ;;
*"vel2.elf"*) cat "$FAKE_DIR/vel2" ;;
*) cat "$FAKE_DIR/native" ;;
esac
EOF
chmod +x "$work/qemu"

pass_line="L2| vmm: PASS mmio=0xa000000:4:0x600dcafe psci_version=0x10001 hvc_loop=0 cntv_ctl=0x5 intid=27 system_event=1"
done_line="vel2-l1: workload exited with status 0"
good_vmm=$(printf '[    1.0] kvm [1]: VHE mode initialized successfully\nvel2-l1: running /vmm\n%s\n%s\n' "$pass_line" "$done_line")
good_qemu=$(printf 'vel2-l1: running /usr/bin/qemu-system-aarch64\nL2| [    0.000000] Booting Linux\nL2| [    1.500000] Run /init as init process\nL2| vel2-init: userspace reached\nL2| [    1.600000] reboot: Power down\n%s\n' "$done_line")

failed=0
# case NAME WANT_STATUS WANT_TEXT CONFIGS NATIVE VEL2 [XFAIL_LINE]
case_() {
	local name=$1 want=$2 text=$3 configs=$4 out rc
	printf '%s\n' "$5" >"$work/native"
	printf '%s\n' "$6" >"$work/vel2"
	printf '%s\n' "${7:-}" >"$work/xfail"
	out=$(FAKE_DIR=$work QEMU=$work/qemu VEL2_ELF=$work/vel2.elf \
		L2_ONLY="$configs" L2_VMM_TIMEOUT=20 L2_QEMU_TIMEOUT=20 \
		"$here/l2-test.sh" "$work/Image" "$work/initrd" "$work/initrd" \
		"$work/out" "$work/xfail" 2>&1)
	rc=$?
	if [ "$rc" != "$want" ] || ! grep -qF -- "$text" <<<"$out"; then
		echo "FAIL  harness-test $name: status $rc (want $want)," \
			"output lacks \"$text\":" >&2
		sed 's/^/        /' <<<"$out" >&2
		failed=1
	else
		echo "PASS  harness-test $name"
	fi
}

case_ same 0 "PASS  vmm:" vmm "$good_vmm" "$good_vmm"
case_ corrupted-marker 1 "only vel2:   vmm: PASS" vmm "$good_vmm" \
	"${good_vmm/intid=27/intid=28}"
case_ no-exit-status 1 "did not end with status 0" vmm "$good_vmm" \
	"${good_vmm/status 0/status 1}"
case_ native-broken 1 "the native run lacks" vmm \
	"${good_vmm/vmm: PASS/vmm: FAIL}" "$good_vmm"
case_ xpass 1 "XPASS vmm" vmm "$good_vmm" "$good_vmm" "vmm console: anything"
case_ xfail 0 "XFAIL vmm" vmm "$good_vmm" \
	"$(printf 'vel2-l1: running /vmm\n[ 2.0] PS:404023c9 PC:ffffc3c9860875d4 ESR:02000000\n')" \
	"vmm console: ESR:02000000 -- the VDISR_EL2 UNDEF"
case_ fails-differently 1 "fails differently" vmm "$good_vmm" \
	"$(printf 'vel2-l1: running /vmm\n[ 2.0] PS:404023c9 PC:ffffc3c9860875d4 ESR:8a000000\n')" \
	"vmm console: ESR:02000000 -- the VDISR_EL2 UNDEF"
case_ refused 0 "XFAIL vmm-nv2" vmm-nv2 "$good_vmm" \
	"vel2: cannot run the guest: no shadow stage 2 in vel2 yet" \
	"vmm-nv2 refused: no shadow stage 2 in vel2 yet"
case_ refused-otherwise 1 "fails differently" vmm-nv2 "$good_vmm" \
	"vel2: cannot run the guest: something else" \
	"vmm-nv2 refused: no shadow stage 2 in vel2 yet"
case_ nv2-not-on 1 "vel2 did not turn NV2 on" vmm-nv2 "$good_vmm" "$good_vmm"
case_ nv2-on 0 "PASS  vmm-nv2" vmm-nv2 "$good_vmm" \
	"$(printf 'vel2: NV2 on for a VHE guest hypervisor\n%s\n' "$good_vmm")"
case_ l2-timestamps 0 "PASS  qemu:" qemu "$good_qemu" \
	"${good_qemu//1.500000/9.250000}"
times_n='L2| audit: type=2000 audit(0.552:1): state=initialized\nL2| node 0 deferred pages initialised in 16ms\nL2| rtc-pl031 9010000.pl031: setting system clock to 2026-11-29T18:40:40 UTC (1795977640)'
times_v='L2| audit: type=2000 audit(0.000:1): state=initialized\nL2| node 0 deferred pages initialised in 0ms\nL2| rtc-pl031 9010000.pl031: setting system clock to 2026-11-29T18:42:26 UTC (1795977746)'
case_ l2-times-in-lines 0 "PASS  qemu:" qemu \
	"$(printf "$times_n\n%s\n" "$good_qemu")" \
	"$(printf "$times_v\n%s\n" "$good_qemu")"
case_ l2-times-line-still-compared 1 "only native: node 0 deferred" qemu \
	"$(printf "$times_n\n%s\n" "$good_qemu")" "$good_qemu"
lockup=$(printf 'L2| [   85.5] watchdog: BUG: soft lockup - CPU#0 stuck for 79s! [kworker/u2:0:9]\nL2| [   85.8] Modules linked in:\nL2| [   86.0] CPU: 0 PID: 9 Comm: kworker/u2:0 Not tainted 6.1.0-57-arm64 #1\nL2| [   86.6] pc : lookup_one_common+0x48/0x110\nL2| [   87.9] x29: ffff800008093b90 x28: ffff000002503800\nL2| [   91.5] Call trace:\nL2| [   91.7]  lookup_one_common+0x48/0x110')
case_ l2-lockup-ignored 0 "PASS  qemu:" qemu "$good_qemu" \
	"$(printf '%s\n%s\n' "$lockup" "$good_qemu")"
case_ l2-line-missing 1 "only native: Run /init as init process" qemu \
	"$good_qemu" "$(grep -v 'Run /init' <<<"$good_qemu")"
case_ l2-marker-corrupted 1 "only vel2:   vel2-init: userspace reachec" qemu \
	"$good_qemu" "${good_qemu/userspace reached/userspace reachec}"
# l2-bench.sh's arithmetic and its refusal to make figures up, with a fake
# QEMU whose vel2 takes 1000 exits plus 15 per hypercall of the loop.
cat >"$work/qemu-bench" <<'EOF'
#!/usr/bin/env bash
# As above: vel2-qemu's DTB dump goes to the real QEMU.
[[ " $* " == *dumpdtb=* ]] && exec qemu-system-aarch64 "$@"
n=$(sed -n 's/.* -- bench \([0-9]*\).*/\1/p' <<<"$*")
case " $* " in
*"vel2.elf"*) vel2=1 ;;
*) vel2=0 ;;
esac
[ $vel2 = 1 ] && echo "vel2: NV2 on for a VHE guest hypervisor"
[ $vel2 = 1 ] && [ -n "${FAKE_REFUSE:-}" ] &&
	{ echo "vel2: cannot run the guest: $FAKE_REFUSE"; exit 1; }
if [ -n "$n" ]; then
	echo "L2| vmm: PASS mmio=0xa000000:4:0x600dcafe hvc_loop=$n cntv_ctl=0x5"
else
	echo "L2| [   12.500000] Run /init as init process"
	echo "L2| vel2-init: userspace reached"
fi
echo "vel2-l1: workload exited with status 0"
[ $vel2 = 1 ] && echo "vel2: stats: exits $((1000 + 15 * ${n:-0}))"
exit 0
EOF
chmod +x "$work/qemu-bench"
# bench NAME: l2-bench.sh's output with the fake QEMU (FAKE_REFUSE set:
# vel2 refuses every run).
bench() {
	QEMU=$work/qemu-bench VEL2_ELF=$work/vel2.elf L2_BENCH_HVCS=400 \
		L2_VMM_TIMEOUT=20 L2_QEMU_TIMEOUT=20 "$here/l2-bench.sh" \
		"$work/Image" "$work/initrd" "$work/initrd" "$work/bench" 2>&1
}
# bench_case NAME OUTPUT WANT_TEXT
bench_case() {
	if ! grep -qF -- "$3" <<<"$2"; then
		echo "FAIL  harness-test $1: l2-bench output lacks \"$3\":" >&2
		sed 's/^/        /' <<<"$2" >&2
		failed=1
	else
		echo "PASS  harness-test $1"
	fi
}
out=$(bench)
bench_case bench-exits "$out" \
	"BENCH l2_hvc_exits_per_round_trip_nv2 15.00 count"
bench_case bench-boot "$out" "BENCH l2_linux_boot_nv2 12.500000 s"
out=$(FAKE_REFUSE="no shadow stage 2 in vel2 yet" bench)
bench_case bench-refused "$out" "l2_hvc_exits_per_round_trip_nv2 not runnable: vel2: cannot run the guest: no shadow"
if grep -q '^BENCH' <<<"$out"; then
	echo "FAIL  harness-test bench-no-figure: a refused run gave a figure:" >&2
	sed 's/^/        /' <<<"$out" >&2
	failed=1
else
	echo "PASS  harness-test bench-no-figure"
fi
exit $failed
