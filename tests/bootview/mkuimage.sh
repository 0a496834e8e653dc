#!/usr/bin/env bash
# mkuimage.sh PAYLOAD ADDR OUT: a U-Boot legacy image header (64 bytes,
# big-endian: magic 0x27051956, header CRC32, time, size, load address,
# entry point, data CRC32, os=Linux(5), arch=arm64(22), type=kernel(2),
# comp=none(0), 32-byte name) in front of PAYLOAD, loaded and entered at
# ADDR. CRC32 (IEEE) from gzip's trailer, which holds the same checksum.
set -euo pipefail
payload=$1 addr=$(($2)) out=$3
be32() { printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"; }
crc32() { gzip -c | tail -c 8 | head -c 4 | od -An -t u4 --endian=little | tr -d ' '; }
header() { # $1: header CRC
	be32 0x27051956; be32 "$1"; be32 0; be32 "$size"; be32 $addr
	be32 $addr; be32 "$dcrc"
	printf '\x05\x16\x02\x00'
	printf 'bootview'; head -c 24 /dev/zero
}
size=$(stat -c %s "$payload")
dcrc=$(crc32 <"$payload")
hcrc=$(header 0 | crc32)
{ header "$hcrc"; cat "$payload"; } >"$out"
