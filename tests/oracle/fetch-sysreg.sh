#!/bin/sh
# Fetch Linux's machine-readable AArch64 register description,
# arch/arm64/tools/sysreg, from Debian's linux-source-6.12 package, the way
# scripts/install-deps.sh fetches the guest kernel: apt-get download into a
# cache under build/, never committed.
#   fetch-sysreg.sh <out file>
set -eu
out=$1
[ -s "$out" ] && exit 0
dir=$(dirname "$out")/dl
mkdir -p "$dir"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if ! ls "$dir"/linux-source-6.12_*.deb >/dev/null 2>&1; then
	chmod 755 "$dir" # apt's download user must be able to write here
	if ! (cd "$dir" && apt-get download -qq linux-source-6.12); then
		# The package comes from bookworm(-security/-backports) lists,
		# which install-deps.sh qemu makes sure of.
		scripts/install-deps.sh qemu
		$SUDO apt-get update -qq
		(cd "$dir" && apt-get download -qq linux-source-6.12)
	fi
fi
deb=$(ls "$dir"/linux-source-6.12_*.deb | head -1)
echo "fetch-sysreg: extracting arch/arm64/tools/sysreg from $(basename "$deb")"
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO ./usr/src/linux-source-6.12.tar.xz | xz -dc |
	tar -xO linux-source-6.12/arch/arm64/tools/sysreg >"$out.tmp"
mv "$out.tmp" "$out"
