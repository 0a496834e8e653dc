#!/usr/bin/env bash
# The guest's view of the machine, natively and under vel2 (issue 10):
# tests/bootview, one bare-metal kernel built in each format QEMU's
# -kernel takes (ELF, arm64 Image, raw binary, uImage), runs under
# qemu-system-aarch64 and under scripts/vel2-qemu with the same arguments,
# for several RAM sizes, and on a GICv2 machine. It prints its entry registers x0-x4, where it
# was entered, its exception level, the DTB's address, memory node,
# /chosen initrd range (with the properties' sizes) and bootargs, the
# first word of RAM (QEMU's boot stub for Linux), and what loads at the end
# of its RAM and 2, 4, 6 MiB above do (natively nothing is there; under
# vel2 that is vel2's region and stage 2 tables). Every line must match.
#
# usage: bootview-test.sh BOOTVIEW_DIR OUTDIR
set -uo pipefail

src=$1 dir=$2
here=$(cd "$(dirname "$0")" && pwd)
launcher=$(cd "$here/../../scripts" && pwd)/vel2-qemu
QEMU=${QEMU:-qemu-system-aarch64}
limit=${QEMU_TIMEOUT:-30}
mkdir -p "$dir"
printf 'vel2 bootview initrd\n' >"$dir/initrd"
pass=0 failed=0

view() { tr -d '\r' <"$1" | grep '^bootview: '; }

cases=()
for mem in 128M 256M 1G; do
	for fmt in elf Image raw uImage; do
		cases+=("$fmt $mem 3")
	done
done
cases+=("Image 256M 2" "elf 128M 2")
for c in "${cases[@]}"; do
	read -r fmt mem gic <<<"$c"
	name=$fmt-$mem-gicv$gic
	args=(-m "$mem" -nographic -kernel "$src/bootview.$fmt"
		-initrd "$dir/initrd" -append "bootview $name")
	timeout --kill-after=5 "$limit" "$QEMU" \
		-M "virt,virtualization=on,gic-version=$gic" -cpu max \
		"${args[@]}" </dev/null >"$dir/$name.native" 2>&1
	timeout --kill-after=5 "$limit" "$launcher" -M "virt,gic-version=$gic" \
		"${args[@]}" </dev/null >"$dir/$name.vel2" 2>&1
	if ! view "$dir/$name.native" | grep -q '^bootview: end'; then
		echo "bootview-test: FAIL $name: the native run did not finish"
		failed=$((failed + 1))
	elif ! diff <(view "$dir/$name.native") \
		<(view "$dir/$name.vel2") >"$dir/$name.diff"; then
		echo "bootview-test: FAIL $name: the guest's view differs"
		head -8 "$dir/$name.diff"
		failed=$((failed + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "bootview-test: $pass passed, $failed failed"
((failed == 0))
