#!/bin/sh
# Encoding oracle driver (see mk/encoding.mk).
#   run.sh <gen> <check> <as> <objcopy> <march> <workdir> <allow-list>
# Assembles every catalog access with GNU as, drops the lines as rejects
# (their names are the UNKNOWN-TO-AS list, which must equal the allow-list),
# and checks the encoding of every other line against the catalog.
set -eu
gen=$1 check=$2 as=$3 objcopy=$4 march=$5 dir=$6 allow=$7

"$gen" "$dir/all.S" "$dir/all.manifest"

# GNU as reports each rejected line as "<file>:<line>: Error: ...".
"$as" -march="$march" "$dir/all.S" -o "$dir/all.o" 2>"$dir/all.err" || true
sed -n 's/^[^:]*all\.S:\([0-9][0-9]*\): Error:.*/\1/p' "$dir/all.err" |
	sort -un >"$dir/bad.lines"
if grep -v -e 'Assembler messages' -e ': Error: ' "$dir/all.err" >&2; then
	echo "encoding-test: unexpected assembler output" >&2
	exit 1
fi

awk 'NR == FNR { bad[$1] = 1; next } (FNR in bad) { print $1 }' \
	"$dir/bad.lines" "$dir/all.manifest" | sort -u >"$dir/unknown"
awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' \
	"$dir/bad.lines" "$dir/all.S" >"$dir/known.S"
awk 'NR == FNR { bad[$1] = 1; next } !(FNR in bad)' \
	"$dir/bad.lines" "$dir/all.manifest" >"$dir/known.manifest"

sed 's/^/UNKNOWN-TO-AS: /' "$dir/unknown"

# The allow-list: one name per line, '#' comments.
sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$allow" | sort -u \
	>"$dir/allowed"
if ! diff -u "$dir/allowed" "$dir/unknown" >"$dir/unknown.diff"; then
	echo "encoding-test: UNKNOWN-TO-AS list differs from $allow" \
		"(- allowed, + unknown to as):" >&2
	cat "$dir/unknown.diff" >&2
	exit 1
fi

"$as" -march="$march" "$dir/known.S" -o "$dir/known.o"
"$objcopy" -O binary -j .text "$dir/known.o" "$dir/known.bin"
"$check" "$dir/known.manifest" "$dir/known.bin"
