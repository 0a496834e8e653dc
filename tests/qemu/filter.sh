#!/usr/bin/env bash
# Normalise a console log for comparison: drop CRs, vel2's own lines
# ("vel2: ...") and host-dependent lines ("~..."), which are documented
# as not deterministic.
# grep -v exits 1 when every line was dropped, which is no error; a log
# that is missing is one.
[ -r "$1" ] || { echo "filter.sh: cannot read $1" >&2; exit 2; }
tr -d '\r' <"$1" | grep -v -e '^vel2: ' -e '^~' || true
