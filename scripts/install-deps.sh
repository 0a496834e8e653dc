#!/usr/bin/env bash
# Installs what vel2 needs to build and test, and nothing else. Idempotent:
# a tool that is already there is left alone. Prints every package it installs.
#
# usage: scripts/install-deps.sh [host|target|qemu|guest-kernel|l2-qemu|fuzz|libfdt|format|all]...
#   host          gcc, make, cmocka (host unit tests)
#   target        aarch64 cross toolchain (also the encoding oracle: as),
#                 and arm-linux-gnueabihf binutils (A32/T32 guest payloads)
#   qemu          qemu-system-aarch64 >= 9 (FEAT_NV/NV2); on bookworm this
#                 comes from bookworm-backports
#   guest-kernel  Debian's arm64 kernel image, unpacked under build/kernel
#   l2-qemu       Debian's arm64 qemu-system-aarch64 and the arm64 shared
#                 libraries it loads, unpacked under build/l2/qemu (the
#                 real VMM the guest hypervisor runs, tests/l2/)
#   fuzz          clang and its libFuzzer runtime (make fuzz)
#   format        clang-format (make format, make format-check)
#   libfdt        libfdt's sources (dtc project) from Debian's linux-source
#                 package, unpacked under build/libfdt/src (docs/libfdt.md)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

updated=0
apt_update() {
	if [ $updated = 0 ]; then
		echo "install-deps: apt-get update"
		$SUDO apt-get update -qq
		updated=1
	fi
}

