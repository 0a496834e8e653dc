#!/usr/bin/env bash
# Run one QEMU virt machine with EL2, semihosting and a time limit.
#
# usage: qemu-run.sh OUT TIMEOUT_S KERNEL_ELF [GUEST_ELF]
#   Without GUEST_ELF, KERNEL_ELF runs natively at EL2. With it, KERNEL_ELF
#   is vel2 and the guest is placed by QEMU's generic loader (the PC is not
#   touched; vel2 finds the guest at its link address).
#   VEL2_NV2=1 (with GUEST_ELF): vel2 runs the guest with FEAT_NV2 while
#   it is a VHE hypervisor at vEL2: a boot info block (hv/bootinfo.h) with
#   only magic, version and HV_BOOT_NV2, written by QEMU's data loader.
#   QEMU_OPTS: more QEMU options for both runs (the guest's "qemu:" line,
#   mk/qemu.mk), e.g. -smp 2.
# Console output (stdout) goes to OUT, QEMU's stderr to OUT.stderr.
# Exit status: the semihosting exit status; 124 on timeout (reported).
set -uo pipefail

out=$1 limit=$2 kernel=$3 guest=${4:-}
QEMU=${QEMU:-qemu-system-aarch64}

args=(-M virt,virtualization=on,gic-version=3 -cpu max -m 128M
	-nographic -semihosting -no-reboot -kernel "$kernel")
# shellcheck disable=SC2206 # QEMU_OPTS: words
args+=(${QEMU_OPTS:-})
[ -n "$guest" ] && args+=(-device "loader,file=$guest")
if [ -n "$guest" ] && [ "${VEL2_NV2:-0}" = 1 ]; then
	args+=(-device loader,addr=0x401ff000,data=0x544f4f42324c4556,data-len=8
		-device loader,addr=0x401ff008,data=2,data-len=8
		-device loader,addr=0x401ff010,data=4,data-len=8)
fi

timeout --kill-after=5 "$limit" "$QEMU" "${args[@]}" \
	</dev/null >"$out" 2>"$out.stderr"
rc=$?
if [ $rc = 124 ] || [ $rc = 137 ]; then
	echo "TIMEOUT: $QEMU ${args[*]} did not finish in ${limit}s" >&2
	rc=124
fi
exit $rc