# apt_install PKG... [-- APT_ARGS...]: install the packages not yet installed.
apt_install() {
	local pkgs=() args=() p
	while [ $# -gt 0 ]; do
		if [ "$1" = -- ]; then
			shift
			args=("$@")
			break
		fi
		pkgs+=("$1")
		shift
	done
	local missing=()
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	apt_update
	echo "install-deps: installing ${missing[*]}"
	$SUDO apt-get install -y -qq --no-install-recommends "${args[@]}" \
		"${missing[@]}" >/dev/null
}

codename() { . /etc/os-release && echo "${VERSION_CODENAME:-}"; }

qemu_major() {
	command -v qemu-system-aarch64 >/dev/null || { echo 0; return; }
	qemu-system-aarch64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p'
}

do_host() {
	apt_install gcc make libc6-dev libcmocka-dev pkg-config device-tree-compiler
}

do_format() {
	apt_install clang-format
}

do_target() {
	# libc6-dev-arm64-cross: static glibc and <linux/kvm.h> for the
	# programs in the test initramfs (tests/l2/).
	# binutils-arm-linux-gnueabihf: the A32/T32 payloads of test guests
	# (guests/*.a32).
	apt_install gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu \
		libc6-dev-arm64-cross binutils-arm-linux-gnueabihf
}

do_qemu() {
	[ "$(qemu_major)" -ge 9 ] && return 0
	if [ "$(codename)" = bookworm ]; then
		local list=/etc/apt/sources.list.d/vel2-backports.list
		if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list \
			/etc/apt/sources.list.d/; then
			echo "install-deps: adding bookworm-backports ($list)"
			echo "deb http://deb.debian.org/debian bookworm-backports main" |
				$SUDO tee "$list" >/dev/null
			updated=0
		fi
		apt_install qemu-system-arm qemu-system-data ipxe-qemu \
			-- -t bookworm-backports
	else
		apt_install qemu-system-arm
	fi
	if [ "$(qemu_major)" -lt 9 ]; then
		echo "install-deps: qemu-system-aarch64 $(qemu_major).x lacks FEAT_NV;" \
			"vel2 needs QEMU >= 9" >&2
		exit 1
	fi
}

do_fuzz() {
	apt_install clang libclang-rt-dev
}

add_arm64() {
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		echo "install-deps: dpkg --add-architecture arm64"
		$SUDO dpkg --add-architecture arm64
		updated=0
	fi
	apt_update
}

do_guest_kernel() {
	local dir=$top/build/kernel
	# cpio packs the test initramfs the kernel boots into.
	apt_install cpio gzip
	[ -f "$dir/Image" ] && return 0
	add_arm64
	mkdir -p "$dir"
	local tmp
	tmp=$(mktemp -d)
	chmod 755 "$tmp" # apt's download user must be able to write here
	# linux-image-arm64 is a metapackage; its dependency names the real one.
	local real
	real=$(apt-cache depends linux-image-arm64:arm64 |
		sed -n 's/.*Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -1)
	echo "install-deps: downloading $real:arm64"
	(cd "$tmp" && apt-get download -qq "$real:arm64")
	dpkg -x "$tmp"/*.deb "$tmp/x"
	local img
	img=$(ls "$tmp"/x/boot/vmlinuz-* | head -1)
	# Debian ships the arm64 Image gzip-compressed or raw depending on release.
	if gzip -t "$img" 2>/dev/null; then
		gzip -dc "$img" >"$dir/Image"
	else
		cp "$img" "$dir/Image"
	fi
	basename "$img" >"$dir/VERSION"
	rm -rf "$tmp"
	echo "install-deps: kernel $(cat "$dir/VERSION") -> $dir/Image"
}

# libfdt's C sources, for vel2's three builds (host, ASan, EL2 image) with
# vel2's own flags: Debian's libfdt-dev ships only a libfdt.a built without
# -mstrict-align, unusable with the EL2 MMU off, and Debian's source
# packages are not reachable from every machine (docs/libfdt.md). Debian's
# linux-source-<ver> carries the dtc project's libfdt in scripts/dtc/libfdt.
do_libfdt() {
	local dir=$top/build/libfdt/src
	[ -f "$dir/libfdt.h" ] && return 0
	apt_install xz-utils
	apt_update
	local tmp real
	tmp=$(mktemp -d)
	chmod 755 "$tmp" # apt's download user must be able to write here
	real=$(apt-cache depends linux-source |
		sed -n 's/.*Depends: \(linux-source-[0-9][^ ]*\).*/\1/p' | head -1)
	echo "install-deps: downloading $real for libfdt's sources"
	(cd "$tmp" && apt-get download -qq "$real")
	mkdir -p "$tmp/x"
	dpkg-deb --fsys-tarfile "$tmp"/*.deb |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		xz -dc | tar -x -C "$tmp/x" --wildcards '*/scripts/dtc/libfdt/*'
	mkdir -p "$dir"
	cp "$tmp"/x/*/scripts/dtc/libfdt/* "$dir/"
	echo "$real" >"$dir/FROM"
	rm -rf "$tmp"
	echo "install-deps: libfdt sources from $real -> $dir"
}

# The arm64 QEMU (Debian bookworm's, whichever version the archive
# offers for arm64 by default) for the L1 initramfs: the package and every
# arm64 package it depends on (downloaded, never installed), and
# from those only the shared objects the binary really loads (the
# DT_NEEDED closure, read with readelf), plus the dynamic loader.
# Result: build/l2/qemu/root/{usr/bin,lib}, complete once .complete exists.
do_l2_qemu() {
	local dir=$top/build/l2/qemu
	[ -f "$dir/.complete" ] && return 0
	do_target
	apt_install cpio gzip
	add_arm64
	local tmp pkgs
	tmp=$(mktemp -d)
	chmod 755 "$tmp" # apt's download user must be able to write here
	pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		qemu-system-arm:arm64 |
		sed -n 's/^\([^ <>]*\):arm64$/\1:arm64/p' |
		sort -u)
	echo "install-deps: downloading qemu-system-arm:arm64 and" \
		"$(($(echo "$pkgs" | wc -l) - 1)) arm64 packages it depends on"
	# shellcheck disable=SC2086 # pkgs: one word per package
	(cd "$tmp" && apt-get download -qq $pkgs)
	mkdir -p "$tmp/x"
	local d
	for d in "$tmp"/*.deb; do
		dpkg -x "$d" "$tmp/x"
	done
	rm -rf "$dir"
	mkdir -p "$dir/root/usr/bin" "$dir/root/lib/aarch64-linux-gnu"
	cp "$tmp/x/usr/bin/qemu-system-aarch64" "$dir/root/usr/bin/"
	local todo=("$dir/root/usr/bin/qemu-system-aarch64") f n src
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for n in $(aarch64-linux-gnu-readelf -d "$f" |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[ -e "$dir/root/lib/aarch64-linux-gnu/$n" ] && continue
			src=$(ls "$tmp"/x/lib/aarch64-linux-gnu/"$n" \
				"$tmp"/x/usr/lib/aarch64-linux-gnu/"$n" \
				2>/dev/null | head -1) || true
			if [ -z "$src" ]; then
				echo "install-deps: $n (needed by $f) is in" \
					"none of the downloaded packages" >&2
				exit 1
			fi
			cp -L "$src" "$dir/root/lib/aarch64-linux-gnu/$n"
			todo+=("$dir/root/lib/aarch64-linux-gnu/$n")
		done
	done
	# PT_INTERP of every arm64 Debian binary.
	cp -L "$tmp/x/lib/ld-linux-aarch64.so.1" "$dir/root/lib/"
	(cd "$tmp" && ls ./*.deb) | sed 's|^\./||' >"$dir/packages"
	rm -rf "$tmp"
	touch "$dir/.complete"
	echo "install-deps: qemu-system-aarch64 (arm64) and" \
		"$(ls "$dir/root/lib/aarch64-linux-gnu" | wc -l) libraries -> $dir/root"
}

[ $# -gt 0 ] || set -- all
for what in "$@"; do
	case $what in
	host) do_host ;;
	target) do_target ;;
	qemu) do_qemu ;;
	guest-kernel) do_guest_kernel ;;
	l2-qemu) do_l2_qemu ;;
	fuzz) do_fuzz ;;
	libfdt) do_libfdt ;;
	format) do_format ;;
	all) do_host; do_target; do_qemu; do_format ;;
	*) echo "usage: $0 [host|target|qemu|guest-kernel|l2-qemu|fuzz|libfdt|format|all]..." >&2; exit 2 ;;
	esac
done
